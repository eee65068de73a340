"""Shared helpers for macros/tools/: build the site into a folder, serve a folder over HTTP."""

from __future__ import annotations

import functools
import http.server
import os
import subprocess
import sys
import threading
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]  # the project folder

# From /work/shared/TOOLING.md: the flags that let the Debian Chromium run headless here.
CHROME_FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-dev-shm-usage",
)


def build(site_dir: Path, pack: Path | None = None, config: Path | None = None) -> subprocess.CompletedProcess:
    """Build exactly as `make site` does (strict, atomic), optionally from another content pack."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("PACK", None)
    if pack is not None:
        env["PACK"] = str(pack)
    done = subprocess.run(
        [sys.executable, "-m", "macros.build", str(site_dir), str(config or ROOT / "mkdocs.yml")],
        cwd=ROOT, env=env, capture_output=True, text=True, check=False,
    )
    if done.returncode != 0:
        raise SystemExit(f"build failed:\n{done.stdout}\n{done.stderr}")
    return done


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep the printed report clean
        pass


@contextmanager
def serve(folder: Path):
    """Serve `folder` on 127.0.0.1 (a free port) in a background thread; yields the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
