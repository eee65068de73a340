"""Reuse furniture in the built site: embed pages and their index, iframe snippets, the
"Cite this page" box, the version and licence in the footer, print furniture and JSON-LD."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from macros import fmt
from macros.reuse.version import project_version

from .conftest import ROOT


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")


def full_pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if p.name != "404.html"
                  and not any(part == "embed" or part.endswith("-embed") for part in p.relative_to(site).parts))


def embed_pages(site: Path) -> list[Path]:
    """Pages made from data under embed/, and bare copies of pages marked `embed: true` (<name>-embed/)."""
    copies = [p for p in site.rglob("index.html") if p.parent.name.endswith("-embed")]
    return sorted(list((site / "embed").rglob("*.html")) + copies)


def resolve(page: Path, href: str) -> Path:
    target = (page.parent / href.split("#")[0]).resolve()
    return target / "index.html" if href.split("#")[0].endswith("/") or target.is_dir() else target


@pytest.fixture(scope="module")
def embed_index(real_site: Path) -> dict:
    return json.loads((real_site / "embed" / "index.json").read_text(encoding="utf-8"))


# --------------------------------------------------------------------------- embeds


def test_an_embed_for_every_trial_and_adverse_event_table(real_site: Path, guide) -> None:
    for trial_id, trial in guide.trials.items():
        page = soup(real_site / "embed" / "trials" / trial_id / "index.html")
        assert page.select_one("article h1").get_text(strip=True).rstrip("¶") == trial.name
    for table in guide.safety.adverse_event_tables:
        page = soup(real_site / "embed" / "adverse-events" / table.id / "index.html")
        assert page.select_one(f'table[data-ae-table="{table.id}"]') is not None, table.id


def _marked_for_embedding() -> int:
    """Hand-written pages whose front matter says `embed: true`."""
    from macros.pagemeta import read

    return sum(1 for p in (ROOT / "docs").rglob("*.md") if read(p).get("embed") is True)


def _reviewed_of(page: Path) -> str:
    """The 'last reviewed' date a full page shows under its title, as ISO."""
    return soup(page).select_one("article .review-status")["data-last-reviewed"]


def _embeddable_figures(site: Path) -> set[str]:
    """Keys of the figures full pages show, except those with links (the pathway), which stay in place."""
    keys = set()
    for path in full_pages(site):
        for fig in soup(path).select("figure.guide-figure"):
            if "guide-figure--pathway" not in fig["class"]:
                keys.add(fig["id"].removeprefix("figure-"))
    return keys


def test_embed_pages_are_bare_and_say_where_they_come_from(real_site: Path, guide) -> None:
    pages = embed_pages(real_site)
    assert _marked_for_embedding() >= 7, "the patient explainers are offered as embeds"
    figures = _embeddable_figures(real_site)
    assert len(figures) > len(guide.trials), "forest rows, designs, side-effect charts, icon arrays, mechanism"
    assert {p.parent.name for p in (real_site / "embed" / "figures").glob("*/index.html")} == figures
    assert len(pages) == (len(guide.trials) + len(guide.safety.adverse_event_tables) + _marked_for_embedding()
                          + len(figures))
    for path in pages:
        page = soup(path)
        for furniture in (".md-header", ".md-sidebar", ".md-search", ".md-footer", "[data-md-component=search]"):
            assert page.select_one(furniture) is None, f"{path}: has {furniture}"
        # one script only: the deferred height reporter (the page works without it)
        scripts = [s["src"] for s in page.select("script[src]")]
        assert len(scripts) == 1 and scripts[0].endswith("assets/embed-resize.js"), f"{path}: loads {scripts}"
        footer = page.select_one("footer.embed-footer")
        text = " ".join(footer.get_text().split())
        full = footer.find("a", string=re.compile("full page"))
        assert full is not None and resolve(path, full["href"]).is_file(), f"{path}: no working link to the full page"
        reviewed = fmt.date(_reviewed_of(resolve(path, full["href"])))
        assert guide.site.title in text and reviewed in text and "CC BY 4.0" in text, text
        # links leave the iframe; jumps within the embed stay
        for a in page.select("a[href]"):
            if a["href"].startswith("#"):
                assert a.get("target") is None
            else:
                assert a.get("target") == "_blank", f"{path}: {a}"


def test_embed_index_lists_every_embed(real_site: Path, embed_index: dict, guide) -> None:
    entries = embed_index["embeds"]
    assert len(entries) == len(embed_pages(real_site))
    assert embed_index["version"] == project_version()
    for entry in entries:
        full = resolve(real_site / "index.html", entry["full_page"])
        assert resolve(real_site / "index.html", entry["url"]).is_file(), entry["url"]
        assert full.is_file(), entry["full_page"]
        assert entry["title"] and entry["height"] > 0 and entry["last_reviewed"] == _reviewed_of(full)
        assert f'src="{entry["url"]}"' in entry["snippet"] and 'title="' in entry["snippet"]
    kinds = {e["kind"] for e in entries}
    assert kinds == {"trial-summary", "adverse-events", "page", "figure"}


def test_full_pages_show_the_snippets_of_their_embeds(real_site: Path, embed_index: dict) -> None:
    shown: dict[str, set[str]] = {}
    for path in full_pages(real_site):
        for code in soup(path).select(".embed-snippets code"):
            src = re.search(r'src="([^"]+)"', code.get_text()).group(1)
            shown.setdefault(src, set()).add(path.relative_to(real_site).as_posix())
    for entry in embed_index["embeds"]:
        full = entry["full_page"] + "index.html"
        assert full in shown.get(entry["url"], set()), f"{entry['id']} not offered on {full}"
        if entry["kind"] == "adverse-events":
            assert "safety/index.html" in shown[entry["url"]]
    page = soup(real_site / "trials" / "emilia" / "index.html")
    assert page.select_one(".embed-snippets")["class"] and page.select_one("details.embed-snippets") is not None
    assert "site_url is not set" in page.select_one(".embed-snippets").get_text()


def test_every_embed_describes_itself_in_oembed(real_site: Path, embed_index: dict) -> None:
    """A static oembed.json beside each embed page (type rich, the offered iframe code), announced by
    the embed page (full pages do not: Material would fetch a sitemap.xml beside each)."""
    for entry in embed_index["embeds"]:
        page = resolve(real_site / "index.html", entry["url"])
        doc_path = page.parent / "oembed.json"
        doc = json.loads(doc_path.read_text(encoding="utf-8"))
        assert doc["version"] == "1.0" and doc["type"] == "rich" and doc["title"] == entry["title"]
        assert doc["html"] == entry["snippet"] and "<iframe" in doc["html"] and "guide-embed-height" in doc["html"]
        assert doc["provider_name"] == embed_index["site"] and doc["width"] > 0 and doc["height"] == entry["height"]
        assert "provider_url" not in doc  # site_url is not set: no made-up public address
        links = soup(page).select('link[rel=alternate][type="application/json+oembed"]')
        assert [resolve(page, link["href"]) for link in links] == [doc_path], entry["id"]
        assert soup(page).select_one('script[src$="assets/embed-resize.js"][defer]') is not None


# --------------------------------------------------------------------------- cite box, footer, print


def test_every_page_has_a_cite_box(real_site: Path, guide) -> None:
    version = project_version()
    for path in full_pages(real_site):
        page = soup(path)
        # "Last reviewed" is the page's own review status (the oldest review of what it shows)
        status = page.select_one("article .review-status")
        reviewed = fmt.date(status["data-last-reviewed"])
        box = page.select_one("aside.cite-box")
        assert box is not None, f"{path}: no cite box"
        facts = {dt.get_text(strip=True): dd.get_text(" ", strip=True) for dt, dd in zip(box.select("dt"), box.select("dd"))}
        assert set(facts) == {"Title", "Site", "Version", "Last reviewed", "URL"}
        assert facts["Site"] == guide.site.title and facts["Version"] == version and facts["Last reviewed"] == reviewed
        h1 = page.select_one("article h1")
        for inline in h1.select("abbr"):
            inline.unwrap()  # tooltips on medical terms split the heading's text nodes
        h1.smooth()
        title = h1.get_text(strip=True).rstrip("¶")
        assert facts["Title"] in (title, guide.site.title), f"{path}: {facts['Title']!r} vs {title!r}"
        url = facts["URL"]
        assert resolve(real_site / "index.html", url) == path.resolve(), f"{path}: cite URL {url}"
        text = box.select_one("#cite-text").get_text(" ", strip=True)
        assert version in text and reviewed in text and url in text
        button = box.select_one("button[data-copy-target='cite-text']")
        assert button is not None and button.has_attr("hidden"), "the copy button needs JavaScript, so it starts hidden"


def test_footer_shows_version_and_licences(real_site: Path) -> None:
    version = project_version()
    for path in full_pages(real_site)[:5] + [real_site / "404.html"]:
        meta = soup(path).select_one(".md-footer .guide-meta").get_text(" ", strip=True)
        assert f"Version {version}" in meta and "CC BY 4.0" in meta and "MIT" in meta, f"{path}: {meta}"


def test_print_furniture(real_site: Path) -> None:
    page = soup(real_site / "safety" / "index.html")
    links = [link["href"] for link in page.select("link[rel=stylesheet]")]
    # The engine's stylesheets are linked as one file named by its content (macros/assets.py).
    ours = [href for href in links if re.search(r"assets/guide\.[0-9a-f]{10}\.css$", href)]
    assert len(ours) == 1 and not any(href.endswith(("assets/print.css", "assets/reuse.css")) for href in links), links
    footer = page.select_one(".print-footer").get_text(" ", strip=True)
    assert "Content last reviewed" in footer and "safety/" in footer
    css = (real_site / "safety" / ours[0]).resolve().read_text()
    assert "@media print" in css and ".md-header" in css and "attr(href)" in css
    assert "/* assets/print.css */" in css and "/* assets/reuse.css */" in css


# --------------------------------------------------------------------------- JSON-LD


def jsonld(path: Path) -> list[dict]:
    scripts = soup(path).select('script[type="application/ld+json"]')
    assert len(scripts) == 1, f"{path}: {len(scripts)} JSON-LD blocks"
    doc = json.loads(scripts[0].string)
    assert doc["@context"] == "https://schema.org"
    return doc["@graph"]


def nodes(graph: list[dict], type_: str) -> list[dict]:
    found = []

    def walk(value) -> None:
        if isinstance(value, dict):
            if value.get("@type") == type_:
                found.append(value)
            for v in value.values():
                walk(v)
        elif isinstance(value, list):
            for v in value:
                walk(v)

    walk(graph)
    return found


def test_every_page_has_json_ld_that_parses(real_site: Path) -> None:
    for path in full_pages(real_site) + embed_pages(real_site):
        graph = jsonld(path)
        assert nodes(graph, "WebSite") and nodes(graph, "MedicalWebPage"), path


def test_trial_pages_describe_their_trial(real_site: Path, guide) -> None:
    for trial_id, trial in guide.trials.items():
        for path in (real_site / "trials" / trial_id / "index.html", real_site / "embed" / "trials" / trial_id / "index.html"):
            trials = nodes(jsonld(path), "MedicalTrial")
            assert [t["name"] for t in trials] == [trial.name], path
            if trial.registry.nct:
                assert trials[0]["identifier"]["value"] == trial.registry.nct
            assert trials[0]["phase"] == f"Phase {trial.phase}"
            articles = nodes(trials[0].get("subjectOf", []), "ScholarlyArticle") + nodes(trials[0].get("subjectOf", []), "Report") \
                + nodes(trials[0].get("subjectOf", []), "WebPage") + nodes(trials[0].get("subjectOf", []), "Legislation")
            assert len(articles) == len(trial.references)


def test_drug_pages_describe_the_drug_and_cited_sources(real_site: Path, guide) -> None:
    for slug in ("mechanism", "dosing"):
        graph = jsonld(real_site / slug / "index.html")
        drugs = nodes(graph, "Drug")
        assert [d["name"] for d in drugs] == [guide.drug.name]
        assert drugs[0]["doseSchedule"]["doseValue"] == str(guide.drug.dosing.dose)
    page = nodes(jsonld(real_site / "trials" / "katherine" / "index.html"), "MedicalWebPage")[0]
    cited = {c["name"] for c in page["citation"]}
    assert guide.references["vonminckwitz2019"].title in cited
    assert not nodes(jsonld(real_site / "glossary" / "index.html"), "Drug")
