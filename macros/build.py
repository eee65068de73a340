"""`python -m macros.build [SITE_DIR]`: a strict build that never leaves a half-written site.

MkDocs writes pages as it goes and only reports strict-mode warnings at the end,
so a failed build would otherwise leave a mixed or partial folder behind. We
build into a temporary sibling folder and swap it in only on success; on
failure the previous site stays exactly as it was.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path


def build_site(site_dir: Path, config_file: Path = Path("mkdocs.yml")) -> int:
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}.building-", dir=site_dir.parent))
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    # ProperDocs is the maintained fork of MkDocs 1.6 (same config and plugins); see README.
    # No -v: in MkDocs 1.6.1 verbose mode skips anchor validation.
    cmd = [sys.executable, "-m", "properdocs", "build", "--strict", "--clean", "-f", str(config_file), "-d", str(staging)]
    done = subprocess.run(cmd, env=env, check=False)
    if done.returncode != 0:
        shutil.rmtree(staging, ignore_errors=True)
        print(f"Build failed; {site_dir} was left unchanged.", file=sys.stderr)
        return done.returncode
    old = site_dir.with_name(f".{site_dir.name}.old")
    shutil.rmtree(old, ignore_errors=True)
    if site_dir.exists():
        site_dir.rename(old)
    staging.rename(site_dir)
    shutil.rmtree(old, ignore_errors=True)
    site_dir.chmod(0o755)  # mkdtemp makes it private; a static site must be world-readable
    print(f"Site written to {site_dir}")
    return 0


if __name__ == "__main__":
    args = sys.argv[1:]
    raise SystemExit(build_site(Path(args[0]) if args else Path("site"), Path(args[1]) if len(args) > 1 else Path("mkdocs.yml")))
