"""Embeds: minimal pages (no navigation, header or search) that another site can show in an iframe.

Where they come from, all driven by data and page metadata:

- one trial summary per trial record            -> embed/trials/<trial id>.md
- one page per adverse-event table (safety.yml)  -> embed/adverse-events/<table id>.md
- a copy of any docs page whose front matter says `embed: true`
                                                 -> <same folder>/<name>-embed.md (a sibling, so the
                                                    page's own relative links still resolve)
- figures a page offered while it rendered       -> embed/figures/<figure key>.md (`PageContext.figure_embeds`)

Each embed page uses the `embed.html` theme template (chosen with `template:` in its front
matter) and names the full page it comes from in `embed_of`. Full pages show the copy-ready
iframe snippet of every embed taken from them; `embed/index.json` lists them all.

Embeds size themselves: the embed page posts its content height to the page holding the
iframe (`assets/embed-resize.js`), and the snippet carries the few lines that listen for it.
Each embed also describes itself in an oEmbed file beside it (`<embed page>/oembed.json`,
type "rich"), which its own page announces with a discovery `<link>` (see furniture.for_page
for why full pages do not).
"""

from __future__ import annotations

import json
import posixpath
from dataclasses import dataclass, field
from html import escape

from ..guide import Guide, primary_result, trial_src
from ..i18n import t
from ..pagecontext import FigureEmbed
from ..pages import front_matter as _front_matter
from ..pages import theme_title
from ..text import md_escape

TEMPLATE = "embed.html"
INDEX = "embed/index.json"
SAFETY_SRC = "safety.md"
# The message an embed page posts to its parent (assets/embed-resize.js) and the snippet's listener reads.
HEIGHT_MESSAGE = "guide-embed-height"
# oEmbed wants the width of a rich embed in pixels; the snippet itself is 100% wide, and the
# suggested heights are estimates for about this width.
OEMBED_WIDTH = 700
# The listener that goes with the iframe: it sizes the iframe just before it (and nothing else) to
# the height that iframe's own page posts. Written once here; the snippet is text to be pasted.
_LISTENER = (
    "<script>(function(f){addEventListener(\"message\",function(e){var d=e.data;"
    "if(e.source===f.contentWindow&&d&&d.type===\"" + HEIGHT_MESSAGE + "\"&&d.height>0)"
    "{f.style.height=Math.ceil(d.height)+\"px\"}})})(document.currentScript.previousElementSibling)</script>"
)


@dataclass(frozen=True)
class Embed:
    kind: str  # "trial-summary", "adverse-events", "page" or "figure"
    key: str  # unique within its kind
    title: str
    src: str  # source path of the embed page
    full_src: str  # the full page it is taken from (footer link)
    shown_on: tuple[str, ...]  # full pages that show its iframe snippet
    # Suggested iframe height in CSS pixels, a rough estimate of the page at 700 px wide (table
    # rows, notes and the reference list); the frame scrolls when the content is taller.
    height: int

    @property
    def id(self) -> str:
        return f"{self.kind}/{self.key}"


@dataclass
class EmbedRegistry:
    """Every embed of the build in progress, by embed page source path."""

    embeds: dict[str, Embed] = field(default_factory=dict)

    def add(self, embed: Embed) -> None:
        if embed.src in self.embeds:
            raise ValueError(f"two embeds would be written to {embed.src!r}: {self.embeds[embed.src].id} and {embed.id}")
        self.embeds[embed.src] = embed

    def shown_on(self, page_src: str) -> list[Embed]:
        return [e for e in self.embeds.values() if page_src in e.shown_on]


# --------------------------------------------------------------------------- planning


def data_embeds(guide: Guide) -> list[Embed]:
    """The embeds drawn from data records: a summary per trial, a page per adverse-event table."""
    out = []
    for trial in guide.trials.values():
        primary = primary_result(trial)
        primary_rows = sum(1 for r in trial.results if primary and r.analysis == primary.analysis)
        height = 1100 + 100 * primary_rows if primary else 760
        out.append(Embed("trial-summary", trial.id, t("reuse.embed.trial_summary", trial=trial.name), f"embed/trials/{trial.id}.md",
                         trial_src(trial.id), (trial_src(trial.id),), height))
    for table in guide.ae_tables:
        trial = guide.trials[table.trial]
        out.append(Embed("adverse-events", table.id, f"{trial.name}: {table.title}",
                         f"embed/adverse-events/{table.id}.md", trial_src(trial.id),
                         (trial_src(trial.id), SAFETY_SRC), 620 + 45 * len(table.rows)))
    return out


def page_embed(src: str, title: str) -> Embed:
    """The embed copy of a docs page that asks for one (`embed: true`)."""
    stem, _ = posixpath.splitext(src)
    return Embed("page", stem, title, f"{stem}-embed.md", src, (src,), 900)


def figure_embed(fig: FigureEmbed, shown_on: tuple[str, ...]) -> Embed:
    return Embed("figure", fig.key, fig.title, f"embed/figures/{fig.key}.md", fig.page_src, shown_on, fig.height)


# --------------------------------------------------------------------------- page sources


def _embed_meta(embed: Embed, title: str) -> dict:
    # Embeds are copies: keep them out of the search index so a search finds the full page.
    return {"title": theme_title(title), "template": TEMPLATE, "embed_of": embed.full_src, "search": {"exclude": True}}


def trial_summary_source(embed: Embed, trial_id: str) -> str:
    return _front_matter(_embed_meta(embed, embed.title)) + f'{{{{ trial_summary("{trial_id}") }}}}\n'


def ae_table_source(embed: Embed, table_id: str) -> str:
    return _front_matter(_embed_meta(embed, embed.title)) + f'{{{{ adverse_event_table("{table_id}") }}}}\n'


def page_copy_source(embed: Embed, meta: dict, body: str) -> str:
    """The page's own Markdown under the embed template; its other front matter (audience...) is kept.

    The page is hand-written: its title is the author's (Markdown-page text), kept as it is."""
    kept = {k: v for k, v in meta.items() if k not in ("embed", "template", "search")}
    fm = {**kept, **_embed_meta(embed, embed.title)}
    fm["title"] = meta.get("title") or embed.title
    return _front_matter(fm) + body


def figure_source(embed: Embed, fig: FigureEmbed) -> str:
    # The figure's HTML is final: no macros, no Markdown inside it.
    meta = {**_embed_meta(embed, embed.title), "render_macros": False}
    # A raw HTML block: it starts at the line's start and has no blank line inside, so Markdown
    # passes it through untouched.
    html = "\n".join(line for line in fig.html.splitlines() if line.strip())
    return _front_matter(meta) + f"# {md_escape(fig.title)}\n\n<div class=\"figure-embed\">\n{html}\n</div>\n"


# --------------------------------------------------------------------------- snippets and index


def address(url: str, site_url: str) -> str:
    """An embed's address: absolute under site_url when the site knows it, else relative to the site root."""
    return site_url.rstrip("/") + "/" + url if site_url else url


def snippet(embed: Embed, src_address: str) -> str:
    """The iframe code offered for an embed: the iframe, then the listener that sizes it to its content."""
    frame = (
        f'<iframe src="{escape(src_address)}" title="{escape(embed.title)}" width="100%" '
        f'height="{embed.height}" style="border:0" loading="lazy"></iframe>'
    )  # html.escape with quote=True: the code is text until someone pastes it into their page
    return frame + _LISTENER


def oembed_src(embed: Embed) -> str:
    """Where an embed's oEmbed file goes: `embed/trials/<id>.md` -> `embed/trials/<id>/oembed.json`."""
    stem, _ = posixpath.splitext(embed.src)
    return f"{stem}/oembed.json"


def oembed_json(embed: Embed, src_address: str, provider: str, provider_url: str) -> str:
    """The embed's oEmbed response (https://oembed.com, type "rich"), a static file."""
    doc: dict = {
        "version": "1.0", "type": "rich", "title": embed.title, "provider_name": provider,
        "html": snippet(embed, src_address), "width": OEMBED_WIDTH, "height": embed.height,
    }
    if provider_url:  # only a known public address; a relative one means nothing to a consumer
        doc["provider_url"] = provider_url
    return json.dumps(doc, indent=1, ensure_ascii=False) + "\n"


def index_json(registry: EmbedRegistry, urls: dict[str, str], site_url: str, about: dict[str, str],
               reviewed: dict[str, str]) -> str:
    """embed/index.json: every embed with its title, address, size hint, last review and snippet.

    `urls` maps embed and full-page sources to their URL in the site; `reviewed` maps each
    embed source to its last-reviewed date.
    """
    items = []
    for embed in sorted(registry.embeds.values(), key=lambda e: (e.kind, e.key)):
        where = address(urls[embed.src], site_url)
        items.append({
            "id": embed.id, "kind": embed.kind, "title": embed.title, "url": where,
            "full_page": address(urls[embed.full_src], site_url), "width": "100%", "height": embed.height,
            "last_reviewed": reviewed[embed.src], "snippet": snippet(embed, where),
        })
    doc = {
        **about,
        "base_url": site_url or None,
        "urls": "absolute" if site_url else "relative to the site's home page (site_url is not set)",
        "embeds": items,
    }
    return json.dumps(doc, indent=1, ensure_ascii=False) + "\n"
