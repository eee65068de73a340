"""The built HTML itself: valid markup (Nu HTML Checker), no broken internal links
or fragments, and only canonical external addresses.

Needs Java and the pinned `vnu-jar` from package.json (`make test` runs `npm ci`
first); the validator test fails when either is missing, so a check never silently
does not run.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

import pytest

ROOT = Path(__file__).resolve().parents[1]
VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"

# Validator messages we accept, each with the reason. Keep this list short: anything
# fixable in macros/theme/ must be fixed there instead.
ALLOWED_VNU = [
    # Material's base.html writes the drawer and search toggles as
    # <input type="checkbox" ... autocomplete="off"> (so Firefox does not restore their
    # state on back/forward). They sit outside every Jinja block of base.html, so no
    # override can change them short of forking the whole base template.
    re.compile(r"^Attribute “autocomplete” is only allowed when the input type is "),
]

# The only external addresses the guide may link to, in canonical form.
CANONICAL_EXTERNAL = [
    re.compile(r"^https://doi\.org/10\.\d{4,9}/[^\s\"'<>]*[^\s\"'<>.,;:)\]]$"),
    re.compile(r"^https://pubmed\.ncbi\.nlm\.nih\.gov/[1-9]\d*/$"),
    re.compile(r"^https://clinicaltrials\.gov/study/NCT\d{8}$"),
    re.compile(r"^https://www\.cancer\.gov/publications/pdq/[a-z0-9/-]+$"),  # NCI PDQ summaries (no DOI)
    re.compile(r"^https://seer\.cancer\.gov/statfacts/html/[a-z0-9-]+\.html$"),  # NCI SEER statistics (no DOI)
]


class _Page(HTMLParser):
    """Collect ids and every href/src (with its tag and line) from one HTML file."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[tuple[int, str, str, str]] = []  # line, tag, attribute, value

    def handle_starttag(self, tag, attrs):
        line = self.getpos()[0]
        for name, value in attrs:
            if value is None:
                continue
            if name == "id":
                self.ids.add(value)
            elif name == "name" and tag == "a":
                self.ids.add(value)
            elif name in ("href", "src"):
                self.links.append((line, tag, name, value))

    handle_startendtag = handle_starttag


def _parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    page.close()
    return page


@pytest.fixture(scope="module")
def pages(real_site: Path) -> dict[Path, _Page]:
    found = {p: _parse(p) for p in sorted(real_site.rglob("*.html"))}
    assert len(found) > 5, f"only {len(found)} HTML files in {real_site}"
    return found


def _rel(site: Path, path: Path) -> str:
    return path.relative_to(site).as_posix()


# --------------------------------------------------------------------------- (a)
def test_nu_html_checker_finds_no_errors(real_site: Path):
    java = shutil.which("java")
    if java is None or not VNU_JAR.is_file():
        pytest.fail("needs java and node_modules/vnu-jar (run `npm ci` or `make test`)")
    done = subprocess.run(
        [java, "-jar", str(VNU_JAR), "--skip-non-html", "--errors-only", "--format", "json", str(real_site)],
        capture_output=True, text=True, check=False, timeout=600,
    )
    # vnu writes its JSON report to stderr; exit code 1 just means "errors found".
    raw = done.stderr.strip() or done.stdout.strip()
    try:
        report = json.loads(raw)
    except json.JSONDecodeError:
        pytest.fail(f"vnu did not produce JSON (exit {done.returncode}):\n{done.stdout}\n{done.stderr}")
    problems = []
    for m in report.get("messages", []):
        if m.get("type") not in ("error", "non-document-error") and m.get("subType") != "fatal":
            continue
        msg = m.get("message", "")
        if any(p.search(msg) for p in ALLOWED_VNU):
            continue
        url = m.get("url", "")
        file = url.removeprefix("file:")
        try:
            file = _rel(real_site.resolve(), Path(file).resolve())
        except ValueError:
            pass
        extract = " ".join(m.get("extract", "").split())
        problems.append(f"{file}:{m.get('lastLine', '?')}: {msg}\n    {extract}")
    assert not problems, f"{len(problems)} HTML error(s):\n" + "\n".join(problems)


# --------------------------------------------------------------------------- (b)
def _target_file(site: Path, page: Path, path: str) -> Path:
    """The file a (scheme-less, host-less) link path points to, as a static server would serve it."""
    path = unquote(path)
    if path.startswith("/"):
        target = PurePosixPath(path.lstrip("/"))
    else:
        target = PurePosixPath(page.parent.relative_to(site).as_posix()) / path
    # normalise ".." without touching the file system
    parts: list[str] = []
    for part in target.parts:
        if part in ("", "."):
            continue
        if part == "..":
            if parts:
                parts.pop()
            else:
                return site / ".." / "outside-the-site"
        else:
            parts.append(part)
    file = site.joinpath(*parts) if parts else site
    if path.endswith("/") or file.is_dir():
        file = file / "index.html"
    return file


def test_internal_links_and_fragments_resolve(real_site: Path, pages: dict[Path, _Page]):
    site = real_site
    broken = []
    ids_cache: dict[Path, set[str]] = {p: pg.ids for p, pg in pages.items()}
    checked = 0
    for page, parsed in pages.items():
        for line, tag, attr, value in parsed.links:
            value = value.strip()
            parts = urlsplit(value)
            if parts.scheme or parts.netloc or value.startswith("//"):
                continue  # external (checked below) or mailto:, data:, javascript: ...
            if not value:
                broken.append(f"{_rel(site, page)}:{line}: <{tag} {attr}=\"\"> is empty")
                continue
            checked += 1
            target = page if not parts.path else _target_file(site, page, parts.path)
            if not target.is_file():
                broken.append(f"{_rel(site, page)}:{line}: <{tag} {attr}=\"{value}\"> -> missing file")
                continue
            frag = unquote(parts.fragment)
            if not frag:
                continue
            if target.suffix != ".html":
                broken.append(f"{_rel(site, page)}:{line}: <{tag} {attr}=\"{value}\"> fragment on a non-HTML file")
                continue
            if target not in ids_cache:
                ids_cache[target] = _parse(target).ids
            if frag not in ids_cache[target]:
                broken.append(
                    f"{_rel(site, page)}:{line}: <{tag} {attr}=\"{value}\"> -> no id \"{frag}\" in {_rel(site, target)}"
                )
    assert checked > 100, f"only {checked} internal links found; is the crawler broken?"
    assert not broken, f"{len(broken)} broken internal link(s):\n" + "\n".join(broken)


# --------------------------------------------------------------------------- (c)
def test_external_links_are_canonical(real_site: Path, pages: dict[Path, _Page]):
    bad = []
    seen = 0
    for page, parsed in pages.items():
        for line, tag, attr, value in parsed.links:
            if tag != "a" or attr != "href":
                continue
            if not re.match(r"^https?:", value.strip(), re.IGNORECASE):
                continue
            seen += 1
            if value != value.strip() or not any(p.match(value) for p in CANONICAL_EXTERNAL):
                bad.append(f"{_rel(real_site, page)}:{line}: {value!r}")
    assert seen > 0, "no external links at all; is the crawler broken?"
    assert not bad, (
        f"{len(bad)} external link(s) not in canonical form (https://doi.org/10.…, "
        "https://pubmed.ncbi.nlm.nih.gov/<digits>/, https://clinicaltrials.gov/study/NCT<8 digits>):\n"
        + "\n".join(bad)
    )
