"""A guide in another language: the Spanish pack (tests/fixtures/spanishpack), a made-up tablet for a
made-up chronic skin disease, with `language: es` in its site.yml and every page and data text in
Spanish. It builds strictly; the pages, Material's own interface, dates and decimal signs are Spanish;
its settings and endpoint kinds show by their Spanish labels; and no English engine string (any
message of macros/locales/en/) is left in a page, a figure or a download."""

from __future__ import annotations

import csv
import io
import json
import re
import string
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import yaml
from bs4 import BeautifulSoup

from macros import i18n
from macros.loader import load_guide

from .conftest import SPANISHPACK, parsed
from .test_flarepack import empty_sections_in

# What a reader sees of an element besides its text.
SHOWN_ATTRIBUTES = ("aria-label", "title", "alt", "placeholder")
NOT_SHOWN = ("script", "style", "template")
# The JSON Schema of the downloads describes the data model for developers, from the models' own
# (English) field descriptions: it is not engine text a reader of the guide sees.
NOT_SCANNED = {"downloads/guide.schema.json"}
# Fields of the downloads whose values are the data model's codes (enum values, units) or field names,
# written as in the data files for the programs that read them: "median", "months" there are not text.
CODE_FIELDS = {"statistic", "measure", "unit", "kind", "status", "role", "blinding", "phase", "row", "stage",
               "column", "urgency", "type", "audience", "columns", "dataset"}
ENGLISH_MONTHS = re.compile(r"\b(January|February|March|April|May|June|July|August|September|October|November|December)\b")
# A number written with a decimal point (0.62), not a version (0.1.0), a DOI (10.9999/...) or a path.
POINT_DECIMAL = re.compile(r"(?<![\w.,/])\d+\.\d+(?![\w.]|/)")


def _spanish_guide():
    return load_guide(SPANISHPACK / "data")


# ---------------------------------------------------------------------- the English engine strings

def _literals(message: str) -> list[str]:
    """The fixed words of a message: split at its {placeholders} and at markup, trimmed of punctuation."""
    out = []
    for literal, _name, _spec, _conversion in string.Formatter().parse(message):
        for bit in re.split(r"<[^>]*>|[*`\[\]()\n]", literal):
            bit = " ".join(bit.split()).strip(string.punctuation + " –—·…")
            if bit:
                out.append(bit)
    return out


def _telling(piece: str) -> bool:
    """Long enough to be English in a Spanish page only by mistake: a word of 4+ letters, or two words."""
    words = re.findall(r"[^\W\d_]+", piece)
    return any(len(w) >= 4 for w in words) or len(words) >= 2


def _occurs(piece: str, text: str) -> bool:
    """The piece as whole words (case as written: messages are printed as they are)."""
    return re.search(rf"(?<!\w){re.escape(piece)}(?!\w)", text) is not None


@cache
def english_pieces() -> dict[str, str]:
    """Every telling piece of every English engine message -> 'fmt.yml: fmt.ci' (where it comes from).

    Left out: a piece that the Spanish strings use too (e.g. 'HR'), since finding it proves nothing.
    """
    english, spanish = i18n.engine_strings("en"), i18n.engine_strings("es")
    same = "\n".join(piece for m in spanish.messages.values() for v in i18n._variants(m) for piece in _literals(v))
    pieces: dict[str, str] = {}
    for key, message in english.messages.items():
        for variant in i18n._variants(message):
            for piece in _literals(variant):
                if _telling(piece) and not _occurs(piece, same):
                    pieces.setdefault(piece, f"{key.split('.')[0]}.yml: {key}")
    return pieces


# ---------------------------------------------------------------------- what a reader sees

def _markup_text(text: str, parser: str) -> str:
    soup = BeautifulSoup(text, parser)
    for hidden in soup(NOT_SHOWN):
        hidden.decompose()
    shown = [soup.get_text(" ")]
    for tag in soup.find_all(True):
        shown += [str(tag[a]) for a in SHOWN_ATTRIBUTES if tag.get(a)]
    # Addresses and paths (an embed snippet's embed/figures/design-x/) are not words.
    return " ".join(w for w in " ".join(shown).split() if "/" not in w)


def _json_values(value: object) -> Iterator[str]:
    """The string values of a JSON document (its keys are field names, not text), codes left out."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for k, v in value.items():
            if k not in CODE_FIELDS and not k.endswith("id"):
                yield from _json_values(v)
    elif isinstance(value, list):
        for v in value:
            yield from _json_values(v)


def shown_text(site: Path, downloads: bool = True) -> Iterator[tuple[str, str]]:
    """(file, the text a reader sees in it) for every page, figure and download of a built site."""
    for path in sorted(site.rglob("*")):
        rel = path.relative_to(site).as_posix()
        if rel.startswith(("assets/", "search/")) or rel in NOT_SCANNED or not path.is_file():
            continue
        if path.suffix == ".html":
            yield rel, _markup_text(path.read_text(encoding="utf-8"), "lxml")
        elif path.suffix == ".svg":
            yield rel, _markup_text(path.read_text(encoding="utf-8"), "xml")
        elif downloads and rel.startswith("downloads/"):
            raw = path.read_text(encoding="utf-8-sig")
            if path.suffix == ".csv":  # the header row is field names
                values = [cell for row in csv.DictReader(io.StringIO(raw)) for field, cell in row.items()
                          if field not in CODE_FIELDS and not field.endswith("id") and cell]
            elif path.suffix == ".json":
                values = list(_json_values(json.loads(raw)))
            else:
                values = [raw]
            yield rel, " ".join(" ".join(values).split())


def english_in(site: Path, pieces: dict[str, str]) -> dict[str, list[str]]:
    """'piece' (file: key) -> the files that show it."""
    found: dict[str, list[str]] = {}
    for rel, text in shown_text(site):
        for piece, source in pieces.items():
            if _occurs(piece, text):
                found.setdefault(f"{piece!r} ({source})", []).append(rel)
    return found


def _report(found: dict[str, list[str]]) -> str:
    return "\n".join(f"{piece} in {len(files)} file(s): {', '.join(files[:3])}{' ...' if len(files) > 3 else ''}"
                     for piece, files in sorted(found.items()))


# ---------------------------------------------------------------------- the check works

def test_the_english_pieces_come_from_every_english_message_but_not_those_spanish_shares() -> None:
    pieces = english_pieces()
    assert pieces["not reached"] == "fmt.yml: fmt.not_reached"
    assert pieces["percentage points at"] == "fmt.yml: fmt.points_at"  # '{points} percentage points at {timepoint}'
    assert "HR" not in pieces  # the same in Spanish
    assert "vs" not in pieces  # too short to tell
    assert not [p for p in pieces if "{" in p or "}" in p]


def test_the_english_check_finds_an_english_string_planted_in_a_page_a_figure_and_a_download(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "figures").mkdir(parents=True)
    (site / "downloads").mkdir()
    (site / "assets").mkdir()
    (site / "index.html").write_text(
        '<html lang="es"><body><p>Mediana: no alcanzada; HR 0,62</p><span aria-label="not reached">—</span><pre>src="embed/months/"</pre>'
        "<script>const label = 'percentage points';</script></body></html>", encoding="utf-8")
    (site / "trials").mkdir()
    (site / "trials" / "index.html").write_text("<p>mediana 16,4 frente a 9,8 months</p>", encoding="utf-8")
    (site / "figures" / "forest.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg"><title>12 percentage points</title><text x="1.5">0,62</text></svg>',
        encoding="utf-8")
    (site / "downloads" / "efficacy.csv").write_text("statistic,unit,note\nmedian,months,not reached\n", encoding="utf-8")
    (site / "assets" / "app.js").write_text("'not reached'", encoding="utf-8")  # code, not a page
    found = english_in(site, english_pieces())
    assert found == {
        "'not reached' (fmt.yml: fmt.not_reached)": ["downloads/efficacy.csv", "index.html"],
        "'months' (fmt.yml: fmt.months)": ["trials/index.html"],
        "'percentage points' (fmt.yml: fmt.percentage_points)": ["figures/forest.svg"],
    }, _report(found)


# ---------------------------------------------------------------------- the Spanish guide

def test_every_page_is_spanish(spanish_site: Path) -> None:
    pages = sorted(spanish_site.rglob("*.html"))
    assert len(pages) > 20
    for page in pages:
        assert parsed(page).html.get("lang") == "es", page.relative_to(spanish_site)


def test_materials_own_interface_and_search_speak_spanish(spanish_site: Path) -> None:
    home = parsed(spanish_site / "index.html")
    assert home.select_one("input.md-search__input")["placeholder"] == "Búsqueda"
    config = json.loads(home.select_one("script#__config").get_text())
    assert config["translations"]["clipboard.copy"] == "Copiar al portapapeles"
    # Material's search plugin reads the theme's language in its own on_config, after the guide
    # plugin set it from the pack (priority 100): the index stems and splits words as Spanish.
    index = json.loads((spanish_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert index["config"]["lang"] == ["es"]


def test_dates_are_written_in_spanish(spanish_site: Path) -> None:
    home = parsed(spanish_site / "index.html").get_text(" ")
    assert "15 de noviembre de 2026" in home  # content_current_as_of: 2026-11-15
    assert "1 de noviembre de 2026" in home  # reviewed_on
    for rel, text in shown_text(spanish_site, downloads=False):
        assert not ENGLISH_MONTHS.search(text), f"{rel}: an English month: {ENGLISH_MONTHS.search(text)}"


def _svg_text(site: Path, name: str) -> str:
    return _markup_text((site / "figures" / name).read_text(encoding="utf-8"), "xml")


def test_figures_and_tables_write_decimals_with_a_comma(spanish_site: Path) -> None:
    forest = _svg_text(spanish_site, "forest-plot.svg")
    assert "HR 0,62 (IC del 95% 0,49–0,79)" in forest and "0.62" not in forest  # written 0.62 in the data
    assert "14,3%" in _svg_text(spanish_site, "adverse-events-solana-ae.svg")
    assert "38,8%" in _svg_text(spanish_site, "icon-array-brisa-remision.svg")
    cells = [td.get_text(" ", strip=True) for td in parsed(spanish_site / "trials" / "index.html")
             .select("article table.trials-overview td")]
    assert any(c.startswith("THR: mediana 16,4 frente a 9,8 meses; HR 0,62 (IC del 95% 0,49–0,79)") for c in cells), cells
    assert any(c.startswith("Remisión a la semana 16: 38,8% frente a 17,5%; diferencia 21,3 puntos porcentuales")
               for c in cells), cells


def test_no_number_on_a_page_or_figure_has_a_decimal_point(spanish_site: Path) -> None:
    # Names the pack wrote stay as written (a licence 'CC BY 4.0'); downloads are data: 0.62 is right there.
    own = sorted({v for f in (SPANISHPACK / "data").rglob("*.yml") for v in _json_values(yaml.safe_load(f.read_text("utf-8")))
                  if isinstance(v, str) and POINT_DECIMAL.search(v) and re.search(r"[^\W\d_]", v)}, key=len, reverse=True)
    found = {}
    for rel, text in shown_text(spanish_site, downloads=False):
        for value in own:
            text = text.replace(value, "")
        hits = sorted(set(POINT_DECIMAL.findall(text)))
        if hits:
            found[rel] = hits
    assert not found, "\n".join(f"{rel}: {' '.join(hits[:8])}" for rel, hits in sorted(found.items()))


def test_settings_and_endpoint_kinds_show_by_their_spanish_labels(spanish_site: Path) -> None:
    guide = _spanish_guide()
    labels = [s.label for s in guide.site.settings]
    assert labels == ["Enfermedad leve", "Enfermedad moderada o grave"]
    nav = [a.get_text(" ", strip=True) for a in parsed(spanish_site / "index.html").select("nav.md-nav label, nav.md-nav a")]
    assert set(labels) <= set(nav), nav
    captions = [c.get_text(strip=True) for c in parsed(spanish_site / "trials" / "index.html")
                .select("article table.trials-overview caption")]
    assert [next(label for label in labels if c.endswith(label)) for c in captions] == labels[::-1]
    assert "SOLANA · THR" in _svg_text(spanish_site, "forest-plot.svg")

    def rows(name: str) -> list[dict[str, str]]:
        return list(csv.DictReader(io.StringIO((spanish_site / "downloads" / name).read_text(encoding="utf-8-sig"))))

    assert {r["setting"] for r in rows("trials.csv")} == set(labels)
    assert {r["endpoint_kind"] for r in rows("efficacy.csv")} == {"Tiempo hasta la recaída", "Remisión a la semana 16"}
    for rel, text in shown_text(spanish_site, downloads=False):
        for raw in ("moderada-grave", "recaida"):
            assert not _occurs(raw, text), f"{rel}: shows the raw id {raw!r}"


def test_patient_pages_tell_the_results_out_of_100(spanish_site: Path) -> None:
    page = parsed(spanish_site / "pacientes" / "resultados" / "index.html")
    sentences = {e["data-plain"]: e.get_text(" ", strip=True) for e in page.select("[data-plain]")}
    assert set(sentences) == {"solana-recaida", "brisa-remision"}
    assert "tenían la piel sin placas a las 16 semanas" in sentences["brisa-remision"]
    assert " 39 " in f" {sentences['brisa-remision']} " and " 18 " in f" {sentences['brisa-remision']} "
    assert "100" in sentences["brisa-remision"]


def test_no_page_shows_an_empty_section(spanish_site: Path) -> None:
    problems = empty_sections_in(spanish_site)
    assert not problems, "\n".join(problems)


def test_no_english_engine_string_in_any_page_figure_or_download(spanish_site: Path) -> None:
    found = english_in(spanish_site, english_pieces())
    assert not found, "English engine strings in the Spanish guide:\n" + _report(found)


def test_reference_titles_keep_their_own_capitals(spanish_site: Path) -> None:
    """The citation style title-cases English titles only: a Spanish title stays as written."""
    text = parsed(spanish_site / "references" / "index.html").get_text(" ", strip=True)
    assert "Ficha técnica de dorselimod" in text  # a report: the style would title-case an English one
