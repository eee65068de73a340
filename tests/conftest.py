"""Shared fixtures: real builds of the real site (and of the test packs) into temp folders.

Builds run in-process with ProperDocs' own API (as mkdocstrings' tests do): each fixture
site is built once per test run and parsed pages are cached. A subprocess is used only
where the command itself is what a test checks (`make site`'s atomic build).
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from pathlib import Path

# ProperDocs first: from here on every `mkdocs.*` import is ProperDocs, as under `make site`.
import properdocs.replacement  # noqa: F401, I001
import pytest
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
# The second content pack: a fictional drug with both audiences, built through the same engine.
MINIPACK = ROOT / "tests" / "fixtures" / "minipack"
MINIPACK_DATA = MINIPACK / "data"
# The third: an injection for a fictional chronic inflammatory disease, with settings and endpoint
# kinds of its own, no boxed warning, no pathway, no glossary.
FLAREPACK = ROOT / "tests" / "fixtures" / "flarepack"
# The fourth: a guide in Spanish (language: es), a tablet for a fictional chronic skin disease.
SPANISHPACK = ROOT / "tests" / "fixtures" / "spanishpack"
ENV_SWITCHES = ("PACK", "OFFLINE", "SITE_URL", "REQUIRE_VERIFIED", "SERVICE_WORKER")
# Workbox takes about 2.5 s a build: only the real site's fixture build (and a test that asks) makes
# the service worker; every other test build switches it off.
NO_SERVICE_WORKER = {"SERVICE_WORKER": "false"}


@dataclass
class Built:
    """The outcome of one in-process build: ok, and everything it logged or raised."""

    ok: bool
    output: str
    site: Path

    # The names of a finished process, so a test reads the same either way.
    @property
    def returncode(self) -> int:
        return 0 if self.ok else 1

    @property
    def stdout(self) -> str:
        return self.output

    stderr = ""


@contextmanager
def _environment(values: dict[str, str]) -> Iterator[None]:
    """mkdocs.yml reads PACK, OFFLINE, SITE_URL and REQUIRE_VERIFIED with !ENV: set exactly these."""
    saved = {k: os.environ.get(k) for k in ENV_SWITCHES}
    for k in ENV_SWITCHES:
        os.environ.pop(k, None)
    os.environ.update(values)
    try:
        yield
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(f"{record.levelname}: {record.getMessage()}")


def build(site_dir: Path, pack: Path | None = None, **env: str) -> Built:
    """A strict build of a pack into `site_dir`, in this process (errors collected, not raised)."""
    from properdocs.commands import build as build_command
    from properdocs.config import load_config

    collect = _Collect()
    loggers = [logging.getLogger(name) for name in ("properdocs", "mkdocs")]
    for logger in loggers:
        logger.addHandler(collect)
    values = {**NO_SERVICE_WORKER, **env}
    if pack is not None:
        values["PACK"] = str(pack)
    try:
        with _environment(values):
            config = load_config(str(ROOT / "mkdocs.yml"), site_dir=str(site_dir), strict=True)
            build_command.build(config)
        ok = True
    except BaseException as err:  # noqa: BLE001 - Abort is a SystemExit; every failure is a result here
        collect.lines.append(f"{type(err).__name__}: {err}")
        ok = False
    finally:
        for logger in loggers:
            logger.removeHandler(collect)
    return Built(ok, "\n".join(collect.lines), site_dir)


def run_build(site_dir: Path, pack: Path | None = None, **switches: str) -> subprocess.CompletedProcess[str]:
    """Build exactly as `make site` does (a new process, strict, atomic): for tests of that command."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    for name in ENV_SWITCHES:
        env.pop(name, None)
    env.update({**NO_SERVICE_WORKER, **switches})
    if pack is not None:
        env["PACK"] = str(pack)
    return subprocess.run(
        [sys.executable, "-m", "macros.build", str(site_dir), str(ROOT / "mkdocs.yml")],
        cwd=ROOT, env=env, capture_output=True, text=True, check=False,
    )


@pytest.fixture(scope="session")
def real_site(tmp_path_factory) -> Path:
    site = tmp_path_factory.mktemp("real") / "site"
    done = build(site, SERVICE_WORKER="true")  # as published: with the web app's service worker
    assert done.ok, f"real site failed to build:\n{done.output}"
    return site


@pytest.fixture(scope="session")
def guide():
    from macros.loader import load_guide

    return load_guide(DATA)


def minipack_in_spanish(folder: Path, **site_changes: object) -> Path:
    """A copy of the minipack with `language: es` (and any other site.yml changes): its data stays
    English except the one value the loader reads in the guide's language (a statement's period)."""
    import yaml

    pack = folder / "pack"
    shutil.copytree(MINIPACK, pack)
    site_file = pack / "data" / "site.yml"
    site = yaml.safe_load(site_file.read_text(encoding="utf-8"))
    site.update({"language": "es", **site_changes})
    site_file.write_text(yaml.safe_dump(site, allow_unicode=True, sort_keys=False), encoding="utf-8")
    rx = pack / "data" / "prescribing.yml"
    rx.write_text(rx.read_text(encoding="utf-8").replace("for 5 months after", "for 5 meses after"), encoding="utf-8")
    return pack


def _pack_site(tmp_path_factory, folder: str, pack: Path, what: str) -> Path:
    site = tmp_path_factory.mktemp(folder) / "site"
    done = build(site, pack)
    assert done.ok, f"{what} failed to build:\n{done.output}"
    return site


@pytest.fixture(scope="session")
def mini_site(tmp_path_factory) -> Path:
    """The second content pack (a fictional drug), built with the same engine as the real one."""
    return _pack_site(tmp_path_factory, "mini", MINIPACK, "test pack")


@pytest.fixture(scope="session")
def flare_site(tmp_path_factory) -> Path:
    """The non-cancer content pack, built once per run, strictly, with the same engine."""
    return _pack_site(tmp_path_factory, "flare", FLAREPACK, "non-cancer test pack")


@pytest.fixture(scope="session")
def spanish_site(tmp_path_factory) -> Path:
    """The Spanish content pack, built once per run, strictly, with the same engine."""
    return _pack_site(tmp_path_factory, "spanish", SPANISHPACK, "Spanish test pack")


@cache
def parsed(path: Path) -> BeautifulSoup:
    """A built page, parsed once per test run (pages are never changed after their build)."""
    return BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")


def _release_env() -> dict[str, str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    for name in ENV_SWITCHES:
        env.pop(name, None)
    return env  # SERVICE_WORKER left at its default: the offline build must switch it off itself


@pytest.fixture(scope="session")
def offline_release(tmp_path_factory) -> dict[str, Path]:
    """`make offline` into a temp folder: {"site": the offline site, "zip": the zip, "dist": its folder}.

    Shared by the offline browser test, the SCORM test and the PDF test (one offline build per run).
    """
    base = tmp_path_factory.mktemp("offline")
    done = subprocess.run(
        [sys.executable, "-m", "macros.release.offline", str(base / "site"), str(base / "dist")],
        cwd=ROOT, env=_release_env(), capture_output=True, text=True, check=False,
    )
    assert done.returncode == 0, f"offline build failed:\n{done.stdout}\n{done.stderr}"
    zips = sorted((base / "dist").glob("*-offline-*.zip"))
    assert len(zips) == 1, f"expected one offline zip, found {zips}"
    return {"site": base / "site", "zip": zips[0], "dist": base / "dist"}


@pytest.fixture(scope="session")
def browser():
    """One system Chromium for every browser test of the run (Playwright allows one sync driver at a time)."""
    from playwright.sync_api import sync_playwright

    from macros.tools.common import CHROME_FLAGS

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path="/usr/bin/chromium", headless=True, args=list(CHROME_FLAGS))
        try:
            yield b
        finally:
            b.close()
