"""Words the engine shows for its own categories (a trial's role).

One module with no imports, so render functions and figures share the same words
without importing each other.
"""

from __future__ import annotations

from types import MappingProxyType

ROLE_LABEL = MappingProxyType({
    "subject": "studied as the experimental treatment",
    "comparator": "the control (comparator) arm",
    "backbone": "given in every arm",
    "context": "not studied; shapes the treatment sequence",
})
