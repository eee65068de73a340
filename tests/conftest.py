"""Shared fixtures: real builds of the real site (and of the small test pack) into temp folders."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
MINIPACK = ROOT / "tests" / "fixtures" / "minipack" / "data"


def run_build(site_dir: Path, data_dir: Path | None = None) -> subprocess.CompletedProcess:
    """Build exactly as `make site` does (strict, atomic), optionally from another data folder."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("GUIDE_DATA", None)
    if data_dir is not None:
        env["GUIDE_DATA"] = str(data_dir)
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
def browser():
    """The system Chromium, once per session: Playwright's sync API cannot run two at a time."""
    from playwright.sync_api import sync_playwright

    from tools.common import CHROME_FLAGS

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path="/usr/bin/chromium", headless=True, args=CHROME_FLAGS)
        try:
            yield b
        finally:
            b.close()
