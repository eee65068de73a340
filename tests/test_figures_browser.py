"""Every figure type rendered in Chromium, at desktop width and on a 360 px phone.

Screenshots of each figure are saved under pytest's temporary folder (the path is
printed; run with -s to see it) for a person to look at. The assertions check
what a reader would notice: the figure is on screen and inside the page width,
one layout shows, no line of text runs off the figure or over another, and text
is not shrunk below a readable size. The icon array is not on any page yet (the
plain-language pages will call it), so it is rendered into a page of its own here.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from macros.citations import CitationRegistry
from macros.pagecontext import PageContext
from macros.render import figures as figure_blocks
from macros.tools.common import serve

pytestmark = [pytest.mark.browser]

WIDTHS = (1280, 360)
MIN_PX = 10.0  # smallest rendered text size we accept, in CSS pixels
PAGES = [  # (figure type, page, how many figures of the type at least)
    ("forest-plot", "trials/", 1),
    ("trial-design", "trials/emilia/", 1),
    ("forest-plot", "trials/marianne/", 1),
    ("adverse-events", "trials/emilia/", 4),
    ("mechanism", "mechanism/", 1),
    ("pathway", "sequencing/", 2),
]

# For every figure of a type on the page: which SVG shows, where it is, and what its text does.
MEASURE = """([kind]) => [...document.querySelectorAll('figure.guide-figure--' + kind)].map(fig => {
  const shown = [...fig.querySelectorAll('svg')].filter(s => getComputedStyle(s).display !== 'none');
  if (shown.length !== 1) return {id: fig.id, shown: shown.length};
  const svg = shown[0], box = svg.getBoundingClientRect(), vb = svg.viewBox.baseVal;
  const scale = box.width / vb.width;
  const texts = [...svg.querySelectorAll('text')].map(t => {
    const b = t.getBBox();
    return {s: t.textContent, x: b.x, y: b.y, w: b.width, h: b.height,
            px: parseFloat(getComputedStyle(t).fontSize) * scale};
  });
  return {id: fig.id, shown: 1, variant: svg.getAttribute('class'), vbw: vb.width, vbh: vb.height,
          left: box.left + scrollX, right: box.right + scrollX, width: box.width, height: box.height, texts};
})"""


@pytest.fixture(scope="module")
def fig_server(real_site: Path):
    with serve(real_site) as url:
        yield url


@pytest.fixture(scope="module")
def shots(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("figure-screenshots")
    print(f"\nfigure screenshots: {folder}")
    return folder


def _problems(found: list[dict], page_width: int) -> list[str]:
    out = []
    for f in found:
        if f["shown"] != 1:
            out.append(f"{f['id']}: {f['shown']} layouts visible (expected exactly one)")
            continue
        if f["width"] <= 0 or f["height"] <= 0:
            out.append(f"{f['id']}: nothing drawn ({f['width']}x{f['height']})")
        if f["left"] < -0.5 or f["right"] > page_width + 0.5:
            out.append(f"{f['id']}: drawn from x={f['left']:.0f} to {f['right']:.0f}, outside the {page_width} px page")
        texts = f["texts"]
        for t in texts:
            if t["x"] < -0.5 or t["x"] + t["w"] > f["vbw"] + 0.5 or t["y"] + t["h"] > f["vbh"] + 0.5:
                out.append(f"{f['id']}: text runs off the figure: {t['s']!r}")
            if t["px"] < MIN_PX:
                out.append(f"{f['id']}: text rendered at {t['px']:.1f} px: {t['s']!r}")
        for i, a in enumerate(texts):  # one line of text drawn over another
            for b in texts[i + 1:]:
                dx = min(a["x"] + a["w"], b["x"] + b["w"]) - max(a["x"], b["x"])
                dy = min(a["y"] + a["h"], b["y"] + b["h"]) - max(a["y"], b["y"])
                if dx > 1 and dy > 2:
                    out.append(f"{f['id']}: {a['s']!r} overlaps {b['s']!r}")
    return out


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("kind, path, at_least", PAGES, ids=[f"{k}-{p.strip('/').replace('/', '-')}" for k, p, _ in PAGES])
def test_figure_renders(browser, fig_server, shots, kind, path, at_least, width):
    page = browser.new_page(viewport={"width": width, "height": 900})
    try:
        page.goto(fig_server + path, wait_until="load")
        found = page.evaluate(MEASURE, [kind])
        assert len(found) >= at_least, f"{path}: {len(found)} {kind} figure(s)"
        figs = page.locator(f"figure.guide-figure--{kind}")
        for i in range(figs.count()):
            out = shots / f"{kind}-{path.strip('/').replace('/', '-')}-{width}-{i}.png"
            figs.nth(i).screenshot(path=str(out))
            assert out.stat().st_size > 2000, f"{out} looks empty"
        if kind == "forest-plot":  # the wide layout on a desktop, the narrow one on a phone
            expected = "figure-variant--wide" if width > 720 else "figure-variant--narrow"
            assert all(expected in f["variant"] for f in found), [f.get("variant") for f in found]
        problems = _problems(found, width)
        assert not problems, "\n".join(problems)
    finally:
        page.close()


def test_icon_array_renders_and_passes_axe(browser, real_site, guide, shots):
    from axe_playwright_python.sync_playwright import Axe

    registry = CitationRegistry(guide.references)
    ctx = PageContext("patients/katherine.md", registry, registry.page("patients/katherine.md", "patients/katherine/", "Test"))
    markup = "\n".join(str(figure_blocks.icon_array(guide, ctx, t, r)) for t, r in
                       [("katherine", "idfs"), ("destiny-breast03", "cr")])
    css = next((real_site / "assets").glob("guide.*.css")).read_text(encoding="utf-8")
    document = (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Icon arrays</title><style>{css}</style>'
                f'</head><body><main><h1>Icon arrays</h1><article class="md-typeset">{markup}</article></main></body></html>')
    for width in WIDTHS:
        page = browser.new_page(viewport={"width": width, "height": 900})
        try:
            page.set_content(document, wait_until="load")
            found = page.evaluate(MEASURE, ["icon-array"])
            assert len(found) == 2
            for i in range(2):
                page.locator("figure.guide-figure--icon-array").nth(i).screenshot(path=str(shots / f"icon-array-{width}-{i}.png"))
            width_px = page.evaluate("() => document.documentElement.clientWidth")
            problems = _problems(found, width_px)
            assert not problems, "\n".join(problems)
            filled = page.evaluate("""() => [...document.querySelectorAll('.icon-group')].map(g =>
                [g.dataset.arm, g.querySelectorAll('.icon-filled use').length, g.dataset.people])""")
            assert [(a, str(n)) for a, n, _ in filled] == [(a, p) for a, _, p in filled]
            violations = Axe().run(page, options={"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
                                                  "resultTypes": ["violations"]}).response["violations"]
            assert not violations, [(v["id"], [n["target"] for n in v["nodes"]]) for v in violations]
        finally:
            page.close()


def test_pathway_links_are_reachable_by_keyboard(browser, fig_server):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    try:
        page.goto(fig_server + "sequencing/", wait_until="load")
        for _ in range(300):
            page.keyboard.press("Tab")
            if page.evaluate("() => !!document.activeElement.closest('svg')"):
                break
        focused = page.evaluate("""() => { const a = document.activeElement, s = getComputedStyle(a);
            return [a.tagName.toLowerCase(), a.getAttribute('href'), s.outlineStyle, parseFloat(s.outlineWidth)]; }""")
        assert focused[0] == "a" and focused[1].startswith("../trials/"), focused
        assert focused[2] != "none" and focused[3] >= 1, f"no visible focus outline: {focused}"
        with page.expect_navigation(wait_until="load", timeout=15000):
            page.keyboard.press("Enter")
        assert page.url.startswith(fig_server + "trials/"), page.url
    finally:
        page.close()


def test_print_shows_the_wide_layout_and_the_text_alternative(browser, fig_server):
    page = browser.new_page(viewport={"width": 360, "height": 900})
    try:
        page.goto(fig_server + "trials/", wait_until="load")
        page.emulate_media(media="print")
        shown = page.evaluate("""() => { const f = document.getElementById('figure-forest-plot');
            const wide = f.querySelector('svg.figure-variant--wide'), table = f.querySelector('figcaption details.figure-data table');
            return [getComputedStyle(wide).display, table.getBoundingClientRect().height]; }""")
        assert shown[0] != "none" and shown[1] > 50, shown
    finally:
        page.close()
