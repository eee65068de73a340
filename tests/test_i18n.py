"""The engine's own words come from per-language strings files (macros/locales/), which a pack picks
and may override; dates and decimal signs follow the language."""

from __future__ import annotations

import datetime
import re
import shutil
from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from macros import fmt, i18n
from macros.errors import DataError
from macros.loader import load_guide

FIXTURE = Path(__file__).parent / "fixtures" / "minipack"


def test_every_language_has_every_english_message_with_the_same_placeholders() -> None:
    english = i18n.engine_strings("en")
    assert "es" in i18n.languages()
    for language in i18n.languages():
        other = i18n.engine_strings(language)
        assert set(other.messages) == set(english.messages), language
        for key, message in english.messages.items():
            wanted = set().union(*(i18n.placeholders(v) for v in i18n._variants(message)))
            for variant in i18n._variants(other.messages[key]):
                assert i18n.placeholders(variant) <= wanted | {"count"}, f"{language}: {key}"


def test_the_spanish_strings_are_translated() -> None:
    """A copied English file would pass the key check: most messages must differ from English."""
    english, spanish = i18n.engine_strings("en").messages, i18n.engine_strings("es").messages
    def words(message: object) -> str:
        return re.sub(r"\{\w+\}|[^a-zA-Z]", "", str(message))

    same = [k for k in english if english[k] == spanish[k] and len(words(english[k])) > 8]
    assert not same, same


def test_figures_and_dates_follow_the_language() -> None:
    assert fmt.ci((Decimal("0.39"), Decimal("0.64"))) == "95% CI 0.39–0.64"
    assert fmt.date("2012-07-31") == "31 July 2012"
    assert fmt.count(1486) == "1,486"
    with i18n.using(i18n.engine_strings("es")):
        assert fmt.ci((Decimal("0.39"), Decimal("0.64"))) == "IC del 95% 0,39–0,64"
        assert fmt.num(Decimal("0.50")) == "0,50"  # the published digits, trailing zero kept
        assert fmt.date("2012-07-31") == "31 de julio de 2012"
        assert fmt.date("2014-12") == "diciembre de 2014"
        assert fmt.long_date(datetime.date(2026, 11, 29)) == "29 de noviembre de 2026"
        assert fmt.count(1486) == "1.486"
        assert fmt.p_value("<0.001") == "P<0,001"
    assert fmt.num(Decimal("0.50")) == "0.50"  # outside the block, English again


def test_plural_messages_choose_by_count() -> None:
    strings = i18n.Strings("en", i18n.engine_strings("en").locale, "d MMMM y", "MMMM y",
                           {"x": {"one": "{count} trial", "other": "{count} trials"}})
    assert strings.t("x", count=1) == "1 trial"
    assert strings.t("x", count=1486) == "1,486 trials"


def test_markup_messages_escape_their_arguments() -> None:
    assert str(i18n.tm("fmt.median", text="<b>&")) == "median &lt;b&gt;&amp;"


def _pack_with_site(tmp_path: Path, **changes: object) -> Path:
    pack = tmp_path / "pack"
    shutil.copytree(FIXTURE, pack)
    site_file = pack / "data" / "site.yml"
    site = yaml.safe_load(site_file.read_text(encoding="utf-8"))
    site.update(changes)
    site_file.write_text(yaml.safe_dump(site, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return pack / "data"


def test_a_pack_can_reword_an_engine_string(tmp_path: Path) -> None:
    guide = load_guide(_pack_with_site(tmp_path, strings={"fmt.not_reached": "not yet reached"}))
    assert guide.strings.t("fmt.not_reached") == "not yet reached"
    assert guide.strings.t("fmt.versus") == "vs"


@pytest.mark.parametrize(("changes", "expected"), [
    ({"strings": {"fmt.not_reachd": "x"}}, "'fmt.not_reachd' is not an engine string (did you mean 'fmt.not_reached'?)"),
    ({"strings": {"fmt.months": "{value} {unit}"}}, "'fmt.months': unknown placeholder {unit}; this message can use {value}"),
    ({"language": "fr"}, "no engine strings for language 'fr'; the engine has en, es"),
])
def test_a_wrong_language_or_override_names_the_file_and_field(tmp_path: Path, changes: dict[str, object],
                                                               expected: str) -> None:
    with pytest.raises(DataError) as err:
        load_guide(_pack_with_site(tmp_path, **changes))
    message = str(err.value)
    assert "site.yml" in message and expected in message
    assert ("language" if "language" in changes else "strings") in message
