"""An instructor's path in JupyterLab: nbgrader's Formgrader lists the released lessons,
collects the student's submission from the course's exchange and autogrades it."""
import re
import subprocess
import sys

import pytest

from tests.browser.conftest import COURSE_ID, LESSONS, _jupyter_env, readme_dir

FIRST = LESSONS[0]


@pytest.fixture
def submission(lab, fetched):
    """The submission of lesson 01 in the exchange: the student test's answered one when
    it ran before (the usual order), else the fetched lesson, submitted unanswered."""
    inbound = lab.root / "exchange" / COURSE_ID / "inbound"
    found = sorted(inbound.glob(f"*+{FIRST.id}+*"))
    if not found:
        done = subprocess.run([sys.executable, "-m", "nbgrader", "submit", FIRST.id,
                               "--course", COURSE_ID], cwd=lab.root,
                              capture_output=True, text=True, env=_jupyter_env(lab.root.parent))
        assert done.returncode == 0, done.stderr[-2000:]
        found = sorted(inbound.glob(f"*+{FIRST.id}+*"))
    notebook = (found[-1] / FIRST.notebook_name).read_text()
    return {"answered": "raise NotImplementedError()" not in notebook}


def open_formgrader(lab_page):
    """Nbgrader ▸ Formgrader: nbgrader's instructor pages, in a JupyterLab tab."""
    lab_page.menu("Nbgrader", "nbgrader:open-formgrader")
    frame = lab_page.page.frame_locator(".jp-MainAreaWidget:not(.lm-mod-hidden) iframe")
    frame.locator("#main-table td.name").nth(len(LESSONS) - 1).wait_for()
    return frame


def test_formgrader_lists_collects_and_autogrades(lab_page, submission):
    frame = open_formgrader(lab_page)
    rows = frame.locator("#main-table tr")
    names = [n.strip() for n in rows.locator("td.name").all_inner_texts()]
    assert {lesson.id for lesson in LESSONS} <= set(names)
    statuses = rows.locator("td.status").all_inner_texts()
    assert all(s.strip() == "released" for s in statuses), statuses
    frame.locator("table").first.scroll_into_view_if_needed()
    lab_page.screenshot("instructor-formgrader", readme_dir=readme_dir())

    # Collect: from the exchange inside the course into submitted/
    row = rows.filter(has_text=FIRST.id)
    row.locator("td.collect a").click()
    frame.locator(".modal-title:text-is('Success')").wait_for(timeout=60_000)
    frame.locator(".modal-footer button:text-is('OK')").click()
    frame.locator(".modal").wait_for(state="hidden")
    frame.locator("#main-table tr").filter(has_text=FIRST.id) \
        .locator("td.num-submissions a").click()

    # Autograde the submission: nbgrader runs the lesson with its hidden tests
    student = frame.locator("#main-table tr").first
    student.locator("td.autograde a").click()
    frame.locator(".modal-title:text-is('Success')").wait_for(timeout=180_000)
    frame.locator(".modal-footer button:text-is('OK')").click()
    frame.locator(".modal").wait_for(state="hidden")
    status = frame.locator("#main-table tr").first.locator("td.status")
    status.filter(has_text="graded").wait_for()
    score = frame.locator("#main-table tr").first.locator("td.score").inner_text()
    got, total = map(float, re.fullmatch(r"\s*([\d.]+) / ([\d.]+)\s*", score).groups())
    assert total > 0
    if submission["answered"]:
        assert got == total, f"the answered lesson scored {score}"
    lab_page.center(frame.locator("#main-table"))
    lab_page.screenshot("instructor-autograded", readme_dir=readme_dir())
    assert (lab_page.lab.root / "autograded").is_dir()
