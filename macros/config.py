"""The guide plugin's configuration, declared and typed (`plugins: - guide: {...}` in mkdocs.yml).

Environment variables set these values through `!ENV` in mkdocs.yml, which is the one
place they are read: PACK, REQUIRE_VERIFIED, OFFLINE (SITE_URL sets MkDocs' own `site_url`).
"""

from __future__ import annotations

from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as c


class Switch(c.Type):
    """A yes/no option that also takes what an environment variable gives: 1/0, "true"/"false", ""."""

    TRUE = frozenset({"1", "true", "yes", "on"})
    FALSE = frozenset({"0", "false", "no", "off", ""})

    def __init__(self, default: bool = False) -> None:
        super().__init__(bool, default=default)

    def run_validation(self, value: Any) -> bool:
        if isinstance(value, bool):
            return value
        if isinstance(value, int) and value in (0, 1):
            return bool(value)
        text = str(value).strip().lower()
        if text in self.TRUE:
            return True
        if text in self.FALSE:
            return False
        raise base.ValidationError(f"expected true or false (or 1 / 0), got {value!r}")


class GuideConfig(base.Config):
    # The content pack: a folder with data/ and docs/. Empty: the folder holding mkdocs.yml.
    # A relative path is taken from the folder holding mkdocs.yml.
    pack = c.Type(str, default="")
    # Publication build: fail, listing page and value, while any page shows a value not yet
    # verified against its primary source.
    require_verified = Switch(default=False)
    # The offline (file://) build: switches Material's offline plugin on, and serves the search
    # worker shim from the site instead of a CDN.
    offline = Switch(default=False)
    # Where the search shim for file:// comes from (installed from npm by `make offline`).
    search_shim = c.Type(str, default="node_modules/iframe-worker/shim/index.js")
