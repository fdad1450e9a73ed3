"""Where a submission's kernel runs and what it may touch, and how it is executed.

Modes, strongest first (``autograder grade --sandbox MODE``, default ``auto``):

``bwrap``   bubblewrap: new user, PID, network, IPC and UTS namespaces, no capabilities,
            uid 65534; the file system is read-only system and Python directories plus
            the course's packages, a private /tmp, and the one notebook folder writable.
            No network at all (the kernel talks to the grader over Unix sockets). It
            cannot see source/, the gradebook, other submissions or the grader's home.
``user``    (root only, no bubblewrap) the kernel runs as uid 65534 with rlimits: it
            cannot write outside its folder or signal the grader, but can read
            world-readable files and use the network.
``rlimit``  rlimits and a clean environment only, as the grader's own user.
``none``    nbgrader's behaviour: the kernel runs as the grader.

``auto`` takes the first that works here and says loudly when it is not ``bwrap``.
Every mode has the same limits: time per cell and per notebook, memory, file size and
output size (:class:`Limits`), and every mode loads :mod:`autograder.guard`.
"""
import json
import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from queue import Empty

from jupyter_client.manager import AsyncKernelManager
from jupyter_core.utils import run_sync
from nbclient import NotebookClient
from nbclient.exceptions import CellTimeoutError, DeadKernelError
from nbformat import NotebookNode
from traitlets import Bool, Dict, Float, Instance, Integer, List, Unicode

from nbgrader.preprocessors import Execute

from .guard import KEY_FILE_ENV, RECEIPT_MIME

MODES = ("auto", "bwrap", "user", "rlimit", "none")
NOBODY = 65534
PROTECTS = {
    "bwrap": "no network; cannot read source/, the gradebook, hidden tests on disk or "
             "other students' files; writes only its own folder; cannot see or signal "
             "other processes; time, memory, file-size and output limits",
    "user": "runs as an unprivileged user: writes only its own folder, cannot signal "
            "the grader; time, memory, file-size, process and output limits. It CAN "
            "read world-readable files and use the network",
    "rlimit": "time, memory, file-size and output limits and a clean environment only: "
              "it CAN read and write what the grader can, and use the network",
    "none": "time and output limits only (nbgrader's own behaviour otherwise)",
}


@dataclass
class Limits:
    cell_seconds: int = 60           # one cell (nbgrader's ExecutePreprocessor.timeout)
    total_seconds: int = 600         # the whole notebook
    memory_bytes: int = 3 * 2**30    # address space of the kernel
    file_bytes: int = 64 * 2**20     # largest file the kernel may write
    processes: int = 64              # per sandbox user (``user`` mode)
    cell_output_bytes: int = 4_000_000     # figures are base64 PNGs: ~50-100 kB each
    total_output_bytes: int = 20_000_000


def _bwrap_works():
    if not shutil.which("bwrap"):
        return False
    try:
        return subprocess.run(["bwrap", "--unshare-all", "--ro-bind", "/", "/", "true"],
                              capture_output=True, timeout=20).returncode == 0
    except (OSError, subprocess.TimeoutExpired):
        return False


def _user_works():
    """Whether a kernel could start as uid 65534 (it must reach Python and the packages)."""
    if os.geteuid() != 0:
        return False
    probe = [sys.executable, "-m", "autograder.limits", "--user", str(NOBODY), "--env",
             "PATH=/usr/bin:/bin", "--", sys.executable, "-c", "import numpy, autograder"]
    try:
        return subprocess.run(probe, capture_output=True, timeout=60, cwd="/").returncode == 0
    except (OSError, subprocess.TimeoutExpired):
        return False


def resolve(requested="auto"):
    """(mode, warning or None): the mode to use for ``requested`` on this machine."""
    if requested not in MODES:
        raise ValueError(f"unknown sandbox mode {requested!r}: choose one of {MODES}")
    if requested == "bwrap" and not _bwrap_works():
        raise RuntimeError("sandbox 'bwrap' asked for, but bubblewrap is missing or cannot "
                           "create namespaces here (apt-get install bubblewrap)")
    if requested == "user" and not _user_works():
        raise RuntimeError("sandbox 'user' needs the grader to run as root, and uid 65534 "
                           "must be able to run this Python and read the course packages")
    if requested != "auto":
        return requested, None
    if _bwrap_works():
        return "bwrap", None
    mode = "user" if _user_works() else "rlimit"
    return mode, (f"WARNING: bubblewrap is not available, so submissions run in sandbox "
                  f"mode '{mode}', which protects less: {PROTECTS[mode]}.")


def _package_dirs():
    import autograder
    import nnlib
    return [Path(autograder.__file__).parent, Path(nnlib.__file__).parent]


def bwrap_prefix(writable):
    """The bubblewrap command line that confines a kernel to ``writable`` folders."""
    readable = ["/usr", "/etc/passwd", "/etc/group", "/etc/fonts", "/etc/ld.so.cache",
                "/etc/localtime", sys.base_prefix, sys.prefix, *map(str, _package_dirs())]
    argv = ["bwrap", "--die-with-parent", "--new-session", "--unshare-all", "--cap-drop",
            "ALL", "--uid", str(NOBODY), "--gid", str(NOBODY),
            "--proc", "/proc", "--dev", "/dev", "--tmpfs", "/tmp"]
    for link in ("lib", "lib64", "bin", "sbin"):
        if os.path.islink(f"/{link}"):
            argv += ["--symlink", os.readlink(f"/{link}"), f"/{link}"]
        elif os.path.isdir(f"/{link}"):
            readable.append(f"/{link}")
    for path in dict.fromkeys(readable):
        if os.path.exists(path):
            argv += ["--ro-bind", path, path]
    for path in writable:
        argv += ["--bind", str(path), str(path)]
    return argv + ["--"]


class SandboxKernelManager(AsyncKernelManager):
    """A kernel manager that starts the kernel confined, on Unix sockets in ``kernel_dir``."""

    mode = Unicode("none")
    kernel_dir = Unicode()
    writable = List(Unicode())
    limits = Instance(Limits, args=())
    kernel_env = Dict()
    guard = Bool(False, help="load autograder.guard into the kernel")

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.transport = "ipc"  # Unix sockets: reachable across the network namespace
        self.ip = os.path.join(self.kernel_dir, "kernel")
        self.connection_file = os.path.join(self.kernel_dir, "kernel.json")

    async def _async_launch_kernel(self, kernel_cmd, **kw):
        # The kernel's own stdout/stderr (banners, crash dumps) are not the student's output.
        kw.update(stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        if self.mode == "none":  # no launcher to set the environment (the guard's key)
            kw["env"] = {**kw.get("env", os.environ), **self.kernel_env}
        return await super()._async_launch_kernel(kernel_cmd, **kw)

    def format_kernel_cmd(self, extra_arguments=None):
        # Interrupt over the control channel: a signal would reach bubblewrap, not Python.
        self.kernel_spec.interrupt_mode = "message"
        cmd = super().format_kernel_cmd(extra_arguments)
        if self.guard:
            cmd.append("--IPKernelApp.extensions=autograder.guard")
        lim = self.limits
        launcher = [sys.executable, "-m", "autograder.limits", "--memory",
                    str(lim.memory_bytes), "--fsize", str(lim.file_bytes),
                    "--cpu", str(lim.total_seconds + 30)]
        if self.mode == "user":
            launcher += ["--user", str(NOBODY), "--nproc", str(lim.processes)]
        for key, value in self.kernel_env.items():
            launcher += ["--env", f"{key}={value}"]
        launcher += ["--", *cmd]
        if self.mode == "bwrap":
            return bwrap_prefix([self.kernel_dir, *self.writable]) + launcher
        if self.mode == "none":
            return cmd
        return launcher


class PromptReplies:
    """Mix into an nbclient client (``class C(PromptReplies, NotebookClient)``) so that
    no reply waits for a poll to time out: see :func:`_poll_in_slices`."""

    async def async_start_new_kernel_client(self):
        kc = await super().async_start_new_kernel_client()
        for channel in (kc.shell_channel, kc.iopub_channel):
            _poll_in_slices(channel)
        return kc

    # nbclient's sync wrapper is bound to its own coroutine: rebind it to ours
    start_new_kernel_client = run_sync(async_start_new_kernel_client)


class PromptNotebookClient(PromptReplies, NotebookClient):
    """nbclient's NotebookClient without the stalls of jupyter/nbclient#312."""


class SandboxedExecute(PromptReplies, Execute):
    """nbgrader's Execute, with the kernel sandboxed, guarded and limited.

    Beyond nbgrader's per-cell timeout it enforces a time limit for the whole notebook
    and caps on output size, and a kernel that dies, hangs past an interrupt or runs
    out of time does not fail the whole submission: the cells already run keep their
    results, and every test cell not run records why (it then scores 0).
    """

    mode = Unicode("none").tag(config=True)
    scratch = Unicode(help="a private folder for the kernel's sockets").tag(config=True)
    guard_key_hex = Unicode(help="the receipt key shared with the guard").tag(config=True)
    total_seconds = Integer(600).tag(config=True)
    memory_bytes = Integer(Limits.memory_bytes).tag(config=True)
    cell_output_bytes = Integer(Limits.cell_output_bytes).tag(config=True)
    total_output_bytes = Integer(Limits.total_output_bytes).tag(config=True)
    events_path = Unicode(help="JSON-lines file for what happened").tag(config=True)
    interrupt_grace = Float(5.0).tag(config=True)
    cell_seconds = Integer(60, help="the per-cell limit (``timeout`` is set per cell from "
                           "it and the time left)").tag(config=True)

    def preprocess(self, nb, resources=None, km=None):
        self._deadline = None     # set when the first cell starts, after kernel start-up
        self._stopped = None      # why the remaining cells are not run
        self._output_bytes, self._cell_bytes, self._truncated = 0, {}, set()
        path = resources.get("metadata", {}).get("path") or os.getcwd()
        kernel_dir = Path(self.scratch or path) / "kernel"
        kernel_dir.mkdir(parents=True, exist_ok=True)
        key_file = kernel_dir / "guard.key"
        key_file.write_bytes(bytes.fromhex(self.guard_key_hex) if self.guard_key_hex else b"")
        home = kernel_dir / "home"
        home.mkdir(exist_ok=True)
        _copy_font_cache(home)
        env = {"PATH": os.path.dirname(sys.executable) + ":/usr/bin:/bin",
               "HOME": str(home), "LANG": "C.UTF-8", "MPLBACKEND": "agg",
               "MPLCONFIGDIR": str(home), "PYTHONNOUSERSITE": "1",
               "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}
        if self.guard_key_hex:
            env[KEY_FILE_ENV] = str(key_file)
        if self.mode == "user":  # the kernel's user must own its folders, nothing else
            for folder in (kernel_dir, Path(path)):
                _chown_tree(folder, NOBODY)
        limits = Limits(cell_seconds=self.timeout or 60, total_seconds=self.total_seconds,
                        memory_bytes=self.memory_bytes)
        self._manager_traits = dict(
            mode=self.mode, kernel_dir=str(kernel_dir), writable=[str(path)],
            limits=limits, kernel_env=env, guard=bool(self.guard_key_hex))
        try:
            # No km of our own: nbclient shuts down only the kernels it created.
            return super().preprocess(nb, resources, km=km)
        except DeadKernelError:
            self._stop("the kernel stopped (it crashed, exited or was killed)")
            return nb, self.resources
        finally:
            if key_file.exists():
                key_file.unlink()

    def create_kernel_manager(self):
        name = self.kernel_name or self.nb.metadata.get("kernelspec", {}).get("name")
        self.km = SandboxKernelManager(kernel_name=name or "python3", config=self.config,
                                       **self._manager_traits)
        return self.km

    def preprocess_cell(self, cell, resources, index):
        if cell.cell_type != "code":
            return cell, self.resources
        if self._deadline is None:
            self._deadline = time.monotonic() + self.total_seconds
        if self._stopped is None and time.monotonic() > self._deadline:
            self._stop(f"the notebook ran past its time limit of {self.total_seconds} s")
        if self._stopped is not None:
            _not_run(cell, self._stopped)
            return cell, self.resources
        remaining = int(self._deadline - time.monotonic())
        limit = self.cell_seconds
        self.timeout = max(1, min(limit, remaining))
        why = (f"ran past its time limit of {limit} s" if self.timeout == limit else
               f"ran past the notebook's total time limit of {self.total_seconds} s")
        try:
            cell, resources = super().preprocess_cell(cell, resources, index)
        except DeadKernelError:
            _error(cell, "KernelDied", "The kernel stopped while running this cell (it "
                   "crashed, called exit(), or ran out of memory or time).")
            self._stop(f"the kernel stopped in cell {index + 1}")
            return cell, self.resources
        except CellTimeoutError:  # the interrupt went unanswered: output never ended
            _error(cell, "CellTimeoutError", f"This cell {why} and did not stop when "
                   "interrupted.")
            self._stop(f"cell {index + 1} {why} and did not stop when interrupted")
            self._kill()
            return cell, self.resources
        if any(o.get("ename") == self.error_on_timeout["ename"] for o in cell.outputs):
            if not self._responsive():
                self._stop(f"cell {index + 1} {why} and did not stop when interrupted")
                self._kill()
            else:
                self._event("timeout", f"cell {index + 1} {why} and was interrupted")
        return cell, self.resources

    def output(self, outs, msg, display_id, cell_index):
        content = msg.get("content", {})
        if RECEIPT_MIME in content.get("data", {}):
            return super().output(outs, msg, display_id, cell_index)
        size = len(json.dumps(content, default=str))
        used = self._cell_bytes.get(cell_index, 0) + size
        self._cell_bytes[cell_index] = used
        self._output_bytes += size
        if used > self.cell_output_bytes or self._output_bytes > self.total_output_bytes:
            if cell_index not in self._truncated:
                self._truncated.add(cell_index)
                self._event("output", f"cell {cell_index + 1} printed more than the "
                            f"{self.cell_output_bytes // 1000} kB allowed; the rest was cut")
                outs.append(NotebookNode(output_type="stream", name="stderr", text=(
                    "[output cut by the grader: this cell printed more than "
                    f"{self.cell_output_bytes // 1000} kB]\n")))
            return None
        return super().output(outs, msg, display_id, cell_index)

    # --- helpers ----------------------------------------------------------------
    def _stop(self, reason):
        if self._stopped is None:
            self._stopped = reason
            self._event("stopped", reason)

    def _event(self, kind, text):
        if self.events_path:
            with open(self.events_path, "a") as handle:
                handle.write(json.dumps({"kind": kind, "text": text}) + "\n")

    def _responsive(self):
        """Whether the kernel answers a kernel_info request within the grace period."""
        try:
            msg_id = self.kc.kernel_info()
            end = time.monotonic() + self.interrupt_grace
            while time.monotonic() < end:
                reply = run_sync(self.kc.get_shell_msg)(timeout=end - time.monotonic())
                if reply["parent_header"].get("msg_id") == msg_id:
                    return True
        except Exception:  # noqa: BLE001 - queue.Empty, a dead channel: unresponsive
            return False
        return False

    def _kill(self):
        try:
            run_sync(self.km.shutdown_kernel)(now=True)
        except Exception:  # noqa: BLE001 - already gone
            pass


def _poll_in_slices(channel, step=0.2):
    """Make ``channel.get_msg(timeout)`` wait in short polls of ``step`` seconds.

    A message that reaches a zmq.asyncio socket while it is being polled can go
    unnoticed until the poll times out (jupyter/nbclient#312): a cell that displays
    widgets then "runs" for the whole per-cell limit, one time in a few, and the
    kernel sits idle. A fresh poll sees the queued message at once, so waiting in
    slices bounds that stall to ``step``.
    """
    get_msg = channel.get_msg

    async def get_msg_in_slices(timeout=None):
        end = None if timeout is None else time.monotonic() + timeout
        while True:
            left = step if end is None else max(0.0, end - time.monotonic())
            try:
                return await get_msg(timeout=min(step, left))
            except Empty:
                if end is not None and time.monotonic() >= end:
                    raise

    channel.get_msg = get_msg_in_slices


def _not_run(cell, reason):
    cell.outputs = []
    if cell.metadata.get("nbgrader", {}).get("grade"):
        _error(cell, "NotRun", f"This test did not run: {reason}.")


def _error(cell, ename, evalue):
    cell.outputs.append(NotebookNode(output_type="error", ename=ename, evalue=evalue,
                                     traceback=[f"{ename}: {evalue}"]))


def _chown_tree(folder, uid):
    for root, dirs, files in os.walk(folder):
        os.chown(root, uid, uid)
        for name in files:
            os.chown(os.path.join(root, name), uid, uid)


def _copy_font_cache(home):
    """Give the kernel matplotlib's font list, so its first plot does not rebuild it."""
    try:
        import matplotlib
        cache = Path(matplotlib.get_cachedir())
    except Exception:  # noqa: BLE001 - no matplotlib: nothing to copy
        return
    for font_list in cache.glob("fontlist-*.json"):
        shutil.copy(font_list, home / font_list.name)
