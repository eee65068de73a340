"""Reading YAML so that what an author typed is what a reader sees.

Two things the stock PyYAML loader gets wrong for evidence data:
- floats lose their written precision (0.50 becomes 0.5); here every float
  scalar becomes a `Decimal` built from the text as written;
- a key written twice in one mapping silently keeps the last value; here it is
  an error naming the key and line.
Dates stay strings, so the models can accept partial dates (2014-12) and
reject impossible ones with a clear message.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml


class YamlError(Exception):
    def __init__(self, path: Path, message: str) -> None:
        super().__init__(f"{path}: {message}")
        self.path = path
        self.message = message


# The C parser (libyaml) is several times faster on large packs; construction stays in
# Python, so the constructors below apply to both.
_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _EvidenceLoader(_Base):  # type: ignore[misc,valid-type]
    pass


def _construct_float(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> Decimal:
    text = loader.construct_scalar(node).replace("_", "")
    return Decimal(text)


def _construct_mapping(loader: yaml.SafeLoader, node: yaml.MappingNode) -> dict[Any, Any]:
    seen: dict[Any, int] = {}
    for key_node, _ in node.value:
        key = loader.construct_object(key_node)
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None, None, f"key {key!r} appears twice in one mapping (first on line {seen[key] + 1})",
                key_node.start_mark,
            )
        seen[key] = key_node.start_mark.line
    return loader.construct_mapping(node)


_EvidenceLoader.add_constructor("tag:yaml.org,2002:float", _construct_float)
_EvidenceLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
# Keep dates as text: the timestamp resolver would turn "2012-07-31" into a date
# object and "2014-12" into a string, two types for one field.
_EvidenceLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def read_yaml(path: Path) -> Any:
    """Parse one YAML file; syntax errors become a `YamlError` naming the file and line."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as err:
        raise YamlError(path, f"cannot be read ({err.strerror})") from None
    try:
        return yaml.load(text, Loader=_EvidenceLoader)  # noqa: S506 - SafeLoader subclass
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark else ""
        problem = getattr(err, "problem", None) or str(err)
        raise YamlError(path, f"{where}not valid YAML ({problem})") from None
