"""schema.org JSON-LD for a page, built from the models (never written by hand in a template).

Every page gets a WebSite and a MedicalWebPage node; a page about the drug (front matter
`about: drug`) adds a Drug, a trial page a MedicalTrial, and the sources cited on the page
become ScholarlyArticle (or Report, WebPage...) entries of the page's `citation`.

Figures keep their published digits, so a dose is given as a string ("3.6"), not a number.
Addresses are only given when the site knows its own (`site_url`); schema.org wants absolute URLs.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from types import MappingProxyType

from .. import i18n
from ..bibliography import links as reference_links
from ..models import Drug, Reference, Trial

CONTEXT = "https://schema.org"

# CSL type -> schema.org type
REFERENCE_TYPES = MappingProxyType({
    "article-journal": "ScholarlyArticle",
    "paper-conference": "ScholarlyArticle",
    "report": "Report",
    "legislation": "Legislation",
    "webpage": "WebPage",
    "dataset": "Dataset",
})

# Trial blinding -> schema.org MedicalTrialDesign
BLINDING_DESIGNS = MappingProxyType({"open-label": "OpenTrial", "double-blind": "DoubleBlindedTrial"})


@dataclass(frozen=True)
class PageFacts:
    title: str
    url: str | None  # absolute, or None when site_url is not set
    reviewed: str  # ISO date, possibly partial (2026-11)
    audience: str  # "patient" or "clinician"
    description: str = ""


@dataclass(frozen=True)
class SiteFacts:
    name: str
    description: str
    url: str | None
    version: str
    language: str
    licence_url: str | None


def website(site: SiteFacts) -> dict:
    node = {"@type": "WebSite", "name": site.name, "description": site.description, "inLanguage": site.language,
            "version": site.version}
    if site.url:
        node |= {"@id": site.url + "#website", "url": site.url}
    if site.licence_url:
        node["license"] = site.licence_url
    return node


def web_page(page: PageFacts, site: SiteFacts, about: list[dict], citations: list[dict]) -> dict:
    node: dict = {
        "@type": "MedicalWebPage",
        "name": page.title,
        "inLanguage": site.language,
        "isPartOf": {"@id": site.url + "#website"} if site.url else {"@type": "WebSite", "name": site.name},
        "lastReviewed": page.reviewed,
        "version": site.version,
        "audience": {"@type": "MedicalAudience", "audienceType": "Patient" if page.audience == "patient" else "Clinician"},
    }
    if page.description:
        node["description"] = page.description
    if page.url:
        node |= {"@id": page.url + "#webpage", "url": page.url}
    if site.licence_url:
        node["license"] = site.licence_url
    if about:
        node["about"] = about
    if citations:
        node["citation"] = citations
    return node


def drug(d: Drug) -> dict:
    node = {
        "@type": "Drug",
        "name": d.name,
        "nonProprietaryName": d.name,
        "alternateName": [d.short_name, *d.aliases],
        "drugClass": {"@type": "DrugClass", "name": d.drug_class},
        "administrationRoute": d.dosing.route,
        "doseSchedule": {
            "@type": "RecommendedDoseSchedule",
            "doseValue": str(d.dosing.dose),  # as published: a string keeps its digits
            "doseUnit": d.dosing.unit,
            "frequency": i18n.t("reuse.jsonld.every_days", count=d.dosing.cycle_days),
        },
    }
    if d.brand_names:
        node["proprietaryName"] = d.brand_names[0] if len(d.brand_names) == 1 else d.brand_names
    return node


def trial(t: Trial, condition: str, articles: list[dict]) -> dict:
    node: dict = {
        "@type": "MedicalTrial",
        "name": t.name,
        "description": t.title,
        "phase": i18n.t("reuse.jsonld.phase", phase=t.phase),
        "healthCondition": {"@type": "MedicalCondition", "name": condition},
    }
    designs = []
    if t.randomised:
        designs.append(CONTEXT + "/RandomizedTrial")
    if t.blinding is not None and t.blinding in BLINDING_DESIGNS:
        designs.append(f"{CONTEXT}/{BLINDING_DESIGNS[t.blinding]}")
    if designs:
        node["trialDesign"] = designs
    if t.registry.nct:
        node["identifier"] = {"@type": "PropertyValue", "propertyID": "ClinicalTrials.gov", "value": t.registry.nct}
        node["sameAs"] = f"https://clinicaltrials.gov/study/{t.registry.nct}"
    if articles:
        node["subjectOf"] = articles
    return node


def reference(ref: Reference) -> dict:
    node: dict = {"@type": REFERENCE_TYPES[ref.type], "name": ref.title, "headline": ref.title[:110]}
    authors = [{"@type": "Person", "familyName": p.family, "givenName": p.given, "name": f"{p.given} {p.family}".strip()}
               for p in ref.authors]
    if ref.author_organisation:
        authors.append({"@type": "Organization", "name": ref.author_organisation})
    if authors:
        node["author"] = authors
    published = ref.issued or (str(ref.year) if ref.year else None)
    if published:
        node["datePublished"] = published
    if ref.container_title:
        node["isPartOf"] = {"@type": "Periodical", "name": ref.container_title}
    ids = []
    if ref.doi:
        ids.append({"@type": "PropertyValue", "propertyID": "DOI", "value": ref.doi.value})
    if ref.pmid:
        ids.append({"@type": "PropertyValue", "propertyID": "PMID", "value": ref.pmid.value})
    if ids:
        node["identifier"] = ids
    urls = [link.url for link in reference_links(ref)]
    if urls:
        node["url"] = urls[0]
        if len(urls) > 1:
            node["sameAs"] = urls[1:]
    return node


def document(nodes: list[dict]) -> str:
    """The JSON-LD text, safe to place inside <script>: '<', '>' and '&' are written as escapes."""
    text = json.dumps({"@context": CONTEXT, "@graph": nodes}, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
