"""A drawn figure as page markup: the inline SVG, a caption with a download link, and its alternative.

The page's `PageContext` records the standalone SVG of every figure it shows; after
the build `files.write` puts each one at `figures/<key>.svg`, the address the
download link points to.

In a real build the figure's markup does not go through Markdown: the page gets a
placeholder, and `fill` puts the figure in the finished HTML (`on_post_page`). Both
Python-Markdown's raw-HTML handling and the search indexer parse HTML character by
character; an SVG parsed by both cost a large guide about 15 ms a page. The figure
is then also kept out of the search index, where its words would only repeat the
tables beside it.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from markupsafe import Markup

from ..i18n import t
from ..pagecontext import FigureEmbed, PageContext
from ..urls import page_url, relative_url
from .svg import Figure, render_svg

FOLDER = "figures"


def file_url(key: str) -> str:
    """Site-relative URL of a figure's downloadable SVG."""
    return f"{FOLDER}/{key}.svg"


def linker(from_url: str, use_directory_urls: bool) -> Callable[[str], str]:
    """href(src) for links inside a figure: from a page's URL, or from the figure's own file.

    Raw HTML (and so an inline SVG) is not rewritten by MkDocs the way Markdown links
    are, so links are made final here, as relative URLs.
    """

    def href(src: str) -> str:
        return relative_url(page_url(src, use_directory_urls), from_url)

    return href


def block(ctx: PageContext, variants: list[Figure], caption: str | Markup, alternative: Markup | None = None,
          summary: str | None = None, standalone: str | None = None) -> Markup:
    """The <figure> for one figure (one SVG, or a wide and a narrow layout of the same figure).

    `alternative` is the figure's content as a table or list, shown in a disclosure
    right after it; leave it out only when the caption points at a table next to the
    figure that holds the same figures. `standalone` overrides the downloadable file
    (a figure with links needs them relative to the file, not the page).
    """
    first = variants[0]
    summary = summary or t("figure.text_version")
    keys = {f.key for f in variants}
    if len(keys) != 1:
        raise ValueError(f"one figure, one key: got {sorted(keys)}")
    content = standalone or first.standalone()
    known = ctx.figures.get(first.key)
    if known is not None and known != content:
        raise ValueError(f"{ctx.src}: two different figures are both named {first.key!r}")
    ctx.figures[first.key] = content
    href = relative_url(file_url(first.key), ctx.url)
    html = render_svg(
        "figure.html", key=first.key, kind=first.kind, title=first.title, svgs=[f.svg() for f in variants],
        caption=caption, href=href, alternative=alternative, summary=summary,
    )
    if ctx.defer_figures:  # a real build: golden tests render without it
        _offer_as_embed(ctx, variants, caption, alternative, summary)
    if not ctx.defer_figures:
        return html
    ctx.deferred[first.key] = str(html)
    return Markup(SLOT.format(key=first.key))


def _offer_as_embed(ctx: PageContext, variants: list[Figure], caption: str | Markup, alternative: Markup | None,
                    summary: str) -> None:
    """Note the figure on the page as an embed (`embed/figures/<key>/`; the build makes its page).

    Figures with links (the pathway) are left out: their links are made relative to the host
    page and would break one folder deeper.
    """
    first = variants[0]
    if any(f.interactive for f in variants) or any(e.key == first.key for e in ctx.figure_embeds):
        return
    embed_url = f"embed/figures/{first.key}/"
    html = render_svg(
        "figure.html", key=first.key, kind=first.kind, title=first.title, svgs=[f.svg() for f in variants],
        caption=caption, href=relative_url(file_url(first.key), embed_url), alternative=alternative, summary=summary,
    )
    ctx.figure_embeds.append(FigureEmbed(ctx.src, first.key, first.title, str(html),
                                         height=int(max(f.height for f in variants)) + 160))


SLOT = '<div class="figure-slot" data-figure-slot="{key}"></div>'
_SLOT = re.compile(r'<div class="figure-slot" data-figure-slot="([a-z0-9-]+)"></div>')


def fill(html: str, deferred: dict[str, str], page: str) -> str:
    """Put each deferred figure where its placeholder is; every figure must find its place."""
    placed: set[str] = set()

    def one(match: re.Match) -> str:
        key = match.group(1)
        if key not in deferred:
            raise ValueError(f"{page}: placeholder for figure {key!r}, but no such figure was drawn")
        placed.add(key)
        return deferred[key]

    out = _SLOT.sub(one, html)
    lost = sorted(set(deferred) - placed)
    if lost:
        raise ValueError(f"{page}: figure(s) {lost} lost their place in the page (a placeholder inside other markup?)")
    return out
