"""`python -m macros.release.scorm [SITE_DIR] [DIST_DIR]`: a SCORM 1.2 package of the offline site.

The zip holds the offline site with `imsmanifest.xml` at its root: one organisation whose
items follow the site's navigation (sections become items that group their pages), one
resource per page, and one shared resource listing every other file (CSS, scripts, search
index, downloads, embeds), on which each page resource depends. So every file in the
package is listed exactly once.

Pages are SCORM *assets* (`adlcp:scormtype="asset"`), not SCOs: a SCO must find the LMS's
API object and call LMSInitialize/LMSFinish, which would add LMS-only JavaScript to pages
that are also the public site. Learning platforms (Moodle, Canvas, Blackboard...) show and
launch assets like any other item; they just do not receive scores or completion from them.

The XSDs named in `xsi:schemaLocation` are referenced by name only, as most packages do;
platforms do not need them inside the zip.
"""

from __future__ import annotations

import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import quote

from .archive import files_under, write_zip
from .site import BuiltSite, read_site

ROOT = Path(__file__).resolve().parents[2]  # the project folder
MANIFEST = "imsmanifest.xml"
IMSCP = "http://www.imsproject.org/xsd/imscp_rootv1p1p2"
ADLCP = "http://www.adlnet.org/xsd/adlcp_rootv1p2"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
SCHEMA_LOCATIONS = (
    f"{IMSCP} imscp_rootv1p1p2.xsd "
    "http://www.imsglobal.org/xsd/imsmd_rootv1p2p1 imsmd_rootv1p2p1.xsd "
    f"{ADLCP} adlcp_rootv1p2.xsd"
)
COMMON = "RES-COMMON"


def _href(path: str) -> str:
    return quote(path, safe="/")


def manifest(site: BuiltSite) -> bytes:
    ET.register_namespace("", IMSCP)
    ET.register_namespace("adlcp", ADLCP)
    ET.register_namespace("xsi", XSI)
    root = ET.Element(f"{{{IMSCP}}}manifest", {
        "identifier": f"MANIFEST-{site.slug}-{site.version}", "version": site.version,
        f"{{{XSI}}}schemaLocation": SCHEMA_LOCATIONS,
    })
    metadata = ET.SubElement(root, f"{{{IMSCP}}}metadata")
    ET.SubElement(metadata, f"{{{IMSCP}}}schema").text = "ADL SCORM"
    ET.SubElement(metadata, f"{{{IMSCP}}}schemaversion").text = "1.2"
    organizations = ET.SubElement(root, f"{{{IMSCP}}}organizations", {"default": "ORG-1"})
    organization = ET.SubElement(organizations, f"{{{IMSCP}}}organization", {"identifier": "ORG-1"})
    ET.SubElement(organization, f"{{{IMSCP}}}title").text = f"{site.site} ({site.version})"
    resources = ET.SubElement(root, f"{{{IMSCP}}}resources")

    page_files: list[str] = []
    counter = {"item": 0}

    def add_items(parent: ET.Element, nav: list[dict]) -> None:
        for entry in nav:
            counter["item"] += 1
            n = counter["item"]
            if "children" in entry:
                item = ET.SubElement(parent, f"{{{IMSCP}}}item", {"identifier": f"ITEM-{n}"})
                ET.SubElement(item, f"{{{IMSCP}}}title").text = entry["title"]
                add_items(item, entry["children"])
            elif "file" in entry:
                item = ET.SubElement(parent, f"{{{IMSCP}}}item", {"identifier": f"ITEM-{n}", "identifierref": f"RES-{n}"})
                ET.SubElement(item, f"{{{IMSCP}}}title").text = entry["title"]
                resource = ET.SubElement(resources, f"{{{IMSCP}}}resource", {
                    "identifier": f"RES-{n}", "type": "webcontent", f"{{{ADLCP}}}scormtype": "asset",
                    "href": _href(entry["file"]),
                })
                ET.SubElement(resource, f"{{{IMSCP}}}file", {"href": _href(entry["file"])})
                ET.SubElement(resource, f"{{{IMSCP}}}dependency", {"identifierref": COMMON})
                page_files.append(entry["file"])
            # links to other sites in the nav have no file in the package: not an item

    add_items(organization, site.nav)
    common = ET.SubElement(resources, f"{{{IMSCP}}}resource", {
        "identifier": COMMON, "type": "webcontent", f"{{{ADLCP}}}scormtype": "asset",
    })
    listed = set(page_files)
    for rel in files_under(site.folder):
        if rel not in listed and rel != MANIFEST:
            ET.SubElement(common, f"{{{IMSCP}}}file", {"href": _href(rel)})
    ET.indent(root)
    return ET.tostring(root, encoding="UTF-8", xml_declaration=True) + b"\n"


def package(site_dir: Path, dist_dir: Path) -> Path:
    site = read_site(site_dir)
    return write_zip(dist_dir / site.artefact("scorm", ".zip"), site_dir,
                     extra={MANIFEST: manifest(site).decode("utf-8")})


def main(argv: list[str]) -> int:
    site_dir = Path(argv[0]) if argv else ROOT / "build" / "offline-site"
    dist_dir = Path(argv[1]) if len(argv) > 1 else ROOT / "dist"
    print(f"SCORM package written to {package(site_dir, dist_dir)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
