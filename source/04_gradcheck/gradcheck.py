# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # Lesson 04 — Gradient checking
#
# Backpropagation is a long chain of small formulas, and one wrong sign, index or factor
# breaks it silently: the code still runs, the cost may still go down, and the network
# learns worse than it could. **Gradient checking** compares the gradient your backprop
# computes with one measured directly from the cost, by nudging each parameter a little.
# It is the standard way to debug a backprop implementation.
#
# **By the end of this lesson you can**
# 1. read the plot that shows gradient descent is working, and say why it cannot prove
#    that the gradient is right;
# 2. approximate a derivative by the two-sided difference $\frac{J(\theta+\varepsilon) -
#    J(\theta-\varepsilon)}{2\varepsilon}$ and show, with a Taylor expansion and a
#    measurement, that its error shrinks like $\varepsilon^2$, against $\varepsilon$ for the
#    one-sided difference;
# 3. choose $\varepsilon$, knowing how truncation error and round-off error compete;
# 4. compute the numerical gradient of a cost over parameters of any shape, leaving them
#    unchanged;
# 5. compare two gradients with the **relative error** and read it against the usual
#    thresholds;
# 6. check lesson 03's backprop, find a planted bug in a supplied backprop, and recognise
#    false alarms at the kinks of ReLU;
# 7. explain why gradient checking is switched off for training: it costs
#    $O(\#\text{parameters})$ cost evaluations per gradient.
#
# You will write four functions, `numerical_derivative`, `numerical_gradient`,
# `relative_error` and `gradient_check`, and answer three questions. Each is followed by
# a test cell: the visible checks run in the notebook, and hidden checks with fresh random
# cases run when your work is graded.

# %% [markdown]
# ## Notation used in every lesson
#
# | symbol | meaning | in code |
# |---|---|---|
# | $m$ | number of examples | `m` |
# | $x^{(i)}, y^{(i)}$ | input and target of example $i$ | `X[:, i]`, `Y[:, i]` |
# | $W_l$, $b_l$ | weights and biases of layer $l$ | `params["W1"]`, `params["b1"]` |
# | $\alpha$ | learning rate | `learning_rate` |
# | $\lambda$ | regularization strength | `lambd` |
# | $\theta$ | all parameters, as one array of any shape | `theta` |
# | $J(\theta)$ | the cost, one number | `J(theta)` |
# | $\varepsilon$ | the small step of a numerical derivative | `eps` |
# | $e_i$ | the array with 1 in entry $i$ and 0 everywhere else | |
# | $g_a$, $g_n$ | analytic (backprop) and numerical gradients | `analytic`, `numerical` |
#
# Examples are **columns**: `X` has shape `(n_0, m)`, `Y` has shape `(n_L, m)`; parameters
# live in a dict `params` with keys `"W1", "b1", …`, and their gradients use the same keys
# with a `d` prefix (`"dW1"`). Numbers are NumPy float64, and randomness always comes from
# an explicit generator `rng`.

# %% nbgrader={"grade": false, "grade_id": "setup", "locked": true, "schema_version": 3, "solution": false, "task": false}
import time

import numpy as np
import matplotlib.pyplot as plt

from nnlib import data, gradcheck_plots, mlp

rng = np.random.default_rng(404)

# %% [markdown]
# ## 1. Is gradient descent working?
#
# Before we check gradients, recall how we see that training works at all. Below, a
# small network (2 inputs, 3 hidden units, 1 output) is trained on 60 points by gradient
# descent, and four things are plotted. Only one of them tells you that gradient descent
# is doing its job.

# %% nbgrader={"grade": false, "grade_id": "candidate_plots", "locked": true, "schema_version": 3, "solution": false, "task": false}
X_toy, Y_toy = data.classes_2d(60, rng, kind="blobs")
start = mlp.init_params([2, 3, 1], rng)


def descend(sign, learning_rate=0.5, epochs=150):
    """Full-batch steps params ← params − sign·α·grads; returns (costs, one weight's path)."""
    path = [start["W1"][0, 0]]
    update = lambda p, g: {k: p[k] - sign * learning_rate * g["d" + k] for k in p}
    _, costs = mlp.train(X_toy, Y_toy, start, update, epochs,
                         callback=lambda epoch, p: path.append(p["W1"][0, 0]))
    return costs, path


costs_down, weight_path = descend(+1.0)
costs_up, _ = descend(-1.0)  # a gradient with the wrong sign: gradient *ascent*
w_grid = np.linspace(-4, 4, 81)


def cost_with_weight(w):
    """The cost at the initial parameters, with W1[0, 0] set to w."""
    W1 = start["W1"].copy()
    W1[0, 0] = w
    p = {**start, "W1": W1}
    return mlp.mlp_cost(mlp.mlp_forward(X_toy, p)[0], Y_toy, p)


cost_over_w = [cost_with_weight(w) for w in w_grid]
iterations = np.arange(len(costs_down))
gradcheck_plots.plot_candidates([
    ("a", w_grid, cost_over_w, "weight $W_1[0,0]$", "cost J"),
    ("b", iterations, costs_up, "iteration", "cost J"),
    ("c", iterations, costs_down, "iteration", "cost J"),
    ("d", iterations, weight_path, "iteration", "weight $W_1[0,0]$"),
])
plt.show()

# %% [markdown]
# *Figure 1. Four candidate plots from training a 2–3–1 network on 60 points:
# (a) the cost as one weight is varied, the others fixed at their initial values;
# (b) the cost after each iteration of one run; (c) the cost after each iteration of
# another run; (d) the value of one weight after each iteration of run (c).*
#
# **Question 1.** Which plot shows that gradient descent works?
#
# - (a) the cost over a range of values of one weight, the other parameters fixed;
# - (b) the cost after each iteration, rising;
# - (c) the cost after each iteration, falling and levelling off;
# - (d) the value of one weight after each iteration, changing steadily.
#
# Set `answer_which_plot` to `"a"`, `"b"`, `"c"` or `"d"`.

# %% nbgrader={"grade": false, "grade_id": "answer_which_plot", "locked": false, "schema_version": 3, "solution": true, "task": false}
### BEGIN SOLUTION
answer_which_plot = "c"
### END SOLUTION

# %% nbgrader={"grade": true, "grade_id": "test_answer_which_plot", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
### BEGIN HIDDEN TESTS
from autograder.lessons import lesson04
lesson04.check_answer_which_plot(answer_which_plot)
### END HIDDEN TESTS
assert answer_which_plot.strip().strip("()").lower() in ("a", "b", "c", "d"), \
    "answer with one letter"

# %% [markdown]
# This question is from the slides "8.2 Neural Network (Part 3): Learning", where the
# options are sentences; the slides' answer, (iii), is our (c). We drew the four plots
# so that you can see them.
#
# A cost that falls with every iteration is the sign that descent works. It is **not**
# proof that the gradient is right: a gradient with a small error still points roughly
# downhill, so the cost still falls, only towards the wrong place or more slowly. To know
# that backprop is right we compare it with a gradient measured from the cost itself.
#
# ## 2. Derivatives by finite differences
#
# The derivative is the limit of a difference quotient. The obvious approximation keeps
# $\varepsilon$ small but finite, the **one-sided difference**
# $\frac{J(\theta+\varepsilon) - J(\theta)}{\varepsilon}$. A much better one looks both
# ways, the **two-sided (central) difference**
#
# $$\frac{dJ}{d\theta} \approx \frac{J(\theta+\varepsilon) - J(\theta-\varepsilon)}{2\varepsilon}.$$
#
# **Why two-sided is better: Taylor's theorem.** Expand $J$ around $\theta$:
#
# $$J(\theta\pm\varepsilon) = J(\theta) \pm \varepsilon J'(\theta)
#   + \frac{\varepsilon^2}{2}J''(\theta) \pm \frac{\varepsilon^3}{6}J'''(\theta)
#   + O(\varepsilon^4).$$
#
# In the one-sided difference the $\varepsilon^2$ term survives, and dividing by $\varepsilon$
# leaves an error proportional to $\varepsilon$:
#
# $$\frac{J(\theta+\varepsilon) - J(\theta)}{\varepsilon} = J'(\theta)
#   + \frac{\varepsilon}{2}J''(\theta) + O(\varepsilon^2) \qquad\text{error } O(\varepsilon).$$
#
# In the two-sided difference the even terms cancel, because they have the same sign on
# both sides:
#
# $$\frac{J(\theta+\varepsilon) - J(\theta-\varepsilon)}{2\varepsilon} = J'(\theta) +
#   \frac{\varepsilon^2}{6}J'''(\theta) + O(\varepsilon^4) \qquad\text{error } O(\varepsilon^2).$$
#
# With $\varepsilon = 10^{-2}$ the one-sided error is of order $10^{-2}$, the two-sided one
# of order $10^{-4}$, for the same two evaluations of $J$.
#
# **Exercise 1.** Write `numerical_derivative(f, theta, eps)`: the two-sided difference of
# a function `f` of one number at the number `theta`. Return a float.

# %% nbgrader={"grade": false, "grade_id": "numerical_derivative", "locked": false, "schema_version": 3, "solution": true, "task": false}
def numerical_derivative(f, theta, eps):
    """Two-sided difference (f(theta + eps) - f(theta - eps)) / (2 eps); theta a number."""
    ### BEGIN SOLUTION
    return float((f(theta + eps) - f(theta - eps)) / (2.0 * eps))
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_numerical_derivative", "locked": true, "points": 2, "schema_version": 3, "solution": false, "task": false}
### BEGIN HIDDEN TESTS
from autograder.lessons import lesson04
lesson04.check_numerical_derivative(numerical_derivative)
### END HIDDEN TESTS
# Visible checks run now; hidden checks with new random cases run when you are graded.
slope_line = numerical_derivative(lambda t: 5.0 * t - 2.0, 0.3, 0.1)
assert abs(slope_line - 5.0) < 1e-12, f"a line 5θ − 2 has slope 5 everywhere, not {slope_line}"
slope_square = numerical_derivative(lambda t: t ** 2, 2.0, 0.5)
assert abs(slope_square - 4.0) < 1e-12, \
    f"for θ² the two-sided difference is exact: (2.5² − 1.5²) / 1 = 4, not {slope_square}"

# %% [markdown]
# **The worked example.** $J(\theta) = \theta^3$ at $\theta = 1$ with $\varepsilon = 0.01$.
# The exact derivative is $3\theta^2 = 3$. By hand:
# $\frac{1.01^3 - 0.99^3}{0.02} = \frac{1.030301 - 0.970299}{0.02} = 3.0001$, an error of
# $10^{-4} = \frac{\varepsilon^2}{6}J''' = \frac{10^{-4}}{6}\cdot 6$, exactly as Taylor
# predicts. The one-sided difference gives $3.0301$: 300 times further off.
#
# This is a question of the slides, with the options 3.0000, 3.0001, 3.0301 and 6.0002.
# 6.0002 is what you get when you divide by $\varepsilon$ instead of $2\varepsilon$:
# $(1.030301 - 0.970299)/0.01 = 6.0002$. **If you hold the slides:** their worked answer
# prints "= 3.001". That is a typo: the value is $3.0001$, option (ii), as the code below
# shows.

# %% nbgrader={"grade": false, "grade_id": "worked_example", "locked": true, "schema_version": 3, "solution": false, "task": false}
cube = lambda t: t ** 3
two_sided = numerical_derivative(cube, 1.0, 0.01)
one_sided = gradcheck_plots.one_sided_difference(cube, 1.0, 0.01)
print(f"two-sided: {two_sided:.4f}   error {two_sided - 3:.1e}")
print(f"one-sided: {one_sided:.4f}   error {one_sided - 3:.1e}")

# %% [markdown]
# Now **measure** the orders: halve $\varepsilon$ again and again. An error of order
# $\varepsilon^2$ shrinks 4-fold per halving, an error of order $\varepsilon$ only 2-fold.

# %% nbgrader={"grade": false, "grade_id": "halving", "locked": true, "schema_version": 3, "solution": false, "task": false}
print("    eps     two-sided error  ratio   one-sided error  ratio")
previous = None
for eps in 0.1 / 2.0 ** np.arange(6):
    errors = (abs(numerical_derivative(cube, 1.0, eps) - 3),
              abs(gradcheck_plots.one_sided_difference(cube, 1.0, eps) - 3))
    ratios = ("", "") if previous is None else \
        tuple(f"{p / e:5.2f}" for p, e in zip(previous, errors))
    print(f"{eps:9.5f}   {errors[0]:12.3e}   {ratios[0]:>5}   {errors[1]:12.3e}   {ratios[1]:>5}")
    previous = errors

# %% [markdown]
# ## 3. How small should ε be? Truncation against round-off
#
# Taylor says: the smaller $\varepsilon$, the better. The computer disagrees. Each value
# $J(\theta\pm\varepsilon)$ is stored as a float64 with a relative rounding error up to
# $u \approx 1.1\times 10^{-16}$. Subtracting two nearly equal numbers keeps their absolute
# error, about $u\,|J|$, while the difference itself shrinks with $\varepsilon$; dividing by
# $2\varepsilon$ then magnifies it. The total error of the two-sided difference is about
#
# $$\underbrace{\frac{\varepsilon^2}{6}\,|J'''|}_{\text{truncation}} +
#   \underbrace{\frac{u\,|J|}{\varepsilon}}_{\text{round-off}},$$
#
# smallest near $\varepsilon^\ast = (3u|J|/|J'''|)^{1/3} \approx 10^{-5}$ when $J$ and
# $J'''$ are of order 1. For the one-sided difference the best $\varepsilon$ is near
# $\sqrt{u} \approx 10^{-8}$ and its best error is about $10^{-8}$, a thousand times worse.
# On a log-log plot, a power law $\text{error} \propto \varepsilon^k$ is a straight line
# of slope $k$: slope 2 and 1 for truncation, slope $-1$ for round-off.

# %% nbgrader={"grade": false, "grade_id": "eps_sweep", "locked": true, "schema_version": 3, "solution": false, "task": false}
eps_grid = gradcheck_plots.EPS_GRID
derivatives = gradcheck_plots.FUNCTIONS["θ³"]
sweep_two, sweep_one = gradcheck_plots.eps_sweep(numerical_derivative, cube, derivatives[1],
                                                 1.0, eps_grid)
fig, ax = plt.subplots(figsize=(8, 4.8), layout="constrained")
gradcheck_plots.plot_eps_sweep(eps_grid, sweep_two, sweep_one, ax=ax,
                               model=gradcheck_plots.error_model(derivatives, 1.0, eps_grid),
                               title="ε sweep for J(θ) = θ³ at θ = 1")
plt.show()
for regime, lo, hi in (("truncation", 1e-3, 1e-1), ("round-off", 1e-14, 1e-10)):
    slopes = [gradcheck_plots.fit_slope(eps_grid, errors, lo, hi)
              for errors in (sweep_two, sweep_one)]
    print(f"measured slopes, {regime} ({lo:g} ≤ ε ≤ {hi:g}): "
          f"two-sided {slopes[0]:.2f}, one-sided {slopes[1]:.2f}")
for label, errors in (("two-sided", sweep_two), ("one-sided", sweep_one)):
    print(f"best ε for {label}: {gradcheck_plots.best_eps(eps_grid, errors):.0e} "
          f"(error {np.min(errors):.1e})")

# %% [markdown]
# *Figure 2. Error of the two-sided (blue) and one-sided (orange) differences of
# $J(\theta) = \theta^3$ at $\theta = 1$, for 61 step sizes from $10^{-15}$ to 1, on
# log-log axes. Dashed lines are the predicted error terms: truncation with slope 2 and
# 1, round-off with slope $-1$. Dotted vertical lines mark the best step of each method.
# Right of the optimum truncation dominates, left of it round-off (jagged, because
# rounding errors are irregular).*
#
# Our default, $\varepsilon = 10^{-5}$, sits near the two-sided optimum. It is also the
# usual choice for gradient checking (CS231n suggests $10^{-5}$ to $10^{-6}$). The slides
# suggest $\varepsilon = 10^{-4}$ and warn that a too small $\varepsilon$ causes numerical
# problems: $10^{-4}$ is also fine in Figure 2 (a little truncation error, still far below
# the thresholds of section 5), and the warning is the round-off branch of Figure 2.
#
# **Explore it yourself.** Pick a function and move $\theta$. Try `sin θ` at $\theta = 0$,
# where $J'' = 0$: why is the one-sided difference suddenly as good as the two-sided one
# over a range of $\varepsilon$? Try `θ³` at $\theta = 2$ and at $\theta = 0.2$: how do the
# best $\varepsilon$ and the best error change, and what does the formula for
# $\varepsilon^\ast$ predict?

# %% nbgrader={"grade": false, "grade_id": "explorer", "locked": true, "schema_version": 3, "solution": false, "task": false}
gradcheck_plots.eps_sweep_explorer(numerical_derivative)

# %% [markdown]
# *Figure 3 (interactive). The ε sweep of Figure 2 for the function and the point
# $\theta$ you choose, computed with your `numerical_derivative`.*
#
# ## 4. The numerical gradient
#
# A cost depends on many parameters. The **partial derivative** with respect to entry
# $i$ of $\theta$ is the derivative along $e_i$, the array with 1 in entry $i$ and 0
# elsewhere, so each entry of the numerical gradient is a two-sided difference in which
# **only entry $i$ moves**:
#
# $$g_n[i] = \frac{J(\theta + \varepsilon e_i) - J(\theta - \varepsilon e_i)}{2\varepsilon}.$$
#
# That is two evaluations of $J$ per parameter. $\theta$ may be a vector, a matrix such
# as $W_1$, or all the network's parameters flattened into one vector.
#
# **Exercise 2.** Write `numerical_gradient(J, theta, eps=1e-5)` for an array `theta` of
# any shape (a 0-d array included); return an array of the same shape. `theta` must be
# **unchanged** when your function returns: either perturb a copy, or save each entry
# and put it back. (`np.ndindex(theta.shape)` or `np.nditer` visit every index of an
# array of any shape.)

# %% nbgrader={"grade": false, "grade_id": "numerical_gradient", "locked": false, "schema_version": 3, "solution": true, "task": false}
def numerical_gradient(J, theta, eps=1e-5):
    """Two-sided numerical gradient of the scalar function J at theta.

    theta: array of any shape (float64), unchanged on return.
    Returns grad, shaped like theta: grad[i] = (J(theta + eps e_i) - J(theta - eps e_i)) / 2 eps.
    """
    ### BEGIN SOLUTION
    grad = np.zeros(np.shape(theta))
    for index in np.ndindex(np.shape(theta)):
        saved = theta[index]
        theta[index] = saved + eps
        J_plus = J(theta)
        theta[index] = saved - eps
        J_minus = J(theta)
        theta[index] = saved  # restore before moving to the next entry
        grad[index] = (J_plus - J_minus) / (2.0 * eps)
    return grad
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_numerical_gradient", "locked": true, "points": 3, "schema_version": 3, "solution": false, "task": false}
### BEGIN HIDDEN TESTS
from autograder.lessons import lesson04
lesson04.check_numerical_gradient(numerical_gradient)
### END HIDDEN TESTS
theta_test = np.array([[1.0, -2.0, 0.5], [3.0, 0.0, -1.5]])
theta_before = theta_test.copy()
grad_test = numerical_gradient(lambda t: np.sum(t ** 2), theta_test)
assert np.shape(grad_test) == (2, 3), \
    f"the gradient has θ's shape (2, 3), not {np.shape(grad_test)}"
assert np.allclose(theta_test, theta_before, rtol=1e-13, atol=1e-15), \
    "theta must be unchanged after numerical_gradient: perturb a copy, or restore each entry"
assert np.allclose(grad_test, 2 * theta_before, rtol=1e-8, atol=1e-8), \
    "the gradient of Σθ² is 2θ; move one entry at a time and divide by 2ε"
weights = np.array([1.0, -3.0, 2.0])
assert np.allclose(numerical_gradient(lambda t: weights @ t, np.zeros(3)), weights, atol=1e-8), \
    "the gradient of w·θ is w: entry i moves only θ_i"

# %% [markdown]
# ## 5. Comparing gradients: the relative error
#
# How close must $g_a$ (backprop) and $g_n$ (numerical) be? The absolute difference
# $\lVert g_a - g_n\rVert$ cannot tell: whether $10^{-7}$ is small depends on how big
# the gradient is. We divide by the sizes of both:
#
# $$\text{relative error} = \frac{\lVert g_a - g_n \rVert}{\lVert g_a \rVert + \lVert g_n \rVert},$$
#
# with $\lVert\cdot\rVert$ the Euclidean norm of all entries (for a matrix, the Frobenius
# norm). It is symmetric in the two gradients, lies between 0 and 1, and does not change
# when the cost is multiplied by a constant. When both gradients are exactly zero they
# agree perfectly: define the error as 0 there.
#
# The next cell shows the problem with absolute errors. For $J_c(\theta) = c\sum_i
# \sin\theta_i$, at three scales $c$, it compares the numerical gradient with the correct
# one and with one that is 10 % too large.

# %% nbgrader={"grade": false, "grade_id": "why_relative", "locked": true, "schema_version": 3, "solution": false, "task": false}
theta_s = rng.uniform(-1, 1, 5)
print("     c    gradient        absolute error         relative error")
for c in (1e-6, 1.0, 1e6):
    numerical_s = numerical_gradient(lambda t: c * np.sum(np.sin(t)), theta_s.copy())
    for label, analytic_s in (("correct", c * np.cos(theta_s)),
                              ("10% off", 1.1 * c * np.cos(theta_s))):
        absolute = np.linalg.norm(analytic_s - numerical_s)
        relative = absolute / (np.linalg.norm(analytic_s) + np.linalg.norm(numerical_s))
        print(f"{c:6.0e}    {label}    {absolute:12.1e}    {relative:12.1e}")

# %% [markdown]
# The correct gradient at $c = 10^6$ has a larger absolute error than the wrong one at
# $c = 10^{-6}$: no absolute threshold separates right from wrong. The relative error
# does, at every scale. The usual thresholds for this relative error in float64 are
# those of Andrew Ng's deeplearning.ai course *Improving Deep Neural Networks* (its
# gradient-checking exercise uses this same formula):
#
# | relative error | verdict |
# |---|---|
# | below $10^{-7}$ | fine: the gradient is right |
# | around $10^{-5}$ ($10^{-7}$ to $10^{-3}$) | suspicious: look closer (kinks? $\varepsilon$?) |
# | above $10^{-3}$ | wrong: there is a bug |
#
# A deep network accumulates more round-off, so a correct gradient of a deep network can
# land a little above $10^{-7}$; a clean $10^{-9}$ is what a correct sigmoid network gives.
# **Near a kink** (section 8) the table does not apply at all: the entries next to the
# kink can be off by a large amount, and section 8 shows a correct gradient at $10^{-2}$.
#
# Other courses use other conventions. Stanford's CS231n notes, for example, compare
# entry by entry, $|a_i - n_i| / \max(|a_i|, |n_i|)$, and read the largest of these with
# bands of their own. A threshold belongs to its formula: do not mix them.
#
# **Exercise 3.** Write `relative_error(a, b)` for two arrays of the same shape, returning
# a float; return `0.0` when both are all zeros.

# %% nbgrader={"grade": false, "grade_id": "relative_error", "locked": false, "schema_version": 3, "solution": true, "task": false}
def relative_error(a, b):
    """||a - b|| / (||a|| + ||b||) over all entries; 0.0 when a and b are both zero."""
    ### BEGIN SOLUTION
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    denominator = np.linalg.norm(a) + np.linalg.norm(b)
    if denominator == 0.0:
        return 0.0
    return float(np.linalg.norm(a - b) / denominator)
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_relative_error", "locked": true, "points": 2, "schema_version": 3, "solution": false, "task": false}
### BEGIN HIDDEN TESTS
from autograder.lessons import lesson04
lesson04.check_relative_error(relative_error)
### END HIDDEN TESTS
error_34 = relative_error(np.array([3.0, 4.0]), np.array([3.0, 4.0 + 1e-3]))
assert abs(error_34 - 1e-3 / (5.0 + np.hypot(3.0, 4.001))) < 1e-15, \
    f"‖a − b‖ = 1e-3, ‖a‖ = 5 and ‖b‖ = {np.hypot(3.0, 4.001):.6f}: the relative error is " \
    f"1e-3 / (‖a‖ + ‖b‖), not {error_34}"
assert abs(relative_error(np.eye(2), -np.eye(2)) - 1.0) < 1e-12, \
    "opposite gradients are as different as can be: relative error 1"
assert relative_error(np.zeros(3), np.zeros(3)) == 0.0, "two zero gradients agree: return 0.0"

# %% [markdown]
# ## 6. Checking lesson 03's backprop
#
# Now the real use. Here is a 4–5–4–3 sigmoid network with the course's cross-entropy
# cost and L2 term, on 10 random examples, with non-zero biases and $\lambda = 0.7$. We
# check the gradients of `nnlib.mlp`, which computes exactly what your lesson 03
# `backprop` does. For each parameter array we view the cost as a function of that array
# alone, the others fixed, and compare its numerical gradient with backprop's.
#
# The check also settles the question of conventions from lesson 03: whatever way you
# scale the L2 term, cost and gradient must agree, and a gradient check shows whether they do.

# %% nbgrader={"grade": false, "grade_id": "network", "locked": true, "schema_version": 3, "solution": false, "task": false}
X = rng.standard_normal((4, 10))
Y = (rng.random((3, 10)) < 0.5).astype(np.float64)
params = mlp.init_params([4, 5, 4, 3], rng)
params = {k: v + 0.5 * rng.standard_normal(v.shape) if k[0] == "b" else v
          for k, v in params.items()}  # non-zero biases, so that bias gradients matter


def network_cost(params, lambd, hidden="sigmoid"):
    """J(params) = cross-entropy + (λ/2m) Σ‖W‖², for the data X, Y above."""
    AL, _ = mlp.mlp_forward(X, params, hidden=hidden)
    return mlp.mlp_cost(AL, Y, params, lambd)


def verdict(error):
    return "fine" if error < 1e-7 else "suspicious" if error < 1e-3 else "WRONG"


def check_every_gradient(grads, cost, params):
    """Print the relative error of each grads["d" + key] against your numerical gradient."""
    for key in params:
        cost_of_entry = lambda value, key=key: cost({**params, key: value})
        numerical = numerical_gradient(cost_of_entry, params[key].copy())
        error = relative_error(grads["d" + key], numerical)
        print(f"  d{key:<3} {str(params[key].shape):>7}   relative error {error:8.1e}   "
              f"{verdict(error)}")


lambd = 0.7
_, grads = mlp.loss_and_grads(X, Y, params, lambd)  # the stand-in for your lesson 03 backprop
print(f"lesson 03's backprop, λ = {lambd}:")
check_every_gradient(grads, lambda p: network_cost(p, lambd), params)

# %% [markdown]
# Every gradient agrees with its numerical twin to about ten digits.
#
# ## 7. Find the bug
#
# A colleague wrote the backprop below for the same network, vectorised like lesson 03.
# It runs, returns arrays of the right shapes, and training with it even lowers the cost.
# One of its six gradients is wrong. Use your checker to find which, at $\lambda = 0$ and
# at $\lambda = 0.7$.

# %% nbgrader={"grade": false, "grade_id": "supplied_backprop", "locked": true, "schema_version": 3, "solution": false, "task": false}
from nnlib.activations import sigmoid  # lesson 02's sigmoid, from the course library


def supplied_backprop(X, Y, params, lambd):
    """Gradients of the cross-entropy + L2 cost of a 3-layer sigmoid network."""
    m = X.shape[1]
    W1, b1, W2, b2, W3, b3 = (params[k] for k in ("W1", "b1", "W2", "b2", "W3", "b3"))
    A1 = sigmoid(W1 @ X + b1)
    A2 = sigmoid(W2 @ A1 + b2)
    A3 = sigmoid(W3 @ A2 + b3)
    dZ3 = A3 - Y
    dW3 = (dZ3 @ A2.T + lambd * W3) / m
    db3 = dZ3.sum(axis=1, keepdims=True) / m
    dZ2 = (W3.T @ dZ3) * A2 * (1 - A2)
    dW2 = (dZ2 @ A1.T + lambd * W2) / m
    db2 = (dZ2.sum(axis=1, keepdims=True) + lambd * b2) / m
    dZ1 = (W2.T @ dZ2) * A1 * (1 - A1)
    dW1 = (dZ1 @ X.T + lambd * W1) / m
    db1 = dZ1.sum(axis=1, keepdims=True) / m
    return {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2, "dW3": dW3, "db3": db3}


for lambd_try in (0.0, 0.7):
    print(f"supplied_backprop, λ = {lambd_try}:")
    check_every_gradient(supplied_backprop(X, Y, params, lambd_try),
                         lambda p: network_cost(p, lambd_try), params)

# %% [markdown]
# **Question 2.** Which gradient of `supplied_backprop` is wrong? Set
# `answer_buggy_parameter` to its key: one of `"dW1"`, `"db1"`, `"dW2"`, `"db2"`,
# `"dW3"`, `"db3"`. Then find the line that causes it.

# %% nbgrader={"grade": false, "grade_id": "answer_buggy_parameter", "locked": false, "schema_version": 3, "solution": true, "task": false}
### BEGIN SOLUTION
answer_buggy_parameter = "db2"
### END SOLUTION

# %% nbgrader={"grade": true, "grade_id": "test_answer_buggy_parameter", "locked": true, "points": 2, "schema_version": 3, "solution": false, "task": false}
### BEGIN HIDDEN TESTS
from autograder.lessons import lesson04
lesson04.check_answer_buggy_parameter(answer_buggy_parameter)
### END HIDDEN TESTS
assert answer_buggy_parameter.strip().lower() in ("dw1", "db1", "dw2", "db2", "dw3", "db3"), \
    "answer with one of the keys of the gradient dict: \"dW1\", \"db1\", ..., \"db3\""

# %% [markdown]
# ## 8. Kinks: when a correct gradient fails the check
#
# ReLU, $g(z) = \max(0, z)$, has a **kink** at $z = 0$: its slope jumps from 0 to 1. If
# $z$ lies within $\varepsilon$ of the kink, the points $z-\varepsilon$ and $z+\varepsilon$
# straddle it, and the two-sided difference measures the slope of a secant across the
# kink, neither 0 nor 1. Backprop uses the slope on the side where $z$ is, so the two
# disagree although backprop is right.

# %% nbgrader={"grade": false, "grade_id": "kink", "locked": true, "schema_version": 3, "solution": false, "task": false}
relu = lambda z: max(z, 0.0)
relu_slope = lambda z: 1.0 if z > 0 else 0.0
z_near, eps_kink = 3e-6, 1e-5
print(f"at z = {z_near:g}: backprop's slope {relu_slope(z_near)}, "
      f"numerical slope {numerical_derivative(relu, z_near, eps_kink):.2f}")
gradcheck_plots.plot_secant(relu, relu_slope, z_near, eps_kink,
                            title=f"ReLU near its kink, z = {z_near:g}, ε = {eps_kink:g}",
                            xlabel="z", ylabel="ReLU(z)")
plt.show()

# %% [markdown]
# *Figure 4. ReLU (black) near $z = 3\times10^{-6}$. The tangent (green, slope 1) is
# what backprop uses; the secant through $z \pm \varepsilon$ (red) is what the two-sided
# difference measures, with slope $(z+\varepsilon)/(2\varepsilon) = 0.65$.*
#
# In a network the same happens whenever some example's pre-activation $z$ is within
# $\varepsilon$ of 0. Below, the network of section 6 gets ReLU hidden units, and we move
# one bias so that one unit's $z$ for one example is $2\times10^{-6}$.

# %% nbgrader={"grade": false, "grade_id": "kink_network", "locked": true, "schema_version": 3, "solution": false, "task": false}
relu_cost = lambda p: network_cost(p, lambd, hidden="relu")
print("ReLU network, no z near a kink:")
check_every_gradient(mlp.loss_and_grads(X, Y, params, lambd, hidden="relu")[1],
                     relu_cost, params)
Z1 = params["W1"] @ X + params["b1"]
kinked = {**params, "b1": params["b1"].copy()}
kinked["b1"][0, 0] -= Z1[0, 0] - 2e-6  # unit 1, example 1: z = 2e-6, just right of the kink
print("ReLU network, one z = 2e-6:")
check_every_gradient(mlp.loss_and_grads(X, Y, kinked, lambd, hidden="relu")[1],
                     relu_cost, kinked)

# %% [markdown]
# The gradients of the first layer, where the kink sits, now fail the check, although
# backprop has not changed and is right. In practice: check at a random point, with few
# examples (fewer $z$ that can land near 0), and when only the layer feeding a ReLU fails,
# test whether some $|z| < \varepsilon$ before hunting for a bug. If so, move the
# parameters a little, or use a smaller $\varepsilon$, and check again.
#
# ## 9. The price: why gradient checking is switched off for training
#
# The numerical gradient needs two cost evaluations **per parameter**: $2n$ forward
# passes for $n$ parameters. Backprop gets all $n$ partial derivatives from one forward
# and one backward pass, and the backward pass costs about as much as one or two forward
# passes. The next cell times both on 8–h–1 networks of growing width $h$, with the
# parameters flattened into one vector.

# %% nbgrader={"grade": false, "grade_id": "timing", "locked": true, "schema_version": 3, "solution": false, "task": false}
def params_to_vector(params):
    """All parameter arrays, flattened and concatenated in key order: shape (n,)."""
    return np.concatenate([params[k].ravel() for k in params])


def vector_to_params(theta, like):
    """The inverse of params_to_vector: arrays shaped like those of ``like``."""
    out, start = {}, 0
    for key, value in like.items():
        out[key] = theta[start:start + value.size].reshape(value.shape)
        start += value.size
    return out


def fastest(run, repeats):
    """The shortest of several timings of run(): the one least disturbed by other programs."""
    seconds = []
    for _ in range(repeats):
        tic = time.perf_counter()
        run()
        seconds.append(time.perf_counter() - tic)
    return min(seconds)


X_time = rng.standard_normal((8, 16))
Y_time = (rng.random((1, 16)) < 0.5).astype(np.float64)
mlp.loss_and_grads(X_time, Y_time, mlp.init_params([8, 1, 1], rng))  # warm-up, not timed
n_params, seconds_numerical, seconds_backprop = [], [], []
for width in (1, 2, 4, 8, 16, 32):
    p = mlp.init_params([8, width, 1], rng)
    theta_time = params_to_vector(p)
    cost_time = lambda t: mlp.mlp_cost(mlp.mlp_forward(X_time, vector_to_params(t, p))[0],
                                       Y_time, p)
    seconds_numerical.append(fastest(lambda: numerical_gradient(cost_time, theta_time), 2))
    seconds_backprop.append(fastest(lambda: mlp.loss_and_grads(X_time, Y_time, p), 10))
    n_params.append(theta_time.size)

gradcheck_plots.plot_timing(n_params, np.array(seconds_numerical), np.array(seconds_backprop))
plt.show()
print(f"{n_params[-1]} parameters: numerical {seconds_numerical[-1] * 1e3:.1f} ms, "
      f"backprop {seconds_backprop[-1] * 1e3:.2f} ms, "
      f"{seconds_numerical[-1] / seconds_backprop[-1]:.0f} times slower")
n_digits = 64 * 25 + 25 + 25 * 10 + 10
print(f"the 64-25-10 digits network of lesson 03 has {n_digits} parameters: "
      f"{2 * n_digits} cost evaluations for one numerical gradient")

# %% [markdown]
# *Figure 5. Time for one gradient of the cost against the number of parameters of an
# 8–h–1 network on 16 examples, log-log: your numerical gradient (red) grows in
# proportion to the number of parameters (dotted guide, slope 1), backprop (blue) stays
# near the cost of one pass. Timings vary from run to run.*
#
# So the recipe is: implement backprop, check it against numerical gradients on a small
# network and a few examples, then **switch the check off** and train with backprop.
#
# The slides gather the whole training procedure in six steps, which lessons 01 to 05 of
# this course cover one by one:
#
# 1. initialize the weights randomly (lesson 05);
# 2. implement forward propagation, to get $h_\Theta(x^{(i)}) = a^{(L)}$ for any $x^{(i)}$
#    (lesson 03);
# 3. implement the cost $J(\Theta)$ (lesson 03);
# 4. implement backpropagation for the partial derivatives, one example at a time or
#    vectorised (lesson 03);
# 5. check them with gradient checking, then switch the check off (this lesson);
# 6. minimize $J(\Theta)$ with gradient descent, or with a ready-made optimizer from a
#    library (for example `scipy.optimize.minimize`, or the optimizers of PyTorch and
#    Keras), fed with backprop's gradients (lessons 01 and 06).
#
# Because the cost of a network is not convex (lesson 01), step 6 can end in a local
# minimum, and two random starts can end in different places (lesson 05).
#
# **Question 3.** Why do we train with backprop rather than with numerical gradients?
#
# - (a) Numerical gradients are inaccurate: even with a good $\varepsilon$ they differ from
#   the true gradient in the second or third digit.
# - (b) Backprop computes every partial derivative in one backward pass, for about the
#   cost of a forward pass, while numerical gradients need two cost evaluations per
#   parameter: far too slow for networks with thousands or millions of parameters.
# - (c) Numerical gradients cannot be computed for networks with more than one hidden layer.
# - (d) Backprop does not need the cost function, so it also works when the cost is unknown.
#
# Set `answer_why_backprop` to `"a"`, `"b"`, `"c"` or `"d"`.
#
# (The slides ask this too, with other options: (i) the numerical method is much harder
# to implement; (ii) the numerical gradient algorithm is very slow; (iii) backprop needs
# no $\varepsilon$; (iv) none of these. We rewrote the options so that each wrong one is a
# real misconception. The idea of the slides' answer, (ii), is the same.)

# %% nbgrader={"grade": false, "grade_id": "answer_why_backprop", "locked": false, "schema_version": 3, "solution": true, "task": false}
### BEGIN SOLUTION
answer_why_backprop = "b"
### END SOLUTION

# %% nbgrader={"grade": true, "grade_id": "test_answer_why_backprop", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
### BEGIN HIDDEN TESTS
from autograder.lessons import lesson04
lesson04.check_answer_why_backprop(answer_why_backprop)
### END HIDDEN TESTS
assert answer_why_backprop.strip().strip("()").lower() in ("a", "b", "c", "d"), \
    "answer with one letter"

# %% [markdown]
# ## 10. One function for the whole check
#
# Put the pieces together into the tool that lesson 08 uses to check convolutions.
#
# **Exercise 4.** Write `gradient_check(J, grad_J, theta, eps=1e-5, tol=1e-7)`. `grad_J(theta)`
# is the analytic gradient (backprop's), shaped like `theta`. Compute the numerical gradient
# with step `eps` (use your `numerical_gradient`), compare the two with your
# `relative_error`, and return the pair `(ok, error)`: `ok` is `True` when
# `error < tol`, else `False`.

# %% nbgrader={"grade": false, "grade_id": "gradient_check", "locked": false, "schema_version": 3, "solution": true, "task": false}
def gradient_check(J, grad_J, theta, eps=1e-5, tol=1e-7):
    """Compare grad_J(theta) with the numerical gradient of J at theta (any shape).

    Returns (ok, error): error is their relative error, ok is error < tol.
    """
    ### BEGIN SOLUTION
    analytic = grad_J(theta)
    numerical = numerical_gradient(J, theta, eps)
    error = relative_error(analytic, numerical)
    return bool(error < tol), error
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_gradient_check", "locked": true, "points": 3, "schema_version": 3, "solution": false, "task": false}
### BEGIN HIDDEN TESTS
from autograder.lessons import lesson04
lesson04.check_gradient_check(gradient_check)
### END HIDDEN TESTS
# These checks hold whatever your numerical_gradient and relative_error return, so they
# test gradient_check alone.
J_test = lambda t: 0.5 * np.sum(t ** 2)
result = gradient_check(J_test, lambda t: 3 * t, np.array([1.0, -2.0, 0.5]))
assert isinstance(result, tuple) and len(result) == 2, "return the pair (ok, error)"
ok_test, error_test = result
assert ok_test in (True, False), f"ok is True or False, not {ok_test!r}"
assert ok_test == (error_test < 1e-7), "ok is error < tol"
assert not ok_test, "the gradient of ½Σθ² is θ, not 3θ: the check must fail"
ok_loose, error_loose = gradient_check(J_test, lambda t: 3 * t, np.array([1.0, -2.0, 0.5]),
                                       tol=10.0)
assert ok_loose == (error_loose < 10.0), "ok compares the error with the tol you were given"

# %% [markdown]
# Here is the whole check of section 6 in one call: every parameter flattened into one
# vector $\theta$, the cost as a function of $\theta$, and backprop's gradients flattened
# the same way. Lesson 03's backprop passes; the supplied one fails.

# %% nbgrader={"grade": false, "grade_id": "check_in_one_call", "locked": true, "schema_version": 3, "solution": false, "task": false}
theta_all = params_to_vector(params)
J_all = lambda t: network_cost(vector_to_params(t, params), lambd)


def flattened_gradient(backprop_fn):
    """grad_J(theta) for gradient_check: backprop's gradients, flattened like theta."""
    def grad_J(theta):
        grads = backprop_fn(vector_to_params(theta, params))
        return np.concatenate([grads["d" + k].ravel() for k in params])
    return grad_J


for label, backprop_fn in (
        ("lesson 03's backprop", lambda p: mlp.loss_and_grads(X, Y, p, lambd)[1]),
        ("supplied_backprop", lambda p: supplied_backprop(X, Y, p, lambd))):
    ok_all, error_all = gradient_check(J_all, flattened_gradient(backprop_fn), theta_all.copy())
    print(f"{label:>22}: ok = {ok_all}, relative error {error_all:.1e}")

# %% [markdown]
# ## Where the sources differ
#
# - **Slides, the $\theta^3$ question.** The worked answer prints "= 3.001"; the value is
#   $3.0001$ (cell `worked_example`).
# - **Slides, $\varepsilon = 10^{-4}$.** We use $10^{-5}$, closer to the optimum of
#   Figure 2 for float64; both work (section 3).
# - **Slides, the questions.** Question 1 is the slides' question with plots instead of
#   sentences; question 3 has rewritten options (see the note under it).
# - **Thresholds.** The 10⁻⁷ / 10⁻⁵ / 10⁻³ table is not from the slides; it is from
#   Andrew Ng's deeplearning.ai course, for the norm-based relative error of section 5.
#
# ## Summary
#
# - Falling cost per iteration shows that gradient descent works; it does not prove the
#   gradient is right. Gradient checking does.
# - The two-sided difference $\frac{J(\theta+\varepsilon)-J(\theta-\varepsilon)}{2\varepsilon}$
#   has error $O(\varepsilon^2)$ (the even Taylor terms cancel), the one-sided one
#   $O(\varepsilon)$. For $\theta^3$ at 1 with $\varepsilon = 0.01$: 3.0001 against 3.0301.
# - Too small an $\varepsilon$ drowns the difference in round-off ($\propto 1/\varepsilon$);
#   for the two-sided difference in float64 the best $\varepsilon$ is near $10^{-5}$–$10^{-6}$.
# - The numerical gradient moves one entry at a time, $\theta \pm \varepsilon e_i$, and
#   must leave $\theta$ as it found it.
# - Compare gradients with the relative error $\frac{\lVert g_a - g_n\rVert}{\lVert g_a\rVert +
#   \lVert g_n\rVert}$: below $10^{-7}$ fine, around $10^{-5}$ suspicious, above $10^{-3}$ wrong.
# - Check with $\lambda > 0$ and non-zero biases, at a random point, on a small network;
#   expect false alarms when some ReLU input is within $\varepsilon$ of its kink.
# - A numerical gradient costs $2n$ cost evaluations for $n$ parameters, backprop about
#   two passes: check once, then switch the check off and train with backprop.
#
# ## Check yourself
#
# 1. Expand $J(\theta+\varepsilon)$ and $J(\theta-\varepsilon)$ to third order and show
#    that the two-sided difference has no $\varepsilon$ term in its error.
#
#    <details><summary>Answer</summary>
#
#    $J(\theta\pm\varepsilon) = J \pm \varepsilon J' + \frac{\varepsilon^2}{2}J'' \pm
#    \frac{\varepsilon^3}{6}J''' + O(\varepsilon^4)$. Subtracting, the even terms $J$ and
#    $\frac{\varepsilon^2}{2}J''$ cancel: $J(\theta+\varepsilon) - J(\theta-\varepsilon) =
#    2\varepsilon J' + \frac{\varepsilon^3}{3}J''' + O(\varepsilon^5)$. Dividing by
#    $2\varepsilon$ gives $J' + \frac{\varepsilon^2}{6}J''' + O(\varepsilon^4)$: the error
#    starts with $\varepsilon^2$. (The one-sided difference keeps $\frac{\varepsilon}{2}J''$.)
#
#    </details>
#
# 2. Your check gives a relative error of $10^{-2}$ with $\varepsilon = 10^{-5}$ and of
#    $10^{-2}$ again with $\varepsilon = 10^{-7}$. Is it round-off, truncation or a bug?
#
#    <details><summary>Answer</summary>
#
#    A bug (or a kink, see section 8). Truncation error would shrink 10,000-fold when
#    $\varepsilon$ shrinks 100-fold, and round-off error would grow about 100-fold. An error
#    that does not move with $\varepsilon$ comes from the analytic gradient itself.
#
#    </details>
#
# 3. Why did `supplied_backprop` pass the check at $\lambda = 0$? What does that teach
#    about the settings under which you check a gradient?
#
#    <details><summary>Answer</summary>
#
#    Its bug sits in a regularization term, which is multiplied by $\lambda$: with
#    $\lambda = 0$ the wrong term is zero and the gradient is right. Check under settings
#    that switch **every** part of the code on: $\lambda > 0$, non-zero biases, a random
#    point, more than one example and more than one hidden layer.
#
#    </details>
#
# 4. A check of a ReLU network gives $3\times10^{-5}$ for `dW1` and $10^{-10}$ for every
#    other gradient. What would you test before looking for a bug?
#
#    <details><summary>Answer</summary>
#
#    Whether some pre-activation $z$ of the ReLU layer that `W1` feeds lies within
#    $\varepsilon$ of 0 for some example (a kink): print the smallest $|z|$. If so, move the
#    parameters a little, or use a smaller $\varepsilon$ or fewer examples, and check again.
#    Only if the error stays should you look for a bug in the layer-1 gradient.
#
#    </details>
#
# 5. Your network has 1,000,000 parameters and one forward pass takes 10 ms. How long does
#    one numerical gradient take? And one backprop gradient?
#
#    <details><summary>Answer</summary>
#
#    The numerical gradient needs 2 cost evaluations per parameter: $2\times 10^6 \times
#    10\text{ ms} = 20{,}000$ s, about 5.6 hours, for **one** gradient. Backprop needs one
#    forward and one backward pass, about the cost of 2 to 3 forward passes: roughly 20 to
#    30 ms.
#
#    </details>
#
# ## Check your code
#
# Working on your own? In a new cell, `from nnlib.selfcheck import check;
# check(numerical_derivative)` runs one of your graded functions on the lesson's public
# test cases (fixed inputs and the outputs they must give) and, when an answer is wrong,
# names the mistake it matches in the hidden tests' words. It works offline and never
# shows reference code; the hidden tests grade on other, random cases. This lesson's
# graded functions are `numerical_derivative`, `numerical_gradient`, `relative_error`
# and `gradient_check`.

# %% [markdown]
# ## Sources
#
# This lesson draws on:
#
# - K. Teachasrisaksakul, slides "8.2 Neural Network (Part 3): Learning" (in Thai):
#   gradient checking with $\frac{J(\theta+\varepsilon) - J(\theta-\varepsilon)}{2\varepsilon}$,
#   $\varepsilon = 10^{-4}$, the $\theta^3$ question, "switch gradient checking off before
#   training", the questions on the learning curve and on why we use backprop, and the
#   six training steps.
#
# Other references: the thresholds of section 5 are from Andrew Ng's deeplearning.ai
# course *Improving Deep Neural Networks* (gradient checking); Stanford's CS231n notes
# describe the elementwise convention.
