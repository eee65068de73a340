"""The guide's version, from the project metadata (pyproject.toml) rather than a second copy."""

from __future__ import annotations

import tomllib
from functools import lru_cache
from importlib import metadata
from pathlib import Path

DISTRIBUTION = "evidence-guide"
PYPROJECT = Path(__file__).resolve().parents[2] / "pyproject.toml"


@lru_cache(maxsize=1)
def project_version() -> str:
    # The installed metadata is what `make` puts in .venv; reading pyproject.toml covers a
    # checkout used without `pip install -e .` (and an editable install whose version moved on).
    if PYPROJECT.is_file():
        with PYPROJECT.open("rb") as f:
            return tomllib.load(f)["project"]["version"]
    return metadata.version(DISTRIBUTION)
