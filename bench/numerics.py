"""(c) nnlib numerics against PyTorch on the CPU, and the data of the gradcheck curve (d).

Runs in a process of its own (``python -m bench.numerics SETTINGS_JSON``, see ``measure``)
so that the thread count is fixed before NumPy and PyTorch load: one BLAS/OpenMP thread
(OPENBLAS/OMP/MKL_NUM_THREADS=1) and ``torch.set_num_threads(1)``, float64 everywhere.

Each time is the best (minimum) per-call time over ``repeat`` timeit loops, each loop
long enough to last about 0.2 s; nnlib's and PyTorch's loops alternate, so a busy
machine slows both alike. Before timing, both sides' results are compared: they must
agree to about 1e-10 (the ``agreement`` field), so both compute the same thing.

- **MLP**: ``nnlib.mlp.loss_and_grads`` (forward, cross-entropy cost, backward) on the
  digits, against the same sigmoid network in PyTorch with autograd
  (``addmm``/``sigmoid``/``binary_cross_entropy``, then ``backward``).
- **conv2d**: nnlib's im2col convolution (``nnlib.conv_plots.im2col`` and one matrix
  product, as ``conv2d_im2col``; the backward pass is ``dW = dout · colsᵀ`` and a
  col2im scatter-add, as lesson 08's im2col answer) against ``torch.nn.functional.conv2d``
  and its autograd backward, at lesson 08's sizes.
- **gradcheck curve**: one numerical gradient (``nnlib.gradcheck.numerical_param_grads``,
  central differences, 2 cost evaluations per parameter) against one backprop
  (``nnlib.mlp.loss_and_grads``) for 8-h-1 networks on 16 examples, as in lesson 04.
"""
import json
import subprocess
import sys
import timeit

import numpy as np

from nnlib import conv_plots, data, mlp
from nnlib.gradcheck import numerical_param_grads, rel_error


def best_times(functions, repeat):
    """Best seconds per call of each function; their timeit loops alternate."""
    timers = [timeit.Timer(f) for f in functions]
    numbers = [max(1, t.autorange()[0]) for t in timers]
    best = [float("inf")] * len(timers)
    for _ in range(repeat):
        for i, (t, n) in enumerate(zip(timers, numbers)):
            best[i] = min(best[i], t.timeit(n) / n)
    return best


# --- MLP --------------------------------------------------------------------------------
def mlp_case(scale, rng):
    """Lesson 06's 64-25-10 sigmoid network on the digits' training split (1,347 images)."""
    digits = data.load_digits("train")
    m = max(16, int(digits.X.shape[1] * scale))
    return digits.X[:, :m], digits.Y[:, :m], mlp.init_params([64, 25, 10], rng)


def torch_mlp(X, Y, params):
    """The same network in PyTorch: a function doing forward, cost and backward."""
    import torch
    import torch.nn.functional as F

    Xt, Yt = torch.from_numpy(X), torch.from_numpy(Y)
    weights = [torch.tensor(params[f"{k}{l}"], requires_grad=True)
               for l in range(1, mlp.n_layers(params) + 1) for k in ("W", "b")]
    m = X.shape[1]

    def step():
        for w in weights:
            w.grad = None
        A = Xt
        for W, b in zip(weights[::2], weights[1::2]):
            A = torch.sigmoid(torch.addmm(b, W, A))
        cost = F.binary_cross_entropy(A, Yt, reduction="sum") / m
        cost.backward()
        return {f"d{k}{l + 1}": w.grad.numpy()
                for l in range(len(weights) // 2)
                for k, w in zip(("W", "b"), weights[2 * l:2 * l + 2])}
    return step


# --- conv2d by im2col -------------------------------------------------------------------
def im2col_forward(X, Wt, b, stride=1, pad=0):
    """nnlib's im2col convolution, keeping the columns for the backward pass."""
    N, _, H, W = X.shape
    F, _, HH, WW = Wt.shape
    H_out, W_out = 1 + (H + 2 * pad - HH) // stride, 1 + (W + 2 * pad - WW) // stride
    cols = conv_plots.im2col(X, HH, WW, stride, pad)
    out = (Wt.reshape(F, -1) @ cols + b.reshape(F, 1)).reshape(F, N, H_out, W_out)
    return out.transpose(1, 0, 2, 3), (X.shape, Wt, cols, stride, pad)


def im2col_backward(dout, cache):
    """(dX, dW, db): dW and db from the columns, dX by col2im (one scatter-add per filter
    offset (p, q), each over every window at once)."""
    (N, C, H, W), Wt, cols, stride, pad = cache
    F, _, HH, WW = Wt.shape
    _, _, H_out, W_out = dout.shape
    dout_rows = dout.transpose(1, 0, 2, 3).reshape(F, -1)
    dW = (dout_rows @ cols.T).reshape(Wt.shape)
    dcols = (Wt.reshape(F, -1).T @ dout_rows).reshape(C, HH, WW, N, H_out, W_out)
    dX_pad = np.zeros((N, C, H + 2 * pad, W + 2 * pad))
    for p in range(HH):
        for q in range(WW):
            dX_pad[:, :, p:p + stride * H_out:stride, q:q + stride * W_out:stride] += \
                dcols[:, p, q].transpose(1, 0, 2, 3)
    return dX_pad[:, :, pad:pad + H, pad:pad + W], dW, dout_rows.sum(axis=1)


def conv_cases(scale, rng):
    """Lesson 08's sizes: (name, X, W, b, stride, pad)."""
    im2col_batch = max(2, int(16 * scale))  # the lesson's im2col timing cell
    ball_batch = max(2, int(100 * scale))   # the ball model: 100 images, one 4x4x3 filter
    return [
        (f"conv2d {im2col_batch}x3x16x16, 8 filters 3x3, pad 1",
         rng.standard_normal((im2col_batch, 3, 16, 16)), rng.standard_normal((8, 3, 3, 3)),
         rng.standard_normal(8), 1, 1),
        (f"conv2d {ball_batch}x3x12x12, 1 filter 4x4 (ball model)",
         rng.standard_normal((ball_batch, 3, 12, 12)), rng.standard_normal((1, 3, 4, 4)),
         rng.standard_normal(1), 1, 0),
    ]


def torch_conv(X, W, b, stride, pad, dout):
    """F.conv2d forward and autograd backward: a function returning (out, dX, dW, db)."""
    import torch
    import torch.nn.functional as F

    Xt, Wt, bt = (torch.tensor(a, requires_grad=True) for a in (X, W, b))
    dout_t = torch.from_numpy(dout)

    def step():
        for t in (Xt, Wt, bt):
            t.grad = None
        out = F.conv2d(Xt, Wt, bt, stride=stride, padding=pad)
        out.backward(dout_t)
        return out.detach().numpy(), Xt.grad.numpy(), Wt.grad.numpy(), bt.grad.numpy()
    return step


# --- the measurements ---------------------------------------------------------------------
def against_torch(scale, repeat):
    """One row per case: name, nnlib and torch seconds per forward+backward, agreement."""
    rng = np.random.default_rng(7)
    try:
        import torch
        torch.set_num_threads(1)
    except ImportError:
        torch = None
    rows = []
    X, Y, params = mlp_case(scale, rng)
    nnlib_step = lambda: mlp.loss_and_grads(X, Y, params)  # noqa: E731
    row = {"name": f"MLP 64-25-10 forward+backward, {X.shape[1]} digits", "nnlib": None,
           "torch": None, "agreement": None}
    if torch:
        torch_step = torch_mlp(X, Y, params)
        ours, theirs = nnlib_step()[1], torch_step()
        row["agreement"] = max(rel_error(ours[k], theirs[k].reshape(ours[k].shape))
                               for k in ours)
        row["nnlib"], row["torch"] = best_times([nnlib_step, torch_step], repeat)
    else:
        row["nnlib"], = best_times([nnlib_step], repeat)
    rows.append(row)
    for name, Xc, Wc, bc, stride, pad in conv_cases(scale, rng):
        out, cache = im2col_forward(Xc, Wc, bc, stride, pad)
        dout = rng.standard_normal(out.shape)
        nnlib_step = lambda: im2col_backward(dout, im2col_forward(Xc, Wc, bc, stride, pad)[1])  # noqa: E731,B023
        row = {"name": name + ", forward+backward", "nnlib": None, "torch": None,
               "agreement": rel_error(out, conv_plots.conv2d_im2col(Xc, Wc, bc, stride, pad))}
        if torch:
            torch_step = torch_conv(Xc, Wc, bc, stride, pad, dout)
            ours, theirs = (out, *im2col_backward(dout, cache)), torch_step()
            row["agreement"] = max(rel_error(a, b) for a, b in zip(ours, theirs))
            row["nnlib"], row["torch"] = best_times([nnlib_step, torch_step], repeat)
        else:
            row["nnlib"], = best_times([nnlib_step], repeat)
        rows.append(row)
    return rows, (torch.__version__ if torch else None)


def gradcheck_curve(widths, repeat):
    """Seconds of one numerical gradient and of one backprop, by parameter count."""
    rng = np.random.default_rng(4)
    X, Y = rng.standard_normal((8, 16)), (rng.random((1, 16)) < 0.5).astype(float)
    curve = {"parameters": [], "numerical": [], "backprop": []}
    for width in widths:
        params = mlp.init_params([8, width, 1], rng)
        cost = lambda p: mlp.mlp_cost(mlp.mlp_forward(X, p)[0], Y, p)  # noqa: E731
        numerical = min(timeit.repeat(lambda: numerical_param_grads(cost, params),  # noqa: B023
                                      number=1, repeat=repeat))
        backprop, = best_times([lambda: mlp.loss_and_grads(X, Y, params)], repeat)  # noqa: B023
        curve["parameters"].append(sum(v.size for v in params.values()))
        curve["numerical"].append(numerical)
        curve["backprop"].append(backprop)
    return curve


def measure(sizes, env):
    """Run this module in a fresh single-threaded process; its results as a dict."""
    settings = {"scale": sizes.numerics_scale, "repeat": sizes.repeat,
                "widths": list(sizes.gradcheck_widths)}
    done = subprocess.run([sys.executable, "-m", "bench.numerics", json.dumps(settings)],
                          env=env, capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


def main(settings):
    rows, torch_version = against_torch(settings["scale"], settings["repeat"])
    print(json.dumps({"rows": rows, "torch": torch_version, "numpy": np.__version__,
                      "threads": 1,
                      "gradcheck": gradcheck_curve(settings["widths"], settings["repeat"])}))


if __name__ == "__main__":
    main(json.loads(sys.argv[1]))
