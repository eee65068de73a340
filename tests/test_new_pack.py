"""`make new-pack DIR=<folder> NAME="<medicine>"`: a minimal pack that builds strictly as it is."""

from __future__ import annotations

import datetime
import subprocess
from pathlib import Path

import pytest

from macros.loader import load_guide
from macros.scaffold import new_pack

from .conftest import ROOT, build, parsed

NAME = 'Novexumab <b>"&|'  # a name that is also markup: it must show as typed


@pytest.fixture(scope="module")
def new_site(tmp_path_factory) -> tuple[Path, Path]:
    pack = tmp_path_factory.mktemp("newpack") / "my-guide"
    new_pack(pack, NAME, today=datetime.date(2026, 3, 1))
    site = pack / "site"
    done = build(site, pack)
    assert done.ok, f"a freshly generated pack failed to build strictly:\n{done.output}"
    return pack, site


def test_new_pack_is_the_minimum_and_its_data_validate(new_site: tuple[Path, Path]) -> None:
    pack, _ = new_site
    files = sorted(p.relative_to(pack).as_posix() for p in pack.rglob("*") if p.is_file() and "site" not in p.parts)
    assert files == [
        "data/drug.yml", "data/patient.yml", "data/references/example.yml", "data/site.yml",
        "data/trials/example-trial.yml", "docs/editorial.md", "docs/index.md", "docs/patients/results.md",
        "docs/references.md", "docs/trials/index.md",
    ]
    guide = load_guide(pack / "data")  # what `make check-data` runs: no placeholder, no problem
    assert guide.drug.name == " ".join(NAME.split()) and guide.site.title.startswith(guide.drug.name)
    for path in (pack / "data").rglob("*.yml"):
        assert "FILL-ME" not in path.read_text(encoding="utf-8"), path


def test_new_pack_pages_mark_the_example_content(new_site: tuple[Path, Path]) -> None:
    _, site = new_site
    for page in ("", "trials", "patients/results", "trials/example-trial", "references", "editorial"):
        html = site / page / "index.html" if page else site / "index.html"
        assert html.is_file(), f"{page or 'home'} not built"
    trials = parsed(site / "trials" / "index.html")
    assert "Example setting (replace)" in trials.select_one("table.trials-overview caption").get_text()
    assert "not yet verified" in trials.get_text().lower()
    patient = parsed(site / "patients" / "results" / "index.html").select_one("article")
    assert patient.select_one('[data-plain="example-result"]') is not None
    assert NAME in patient.get_text(), "the name shows as typed"
    assert '<b>"&amp;' not in (site / "index.html").read_text(encoding="utf-8").replace("&lt;b&gt;", "")


def test_publication_build_refuses_the_example_figures(new_site: tuple[Path, Path], tmp_path: Path) -> None:
    pack, _ = new_site
    done = build(tmp_path / "site", pack, REQUIRE_VERIFIED="1")
    assert not done.ok and "EXAMPLE-1" in done.output, done.output


def test_new_pack_refuses_a_folder_in_use_and_an_empty_name(tmp_path: Path) -> None:
    (tmp_path / "used").mkdir()
    (tmp_path / "used" / "notes.txt").write_text("mine")
    with pytest.raises(SystemExit, match="not empty"):
        new_pack(tmp_path / "used", "Novexumab")
    with pytest.raises(SystemExit, match="name is empty"):
        new_pack(tmp_path / "fresh", "  ")


def test_make_target_runs_the_scaffold(tmp_path: Path) -> None:
    """The name reaches the pack as typed: make does not expand a `$`, the shell does not split on quotes."""
    name = "Novexumab $HOME O'Brien"
    done = subprocess.run(["make", "-s", "new-pack", f"DIR={tmp_path / 'my pack'}", f"NAME={name}", "VENV_OK=",
                           f"PY={__import__('sys').executable}"],
                          cwd=ROOT, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    site = (tmp_path / "my pack" / "data" / "site.yml").read_text(encoding="utf-8")
    assert name in site or "Novexumab $HOME O''Brien" in site
    usage = subprocess.run(["make", "-s", "new-pack", "VENV_OK="], cwd=ROOT, capture_output=True, text=True, check=False)
    assert usage.returncode != 0 and "usage: make new-pack" in usage.stdout + usage.stderr
