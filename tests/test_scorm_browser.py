"""A module package run the way a learning platform runs it: in Chromium, a platform page provides
the SCORM 1.2 runtime API (scorm-again, from npm) and launches the module's SCO in a frame; the
learner walks to the module's last page and answers its quiz; the platform then holds completion,
the score (passed or failed against the pack's pass mark) and the place to resume. Outside a platform the same launch page just shows the pages."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest

from macros.release.scorm import module_package, modules
from macros.release.site import read_site
from macros.tools.common import serve

from .conftest import ROOT

pytestmark = [pytest.mark.browser]

RUNTIMES = ROOT / "node_modules" / "scorm-again" / "dist"
# Where each version keeps what the test reads: the runtime's script and API, and the elements.
VERSIONS = {
    "1.2": {"runtime": "scorm12.min.js", "api": "API", "cls": "Scorm12API", "status": "core.lesson_status",
            "success": "core.lesson_status", "location": "core.lesson_location", "score": "core.score"},
    "2004": {"runtime": "scorm2004.min.js", "api": "API_1484_11", "cls": "Scorm2004API", "status": "completion_status",
             "success": "success_status", "location": "location", "score": "score"},
}
PLATFORM = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Platform</title>
<link rel="icon" href="data:,"><script src="{runtime}"></script>
<script>
  window.LMS = window.{api} = new {cls}({{autocommit: false, logLevel: 5}});
  var given = new URLSearchParams(location.search);
  if (given.get("resume")) {{ window.LMS.cmi.{location} = given.get("resume"); }}
  if (given.get("status")) {{ window.LMS.cmi.{status} = given.get("status"); }}
</script></head>
<body><iframe id="content" title="Module" src="{sco}" style="width:1000px;height:700px"></iframe></body></html>"""


SLUGS = ("for-patients-and-families", "safety")


@pytest.fixture(scope="module")
def unpacked(offline_release, tmp_path_factory) -> dict[str, tuple[Path, tuple[str, ...]]]:
    """The patient module and one clinician module (Safety: one page, ending with a quiz), each
    unzipped as a platform would, with the platform page."""
    site = read_site(offline_release["site"])
    wanted = {m.slug: m for m in modules(site) if m.slug in SLUGS}
    out = {}
    for slug in SLUGS:
        module = wanted[slug]
        dist = tmp_path_factory.mktemp(f"sco-{slug}")
        with zipfile.ZipFile(module_package(site, module, dist)) as zf:
            zf.extractall(dist / "pkg")
        for version, v in VERSIONS.items():
            shutil.copy(RUNTIMES / v["runtime"], dist / "pkg" / v["runtime"])
            (dist / "pkg" / f"platform-{version}.html").write_text(PLATFORM.format(**v, sco=module.launcher), encoding="utf-8")
        out[slug] = (dist / "pkg", module.files)
    return out


def _answer(quiz, right: bool) -> None:
    """Choose every question's right answer (or a wrong one) and check the answers."""
    questions = quiz.locator("fieldset")
    for i in range(questions.count()):
        answer = int(questions.nth(i).get_attribute("data-answer") or "0")
        choice = answer if right else (answer + 1) % questions.nth(i).locator("input").count()
        questions.nth(i).locator("input").nth(choice).check()
    quiz.locator("button[type=submit]").click()


# SCORM 1.2 for both modules; 2004 (the same SCO, which takes whichever API it finds) for the shorter one
@pytest.mark.parametrize(("slug", "version"), [("for-patients-and-families", "1.2"), ("safety", "1.2"), ("safety", "2004")])
def test_a_module_reports_to_the_platform(browser, unpacked, slug: str, version: str) -> None:
    folder, files = unpacked[slug]
    v = VERSIONS[version]

    def _api(page, name: str) -> str:
        """An element the SCO set, by its role: status, success, location, score.raw..."""
        role, _, rest = name.partition(".")
        return page.evaluate(f"window.LMS.cmi.{v[role]}" + (f".{rest}" if rest else ""))

    completed = "completed" if version == "2004" else "passed"  # what the status says after a pass
    errors: list[str] = []
    with serve(folder) as url:
        page = browser.new_page()
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on("response", lambda r: r.status >= 400 and errors.append(f"{r.url} {r.status}"))
        try:
            page.goto(url + f"platform-{version}.html", wait_until="load")
            page.wait_for_function("window.LMS.isInitialized()")
            page.wait_for_function(f"window.LMS.cmi.{v['location']} !== ''")
            # a module of one page is complete as soon as it shows; a longer one is not yet
            assert _api(page, "status") == ("completed" if len(files) == 1 else "incomplete")
            frame = page.frame_locator("#content").locator("#sco-frame")
            for i, file in enumerate(files[1:], start=1):
                # the learner follows a link to the module's next page, inside the module's frame
                frame.evaluate("(f, u) => f.contentWindow.location.assign(new URL(u, document.baseURI))", file)
                page.wait_for_function(f"f => window.LMS.cmi.{v['location']} === f", arg=file)
                expected = "completed" if i == len(files) - 1 else "incomplete"
                assert _api(page, "status") == expected, (file, i)
            assert _api(page, "location") == files[-1]
            assert _api(page, "score.raw") == ""
            # the module's quiz (quiz.yml) on its last page: answered wrong, then right
            quiz = frame.content_frame.locator("form.guide-quiz__form")
            _answer(quiz, right=False)
            page.wait_for_function(f"window.LMS.cmi.{v['score']}.raw !== ''")
            assert (_api(page, "score.raw"), _api(page, "success")) == ("0", "failed")
            _answer(quiz, right=True)
            page.wait_for_function(f"window.LMS.cmi.{v['score']}.raw === '100'")
            assert (_api(page, "success"), _api(page, "status")) == ("passed", completed)
            assert (_api(page, "score.min"), _api(page, "score.max")) == ("0", "100")
            if version == "2004":
                assert _api(page, "score.scaled") == "1"
            # leaving the launch page ends the session (LMSFinish), as the learner closing the module
            page.goto("about:blank")
        finally:
            page.close()
        # the next launch opens where the learner was (and keeps the result)
        resume = files[1] if len(files) > 1 else files[0]
        page = browser.new_page()
        try:
            page.goto(url + f"platform-{version}.html?resume={resume}&status={completed}", wait_until="load")
            page.wait_for_function("window.LMS.isInitialized()")
            inner = page.frame_locator("#content").frame_locator("#sco-frame")
            inner.locator("article").first.wait_for()
            assert page.frame_locator("#content").locator("#sco-frame").evaluate(
                "f => f.contentWindow.location.pathname").endswith("/" + resume)
            assert _api(page, "status") == completed  # a result stands on the next launch
        finally:
            page.close()
        # outside a platform: the launch page shows the module's first page, with no error and no prompt
        page = browser.new_page()
        dialogs: list[str] = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        page.on("pageerror", lambda e: errors.append(str(e)))
        try:
            launcher = next(p.name for p in folder.glob("sco-*.html"))
            page.goto(url + launcher, wait_until="load")
            page.frame_locator("#sco-frame").locator("article h1").first.wait_for()
        finally:
            page.close()
        assert not dialogs, dialogs
    assert not errors, errors
