"""Shared helpers for macros/tools/: build the site into a folder, serve a folder over HTTP."""

from __future__ import annotations

import functools
import gzip
import http.server
import io
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


# What static hosts compress (text formats); images and fonts are sent as they are.
_COMPRESSIBLE = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".csv", ".webmanifest")


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep the printed report clean
        pass


class _GzipHandler(_QuietHandler):
    """Sends text files gzip-compressed when the client accepts it, as real hosts do.

    Lighthouse must see what a reader's browser gets from a host: served plain, the same pages
    lose several performance points to transfer time that no host would cost them.
    """

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if not accepts or path.suffix not in _COMPRESSIBLE or not path.is_file() or not self.path.split("?")[0].split("#")[0].endswith(("/", path.name)):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), 6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


@contextmanager
def serve(folder: Path, compress: bool = False):
    """Serve `folder` on 127.0.0.1 (a free port) in a background thread; yields the base URL.

    `compress=True` gzips text files for clients that accept it (`make audit`).
    """
    handler = functools.partial(_GzipHandler if compress else _QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
