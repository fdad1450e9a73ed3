"""The HTML class report (autograder.report), on a hand-made run."""
from html.parser import HTMLParser
from pathlib import Path

from autograder.grading import CellResult, GradingRun
from autograder.report import class_report


class _Text(HTMLParser):
    def __init__(self):
        super().__init__()
        self.text, self.tags = [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)

    def handle_data(self, data):
        self.text.append(data)


def _parse(page):
    parser = _Text()
    parser.feed(page)
    return " ".join(parser.text), parser.tags


def _results():
    rows = []
    for student, score, mistake in [("ann", 2, None), ("bob", 0, "times_m"),
                                    ("cy", 0, "times_m"), ("dee", 0, "absolute_error"),
                                    ("eve", 0, None)]:
        rows.append(CellResult(student, "01_need_for_optimization", "test_mse", score, 2,
                               "" if score else f"wrong [{mistake}]", mistake))
    return rows


def test_distribution_mistakes_and_flags():
    run = GradingRun(Path("."), graded=[("01_need_for_optimization", s)
                                        for s in ("ann", "bob", "cy", "dee", "eve")],
                     flagged=[("01_need_for_optimization", "eve",
                               "the notebook file is not valid JSON (line 3, column 1)")],
                     sandbox="bwrap")
    text, tags = _parse(class_report(run, _results()))
    assert "5 submissions" in text and "1 flagged" in text
    assert "2/2 1 (20 %)" in " ".join(text.split())
    assert "0/2 4 (80 %)" in " ".join(text.split())
    # the most common mistake first, with its catalogue explanation
    assert text.index("times_m") < text.index("absolute_error")
    assert "forget to divide by the number of examples" in text
    assert "other (not catalogued, blank or not run)" in text
    assert "eve" in text and "not valid JSON" in text
    assert "script" not in tags


def test_submission_strings_are_escaped():
    evil = "<script>alert(1)</script>"
    run = GradingRun(Path("."), graded=[("01", evil)], flagged=[("01", evil, evil)],
                     sandbox="rlimit", warning="WARNING: weaker sandbox")
    page = class_report(run, [CellResult(evil, "01", "test_mse", 0, 2, evil, None)])
    assert "<script>" not in page
    assert "&lt;script&gt;" in page
    assert "WARNING: weaker sandbox" in page
