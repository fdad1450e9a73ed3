# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # Lesson 08 — Parameter sharing
#
# A dense layer gives every input pixel its own weight in every unit. For images that is
# both wasteful and blind: a pattern learned in one corner means nothing in another. A
# **convolutional** layer slides one small filter over every position of the image, so
# that the same few weights are used everywhere. This lesson builds that layer, forward
# and backward, and shows what the sharing buys.
#
# **By the end of this lesson you can**
# 1. count the parameters of a dense and of a convolutional layer, and explain the
#    slides' numbers: 12,288 weights per unit against 48 shared weights per filter;
# 2. explain, and show on a small experiment, why a dense model cannot recognise a ball in
#    a place it has never seen, while one shared filter can;
# 3. compute a convolution (a cross-correlation, as every deep-learning library does) with
#    stride and padding, and its output size;
# 4. derive its backward pass: the gradient of a shared weight is the **sum** of its
#    gradients at every position where it is used; check it numerically;
# 5. explain im2col, the trick that turns a convolution into one matrix product;
# 6. place convolutional networks in their history, from Hubel & Wiesel to ImageNet 2012.
#
# You will write four functions, `count_dense_params`, `count_conv_params`,
# `conv2d_forward` and `conv2d_backward`, and answer two questions. Each one is followed
# by a test cell: the visible checks run in the notebook, and hidden checks with fresh
# random cases run when your work is graded.

# %% [markdown]
# ## Notation used in every lesson
#
# | symbol | meaning | in code |
# |---|---|---|
# | $m$ | number of examples | `m` |
# | $x^{(i)}, y^{(i)}$ | input and target of example $i$ | `x[i]`, `y[i]` |
# | $\hat y$ | the model's prediction | `y_hat` |
# | $w$, $b$ | weight and bias | `w`, `b` |
# | $\alpha$ | learning rate | `learning_rate` |
#
# Earlier lessons stack examples as **columns**: `X` has shape `(n_0, m)`, `Y` has shape
# `(n_L, m)`, parameters live in a dict `params` with keys `"W1", "b1", …`, and their
# gradients use the same keys with a `d` prefix (`"dW1"`). Numbers are NumPy float64, and
# randomness always comes from an explicit generator `rng`.
#
# **Images in this lesson.** A batch of images is a 4-D array, as in CS231n and PyTorch:
#
# | symbol | meaning | in code |
# |---|---|---|
# | $N$ | number of images in the batch (the $m$ above) | `N` |
# | $C$, $H$, $W$ | channels (3 for RGB), height, width of an image | `C`, `H`, `W_in` |
# | $F$ | number of filters | `F` |
# | $H_f$, $W_f$ | height and width of a filter | `HH`, `WW` |
# | $S$, $P$ | stride and padding | `stride`, `pad` |
# | $H'$, $W'$ | height and width of the output | `H_out`, `W_out` |
# | $X$ | images, shape $(N, C, H, W)$ | `X` |
# | $W$ | filters, shape $(F, C, H_f, W_f)$ | `W` |
# | $b$ | one bias per filter, shape $(F,)$ | `b` |
# | $\mathrm{out}$ | feature maps, shape $(N, F, H', W')$ | `out` |
#
# The letter $W$ names both the filters and the image width; in code the width is `W_in`.

# %% nbgrader={"grade": false, "grade_id": "setup", "locked": true, "schema_version": 3, "solution": false, "task": false}
import math
import time

import numpy as np
import matplotlib.pyplot as plt

from nnlib import conv_plots, data, plotting
from nnlib.activations import sigmoid
from nnlib.gradcheck import numerical_grad, rel_error
from nnlib.losses import cross_entropy

rng = np.random.default_rng(8)

# %% [markdown]
# ## 1. How many weights does an image need?
#
# A colour image of 64×64 pixels holds $64 \cdot 64 \cdot 3 = 12{,}288$ numbers. Flatten it
# into a vector and feed it to a dense layer: each unit computes
# $z = \sum_{k=1}^{12288} w_k x_k + b$, so it needs **12,288 weights** and one bias. A layer
# of $n$ units has
#
# $$12{,}288 \cdot n + n \quad\text{parameters.}$$
#
# With $n = 100$ units that is 1,228,900 parameters for the first layer alone, and each of
# them is tied to one pixel position.
#
# **Exercise 1.** Write `count_dense_params(input_shape, n_units)`: the number of
# parameters (weights and biases) of a dense layer of `n_units` units whose input is one
# array of shape `input_shape`, flattened. `input_shape` lists the sizes of the input's
# dimensions, in any order and any number of them: `(64, 64, 3)`, `(3, 64, 64)` and
# `(12288,)` all describe 12,288 inputs. Return an `int`.

# %% nbgrader={"grade": false, "grade_id": "count_dense_params", "locked": false, "schema_version": 3, "solution": true, "task": false}
def count_dense_params(input_shape, n_units):
    """Weights plus biases of a dense layer: n_units units, each seeing every input number.

    input_shape: tuple of the input's sizes, any order, e.g. (64, 64, 3) or (12288,).
    Returns an int.
    """
    ### BEGIN SOLUTION
    n_inputs = math.prod(input_shape)        # the order of the sizes does not matter
    return n_inputs * n_units + n_units      # one weight per input per unit, one bias per unit
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_count_dense_params", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
### BEGIN HIDDEN TESTS
from autograder.lessons import lesson08
lesson08.check_count_dense_params(count_dense_params)
### END HIDDEN TESTS
assert count_dense_params((64, 64, 3), 1) == 12_289, "one unit: 12,288 weights and one bias"
assert count_dense_params((3, 64, 64), 10) == 122_890, "the order of the sizes does not matter"
assert count_dense_params((12_288,), 10) == 122_890, "a flat input of 12,288 numbers is the same"

# %% [markdown]
# ### One filter, shared by every position
#
# A convolutional unit looks at a small **window** instead, say 4×4 pixels across the 3
# colour channels: it has $4 \cdot 4 \cdot 3 = 48$ weights and one bias. The same 48
# weights are then used at **every** position of the window over the image: they are
# **shared**. The unit's outputs over all positions form a **feature map**, and a layer of
# $F$ such filters has
#
# $$48 \cdot F + F \quad\text{parameters,}$$
#
# however large the image is.
#
# **Exercise 2.** Write `count_conv_params(filter_shape, n_filters)`: the parameters of a
# convolutional layer of `n_filters` filters, each of shape `filter_shape` (height, width
# and channels in any order, e.g. `(4, 4, 3)` or `(3, 4, 4)`), with one bias per filter.
# Return an `int`.

# %% nbgrader={"grade": false, "grade_id": "count_conv_params", "locked": false, "schema_version": 3, "solution": true, "task": false}
def count_conv_params(filter_shape, n_filters):
    """Weights plus biases of a convolutional layer of n_filters filters of filter_shape.

    filter_shape: the sizes of one filter, any order, e.g. (4, 4, 3) or (3, 4, 4).
    Returns an int.
    """
    ### BEGIN SOLUTION
    weights_per_filter = math.prod(filter_shape)
    return (weights_per_filter + 1) * n_filters   # each filter: its weights and one bias
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_count_conv_params", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
### BEGIN HIDDEN TESTS
from autograder.lessons import lesson08
lesson08.check_count_conv_params(count_conv_params)
### END HIDDEN TESTS
assert count_conv_params((4, 4, 3), 1) == 49, "one 4x4x3 filter: 48 shared weights and one bias"
assert count_conv_params((3, 4, 4), 10) == 490, "ten filters: 48·10 + 10; any order of the sizes"

# %% [markdown]
# The comparison of the slides "8.2 Neural Network (Part 3): Learning", for a 64×64×3
# image:

# %% nbgrader={"grade": false, "grade_id": "count_table", "locked": true, "schema_version": 3, "solution": false, "task": false}
print(f"{'units / filters':>16} {'dense (64, 64, 3)':>18} {'conv (4, 4, 3)':>15}")
for n in (1, 10, 100):
    print(f"{n:>16} {count_dense_params((64, 64, 3), n):>18,} "
          f"{count_conv_params((4, 4, 3), n):>15,}")

# %% [markdown]
# A convolutional layer with 100 filters has fewer parameters than *one* dense unit.
# Fewer parameters means less data needed to fit them, less memory, and — as the next
# experiment shows — a model that is right in places it has not been trained on.
#
# ## 2. A ball in a place the model has never seen
#
# Here is a small task. Each image is 12×12 pixels in colour, with noise; half of the
# images contain a red ball. The **training** images have the ball only in the **left**
# half; we test on images with the ball in the **right** half.

# %% nbgrader={"grade": false, "grade_id": "ball_data", "locked": true, "schema_version": 3, "solution": false, "task": false}
X_train, y_train = conv_plots.ball_images(100, rng, side="left")
X_same, y_same = conv_plots.ball_images(100, rng, side="left")     # new images, same side
X_other, y_other = conv_plots.ball_images(100, rng, side="right")  # the ball on the other side
print("training images", X_train.shape, "with a ball:", int(y_train.sum()))

examples = np.concatenate([X_train[y_train == 1][:4], X_train[y_train == 0][:2],
                           X_other[y_other == 1][:2]])
conv_plots.show_images(examples, ["train: ball"] * 4 + ["train: none"] * 2 + ["test: ball"] * 2,
                       "Training images (ball on the left) and test images (ball on the right)")
plt.show()

# %% [markdown]
# *Figure 1. Eight of the 12×12 colour images. The first four training images hold a ball
# in the left half, the next two hold only noise; the last two are test images with the
# ball in the right half, a place no training image had one.*
#
# ### A dense model
#
# The dense model is logistic regression on the 432 flattened pixels:
# $\hat y = \sigma(w^\top x + b)$, trained by gradient descent on the cross-entropy.

# %% nbgrader={"grade": false, "grade_id": "dense_model", "locked": true, "schema_version": 3, "solution": false, "task": false}
def flat(X):
    """(N, C, H, W) images -> (C·H·W, N) columns, the course's convention for dense models."""
    return X.reshape(X.shape[0], -1).T


def accuracy(p, y):
    return float(np.mean((p > 0.5) == (y > 0.5)))


w_dense, b_dense = np.zeros((1, 432)), 0.0
for step in range(300):
    p = sigmoid(w_dense @ flat(X_train) + b_dense)[0]
    error = (p - y_train) / len(y_train)     # dJ/dz of the mean cross-entropy
    w_dense -= 0.5 * error @ flat(X_train).T
    b_dense -= 0.5 * error.sum()


def dense_predict(X):
    return sigmoid(w_dense @ flat(X) + b_dense)[0]


dense_acc = {"train": accuracy(dense_predict(X_train), y_train),
             "new images, same side": accuracy(dense_predict(X_same), y_same),
             "ball on the other side": accuracy(dense_predict(X_other), y_other)}
for split, acc in dense_acc.items():
    print(f"dense model, {split:>22}: accuracy {acc:.0%}")

conv_plots.show_weights(w_dense.reshape(3, 12, 12),
                        title="The dense model's 432 weights after training")
plt.show()

# %% [markdown]
# *Figure 2. The trained weights of the dense model, one 12×12 map per colour channel
# (red positive, blue negative). The weights that see the right half of the image hardly
# moved from zero: no training image ever showed them a ball.*
#
# The dense model is perfect on the left half and close to guessing on the right half.
# It has not learned "a red blob"; it has learned "red in *these* pixels". Every pixel
# position has its own weights, and the weights of positions that never saw a ball stay
# untrained. We will come back to this task with one shared filter (section 7), once we
# have the convolution and its gradient.
#
# ## 3. Convolution, the way libraries compute it
#
# A convolutional layer slides each filter $W_f$ (shape $C \times H_f \times W_f$) over
# the image and takes, at every position, the dot product of the filter with the window
# under it, plus the filter's bias:
#
# $$\mathrm{out}[n, f, i, j] = b_f + \sum_{c=0}^{C-1}\sum_{p=0}^{H_f-1}\sum_{q=0}^{W_f-1}
#   X_{\mathrm{pad}}[n, c,\; iS + p,\; jS + q]\; W[f, c, p, q].$$
#
# Strictly, this is a **cross-correlation**. The mathematical convolution flips the
# kernel, $(x * k)[i] = \sum_p x[i - p]\,k[p]$, i.e. it correlates with $k$ reversed in
# every spatial direction. Every deep-learning library (PyTorch's `Conv2d`, TensorFlow,
# JAX) computes the cross-correlation above and calls it "convolution"; since the filter
# is learned, a flipped filter would simply be learned flipped. We follow the libraries,
# and the graders check that you do *not* flip.
#
# - **Stride** $S$: the window moves $S$ pixels at a time, so output $(i, j)$ reads the
#   window whose top-left corner is $(iS, jS)$.
# - **Padding** $P$: $P$ rows and columns of zeros are added on every side of each image
#   first ($X_{\mathrm{pad}}$ has shape $(N, C, H + 2P, W + 2P)$), so that the filter can be
#   centred on border pixels. Only the two spatial axes are padded, never $N$ or $C$.
#
# The window fits $H + 2P - H_f$ pixels of room below its first position, and moves $S$
# pixels at a time, so
#
# $$H' = 1 + \frac{H + 2P - H_f}{S}, \qquad W' = 1 + \frac{W + 2P - W_f}{S}.$$
#
# We use sizes for which the division is exact. With $P = (H_f - 1)/2$ and $S = 1$
# ("same" padding) the output has the size of the input.

# %% nbgrader={"grade": false, "grade_id": "output_sizes", "locked": true, "schema_version": 3, "solution": false, "task": false}
def out_size(n, n_filter, stride, pad):
    return 1 + (n + 2 * pad - n_filter) // stride


for H, HH, stride, pad in ((64, 4, 1, 0), (64, 4, 2, 1), (8, 3, 1, 1), (7, 3, 2, 0)):
    print(f"H = {H:2}, filter {HH}, stride {stride}, pad {pad}: "
          f"H' = 1 + ({H} + {2 * pad} - {HH}) / {stride} = {out_size(H, HH, stride, pad)}")

# %% [markdown]
# **Exercise 3.** Write `conv2d_forward(X, W, b, stride=1, pad=0)` for images `X` of shape
# `(N, C, H, W)`, filters `W` of shape `(F, C, HH, WW)` and biases `b` of shape `(F,)`.
# Return `(out, cache)`: `out` of shape `(N, F, H', W')` and a `cache` holding whatever
# your `conv2d_backward` will need (its format is up to you). Plain loops are fine;
# `np.pad` pads only the axes you ask for.

# %% nbgrader={"grade": false, "grade_id": "conv2d_forward", "locked": false, "schema_version": 3, "solution": true, "task": false}
def conv2d_forward(X, W, b, stride=1, pad=0):
    """Cross-correlate images with filters.

    X: (N, C, H, W_in) images; W: (F, C, HH, WW) filters; b: (F,) biases.
    Returns (out, cache) with out of shape (N, F, H_out, W_out),
    H_out = 1 + (H + 2 pad - HH) // stride, W_out = 1 + (W_in + 2 pad - WW) // stride.
    """
    ### BEGIN SOLUTION
    N, C, H, W_in = X.shape
    F, _, HH, WW = W.shape
    H_out = 1 + (H + 2 * pad - HH) // stride
    W_out = 1 + (W_in + 2 * pad - WW) // stride
    X_pad = np.pad(X, ((0, 0), (0, 0), (pad, pad), (pad, pad)))  # zeros around H and W only
    out = np.zeros((N, F, H_out, W_out))
    for i in range(H_out):
        for j in range(W_out):
            top, left = i * stride, j * stride
            window = X_pad[:, :, top:top + HH, left:left + WW]       # (N, C, HH, WW)
            # one dot product per (image, filter) over channels, rows and columns
            out[:, :, i, j] = np.tensordot(window, W, axes=([1, 2, 3], [1, 2, 3])) + b
    cache = (X, W, b, stride, pad)
    return out, cache
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_conv2d_forward", "locked": true, "points": 4, "schema_version": 3, "solution": false, "task": false}
### BEGIN HIDDEN TESTS
from autograder.lessons import lesson08
lesson08.check_conv2d_forward(conv2d_forward)
### END HIDDEN TESTS
image = np.arange(16.0).reshape(1, 1, 4, 4)
out_sum, _ = conv2d_forward(image, np.ones((1, 1, 2, 2)), np.zeros(1))
assert out_sum.shape == (1, 1, 3, 3), f"4x4 image, 2x2 filter: a 3x3 map, not {out_sum.shape}"
assert out_sum[0, 0, 0, 0] == 0 + 1 + 4 + 5, "the first window holds pixels 0, 1, 4 and 5"
corner = np.array([[[[1.0, 0.0], [0.0, 0.0]]]])   # picks the top-left pixel of each window
out_corner, _ = conv2d_forward(image, corner, np.array([0.5]))
assert np.allclose(out_corner[0, 0], image[0, 0, :3, :3] + 0.5), \
    "cross-correlation: W[0, 0] multiplies the window's top-left pixel (no flip), then add b"
out_strided, _ = conv2d_forward(np.ones((2, 3, 5, 7)), np.ones((4, 3, 3, 3)), np.zeros(4),
                                stride=2, pad=1)
assert out_strided.shape == (2, 4, 3, 4), \
    "stride 2, pad 1: H' = 1 + (5 + 2 - 3) / 2 = 3 and W' = 1 + (7 + 2 - 3) / 2 = 4"
assert out_strided[0, 0, 0, 0] == 3 * 2 * 2, "with pad 1, the first window has 2x2 pixels of image"

# %% [markdown]
# ## 4. What filters see: feature maps of the digits
#
# Before filters are learned, hand-made ones show what a convolution does. A **vertical
# edge** filter responds where the brightness changes from left to right; a **horizontal
# edge** filter, where it changes from top to bottom; a **blur** averages each pixel with
# its neighbours. Here they are on the 8×8 digits of lesson 03, with padding 1 so that each
# feature map has the digit's size.

# %% nbgrader={"grade": false, "grade_id": "feature_maps", "locked": true, "schema_version": 3, "solution": false, "task": false}
filters = {
    "vertical edge": np.array([[1.0, 0.0, -1.0], [2.0, 0.0, -2.0], [1.0, 0.0, -1.0]]),
    "horizontal edge": np.array([[1.0, 2.0, 1.0], [0.0, 0.0, 0.0], [-1.0, -2.0, -1.0]]),
    "diagonal edge": np.array([[0.0, 1.0, 2.0], [-1.0, 0.0, 1.0], [-2.0, -1.0, 0.0]]),
    "blur": np.full((3, 3), 1.0 / 9.0),
}
digits = data.load_digits("test")
picked = [int(np.flatnonzero(digits.labels == d)[0]) for d in (0, 4, 7)]
digit_images = digits.X[:, picked].T.reshape(-1, 1, 8, 8)       # (3, 1, 8, 8)
filter_bank = np.stack(list(filters.values()))[:, None]           # (4, 1, 3, 3)
maps, _ = conv2d_forward(digit_images, filter_bank, np.zeros(len(filters)), pad=1)
conv_plots.show_feature_maps(digit_images, maps, list(filters),
                             title="Feature maps of four hand-made 3×3 filters")
plt.show()

# %% [markdown]
# *Figure 3. Three digits (left column) and their feature maps for four hand-made 3×3
# filters (red positive, blue negative; one colour scale per filter). The edge filters
# light up along strokes of the matching direction, with opposite signs on the two sides
# of a stroke; the blur is a softened copy of the digit.*
#
# ### Explore it yourself
#
# Move the slider to slide the filter over the digit, one output position at a time, and
# watch the feature map fill in; the menu picks the filter. The numbers in the red window
# are the filter's weights: the output at that position is the sum of the products of
# these weights with the pixels under them. The maps are computed by **your**
# `conv2d_forward`.

# %% nbgrader={"grade": false, "grade_id": "explorer", "locked": true, "schema_version": 3, "solution": false, "task": false}
conv_plots.sliding_filter_explorer(digit_images[2, 0], filters, conv2d_forward)

# %% [markdown]
# *Figure 4 (interactive). Left: a digit with the 3×3 filter's window (red) at the current
# position and its weights. Right: the feature map, filled in up to that position (no
# padding, so 6×6); the red square is the entry just computed.*
#
# ## 5. The backward pass: a shared weight adds up its gradients
#
# Start in one dimension. A filter $(w_1, w_2)$ slides over $x = (x_1, x_2, x_3)$:
#
# $$y_1 = w_1 x_1 + w_2 x_2, \qquad y_2 = w_1 x_2 + w_2 x_3 .$$
#
# The weight $w_1$ is used twice, once per output. By the chain rule (lesson 02: a
# quantity that feeds several others collects a term from each),
#
# $$\frac{\partial J}{\partial w_1} = \frac{\partial J}{\partial y_1} x_1
#     + \frac{\partial J}{\partial y_2} x_2 :$$
#
# **the gradient of a shared weight is the sum of its gradients at every position where
# it is used.** In two dimensions, with $\mathrm{dout} = \partial J/\partial\,\mathrm{out}$
# given by the layer above:
#
# $$\frac{\partial J}{\partial b_f} = \sum_{n}\sum_{i}\sum_{j} \mathrm{dout}[n, f, i, j],$$
#
# $$\frac{\partial J}{\partial W[f, c, p, q]} = \sum_{n}\sum_{i}\sum_{j}
#   \mathrm{dout}[n, f, i, j]\; X_{\mathrm{pad}}[n, c,\; iS + p,\; jS + q].$$
#
# The bias and the weights are shared by every image of the batch *and* every position,
# so both sums run over $n$, $i$ and $j$. The gradient of the input runs the forward pass
# backwards: output $(i, j)$ used pixel $X_{\mathrm{pad}}[n, c, iS + p, jS + q]$ with
# weight $W[f, c, p, q]$, so each output sends $\mathrm{dout}[n, f, i, j]\, W[f]$ back onto
# its window, and windows that overlap **add up** (a scatter-add):
#
# $$\frac{\partial J}{\partial X_{\mathrm{pad}}[n, c, h, w]} = \sum_{f}\sum_{i}\sum_{j}
#   \mathrm{dout}[n, f, i, j]\; W[f, c,\; h - iS,\; w - jS]$$
#
# (terms with the filter index outside the filter count as zero). Finally cut the padding
# off: $dX = dX_{\mathrm{pad}}[:, :, P{:}P{+}H, P{:}P{+}W]$. For stride 1 the sum is a
# "full" cross-correlation of $\mathrm{dout}$ (padded by $H_f - 1$, $W_f - 1$) with the
# **flipped** filter: the backward pass of a cross-correlation is a true convolution.
#
# **Exercise 4.** Write `conv2d_backward(dout, cache)`: given `dout` of shape
# `(N, F, H', W')` and the `cache` of your `conv2d_forward`, return `(dX, dW, db)` with the
# shapes of `X`, `W` and `b`.

# %% nbgrader={"grade": false, "grade_id": "conv2d_backward", "locked": false, "schema_version": 3, "solution": true, "task": false}
def conv2d_backward(dout, cache):
    """Gradients of a convolutional layer.

    dout: (N, F, H_out, W_out), dJ/d out; cache: what conv2d_forward returned.
    Returns (dX, dW, db) of shapes (N, C, H, W_in), (F, C, HH, WW) and (F,).
    """
    ### BEGIN SOLUTION
    X, W, b, stride, pad = cache
    N, C, H, W_in = X.shape
    F, _, HH, WW = W.shape
    _, _, H_out, W_out = dout.shape
    X_pad = np.pad(X, ((0, 0), (0, 0), (pad, pad), (pad, pad)))
    dX_pad = np.zeros_like(X_pad)
    dW = np.zeros_like(W)
    db = dout.sum(axis=(0, 2, 3))          # b[f] is used by every image at every position
    for i in range(H_out):
        for j in range(W_out):
            top, left = i * stride, j * stride
            window = X_pad[:, :, top:top + HH, left:left + WW]
            grad_ij = dout[:, :, i, j]                                    # (N, F)
            dW += np.tensordot(grad_ij, window, axes=([0], [0]))         # shared: sum of uses
            dX_pad[:, :, top:top + HH, left:left + WW] += np.tensordot(grad_ij, W, axes=([1], [0]))
    dX = dX_pad[:, :, pad:pad + H, pad:pad + W_in]   # drop the gradient of the zero padding
    return dX, dW, db
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_conv2d_backward", "locked": true, "points": 4, "schema_version": 3, "solution": false, "task": false}
### BEGIN HIDDEN TESTS
from autograder.lessons import lesson08
lesson08.check_conv2d_backward(conv2d_backward)
### END HIDDEN TESTS
# One weight, one bias, one image: dW is the sum over positions of dout times the pixel.
x_small = np.arange(1.0, 7.0).reshape(1, 1, 2, 3)
_, cache_small = conv2d_forward(x_small, np.ones((1, 1, 1, 1)), np.zeros(1))
dX_s, dW_s, db_s = conv2d_backward(np.ones((1, 1, 2, 3)), cache_small)
assert np.shape(dW_s) == (1, 1, 1, 1) and np.isclose(dW_s[0, 0, 0, 0], 21.0), \
    "a shared weight sums its gradient over all 6 positions: 1 + 2 + ... + 6 = 21"
assert np.shape(db_s) == (1,) and np.isclose(db_s[0], 6.0), "db sums dout over every position"
assert np.shape(dX_s) == x_small.shape, "dX has the shape of X"
# Your backward pass against numerical gradients (lesson 04) of nnlib's forward pass, so
# that this check tests conv2d_backward alone; the cache comes from your conv2d_forward.
X_c, W_c = rng.standard_normal((2, 2, 5, 4)), rng.standard_normal((3, 2, 3, 2))
b_c = rng.standard_normal(3)
_, cache_c = conv2d_forward(X_c, W_c, b_c, stride=2, pad=1)
dout_c = rng.standard_normal(conv_plots.conv2d_im2col(X_c, W_c, b_c, stride=2, pad=1).shape)
grads_c = conv2d_backward(dout_c, cache_c)
for k, name in enumerate(("dX", "dW", "db")):
    def J(value, k=k):
        args = [X_c, W_c, b_c]
        args[k] = value
        return np.sum(conv_plots.conv2d_im2col(*args, stride=2, pad=1) * dout_c)
    numerical = numerical_grad(J, [X_c, W_c, b_c][k].copy())
    assert rel_error(grads_c[k], numerical) < 1e-7, f"{name} disagrees with the numerical gradient"


# %% [markdown]
# ### Gradient check
#
# As in lesson 04, we compare the analytic gradients with central differences on a small
# case with stride 2, padding 1 and nothing square. The loss $J = \sum \mathrm{out} \odot
# \mathrm{dout}$, for a fixed random `dout`, has exactly $\partial J / \partial\,\mathrm{out} =
# \mathrm{dout}$. (`nnlib.gradcheck.numerical_grad` and `rel_error` stand in for your own
# `numerical_gradient` and `relative_error` from lesson 04.)

# %% nbgrader={"grade": false, "grade_id": "gradient_check", "locked": true, "schema_version": 3, "solution": false, "task": false}
Xg = rng.standard_normal((2, 3, 7, 4))
Wg = rng.standard_normal((2, 3, 3, 2))
bg = rng.standard_normal(2)
out_g, cache_g = conv2d_forward(Xg, Wg, bg, stride=2, pad=1)
dout_g = rng.standard_normal(out_g.shape)
analytic = dict(zip(("dX", "dW", "db"), conv2d_backward(dout_g, cache_g)))


def loss_of(X_, W_, b_):
    return float(np.sum(conv2d_forward(X_, W_, b_, stride=2, pad=1)[0] * dout_g))


numerical = {"dX": numerical_grad(lambda v: loss_of(v, Wg, bg), Xg.copy()),
             "dW": numerical_grad(lambda v: loss_of(Xg, v, bg), Wg.copy()),
             "db": numerical_grad(lambda v: loss_of(Xg, Wg, v), bg.copy())}
print(f"out has shape {out_g.shape}")
for key in analytic:
    print(f"{key}: relative error {rel_error(analytic[key], numerical[key]):.1e}")

# %% [markdown]
# Relative errors around $10^{-10}$ or below: the backward pass is right (lesson 04's
# threshold for a correct gradient is about $10^{-7}$).
#
# The "full correlation with the flipped filter" view of $dX$ can be checked with your
# own forward pass: for stride 1, pad `dout` by $H_f - 1$, flip the filters in both
# spatial directions and swap their $F$ and $C$ axes (the gradient flows from the $F$
# output channels back to the $C$ input channels).

# %% nbgrader={"grade": false, "grade_id": "full_correlation", "locked": true, "schema_version": 3, "solution": false, "task": false}
Xs, Ws = rng.standard_normal((2, 3, 6, 5)), rng.standard_normal((4, 3, 3, 3))
out_s, cache_s = conv2d_forward(Xs, Ws, np.zeros(4))
dout_s = rng.standard_normal(out_s.shape)
dX_scatter = conv2d_backward(dout_s, cache_s)[0]
flipped = Ws[:, :, ::-1, ::-1].transpose(1, 0, 2, 3)          # (C, F, HH, WW)
dX_full, _ = conv2d_forward(dout_s, flipped, np.zeros(3), pad=2)
print("dX as a full correlation with the flipped filter, relative error:",
      f"{rel_error(dX_scatter, dX_full):.1e}")

# %% [markdown]
# ### Question: a shared weight by hand
#
# Back to one dimension. A filter $(w_1, w_2)$ slides over $x = (2, -1, 3, 1)$ with stride
# 1 and no padding, so there are three outputs,
# $y_i = w_1 x_i + w_2 x_{i+1}$ for $i = 1, 2, 3$. The layer above sends back
# $\partial J/\partial y = (0.5, -1, 2)$.
#
# **Question 1.** Set `answer_shared_dw` to $\partial J/\partial w_1$, a number (exact
# arithmetic: the check allows a relative difference of 0.1 %).

# %% nbgrader={"grade": false, "grade_id": "answer_shared_dw", "locked": false, "schema_version": 3, "solution": true, "task": false}
# Set answer_shared_dw to ∂J/∂w1: a number.
### BEGIN SOLUTION
x_q, dy_q = np.array([2.0, -1.0, 3.0, 1.0]), np.array([0.5, -1.0, 2.0])
answer_shared_dw = float(dy_q @ x_q[:3])
### END SOLUTION

# %% nbgrader={"grade": true, "grade_id": "test_answer_shared_dw", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
### BEGIN HIDDEN TESTS
from autograder.lessons import lesson08
lesson08.check_answer_shared_dw(answer_shared_dw)
### END HIDDEN TESTS
assert not isinstance(answer_shared_dw, (str, bool)) and np.size(answer_shared_dw) == 1, \
    "answer_shared_dw is one number"

# %% [markdown]
# ## 6. im2col: a convolution as one matrix product
#
# Loops over output positions run in Python, one small NumPy operation per position.
# Libraries instead gather every window into one column of a big matrix (**im2col**,
# "image to columns"): for a filter of $C H_f W_f$ weights the matrix has
# $C H_f W_f$ rows and $N H' W'$ columns. Then *all* outputs of *all* filters are one
# matrix product,
#
# $$\underbrace{W_{\mathrm{row}}}_{F \times C H_f W_f}\;
#   \underbrace{\mathrm{cols}}_{C H_f W_f \times N H' W'} + b
#   \;\longrightarrow\; (F, N, H', W') \;\longrightarrow\; (N, F, H', W'),$$
#
# which runs in optimised linear-algebra code (BLAS). The price is memory: each pixel is
# copied into up to $H_f W_f$ columns. `nnlib.conv_plots.conv2d_im2col` does exactly this;
# let us time it against your loops on a small batch.
#
# im2col is also the first of the **two ways to learn a shared filter** that the slides
# describe. (1) Slide the 4×4×3 region over the images and collect every window as a
# training vector of 48 numbers: these vectors are the columns of the im2col matrix, and
# one set of 48 weights is learned from all of them, as if each window were an example
# of its own. (2) Keep one unit per position, each with its own copy of the weights, but
# **tie** the copies: backpropagation computes each copy's gradient, and the shared
# weight moves by their sum (section 5). Both give the same gradient: in (1) the sum over
# windows is inside the matrix product $\mathrm{dout}\cdot\mathrm{cols}^{\mathsf T}$.

# %% nbgrader={"grade": false, "grade_id": "im2col_timing", "locked": true, "schema_version": 3, "solution": false, "task": false}
X_batch = rng.standard_normal((16, 3, 16, 16))
W_bank, b_bank = rng.standard_normal((8, 3, 3, 3)), rng.standard_normal(8)
cols = conv_plots.im2col(X_batch, 3, 3, stride=1, pad=1)
print("im2col matrix:", cols.shape, "= (C·HH·WW, N·H'·W')")


def best_time(fn, repeats=5):
    """The fastest of a few runs, in seconds: the least disturbed by other programs."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


t_loops = best_time(lambda: conv2d_forward(X_batch, W_bank, b_bank, stride=1, pad=1))
t_im2col = best_time(lambda: conv_plots.conv2d_im2col(X_batch, W_bank, b_bank, stride=1, pad=1))
same = rel_error(conv2d_forward(X_batch, W_bank, b_bank, stride=1, pad=1)[0],
                 conv_plots.conv2d_im2col(X_batch, W_bank, b_bank, stride=1, pad=1))
print(f"your loops {1e3 * t_loops:.2f} ms, im2col {1e3 * t_im2col:.2f} ms: "
      f"im2col is {t_loops / t_im2col:.1f} times faster (relative difference {same:.0e})")

# %% [markdown]
# The ratio depends on the machine and the sizes: the more output positions per image,
# the more Python-level loop iterations im2col saves. GPUs push the same idea further.
#
# ## 7. Back to the ball: one shared filter
#
# Now the shared model: **one** 4×4×3 filter — the slides' 48 shared weights, plus a
# bias — slid over the whole image with your `conv2d_forward`, followed by **global max
# pooling**: the score is the largest entry of the feature map, wherever it is, and
# $\hat y = \sigma(\text{score})$. The gradient of the max flows only to the position
# that won; `conv2d_backward` spreads it back to the 48 weights. Same data, same
# training images, same gradient descent as the dense model.
#
# ### Question: predict before you run
#
# The dense model was close to guessing on images with the ball in the right half. What
# will the shared-filter model do on those images, once trained on the same left-half
# images?
#
# - (i) It will be close to guessing too: no training image had a ball on the right.
# - (ii) It will do about as well as on the left: the same filter is applied at every
#   position, and the maximum finds the ball wherever it is.
# - (iii) It will do worse than the dense model: with 49 parameters instead of 433 it
#   cannot learn as much.
# - (iv) It will need the ball's position as an extra input to find it.
#
# **Question 2.** Set `answer_ball_prediction` to `"i"`, `"ii"`, `"iii"` or `"iv"`, then
# run the cells below to see.

# %% nbgrader={"grade": false, "grade_id": "answer_ball_prediction", "locked": false, "schema_version": 3, "solution": true, "task": false}
# Set answer_ball_prediction to "i", "ii", "iii" or "iv".
### BEGIN SOLUTION
answer_ball_prediction = "ii"
### END SOLUTION

# %% nbgrader={"grade": true, "grade_id": "test_answer_ball_prediction", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
### BEGIN HIDDEN TESTS
from autograder.lessons import lesson08
lesson08.check_answer_ball_prediction(answer_ball_prediction)
### END HIDDEN TESTS
assert str(answer_ball_prediction).strip().strip("()").lower() in ("i", "ii", "iii", "iv"), \
    'answer with one of "i", "ii", "iii", "iv"'

# %% nbgrader={"grade": false, "grade_id": "shared_model", "locked": true, "schema_version": 3, "solution": false, "task": false}
def shared_scores(X, W, b):
    """Global max pooling of the single feature map: (scores (N,), out, winners)."""
    out, cache = conv2d_forward(X, W, b)
    flat_maps = out.reshape(len(X), -1)
    winners = flat_maps.argmax(axis=1)            # where the filter fits best
    return flat_maps[np.arange(len(X)), winners], out, winners, cache


W_ball, b_ball = 0.1 * rng.standard_normal((1, 3, 4, 4)), np.zeros(1)
costs = []
for step in range(30):
    scores, out_ball, winners, cache_ball = shared_scores(X_train, W_ball, b_ball)
    p = sigmoid(scores)
    costs.append(cross_entropy(p, y_train))
    dout_ball = np.zeros((len(X_train), out_ball[0].size))
    dout_ball[np.arange(len(X_train)), winners] = (p - y_train) / len(y_train)  # max: winner only
    _, dW_ball, db_ball = conv2d_backward(dout_ball.reshape(out_ball.shape), cache_ball)
    W_ball -= 4.0 * dW_ball
    b_ball -= 4.0 * db_ball


def shared_predict(X):
    return sigmoid(shared_scores(X, W_ball, b_ball)[0])


shared_acc = {"train": accuracy(shared_predict(X_train), y_train),
              "new images, same side": accuracy(shared_predict(X_same), y_same),
              "ball on the other side": accuracy(shared_predict(X_other), y_other)}
for split, acc in shared_acc.items():
    print(f"shared filter, {split:>22}: accuracy {acc:.0%}")
print(f"cross-entropy {costs[0]:.3f} -> {costs[-1]:.3f} in {len(costs)} steps; "
      f"{count_conv_params((4, 4, 3), 1)} parameters against "
      f"{count_dense_params((3, 12, 12), 1)} for the dense model")

fig, (ax_bar, ax_w) = plt.subplots(1, 2, figsize=(11, 3.6), layout="constrained",
                                   gridspec_kw={"width_ratios": [1, 1.4]})
positions = np.arange(3)
ax_bar.bar(positions - 0.2, list(dense_acc.values()), 0.4, label="dense, 433 parameters")
ax_bar.bar(positions + 0.2, list(shared_acc.values()), 0.4, label="shared filter, 49 parameters")
ax_bar.set_xticks(positions, ["train", "same side", "other side"])
ax_bar.axhline(0.5, color="gray", linestyle=":", label="guessing")
ax_bar.set_ylim(0, 1.5)
ax_bar.set_yticks(np.linspace(0, 1, 6))
ax_bar.legend(fontsize="small", loc="upper left")
plotting.axes(ax_bar, "Accuracy of the two models", "test images", "accuracy")
conv_plots.show_weights(W_ball[0], ax=ax_w, title="The shared 4×4×3 filter after training")
plt.show()

# %% [markdown]
# *Figure 5. Left: accuracy of the dense model and of the shared-filter model on the
# training images, on new images with the ball on the same (left) side, and on images with
# the ball on the other (right) side. Right: the trained 4×4×3 filter, one 4×4 map per
# colour channel: a red, round blob detector.*
#
# The shared filter learns *what* a ball looks like, not *where* it was: since the same
# weights are applied at every position, a ball detected on the left is detected on the
# right. This is **translation equivariance** (shift the image, the feature map shifts
# with it), and max pooling over all positions turns it into **invariance** (the score
# does not move). It also needs 49 parameters instead of 433.
#
# ## 8. A short history
#
# - **1959 and 1962, Hubel & Wiesel** recorded single neurons in the cat's visual cortex.
#   *Simple cells* respond to an edge of one orientation in one small region of the visual
#   field (their *receptive field*); *complex cells* respond to the same edge anywhere in a
#   larger region. (Nobel Prize in 1981.)
# - **1980, Fukushima's Neocognitron** stacked layers of "S-cells" (a feature detector
#   replicated over every position: shared weights) and "C-cells" (pooling over nearby
#   positions), the architecture of today's networks, trained without backpropagation.
# - **1989, LeCun et al.** trained a network with shared-weight convolutional layers by
#   backpropagation to read handwritten ZIP codes; **1998, LeNet-5** (LeCun, Bottou, Bengio
#   & Haffner) read cheques for banks.
# - **2012, Krizhevsky, Sutskever & Hinton** won the ImageNet challenge (1.2 million
#   images, 1,000 classes) with a deep convolutional network trained on two GPUs, with
#   ReLU units and dropout: 15.3 % top-5 error against 26.2 % for the runner-up. Deep
#   learning took over computer vision.
#
# ## Where the sources differ
#
# - **Slides, the history.** The slides write "Hubel and Weisel", "Neocognitron (1988)" and
#   "LeNet 5, 1988". The name is **Wiesel**; the Neocognitron was published in **1980**;
#   LeCun's first convolutional network trained by backpropagation is from **1989**, and
#   LeNet-5 from **1998** (section 8).
# - **Slides, "and every ImageNet since".** Convolutional networks did win the ImageNet
#   challenge every year after 2012, until it ended in 2017; today other architectures
#   (for example vision transformers) compete with them.
# - **Slides, the football.** The slides' example is a photo with a football; we use small
#   generated images with a red ball (section 2), so that the experiment runs in seconds.
#
# ## Summary
#
# - A dense layer on a 64×64×3 image needs $12{,}288 \cdot n + n$ parameters; a
#   convolutional layer of $F$ filters of 4×4×3 needs $48 \cdot F + F$, whatever the image
#   size, because each filter's weights are **shared** by every position.
# - Sharing makes a detector learned in one place work in every place: the dense model
#   fails on a ball in an unseen position, one shared filter with max pooling does not.
# - Libraries' "convolution" is the cross-correlation
#   $\mathrm{out}[n,f,i,j] = b_f + \sum_{c,p,q} X_{\mathrm{pad}}[n,c,iS+p,jS+q]\,W[f,c,p,q]$
#   (the mathematical convolution flips the kernel), with
#   $H' = 1 + (H + 2P - H_f)/S$.
# - Backward: $db_f$ and $dW$ **sum** over every image and every position where the
#   shared parameter is used; $dX$ scatters $\mathrm{dout}\cdot W$ back onto each window,
#   adding where windows overlap (for stride 1, a full correlation with the flipped
#   filter), then drops the padding.
# - im2col turns the convolution into one matrix product: faster, at the cost of memory.
#
# ## Check yourself
#
# 1. How many parameters has a convolutional layer of 32 filters of size 5×5 on a
#    3-channel image? Does the answer change for 32×32 and for 1024×1024 images?
#
#    <details><summary>Answer</summary>
#
#    Each filter has $3\cdot 5\cdot 5 = 75$ weights and one bias: $32\cdot 75 + 32 = 2{,}432$.
#    The image size does not appear: the same 2,432 parameters serve a 32×32 and a
#    1024×1024 image, because every position shares them. (Only the output, the feature
#    map, gets larger.)
#
#    </details>
#
# 2. An image of height 28 goes through a 5×5 filter with stride 1 and no padding. What is
#    $H'$? Which padding keeps $H' = 28$?
#
#    <details><summary>Answer</summary>
#
#    $H' = 1 + (28 + 2\cdot 0 - 5)/1 = 24$. With padding $P = 2$:
#    $H' = 1 + (28 + 4 - 5)/1 = 28$. (In general $P = (H_f - 1)/2$ for an odd filter and
#    stride 1.)
#
#    </details>
#
# 3. Why does the dense model's accuracy on the right half stay near 50 %, although it is
#    perfect on the left half?
#
#    <details><summary>Answer</summary>
#
#    Each pixel position has its own weights. The gradient of a weight is proportional to
#    its input, and in the training images the pixels of the right half never held a ball,
#    so their weights learned nothing that detects a ball (Figure 2: they hardly moved).
#    On a ball on the right, the score depends on those untrained weights: the prediction
#    is close to a guess, and half of the test images have a ball.
#
#    </details>
#
# 4. In the backward pass, why is $db_f$ a sum over the batch *and* over positions, while
#    $\mathrm{out}$ has one entry per image and position?
#
#    <details><summary>Answer</summary>
#
#    The one bias $b_f$ is added to **every** output entry $\mathrm{out}[n, f, i, j]$ of
#    filter $f$, for every image and every position. A nudge to $b_f$ moves all those
#    entries at once, so the chain rule adds the contribution of every use: the sum over
#    paths of lesson 02. (The $\frac1m$ of the mean cost is already inside `dout`.)
#
#    </details>
#
# 5. A student computes `dW = window * dout[n, f, i, j]` inside the loops instead of `+=`.
#    What does their `dW` hold, and what would a gradient check show?
#
#    <details><summary>Answer</summary>
#
#    Each assignment overwrites the previous one, so `dW[f]` holds only the contribution of
#    the **last** image and position visited, not the sum over all of them. A gradient
#    check gives a large relative error for `dW` (of order $10^{-1}$ to 1), while `db` and
#    `dX`, if computed with sums, still pass.
#
#    </details>
#
# 6. You compute a mathematical convolution (flipped kernel) instead of a cross-correlation.
#    Does a network trained with it learn worse? Why do the graders still mark it wrong?
#
#    <details><summary>Answer</summary>
#
#    It learns just as well: flipping the kernel only renames the weights, and training
#    would find the flipped filter. But the exercise fixes a contract, the libraries'
#    cross-correlation: for a given `W` the outputs must be exactly these. With the flip,
#    weights trained in one library would give other outputs in your code, and your
#    `conv2d_backward` would no longer match your forward pass's convention.
#
#    </details>
#
# ## Check your code
#
# Working on your own? In a new cell, `from nnlib.selfcheck import check;
# check(count_dense_params)` runs one of your graded functions on the lesson's public
# test cases (fixed inputs and the outputs they must give) and, when an answer is wrong,
# names the mistake it matches in the hidden tests' words. It works offline and never
# shows reference code; the hidden tests grade on other, random cases. This lesson's
# graded functions are `count_dense_params`, `count_conv_params`, `conv2d_forward` and
# `conv2d_backward`.

# %% [markdown]
# ## Sources
#
# This lesson draws on:
#
# - K. Teachasrisaksakul, slides "8.2 Neural Network (Part 3): Learning" (in Thai), part
#   on parameter sharing: the football image scaled to 64×64×3 = 12,288 inputs, logistic
#   regression failing at unseen positions, the 4×4×3 region with 48 shared weights, the
#   two ways to learn it, and the history (Hubel and Wiesel, the Neocognitron, LeCun's
#   networks, ImageNet 2012).
#
# **Further reading** (the slides suggest starting with the AlexNet paper): A. Krizhevsky,
# I. Sutskever and G. E. Hinton, "ImageNet Classification with Deep Convolutional Neural
# Networks" (NeurIPS 2012); the slides' own references are Andrew Ng's *Machine Learning*
# course (Coursera) and his CS229 lecture notes (Stanford, 2017).
