"""The class report: one self-contained HTML page an instructor reads after grading.

It shows, per exercise (test cell), the distribution of scores and the most common
named mistakes from the catalogue, then every flagged submission with its reasons, and
links the grades CSV (nbgrader export's columns). No scripts, no external files; every
string that came from a submission is escaped.
"""
import html
from collections import Counter, defaultdict
from pathlib import Path

from .mistakes import CATALOGUE

STYLE = """
body { font: 15px/1.45 system-ui, sans-serif; margin: 2rem auto; max-width: 70rem;
       color: #1d1d1f; padding: 0 1rem; }
h1 { font-size: 1.6rem; } h2 { margin-top: 2.2rem; border-bottom: 1px solid #ddd; }
table { border-collapse: collapse; margin: .6rem 0 1.2rem; }
th, td { text-align: left; padding: .3rem .7rem; border-bottom: 1px solid #eee;
         vertical-align: top; }
th { background: #f5f5f7; }
.bar { display: inline-block; height: .9rem; background: #3a6ea5; vertical-align: middle; }
.zero { background: #b33; } .part { background: #d89b2b; }
.warn { background: #fff4e5; border-left: 4px solid #d89b2b; padding: .6rem 1rem; }
code { background: #f5f5f7; padding: 0 .25rem; }
"""


def _e(text):
    return html.escape(str(text), quote=True)


def exercise_rows(results):
    """(lesson_id, cell) -> list of CellResult, in notebook order."""
    rows = defaultdict(list)
    for r in results:
        rows[(r.lesson_id, r.cell)].append(r)
    return dict(sorted(rows.items(), key=lambda item: item[0][0]))


def _distribution(cell_results):
    counts = Counter(r.score for r in cell_results)
    total = len(cell_results)
    top = max(counts.values())
    out = ["<table><tr><th>score</th><th>students</th><th></th></tr>"]
    for score in sorted(counts, reverse=True):
        r = cell_results[0]
        kind = "" if score >= r.max_score else "zero" if score == 0 else "part"
        width = 16 * counts[score] / top
        out.append(f"<tr><td>{score:g}/{r.max_score:g}</td><td>{counts[score]} "
                   f"({100 * counts[score] / total:.0f} %)</td><td><span class='bar {kind}' "
                   f"style='width:{width:.1f}rem' aria-hidden='true'></span></td></tr>")
    return "".join(out) + "</table>"


def _mistakes(cell_results, top=5):
    named = Counter(r.mistake for r in cell_results if not r.passed and r.mistake)
    unnamed = sum(1 for r in cell_results if not r.passed and not r.mistake)
    if not named and not unnamed:
        return "<p>Nobody lost points here.</p>"
    out = ["<table><tr><th>mistake</th><th>students</th><th>what it means</th></tr>"]
    for code, count in named.most_common(top):
        entry = CATALOGUE.get(code)
        meaning = entry.message.format(name="the answer", m="m") if entry else ""
        out.append(f"<tr><td><code>{_e(code)}</code></td><td>{count}</td>"
                   f"<td>{_e(meaning)}</td></tr>")
    if unnamed:
        out.append(f"<tr><td>other (not catalogued, blank or not run)</td><td>{unnamed}"
                   "</td><td></td></tr>")
    return "".join(out) + "</table>"


def class_report(run, results, grades_csv="grades.csv", title="Class report"):
    """The report as an HTML string."""
    students = {(r.lesson_id, r.student) for r in results}
    parts = [f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
             f"<title>{_e(title)}</title><style>{STYLE}</style></head><body>",
             f"<h1>{_e(title)}</h1>",
             f"<p>{len(students)} submissions: {len(run.graded)} graded in this run, "
             f"{len(run.skipped)} unchanged since an earlier run, "
             f"{len({(l, s) for l, s, _ in run.flagged})} flagged. Sandbox: "
             f"<code>{_e(run.sandbox)}</code>. Grades: <a href='{_e(grades_csv)}'>"
             f"{_e(grades_csv)}</a> (the columns of <code>nbgrader export</code>).</p>"]
    if run.warning:
        parts.append(f"<p class='warn'>{_e(run.warning)}</p>")
    parts.append("<h2>Flagged submissions</h2>")
    if run.flagged:
        reasons = defaultdict(list)
        for lesson_id, student, reason in run.flagged:
            reasons[(student, lesson_id)].append(reason)
        parts.append("<table><tr><th>student</th><th>lesson</th><th>why</th></tr>")
        for (student, lesson_id), why in sorted(reasons.items()):
            items = "".join(f"<li>{_e(r)}</li>" for r in dict.fromkeys(why))
            parts.append(f"<tr><td>{_e(student)}</td><td>{_e(lesson_id)}</td>"
                         f"<td><ul>{items}</ul></td></tr>")
        parts.append("</table>")
    else:
        parts.append("<p>None.</p>")
    parts.append("<h2>Exercises</h2>")
    for (lesson_id, cell), cell_results in exercise_rows(results).items():
        mean = sum(r.score for r in cell_results) / len(cell_results)
        parts.append(f"<h3>{_e(lesson_id)} · <code>{_e(cell)}</code></h3>"
                     f"<p>mean {mean:.2f} of {cell_results[0].max_score:g} points, "
                     f"{len(cell_results)} students</p>")
        parts.append(_distribution(cell_results))
        parts.append(_mistakes(cell_results))
    parts.append("</body></html>")
    return "\n".join(parts)


def write_report(path, run, results, grades_csv="grades.csv", title="Class report"):
    path = Path(path)
    path.write_text(class_report(run, results, grades_csv, title))
    return path
