"""`python -m macros.check [DATA_DIR]`: validate a data folder without building the site."""

from __future__ import annotations

import sys
import time
from pathlib import Path

from .errors import DataError
from .loader import load_guide
from .standing import stale


def main(argv: list[str]) -> int:
    data_dir = Path(argv[0]) if argv else Path("data")
    started = time.perf_counter()
    try:
        guide = load_guide(data_dir)
    except DataError as err:
        print(err, file=sys.stderr)
        return 1
    took = time.perf_counter() - started
    for message in stale(guide.sequencing):  # a warning here; a strict build fails on it
        print(f"warning: {message}", file=sys.stderr)
    print(
        f"{data_dir}: OK — {len(guide.trials)} trials, {len(guide.references)} references, "
        f"{len(guide.ae_tables)} adverse-event tables, {len(guide.terms)} terms "
        f"({took:.2f} s)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
