"""The Thai edition in JupyterLab, as a Thai self-learner opens it: each lesson's folder
(the notebook, its glossary, nnlib's language setting) runs top to bottom with no error
and no warning (a Thai label drawn without its glyphs warns), nnlib speaks Thai with no
step of the learner's, and the screenshots are kept: ``thai-<lesson>.png`` (the lesson
after Run All) and ``thai-figure-<lesson>.png`` (its first figure, Thai labels and all)
in ``test-artifacts/browser/``."""
import re

import pytest

from tests.browser.conftest import LESSONS
from tests.browser.test_self_learner import figure_cells

THAI = re.compile(r"[\u0e00-\u0e7f]")
NB = ".jp-NotebookPanel:not(.lm-mod-hidden)"


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda l: l.id)
def test_thai_lesson_runs_clean_in_thai_with_thai_figures(lab_page, lesson):
    lab_page.open(f"thai/{lesson.id}/{lesson.notebook_name}")
    markdown = lab_page.page.locator(f"{NB} .jp-MarkdownCell").first.inner_text()
    assert THAI.search(markdown), "the lesson's text is not Thai"
    assert lab_page.run_all() == 1, "Run All stopped at an error"
    cells = lab_page.cells()
    assert [(c.index, c.errors) for c in cells if c.errors] == []  # no error, no warning
    drawn = [i for i in figure_cells(lesson) if cells[i].images]
    assert drawn == figure_cells(lesson), "a cell that should draw shows no figure"
    first = lab_page.page.locator(f"{NB} .jp-CodeCell").nth(drawn[0])
    figure = first.locator(".jp-OutputArea-output img").first
    figure.scroll_into_view_if_needed()
    lab_page.screenshot(f"thai-figure-{lesson.id}", locator=figure)
    lab_page.screenshot(f"thai-{lesson.id}")
    # nnlib chose Thai from the lesson folder, and the figures' words are its catalog's
    said = lab_page.add_cell_below(
        len(cells) - 1, "from nnlib import i18n\nprint(i18n.language(), "
        "i18n.translate_text('loss'))")
    assert "th ค่าสูญเสีย" in said, said
