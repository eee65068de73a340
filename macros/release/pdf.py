"""`python -m macros.release.pdf [SITE_DIR] [OUT_DIR]`: PDF handouts printed by Chromium from a built site.

- one PDF per patient page (front matter `audience: patient`): <name>-<page>-<version>.pdf;
- a one-page sheet (front matter `sheet: true`, such as the warning signs for the fridge) is
  one of those; printing it on more than one page is an error, so a sheet that grew is caught here;
- one PDF of the clinician section (every other page in the nav, in nav order, each page
  starting on a new sheet, with a bookmark per page): <name>-clinician-<version>.pdf.

Pages are printed exactly as a reader's browser prints them (assets/print.css, and the
"beforeprint" script that opens collapsed sections), from the files themselves (file://),
so nothing is served and nothing leaves the machine. The PDFs are written to a staging
folder and moved into OUT_DIR only when all of them are done.
"""

from __future__ import annotations

import io
import os
import posixpath
import shutil
import sys
import tempfile
from pathlib import Path

from markupsafe import Markup
from playwright.sync_api import sync_playwright
from pypdf import PdfReader, PdfWriter

from macros import i18n
from macros.tools.common import CHROME_FLAGS

from .site import BuiltSite, NavPage, read_site

ROOT = Path(__file__).resolve().parents[2]  # the project folder
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
PATIENT = "patient"


def footer() -> str:
    """Chromium's own page footer: title and page numbers (the document's last line says where it
    came from). Chromium fills in the spans; the words around them are the site's (release.yml)."""
    words = i18n.tm("release.pdf.footer", title=Markup('<span class="title"></span>'),
                    page=Markup('<span class="pageNumber"></span>'), pages=Markup('<span class="totalPages"></span>'))
    return f'<div style="font-size:8px;width:100%;text-align:center;color:#555">{words}</div>'


def print_pages(site: BuiltSite, pages: list[NavPage], paper: str = "A4") -> list[bytes]:
    """Each page printed to its own PDF, in order."""
    out = []
    template = footer()
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=list(CHROME_FLAGS))
        try:
            tab = browser.new_page()
            for page in pages:
                tab.goto((site.folder / page.file).resolve().as_uri(), wait_until="load")
                # What a reader's browser does when they press Print: our script opens <details>.
                tab.evaluate("window.dispatchEvent(new Event('beforeprint'))")
                tab.emulate_media(media="print")
                out.append(tab.pdf(format=paper, print_background=False, display_header_footer=True,
                                   header_template="<span></span>", footer_template=template,
                                   margin={"top": "16mm", "bottom": "18mm", "left": "16mm", "right": "16mm"}))
        finally:
            browser.close()
    return out


def combine(pages: list[NavPage], pdfs: list[bytes], title: str) -> bytes:
    writer = PdfWriter()
    for page, pdf in zip(pages, pdfs, strict=True):
        label = " › ".join(page.section + (page.title,))
        writer.append(PdfReader(io.BytesIO(pdf)), outline_item=label)
    writer.add_metadata({"/Title": title})
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def handouts(site: BuiltSite) -> dict[str, bytes]:
    """{file name: PDF} for every patient page and for the clinician section, in the site's language."""
    with i18n.using(site.strings()):
        return _handouts(site)


def _handouts(site: BuiltSite) -> dict[str, bytes]:
    pages = site.pages()
    patient = [p for p in pages if p.audience == PATIENT]
    clinician = [p for p in pages if p.audience != PATIENT]
    printed = dict(zip([p.src for p in patient + clinician], print_pages(site, patient + clinician), strict=True))
    # A sheet is printed in A4; it must also fit on one US Letter page (shorter, wider).
    sheets = [p for p in patient if p.sheet]
    letter = dict(zip([p.src for p in sheets], print_pages(site, sheets, "Letter") if sheets else [], strict=True))
    too_long = [f"{p.src} ({n} pages on {paper})" for p in sheets for paper, pdf in (("A4", printed[p.src]), ("Letter", letter[p.src]))
                if (n := len(PdfReader(io.BytesIO(pdf)).pages)) != 1]
    if too_long:
        raise SystemExit("a sheet must print on one page: " + ", ".join(too_long))
    out: dict[str, bytes] = {}
    for page in patient:
        stem = posixpath.splitext(page.src)[0].replace("/", "-")
        out[site.artefact(stem, ".pdf")] = combine([page], [printed[page.src]],
                                                   i18n.t("release.pdf.patient_title", page=page.title, site=site.site))
    if clinician:
        out[site.artefact("clinician", ".pdf")] = combine(
            clinician, [printed[p.src] for p in clinician],
            i18n.t("release.pdf.clinician_title", site=site.site, version=site.version))
    return out


def write(site_dir: Path, out_dir: Path) -> list[Path]:
    site = read_site(site_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".pdf-", dir=out_dir.parent))
    try:
        for name, pdf in handouts(site).items():
            (staging / name).write_bytes(pdf)
        written = []
        for path in sorted(staging.iterdir()):
            path.chmod(0o644)
            written.append(Path(shutil.move(path, out_dir / path.name)))
        return written
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def main(argv: list[str]) -> int:
    site_dir = Path(argv[0]) if argv else ROOT / "build" / "offline-site"
    out_dir = Path(argv[1]) if len(argv) > 1 else ROOT / "dist" / "pdf"
    for path in write(site_dir, out_dir):
        print(f"PDF written to {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
