"""`make audit`: Lighthouse (mobile) scores for a few representative pages.

Builds the real site into a temp folder, serves it on 127.0.0.1 gzip-compressed (as every
host does; served plain, transfer time no reader pays costs several points) and runs the
pinned `node_modules/.bin/lighthouse` against the system Chromium, one fresh profile per run.
Prints a table of the four category scores with Largest Contentful Paint and Total Blocking
Time (Lighthouse's simulated mid-range phone); never fails on low scores.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from .common import CHROME_FLAGS, ROOT, build, serve


def pages(site: Path) -> list[tuple[str, str]]:
    """Representative pages of whichever pack was built: home, the first trial, the first patient page."""
    out = [("home", "")]
    trials = sorted(p.parent.name for p in (site / "trials").glob("*/index.html") if not p.parent.name.endswith("-embed"))
    if trials:
        out.append((f"trial ({trials[0]})", f"trials/{trials[0]}/"))
    listing = site / "pages.json"
    if listing.exists():
        def walk(items):
            for item in items:
                yield from walk(item.get("children", [])) if "children" in item else [item]
        patient = next((i for i in walk(json.loads(listing.read_text())["nav"]) if i.get("audience") == "patient"), None)
        if patient and patient.get("url") is not None:
            out.append(("patient page", patient["url"]))
    return out
CATEGORIES = (("performance", "Perf"), ("accessibility", "A11y"), ("best-practices", "Best pr."), ("seo", "SEO"))
METRICS = (("largest-contentful-paint", "LCP"), ("total-blocking-time", "TBT"))
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CHROME = os.environ.get("CHROME_PATH", "/usr/bin/chromium")


def run_lighthouse(url: str, work: Path) -> dict:
    profile = Path(tempfile.mkdtemp(prefix="profile-", dir=work))
    out = work / f"lh-{profile.name}.json"
    flags = " ".join([*CHROME_FLAGS, f"--user-data-dir={profile}"])
    done = subprocess.run(
        [str(LIGHTHOUSE), url, "--form-factor=mobile", "--output=json", f"--output-path={out}",
         "--quiet", f"--chrome-flags={flags}"],
        env={**os.environ, "CHROME_PATH": CHROME}, capture_output=True, text=True, check=False, timeout=300,
    )
    if done.returncode != 0 or not out.exists():
        return {"error": (done.stderr or done.stdout).strip().splitlines()[-1:] or ["lighthouse failed"]}
    report = json.loads(out.read_text())
    scores = {}
    for key, _ in CATEGORIES:
        cat = report.get("categories", {}).get(key)
        scores[key] = None if cat is None or cat.get("score") is None else round(cat["score"] * 100)
    failed = [
        a["title"] for cid in ("accessibility", "best-practices", "seo")
        for ref in report["categories"].get(cid, {}).get("auditRefs", [])
        if ref.get("weight", 0) > 0 and (a := report["audits"][ref["id"]]).get("score") is not None and a["score"] < 1
    ]
    metrics = {key: report["audits"].get(key, {}).get("numericValue") for key, _ in METRICS}
    return {"scores": scores, "failed": failed, "metrics": metrics}


def main() -> int:
    if not LIGHTHOUSE.exists():
        print("node_modules/.bin/lighthouse is missing: run `npm ci` (or `make audit`).", file=sys.stderr)
        return 1
    if not Path(CHROME).exists():
        print(f"{CHROME} is missing: run `make browser-deps`.", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory(prefix="guide-audit-") as tmp:
        work = Path(tmp)
        site = work / "site"
        print("Building the site ...", flush=True)
        build(site)
        rows = []
        with serve(site, compress=True) as base:
            for label, path in pages(site):
                print(f"Lighthouse: {label} ({base}{path}) ...", flush=True)
                rows.append((label, path, run_lighthouse(base + path, work)))
    print()
    header = (f"{'Page':<16} {'Path':<28} " + " ".join(f"{h:>8}" for _, h in CATEGORIES)
              + " ".join(f"{h + ' ms':>9}" for _, h in METRICS))
    print("Lighthouse (mobile, served with gzip): scores 0-100, LCP and TBT in milliseconds")
    print(header)
    print("-" * len(header))
    for label, path, res in rows:
        if "error" in res:
            print(f"{label:<16} {'/' + path:<28} lighthouse failed: {' '.join(res['error'])}")
            continue
        cells = " ".join(f"{'-' if res['scores'][k] is None else res['scores'][k]:>8}" for k, _ in CATEGORIES)
        times = " ".join(f"{'-' if res['metrics'][k] is None else round(res['metrics'][k]):>9}" for k, _ in METRICS)
        print(f"{label:<16} {'/' + path:<28} {cells}{times}")
    notes = [(label, res["failed"]) for label, _, res in rows if res.get("failed")]
    if notes:
        print("\nAudits below 100% (accessibility, best practices, SEO):")
        for label, failed in notes:
            print(f"  {label}: " + " | ".join(failed))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
