"""Glossary page and the abbreviation definitions that become tooltips on every page."""

from __future__ import annotations

from ..loader import Guide


def glossary(guide: Guide) -> str:
    out = []
    for t in sorted(guide.glossary.terms, key=lambda t: t.term.lower()):
        abbr = f" ({t.abbreviation})" if t.abbreviation else ""
        out.append(f"## {t.term}{abbr} {{ #{t.id} }}\n")
        out.append(f"{t.clinician}\n")
        out.append(f"*In plain words:* {t.plain}\n")
    return "\n".join(out)


def abbreviations(guide: Guide) -> str:
    """Markdown `abbr` definitions; Material shows them as tooltips wherever the abbreviation appears."""
    lines = []
    for t in guide.glossary.terms:
        if t.abbreviation:
            title = f"{t.term}: {t.plain}".replace("]", ")").replace("\n", " ")
            lines.append(f"*[{t.abbreviation}]: {title}")
    return "\n".join(lines)
