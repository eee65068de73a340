"""The escaping policy: a string from a data file is text until a template says otherwise.

Every text field of the models is one of two types:

- `PlainText`: shown exactly as written. It is escaped wherever it is output: by the
  autoescaping HTML templates, by `md_escape` where it lands in Markdown (headings,
  link text), and by JSON/CSV/YAML writers in downloads and generated front matter.
  `<`, `&`, `|`, `*`, `_`, quotes and braces in it show as typed.
- `InlineMarkdown`: a small, documented subset of Markdown for prose fields: `*emphasis*`,
  `**strong**`, `` `code` ``, backslash escapes and links to `https://` addresses. Raw HTML
  is refused when the data is loaded (file and field named); the rest is rendered by
  markdown-it-py with HTML and entities switched off, so even a mistake cannot become markup.

Nothing else in a data file is text: ids, dates, enums, numbers and identifiers have
their own constrained types in `models`.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from functools import cache
from typing import Annotated

from markdown_it import MarkdownIt
from markupsafe import Markup
from pydantic import AfterValidator, Field, StringConstraints

# A tag, a closing tag, a comment, a processing instruction or a declaration: what an HTML
# parser would take as markup. "P<0.001", "<5%" and "a < b" are text and stay allowed.
_RAW_HTML = re.compile(r"<\s*(?:[A-Za-z][A-Za-z0-9-]*[\s/>]|[A-Za-z][A-Za-z0-9-]*$|/\s*[A-Za-z]|!|\?)")
_LINK_TARGET = re.compile(r"\]\(\s*<?([^)\s>]*)")


def _no_raw_html(value: str) -> str:
    match = _RAW_HTML.search(value)
    if match:
        snippet = value[match.start(): match.start() + 20]
        raise ValueError(
            f"raw HTML is not allowed in data text (found {snippet!r}); write plain words, or the inline "
            "Markdown subset (*emphasis*, **strong**, `code`, [text](https://...)) where the field allows it"
        )
    return value


def _https_links_only(value: str) -> str:
    for target in _LINK_TARGET.findall(value):
        if not target.startswith("https://"):
            raise ValueError(f"links in data text must point to an https:// address, got {target!r}")
    return value


@dataclass(frozen=True)
class TextKind:
    """Marks a model field as text, and which kind (also written as `x-text` in the JSON Schemas)."""

    kind: str  # "plain-text" or "inline-markdown"


_PLAIN = (TextKind("plain-text"), Field(json_schema_extra={"x-text": "plain-text"}))
_MARKDOWN = (AfterValidator(_no_raw_html), AfterValidator(_https_links_only), TextKind("inline-markdown"),
             Field(json_schema_extra={"x-text": "inline-markdown"}))

PlainText = Annotated[str, StringConstraints(min_length=1), *_PLAIN]
OptionalText = Annotated[str, *_PLAIN]  # may be empty: "" means not given
InlineMarkdown = Annotated[str, StringConstraints(min_length=1), *_MARKDOWN]
OptionalMarkdown = Annotated[str, *_MARKDOWN]


# --------------------------------------------------------------------------- Markdown contexts

# Characters that mean something to Python-Markdown or one of the enabled extensions somewhere
# in a line (emphasis, code, links, attribute lists, table cells, abbreviations, raw HTML,
# entities) or at its start (headings, lists, quotes, admonitions, details). Each becomes a
# numeric character reference, which Markdown passes through as the character itself.
_MD_SPECIAL = frozenset("\\`*_{}[]()<>&#+-.!|:=?~^$'\"")


def md_escape(text: str) -> Markup:
    """Plain text for a Markdown context (a heading, link text, a list item): shows as written.

    Line breaks become spaces: in Markdown a new line inside a value could start a list,
    a heading or a table row.
    """
    flat = re.sub(r"\s+", " ", str(text))  # a space at either end stays: text may sit next to a number
    return Markup("".join(f"&#{ord(ch)};" if ch in _MD_SPECIAL else ch for ch in flat))


# --------------------------------------------------------------------------- inline Markdown


@cache
def _inline_renderer() -> MarkdownIt:
    # "zero" preset: no block syntax, no raw HTML, no entities, no autolinks; we switch on
    # only the inline rules the documented subset needs.
    md = MarkdownIt("zero", {"html": False, "linkify": False, "typographer": False})
    md.enable(["emphasis", "backticks", "escape", "link"])
    return md


def inline_html(text: str) -> Markup:
    """An `InlineMarkdown` value as HTML (safe: markdown-it escapes everything else)."""
    flat = " ".join(str(text).split())
    out = _inline_renderer().renderInline(flat)
    return Markup(out.replace("<a href=", '<a rel="noopener" href='))


def inline_plain(text: str) -> str:
    """An `InlineMarkdown` value as plain text (for SVG, alt text, JSON-LD and downloads' titles)."""
    return html.unescape(re.sub(r"<[^>]+>", "", str(inline_html(text))))


_TAG = re.compile(r"(<[^>]+>)")


def inline_md(text: str) -> Markup:
    """An `InlineMarkdown` value for a Markdown context: its HTML, with the text between tags
    escaped once more so that Python-Markdown finds no syntax in it."""
    parts = _TAG.split(str(inline_html(text)))
    special = _MD_SPECIAL - {"&"}  # markdown-it has already written & as an entity
    return Markup("".join(
        part if i % 2 else "".join(f"&#{ord(ch)};" if ch in special else ch for ch in part)
        for i, part in enumerate(parts)
    ))
