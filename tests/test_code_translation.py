"""The code's words in the Thai edition: nnlib's and the grader's catalogs.

Everything a student reads is in the edition's language: the hidden checks' mistake
messages and verdicts (chosen per submission from the notebook's edition, a closed
list), the self-checks, widget labels and figure text. English is the source: a test
fails when a Thai entry is missing or stale.
"""
import dataclasses
import json
import re
import shutil
import warnings

import matplotlib
import nbformat
import numpy as np
import pytest

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

from autograder import build, language, message_catalogs, translation  # noqa: E402
from autograder.compare import StudentMistake  # noqa: E402
from autograder.lessons import lesson01  # noqa: E402
from autograder.mistakes import CATALOGUE  # noqa: E402
from tests.conftest import ROOT  # noqa: E402

THAI = re.compile(r"[\u0e00-\u0e7f]")
DOMAINS = [pytest.param(d, id=d.name) for d in message_catalogs.DOMAINS]
# a submission's edition tag is the student's to write: none of these selects a catalog
FORGED = ["", "de", "en_US", "thai", "th/../../etc/passwd", "../th", "th\x00", "x" * 10_000,
          None, 7, ["th"], {"th": "th"}]


# --- the catalogs ---------------------------------------------------------------------

@pytest.mark.parametrize("domain", DOMAINS)
def test_catalog_has_no_missing_stale_or_damaged_entry(domain):
    assert message_catalogs.problems(domain, "th") == [], \
        "run `make translate LANG=th` and translate what it lists"


def test_nothing_is_left_pending():
    assert all(message_catalogs.pending(d, "th") == [] for d in message_catalogs.DOMAINS)


def _grader_copy(tmp_path):
    root = tmp_path / "repo"
    shutil.copytree(ROOT / "autograder", root / "autograder",
                    ignore=shutil.ignore_patterns("__pycache__"))
    return root


def test_a_changed_english_message_makes_its_entry_stale(tmp_path):
    root = _grader_copy(tmp_path)
    lesson = root / "autograder" / "lessons" / "lesson01.py"
    old = "leave out the square root."
    lesson.write_text(lesson.read_text().replace(old, "do not take the square root."))
    found = message_catalogs.problems(message_catalogs.GRADER, "th", root)
    assert any(p.startswith("missing (autograder/lessons/lesson01.py") for p in found)
    assert any(p.startswith("obsolete") and "square root of the mean" in p for p in found)
    message_catalogs.update(message_catalogs.GRADER, "th", root)  # what `make translate` does
    found = message_catalogs.problems(message_catalogs.GRADER, "th", root)
    assert [p for p in found if "root_mean" in p or "square root" in p] and \
        all(p.startswith("stale") for p in found), found


def test_a_translation_that_drops_a_placeholder_or_number_is_caught(tmp_path):
    root = _grader_copy(tmp_path)
    path = message_catalogs.GRADER.po_path("th", root)
    catalog = message_catalogs.read_catalog(path)
    entry = catalog.get(CATALOGUE["times_m"].message)
    entry.string = entry.string.replace("{m}", "m")
    path.write_bytes(message_catalogs.po_bytes(catalog))
    found = message_catalogs.problems(message_catalogs.GRADER, "th", root)
    assert found == [f"translation lost {{m}} ({entry.locations[0][0]}:{entry.locations[0][1]})"]


def test_the_compiled_nnlib_catalog_is_checked_against_its_source(tmp_path):
    root = tmp_path / "repo"
    shutil.copytree(ROOT / "course" / "nnlib", root / "course" / "nnlib",
                    ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "source", root / "source")
    shutil.copytree(ROOT / "course", root / "course", dirs_exist_ok=True,
                    ignore=shutil.ignore_patterns("__pycache__", "*.egg-info", "build"))
    assert message_catalogs.problems(message_catalogs.NNLIB, "th", root) == []
    mo = message_catalogs.NNLIB.mo_path("th", root)
    mo.write_bytes(mo.read_bytes()[:-10])
    assert any("is not the compiled" in p
               for p in message_catalogs.problems(message_catalogs.NNLIB, "th", root))


def test_every_mistake_and_lesson_plot_label_is_in_the_catalogs():
    """The extraction finds what students read: each catalogued mistake's message, and
    the figure text written in the lessons' own code cells."""
    import autograder.report  # noqa: F401 - registers every lesson's mistakes
    autograder.report.mistake_meanings()
    grader = message_catalogs.extract(message_catalogs.GRADER)
    assert {m.message for m in CATALOGUE.values()} <= set(grader)
    nnlib = message_catalogs.extract(message_catalogs.NNLIB)
    assert "MSE as a function of the weight" in nnlib  # lesson 01's code cell
    assert "Eight steps of gradient descent, α = 0.1" in nnlib


# --- the grader: each submission in its own language ----------------------------------

def _wrong_mse(y_hat, y):  # the root mean square: a catalogued mistake
    return float(np.sqrt(np.mean((np.asarray(y_hat) - np.asarray(y)) ** 2)))


def _failure(lang):
    with language.speaking(lang):
        with pytest.raises(StudentMistake) as caught:
            lesson01.check_mse(_wrong_mse, rng=np.random.default_rng(1))
    return caught.value


def test_a_thai_submission_gets_the_thai_message_naming_its_mistake():
    failure = _failure("th")
    assert failure.mistake.code == "root_mean_square"
    assert str(failure).endswith("[root_mean_square]")
    assert "คือรากที่สองของค่าคลาดเคลื่อนกำลังสองเฉลี่ย (RMSE)" in str(failure)
    assert str(failure).startswith("mse(y_hat, y) ")  # the code's names stay as they are


def test_the_same_mistake_in_an_english_submission_gets_english():
    failure = _failure("en")
    assert failure.mistake.code == "root_mean_square"
    assert str(failure) == CATALOGUE["root_mean_square"].explain("mse(y_hat, y)") + \
        " [root_mean_square]"
    assert not THAI.search(str(failure))


@pytest.mark.parametrize("tag", FORGED, ids=lambda t: repr(t)[:20])
def test_a_forged_or_unknown_language_tag_gets_english(tag):
    nb = nbformat.v4.new_notebook(metadata={"edition": tag})
    assert language.language_of(nb) == "en"
    assert language.known(tag) == "en"
    failure = _failure(language.language_of(nb))
    assert not THAI.search(str(failure)) and failure.mistake.code == "root_mean_square"


def test_the_edition_tag_selects_thai_only_when_it_is_exactly_thai():
    assert language.language_of({"metadata": {"edition": "th"}}) == "th"
    assert language.language_of({"metadata": {"edition": " TH "}}) == "th"
    assert language.language_of({"metadata": {}}) == "en"
    assert language.language_of({}) == "en"


def test_the_class_report_speaks_the_instructors_choice():
    from autograder import report

    run = type("Run", (), {"graded": [], "skipped": [], "flagged": [], "sandbox": "none",
                           "warning": ""})()
    thai = report.class_report(run, [], lang="th")
    assert "<h2>แบบฝึกหัด</h2>" in thai and 'lang="th"' in thai
    assert "รายงานของชั้นเรียน" in thai
    english = report.class_report(run, [], lang="en")
    assert "<h2>Exercises</h2>" in english and not THAI.search(english)
    assert report.class_report(run, [], lang="../th") == english


def test_a_mixed_class_gets_each_students_feedback_in_the_students_language(tmp_path):
    """One gradebook (the English release's), three copies of one submission with a
    catalogued mistake: in the English notebook, in the Thai notebook, and in the Thai
    notebook with a forged edition tag. Same scores and codes; Thai words only for the
    Thai one; the kernel runs nnlib in the same language (its visible check too)."""
    from autograder import grading, samples

    lesson = next(l for l in translation.complete_lessons("th")
                  if l.id == "01_need_for_optimization")
    root = tmp_path / "course"
    build.release_into(root, [lesson.id])
    student = next(s for s in samples.sample_class(lesson_ids=[lesson.id], full=False)
                   if s.mistake)
    editions = {"en": root / "release", "th": translation.edition_root("th") / "release",
                "forged": translation.edition_root("th") / "release"}
    for lang, release in editions.items():
        renamed = dataclasses.replace(student, student=f"{student.student}-{lang}")
        path = samples.write_submission(renamed, root, release_root=release)
        if lang == "forged":
            nb = json.loads(path.read_text(encoding="utf-8"))
            nb["metadata"]["edition"] = "th/../../../etc"
            path.write_text(json.dumps(nb), encoding="utf-8")
    run = grading.autograde(root, workers=1)
    assert run.flagged == []
    results = grading.cell_results(root, run.graded)
    failed = {r.student.rsplit("-", 1)[1]: r for r in results if not r.passed}
    assert set(failed) == {"en", "th", "forged"}
    assert {r.mistake for r in failed.values()} == {student.mistake}
    words = CATALOGUE[student.mistake].message
    thai_words = language.gettext(words, "th")
    assert thai_words != words
    longest = lambda text: max(re.split(r"\{[a-z]+\}", text), key=len).strip()  # noqa: E731
    assert longest(thai_words) in failed["th"].message
    assert longest(words) in failed["en"].message and not THAI.search(failed["en"].message)
    assert longest(words) in failed["forged"].message
    assert not THAI.search(failed["forged"].message)
    feedback = {lang: samples.feedback_path(root, dataclasses.replace(
        student, student=f"{student.student}-{lang}")).read_text(encoding="utf-8")
        for lang in editions}
    assert f"[{student.mistake}]" in feedback["th"]
    assert THAI.search(feedback["th"].split("[" + student.mistake + "]")[0][-400:])


# --- nnlib: the student's side --------------------------------------------------------

@pytest.fixture
def thai(monkeypatch):
    monkeypatch.setenv("NNLIB_LANG", "th")


def test_nnlib_reads_its_language_from_the_environment_then_the_lesson_folder(
        tmp_path, monkeypatch):
    from nnlib import i18n

    monkeypatch.delenv("NNLIB_LANG", raising=False)
    monkeypatch.chdir(tmp_path)
    assert i18n.language() == "en"
    (tmp_path / i18n.SETTING_FILE).write_text("th\n")
    assert i18n.language() == "th"  # a Thai release's lesson folder
    monkeypatch.setenv("NNLIB_LANG", "en")
    assert i18n.language() == "en"  # a deployment's setting wins
    for tag in ("de", "../th", "thai"):
        monkeypatch.setenv("NNLIB_LANG", tag)
        assert i18n.language() == "en"


def test_every_thai_lesson_folder_tells_nnlib_to_speak_thai():
    from nnlib import i18n

    for lesson in translation.complete_lessons("th"):
        for folder in ("source", "release"):
            setting = translation.edition_root("th") / folder / lesson.id / i18n.SETTING_FILE
            assert setting.read_text().strip() == "th"
    assert not list((ROOT / "release").rglob(i18n.SETTING_FILE))  # English: no setting


def _texts(fig):
    from matplotlib.text import Text
    return [t.get_text() for t in fig.findobj(Text) if t.get_text()]


def test_plot_labels_are_thai_without_missing_glyphs(thai):
    from nnlib import graphs, plotting

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        ax = plotting.plot_loss_curve(np.linspace(-1, 1, 9), np.linspace(-1, 1, 9) ** 2)
        plotting.plot_descent_path(np.array([0.5, 0.2]), np.array([0.25, 0.04]), ax)
        ax.legend()
        ax.figure.canvas.draw()
        texts = _texts(ax.figure)
        plt.close(ax.figure)
        # a title written in a lesson's code cell, with a number in it; and $math$
        fig, ax2 = plt.subplots()
        ax2.set_title("Gradient descent with α = 0.020")
        ax2.set_xlabel("weight $w^{(L)}$")
        fig.canvas.draw()
        texts2 = _texts(fig)
        plt.close(fig)
        graphs.draw_nudges(a_out=0.66, y=1.0, w=1.0, bright=0.9, dim=0.2,
                           outputs=(0.66, 0.2, 0.1, 0.8), targets=(1.0, 0.0, 0.0, 0.0))
        plt.gcf().canvas.draw()
        plt.close("all")
    assert "ค่าสูญเสียเป็นฟังก์ชันของค่าน้ำหนักหนึ่งตัว" in texts  # the title
    assert {"ค่าน้ำหนัก w", "ค่าสูญเสีย", "การลดตามเกรเดียนต์"} <= set(texts)  # axes, legend
    assert "การลดตามเกรเดียนต์ด้วย α = 0.020" in texts2 and "ค่าน้ำหนัก $w^{(L)}$" in texts2
    assert [str(w.message) for w in caught if "glyph" in str(w.message).lower()] == []


def test_plot_labels_stay_english_in_the_english_edition(monkeypatch):
    from nnlib import plotting

    monkeypatch.setenv("NNLIB_LANG", "en")
    ax = plotting.plot_loss_curve(np.linspace(-1, 1, 9), np.linspace(-1, 1, 9) ** 2)
    ax.figure.canvas.draw()
    assert "Loss as a function of one weight" in _texts(ax.figure)
    plt.close(ax.figure)


def test_widget_labels_are_thai(thai):
    import ipywidgets as W

    from nnlib import widgets

    controls = {"position": W.IntSlider(description="position"),
                "network": W.Dropdown(options=["a"], description="network")}
    box = widgets.interactive_figure(lambda ax, position, network: ax.plot([0, position]),
                                     controls)
    labels = [w.description for w in box.children[0].children]
    plt.close("all")
    assert labels == ["ตำแหน่ง", "โครงข่าย"]


def test_a_self_check_names_the_mistake_in_thai(thai, capsys):
    from nnlib.selfcheck import check

    def mse(y_hat, y):
        return _wrong_mse(y_hat, y)

    assert check(mse) is False
    said = capsys.readouterr().out
    assert "คือรากที่สองของค่าคลาดเคลื่อนกำลังสองเฉลี่ย (RMSE)" in said
    assert said.rstrip().endswith("[root_mean_square]")

    def mse(y_hat, y):  # noqa: F811 - a correct one
        return float(np.mean((np.asarray(y_hat) - np.asarray(y)) ** 2))

    assert check(mse) is True
    assert "ผ่านกรณีทดสอบคงที่" in capsys.readouterr().out


def test_a_self_check_speaks_english_in_the_english_edition(monkeypatch, capsys):
    from nnlib.selfcheck import check

    monkeypatch.setenv("NNLIB_LANG", "en")

    def mse(y_hat, y):
        return _wrong_mse(y_hat, y)

    check(mse)
    said = capsys.readouterr().out
    assert "(the RMSE)" in said and not THAI.search(said)


def test_the_installed_wheel_speaks_thai(student_image_env):
    """nnlib installed as the student image installs it (not linked to the repository):
    the compiled catalog ships in the package."""
    import subprocess

    env = dict(student_image_env.env, NNLIB_LANG="th")
    done = subprocess.run(
        [student_image_env.python, "-c", "import nnlib, nnlib.i18n as i; "
         "print(nnlib.__file__); print(i._('loss')); print(i.translate_text('class 1'))"],
        cwd=student_image_env.home, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    where, loss, label = done.stdout.splitlines()
    assert where.startswith(str(student_image_env.prefix))
    assert (loss, label) == ("ค่าสูญเสีย", "คลาส 1")


def test_an_uncatalogued_mistake_is_explained_in_thai():
    """No catalogued mistake fits 3 × the slope: the explanation of what holds on every
    case (autograder.explain) is in the submission's language too."""
    from autograder.lessons import lesson01 as l01

    def mse_slope(x, y, w):
        return 3 * l01.reference_mse_slope(x, y, w)

    said = {}
    for lang in ("en", "th"):
        with language.speaking(lang):
            with pytest.raises(StudentMistake) as caught:
                l01.check_mse_slope(mse_slope, rng=np.random.default_rng(2))
        said[lang] = str(caught.value)
    assert "it is 3 times the correct value" in said["en"] and not THAI.search(said["en"])
    assert "ค่าที่ได้เป็น 3 เท่าของค่าที่ถูกต้อง" in said["th"], said["th"]
    assert "เมื่อมี m = " in said["th"]  # the case, in Thai too
