"""The corpus's LMS-intake attack (class 6 of the trust-boundary issue): a folder inside
one student's upload, named like a classmate, must never count as the classmate's."""
import os

from autograder.intake import import_submissions
from tests.autograder.test_intake import LESSON, NAME, _notebook


def test_a_folder_named_like_a_classmate_stays_with_its_uploader(tmp_path):
    """Attack: mallory's upload holds a folder 'victim/' with a notebook; it must count
    as mallory's (the LMS named only the top level), never as victim's."""
    download = tmp_path / "download"
    _notebook(download / "victim" / "mine.ipynb", '{"victim": 1}')
    _notebook(download / "mallory" / "victim" / "evil.ipynb", '{"evil": 1}')
    os.utime(download / "victim" / "mine.ipynb", (1_000_000, 1_000_000))
    course = tmp_path / "course"
    intake = import_submissions(course, LESSON, NAME, download)
    assert (course / "submitted" / "victim" / LESSON / NAME).read_text() == '{"victim": 1}'
    assert intake.imported["mallory"] == "mallory/victim/evil.ipynb"
