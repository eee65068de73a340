"""Shared fixtures: real builds of the real site (and of the small test pack) into temp folders."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
# The second content pack: a fictional drug with both audiences, built through the same commands.
MINIPACK = ROOT / "tests" / "fixtures" / "minipack"
MINIPACK_DATA = MINIPACK / "data"


def run_build(site_dir: Path, pack: Path | None = None) -> subprocess.CompletedProcess:
    """Build exactly as `make site` does (strict, atomic), optionally from another content pack."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("PACK", None)
    env.pop("OFFLINE", None)  # mkdocs.yml reads both; the tests expect the plain online build
    env.pop("SITE_URL", None)
    if pack is not None:
        env["PACK"] = str(pack)
    return subprocess.run(
        [sys.executable, "-m", "macros.build", str(site_dir), str(ROOT / "mkdocs.yml")],
        cwd=ROOT, env=env, capture_output=True, text=True, check=False,
    )


@pytest.fixture(scope="session")
def real_site(tmp_path_factory) -> Path:
    site = tmp_path_factory.mktemp("real") / "site"
    done = run_build(site)
    assert done.returncode == 0, f"real site failed to build:\n{done.stdout}\n{done.stderr}"
    return site


@pytest.fixture(scope="session")
def guide():
    from macros.loader import load_guide

    return load_guide(DATA)


@pytest.fixture(scope="session")
def mini_site(tmp_path_factory) -> Path:
    """The second content pack (a fictional drug), built through the same command as the real one."""
    site = tmp_path_factory.mktemp("mini") / "site"
    done = run_build(site, MINIPACK)
    assert done.returncode == 0, f"test pack failed to build:\n{done.stdout}\n{done.stderr}"
    return site


def _release_env() -> dict[str, str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    for name in ("PACK", "OFFLINE", "SITE_URL"):
        env.pop(name, None)
    return env


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
        b = p.chromium.launch(executable_path="/usr/bin/chromium", headless=True, args=CHROME_FLAGS)
        try:
            yield b
        finally:
            b.close()
