"""The prescribing page and the patient sentences that share its records, read from the built HTML."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from pydantic import ValidationError

from macros.errors import DataError
from macros.loader import load_guide
from macros.models import Fact, Statement, Status

from .conftest import MINIPACK, parsed

UNVERIFIED = "Not yet verified against the primary source"
STATUS_WORDS = {
    "verified": "Checked against the primary source",
    "verified-secondary": "Checked in a secondary source",
    "unverified": UNVERIFIED,
}


def _page(site: Path, slug: str):
    return parsed(site / slug / "index.html").select_one("article.md-content__inner")


@pytest.mark.parametrize("anchor", ["dose-modifications", "specific-populations", "pharmacokinetics", "monitoring",
                                    "preparation", "supportive-care", "differences"])
def test_each_section_exists(real_site: Path, anchor: str) -> None:
    page = _page(real_site, "prescribing")
    heading = page.find(id=anchor)
    assert heading is not None and heading.name == "h2", f"no section #{anchor}"
    following = heading.find_next("table")
    assert following is not None and following.select("tbody tr"), f"section #{anchor} has no table rows"


def test_every_row_carries_a_citation_and_its_status_in_words(real_site: Path) -> None:
    page = _page(real_site, "prescribing")
    rows = page.select("table.dose-rules tbody tr, table.label-facts tbody tr[data-status]")
    assert len(rows) > 60
    for row in rows:
        assert row.select("sup.cite a"), f"row without citation: {row.get_text(' ', strip=True)[:80]}"
        assert STATUS_WORDS[row["data-status"]] in row.get_text(), f"row without its status: {row.get_text(' ', strip=True)[:80]}"
    for row in page.select("table.monitoring-schedule tbody tr"):
        assert row.select("sup.cite a"), f"monitoring row without citation: {row.get_text(' ', strip=True)[:80]}"


def test_dose_rules_render_each_rule_with_its_own_status(real_site: Path, guide) -> None:
    page = _page(real_site, "prescribing")
    for mod in guide.safety.dose_modifications:
        section = page.find(id=f"rules-{mod.group or mod.id}").find_next("div", class_="side-by-side")
        selector = f'table.dose-rules[data-setting="{mod.setting}"]' if mod.setting else "table.dose-rules:not([data-setting])"
        table = section.select_one(selector)
        assert table is not None, f"{mod.id}: no table"
        rows = table.select("tbody tr")
        assert [r.th.get_text(" ", strip=True) for r in rows] == [" ".join(r.when.split()) for r in mod.rules]
        for rule, row in zip(mod.rules, rows, strict=True):
            assert row["data-status"] == mod.rule_status(rule).value, f"{mod.id}: {rule.when}"


def test_early_rules_the_sheets_do_not_verify_show_the_status(real_site: Path, guide) -> None:
    early = [m for m in guide.safety.dose_modifications if m.setting == "early"]
    unverified = [(m, r) for m in early for r in m.rules if m.rule_status(r) == Status.unverified]
    seen = [(m, r) for m in early for r in m.rules if m.rule_status(r) != Status.unverified]
    assert unverified and seen, "the early-breast-cancer rules are partly verified: both kinds must be there"
    page = _page(real_site, "prescribing")
    for mod, rule in unverified:
        row = next(tr for tr in page.select('table.dose-rules[data-setting="early"] tbody tr')
                   if tr.th.get_text(" ", strip=True) == " ".join(rule.when.split()))
        assert UNVERIFIED in row.get_text(), f"{mod.id}: {rule.when}"
    notice = parsed(real_site / "prescribing" / "index.html").select_one(".admonition.warning.unverified-notice")
    assert notice is not None


def test_grouped_rules_stand_side_by_side(real_site: Path, guide) -> None:
    page = _page(real_site, "prescribing")
    groups = {m.group for m in guide.safety.dose_modifications if m.group}
    assert {"transaminases", "bilirubin", "lvef", "thrombocytopenia", "pulmonary"} <= groups
    for group in groups:
        box = page.find(id=f"rules-{group}").find_next("div", class_="side-by-side")
        settings = [t["data-setting"] for t in box.select("table.dose-rules")]
        assert settings == ["early", "metastatic"], f"{group}: {settings}"


def test_facts_and_differences_come_from_the_records(real_site: Path, guide) -> None:
    page = _page(real_site, "prescribing")
    for section in guide.prescribing.sections:
        for fact in section.facts:
            group = page.find("tbody", id=f"fact-{fact.id}")
            assert group is not None, fact.id
            rows = group.select("tr[data-status]")
            assert [r["data-status"] for r in rows] == [s.status.value for s in fact.statements]
            for st, row in zip(fact.statements, rows, strict=True):
                assert " ".join(st.text.split()) in row.get_text(" ", strip=True)
            if fact.sources_differ:
                assert page.find("tbody", id=f"differ-{fact.id}") is not None, f"{fact.id} not among the differences"
    men = page.find("tbody", id="differ-contraception-men").get_text(" ", strip=True)
    assert "US label" in men and "EU package leaflet" in men and "4 months" in men


def test_patient_sentences_render_from_the_same_records(real_site: Path, guide) -> None:
    page = _page(real_site, "patients/how-it-is-given")
    text = page.get_text(" ", strip=True)
    for fact_id in ("contraception-women", "contraception-men", "breastfeeding", "pregnancy"):
        _, fact = guide.fact(fact_id)
        for st in fact.statements:
            if st.plain:
                expected = st.plain.replace("{months}", f"{st.months_after_last_dose} months")
                assert expected in text, f"{fact_id}: {expected!r} not on the patient page"
        assert page.select_one(f'a[href$="prescribing/#fact-{fact_id}"]'), f"{fact_id}: no link to the detail"
    for m in guide.safety.monitoring:
        if m.plain:
            assert m.plain in text


def test_platelet_monitoring_agrees_between_safety_and_patient_pages(real_site: Path, guide) -> None:
    platelets = next(m for m in guide.safety.monitoring if m.what.startswith("Platelet"))
    assert "every dose" in platelets.when and platelets.plain
    safety = _page(real_site, "safety").get_text(" ", strip=True)
    assert "not seen" not in " ".join(safety.split("Platelet count")[1:2])[:200]
    row = next(tr for tr in _page(real_site, "safety").select("table.monitoring tbody tr") if "Platelet" in tr.th.get_text())
    assert "every dose" in row.get_text()


@pytest.mark.parametrize(("language", "text", "expected"), [
    ("en", "Use contraception for 6 months after the last dose.", "'5 months'"),
    ("es", "Use contraception for 5 months after the last dose.", "'5 meses'"),  # the period in the guide's language
])
def test_a_statement_text_gives_its_period_in_the_guides_language(tmp_path: Path, language: str, text: str,
                                                                   expected: str) -> None:
    pack = tmp_path / "pack"
    shutil.copytree(MINIPACK, pack)
    (pack / "data" / "site.yml").write_text((pack / "data" / "site.yml").read_text(encoding="utf-8")
                                            + f"\nlanguage: {language}\n", encoding="utf-8")
    rx = pack / "data" / "prescribing.yml"
    rx.write_text(rx.read_text(encoding="utf-8").replace("Use contraception for 5 months after the last dose.", text),
                  encoding="utf-8")
    with pytest.raises(DataError) as err:
        load_guide(pack / "data")
    assert "prescribing.yml" in str(err.value) and ".text" in str(err.value)
    assert f"text must give the period it records ({expected}" in str(err.value)


def test_a_period_is_given_once_per_statement() -> None:
    with pytest.raises(ValidationError, match="plain needs"):
        Statement(source="A", text="For 7 months.", reference="x", months_after_last_dose=7, plain="For 7 months.",
                  status=Status.verified)
    with pytest.raises(ValidationError, match="at least two sources"):
        Fact(id="f", topic="T", sources_differ=True,
             statements=[Statement(source="A", text="x", reference="r", status=Status.verified)])


def test_a_group_has_one_rule_set_per_setting(tmp_path: Path) -> None:
    import shutil

    from macros.errors import DataError
    from macros.loader import load_guide

    from .conftest import MINIPACK_DATA

    data = tmp_path / "data"
    shutil.copytree(MINIPACK_DATA, data)
    safety = data / "safety.yml"
    safety.write_text(safety.read_text().replace("    setting: metastatic\n    group: platelets", "    setting: early\n    group: platelets"))
    with pytest.raises(DataError, match="group 'platelets' already has a rule set for early"):
        load_guide(data)
