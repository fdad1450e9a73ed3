"""A reply that arrives during a poll is seen at once, not when the poll times out
(jupyter/nbclient#312, the stall that made a widget cell "run" for its whole limit)."""
import asyncio
import time
from queue import Empty

from autograder.prompt_replies import _poll_in_slices


class LateNoticingChannel:
    """A channel with the bug: a poll that starts before the message arrives notices it
    only when its own timeout ends; a poll started after the arrival sees it at once."""

    def __init__(self, arrives_after):
        self.arrival = time.monotonic() + arrives_after

    async def get_msg(self, timeout=None):
        if time.monotonic() >= self.arrival:
            return {"msg": "reply"}
        await asyncio.sleep(timeout)
        if time.monotonic() >= self.arrival:
            return {"msg": "reply"}
        raise Empty


def _timed(channel, timeout):
    start = time.monotonic()
    try:
        result = asyncio.run(channel.get_msg(timeout=timeout))
    except Empty:
        result = Empty
    return result, time.monotonic() - start


def test_the_fake_channel_has_the_bug():
    result, seconds = _timed(LateNoticingChannel(0.05), 1.0)
    assert result == {"msg": "reply"} and seconds > 0.9


def test_sliced_polls_return_the_reply_promptly():
    channel = LateNoticingChannel(0.05)
    _poll_in_slices(channel, step=0.1)
    result, seconds = _timed(channel, 5.0)
    assert result == {"msg": "reply"} and seconds < 0.5


def test_sliced_polls_still_time_out_when_nothing_comes():
    channel = LateNoticingChannel(60)
    _poll_in_slices(channel, step=0.1)
    result, seconds = _timed(channel, 0.35)
    assert result is Empty and 0.3 < seconds < 0.6
