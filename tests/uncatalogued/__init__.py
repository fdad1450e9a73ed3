"""Test-the-tests: realistic student mistakes that are NOT in the mistake catalogue.

Each lesson module ``lessonNN.py`` lists ``MISTAKES``: one solution cell rewritten the
way a student could get it wrong, with a one-line description. They were written before
the explainer (``autograder/explain.py``) and are not tuned to it: the test checks that
each loses its marks without a catalogued name, and counts how many get an explanation.
"""
from dataclasses import dataclass
from textwrap import dedent


@dataclass(frozen=True)
class Uncatalogued:
    """One solution cell with one mistake that no catalogued Mistake describes."""

    cell: str          # grade_id of the solution cell, e.g. "cost"
    description: str   # what the student did wrong, in one line
    source: str        # the whole cell as the student would write it

    @property
    def test_cell(self):
        return f"test_{self.cell}"


def cell(text):
    """Cell source written as an indented triple-quoted string."""
    return dedent(text).strip("\n") + "\n"
