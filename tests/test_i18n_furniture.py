"""The engine's words around the content (figures, reuse furniture, theme, release packages) come
from the strings files of the pack's language: English as before, Spanish when the pack says `es`."""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path

import pytest

from macros import i18n
from macros.figures import ae_chart, catalogue, forest, icons, mechanism, schema
from macros.figures.svg import render_svg
from macros.loader import load_guide
from macros.markup import html
from macros.release import offline, pdf, scorm
from macros.release.site import read_site
from macros.reuse import downloads, furniture, jsonld
from macros.reuse.embeds import EmbedRegistry

from .conftest import MINIPACK_DATA, build, minipack_in_spanish, parsed

SPANISH = i18n.engine_strings("es")
# English engine words that must not be left in a Spanish figure or page furniture.
ENGLISH_FIGURE_WORDS = ("Favours", "out of 100", "hazard ratio for", "Population", "Primary endpoint", "Randomised",
                        "not reported", "Percentage of patients", "How ", "Step ", "Current as of", "Each group",
                        "one person", "Alongside", "Evidence:", "trial design", "Forest plot", "Bar chart", "arms.")


def _texts(svg: str) -> str:
    """Every word a figure shows or says: its drawn text, <title> and <desc>."""
    return re.sub(r"<[^>]+>", " ", svg)


@pytest.fixture(scope="module")
def mini():
    return load_guide(MINIPACK_DATA)


def test_english_figures_keep_their_words(mini) -> None:
    wide, _, _ = forest.forest_plot(mini)
    assert wide.title == "Hazard ratios for the main endpoint of each randomised trial"
    assert "← Favours first-named arm" in wide.svg() and "Hazard ratio (log scale)" in wide.svg()
    assert wide.desc.startswith("Forest plot of ")
    assert 'data-tick="0.5"' in wide.svg() and ">0.5</text>" in wide.svg()


def test_spanish_figures_have_no_english_engine_word(mini) -> None:
    with i18n.using(SPANISH):
        figures = catalogue.all_figures(mini)
        wide, narrow, _ = forest.forest_plot(mini)
    assert {f.kind for f in figures} >= {"forest-plot", "trial-design", "adverse-events", "mechanism", "pathway",
                                         "icon-array"}
    for fig in figures:
        said = _texts(fig.standalone())
        left = [w for w in ENGLISH_FIGURE_WORDS if w in said]
        assert not left, f"{fig.key}: {left}"
    assert wide.title == "Hazard ratios de la variable principal de cada ensayo aleatorizado"
    assert "← A favor del primer grupo" in wide.svg() and "A favor del segundo grupo →" in narrow.svg()
    assert wide.desc.startswith("Diagrama de bosque de ")
    # the axis reads with a decimal comma; the attribute tests select on stays the same in every language
    assert 'data-tick="0.5"' in wide.svg() and ">0,5</text>" in wide.svg()


def test_spanish_figure_details(mini) -> None:
    trial_id, result_id = icons.eligible(mini)[0]
    trial = next(t for t in mini.trials.values() if t.randomised and len(t.arms) > 1)
    table = next(t for tr in mini.trials.values() for t in ae_chart.charted_tables(mini, tr))
    with i18n.using(SPANISH):
        icon = icons.icon_array(mini, trial_id, result_id)
        design = schema.trial_schema(mini, trial.id)
        chart = ae_chart.ae_chart(mini, table.id)
        how = mechanism.mechanism_diagram(mini)
    assert "de cada 100" in icon.svg() and "Cada grupo representado como 100 personas" in icon.svg()
    assert "representado como 100 personas por grupo" in icon.desc
    assert design.title == f"{trial.name}: diseño del ensayo"
    assert "Población" in design.svg() and "Variable principal" in design.svg()
    assert design.desc.startswith(f"Diseño del ensayo {trial.name}. Población: ")
    if trial.blinding == "open-label":
        assert ", abierto" in design.svg()
    assert "Porcentaje de pacientes" in chart.svg() and chart.desc.startswith("Gráfico de barras que compara ")
    assert how.title == f"Cómo actúa {mini.drug.short_name}"


def test_figure_tables_and_caption_furniture_in_spanish(mini) -> None:
    wide, _, chosen = forest.forest_plot(mini)
    trial = next(t for t in mini.trials.values() if t.randomised and len(t.arms) > 1)
    with i18n.using(SPANISH):
        table = render_svg("forest_table.html", caption="c", rows=chosen.rows, omitted=chosen.omitted)
        design = render_svg("schema_table.html", trial=trial, caption="c",
                            randomisation=schema.randomisation_words(trial))
        figure = render_svg("figure.html", key="k", kind="forest-plot", title="Título", svgs=[], caption="c",
                            href="figures/k.svg", alternative=table, summary=i18n.t("figure.text_version"))
    assert "<th scope=\"col\">Ensayo</th>" in table and "Intervalo de confianza" in table
    assert re.search(r'data-field="ci">IC del 95% \d+,\d+–\d+,\d+<', table), table
    assert "Aleatorización" in design and "Grupo: " in design
    assert "Descargar esta figura (SVG)" in figure and "Versión en texto de esta figura" in figure


def test_cite_box_text_and_reuse_words_in_spanish(mini) -> None:
    info = furniture.SiteInfo(title="Guía de prueba", description="", site_url="", version="1.0", language="es",
                              use_directory_urls=True, content_licence=None, code_licence=None, licence_page=None)
    src = next(iter(mini.trials.values()))
    with i18n.using(SPANISH):
        out = furniture.for_page(src="trials/x.md", page_url="trials/x/", title="Una página", meta={},
                                 is_home=False, guide=mini, info=info, registry=EmbedRegistry(), cited=[],
                                 reviewed="2026-01-15")
        mark = html("cite.html", marks=[{"n": 3, "anchor": "cite-3"}])
        titles = {t.name: t.title for t in downloads.TABLES.values()}
        node = jsonld.trial(src, "enfermedad", [])
    assert out["cite"]["text"] == ("Una página. Guía de prueba, versión 1.0. "
                                   "Contenido revisado por última vez el 15 de enero de 2026.")
    assert 'aria-label="Referencia 3"' in mark
    assert titles["trials"].startswith("Ensayos:")
    assert node["phase"] == f"Fase {src.phase}"


# ------------------------------------------------------------------ a Spanish build


def _spanish_pack(tmp_path: Path, **site_changes: object) -> Path:
    return minipack_in_spanish(tmp_path, **site_changes)


@pytest.fixture(scope="module")
def spanish_site(tmp_path_factory) -> Path:
    base = tmp_path_factory.mktemp("es")
    pack = _spanish_pack(base, strings={"release.offline.licence_unknown": "véase la guía, por favor"})
    done = build(base / "site", pack)
    assert done.ok, done.output
    return base / "site"


def test_theme_speaks_the_packs_language(spanish_site: Path) -> None:
    page = parsed(spanish_site / "dosing" / "index.html")
    assert page.html["lang"] == "es"
    assert page.select_one("#cite-this-page").get_text() == "Cómo citar esta página"
    assert [dt.get_text() for dt in page.select(".cite-box__facts dt")] == [
        "Título", "Sitio", "Versión", "Última revisión", "URL"]
    assert page.select_one(".cite-box__copy").get_text() == "Copiar la cita"
    assert page.select_one(".current-as-of").get_text().startswith("Contenido actualizado a ")
    assert "enero de 2026" in page.select_one(".current-as-of").get_text()
    assert "Contenido revisado por última vez el" in page.select_one(".print-footer").get_text()
    assert page.select_one(".guide-meta").get_text(" ", strip=True).startswith("Versión ")
    words = json.loads(page.select_one("script#guide-words").string)
    assert words["remember"] == "Recordar mi elección en este dispositivo"
    assert words["quizResult"] == "Ha acertado {right} de {total} preguntas ({score}%)."
    patient = parsed(spanish_site / "patients" / "about" / "index.html")
    assert patient.select_one("details.share-reuse > summary").get_text() == "Compartir o reutilizar esta página"


def test_embeds_and_figures_speak_the_packs_language(spanish_site: Path) -> None:
    trial = parsed(spanish_site / "trials" / "alpha" / "index.html")
    snippets = trial.select_one("details.embed-snippets")
    assert snippets.summary.get_text() == "Insertar partes de esta página en otro sitio"
    assert "altura sugerida" in snippets.get_text() and "Copiar el código" in snippets.get_text()
    assert "Descargar esta figura (SVG)" in trial.get_text()
    embed = parsed(spanish_site / "embed" / "trials" / "alpha" / "index.html")
    footer = embed.select_one("footer.embed-footer").get_text(" ", strip=True)
    assert footer.startswith("De ") and "Ver la página completa" in footer and "revisado el" in footer
    assert embed.title.get_text().startswith("ALPHA: resumen del ensayo")


def test_release_packages_speak_the_packs_language(spanish_site: Path, tmp_path: Path) -> None:
    site = read_site(spanish_site)
    assert site.language == "es"
    # the pack's own wording of a release message travels in pages.json to the commands that need it
    assert site.wording == {"release.offline.licence_unknown": "véase la guía, por favor"}
    path = offline.package(spanish_site, tmp_path)
    with zipfile.ZipFile(path) as zf:
        readme = zf.read(f"{site.artefact('offline', '')}/README.txt").decode("utf-8")
    assert readme.startswith(f"{site.site}, versión {site.version}: copia sin conexión")
    assert "Open index.html" not in readme
    with i18n.using(site.strings()):
        assert "página <span class=\"pageNumber\"></span> de <span class=\"totalPages\"></span>" in pdf.footer()
    manifest = scorm.manifest(site).decode("utf-8")
    assert f"<title>{site.site} ({site.version})</title>" in manifest
    module = scorm.modules(site)[0]
    with zipfile.ZipFile(scorm.module_package(site, module, tmp_path)) as zf:
        launcher = zf.read(module.launcher).decode("utf-8")
    assert '<html lang="es">' in launcher


def test_english_release_words_are_unchanged() -> None:
    english = i18n.engine_strings("en")
    assert english.t("release.offline.readme", site="S", version="1", licence="L") == (
        "S, version 1: offline copy\n\n"
        "Open index.html in this folder with a web browser (double-click it). Every page, table and\n"
        "the search work from this folder, without an internet connection; nothing is fetched from\n"
        "any server.\n\n"
        "Content licence: L. See the page \"Reuse and licence\" in the guide for how to credit it.\n"
        "The guide explains published evidence; it is not personal medical advice.\n")
    assert str(pdf.footer()) == ('<div style="font-size:8px;width:100%;text-align:center;color:#555">'
                                 '<span class="title"></span> · page <span class="pageNumber"></span> of '
                                 '<span class="totalPages"></span></div>')


@pytest.mark.browser
def test_the_scripts_speak_the_packs_language_from_file(browser, spanish_site: Path) -> None:
    """The scripts read their words from the page: from file:// too (offline copy, SCORM)."""
    page = browser.new_page()
    try:
        page.goto((spanish_site / "patients" / "words" / "index.html").as_uri(), wait_until="load")
        form = page.locator("form.guide-quiz__form")
        form.locator("button[type=submit]").click()
        total = form.locator("fieldset").count()
        assert form.locator('[role="status"]').inner_text() == f"Ha acertado 0 de {total} preguntas (0%)."
        feedback = form.locator("fieldset").nth(0).locator(".guide-quiz__feedback").inner_text()
        assert feedback.startswith("Sin responder. La respuesta es: ") and len(feedback) > 32
        page.goto((spanish_site / "dosing" / "index.html").as_uri(), wait_until="load")
        assert page.get_by_label("Recordar mi elección en este dispositivo").count() == 1
        page.locator(".cite-box__copy").click()
        status = page.locator(".cite-box .copy-status")
        status.wait_for(state="attached")
        page.wait_for_function("document.querySelector('.cite-box .copy-status').textContent !== ''")
        assert status.inner_text() in ("Copiado.", "No se pudo copiar: seleccione el texto y cópielo a mano.")
    finally:
        page.close()
