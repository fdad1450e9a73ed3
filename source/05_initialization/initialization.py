# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # Lesson 05 — Initialization
#
# Gradient descent has to start somewhere: before the first step, every weight of the
# network needs a value. This lesson shows that the choice is not a detail. Start from the
# wrong place and a network cannot learn at all, or learns only in its last layers, however
# long you train.
#
# **By the end of this lesson you can**
# 1. explain, and show by training, why all-zero (or any constant) weights keep every hidden
#    unit of a layer identical forever;
# 2. break that symmetry with small random weights, uniform in $[-\varepsilon, \varepsilon]$
#    or normal $\mathcal N(0, \sigma^2)$;
# 3. derive from the variance of $z = \sum_i w_i a_i$ the Xavier/Glorot scale
#    $\sigma = \sqrt{2/(n_{in} + n_{out})}$ and the He scale $\sigma = \sqrt{2/n_{in}}$;
# 4. read a deep network's activations and gradients layer by layer, and recognise
#    vanishing and exploding signals;
# 5. say what a dead ReLU unit is and what a small positive bias does about it.
#
# You will write four functions, `init_zeros`, `init_uniform`, `init_xavier` and `init_he`,
# and answer two questions. Each one is followed by a test cell: the visible checks run in
# the notebook, and hidden checks with fresh random cases run when your work is graded.

# %% [markdown]
# ## Notation used in every lesson
#
# | symbol | meaning | in code |
# |---|---|---|
# | $m$ | number of examples | `m` |
# | $x^{(i)}, y^{(i)}$ | input and target of example $i$ | `X[:, i]`, `Y[:, i]` |
# | $\hat y$ | the model's prediction | `y_hat`, `AL` |
# | $w$, $b$ | weight and bias | `w`, `b` |
# | $\alpha$ | learning rate | `learning_rate` |
# | $L$, $n_l$ | number of layers, units in layer $l$ ($n_0$ inputs) | `L`, `layer_dims[l]` |
# | $W_l$, $b_l$ | weights $(n_l, n_{l-1})$, biases $(n_l, 1)$ | `params["W1"]`, `params["b1"]` |
# | $z^{(l)}$, $a^{(l)}$ | $W_l a^{(l-1)} + b_l$ and $g(z^{(l)})$; $a^{(0)} = x$ | `Z`, `A` |
# | $\delta^{(l)}$ | the error of layer $l$, $\partial J / \partial z^{(l)}$ | `dZ` |
# | $n_{in}$, $n_{out}$ | fan-in $n_{l-1}$ and fan-out $n_l$ of $W_l$ | `n_in`, `n_out` |
# | $\varepsilon$, $\sigma$ | half-width of a uniform, std of a normal draw | `epsilon`, `std` |
#
# Examples are **columns**: `X` has shape `(n_0, m)`, `Y` has shape `(n_L, m)`. Parameters
# live in a dict `params` with keys `"W1", "b1", …`, and their gradients use the same keys
# with a `d` prefix (`"dW1"`). Numbers are NumPy float64, and randomness always comes from
# an explicit generator `rng`: the same seed gives the same network, every time.

# %% nbgrader={"grade": false, "grade_id": "setup", "locked": true, "schema_version": 3, "solution": false, "task": false}
import numpy as np
import matplotlib.pyplot as plt

from nnlib import data, init_plots, mlp, plotting

rng = np.random.default_rng(2024)


def gradient_descent_step(learning_rate):
    """The update rule W ← W − α dW for nnlib.mlp.train (lesson 06 writes better ones)."""
    return lambda params, grads: {k: v - learning_rate * grads["d" + k]
                                  for k, v in params.items()}


# %% [markdown]
# ## 1. All-zero weights: the symmetry problem
#
# The slides "8.2 Neural Network (Part 3): Learning" warn: "do not set all parameters to
# 0! (Why should we avoid this?)". This section answers their question.
#
# The simplest start is to set every parameter to zero. A layer $l$ of a network with
# `layer_dims` $= [n_0, n_1, \ldots, n_L]$ has a weight matrix $W_l$ of shape
# $(n_l, n_{l-1})$, one row per unit, and a bias column $b_l$ of shape $(n_l, 1)$.
#
# **Exercise 1.** Write `init_zeros(layer_dims)`. It returns a dict with keys
# `"W1", "b1", …, "WL", "bL"` ($L$ = `len(layer_dims) - 1`), every entry 0.0.

# %% nbgrader={"grade": false, "grade_id": "init_zeros", "locked": false, "schema_version": 3, "solution": true, "task": false}
def init_zeros(layer_dims):
    """All-zero parameters. layer_dims = [n_0, ..., n_L].

    Returns {"W1": (n_1, n_0), "b1": (n_1, 1), ..., "WL": (n_L, n_{L-1}), "bL": (n_L, 1)}.
    """
    ### BEGIN SOLUTION
    params = {}
    for l in range(1, len(layer_dims)):
        params[f"W{l}"] = np.zeros((layer_dims[l], layer_dims[l - 1]))
        params[f"b{l}"] = np.zeros((layer_dims[l], 1))
    return params
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_init_zeros", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
### BEGIN HIDDEN TESTS
from autograder.lessons import lesson05
lesson05.check_init_zeros(init_zeros)
### END HIDDEN TESTS
# Visible checks run now; hidden checks with other shapes run when you are graded.
zeros = init_zeros([3, 4, 2])
assert sorted(zeros) == ["W1", "W2", "b1", "b2"], \
    "layer_dims [3, 4, 2] has 2 layers: W1, b1, W2, b2"
assert zeros["W1"].shape == (4, 3) and zeros["W2"].shape == (2, 4), \
    "W_l has shape (n_l, n_(l-1)): one row per unit of layer l"
assert zeros["b1"].shape == (4, 1) and zeros["b2"].shape == (2, 1), "b_l is a column (n_l, 1)"
assert all(not np.any(value) for value in zeros.values()), "every entry must be 0"

# %% [markdown]
# Let us train a small network from zero weights: 2 inputs, 6 sigmoid hidden units and one
# sigmoid output, on two interleaved half-moons (150 points of class 0 and 60 of class 1),
# with plain gradient descent. `nnlib.mlp.train` runs the forward pass, backpropagation
# and our update rule, epoch after epoch.

# %% nbgrader={"grade": false, "grade_id": "zero_training", "locked": true, "schema_version": 3, "solution": false, "task": false}
X_all, Y_all = data.classes_2d(300, rng, kind="moons")
keep = (Y_all[0] == 0) | (np.cumsum(Y_all[0]) <= 60)  # every class 0 point, 60 of class 1
X, Y = X_all[:, keep], Y_all[:, keep]
layer_dims = [2, 6, 1]
EPOCHS, LEARNING_RATE = 1000, 3.0

params_zero, costs_zero = mlp.train(X, Y, init_zeros(layer_dims),
                                    gradient_descent_step(LEARNING_RATE), EPOCHS)
np.set_printoptions(precision=4, suppress=True)
print("W1 after training from zeros (one row per hidden unit):")
print(params_zero["W1"])
print("b1:", params_zero["b1"].ravel())
print("W2:", params_zero["W2"].ravel())

# %% [markdown]
# The weights did move, yet the six rows of $W_1$ are **identical**, and so are the six
# entries of $W_2$: the six hidden units compute the same function. This is no accident
# of these data; it is a theorem.
#
# **Why.** Take two hidden units $j$ and $k$ of layer $l$ with equal incoming weights
# (rows $j$ and $k$ of $W_l$), equal biases, and equal outgoing weights (columns $j$ and $k$
# of $W_{l+1}$). Then for every example
#
# - forward: $z_j^{(l)} = z_k^{(l)}$, so $a_j^{(l)} = a_k^{(l)}$;
# - backward: $\delta_j^{(l)} = \big(\sum_i (W_{l+1})_{ij}\, \delta_i^{(l+1)}\big)\, g'(z_j^{(l)})
#   = \delta_k^{(l)}$, because the column entries and $z$ are equal;
# - gradients: $\partial J/\partial (W_l)_{j\cdot} = \frac1m \sum \delta_j^{(l)} a^{(l-1)\top}$
#   equals the gradient of row $k$, the bias gradients $\frac1m\sum\delta_j^{(l)}$ and
#   $\frac1m\sum\delta_k^{(l)}$ are equal, and $\partial J/\partial (W_{l+1})_{\cdot j} =
#   \frac1m \sum \delta^{(l+1)} a_j^{(l)}$ equals the gradient of column $k$
#   (each $\sum$ runs over the $m$ examples).
#
# So one gradient-descent step changes the two units in exactly the same way, and the
# three equalities hold again afterwards. By induction they hold **forever**. All-zero
# weights, or any constant $c$, satisfy them for every pair of units: a hidden layer of
# $n$ units is then worth one unit. Here that one unit draws a straight decision boundary.
#
# With $g = \tanh$ or ReLU it is even worse: $g(0) = 0$, so every hidden $a^{(l)}$ is zero,
# and every weight gradient $\delta^{(l+1)} a^{(l)\top}$ with $l \ge 1$ is zero. The first
# layer reads $a^{(0)} = x \ne 0$, but its gradient $\delta^{(1)}x^{\top}$ is zero too,
# because $\delta^{(1)} = W_2^{\top}\delta^{(2)} \odot g'(z^{(1)}) = 0$ when $W_2 = 0$. The
# same reason keeps every hidden bias fixed ($\partial J/\partial b_l = \frac1m\sum\delta^{(l)}
# = 0$). So nothing but the output bias ever moves. A constant $0.5$ instead of $0$ still gives identical rows (up to rounding errors
# of order $10^{-15}$, which stay that small):

# %% nbgrader={"grade": false, "grade_id": "constant_training", "locked": true, "schema_version": 3, "solution": false, "task": false}
params_tanh, _ = mlp.train(X, Y, init_zeros(layer_dims), gradient_descent_step(LEARNING_RATE),
                           100, hidden="tanh")
print("tanh, zero start: largest |weight| after 100 epochs:",
      max(np.abs(params_tanh[k]).max() for k in ("W1", "W2")))

constant = {key: value + 0.5 for key, value in init_zeros(layer_dims).items()}
params_constant, _ = mlp.train(X, Y, constant, gradient_descent_step(LEARNING_RATE), 100)
rows = params_constant["W1"]
print("sigmoid, constant 0.5 start: first row of W1 after 100 epochs", rows[0],
      f"\nlargest difference between two rows: {np.abs(rows - rows[0]).max():.1e}")

# %% [markdown]
# ### Question: equal rows, different entries
#
# A 2–3–1 network with sigmoid units starts with
#
# $$W_1 = \begin{pmatrix}0.2 & -0.4\\ 0.2 & -0.4\\ 0.2 & -0.4\end{pmatrix},\quad
# b_1 = 0,\quad W_2 = \begin{pmatrix}0.5 & 0.5 & 0.5\end{pmatrix},\quad b_2 = 0:$$
#
# the entries of a row differ, but the three rows (one per hidden unit) are equal. We
# train it with full-batch gradient descent on many different examples. What happens to
# the three hidden units?
#
# - (i) They stay identical at every step: the hidden layer works like a single unit.
# - (ii) They grow apart, because the two inputs and the two weights of a row differ.
# - (iii) They grow apart, because each unit's gradient is averaged over many different examples.
# - (iv) Nothing moves: every weight gradient is zero, as with all-zero weights.
#
# **Question 1.** Set `answer_equal_rows` to `"i"`, `"ii"`, `"iii"` or `"iv"`.

# %% nbgrader={"grade": false, "grade_id": "answer_equal_rows", "locked": false, "schema_version": 3, "solution": true, "task": false}
# Set answer_equal_rows to "i", "ii", "iii" or "iv".
### BEGIN SOLUTION
answer_equal_rows = "i"
### END SOLUTION

# %% nbgrader={"grade": true, "grade_id": "test_answer_equal_rows", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
### BEGIN HIDDEN TESTS
from autograder.lessons import lesson05
lesson05.check_answer_equal_rows(answer_equal_rows)
### END HIDDEN TESTS
assert str(answer_equal_rows).strip().strip("()").lower() in ("i", "ii", "iii", "iv"), \
    'answer with one of "i", "ii", "iii", "iv"'

# %% [markdown]
# ## 2. Breaking the symmetry: small random weights
#
# The cure is to start every weight at a different random value: units that start
# different receive different gradients and keep growing apart. The biases may stay at
# zero, since the random weights already make the units different.
#
# A classic choice draws each weight uniformly from $[-\varepsilon, \varepsilon]$ for a
# small $\varepsilon$ (e.g. $0.12$); another draws it from a normal distribution
# $\mathcal N(0, \sigma^2)$ with a small $\sigma$. Either way the weights have mean 0. The
# slides' example is $\mathcal N(0, 0.1)$. They do not say whether 0.1 is the standard
# deviation or the variance (standard deviation 0.32); both are "small" for a shallow
# network, and section 3 shows why the difference matters in a deep one.
# A uniform draw on $[-\varepsilon, \varepsilon]$ has variance $\varepsilon^2/3$.
#
# **Exercise 2.** Write `init_uniform(layer_dims, epsilon, rng)`: weights drawn uniformly
# from $[-\varepsilon, \varepsilon]$ with the generator `rng` (e.g.
# `rng.uniform(-epsilon, epsilon, size=shape)`), biases zero, same keys and shapes as
# `init_zeros`. Never use `np.random.rand` and friends: they ignore `rng`, so a seed no
# longer reproduces your network.

# %% nbgrader={"grade": false, "grade_id": "init_uniform", "locked": false, "schema_version": 3, "solution": true, "task": false}
def init_uniform(layer_dims, epsilon, rng):
    """Weights uniform in [-epsilon, epsilon], zero biases. rng: np.random.Generator.

    Returns {"W1": (n_1, n_0), "b1": (n_1, 1), ...} as init_zeros does.
    """
    ### BEGIN SOLUTION
    params = {}
    for l in range(1, len(layer_dims)):
        n_in, n_out = layer_dims[l - 1], layer_dims[l]
        params[f"W{l}"] = rng.uniform(-epsilon, epsilon, size=(n_out, n_in))
        params[f"b{l}"] = np.zeros((n_out, 1))
    return params
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_init_uniform", "locked": true, "points": 3, "schema_version": 3, "solution": false, "task": false}
### BEGIN HIDDEN TESTS
from autograder.lessons import lesson05
lesson05.check_init_uniform(init_uniform)
### END HIDDEN TESTS
# 120,000 draws: the bounds below hold for any correct initialiser, whatever the seed.
uniform = init_uniform([400, 300, 2], 0.1, np.random.default_rng(0))
W = uniform["W1"]
assert sorted(uniform) == ["W1", "W2", "b1", "b2"] and W.shape == (300, 400), \
    "keys W1, b1, W2, b2; W1 has shape (n_1, n_0) = (300, 400)"
assert np.all(np.abs(W) <= 0.1), "every weight must lie in [-ε, ε] = [-0.1, 0.1]"
assert W.min() < -0.09 and W.max() > 0.09, "the weights must fill the whole of [-ε, ε]"
assert abs(W.mean()) < 0.005, "the weights must be centred on 0"
assert uniform["b1"].shape == (300, 1) and not np.any(uniform["b1"]), "biases are zeros (n, 1)"
again = init_uniform([400, 300, 2], 0.1, np.random.default_rng(0))
assert np.array_equal(again["W1"], W), "the same seed must give the same weights: draw with rng"

# %% [markdown]
# Now train the same network from uniform weights in $[-2, 2]$, for the same number of
# epochs with the same learning rate, and compare. (With only 2 inputs the weights must be
# fairly large for the boundary to bend quickly; section 3 is about choosing the scale.)

# %% nbgrader={"grade": false, "grade_id": "random_training", "locked": true, "schema_version": 3, "solution": false, "task": false}
params_random, costs_random = mlp.train(X, Y, init_uniform(layer_dims, 2.0, rng),
                                        gradient_descent_step(LEARNING_RATE), EPOCHS)
print("W1 after training from uniform random weights:")
print(params_random["W1"])
for label, trained in (("zero start", params_zero), ("random start", params_random)):
    accuracy = np.mean(mlp.predict(X, trained) == Y[0])
    print(f"{label:>12}: training accuracy {accuracy:.1%}")

fig, axs = plt.subplots(1, 2, figsize=(10, 4), layout="constrained")
for ax, label, trained in zip(axs, ("zeros", "uniform in [−2, 2]"),
                              (params_zero, params_random)):
    plotting.plot_decision_boundary(lambda P, p=trained: mlp.mlp_forward(P, p)[0], X, Y, ax,
                                    title=f"2-6-1 network trained from {label}",
                                    resolution=120)
plt.show()

# %% [markdown]
# *Figure 1. Decision boundaries after 1,000 epochs of gradient descent from two starts.
# Left: from zero weights the six hidden units stayed identical, so the network acts like
# one unit and draws a straight line. Right: from random weights the units specialised and
# the boundary bends around the moons.*
#
# **Many minima.** The symmetry also shows that the cost of a network is **not convex**
# (lesson 01). Swap two hidden units, with their incoming and outgoing weights: the
# network computes exactly the same function, so the cost has the same minimum at two
# different points. Halfway between them, the two units have equal weights, which is
# usually worse. A convex function could not have two separate minima with a worse point
# between them. So the slides warn that gradient descent can stop in a **local
# minimum**, and different random starts generally end at different weights, sometimes
# with different costs.
#
# ## 3. How large should the random weights be? The variance argument
#
# Symmetry is broken by any random weights, however small. But the **scale** decides
# whether a deep network's signals survive the trip through its layers. Consider one unit,
#
# $$z = \sum_{i=1}^{n_{in}} w_i\, a_i ,$$
#
# with weights $w_i$ drawn independently with mean 0 and variance $\mathrm{Var}(w)$,
# independent of the inputs $a_i$. Each term has mean 0 and variance
# $\mathrm{Var}(w)\,\mathbb E[a^2]$, and variances of independent terms add:
#
# $$\mathrm{Var}(z) = n_{in}\, \mathrm{Var}(w)\, \mathbb E[a^2].$$
#
# With inputs of variance 1 and $n_{in} = 500$: $\sigma_w = 1$ gives $z$ a standard
# deviation of $\sqrt{500} \approx 22.4$, $\sigma_w = 0.01$ gives $0.224$, and only
# $\sigma_w = 1/\sqrt{500}$ keeps it at 1. The code agrees:

# %% nbgrader={"grade": false, "grade_id": "variance_of_z", "locked": true, "schema_version": 3, "solution": false, "task": false}
n_in, m = 500, 2000
inputs = rng.standard_normal((n_in, m))
for sigma_w in (1.0, 0.01, 1 / np.sqrt(n_in)):
    w = rng.normal(0.0, sigma_w, size=(1, n_in))
    print(f"σ_w = {sigma_w:.4f}: std of z = {np.std(w @ inputs):7.3f}, "
          f"theory √(n_in)·σ_w = {np.sqrt(n_in) * sigma_w:7.3f}")

# %% [markdown]
# **Forward.** In a network whose units work near $g'(0) = 1$ (tanh near 0, or no
# activation), $\mathbb E[a^2] \approx \mathrm{Var}(z)$ of the layer below, so each layer
# multiplies the variance by $n_{in}\mathrm{Var}(w)$:
#
# $$\mathrm{Var}\big(z^{(L)}\big) \approx \big(n_{in}\mathrm{Var}(w)\big)^{L}\,\mathrm{Var}(x).$$
#
# A factor below 1 makes the signal **vanish** geometrically with depth, above 1 it
# **explodes**. Keeping it at 1 needs $\mathrm{Var}(w) = 1/n_{in}$.
#
# **Backward.** Backpropagation runs the same kind of sum the other way,
# $\delta^{(l)} = (W_{l+1}^\top \delta^{(l+1)}) \odot g'(z^{(l)})$: each $\delta_j$ sums over the
# $n_{out}$ units the weight feeds, so $\mathrm{Var}(\delta^{(l)}) \approx n_{out}\mathrm{Var}(w)\,
# \mathrm{Var}(\delta^{(l+1)})$, which stays put when $\mathrm{Var}(w) = 1/n_{out}$. The
# gradient of $W_l$ is $\frac1m \delta^{(l)} a^{(l-1)\top}$: if either factor vanishes, that
# layer stops learning.
#
# **Xavier/Glorot** (Glorot & Bengio, 2010) takes the compromise between the two conditions,
#
# $$\mathrm{Var}(w) = \frac{2}{n_{in} + n_{out}}, \qquad
#   \sigma = \sqrt{\frac{2}{n_{in} + n_{out}}} .$$
#
# **He** (He et al., 2015) redoes the forward argument for ReLU. For a $z$ symmetric about
# 0, $a = \max(0, z)$ keeps only the positive half, so $\mathbb E[a^2] = \tfrac12
# \mathrm{Var}(z)$: each layer multiplies the variance by $\tfrac12 n_{in}\mathrm{Var}(w)$,
# and keeping that at 1 needs twice Xavier's fan-in variance,
#
# $$\mathrm{Var}(w) = \frac{2}{n_{in}}, \qquad \sigma = \sqrt{\frac{2}{n_{in}}} .$$
#
# Both draw the weights from $\mathcal N(0, \sigma^2)$ and set the biases to zero. Two
# traps: $\sigma$ is the **square root** of the variance, and the "uniform" versions draw
# from $[-a, a]$ with $a = \sqrt{3}\,\sigma$ (e.g. $\sqrt{6/(n_{in}+n_{out})}$), because a
# uniform on $[-a, a]$ has variance $a^2/3$; that limit $a$ is not a standard deviation.
#
# **Exercise 3.** Write `init_xavier(layer_dims, rng)`: for each layer $l$,
# $n_{in}$ = `layer_dims[l-1]`, $n_{out}$ = `layer_dims[l]`, weights
# $\mathcal N\big(0, 2/(n_{in}+n_{out})\big)$ drawn with `rng` (e.g.
# `rng.normal(0.0, std, size=shape)` or `std * rng.standard_normal(shape)`), zero biases.

# %% nbgrader={"grade": false, "grade_id": "init_xavier", "locked": false, "schema_version": 3, "solution": true, "task": false}
def init_xavier(layer_dims, rng):
    """Xavier/Glorot normal: W_l ~ N(0, 2 / (n_in + n_out)), zero biases.

    Returns {"W1": (n_1, n_0), "b1": (n_1, 1), ...}.
    """
    ### BEGIN SOLUTION
    params = {}
    for l in range(1, len(layer_dims)):
        n_in, n_out = layer_dims[l - 1], layer_dims[l]
        std = np.sqrt(2.0 / (n_in + n_out))
        params[f"W{l}"] = std * rng.standard_normal((n_out, n_in))
        params[f"b{l}"] = np.zeros((n_out, 1))
    return params
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_init_xavier", "locked": true, "points": 3, "schema_version": 3, "solution": false, "task": false}
### BEGIN HIDDEN TESTS
from autograder.lessons import lesson05
lesson05.check_init_xavier(init_xavier)
### END HIDDEN TESTS
xavier = init_xavier([500, 300, 10], np.random.default_rng(0))
assert sorted(xavier) == ["W1", "W2", "b1", "b2"], "keys W1, b1, W2, b2"
assert xavier["W1"].shape == (300, 500) and xavier["W2"].shape == (10, 300), \
    "W_l has shape (n_l, n_(l-1))"
std = xavier["W1"].std()
assert abs(std / np.sqrt(2 / 800) - 1) < 0.03, \
    f"W1 should have standard deviation √(2/(500 + 300)) = 0.05, not {std:.4f}"
assert abs(xavier["W1"].mean()) < 0.002, "the weights must be centred on 0"
assert not np.any(xavier["b1"]) and xavier["b1"].shape == (300, 1), "biases are zeros (n, 1)"
again = init_xavier([500, 300, 10], np.random.default_rng(0))
assert np.array_equal(again["W1"], xavier["W1"]), "the same seed must give the same weights"

# %% [markdown]
# **Exercise 4.** Write `init_he(layer_dims, rng)`: weights $\mathcal N(0, 2/n_{in})$ with
# $n_{in}$ = `layer_dims[l-1]`, drawn with `rng`, zero biases.

# %% nbgrader={"grade": false, "grade_id": "init_he", "locked": false, "schema_version": 3, "solution": true, "task": false}
def init_he(layer_dims, rng):
    """He normal: W_l ~ N(0, 2 / n_in) with n_in = layer_dims[l-1], zero biases.

    Returns {"W1": (n_1, n_0), "b1": (n_1, 1), ...}.
    """
    ### BEGIN SOLUTION
    params = {}
    for l in range(1, len(layer_dims)):
        n_in, n_out = layer_dims[l - 1], layer_dims[l]
        params[f"W{l}"] = rng.normal(0.0, np.sqrt(2.0 / n_in), size=(n_out, n_in))
        params[f"b{l}"] = np.zeros((n_out, 1))
    return params
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_init_he", "locked": true, "points": 3, "schema_version": 3, "solution": false, "task": false}
### BEGIN HIDDEN TESTS
from autograder.lessons import lesson05
lesson05.check_init_he(init_he)
### END HIDDEN TESTS
he = init_he([500, 300, 10], np.random.default_rng(0))
assert sorted(he) == ["W1", "W2", "b1", "b2"], "keys W1, b1, W2, b2"
assert he["W1"].shape == (300, 500) and he["W2"].shape == (10, 300), \
    "W_l has shape (n_l, n_(l-1))"
std = he["W1"].std()
assert abs(std / np.sqrt(2 / 500) - 1) < 0.03, \
    f"W1 should have standard deviation √(2/n_in) = √(2/500) ≈ 0.0632, not {std:.4f}"
assert abs(he["W1"].mean()) < 0.002, "the weights must be centred on 0"
assert not np.any(he["b1"]) and he["b1"].shape == (300, 1), "biases are zeros (n, 1)"
again = init_he([500, 300, 10], np.random.default_rng(0))
assert np.array_equal(again["W1"], he["W1"]), "the same seed must give the same weights"

# %% [markdown]
# ### Question: the He scale by hand
#
# A layer of ReLU units has $n_{in} = 50$ inputs and $n_{out} = 30$ units.
#
# **Question 2.** Set `answer_he_std` to the standard deviation $\sigma$ of He
# initialization for its weights, a number. Four significant digits are enough: the
# check allows a relative difference of 0.1 %.

# %% nbgrader={"grade": false, "grade_id": "answer_he_std", "locked": false, "schema_version": 3, "solution": true, "task": false}
# Set answer_he_std to the standard deviation of the He weights of this layer: a number.
### BEGIN SOLUTION
answer_he_std = np.sqrt(2 / 50)
### END SOLUTION

# %% nbgrader={"grade": true, "grade_id": "test_answer_he_std", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
### BEGIN HIDDEN TESTS
from autograder.lessons import lesson05
lesson05.check_answer_he_std(answer_he_std)
### END HIDDEN TESTS
assert not isinstance(answer_he_std, (str, bool)) and np.size(answer_he_std) == 1, \
    "answer_he_std is one number"

# %% [markdown]
# ## 4. A deep network, layer by layer
#
# Now the argument at work. We stack 8 dense layers of 100 units with the same activation
# in every layer, feed 200 standard-normal inputs forward and record the activations
# $a^{(l)}$ of every layer; then we backpropagate a random upstream gradient of variance 1
# from the top and record every $\delta^{(l)}$. We compare four initializations: a small
# $\mathcal N(0, 0.01^2)$, a large $\mathcal N(0, 1)$, and your Xavier and He. (The fixed-σ
# ones come from `nnlib.mlp.init_params`, which takes a number as the standard deviation.)

# %% nbgrader={"grade": false, "grade_id": "deep_signals", "locked": true, "schema_version": 3, "solution": false, "task": false}
schemes = {
    "small N(0, 0.01²)": lambda dims, gen: mlp.init_params(dims, gen, scale=0.01),
    "large N(0, 1)": lambda dims, gen: mlp.init_params(dims, gen, scale=1.0),
    "Xavier": init_xavier,
    "He": init_he,
}
DEPTH, WIDTH, M = 8, 100, 200
signals = {(g, label): init_plots.layer_signals(init, DEPTH, g, np.random.default_rng(0),
                                                 WIDTH, M)
           for g in ("tanh", "relu") for label, init in schemes.items()}

fig, axs = plt.subplots(2, 2, figsize=(10, 7), layout="constrained")
for row, g in enumerate(("tanh", "relu")):
    for col, kind in enumerate(("activations", "gradients")):
        curves = {label: init_plots.stds(signals[g, label][kind]) for label in schemes}
        what = "activations a" if kind == "activations" else "δ (backward)"
        init_plots.plot_std_by_layer(curves, axs[row, col], f"{g}: std of {what} by layer",
                                     f"std of {what.split()[0]}")
plt.show()

# %% [markdown]
# *Figure 2. Standard deviation of the activations (left) and of the backpropagated
# δ (right) in each layer of an 8-layer stack of 100 units, for tanh (top) and ReLU
# (bottom) units and four initializations. The vertical axis is logarithmic: a straight
# falling line is a signal that shrinks by the same factor in every layer.*
#
# Read it against the theory:
#
# - **small** weights: $n_{in}\mathrm{Var}(w) = 100 \cdot 10^{-4} = 0.01$, so each tanh
#   layer shrinks the standard deviation by $\sqrt{0.01} = 0.1$: the activations
#   **vanish**, and so do the δs on their way back. Every weight gradient
#   $\frac1m\delta^{(l)}a^{(l-1)\top}$ then multiplies a tiny δ or a tiny activation (or
#   both): the whole network barely learns.
# - **large** weights: $n_{in}\mathrm{Var}(w) = 100$. Tanh units saturate at $\pm 1$ (the
#   histograms below), where $g' \approx 0$; the δs, multiplied by the large weights, still
#   grow on the way back. ReLU units do not saturate: their activations **explode** by
#   $\sqrt{100/2} \approx 7$ per layer, and the δs explode on the way back.
# - **Xavier** keeps tanh signals within a factor of a few over 8 layers. With ReLU it halves
#   the variance in every layer (the factor $\tfrac12$ of He's argument), a slow vanishing.
# - **He** keeps ReLU activations and δs level: that is what it was derived for.

# %% nbgrader={"grade": false, "grade_id": "relu_ratio", "locked": true, "schema_version": 3, "solution": false, "task": false}
for label in ("Xavier", "He"):
    spread = init_plots.stds(signals["relu", label]["activations"])
    ratios = np.array(spread[1:]) / np.array(spread[:-1])
    print(f"ReLU, {label:>6}: std ratio between consecutive layers ≈ {ratios.mean():.3f} "
          f"(theory {np.sqrt(0.5) if label == 'Xavier' else 1.0:.3f})")

# %% [markdown]
# The histograms show *how* the signals die. Each panel uses the same horizontal range for
# every layer, so shrinking shows as a narrowing spike and growth as mass piling up at the
# edges (values beyond the range are counted in the edge bins).

# %% nbgrader={"grade": false, "grade_id": "tanh_histograms", "locked": true, "schema_version": 3, "solution": false, "task": false}
show_layers = [1, 2, 4, 8]
init_plots.plot_histogram_row(
    {label: signals["tanh", label]["activations"]
     for label in ("small N(0, 0.01²)", "Xavier", "large N(0, 1)")},
    "activations", "tanh", show_layers, title="tanh activations by layer")
plt.show()

# %% [markdown]
# *Figure 3. Histograms of the tanh activations in layers 1, 2, 4 and 8 (fraction of all
# unit-example pairs per bin on a logarithmic axis, range $[-1, 1]$; the legend gives each
# layer's standard deviation). Left: small weights, the activations collapse onto 0.
# Middle: Xavier, a spread that narrows only slowly. Right: large weights, the units
# saturate at $\pm 1$, where the slope $g'$ is almost 0.*

# %% nbgrader={"grade": false, "grade_id": "relu_histograms", "locked": true, "schema_version": 3, "solution": false, "task": false}
init_plots.plot_histogram_row(
    {label: signals["relu", label]["gradients"] for label in ("Xavier", "He", "large N(0, 1)")},
    "gradients", "relu", show_layers, title="ReLU network: backpropagated δ by layer")
plt.show()

# %% [markdown]
# *Figure 4. Histograms of the δs of a ReLU stack in layers 1, 2, 4 and 8, on the range
# ±3 standard deviations of layer 8, where backpropagation starts. The peak at 0 holds the
# units with $z < 0$, where $g' = 0$. Left: Xavier, the δs narrow towards layer 1. Middle:
# He, the same spread in every layer. Right: large weights, the δs of the early layers are
# far beyond the range and pile up in the edge bins.*
#
# ## 5. Explore it yourself
#
# Pick an initialization (your `init_xavier` and `init_he` are in the list), an activation,
# a depth, and whether to see the activations or the backpropagated δs. Try: ReLU with
# Xavier at depth 10; sigmoid with He; tanh with the large weights, activations and then
# gradients.

# %% nbgrader={"grade": false, "grade_id": "explorer", "locked": true, "schema_version": 3, "solution": false, "task": false}
init_plots.activation_explorer(schemes, width=WIDTH, m=M, max_depth=10)

# %% [markdown]
# *Figure 5 (interactive). Left: the standard deviation of the chosen signal in each layer
# (log scale). Right: its histogram in each layer, on one shared range.*
#
# ## 6. ReLU units: dead units and small positive biases
#
# A ReLU unit is **dead** on a data set when $z \le 0$ for every example. Then $a = 0$ and
# $g'(z) = 0$ for every example, so its δ is 0, and the gradient of its incoming weights
# and bias, $\frac1m\sum \delta\, a^{(l-1)\top}$, is exactly 0: gradient descent never changes
# them again. In the first layer its inputs never change either, so it is dead for good.
#
# Units die at initialization (a row of $W_1$ that points away from all the data) and
# during training, when one large step pushes a unit's $z$ below 0 everywhere. Below we
# train a 64-50-10 ReLU network on 500 of the 8×8 digits with a learning rate of 1 and
# count the dead hidden units after every epoch.

# %% nbgrader={"grade": false, "grade_id": "dead_units", "locked": true, "schema_version": 3, "solution": false, "task": false}
digits = data.load_digits("train")
X_digits, Y_digits = digits.X[:, :500], digits.Y[:, :500]


def dead_units(params, X):
    """Boolean (n_1,): hidden units with z <= 0 on every example of X."""
    return np.all(params["W1"] @ X + params["b1"] <= 0, axis=1)


def train_counting_dead(bias, epochs=30, learning_rate=1.0):
    """Train 64-50-10 with He weights and b1 = bias; count dead units after every epoch."""
    params = init_he([64, 50, 10], np.random.default_rng(7))
    params["b1"] = params["b1"] + bias
    counts = [int(dead_units(params, X_digits).sum())]
    snapshot = {}

    def record(epoch, params):
        counts.append(int(dead_units(params, X_digits).sum()))
        if epoch == 10:  # remember who is dead now, and their weights
            snapshot["W1"], snapshot["dead"] = params["W1"].copy(), dead_units(params, X_digits)

    params, _ = mlp.train(X_digits, Y_digits, params, gradient_descent_step(learning_rate),
                          epochs, hidden="relu", callback=record)
    return params, counts, snapshot


dead_counts = {}
for bias in (0.0, 0.1):
    trained, counts, snapshot = train_counting_dead(bias)
    dead_counts[f"b1 = {bias}"] = counts
    change = np.abs(trained["W1"] - snapshot["W1"])[snapshot["dead"]].max(initial=0.0)
    print(f"b1 = {bias}: dead units at the start {counts[0]:>2}, after 30 epochs "
          f"{counts[-1]:>2}; the {snapshot['dead'].sum()} units dead at epoch 10 changed by "
          f"at most {change} since")

ax = plotting.plot_histories(dead_counts, title="Dead hidden ReLU units during training",
                             xlabel="epoch", ylabel="dead units (of 50)")
plt.show()

# %% [markdown]
# *Figure 6. The number of hidden units of a 64-50-10 ReLU network that output 0 for every
# one of its 500 training images, after each epoch of gradient descent with learning rate
# 1, starting from the same He weights with hidden biases 0 and 0.1.*
#
# The units that died never changed again (largest change 0.0). A small **positive bias**
# such as 0.01 or 0.1 shifts every $z$ up at the start, so that (almost) every unit is active
# on some examples and receives gradient from the first step; here it halves the number of
# units that are dead from the start. It does not stop a too-large step from killing units
# later: that is a matter of the learning rate and the optimizer (lesson 06). The evidence
# that positive biases help in general is mixed, and zero biases remain the common default
# (see the CS231n notes on initialization).
#
# ## Where the sources differ
#
# - **Slides, $\mathcal N(0, 0.1)$**: the slides do not say whether 0.1 is a standard
#   deviation or a variance (section 2). Our "small" scheme uses standard deviation 0.01.
# - **Slides, Xavier**: the slides write Xavier/He as $\mathcal N\big(0,
#   \sqrt{2/(n^{(l)} + n^{(l-1)})}\big)$. The square root belongs to the **standard
#   deviation**; the variance is $2/(n_{in} + n_{out})$ (section 3). The slides give one
#   formula for both; we separate Xavier ($n_{in} + n_{out}$, for tanh-like units) and He
#   ($n_{in}$ only, for ReLU).
#
# ## Summary
#
# - With all-zero or constant weights every unit of a layer receives the same gradient, so
#   the units stay identical forever: a layer of $n$ units is worth one. Random weights
#   break the symmetry; the biases may start at 0.
# - Small random weights, uniform in $[-\varepsilon, \varepsilon]$ or $\mathcal N(0, \sigma^2)$,
#   are enough for a shallow network.
# - In a deep network, $\mathrm{Var}(z) = n_{in}\mathrm{Var}(w)\,\mathbb E[a^2]$ multiplies from
#   layer to layer: too small weights make activations and gradients vanish, too large ones
#   saturate tanh units or make ReLU signals explode.
# - Xavier/Glorot, $\sigma = \sqrt{2/(n_{in}+n_{out})}$, balances the forward and backward
#   passes for tanh-like units; He, $\sigma = \sqrt{2/n_{in}}$, compensates for the half of
#   the signal that a ReLU sets to zero.
# - A ReLU unit with $z \le 0$ on every example is dead: it gets no gradient and never
#   recovers. A small positive bias keeps units alive at the start, not later.
#
# ## Check yourself
#
# 1. A hidden layer starts with all weights equal to 0.3 and all biases 0. After 1,000 steps
#    of gradient descent, how many different rows does its weight matrix have? Why?
#
#    <details><summary>Answer</summary>
#
#    One: all its rows stay equal (up to rounding errors of about $10^{-15}$). The units
#    start identical, so they compute the same activations, receive the same $\delta$ and the
#    same gradients, and take the same steps; by induction they stay identical at every
#    step (section 1). The entries *within* a row can change and differ; the rows cannot.
#
#    </details>
#
# 2. Why can the biases start at zero when the weights cannot?
#
#    <details><summary>Answer</summary>
#
#    Symmetry is broken as soon as the units differ in *some* way. Random weights already
#    make every unit compute a different $z$, so the units get different $\delta$s, and
#    the bias gradients $\frac1m\sum\delta$ differ too. Zero biases do not make the units
#    equal again. Zero weights would, whatever the biases.
#
#    </details>
#
# 3. A layer has $n_{in} = 200$ and $n_{out} = 50$. What are the Xavier and He standard
#    deviations of its weights? What is the half-width $a$ of the uniform Xavier version?
#
#    <details><summary>Answer</summary>
#
#    Xavier: $\sigma = \sqrt{2/(200 + 50)} = \sqrt{0.008} \approx 0.089$. He:
#    $\sigma = \sqrt{2/200} = 0.1$. A uniform draw on $[-a, a]$ has variance $a^2/3$; setting
#    it to $2/250$ gives $a = \sqrt{6/250} \approx 0.155$.
#
#    </details>
#
# 4. Figure 2 shows Xavier tanh activations shrinking slowly although the argument says
#    they should stay level. Which assumption of the argument does tanh break?
#
#    <details><summary>Answer</summary>
#
#    The argument treats the unit as linear near 0, $g(z) \approx z$ with $g'(0) = 1$, so
#    that $\mathbb E[a^2] = \mathrm{Var}(z)$. But $|\tanh z| < |z|$ for every $z \ne 0$: tanh
#    squashes, so $\mathbb E[a^2] < \mathrm{Var}(z)$ and each layer loses a little of the
#    signal. (Xavier's compromise between $n_{in}$ and $n_{out}$ adds a small effect when
#    they differ.)
#
#    </details>
#
# 5. Your ReLU network's loss stops improving and 90 % of its hidden units output zero for
#    every example. What happened, and what would you change?
#
#    <details><summary>Answer</summary>
#
#    The units have **died**: their $z \le 0$ for every example, so their ReLU slope is 0,
#    no gradient reaches their weights, and they never recover. Usually a too large
#    learning rate pushed the weights or biases far negative, or the initialization was
#    badly scaled. Use He initialization, a smaller learning rate, and possibly a small
#    positive starting bias (or a leaky ReLU, whose slope is small but not 0 for $z < 0$).
#
#    </details>
#
# ## Check your code
#
# Working on your own? In a new cell, `from nnlib.selfcheck import check;
# check(init_zeros)` runs one of your graded functions on the lesson's public test cases
# (fixed inputs and the outputs they must give) and, when an answer is wrong, names the
# mistake it matches in the hidden tests' words. It works offline and never shows
# reference code; the hidden tests grade on other, random cases. This lesson's graded
# functions are `init_zeros`, `init_uniform`, `init_xavier` and `init_he`.

# %% [markdown]
# ## Sources
#
# This lesson draws on:
#
# - K. Teachasrisaksakul, slides "8.2 Neural Network (Part 3): Learning" (in Thai): "do
#   not set all parameters to 0 (why?)" with $a_1^{(2)} = a_2^{(2)}$ and $\delta_1 =
#   \delta_2$, random weights in $[-\varepsilon, \varepsilon]$ or $\mathcal N(0, 0.1)$,
#   Xavier and He, small positive biases for ReLU units, and non-convex costs.
