"""The guide engine, loaded by mkdocs-macros as its module (see `plugin.py`)."""

from .plugin import define_env, on_post_page_macros

__all__ = ["define_env", "on_post_page_macros"]
