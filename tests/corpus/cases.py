"""A corpus of bad and malicious lesson-01 submissions, each with its expected outcome.

Every case starts from the instructor's correct notebook (as a student would submit it)
and changes one thing. ``expected`` says which of the three test cells keep their
points; ``flags`` are words that must appear in the submission's flags (none: it must
not be flagged); ``absent`` are markers the attack prints only if it worked.
Attacks that try to gain points come with answers that pass only the visible checks,
so an attack that worked would show as points.
"""
import json
from dataclasses import dataclass, field

import nbformat

LESSON = "01_need_for_optimization"
NOTEBOOK = "need_for_optimization.ipynb"
TESTS = ("test_mse", "test_mse_slope", "test_gradient_descent")
ALL, NONE = (True, True, True), (False, False, False)
SUSPICIOUS = ("suspicious code",)  # the static scan's flag (defence in depth)

# A cheat: answers hard-coded to pass the visible checks, wrong everywhere else. With
# a successful attack on the hidden tests they would earn full marks.
WRONG_ANSWERS = """
def mse(y_hat, y):
    return {1: 16.0, 3: 4.0 / 3.0}.get(len(y), 0.0)
def mse_slope(x, y, w):
    return -24.0 if len(x) == 1 else 0.0
def gradient_descent(x, y, w0, learning_rate, n_steps):
    w = w0 - learning_rate * mse_slope(x, y, w0)
    return w, [mse(w0 * x, y)] + [0.0] * n_steps
"""


@dataclass
class Case:
    name: str
    category: str          # isolation, tampering, broken
    attempt: str           # what the submission tries, in a few words
    expected: tuple        # does each of TESTS keep its points?
    flags: tuple = ()      # words the flags must contain
    absent: tuple = ()     # markers that must not appear in any output
    present: tuple = ()    # markers that must appear (the attack really ran)
    named: tuple = ()      # (test cell, mistake code or None) the grade must record
    edit: object = None    # edit(nb, ctx) -> nb, or a str: the file's raw text
    file_name: str = NOTEBOOK
    files: dict = field(default_factory=dict)  # extra raw files in the folder
    plant: object = None   # plant(folder, ctx): links, pipes... in the submission folder
    stock_varies: str = ""  # why stock nbgrader's result changes from run to run, if it does


def cell(nb, grade_id):
    return next(c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") == grade_id)


def prepend(grade_id, code):
    def edit(nb, ctx):
        target = cell(nb, grade_id)
        target.source = code.format(**ctx) + "\n" + target.source
        return nb
    return edit


def wrong_then(code):
    """The attack in the first solution cell, then wrong answers for all three."""
    def edit(nb, ctx):
        cell(nb, "mse").source = code.format(**ctx) + "\n" + WRONG_ANSWERS
        cell(nb, "mse_slope").source = "pass"
        cell(nb, "gradient_descent").source = "pass"
        return nb
    return edit


def drop(grade_id):
    def edit(nb, ctx):
        nb.cells = [c for c in nb.cells if c is not cell(nb, grade_id)]
        return nb
    return edit


def duplicate(grade_id):
    def edit(nb, ctx):
        original = cell(nb, grade_id)
        copy = nbformat.from_dict(json.loads(json.dumps(original)))
        copy["id"] = "copy-" + original["id"]
        nb.cells.insert(nb.cells.index(original) + 1, copy)
        return nb
    return edit


def edit_test_source(nb, ctx):
    cell(nb, "test_mse").source = "assert True  # the visible checks were here"
    return nb


def edit_test_metadata(nb, ctx):
    meta = cell(nb, "test_mse").metadata["nbgrader"]
    meta["points"], meta["grade"] = 100, False
    return nb


def strip_test_metadata(nb, ctx):
    del cell(nb, "test_mse_slope").metadata["nbgrader"]
    return nb


def move_after_test(nb, ctx):
    solution = cell(nb, "mse")
    nb.cells.remove(solution)
    nb.cells.insert(nb.cells.index(cell(nb, "test_mse")) + 1, solution)
    return nb


def huge_outputs(nb, ctx):
    blob = "x" * 1000 + "\n"
    cell(nb, "setup").outputs = [nbformat.v4.new_output("stream", name="stdout",
                                                        text=blob * 30_000)]
    return nb


def leak(path_expr):
    return ("try:\n    _data = open({path}, 'rb').read(200)\n    print('LEAKED', _data)\n"
            "except OSError:\n    pass").replace("{path}", path_expr)


CASES = [
    Case("control", "control", "a correct submission graded beside the attacks", ALL),
    # --- isolation ----------------------------------------------------------------
    Case("read_source", "isolation", "read the instructor's source notebook", ALL,
         absent=("LEAKED",), edit=prepend("mse", leak("{source_notebook!r}"))),
    Case("read_course_gradebook", "isolation", "read the course gradebook", ALL,
         absent=("LEAKED",), edit=prepend("mse", leak("{gradebook!r}"))),
    Case("read_scratch_gradebook", "isolation", "read the grading copy of the gradebook",
         ALL, absent=("LEAKED",), edit=prepend("mse", leak("'../../../gradebook.db'"))),
    Case("read_other_student", "isolation", "read another student's submission", ALL,
         absent=("LEAKED",), edit=prepend("mse", leak("{other_submission!r}"))),
    Case("write_outside", "isolation",
         "overwrite another student's submission and write into the course", ALL,
         absent=("WROTE",), edit=prepend("mse", (
             "for _p in ({other_submission!r}, {course_root!r} + '/evil.txt'):\n"
             "    try:\n        open(_p, 'w').write('{{}}')\n        print('WROTE', _p)\n"
             "    except OSError:\n        pass"))),
    Case("network", "isolation", "connect to a server on the grading machine", ALL,
         absent=("CONNECTED",), edit=prepend("mse", (
             "import socket\ntry:\n"
             "    socket.create_connection(('127.0.0.1', {port}), timeout=3).sendall(b'x')\n"
             "    print('CONNECTED')\nexcept OSError:\n    pass"))),
    Case("memory", "isolation", "allocate 8 GB", ALL, absent=("ALLOCATED",),
         edit=prepend("mse", ("try:\n    _big = np.empty(2**30)  # 8 GB, pages never touched\n"
                              "    print('ALLOCATED')\nexcept MemoryError:\n    pass"))),
    Case("cell_timeout", "isolation", "a cell that never ends", (True, True, False),
         flags=("time limit",), edit=prepend("gradient_descent",
                                              "import time\ntime.sleep(10**6)")),
    Case("total_timeout", "isolation", "cells that together run too long",
         (True, True, False), flags=("total time limit",),
         edit=lambda nb, ctx: [prepend(g, f"import time\ntime.sleep({ctx['nap']})")(nb, ctx)
                               for g in ("mse", "mse_slope", "gradient_descent")][-1]),
    Case("output_flood", "isolation", "print 20 MB", ALL, flags=("printed more than",),
         edit=prepend("mse", "print('x' * 20_000_000)")),
    # --- tampering ----------------------------------------------------------------
    Case("patch_numpy", "tampering", "replace numpy functions", NONE, flags=SUSPICIOUS,
         edit=wrong_then("import numpy\nnumpy.allclose = lambda *a, **k: True\n"
                         "numpy.isclose = lambda *a, **k: True")),
    Case("patch_checks", "tampering", "replace the grader's checks with no-ops", NONE,
         flags=SUSPICIOUS, edit=wrong_then(
             "import autograder.lessons.lesson01 as _l\n"
             "for _n in dir(_l):\n"
             "    if _n.startswith('check_'):\n"
             "        setattr(_l, _n, lambda *a, **k: None)")),
    Case("patch_compare", "tampering", "make the grader's comparison always agree", NONE,
         flags=SUSPICIOUS, edit=wrong_then(
             "import autograder.compare as _c\n_c.values_close = lambda *a, **k: True\n"
             "_c.check_number = lambda *a, **k: None\n_c.check_array = lambda *a, **k: None")),
    Case("patch_nnlib", "tampering", "replace nnlib's loss", NONE, flags=SUSPICIOUS,
         edit=wrong_then("import nnlib.losses\n"
                         "nnlib.losses.mean_squared_error = lambda *a, **k: 0.0")),
    Case("patch_builtins", "tampering", "make builtins.zip return nothing", NONE,
         flags=SUSPICIOUS, edit=wrong_then(
             "import builtins\n_zip = builtins.zip\n"
             "builtins.zip = lambda *a: _zip(*a) if len(a) != 2 else iter(())")),
    Case("input_transformer", "tampering", "an input transformer that empties test cells",
         NONE, flags=SUSPICIOUS, edit=wrong_then(
             "get_ipython().input_transformers_post.append(\n"
             "    lambda lines: ['pass\\n'] if any('check_' in l for l in lines) else lines)")),
    Case("ast_transformer", "tampering", "an AST transformer that deletes every call", NONE,
         flags=SUSPICIOUS, edit=wrong_then(
             "import ast\nclass _NoCalls(ast.NodeTransformer):\n"
             "    def visit_Expr(self, node):\n        return ast.Pass()\n"
             "get_ipython().ast_transformers.append(_NoCalls())")),
    Case("custom_exception_handler", "tampering", "swallow every exception", NONE,
         flags=SUSPICIOUS, edit=wrong_then(
             "get_ipython().set_custom_exc((BaseException,), lambda *a, **k: None)")),
    Case("pre_run_hook", "tampering", "a pre_run_cell hook that patches numpy", NONE,
         flags=SUSPICIOUS, edit=wrong_then(
             "import numpy\ndef _patch(info):\n    numpy.allclose = lambda *a, **k: True\n"
             "get_ipython().events.register('pre_run_cell', _patch)")),
    Case("run_cell_skip", "tampering", "replace run_cell to skip hidden tests", NONE,
         flags=SUSPICIOUS, edit=wrong_then(
             "_ip = get_ipython()\n_run = _ip.run_cell\n"
             "def _skip(raw_cell, *a, **k):\n"
             "    return _run('pass' if 'check_' in raw_cell else raw_cell, *a, **k)\n"
             "_ip.run_cell = _skip")),
    Case("always_equal", "tampering", "return an object equal to everything",
         (False, True, True), flags=("__eq__",), edit=lambda nb, ctx: _always_equal(nb)),
    Case("exit_kernel", "tampering", "exit the kernel", (True, True, False),
         flags=("kernel stopped",), edit=prepend("gradient_descent",
                                                  "import os\nos._exit(0)")),
    Case("crash_kernel", "tampering", "crash the kernel (segfault)", (True, True, False),
         flags=("kernel stopped",), edit=prepend("gradient_descent",
                                                  "import ctypes\nctypes.string_at(0)")),
    Case("swallow_interrupt", "tampering", "ignore interrupts in an endless loop",
         (True, True, False), flags=("did not stop",), edit=prepend(
             "gradient_descent",
             "import signal\nsignal.signal(signal.SIGINT, signal.SIG_IGN)\nwhile True:\n"
             "    pass")),
    Case("delete_test", "tampering", "delete a test cell", (True, False, True),
         flags=("deleted",), edit=drop("test_mse_slope")),
    Case("duplicate_test", "tampering", "duplicate a test cell", (False, True, True),
         flags=("more than once",), edit=duplicate("test_mse")),
    Case("edit_test", "tampering", "edit a test cell's code", (False, True, True),
         flags=("edited",), edit=edit_test_source),
    Case("edit_test_metadata", "tampering", "make a test cell worth 100 and ungraded",
         (False, True, True), flags=("metadata",), edit=edit_test_metadata),
    Case("strip_test_metadata", "tampering", "remove a test cell's nbgrader metadata",
         (True, False, True), flags=("metadata",), edit=strip_test_metadata),
    # --- the trust boundary (issue 12): one attack per class, against the new design ---
    Case("value_then_fail", "boundary", "show a value in every test cell before it fails "
         "(nbgrader reads a value as partial credit)", NONE, flags=SUSPICIOUS,
         edit=wrong_then("def _show(info=None):\n"
                         "    get_ipython().displayhook(100.0)\n"
                         "get_ipython().events.register('pre_run_cell', _show)")),
    Case("probe_memory", "boundary", "search the kernel's memory, environment and files "
         "for references, expected values and keys while a check runs", ALL,
         absent=("FOUND",), present=("PROBED",), flags=SUSPICIOUS,
         edit=lambda nb, ctx: _probe(nb),
         stock_varies="in the kernel the probe can outlast the cell's time limit on a "
         "loaded machine; seen: ✗ ✓ ✓ and other results"),
    Case("forge_session", "boundary", "make the kernel's messages report errors as "
         "successes", NONE, flags=SUSPICIOUS, edit=wrong_then(
             "_k = get_ipython().kernel\n_send = _k.session.send\n"
             "def _forge(stream, msg_or_type, content=None, *a, **k):\n"
             "    if msg_or_type == 'error':\n"
             "        msg_or_type, content = 'stream', {{'name': 'stdout', 'text': ''}}\n"
             "    if msg_or_type == 'execute_reply' and isinstance(content, dict):\n"
             "        content = dict(content, status='ok')\n"
             "    return _send(stream, msg_or_type, content, *a, **k)\n"
             "_k.session.send = _forge")),
    Case("forge_answers", "boundary", "answer the grader's calls itself, with made-up "
         "results, by replacing input()", NONE, flags=SUSPICIOUS, edit=wrong_then(
             "import builtins, json\n_input = builtins.input\n"
             "def _lie(prompt=''):\n"
             "    return _input(json.dumps({{'op': 'returned', 'value': 0.0}}))\n"
             "builtins.input = _lie")),
    Case("plant_links", "boundary", "plant links and named pipes where the grader writes "
         "(the graded notebook, the feedback, the gradebook) and replace its sockets",
         ALL, flags=SUSPICIOUS, edit=prepend("mse", (
             "import os\n"
             "for _d in ('.', '..', '../..', '../kernel'):\n"
             "    for _n, _t in (('need_for_optimization.ipynb', {other_submission!r}),\n"
             "                   ('need_for_optimization.html', {gradebook!r}),\n"
             "                   ('gradebook.db', {gradebook!r}), ('timestamp.txt', '/dev/zero')):\n"
             "        try:\n            os.symlink(_t, os.path.join(_d, _n))\n"
             "        except OSError:\n            pass\n"
             "    try:\n        os.mkfifo(os.path.join(_d, 'fifo'))\n"
             "    except OSError:\n        pass\n"
             "for _f in os.listdir('../kernel') if os.path.isdir('../kernel') else []:\n"
             "    if _f.startswith('kernel-'):\n"
             "        try:\n            os.rename(os.path.join('../kernel', _f), os.path.join('../kernel', _f + '.x'))\n"
             "            os.symlink({gradebook!r}, os.path.join('../kernel', _f))\n"
             "        except OSError:\n            pass"))),
    Case("deep_json", "boundary", "a notebook file nested 200,000 levels deep", NONE,
         flags=("nests more than",), edit=lambda nb, ctx: _deep_json(nb)),
    Case("deep_answer", "boundary", "an answer nested 100,000 levels deep, and a cell "
         "too deeply nested to parse (gradient_descent's visible checks call this mse too)",
         (False, True, False), edit=lambda nb, ctx: _deep_answer(nb),
         stock_varies="seen: ✗ ✗ ✗ and ✗ ✓ ✗"),
    Case("bracketed_message", "boundary", "an error message that ends like a catalogued "
         "mistake and carries terminal control codes (gradient_descent's visible checks "
         "call this mse too)", (False, True, False),
         named=(("test_mse", None),), edit=lambda nb, ctx: _bracketed(nb)),
    Case("explainer_games", "boundary", "a wrong mse (no catalogued mistake: 3.7 times the "
         "MSE) that, once it has been called often, "
         "returns a 400 MB array, then NaN, then raises, then sleeps: aimed at the grader's "
         "re-calls that explain a wrong answer (gradient_descent's visible checks call this "
         "mse too)", (False, True, False), named=(("test_mse", None),),
         edit=lambda nb, ctx: _explainer_games(nb)),
    Case("iopub_flood", "boundary", "a correct mse that prints hundreds of tiny messages "
         "on every call of the checks, visible and hidden", ALL,
         edit=lambda nb, ctx: _iopub_flood(nb)),
    Case("forged_edition", "boundary", "an edition tag that names a path, to load a "
         "catalog of its own or break the verdicts' wording (with wrong answers)", NONE,
         absent=("ค่า", "ที่"), edit=lambda nb, ctx: _forged_edition(nb)),
    Case("figures_back_on", "boundary", "switch figure drawing back on from a solution cell "
         "(a correct submission; it only spends its own time)", ALL, present=("image/png",),
         edit=prepend("mse", "from matplotlib_inline.backend_inline import "
                             "set_matplotlib_formats\nset_matplotlib_formats('png')")),
    Case("links_in_submission", "boundary", "a submission folder whose time stamp is a "
         "named pipe and whose extra notebook links to the gradebook", ALL,
         plant=lambda folder, ctx: _plant_in_folder(folder, ctx)),
    # --- broken submissions -------------------------------------------------------
    Case("invalid_json", "broken", "a truncated notebook file", NONE,
         flags=("not valid JSON",), edit="truncate"),
    Case("empty_file", "broken", "an empty file", NONE, flags=("empty",), edit=""),
    Case("not_a_notebook", "broken", "JSON that is not a notebook", NONE,
         flags=("not a Jupyter notebook",), edit="[1, 2, 3]"),
    Case("wrong_file_name", "broken", "the notebook under another name", ALL,
         flags=("submitted as",), file_name="my work (1).ipynb"),
    Case("no_notebook", "broken", "no notebook in the folder", NONE,
         flags=("no notebook",), file_name=None, files={"notes.txt": "sorry"}),
    Case("reordered", "broken", "a solution cell moved below its test", (False, True, True),
         flags=("out of order",), edit=move_after_test),
    Case("missing_solution_cell", "broken", "a solution cell deleted (a later exercise "
         "calls it)", (True, False, False),
         flags=("missing",), edit=drop("mse_slope")),
    Case("huge_outputs", "broken", "30 MB of stored outputs", ALL, flags=("MB",),
         edit=huge_outputs),
]


def _always_equal(nb):
    cell(nb, "mse").source = (
        "class _Anything(float):\n    def __eq__(self, other):\n        return True\n"
        "    def __ne__(self, other):\n        return False\n    __hash__ = float.__hash__\n"
        "def mse(y_hat, y):\n    return _Anything(-1.0)")
    return nb


def _probe(nb):
    """A correct mse that, while the hidden check calls it, looks for the grader."""
    cell(nb, "mse").source = (
        "import gc, os, sys\n"
        "def mse(y_hat, y):\n"
        "    y_hat, y = np.asarray(y_hat, float), np.asarray(y, float)\n"
        "    answer = float(np.mean((y_hat - y) ** 2))\n"
        "    caller = sys._getframe(1).f_code.co_filename\n"
        "    if caller == '<autograder shim>' or caller.endswith('compare.py'):  # a hidden check\n"
        "        _search(answer)\n"
        "    return answer\n"
        "_searched = []\n"
        "def _search(answer):\n"
        "    if _searched:\n"
        "        return\n"
        "    _searched.append(1)\n"
        "    found = []\n"
        "    for name, module in list(sys.modules.items()):\n"
        "        if 'autograder' in name or hasattr(module, 'reference_mse'):\n"
        "            found.append('module ' + name)\n"
        "    for obj in gc.get_objects():\n"
        "        name = getattr(obj, '__name__', '')\n"
        "        if isinstance(name, str) and name.startswith(('reference_', 'check_mse')):\n"
        "            found.append('object ' + name)\n"
        "        if isinstance(obj, dict):\n"
        "            values = [v for v in obj.values() if isinstance(v, float)]\n"
        "            if answer in values and obj is not locals():\n"
        "                found.append('expected value in a dict')\n"
        "    frame = sys._getframe()\n"
        "    while frame is not None:\n"
        "        for value in frame.f_locals.values():\n"
        "            if isinstance(value, float) and value == answer and frame.f_code.co_name != '_search' \\\n"
        "                    and frame.f_code.co_name != 'mse':\n"
        "                found.append('expected value in frame ' + frame.f_code.co_name)\n"
        "        frame = frame.f_back\n"
        "    for key in os.environ:\n"
        "        if 'AUTOGRADER' in key or 'KEY' in key:\n"
        "            found.append('environment ' + key)\n"
        "    import nnlib\n"
        "    library = os.path.dirname(os.path.dirname(nnlib.__file__))\n"
        "    roots = ['/tmp', '/run', os.getcwd(), os.path.expanduser('~'), '..', '../..', library]\n"
        "    site = [p for p in sys.path if p.endswith('site-packages')]\n"
        "    for root in roots + site:\n"
        "        for folder, subfolders, files in os.walk(root):\n"
        "            if folder in site:\n"
        "                subfolders[:] = []  # third-party packages: only the files at the top\n"
        "            for file in files:\n"
        "                path = os.path.join(folder, file)\n"
        "                if not path.endswith(('.py', '.json', '.key', '.db', '.ipynb', '.txt')):\n"
        "                    continue\n"
        "                try:\n"
        "                    text = open(path, 'rb').read(2_000_000)\n"
        "                except OSError:\n"
        "                    continue\n"
        "                if b'def reference_mse' in text or b'check_gradient_descent' in text \\\n"
        "                        or b'autograder-key' in text:\n"
        "                    found.append('file ' + path)\n"
        "    print('PROBED', 'FOUND ' + '; '.join(found[:5]) if found else 'nothing')\n")
    return nb


def _deep_json(nb):
    text = nbformat.writes(nb)
    return text[:-2] + ', "x": ' + "[" * 200_000 + "]" * 200_000 + "\n}"


def _deep_answer(nb):
    cell(nb, "mse").source = (
        "def mse(y_hat, y):\n"
        "    value = 0.0\n"
        "    for _ in range(100_000):\n"
        "        value = [value]\n"
        "    return value\n")
    deep = nbformat.v4.new_code_cell("_too_deep = " + "(" * 20_000 + "1" + ")" * 20_000 +
                                     "\n_deeper = " + "-" * 5_000 + "1\n")
    nb.cells.insert(nb.cells.index(cell(nb, "mse")) + 1, deep)
    return nb


def _plant_in_folder(folder, ctx):
    import os
    os.mkfifo(folder / "timestamp.txt")  # nbgrader's own time stamp file, as a pipe
    os.symlink(ctx["gradebook"], folder / "aaa.ipynb")  # sorts before the real one


def _forged_edition(nb):
    nb = wrong_then("")(nb, {})
    nb.metadata["edition"] = "th/../../../../etc/passwd" + "x" * 5000
    return nb


def _explainer_games(nb):
    cell(nb, "mse").source = (
        "import time as _time\n"
        "import numpy as _np\n"
        "_calls = [0]\n"
        "def mse(y_hat, y):\n"
        "    _calls[0] += 1\n"
        "    n = _calls[0]\n"
        "    if n > 60:\n"
        "        _time.sleep(0.5)\n"
        "    if n > 40:\n"
        "        raise RuntimeError('explain this')\n"
        "    if n > 30:\n"
        "        return float('nan')\n"
        "    if n > 20:\n"
        "        return _np.zeros(50_000_000)\n"
        "    return 3.7 * _np.mean((_np.asarray(y_hat) - _np.asarray(y)) ** 2)\n")
    return nb


def _iopub_flood(nb):
    mse = cell(nb, "mse")
    # not in the lesson's own 301-call loss curve (30 points), which would simply run
    # past its time limit: the checks' calls are the target
    mse.source = mse.source.replace("def mse(y_hat, y):", "def mse(y_hat, y):\n"
                                    "    for _ in range(300 if len(y) != 30 else 0):\n"
                                    "        print('.', end='', flush=True)", 1)
    assert "print('.'" in mse.source
    return nb


def _bracketed(nb):
    cell(nb, "mse").source = (
        "def mse(y_hat, y):\n"
        "    raise ValueError('\\x1b[2J\\x1b[31mwiped\\x07 [times_m]')\n")
    return nb


def submission_text(case, correct_nb, ctx):
    """The file content a case submits (a str), built from the correct notebook."""
    if isinstance(case.edit, str):
        if case.edit == "truncate":
            text = nbformat.writes(correct_nb)
            return text[: len(text) // 2]
        return case.edit
    nb = nbformat.from_dict(json.loads(json.dumps(correct_nb)))
    if case.edit is not None:
        nb = case.edit(nb, ctx)
    return nb if isinstance(nb, str) else nbformat.writes(nb)
