"""Sample submissions per lesson: correct alternatives and catalogued mistakes.

Each lesson module ``variants/lessonNN.py`` defines

- ``CORRECT``: style name -> {solution cell id: code}. Every style must earn full marks
  (loops and vectorised, in-place or not, ...). Cells a style leaves out use the
  instructor's solution.
- ``MISTAKES``: a list of ``Mistaken(cell, code_of_mistake, source)``: the instructor's
  solution everywhere except one cell, which carries one catalogued mistake. It must lose
  the points of ``test_<cell>`` (and only those), and the feedback must name the mistake.

They feed the demo's sample class and the test-the-tests suite.
"""
import importlib
from dataclasses import dataclass, field
from textwrap import dedent


@dataclass(frozen=True)
class Mistaken:
    """One solution cell rewritten to carry one mistake of the catalogue."""

    cell: str                 # grade_id of the solution cell, e.g. "mse"
    mistake: str              # mistake code the feedback must show, e.g. "absolute_error"
    source: str               # the whole cell as the student would write it
    also_fails: tuple = field(default=())  # other test cells that must fail too (rare)

    @property
    def student(self):
        return f"mistake-{self.cell}-{self.mistake}".replace("_", "-")

    @property
    def test_cell(self):
        return f"test_{self.cell}"


def code(text):
    """Cell source written as an indented triple-quoted string in a variants module."""
    return dedent(text).strip("\n") + "\n"


def for_lesson(lesson):
    """The variants module of a ``Lesson`` (``autograder.variants.lessonNN``)."""
    return importlib.import_module(f"{__name__}.lesson{lesson.number:02d}")
