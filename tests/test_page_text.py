"""Mistakes in a page's text (its macro calls) are named with the page, the line and the
nearest valid names, all at once and without a traceback; the core renders page text without MkDocs."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from macros.errors import DataError
from macros.loader import load_guide
from macros.macrotable import render_text
from macros.session import BuildSession, Settings

from .conftest import MINIPACK, MINIPACK_DATA, build

# mechanism.md of the test pack has 12 lines of front matter and title before its first macro.
MISTAKES = """
{{ trial_pgae("alpha") }}

A claim.{{ cite("doe2021") }}

{{ trial_schema() }}

{{ pathway("erly") }}
"""


@pytest.fixture(scope="module")
def failed(tmp_path_factory) -> str:
    base = tmp_path_factory.mktemp("pagetext")
    pack = base / "pack"
    shutil.copytree(MINIPACK, pack)
    page = pack / "docs" / "mechanism.md"
    page.write_text(page.read_text() + MISTAKES)
    done = build(base / "site", pack)
    assert not done.ok
    return done.output


def _line(text: str) -> int:
    source = (MINIPACK / "docs" / "mechanism.md").read_text() + MISTAKES
    return next(i for i, line in enumerate(source.splitlines(), start=1) if text in line)


def test_an_unknown_macro_is_named_with_its_line_and_the_nearest_name(failed: str) -> None:
    assert f"mechanism.md, line {_line('trial_pgae')}: unknown macro 'trial_pgae' (did you mean 'trial_page'" in failed


def test_every_mistake_of_the_build_is_listed_once_without_a_traceback(tmp_path: Path) -> None:
    pack = tmp_path / "pack"
    shutil.copytree(MINIPACK, pack)
    page = pack / "docs" / "mechanism.md"
    page.write_text(page.read_text() + MISTAKES.replace('{{ trial_pgae("alpha") }}', ""))
    out = build(tmp_path / "site", pack).output
    assert f"mechanism.md, line {_line('doe2021')}: cite(...): unknown reference id 'doe2021' (did you mean 'roe2021' or 'doe2020'?)" in out
    assert (f"mechanism.md, line {_line('trial_schema()')}: wrong arguments for trial_schema(trial_id, with_table=True): "
            "missing a required argument: 'trial_id'") in out
    assert f"mechanism.md, line {_line('erly')}: pathway(...): unknown setting 'erly' (did you mean 'early'?)" in out
    assert "3 problem(s) in the pages' text" in out
    assert "Traceback" not in out


def test_a_template_syntax_error_names_page_and_line(tmp_path: Path) -> None:
    pack = tmp_path / "pack"
    shutil.copytree(MINIPACK, pack)
    page = pack / "docs" / "mechanism.md"
    page.write_text(page.read_text() + '\n{{ cite("doe2020" }}\n')
    out = build(tmp_path / "site", pack).output
    line = len(page.read_text().splitlines())
    assert f"mechanism.md, line {line}: template syntax:" in out and "Traceback" not in out


def test_an_unknown_data_field_suggests_the_nearest_one(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(MINIPACK_DATA, data)
    trial = data / "trials" / "alpha.yml"
    trial.write_text(trial.read_text().replace("phase: III", "phse: III"))
    with pytest.raises(DataError) as caught:
        load_guide(data)
    assert "alpha.yml → phse: unknown field (not part of the data model; check the spelling) (did you mean 'phase'?)" in str(caught.value)


def test_the_core_renders_page_text_without_mkdocs() -> None:
    session = BuildSession(load_guide(MINIPACK_DATA), Settings())
    out = render_text(session, "trials/index.md", '{{ trial_link("alpha") }} and {{ trial_lnk("beta") if false else "" }}')
    assert out.startswith("[ALPHA](alpha.md)")
    render_text(session, "x.md", '{{ trial_page("gamma") }}')
    assert [str(p) for p in session.problems] == ["x.md, line 1: trial_page(...): unknown trial id 'gamma'"
                                                  " (expected one of 'alpha', 'beta')"]
