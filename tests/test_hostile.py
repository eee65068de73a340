"""A hostile content pack: every text field of the test pack carries markup, pipes, quotes,
template syntax and an entity. The build must succeed, no raw markup may reach any page,
embed, download, JSON-LD, search index or handout source, and every string must show
exactly as written.

The pack is made from the test pack by the models themselves: the JSON Schemas mark each
text field (`x-text`), so a field added to the models is covered without editing this test.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml
from bs4 import BeautifulSoup

from macros import schemas
from macros.datamodel import resolve
from macros.yamlio import read_yaml

from .conftest import MINIPACK, build

# Appended to every plain-text field: each part would be markup somewhere if it were not escaped.
PLAIN = ' <script>alert(1)</script> <img src=x onerror=alert(2)> | "q" {{ 7*7 }} &amp; *x* _y_'
# Inline-Markdown fields take the same minus raw HTML (refused at load time, tested below) and
# minus emphasis marks (which are their syntax).
INLINE = ' | "q" {{ 7*7 }} &amp; 1 < 2'
SUFFIX = {"plain-text": PLAIN, "inline-markdown": INLINE}


class _Dumper(yaml.SafeDumper):
    pass


_Dumper.add_representer(Decimal, lambda d, v: d.represent_scalar("tag:yaml.org,2002:float", str(v)))


def _branch(value: Any, node: dict[str, Any], defs: dict[str, Any]) -> dict[str, Any]:
    want = {dict: "object", list: "array", str: "string"}.get(type(value))
    for option in node.get("anyOf", []):
        option = resolve(option, defs)
        if option.get("type") == want or (want == "object" and "properties" in option):
            return option
    return node


def hostile(value: Any, node: dict[str, Any], defs: dict[str, Any]) -> Any:
    """A copy of `value` with the suffix added to every text field (new objects: YAML aliases stay single)."""
    node = _branch(value, resolve(node, defs), defs)
    if isinstance(value, str):
        return value + SUFFIX[node["x-text"]] if node.get("x-text") else value
    if isinstance(value, dict):
        props, extra = node.get("properties", {}), node.get("additionalProperties")
        return {k: hostile(v, props.get(k) or (extra if isinstance(extra, dict) else {}), defs) for k, v in value.items()}
    if isinstance(value, list):
        items = node.get("prefixItems") or [node.get("items", {})] * len(value)
        return [hostile(v, items[min(i, len(items) - 1)], defs) for i, v in enumerate(value)]
    return value


def make_hostile(pack: Path) -> None:
    for path, name in schemas.files_of(pack / "data"):
        schema = schemas.schema(name)
        raw = read_yaml(path)
        raw.pop("$schema", None)
        path.write_text(yaml.dump(hostile(raw, schema, schema.get("$defs", {})), Dumper=_Dumper, allow_unicode=True,
                                  sort_keys=False), encoding="utf-8")


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    base = tmp_path_factory.mktemp("hostile")
    pack = base / "pack"
    shutil.copytree(MINIPACK, pack)
    make_hostile(pack)
    done = build(base / "site", pack)
    assert done.ok, f"the hostile pack must build (its text is only text):\n{done.output}"
    return base / "site"


def _text(el) -> str:
    return " ".join(el.get_text(" ").split())


def _html_files(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def _no_markup_from_data(html: str, where: str) -> None:
    """No element or attribute made from the data's markup."""
    soup = BeautifulSoup(html, "lxml")
    for script in soup.find_all("script"):
        if script.get("type") == "application/ld+json":  # data inside, written so it cannot end the element
            assert "<" not in (script.string or ""), f"{where}: JSON-LD with a raw <"
            continue
        assert "alert(" not in (script.string or ""), f"{where}: a data <script> became a script element"
    for el in soup.find_all(True):
        for attr in el.attrs:
            assert not attr.startswith("on"), f"{where}: <{el.name} {attr}=...> from data"
        assert not (el.name == "img" and el.get("src") == "x"), f"{where}: a data <img> became an element"
        assert el.name not in ("em", "i") or "x" != el.get_text(), f"{where}: *x* in plain text became emphasis"


def test_no_raw_markup_reaches_any_page_or_embed(hostile_site: Path) -> None:
    files = _html_files(hostile_site)
    assert len(files) > 20
    for path in files:
        _no_markup_from_data(path.read_text(encoding="utf-8"), str(path.relative_to(hostile_site)))


def test_each_string_shows_exactly_as_written(hostile_site: Path) -> None:
    shown = " " + " ".join(PLAIN.split())
    trial = BeautifulSoup((hostile_site / "trials" / "alpha" / "index.html").read_text(), "lxml")
    article = trial.select_one("article")
    assert _text(article.h1).rstrip("¶ ") == "ALPHA" + shown
    assert f"Adults with a fictional disease{shown}" in _text(article), "population, in the design table"
    assert f"Fatigue{shown}" in _text(article), "an adverse-event term"
    assert _text(trial.title).startswith("ALPHA" + shown), "the page title, as the browser shows it"
    nav = [_text(a) for a in trial.select("nav.md-nav a")]
    assert "ALPHA" + shown in nav, "the trial in the navigation"
    embed = BeautifulSoup((hostile_site / "embed" / "trials" / "alpha" / "index.html").read_text(), "lxml")
    assert _text(embed.select_one("article h1")).rstrip("¶ ") == "ALPHA" + shown
    inline = " " + " ".join(INLINE.split())
    assert inline in _text(article), "an inline-Markdown field keeps |, quotes, braces, the entity and <"


def test_no_table_cell_is_lost_to_a_pipe(hostile_site: Path) -> None:
    safety = BeautifulSoup((hostile_site / "safety" / "index.html").read_text(), "lxml")
    monitoring = safety.select("table.monitoring tbody tr")
    assert monitoring and all(len(row.find_all(["th", "td"])) == 2 for row in monitoring)
    assert all("|" in _text(row) and row.select("sup.cite") for row in monitoring), "each row keeps its pipe and its citation"
    for table in safety.select("article table"):
        widths = {len(row.find_all(["th", "td"])) for row in table.select("tbody tr")}
        assert len(widths) <= 1, f"rows of different widths in {table.get('class')}"


def test_downloads_and_json_ld_carry_the_strings_as_data(hostile_site: Path) -> None:
    rows = json.loads((hostile_site / "downloads" / "trials.json").read_text())["rows"]
    alpha = next(r for r in rows if r["trial_id"] == "alpha")
    assert alpha["name"] == "ALPHA" + PLAIN
    reader = csv.DictReader(io.StringIO((hostile_site / "downloads" / "trials.csv").read_text(encoding="utf-8-sig")))
    assert next(r for r in reader if r["trial_id"] == "alpha")["name"] == "ALPHA" + PLAIN
    page = (hostile_site / "trials" / "alpha" / "index.html").read_text()
    soup = BeautifulSoup(page, "lxml")
    ld = soup.select_one('script[type="application/ld+json"]')
    assert "<" not in ld.string, "JSON-LD writes < as \\u003c so it cannot close its script element"
    graph = json.loads(ld.string)["@graph"]
    assert next(n for n in graph if n["@type"] == "MedicalWebPage")["about"][0]["name"] == "ALPHA" + PLAIN


def test_search_index_holds_text_not_markup(hostile_site: Path) -> None:
    index = json.loads((hostile_site / "search" / "search_index.json").read_text())
    found = False
    for doc in index["docs"]:
        for key in ("title", "text"):
            fragment = BeautifulSoup(doc.get(key) or "", "lxml")
            assert not fragment.find(["script", "img"]), f"search index {doc['location']} {key}: markup from data"
            found = found or "<script>alert(1)</script>" in fragment.get_text()
    assert found, "the data's text (shown as text) is searchable"
    titles = json.loads((hostile_site / "pages.json").read_text())
    assert titles["site"] == "Examplumab Test Guide" + PLAIN, "pages.json (read by make pdf and scorm) holds the words"


def test_raw_html_in_an_inline_markdown_field_stops_the_build(tmp_path: Path) -> None:
    pack = tmp_path / "pack"
    shutil.copytree(MINIPACK, pack)
    trial = pack / "data" / "trials" / "alpha.yml"
    text = trial.read_text()
    assert "what_it_changed: " in text
    trial.write_text(text.replace("what_it_changed: ", "what_it_changed: <script>alert(1)</script> ", 1))
    done = build(tmp_path / "site", pack)
    assert not done.ok
    assert "alpha.yml → what_it_changed: raw HTML is not allowed in data text" in done.output, done.output
    assert "Traceback" not in done.output
