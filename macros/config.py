"""Where a build finds its data, and the one place data errors become MkDocs errors."""

from __future__ import annotations

import os
from pathlib import Path

from mkdocs.exceptions import PluginError

from .errors import DataError
from .loader import Guide, load_guide


def data_dir(config) -> Path:
    """`extra.data_dir` from mkdocs.yml, unless the GUIDE_DATA environment variable names another folder."""
    override = os.environ.get("GUIDE_DATA")
    if override:
        return Path(override).resolve()
    base = Path(config.config_file_path).resolve().parent
    return base / config.extra.get("data_dir", "data")


def guide_for(config) -> Guide:
    """Load the guide for a MkDocs config, or stop the build with every data problem listed."""
    try:
        return load_guide(data_dir(config))
    except DataError as err:
        raise PluginError(str(err)) from None
