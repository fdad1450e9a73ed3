"""Text from submissions cannot drive the instructor's terminal (autograder.display_text)."""
from pathlib import Path

from autograder import cli
from autograder.display_text import for_terminal, one_line
from autograder.grading import CellResult, GradingRun

EVIL = "\x1b[2J\x1b]0;owned\x07\x9b31m\rhidden"


def test_control_characters_are_shown_not_obeyed():
    shown = for_terminal(EVIL)
    assert "\x1b" not in shown and "\x07" not in shown and "\x9b" not in shown
    assert "\r" not in shown and "\\x1b[2J" in shown
    assert for_terminal("line one\n\tline two") == "line one\n\tline two"
    assert "\n" not in one_line("a\nb") and len(one_line("x" * 1000, 50)) == 50


def test_the_grade_summary_escapes_ids_flags_and_messages():
    run = GradingRun(Path("."), graded=[("01_x", "student" + EVIL)],
                     flagged=[("01_x", "student" + EVIL, "a flag" + EVIL)])
    results = [CellResult("student" + EVIL, "01_x", "test_mse", 0.0, 2.0,
                          "mse raised ValueError: " + EVIL + " [times_m]", None)]
    text = cli.summary(run, results, "grades.csv", "report.html")
    for char in ("\x1b", "\x07", "\x9b", "\r"):
        assert char not in text
    table = text.split("\n\n")[0]
    assert "0/2 ✗" in table and "times_m" not in table  # a message's words are no mistake code
