"""`python -m macros.release.scorm [SITE_DIR] [DIST_DIR] [1.2|2004]`: SCORM packages of the offline site.

Two kinds of package, each holding the whole offline site (pages link across the guide):

- one per **module**, a SCO: the nav's modules (`modules`: a top-level section of pages is one
  module, a top-level section holding subsections gives one module per entry: How it works,
  Trials, Safety...). Its launch page (`sco-<module>.html`, from `templates/scorm_launcher.html`)
  shows the module's pages in a frame and reports to the platform through the pinned SCORM
  wrapper from npm (`@gamestdio/scorm`, a port of the pipwerks wrapper) and `sco.js` beside this
  file: incomplete on launch, lesson_location as the learner moves, completed on the module's
  last page. The pages themselves are the public site's, unchanged. SCORM 1.2 by default; with
  `2004` the same SCO in a SCORM 2004 manifest (sco.js speaks whichever API the platform offers).
- the **whole guide**, as before:

The whole-guide zip holds the offline site with `imsmanifest.xml` at its root: one organisation whose
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

import re
import sys
import unicodedata
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from urllib.parse import quote

from .. import i18n, markup
from ..modules import nav_modules
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


@dataclass(frozen=True)
class Flavour:
    """What differs between a SCORM 1.2 and a SCORM 2004 manifest (the SCO itself speaks both)."""

    imscp: str
    adlcp: str
    schema_locations: str
    schemaversion: str
    scormtype: str  # the resource attribute's name: adlcp:scormtype (1.2), adlcp:scormType (2004)
    kind: str  # in package names: "scorm", "scorm2004"


SCORM12 = Flavour(IMSCP, ADLCP, SCHEMA_LOCATIONS, "1.2", "scormtype", "scorm")
IMSCP_2004 = "http://www.imsglobal.org/xsd/imscp_v1p1"
ADLCP_2004 = "http://www.adlnet.org/xsd/adlcp_v1p3"
SCORM2004 = Flavour(IMSCP_2004, ADLCP_2004, f"{IMSCP_2004} imscp_v1p1.xsd {ADLCP_2004} adlcp_v1p3.xsd",
                    "2004 4th Edition", "scormType", "scorm2004")
FLAVOURS = MappingProxyType({"1.2": SCORM12, "2004": SCORM2004})


def _href(path: str) -> str:
    return quote(path, safe="/")


def _skeleton(identifier: str, version: str, title: str,
              flavour: Flavour = SCORM12) -> tuple[ET.Element, ET.Element, ET.Element]:
    """A SCORM manifest's root with its metadata, one organization (titled) and the resources element."""
    cp = flavour.imscp
    ET.register_namespace("", cp)
    ET.register_namespace("adlcp", flavour.adlcp)
    ET.register_namespace("xsi", XSI)
    root = ET.Element(f"{{{cp}}}manifest", {
        "identifier": identifier, "version": version, f"{{{XSI}}}schemaLocation": flavour.schema_locations,
    })
    metadata = ET.SubElement(root, f"{{{cp}}}metadata")
    ET.SubElement(metadata, f"{{{cp}}}schema").text = "ADL SCORM"
    ET.SubElement(metadata, f"{{{cp}}}schemaversion").text = flavour.schemaversion
    organizations = ET.SubElement(root, f"{{{cp}}}organizations", {"default": "ORG-1"})
    organization = ET.SubElement(organizations, f"{{{cp}}}organization", {"identifier": "ORG-1"})
    ET.SubElement(organization, f"{{{cp}}}title").text = title
    return root, organization, ET.SubElement(root, f"{{{cp}}}resources")


def manifest(site: BuiltSite) -> bytes:
    root, organization, resources = _skeleton(f"MANIFEST-{site.slug}-{site.version}", site.version,
                                              i18n.t("release.scorm.title", site=site.site, version=site.version))

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
    with i18n.using(site.strings()):
        return write_zip(dist_dir / site.artefact("scorm", ".zip"), site_dir,
                         extra={MANIFEST: manifest(site).decode("utf-8")})


# --------------------------------------------------------------------------- modules as SCOs

WRAPPER_SRC = ROOT / "node_modules" / "@gamestdio" / "scorm" / "lib" / "index.js"
WRAPPER_DEST = "assets/vendor/scorm/scorm-wrapper.js"
WRAPPER_LICENCE_DEST = "assets/vendor/scorm/LICENSE.txt"
SCO_SCRIPT_DEST = "assets/vendor/scorm/sco.js"
SCO_SCRIPT_SRC = Path(__file__).with_name("sco.js")


@dataclass(frozen=True)
class Module:
    title: str
    slug: str
    files: tuple[str, ...]  # its pages' HTML files, in nav order

    @property
    def launcher(self) -> str:
        return f"sco-{self.slug}.html"


def modules(site: BuiltSite) -> list[Module]:
    """The nav's modules (`macros.modules`), each with its pages' HTML files."""
    out = [Module(m.title, _slug(m.title), tuple(p["file"] for p in m.pages)) for m in nav_modules(site.nav)]
    slugs = [m.slug for m in out]
    if len(set(slugs)) != len(slugs):
        raise SystemExit(f"two modules of the nav have the same name: {slugs}")
    return out


def _slug(title: str) -> str:
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_title.lower()).strip("-")


def _wrapper() -> str:
    """The npm wrapper is a CommonJS module: give it an `exports` object and publish it as GuideScorm."""
    if not WRAPPER_SRC.is_file():
        raise SystemExit(f"{WRAPPER_SRC} not found: install the pinned Node tools with `npm ci` (`make scorm` does this)")
    return ("/* @gamestdio/scorm (MIT, see LICENSE.txt), wrapped for a plain <script> by the guide's build */\n"
            "window.GuideScorm = (function (exports) {\n" + WRAPPER_SRC.read_text(encoding="utf-8")
            + "\nreturn exports;\n})({});\n")


def module_manifest(site: BuiltSite, module: Module, flavour: Flavour = SCORM12) -> bytes:
    cp, scormtype = flavour.imscp, f"{{{flavour.adlcp}}}{flavour.scormtype}"
    root, organization, resources = _skeleton(
        f"MANIFEST-{site.slug}-{module.slug}-{site.version}", site.version,
        i18n.t("release.scorm.module_title", site=site.site, module=module.title, version=site.version), flavour)
    item = ET.SubElement(organization, f"{{{cp}}}item", {"identifier": "ITEM-1", "identifierref": "RES-SCO"})
    ET.SubElement(item, f"{{{cp}}}title").text = module.title
    sco = ET.SubElement(resources, f"{{{cp}}}resource", {
        "identifier": "RES-SCO", "type": "webcontent", scormtype: "sco", "href": _href(module.launcher),
    })
    own = (module.launcher, WRAPPER_DEST, WRAPPER_LICENCE_DEST, SCO_SCRIPT_DEST)
    for rel in own:
        ET.SubElement(sco, f"{{{cp}}}file", {"href": _href(rel)})
    ET.SubElement(sco, f"{{{cp}}}dependency", {"identifierref": COMMON})
    common = ET.SubElement(resources, f"{{{cp}}}resource", {
        "identifier": COMMON, "type": "webcontent", scormtype: "asset",
    })
    for rel in files_under(site.folder):
        if rel not in own and rel != MANIFEST:
            ET.SubElement(common, f"{{{cp}}}file", {"href": _href(rel)})
    ET.indent(root)
    return ET.tostring(root, encoding="UTF-8", xml_declaration=True) + b"\n"


def module_package(site: BuiltSite, module: Module, dist_dir: Path, flavour: Flavour = SCORM12) -> Path:
    with i18n.using(site.strings()):
        title = i18n.t("release.scorm.launcher_title", module=module.title, site=site.site)
        launcher = markup.html("scorm_launcher.html", title=title, language=site.language,
                               pages=module.files, wrapper=WRAPPER_DEST, script=SCO_SCRIPT_DEST)
        manifest_xml = module_manifest(site, module, flavour).decode("utf-8")
    licence = WRAPPER_SRC.parent.parent / "LICENSE"
    extra = {
        MANIFEST: manifest_xml,
        module.launcher: str(launcher) + "\n",
        WRAPPER_DEST: _wrapper(),
        WRAPPER_LICENCE_DEST: licence.read_text(encoding="utf-8") if licence.is_file() else "MIT\n",
        SCO_SCRIPT_DEST: SCO_SCRIPT_SRC.read_text(encoding="utf-8"),
    }
    return write_zip(dist_dir / site.artefact(f"{flavour.kind}-{module.slug}", ".zip"), site.folder, extra=extra)


def packages(site_dir: Path, dist_dir: Path, version: str = "1.2") -> list[Path]:
    """The whole-guide package (SCORM 1.2 assets), then one SCO package per module in `version`."""
    site = read_site(site_dir)
    flavour = FLAVOURS[version]
    return [package(site_dir, dist_dir), *(module_package(site, m, dist_dir, flavour=flavour) for m in modules(site))]


def main(argv: list[str]) -> int:
    site_dir = Path(argv[0]) if argv else ROOT / "build" / "offline-site"
    dist_dir = Path(argv[1]) if len(argv) > 1 else ROOT / "dist"
    version = argv[2] if len(argv) > 2 else "1.2"
    if version not in FLAVOURS:
        print(f"SCORM version {version!r}: expected one of {', '.join(FLAVOURS)}", file=sys.stderr)
        return 2
    for path in packages(site_dir, dist_dir, version):
        print(f"SCORM package written to {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
