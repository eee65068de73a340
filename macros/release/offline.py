"""`python -m macros.release.offline [SITE_DIR] [DIST_DIR]`: the guide as a zip that works without a network.

Builds the site with Material's offline plugin switched on (OFFLINE=true: links to .html
files, the search index as a script, the pinned iframe-worker shim so search runs from
file://), atomically like `make site`, into SITE_DIR (default build/offline-site), then zips
it as DIST_DIR/<name>-offline-<version>.zip with one top folder and a short README.txt.
"""

from __future__ import annotations

import os
import sys
from contextlib import contextmanager
from pathlib import Path

from macros import i18n
from macros.build import build_site

from .archive import write_zip
from .site import read_site

ROOT = Path(__file__).resolve().parents[2]  # the project folder
SITE_DIR = ROOT / "build" / "offline-site"
DIST_DIR = ROOT / "dist"

README = "release.offline.readme"  # README.txt in the zip, in the site's language (release.yml)


@contextmanager
def _offline_switch():
    """OFFLINE=true for the MkDocs build (mkdocs.yml reads it with !ENV), restored afterwards."""
    before = os.environ.get("OFFLINE")
    os.environ["OFFLINE"] = "true"
    try:
        yield
    finally:
        if before is None:
            os.environ.pop("OFFLINE", None)
        else:
            os.environ["OFFLINE"] = before


def build_offline_site(site_dir: Path = SITE_DIR) -> int:
    with _offline_switch():
        return build_site(site_dir, ROOT / "mkdocs.yml")


def package(site_dir: Path, dist_dir: Path) -> Path:
    site = read_site(site_dir)
    top = site.artefact("offline", "")
    with i18n.using(site.strings()):
        readme = i18n.t(README, site=site.site, version=site.version,
                        licence=site.content_licence or i18n.t("release.offline.licence_unknown"))
    return write_zip(dist_dir / site.artefact("offline", ".zip"), site_dir, prefix=top + "/",
                     extra={"README.txt": readme})


def main(argv: list[str]) -> int:
    site_dir = Path(argv[0]) if argv else SITE_DIR
    dist_dir = Path(argv[1]) if len(argv) > 1 else DIST_DIR
    code = build_offline_site(site_dir)
    if code != 0:
        return code
    print(f"Offline zip written to {package(site_dir, dist_dir)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
