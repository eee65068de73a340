"""Reuse and publication furniture: embeds, data downloads, citation box, JSON-LD, page manifest.

Everything here is registered through its own MkDocs hook file (`reuse/hooks.py`) and one
line in `plugin.py`, so the guide's page rendering does not depend on it.
"""
