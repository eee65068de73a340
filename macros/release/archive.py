"""Zip files written atomically: a failed run never leaves a half-written zip in dist/."""

from __future__ import annotations

import os
import tempfile
import zipfile
from pathlib import Path


def files_under(folder: Path) -> list[str]:
    """Every file below `folder`, as sorted POSIX paths relative to it."""
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


def write_zip(dest: Path, folder: Path, prefix: str = "", extra: dict[str, str] | None = None) -> Path:
    """Zip every file of `folder` (under `prefix/` inside the zip) plus `extra` {name: text} into `dest`."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{dest.name}.", suffix=".part", dir=dest.parent)
    os.close(fd)
    try:
        with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as zf:
            for name, text in sorted((extra or {}).items()):
                zf.writestr(prefix + name, text)
            for rel in files_under(folder):
                zf.write(folder / rel, prefix + rel)
        os.chmod(tmp, 0o644)
        os.replace(tmp, dest)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return dest
