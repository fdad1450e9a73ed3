"""Explain a wrong answer that no catalogued mistake matches, in the lesson's own terms.

A check that is ``explained`` (see ``compare.explained``) does not stop at the first
wrong value without a name: ``compare.check_array`` records every comparison of the
check (right or wrong) in a ``Session`` and the check runs on. When it ends, the first
wrong value's usual message is given, followed by what holds on *every* case drawn:

- a constant factor on the whole answer, or on one additive ``Term`` of it, named with
  the case's ``Fact``s when it is one of them (½, 1/K, m/(m − 1), 1/(1 − β) ...);
- where the error enters: which answers (layers, parameters) are right and which are
  wrong, and for which values of a fact (λ = 0, stride = 1 ...) an answer is right;
- a transform at one place of the pipeline, from the ``what_ifs`` a check declares;
- patterns of an array answer: an offset, a shift, one factor per row or column, sums
  broadcast over an axis, the entries that are right;
- structural facts, from ``Probe``s that re-call the student's function on changed
  inputs: "changes when the signs of some weights flip; the right value does not".

Everything here works on plain float64 arrays the grader already holds (the student's
answers, copied by ``compare``, and references). Nothing is sent to the kernel. The
explanations name factors and places, never a reference value beyond the one entry the
usual message already shows.
"""
import contextvars
import itertools
import math
from dataclasses import dataclass, field

import numpy as np

from .language import N_, tr

RTOL, ATOL = 1e-6, 1e-9


@dataclass(frozen=True)
class Fact:
    """A number of the case, with a symbol and words: Fact("K", 3, "the number of classes")."""

    symbol: str
    value: float
    words: str = ""


@dataclass(frozen=True)
class Term:
    """One additive part of a reference answer, e.g. the regularization term (λ/m)·W."""

    words: str
    value: np.ndarray
    hint: str = ""


@dataclass(frozen=True)
class Probe:
    """Ways to re-call the student's function on changed inputs.

    answer(args) -> (the student's value, the reference value) as floats, or raises;
    changes: (words, function of args -> changed args), e.g. ("the signs of some weights
    flip", flip); examples: for an answer that is a mean over examples, a function of
    args -> one args per example (then the answer must be the mean of those answers).
    """

    answer: object
    args: tuple
    changes: tuple = ()
    examples: object = None


@dataclass
class Record:
    """One comparison made by a check: the student's value and the reference's."""

    label: str
    actual: np.ndarray
    expected: np.ndarray
    ok: bool
    message: str = ""
    facts: tuple = ()
    terms: tuple = ()
    what_ifs: tuple = ()
    axes: tuple = ()
    layer: int | None = None
    probe: Probe | None = None
    group: str = ""     # records of one answer across cases (defaults to the label)
    bounds: tuple = ()  # (low, high, words): where every right answer lies

    def __post_init__(self):
        self.group = self.group or self.label


@dataclass
class Session:
    """Every comparison of one check, in order."""

    records: list = field(default_factory=list)

    def add(self, record):
        self.records.append(record)

    @property
    def failures(self):
        return [r for r in self.records if not r.ok]


_SESSION = contextvars.ContextVar("explain_session", default=None)


def current():
    """The session of the check that is running, or None outside an explained check."""
    return _SESSION.get()


def start():
    """Open a session for one check; returns a token for ``stop``."""
    return _SESSION.set(Session())


def stop(token):
    """Close the session opened with ``start``."""
    _SESSION.reset(token)


# --- closeness and factors ----------------------------------------------------------------
def close(actual, expected, rtol=RTOL, atol=ATOL):
    """Entry by entry, as ``compare.values_close`` (a scale-aware absolute tolerance)."""
    actual, expected = np.asarray(actual, float), np.asarray(expected, float)
    if actual.shape != expected.shape:
        return False
    if actual.size == 0:
        return True
    scale = max(1.0, float(np.max(np.abs(expected))))
    with np.errstate(all="ignore"):
        return bool(np.all(np.abs(actual - expected) <= atol * scale + rtol * np.abs(expected)))


def fitted_factor(actual, base):
    """c with actual ≈ c·base entry by entry, or None."""
    base = np.asarray(base, float)
    norm = float(np.sum(base * base))
    if norm == 0.0 or not np.all(np.isfinite(base)):
        return None
    c = float(np.sum(actual * base)) / norm
    return c if close(actual, c * base) else None


_CONSTANTS = [(0.0, "0"), (-1.0, "−1"), (2.0, "2"), (0.5, "½"), (4.0, "4"), (0.25, "¼"),
              (3.0, "3"), (1 / 3, "⅓"), (math.sqrt(2), "√2"), (1 / math.sqrt(2), "1/√2"),
              (-2.0, "−2"), (-0.5, "−½")]


def _fact_forms(symbol):
    """(function of one fact's value, text) for the simple expressions of one fact."""
    s = symbol
    return [(lambda v: v, s), (lambda v: 1 / v, f"1/{s}"), (lambda v: 2 * v, f"2{s}"),
            (lambda v: v / 2, f"{s}/2"), (lambda v: 1 / (2 * v), f"1/(2{s})"),
            (lambda v: v / (v - 1), f"{s}/({s} − 1)"), (lambda v: (v - 1) / v, f"({s} − 1)/{s}"),
            (lambda v: 1 - v, f"1 − {s}"), (lambda v: 1 / (1 - v), f"1/(1 − {s})"),
            (lambda v: math.sqrt(v), f"√{s}"), (lambda v: 1 / math.sqrt(v), f"1/√{s}")]


def _pair_forms(a, b):
    return [(lambda u, v: u * v, f"{a}·{b}"), (lambda u, v: u / v, f"{a}/{b}"),
            (lambda u, v: 1 / (u * v), f"1/({a}·{b})"), (lambda u, v: 1 - u * v, f"1 − {a}·{b}"),
            (lambda u, v: u / (1 - v), f"{a}/(1 − {b})")]


def _same(x, y):
    return abs(x - y) <= 1e-7 * max(abs(x), abs(y)) + 1e-12


def _evaluate(form, values):
    try:
        with np.errstate(all="ignore"):
            out = form(*values)
    except (ZeroDivisionError, ValueError, OverflowError):
        return None
    return out if isinstance(out, float) and math.isfinite(out) else None


def name_factor(factors, facts_per_case):
    """A name for the factors c_i found on the cases i, true on every case: (text, facts
    it uses, value_on(facts) -> the factor's value for other facts, or None). A constant
    first, then one fact, then two; None when nothing fits."""
    for value, text in _CONSTANTS:
        if all(_same(c, value) for c in factors):
            return text, (), (lambda facts, v=value: v)
    symbols = [f.symbol for f in facts_per_case[0]]
    by_symbol = [{f.symbol: f for f in facts} for facts in facts_per_case]
    usable = [s for s in symbols if all(s in d for d in by_symbol)]

    def on(symbols_used, form):
        def value_on(facts):
            d = {f.symbol: f for f in facts}
            if not all(x in d for x in symbols_used):
                return None
            return _evaluate(form, [float(d[x].value) for x in symbols_used])
        return value_on

    for s in usable:
        for form, text in _fact_forms(s):
            values = [_evaluate(form, [float(d[s].value)]) for d in by_symbol]
            if all(v is not None and _same(c, v) for c, v in zip(factors, values)):
                return text, (by_symbol[0][s],), on((s,), form)
    for a, b in itertools.permutations(usable, 2):
        for form, text in _pair_forms(a, b):
            values = [_evaluate(form, [float(d[a].value), float(d[b].value)]) for d in by_symbol]
            if all(v is not None and _same(c, v) for c, v in zip(factors, values)):
                return text, (by_symbol[0][a], by_symbol[0][b]), on((a, b), form)
    return None


def _where_symbols(facts):
    parts = [f"{f.symbol} = {_number(f.value)}" + (tr(" is {words}").format(words=tr(f.words))
                                                    if f.words else "")
             for f in facts]
    return tr(" (here {facts})").format(facts=", ".join(parts)) if parts else ""


def _number(x):
    x = float(x)
    return str(int(x)) if x == int(x) and abs(x) < 1e9 else f"{x:.4g}"


def _times(text):
    if text == "0":
        return tr("zero times")
    if text == "−1":
        return tr("minus")
    return tr("{factor} times").format(factor=text)


# --- the rules ----------------------------------------------------------------------------
def _whole_factor(records):
    factors = [fitted_factor(r.actual, r.expected) for r in records]
    if any(c is None for c in factors) or all(_same(c, 1.0) for c in factors):
        return None
    named = name_factor(factors, [r.facts for r in records])
    label = records[0].group
    if named is not None:
        text, facts, _ = named
        return tr("Wherever your {label} is wrong, it is {times} the correct value{where}: "
                  "the form is right, a factor is wrong.").format(
            label=label, times=_times(text), where=_where_symbols(facts))
    if len(records) > 1 and all(_same(c, factors[0]) for c in factors):
        return tr("Wherever your {label} is wrong, it is {factor} times the correct value: "
                  "the form is right, a constant factor is wrong.").format(
            label=label, factor=f"{factors[0]:.3g}")
    return None


def _term_factor(records, ok_records):
    """A factor on one Term of the answer, the other terms right, on every case."""
    for word in [t.words for t in records[0].terms]:
        factors = []
        for r in records:
            terms = {t.words: t for t in r.terms}
            if word not in terms:
                break
            term = np.asarray(terms[word].value, float)
            rest = r.expected - term
            c = fitted_factor(r.actual - rest, term)
            if c is None or _same(c, 1.0):
                break
            factors.append(c)
        else:
            term = next(t for t in records[0].terms if t.words == word)
            named = name_factor(factors, [r.facts for r in records])
            label = records[0].group
            hint = f" {tr(term.hint)}" if term.hint else ""
            if named is None:
                if len(records) < 2 or not all(_same(c, factors[0]) for c in factors):
                    continue
                named = f"{factors[0]:.3g}", (), (lambda facts, v=factors[0]: v)
            text, facts, value_on = named
            if not _ok_records_agree(ok_records, word, value_on):
                continue
            if text == "0":
                return tr("In {label}, {term} is missing; the rest is right.").format(
                    label=label, term=tr(word)) + hint
            if text == "−1":
                return tr("In {label}, {term} has the wrong sign; the rest is right.").format(
                    label=label, term=tr(word)) + hint
            return tr("In {label}, {term} is {times} the right one{where}, and the rest is "
                      "right.").format(label=label, term=tr(word), times=_times(text),
                                       where=_where_symbols(facts)) + hint
    return None


def _term_sign_only(records):
    """One term has the right sign in every entry, but not the right size."""
    for word in [t.words for t in records[0].terms]:
        good = True
        for r in records:
            term = next((t for t in r.terms if t.words == word), None)
            if term is None or np.size(term.value) < 2:
                good = False
                break
            value = np.asarray(term.value, float)
            yours = r.actual - (r.expected - value)
            if not (np.any(value != 0) and np.all(np.sign(yours) == np.sign(value))):
                good = False
                break
        if good:
            return tr("In {label}, {term} has the right sign in every entry but not the right "
                      "size; the rest is right.").format(label=records[0].group, term=tr(word))
    return None


def _ok_records_agree(ok_records, word, value_on):
    """Where the answer was right, the term must be zero or the factor 1 there."""
    for r in ok_records:
        for t in r.terms:
            if t.words == word and not close(np.zeros_like(t.value), t.value):
                factor = value_on(r.facts)
                if factor is None or not _same(factor, 1.0):
                    return False
    return True


def _what_if(session):
    """A declared transform at one place that reproduces every answer of the check."""
    words = []
    for r in session.records:
        for w, _ in r.what_ifs:
            if w not in words:
                words.append(w)
    for w in words:
        having = [(r, dict(r.what_ifs)[w]) for r in session.records if w in dict(r.what_ifs)]
        covered = all(w in dict(r.what_ifs) for r in session.failures)
        if covered and all(close(r.actual, value) for r, value in having):
            return tr("Every answer is what you get when {change}.").format(change=tr(w))
    return None


def _axis_name(records, axis):
    axes = records[0].axes
    if axis < len(axes):
        return axes[axis]
    if records[0].expected.ndim == 1:
        return N_("entry")
    return N_("row") if axis == 0 else N_("column")


def _plural(name):
    """English plural of an axis name; other languages have their own entry for it."""
    if tr(name) != name:
        return tr(name)
    if name.endswith("y"):
        return name[:-1] + "ies"
    return name + "es" if name.endswith("s") else name + "s"


def _offset(records):
    diffs = []
    for r in records:
        d = r.actual - r.expected
        if d.size == 0 or not close(d, np.full_like(d, d.ravel()[0])):
            return None
        diffs.append(float(d.ravel()[0]))
    if not all(_same(d, diffs[0]) for d in diffs) or max(r.actual.size for r in records) < 2:
        return None
    d = diffs[0]
    amount = _number(abs(d)) if _same(d, round(d)) else f"{abs(d):.3g}"
    sentence = tr("Every entry of {label} is {amount} more than the right one, on every "
                  "case.") if d > 0 else tr("Every entry of {label} is {amount} less than the "
                                            "right one, on every case.")
    return sentence.format(label=records[0].group, amount=amount)


def _shift(records):
    for direction in (1, -1):
        good = True
        for r in records:
            a, e = r.actual.ravel(), r.expected.ravel()
            if r.actual.ndim != 1 or a.size < 3:
                good = False
                break
            if direction == 1 and not (close(a[0], e[0]) and close(a[1:], e[:-1])):
                good = False
            if direction == -1 and not close(a[:-1], e[1:]):
                good = False
        if good:
            name = _axis_name(records, 0)
            sentence = tr("You return the right {label} moved one place later: each {axis} "
                          "holds the value of the {axis} before it.") if direction == 1 else \
                tr("You return the right {label} moved one place earlier: each {axis} holds "
                   "the value of the {axis} after it.")
            return sentence.format(label=records[0].group, axis=tr(name))
    return None


def _per_axis_factor(records):
    for axis in (1, 0):
        good = True
        for r in records:
            if r.actual.ndim != 2 or min(r.actual.shape) < 2:
                good = False
                break
            slices = np.moveaxis(r.actual, axis, 0), np.moveaxis(r.expected, axis, 0)
            factors = [fitted_factor(a, e) for a, e in zip(*slices)]
            if any(c is None for c in factors) or all(_same(c, factors[0]) for c in factors):
                good = False
                break
        if good:
            name = _axis_name(records, axis)
            return tr("Each {axis} of {label} is the right one times its own number: the form "
                      "is right, but every {axis} is scaled differently (look at what you "
                      "divide each {axis} by).").format(axis=tr(name), label=records[0].group)
    return None


def _axis_sums(records):
    # rtol 1e-4: answers made of finite differences agree with sums only up to O(ε²)
    for axis in range(records[0].expected.ndim):
        if all(r.actual.ndim == r.expected.ndim and r.actual.ndim >= 2 and close(
                r.actual, np.broadcast_to(r.expected.sum(axis=axis, keepdims=True),
                                          r.expected.shape), rtol=1e-4) for r in records):
            other = _axis_name(records, 1 - axis) if records[0].actual.ndim == 2 else \
                N_("slice")
            return tr("Each {axis} of {label} holds the sum of that {axis} of the right answer "
                      "in every entry: the entries of a {axis} were changed together, not one "
                      "at a time.").format(axis=tr(other), label=records[0].group)
    return None


def _entries_right(records):
    """Which part of an array is right: the first or last entries, rows or columns."""
    for axis in range(max(r.actual.ndim for r in records)):
        patterns = []
        for r in records:
            if r.actual.ndim <= axis or r.actual.shape[axis] < 2:
                patterns = None
                break
            a, e = np.moveaxis(r.actual, axis, 0), np.moveaxis(r.expected, axis, 0)
            right = [close(x, y) for x, y in zip(a, e)]
            if all(right) or not any(right):
                patterns = None
                break
            patterns.append(right)
        if not patterns:
            continue
        name = _axis_name(records, axis)
        words = dict(label=records[0].group, axis=tr(name))
        if all(p[-1] and not any(p[:-1]) for p in patterns):
            return tr("In {label}, only the last {axis} is right, on every case.").format(**words)
        if all(p[0] and not any(p[1:]) for p in patterns):
            return tr("In {label}, only the first {axis} is right, on every case.").format(**words)
        if all(not p[-1] and all(p[:-1]) for p in patterns):
            return tr("In {label}, only the last {axis} is wrong, on every case.").format(**words)
        if all(not p[0] and all(p[1:]) for p in patterns):
            return tr("In {label}, only the first {axis} is wrong, on every case.").format(**words)
        firsts = [p.index(False) for p in patterns]
        if all(p[:k] == [True] * k and not any(p[k:]) for p, k in zip(patterns, firsts)):
            return tr("In {label}, the first {axes} are right and every {axis} after them is "
                      "wrong: the error starts part of the way along.").format(
                axes=_plural(name), **words)
    return None


def _sign_only(records):
    mixed = any(np.any(r.expected > 0) and np.any(r.expected < 0) for r in records)
    if mixed and all(r.actual.size > 1 and np.all(np.sign(r.actual) == np.sign(r.expected))
                     for r in records):
        return tr("Every entry of {label} has the right sign but not the right size: the "
                  "direction is right, how far is not.").format(label=records[0].group)
    return None


def _bounds(records):
    """The student's values leave the range every right answer lies in (first case)."""
    r = records[0]
    if not r.bounds:
        return None
    low, high, words = r.bounds
    if np.any(r.actual < low - 1e-12) or np.any(r.actual > high + 1e-12):
        return tr("Here some of your values are outside [{low}, {high}], and {reason}.").format(
            low=_number(low), high=_number(high), reason=tr(words))
    return None


def _when(records_of_label):
    """A fact that is 0 or 1 on every case where the answer is right and never on the
    others: the answer is right only where a term vanishes or a sum has one element."""
    ok = [r for r in records_of_label if r.ok]
    bad = [r for r in records_of_label if not r.ok]
    if not ok or not bad:
        return None
    def values(records, symbol):
        out = []
        for r in records:
            for f in r.facts:
                if f.symbol == symbol and _number(f.value) not in out:
                    out.append(_number(f.value))
        return out

    for fact in bad[0].facts:
        good_values, bad_values = values(ok, fact.symbol), values(bad, fact.symbol)
        if good_values and bad_values and set(good_values) <= {"0", "1"} \
                and not set(good_values) & set(bad_values):
            either = tr(" or ")
            return tr("On the cases with {symbol} = {right_values} your {label} is right, and "
                      "with {symbol} = {wrong_values} it is wrong.").format(
                symbol=fact.symbol, right_values=either.join(good_values), label=bad[0].group,
                wrong_values=either.join(bad_values))
    return None


_PATTERNS = (_bounds, _offset, _shift, _per_axis_factor, _axis_sums, _entries_right,
             _sign_only)


def _where(session):
    """Which answers of the check are right and which are wrong."""
    order, wrong = [], set()
    for r in session.records:
        if r.group not in order:
            order.append(r.group)
        if not r.ok:
            wrong.add(r.group)
    right = [label for label in order if label not in wrong]
    if not right or not wrong:
        return None
    # layer: the distance from the output layer (0 for the output layer itself)
    layers = {r.group: r.layer for r in session.records if r.layer is not None}
    if set(layers) == set(order):
        wrong_layers = {layers[label] for label in wrong}
        right_layers = {layers[label] for label in right}
        if min(wrong_layers) > max(right_layers):
            k = max(right_layers)
            top = tr("the output layer") if k == 0 else \
                tr("the last {count} layers").format(count=k + 1)
            return tr("The gradients of {layers} are right, and every gradient below is wrong: "
                      "look at how δ passes back to the layer below (through its W and "
                      "g′).").format(layers=top)
    bad = [label for label in order if label in wrong]
    return tr("Right: {right}. Wrong: {wrong}.").format(right=_join(right), wrong=_join(bad))


def _join(items):
    items = list(items)
    if len(items) > 4:
        return tr("{first}, {second} and the {count} others like them").format(
            first=items[0], second=items[1], count=len(items) - 2)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + tr(" and ") + items[-1]


def _probe(record):
    probe = record.probe
    try:
        s0, r0 = probe.answer(probe.args)
    except Exception:  # noqa: BLE001 - a probe that fails explains nothing
        return None
    return _changed_inputs(record, s0, r0) or _mean_of_examples(record, s0, r0)


def _mean_of_examples(record, s0, r0):
    """A mean over examples equals the mean of the answers for each example alone."""
    probe = record.probe
    if probe.examples is None:
        return None
    try:
        answers = [probe.answer(args) for args in probe.examples(probe.args)]
    except Exception:  # noqa: BLE001
        return None
    if len(answers) < 2:
        return None
    if not all(math.isfinite(x) for pair in answers for x in pair):
        return None
    mine = sum(a for a, _ in answers) / len(answers)
    right = sum(r for _, r in answers) / len(answers)
    if _same(right, r0) and not _same(mine, s0):
        return tr("Your {label} for all the examples together is not the mean of your answers "
                  "for each example alone; the right one is, because it is a mean of one term "
                  "per example.").format(label=record.group)
    return None


def _changed_inputs(record, s0, r0):
    probe = record.probe
    for words, change in probe.changes:
        try:
            s1, r1 = probe.answer(change(probe.args))
        except Exception:  # noqa: BLE001
            continue
        if not all(isinstance(x, float) and math.isfinite(x) for x in (s0, s1, r0, r1)):
            continue
        said = dict(change=tr(words), label=record.group)
        if _same(r1, r0) and not _same(s1, s0):
            return tr("When {change}, your {label} changes; the right value does "
                      "not.").format(**said)
        if not _same(r1, r0) and _same(s1, s0):
            return tr("When {change}, your {label} stays the same; the right value "
                      "changes.").format(**said)
        if r1 != 0 and not _same(s1, r1):
            named = name_factor([s1 / r1], [()])
            if named is not None:
                return tr("When {change}, your {label} is {times} the right value.").format(
                    times=_times(named[0]), **said)
        if r0 != 0 and s0 != 0 and not _same(r1 / r0, s1 / s0):
            k, j = r1 / r0, s1 / s0
            if _same(k, round(k)) and _same(j, round(j)):
                return tr("When {change}, the right value is multiplied by {right}, and yours "
                          "by {yours}.").format(right=_number(k), yours=_number(j), **said)
    return None


def explanation(session):
    """(sentences, named): what holds on every case about the session's wrong answers,
    and whether they say *what* is wrong (a factor, a term, a transform, a pattern or a
    structural fact), not only where. ("", False) when nothing holds."""
    failures = session.failures
    if not failures:
        return "", False
    what = _what_if(session)
    when = None
    groups = []
    for r in failures:
        if r.group not in groups:
            groups.append(r.group)
    for group in groups:
        when = when or _when([r for r in session.records if r.group == group])
    for rules in (_FACTOR_RULES, _PATTERN_RULES):
        for group in groups:
            if what is not None:
                break
            records = [r for r in failures if r.group == group]
            ok_records = [r for r in session.records if r.group == group and r.ok]
            what = _value_rule(rules, records, ok_records)
    if what is None:
        probe = next((r for r in failures if r.probe is not None), None)
        what = _probe(probe) if probe is not None else None
    sentences = [s for s in (_where(session), what, when) if s]
    return " ".join(sentences), what is not None


def _value_rule(rules, records, ok_records):
    """The first of ``rules`` about the values of one answer that holds on every case."""
    for rule in rules:
        found = rule(records, ok_records)
        if found:
            return found
    return None


_FACTOR_RULES = (
    lambda records, ok: _term_factor(records, ok) if records[0].terms else None,
    lambda records, ok: _whole_factor(records),
)
_PATTERN_RULES = (
    lambda records, ok: _term_sign_only(records) if records[0].terms else None,
    *(lambda records, ok, rule=rule: rule(records) if all(
        r.actual.shape == r.expected.shape for r in records) else None for rule in _PATTERNS),
)


def rough_factor(ratio, tolerance=0.05):
    """The constant a measured ratio (e.g. of two standard deviations) is close to, in
    words, or None: for statistical checks, where values are never exact."""
    for value, text in _CONSTANTS:
        if value > 0 and value != 1 and abs(ratio / value - 1) <= tolerance:
            return text
    return None


def shape_hint(actual_shape, expected_shape):
    """A sentence about how a wrong shape came about, or ""."""
    a, e = tuple(actual_shape), tuple(expected_shape)
    if len(a) == 2 and a == e[::-1] and a != e:
        return tr(" Your shape is the transpose of the right one: check the order of the "
                  "factors.")
    if len(e) == 2 and 1 in e and len(a) == 2 and a[0] == a[1] == max(e):
        return tr(" A 1-D array of {count} numbers met a {shape} array and NumPy broadcast "
                  "them into a matrix: keep the shape {shape} all along.").format(
            count=max(e), shape=e)
    return ""


__all__ = ["Fact", "Term", "Probe", "Record", "Session", "current", "start", "stop",
           "explanation", "shape_hint", "rough_factor", "name_factor", "fitted_factor",
           "close"]
