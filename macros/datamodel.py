"""The data-model reference for authors: one Markdown page per kind of data file, generated
from the same JSON Schemas as editor validation (`schemas.py`), so it cannot fall behind
the models. `python -m macros.schemas` writes it beside the schemas
(`macros/schemas/<name>.md` and the index `macros/schemas/README.md`).

Each page lists every field with its path, type, whether it is required, what kind of
text it takes (plain text or inline Markdown, see `text.py`), its description, and an
example taken from the test pack's own data.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .yamlio import read_yaml

EXAMPLES = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "minipack" / "data"


def resolve(node: dict[str, Any], defs: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node:
        node = {**defs[node["$ref"].split("/")[-1]], **{k: v for k, v in node.items() if k != "$ref"}}
    if "allOf" in node and len(node["allOf"]) == 1:
        node = resolve({**node["allOf"][0], **{k: v for k, v in node.items() if k != "allOf"}}, defs)
    return node


def _type(node: dict[str, Any], defs: dict[str, Any]) -> str:
    node = resolve(node, defs)
    if "anyOf" in node:
        kinds = [_type(n, defs) for n in node["anyOf"] if resolve(n, defs).get("type") != "null"]
        return " or ".join(dict.fromkeys(kinds)) or "null"
    if "enum" in node:
        return "one of " + ", ".join(f"`{v}`" for v in node["enum"])
    if "const" in node:
        return f"`{node['const']}`"
    kind = node.get("type")
    if kind == "array":
        if "prefixItems" in node:
            return "pair of " + " and ".join(_type(n, defs) for n in node["prefixItems"])
        return "list of " + _type(node.get("items", {}), defs)
    if kind == "object":
        if "properties" in node:
            return str(node.get("title", "mapping"))
        extra = node.get("additionalProperties")
        return "mapping to " + _type(extra, defs) if isinstance(extra, dict) else "mapping"
    if kind == "string":
        if node.get("format") == "date":
            return "date (YYYY-MM-DD)"
        if node.get("pattern"):
            return "text matching `" + node["pattern"].replace("|", "\\|") + "`"
        return {"plain-text": "plain text", "inline-markdown": "inline Markdown"}.get(node.get("x-text", ""), "text")
    return str(kind or "any")


def _text_kind(node: dict[str, Any], defs: dict[str, Any]) -> str:
    node = resolve(node, defs)
    for option in node.get("anyOf", []):
        if found := _text_kind(option, defs):
            return found
    if node.get("type") == "array":
        return _text_kind(node.get("items", {}), defs)
    return {"plain-text": "plain text", "inline-markdown": "inline Markdown"}.get(node.get("x-text", ""), "")


def _children(node: dict[str, Any], defs: dict[str, Any]) -> dict[str, Any] | None:
    """The object schema whose fields sit under this one (through lists, optionals and mappings)."""
    node = resolve(node, defs)
    if "properties" in node:
        return node
    for option in node.get("anyOf", []):
        if (found := _children(option, defs)) is not None:
            return found
    if node.get("type") == "array" and isinstance(node.get("items"), dict):
        return _children(node["items"], defs)
    extra = node.get("additionalProperties")
    if node.get("type") == "object" and isinstance(extra, dict):
        return _children(extra, defs)
    return None


def _suffix(node: dict[str, Any], defs: dict[str, Any]) -> str:
    node = resolve(node, defs)
    if node.get("type") == "array" or any(resolve(o, defs).get("type") == "array" for o in node.get("anyOf", [])):
        return "[]"
    if node.get("type") == "object" and "additionalProperties" in node and "properties" not in node:
        return ".<key>"
    return ""


def fields(schema: dict[str, Any]) -> Iterator[tuple[str, str, bool, str, str]]:
    """(path, type, required, text kind, description) of every field, depth first."""
    defs = schema.get("$defs", {})

    def walk(node: dict[str, Any], prefix: str) -> Iterator[tuple[str, str, bool, str, str]]:
        required = set(node.get("required", []))
        for name, prop in node.get("properties", {}).items():
            path = f"{prefix}{name}"
            resolved = resolve(prop, defs)
            yield (path, _type(prop, defs), name in required, _text_kind(prop, defs),
                   str(prop.get("description") or resolved.get("description") or ""))
            child = _children(prop, defs)
            if child is not None and child is not node:
                yield from walk(child, f"{path}{_suffix(prop, defs)}.")

    yield from walk(schema, "")


def _example(data: Any, path: str) -> str:
    value: Any = data
    for part in path.split("."):
        if value is None:
            return ""
        if part.endswith("[]"):
            part = part[:-2]
            value = value.get(part) if isinstance(value, dict) else None
            value = value[0] if isinstance(value, list) and value else None
        elif part == "<key>":
            value = next(iter(value.values()), None) if isinstance(value, dict) else None
        else:
            value = value.get(part) if isinstance(value, dict) else None
    if value is None or isinstance(value, (dict, list)):
        return ""
    text = " ".join(str(value).split())
    return "`" + (text[:60] + "…" if len(text) > 60 else text).replace("|", "\\|").replace("`", "'") + "`"


def page(name: str, schema: dict[str, Any], pattern: str) -> str:
    examples = sorted(EXAMPLES.glob(pattern))
    data = read_yaml(examples[0]) if examples else None
    lines = [
        f"# `{pattern}`: {schema.get('title', name)}",
        "",
        "Generated from the models by `make schemas`; do not edit. "
        "Text kinds: plain text is shown exactly as written; inline Markdown also takes *emphasis*, "
        "**strong**, `code` and https links, never raw HTML.",
        "",
        "| field | type | required | text | description | example (test pack) |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for path, kind, required, text, description in fields(schema):
        cells = [f"`{path}`", kind, "yes" if required else "", text, description.replace("|", "\\|"), _example(data, path)]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def index(kinds: dict[str, tuple[str, list[str], bool]]) -> str:
    """The minimum pack, then one line per data file. `kinds`: name -> (file pattern, required top-level fields,
    whether the pack may leave the file out)."""
    lines = [
        "# The data model",
        "",
        "Generated from the models by `make schemas`; do not edit.",
        "",
        "## The minimum pack",
        "",
        "A content pack is a folder with `data/` and `docs/`. Its `data/` needs every file below that is "
        "not optional (a folder needs at least one file), each with at least its required fields; a pack "
        "without an optional file shows none of its sections. `docs/` holds the pages its `site.yml` nav "
        "names, `references.md` (the reference catalogue) and the pages `site.yml` names as "
        "`editorial_page` and `trial_pages_counterpart`. `make check-data` lists every problem at once; "
        "`make new-pack DIR=<folder> NAME=\"<medicine>\"` writes a minimal pack that builds as it is.",
        "",
        "| file | needed | required fields | reference |",
        "| --- | --- | --- | --- |",
    ]
    for name, (pattern, required, optional) in kinds.items():
        fields = ", ".join(f"`{r}`" for r in required) or "(none)"
        lines.append(f"| `data/{pattern}` | {'optional' if optional else 'yes'} | {fields} | [{name}]({name}.md) |")
    return "\n".join(lines) + "\n"
