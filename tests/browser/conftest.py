"""The browser tests' world: a scratch course, a JupyterLab server on it, and Chromium.

- ``course``: a copy of the course (release/, the source notebooks, nbgrader_config.py,
  course/course.toml) in a temporary folder, with the gradebook made by
  ``nbgrader generate_assignment`` and every lesson released to the exchange inside it.
  Nothing the tests do touches the repository.
- ``lab``: ``jupyter lab`` on 127.0.0.1, a free port and a random token, serving that
  course, with nbgrader's server and lab extensions as installed by ``pip install``, and
  Jupyter's config, data and settings folders private to the test session.
- ``lab_page``: one Chromium tab (Playwright driving Debian's ``/usr/bin/chromium``;
  ``make test`` installs it), shared by the tests of the session; each test starts and
  ends with every notebook closed and every kernel stopped.

Screenshots land in ``test-artifacts/browser/``; with ``UPDATE_SCREENSHOTS=1`` the
README's screenshots in ``docs/screenshots/`` are rewritten too.
"""
import json
import os
import shutil
import socket
import subprocess
import sys
import time
import tomllib
import urllib.error
import urllib.request
from pathlib import Path
from secrets import token_hex

import pytest

from tests.browser.lab import RUN_ALL_BELOW_KEY, Lab, LabPage
from tests.conftest import ARTIFACTS, ROOT, selected_lessons

LESSONS = selected_lessons()
COURSE_ID = tomllib.loads((ROOT / "course" / "course.toml").read_text())["course"]["id"]

ARTIFACTS_DIR = ARTIFACTS / "browser"
README_SCREENSHOTS = ROOT / "docs" / "screenshots"
VIEWPORT = {"width": 1280, "height": 800}
# Debian's Chromium on a closed network, as root in CI: no sandbox (root), and none of
# the background connections the network would refuse.
CHROMIUM_ARGS = ["--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--disable-quic", "--disable-default-apps"]


def chromium_path():
    for candidate in (os.environ.get("CHROMIUM"), shutil.which("chromium"),
                      shutil.which("chromium-browser"), "/usr/bin/chromium"):
        if candidate and os.access(candidate, os.X_OK):
            return candidate
    return None


def pytest_collection_modifyitems(config, items):
    """Without Chromium or Playwright the browser tests are skipped, saying why.
    ``make test`` installs both, so in CI they always run."""
    reason = None
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        reason = "Playwright is not installed: pip install -e '.[test]' (or run make test)"
    if reason is None and chromium_path() is None:
        reason = ("Chromium not found: run `make test` (it installs Debian's chromium when "
                  "run as root), `apt-get install chromium`, or set CHROMIUM=/path/to/it")
    here = Path(__file__).parent
    ours = [i for i, item in enumerate(items) if here in Path(str(item.fspath)).parents]
    for slot, item in zip(ours, sorted((items[i] for i in ours), key=_story_order)):
        items[slot] = item  # a stable sort: within a file, the order of definition
    if reason:
        for i in ours:
            items[i].add_marker(pytest.mark.skip(reason=reason))


#: the browser tests tell a story in this order: the student fetches and submits, the
#: instructor collects and grades that submission, then the solutions and self-study
ORDER = ["test_student.py", "test_instructor.py", "test_self_learner.py", "test_thai.py"]


def _story_order(item):
    name = Path(str(item.fspath)).name
    return ORDER.index(name) if name in ORDER else len(ORDER)


def readme_dir():
    """Where README screenshots go: docs/screenshots/ with UPDATE_SCREENSHOTS=1."""
    return README_SCREENSHOTS if os.environ.get("UPDATE_SCREENSHOTS") == "1" else None


# --- the student's side of the exchange ----------------------------------------------
def open_assignment_list(lab_page):
    """Nbgrader ▸ Assignment List: nbgrader's student tab."""
    lab_page.menu("Nbgrader", "nbgrader:open-assignment-list")
    page = lab_page.page
    page.locator("#released_assignments_list").wait_for()
    page.locator("#released_assignments_list_loading").wait_for(state="hidden")
    return page


def released_rows(page):
    return page.locator("#released_assignments_list > .list_item:has(.item_status button)")


@pytest.fixture(scope="session")
def fetched(_shared_page, lab):
    """Every lesson fetched by pressing its Fetch button in the Assignments tab; returns
    the student's folders, <server root>/<course id>/<lesson> (nbgrader puts the course
    id in the path: Exchange.path_includes_course)."""
    page = open_assignment_list(_shared_page)
    released_rows(page).first.wait_for()
    while released_rows(page).count():
        before = released_rows(page).count()
        released_rows(page).first.locator(".item_status button:text-is('Fetch')").click()
        page.wait_for_function(
            """n => document.querySelectorAll(
                 '#released_assignments_list > .list_item .item_status button').length < n""",
            arg=before)
    _shared_page.close_all()
    return {lesson.id: lab.root / COURSE_ID / lesson.id for lesson in LESSONS}


# --- the course ------------------------------------------------------------------------
_PREPARE = """
import os, shutil, sys
from traitlets.config.loader import PyFileConfigLoader
from nbgrader.apps import NbGraderAPI
from nbgrader.coursedir import CourseDirectory

config = PyFileConfigLoader("nbgrader_config.py", path=".").load_config()
api = NbGraderAPI(CourseDirectory(config=config), config=config)
committed = sys.argv[1]
for lesson in sorted(os.listdir("source")):
    # the gradebook entry, as `make release` makes it; then what students get is
    # exactly the committed release/, released to the exchange inside the course
    for step, call in (("generate", lambda: api.generate_assignment(lesson, force=True)),
                       ("copy", lambda: shutil.copytree(os.path.join(committed, lesson),
                                                        os.path.join("release", lesson),
                                                        dirs_exist_ok=True) and None),
                       ("release", lambda: api.release_assignment(lesson))):
        result = call()
        if result is not None and not result["success"]:
            sys.exit(f"{step} {lesson}: {result['error'] or result['log']}")
"""


@pytest.fixture(scope="session")
def course(tmp_path_factory):
    """A scratch course root: its own gradebook, its own exchange, lessons released."""
    root = tmp_path_factory.mktemp("lab") / "course"
    root.mkdir()
    shutil.copy(ROOT / "nbgrader_config.py", root)
    (root / "course").mkdir()
    shutil.copy(ROOT / "course" / "course.toml", root / "course")
    for notebook in sorted((ROOT / "source").glob("[0-9][0-9]_*/*.ipynb")):
        target = root / "source" / notebook.parent.name
        target.mkdir(parents=True, exist_ok=True)
        shutil.copy(notebook, target)
    # the Thai edition's lesson folders as a Thai self-learner has them: each notebook
    # with the glossary and nnlib's language setting next to it (tests/browser/test_thai.py)
    for folder in sorted((ROOT / "editions" / "th" / "source").glob("[0-9][0-9]_*")):
        shutil.copytree(folder, root / "thai" / folder.name)
    done = subprocess.run([sys.executable, "-c", _PREPARE, str(ROOT / "release")], cwd=root,
                          capture_output=True, text=True, env=_jupyter_env(root.parent))
    assert done.returncode == 0, done.stderr[-3000:]
    assert (root / "exchange" / "backprop" / "outbound").is_dir(), "the exchange is not in the course"
    return root


# --- the server ------------------------------------------------------------------------
def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _jupyter_env(home):
    """Jupyter's user folders inside the test session: no settings, workspaces or
    nbgrader cache (submission records) of the person running the tests leak in or out."""
    home = Path(home)
    settings = home / "lab-settings"
    for plugin, values in {
        # no "get notified about Jupyter news?" toast over the screenshots
        "@jupyterlab/apputils-extension/notification": '{"fetchNews": "false", "checkForUpdates": false}',
        # every cell in the DOM, so the tests can read every output
        "@jupyterlab/notebook-extension/tracker": '{"windowingMode": "none"}',
        # a key for Run ▸ Run Selected Cell and All Below (the menu costs a second a
        # click on a loaded machine, and a released lesson needs it twenty times)
        "@jupyterlab/shortcuts-extension/shortcuts": json.dumps({"shortcuts": [
            {"command": "notebook:run-all-below", "keys": [RUN_ALL_BELOW_KEY.replace("+", " ")],
             "selector": ".jp-Notebook"}]}),
    }.items():
        path = settings / f"{plugin}.jupyterlab-settings"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(values)
    env = dict(os.environ,
               JUPYTER_CONFIG_DIR=str(home / "jupyter-config"),
               JUPYTER_DATA_DIR=str(home / "jupyter-data"),
               JUPYTER_RUNTIME_DIR=str(home / "jupyter-runtime"),
               JUPYTERLAB_SETTINGS_DIR=str(settings),
               JUPYTERLAB_WORKSPACES_DIR=str(home / "lab-workspaces"),
               JUPYTER_PLATFORM_DIRS="1")
    env.pop("MPLBACKEND", None)  # the kernel's own inline backend, as for a learner
    return env


@pytest.fixture(scope="session")
def lab(course):
    ARTIFACTS_DIR.mkdir(parents=True, exist_ok=True)
    port, token = _free_port(), token_hex(16)
    log = ARTIFACTS_DIR / "jupyterlab.log"
    command = [sys.executable, "-m", "jupyterlab", "--no-browser",
               "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={port}",
               "--ServerApp.port_retries=0", f"--IdentityProvider.token={token}",
               f"--ServerApp.root_dir={course}"]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        command.append("--allow-root")
    with open(log, "w") as out:
        # cwd: nbgrader's extensions read nbgrader_config.py from the working directory,
        # as they do under `make course-lab`
        server = subprocess.Popen(command, cwd=course, stdout=out, stderr=subprocess.STDOUT,
                                  env=_jupyter_env(course.parent))
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            assert server.poll() is None, f"JupyterLab exited: see {log}"
            try:
                urllib.request.urlopen(f"{url}/api/status?token={token}", timeout=2)
                break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                assert time.monotonic() < deadline, f"JupyterLab did not start: see {log}"
                time.sleep(0.3)
        yield Lab(url, token, course, log)
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


# --- the browser -----------------------------------------------------------------------
@pytest.fixture(scope="session")
def browser(tmp_path_factory):
    from playwright.sync_api import sync_playwright

    args = list(CHROMIUM_ARGS)
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        args.append("--no-sandbox")  # Chromium refuses to run as root with its sandbox
    env = dict(os.environ, FONTCONFIG_FILE=str(_fonts_with_thai(tmp_path_factory.mktemp("fonts"))))
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=chromium_path(), args=args,
                                              env=env)
        yield chromium
        chromium.close()


def _fonts_with_thai(folder):
    """A fontconfig file: the system's fonts and the Noto Sans Thai that nnlib ships.

    A Thai learner's own browser has a Thai font (every desktop system has one); this
    machine's headless Chromium may have none, and would draw the Thai lessons' markdown
    as boxes. So the browser gets the font the project installs (``nnlib.fonts``)."""
    from nnlib.fonts import thai_font_file

    config = folder / "fonts.conf"
    config.write_text(f"""<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
  <dir>{thai_font_file().parent}</dir>
  <cachedir>{folder / "cache"}</cachedir>
</fontconfig>
""")
    return config


@pytest.fixture(scope="session")
def _shared_page(browser, lab):
    context = browser.new_context(viewport=VIEWPORT, device_scale_factor=1)
    context.set_default_timeout(30_000)
    page = context.new_page()
    (ARTIFACTS_DIR / "page-errors.txt").unlink(missing_ok=True)
    errors = []  # uncaught JavaScript exceptions, and what the console logs as an error
    page.on("pageerror", lambda error: errors.append(f"uncaught: {error}"))
    page.on("console", lambda msg: msg.type == "error" and errors.append("console: " + msg.text))
    lab_page = LabPage(page, lab, ARTIFACTS_DIR)
    lab_page.page_errors = errors
    lab_page.start()
    yield lab_page
    context.close()


@pytest.fixture
def lab_page(_shared_page, request):
    """The session's JupyterLab tab, with nothing open. After a failed test the tab is
    screenshotted and reloaded, so one failure does not cascade. Console errors are kept
    in test-artifacts/browser/page-errors.txt; an uncaught JavaScript exception fails
    the test (at teardown)."""
    seen = len(_shared_page.page_errors)
    yield _shared_page
    new_errors = _shared_page.page_errors[seen:]
    with open(ARTIFACTS_DIR / "page-errors.txt", "a") as log:
        for error in new_errors:
            log.write(f"{request.node.name}: {error}\n")
    failed = getattr(request.node, "rep_call", None) is None or request.node.rep_call.failed
    if failed:
        try:
            _shared_page.screenshot(f"FAILED-{request.node.name}")
        except Exception:  # noqa: BLE001 - evidence is best effort
            pass
    try:
        if failed:
            raise RuntimeError("start afresh")
        _shared_page.close_all()
    except Exception:  # noqa: BLE001 - a stuck page: reload it
        _shared_page.lab.shutdown_kernels()
        _shared_page.start()
    uncaught = [e for e in new_errors if e.startswith("uncaught")]
    assert uncaught == [], "JupyterLab raised in the browser"


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    report = yield
    setattr(item, f"rep_{report.when}", report)
    return report
