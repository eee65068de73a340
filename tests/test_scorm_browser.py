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

RUNTIME = ROOT / "node_modules" / "scorm-again" / "dist" / "scorm12.min.js"
PLATFORM = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Platform</title>
<link rel="icon" href="data:,"><script src="scorm12.min.js"></script>
<script>
  window.API = new Scorm12API({autocommit: false, logLevel: 5});
  var given = new URLSearchParams(location.search);
  if (given.get("resume")) { window.API.cmi.core.lesson_location = given.get("resume"); }
  if (given.get("status")) { window.API.cmi.core.lesson_status = given.get("status"); }
</script></head>
<body><iframe id="content" title="Module" src="SCO" style="width:1000px;height:700px"></iframe></body></html>"""


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
        shutil.copy(RUNTIME, dist / "pkg" / "scorm12.min.js")
        (dist / "pkg" / "platform.html").write_text(PLATFORM.replace("SCO", module.launcher), encoding="utf-8")
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


def _api(page, name: str) -> str:
    return page.evaluate(f"window.API.cmi.core.{name}")


@pytest.mark.parametrize("slug", SLUGS)
def test_a_module_reports_to_the_platform(browser, unpacked, slug: str) -> None:
    folder, files = unpacked[slug]
    errors: list[str] = []
    with serve(folder) as url:
        page = browser.new_page()
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on("response", lambda r: r.status >= 400 and errors.append(f"{r.url} {r.status}"))
        try:
            page.goto(url + "platform.html", wait_until="load")
            page.wait_for_function("window.API.isInitialized()")
            page.wait_for_function("window.API.cmi.core.lesson_location !== ''")
            # a module of one page is complete as soon as it shows; a longer one is not yet
            assert _api(page, "lesson_status") == ("completed" if len(files) == 1 else "incomplete")
            frame = page.frame_locator("#content").locator("#sco-frame")
            for i, file in enumerate(files[1:], start=1):
                # the learner follows a link to the module's next page, inside the module's frame
                frame.evaluate("(f, u) => f.contentWindow.location.assign(new URL(u, document.baseURI))", file)
                page.wait_for_function("f => window.API.cmi.core.lesson_location === f", arg=file)
                expected = "completed" if i == len(files) - 1 else "incomplete"
                assert _api(page, "lesson_status") == expected, (file, i)
            assert _api(page, "lesson_location") == files[-1]
            assert _api(page, "score.raw") == ""
            # the module's quiz (quiz.yml) on its last page: answered wrong, then right
            quiz = frame.content_frame.locator("form.guide-quiz__form")
            _answer(quiz, right=False)
            page.wait_for_function("window.API.cmi.core.score.raw !== ''")
            assert (_api(page, "score.raw"), _api(page, "lesson_status")) == ("0", "failed")
            _answer(quiz, right=True)
            page.wait_for_function("window.API.cmi.core.score.raw === '100'")
            assert _api(page, "lesson_status") == "passed"
            assert (_api(page, "score.min"), _api(page, "score.max")) == ("0", "100")
            # leaving the launch page ends the session (LMSFinish), as the learner closing the module
            page.goto("about:blank")
        finally:
            page.close()
        # the next launch opens where the learner was (and keeps the result)
        resume = files[1] if len(files) > 1 else files[0]
        page = browser.new_page()
        try:
            page.goto(url + f"platform.html?resume={resume}&status=passed", wait_until="load")
            page.wait_for_function("window.API.isInitialized()")
            inner = page.frame_locator("#content").frame_locator("#sco-frame")
            inner.locator("article").first.wait_for()
            assert page.frame_locator("#content").locator("#sco-frame").evaluate(
                "f => f.contentWindow.location.pathname").endswith("/" + resume)
            page.wait_for_function("window.API.cmi.core.lesson_location !== ''")
            assert _api(page, "lesson_status") == "passed"  # a result stands on the next launch
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
