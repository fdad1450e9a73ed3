"""Replies without stalls: a workaround for jupyter/nbclient#312, used wherever we run
notebooks (the grader, the notebook and accessibility tests, the bench baseline)."""
import time
from queue import Empty

from jupyter_core.utils import run_sync
from nbclient import NotebookClient


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
