"""The guide engine. mkdocs-macros loads this package as its module and calls `define_env`.

The engine itself is the MkDocs plugin in `plugin.py` (registered as `guide` through an
entry point in pyproject.toml); it loads the content pack once per build and owns
everything the build makes. `define_env` only hands the plugin's macros and filters to
mkdocs-macros.
"""

from __future__ import annotations

from typing import Any


def define_env(env: Any) -> None:
    """Register the guide's macros and filters with mkdocs-macros (nothing else happens here)."""
    plugin = env.conf.plugins.get("guide")
    if plugin is None or getattr(plugin, "session", None) is None:
        raise RuntimeError("mkdocs.yml: the 'guide' plugin must be listed before 'macros' under plugins")
    for name, function in plugin.session.macros.functions.items():
        env.macro(function, name)
    for name, function in plugin.session.macros.filters.items():
        env.filter(function, name)
    env.variables.update(plugin.session.macros.variables)
