"""`make bench`: build-time and page-weight figures for the real site, plus a scale test.

Prints figures only; it never fails on slow numbers.

* full build time of the real site (median of 5 strict builds, as `make site`)
* time to load and validate data/ (`macros.loader.load_guide` in a fresh process)
* time to draw every figure the data supports from a loaded guide, with their count and sizes
* pages, HTML bytes per page (median, max)
* bytes a first visit to the home page downloads (HTML + CSS + JS + fonts it references)
* scale test: a synthetic pack of 1,000 trials and 3,000 references (made from the
  test minipack), built with PACK, against a plain Material build of the same
  number of trivial pages (same mkdocs/material, no macros).
"""

from __future__ import annotations

import copy
import gzip
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import yaml

from .common import ROOT, build

MINIPACK = ROOT / "tests" / "fixtures" / "minipack"  # a content pack: data/ and docs/
N_TRIALS = 1000
REFS_PER_TRIAL = 3
RUNS = 5


def timed(fn, *args, **kwargs) -> float:
    t = time.perf_counter()
    fn(*args, **kwargs)
    return time.perf_counter() - t


def html_files(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if p.name != "404.html")


# ------------------------------------------------------------------ load time
LOAD_SNIPPET = """
import sys, time
from pathlib import Path
t0 = time.perf_counter()
from macros.loader import load_guide
t1 = time.perf_counter()
load_guide(Path(sys.argv[1]))
t2 = time.perf_counter()
print(t1 - t0, t2 - t1)
"""


def load_times(data_dir: Path, runs: int = RUNS) -> tuple[float, float]:
    imports, loads = [], []
    for _ in range(runs):
        out = subprocess.run([sys.executable, "-c", LOAD_SNIPPET, str(data_dir)], cwd=ROOT,
                             capture_output=True, text=True, check=True).stdout.split()
        imports.append(float(out[0]))
        loads.append(float(out[1]))
    return statistics.median(imports), statistics.median(loads)


# ------------------------------------------------------------- figures
FIGURES_SNIPPET = """
import statistics, sys, time
from pathlib import Path
from macros.loader import load_guide
from macros.figures.catalogue import all_figures
guide = load_guide(Path(sys.argv[1]))
times = []
for _ in range(int(sys.argv[2])):
    t = time.perf_counter()
    figures = all_figures(guide)
    times.append(time.perf_counter() - t)
sizes = [len(f.standalone().encode()) for f in figures]
print(times[0], statistics.median(times), len(figures), sum(sizes), max(sizes))
"""


def figure_times(data_dir: Path, runs: int = RUNS) -> tuple[float, float, int, int, int]:
    """First and median time to draw all figures (fresh process), their count, total and largest bytes."""
    out = subprocess.run([sys.executable, "-c", FIGURES_SNIPPET, str(data_dir), str(runs)], cwd=ROOT,
                         capture_output=True, text=True, check=True).stdout.split()
    return float(out[0]), float(out[1]), int(out[2]), int(out[3]), int(out[4])


# ------------------------------------------------------------- first visit
class _Assets(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "link" and "stylesheet" in (a.get("rel") or "").split() and a.get("href"):
            self.urls.append(a["href"])
        elif tag == "link" and (a.get("rel") or "") == "preload" and a.get("href"):
            self.urls.append(a["href"])
        elif tag == "script" and a.get("src"):
            self.urls.append(a["src"])


def first_visit(site: Path) -> list[tuple[str, int, int]]:
    """(kind, raw bytes, gzip bytes) for the home page and the local assets it references."""
    base = "http://site.invalid/"
    home = site / "index.html"
    seen: dict[str, Path] = {}
    rows: list[tuple[str, int, int]] = []

    def add(kind: str, path: Path) -> None:
        data = path.read_bytes()
        rows.append((kind, len(data), len(gzip.compress(data, 6))))

    add("html", home)
    parser = _Assets()
    parser.feed(home.read_text(encoding="utf-8"))
    for url in parser.urls:
        absolute = urljoin(base, url)
        if not absolute.startswith(base):
            rows.append(("external!", 0, 0))  # the offline guide should have none
            continue
        path = site / urlsplit(absolute).path.removeprefix("/")
        if absolute in seen or not path.is_file():
            continue
        seen[absolute] = path
        kind = "css" if path.suffix == ".css" else "js" if path.suffix == ".js" else "other"
        add(kind, path)
        if path.suffix == ".css":  # fonts (and anything else) the stylesheet pulls in
            for ref in re.findall(r"url\(\s*['\"]?([^'\")]+)['\"]?\s*\)", path.read_text(encoding="utf-8")):
                if ref.startswith("data:"):
                    continue
                font_abs = urljoin(absolute, ref)
                font = site / urlsplit(font_abs).path.removeprefix("/")
                if font_abs not in seen and font.is_file() and font.suffix in (".woff2", ".woff", ".ttf", ".otf"):
                    seen[font_abs] = font
                    add("font", font)
    return rows


# ---------------------------------------------------------- synthetic pack
def make_pack(dest: Path, n_trials: int = N_TRIALS, refs_per_trial: int = REFS_PER_TRIAL) -> None:
    """Copy the test pack and add n_trials trials and n_trials*refs_per_trial references to its data."""
    shutil.copytree(MINIPACK, dest)
    data = dest / "data"
    trial_tpl = yaml.safe_load((data / "trials" / "alpha.yml").read_text())
    ref_file = yaml.safe_load((data / "references" / "refs.yml").read_text())
    ref_tpl = next(r for r in ref_file["references"] if r["id"] == "doe2020")
    refs = []
    for i in range(1, n_trials + 1):
        tid = f"syn{i:04d}"
        nct = f"NCT{20000000 + i:08d}"
        ref_ids = [f"{tid}-r{k}" for k in range(refs_per_trial)]
        for k, rid in enumerate(ref_ids):
            r = copy.deepcopy(ref_tpl)
            r["id"] = rid
            r["title"] = f"Synthetic study {i}, report {k + 1}: examplumab in a fictional disease"
            r["year"] = 2000 + (i + k) % 25
            r["doi"] = {"value": f"10.9999/syn.{i}.{k}"}
            r["pmid"] = {"value": str(30000000 + i * refs_per_trial + k)}
            if k == 0:
                r["nct"] = {"value": nct}
            else:
                r.pop("nct", None)
            refs.append(r)
        t = copy.deepcopy(trial_tpl)
        t["id"] = tid
        t["name"] = f"SYN-{i:04d}"
        t["title"] = f"Synthetic trial {i} of examplumab versus placebo"
        t["registry"] = {"nct": nct}
        for a in t["analyses"]:
            a["reference"] = ref_ids[0]
        for r in t["results"]:
            r["reference"] = ref_ids[0]
        t["references"] = ref_ids
        (data / "trials" / f"{tid}.yml").write_text(yaml.safe_dump(t, sort_keys=False, allow_unicode=True))
    chunk = 500
    for n, start in enumerate(range(0, len(refs), chunk)):
        (data / "references" / f"synthetic-{n:02d}.yml").write_text(yaml.safe_dump(
            {"references": refs[start:start + chunk], "review": ref_file["review"]}, sort_keys=False, allow_unicode=True))


BARE_TEMPLATE = """{% extends "base.html" %}
{% block header %}{% endblock %}
{% block tabs %}{% endblock %}
{% block site_nav %}{% endblock %}
{% block content %}{{ page.content }}{% endblock %}
{% block footer %}{% endblock %}
{% block scripts %}{% endblock %}
"""


def plain_material(dest: Path, n_pages: int, n_nav: int, bare: bool = True) -> Path:
    """A bare Material project shaped like the guide: n_pages trivial pages, n_nav of them in the nav and
    rendered with the full theme, the rest with a bare template (as the guide's embed pages are).

    Material renders the whole nav into every full page, so a fair comparison has a nav of the same
    size and the same number of bare pages (a nav of 4,000 pages takes minutes).
    """
    docs = dest / "docs"
    docs.mkdir(parents=True)
    (dest / "overrides").mkdir()
    (dest / "overrides" / "bare.html").write_text(BARE_TEMPLATE)
    (docs / "index.md").write_text("# Home\n\nA plain page.\n")
    names = [f"page-{i:04d}.md" for i in range(1, n_pages)]
    in_nav = set(names[: max(0, n_nav - 1)])
    for i, name in enumerate(names, start=1):
        head = "" if name in in_nav or not bare else "---\ntemplate: bare.html\n---\n\n"
        (docs / name).write_text(f"{head}# Page {i}\n\nA trivial page with a [link](index.md).\n")
    nav = ["index.md", *names[: max(0, n_nav - 1)]]
    cfg = dest / "mkdocs.yml"
    cfg.write_text(textwrap.dedent("""\
        site_name: Plain Material
        theme: {name: material, font: false, custom_dir: overrides}
        plugins: [search]
        validation: {nav: {omitted_files: ignore}}
        """) + "nav:\n" + "".join(f"  - {n}\n" for n in nav))
    return cfg


def build_plain(cfg: Path, out: Path) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run([sys.executable, "-m", "properdocs", "build", "--strict", "-q", "-f", str(cfg), "-d", str(out)],
                   env=env, check=True, capture_output=True)


# -------------------------------------------------------------------- main
def kb(n: float) -> str:
    return f"{n / 1024:,.1f} KiB"


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="guide-bench-") as tmp:
        work = Path(tmp)
        print(f"Real site ({RUNS} strict builds) ...", flush=True)
        times = [timed(build, work / f"site{i}") for i in range(RUNS)]
        site = work / f"site{RUNS - 1}"
        imp, load = load_times(ROOT / "data")
        fig_first, fig_median, fig_count, fig_bytes, fig_max = figure_times(ROOT / "data")
        pages = html_files(site)
        sizes = [p.stat().st_size for p in pages]
        visit = first_visit(site)

        print("Scale test: generating 1,000 trials / 3,000 references ...", flush=True)
        pack = work / "pack"
        make_pack(pack)
        s_imp, s_load = load_times(pack / "data", runs=1)
        t_scale = timed(build, work / "scale-site", pack=pack)
        n_scale = len(html_files(work / "scale-site"))
        n_nav = len([p for p in html_files(work / "scale-site")
                     if not any(part == "embed" or part.endswith("-embed") for part in p.relative_to(work / "scale-site").parts)])
        print(f"Plain Material build of {n_scale} trivial pages, {n_nav} in the nav, the rest bare ...", flush=True)
        cfg = plain_material(work / "plain", n_scale, n_nav)
        t_plain = timed(build_plain, cfg, work / "plain-site")
        n_plain = len(html_files(work / "plain-site"))
        print("... and with the full theme (nav included) on every page, as issue 11 first measured", flush=True)
        cfg_full = plain_material(work / "plain-full", n_scale, n_nav, bare=False)
        t_full = timed(build_plain, cfg_full, work / "plain-full-site")

    print()
    print("Real site")
    print(f"  full strict build          median {statistics.median(times):.2f} s  "
          f"(runs: {', '.join(f'{t:.2f}' for t in times)})")
    print(f"  load + validate data/      {load * 1000:.0f} ms  (fresh process; importing macros.loader: {imp * 1000:.0f} ms)")
    print(f"  draw all figures           median {fig_median * 1000:.0f} ms for {fig_count} figures "
          f"(first run {fig_first * 1000:.0f} ms, with template loading); "
          f"SVG {kb(fig_bytes)} in all, largest {kb(fig_max)}")
    print(f"  pages (HTML, without 404)  {len(pages)}")
    print(f"  HTML bytes per page        median {kb(statistics.median(sizes))}, max {kb(max(sizes))} "
          f"({pages[sizes.index(max(sizes))].relative_to(site).as_posix()})")
    print("  first visit to home page (HTML + CSS + JS + fonts it references):")
    for kind in ("html", "css", "js", "font", "other", "external!"):
        part = [r for r in visit if r[0] == kind]
        if part:
            print(f"    {kind:<6} {len(part):>2} file(s)  raw {kb(sum(r[1] for r in part)):>12}  "
                  f"gzip {kb(sum(r[2] for r in part)):>12}")
    print(f"    total  {len(visit):>2} file(s)  raw {kb(sum(r[1] for r in visit)):>12}  "
          f"gzip {kb(sum(r[2] for r in visit)):>12}")
    print()
    print(f"Scale test ({N_TRIALS:,} trials, {N_TRIALS * REFS_PER_TRIAL:,} references)")
    print(f"  load + validate data       {s_load:.2f} s")
    print(f"  strict build               {t_scale:.1f} s for {n_scale} pages = {t_scale / n_scale * 1000:.1f} ms/page")
    print(f"  plain Material, like for like  {t_plain:.1f} s for {n_plain} pages = {t_plain / n_plain * 1000:.1f} ms/page "
          "(full theme on the nav pages, bare template on as many pages as the guide has embeds)")
    print(f"    per-page ratio guide/plain   {(t_scale / n_scale) / (t_plain / n_plain):.2f}x")
    print(f"  plain Material, full theme     {t_full:.1f} s for {n_plain} pages = {t_full / n_plain * 1000:.1f} ms/page "
          "(the same nav rendered on every page)")
    print(f"    per-page ratio guide/plain   {(t_scale / n_scale) / (t_full / n_plain):.2f}x")
    print("  (trivial pages: the guide's pages carry tables, figures and citations, the plain ones one line)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
