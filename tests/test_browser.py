"""Browser tests: the real site, built once, served on 127.0.0.1 and driven by the system Chromium.

One browser and one context per session; every full page, and one embed page of each kind
(embeds of one kind share their template and markup), is visited once at desktop width
(console, requests, axe) and once at 360 px (horizontal overflow). Run only these with `-m browser`.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest

from macros.tools.common import serve

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

# No skip when Chromium is missing: `make test` installs it, and a check that quietly
# does not run is worse than one that fails.
pytestmark = [pytest.mark.browser]


@pytest.fixture(scope="session")
def site_server(real_site: Path):
    """Serve the built site on 127.0.0.1 (random free port); yields the base URL with a trailing slash."""
    with serve(real_site) as url:
        yield url


def _embed_kind(rel: str) -> str | None:
    """'embed/trials/x/index.html' -> 'embed/trials'; 'patients/a-embed/index.html' -> 'page'; else None."""
    parts = rel.split("/")
    if parts[0] == "embed" and len(parts) > 2:
        return "/".join(parts[:2])
    return "page" if any(p.endswith("-embed") for p in parts) else None


@pytest.fixture(scope="session")
def page_paths(real_site: Path) -> list[str]:
    """URL paths of every full page and the first embed page of each kind, e.g. '', 'safety/', 'trials/katherine/'."""
    paths, kinds = [], set()
    for html in sorted(real_site.rglob("*.html")):
        rel = html.relative_to(real_site).as_posix()
        if rel == "404.html":
            continue
        kind = _embed_kind(rel)
        if kind is not None:
            if kind in kinds:
                continue
            kinds.add(kind)
        paths.append(rel[: -len("index.html")] if rel.endswith("index.html") else rel)
    assert len(paths) > 20, f"suspiciously few pages: {paths}"
    assert kinds >= {"embed/trials", "embed/adverse-events", "embed/figures", "page"}, f"embed kinds crawled: {kinds}"
    return paths


# `browser` (one Chromium for the whole run) is in conftest.py, shared with the reuse tests.


@pytest.fixture(scope="session")
def context(browser):
    ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    requests: list[tuple[str, str]] = []  # (page url, request url), every request of every page
    ctx.on("request", lambda r: requests.append((r.frame.url if _has_frame(r) else "?", r.url)))
    ctx.requests_log = requests  # type: ignore[attr-defined]
    try:
        yield ctx
    finally:
        ctx.close()


def _has_frame(request) -> bool:
    try:
        request.frame  # noqa: B018 - service-worker requests have no frame
        return True
    except Exception:
        return False


@pytest.fixture(scope="session")
def crawl(context, site_server, page_paths):
    """Visit every page once at desktop width; record console errors, failed requests and axe violations."""
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    result = {"console": [], "failed": [], "axe": []}
    page = context.new_page()
    current = {"url": ""}
    page.on("console", lambda m: m.type == "error" and result["console"].append((current["url"], m.text)))
    page.on("pageerror", lambda e: result["console"].append((current["url"], f"uncaught: {e}")))
    page.on("requestfailed", lambda r: result["failed"].append((current["url"], r.url, r.failure)))
    page.on("response", lambda r: r.status >= 400 and result["failed"].append((current["url"], r.url, f"HTTP {r.status}")))
    try:
        for path in page_paths:
            current["url"] = site_server + path
            resp = page.goto(current["url"], wait_until="load")
            assert resp is not None and resp.ok, f"{path}: HTTP {resp and resp.status}"
            page.wait_for_load_state("networkidle")
            found = axe.run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS},
                                           "resultTypes": ["violations"]})
            for v in found.response["violations"]:
                for node in v["nodes"]:
                    result["axe"].append((path or "/", v["id"], v["impact"], node["target"],
                                          node.get("failureSummary", "").replace("\n", " ")))
    finally:
        page.close()
    return result


def test_pages_have_no_console_errors_or_failed_requests(crawl, page_paths):
    problems = [f"console error on {u}: {t}" for u, t in crawl["console"]]
    problems += [f"failed request on {u}: {r} ({why})" for u, r, why in crawl["failed"]]
    assert not problems, f"{len(problems)} problem(s) over {len(page_paths)} pages:\n" + "\n".join(problems)


def test_no_request_leaves_the_machine(crawl, context, site_server):
    local = urlsplit(site_server).netloc
    outside = sorted({(url, page) for page, url in context.requests_log
                      if urlsplit(url).scheme not in ("data", "blob", "about")
                      and urlsplit(url).netloc != local})
    assert len(context.requests_log) > 0
    assert not outside, "requests to other hosts:\n" + "\n".join(f"{u}  (from {p})" for u, p in outside)


def test_axe_wcag_a_aa_has_no_violations(crawl):
    # one line per violation and page (all failing targets listed), then one explanation per rule
    grouped: dict[tuple[str, str, str], list[str]] = {}
    why: dict[str, str] = {}
    for page, vid, impact, target, summary in crawl["axe"]:
        grouped.setdefault((vid, impact, page), []).append(" ".join(target))
        why.setdefault(vid, summary)
    lines = [f"{vid} [{impact}] on {page}: {targets}" for (vid, impact, page), targets in sorted(grouped.items())]
    lines += [f"  {vid}: {text}" for vid, text in sorted(why.items())]
    assert not grouped, f"{len(crawl['axe'])} axe violation node(s):\n" + "\n".join(lines)


@pytest.mark.parametrize("query, expected", [
    ("KATHERINE", "trials/katherine/"),
    ("thrombocytopenia", "safety/"),
])
def test_search_finds_page(context, site_server, query, expected):
    page = context.new_page()
    try:
        page.goto(site_server, wait_until="load")
        box = page.locator("input.md-search__input")
        box.click()
        box.press_sequentially(query, delay=20)
        page.wait_for_selector(".md-search-result__item a", timeout=15000)
        target = urlsplit(site_server + expected).path
        # result links carry ?h=<query> and maybe #section: compare the path only
        page.wait_for_function(
            """t => [...document.querySelectorAll('.md-search-result__item a')]
                      .some(a => new URL(a.href).pathname === t)""",
            arg=target, timeout=10000)
        hrefs = page.eval_on_selector_all(".md-search-result__item a", "as => as.map(a => a.href)")
        assert any(urlsplit(h).path == target for h in hrefs), f"{query!r}: {hrefs}"
    finally:
        page.close()


IN_VIEWPORT = """el => { const r = el.getBoundingClientRect();
  return r.bottom > 0 && r.top < window.innerHeight && r.right > 0 && r.left < window.innerWidth; }"""


def test_citation_round_trip(context, site_server):
    page = context.new_page()
    try:
        page.goto(site_server + "trials/katherine/", wait_until="load")
        cite = page.locator("sup.cite a").first
        cite_id = cite.get_attribute("id")
        ref_hash = cite.get_attribute("href")
        assert cite_id and cite_id.startswith("cite-") and ref_hash and ref_hash.startswith("#ref-")
        cite.click()
        page.wait_for_function("h => location.hash === h", arg=ref_hash)
        entry = page.locator(ref_hash)
        assert entry.evaluate(IN_VIEWPORT), f"{ref_hash} is not in the viewport after clicking the citation"

        back = entry.locator(f'.backlinks a[href="#{cite_id}"]')
        assert back.count() == 1, f"{ref_hash} has no back-link to #{cite_id}"
        # scroll away first so the check proves the back-link moved us
        page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
        back.click()
        page.wait_for_function("h => location.hash === h", arg=f"#{cite_id}")
        assert page.locator(f"#{cite_id}").evaluate(IN_VIEWPORT), f"#{cite_id} is not in the viewport after the back-link"
    finally:
        page.close()


def test_no_horizontal_scroll_at_360px(context, site_server, page_paths):
    page = context.new_page()
    page.set_viewport_size({"width": 360, "height": 740})
    wide = []
    try:
        for path in page_paths:
            page.goto(site_server + path, wait_until="load")
            sw, cw, culprits = page.evaluate("""() => {
                const d = document.documentElement, cw = d.clientWidth;
                const clipped = e => { for (let a = e.parentElement; a && a !== document.body; a = a.parentElement) {
                    const s = getComputedStyle(a);
                    if (s.overflowX !== 'visible' || s.position === 'fixed' || s.transform !== 'none') return true; }
                    return false; };
                const bad = [...document.body.querySelectorAll('*')].filter(e => {
                    const r = e.getBoundingClientRect();
                    return r.width > 0 && r.right > cw + 1 && !clipped(e); })
                  .slice(0, 5).map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '')
                                   + (e.className && typeof e.className === 'string' ? '.' + e.className.trim().split(/\\s+/).join('.') : ''));
                return [d.scrollWidth, cw, bad]; }""")
            if sw > cw:
                wide.append(f"{path or '/'}: scrollWidth {sw} > clientWidth {cw}; e.g. {culprits}")
    finally:
        page.close()
    assert not wide, "pages scroll horizontally at 360 px:\n" + "\n".join(wide)


def test_audience_switch_remembers_the_choice_only_when_asked(browser, site_server):
    # A context of its own: its localStorage must not leak into the crawl's context.
    ctx = browser.new_context()
    try:
        first = ctx.new_page()
        first.goto(site_server + "safety/", wait_until="load")
        # without the box ticked, the choice is not stored: a new visit stays where it lands
        first.click("nav.audience-switch a")
        first.wait_for_url("**/patients/side-effects/")
        assert first.evaluate("localStorage.getItem('guide-audience')") is None
        first.get_by_label("Remember my choice on this device").check()

        # a new visit (new tab, new session) that opens the clinician page lands on the patient one
        later = ctx.new_page()
        later.goto(site_server + "safety/", wait_until="load")
        later.wait_for_url("**/patients/side-effects/")
        # within that visit, the switch still goes to the other version, and moves the remembered choice
        later.click("nav.audience-switch a")
        later.wait_for_url("**/safety/")
        assert later.evaluate("localStorage.getItem('guide-audience')") == "clinician"

        # unticking forgets it
        later.get_by_label("Remember my choice on this device").uncheck()
        assert later.evaluate("localStorage.getItem('guide-audience')") is None
        again = ctx.new_page()
        again.goto(site_server + "patients/side-effects/", wait_until="load")
        assert again.url.endswith("/patients/side-effects/")
    finally:
        ctx.close()


def test_audience_switch_works_without_javascript(browser, site_server):
    ctx = browser.new_context(java_script_enabled=False)
    try:
        page = ctx.new_page()
        page.goto(site_server + "trials/katherine/", wait_until="load")
        page.click("nav.audience-switch a")
        page.wait_for_url("**/patients/study-results/#katherine")
        assert page.locator("#katherine").count() == 1
        assert page.get_by_label("Remember my choice on this device").count() == 0
    finally:
        ctx.close()


# Every kind of control the site shows, in the states Material colours on focus and hover.
CONTROLS = ", ".join([
    ".md-typeset .md-button",  # the quiz's button, the copy buttons of the cite box and embed codes
    ".md-typeset a[href]:not(.md-button)",  # links in the text
    ".md-nav__link[href]",  # the side navigation
    ".md-header__button[for]", ".md-search__input", "nav.audience-switch a",
])


def test_focused_and_hovered_controls_keep_their_contrast(context, site_server):
    # Material fills a focused or hovered button with its accent colour, and colours focused or
    # hovered links with it. Chromium's DevTools protocol puts every control of the page in both
    # states at once (as a mouse over a focused control), and axe's colour-contrast checks them all.
    from axe_playwright_python.sync_playwright import Axe

    page = context.new_page()
    failures: list[str] = []
    try:
        page.goto(site_server + "trials/katherine/", wait_until="load")
        page.add_style_tag(content="*, *::before, *::after { transition: none !important; }")
        page.locator(".embed-snippets").first.evaluate("d => { d.open = true; }")
        page.wait_for_selector(".cite-box__copy:not([hidden])")
        kinds = page.eval_on_selector_all(CONTROLS, """els => { els.forEach(e => e.setAttribute('data-control', ''));
            return [...new Set(els.filter(e => e.offsetParent !== null).map(e => e.tagName + '.' + e.className))]; }""")
        assert {"BUTTON.md-button embed-snippets__copy", "BUTTON.md-button cite-box__copy", "A.md-nav__link"} <= set(kinds), kinds
        cdp = context.new_cdp_session(page)
        cdp.send("DOM.enable")
        cdp.send("CSS.enable")
        root = cdp.send("DOM.getDocument", {"depth": -1})["root"]["nodeId"]
        nodes = cdp.send("DOM.querySelectorAll", {"nodeId": root, "selector": "[data-control]"})["nodeIds"]
        for node in nodes:
            cdp.send("CSS.forcePseudoState", {"nodeId": node, "forcedPseudoClasses": ["focus", "hover"]})
        # a button is clear until focused or hovered: filled now, so the states took
        assert page.locator(".cite-box__copy").evaluate("e => getComputedStyle(e).backgroundColor") != "rgba(0, 0, 0, 0)"
        page.evaluate(Axe().axe_script)
        found = page.evaluate("""() => axe.run({include: [["[data-control]"]]}, {runOnly: ["color-contrast"]})
            .then(r => r.violations.flatMap(v => v.nodes.map(n => n.target.join(" ") + ": " + n.failureSummary)))""")
        failures += found
    finally:
        page.close()
    assert len(nodes) >= 20
    assert not failures, "\n".join(failures)
