"""Figures drawn from the data: each one's numbers equal the data, and each is where it should be.

The first part draws figures straight from the real `data/` and reads the SVG back
(text, geometry, counts); the second part reads the real built site (`real_site`):
placement, title/desc, alternatives, download files. Chromium renders them in
`test_figures_browser.py`.
"""

from __future__ import annotations

import dataclasses
import math
import re
import shutil
from decimal import Decimal
from pathlib import Path, PurePosixPath

import pytest
from lxml import etree
from lxml import html as lxml_html

from macros import standing
from macros.errors import DataError
from macros.figures import ae_chart, embed, forest, icons, mechanism, pathway, schema
from macros.figures import svg as figsvg
from macros.figures.catalogue import all_figures
from macros.guide import primary_result
from macros.loader import load_guide
from macros.models import Role
from macros.plain_numbers import out_of_100

from .conftest import MINIPACK_DATA

NS = {"s": "http://www.w3.org/2000/svg"}
SVG_NS = "{http://www.w3.org/2000/svg}"


def parse(fig: figsvg.Figure) -> etree._Element:
    return etree.fromstring(fig.standalone().encode("utf-8"))


def words(el: etree._Element) -> str:
    """All text under an element, one space between <text> lines."""
    return " ".join(" ".join(t.itertext()) for t in el.iter(f"{SVG_NS}text"))


def texts(el: etree._Element) -> list[str]:
    return ["".join(t.itertext()) for t in el.iter(f"{SVG_NS}text")]


@pytest.fixture(scope="module")
def figures(guide):
    return all_figures(guide)


# ------------------------------------------------------------------------ every figure


def test_every_figure_type_is_drawn(figures):
    assert {f.kind for f in figures} == {"forest-plot", "icon-array", "mechanism", "trial-design", "pathway", "adverse-events"}


def test_every_figure_names_itself_and_stands_alone(figures):
    problems = []
    for fig in figures:
        root = parse(fig)
        title, desc = root.find("s:title", NS), root.find("s:desc", NS)
        if title is None or desc is None or not (title.text or "").strip() or not (desc.text or "").strip():
            problems.append(f"{fig.key}: missing or empty <title>/<desc>")
            continue
        if root.get("aria-labelledby") != title.get("id") or root.get("aria-describedby") != desc.get("id"):
            problems.append(f"{fig.key}: aria-labelledby/-describedby do not point at <title>/<desc>")
        ids = [e.get("id") for e in root.iter() if e.get("id")]
        if len(ids) != len(set(ids)) or not all(i.startswith(f"fig-{fig.key}") for i in ids):
            problems.append(f"{fig.key}: ids not unique or not prefixed with fig-{fig.key}: {ids}")
        if root.get("viewBox") is None or root.tag != f"{SVG_NS}svg":
            problems.append(f"{fig.key}: not an <svg> with a viewBox")
        for el in root.iter():
            tag = etree.QName(el).localname if isinstance(el.tag, str) else ""
            if tag in ("image", "foreignObject", "script", "style", "iframe"):
                problems.append(f"{fig.key}: <{tag}> may load or run something outside the figure")
            href = el.get("href")
            if href and (href.startswith(("http:", "https:", "//", "data:")) or "://" in href):
                problems.append(f"{fig.key}: external reference {href}")
            for attr in ("fill", "stroke"):
                value = el.get(attr) or ""
                if value.startswith("url(") and not value.startswith(f"url(#fig-{fig.key}"):
                    problems.append(f"{fig.key}: {attr}={value} refers outside the figure")
        if len(fig.standalone().encode()) > 40_000:
            problems.append(f"{fig.key}: {len(fig.standalone().encode())} bytes (keep figures to a few tens of KB)")
    assert not problems, "\n".join(problems)


def _contrast(hex_colour: str) -> float:
    """WCAG contrast ratio of a colour against white."""
    rgb = [int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    luminance = 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]
    return 1.05 / (luminance + 0.05)


def test_text_and_marks_have_enough_contrast(figures):
    """Text fills >= 4.5:1 on white (WCAG 1.4.3); strokes and fills of marks >= 3:1 (1.4.11)."""
    decorative = {"#ffffff", figsvg.GRID, figsvg.NEUTRAL_TINT, figsvg.SUBJECT_TINT, figsvg.OTHER_TINT, "none"}
    problems = set()
    for fig in figures:
        root = parse(fig)
        for el in root.iter():
            if not isinstance(el.tag, str):
                continue
            tag = etree.QName(el).localname
            if tag in ("text", "a"):
                fill = el.get("fill")
                if fill and fill != "#ffffff" and _contrast(fill) < 4.5:
                    problems.add(f"{fig.kind}: text colour {fill} is {_contrast(fill):.2f}:1")
            elif tag in ("rect", "line", "circle", "path", "polygon", "g", "use"):
                for attr in ("stroke", "fill"):
                    value = el.get(attr)
                    if value and value.startswith("#") and value not in decorative and _contrast(value) < 3:
                        problems.add(f"{fig.kind}: {attr} {value} on <{tag}> is {_contrast(value):.2f}:1")
    assert not problems, "\n".join(sorted(problems))
    # white numbers sit on the blue step markers of the mechanism diagram
    assert _contrast(figsvg.SUBJECT) >= 4.5


# ------------------------------------------------------------------------ forest plot


def _expected_forest_rows(guide) -> set[tuple[str, str, str, str, str]]:
    """Straight from the data: (trial, HR, low, high, level) of each plottable main-endpoint HR."""
    rows = set()
    for trial in guide.trials.values():
        if trial.role not in (Role.subject, Role.comparator, Role.backbone) or not trial.randomised:
            continue
        result = primary_result(trial)
        for comp in result.all_comparisons if result else []:
            if comp.measure == "HR" and comp.ci and comp.arms:
                rows.add((trial.id, str(comp.value), str(comp.ci[0]), str(comp.ci[1]), str(comp.ci_level)))
    return rows


def test_forest_plot_rows_equal_the_data(guide):
    wide, narrow, chosen = forest.forest_plot(guide)
    expected = _expected_forest_rows(guide)
    assert ("marianne", "0.91", "0.73", "1.13", "97.5") in expected  # the non-95% interval is among them
    for fig in (wide, narrow):
        root = parse(fig)
        rows = root.findall(".//s:g[@class='forest-row']", NS)
        got = {(r.get("data-trial"), r.get("data-hr"), r.get("data-ci-low"), r.get("data-ci-high"), r.get("data-ci-level"))
               for r in rows}
        assert got == expected
        for r in rows:
            shown = "".join(r.find("s:text[@class='forest-estimate']", NS).itertext())
            assert shown == f"{r.get('data-hr')} ({r.get('data-ci-low')}–{r.get('data-ci-high')})"
            if r.get("data-ci-level") != "95":
                assert f"{r.get('data-ci-level')}% CI" in words(r), "a non-95% interval must say its level"


def test_forest_plot_keeps_published_digits(guide):
    wide, _, _ = forest.forest_plot(guide)
    katherine = parse(wide).find(".//s:g[@data-trial='katherine']", NS)
    assert "0.50 (0.39–0.64)" in texts(katherine)  # not 0.5
    th3resa = parse(wide).find(".//s:g[@data-trial='th3resa']", NS)
    assert "0.528 (0.422–0.661)" in texts(th3resa)


def test_forest_plot_marks_sit_on_the_log_axis(guide):
    for fig in forest.forest_plot(guide)[:2] + forest.forest_plot(guide, trial_id="emilia")[:2]:
        root = parse(fig)
        ticks = {float(t.get("data-tick")): float(t.find("s:line", NS).get("x1"))
                 for t in root.findall(".//s:g[@class='forest-tick']", NS)}
        assert 1.0 in ticks and len(ticks) >= 3
        (a, xa), (b, xb) = sorted(ticks.items())[:2]
        slope = (xb - xa) / (math.log(b) - math.log(a))

        def x(v: str, ticks: dict[float, float] = ticks, slope: float = slope) -> float:
            return ticks[1.0] + slope * math.log(float(v))

        no_effect = root.findall(".//s:line[@class='forest-no-effect']", NS)
        assert no_effect and all(abs(float(line.get("x1")) - ticks[1.0]) < 0.11 for line in no_effect)
        for r in root.findall(".//s:g[@class='forest-row']", NS):
            mark = r.find("s:rect[@class='forest-hr']", NS)
            centre = float(mark.get("x")) + float(mark.get("width")) / 2
            ci = r.find("s:line[@class='forest-ci']", NS)
            assert abs(centre - x(r.get("data-hr"))) < 0.15, (fig.key, r.get("data-trial"))
            assert abs(float(ci.get("x1")) - x(r.get("data-ci-low"))) < 0.15
            assert abs(float(ci.get("x2")) - x(r.get("data-ci-high"))) < 0.15


def test_forest_plot_names_what_it_leaves_out(guide):
    """KAITLIN's HR has no recorded arm order: it must not be placed either side of 1, but be named."""
    wide, _, chosen = forest.forest_plot(guide)
    assert "kaitlin" not in {r.trial.id for r in chosen.rows}
    assert any(s.startswith("KAITLIN") and "0.97" in s for s in chosen.omitted)
    assert "KAITLIN" in words(parse(wide))


def test_forest_plot_row_on_a_trial_page_uses_the_shared_axis(guide):
    overview = parse(forest.forest_plot(guide)[0])
    single = parse(forest.forest_plot(guide, trial_id="marianne")[0])
    assert len(single.findall(".//s:g[@class='forest-row']", NS)) == 2
    tick = ".//s:g[@class='forest-tick']"
    assert [t.get("data-tick") for t in overview.findall(tick, NS)] == [t.get("data-tick") for t in single.findall(tick, NS)]


# ------------------------------------------------------------------------ side-effect charts


def test_ae_charts_cover_every_two_arm_table_of_a_randomised_trial(guide):
    charted = {t.id for trial in guide.trials.values() for t in ae_chart.charted_tables(guide, trial)}
    for table in guide.safety.adverse_event_tables:
        trial = guide.trials[table.trial]
        arms = {a for row in table.rows for a in row.values}
        assert (table.id in charted) == (trial.randomised and len(arms) == 2), table.id
    assert "marianne-final-grade3" not in charted  # three arms: no two-arm chart


def test_ae_chart_bars_equal_the_data(guide):
    checked = 0
    for trial in guide.trials.values():
        for table in ae_chart.charted_tables(guide, trial):
            root = parse(ae_chart.ae_chart(guide, table.id))
            ticks = {int(t.get("data-tick").rstrip("%")): float(t.find("s:line", NS).get("x1"))
                     for t in root.findall(".//s:g[@class='ae-tick']", NS)}
            top = max(ticks)
            per_unit = (ticks[top] - ticks[0]) / top
            rows = {r.get("data-term"): r for r in root.findall(".//s:g[@class='ae-row']", NS)}
            assert list(rows) == [r.term for r in ae_chart.shown_rows(table)]
            for row in ae_chart.shown_rows(table):
                for measure, _ in ae_chart.MEASURES:
                    if all(getattr(v, measure) is None for v in row.values.values()):
                        continue
                    for arm in ae_chart.table_arms(trial, table):
                        bar = rows[row.term].find(f"s:g[@data-arm='{arm.id}'][@data-measure='{measure}']", NS)
                        assert bar is not None, (table.id, row.term, measure, arm.id)
                        value = getattr(row.values[arm.id], measure) if arm.id in row.values else None
                        label = "".join(bar.find("s:text", NS).itertext())
                        rect = bar.find("s:rect", NS)
                        if value is None:
                            assert label == "not reported" and rect is None, (table.id, row.term)
                            continue
                        assert bar.get("data-value") == str(value) and label == f"{value}%"
                        if value == 0:
                            assert rect is None, (table.id, row.term)
                            continue
                        expected = float(value) * per_unit
                        if rect.get("stroke"):  # hatched: the outline is inset, and never thinner than itself
                            drawn, expected = float(rect.get("width")) + 1.5, max(expected, 1.5)
                        else:
                            drawn = float(rect.get("width"))
                        assert abs(drawn - expected) < 0.2, (table.id, row.term, arm.id, drawn)
                        checked += 1
    assert checked > 40


def test_ae_chart_puts_the_guides_drug_first_and_hatches_the_other(guide):
    root = parse(ae_chart.ae_chart(guide, "destiny-breast03-primary"))  # data lists T-DXd first
    legend = root.findall(".//s:g[@class='figure-legend']/s:g", NS)
    assert [g.get("data-arm") for g in legend] == ["tdm1", "tdxd"]
    assert legend[0].find("s:rect", NS).get("fill") == figsvg.SUBJECT
    assert legend[1].find("s:rect", NS).get("fill").startswith("url(#")


# ------------------------------------------------------------------------ icon arrays


def _filled(root, arm_id: str) -> int:
    group = root.find(f".//s:g[@class='icon-group'][@data-arm='{arm_id}']", NS)
    return len(group.findall("s:g[@class='icon-filled']/s:use", NS)), len(group.findall("s:g[@class='icon-empty']/s:use", NS))


def test_icon_arrays_count_people_as_the_plain_sentences_do(guide):
    pairs = icons.eligible(guide)
    assert ("katherine", "idfs") in pairs and len(pairs) > 10
    for trial_id, result_id in pairs:
        trial, result = icons.find(guide, trial_id, result_id)
        root = parse(icons.icon_array(guide, trial_id, result_id))
        for arm in icons.compared_arms(trial, result):
            out = out_of_100(result.arms[arm.id].value)
            filled, empty = _filled(root, arm.id)
            assert (filled, filled + empty) == (out.people, 100), (trial_id, result_id, arm.id)
            assert f"{out.words} out of 100" in texts(root)


def _with_rate(guide, trial_id: str, result_id: str, arm_id: str, value: str):
    trial = guide.trials[trial_id]
    results = []
    for r in trial.results:
        if r.id == result_id:
            arms = {**r.arms, arm_id: r.arms[arm_id].model_copy(update={"value": Decimal(value), "events": None, "of": None})}
            r = r.model_copy(update={"arms": arms})
        results.append(r)
    return dataclasses.replace(guide, trials={**guide.trials, trial_id: trial.model_copy(update={"results": results})})


@pytest.mark.parametrize("value, filled, said", [("0.3", 0, "fewer than 1 out of 100"), ("99.7", 99, "more than 99 out of 100"),
                                                 ("0", 0, "none out of 100"), ("12.5", 13, "about 13 out of 100")])
def test_icon_array_edges(guide, value, filled, said):
    changed = _with_rate(guide, "katherine", "idfs", "tdm1", value)
    root = parse(icons.icon_array(changed, "katherine", "idfs"))
    assert _filled(root, "tdm1")[0] == filled
    assert said in texts(root)


@pytest.mark.parametrize("trial_id, result_id, message", [
    ("emilia", "pfs", "is not a rate"),
    ("tdm4258g", "orr", "expected values for one arm with the guide's drug and one without it"),
    ("katherine", "nosuch", "has no result 'nosuch'"),
    ("nosuch", "idfs", "unknown trial id 'nosuch'"),
])
def test_icon_array_refuses_what_it_cannot_draw(guide, trial_id, result_id, message):
    with pytest.raises(ValueError, match=re.escape(message)):
        icons.icon_array(guide, trial_id, result_id)


# ------------------------------------------------------------------------ schema, mechanism, pathway


def test_trial_schemas_show_the_design_from_the_record(guide):
    drawn = 0
    for trial in guide.trials.values():
        if not (trial.randomised and len(trial.arms) > 1):
            with pytest.raises(ValueError, match="not a randomised trial"):
                schema.trial_schema(guide, trial.id)
            continue
        root = parse(schema.trial_schema(guide, trial.id))
        ratio = "".join(root.find(".//s:text[@class='schema-ratio']", NS).itertext())
        assert ratio.startswith(f"Randomised {trial.randomisation_ratio}" if trial.randomisation_ratio else "Randomised (ratio not stated)")
        assert " ".join(words(root.find(".//s:g[@class='schema-population']", NS)).split()).startswith(f"Population {trial.population}")
        arms = root.findall(".//s:g[@class='schema-arm']", NS)
        assert [a.get("data-arm") for a in arms] == [a.id for a in trial.arms]
        for g, arm in zip(arms, trial.arms):
            shown = " ".join(words(g).split())
            assert shown.startswith(f"{arm.label} {arm.regimen}"), shown  # doses exactly as in the record
            assert shown.endswith(f"n = {arm.n:,}" if arm.n else "not reported")
            assert (g.get("data-subject") == "true") == arm.contains_subject_drug
        assert trial.primary_endpoint in " ".join(words(root.find(".//s:g[@class='schema-endpoint']", NS)).split())
        drawn += 1
    assert drawn >= 10


def test_mechanism_diagram_follows_the_steps_in_order(guide):
    root = parse(mechanism.mechanism_diagram(guide))
    steps = root.findall(".//s:g[@class='mechanism-step']", NS)
    assert [s.get("data-step") for s in steps] == [s.id for s in guide.drug.mechanism]
    for g, step in zip(steps, guide.drug.mechanism):
        assert " ".join(words(g).split()) == f"{g.get('data-number')} {step.title} {step.text}"
    notes = root.findall(".//s:g[@class='mechanism-note']", NS)
    assert "trastuzumab-effects" in [n.get("data-note") for n in notes]


def test_pathway_diagrams_branch_and_link_to_the_evidence(guide):
    for path in guide.sequencing.pathways:
        key = f"pathway-{path.id}"
        root = parse(pathway.pathway_diagram(guide, path, embed.linker(embed.file_url(key), True)))
        steps = root.findall(".//s:g[@class='pathway-step']", NS)
        assert [s.get("data-step") for s in steps] == [s.id for s in path.steps]
        parents = pathway.parents(path)
        assert {s.get("data-step"): s.get("data-follows") for s in steps} == parents
        options = root.findall(".//s:g[@class='pathway-option']", NS)
        assert [o.get("data-standing") for o in options] == [standing.standing(o).value for s in path.steps for o in s.options]
        for g, o in zip(options, [o for s in path.steps for o in s.options]):  # the derived label, in words
            assert " ".join(words(g).split()).startswith(standing.label(o)), words(g)
        links = [a.get("href") for a in root.iter(f"{SVG_NS}a")]
        assert links == [f"../trials/{t}/" for s in path.steps for o in s.options for t in o.trials]
        assert any(t.startswith("Current as of ") for t in texts(root))
    early = pathway.parents(next(p for p in guide.sequencing.pathways if p.id == "early"))
    assert early["pcr"] == "surgery" and early["residual-disease"] == "surgery" and early["surgery-first"] is None


@pytest.fixture
def pack(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    shutil.copytree(MINIPACK_DATA, data)
    seq = data / "sequencing.yml"
    seq.write_text(seq.read_text().replace(
        "    steps:\n",
        "    steps:\n      - {id: diagnosis, title: Diagnosis, text: Found.}\n", 1))
    return data


@pytest.mark.parametrize("extra, where, message", [
    ("follows: nowhere", "pathways[0].steps[1].follows", "unknown step 'nowhere' (expected one listed before it"),
    ("follows: first-line", "pathways[0].steps[1].follows", "unknown step 'first-line'"),  # itself is not earlier
    ("follows: diagnosis\n        separate_start: true", "pathways[0].steps[1]", "not both"),
])
def test_bad_step_placement_stops_the_build(pack, extra, where, message):
    seq = pack / "sequencing.yml"
    seq.write_text(seq.read_text().replace("        title: First line\n", f"        title: First line\n        {extra}\n"))
    with pytest.raises(DataError) as err:
        load_guide(pack)
    text = str(err.value)
    assert "sequencing.yml" in text and where in text and message in text, text


# ------------------------------------------------------------------------ the built site


def _page(site: Path, rel: str):
    return lxml_html.fromstring((site / rel).read_bytes())


def _figure_ids(doc) -> set[str]:
    return {f.get("id") for f in doc.xpath("//figure[contains(@class, 'guide-figure')]")}


def test_figures_are_where_the_issue_lists_them(real_site, guide):
    missing = []

    def need(rel: str, ids: set[str]) -> None:
        found = _figure_ids(_page(real_site, rel))
        missing.extend(f"{rel}: {i}" for i in sorted(ids - found))

    need("trials/index.html", {"figure-forest-plot"})
    need("mechanism/index.html", {"figure-mechanism"})
    need("sequencing/index.html", {f"figure-pathway-{p.id}" for p in guide.sequencing.pathways})
    for trial in guide.trials.values():
        want = {f"figure-adverse-events-{t.id}" for t in ae_chart.charted_tables(guide, trial)}
        if trial.randomised and len(trial.arms) > 1:
            want.add(f"figure-design-{trial.id}")
        if forest.has_row(guide, trial.id):
            want.add(f"figure-forest-plot-{trial.id}")
        found = _figure_ids(_page(real_site, f"trials/{trial.id}/index.html"))
        missing.extend(f"trials/{trial.id}: {i}" for i in sorted(want - found))
        missing.extend(f"trials/{trial.id}: unexpected {i}" for i in sorted(found - want))
    assert not missing, "\n".join(missing)
    for rel in ("trials/emilia/index.html", "trials/katherine/index.html", "trials/marianne/index.html"):
        assert _figure_ids(_page(real_site, rel)), rel


def _site_figures(site: Path):
    for page in sorted(site.rglob("*.html")):
        doc = _page(site, page.relative_to(site).as_posix())
        for fig in doc.xpath("//figure[contains(@class, 'guide-figure')]"):
            yield page, fig


def test_each_figure_in_the_site_has_its_name_alternative_and_file(real_site):
    problems = []
    linked = set()
    count = 0
    for page, fig in _site_figures(real_site):
        count += 1
        where = f"{page.relative_to(real_site)} {fig.get('id')}"
        svgs = fig.xpath(".//svg")
        if not svgs:
            problems.append(f"{where}: no inline SVG")
        for s in svgs:
            title, desc = s.xpath("./title"), s.xpath("./desc")
            if not (title and desc and title[0].get("id") == s.get("aria-labelledby") and desc[0].get("id") == s.get("aria-describedby")):
                problems.append(f"{where}: <title>/<desc> missing or not referenced")
            if s.get("role") not in ("img", "group"):
                problems.append(f"{where}: role {s.get('role')!r}")
        caption = fig.xpath("./figcaption")
        link = fig.xpath(".//a[contains(@class, 'figure-download')]")
        if not caption or not link or "Download this figure (SVG)" not in link[0].text_content():
            problems.append(f"{where}: no caption with a download link")
            continue
        if not fig.xpath("./figcaption/details[contains(@class, 'figure-data')][.//table or .//ol]") \
                and not re.search(r"the same (facts|figures|steps)", caption[0].text_content()):
            problems.append(f"{where}: neither a text alternative nor a caption pointing at one")
        target = (page.parent / link[0].get("href")).resolve()
        linked.add(target)
        if not target.is_file():
            problems.append(f"{where}: download {link[0].get('href')} does not exist")
            continue
        root = etree.parse(str(target)).getroot()
        if root.tag != f"{SVG_NS}svg" or root.find("s:title", NS) is None:
            problems.append(f"{where}: {target.name} is not a standalone SVG with a title")
        for a in root.iter(f"{SVG_NS}a"):  # links in a downloaded file resolve from the file's own place
            dest = PurePosixPath("figures") / a.get("href")
            resolved = (real_site / dest).resolve()
            if not (resolved / "index.html").is_file():
                problems.append(f"{where}: {target.name} links to {a.get('href')}, which does not exist")
    files = {p.resolve() for p in (real_site / "figures").glob("*.svg")}
    assert count >= 40
    assert files == linked, f"files without a link: {sorted(p.name for p in files - linked)}; links without a file: {sorted(p.name for p in linked - files)}"
    assert not problems, "\n".join(problems)


def test_forest_plot_table_alternative_equals_the_data(real_site, guide):
    doc = _page(real_site, "trials/index.html")
    table = doc.xpath("//table[@data-figure-table='forest-plot']")[0]
    got = set()
    for tr in table.xpath(".//tbody/tr"):
        hr = tr.xpath("./td[@data-field='hr']")[0].text_content()
        ci = tr.xpath("./td[@data-field='ci']")[0].text_content()
        level, bounds = re.fullmatch(r"(\S+)% CI (\S+)", ci).groups()
        low, high = bounds.split("–")
        got.add((tr.get("data-trial"), hr, low, high, level))
    assert got == _expected_forest_rows(guide)
    assert "KAITLIN" in doc.xpath("//figure[@id='figure-forest-plot']")[0].text_content()


def test_single_arm_and_context_trials_get_no_forest_row_or_chart(real_site):
    for trial_id in ("kamilla", "tdm4258g", "cleopatra"):
        ids = _figure_ids(_page(real_site, f"trials/{trial_id}/index.html"))
        assert not any(i.startswith(("figure-forest-plot", "figure-adverse-events")) for i in ids), (trial_id, ids)


def test_deferred_figures_are_put_back_or_the_build_stops(guide):
    from macros.citations import CitationRegistry
    from macros.pagecontext import PageContext
    from macros.render import figures as figure_blocks

    registry = CitationRegistry(guide.references)
    ctx = PageContext("mechanism.md", registry, registry.page("mechanism.md", "mechanism/", "How"), defer_figures=True)
    slot = str(figure_blocks.mechanism_diagram(guide, ctx))
    assert slot == embed.SLOT.format(key="mechanism") and "mechanism" in ctx.deferred
    page = f"<main><p>Before</p>\n{slot}\n<p>After</p></main>"
    filled = embed.fill(page, ctx.deferred, "mechanism.md")
    assert "figure-slot" not in filled and filled.count('<figure class="guide-figure') == 1
    assert filled.index("Before") < filled.index("<figure") < filled.index("After")
    with pytest.raises(ValueError, match="lost their place"):
        embed.fill("<main></main>", ctx.deferred, "mechanism.md")
    with pytest.raises(ValueError, match="no such figure"):
        embed.fill(embed.SLOT.format(key="nosuch"), {}, "mechanism.md")


def test_figures_stay_out_of_the_search_index(real_site):
    index = (real_site / "search" / "search_index.json").read_text(encoding="utf-8")
    assert "figure-slot" not in index and "Favours first-named arm" not in index
    assert "KATHERINE" in index  # the index itself is there
