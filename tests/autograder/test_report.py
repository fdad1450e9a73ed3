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


class _Rows(HTMLParser):
    """Every table row of a page, as the text of its cells."""

    def __init__(self):
        super().__init__()
        self.rows, self.cell = [], None

    def handle_starttag(self, tag, attrs):
        if tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th"):
            self.cell = []

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self.cell is not None:
            self.rows[-1].append(" ".join("".join(self.cell).split()))
            self.cell = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell.append(data)


def _declared_mistakes():
    """code -> message template of every ``Mistake("code", "message")`` written in the
    grader's source, read from the code itself (not from the catalogue it fills)."""
    import ast

    import autograder
    found = {}
    for path in Path(autograder.__file__).parent.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "Mistake" \
                    and node.args and isinstance(node.args[0], ast.Constant):
                message = node.args[1] if len(node.args) > 1 else None
                found[node.args[0].value] = message.value if isinstance(
                    message, ast.Constant) else None
    return found


def test_every_catalogued_mistake_is_explained_in_words():
    """One exercise per code, each failed with that code: every row says what it means."""
    declared = _declared_mistakes()
    assert len(declared) > 150  # the generic ones, every lesson's, shortcuts, test cells
    results = [CellResult("ann", "01_need_for_optimization", f"test_{code}", 0, 1,
                          f"wrong [{code}]", code) for code in declared]
    rows = _Rows()
    rows.feed(class_report(GradingRun(Path(".")), results))
    meaning = {row[0]: row[2] for row in rows.rows if len(row) == 3 and row[0] in declared}
    assert sorted(meaning) == sorted(declared)
    for code, template in declared.items():
        assert meaning[code], f"{code} has no words in the report"
        if template:  # the catalogue's own words, e.g. "{name} averages |error| ..."
            words = template.format(name="the answer", m="m")
            assert meaning[code] == " ".join(words.split()), code


def test_an_unknown_code_and_student_text_are_escaped():
    evil = "<script>alert(1)</script>"
    run = GradingRun(Path("."), graded=[("01", evil)], flagged=[("01", evil, f"bad {evil}")])
    results = [CellResult(evil, "01", "test_mse", 0, 2, evil, "<img src=x onerror=alert(1)>")]
    page = class_report(run, results, title=f"Class {evil}")
    _, tags = _parse(page)
    assert "script" not in tags and "img" not in tags
    assert page.count("&lt;script&gt;") >= 3  # title, heading, flagged student and reason
    rows = _Rows()
    rows.feed(page)
    assert ["<img src=x onerror=alert(1)>", "1", "(not in the mistake catalogue)"] in rows.rows


def test_the_time_table_gives_each_part_measured_in_this_run():
    run = GradingRun(Path("."), graded=[("01", "ann"), ("01", "bob"), ("01", "cy")],
                     seconds=12.0, timings=[{"kernel start": 1.0, "feedback": 0.2},
                                            {"kernel start": 3.0, "feedback": 0.4},
                                            {"kernel start": 2.0}])
    text = " ".join(_parse(class_report(run, _results()))[0].split())
    section = text.split("Where the grading time went", 1)[1]
    assert "3 submissions graded in 12.0 s, figures not drawn" in section
    assert "kernel start 2.000 s 2.000 s 6.0 s" in section
    assert "feedback 0.200 s 0.200 s 0.6 s" in section  # missing in one: counts as 0 s
    assert section.index("kernel start") < section.index("feedback")  # the job's order
    idle = " ".join(_parse(class_report(GradingRun(Path(".")), _results()))[0].split())
    assert "No submission was graded in this run." in idle
