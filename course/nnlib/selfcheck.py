"""Self-checks for learners working without an instructor.

    from nnlib.selfcheck import check
    check(backprop)

runs the graded function on the public fixtures of its lesson (``nnlib/fixtures/``):
fixed inputs, the outputs they must give, and the outputs each catalogued mistake
gives. When an answer is wrong, the mistake whose output it matches is named with the
catalogue's words. Fixtures hold numbers only, no reference code; the hidden tests
that grade the course draw fresh random cases instead. Random functions (init_*,
random_minibatches, train) are checked on what can be observed of them: shapes,
statistics and the generator's part (``nnlib.selfcheck_probes``).
"""
import json
import warnings
from importlib import resources

import numpy as np

from .fixture_values import decode, difference
from .i18n import _, language
from .selfcheck_probes import PROBES, ProbeError


def fixtures():
    """Function name -> its fixture (a dict with "cases"), for every lesson."""
    found = {}
    folder = resources.files("nnlib") / "fixtures"
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".json"):
            found.update(json.loads(entry.read_text(encoding="utf-8"))["functions"])
    return found


def _args_maker(case):
    """make_args(seed_offset=0) -> fresh arguments; generators get seed + seed_offset."""
    def make_args(seed_offset=0):
        raw = [{"__rng__": a["__rng__"] + seed_offset} if isinstance(a, dict) and "__rng__" in a
               else a for a in case["args"]]
        return [decode(a) for a in raw]
    return make_args


def _cache_args(function, case, name):
    """conv2d_backward(dout, cache): the cache comes from the learner's own forward."""
    setup = case["setup"]
    forward = getattr(function, "__globals__", {}).get(setup["function"])
    if forward is None:
        raise ProbeError(_("{name} is checked with the cache your {forward} returns: "
                           "define {forward} first").format(name=name, forward=setup["function"]))
    result = forward(*decode(setup["args"]), **decode(setup.get("kwargs", {})))
    if not isinstance(result, (tuple, list)) or len(result) != 2:
        raise ProbeError(_("{forward} must return a pair (out, cache)").format(
            forward=setup["function"]))
    return [decode(case["args"][0]), result[1]]


def observe(function, case, name):
    """What ``function`` gives on a fixture case, in the form of the case's expected."""
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        if "probe" in case:
            return PROBES[case["probe"]](function, _args_maker(case), name)
        args = _cache_args(function, case, name) if "setup" in case \
            else [decode(a) for a in case["args"]]
        result = function(*args, **decode(case.get("kwargs", {})))
    if "select" in case:
        if not isinstance(result, (tuple, list)) or len(result) <= case["select"]:
            raise ProbeError(_("{name} must return a tuple ({returns})").format(
                name=name, returns=case["returns"]))
        result = result[case["select"]]
    if "watch" in case:
        index, label = case["watch"]
        return {"returned": result, label: args[index]}
    return result


def outcome(function, case, name):
    """What happens on one case: ("pass", None), ("error", message), or
    ("wrong", (message, codes)) with the codes of the mistakes whose output it matches,
    or that raise the same exception here."""
    try:
        seen = observe(function, case, name)
    except NotImplementedError:
        return "error", _("{name} is not implemented yet (it raises "
                          "NotImplementedError)").format(name=name)
    except ProbeError as err:
        return "error", str(err)
    except Exception as err:  # noqa: BLE001 - any error in the learner's code is a failure
        message = _("{name} raised {type}: {error} ({context})").format(
            name=name, type=type(err).__name__, error=err, context=case["context"])
        codes = [m["code"] for m in case.get("mistakes", [])
                 if m.get("raises") == type(err).__name__]
        return ("wrong", (message, codes)) if codes else ("error", message)
    rtol, atol = case.get("rtol", 1e-6), case.get("atol", 1e-9)
    label = case.get("label", name)
    problem = difference(seen, decode(case["expected"]), label, rtol, atol)
    if problem is None or any(difference(seen, decode(accepted), label, rtol, atol) is None
                              for accepted in case.get("accepted", [])):
        return "pass", None
    codes = [m["code"] for m in case.get("mistakes", []) if "output" in m
             and difference(seen, decode(m["output"]), label, rtol, atol) is None]
    return "wrong", (f"{problem} ({case['context']})", codes)


def _consistent(code, case, result):
    """Could mistake ``code`` have given ``result`` on this case?"""
    kind, detail = result
    if kind == "pass":
        return all(m["code"] != code for m in case.get("mistakes", []))
    if kind == "error":  # an error no mistake explains: fits one that raises here too
        return any(m["code"] == code and "raises" in m for m in case.get("mistakes", []))
    return code in detail[1]


def verdict(function, cases, name):
    """None when ``function`` passes every case, else a message naming the catalogued
    mistake its outputs match (on the first failing case, then on all of them)."""
    results = [outcome(function, case, name) for case in cases]
    failing = [i for i, (kind, _) in enumerate(results) if kind != "pass"]
    if not failing:
        return None
    kind, detail = results[failing[0]]
    if kind == "error":
        return detail
    message, codes = detail
    mistakes = {m["code"]: m for m in cases[failing[0]].get("mistakes", [])}
    if len(codes) > 1 or any("raises" in mistakes[c] for c in codes):
        # several mistakes fit, or only an exception's type does: the other cases decide
        fitting = [c for c in codes if all(_consistent(c, case, result)
                                           for case, result in zip(cases, results))]
        codes = fitting or [c for c in codes if "output" in mistakes[c]]
    if not codes:
        return message
    mistake = mistakes[codes[0]]
    words = mistake.get("messages", {}).get(language(), mistake["message"])
    return f"{words} [{codes[0]}]"


def check(function, rounds=3, rng=None, quiet=False):
    """Check one of your graded functions on its lesson's fixed public cases.

    Returns True when every case passes; prints a one-line verdict (unless quiet).
    ``rounds`` and ``rng`` are kept for old notebooks: the cases are the fixture's.
    """
    name = getattr(function, "__name__", str(function))
    fixture = fixtures().get(name)
    if fixture is None:
        raise ValueError(_("no self-check for {name}: pass one of the lessons' graded "
                           "functions by its own name, e.g. check(mse)").format(name=repr(name)))
    message = verdict(function, fixture["cases"], name)
    if message is not None:
        if not quiet:
            print(f"✗ {name}: {message}")
        return False
    if not quiet:
        print("✓ " + _("{name} passed {count} fixed cases").format(
            name=name, count=len(fixture["cases"])))
    return True
