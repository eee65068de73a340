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
