"""Page content in another language: with the Spanish engine strings current, the headings, table
headers, badges, status lines and "out of 100" sentences the engine writes around the data are
Spanish (the data itself stays as the pack wrote it)."""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from macros import i18n, pages, plain_numbers, standing
from macros.bibliography import format_all
from macros.citations import CitationRegistry
from macros.guide import Guide
from macros.loader import load_guide
from macros.models import Role, Stage
from macros.pagecontext import PageContext
from macros.render import changes, drug, evidence, patient, prescribing, references, review, safety, sequencing, trials
from macros.session import _unverified_notice

from .conftest import DATA, MINIPACK_DATA, build, minipack_in_spanish, parsed

# Engine words from the English strings files that must not appear in a Spanish page. Short and
# distinctive, so that data text (the fixture pack is in English) cannot match them by chance.
ENGLISH = ("out of 100", "Primary endpoint", "primary endpoint", "Not yet verified", "Still being checked",
           "Last reviewed", "Next review", "Level of evidence", "not reported", "Data cut-off", "Safety highlights",
           "What it changed", "Absolute difference", "Infusion time", "Dose-reduction", "Guideline positions",
           "Checked against", "Step 1", "Results published", "Full figures", "Call your care team", "Which drip",
           "Trials:", " vs ", "Evidence:", "Approved:", "Recommended:", "records")


@pytest.fixture(scope="module")
def guide() -> Guide:
    return load_guide(MINIPACK_DATA)


@pytest.fixture
def spanish() -> Iterator[None]:
    with i18n.using(i18n.engine_strings("es")):
        yield


def _ctx(guide: Guide, src: str) -> PageContext:
    registry = CitationRegistry(guide.references)
    return PageContext(src, registry, registry.page(src, src.replace(".md", "/"), src))


def _text(markup: object) -> str:
    """What a reader sees: tags and Markdown character references out."""
    text = " ".join(BeautifulSoup(str(markup), "html.parser").get_text(" ").split())
    return re.sub(r" ([.,:;)])", r"\1", text)  # no space left where a tag ended before punctuation


def _no_english(text: str) -> None:
    found = [w for w in ENGLISH if w in text]
    assert not found, found


def test_a_trial_page_speaks_spanish(guide: Guide, spanish: None) -> None:
    page = str(trials.page(guide, guide.trials["alpha"], _ctx(guide, "trials/alpha.md")))
    headings = re.findall(r"^#+ (.+)$", page, flags=re.M)
    assert {"Diseño", "Grupos", "Resultados", "Seguridad en pocas palabras", "Qué cambió"} <= set(headings)
    soup = BeautifulSoup(page, "html.parser")
    results = soup.select_one("table.results")
    assert results is not None
    assert [th.get_text() for th in results.select("thead th")] == [
        "Variable", "Examplumab", "Placebo", "Comparación", "Nivel de evidencia (PDQ)", "Fuente"]
    assert "variable principal" in results.get_text()
    assert "Aún no verificado con la fuente primaria" in results.get_text()  # the unverified response rate
    assert "Diferencia absoluta (Examplumab menos Placebo: 57,0 puntos porcentuales)" in results.get_text()
    facts = soup.select_one("table.facts")
    assert facts is not None and "Papel del medicamento de la guía" in facts.get_text()
    assert "Fecha de corte de los datos: 30 de junio de 2019." in _text(page)
    # Only the engine's own words: the figures inside are another module's, and left out here.
    for figure in soup.select("figure"):
        figure.decompose()
    _no_english(_text(soup))


def test_the_trials_overview_speaks_spanish(guide: Guide, spanish: None) -> None:
    table = trials.overview(guide, _ctx(guide, "trials/index.md"), guide.setting("metastatic"), (Role.subject,))
    soup = BeautifulSoup(str(table), "html.parser")
    assert [th.get_text() for th in soup.select("thead th")][:3] == ["Ensayo", "Línea / contexto", "Fase"]
    assert "Examplumab frente a Placebo" in soup.get_text()
    assert "50 (un solo grupo)" in soup.get_text()
    _no_english(soup.get_text())


def test_patient_sentences_say_de_cada_100(guide: Guide, spanish: None) -> None:
    ctx = _ctx(guide, "patients/results.md")
    soup = BeautifulSoup(str(patient.results(guide, ctx, guide.setting("metastatic"))), "html.parser")
    for figure in soup.select("figure"):  # the icon array's own words are another module's
        figure.decompose()
    text = _text(soup)
    assert "Unas 77 de cada 100 personas que recibieron Examplumab" in text
    assert "Entre quienes recibieron Placebo, fueron unas 20 de cada 100." in text
    assert "unos 10 meses y medio" in text
    assert "Aún lo estamos comprobando" in text  # the plain badge
    assert "Resultados publicados en 2020." in text and "El estudio ALPHA" in text
    side_effects = _text(patient.side_effects(guide, ctx, guide.setting("metastatic")))
    assert side_effects.startswith("En el [estudio ALPHA](../trials/alpha.md):") and "Más detalles" in side_effects
    for block in (patient.what_to_do(guide, ctx), patient.dosing(guide, ctx)):
        text += " " + _text(block)
    assert "Llame a su equipo médico ese mismo día" in text and "Recibe un tratamiento cada 3 semanas." in text
    _no_english(text)


def test_numbers_in_words_and_the_rounding_rule(spanish: None) -> None:
    assert plain_numbers.out_of_100(Decimal("0.2")).words == "menos de 1"
    assert plain_numbers.out_of_100(Decimal("99.7")).words == "más de 99"
    assert plain_numbers.months_words(Decimal("0.1")) == "aproximadamente medio mes"
    assert plain_numbers.months_words(Decimal("1.4")) == "aproximadamente 1 mes y medio"
    assert "de cada 100" in plain_numbers.rule() and "42,6%" in plain_numbers.rule()


def test_pathway_status_and_guideline_tables(guide: Guide, spanish: None) -> None:
    ctx = _ctx(guide, "sequencing.md")
    text = _text(sequencing.pathway(guide, ctx, guide.setting("metastatic")))
    assert "Paso 1: First line" in text
    assert "Autorizada: Fictional Medicines Agency, marzo de 2021 · Recomendada: Fictional Society 2022" in text
    assert "Comprobado con las fuentes el 10 de enero de 2026." in text and "Evidencia: ALPHA." in text
    assert standing.STANDING_LEGEND[standing.Standing.trial_only] == "Solo evidencia de ensayos"
    text += _text(sequencing.guidelines(guide, ctx))
    assert "Posiciones de las guías" in text
    _no_english(text)


def test_safety_prescribing_drug_and_evidence_tables(guide: Guide, spanish: None) -> None:
    ctx = _ctx(guide, "safety.md")
    parts = [safety.boxed_warnings(guide, ctx), safety.dose_modifications(guide, ctx), safety.monitoring(guide, ctx),
             prescribing.dose_modifications(guide, ctx), prescribing.monitoring(guide, ctx),
             drug.approvals(guide, ctx), drug.dosing(guide, ctx), evidence.levels(), evidence.endpoints(guide)]
    text = " ".join(_text(p) for p in parts)
    for words in ("Advertencias en recuadro", "Qué hacer", "Calendario de vigilancia", "Fuente y estado",
                  "Autorizaciones", "Tiempos de infusión", "cada 21 días (ciclo de 3 semanas)",
                  "Niveles de evidencia calculados en este sitio", "ensayo aleatorizado, supervivencia global"):
        assert words in text, words
    _no_english(text)


def test_status_lines_notices_and_reference_lists(guide: Guide, spanish: None) -> None:
    summary = review.ReviewSummary(datetime.date(2026, 1, 10), datetime.date(2027, 1, 10), Stage.reviewed, 3)
    line = _text(review.status_line(summary, "../editorial/#review-status"))
    assert line == ("Revisado Última revisión: 10 de enero de 2026. Próxima revisión prevista: 10 de enero de 2027. "
                    "Qué significa esto")
    plain = _text(review.status_line(summary, "../editorial/", plain=True))
    assert plain.startswith("Revisado por nuestro equipo el 10 de enero de 2026.")
    assert "Esta página muestra 2 valores" in _text(_unverified_notice(2))
    assert "Aún lo estamos comprobando" in _text(_unverified_notice(1, plain=True))
    ctx = _ctx(guide, "trials/alpha.md")
    trials.page(guide, guide.trials["alpha"], ctx)
    refs = references.page_list(ctx.citations, guide.references, format_all(guide.references), "../references/")
    assert "Todas las páginas que la citan" in _text(refs)
    assert "Volver a la cita 1, uso 2" in str(refs)
    assert _text(changes.change_log(guide)) == "Todavía no hay cambios registrados."
    log = _text(changes.change_log(load_guide(DATA)))  # the real guide has a history
    assert "Qué registros" in log and re.search(r"incorporación, [\d.]+ registros", log)
    schedule = _text(changes.review_schedule(load_guide(DATA)))
    assert "Calendario de revisiones Próxima revisión prevista Registro Fase" in schedule and "(ensayo)" in schedule


def test_the_trials_nav_names_its_overview_in_spanish(guide: Guide, spanish: None) -> None:
    nav = pages.trials_nav(guide, "trials/index.md")
    assert nav[0] == {"Resumen": "trials/index.md"}


def test_english_is_back_outside_the_block(guide: Guide) -> None:
    with i18n.using(i18n.engine_strings("es")):
        assert "de cada 100" in plain_numbers.rule()
    assert plain_numbers.out_of_100(Decimal("42.6")).words == "about 43"
    text = _text(trials.overview(guide, _ctx(guide, "trials/index.md"), guide.setting("metastatic"), (Role.subject,)))
    assert "Primary endpoint result" in text and "Examplumab vs Placebo" in text


# ---------------------------------------------------------------- a whole pack built in Spanish


@pytest.fixture(scope="module")
def spanish_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The minipack with `language: es` in its site.yml, built strictly (its data stays English)."""
    base = tmp_path_factory.mktemp("spanish")
    pack = minipack_in_spanish(base)
    done = build(base / "site", pack)
    assert done.ok, f"the Spanish build failed:\n{done.output}"
    return base / "site"


def test_a_pack_built_in_spanish_frames_its_pages_in_spanish(spanish_site: Path) -> None:
    trial = parsed(spanish_site / "trials" / "alpha" / "index.html")
    article = trial.select_one("article")
    assert article is not None
    headings = [h.get_text(" ", strip=True).rstrip("¶").strip() for h in article.select("h2, h3")]
    assert {"Diseño", "Resultados", "Referencias"} <= set(headings), headings
    status = trial.select_one("p.review-status")
    assert status is not None and "Última revisión:" in status.get_text() and "Próxima revisión prevista:" in status.get_text()
    switch = trial.select_one("nav.audience-switch")
    assert switch is None or switch["aria-label"] == "Elija la versión de esta página"
    results = parsed(spanish_site / "patients" / "results" / "index.html").select_one("article")
    assert results is not None
    text = results.get_text(" ", strip=True)
    assert "de cada 100 personas que recibieron" in text
    assert "Todas las cifras, para profesionales sanitarios" in text
    notice = results.select_one(".unverified-notice .admonition-title")
    assert notice is not None and notice.get_text(strip=True) == "Aún lo estamos comprobando"
