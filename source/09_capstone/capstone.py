# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # Lesson 09 — Capstone: train the digits network with your own code
#
# Eight lessons built the pieces one at a time: forward propagation and the δ recurrence
# (lesson 03), gradient checking (04), initialisation (05), mini-batches and momentum (06)
# and L2 regularization (07). This lesson assembles **your** pieces into one training loop
# and trains a network on the 1,797 handwritten 8×8 digits shipped with `nnlib`. One
# piece is new: the output layer becomes a **softmax**, which turns the ten output units
# into ten probabilities that add up to 1.
#
# **By the end of this lesson you can**
# 1. compute the softmax of a batch, column by column, without overflow for large $|z|$;
# 2. write the cross-entropy of a softmax output, and derive that its output error is
#    again $\delta^{(L)} = a^{(L)} - y$;
# 3. backpropagate through sigmoid hidden layers and a softmax output, and check the
#    result against a numerical gradient (lesson 04);
# 4. assemble initialisation, shuffled mini-batches, momentum and L2 into `train`, and
#    reach a held-out accuracy above 95 % on the digits;
# 5. read learning curves and the hidden units' weights, and say when the order of the
#    examples changes the weights you end with.
#
# You will write five functions, `softmax`, `softmax_cost`, `softmax_backprop`,
# `predict` and `train`, and answer two questions in code. Each is followed by a test
# cell: the visible checks run in the notebook, and hidden checks with fresh random cases
# run when your work is graded. First you paste your own functions from lessons 03, 05,
# 06 and 07 into one marked cell (section 1).
#
# *Sources.* The question of section 8 is the one a learner wrote down while watching
# 3Blue1Brown's "What is backpropagation really doing?" (Deep learning, chapter 3); the
# algorithm follows K. Teachasrisaksakul's slides "8.2 Neural Network (Part 3): Learning";
# the digits are the UCI set as shipped by scikit-learn.

# %% [markdown]
# ## Notation used in every lesson
#
# | symbol | meaning | in code |
# |---|---|---|
# | $m$ | number of examples | `m` |
# | $x^{(i)}, y^{(i)}$ | input and target of example $i$ (columns) | `X[:, [i]]`, `Y[:, [i]]` |
# | $L$ | number of layers with weights; layer 0 is the input | `L` |
# | $n_l$ | number of units in layer $l$ | `params[f"W{l}"].shape[0]` |
# | $W_l$, $b_l$ | weights $(n_l, n_{l-1})$, biases $(n_l, 1)$ | `params["W1"]`, `params["b1"]` |
# | $z^{(l)} = W_l a^{(l-1)} + b_l$ | pre-activation of layer $l$ | `Z1`, `Z2`, … |
# | $a^{(l)} = g(z^{(l)})$, $a^{(0)} = x$ | activation of layer $l$ | `A1`, `A2`, …, `A0 = X` |
# | $g(z) = 1/(1+e^{-z})$ | the sigmoid of the hidden layers; $g'(z) = a(1-a)$ | `sigmoid` |
# | $\mathrm{softmax}(z)_k = e^{z_k}/\sum_j e^{z_j}$ | the output layer of this lesson | `softmax` |
# | $\delta^{(l)}$ | error of the units of layer $l$, $\partial J/\partial z^{(l)}$ | `dZ` |
# | $\alpha$, $\beta$, $\lambda$ | learning rate, momentum, regularization strength | `learning_rate`, `beta`, `lambd` |
# | $\odot$ | elementwise product | `*` |
#
# Examples are **columns**: `X` has shape `(n_0, m)`, `Y` has shape `(n_L, m)`.
# Parameters live in a dict `params` with keys `"W1", "b1", …`, and their gradients use
# the same keys with a `d` prefix (`"dW1"`). Numbers are NumPy float64, and randomness
# always comes from an explicit generator `rng`.

# %% nbgrader={"grade": false, "grade_id": "setup", "locked": true, "schema_version": 3, "solution": false, "task": false}
import time

import ipywidgets as W
import matplotlib.pyplot as plt
import numpy as np

from nnlib import data, plotting
from nnlib.activations import sigmoid
from nnlib.gradcheck import numerical_grad, numerical_param_grads, rel_error
from nnlib.widgets import interactive_figure

rng = np.random.default_rng(2009)

# %% [markdown]
# ## 1. Your code from earlier lessons
#
# The capstone runs on functions you have already written. Paste them, **unchanged**,
# into the cell below:
#
# | lesson | functions |
# |---|---|
# | 03 | `forward(X, params)` |
# | 05 | `init_he(layer_dims, rng)` (and `init_xavier`, if you like) |
# | 06 | `random_minibatches(X, Y, batch_size, rng)`, `init_velocity(params)`, `momentum_update(params, grads, v, beta, learning_rate)` |
# | 07 | `l2_penalty(params, lambd, m)`, `l2_grads(grads, params, lambd, m)` |
#
# Copy each function's whole cell from your own notebook of that lesson (on JupyterHub,
# open it in a second tab under `backprop/NN_name/`), and delete the
# `raise NotImplementedError()` line. Why paste instead of importing the other notebook,
# e.g. with `%run ../03_delta_recurrences/delta_recurrences.ipynb`? Because your
# submission is graded **on its own**: the grader runs this one notebook in an empty
# folder, where your other lessons do not exist. Whatever this notebook needs must be in
# it. (The import would also rerun the whole of lesson 03.)
#
# This cell is **not graded**. When one of this lesson's functions is graded, the
# functions it calls from this cell are replaced by correct ones, so a mistake left over
# from an earlier lesson costs no points here; but your training run at the end uses
# your own versions, so it is worth fixing them (the earlier lessons' hidden checks are
# at hand: `from nnlib.selfcheck import check; check(forward)`).

# %% nbgrader={"grade": false, "grade_id": "earlier_functions", "locked": false, "schema_version": 3, "solution": true, "task": false}
# Paste your forward (03), init_he (05), random_minibatches, init_velocity,
# momentum_update (06), l2_penalty and l2_grads (07) here.
### BEGIN SOLUTION
def forward(X, params):
    """Lesson 03: forward propagation through sigmoid layers; returns (AL, cache)."""
    L = len(params) // 2
    cache = {"A0": X}
    A = X
    for l in range(1, L + 1):
        Z = params[f"W{l}"] @ A + params[f"b{l}"]
        A = sigmoid(Z)
        cache[f"Z{l}"], cache[f"A{l}"] = Z, A
    return A, cache


def init_he(layer_dims, rng):
    """Lesson 05: W_l ~ N(0, 2 / n_(l-1)), zero biases."""
    params = {}
    for l in range(1, len(layer_dims)):
        n_in, n_out = layer_dims[l - 1], layer_dims[l]
        params[f"W{l}"] = rng.normal(0.0, np.sqrt(2.0 / n_in), size=(n_out, n_in))
        params[f"b{l}"] = np.zeros((n_out, 1))
    return params


def random_minibatches(X, Y, batch_size, rng):
    """Lesson 06: one permutation of the columns, cut into batches (the last may be short)."""
    m = X.shape[1]
    order = rng.permutation(m)
    X_shuffled, Y_shuffled = X[:, order], Y[:, order]
    return [(X_shuffled[:, k:k + batch_size], Y_shuffled[:, k:k + batch_size])
            for k in range(0, m, batch_size)]


def init_velocity(params):
    """Lesson 06: zeros shaped like each parameter, keys "dW1", "db1", ..."""
    return {"d" + key: np.zeros_like(value) for key, value in params.items()}


def momentum_update(params, grads, v, beta, learning_rate):
    """Lesson 06: v <- beta v + (1 - beta) dW, W <- W - alpha v."""
    v = {key: beta * v[key] + (1 - beta) * grads[key] for key in v}
    params = {key: params[key] - learning_rate * v["d" + key] for key in params}
    return params, v


def l2_penalty(params, lambd, m):
    """Lesson 07: (lambd / (2m)) times the sum of the squared weights."""
    L = len(params) // 2
    return float(lambd / (2 * m) * sum(np.sum(params[f"W{l}"] ** 2) for l in range(1, L + 1)))


def l2_grads(grads, params, lambd, m):
    """Lesson 07: add (lambd / m) W_l to every dW_l."""
    L = len(params) // 2
    for l in range(1, L + 1):
        grads[f"dW{l}"] = grads[f"dW{l}"] + lambd / m * params[f"W{l}"]
    return grads
### END SOLUTION

# %% [markdown]
# The next cell lists what it finds. Every line should say `ok` before you go on.

# %% nbgrader={"grade": false, "grade_id": "earlier_present", "locked": true, "schema_version": 3, "solution": false, "task": false}
for name in ("forward", "init_he", "random_minibatches", "init_velocity", "momentum_update",
             "l2_penalty", "l2_grads"):
    found = callable(globals().get(name))
    print(f"{name:<20} {'ok' if found else 'missing: paste it into the cell above'}")

# %% [markdown]
# ## 2. The softmax output
#
# In lesson 03 each of the ten output units was a sigmoid answering its own yes/no
# question ("is it a 3?"), and nothing made the ten answers agree. A digit is exactly one
# of ten classes, so we want ten **probabilities that add up to 1**. The softmax takes the
# ten pre-activations $z_1, \ldots, z_K$ of one example and returns
#
# $$a_k = \mathrm{softmax}(z)_k = \frac{e^{z_k}}{\sum_{j=1}^{K} e^{z_j}},
# \qquad a_k > 0,\quad \sum_k a_k = 1 .$$
#
# The largest $z_k$ gets the largest probability, and raising one $z_k$ lowers every
# other $a_j$: the units compete. With the examples as columns, the sum runs over the
# **rows** of one column (`axis=0`), never over the examples.
#
# **Overflow.** $e^{z}$ overflows float64 for $z > 709$, and $e^{z}$ underflows to 0 for
# $z < -745$: a naive softmax of $z = (1000, 1001)$ computes $\infty/\infty$ = NaN. The
# cure is one line of algebra: for any constant $c$,
#
# $$\frac{e^{z_k - c}}{\sum_j e^{z_j - c}} = \frac{e^{-c}\,e^{z_k}}{e^{-c}\sum_j e^{z_j}}
# = \frac{e^{z_k}}{\sum_j e^{z_j}},$$
#
# so subtract each column's **largest** entry first. Then every exponent is $\le 0$
# (nothing overflows), and the largest is $e^0 = 1$ (the sum is at least 1, never 0).
#
# **Exercise 1.** Write `softmax(Z)` for `Z` of shape `(K, m)`: the softmax of every
# column, numerically stable. Do not change `Z` in place (write `Z - ...`, not `Z -= ...`).

# %% nbgrader={"grade": false, "grade_id": "softmax", "locked": false, "schema_version": 3, "solution": true, "task": false}
def softmax(Z):
    """Column-wise softmax of Z (K, m): every column of the result is positive and sums to 1."""
    ### BEGIN SOLUTION
    E = np.exp(Z - np.max(Z, axis=0, keepdims=True))
    return E / np.sum(E, axis=0, keepdims=True)
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_softmax", "locked": true, "points": 2, "schema_version": 3, "solution": false, "task": false}
### BEGIN HIDDEN TESTS
from autograder.lessons import lesson09
lesson09.check_softmax(softmax)
### END HIDDEN TESTS
Z_s = np.array([[1.0, 0.0, -2.0], [2.0, 0.0, 3.0]])
A_s = softmax(Z_s)
assert np.shape(A_s) == (2, 3), "softmax keeps the shape of Z"
assert np.allclose(np.sum(A_s, axis=0), 1.0), "every column (one example) sums to 1"
assert np.allclose(A_s[:, 0], np.exp([1.0, 2.0]) / np.exp([1.0, 2.0]).sum()), \
    "column 0 is e^z / (e^1 + e^2): normalise over the units of one example (axis 0)"
assert np.allclose(A_s[:, 1], 0.5), "two equal pre-activations get probability 1/2 each"

# %% [markdown]
# Your softmax on the overflow example, and on a column shifted by 1000:

# %% nbgrader={"grade": false, "grade_id": "softmax_stable", "locked": true, "schema_version": 3, "solution": false, "task": false}
Z_big = np.array([[1000.0, 1.0], [1001.0, 2.0]])
print("softmax([[1000, 1], [1001, 2]]) =\n", np.round(softmax(Z_big), 6))
print("column 0 equals column 1 (the shift by 1000 changes nothing):",
      np.allclose(softmax(Z_big)[:, 0], softmax(Z_big)[:, 1]))

# %% [markdown]
# **Question 1.** For a column $z$ and a number $c$, what is $\mathrm{softmax}(z + c)$?
#
# - (i) $\mathrm{softmax}(z)$
# - (ii) $\mathrm{softmax}(z) + c$
# - (iii) $e^{c}\,\mathrm{softmax}(z)$
# - (iv) $\mathrm{softmax}(z)/c$
#
# Set `answer_softmax_shift` to `"i"`, `"ii"`, `"iii"` or `"iv"`.

# %% nbgrader={"grade": false, "grade_id": "answer_softmax_shift", "locked": false, "schema_version": 3, "solution": true, "task": false}
# Set answer_softmax_shift to "i", "ii", "iii" or "iv".
### BEGIN SOLUTION
answer_softmax_shift = "i"
### END SOLUTION

# %% nbgrader={"grade": true, "grade_id": "test_answer_softmax_shift", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
### BEGIN HIDDEN TESTS
from autograder.lessons import lesson09
lesson09.check_answer_softmax_shift(answer_softmax_shift)
### END HIDDEN TESTS
assert str(answer_softmax_shift).strip().strip("()").lower() in ("i", "ii", "iii", "iv"), \
    'answer with one of "i", "ii", "iii", "iv"'

# %% [markdown]
# ## 3. The cost of a softmax output
#
# The softmax gives a probability to every class, and the one-hot target $y$ says which
# class is right. The cross-entropy of one example is minus the log of the probability
# given to the right class, $-\log a_{\text{right}} = -\sum_k y_k \log a_k$ (only one
# $y_k$ is 1). Averaged over the examples, with lesson 07's L2 term (weights only):
#
# $$J = -\frac{1}{m}\sum_{i=1}^{m}\sum_{k=1}^{K} y_k^{(i)}\log a_k^{(L)(i)}
# + \frac{\lambda}{2m}\sum_{l=1}^{L}\lVert W_l\rVert_F^2 .$$
#
# Unlike lesson 03's cost there is no $(1-y)\log(1-a)$ term: the softmax's probabilities
# add up to 1, so pushing up the right class already pushes down the others.
#
# **Exercise 2.** Write `softmax_cost(AL, Y, params, lambd)`. Return a float. Your
# `l2_penalty` from lesson 07 computes the second term.

# %% nbgrader={"grade": false, "grade_id": "softmax_cost", "locked": false, "schema_version": 3, "solution": true, "task": false}
def softmax_cost(AL, Y, params, lambd):
    """Cross-entropy of softmax outputs plus (lambd / (2m)) times the squared weights.

    AL, Y: (K, m); params: "W1", "b1", ...; lambd >= 0. Returns a float.
    """
    ### BEGIN SOLUTION
    m = Y.shape[1]
    cross_entropy = -np.sum(Y * np.log(AL)) / m
    return float(cross_entropy + l2_penalty(params, lambd, m))
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_softmax_cost", "locked": true, "points": 2, "schema_version": 3, "solution": false, "task": false}
### BEGIN HIDDEN TESTS
from autograder.lessons import lesson09
lesson09.check_softmax_cost(softmax_cost)
### END HIDDEN TESTS
p_c = {"W1": np.array([[1.0, -2.0], [0.0, 1.0]]), "b1": np.array([[0.5], [3.0]])}
AL_c = np.array([[0.8, 0.3], [0.2, 0.7]])
Y_c = np.array([[1.0, 0.0], [0.0, 1.0]])
J0_c = softmax_cost(AL_c, Y_c, p_c, 0.0)
assert abs(J0_c - (-(np.log(0.8) + np.log(0.7)) / 2)) < 1e-12, \
    "with λ = 0: -(log 0.8 + log 0.7) / 2, the mean over the two examples of -log a_right"
penalty_c = softmax_cost(AL_c, Y_c, p_c, 2.0) - J0_c
assert np.isclose(penalty_c, 2.0 / (2 * 2) * 6.0) or np.isclose(penalty_c, 2.0 / 2 * 6.0), \
    "the penalty is (λ/(2m)) Σ W² = (2/4)·6 here; the biases are not penalised"

# %% [markdown]
# ## 4. The output error is again $a^{(L)} - y$
#
# Backpropagation needs $\delta^{(L)} = \partial J/\partial z^{(L)}$ for one example. Take
# its cost $J = -\sum_k y_k \log a_k$ with $a = \mathrm{softmax}(z)$. Each $a_k$ depends on
# **every** $z_j$ (through the sum in the denominator), so the chain rule sums over $k$:
#
# $$\frac{\partial J}{\partial z_j} = \sum_{k} \frac{\partial J}{\partial a_k}
# \frac{\partial a_k}{\partial z_j}, \qquad \frac{\partial J}{\partial a_k} = -\frac{y_k}{a_k}.$$
#
# The softmax's derivatives follow from the quotient rule on $a_k = e^{z_k}/S$ with
# $S = \sum_i e^{z_i}$ and $\partial S/\partial z_j = e^{z_j}$:
#
# $$\frac{\partial a_k}{\partial z_j} = \frac{[k = j]\,e^{z_k} S - e^{z_k} e^{z_j}}{S^2}
# = a_k\big([k = j] - a_j\big),$$
#
# where $[k = j]$ is 1 when $k = j$ and 0 otherwise. Put together:
#
# $$\frac{\partial J}{\partial z_j} = -\sum_k \frac{y_k}{a_k}\, a_k\big([k=j] - a_j\big)
# = -y_j + a_j \sum_k y_k = a_j - y_j ,$$
#
# because the one-hot $y$ sums to 1. So
#
# $$\boxed{\;\delta^{(L)} = a^{(L)} - y\;}$$
#
# exactly as for sigmoid outputs with their cross-entropy (lesson 03): the softmax's
# derivative cancels against the log. In particular there is **no** extra factor
# $a(1-a)$ at the output; that factor belongs to the sigmoid **hidden** layers only. The
# hidden layers are unchanged, $\delta^{(l)} = (W_{l+1})^{\mathsf T}\delta^{(l+1)} \odot
# a^{(l)}\odot(1-a^{(l)})$, and so are $dW_l = \frac1m \delta^{(l)} A_{l-1}^{\mathsf T} +
# \frac{\lambda}{m}W_l$ and $db_l = \frac1m\sum_{\text{columns}}\delta^{(l)}$.
#
# A numerical check of the boxed line, with your `softmax`, nudging each $z_k$ of one
# example:

# %% nbgrader={"grade": false, "grade_id": "delta_L_check", "locked": true, "schema_version": 3, "solution": false, "task": false}
z_L = rng.normal(0.0, 2.0, (5, 1))
y_L = data.one_hot([3], 5)


def example_cost(z):
    """Cross-entropy of one example as a function of the softmax's pre-activations z."""
    return -np.sum(y_L * np.log(softmax(z)))


print("a - y              :", np.round((softmax(z_L) - y_L).ravel(), 8))
print("numerical dJ/dz^(L):", np.round(numerical_grad(example_cost, z_L.copy()).ravel(), 8))

# %% [markdown]
# **Exercise 3.** Write `softmax_backprop(X, Y, params, lambd)`: the gradients of
# `softmax_cost` for a network with a sigmoid in every hidden layer and a softmax output,
# vectorised over the batch, with the same keys as lesson 03's `backprop`
# (`"dW1", "db1", …`). Start from your lesson 03 `backprop`: only the forward pass of the
# last layer and $\delta^{(L)}$ change. Use your `softmax`, and your `l2_grads` (lesson 07)
# for the regularization term if you like.

# %% nbgrader={"grade": false, "grade_id": "softmax_backprop", "locked": false, "schema_version": 3, "solution": true, "task": false}
def softmax_backprop(X, Y, params, lambd):
    """Gradients of softmax_cost for sigmoid hidden layers and a softmax output.

    X: (n_0, m), Y: (K, m) one-hot. Returns {"dW1": (n_1, n_0), "db1": (n_1, 1), ...}.
    """
    ### BEGIN SOLUTION
    L = len(params) // 2
    m = X.shape[1]
    As = [X]
    for l in range(1, L):
        As.append(sigmoid(params[f"W{l}"] @ As[-1] + params[f"b{l}"]))
    AL = softmax(params[f"W{L}"] @ As[-1] + params[f"b{L}"])
    dZ = AL - Y                                     # δ^(L): no extra factor
    grads = {}
    for l in range(L, 0, -1):
        grads[f"dW{l}"] = dZ @ As[l - 1].T / m
        grads[f"db{l}"] = np.sum(dZ, axis=1, keepdims=True) / m
        if l > 1:
            dZ = (params[f"W{l}"].T @ dZ) * As[l - 1] * (1 - As[l - 1])
    return l2_grads(grads, params, lambd, m)
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_softmax_backprop", "locked": true, "points": 3, "schema_version": 3, "solution": false, "task": false}
### BEGIN HIDDEN TESTS
from autograder.lessons import lesson09
lesson09.check_softmax_backprop(softmax_backprop)
### END HIDDEN TESTS
# One softmax layer (no hidden layer, λ = 0): dW1 = (1/m)(A - Y) Xᵀ with A = softmax(W1 X + b1).
X_b = rng.standard_normal((3, 5))
Y_b = data.one_hot([0, 1, 2, 3, 1], 4)
p_b = {"W1": rng.standard_normal((4, 3)), "b1": rng.standard_normal((4, 1))}
g_b = softmax_backprop(X_b, Y_b, p_b, 0.0)
assert np.shape(g_b["dW1"]) == (4, 3) and np.shape(g_b["db1"]) == (4, 1), \
    "each gradient has the shape of its parameter: dW1 (4, 3), db1 (4, 1)"
Z_b = p_b["W1"] @ X_b + p_b["b1"]
E_b = np.exp(Z_b - Z_b.max(axis=0))
errors_b = [softmax(Z_b) - Y_b, E_b / E_b.sum(axis=0) - Y_b]  # with your softmax, or a correct one
assert any(np.allclose(g_b["db1"], e.mean(axis=1, keepdims=True)) for e in errors_b), \
    "for one layer, db1 = (1/m) Σ_i (a - y): δ^(L) = a - y, summed over axis 1, then / m"
assert any(np.allclose(g_b["dW1"], e @ X_b.T / 5) for e in errors_b), \
    "for one layer, dW1 = (1/m) (A - Y) Xᵀ"

# %% [markdown]
# ### Gradient check
#
# Lesson 04's rule: before training with a new gradient, compare it with central
# differences of the cost. On a random 5–4–3–4 network with $\lambda > 0$, your
# `softmax_backprop` against the numerical gradient of your `softmax_cost` (relative
# errors below $10^{-7}$ mean both agree):

# %% nbgrader={"grade": false, "grade_id": "gradient_check", "locked": true, "schema_version": 3, "solution": false, "task": false}
def softmax_forward(X, params):
    """a^(L) of sigmoid hidden layers and a softmax output: your lesson 03 forward runs the
    hidden layers (all layers but the last), your softmax the output layer."""
    L = len(params) // 2
    hidden = {key: value for key, value in params.items() if int(key[1:]) < L}
    A = forward(X, hidden)[0] if L > 1 else X
    return softmax(params[f"W{L}"] @ A + params[f"b{L}"])


dims_g, m_g, lambd_g = [5, 4, 3, 4], 6, 0.7
X_g = rng.standard_normal((dims_g[0], m_g))
Y_g = data.one_hot(rng.integers(0, dims_g[-1], m_g), dims_g[-1])
p_g = {}
for l in range(1, len(dims_g)):
    p_g[f"W{l}"] = rng.standard_normal((dims_g[l], dims_g[l - 1]))
    p_g[f"b{l}"] = rng.standard_normal((dims_g[l], 1))

g_analytic = softmax_backprop(X_g, Y_g, p_g, lambd_g)
g_numeric = numerical_param_grads(
    lambda p: softmax_cost(softmax_forward(X_g, p), Y_g, p, lambd_g), p_g)
print("key    relative error (backprop vs central differences)")
for key in g_numeric:
    print(f"{key:<5}  {rel_error(g_analytic[key], g_numeric[key]):.1e}")

# %% [markdown]
# `softmax_forward`, defined above, is the forward pass of this lesson's network. It
# reuses your lesson 03 `forward` for the hidden layers (a network without its last
# layer is still a sigmoid network) and your `softmax` for the output.
#
# ## 5. Predictions
#
# The network's answer for an example is the class with the largest output probability.
# The softmax never changes which $z_k$ is largest (it is increasing in $z_k$), so the
# largest $a_k^{(L)}$ and the largest $z_k^{(L)}$ are the same unit.
#
# **Exercise 4.** Write `predict(X, params)`: a 1-D integer array of length $m$ holding,
# for each column of `X`, the **index** of the largest output (not its value).
# `softmax_forward` gives the outputs.

# %% nbgrader={"grade": false, "grade_id": "predict", "locked": false, "schema_version": 3, "solution": true, "task": false}
def predict(X, params):
    """The class of each column of X: the index of the network's largest output. Shape (m,)."""
    ### BEGIN SOLUTION
    return np.argmax(softmax_forward(X, params), axis=0)
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_predict", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
### BEGIN HIDDEN TESTS
from autograder.lessons import lesson09
lesson09.check_predict(predict)
### END HIDDEN TESTS
# One layer, W1 = identity: the largest output of column j is the row holding its 5.
order_p = np.array([2, 0, 1, 2])
X_p = 5.0 * np.eye(3)[:, order_p]
p_p = {"W1": np.eye(3), "b1": np.zeros((3, 1))}
labels_p = np.asarray(predict(X_p, p_p))
assert labels_p.shape == (4,), "one label per column of X, in a 1-D array of shape (m,)"
assert np.array_equal(labels_p, order_p), \
    "predict returns the index (row) of the largest output, not the output itself"

# %% [markdown]
# ## 6. The training loop
#
# Everything is ready. One epoch of training shuffles the examples into mini-batches and
# takes one momentum step per batch:
#
# ```
# params = He initialisation (lesson 05); v = zero velocity (lesson 06)
# repeat epochs times:
#     for each mini-batch (X_b, Y_b) of a fresh shuffle (lesson 06):
#         grads = softmax_backprop(X_b, Y_b, params, λ)        # L2 inside (lesson 07)
#         params, v = momentum_update(params, grads, v, β, α)   # lesson 06
#     record the cost of the whole training set with the new params
# ```
#
# Two details. Every random draw (the initial weights and each epoch's shuffle) comes
# from the one `rng` you are given, so a run can be repeated exactly from its seed. And
# inside a mini-batch, $m$ in the $\frac{\lambda}{m}W$ of the gradient is the batch size,
# so one epoch of $m/b$ steps shrinks the weights about $m/b$ times more than one
# full-batch step would: with mini-batches a small $\lambda$ goes a long way.
#
# **Exercise 5.** Write `train(X, Y, layer_dims, rng, epochs, batch_size, learning_rate,
# beta, lambd)`. Return `(params, costs)`, where `costs` holds **one** number per epoch:
# `softmax_cost` of the whole training set at the end of that epoch. Use your functions:
# `init_he` (or `init_xavier`), `random_minibatches`, `softmax_backprop`,
# `momentum_update`, `softmax_forward` and `softmax_cost`.

# %% nbgrader={"grade": false, "grade_id": "train", "locked": false, "schema_version": 3, "solution": true, "task": false}
def train(X, Y, layer_dims, rng, epochs, batch_size, learning_rate, beta, lambd):
    """Mini-batch gradient descent with momentum and L2 on softmax_cost.

    layer_dims: [n_0, n_1, ..., K]; rng: np.random.Generator for every random draw.
    Returns (params, costs), with costs[e] the training cost after epoch e.
    """
    ### BEGIN SOLUTION
    params = init_he(layer_dims, rng)
    v = init_velocity(params)
    costs = []
    for _ in range(epochs):
        for X_batch, Y_batch in random_minibatches(X, Y, batch_size, rng):
            grads = softmax_backprop(X_batch, Y_batch, params, lambd)
            params, v = momentum_update(params, grads, v, beta, learning_rate)
        costs.append(softmax_cost(softmax_forward(X, params), Y, params, lambd))
    return params, costs
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_train", "locked": true, "points": 3, "schema_version": 3, "solution": false, "task": false}
### BEGIN HIDDEN TESTS
from autograder.lessons import lesson09
lesson09.check_train(train)
### END HIDDEN TESTS
X_t = rng.standard_normal((4, 30))
Y_t = data.one_hot(rng.integers(0, 3, 30), 3)
result_t = train(X_t, Y_t, [4, 5, 3], np.random.default_rng(0), 3, 8, 0.1, 0.9, 0.01)
assert isinstance(result_t, tuple) and len(result_t) == 2, "train returns a pair (params, costs)"
params_t, costs_t = result_t
assert np.size(costs_t) == 3, "costs holds one number per epoch: 3 epochs, 3 costs"
assert sorted(params_t) == ["W1", "W2", "b1", "b2"], "params has the keys W1, b1, W2, b2"
assert np.shape(params_t["W1"]) == (5, 4) and np.shape(params_t["b2"]) == (3, 1), \
    "W_l has shape (n_l, n_(l-1)) and b_l (n_l, 1)"

# %% [markdown]
# ## 7. Training on the digits
#
# A 64–32–10 network: 64 pixels in, 32 sigmoid hidden units, a softmax over the ten
# digits. 1,347 images train it; the other 450 are held out, never seen during training,
# to measure how well it generalises. Thirty epochs of mini-batches of 32, α = 1,
# β = 0.9 and λ = 0.01, with **your** `train`:

# %% nbgrader={"grade": false, "grade_id": "train_digits", "locked": true, "schema_version": 3, "solution": false, "task": false}
train_set, test_set = data.load_digits("train"), data.load_digits("test")
layer_dims = [64, 32, 10]
settings = dict(epochs=30, batch_size=32, learning_rate=1.0, beta=0.9, lambd=0.01)

start = time.perf_counter()
params, costs = train(train_set.X, train_set.Y, layer_dims, np.random.default_rng(9), **settings)
seconds = time.perf_counter() - start

train_accuracy = np.mean(predict(train_set.X, params) == train_set.labels)
test_accuracy = np.mean(predict(test_set.X, params) == test_set.labels)
print(f"trained in {seconds:.2f} s; cost {costs[0]:.3f} after epoch 1, {costs[-1]:.3f} "
      f"after epoch {len(costs)}")
print(f"training accuracy {train_accuracy:.1%}, held-out accuracy {test_accuracy:.1%}")

ax = plotting.plot_histories({"training cost": costs}, title="Training the 64–32–10 network",
                             xlabel="epoch", ylabel="cost J (cross-entropy + L2)", logy=True)
plt.show()

# %% [markdown]
# *Figure 1. The cost on the whole training set after each epoch (log scale), as recorded
# by your `train`: mini-batches of 32, momentum β = 0.9, α = 1, λ = 0.01.*
#
# Lesson 03's sigmoid network, trained by full-batch gradient descent, needed 150 epochs
# to pass 90 %. Mini-batches take 43 steps per epoch instead of one, and momentum keeps
# those steps going in a steady direction: 30 epochs pass 95 %.
#
# ### Learning curves
#
# How much would more data help? A **learning curve** trains the same network on
# growing parts of the training set and plots the error on the examples it trained on
# and on the held-out ones. A wide gap between the two that closes slowly as $m$ grows
# means the network overfits (more data or more regularization helps); two curves that
# meet at a high error mean the network is too small.

# %% nbgrader={"grade": false, "grade_id": "learning_curves", "locked": true, "schema_version": 3, "solution": false, "task": false}
sizes = [50, 100, 200, 400, 800, train_set.labels.size]
train_errors, test_errors = [], []
for size in sizes:
    X_part, Y_part = train_set.X[:, :size], train_set.Y[:, :size]
    p_part, _ = train(X_part, Y_part, layer_dims, np.random.default_rng(size), **settings)
    train_errors.append(np.mean(predict(X_part, p_part) != train_set.labels[:size]))
    test_errors.append(np.mean(predict(test_set.X, p_part) != test_set.labels))

ax = plotting.axes(title="Learning curves of the 64–32–10 network",
                   xlabel="number of training examples m", ylabel="error rate")
ax.plot(sizes, train_errors, "o-", label="on its training examples")
ax.plot(sizes, test_errors, "s-", label="on the 450 held-out examples")
ax.set_xscale("log")
ax.legend()
plt.show()

# %% [markdown]
# *Figure 2. Error rates after training on the first m training images (30 epochs each),
# on those images and on the held-out set. The training error stays near 0; the held-out
# error falls as m grows.*
#
# ### What the hidden units look at
#
# Each hidden unit computes $g(w^{\mathsf T}x + b)$ with one row $w$ of $W_1$: 64 weights,
# one per pixel. Drawn as an 8×8 image, the row shows which pixels push the unit on (red)
# and which push it off (blue).

# %% nbgrader={"grade": false, "grade_id": "hidden_weights", "locked": true, "schema_version": 3, "solution": false, "task": false}
W1 = params["W1"]
limit = np.abs(W1).max()
fig, grid = plt.subplots(4, 8, figsize=(8, 4.6), layout="constrained")
for unit, ax in enumerate(grid.flat):
    ax.imshow(W1[unit].reshape(8, 8), cmap="RdBu_r", vmin=-limit, vmax=limit)
    ax.set_title(f"unit {unit + 1}", fontsize=8)
    ax.set_axis_off()
fig.suptitle("Weights of the 32 hidden units, as 8×8 images (red +, blue −)")
plt.show()

# %% [markdown]
# *Figure 3. Each image is one row of $W_1$ after training, on one colour scale. Blobs
# and strokes of opposite sign are the parts of digits each unit tells apart; the border
# pixels, almost always blank, get weights near 0.*
#
# ### Try other settings
#
# The explorer below retrains the network with **your** `train` (a fraction of a second
# per run) for the number of hidden units and the λ you choose, and shows its cost per
# epoch with the accuracies in the title. Try λ = 1: with mini-batches of 32 the decay is
# strong enough to hold the weights small, and the accuracy drops.

# %% nbgrader={"grade": false, "grade_id": "explorer", "locked": true, "schema_version": 3, "solution": false, "task": false}
def draw_run(ax, hidden_units, lambd):
    p_run, c_run = train(train_set.X, train_set.Y, [64, hidden_units, 10],
                         np.random.default_rng(9), **{**settings, "lambd": lambd})
    accuracy_train = np.mean(predict(train_set.X, p_run) == train_set.labels)
    accuracy_test = np.mean(predict(test_set.X, p_run) == test_set.labels)
    ax.plot(np.arange(1, len(c_run) + 1), c_run, color="tab:blue")
    ax.set_yscale("log")
    ax.set_title(f"64–{hidden_units}–10, λ = {lambd}: training {accuracy_train:.1%}, "
                 f"held-out {accuracy_test:.1%}")
    ax.set_xlabel("epoch")
    ax.set_ylabel("training cost J")


interactive_figure(draw_run, {
    "hidden_units": W.Dropdown(options=[4, 8, 16, 32, 64], value=32, description="hidden"),
    "lambd": W.Dropdown(options=[0.0, 0.01, 0.1, 1.0], value=0.01, description="λ")})

# %% [markdown]
# *Figure 4 (interactive). The training cost per epoch of your `train` for the chosen
# hidden-layer size and λ, with the training and held-out accuracies in the title.*
#
# ## 8. Does the order of the examples change the weights?
#
# Watching 3Blue1Brown's chapter on backpropagation, a learner wrote down this question:
# if the data points go through forward propagation in a different order, do the final
# parameters change?
#
# It depends on when the weights are updated.
#
# - **Full-batch gradient descent** averages the gradients of all $m$ examples, then takes
#   one step. A sum does not depend on the order of its terms, so every order gives the
#   same step and the same final weights (up to float rounding, about $10^{-16}$ per
#   addition).
# - **Mini-batch and stochastic gradient descent** take a step after each batch, and the
#   next batch's gradient is computed at the weights that step left. Another order means
#   other batches, other intermediate weights, and other final weights. They are equally
#   good, not equal.
#
# The cell below checks both claims: it trains twice on the digits with the columns in two
# orders, first with one batch of all 1,347 examples (full batch, 30 steps), then with
# mini-batches. The same `rng` seed gives the same initial weights and the same shuffles
# in both runs, so only the order of the data differs. Full batch uses `beta = 0`, no
# momentum, and so is plain gradient descent.

# %% nbgrader={"grade": false, "grade_id": "order", "locked": true, "schema_version": 3, "solution": false, "task": false}
reorder = np.random.default_rng(1).permutation(train_set.labels.size)
X_reordered, Y_reordered = train_set.X[:, reorder], train_set.Y[:, reorder]
m_train = train_set.labels.size
for label, batch_size, beta in (("full batch", m_train, 0.0), ("mini-batches of 32", 32, 0.9)):
    run = {**settings, "batch_size": batch_size, "beta": beta}
    p_a, _ = train(train_set.X, train_set.Y, layer_dims, np.random.default_rng(5), **run)
    p_b, _ = train(X_reordered, Y_reordered, layer_dims, np.random.default_rng(5), **run)
    largest = max(np.max(np.abs(p_a[key] - p_b[key])) for key in p_a)
    accuracies = [np.mean(predict(test_set.X, p) == test_set.labels) for p in (p_a, p_b)]
    print(f"{label:<19} largest weight difference {largest:.1e}; held-out accuracy "
          f"{accuracies[0]:.1%} and {accuracies[1]:.1%}")

# %% [markdown]
# **Question 2.** Which statement is right?
#
# - (i) The order never matters: the gradient of the cost is a sum over the examples.
# - (ii) With full-batch gradient descent the order does not matter (up to rounding);
#   with mini-batches it does, because each step changes the weights at which the next
#   batch's gradient is computed.
# - (iii) The order always matters, even with full-batch gradient descent.
# - (iv) The order matters only when momentum is used.
#
# Set `answer_example_order` to `"i"`, `"ii"`, `"iii"` or `"iv"`.

# %% nbgrader={"grade": false, "grade_id": "answer_example_order", "locked": false, "schema_version": 3, "solution": true, "task": false}
# Set answer_example_order to "i", "ii", "iii" or "iv".
### BEGIN SOLUTION
answer_example_order = "ii"
### END SOLUTION

# %% nbgrader={"grade": true, "grade_id": "test_answer_example_order", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
### BEGIN HIDDEN TESTS
from autograder.lessons import lesson09
lesson09.check_answer_example_order(answer_example_order)
### END HIDDEN TESTS
assert str(answer_example_order).strip().strip("()").lower() in ("i", "ii", "iii", "iv"), \
    'answer with one of "i", "ii", "iii", "iv"'

# %% [markdown]
# This is also why lesson 06 reshuffles every epoch: a fixed order would make every
# epoch's path the same, and an unlucky order (all the 0s, then all the 1s, …) would drag
# the weights towards one class after another.
#
# ## Summary
#
# - The softmax $a_k = e^{z_k}/\sum_j e^{z_j}$ turns a column of pre-activations into
#   probabilities that add up to 1. Subtracting the column's maximum first changes
#   nothing mathematically and prevents overflow.
# - Its cross-entropy is $-\frac1m\sum y\log a$ (plus $\frac{\lambda}{2m}\sum\lVert W\rVert^2$),
#   and its output error is again $\delta^{(L)} = a^{(L)} - y$: the softmax's Jacobian
#   $a_k([k=j] - a_j)$ cancels against the log, so there is no $g'$ factor at the output.
# - Hidden layers, their δ recurrence, and the gradients are lesson 03's. A numerical
#   gradient confirms the new output layer before any training.
# - Training is the assembly of the earlier lessons: He initialisation, a fresh shuffle
#   into mini-batches each epoch, momentum steps, L2 in every weight gradient, all random
#   draws from one `rng`. The 64–32–10 network passes 95 % on held-out digits in 30
#   epochs and well under a second.
# - Full-batch gradient descent ends at the same weights whatever the order of the
#   examples; mini-batch descent does not, and different orders give equally good,
#   different weights.
#
# ## Check yourself
#
# 1. Why does `softmax` subtract each column's maximum and not the maximum of the whole
#    matrix? Would the latter still be correct? Would it still prevent overflow?
#
#    <details><summary>Answer</summary>
#
#    Softmax does not change when you subtract the same number from every entry of one
#    column, so both ways give the same values in exact arithmetic. Subtracting the
#    column's own maximum makes the largest exponent of each column $e^0 = 1$, so no
#    exponent overflows and no denominator is smaller than 1. The maximum of the whole
#    matrix also prevents overflow, but a column whose entries are all far below it gets
#    $e^{-1000} = 0$ everywhere, and then $0/0$: NaN. Each column needs its own maximum.
#
#    </details>
#
# 2. What would $\delta^{(L)}$ be if you kept the softmax but used lesson 02's squared
#    error? Would the factor $a(1-a)$ come back?
#
#    <details><summary>Answer</summary>
#
#    With $C = \sum_k (a_k - y_k)^2$ and $\partial a_k / \partial z_j = a_k([k=j] - a_j)$,
#    $\delta_j = 2 a_j \big[(a_j - y_j) - \sum_k a_k (a_k - y_k)\big]$. The factor $a_j$
#    (a cousin of $a(1-a)$) comes back: when an output saturates near 0, its δ is small
#    even if the answer is wrong, and learning slows. The log in the cross-entropy is what
#    cancels it and leaves $a - y$.
#
#    </details>
#
# 3. With one output unit, is a softmax output any use? What does it always return?
#
#    <details><summary>Answer</summary>
#
#    No. With one unit, $e^{z}/e^{z} = 1$ for every input, so the output says nothing and
#    its gradient is 0. For two classes use one sigmoid unit (lesson 03), which is the
#    same model as a softmax over two units.
#
#    </details>
#
# 4. In the learning curves, which error is larger, and why does the gap shrink as $m$
#    grows?
#
#    <details><summary>Answer</summary>
#
#    The error on the held-out images is larger: the network was fitted to the training
#    images, not to those. With few training images it can fit each of them, even their
#    accidents, so training error is near 0 and held-out error is high. With more images
#    it can no longer fit accidents that do not repeat, so what it learns holds on new
#    images too, and the two errors come closer.
#
#    </details>
#
# 5. The full-batch runs of section 8 differ by about $10^{-15}$, not 0. Where does the
#    difference come from?
#
#    <details><summary>Answer</summary>
#
#    From rounding. A full batch sums the same examples' gradients in another order, and
#    floating-point addition is not associative: $(a + b) + c$ and $a + (b + c)$ can differ
#    in the last bit. After many steps these last-bit differences add up to about
#    $10^{-15}$. In exact arithmetic the order would not matter at all.
#
#    </details>
#
# ## Where the sources differ
#
# - The slides train the K-class network with K sigmoid outputs and the cross-entropy of
#   each output (lesson 03). Here the output is a softmax, which the slides name but do not
#   derive: its outputs sum to 1, so they read as probabilities of the K classes, and its
#   δ is still $a - y$ (section 4).
# - The slides write the L2 gradient as $\Delta/m + \lambda\Theta$. That matches a cost
#   with $(\lambda/2)\sum\Theta^2$; this lesson, like lesson 07, uses
#   $(\lambda/(2m))\sum\|W\|^2$ and $(\lambda/m)W$. The grader accepts either, as long
#   as your cost and your gradient agree.
# - The 3Blue1Brown note-taker asked whether the order of the examples changes the weights
#   you end with, and left it open. Section 8 answers it by experiment: not for full-batch
#   descent (up to rounding), yes for mini-batches.
#
# ## Check your code
#
# Working on your own? In a new cell, `from nnlib.selfcheck import check; check(softmax)`
# runs one of your graded functions on the lesson's public test cases (fixed inputs and
# the outputs they must give) and, when an answer is wrong, names the mistake it matches
# in the hidden tests' words. It works offline and never shows reference code; the hidden
# tests grade on other, random cases. This lesson's graded functions are `softmax`,
# `softmax_cost`, `softmax_backprop`, `predict` and `train`.

# %% [markdown]
# ## Sources
#
# This lesson draws on:
#
# - K. Teachasrisaksakul, slides "8.2 Neural Network (Part 3): Learning" (in Thai): the
#   K-class network and its cross-entropy, the training algorithm (initialise, forward,
#   backward, update), L2 regularization and softmax named as the multi-class output.
# - 3Blue1Brown, "What is backpropagation really doing?" (Deep learning, chapter 3), and
#   the Thai notes a learner wrote on it: the question of section 8, whether the order of
#   the examples changes the weights.
# - The digits: the UCI optical recognition of handwritten digits data set, as shipped by
#   scikit-learn (`nnlib/data/README.txt`).
