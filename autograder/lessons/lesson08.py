"""Lesson 08, parameter sharing: count_dense_params, count_conv_params, conv2d_forward,
conv2d_backward.

Shapes: images X (N, C, H, W), filters W (F, C, HH, WW), bias b (F,), output
(N, F, H', W') with H' = 1 + (H + 2·pad − HH) / stride. The references below are
written here (and checked against central differences in tests/lessons/test_lesson08.py);
the student's cache format is their own, so conv2d_backward is graded with the cache
their conv2d_forward returns.
"""
import numbers

import numpy as np

from nnlib import conv_plots

from ..cases import rng_for, student_global
from ..compare import (as_float_array, call, check_array, check_choice, check_number,
                       explained, fail, type_name)
from ..explain import Fact, Probe, Term
from ..language import N_, tr
from ..mistakes import Mistake
from ..shortcuts import assert_no_shortcut, uses_module

# --- the catalogue of this lesson ------------------------------------------------------
COUNT_BIASES_MISSING = Mistake(
    "count_biases_missing",
    "{name} counts the weights only: every unit of a dense layer, and every filter of a "
    "convolutional layer, also has one bias, so add one parameter per unit (per filter).")
COUNT_ONE_BIAS = Mistake(
    "count_one_bias",
    "{name} counts a single bias for the whole layer: there is one bias per unit (per "
    "filter), so the biases add n_units (n_filters) parameters.")
COUNT_SUM_OF_SIZES = Mistake(
    "count_sum_of_sizes",
    "{name} adds the sizes of the dimensions: the number of numbers in a (64, 64, 3) "
    "array is their product, 64·64·3 = 12,288, not 64 + 64 + 3.")
COUNT_WEIGHTS_OF_ONE = Mistake(
    "count_weights_of_one_unit",
    "{name} counts the weights of one unit (one filter) only: each of the n units "
    "(filters) has its own set of weights, so multiply the weights by n.")
COUNT_SIZE_MISSING = Mistake(
    "count_size_missing",
    "{name} multiplies only some of the sizes in the shape: a weight connects to every "
    "number of the input (of the filter's window), so use the product of all the sizes, "
    "height · width · channels, whatever their order.")

CONV_FLIPPED_KERNEL = Mistake(
    "conv_flipped_kernel",
    "{name} flips the filter (the mathematical convolution): deep-learning libraries, "
    "and this course, compute the cross-correlation out = Σ X[i·S + p, j·S + q] · W[p, q] "
    "with the filter as it is, not W[HH−1−p, WW−1−q].")
CONV_BIAS_MISSING = Mistake(
    "conv_bias_missing",
    "{name} leaves out the bias: add b[f] to every output of filter f.")
CONV_STRIDE_IGNORED = Mistake(
    "conv_stride_ignored",
    "{name} ignores the stride: output (i, j) looks at the window whose top-left corner is "
    "(i·stride, j·stride), and there are H' = 1 + (H + 2·pad − HH) / stride rows.")
CONV_PADDING_IGNORED = Mistake(
    "conv_padding_ignored",
    "{name} ignores the padding: add pad rows and columns of zeros on every side of "
    "each image (not along N or C) before sliding the filter.")
CONV_PADDING_WRONG = Mistake(
    "conv_padding_wrong",
    "{name} pads the images the wrong way: pad zeros rows and pad zero columns on each of "
    "the four sides (top, bottom, left and right), H + 2·pad rows in all.")
CONV_LIBRARY = Mistake(
    "conv_library_shortcut",
    "{name} calls a library's convolution (scipy.signal, scipy.ndimage, OpenCV, "
    "scikit-image ...): the exercise is to write the sliding-window sums with NumPy.")

CONV_DW_ONE_POSITION = Mistake(
    "conv_dw_one_position",
    "{name} holds the gradient from one position of the filter only: the filter's "
    "weights are shared by every position, so dW is the sum over all positions (and all "
    "examples) of dout[n, f, i, j] · window — accumulate with +=.")
CONV_DW_BATCH_NOT_SUMMED = Mistake(
    "conv_dw_batch_not_summed",
    "{name} holds the gradient of one image only: the same filter is used on all N "
    "images, so add up the contributions of every example in the batch.")
CONV_DW_FLIPPED = Mistake(
    "conv_dw_flipped",
    "{name} is the correct gradient with the filter's rows and columns reversed: the "
    "forward pass uses W[p, q] on X[i·S + p, j·S + q], so dW[p, q] collects "
    "dout[i, j] · X[i·S + p, j·S + q], without flipping.")
CONV_DB_NOT_SUMMED = Mistake(
    "conv_db_not_summed",
    "{name} does not add up every example of the batch: b[f] is shared by every image and "
    "every position, so db[f] = Σ_n Σ_i Σ_j dout[n, f, i, j], an array of shape (F,).")
CONV_GRAD_AVERAGED = Mistake(
    "conv_grad_averaged",
    "{name} is divided by the number of images N: conv2d_backward returns the gradient "
    "for the given dout, which already carries any 1/N of the loss; do not divide again.")
CONV_DX_FLIPPED = Mistake(
    "conv_dx_flipped_kernel",
    "{name} uses a flipped filter: pixel X[h, w] reached output (i, j) through "
    "W[h − i·S, w − j·S], so scatter dout[i, j] · W back onto the window as it is (as a "
    "full correlation this is where the filter gets flipped — once, not twice).")
CONV_DX_NO_CROP = Mistake(
    "conv_dx_padding_not_cropped",
    "{name} is the gradient of the padded input: cut the pad rows and columns off every "
    "side, dX = dX_pad[:, :, pad:pad + H, pad:pad + W], so that dX has the shape of X.")
CONV_DX_CROP_PAD0 = Mistake(
    "conv_dx_crop_empty_for_pad0",
    "{name} is empty when pad = 0: the slice pad:-pad is 0:0 then; crop with "
    "pad:pad + H and pad:pad + W instead.")
CONV_DX_OVERWRITTEN = Mistake(
    "conv_dx_overwritten",
    "{name} overwrites where windows overlap: a pixel covered by several windows (or "
    "filters) receives the sum of all their contributions, so accumulate with += "
    "(a scatter-add), never =.")

# nnlib's own convolution code (used by the lesson's plots and im2col timing).
NNLIB_CONVOLUTIONS = [conv_plots.im2col, conv_plots.conv2d_im2col, conv_plots.correlate2d]
CONV_LIBRARY_MODULES = ("scipy.signal", "scipy.ndimage", "cv2", "skimage")


# --- reference implementations ------------------------------------------------------
def pad_images(X, top, bottom=None, left=None, right=None):
    """Zero-pad the two spatial axes of X (N, C, H, W); defaults: the same on all sides."""
    bottom = top if bottom is None else bottom
    left = top if left is None else left
    right = left if right is None else right
    N, C, H, W = X.shape
    out = np.zeros((N, C, H + top + bottom, W + left + right))
    out[:, :, top:top + H, left:left + W] = X
    return out


def output_size(H, W, HH, WW, stride, pad):
    """(H', W') = (1 + (H + 2·pad − HH) // stride, 1 + (W + 2·pad − WW) // stride)."""
    return 1 + (H + 2 * pad - HH) // stride, 1 + (W + 2 * pad - WW) // stride


def correlate_padded(X_pad, W, b, stride):
    """Cross-correlation of already padded images X_pad (N, C, Hp, Wp) with W (F, C, HH, WW).

    out[n, f, i, j] = b[f] + Σ_c,p,q X_pad[n, c, i·S + p, j·S + q] W[f, c, p, q].
    """
    N, _, Hp, Wp = X_pad.shape
    F, _, HH, WW = W.shape
    H_out, W_out = 1 + (Hp - HH) // stride, 1 + (Wp - WW) // stride
    out = np.empty((N, F, H_out, W_out))
    for i in range(H_out):
        for j in range(W_out):
            window = X_pad[:, :, i * stride:i * stride + HH, j * stride:j * stride + WW]
            out[:, :, i, j] = np.einsum("nchw,fchw->nf", window, W) + b
    return out


def reference_conv2d_forward(X, W, b, stride=1, pad=0):
    """The graded forward pass: out (N, F, H', W')."""
    return correlate_padded(pad_images(X, pad), W, b, stride)


def scatter_dx(dout, W, padded_shape, stride, accumulate=True):
    """dX_pad (N, C, Hp, Wp): every dout[n, f, i, j] · W[f] added back onto its window.

    accumulate=False assigns instead (the 'overwritten' mistake: the last window wins).
    """
    dX_pad = np.zeros(padded_shape)
    _, _, HH, WW = W.shape
    for i in range(dout.shape[2]):
        for j in range(dout.shape[3]):
            rows = slice(i * stride, i * stride + HH)
            cols = slice(j * stride, j * stride + WW)
            contribution = np.einsum("nf,fchw->nchw", dout[:, :, i, j], W)
            if accumulate:
                dX_pad[:, :, rows, cols] += contribution
            else:
                dX_pad[:, :, rows, cols] = contribution
    return dX_pad


def window_at(X_pad, i, j, HH, WW, stride):
    return X_pad[:, :, i * stride:i * stride + HH, j * stride:j * stride + WW]


def reference_dw(dout, X_pad, W_shape, stride):
    """dW[f] = Σ_n Σ_i Σ_j dout[n, f, i, j] · window(n, i, j): the sum over every use."""
    _, _, HH, WW = W_shape
    dW = np.zeros(W_shape)
    for i in range(dout.shape[2]):
        for j in range(dout.shape[3]):
            dW += np.einsum("nf,nchw->fchw", dout[:, :, i, j],
                            window_at(X_pad, i, j, HH, WW, stride))
    return dW


def reference_conv2d_backward(dout, X, W, b, stride=1, pad=0):
    """(dX, dW, db) of Σ dout · conv2d_forward(X, W, b, stride, pad)."""
    N, C, H, W_in = X.shape
    X_pad = pad_images(X, pad)
    dX_pad = scatter_dx(dout, W, X_pad.shape, stride)
    dX = dX_pad[:, :, pad:pad + H, pad:pad + W_in]
    return dX, reference_dw(dout, X_pad, W.shape, stride), dout.sum(axis=(0, 2, 3))


# --- mistakes, computed with the reference code -------------------------------------
def forward_mistakes(X, W, b, stride, pad):
    """(Mistake, wrong out) pairs for conv2d_forward, most telling first."""
    pairs = [(CONV_FLIPPED_KERNEL, reference_conv2d_forward(X, W[:, :, ::-1, ::-1], b, stride, pad)),
             (CONV_BIAS_MISSING, reference_conv2d_forward(X, W, np.zeros_like(b), stride, pad))]
    if stride > 1:
        dense = reference_conv2d_forward(X, W, b, 1, pad)
        H_out, W_out = output_size(X.shape[2], X.shape[3], W.shape[2], W.shape[3], stride, pad)
        # every position, or the right number of outputs read from windows 1 apart
        pairs += [(CONV_STRIDE_IGNORED, dense),
                  (CONV_STRIDE_IGNORED, dense[:, :, :H_out, :W_out])]
    if pad > 0:
        pairs.append((CONV_PADDING_IGNORED, reference_conv2d_forward(X, W, b, stride, 0)))
        # one side only (top-left or bottom-right), or twice the padding
        for sides in ((pad, 0, pad, 0), (0, pad, 0, pad), (2 * pad,) * 4,
                      (2 * pad, 0, 2 * pad, 0)):
            wrong = correlate_padded(pad_images(X, *sides), W, b, stride)
            pairs.append((CONV_PADDING_WRONG, wrong))
    return pairs


def dx_mistakes(dout, X, W, stride, pad):
    H, W_in = X.shape[2], X.shape[3]
    padded = (X.shape[0], X.shape[1], H + 2 * pad, W_in + 2 * pad)
    crop = (slice(None), slice(None), slice(pad, pad + H), slice(pad, pad + W_in))
    dX_pad = scatter_dx(dout, W, padded, stride)
    pairs = [(CONV_DX_FLIPPED, scatter_dx(dout, W[:, :, ::-1, ::-1], padded, stride)[crop]),
             (CONV_DX_OVERWRITTEN, scatter_dx(dout, W, padded, stride, accumulate=False)[crop]),
             (CONV_GRAD_AVERAGED, dX_pad[crop] / X.shape[0])]
    # one filter at a time, each overwriting the last (loops over n, f, i, j with =)
    overwritten = np.zeros(padded)
    F, _, HH, WW = W.shape
    for n in range(X.shape[0]):
        for f in range(F):
            for i in range(dout.shape[2]):
                for j in range(dout.shape[3]):
                    overwritten[n, :, i * stride:i * stride + HH, j * stride:j * stride + WW] = \
                        dout[n, f, i, j] * W[f]
    pairs.append((CONV_DX_OVERWRITTEN, overwritten[crop]))
    if pad > 0:
        pairs.append((CONV_DX_NO_CROP, dX_pad))
    else:
        pairs.append((CONV_DX_CROP_PAD0, np.zeros(X.shape[:2] + (0, 0))))
    return pairs


def dw_mistakes(dout, X, W, stride, pad):
    X_pad = pad_images(X, pad)
    F, _, HH, WW = W.shape
    i_last, j_last = dout.shape[2] - 1, dout.shape[3] - 1
    last = window_at(X_pad, i_last, j_last, HH, WW, stride)
    first = window_at(X_pad, 0, 0, HH, WW, stride)
    dW = reference_dw(dout, X_pad, W.shape, stride)
    return [
        (CONV_DW_ONE_POSITION, np.einsum("nf,nchw->fchw", dout[:, :, i_last, j_last], last)),
        (CONV_DW_ONE_POSITION, np.einsum("nf,nchw->fchw", dout[:, :, 0, 0], first)),
        (CONV_DW_ONE_POSITION, np.einsum("f,chw->fchw", dout[-1, :, i_last, j_last], last[-1])),
        (CONV_DW_BATCH_NOT_SUMMED, reference_dw(dout[-1:], X_pad[-1:], W.shape, stride)),
        (CONV_DW_BATCH_NOT_SUMMED, reference_dw(dout[:1], X_pad[:1], W.shape, stride)),
        (CONV_GRAD_AVERAGED, dW / X.shape[0]),
        (CONV_DW_FLIPPED, dW[:, :, ::-1, ::-1]),
    ]


def db_mistakes(dout):
    return [(CONV_DB_NOT_SUMMED, dout[-1].sum(axis=(1, 2))),
            (CONV_DB_NOT_SUMMED, dout[0].sum(axis=(1, 2))),
            (CONV_DB_NOT_SUMMED, dout.sum(axis=(2, 3))),
            (CONV_GRAD_AVERAGED, dout.sum(axis=(0, 2, 3)) / dout.shape[0])]


# --- test cases --------------------------------------------------------------------
def conv_cases(rng):
    """(X, W, b, stride, pad) cases, the most telling first: stride 2 with padding, then
    each of stride and padding alone, then neither. N, C, F >= 2; nothing is square."""
    cases = []
    for stride, pad in ((2, 1), (1, 0), (2, 0), (1, 1)):
        N, C, F = (int(v) for v in rng.integers(2, 4, size=3))
        HH, WW = (int(v) for v in rng.permutation([2, 3]))
        if stride == 2 and pad == 0:
            HH, WW = 3, 2  # overlapping windows along the rows, adjacent along the columns
        # the larger output along the larger filter size: then H != W as well
        H_out, W_out = (5, 4) if HH > WW else (4, 5)
        # sizes chosen so that (H + 2·pad − HH) is a multiple of the stride
        H = (H_out - 1) * stride + HH - 2 * pad
        W_in = (W_out - 1) * stride + WW - 2 * pad
        X = rng.standard_normal((N, C, H, W_in))
        W = rng.standard_normal((F, C, HH, WW))
        b = rng.standard_normal(F)
        cases.append((X, W, b, stride, pad))
    return cases


def describe(X, W, stride, pad):
    return (f"for X of shape {X.shape}, W of shape {W.shape}, stride = {stride}, pad = {pad} "
            f"(H' = 1 + (H + 2·pad − HH) / stride)")


# --- checks --------------------------------------------------------------------------
def refuse_conv_libraries(function, name):
    """Fail if ``function`` (or a helper it calls from the notebook) uses a library's
    convolution; the course library's is refused by ``assert_no_shortcut``."""
    assert_no_shortcut(function, name, forbidden=NNLIB_CONVOLUTIONS)
    if uses_module(function, CONV_LIBRARY_MODULES):
        fail(CONV_LIBRARY.explain(name=name), CONV_LIBRARY)


def _check_count(value, expected, name, context, mistakes, probe=None, group=""):
    """A count must be an int (a Python or NumPy integer), and the right one."""
    number = as_float_array(value, name)
    if number.size != 1:
        fail(tr("{name} returns an array of shape {number_shape}: return one whole number").format(
                 name=name, number_shape=number.shape))
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (numbers.Integral,
                                                                      np.integer)):
        right = number.reshape(()).tolist() == expected
        hint = tr(" (its value is right)") if right else ""
        fail(tr("{name} returns a {type}{hint}: a number of parameters is a "
                "whole number, so return an int, e.g. int(...) around your result").format(
                 name=name, type=type_name(value), hint=hint))
    check_number(value, expected, name, context=context, mistakes=mistakes, probe=probe,
                 group=group)


def _count_probe(function, name, shape, n):
    """A count depends on the sizes of a shape, not on the order they are listed in."""
    def answer(args):
        shape, n = args
        value = as_float_array(call(function, name, shape, n), name).reshape(-1)[0]
        return float(value), float(int(np.prod(shape)) * n + n)
    return Probe(answer, (shape, n), (
        (N_("the same sizes are listed in another order"),
         lambda a: (tuple(a[0][::-1]), a[1])),))


def _count_mistakes(sizes, n):
    """(Mistake, wrong count) pairs for the sizes of one input (filter) and n units."""
    weights = int(np.prod(sizes))
    pairs = [(COUNT_BIASES_MISSING, weights * n), (COUNT_ONE_BIAS, weights * n + 1),
             (COUNT_WEIGHTS_OF_ONE, weights + n)]
    if len(sizes) > 1:  # for one size, its sum is its product
        pairs.append((COUNT_SUM_OF_SIZES, sum(sizes) * n + n))
    for k in range(len(sizes)):  # every product that leaves one size out
        rest = sizes[:k] + sizes[k + 1:]
        if rest:
            pairs.append((COUNT_SIZE_MISSING, int(np.prod(rest)) * n + n))
    return pairs


def _telling_case(rng, k, low, high, n_range):
    """(sizes, n): k distinct sizes and n > 1 for which the correct count and every
    mistake's count are all different, so that a wrong count names its mistake."""
    while True:
        sizes = tuple(int(v) for v in rng.choice(np.arange(low, high), size=k, replace=False))
        n = int(rng.integers(*n_range))
        values = [int(np.prod(sizes)) * n + n] + [v for _, v in _count_mistakes(list(sizes), n)]
        if len(set(values)) == len(values):
            return sizes, n


@explained
def check_count_dense_params(count_dense_params, rng=None):
    """count_dense_params(input_shape, n_units) -> int: prod(input_shape)·n + n."""
    rng = rng_for("count_dense_params", rng)
    name = "count_dense_params"
    sizes, n = _telling_case(rng, 3, 2, 13, (3, 9))
    cases = [(sizes, n), (tuple(rng.permutation(sizes).tolist()), n + 1),
             _telling_case(rng, 2, 5, 30, (3, 9)), _telling_case(rng, 1, 20, 200, (3, 9)),
             ((64, 64, 3), 10), ((3, 64, 64), 1)]
    for shape, n in cases:
        value = call(count_dense_params, name, shape, n)
        expected = int(np.prod(shape)) * n + n
        _check_count(value, expected, f"{name}({shape}, {n})",
                     "(an input of that shape, fully connected to n units)",
                     _count_mistakes(list(shape), n), group=name,
                     probe=_count_probe(count_dense_params, name, shape, n))


@explained
def check_count_conv_params(count_conv_params, rng=None):
    """count_conv_params(filter_shape, n_filters) -> int: prod(filter_shape)·F + F."""
    rng = rng_for("count_conv_params", rng)
    name = "count_conv_params"
    sizes, n = _telling_case(rng, 3, 2, 8, (3, 9))
    cases = [(sizes, n), (tuple(rng.permutation(sizes).tolist()), n + 1),
             _telling_case(rng, 3, 2, 8, (10, 65)), ((4, 4, 3), 10), ((3, 4, 4), 1)]
    for shape, n in cases:
        value = call(count_conv_params, name, shape, n)
        expected = int(np.prod(shape)) * n + n
        _check_count(value, expected, f"{name}({shape}, {n})",
                     "(n filters, each of that shape)", _count_mistakes(list(shape), n),
                     group=name, probe=_count_probe(count_conv_params, name, shape, n))


def _pair(result, name, what):
    if not isinstance(result, (tuple, list)) or len(result) != 2:
        fail(tr("{name} must return a pair {what}; it returned {type}").format(
                 name=name, what=what, type=type_name(result))
             + (f" of length {len(result)}" if isinstance(result, (tuple, list)) else ""))
    return result


@explained
def check_conv2d_forward(conv2d_forward, rng=None):
    """conv2d_forward(X, W, b, stride=1, pad=0) -> (out, cache)."""
    name = "conv2d_forward"
    refuse_conv_libraries(conv2d_forward, name)
    rng = rng_for(name, rng)
    for X, W, b, stride, pad in conv_cases(rng):
        result = call(conv2d_forward, name, X.copy(), W.copy(), b.copy(), stride=stride, pad=pad)
        out, _ = _pair(result, name, "(out, cache)")
        expected = reference_conv2d_forward(X, W, b, stride, pad)
        bias = np.broadcast_to(b.reshape(1, -1, 1, 1), expected.shape)
        check_array(out, expected, "out", context=describe(X, W, stride, pad),
                    facts=conv_facts(X, W, stride, pad),
                    terms=(Term(N_("the sums over the windows"), expected - bias),
                           Term(N_("the bias b"), bias,
                                N_("Each output gets its filter's bias once."))),
                    mistakes=forward_mistakes(X, W, b, stride, pad))


def conv_facts(X, W, stride, pad):
    """The sizes of a convolution case that a wrong factor may be made of."""
    N, C, _, _ = X.shape
    return (Fact("C", C, N_("the number of input channels")),
            Fact("N", N, N_("the number of images")),
            Fact("F", W.shape[0], N_("the number of filters")), Fact("stride", stride),
            Fact("pad", pad))


def _standard_caches(X, W, b, stride, pad):
    """Cache formats students commonly use, for when their forward gives none."""
    return [(X.copy(), W.copy(), b.copy(), stride, pad),
            (X.copy(), W.copy(), b.copy(), {"stride": stride, "pad": pad})]


def _backward_outputs(conv2d_backward, dout, cache):
    result = call(conv2d_backward, "conv2d_backward", dout.copy(), cache)
    if not isinstance(result, (tuple, list)) or len(result) != 3:
        fail(tr("conv2d_backward must return a triple (dX, dW, db); it returned "
                "{type}").format(type=type_name(result)))
    return result


def _check_gradients(result, dout, X, W, b, stride, pad):
    dX, dW, db = result
    ref_dX, ref_dW, ref_db = reference_conv2d_backward(dout, X, W, b, stride, pad)
    context = describe(X, W, stride, pad)
    facts = conv_facts(X, W, stride, pad)
    check_array(dX, ref_dX, "dX", context=context, mistakes=dx_mistakes(dout, X, W, stride, pad),
                facts=facts)
    check_array(dW, ref_dW, "dW", context=context, mistakes=dw_mistakes(dout, X, W, stride, pad),
                facts=facts)
    check_array(db, ref_db, "db", context=context, mistakes=db_mistakes(dout), facts=facts)


@explained
def check_conv2d_backward(conv2d_backward, rng=None):
    """conv2d_backward(dout, cache) -> (dX, dW, db), with the cache of the student's own
    conv2d_forward on each case (so any cache format works). The forward's values are
    not graded here: only the gradients are compared with the references."""
    name = "conv2d_backward"
    refuse_conv_libraries(conv2d_backward, name)
    rng = rng_for(name, rng)
    forward = student_global(conv2d_backward, "conv2d_forward")
    for X, W, b, stride, pad in conv_cases(rng):
        H_out, W_out = output_size(X.shape[2], X.shape[3], W.shape[2], W.shape[3], stride, pad)
        dout = rng.standard_normal((X.shape[0], W.shape[0], H_out, W_out))
        problem = "is not defined in the notebook"
        if forward is not None:
            try:
                result = call(forward, "conv2d_forward", X.copy(), W.copy(), b.copy(),
                              stride=stride, pad=pad)
                _, cache = _pair(result, "conv2d_forward", "(out, cache)")
                problem = None
            except AssertionError as err:
                problem = str(err)
        if problem is None:
            _check_gradients(_backward_outputs(conv2d_backward, dout, cache),
                             dout, X, W, b, stride, pad)
            continue
        # No cache from the student's forward: try the usual formats before giving up.
        for standard in _standard_caches(X, W, b, stride, pad):
            try:
                _check_gradients(_backward_outputs(conv2d_backward, dout, standard),
                                 dout, X, W, b, stride, pad)
                break
            except AssertionError:
                continue
        else:
            fail(tr("conv2d_backward is graded with the cache your conv2d_forward returns,"
                    " but conv2d_forward {problem}. Fix conv2d_forward first: its "
                    "own test says what is wrong.").format(
                     problem=problem.rstrip('.')))


# --- the two questions ----------------------------------------------------------------
SHARED_GRAD_AVERAGED = Mistake(
    "shared_grad_averaged_over_positions",
    "{name} is the mean over the positions: a shared weight's gradient is the *sum* of "
    "its gradients at every position where it is used, Σ_i ∂J/∂y_i · x_i.")
SHARED_GRAD_IS_BIAS_GRAD = Mistake(
    "shared_grad_missing_input",
    "{name} adds up ∂J/∂y_i alone, which is the gradient of a shared bias: each term of "
    "the weight's gradient is also multiplied by the input the weight met there, "
    "∂y_i/∂w_1 = x_i.")

#: The question's 1-D signal and the gradient sent back by the layer above.
SHARED_X = (2.0, -1.0, 3.0, 1.0)
SHARED_DY = (0.5, -1.0, 2.0)


def _shared_dw(offset):
    return sum(g * SHARED_X[i + offset] for i, g in enumerate(SHARED_DY))


@explained
def check_answer_shared_dw(answer, rng=None):
    """answer_shared_dw: Σ_i dy_i x_i = 0.5·2 + (−1)(−1) + 2·3 = 8 (0.1 % relative)."""
    check_number(answer, _shared_dw(0), "answer_shared_dw", rtol=1e-3, atol=0.0,
                 mistakes=[(CONV_DW_ONE_POSITION, SHARED_DY[0] * SHARED_X[0]),
                           (CONV_DW_FLIPPED, _shared_dw(1)),
                           (SHARED_GRAD_AVERAGED, _shared_dw(0) / len(SHARED_DY)),
                           (SHARED_GRAD_IS_BIAS_GRAD, sum(SHARED_DY))])


BALL_POSITION_BOUND = Mistake(
    "shared_filter_tied_to_position",
    "{name}: that is what happens to the dense model, whose weights belong to pixel "
    "positions. The filter's 48 weights are the same at every position, so what it learned "
    "from balls on the left it applies on the right; max pooling takes the best match, "
    "wherever it is.")
BALL_FEWER_PARAMETERS = Mistake(
    "fewer_parameters_means_weaker",
    "{name}: fewer parameters are not a handicap here. The 48 shared weights describe what "
    "a ball looks like, which is all the task needs; the dense model's extra weights are "
    "tied to positions, and those of the right half were never trained.")
BALL_NEEDS_POSITION = Mistake(
    "shared_filter_needs_position",
    "{name}: the filter is slid over every position, and global max pooling keeps the "
    "largest response wherever it is: the model never needs to know where the ball is.")
BALL_OPTIONS = {"i": BALL_POSITION_BOUND, "ii": None, "iii": BALL_FEWER_PARAMETERS,
                "iv": BALL_NEEDS_POSITION}


@explained
def check_answer_ball_prediction(answer, rng=None):
    """answer_ball_prediction: "ii" (the shared filter finds the ball wherever it is)."""
    check_choice(answer, "answer_ball_prediction", BALL_OPTIONS)
