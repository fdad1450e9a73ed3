# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # Lesson 01 — The need for optimization
#
# A neural network is a function with adjustable numbers, its **weights**. Learning means
# finding weights that make the network's predictions match the data. This lesson builds
# the idea from a single weight, so that every step can be drawn.
#
# **By the end of this lesson you can**
# 1. compute predictions by forward propagation and the **error** of one data point;
# 2. aggregate errors into a **loss**, the mean squared error (MSE);
# 3. explain why tuning weights by hand stops working as soon as there is more than a
#    handful of data points and weights;
# 4. read the loss as a curve over one weight, and its **slope**;
# 5. run **gradient descent** `w ← w − α·slope` and say what the learning rate α does:
#    too small, good, too large, divergent.
#
# You will write three functions, `mse`, `mse_slope` and `gradient_descent`, and answer
# two questions. Each one is followed by a test cell: the visible checks run in the
# notebook, and hidden checks with fresh random cases run when your work is graded.

# %% [markdown]
# ## Notation used in every lesson
#
# | symbol | meaning | in code |
# |---|---|---|
# | $m$ | number of examples | `m` |
# | $x^{(i)}, y^{(i)}$ | input and target of example $i$ | `x[i]`, `y[i]` |
# | $\hat y$ | the model's prediction | `y_hat` |
# | $w$, $b$ | weight and bias | `w`, `b` |
# | $\alpha$ | learning rate (some sources write $\eta$) | `learning_rate` |
#
# This lesson's model has no bias: $b$ appears from lesson 02 on. Later lessons stack examples as **columns**: `X` has shape `(n_0, m)`, `Y` has shape
# `(n_L, m)`, parameters live in a dict `params` with keys `"W1", "b1", …`, and their
# gradients use the same keys with a `d` prefix (`"dW1"`). Numbers are NumPy float64, and
# randomness always comes from an explicit generator `rng`.

# %% nbgrader={"grade": false, "grade_id": "setup", "locked": true, "schema_version": 3, "solution": false, "task": false}
import numpy as np
import matplotlib.pyplot as plt

from nnlib import data, plotting, widgets
from nnlib.gradcheck import numerical_grad

rng = np.random.default_rng(2024)

# %% [markdown]
# ## 1. Forward propagation and the error of one data point
#
# Our first "network" has one input, one weight and no bias: it predicts $\hat y = w\,x$.
# Computing the prediction from the input is called **forward propagation**. For one data
# point the **error** is the difference between prediction and target,
# $e = \hat y - y$.
#
# Our example comes from DataCamp's course *Introduction to Deep Learning in Python*
# (chapter "Optimizing a neural network with backward propagation"): input $x = 3$,
# target $y = 10$ and a first guess $w = 2$. The prediction $6$ is too small, and a larger
# weight would fix it. (The learning gap, $\hat y - y$, is also called the **residual**.)

# %% nbgrader={"grade": false, "grade_id": "one_point", "locked": true, "schema_version": 3, "solution": false, "task": false}
x0, y0, w0 = 3.0, 10.0, 2.0
y_hat0 = w0 * x0             # forward propagation
error0 = y_hat0 - y0         # error of this data point
print(f"prediction {y_hat0}, error {error0}")

# %% [markdown]
# ## 2. From errors to a loss: the mean squared error
#
# With many data points we need one number that says how wrong the model is overall. The
# **mean squared error** averages the squared errors:
#
# $$\mathrm{MSE}(w) = \frac{1}{m}\sum_{i=1}^{m}\left(\hat y^{(i)} - y^{(i)}\right)^2 .$$
#
# Squaring makes every error count positively and punishes large errors more than small
# ones; averaging makes the loss comparable between data sets of different sizes.
#
# **Exercise 1.** Write `mse(y_hat, y)` for 1-D arrays of equal length. Return a Python
# `float` (or a NumPy scalar).

# %% nbgrader={"grade": false, "grade_id": "mse", "locked": false, "schema_version": 3, "solution": true, "task": false}
def mse(y_hat, y):
    """Mean squared error of predictions y_hat against targets y (1-D, same length)."""
    ### BEGIN SOLUTION
    y_hat = np.asarray(y_hat, dtype=float)
    y = np.asarray(y, dtype=float)
    return float(np.mean((y_hat - y) ** 2))
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_mse", "locked": true, "points": 2, "schema_version": 3, "solution": false, "task": false}
### BEGIN HIDDEN TESTS
from autograder.lessons import lesson01
lesson01.check_mse(mse)
### END HIDDEN TESTS
# Visible checks run now; hidden checks with new random cases run when you are graded.
assert abs(mse(np.array([6.0]), np.array([10.0])) - 16.0) < 1e-12, "one point: error -4, squared 16"
assert abs(mse(np.array([1.0, 2.0, 3.0]), np.array([1.0, 2.0, 5.0])) - 4.0 / 3.0) < 1e-12, \
    "errors (0, 0, -2): the mean of the squares is 4/3"

# %% [markdown]
# ## 3. Why not tune the weights by hand?
#
# With one data point we can solve for the weight: $w = y/x = 10/3$ makes the error zero.
# With two points that do not lie on one line through the origin, no weight fits both, and
# we must trade one error against the other. Real data sets have thousands of noisy
# points, and real networks have thousands to billions of weights.
#
# Trying values by hand, or on a grid, is hopeless: with just 10 candidate values per
# weight, a network with $n$ weights has $10^n$ combinations to try.

# %% nbgrader={"grade": false, "grade_id": "grid_cost", "locked": true, "schema_version": 3, "solution": false, "task": false}
for n_weights in (1, 2, 10, 100, 1_000):
    print(f"{n_weights:>5} weights: 10^{n_weights} grid points to evaluate")
print("the digits network of lesson 03 (64-25-10) has", 64 * 25 + 25 + 25 * 10 + 10, "parameters")
# 3Blue1Brown's digit network: 784 pixels, two hidden layers of 16, 10 outputs
print("3Blue1Brown's network (784-16-16-10) has",
      784 * 16 + 16 + 16 * 16 + 16 + 16 * 10 + 10, "parameters")

# %% [markdown]
# The network of 3Blue1Brown's videos reads 28×28 = 784 pixels and has two hidden layers of
# 16 units: 13,002 weights and biases, the number Shihs' blog post quotes. A grid over
# 13,002 numbers is out of the question.
#
# We need a way to **improve** the weights that uses the loss itself, and that costs
# about the same however many weights there are. That is what the rest of the course
# builds: gradient descent, with gradients computed by backpropagation. Keep the two
# apart: **backpropagation computes the gradient**; **gradient descent uses it** to change
# the weights.
#
# ## 4. The loss as a curve over one weight
#
# Here is a small noisy data set, and the MSE of the model $\hat y = w x$ for a range of
# weights. Each value of $w$ gives one loss: the loss is a function of the weight.

# %% nbgrader={"grade": false, "grade_id": "curve", "locked": true, "schema_version": 3, "solution": false, "task": false}
x, y = data.regression_1d(30, rng, w_true=2.0, noise=0.6, x_range=(0.0, 2.4))
ws = np.linspace(-1.0, 5.0, 301)
curve = np.array([mse(w * x, y) for w in ws])
w_best = ws[np.argmin(curve)]

fig, (ax_data, ax_loss) = plt.subplots(1, 2, figsize=(10, 3.8), layout="constrained")
plotting.axes(ax_data, "The data and two candidate models", "input x", "target y")
ax_data.scatter(x, y, s=14, label="data")
for w, style in ((1.0, "--"), (w_best, "-")):
    ax_data.plot([0, 2.4], [0, 2.4 * w], style, label=f"$\\hat y = {w:.2f}\\,x$")
ax_data.legend(fontsize="small")
plotting.plot_loss_curve(ws, curve, ax=ax_loss, title="MSE as a function of the weight")
ax_loss.axvline(w_best, color="gray", linestyle=":", label=f"minimum near w = {w_best:.2f}")
ax_loss.legend(fontsize="small")
plt.show()

# %% [markdown]
# *Figure 1. Left: 30 noisy points and two lines through the origin. Right: the mean
# squared error of $\hat y = w x$ for each weight $w$; the best weight sits at the bottom
# of the bowl.*
#
# ## 5. The slope of the loss
#
# The **slope** $\frac{d\,\mathrm{MSE}}{dw}$ tells which way is downhill and how steep it
# is. For one data point, $\hat y = w x$ and the loss $(\hat y - y)^2$; by the chain rule
#
# $$\frac{d}{dw}(w x - y)^2 = 2\,(w x - y)\cdot x = 2\cdot\text{error}\cdot\text{input}.$$
#
# The DataCamp example's numbers: error $-4$, input $3$, so the slope is
# $2\cdot(-4)\cdot 3 = -24$. Negative slope: increasing $w$ lowers the loss. The slope
# measures **sensitivity**: how much the loss changes per unit change of $w$. It is not a
# measure of how wrong the model is (at the best weight the loss can be large and the
# slope is still 0). For $m$ points the MSE is a mean, so its
# slope is the mean of the per-point slopes:
#
# $$\frac{d\,\mathrm{MSE}}{dw} = \frac{1}{m}\sum_{i=1}^{m} 2\,\left(w x^{(i)} - y^{(i)}\right) x^{(i)} .$$
#
# A network has many weights. The slope of the loss with respect to one weight, with all
# the others held fixed, is a **partial derivative**, written $\partial J/\partial w_1$. The
# list of all of them, one per weight and bias, is the **gradient**:
#
# $$\nabla J(\theta) = \left(\frac{\partial J}{\partial w_1}, \frac{\partial J}{\partial w_2},
#   \ldots, \frac{\partial J}{\partial b_1}, \ldots\right),$$
#
# where $\theta$ stands for all the parameters together. Here there is one weight, so
# the gradient is just the slope. That is where **gradient descent** gets its name.
#
# **Exercise 2.** Write `mse_slope(x, y, w)` for the model $\hat y = w x$ with 1-D arrays
# `x`, `y`. Return a float.

# %% nbgrader={"grade": false, "grade_id": "mse_slope", "locked": false, "schema_version": 3, "solution": true, "task": false}
def mse_slope(x, y, w):
    """d MSE / dw for the linear model y_hat = w * x (x, y: 1-D arrays of equal length)."""
    ### BEGIN SOLUTION
    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    error = w * x - y
    return float(np.mean(2.0 * error * x))
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_mse_slope", "locked": true, "points": 3, "schema_version": 3, "solution": false, "task": false}
### BEGIN HIDDEN TESTS
from autograder.lessons import lesson01
lesson01.check_mse_slope(mse_slope)
### END HIDDEN TESTS
slope0 = mse_slope(np.array([x0]), np.array([y0]), w0)
assert abs(slope0 - (-24.0)) < 1e-12, f"DataCamp's example point gives 2·(-4)·3 = -24, not {slope0}"
assert abs(mse_slope(np.array([1.0, 2.0]), np.array([1.0, 2.0]), 1.0)) < 1e-12, \
    "a perfect fit has slope 0"

# %% [markdown]
# A slope can always be checked numerically: nudge $w$ a little each way and measure how
# the loss changes, $\frac{\mathrm{MSE}(w+\varepsilon) - \mathrm{MSE}(w-\varepsilon)}{2\varepsilon}$.
# Lesson 04 studies this **numerical gradient** in depth; `nnlib` has one ready.

# %% nbgrader={"grade": false, "grade_id": "slope_check", "locked": true, "schema_version": 3, "solution": false, "task": false}
w_try = 0.7
numerical = numerical_grad(lambda w: mse(w * x, y), np.array(w_try))
print(f"analytic slope {mse_slope(x, y, w_try):.8f}, numerical slope {float(numerical):.8f}")

# %% [markdown]
# ## 6. Gradient descent
#
# Step against the slope, by an amount proportional to it:
#
# $$w \leftarrow w - \alpha\cdot\frac{d\,\mathrm{MSE}}{dw}.$$
#
# $\alpha > 0$ is the **learning rate**. With the DataCamp example's numbers, $w = 2$,
# slope $-24$ and $\alpha = 0.01$, one step gives $w = 2 - 0.01\cdot(-24) = 2.24$: the
# prediction $2.24\cdot 3 = 6.72$ is closer to the target 10.
#
# With many parameters, the step is the same for each one, and all of them move
# **together** in every step, each by its own partial derivative:
# $\theta \leftarrow \theta - \alpha\,\nabla J(\theta)$. Starting from $\theta^0$, this gives
# $\theta^1, \theta^2, \ldots$ (Shihs' blog post writes the same rule with $\eta$ for $\alpha$).

# %% nbgrader={"grade": false, "grade_id": "one_step", "locked": true, "schema_version": 3, "solution": false, "task": false}
w1 = w0 - 0.01 * mse_slope(np.array([x0]), np.array([y0]), w0)
print(f"w after one step: {w1:.2f}; prediction {w1 * x0:.2f}; "
      f"loss {mse(np.array([w0 * x0]), np.array([y0])):.2f} -> {mse(np.array([w1 * x0]), np.array([y0])):.4f}")

# %% [markdown]
# ### Question: one step by hand
#
# Another data point: input $x = 4$, target $y = 10$, current weight $w = 2$, learning
# rate $\alpha = 0.01$. Take one gradient-descent step on this point's squared error
# $(w x - y)^2$, by hand or with a line of Python (not with your functions: they are
# graded separately).
#
# **Question 1.** Set `answer_one_step` to the new weight, a number. Four significant
# digits are enough: the check allows a relative difference of 0.1 %.

# %% nbgrader={"grade": false, "grade_id": "answer_one_step", "locked": false, "schema_version": 3, "solution": true, "task": false}
# Set answer_one_step to the weight after one step: a number.
### BEGIN SOLUTION
answer_one_step = 2.0 - 0.01 * 2 * (2.0 * 4.0 - 10.0) * 4.0
### END SOLUTION

# %% nbgrader={"grade": true, "grade_id": "test_answer_one_step", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
### BEGIN HIDDEN TESTS
from autograder.lessons import lesson01
lesson01.check_answer_one_step(answer_one_step)
### END HIDDEN TESTS
assert not isinstance(answer_one_step, (str, bool)) and np.size(answer_one_step) == 1, \
    "answer_one_step is one number: the new weight"

# %% [markdown]
# **Exercise 3.** Write `gradient_descent(x, y, w0, learning_rate, n_steps)`. Starting from
# `w0`, take `n_steps` steps and return `(w, losses)`: the final weight and a list of
# `n_steps + 1` losses, the first at `w0` and then one after each step. Use your `mse` and
# `mse_slope`.

# %% nbgrader={"grade": false, "grade_id": "gradient_descent", "locked": false, "schema_version": 3, "solution": true, "task": false}
def gradient_descent(x, y, w0, learning_rate, n_steps):
    """Run n_steps of gradient descent on the MSE of y_hat = w * x from w0.

    Returns (w, losses): the final weight and the n_steps + 1 losses seen on the way,
    the first one at w0.
    """
    ### BEGIN SOLUTION
    w = float(w0)
    losses = [mse(w * x, y)]
    for _ in range(n_steps):
        w = w - learning_rate * mse_slope(x, y, w)
        losses.append(mse(w * x, y))
    return w, losses
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_gradient_descent", "locked": true, "points": 3, "schema_version": 3, "solution": false, "task": false}
### BEGIN HIDDEN TESTS
from autograder.lessons import lesson01
lesson01.check_gradient_descent(gradient_descent)
### END HIDDEN TESTS
# These checks use your own mse and mse_slope, so they test gradient_descent alone.
w_end, history = gradient_descent(np.array([x0]), np.array([y0]), w0, 0.01, 1)
assert len(history) == 2, "one step gives two losses: at w0 and after the step"
assert abs(history[0] - mse(np.array([w0 * x0]), np.array([y0]))) < 1e-12, \
    "the first loss is the loss at w0, before any step"
one_step = w0 - 0.01 * mse_slope(np.array([x0]), np.array([y0]), w0)
assert abs(w_end - one_step) < 1e-12, \
    f"one step is w0 - α·mse_slope(x, y, w0) = {one_step} (2.24 with DataCamp's numbers), not {w_end}"

# %% [markdown]
# Here are the first steps of gradient descent from $w_0 = -0.5$, drawn on the loss curve.
# Each step is smaller than the one before: the slope shrinks as we approach the bottom.

# %% nbgrader={"grade": false, "grade_id": "path_plot", "locked": true, "schema_version": 3, "solution": false, "task": false}
path = [-0.5]
for _ in range(8):
    path.append(gradient_descent(x, y, path[-1], 0.1, 1)[0])
path_losses = [mse(w * x, y) for w in path]

ax = plotting.plot_loss_curve(ws, curve, title="Eight steps of gradient descent, α = 0.1")
plotting.plot_descent_path(path, path_losses, ax)
ax.legend(fontsize="small")
plt.show()

# %% [markdown]
# *Figure 2. The MSE curve of Figure 1 with eight gradient-descent steps (red), starting
# at the square. The steps shrink as the slope flattens near the minimum.*
#
# ## 7. What the learning rate does
#
# For this model the MSE is a parabola in $w$ with curvature
# $c = \frac{d^2\mathrm{MSE}}{dw^2} = \frac{2}{m}\sum_i x^{(i)2}$, and one step multiplies the
# distance to the minimum by $(1 - \alpha c)$. So:
#
# - $\alpha$ **too small** ($\alpha c \ll 1$): every step is tiny, convergence is slow;
# - **good** ($\alpha c$ near 1): the minimum is reached in a few steps;
# - **too large** ($1 < \alpha c < 2$): the weight jumps over the minimum and zig-zags in;
# - **divergent** ($\alpha c > 2$): each jump overshoots more than the last and the loss explodes.
#
# DataCamp's notes say the learning rate is "usually set to 0.01". That is a common
# first try, not a rule: the good range depends on the curvature $c$, so on the data and
# the model. Here $\alpha = 0.01$ is on the slow side.
#
# The sweep below follows the one in C. Pancharoen's post "Back-propagation Algorithm
# from Scratch with NumPy": $\alpha \in \{0.1, 0.2, \ldots, 1.0\}$, 1,000 epochs each, one
# loss curve per rate. (An **epoch** is one pass over the data; here one step.) For this
# data set none of those ten rates is too small, so we add $\alpha = 0.001$ and
# $\alpha = 0.01$. The table counts the epochs until the loss is within 1 % of its
# lowest possible value (the loss at the best weight $w^\ast = \sum_i x^{(i)}y^{(i)} /
# \sum_i x^{(i)2}$).

# %% nbgrader={"grade": false, "grade_id": "lr_sweep", "locked": true, "schema_version": 3, "solution": false, "task": false}
curvature = 2 * np.mean(x ** 2)
print(f"curvature c = {curvature:.3f}: steps diverge for α > 2/c = {2 / curvature:.3f}")
w_star = np.sum(x * y) / np.sum(x * x)
floor = mse(w_star * x, y)

histories = {}
print("    α      αc    epochs to within 1 % of the lowest loss")
with np.errstate(over="ignore", invalid="ignore"):  # divergent runs overflow on purpose
    for lr in [0.001, 0.01, *np.round(np.arange(0.1, 1.01, 0.1), 1)]:
        _, losses = gradient_descent(x, y, -0.5, lr, 1000)
        close = np.flatnonzero(np.asarray(losses) <= 1.01 * floor)
        if close.size:
            verdict = f"{close[0]}"
        elif lr * curvature > 2:
            verdict = "never: diverges"
        else:
            verdict = "not within 1,000"
        print(f"{lr:6.3f}  {lr * curvature:5.3f}   {verdict}")
        histories[f"α = {lr:g}"] = np.minimum(losses, 1e6)  # cap exploded losses for the plot

ax = plotting.plot_histories(histories, title="Learning-rate sweep: 1,000 epochs per α",
                             xlabel="epoch", ylabel="MSE (log scale)", logy=True)
ax.set_xscale("symlog", linthresh=10)
ax.set_ylim(0.1, 2e6)
ax.set_xlim(0, 1000)
plt.show()

# %% [markdown]
# *Figure 3. Loss against epoch for twelve learning rates (the x axis is logarithmic
# beyond 10 epochs). α = 0.001 is too small: after 1,000 epochs it has still not reached
# the lowest loss. α = 0.01 needs over a hundred epochs. From α = 0.1 to 0.6 the loss
# reaches its floor within about 20 epochs; the fastest rate is near α = 1/c ≈ 0.33, and
# rates close to 2/c (α = 0.6) zig-zag and are slower again. Rates above 2/c ≈ 0.67 shoot
# up to the cap at 10⁶: they diverge.*
#
# So there are four regimes, and a rate can be too small as well as too large. The curves
# flatten after a few dozen epochs: the remaining loss is the **noise floor**, the part of
# the data that no line through the origin can explain.
#
# ### Question: which regime?
#
# A data set has the four inputs $x = (1, 1, 2, 2)$ (the targets do not matter here), and
# we run gradient descent on the MSE of $\hat y = w x$ with $\alpha = 0.3$. What does the
# weight do?
#
# - (a) It creeps towards the minimum in tiny steps: the rate is too small.
# - (b) It reaches the minimum in a few steps without ever passing it.
# - (c) It jumps over the minimum at every step, but lands closer each time: it zig-zags in.
# - (d) It jumps further away at every step: descent diverges.
#
# **Question 2.** Set `answer_lr_regime` to `"a"`, `"b"`, `"c"` or `"d"`. (Compute the
# curvature $c$ first.)

# %% nbgrader={"grade": false, "grade_id": "answer_lr_regime", "locked": false, "schema_version": 3, "solution": true, "task": false}
# Set answer_lr_regime to "a", "b", "c" or "d".
### BEGIN SOLUTION
answer_lr_regime = "c"
### END SOLUTION

# %% nbgrader={"grade": true, "grade_id": "test_answer_lr_regime", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
### BEGIN HIDDEN TESTS
from autograder.lessons import lesson01
lesson01.check_answer_lr_regime(answer_lr_regime)
### END HIDDEN TESTS
assert str(answer_lr_regime).strip().strip("()").lower() in ("a", "b", "c", "d"), \
    'answer with one of "a", "b", "c", "d"'

# %% [markdown]
# One more property of this loss: it is a parabola, so it has **one** minimum, and
# gradient descent with a small enough rate always finds it. A function shaped like a
# bowl everywhere is called **convex**. The loss of a network with hidden layers is not
# convex. It can have several valleys, and a valley that is not the lowest is a **local
# minimum**: gradient descent can stop there (the slides "8.2 Neural Network (Part 3):
# Learning" say the same). Lesson 05 shows two random starts ending in different places.
#
# ## 8. Explore it yourself
#
# Move the slider to change α and watch 20 steps of **your** `gradient_descent` on the
# loss curve. Find a rate that converges slowly, one that zig-zags, and one that diverges.

# %% nbgrader={"grade": false, "grade_id": "explorer", "locked": true, "schema_version": 3, "solution": false, "task": false}
widgets.learning_rate_explorer(gradient_descent, x, y, w0=-0.5, n_steps=20,
                               lr_range=(0.01, 0.9))

# %% [markdown]
# *Figure 4 (interactive). The loss curve with 20 gradient-descent steps for the learning
# rate on the slider.*
#
# ## Where the sources differ
#
# - **DataCamp notes, the new weight.** The notes write "2 * -24 * 0.01 = 2.24". The
#   result is right, the expression is not: the step is $w - \alpha\cdot\text{slope} =
#   2 - 0.01\cdot(-24) = 2.24$ (cell `one_step` computes it).
# - **DataCamp notes, "let TensorFlow / Keras do it".** Libraries such as TensorFlow,
#   Keras and PyTorch compute slopes for you by **automatic differentiation**, which is
#   backpropagation done by the library. This course computes them by hand, so that you
#   know what the library does and can check it (lesson 04).
# - **Pancharoen's learning-rate sweep** trained the weight $w_2$ of a perceptron with
#   a sigmoid (lesson 02, section 5), not the model $\hat y = wx$ of this lesson. We use
#   the simpler model because its curvature $c$ explains every curve. On our data the
#   post's ten rates include no rate that is too small, so we added two.
# - **Slides 8.2, the meaning of the slope.** The slides say that the derivative is the
#   slope of the tangent, and "the steeper, the more wrong". The slope measures how
#   *sensitive* the cost is to the weight, not how wrong the model is: at the best weight
#   of Figure 1 the slope is 0, yet the loss is not 0.
# - **Slides 8.2, "Backprop with GD".** Five slides of the deck show gradient descent
#   walking down a cost surface; their figures are lost in the notes we worked from.
#   Figure 2 here (one weight) and the valley of lesson 06 (two weights) draw the same
#   idea.
# - **Shihs' blog post** says that "backpropagation is basically gradient descent".
#   Backpropagation only *computes* the gradient; gradient descent *uses* it. You could
#   compute the same gradient in other ways (lesson 04), or use it in another optimizer
#   (lesson 06).
#
# ## Summary
#
# - Forward propagation turns inputs into predictions; the error of a point is
#   $\hat y - y$, and the MSE averages the squared errors into one loss.
# - The loss is a function of the weights. Trying weights by hand or on a grid costs
#   exponentially many evaluations in the number of weights.
# - The slope of the MSE for $\hat y = w x$ is the mean of $2\cdot\text{error}\cdot\text{input}$.
# - Gradient descent repeats $w \leftarrow w - \alpha\cdot\text{slope}$. The learning rate
#   decides between slow, fast, zig-zagging and divergent descent.
#
# ## Check yourself
#
# 1. Why do we square the errors instead of adding them as they are?
#
#    <details><summary>Answer</summary>
#
#    Errors have signs. A prediction 4 too high and one 4 too low would add up to 0, and
#    the loss would call a bad model perfect. Squares are never negative, so every error
#    counts. Squaring also punishes one large error more than several small ones, and it
#    gives a smooth curve with a slope everywhere (an absolute value has a kink at 0).
#
#    </details>
#
# 2. The slope at the current weight is $+3$. Should $w$ go up or down?
#
#    <details><summary>Answer</summary>
#
#    Down. A positive slope means the loss grows when $w$ grows, so we step the other
#    way: $w \leftarrow w - \alpha\cdot 3$ makes $w$ smaller.
#
#    </details>
#
# 3. Doubling every input $x^{(i)}$ multiplies the curvature by what? What happens to a
#    learning rate that used to work well?
#
#    <details><summary>Answer</summary>
#
#    The curvature $c = \frac{2}{m}\sum_i x^{(i)2}$ is quadratic in $x$, so it becomes
#    4 times larger. A rate with $\alpha c$ near 1 now has $\alpha c$ near 4, above the
#    limit 2: it diverges. Divide the rate by 4 to get the old behaviour back. (This is
#    one reason why inputs are usually scaled to a similar range.)
#
#    </details>
#
# 4. Why is the MSE, not the sum of squared errors, the better loss when data sets differ in size?
#
#    <details><summary>Answer</summary>
#
#    The sum grows with the number of points $m$, and so do its slope and its curvature.
#    A learning rate that works for 100 points would be 100 times too large for 10,000
#    points. The mean divides by $m$, so the loss, its slope and the good learning rate
#    do not depend on the size of the data set. (Pancharoen's NumPy workshop uses the sum
#    `sum((y - output)**2)`; with the sum, its learning rate would have to change
#    whenever the number of examples changes.)
#
#    </details>
#
#
# ## Check your code
#
# Working on your own? In a new cell, `from nnlib.selfcheck import check; check(mse)`
# runs one of your graded functions on the lesson's public test cases (fixed inputs and
# the outputs they must give) and, when an answer is wrong, names the mistake it matches
# in the hidden tests' words. It works offline and never shows reference code; the
# hidden tests grade on other, random cases. This lesson's graded functions are `mse`,
# `mse_slope` and `gradient_descent`.

# %% [markdown]
# ## Sources
#
# This lesson draws on:
#
# - DataCamp, *Introduction to Deep Learning in Python*, chapter "Optimizing a neural
#   network with backward propagation": forward propagation, the loss, gradient descent,
#   the example $x = 3$, $y = 10$, $w = 2$ (slope $-24$, new weight $2.24$). We worked
#   from a learner's notes in Thai on this course.
# - C. Pancharoen, "Back-propagation Algorithm from Scratch with NumPy" (Medium, 2020):
#   the learning-rate sweep $\alpha = 0.1, \ldots, 1.0$ over 1,000 epochs.
# - K. Teachasrisaksakul, slides "8.2 Neural Network (Part 3): Learning": non-convex
#   costs and local minima.
# - Shihs, "Neural Network 3 - Backpropagation" (blog post in Chinese, 2020), notes on
#   3Blue1Brown's chapter "What is backpropagation really doing?" and on Li Hongyi's
#   lecture on backpropagation: the gradient $\nabla L(\theta)$, the update
#   $\theta^{1} = \theta^{0} - \eta\nabla L(\theta^{0})$, the 13,002 parameters of
#   3Blue1Brown's network.
