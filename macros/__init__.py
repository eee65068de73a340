"""The guide engine, loaded by mkdocs-macros as its module (entry points in `plugin.py`)."""

from .plugin import define_env, on_post_page_macros, on_pre_page_macros

__all__ = ["define_env", "on_post_page_macros", "on_pre_page_macros"]
