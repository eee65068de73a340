"""Entry point for MkDocs' `hooks:` setting (second entry, after macros/hooks.py).

Loaded by path like macros/hooks.py, so it puts the project folder on the path and
imports the handlers by absolute name (the same `macros` package the macros plugin uses).
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from macros.reuse.events import (  # noqa: E402
    on_config, on_env, on_files, on_nav, on_page_context, on_post_build, on_post_page,
)

__all__ = ["on_config", "on_env", "on_files", "on_nav", "on_page_context", "on_post_build", "on_post_page"]
