"""Reuse features driven by page metadata and by figures: the small test pack with one extra page
(`audience: patient`, `embed: true`, a collapsed section, an icon array)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from pypdf import PdfReader

from macros.reuse.version import project_version

from .conftest import MINIPACK, ROOT, build

FIXTURE = ROOT / "tests" / "fixtures" / "reuse"
PAGE = "patients/explainer.md"


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")


def resolve(page: Path, href: str) -> Path:
    target = (page.parent / href.split("#")[0]).resolve()
    return target / "index.html" if target.is_dir() else target


@pytest.fixture(scope="module")
def project_site(tmp_path_factory) -> Path:
    base = tmp_path_factory.mktemp("reuse")
    # The test pack, whose first patient page is the explainer (the counterpart of mechanism.md).
    pack = base / "pack"
    shutil.copytree(MINIPACK, pack)
    (pack / "docs" / "patients" / "about.md").unlink()
    shutil.copy(FIXTURE / "explainer.md", pack / "docs" / PAGE)
    mechanism = pack / "docs" / "mechanism.md"
    mechanism.write_text(mechanism.read_text().replace("counterpart: patients/about.md", f"counterpart: {PAGE}"))
    site_yml = pack / "data" / "site.yml"
    site_yml.write_text(site_yml.read_text().replace("About the medicine: patients/about.md", f"What the trial found: {PAGE}"))
    done = build(base / "site", pack)
    assert done.ok, f"fixture pack failed to build:\n{done.output}"
    return base / "site"


def test_page_marked_embed_gets_a_bare_copy_whose_links_work(project_site: Path) -> None:
    copy = project_site / "patients" / "explainer-embed" / "index.html"
    page = soup(copy)
    assert page.select_one(".md-header") is None and page.select_one(".md-sidebar") is None
    assert page.select_one("article h1").get_text(strip=True).rstrip("¶") == "What the trial found"
    hrefs = {a.get_text(strip=True): a["href"] for a in page.select("article a[href]") if not a["href"].startswith("#")}
    assert resolve(copy, hrefs["safety page"]) == (project_site / "safety" / "index.html").resolve()
    assert resolve(copy, hrefs["ALPHA"]) == (project_site / "trials" / "alpha" / "index.html").resolve()
    full = page.select_one("footer.embed-footer a")
    assert resolve(copy, full["href"]) == (project_site / "patients" / "explainer" / "index.html").resolve()
    snippets = soup(project_site / "patients" / "explainer" / "index.html").select(".embed-snippets code")
    assert any('src="patients/explainer-embed/"' in s.get_text() for s in snippets)
    index = json.loads((project_site / "search" / "search_index.json").read_text())
    locations = {d["location"].split("#")[0] for d in index["docs"]}
    assert "patients/explainer/" in locations
    assert not [loc for loc in locations if "embed" in loc], "embed copies must stay out of search"


def test_a_figure_on_a_page_becomes_an_embed(project_site: Path) -> None:
    key = "icon-array-alpha-orr"
    figure_page = project_site / "embed" / "figures" / key / "index.html"
    page = soup(figure_page)
    assert page.select_one("article svg title").get_text() == "ALPHA: Objective response rate"
    assert page.select_one("footer.embed-footer") is not None
    index = json.loads((project_site / "embed" / "index.json").read_text())
    figures = [e for e in index["embeds"] if e["kind"] == "figure" and e["id"] == f"figure/{key}"]
    assert [(e["url"], e["full_page"]) for e in figures] == [(f"embed/figures/{key}/", "patients/explainer/")]
    snippets = " ".join(c.get_text() for c in soup(project_site / "patients" / "explainer" / "index.html").select(".embed-snippets code"))
    assert f'src="embed/figures/{key}/"' in snippets


def test_patient_page_is_labelled_for_patients(project_site: Path) -> None:
    pages = json.loads((project_site / "pages.json").read_text())
    section = next(item for item in pages["nav"] if item["title"] == "For patients")
    assert section["children"][0]["audience"] == "patient"
    graph = json.loads(soup(project_site / "patients" / "explainer" / "index.html")
                       .select_one('script[type="application/ld+json"]').string)["@graph"]
    page = next(n for n in graph if n["@type"] == "MedicalWebPage")
    assert page["audience"]["audienceType"] == "Patient"


def test_catalogue_lists_the_page_but_not_its_embed_copy(project_site: Path) -> None:
    entry = soup(project_site / "references" / "index.html").find("li", id="doe2020")
    cited_on = [a["href"] for a in entry.select(".cited-on a")]
    assert any("patients/explainer/" in href for href in cited_on), cited_on
    assert not any("embed" in href for href in cited_on), cited_on


@pytest.mark.browser
def test_pdf_per_patient_page_and_one_for_clinicians(project_site: Path, tmp_path: Path) -> None:
    out = tmp_path / "pdf"
    done = subprocess.run([sys.executable, "-m", "macros.release.pdf", str(project_site), str(out)],
                          cwd=ROOT, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    version = project_version()
    slug = json.loads((project_site / "pages.json").read_text())["slug"]
    assert slug == "examplumab-test-guide"  # from the test pack's site.yml title
    patient_pdf = out / f"{slug}-patients-explainer-{version}.pdf"
    clinician_pdf = out / f"{slug}-clinician-{version}.pdf"
    patient_pages = [p for p in (project_site / "patients").iterdir() if p.is_dir() and not p.name.endswith("-embed")]
    made = sorted(out.iterdir())
    assert patient_pdf in made and clinician_pdf in made
    assert len(made) == len(patient_pages) + 1, f"one PDF per patient page plus the clinician one: {made}"
    patient_text = "\n".join(p.extract_text() for p in PdfReader(patient_pdf).pages)
    assert "What the trial found" in patient_text
    assert "must appear in the printed handout" in patient_text, "collapsed sections are opened for printing"
    assert "Content last reviewed" in patient_text
    clinician = PdfReader(clinician_pdf)
    assert "must appear in the printed handout" not in "\n".join(p.extract_text() for p in clinician.pages)
    assert not [item.title for item in clinician.outline if "What the trial found" in item.title]
    assert len(clinician.pages) >= len(clinician.outline) >= 10
