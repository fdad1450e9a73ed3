# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # Lesson 06 — SGD, mini-batches and momentum
#
# Until now every gradient-descent step used the gradient over **all** $m$ training
# examples. That is exact but expensive, and real data sets have millions of examples.
# This lesson shows how to take cheaper, noisier steps on small random batches, and how
# **momentum** averages those steps so that they point more steadily downhill.
#
# **By the end of this lesson you can**
# 1. explain batch, stochastic and mini-batch gradient descent, and trade the noise of
#    a step against its cost;
# 2. cut a training set into shuffled mini-batches, one **epoch** at a time, with a
#    smaller last batch when $m$ is not a multiple of the batch size;
# 3. write the plain update $W \leftarrow W - \alpha\, dW$ for every parameter of a network;
# 4. explain an exponentially weighted average, its memory of about $1/(1-\beta)$ steps
#    and its bias towards 0 at the start;
# 5. write gradient descent with momentum, $v \leftarrow \beta v + (1-\beta)\, dW$,
#    $W \leftarrow W - \alpha v$, and say why it helps in a long narrow valley;
# 6. compare optimizers fairly, per epoch and per update.
#
# You will write four functions, `random_minibatches`, `sgd_update`, `init_velocity` and
# `momentum_update`, and answer two questions. Each one is followed by a test cell: the
# visible checks run in the notebook, and hidden checks with fresh random cases run when
# your work is graded.

# %% [markdown]
# ## Notation used in every lesson
#
# | symbol | meaning | in code |
# |---|---|---|
# | $m$ | number of examples | `m` |
# | $x^{(i)}, y^{(i)}$ | input and target of example $i$ | `X[:, i]`, `Y[:, i]` |
# | $\hat y$ | the model's prediction | `AL` |
# | $W_l$, $b_l$ | weights and biases of layer $l$ | `params["W1"]`, `params["b1"]` |
# | $dW_l$, $db_l$ | gradients of the cost $J$ | `grads["dW1"]`, `grads["db1"]` |
# | $\alpha$ | learning rate | `learning_rate` |
#
# Examples are **columns**: `X` has shape `(n_0, m)`, `Y` has shape `(n_L, m)`. `W_l` has
# shape `(n_l, n_{l-1})` and `b_l` has shape `(n_l, 1)`. Numbers are NumPy float64, and
# randomness always comes from an explicit generator `rng`.
#
# New in this lesson:
#
# | symbol | meaning | in code |
# |---|---|---|
# | $B$ | batch size, the number of examples in a mini-batch, $B = \lvert\mathcal B\rvert$ (not $b$, which is a bias) | `batch_size` |
# | $\mathcal{B}$ | the set of examples in one mini-batch | one `(X_batch, Y_batch)` pair |
# | $v_{dW_l}$, $v_{db_l}$ | velocity: running average of $dW_l$, $db_l$ | `v["dW1"]`, `v["db1"]` |
# | $\beta$ | momentum coefficient, $0 \le \beta < 1$ | `beta` |

# %% nbgrader={"grade": false, "grade_id": "setup", "locked": true, "schema_version": 3, "solution": false, "task": false}
import time

import numpy as np
import matplotlib.pyplot as plt

from nnlib import data, mlp, optim_plots

rng = np.random.default_rng(2024)

# %% [markdown]
# ## 1. One step, three ways
#
# The cost of a network is an average over the training examples,
# $J(W) = \frac{1}{m}\sum_{i=1}^{m} L^{(i)}(W)$, where $L^{(i)}$ is the loss of example $i$.
# Its gradient is therefore the average of the per-example gradients,
# $\nabla J = \frac{1}{m}\sum_{i=1}^{m} \nabla L^{(i)}$. Gradient descent can estimate this
# average from more or fewer examples:
#
# | variant | examples per step | cost of a step | the step's direction |
# |---|---|---|---|
# | **batch** gradient descent | all $m$ | $m$ example-gradients | exact $\nabla J$ |
# | **stochastic** gradient descent (SGD) | 1 | 1 example-gradient | very noisy |
# | **mini-batch** gradient descent | $B$ (e.g. 32–512) | $B$ example-gradients | noisy, less so |
#
# A mini-batch $\mathcal{B}$ of $B$ examples drawn at random gives the estimate
#
# $$g_{\mathcal{B}} = \frac{1}{B}\sum_{i\in\mathcal{B}} \nabla L^{(i)} .$$
#
# It is **unbiased**: averaged over all possible batches it equals $\nabla J$. Its spread
# shrinks as the batch grows. If
# $\sigma^2 = \frac{1}{m}\sum_i \lVert\nabla L^{(i)} - \nabla J\rVert^2$ is the spread of the
# per-example gradients, a batch drawn without replacement has
#
# $$\mathbb{E}\,\lVert g_{\mathcal{B}} - \nabla J\rVert^2 = \frac{\sigma^2}{B}\cdot\frac{m-B}{m-1},$$
#
# so the typical error falls like $1/\sqrt{B}$, and to 0 at $B = m$. Quadrupling the batch
# only halves the noise, while it quadruples the arithmetic of a step. That is why
# many cheap noisy steps often beat a few exact ones. (Vectorised code blurs the cost
# side a little: a batch of 32 costs far less than 32 separate steps of one example.)
#
# ## 2. Epochs, reshuffling and the last batch
#
# An **epoch** is one pass over the training set. Mini-batch gradient descent runs each
# epoch like this:
#
# 1. shuffle the $m$ examples, i.e. draw a random permutation of the columns, applied to
#    `X` **and** `Y` alike so that every input keeps its target;
# 2. cut the shuffled columns into consecutive batches of $B$ examples; when $m$ is not
#    a multiple of $B$, the last batch holds the $m \bmod B$ examples left over;
# 3. take one gradient step per batch.
#
# The slides allow a second way to make batches: draw each batch anew, uniformly at
# random from all $m$ examples (**sampling with replacement** between batches). Then an
# example can appear in two batches of one "epoch" and another not at all; each batch is
# still an unbiased estimate of $\nabla J$. Most libraries use the partition above.
#
# Every example is used exactly once per epoch, and a new shuffle every epoch keeps the
# batches, and so the noise, different from one epoch to the next. Shuffling matters
# when data arrive sorted (all the 0s, then all the 1s, ...): unshuffled batches would
# pull the weights towards one class after another.
#
# **Exercise 1.** Write `random_minibatches(X, Y, batch_size, rng)`. Draw one permutation of
# the $m$ column indices from `rng` (for instance `rng.permutation(m)`), reorder the columns
# of `X` and `Y` with it, and return a list of pairs `(X_batch, Y_batch)`: all batches hold
# `batch_size` columns except possibly the last. Never use `np.random.*` functions: all
# randomness must come from `rng`, so that a run can be repeated exactly.

# %% nbgrader={"grade": false, "grade_id": "random_minibatches", "locked": false, "schema_version": 3, "solution": true, "task": false}
def random_minibatches(X, Y, batch_size, rng):
    """Shuffle the columns of X (n_0, m) and Y (n_L, m) alike and cut them into batches.

    Returns a list of (X_batch, Y_batch) pairs of shapes (n_0, b_k) and (n_L, b_k), where
    b_k = batch_size for every batch except possibly the last (m mod batch_size).
    rng: a np.random.Generator, the only source of randomness.
    """
    ### BEGIN SOLUTION
    m = X.shape[1]
    permutation = rng.permutation(m)
    X_perm, Y_perm = X[:, permutation], Y[:, permutation]
    return [(X_perm[:, start:start + batch_size], Y_perm[:, start:start + batch_size])
            for start in range(0, m, batch_size)]
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_random_minibatches", "locked": true, "points": 4, "schema_version": 3, "solution": false, "task": false}
### BEGIN HIDDEN TESTS
from autograder.lessons import lesson06
lesson06.check_random_minibatches(random_minibatches)
### END HIDDEN TESTS
# Visible checks run now; hidden checks with new random cases run when you are graded.
X_demo = np.arange(30.0).reshape(3, 10)   # column j holds (j, 10 + j, 20 + j)
Y_demo = np.arange(10.0).reshape(1, 10)   # the target of column j is j
demo = random_minibatches(X_demo, Y_demo, 4, np.random.default_rng(0))
assert [xb.shape for xb, _ in demo] == [(3, 4), (3, 4), (3, 2)], \
    "10 examples in batches of 4: two batches of 4 columns, then a last one of 2"
order_demo = np.concatenate([yb.ravel() for _, yb in demo])
assert sorted(order_demo) == list(range(10)), "every example appears exactly once per epoch"
assert all(np.array_equal(xb, X_demo[:, yb.ravel().astype(int)]) for xb, yb in demo), \
    "each column of X_batch must sit next to its own target in Y_batch"
assert list(order_demo) != list(range(10)), "the examples must be shuffled"

# %% [markdown]
# The training set of the digits has $m = 1347$ images. With batches of 64 it makes 21
# full batches and one of $1347 - 21\cdot 64 = 3$. Two epochs see different batches:

# %% nbgrader={"grade": false, "grade_id": "digits_batches", "locked": true, "schema_version": 3, "solution": false, "task": false}
train, test = data.load_digits("train"), data.load_digits("test")
for epoch in range(2):
    batches = random_minibatches(train.X, train.Y, 64, rng)
    sizes = [X_batch.shape[1] for X_batch, _ in batches]
    first_labels = batches[0][1].argmax(axis=0)[:8]
    print(f"epoch {epoch}: {len(batches)} batches, sizes {sizes[0]} ... {sizes[-2]}, "
          f"{sizes[-1]}; first labels of batch 0: {first_labels}")

# %% [markdown]
# **Does the order of the examples change the result?** A learner asks this in their notes
# on 3Blue1Brown's video. For **batch** gradient descent: no. Each step uses the mean
# gradient over all examples, and a sum does not depend on its order (except for
# rounding in the last digits). For **SGD and mini-batches**: yes. Each step uses some of
# the examples and changes the weights that the next batch sees, so another order gives
# another path and other final weights (usually about as good). The cell below checks
# both, with the library's backprop.

# %% nbgrader={"grade": false, "grade_id": "order_matters", "locked": true, "schema_version": 3, "solution": false, "task": false}
net_order = mlp.init_params([64, 10, 10], np.random.default_rng(1))
X_order, Y_order = train.X[:, :200], train.Y[:, :200]
order_a = np.arange(200)
order_b = np.random.default_rng(2).permutation(200)

_, grads_a = mlp.loss_and_grads(X_order[:, order_a], Y_order[:, order_a], net_order)
_, grads_b = mlp.loss_and_grads(X_order[:, order_b], Y_order[:, order_b], net_order)
print("batch gradient, two orders: largest difference",
      f"{max(np.max(np.abs(grads_a[k] - grads_b[k])) for k in grads_a):.1e}")


def one_epoch_in_order(order, batch=20, step=1.0):
    """One epoch of mini-batch descent visiting the examples in the given order."""
    p = {key: value.copy() for key, value in net_order.items()}
    for first in range(0, order.size, batch):
        cols = order[first:first + batch]
        _, g = mlp.loss_and_grads(X_order[:, cols], Y_order[:, cols], p)
        p = {key: p[key] - step * g["d" + key] for key in p}
    return p


after_a, after_b = one_epoch_in_order(order_a), one_epoch_in_order(order_b)
print("mini-batch epoch, two orders: largest difference of W1",
      f"{np.max(np.abs(after_a['W1'] - after_b['W1'])):.1e}")

# %% [markdown]
# ### Question: how many steps?
#
# A training set has $m = 1000$ examples. We train for 3 epochs with mini-batches of
# $B = 64$, made as in Exercise 1 (a new shuffle every epoch).
#
# **Question 1.** Set `answer_updates` to the number of parameter updates (gradient
# steps) in the 3 epochs, a whole number.

# %% nbgrader={"grade": false, "grade_id": "answer_updates", "locked": false, "schema_version": 3, "solution": true, "task": false}
# Set answer_updates to the number of gradient steps in 3 epochs: a whole number.
### BEGIN SOLUTION
answer_updates = 3 * int(np.ceil(1000 / 64))
### END SOLUTION

# %% nbgrader={"grade": true, "grade_id": "test_answer_updates", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
### BEGIN HIDDEN TESTS
from autograder.lessons import lesson06
lesson06.check_answer_updates(answer_updates)
### END HIDDEN TESTS
assert not isinstance(answer_updates, (str, bool)) and np.size(answer_updates) == 1, \
    "answer_updates is one whole number"

# %% [markdown]
# ## 3. Noise against cost, measured
#
# We can check the $1/\sqrt{B}$ law on the digits. Take a small network (64–25–10, the
# network of lesson 03) at its random initial weights, and `nnlib.mlp.loss_and_grads`
# for its gradients. For each batch size we compare the gradients of up to 30 batches
# made by **your** `random_minibatches` with the full gradient, and plot the root mean
# square of the relative deviation $\lVert g_{\mathcal{B}} - \nabla J\rVert / \lVert\nabla J\rVert$
# next to the formula of section 1, with $\sigma^2$ estimated from the 30 single examples.

# %% nbgrader={"grade": false, "grade_id": "noise_plot", "locked": true, "schema_version": 3, "solution": false, "task": false}
def flat(grads):
    """All the gradients of a dict as one vector."""
    return np.concatenate([grads[key].ravel() for key in sorted(grads)])


net = mlp.init_params([64, 25, 10], rng)
m = train.X.shape[1]
full = flat(mlp.loss_and_grads(train.X, train.Y, net)[1])

batch_sizes = [1, 4, 16, 64, 256, 1024]
mean_squared = []
for b in batch_sizes:
    full_batches = [pair for pair in random_minibatches(train.X, train.Y, b, rng)
                    if pair[0].shape[1] == b][:30]   # the short last batch has another b
    mean_squared.append(np.mean([np.sum((flat(mlp.loss_and_grads(Xb, Yb, net)[1]) - full) ** 2)
                                 for Xb, Yb in full_batches]))
measured = np.sqrt(mean_squared) / np.linalg.norm(full)
sigma2 = mean_squared[0]                              # batches of 1: the spread of examples
b_array = np.array(batch_sizes)
predicted = np.sqrt(sigma2 / b_array * (m - b_array) / (m - 1)) / np.linalg.norm(full)

optim_plots.plot_gradient_noise(batch_sizes, measured, predicted)
plt.show()

# %% [markdown]
# *Figure 1. Root-mean-square relative deviation of mini-batch gradients from the full
# gradient on the digits training set (dots), against the batch size, both axes
# logarithmic, with the prediction $\sqrt{(m-B)/(B(m-1))}\,\sigma/\lVert\nabla J\rVert$
# (line; $\sigma^2$ is estimated from the batches of one example, so the line starts on the
# first dot). The points follow a line of slope $-\tfrac12$: 4× the batch, half the noise.
# Near $B = m$ the factor $(m-B)/(m-1)$ pulls the noise down faster, to 0 at $B = m$.*
#
# And the cost side: the time of one gradient evaluation. The numbers depend on your
# machine; what matters is how they grow with $B$.

# %% nbgrader={"grade": false, "grade_id": "step_cost", "locked": true, "schema_version": 3, "solution": false, "task": false}
for b in (1, 32, m):
    repeats = 10 if b < m else 2
    start = time.perf_counter()
    for _ in range(repeats):
        mlp.loss_and_grads(train.X[:, :b], train.Y[:, :b], net)
    seconds = (time.perf_counter() - start) / repeats
    print(f"B = {b:>4}: {1e3 * seconds:7.3f} ms per step, {1e6 * seconds / b:8.1f} µs per example")

# %% [markdown]
# Per example, a batch of 32 is much cheaper than 32 single steps (NumPy does the loop
# in compiled code). Once the batch is large enough for that, the time grows about in
# proportion to the batch: a batch of $m$ costs about $m/B$ times a batch of $B$.
#
# ## 4. The update step
#
# Whatever the batch, one step of gradient descent moves every parameter against its
# gradient:
#
# $$W_l \leftarrow W_l - \alpha\, dW_l, \qquad b_l \leftarrow b_l - \alpha\, db_l
# \qquad\text{for } l = 1,\ldots,L .$$
#
# With a mini-batch, $dW_l$ and $db_l$ are the gradients of the cost **of that batch**
# (its mean loss, so the $1/B$ is already inside). People call this step "SGD" whatever
# the batch size.
#
# **Exercise 2.** Write `sgd_update(params, grads, learning_rate)`. `params` has keys
# `"W1", "b1", …`, `grads` has keys `"dW1", "db1", …`. Return the updated `params` (a new
# dict, or the same dict updated in place).

# %% nbgrader={"grade": false, "grade_id": "sgd_update", "locked": false, "schema_version": 3, "solution": true, "task": false}
def sgd_update(params, grads, learning_rate):
    """One gradient-descent step on every parameter: W <- W - learning_rate * dW.

    params: {"W1": (n_1, n_0), "b1": (n_1, 1), ...}; grads: {"dW1": ..., "db1": ...},
    shaped like the parameters. Returns the updated params.
    """
    ### BEGIN SOLUTION
    return {key: value - learning_rate * grads["d" + key] for key, value in params.items()}
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_sgd_update", "locked": true, "points": 2, "schema_version": 3, "solution": false, "task": false}
### BEGIN HIDDEN TESTS
from autograder.lessons import lesson06
lesson06.check_sgd_update(sgd_update)
### END HIDDEN TESTS
p_demo = {"W1": np.array([[1.0, -2.0]]), "b1": np.array([[0.5]])}
g_demo = {"dW1": np.array([[0.5, 1.0]]), "db1": np.array([[-1.0]])}
new_demo = sgd_update({k: v.copy() for k, v in p_demo.items()}, g_demo, 0.1)
assert np.allclose(new_demo["W1"], [[0.95, -2.1]]), "W1 - 0.1 * dW1 = [[0.95, -2.1]]"
assert np.allclose(new_demo["b1"], [[0.6]]), "b1 - 0.1 * db1 = 0.6: the biases move too"

# %% [markdown]
# ## 5. Momentum: a moving average of the gradients
#
# ### Exponentially weighted averages
#
# Noisy gradients zig-zag around the direction we want. An **exponentially weighted
# average** smooths a sequence $g_1, g_2, \ldots$ with one number of memory:
#
# $$v_0 = 0, \qquad v_t = \beta\, v_{t-1} + (1-\beta)\, g_t .$$
#
# Unrolling the recursion shows what it averages:
#
# $$v_t = (1-\beta)\left(g_t + \beta\, g_{t-1} + \beta^2 g_{t-2} + \cdots + \beta^{t-1} g_1\right).$$
#
# Recent values count most and the weights fall off geometrically. Since
# $\beta^{1/(1-\beta)} \approx 1/e$, the average mostly remembers the last $1/(1-\beta)$
# values: about 10 for $\beta = 0.9$, 50 for $\beta = 0.98$.
#
# The weights add up to $(1-\beta)(1 + \beta + \cdots + \beta^{t-1}) = 1 - \beta^t$, not 1.
# So early on $v_t$ is **biased towards 0**: $v_1 = (1-\beta)\, g_1$ is only a tenth of
# $g_1$ for $\beta = 0.9$. Dividing by $1-\beta^t$ removes the bias (Adam does this);
# plain momentum usually does not bother, because the bias fades after a few times
# $1/(1-\beta)$ steps.

# %% nbgrader={"grade": false, "grade_id": "ewa_plot", "locked": true, "schema_version": 3, "solution": false, "task": false}
def exponential_average(values, beta, bias_correction=False):
    """v_t = beta v_{t-1} + (1 - beta) g_t from v_0 = 0, for every t (optionally / (1 - beta^t))."""
    v, out = 0.0, []
    for t, g in enumerate(values, start=1):
        v = beta * v + (1 - beta) * g
        out.append(v / (1 - beta ** t) if bias_correction else v)
    return np.array(out)


steps = np.arange(1, 121)
signal = np.where(steps <= 60, 1.0, 0.3)         # the "true" gradient changes at t = 60
noisy = signal + 0.4 * rng.standard_normal(steps.size)
optim_plots.plot_moving_averages(noisy, {
    "β = 0.9": exponential_average(noisy, 0.9),
    "β = 0.98": exponential_average(noisy, 0.98),
    "β = 0.9, bias-corrected": exponential_average(noisy, 0.9, bias_correction=True),
})
plt.show()

# %% [markdown]
# *Figure 2. A noisy sequence whose mean drops from 1 to 0.3 at step 60 (grey dots) and
# three exponentially weighted averages. β = 0.98 is smoother but starts lower (bias
# towards 0) and lags behind the drop for longer than β = 0.9; the bias-corrected
# average starts at the right level.*
#
# ### Question: the first steps of an average
#
# The gradient of a parameter is the same at every step, $g_t = 2$, and its exponentially
# weighted average starts at $v_0 = 0$ with $\beta = 0.9$.
#
# **Question 2.** Set `answer_velocity` to $v_3$, the average after three steps, a
# number. Four significant digits are enough: the check allows a relative difference of
# 0.1 %. Is it close to 2? Why (not)?

# %% nbgrader={"grade": false, "grade_id": "answer_velocity", "locked": false, "schema_version": 3, "solution": true, "task": false}
# Set answer_velocity to v_3: a number.
### BEGIN SOLUTION
v_q = 0.0
for _ in range(3):
    v_q = 0.9 * v_q + (1 - 0.9) * 2.0
answer_velocity = v_q
### END SOLUTION

# %% nbgrader={"grade": true, "grade_id": "test_answer_velocity", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
### BEGIN HIDDEN TESTS
from autograder.lessons import lesson06
lesson06.check_answer_velocity(answer_velocity)
### END HIDDEN TESTS
assert not isinstance(answer_velocity, (str, bool)) and np.size(answer_velocity) == 1, \
    "answer_velocity is one number"

# %% [markdown]
# ### Gradient descent with momentum
#
# Momentum steps along the average of recent gradients instead of the latest one. Each
# parameter gets a **velocity** of its shape, starting at 0:
#
# $$v_{dW_l} \leftarrow \beta\, v_{dW_l} + (1-\beta)\, dW_l, \qquad
#   v_{db_l} \leftarrow \beta\, v_{db_l} + (1-\beta)\, db_l,$$
# $$W_l \leftarrow W_l - \alpha\, v_{dW_l}, \qquad b_l \leftarrow b_l - \alpha\, v_{db_l}.$$
#
# Update the velocity first, then step with the **new** velocity. With $\beta = 0$ this is
# plain gradient descent; $\beta = 0.9$ is the usual default. Because $v$ is an average of
# gradients it has the size of a gradient: when successive gradients agree, the step is
# about $\alpha\,dW$, as without momentum; when they alternate in sign, they cancel in the
# average and the step shrinks. (Some texts write $v \leftarrow \beta v + dW$ instead;
# that $v$ is $1/(1-\beta)$ times larger, so it needs an $\alpha$ that much smaller.)
#
# **Exercise 3.** Write `init_velocity(params)`: a dict with keys `"dW1", "db1", …` (the
# gradients' keys) holding zeros shaped like each parameter.

# %% nbgrader={"grade": false, "grade_id": "init_velocity", "locked": false, "schema_version": 3, "solution": true, "task": false}
def init_velocity(params):
    """Zero velocities: {"dW1": zeros like W1, "db1": zeros like b1, ...}."""
    ### BEGIN SOLUTION
    return {"d" + key: np.zeros_like(value) for key, value in params.items()}
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_init_velocity", "locked": true, "points": 2, "schema_version": 3, "solution": false, "task": false}
### BEGIN HIDDEN TESTS
from autograder.lessons import lesson06
lesson06.check_init_velocity(init_velocity)
### END HIDDEN TESTS
params_demo = {"W1": np.ones((3, 2)), "b1": np.ones((3, 1)), "W2": np.ones((1, 3)),
               "b2": np.ones((1, 1))}
v_demo = init_velocity(params_demo)
assert sorted(v_demo) == ["dW1", "dW2", "db1", "db2"], \
    "the keys of v are the gradients' keys: 'dW1', 'db1', 'dW2', 'db2'"
assert all(np.shape(v_demo["d" + k]) == params_demo[k].shape for k in params_demo), \
    "each velocity has the shape of its parameter"
assert all(np.all(np.asarray(v_demo[k]) == 0) for k in v_demo), "velocities start at zero"

# %% [markdown]
# **Exercise 4.** Write `momentum_update(params, grads, v, beta, learning_rate)`: update
# every velocity with its gradient, then every parameter with its new velocity, and
# return the pair `(params, v)`.

# %% nbgrader={"grade": false, "grade_id": "momentum_update", "locked": false, "schema_version": 3, "solution": true, "task": false}
def momentum_update(params, grads, v, beta, learning_rate):
    """One step of gradient descent with momentum.

    v[dk] <- beta * v[dk] + (1 - beta) * grads[dk], then params[k] <- params[k] -
    learning_rate * v[dk], for every parameter k with gradient key dk = "d" + k.
    Returns (params, v), both updated.
    """
    ### BEGIN SOLUTION
    new_v, new_params = {}, {}
    for key in params:
        grad_key = "d" + key
        new_v[grad_key] = beta * v[grad_key] + (1 - beta) * grads[grad_key]
        new_params[key] = params[key] - learning_rate * new_v[grad_key]
    return new_params, new_v
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_momentum_update", "locked": true, "points": 3, "schema_version": 3, "solution": false, "task": false}
### BEGIN HIDDEN TESTS
from autograder.lessons import lesson06
lesson06.check_momentum_update(momentum_update)
### END HIDDEN TESTS
p_demo = {"W1": np.array([[1.0]]), "b1": np.array([[0.0]])}
g_demo = {"dW1": np.array([[2.0]]), "db1": np.array([[1.0]])}
v_start = {"dW1": np.array([[1.0]]), "db1": np.array([[0.0]])}
p_next, v_next = momentum_update({k: a.copy() for k, a in p_demo.items()}, g_demo,
                                 {k: a.copy() for k, a in v_start.items()}, 0.9, 0.5)
assert np.allclose(v_next["dW1"], 1.1), "v = 0.9 * 1 + (1 - 0.9) * 2 = 1.1"
assert np.allclose(p_next["W1"], 0.45), "W = 1 - 0.5 * 1.1 = 0.45, a step with the NEW velocity"
assert np.allclose(v_next["db1"], 0.1) and np.allclose(p_next["b1"], -0.05), \
    "the bias gets its own velocity: v = 0.1, b = 0 - 0.5 * 0.1 = -0.05"

# %% [markdown]
# ## 6. A long narrow valley
#
# Where does momentum help? Take one linear unit $\hat y = W x + b$ with two inputs on
# very different scales, and the cost $J = \frac{1}{2m}\sum_i (\hat y^{(i)} - y^{(i)})^2$.
# Let the inputs be centred and uncorrelated, with mean squares $s_1^2 = 1$ and
# $s_2^2 = 40$ (the second feature was never rescaled), and the targets
# $y = W^* x + b^*$. Writing $\hat y - y = (W - W^*)\,x + (b - b^*)$ and averaging its
# square, the cross terms vanish and
#
# $$J(w_1, w_2, b) = \tfrac12\left[s_1^2\,(w_1 - w_1^*)^2 + s_2^2\,(w_2 - w_2^*)^2 + (b - b^*)^2\right].$$
#
# With $b$ (here the bias) at its best value, the contours over $(w_1, w_2)$ are ellipses
# whose **curvature** is 40 times larger across ($w_2$) than along ($w_1$); the ellipses
# themselves are $\sqrt{40} \approx 6.3$ times longer than they are wide: a long narrow
# valley. Gradient descent multiplies the
# distance to the minimum along each axis by $1 - \alpha s^2$ per step. Across the valley
# that factor must stay above $-1$, so $\alpha < 2/s_2^2 = 0.05$; with such a small $\alpha$
# the factor along the valley is $1 - \alpha s_1^2 \ge 0.95$, a crawl. Close to the
# limit, plain descent bounces from wall to wall while it creeps along the floor.
#
# `optim_plots.Valley` holds this cost and its gradients; the paths below are made by
# **your** `sgd_update`, `init_velocity` and `momentum_update`.

# %% nbgrader={"grade": false, "grade_id": "valley_plot", "locked": true, "schema_version": 3, "solution": false, "task": false}
valley = optim_plots.Valley(curvatures=(1.0, 40.0))
fig, (ax_same, ax_larger) = plt.subplots(2, 1, figsize=(9, 6.4), layout="constrained")
optim_plots.compare_paths(valley, sgd_update, init_velocity, momentum_update,
                          learning_rate=0.048, beta=0.9, ax=ax_same,
                          title="α = 0.048, just below the limit 2/40 of plain descent")
optim_plots.compare_paths(valley, sgd_update, init_velocity, momentum_update,
                          learning_rate=0.2, beta=0.8, ax=ax_larger,
                          title="α = 0.2: plain descent diverges, momentum (β = 0.8) does not")
plt.show()

# %% [markdown]
# *Figure 3. Contours of the valley's cost over the two weights (same scale on both
# axes; the star is the minimum) and 50 steps from the square at (−8, 0). Top: with
# α = 0.048 plain gradient descent (red) zig-zags across the valley, momentum (green,
# β = 0.9) averages the zig-zags away and ends closer to the minimum. Bottom: with α = 0.2
# plain descent leaves the plot after a few steps, while momentum (β = 0.8) reaches the
# minimum.*
#
# Why can momentum use a larger $\alpha$? Across the valley the gradients alternate in
# sign, so their average is small; along the valley they agree, so their average keeps
# its size. On a quadratic with curvature $h$ one can show (write the two-step recursion
# of $w$ and ask when its roots have modulus below 1) that momentum is stable for
# $\alpha\,(1-\beta)\,h < 2(1+\beta)$, i.e. $\alpha < 2(1+\beta)/((1-\beta)\,h)$: for
# $\beta = 0.9$ and $h = 40$ that is $\alpha < 0.95$, nineteen times the limit of plain descent.
#
# ## 7. Explore it yourself
#
# Both paths use the α of the slider; β sets the momentum. Try:
# - α = 0.045 and β from 0 to 0.95. At β = 0 the two paths are the same;
# - the largest α at which plain descent still converges (about 0.05), then go beyond it;
# - with β = 0.9, raise α to 0.9 and then past 0.95;
# - β = 0.99: the average remembers about 100 steps, so the path reacts slowly and swings
#   across the valley; with a larger α it overshoots the minimum.

# %% nbgrader={"grade": false, "grade_id": "explorer", "locked": true, "schema_version": 3, "solution": false, "task": false}
optim_plots.valley_explorer(valley, sgd_update, init_velocity, momentum_update,
                            learning_rate=0.045, beta=0.9, lr_range=(0.005, 1.0))

# %% [markdown]
# *Figure 4 (interactive). The valley of Figure 3 with 50 steps of plain gradient descent
# (red) and of momentum (green), for the α and β on the sliders; the legend gives each
# path's final cost, or says that it diverged.*
#
# ## 8. Four optimizers on the digits
#
# Now a real network: 64–25–10 with sigmoid units, trained on the first 300 training
# images of the digits for 10 epochs with `nnlib.mlp.train`, which runs the loop
# "for each batch: gradients, then your update". Four optimizers start from the same
# weights:
#
# - **batch GD**: one step per epoch on all 300 images, α = 2;
# - **SGD**: batches of 1 from your `random_minibatches`, 300 steps per epoch, α = 0.1;
# - **mini-batch GD**: batches of 16, 19 steps per epoch (18 of 16 and one of 12), α = 2;
# - **mini-batch + momentum**: the same batches, β = 0.8 and α = 3.
#
# Each runs with a learning rate that works for it (we tried a few). On this problem,
# with the same α, mini-batch descent with and without momentum end up close: with the
# averaged form, $v$ has the size of a gradient. At α = 3 plain mini-batch descent still
# trains, a little worse than at α = 2 and with an occasional spike in the cost. So on
# this small problem the gain of momentum is modest; in the valley of section 6 it is
# large. (Copy the cell below into a new cell and try other rates and shuffle seeds.)

# %% nbgrader={"grade": false, "grade_id": "four_optimizers", "locked": true, "schema_version": 3, "solution": false, "task": false}
def momentum_optimizer(params, beta, learning_rate):
    """An update(params, grads) -> params for mlp.train that keeps its velocity between calls."""
    velocity = init_velocity(params)

    def update(params, grads):
        nonlocal velocity
        params, velocity = momentum_update(params, grads, velocity, beta, learning_rate)
        return params

    return update


X_small, Y_small = train.X[:, :300], train.Y[:, :300]
start_params = mlp.init_params([64, 25, 10], np.random.default_rng(6))
runs = {  # label: (update rule, batch size or None for the full batch)
    "batch GD": (lambda p, g: sgd_update(p, g, 2.0), None),
    "SGD (B = 1)": (lambda p, g: sgd_update(p, g, 0.1), 1),
    "mini-batch (B = 16)": (lambda p, g: sgd_update(p, g, 2.0), 16),
    "mini-batch + momentum": (momentum_optimizer(start_params, 0.8, 3.0), 16),
}
histories, updates_per_epoch = {}, {}
for label, (update, batch_size) in runs.items():
    shuffler = np.random.default_rng(5)          # the same batches for both B = 16 runs
    batches = None if batch_size is None else \
        (lambda epoch, b=batch_size, r=shuffler: random_minibatches(X_small, Y_small, b, r))
    params0 = {key: value.copy() for key, value in start_params.items()}
    start = time.perf_counter()
    trained, histories[label] = mlp.train(X_small, Y_small, params0, update, epochs=10,
                                          batches=batches)
    seconds = time.perf_counter() - start
    updates_per_epoch[label] = 1 if batch_size is None else -(-300 // batch_size)
    accuracy = np.mean(mlp.predict(test.X, trained) == test.labels)
    print(f"{label:>22}: cost {histories[label][-1]:.3f} after 10 epochs, "
          f"test accuracy {accuracy:.1%}, {seconds:.2f} s")

optim_plots.plot_optimizer_comparison(histories, updates_per_epoch)
plt.show()

# %% [markdown]
# *Figure 5. Cost on the 300 training images after each epoch (left), and the same points
# placed at the number of parameter updates made so far (right, logarithmic axis).
# Per epoch, SGD leads, the two mini-batch runs follow, and batch GD, with one step per
# epoch, stalls on a plateau near J = 3.2. Per update, the first steps of batch GD and of
# the mini-batch runs fall on about one curve: here a step on 16 examples does about as
# much as a step on all 300, at a 19th of the cost. SGD's single-example steps each do
# less (its curve lies to the right), but they are the cheapest.*
#
# **What is fair to compare?** Per epoch, every optimizer has computed the same number of
# example-gradients, so the arithmetic is equal; that is the usual axis, and it favours
# many small steps. Per update, the exact gradient of batch GD is worth most, but each of
# its updates costs 300 example-gradients. Wall-clock time is what you finally pay, and
# it depends on how well the code vectorises: here SGD's 300 tiny steps per epoch take
# far longer than 19 steps of 16 (see the timings above). Finally, one run with one seed
# is a noisy measurement: differences of a few hundredths in the cost are within what
# another seed or another shuffle would change, and each optimizer's learning rate was
# only roughly tuned.
#
# ## Where the sources differ
#
# - **Slides, why momentum.** The slides motivate momentum with noisy data that "make us
#   jump back and forth between several valleys" of the loss. This lesson tells the more
#   common story: steps that zig-zag across **one** narrow valley (section 6). Both are
#   about oscillation: the average of the recent gradients keeps the directions that
#   agree from step to step and cancels those that flip sign, whether the flips come from
#   the valley's shape or from the noise of small batches.
# - **Slides, the mini-batch cost.** The slides write $J_i = \frac{1}{|B_i|}\sum_{j\in B_i}
#   \mathcal L^{(i)}$; the index inside the sum should be $j$: $\mathcal L^{(j)}$.
# - **Slides, batches.** The slides allow batches drawn by repeated uniform sampling as
#   well as a partition (section 2); we implement the partition.
# - **Notation.** We write $B$ for the batch size, because $b$ is the bias.
#
# ## Summary
#
# - The gradient of the cost is an average over examples. Batch GD computes it exactly,
#   SGD estimates it from one example, mini-batch GD from $B$; the error of the estimate
#   falls like $1/\sqrt{B}$ while its cost grows like $B$.
# - One epoch: shuffle the columns of `X` and `Y` with one permutation from `rng`, cut
#   them into batches of $B$ (the last one smaller when $B$ does not divide $m$), and take
#   one step per batch; reshuffle every epoch.
# - The update $W \leftarrow W - \alpha\, dW$ applies to every weight **and** bias.
# - Momentum steps along an exponentially weighted average of the gradients,
#   $v \leftarrow \beta v + (1-\beta)\, dW$, $W \leftarrow W - \alpha v$; its memory is about
#   $1/(1-\beta)$ steps and it starts biased towards 0.
# - In a long narrow valley the across-valley zig-zags cancel in the average, so momentum
#   is steadier and tolerates a much larger learning rate than plain descent.
# - Compare optimizers per epoch (equal arithmetic), keep per-update and wall-clock views
#   in mind, and do not read much into small differences from a single run.
#
# ## Check yourself
#
# 1. A training set has $m = 1000$ examples and you use batches of 64. How many batches
#    make an epoch, and how many examples are in the last one?
#
#    <details><summary>Answer</summary>
#
#    $1000 = 15\cdot 64 + 40$: 15 full batches and a last one of 40 examples, 16 batches
#    (16 updates) per epoch.
#
#    </details>
#
# 2. Why must `X` and `Y` be shuffled with the same permutation? What would the network
#    learn if they were not?
#
#    <details><summary>Answer</summary>
#
#    Column $i$ of `Y` is the target of column $i$ of `X`. Two different permutations pair
#    each input with a random other example's target. The network would learn from noise:
#    at best it predicts the average target (for the digits, each class with probability
#    about 1/10), whatever the input.
#
#    </details>
#
# 3. You make the batch 4 times larger. By how much does the noise of the gradient fall,
#    and by how much does the arithmetic of a step grow?
#
#    <details><summary>Answer</summary>
#
#    The noise (the typical error $\propto 1/\sqrt{B}$) falls by a factor $\sqrt 4 = 2$
#    (a little more when $B$ gets close to $m$). The arithmetic of a step grows 4 times.
#
#    </details>
#
# 4. With $\beta = 0.9$ and $v_0 = 0$, what is $v_3$ if the gradient is $g = 1$ at every
#    step? What does bias correction turn it into?
#
#    <details><summary>Answer</summary>
#
#    $v_1 = 0.1$, $v_2 = 0.9\cdot 0.1 + 0.1 = 0.19$, $v_3 = 0.9\cdot 0.19 + 0.1 = 0.271$,
#    that is $1 - 0.9^3$. Bias correction divides by $1 - \beta^3 = 0.271$, which gives
#    exactly 1, the true average gradient.
#
#    </details>
#
# 5. In the valley, why does plain gradient descent need $\alpha < 2/s_2^2$, and why does
#    that make it slow along the valley?
#
#    <details><summary>Answer</summary>
#
#    Across the valley each step multiplies the distance to the minimum by $1 - \alpha s_2^2$.
#    Its size must stay below 1, so $\alpha s_2^2 < 2$. Along the valley the factor is
#    $1 - \alpha s_1^2$; with $\alpha < 2/40 = 0.05$ and $s_1^2 = 1$ it is at least $0.95$,
#    so each step removes at most 5 % of the distance along the valley: a crawl.
#
#    </details>
#
# 6. A classmate's momentum update is $v \leftarrow \beta v + dW$ with the same α as
#    before, and training diverges. Explain.
#
#    <details><summary>Answer</summary>
#
#    Without the factor $(1 - \beta)$, $v$ is a **sum** of recent gradients, not an average:
#    for a steady gradient it grows to $dW/(1 - \beta)$, 10 times the gradient for
#    $\beta = 0.9$. The steps are 10 times larger than intended, which is above the
#    stability limit. This form is also common, but it needs a learning rate about
#    $(1 - \beta)$ times the old one (10 times smaller for $\beta = 0.9$).
#
#    </details>
#
# ## Check your code
#
# Working on your own? In a new cell, `from nnlib.selfcheck import check;
# check(random_minibatches)` runs one of your graded functions on the lesson's public
# test cases (fixed inputs and the outputs they must give) and, when an answer is wrong,
# names the mistake it matches in the hidden tests' words. It works offline and never
# shows reference code; the hidden tests grade on other, random cases. This lesson's
# graded functions are `random_minibatches`, `sgd_update`, `init_velocity` and
# `momentum_update`.

# %% [markdown]
# ## Sources
#
# This lesson draws on:
#
# - DataCamp, *Introduction to Deep Learning in Python*, chapter "Optimizing a neural
#   network with backward propagation": stochastic gradient descent with a batch instead
#   of the full data, a new batch for each update, epochs.
# - 3Blue1Brown, "What is backpropagation really doing?": computing the gradient on all the
#   data is slow, hence stochastic gradient descent; and the question, in a learner's notes
#   on the video, whether the order of the data changes the result (section 2).
# - K. Teachasrisaksakul, slides "8.2 Neural Network (Part 3): Learning" (in Thai): batch,
#   stochastic and mini-batch gradient descent, batches by partition or by repeated
#   sampling, momentum $v := \beta v + (1-\beta)\,\partial J/\partial W$, $W := W - \alpha v$.
