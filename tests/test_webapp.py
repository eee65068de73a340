"""The guide on a phone: the online site carries a web app manifest and a service worker generated
by Workbox; after one visit over http a patient page opens with the network off. The offline
(file://) build, from which the SCORM packages are made, has neither."""

from __future__ import annotations

import json
import struct
from pathlib import Path

import pytest

from macros import webapp
from macros.release.site import read_site
from macros.tools.common import serve


def test_the_online_site_has_a_manifest_and_a_generated_service_worker(real_site: Path) -> None:
    doc = json.loads((real_site / webapp.MANIFEST).read_text(encoding="utf-8"))
    assert doc["name"] == read_site(real_site).site and doc["display"] == "standalone" and doc["start_url"] == "./"
    assert all((real_site / icon["src"]).is_file() for icon in doc["icons"])
    # bitmap icons for the platforms that take no SVG: real PNGs of the sizes the manifest says
    pngs = {icon["sizes"]: real_site / icon["src"] for icon in doc["icons"] if icon["type"] == "image/png"}
    assert set(pngs) == {"192x192", "512x512"}
    for sizes, png in pngs.items():
        head = png.read_bytes()[:24]
        assert head[:8] == b"\x89PNG\r\n\x1a\n" and head[12:16] == b"IHDR", png
        assert "x".join(str(n) for n in struct.unpack(">II", head[16:24])) == sizes, png
    worker = (real_site / webapp.SERVICE_WORKER).read_text(encoding="utf-8")
    # Workbox's runtime, inlined; the precache names the patient pages and the hashed stylesheet
    assert "workbox" in worker and '"patients/side-effects/index.html"' in worker
    assert next((real_site / "assets").glob("guide.*.css")).name in worker
    page = (real_site / "patients" / "index.html").read_text(encoding="utf-8")
    assert 'rel="manifest" href="../manifest.webmanifest"' in page and 'src="../assets/sw-register.js"' in page
    assert 'rel="apple-touch-icon" href="../assets/images/icon-192.png"' in page
    embed = next((real_site / "embed").rglob("index.html")).read_text(encoding="utf-8")
    assert "sw-register" not in embed, "an embed in someone else's page registers nothing"


def test_the_offline_build_has_no_service_worker(offline_release: dict[str, Path]) -> None:
    site = offline_release["site"]
    assert not (site / webapp.SERVICE_WORKER).exists() and not (site / webapp.MANIFEST).exists()
    assert not (site / webapp.REGISTER).exists() and not (site / webapp.png_icon(192)).exists()
    for page in site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert "sw-register" not in text and 'rel="manifest"' not in text and "apple-touch-icon" not in text, page


@pytest.mark.browser
def test_a_patient_page_opens_offline_after_one_visit(browser, real_site: Path) -> None:
    errors: list[str] = []
    with serve(real_site) as url:
        context = browser.new_context()
        try:
            page = context.new_page()
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.goto(url + "trials/", wait_until="load")
            page.evaluate("navigator.serviceWorker.ready.then(() => true)")
            page.wait_for_function("navigator.serviceWorker.controller !== null")
            page.goto(url + "safety/", wait_until="load")  # opened with the worker in charge
            context.set_offline(True)
            # a patient page never opened before: precached
            page.goto(url + "patients/side-effects/", wait_until="load")
            assert "side effects" in page.locator("article h1").inner_text().lower()
            assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") != "static", \
                "the theme's stylesheet came from the cache too"
            # a page opened online: kept once opened
            page.goto(url + "safety/", wait_until="load")
            assert page.locator("article h1").count() == 1
        finally:
            context.close()
    assert not errors, errors
