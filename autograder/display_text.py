"""Text that came from a submission, made safe to show an instructor.

A student controls file names, student ids (folder names), exception messages and
everything their code prints. Before any of it reaches a terminal, control characters
(escape sequences that could clear the screen, move the cursor, retitle the window or
hide a line) are shown as visible ``\\xNN`` codes. HTML gets ``html.escape`` (the report)
or Jinja2's autoescaping.
"""
import re

CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def for_terminal(text):
    """``text`` with every control character but newline and tab shown as ``\\xNN``."""
    return CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", str(text))


def one_line(text, limit=300):
    """``for_terminal`` on one line (newlines and tabs shown too), at most ``limit`` chars."""
    flat = for_terminal(text).replace("\n", "\\n").replace("\t", "\\t")
    return flat if len(flat) <= limit else flat[:limit - 1] + "…"
