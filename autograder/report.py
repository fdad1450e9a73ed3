"""The class report: one self-contained HTML page an instructor reads after grading.

It shows, per exercise (test cell), the distribution of scores and the most common
named mistakes, each explained in words, then every flagged submission with its
reasons, and links the grades CSV (nbgrader export's columns). No scripts, no external
files. The page is the Jinja2 template ``templates/class_report.html.j2``, rendered
with autoescaping: every string that came from a submission is escaped.
"""
import functools
import importlib
import pkgutil
from collections import Counter, defaultdict
from pathlib import Path

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from . import language
from .mistakes import CATALOGUE
from .timings import summary

TOP_MISTAKES = 5  # per exercise
# words the report shows, for the catalog (translated where they are shown)
WORDS = (language.N_("the answer"), language.N_("(not in the mistake catalogue)"),
         language.N_("Class report"), language.N_("Sample class: class report"))
# the parts of the time table (autograder.timings.PARTS), for the catalog
PART_WORDS = (language.N_("job start"), language.N_("preparation"), language.N_("kernel start"),
              language.N_("imports"), language.N_("teaching cells"),
              language.N_("student cells"), language.N_("test cells"),
              language.N_("nbgrader steps"), language.N_("feedback"), language.N_("recording"))


@functools.lru_cache(maxsize=None)
def mistake_meanings(lang="en"):
    """code -> what the mistake means, in words, for every code a verdict can carry.

    The catalogue fills up as modules define their mistakes: the generic ones
    (``mistakes``), each lesson's checks, library shortcuts and edited test cells. The
    grading workers import the lessons; the coordinator, which writes the report, may
    not have, so they are imported here.
    """
    from . import lessons, shortcuts, structure  # noqa: F401 - they register their codes

    for info in pkgutil.iter_modules(lessons.__path__):
        importlib.import_module(f"{lessons.__name__}.{info.name}")
    return {code: mistake.explain(name=language.gettext("the answer", lang), m="m", lang=lang)
            for code, mistake in CATALOGUE.items()}


def exercise_rows(results):
    """(lesson_id, cell) -> list of CellResult, in notebook order."""
    rows = defaultdict(list)
    for r in results:
        rows[(r.lesson_id, r.cell)].append(r)
    return dict(sorted(rows.items(), key=lambda item: item[0][0]))


def _distribution(cell_results):
    counts = Counter(r.score for r in cell_results)
    top, max_score = max(counts.values()), cell_results[0].max_score
    return [{"score": score, "count": counts[score],
             "percent": 100 * counts[score] / len(cell_results),
             "width": 16 * counts[score] / top,
             "kind": "" if score >= max_score else "zero" if score == 0 else "part"}
            for score in sorted(counts, reverse=True)]


def _exercise(lesson_id, cell, cell_results, meanings, lang="en"):
    named = Counter(r.mistake for r in cell_results if not r.passed and r.mistake)
    return {
        "lesson_id": lesson_id, "cell": cell, "students": len(cell_results),
        "mean": sum(r.score for r in cell_results) / len(cell_results),
        "max_score": cell_results[0].max_score,
        "distribution": _distribution(cell_results),
        "mistakes": [{"code": code, "count": count,
                      "meaning": meanings.get(code, language.gettext("(not in the mistake catalogue)",
                                                                   lang))}
                     for code, count in named.most_common(TOP_MISTAKES)],
        "unnamed": sum(1 for r in cell_results if not r.passed and not r.mistake),
    }


def _flagged(run):
    reasons = defaultdict(list)
    for lesson_id, student, reason in run.flagged:
        reasons[(student, lesson_id)].append(reason)
    return [{"student": student, "lesson_id": lesson_id, "reasons": list(dict.fromkeys(why))}
            for (student, lesson_id), why in sorted(reasons.items())]


@functools.lru_cache(maxsize=None)
def _template():
    environment = Environment(loader=PackageLoader("autograder", "templates"),
                              autoescape=select_autoescape(["html", "j2"]),
                              undefined=StrictUndefined, trim_blocks=True,
                              lstrip_blocks=True)
    environment.filters["points"] = lambda value: f"{value:g}"
    return environment.get_template("class_report.html.j2")


def _timings(run):
    """Rows of the time table: each part's median, mean and sum over this run."""
    per_submission = getattr(run, "timings", [])
    return [{"part": part, "median": median, "mean": mean,
             "total": mean * len(per_submission)}
            for part, (median, mean) in summary(per_submission).items()]


def class_report(run, results, grades_csv="grades.csv", title="Class report", lang="en"):
    """The report as an HTML string, its headings and mistake meanings in ``lang`` (the
    instructor's choice; the students' own feedback follows each one's edition)."""
    lang = language.known(lang)
    meanings = mistake_meanings(lang)
    return _template().render(
        title=language.gettext(title, lang), run=run, grades_csv=grades_csv,
        flagged=_flagged(run), lang=lang, _=lambda text: language.gettext(text, lang),
        timings=_timings(run),
        submissions=len({(r.lesson_id, r.student) for r in results}),
        exercises=[_exercise(lesson_id, cell, rows, meanings, lang)
                   for (lesson_id, cell), rows in exercise_rows(results).items()])


def write_report(path, run, results, grades_csv="grades.csv", title="Class report",
                 lang="en"):
    path = Path(path)
    path.write_text(class_report(run, results, grades_csv, title, lang), encoding="utf-8")
    return path
