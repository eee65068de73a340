"""Entry point for MkDocs' `hooks:` setting.

MkDocs loads this file by path, not as part of the `macros` package, so it
imports the real handlers by absolute name; the project folder is put on the
path first so that `macros` is the same module the macros plugin loaded.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from macros.events import on_config, on_files, on_post_build, on_post_page  # noqa: E402

__all__ = ["on_config", "on_files", "on_post_build", "on_post_page"]
