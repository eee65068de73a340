"""Where a build finds its content pack, and the one place data errors become MkDocs errors.

A content pack is a folder with `data/` (the evidence, `site.yml` naming the guide and
its nav) and `docs/` (the hand-written pages). The project folder is the default pack;
`PACK=<folder>` selects another. Everything else in `mkdocs.yml` is the engine's.
"""

from __future__ import annotations

import os
from pathlib import Path

from mkdocs.exceptions import PluginError

from .errors import DataError
from .loader import Guide, load_guide


def pack_dir(config) -> Path:
    """The folder named by the PACK environment variable, else the folder holding mkdocs.yml."""
    override = os.environ.get("PACK")
    if override:
        return Path(override).resolve()
    return Path(config.config_file_path).resolve().parent


def data_dir(config) -> Path:
    return pack_dir(config) / "data"


def docs_dir(config) -> Path:
    return pack_dir(config) / "docs"


def guide_for(config) -> Guide:
    """Load the guide for a MkDocs config, or stop the build with every data problem listed."""
    pack = pack_dir(config)
    missing = [p for p in (pack / "data", pack / "docs") if not p.is_dir()]
    if missing:
        raise PluginError(f"content pack {pack}: expected the folders data/ and docs/; missing {', '.join(str(m) for m in missing)}")
    try:
        return load_guide(data_dir(config))
    except DataError as err:
        raise PluginError(str(err)) from None
