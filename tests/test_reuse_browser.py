"""Reuse in a real Chromium: the unzipped offline site from file:// with every other request
blocked, embeds inside an iframe on another origin and from file://, the copy button, and
what printing does to a page."""

from __future__ import annotations

import functools
import http.server
import threading
import zipfile
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from macros.tools.common import serve

pytestmark = [pytest.mark.browser]


@pytest.fixture(scope="module")
def unzipped(offline_release, tmp_path_factory) -> Path:
    """The offline zip unpacked as a reader would: returns the folder holding index.html."""
    dest = tmp_path_factory.mktemp("unzipped")
    with zipfile.ZipFile(offline_release["zip"]) as zf:
        zf.extractall(dest)
    (top,) = [p for p in dest.iterdir() if p.is_dir()]
    assert (top / "index.html").is_file()
    return top


@contextmanager
def file_only_context(browser):
    """A browser context in which any request that is not for a local file is aborted and recorded."""
    ctx = browser.new_context()
    blocked: list[str] = []
    seen: list[str] = []

    def route(r):
        if r.request.url.startswith("file:"):
            r.continue_()
        else:
            blocked.append(r.request.url)
            r.abort()

    ctx.route("**/*", route)
    ctx.on("request", lambda r: seen.append(r.url))
    try:
        yield ctx, blocked, seen
    finally:
        ctx.close()


def _search(page, query: str) -> list[str]:
    box = page.locator("input.md-search__input")
    box.click()
    box.fill("")
    box.press_sequentially(query, delay=20)
    page.wait_for_selector(".md-search-result__item a", timeout=15000)
    return page.eval_on_selector_all(".md-search-result__item a", "as => as.map(a => a.href)")


def test_offline_site_browses_and_searches_from_file_with_no_network(browser, unzipped: Path) -> None:
    with file_only_context(browser) as (ctx, blocked, seen):
        page = ctx.new_page()
        errors: list[str] = []
        page.on("console", lambda m: m.type == "error" and errors.append(m.text))
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto((unzipped / "index.html").as_uri(), wait_until="load")
        assert page.locator("article h1").inner_text().startswith("T-DM1 Evidence Guide")
        # follow links as a reader does: nav to Safety, then a trial from the overview
        page.locator(".md-nav a[href='safety.html']").first.click()
        page.wait_for_url("**/safety.html")
        assert "Adverse events by trial" in page.locator("article").inner_text()
        page.goto((unzipped / "trials" / "index.html").as_uri(), wait_until="load")
        page.locator("article a[href='katherine.html']").first.click()
        page.wait_for_url("**/trials/katherine.html")
        # search works from file:// (iframe-worker shim + search_index.js)
        hits = _search(page, "KATHERINE")
        assert any(urlsplit(h).path.endswith("/trials/katherine.html") for h in hits), hits
        hits = _search(page, "thrombocytopenia")
        assert any(urlsplit(h).path.endswith("/safety.html") for h in hits), hits
        # an embed opens from disk too
        page.goto((unzipped / "embed" / "trials" / "emilia.html").as_uri(), wait_until="load")
        assert page.locator("article h1").inner_text().startswith("EMILIA")
        assert page.locator("footer.embed-footer a[href$='trials/emilia.html']").count() >= 1
    assert all(u.startswith("file:") for u in seen), [u for u in seen if not u.startswith("file:")]
    assert not blocked, f"requests that left the machine: {blocked}"
    assert not errors, errors


def test_offline_build_also_works_over_http(browser, offline_release) -> None:
    with serve(offline_release["site"]) as url:
        ctx = browser.new_context()
        try:
            page = ctx.new_page()
            errors: list[str] = []
            page.on("console", lambda m: m.type == "error" and errors.append(m.text))
            page.goto(url + "safety.html", wait_until="load")
            hits = _search(page, "KATHERINE")
            assert any(urlsplit(h).path == "/trials/katherine.html" for h in hits), hits
            assert not errors, errors
        finally:
            ctx.close()


def test_embed_works_in_an_iframe_of_a_file_page(browser, unzipped: Path, tmp_path: Path) -> None:
    host = tmp_path / "course.html"
    target = (unzipped / "embed" / "adverse-events" / "emilia-primary-selected.html").as_uri()
    host.write_text(f'<!doctype html><title>Course</title><iframe src="{target}" title="Embed" width="700" height="600"></iframe>')
    with file_only_context(browser) as (ctx, blocked, _):
        page = ctx.new_page()
        page.goto(host.as_uri(), wait_until="load")
        frame = page.frame_locator("iframe")
        assert frame.locator('table[data-ae-table="emilia-primary-selected"]').count() == 1
        assert "Thrombocytopenia" in frame.locator("table").inner_text()
    assert not blocked


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextmanager
def serve_host_page(html: str, folder: Path):
    """A second origin (another port) serving one course page that embeds the guide."""
    (folder / "index.html").write_text(html)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def test_embed_works_in_an_iframe_on_another_origin(browser, real_site: Path, tmp_path: Path) -> None:
    with serve(real_site) as guide_url:
        course = (f'<!doctype html><html lang="en"><title>Course</title><link rel="icon" href="data:,"><h1>Week 3</h1>'
                  f'<iframe src="{guide_url}embed/trials/emilia/" title="EMILIA" width="100%" height="900"></iframe>'
                  f'<iframe src="{guide_url}embed/adverse-events/katherine-primary-secondary/" title="KATHERINE" width="100%" height="600"></iframe>')
        with serve_host_page(course, tmp_path) as course_url:
            assert urlsplit(course_url).netloc != urlsplit(guide_url).netloc
            ctx = browser.new_context()
            page = ctx.new_page()
            errors: list[str] = []
            failed: list[str] = []
            page.on("console", lambda m: m.type == "error" and errors.append(m.text))
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.on("requestfailed", lambda r: failed.append(r.url))
            page.on("response", lambda r: r.status >= 400 and failed.append(f"{r.url} {r.status}"))
            try:
                page.goto(course_url, wait_until="load")
                page.wait_for_load_state("networkidle")
                summary = page.frame_locator("iframe[title='EMILIA']")
                assert summary.locator("article h1").inner_text().startswith("EMILIA")
                assert summary.locator("table.results").count() == 1
                assert summary.locator(".md-header").count() == 0
                # styled by the guide's own CSS, not unstyled HTML
                font = summary.locator("article").evaluate("el => getComputedStyle(el).fontFamily")
                assert font and "Times" not in font
                link = summary.locator("footer.embed-footer a").first
                assert link.get_attribute("target") == "_blank"
                ae = page.frame_locator("iframe[title='KATHERINE']")
                assert ae.locator("table.adverse-events").count() == 1
                frames = [f.url for f in page.frames if f != page.main_frame]
                assert all(urlsplit(f).netloc == urlsplit(guide_url).netloc for f in frames) and len(frames) == 2
            finally:
                ctx.close()
    assert not errors, errors
    assert not failed, failed


def test_copy_citation_button_copies_the_citation(browser, real_site: Path) -> None:
    with serve(real_site) as url:
        ctx = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
        try:
            page = ctx.new_page()
            page.goto(url + "trials/katherine/", wait_until="load")
            button = page.locator("button[data-copy-target='cite-text']")
            assert button.is_visible(), "the script shows the copy button"
            # served over http, the citation carries the page's real address
            assert url + "trials/katherine/" in page.locator("#cite-text").inner_text()
            button.click()
            page.wait_for_function("() => document.querySelector('.cite-box .copy-status').textContent.length > 0")
            copied = page.evaluate("navigator.clipboard.readText()")
            assert copied.startswith("KATHERINE. T-DM1 Evidence Guide, version") and copied.endswith(url + "trials/katherine/")
        finally:
            ctx.close()


def test_printing_hides_the_furniture_and_opens_collapsed_sections(browser, real_site: Path) -> None:
    with serve(real_site) as url:
        ctx = browser.new_context()
        try:
            page = ctx.new_page()
            page.goto(url + "trials/emilia/", wait_until="load")
            page.evaluate("""() => { const d = document.createElement('details');
                d.id = 'probe'; d.innerHTML = '<summary>More</summary><p>hidden text</p>';
                document.querySelector('article').prepend(d); }""")
            assert not page.locator("#probe p").is_visible()
            page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
            page.emulate_media(media="print")
            assert page.locator("#probe p").is_visible()
            for hidden in (".md-header", ".md-sidebar--primary", ".md-footer", ".embed-snippets", ".cite-box button"):
                assert not page.locator(hidden).first.is_visible(), f"{hidden} is printed"
            assert page.locator(".print-footer").is_visible()
            assert page.locator(".cite-box").is_visible()
            after = page.evaluate("""() => getComputedStyle(document.querySelector("article a[href^='https://doi.org']"), '::after').content""")
            assert "https://doi.org/" in after
            page.evaluate("window.dispatchEvent(new Event('afterprint'))")
            page.emulate_media(media="screen")
            assert not page.locator("#probe p").is_visible(), "sections opened for printing close again"
            assert not page.locator(".print-footer").is_visible()
        finally:
            ctx.close()



def _sized(handle, inner, timeout: float = 15.0) -> tuple[float, float]:
    """Wait until the iframe (on the course page) is as tall as the content of its embed page
    (another origin, so measured inside the frame); return both heights."""
    import time

    deadline = time.monotonic() + timeout
    while True:
        outer = handle.evaluate("f => f.getBoundingClientRect().height")
        content = inner.evaluate("document.readyState === 'complete' ? document.documentElement.getBoundingClientRect().height : -1")
        if abs(outer - content) <= 1 or time.monotonic() > deadline:
            return outer, content
        time.sleep(0.1)


def test_embeds_size_themselves_with_the_offered_code(browser, real_site: Path, tmp_path: Path) -> None:
    """The iframe code a full page offers, pasted into a course page on another origin, makes each
    iframe exactly as tall as its content at a phone's and a desktop's width."""
    from bs4 import BeautifulSoup

    page_html = BeautifulSoup((real_site / "trials" / "emilia" / "index.html").read_text(encoding="utf-8"), "html.parser")
    codes = [c.get_text() for c in page_html.select(".embed-snippets code")]
    wanted = [next(c for c in codes if 'src="embed/trials/emilia/"' in c),
              next(c for c in codes if 'src="embed/adverse-events/' in c)]
    with serve(real_site) as guide_url:
        # Without site_url the code's addresses are relative to the guide's home: put it in front, as the page says.
        pasted = "".join(c.replace('src="embed/', f'src="{guide_url}embed/') for c in wanted)
        course = (f'<!doctype html><html lang="en"><title>Course</title><link rel="icon" href="data:,">'
                  f'<h1>Week 3</h1>{pasted}<p>After the embeds.</p>')
        errors: list[str] = []
        with serve_host_page(course, tmp_path) as course_url:
            for width in (360, 1280):
                page = browser.new_page(viewport={"width": width, "height": 800})
                page.on("pageerror", lambda e: errors.append(str(e)))
                try:
                    page.goto(course_url, wait_until="load")
                    frames = page.locator("iframe")
                    assert frames.count() == 2
                    for i in range(2):
                        handle = frames.nth(i).element_handle()
                        handle.scroll_into_view_if_needed()  # loading="lazy"
                        inner = handle.content_frame()
                        inner.wait_for_selector("footer.embed-footer")
                        outer, content = _sized(handle, inner)
                        assert abs(outer - content) <= 1, (width, i, outer, content)
                        # no cut-off: nothing left to scroll inside the frame
                        assert inner.evaluate("document.documentElement.scrollHeight <= innerHeight + 1"), (width, i)
                        # no empty space: the embed's footer ends at the frame's bottom edge
                        gap = inner.evaluate("innerHeight - document.querySelector('footer.embed-footer').getBoundingClientRect().bottom")
                        assert -1 <= gap <= 1, (width, i, gap)
                finally:
                    page.close()
    assert not errors, errors
