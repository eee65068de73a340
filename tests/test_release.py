"""Release packages made from one offline build: the zip, the SCORM 1.2 package and the PDF handout."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import zipfile
from pathlib import Path
from urllib.parse import unquote

import pytest
from lxml import etree
from pypdf import PdfReader

from macros.reuse.version import project_version

from .conftest import ROOT

NS = {"cp": "http://www.imsproject.org/xsd/imscp_rootv1p1p2", "adlcp": "http://www.adlnet.org/xsd/adlcp_rootv1p2"}
# Attributes that make a browser fetch something by itself (links a reader clicks are not fetched).
FETCHING = re.compile(r'<(?:script|img|iframe|source|audio|video)\b[^>]*\bsrc="([^"]*)"|<link\b[^>]*\bhref="([^"]*)"', re.I)


def run(module: str, *args: Path) -> str:
    done = subprocess.run([sys.executable, "-m", module, *map(str, args)], cwd=ROOT, capture_output=True, text=True, check=False)
    assert done.returncode == 0, f"{module} failed:\n{done.stdout}\n{done.stderr}"
    return done.stdout


def nav_pages(site: Path) -> list[dict]:
    out: list[dict] = []

    def walk(items):
        for item in items:
            if "children" in item:
                walk(item["children"])
            elif "file" in item:
                out.append(item)

    walk(json.loads((site / "pages.json").read_text())["nav"])
    return out


# --------------------------------------------------------------------------- offline zip


def test_offline_zip_is_one_folder_with_the_whole_site(offline_release) -> None:
    name = offline_release["zip"].name
    assert name == f"t-dm1-evidence-guide-offline-{project_version()}.zip"
    top = name.removesuffix(".zip") + "/"
    with zipfile.ZipFile(offline_release["zip"]) as zf:
        names = zf.namelist()
        assert all(n.startswith(top) for n in names)
        inside = {n.removeprefix(top) for n in names}
        for required in ("index.html", "README.txt", "search/search_index.js", "assets/vendor/iframe-worker/shim.js",
                         "embed/index.json", "downloads/efficacy.csv", "trials/emilia.html", "embed/trials/emilia.html"):
            assert required in inside, f"{required} missing from the zip"
        site_files = {p.relative_to(offline_release["site"]).as_posix() for p in offline_release["site"].rglob("*") if p.is_file()}
        assert inside - {"README.txt"} == site_files
        assert "index.html" in zf.read(top + "README.txt").decode()


def test_offline_pages_fetch_nothing_from_other_servers(offline_release) -> None:
    site = offline_release["site"]
    checked = 0
    for page in site.rglob("*.html"):
        if page.name == "404.html":
            continue  # only a web server shows it (with root-relative links); never opened from disk
        html = page.read_text(encoding="utf-8")
        assert "unpkg.com" not in html, f"{page}: names unpkg.com"
        for match in FETCHING.finditer(html):
            url = match.group(1) or match.group(2)
            checked += 1
            assert not re.match(r"^(https?:)?//", url), f"{page}: fetches {url}"
            assert (page.parent / unquote(url.split("?")[0].split("#")[0])).resolve().is_file(), f"{page}: {url} missing"
    assert checked > 500
    # directory URLs are off: links go to .html files, which a file:// browser can open
    index = (site / "index.html").read_text(encoding="utf-8")
    assert 'href="mechanism.html"' in index


# --------------------------------------------------------------------------- SCORM


@pytest.fixture(scope="module")
def scorm_dist(offline_release, tmp_path_factory) -> Path:
    dist = tmp_path_factory.mktemp("scorm")
    run("macros.release.scorm", offline_release["site"], dist)
    return dist


@pytest.fixture(scope="module")
def scorm_zip(scorm_dist: Path) -> Path:
    """The whole-guide package (the others are named after their module)."""
    zips = [z for z in scorm_dist.glob("*-scorm-*.zip") if re.fullmatch(r".*-scorm-\d[^-]*\.zip", z.name)]
    assert len(zips) == 1
    return zips[0]


MODULES = ("for-patients-and-families", "how-it-works", "trials", "safety", "treatment-sequencing")


def module_zip(dist: Path, slug: str) -> Path:
    (found,) = dist.glob(f"*-scorm-{slug}-*.zip")
    return found


def test_every_module_is_a_package_with_one_sco(scorm_dist: Path, offline_release) -> None:
    from macros.release.scorm import modules
    from macros.release.site import read_site

    site = read_site(offline_release["site"])
    by_slug = {m.slug: m for m in modules(site)}
    assert set(MODULES) <= set(by_slug), sorted(by_slug)
    assert {p.audience for p in site.pages() if p.file in by_slug["for-patients-and-families"].files} == {"patient"}
    assert len(by_slug["trials"].files) > 10 and by_slug["safety"].files == ("safety.html",)
    for slug in MODULES:
        with zipfile.ZipFile(module_zip(scorm_dist, slug)) as zf:
            names = set(zf.namelist())
            root = etree.fromstring(zf.read("imsmanifest.xml"))
        scos = [r for r in root.iter(f"{{{NS['cp']}}}resource") if r.get(f"{{{NS['adlcp']}}}scormtype") == "sco"]
        assert len(scos) == 1 and scos[0].get("href") == f"sco-{slug}.html"
        listed = {f.get("href") for f in root.iter(f"{{{NS['cp']}}}file")}
        assert listed == names - {"imsmanifest.xml"}
        assert {"assets/vendor/scorm/scorm-wrapper.js", "assets/vendor/scorm/sco.js", "index.html"} <= names


def test_a_scorm_2004_module_manifest(offline_release) -> None:
    # `make scorm SCORM=2004`: the same SCO (sco.js speaks both versions; tests/test_scorm_browser.py
    # runs it under a 2004 runtime), declared in SCORM 2004's content-packaging schema
    from macros.release.scorm import SCORM2004, module_manifest, modules
    from macros.release.site import read_site

    site = read_site(offline_release["site"])
    module = next(m for m in modules(site) if m.slug == "safety")
    root = etree.fromstring(module_manifest(site, module, SCORM2004))
    cp, adlcp = "http://www.imsglobal.org/xsd/imscp_v1p1", "http://www.adlnet.org/xsd/adlcp_v1p3"
    assert root.tag == f"{{{cp}}}manifest"
    assert root.findtext(f"{{{cp}}}metadata/{{{cp}}}schemaversion") == "2004 4th Edition"
    types = {r.get("identifier"): r.get(f"{{{adlcp}}}scormType") for r in root.iter(f"{{{cp}}}resource")}
    assert types == {"RES-SCO": "sco", "RES-COMMON": "asset"}
    item = root.find(f"{{{cp}}}organizations/{{{cp}}}organization/{{{cp}}}item")
    assert item is not None and item.get("identifierref") == "RES-SCO" and item.findtext(f"{{{cp}}}title") == "Safety"
    files = {f.get("href") for f in root.iter(f"{{{cp}}}file")}
    assert "sco-safety.html" in files and "safety.html" in files


def test_scorm_manifest_lists_every_file_and_only_files_that_exist(scorm_zip: Path) -> None:
    with zipfile.ZipFile(scorm_zip) as zf:
        names = set(zf.namelist())
        root = etree.fromstring(zf.read("imsmanifest.xml"))  # raises if not well-formed
    assert "imsmanifest.xml" in names
    assert root.tag == f"{{{NS['cp']}}}manifest"
    assert root.findtext("cp:metadata/cp:schemaversion", namespaces=NS) == "1.2"
    hrefs = [unquote(f.get("href")) for f in root.iterfind(".//cp:resource/cp:file", NS)]
    assert len(hrefs) == len(set(hrefs)), "a file is listed twice"
    assert set(hrefs) == names - {"imsmanifest.xml"}
    ids = [el.get("identifier") for el in root.iter() if el.get("identifier")]
    assert len(ids) == len(set(ids))
    resources = {r.get("identifier"): r for r in root.iterfind(".//cp:resource", NS)}
    for r in resources.values():
        assert r.get("type") == "webcontent" and r.get(f"{{{NS['adlcp']}}}scormtype") == "asset"
        if r.get("href"):
            assert unquote(r.get("href")) in names
        for dep in r.iterfind("cp:dependency", NS):
            assert dep.get("identifierref") in resources


def test_scorm_items_follow_the_site_navigation(scorm_zip: Path, offline_release) -> None:
    with zipfile.ZipFile(scorm_zip) as zf:
        root = etree.fromstring(zf.read("imsmanifest.xml"))
    organizations = root.findall("cp:organizations/cp:organization", NS)
    assert len(organizations) == 1
    assert root.find("cp:organizations", NS).get("default") == organizations[0].get("identifier")
    resources = {r.get("identifier"): unquote(r.get("href")) for r in root.iterfind(".//cp:resource", NS) if r.get("href")}
    launched = [(item.findtext("cp:title", namespaces=NS), resources[item.get("identifierref")])
                for item in organizations[0].iter(f"{{{NS['cp']}}}item") if item.get("identifierref")]
    expected = [(p["title"], p["file"]) for p in nav_pages(offline_release["site"])]
    assert launched == expected
    top = [item.findtext("cp:title", namespaces=NS) for item in organizations[0].findall("cp:item", NS)]
    assert top[:3] == ["Home", "For patients and families", "For health professionals"]


# --------------------------------------------------------------------------- PDF


@pytest.fixture(scope="module")
def pdf_dist(offline_release, tmp_path_factory) -> Path:
    """`make pdf` once for this module's tests: the folder of PDFs."""
    out = tmp_path_factory.mktemp("pdf") / "pdf"
    run("macros.release.pdf", offline_release["site"], out)
    return out


@pytest.mark.browser
def test_pdf_of_the_clinician_section(offline_release, pdf_dist: Path) -> None:
    out = pdf_dist
    pdfs = sorted(p.name for p in out.iterdir())
    every = nav_pages(offline_release["site"])
    patient = [p for p in every if p.get("audience") == "patient"]
    pages = [p for p in every if p.get("audience") != "patient"]
    assert len(patient) >= 7
    clinician = f"t-dm1-evidence-guide-clinician-{project_version()}.pdf"
    assert clinician in pdfs and len(pdfs) == len(patient) + 1, "one PDF per patient page, one for the rest"
    reader = PdfReader(out / clinician)
    assert len(reader.pages) >= len(pages)
    assert [item.title.split(" › ")[-1] for item in reader.outline] == [p["title"] for p in pages]
    text = "\n".join(page.extract_text() for page in reader.pages)
    for heading in ("Adverse events by trial", "EMILIA", "Cite this page", "Content last reviewed"):
        assert heading in text, f"{heading!r} not in the PDF"
    assert "Embed parts of this page" not in text, "the embed snippets are screen-only"
    assert "Search" not in reader.pages[0].extract_text(), "no search box in print"


@pytest.mark.browser
def test_the_fridge_sheet_prints_on_one_page(offline_release, pdf_dist: Path, guide) -> None:
    """The warning signs, by urgency, with blanks to fill in, on exactly one page (make pdf also refuses
    a sheet that needs more than one A4 or US Letter page)."""
    sheets = [p for p in nav_pages(offline_release["site"]) if p.get("sheet")]
    assert [p["src"] for p in sheets] == ["patients/warning-signs-sheet.md"]
    reader = PdfReader(pdf_dist / f"t-dm1-evidence-guide-patients-warning-signs-sheet-{project_version()}.pdf")
    assert len(reader.pages) == 1
    text = " ".join(reader.pages[0].extract_text().split())
    for words in ("My care team's number, day or night", "if my temperature is at or above", "My next appointment",
                  "Call your local emergency number now", "Call your care team now, day or night",
                  "Call your care team the same day", "Tell your care team at your next visit"):
        assert words in text, f"{words!r} not on the sheet"
    for g in guide.patient.guidance:  # every side effect with a warning sign, from the same records
        assert f"{g.effect}:" in text, f"{g.effect!r} not on the sheet"
    for hidden in ("Cite this page", "Search", "For health professionals"):
        assert hidden not in text, f"{hidden!r} is screen-only"
