"""Pure parts of the reuse furniture, without MkDocs: addresses with and without site_url,
embed planning, JSON-LD escaping and shapes, download tables."""

from __future__ import annotations

import json

import pytest
from mkdocs.exceptions import PluginError

from macros.citations import CitationRegistry
from macros.macrotable import download_list
from macros.pagecontext import PageContext
from macros.plugin import GuidePlugin, slug
from macros.plugin import _wants_embed as wants_embed
from macros.reuse import downloads, embeds, jsonld, tables
from macros.reuse.furniture import Licence, SiteInfo, for_page


def info(site_url: str = "", directory_urls: bool = True) -> SiteInfo:
    return SiteInfo(title="Guide", description="d", site_url=site_url, version="9.9.9", language="en",
                    use_directory_urls=directory_urls, content_licence=Licence("CC BY 4.0", "https://example.org/by"),
                    code_licence=Licence("MIT", None), licence_page="reuse.md")


def registry_for(guide) -> embeds.EmbedRegistry:
    registry = embeds.EmbedRegistry()
    for embed in embeds.data_embeds(guide):
        registry.add(embed)
    return registry


def test_with_site_url_every_address_is_absolute(guide) -> None:
    registry = registry_for(guide)
    out = for_page(src="trials/emilia.md", page_url="trials/emilia/", title="EMILIA", meta={}, is_home=False,
                   guide=guide, info=info("https://example.org/guide/"), registry=registry, cited=[], reviewed="2026-11")
    assert out["url"] == "https://example.org/guide/trials/emilia/"
    assert 'src="https://example.org/guide/embed/trials/emilia/"' in out["embeds"][0]["snippet"]
    assert "site_url is not set" not in out["embed_note"]
    page = next(n for n in json.loads(out["jsonld"])["@graph"] if n["@type"] == "MedicalWebPage")
    assert page["url"] == "https://example.org/guide/trials/emilia/"
    assert out["oembed"] == []  # full pages: see furniture.for_page
    embed_page = for_page(src="embed/trials/emilia.md", page_url="embed/trials/emilia/", title="EMILIA", meta={}, is_home=False,
                          guide=guide, info=info("https://example.org/guide/"), registry=registry, cited=[], reviewed="2026-11")
    assert embed_page["oembed"] == [{"href": "https://example.org/guide/embed/trials/emilia/oembed.json", "title": "EMILIA: trial summary"}]


def test_without_site_url_addresses_are_relative_and_say_so(guide) -> None:
    out = for_page(src="trials/emilia.md", page_url="trials/emilia.html", title="EMILIA", meta={}, is_home=False,
                   guide=guide, info=info("", directory_urls=False), registry=registry_for(guide), cited=[], reviewed="2026-11")
    assert out["url"] is None and out["path"] == "trials/emilia.html"
    assert 'src="embed/trials/emilia.html"' in out["embeds"][0]["snippet"]
    assert "site_url is not set" in out["embed_note"]
    assert out["embeds"][0]["href"] == "../embed/trials/emilia.html"
    page = next(n for n in json.loads(out["jsonld"])["@graph"] if n["@type"] == "MedicalWebPage")
    assert "url" not in page


def test_home_page_is_cited_by_the_site_name(guide) -> None:
    out = for_page(src="index.md", page_url="", title="Home", meta={}, is_home=True, guide=guide, info=info(),
                   registry=registry_for(guide), cited=[], reviewed="2026-11")
    assert out["cite"]["title"] == "Guide" and out["cite"]["text"].startswith("Guide, version 9.9.9.")
    assert out["path"] == "./"


def test_embeds_planned_from_data(guide) -> None:
    planned = embeds.data_embeds(guide)
    assert len(planned) == len(guide.trials) + len(guide.safety.adverse_event_tables)
    ae = next(e for e in planned if e.kind == "adverse-events")
    assert "safety.md" in ae.shown_on and ae.src.startswith("embed/adverse-events/")
    page = embeds.page_embed("patients/what-it-is.md", "What it is")
    assert page.src == "patients/what-it-is-embed.md" and page.full_src == "patients/what-it-is.md"
    registry = embeds.EmbedRegistry()
    registry.add(page)
    with pytest.raises(ValueError, match="two embeds"):
        registry.add(page)


def test_page_copy_keeps_front_matter_but_not_the_embed_flag() -> None:
    embed = embeds.page_embed("p.md", "P")
    source = embeds.page_copy_source(embed, {"title": "P", "audience": "patient", "embed": True}, "# P\n")
    assert "audience: patient" in source and "embed: true" not in source and "template: embed.html" in source
    assert "exclude: true" in source and "embed_of: p.md" in source


def test_json_ld_cannot_close_its_script_element() -> None:
    text = jsonld.document([{"@type": "Thing", "name": "</script><b>&"}])
    assert "</" not in text and "<" not in text and "&" not in text
    assert json.loads(text)["@graph"][0]["name"] == "</script><b>&"


def test_json_ld_for_a_trial(guide) -> None:
    trial = guide.trials["katherine"]
    node = jsonld.trial(trial, "Early breast cancer", [])
    assert node["@type"] == "MedicalTrial" and node["identifier"]["value"] == "NCT01772472"
    assert "https://schema.org/RandomizedTrial" in node["trialDesign"]
    ref = jsonld.reference(guide.references["vonminckwitz2019"])
    assert ref["@type"] == "ScholarlyArticle" and ref["url"].startswith("https://doi.org/")


def test_csv_cells_keep_published_digits(guide) -> None:
    text = downloads.to_csv(tables.EFFICACY_COLUMNS, tables.efficacy(guide))
    assert text.startswith("\ufeff") and "\r\n" in text
    assert ",0.50," in text  # KATHERINE IDFS HR
    assert ",true," in text and ",false," in text


def test_download_list_names_only_known_tables(guide) -> None:
    ctx = PageContext("trials/index.md", CitationRegistry(guide.references), CitationRegistry(guide.references).page("x", "", "x"))
    listing = download_list(("efficacy", "guide"), ctx)
    assert "(../downloads/efficacy.csv)" in listing and "(../downloads/guide.schema.json)" in listing
    with pytest.raises(ValueError, match="unknown download 'nonsense'"):
        download_list(("nonsense",), ctx)


def test_slug() -> None:
    assert slug("T-DM1 Evidence Guide") == "t-dm1-evidence-guide"
    assert slug("  Ünïcode & more!! ") == "unicode-more"


def test_embed_front_matter_must_be_true_or_false() -> None:
    assert wants_embed({"embed": True}, "a.md") is True and wants_embed({}, "a.md") is False
    with pytest.raises(PluginError, match=r"patients/a\.md → front matter 'embed': expected true or false, got 'yes please'"):
        wants_embed({"embed": "yes please"}, "patients/a.md")


def test_offline_build_without_the_shim_says_how_to_get_it(tmp_path) -> None:
    from types import SimpleNamespace

    from mkdocs.structure.files import Files

    plugin = GuidePlugin()
    plugin.load_config({})
    config = SimpleNamespace(config_file_path=str(tmp_path / "mkdocs.yml"))
    with pytest.raises(PluginError, match=r"iframe-worker/shim/index\.js not found; install the pinned Node tools with `npm ci`"):
        plugin._add_shim(Files([]), config)  # type: ignore[arg-type]
