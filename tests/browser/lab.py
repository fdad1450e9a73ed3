"""Driving JupyterLab 4 the way a learner does: menus, toolbar buttons, the keyboard.

``Lab`` is the running server (started by conftest.py); ``LabPage`` wraps one
Playwright page showing it. Every action goes through what a person sees (the main
menu, dialogs, the notebook toolbar, nbgrader's Assignments and Formgrader tabs); the
server's REST API is used only to tidy up between tests (shutting down kernels).
"""
import json
import re
import threading
import urllib.request
from dataclasses import dataclass
from pathlib import Path

#: the notebook panel in front
NB = ".jp-NotebookPanel:not(.lm-mod-hidden)"

#: true once no code cell of the front notebook is queued or running ("[*]:")
_RUN_FINISHED = """() => {
  const nb = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden)');
  if (!nb) return false;
  const prompts = [...nb.querySelectorAll('.jp-CodeCell .jp-InputPrompt')];
  const status = nb.querySelector('.jp-Notebook-ExecutionIndicator');
  return prompts.length > 0 && !prompts.some(p => p.textContent.includes('*'))
      && (!status || status.dataset.status === 'idle');
}"""

#: true once the front notebook has a kernel, connected and idle
_KERNEL_READY = """() => {
  const nb = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden)');
  const status = nb && nb.querySelector('.jp-Notebook-ExecutionIndicator');
  const bar = document.querySelector('#jp-main-statusbar');
  return status !== null && status.dataset.status === 'idle'
      && /\\(ipykernel\\) \\| Idle/.test(bar ? bar.textContent : '');
}"""

#: true once the image of an interactive's output differs from ``before``
_REDRAWN = """([box, before]) => {
  const img = box.querySelector('.widget-output img');
  return img !== null && img.getAttribute('src') !== before;
}"""

STDERR = "[data-mime-type='application/vnd.jupyter.stderr']"
#: bound to Run ▸ Run Selected Cell and All Below in the test session's settings
RUN_ALL_BELOW_KEY = "Alt+Shift+B"


@dataclass
class Lab:
    """A JupyterLab server on loopback, serving a scratch copy of the course."""
    url: str
    token: str
    root: Path
    log: Path

    def api(self, method, path, body=None):
        request = urllib.request.Request(
            f"{self.url}/api/{path}", method=method,
            data=None if body is None else json.dumps(body).encode(),
            headers={"Authorization": f"token {self.token}",
                     "Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=30) as response:
            text = response.read()
        return json.loads(text) if text else None

    def shutdown_kernels(self, wait=True):
        """Stop every kernel; with wait=False in the background (a kernel takes a
        second or two to stop, and nothing waits for it)."""
        def stop(sessions):
            for session in sessions:
                try:
                    self.api("DELETE", f"sessions/{session['id']}")
                except OSError:  # already gone, or the server is stopping
                    pass
        sessions = self.api("GET", "sessions")
        if wait:
            stop(sessions)
        else:
            threading.Thread(target=stop, args=(sessions,), daemon=True).start()


@dataclass
class CellReport:
    """What a code cell of the front notebook shows after a run."""
    index: int
    prompt: str
    source: str
    errors: list        # texts of the error / stderr outputs
    images: int         # rendered images, figures inside interactives included


class LabPage:
    """One browser tab on the Lab server."""

    def __init__(self, page, lab, artifacts):
        self.page = page
        self.lab = lab
        self.artifacts = artifacts

    # --- the application -------------------------------------------------------------
    def start(self):
        """Load JupyterLab with a fresh workspace and wait for the file browser."""
        self.page.goto(f"{self.lab.url}/lab?reset&token={self.lab.token}")
        self.page.locator(".jp-DirListing-content").wait_for(timeout=60_000)
        self.page.locator("#jp-MainMenu").wait_for()

    def menu(self, top, command):
        """Click a main-menu entry, e.g. menu("Run", "runmenu:run-all")."""
        self.page.locator(f'#jp-MainMenu .lm-MenuBar-itemLabel:text-is("{top}")').click()
        item = self.page.locator(f'.lm-Menu-item[data-command="{command}"]')
        item.wait_for()
        # a menu does not move once open: skip Playwright's wait for a still element,
        # which costs animation frames a loaded machine is slow to paint
        item.click(force=True)

    def dismiss_dialogs(self, button="Discard"):
        """Answer any open dialog (e.g. "Save your work") with ``button``, else Cancel."""
        for _ in range(20):
            dialog = self.page.locator(".jp-Dialog")
            if dialog.count() == 0:
                return
            choice = dialog.first.locator(f"button:has-text('{button}')")
            if choice.count() == 0:
                choice = dialog.first.locator("button.jp-Dialog-button").first
            choice.first.click()
            self.page.wait_for_timeout(100)

    def close_all(self):
        """File ▸ Close All Tabs, discarding unsaved changes; then stop every kernel."""
        self.page.keyboard.press("Escape")
        self.menu("File", "application:close-all")
        self.dismiss_dialogs()
        self.page.locator(NB).wait_for(state="detached", timeout=10_000)
        self.lab.shutdown_kernels(wait=False)

    # --- notebooks -------------------------------------------------------------------
    def open(self, path):
        """File ▸ Open from Path…, then wait until the notebook's kernel is idle."""
        self.menu("File", "filebrowser:open-path")
        self.page.locator(".jp-Dialog input").fill(str(path))
        self.page.locator(".jp-Dialog .jp-mod-accept").click()
        name = Path(path).name
        self.page.locator(f".lm-DockPanel-tabBar .lm-TabBar-tab.lm-mod-current"
                          f":has-text('{name}')").wait_for()
        self.wait_for_kernel()
        return self.page.locator(NB)

    def wait_for_kernel(self, timeout=60_000):
        """Until the front notebook's kernel has started and is idle. The toolbar's
        indicator alone reads "idle" before a kernel exists: ask the status bar too."""
        self.page.wait_for_function(_KERNEL_READY, timeout=timeout, polling=200)

    def wait_until_run_finished(self, timeout=180_000):
        self.page.wait_for_function(_RUN_FINISHED, timeout=timeout, polling=100)

    def select_cell(self, cell):
        """Click a cell's prompt area (command mode), checking it became the active cell:
        the notebook scrolls while it runs, so a click can land on a neighbour."""
        for _ in range(5):
            cell.locator(".jp-InputPrompt").click()
            if "jp-mod-active" in (cell.get_attribute("class") or ""):
                return
            self.page.wait_for_timeout(200)
        raise AssertionError("could not select the cell")

    def run_all(self):
        """Run ▸ Run All Cells, as a learner does. JupyterLab stops at the first error
        (an unanswered exercise raises NotImplementedError), so, as a learner working
        through the lesson does, carry on with Run ▸ Run Selected Cell and All Below from
        the first cell that did not run. Returns how many runs it took."""
        code_cells = self.page.locator(f"{NB} .jp-CodeCell")
        self.menu("Run", "runmenu:run-all")
        self._wait_started(code_cells.first)
        runs = 1
        while True:
            self.wait_until_run_finished()
            prompts = self.page.locator(f"{NB} .jp-CodeCell .jp-InputPrompt").all_inner_texts()
            pending = [i for i, p in enumerate(prompts) if not re.search(r"\[\d+\]", p)]
            if not pending:
                return runs
            if runs > 60:
                raise AssertionError(f"the notebook did not finish running: {prompts}")
            self.select_cell(code_cells.nth(pending[0]))
            self.page.keyboard.press(RUN_ALL_BELOW_KEY)  # Run ▸ Run Selected Cell and All Below
            self._wait_started(code_cells.nth(pending[0]))
            runs += 1

    def _wait_started(self, cell):
        """Until ``cell`` has been queued or run: its prompt is no longer "[ ]"."""
        cell.locator(".jp-InputPrompt").filter(has_not_text="[ ]").wait_for(timeout=30_000)

    def cells(self):
        """A report of every code cell of the front notebook (one round trip)."""
        rows = self.page.locator(f"{NB} .jp-CodeCell").evaluate_all(
            """(cells, stderr) => cells.map(c => ({
                 prompt: (c.querySelector('.jp-InputPrompt') || {}).textContent || '',
                 source: (c.querySelector('.cm-content') || {}).innerText || '',
                 errors: [...c.querySelectorAll(stderr)].map(e => e.innerText),
                 images: c.querySelectorAll('.jp-OutputArea-output img').length}))""",
            STDERR)
        return [CellReport(i, **row) for i, row in enumerate(rows)]

    def save(self):
        self.page.keyboard.press("Escape")
        self.page.keyboard.press("Control+s")
        self.page.locator(".lm-DockPanel-tabBar .lm-TabBar-tab.lm-mod-current.jp-mod-dirty") \
            .wait_for(state="detached", timeout=10_000)

    def set_cell(self, index, code):
        """Replace the code of the ``index``-th code cell, as typing it would."""
        cell = self.page.locator(f"{NB} .jp-CodeCell").nth(index)
        editor = cell.locator(".cm-content")
        editor.click()
        self.page.keyboard.press("Control+a")
        self.page.keyboard.press("Delete")
        # insert_text, not type: the editor would auto-indent and close brackets
        self.page.keyboard.insert_text(code)
        self.page.keyboard.press("Escape")
        # (innerText doubles a blank editor line: compare the lines with text)
        lines = lambda t: [l.rstrip() for l in t.splitlines() if l.strip()]  # noqa: E731
        text = editor.inner_text()
        assert lines(text) == lines(code), f"the editor holds {text!r}"

    def run_cell(self, index):
        """Select the ``index``-th code cell and press Shift+Enter; returns its output."""
        cell = self.page.locator(f"{NB} .jp-CodeCell").nth(index)
        self.select_cell(cell)
        before = cell.locator(".jp-InputPrompt").inner_text()
        self.page.keyboard.press("Shift+Enter")
        cell.locator(".jp-InputPrompt").filter(has_not_text=before).wait_for()
        self.wait_until_run_finished()
        return cell.locator(".jp-OutputArea").inner_text()

    def add_cell_below(self, index, code):
        """Insert a code cell below the ``index``-th code cell (B), type ``code`` into
        it and run it; returns its output."""
        self.select_cell(self.page.locator(f"{NB} .jp-CodeCell").nth(index))
        self.page.keyboard.press("b")
        self.set_cell(index + 1, code)
        return self.run_cell(index + 1)

    # --- interactives ----------------------------------------------------------------
    def interactives(self):
        """The front notebook's interactive figures: controls above a live output."""
        return self.page.locator(f"{NB} .widget-vbox:has(> .widget-output)")

    def poke(self, box, which=None):
        """Move each control of an interactive (or the first ``which`` of them) and wait
        for the figure to be redrawn. Returns the controls' descriptions."""
        moved = []
        controls = box.locator(":scope > .widget-hbox > :is(.widget-slider, .widget-dropdown, "
                               ".widget-toggle-buttons)")
        count = controls.count() if which is None else min(which, controls.count())
        for i in range(count):
            control = controls.nth(i)
            before = box.locator(".widget-output img").first.get_attribute("src")
            label = control.locator(".widget-label").first.inner_text() \
                if control.locator(".widget-label").count() else f"control {i}"
            classes = control.get_attribute("class") or ""
            if "widget-slider" in classes:
                handle = control.locator(".noUi-handle").first
                at_max = handle.get_attribute("aria-valuenow") == handle.get_attribute("aria-valuemax")
                handle.focus()
                handle.press("ArrowLeft" if at_max else "ArrowRight")
            elif "widget-dropdown" in classes:
                select = control.locator("select")
                options = select.locator("option").evaluate_all("os => os.map(o => o.value)")
                current = select.input_value()
                select.select_option(next(o for o in options if o != current))
            elif "widget-toggle-buttons" in classes:
                control.locator("button.widget-toggle-button:not(.mod-active)").first.click()
            else:
                continue
            self.page.wait_for_function(_REDRAWN, arg=[box.element_handle(), before],
                                        timeout=60_000, polling=100)
            self.wait_until_run_finished()  # the kernel is done redrawing
            moved.append(label)
        return moved

    def set_theme(self, name):
        """Settings ▸ Theme ▸ ``name`` ("JupyterLab Dark", "JupyterLab Light")."""
        self.page.locator('#jp-MainMenu .lm-MenuBar-itemLabel:text-is("Settings")').click()
        self.page.locator('.lm-Menu-item:has-text("Theme")').first.hover()
        item = self.page.get_by_role("menuitem", name=name, exact=True)
        item.wait_for()
        item.click(force=True)
        self.page.wait_for_function(
            "dark => document.body.dataset.jpThemeLight === (dark ? 'false' : 'true')",
            arg="Dark" in name, timeout=30_000)

    def figure_colours(self):
        """For every image in the front notebook's outputs: (corner pixel RGBA, share of
        light pixels), read from the image itself; and the notebook's background RGB."""
        return self.page.evaluate(f"""() => {{
            const figures = [...document.querySelectorAll('{NB} .jp-OutputArea-output img')]
              .filter(img => img.complete && img.naturalWidth > 0).map(img => {{
                const c = document.createElement('canvas');
                c.width = img.naturalWidth; c.height = img.naturalHeight;
                const g = c.getContext('2d'); g.drawImage(img, 0, 0);
                const d = g.getImageData(0, 0, c.width, c.height).data;
                let light = 0;
                for (let i = 0; i < d.length; i += 4)
                  if (d[i] + d[i + 1] + d[i + 2] > 600) light++;
                return {{corner: [...d.slice(0, 4)], light: light / (d.length / 4)}};
              }});
            const bg = getComputedStyle(document.querySelector('{NB}')).backgroundColor;
            return {{figures, background: bg}};
        }}""")

    # --- evidence --------------------------------------------------------------------
    def screenshot(self, name, locator=None, readme_dir=None):
        """Save a PNG to the test artifacts (and to ``readme_dir`` too, when given)."""
        target = locator if locator is not None else self.page
        path = self.artifacts / f"{name}.png"
        target.screenshot(path=path)
        if readme_dir is not None:  # 256 colours: a third of the size, no visible change
            from PIL import Image
            readme_dir.mkdir(parents=True, exist_ok=True)
            with Image.open(path) as image:
                image.convert("RGB").quantize(256).save(readme_dir / f"{name}.png", optimize=True)
        return path

    def center(self, locator):
        """Scroll ``locator`` to the middle of its scrolling area (for screenshots)."""
        locator.evaluate("e => e.scrollIntoView({block: 'center'})")
