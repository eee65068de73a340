"""What the theme partials show around a page's content: "Cite this page", the embed snippets,
the print footer, the embed footer and the JSON-LD. One dict per page, made in `on_page_context`
and read by `macros/theme/partials/reuse*.html`, `cite-box.html`, `json-ld.html` and `embed.html`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .. import fmt
from ..guide import Guide, trial_src
from ..i18n import t
from ..models import Reference
from ..urls import page_url, relative_url
from . import jsonld
from .embeds import INDEX, Embed, EmbedRegistry, address, oembed_src, snippet


@dataclass(frozen=True)
class Licence:
    name: str
    url: str | None


@dataclass(frozen=True)
class SiteInfo:
    """Site-wide facts the furniture needs, gathered once per build from the config and the guide."""

    title: str
    description: str
    site_url: str  # "" when unknown
    version: str
    language: str
    use_directory_urls: bool
    content_licence: Licence | None
    code_licence: Licence | None
    licence_page: str | None  # source path of the page explaining licences and reuse


def url_of(src: str, info: SiteInfo) -> str:
    """The URL (relative to the site root) MkDocs gives a source file."""
    return page_url(src, info.use_directory_urls)


def _rel(src: str, from_url: str, info: SiteInfo) -> str:
    return relative_url(url_of(src, info), from_url)


def _trial_for(src: str, guide: Guide, embed: Embed | None) -> str | None:
    if embed is not None and embed.kind == "trial-summary":
        return embed.key
    for trial_id in guide.trials:
        if src == trial_src(trial_id):
            return trial_id
    return None


def for_page(*, src: str, page_url: str, title: str, meta: Mapping[str, Any], is_home: bool, guide: Guide, info: SiteInfo,
             registry: EmbedRegistry, cited: list[Reference], reviewed: str) -> dict:
    """Everything the theme partials show around one page. `reviewed` is the ISO date its content
    (or, for an embed, the content of its full page) was last reviewed."""
    embed = registry.embeds.get(src)
    cite_title = info.title if is_home else title
    absolute = address(page_url, info.site_url) if info.site_url else None
    licence = info.content_licence
    out: dict = {
        "site": info.title,
        "version": info.version,
        "reviewed": fmt.date(reviewed),
        "reviewed_iso": reviewed,
        "url": absolute,
        # Without site_url the page's public address is unknown: show its path in the site and
        # let the copy script put the address from the browser in when the page is served.
        "path": page_url or "./",
        "licence": licence.name if licence else None,
        "licence_href": _rel(info.licence_page, page_url, info) if info.licence_page else None,
        "cite": {
            "title": cite_title,
            "text": t("reuse.cite.page_text", title=cite_title, site=info.title, version=info.version,
                      date=fmt.date(reviewed)) if cite_title != info.title
            else t("reuse.cite.text", site=info.title, version=info.version, date=fmt.date(reviewed)),
        },
        "embeds": [],
        "embed": None,
        # oEmbed discovery, in the embed page only. Not in full pages: Material's script fetches
        # `sitemap.xml` beside the target of every <link rel="alternate"> (it takes them for language
        # versions), so each announced embed would cost a full page a failed request.
        "oembed": [_oembed_link(embed, page_url, info)] if embed else [],
    }
    for e in registry.shown_on(src):
        where = url_of(e.src, info)
        out["embeds"].append({"title": e.title, "height": e.height, "href": relative_url(where, page_url),
                              "snippet": snippet(e, address(where, info.site_url))})
    if out["embeds"]:
        out["embed_note"] = t("reuse.embed.note" if info.site_url else "reuse.embed.note_relative")
        out["embed_index"] = relative_url(INDEX, page_url)
    if embed is not None:
        out["embed"] = {"full_href": _rel(embed.full_src, page_url, info), "title": embed.title}
    out["jsonld"] = _jsonld(src, absolute, cite_title, meta, reviewed, guide, info, embed, cited)
    return out


def _oembed_link(embed: Embed, page_url: str, info: SiteInfo) -> dict[str, str]:
    where = oembed_src(embed)
    href = address(where, info.site_url) if info.site_url else relative_url(where, page_url)
    return {"href": href, "title": embed.title}


def _jsonld(src: str, absolute: str | None, title: str, meta: Mapping[str, Any], reviewed: str, guide: Guide, info: SiteInfo,
            embed: Embed | None, cited: list[Reference]) -> str:
    site = jsonld.SiteFacts(
        name=info.title, description=info.description, url=address("", info.site_url) if info.site_url else None,
        version=info.version, language=info.language,
        licence_url=info.content_licence.url if info.content_licence else None,
    )
    page = jsonld.PageFacts(title=title, url=absolute, reviewed=reviewed,
                            audience=str(meta.get("audience") or "clinician"),
                            description=str(meta.get("description") or ""))
    articles = [jsonld.reference(r) for r in cited]
    about = []
    if meta.get("about") == "drug":
        about.append(jsonld.drug(guide.drug))
    trial_id = _trial_for(src, guide, embed)
    if trial_id is not None:
        t = guide.trials[trial_id]
        trial_articles = [jsonld.reference(guide.references[r]) for r in t.references]
        about.append(jsonld.trial(t, guide.setting_label(t.setting), trial_articles))
    return jsonld.document([jsonld.website(site), jsonld.web_page(page, site, about, articles)])
