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
output size (:class:`Limits`). In every mode the kernel runs on the student's
environment (``.venv-student``: nnlib and its dependencies, never the grader), with a
clean process environment, so it holds nothing worth stealing: the checks, references
and verdicts stay in the grader (``autograder.execute``, ``autograder.remote``).
"""
import functools
import json
import os
import shutil
import stat
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import zmq
import zmq.asyncio
from jupyter_client.manager import AsyncKernelManager
from traitlets import Dict, Instance, List, Unicode

from .course import ROOT

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
    job_margin_seconds: int = 240    # kernel start, feedback and bookkeeping

    @property
    def job_seconds(self):
        """The whole job's wall-clock limit, enforced from outside (autograder.worker)."""
        return self.total_seconds + self.job_margin_seconds


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
    python = kernel_python()
    probe = [python, "-I", str(LAUNCHER), "--user", str(NOBODY), "--env",
             "PATH=/usr/bin:/bin", "--", python, "-c", "import numpy, nnlib"]
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


# --- the student's environment, where kernels run ------------------------------------
KERNEL_PYTHON_ENV = "AUTOGRADER_KERNEL_PYTHON"
DEFAULT_KERNEL_PYTHON = ROOT / ".venv-student" / "bin" / "python"
LAUNCHER = Path(__file__).with_name("limits.py")
LAUNCHER_IN_SANDBOX = "/run/autograder-limits.py"


class StudentEnvironmentError(RuntimeError):
    """The Python that kernels run on is missing, broken, or can import the grader."""


def kernel_python(path=None):
    """The Python of the student's environment, where every grading kernel runs.

    It has the student distribution (nnlib, numpy, matplotlib, ipykernel) and not the
    grader: a kernel there cannot import a module that holds answers.
    """
    return str(path or os.environ.get(KERNEL_PYTHON_ENV) or DEFAULT_KERNEL_PYTHON)


@functools.lru_cache(maxsize=None)
def student_environment(python):
    """{"prefix", "base_prefix", "nnlib"}: the folders a kernel on ``python`` must read.

    Refuses an environment that can import ``autograder``: the trust boundary needs
    the grader's code out of the kernel's reach in every sandbox mode.
    """
    probe = ("import importlib.util, json, os, sys\n"
             "import ipykernel, numpy, nnlib\n"
             "print(json.dumps({'prefix': sys.prefix, 'base_prefix': sys.base_prefix,\n"
             "    'nnlib': os.path.dirname(nnlib.__file__),\n"
             "    'grader': importlib.util.find_spec('autograder') is not None}))")
    try:
        done = subprocess.run([python, "-I", "-c", probe], capture_output=True, text=True,
                              timeout=120, cwd="/", env={"PATH": "/usr/bin:/bin"})
    except (OSError, subprocess.TimeoutExpired) as err:
        raise StudentEnvironmentError(f"cannot run the kernels' Python {python}: {err}; "
                                      "make creates it (.venv-student)") from None
    if done.returncode != 0:
        raise StudentEnvironmentError(
            f"the kernels' Python {python} lacks the student packages (ipykernel, numpy, "
            f"nnlib): {done.stderr.strip().splitlines()[-1:]}; make creates it "
            "(.venv-student)")
    found = json.loads(done.stdout)
    if found.pop("grader"):
        raise StudentEnvironmentError(
            f"the kernels' Python {python} can import the grader (autograder): kernels "
            "must run on the student's environment, which holds no answers")
    return found


def bwrap_prefix(writable, environment):
    """The bubblewrap command line that confines a kernel to ``writable`` folders.

    It sees the system, the student's environment (``environment`` from
    :func:`student_environment`) and the launcher, read-only: never the grader's
    environment, the course, the gradebook or another submission.
    """
    readable = ["/usr", "/etc/passwd", "/etc/group", "/etc/fonts", "/etc/ld.so.cache",
                "/etc/localtime", environment["base_prefix"], environment["prefix"],
                environment["nnlib"]]
    argv = ["bwrap", "--die-with-parent", "--new-session", "--unshare-all", "--cap-drop",
            "ALL", "--uid", str(NOBODY), "--gid", str(NOBODY),
            "--proc", "/proc", "--dev", "/dev", "--tmpfs", "/tmp", "--tmpfs", "/run"]
    for link in ("lib", "lib64", "bin", "sbin"):
        if os.path.islink(f"/{link}"):
            argv += ["--symlink", os.readlink(f"/{link}"), f"/{link}"]
        elif os.path.isdir(f"/{link}"):
            readable.append(f"/{link}")
    for path in dict.fromkeys(readable):
        if os.path.exists(path):
            argv += ["--ro-bind", path, path]
    argv += ["--ro-bind", str(LAUNCHER), LAUNCHER_IN_SANDBOX]
    for path in writable:
        argv += ["--bind", str(path), str(path)]
    return argv + ["--"]


def _no_reconnect_context():
    """A zmq context whose sockets never reconnect once a connection has dropped.

    The kernel can replace its socket files; a client that reconnected would follow
    whatever path the kernel planted there. Connecting for the first time still retries.
    """
    context = zmq.asyncio.Context()
    context.setsockopt(zmq.RECONNECT_STOP, zmq.RECONNECT_STOP_AFTER_DISCONNECT)
    return context


class SandboxKernelManager(AsyncKernelManager):
    """Starts a kernel on the student's environment, confined by ``mode``, on Unix
    sockets in ``kernel_dir``, with a clean environment ``kernel_env``."""

    mode = Unicode("none")
    kernel_dir = Unicode()
    python = Unicode(help="the student environment's Python")
    writable = List(Unicode())
    limits = Instance(Limits, args=())
    kernel_env = Dict()

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.transport = "ipc"  # Unix sockets: reachable across the network namespace
        self.ip = os.path.join(self.kernel_dir, "kernel")
        self.connection_file = os.path.join(self.kernel_dir, "kernel.json")

    async def _async_wait(self, pollinterval=0.1):
        # jupyter_client polls a killed kernel every 100 ms until it is gone: each job
        # waited ~0.1 s on its kernel's exit. A killed process is gone within a few ms.
        await super()._async_wait(pollinterval=min(pollinterval, 0.005))

    def client(self, **kwargs):
        kwargs.setdefault("context", _no_reconnect_context())
        return super().client(**kwargs)

    async def _async_launch_kernel(self, kernel_cmd, **kw):
        # The kernel's own stdout/stderr (banners, crash dumps) are not the student's output.
        kw.update(stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        kw["env"] = dict(self.kernel_env)  # nothing of the grader's environment
        return await super()._async_launch_kernel(kernel_cmd, **kw)

    def format_kernel_cmd(self, extra_arguments=None):
        # Interrupt over the control channel: a signal would reach bubblewrap, not Python.
        self.kernel_spec.interrupt_mode = "message"
        cmd = super().format_kernel_cmd(extra_arguments)
        cmd = [self.python, *cmd[1:]]  # ipykernel's own spec, on the student's Python
        lim = self.limits
        script = LAUNCHER_IN_SANDBOX if self.mode == "bwrap" else str(LAUNCHER)
        launcher = [self.python, "-I", script, "--memory",
                    str(lim.memory_bytes), "--fsize", str(lim.file_bytes),
                    "--cpu", str(lim.total_seconds + 30)]
        if self.mode == "user":
            launcher += ["--user", str(NOBODY), "--nproc", str(lim.processes)]
        for key, value in self.kernel_env.items():
            launcher += ["--env", f"{key}={value}"]
        launcher += ["--", *cmd]
        if self.mode == "bwrap":
            environment = student_environment(self.python)
            return bwrap_prefix([self.kernel_dir, *self.writable], environment) + launcher
        if self.mode == "none":
            return cmd
        return launcher

    def sockets_ready(self):
        """Whether every channel's socket file exists as a socket (never a link)."""
        ports = (self.shell_port, self.iopub_port, self.stdin_port, self.control_port,
                 self.hb_port)
        for port in ports:
            try:
                mode = os.lstat(f"{self.ip}-{port}").st_mode
            except OSError:
                return False
            if not stat.S_ISSOCK(mode):
                return False
        return True
