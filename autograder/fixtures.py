"""Public fixtures for the learners' self-checks (``nnlib.selfcheck``).

For every graded function of lessons 01-09, a few fixed cases (seeded, small, the most
telling first): the inputs, the output the lesson's reference gives, and the output
each catalogued mistake of that function gives on the same inputs, with the
catalogue's message. The mistakes' outputs come from running each ``Mistaken.source``
of ``autograder.variants`` in a fresh namespace that holds NumPy, the lesson's imports
and the instructor's solution (for the helpers it calls). Random functions are
described by ``nnlib.selfcheck_probes``' observations instead of values.

They ship with the student's distribution as ``course/nnlib/fixtures/lessonNN.json``:
numbers, never code. ``autograder build`` (``make release``) writes them; a test fails
when they are stale.
"""
import ast
import json
import warnings
from pathlib import Path

import nbformat
import numpy as np

from nnlib.fixture_values import encode
from nnlib.selfcheck import observe, outcome, verdict
from nnlib.selfcheck_probes import ProbeError

from . import language, variants
from .cases import random_network
from .course import ROOT, lessons
from .lessons import (lesson01, lesson02, lesson03, lesson04, lesson05, lesson06, lesson07,
                      lesson08, lesson09)
from .mistakes import CATALOGUE

STATISTICAL = {"rtol": 0.0, "atol": 0.02}  # statistics of random draws, not values


def _case(args, context, m=None, kwargs=None, **extra):
    return {"args": list(args), "kwargs": kwargs or {}, "m": m, "context": context, **extra}


# --- lesson 01 -------------------------------------------------------------------------
def _lesson01(rng):
    mse, slope, descent = [], [], []
    for m in (9, 4, 1):
        y = np.round(rng.normal(0.0, 2.0, m), 3)
        y_hat = np.round(y + rng.normal(0.5, 1.5, m), 3)
        mse.append(_case([y_hat, y], f"for m = {m}", m))
        x, yy = (np.round(v, 3) for v in lesson01._points(rng, m))
        w = round(float(rng.uniform(-2.0, 3.0)), 3)
        slope.append(_case([x, yy, w], f"for m = {m} points and w = {w}", m))
    for m, steps in ((8, 5), (3, 12), (1, 3)):
        x, y = (np.round(v, 3) for v in lesson01._points(rng, m))
        w0, lr = round(float(rng.uniform(-2, 2)), 3), round(float(rng.uniform(0.01, 0.04)), 3)
        descent.append(_case([x, y, w0, lr, steps],
                             f"for m = {m}, w0 = {w0}, learning rate {lr}, {steps} steps"))
    return {
        "mse": (mse, lesson01.reference_mse, "mse(y_hat, y)"),
        "mse_slope": (slope, lesson01.reference_mse_slope, "mse_slope(x, y, w)"),
        "gradient_descent": (descent, lambda *a: tuple(lesson01.reference_gradient_descent(*a)),
                             "gradient_descent"),
    }


# --- lesson 02 -------------------------------------------------------------------------
def _lesson02(rng):
    z_cases = [_case([np.array([[-3.0, -0.5, 0.0], [0.25, 1.5, 4.0]])], "for a 2×3 array z"),
               _case([np.linspace(-6.0, 6.0, 7)], "for z from −6 to 6"),
               _case([0.7], "for the number z = 0.7")]
    neuron, chain = [], []
    for m in (5, 3, 1):
        a_prev, y = rng.uniform(-1, 2, m), rng.uniform(0, 1, m)
        w, b = float(rng.uniform(-1.5, 1.5)), float(rng.uniform(-1, 1))
        neuron.append(_case([a_prev, w, b, y], f"for m = {m} examples, w = {w:.3f}, "
                            f"b = {b:.3f}", m))
    for L in (3, 2, 1):
        x, y = float(rng.uniform(-1, 1)), float(rng.uniform(0, 1))
        ws, bs = list(rng.uniform(-2, 2, L)), list(rng.uniform(-1, 1, L))
        chain.append(_case([x, y, ws, bs], f"for a chain of {L} neuron(s)"))
    return {
        "sigmoid": (z_cases, lesson02.reference_sigmoid, "sigmoid(z)"),
        "sigmoid_prime": (z_cases, lesson02.reference_sigmoid_prime, "sigmoid_prime(z)"),
        "neuron_grads": (neuron, lesson02.reference_neuron_grads, "neuron_grads"),
        "chain_grads": (chain, lambda *a: tuple(lesson02.reference_chain_grads(*a)), "chain_grads"),
    }


# --- lesson 03 -------------------------------------------------------------------------
def _networks(rng, settings, one_hot_last=True):
    out = []
    for dims, m, lambd in settings:
        X, Y, params = random_network(rng, dims, m, sigmoid_outputs=not one_hot_last)
        out.append((dims, m, lambd, X, Y, params))
    return out


def _lesson03(rng):
    nets = _networks(rng, [((3, 4, 2), 5, 0.7), ((2, 3, 3, 1), 4, 0.0), ((3, 2, 2), 1, 0.4)])
    forward, cost, grads = [], [], []
    for dims, m, lambd, X, Y, params in nets:
        context = f"for a {dims} network, m = {m}, λ = {lambd}"
        forward.append(_case([X, params], context, m, select=0, returns="AL, cache"))
        AL = lesson03.reference_forward(X, params)[0]
        cost.append(_case([AL, Y, params, lambd], context, m))
        grads.append(_case([X, Y, params, lambd], context, m))
    slides_cost = lambda AL, Y, p, lambd: lesson03.reference_cost(AL, Y, p, lambd, "slides")
    course = lambda *a: lesson03.reference_backprop(*a)[0]
    slides = lambda *a: lesson03.reference_backprop(*a, convention="slides")[0]
    return {
        "forward": (forward, lesson03.reference_forward, "AL"),
        "cost": (cost, lesson03.reference_cost, "cost", [slides_cost]),
        "backprop_loop": (grads, course, "backprop_loop", [slides]),
        "backprop": (grads, course, "backprop", [slides]),
    }


# --- lesson 04 -------------------------------------------------------------------------
def _fn(name):
    from nnlib.fixture_values import FUNCTIONS
    return FUNCTIONS[name]


def _lesson04(rng):
    derivative = [_case([_fn(f), round(float(rng.uniform(-1.5, 1.5)), 3), eps],
                        f"for f = {f} at this θ with ε = {eps:g}")
                  for f, eps in (("cubic", 0.01), ("wave", 1e-3), ("growth", 1e-4))]
    gradient = [_case([_fn("coupled"), np.round(rng.uniform(-1, 1, shape), 3)],
                      f"for a cost J of θ with shape {shape}", kwargs=kw,
                      watch=[1, "theta after the call"])
                for shape, kw in (((3, 4), {"eps": 1e-4}), ((5,), {}), ((2, 1), {"eps": 1e-3}))]
    relative = [_case([a, b], "for these a and b") for a, b in (
        (np.array([1.0, 2.0, 3.0]), np.array([1.1, 1.9, 3.3])),
        (np.array([[0.5, -1.0], [2.0, 0.0]]), np.array([[0.5, -1.2], [1.5, 0.1]])),
        (np.zeros(3), np.zeros(3)), (np.array([1e-8, 0.0]), np.array([0.0, 1e-8])))]
    check = [_case([_fn("coupled"), _fn(g), np.round(rng.uniform(-1, 1, shape), 3)],
                   words, kwargs=kw)
             for g, shape, kw, words in (
                 ("coupled_grad", (7,), {}, "for a correct gradient"),
                 ("coupled_grad_buggy", (3, 4), {"eps": 1e-4},
                  "for a gradient with one wrong entry"),
                 ("coupled_grad_tilted", (6,), {"tol": 1e-4},
                  "for a gradient off by about 4e-6 (relative) and tol = 1e-4"),
                 ("coupled_grad", (5,), {"eps": 1e-2, "tol": 1e-6},
                  "for a correct gradient with the large step ε = 0.01 and tol = 1e-6"))]

    def numerical_gradient(J, theta, eps=lesson04.DEFAULT_EPS):
        return lesson04.reference_numerical_gradient(J, theta, eps)

    def gradient_check(J, grad_J, theta, eps=lesson04.DEFAULT_EPS, tol=lesson04.DEFAULT_TOL):
        ok, error = lesson04.reference_gradient_check(J, grad_J, theta, eps, tol)
        return bool(ok), float(error)

    return {
        "numerical_derivative": (derivative, lesson04.reference_numerical_derivative,
                                 "numerical_derivative"),
        "numerical_gradient": (gradient, numerical_gradient, "numerical_gradient"),
        "relative_error": (relative, lesson04.reference_relative_error, "relative_error"),
        "gradient_check": (check, gradient_check, "gradient_check"),
    }


# --- lesson 05: random, observed -------------------------------------------------------------
def _lesson05(rng):
    zeros = [_case([d], f"for layer_dims = {d}") for d in ([3, 4, 2], [5, 1], [2, 3, 3, 1])]
    # Large layers, so that the statistics of a correct draw are sharp (W2: 30 000 entries)
    dims, observed = [400, 300, 100], {"probe": "init", **STATISTICAL}
    uniform = [_case([dims, 0.05, {"__rng__": 11}], f"for layer_dims = {dims} and "
                     "epsilon = 0.05", **observed)]
    normal = [_case([dims, {"__rng__": 12}], f"for layer_dims = {dims}", **observed)]
    return {
        "init_zeros": (zeros, lesson05.reference_init_zeros, "params"),
        "init_uniform": (uniform, lesson05.reference_init_uniform, "params"),
        "init_xavier": (normal, lesson05.reference_init_xavier, "params"),
        "init_he": (normal, lesson05.reference_init_he, "params"),
    }


# --- lesson 06 -------------------------------------------------------------------------
def _lesson06(rng):
    batches = []
    for n_x, n_y, m, size in ((7, 3, 23, 5), (6, 2, 64, 16), (5, 1, 10, 32), (4, 2, 12, 1)):
        X = np.round(rng.standard_normal((n_x, m)), 4)
        Y = np.round(rng.standard_normal((n_y, m)), 4)
        batches.append(_case([X, Y, size, {"__rng__": int(rng.integers(1000))}],
                             f"for m = {m} examples and batch_size = {size}", probe="minibatches"))
    sgd, velocity, momentum = [], [], []
    for dims, lr, beta in (((3, 4, 2), 0.1, 0.9), ((2, 3), 0.5, 0.5),
                           ((4, 3, 2, 1), 0.01, 0.99)):
        params = random_network(rng, dims, 2)[2]
        grads = {"d" + k: rng.standard_normal(v.shape) for k, v in params.items()}
        v = {k: rng.standard_normal(g.shape) for k, g in grads.items()}
        context = f"for a {dims} network, learning rate {lr}, β = {beta}"
        sgd.append(_case([params, grads, lr], context))
        velocity.append(_case([params], f"for a {dims} network"))
        momentum.append(_case([params, grads, v, beta, lr], context))
    return {
        "random_minibatches": (batches, lesson06.reference_random_minibatches, "random_minibatches"),
        "sgd_update": (sgd, lesson06.reference_sgd_update, "sgd_update"),
        "init_velocity": (velocity, lesson06.reference_init_velocity, "v"),
        "momentum_update": (momentum, lambda *a: tuple(lesson06.reference_momentum_update(*a)),
                            "momentum_update"),
    }


# --- lesson 07 -------------------------------------------------------------------------
def _lesson07(rng):
    penalty, grads, decay = [], [], []
    for dims, m, lambd in (((3, 4, 2), 6, 0.7), ((2, 3, 3, 1), 10, 1.5), ((4, 1), 1, 0.3)):
        params = random_network(rng, dims, m)[2]
        g = {"d" + k: rng.standard_normal(v.shape) for k, v in params.items()}
        context = f"for a {dims} network, m = {m}, λ = {lambd}"
        penalty.append(_case([params, lambd, m], context, m))
        grads.append(_case([g, params, lambd, m], context, m))
    for shape, lr, lambd in (((3, 4), 0.1, 0.5), ((2, 2), 0.05, 2.0), ((1, 5), 0.2, 0.1)):
        W, dW = rng.standard_normal(shape), rng.standard_normal(shape)
        decay.append(_case([W, dW, lr, lambd], f"for W of shape {shape}, α = {lr}, λ = {lambd}"))
    return {
        "l2_penalty": (penalty, lesson07.reference_l2_penalty, "l2_penalty"),
        "l2_grads": (grads, lesson07.reference_l2_grads, "l2_grads"),
        "weight_decay_update": (decay, lesson07.reference_weight_decay_update, "weight_decay_update"),
    }


# --- lesson 08 -------------------------------------------------------------------------
def _lesson08(rng):
    dense = [_case([tuple(s), n], f"for input_shape = {tuple(s)} and n_units = {n}")
             for s, n in (((3, 5, 7), 4), ((7, 5, 3), 5), ((6, 11), 9), ((64, 64, 3), 10))]
    conv = [_case([tuple(s), n], f"for filter_shape = {tuple(s)} and n_filters = {n}")
            for s, n in (((3, 5, 7), 4), ((5, 3, 7), 5), ((4, 4, 3), 10), ((3, 4, 4), 1))]
    forward, backward = [], []
    for X, W, b, stride, pad in _conv_cases(rng):
        X, W, b = np.round(X, 3), np.round(W, 3), np.round(b, 3)
        context = lesson08.describe(X, W, stride, pad)
        forward.append(_case([X, W, b], context, kwargs={"stride": stride, "pad": pad},
                             select=0, returns="out, cache"))
        H, Wd = lesson08.output_size(X.shape[2], X.shape[3], W.shape[2], W.shape[3], stride, pad)
        dout = np.round(rng.standard_normal((X.shape[0], W.shape[0], H, Wd)), 3)
        backward.append(_case([dout], context, setup={
            "function": "conv2d_forward", "args": encode([X, W, b]),
            "kwargs": encode({"stride": stride, "pad": pad})},
            reference_args=[dout, X, W, b, stride, pad]))
    count = lambda shape, n: int(np.prod(shape)) * n + n
    return {
        "count_dense_params": (dense, count, "count_dense_params"),
        "count_conv_params": (conv, count, "count_conv_params"),
        "conv2d_forward": (forward, lambda *a, **k: (lesson08.reference_conv2d_forward(*a, **k), None),
                           "out"),
        "conv2d_backward": (backward, lambda *a: tuple(lesson08.reference_conv2d_backward(*a)),
                            "conv2d_backward"),
    }


def _conv_cases(rng):
    """lesson08.conv_cases' four kinds (stride 2 with padding, each alone, neither), with
    N = C = F = 2 and a 3×2 or 2×3 output: nothing square, and small files."""
    cases = []
    for stride, pad in ((2, 1), (1, 0), (2, 0), (1, 1)):
        HH, WW = (3, 2) if stride == 2 and pad == 0 else \
            tuple(int(v) for v in rng.permutation([2, 3]))
        H_out, W_out = (3, 2) if HH > WW else (2, 3)
        H = (H_out - 1) * stride + HH - 2 * pad
        W_in = (W_out - 1) * stride + WW - 2 * pad
        cases.append((rng.standard_normal((2, 2, H, W_in)), rng.standard_normal((2, 2, HH, WW)),
                      rng.standard_normal(2), stride, pad))
    return cases


# --- lesson 09 -------------------------------------------------------------------------
def _lesson09(rng):
    softmax = [_case([np.array([[1.0, -2.0, 0.5], [3.0, 0.0, 0.5], [-1.0, 2.0, 0.5]])],
                     "for a 3×3 Z"),
               _case([np.array([[1000.0, -5.0], [1001.0, -7.0]])], "for a Z with large entries"),
               _case([np.array([[0.3], [-0.2], [1.1], [0.0]])], "for one column of 4 classes")]
    nets = _networks(rng, [((3, 4, 3), 5, 0.7), ((2, 3, 4), 4, 0.0), ((3, 2, 3), 1, 0.4)],
                     one_hot_last=True)
    cost, grads, predict = [], [], []
    for dims, m, lambd, X, Y, params in nets:
        context = f"for a {dims} network, m = {m}, λ = {lambd}"
        AL = lesson09.reference_softmax(_scores(X, params))
        cost.append(_case([AL, Y, params, lambd], context, m))
        grads.append(_case([X, Y, params, lambd], context, m))
        predict.append(_case([X, params], context, m))
    X, Y, _ = lesson09.blobs(np.random.default_rng(9))
    dims, epochs, size, lr, beta, lambd = lesson09.TRAIN_SETTINGS
    train = [_case([np.round(X, 4), Y, list(dims), {"__rng__": 5}, epochs, size, lr, beta, lambd],
                   f"on blobs of {X.shape[1]} examples, layer_dims = {list(dims)}, {epochs} "
                   f"epochs, batches of {size}, α = {lr}, β = {beta}, λ = {lambd}",
                   probe="train")]
    slides_cost = lambda *a: lesson09.reference_softmax_cost(*a, convention="slides")
    return {
        "softmax": (softmax, lesson09.reference_softmax, "softmax(Z)"),
        "softmax_cost": (cost, lesson09.reference_softmax_cost, "softmax_cost", [slides_cost]),
        "softmax_backprop": (grads, lambda *a: lesson09.reference_softmax_backprop(*a)[0],
                             "softmax_backprop",
                             [lambda *a: lesson09.reference_softmax_backprop(
                                 *a, convention="slides")[0]]),
        "predict": (predict, lesson09.reference_predict, "predict"),
        "train": (train, lesson09.reference_train, "train"),
    }


def _scores(X, params):
    """The output layer's scores Z^(L) of the capstone's network (sigmoid hidden units)."""
    A, L = X, len(params) // 2
    for l in range(1, L + 1):
        Z = params[f"W{l}"] @ A + params[f"b{l}"]
        A = 1.0 / (1.0 + np.exp(-Z))
    return Z


SPECS = {1: _lesson01, 2: _lesson02, 3: _lesson03, 4: _lesson04, 5: _lesson05,
         6: _lesson06, 7: _lesson07, 8: _lesson08, 9: _lesson09}


# --- running the instructor's solution and the catalogued mistakes -----------------------
def _given_code(notebook):
    """The notebook's imports and the functions its given cells define (helpers such
    as lesson 09's softmax_forward), never the test cells or any other statement."""
    nodes = []
    for cell in notebook.cells:
        meta = cell.metadata.get("nbgrader", {})
        if cell.cell_type != "code" or meta.get("grade") or meta.get("solution"):
            continue
        try:
            tree = ast.parse(cell.source)
        except SyntaxError:  # IPython magics
            continue
        nodes += [ast.unparse(node) for node in tree.body
                  if isinstance(node, (ast.Import, ast.ImportFrom, ast.FunctionDef))
                  and "autograder" not in ast.unparse(node)]
    return "\n\n".join(dict.fromkeys(nodes))


def namespace_sources(lesson, replaced=None):
    """[(label, code)] that make a lesson's namespace: its imports and given helpers, then
    the instructor's solution cells with ``replaced`` (cell id -> code) in place of those."""
    from .samples import solution_cells
    notebook = nbformat.read(lesson.source_notebook, as_version=4)
    cells = {**solution_cells(notebook), **(replaced or {})}
    return [("given", _given_code(notebook))] + list(cells.items())


def solution_namespace(lesson, replaced=None):
    """A fresh namespace holding NumPy and ``namespace_sources(lesson, replaced)``."""
    namespace = {"__name__": f"fixture_{lesson.number:02d}", "np": np}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for label, code in namespace_sources(lesson, replaced):
            exec(compile(code, f"<{label}>", "exec"), namespace)
    return namespace


def graded_functions(lesson):
    """The names of a lesson's functions that have fixtures, in order."""
    return list(SPECS[lesson.number](np.random.default_rng(0)))


def _output(function, case, name):
    """{"output": encoded observation} of ``function`` on ``case``, {"raises": type name}
    when it raises (a scalar-only sigmoid on an array), None when it is not plain data."""
    try:
        seen = observe(function, case, name)
    except ProbeError:
        return None
    except Exception as err:  # noqa: BLE001 - a mistake may raise on some inputs
        return {"raises": type(err).__name__}
    try:
        return {"output": encode(seen)}
    except TypeError:
        return None


def lesson_fixture(lesson):
    """{"functions": {name: {"cases": [...]}}} for one lesson."""
    rng = np.random.default_rng(1000 + lesson.number)
    module = variants.for_lesson(lesson)
    instructor = solution_namespace(lesson)
    functions = {}
    for name, spec in SPECS[lesson.number](rng).items():
        cases, reference, label = spec[:3]
        accepted = spec[3] if len(spec) > 3 else []
        mistaken = [m for m in module.MISTAKES if m.cell == name]
        spaces = [(m, solution_namespace(lesson, {name: m.source})) for m in mistaken]
        written = []
        for case in cases:
            case = dict(case)
            reference_args = case.pop("reference_args", None)
            out = {"args": encode(case.pop("args")), "kwargs": encode(case.pop("kwargs")),
                   "label": label, **{k: v for k, v in case.items() if k != "m"}}
            if reference_args is None:
                out["expected"] = encode(observe(reference, out, name))
            else:  # the inputs are made by the learner's own function (a cache)
                out["expected"] = encode(reference(*reference_args))
            if accepted:
                out["accepted"] = [encode(observe(a, out, name)) for a in accepted]
            problem = verdict(instructor[name], [out], name)
            if problem is not None:
                raise RuntimeError(f"lesson {lesson.number:02d} {name}: the instructor's "
                                   f"solution fails its own fixture: {problem}")
            out["mistakes"] = []
            for m, namespace in spaces:
                if m.mistake not in CATALOGUE or name not in namespace:
                    continue
                wrong = _output(namespace[name], out, name)
                if wrong is None or outcome(namespace[name], out, name)[0] == "pass":
                    continue  # no plain output, or the right one here: nothing to name
                message = CATALOGUE[m.mistake].explain(name=label, m=case.get("m"), lang="en")
                # the same message in each language nnlib speaks, for the self-checks
                translated = {lang: CATALOGUE[m.mistake].explain(name=label, m=case.get("m"),
                                                                 lang=lang)
                              for lang in language.LANGUAGES}
                out["mistakes"].append({"code": m.mistake, "message": message,
                                        "messages": translated, **wrong})
            written.append(out)
        functions[name] = {"cases": written}
    return {"lesson": lesson.id, "functions": functions}


def _short(data):
    """Floats to 12 significant digits (the checks compare to 1e-6): smaller files."""
    if isinstance(data, float):
        return float(f"{data:.12g}")
    if isinstance(data, list):
        return [_short(v) for v in data]
    if isinstance(data, dict):
        return {k: _short(v) for k, v in data.items()}
    return data


def fixture_text(fixture):
    return json.dumps(_short(fixture), indent=1, ensure_ascii=False, sort_keys=True) + "\n"


def same_data(a, b, rtol=1e-9):
    """True when two loaded fixtures agree: equal structure and strings, numbers within
    ``rtol`` (another BLAS may change the last digits of a product, never a verdict)."""
    if isinstance(a, bool) or isinstance(b, bool) or a is None or b is None:
        return a is b or a == b
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return a == b or (a != a and b != b) or abs(a - b) <= rtol * max(abs(a), abs(b))
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(same_data(x, y, rtol) for x, y in zip(a, b))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(same_data(a[k], b[k], rtol) for k in a)
    return a == b


def build_fixtures(root=ROOT, check=False):
    """Write (or, with check=True, only compare) every lesson's fixture. Returns the
    stale paths: missing, or different beyond the last digits of a number."""
    folder = Path(root) / "course" / "nnlib" / "fixtures"
    stale = []
    for lesson in lessons(root):
        if lesson.number not in SPECS:
            continue
        path = folder / f"lesson{lesson.number:02d}.json"
        text = fixture_text(lesson_fixture(lesson))
        if path.exists() and same_data(json.loads(path.read_text(encoding="utf-8")),
                                       json.loads(text)):
            continue
        stale.append(path)
        if not check:
            path.write_text(text, encoding="utf-8")
    return stale
