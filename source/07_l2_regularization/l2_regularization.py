# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # Lesson 07 — L2 regularization
#
# A network with enough weights can fit its training set perfectly, noise included, and
# then do worse on new data than a simpler network would. This lesson shows that
# **overfitting** on a small two-class data set where the decision boundary can be drawn,
# and cures it with the most common remedy: a penalty on the size of the weights.
#
# **By the end of this lesson you can**
# 1. recognise overfitting: training accuracy high, held-out accuracy much lower;
# 2. name the three remedies: more data, a smaller model, regularization;
# 3. write the L2 penalty $\frac{\lambda}{2m}\sum_l \|W_l\|_F^2$ and its gradient
#    $\frac{\lambda}{m} W_l$, and check that gradient numerically;
# 4. derive the **weight-decay** form of the update, $w \leftarrow (1-\alpha\lambda)\,w -
#    \alpha\,\frac{\partial J}{\partial w}$, and relate its $\lambda$ to the course's $\lambda/m$;
# 5. explain why biases are not regularized;
# 6. choose $\lambda$ by a sweep on a **validation** set, and report the test accuracy once.
#
# You will write three functions, `l2_penalty`, `l2_grads` and `weight_decay_update`, and
# answer two questions. Each one is followed by a test cell: the visible checks run in the
# notebook, and hidden checks with fresh random networks (1, 2 and 4 layers) run when your
# work is graded.

# %% [markdown]
# ## Notation used in every lesson
#
# | symbol | meaning | in code |
# |---|---|---|
# | $m$ | number of examples | `m` |
# | $x^{(i)}, y^{(i)}$ | input and target of example $i$ | `X[:, i]`, `Y[:, i]` |
# | $X$, $Y$ | inputs $(n_0, m)$ and targets $(n_L, m)$, one example per column | `X`, `Y` |
# | $\hat y = a^{(L)}$ | the network's output | `AL` |
# | $W_l$, $b_l$ | weights $(n_l, n_{l-1})$, biases $(n_l, 1)$ of layer $l$ | `params["W1"]` |
# | $\partial J/\partial W_l$ | gradient of the cost | `grads["dW1"]` |
# | $L$ | number of layers with weights | `L` |
# | $\alpha$ | learning rate | `learning_rate` |
# | $\lambda$ | regularization strength | `lambd` (`lambda` is a Python keyword) |
# | $\|W\|_F^2$ | squared Frobenius norm, $\sum_{i,j} W_{ij}^2$ | `np.sum(W ** 2)` |
#
# Examples are **columns**; parameters live in a dict `params` with keys `"W1", "b1", …`,
# and their gradients use the same keys with a `d` prefix (`"dW1"`). Numbers are NumPy
# float64, and randomness always comes from an explicit generator `rng`.

# %% nbgrader={"grade": false, "grade_id": "setup", "locked": true, "schema_version": 3, "solution": false, "task": false}
import numpy as np
import matplotlib.pyplot as plt

from nnlib import data, mlp
from nnlib.activations import sigmoid
from nnlib.gradcheck import numerical_param_grads, rel_error
from nnlib.losses import cross_entropy
from nnlib.regularization_plots import (Run, lambda_explorer, plot_boundaries, plot_boundary,
                                        plot_cost_curves, plot_lambda_sweep,
                                        plot_weight_histograms)

rng = np.random.default_rng(17)

# %% [markdown]
# ## 1. Overfitting, drawn
#
# Two interleaved half moons, with so much noise that the classes overlap: no boundary can
# classify every point correctly, and the best one is a smooth S-shaped curve. We take
# only **50 training points**, and keep two more samples from the same distribution:
# a **validation** set of 200 points to compare models and choose $\lambda$, and a
# **test** set of 1,000 points that we look at once, at the very end.

# %% nbgrader={"grade": false, "grade_id": "data", "locked": true, "schema_version": 3, "solution": false, "task": false}
NOISE = 0.3
X_train, Y_train = data.classes_2d(50, rng, kind="moons", noise=NOISE)
X_val, Y_val = data.classes_2d(200, rng, kind="moons", noise=NOISE)
X_test, Y_test = data.classes_2d(1000, rng, kind="moons", noise=NOISE)
print("train", X_train.shape, " validation", X_val.shape, " test", X_test.shape)

# %% [markdown]
# The network is deliberately too big for 50 points: 2 inputs, two hidden layers of 50
# tanh units and one sigmoid output: 2,650 weights and 101 biases. (tanh is a rescaled
# sigmoid, $\tanh z = 2\sigma(2z) - 1$, centred on 0; it trains faster here.) We train it
# with full-batch gradient descent on the course's cross-entropy cost.
#
# Section 7 trains one network per value of $\lambda$. To keep that fast, `train` trains
# several networks **at once**: their weight matrices are stacked along a new first axis,
# `W[k]` being network `k`'s, so that one `@` (which broadcasts over that axis) runs the
# forward and backward pass of lesson 03 for all of them. The update rule of one weight
# matrix is an argument, `step(W, dW, learning_rate, decay)`: for now a plain gradient
# step, and from section 5 on **your** weight-decay update.

# %% nbgrader={"grade": false, "grade_id": "training", "locked": true, "schema_version": 3, "solution": false, "task": false}
LAYER_DIMS = [2, 50, 50, 1]
L = len(LAYER_DIMS) - 1
HIDDEN = "tanh"
LEARNING_RATE, EPOCHS, RECORD_EVERY = 1.0, 2000, 25
params0 = mlp.init_params(LAYER_DIMS, rng)  # every network starts from these weights


def predict_proba(params, X):
    """Probabilities of class 1, (1, n), for the points X, (2, n)."""
    return mlp.mlp_forward(X, params, hidden=HIDDEN)[0]


def accuracy(params, X, Y):
    """Fraction of the columns of X whose predicted class equals Y, (1, n)."""
    return float(np.mean(mlp.predict(X, params, hidden=HIDDEN) == Y[0]))


def plain_step(W, dW, learning_rate, decay):
    """An ordinary gradient step; ignores the decay (it is only right for λ = 0)."""
    return W - learning_rate * dW


def stacked_forward(X, stack):
    """Activations [A0, ..., AL] of K stacked networks: A0 = X (n0, m), Al (K, nl, m)."""
    A = [X]
    for l in range(1, L + 1):
        Z = stack[f"W{l}"] @ A[-1] + stack[f"b{l}"]  # (K, nl, n_{l-1}) @ (.., n_{l-1}, m)
        A.append(np.tanh(Z) if l < L else sigmoid(Z))
    return A


def train(lambdas, step):
    """Full-batch gradient descent from params0 on the cost with L2 strength λ, for
    every λ in ``lambdas`` at once. Returns one Run per λ.

    step(W, dW, learning_rate, decay) updates one network's weight matrix: dW is the
    gradient of the cross-entropy alone, and decay = λ/m (section 5 shows why).
    """
    K, m = len(lambdas), X_train.shape[1]
    stack = {key: np.repeat(value[None], K, axis=0) for key, value in params0.items()}
    epochs, train_cost, val_cost = [], [], []
    for epoch in range(EPOCHS + 1):
        A = stacked_forward(X_train, stack)
        if epoch % RECORD_EVERY == 0:
            A_val = stacked_forward(X_val, stack)[-1]
            epochs.append(epoch)
            train_cost.append([cross_entropy(A[-1][k], Y_train) for k in range(K)])
            val_cost.append([cross_entropy(A_val[k], Y_val) for k in range(K)])
        if epoch == EPOCHS:
            break
        dZ = (A[-1] - Y_train) / m  # sigmoid output with cross-entropy (lesson 03)
        for l in range(L, 0, -1):
            dW = dZ @ A[l - 1].swapaxes(-1, -2)  # cross-entropy only: no λ here
            db = dZ.sum(axis=-1, keepdims=True)
            if l > 1:
                dZ = (stack[f"W{l}"].swapaxes(-1, -2) @ dZ) * (1.0 - A[l - 1] ** 2)  # tanh'
            for k, lambd in enumerate(lambdas):
                stack[f"W{l}"][k] = step(stack[f"W{l}"][k], dW[k], LEARNING_RATE, lambd / m)
            stack[f"b{l}"] -= LEARNING_RATE * db
    runs = []
    for k, lambd in enumerate(lambdas):
        params = {key: value[k] for key, value in stack.items()}
        runs.append(Run(lambd, params, accuracy(params, X_train, Y_train),
                        accuracy(params, X_val, Y_val), np.array(epochs),
                        np.array(train_cost)[:, k], np.array(val_cost)[:, k]))
    return runs


run0 = train([0.0], plain_step)[0]
print(f"no regularization: training accuracy {run0.train_acc:.1%}, "
      f"validation accuracy {run0.val_acc:.1%}")

# %% nbgrader={"grade": false, "grade_id": "overfit_plot", "locked": true, "schema_version": 3, "solution": false, "task": false}
fig, (ax_left, ax_right) = plt.subplots(1, 2, figsize=(10, 4), layout="constrained")
plot_boundary(run0, predict_proba, X_train, Y_train, ax=ax_left,
              title="Without regularization: the training points")
plot_cost_curves(run0, ax=ax_right, title="Training and validation cost, λ = 0")
plt.show()

# %% [markdown]
# *Figure 1. Left: the decision boundary of the unregularized network (black line; the
# shading is the predicted class) over its 50 training points. It bends around single
# points to classify (nearly) every one of them. Right: the cross-entropy on the training
# set falls towards zero, while the cost on the validation set, after an early minimum,
# rises.*
#
# The training accuracy is (almost) perfect, the validation accuracy is far lower: the
# network has learned the noise of its 50 points, not the moons. That gap between training
# and held-out performance is **overfitting** (high *variance*: a new training sample
# would give a very different boundary).
#
# Why can a network do this at all? The slides start from a strong property: neural
# networks are **universal approximators**. With enough hidden units, a network with one
# hidden layer can approximate any continuous function on a bounded region as closely as
# we like (Cybenko, 1989; Hornik, 1991). In the slides' words: with enough training data
# and enough model complexity, backpropagation can learn any function to any accuracy.
# Two cautions. The theorem says that good weights **exist**; it does not say that
# gradient descent finds them, or how many units are needed. And a model flexible enough
# to fit any function can also fit the noise: when the model is too complex for the size
# of the training set, it overfits, as here.
#
# ## 2. Three remedies
#
# - **More data.** The most reliable cure: with points everywhere, bending around one of
#   them costs errors on its neighbours. When data are expensive, *data augmentation*
#   makes more from what you have (shifted or flipped images; see CS231n, "Training
#   neural networks II").
# - **A smaller model.** Fewer hidden units or layers leave fewer ways to fit noise. The
#   size is then a hyper-parameter to choose on the validation set, like $\lambda$ below.
# - **Regularization.** Keep the big model, but add to the cost a term that prefers
#   "simple" weights. This lesson's L2 penalty is the classic one; dropout (Srivastava et
#   al., 2014) and early stopping (stop where the validation cost of Figure 1 is lowest)
#   are others.
#
# ## 3. The L2 penalty
#
# L2 regularization adds the squared size of every weight to the cost:
#
# $$J(W, b) = \underbrace{-\frac{1}{m}\sum_{i=1}^{m}\sum_{k}\Big[y_k^{(i)}\log a_k^{(i)}
#   + \big(1-y_k^{(i)}\big)\log\big(1-a_k^{(i)}\big)\Big]}_{J_0:\ \text{cross-entropy}}
#   \;+\; \underbrace{\frac{\lambda}{2m}\sum_{l=1}^{L}\|W_l\|_F^2}_{\text{L2 penalty}},
# \qquad \|W_l\|_F^2 = \sum_{i,j}\big(W_l\big)_{ij}^2 .$$
#
# Gradient descent now trades fitting the data ($J_0$) against keeping the weights small.
# Why do small weights mean a simpler function? A tanh or sigmoid unit with small weights
# works near $z = 0$, where it is almost linear; a network of nearly linear units computes
# a nearly linear function, with a gently curved boundary. Sharp bends like those in
# Figure 1 need large weights. The larger $\lambda$, the stronger the pull towards small
# weights; $\lambda = 0$ is the unregularized network.
#
# The slides write the penalty of one weight vector as $J_{L2} = J + \frac{\lambda}{2}\|w\|^2 =
# J + \frac{\lambda}{2}w^{\mathsf T}w$; the course, like Andrew Ng's courses, divides it by
# $m$ as well. (The slides themselves mix the two: their cost function for networks, in the
# first part, has $\frac{\lambda}{2m}$, and lesson 03 shows that their gradient $D$ belongs
# to $\frac{\lambda}{2}$.) Then the same $\lambda$
# regularizes less when there is more data, which is sensible: more data is itself a
# remedy. Section 5 converts between the two conventions. The $\frac12$ is there only to
# make the derivative tidy.
#
# **Exercise 1.** Write `l2_penalty(params, lambd, m)`: $\frac{\lambda}{2m}\sum_l
# \|W_l\|_F^2$ over the weights `W1`, …, `WL` of `params` (the dict also holds the biases
# `b1`, …, which are **not** included). Return a float.

# %% nbgrader={"grade": false, "grade_id": "l2_penalty", "locked": false, "schema_version": 3, "solution": true, "task": false}
def l2_penalty(params, lambd, m):
    """The L2 term (λ/(2m)) Σ_l ||W_l||² of the cost, biases excluded.

    params: {"W1": (n1, n0), "b1": (n1, 1), ..., "WL", "bL"}; lambd: λ >= 0; m: examples.
    Returns a float.
    """
    ### BEGIN SOLUTION
    L = len(params) // 2
    total = 0.0
    for l in range(1, L + 1):
        total += np.sum(np.square(params[f"W{l}"]))
    return float(lambd / (2 * m) * total)
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_l2_penalty", "locked": true, "points": 3, "schema_version": 3, "solution": false, "task": false}
### BEGIN HIDDEN TESTS
from autograder.lessons import lesson07
lesson07.check_l2_penalty(l2_penalty)
### END HIDDEN TESTS
# Visible checks run now; hidden checks with new random networks run when you are graded.
demo_params = {"W1": np.array([[1.0, -2.0], [0.0, 3.0]]), "b1": np.array([[5.0], [-5.0]]),
               "W2": np.array([[2.0, 1.0]]), "b2": np.array([[7.0]])}
penalty = l2_penalty(demo_params, 2.0, 4)
assert abs(penalty - 4.75) < 1e-12, \
    f"Σ‖W‖² = 14 + 5 = 19, times λ/(2m) = 2/8 gives 4.75, not {penalty}" + \
    (" (the biases are not regularized)" if abs(penalty - 29.5) < 1e-9 else "")
assert l2_penalty(demo_params, 0.0, 4) == 0, "λ = 0 switches the penalty off"

# %% [markdown]
# `nnlib.mlp.mlp_cost` uses the same convention, so the penalty is exactly the difference
# between its regularized and unregularized cost. Here it is for the overfitted network:

# %% nbgrader={"grade": false, "grade_id": "penalty_vs_nnlib", "locked": true, "schema_version": 3, "solution": false, "task": false}
AL0 = predict_proba(run0.params, X_train)
m_train = X_train.shape[1]
for lambd in (0.1, 1.0):
    library = mlp.mlp_cost(AL0, Y_train, run0.params, lambd) - mlp.mlp_cost(AL0, Y_train,
                                                                             run0.params)
    print(f"λ = {lambd}: your penalty {l2_penalty(run0.params, lambd, m_train):.6f}, "
          f"nnlib's {library:.6f}")

# %% [markdown]
# ## 4. The gradient of the penalty
#
# The penalty is a sum of squares of single weights, and each weight $w$ appears in
# exactly one term, $\frac{\lambda}{2m}w^2$, whose derivative is $\frac{\lambda}{m}w$. So
#
# $$\frac{\partial J}{\partial W_l} = \frac{\partial J_0}{\partial W_l} + \frac{\lambda}{m}W_l ,
# \qquad \frac{\partial J}{\partial b_l} = \frac{\partial J_0}{\partial b_l} .$$
#
# Backpropagation (lesson 03) computes the data part $\frac{\partial J_0}{\partial W_l} =
# \frac1m\Delta_l$; regularization just adds $\frac{\lambda}{m}W_l$ to it, layer by layer,
# and leaves the bias gradients alone. (The slides write $D = \frac1m\Delta +
# \lambda\Theta$: that is the gradient of a cost with penalty $\frac{\lambda}{2}\sum\Theta^2$,
# without the $\frac1m$, although their cost has $\frac{\lambda}{2m}$: the slides mix two
# conventions. Cost and gradient must use the same convention; the exercises of this
# lesson use the course's, $\frac{\lambda}{2m}$ and $\frac{\lambda}{m}$.)
#
# **Exercise 2.** Write `l2_grads(grads, params, lambd, m)`: add $\frac{\lambda}{m}W_l$ to
# every `grads["dWl"]`, leave every `grads["dbl"]` as it is, and return the dict. You may
# update `grads` in place or build a new dict.

# %% nbgrader={"grade": false, "grade_id": "l2_grads", "locked": false, "schema_version": 3, "solution": true, "task": false}
def l2_grads(grads, params, lambd, m):
    """Add the gradient of the L2 penalty, (λ/m) W_l, to every dW_l; keep every db_l.

    grads: {"dW1": (n1, n0), "db1": (n1, 1), ...}, the gradients of the cross-entropy.
    params: the matching {"W1", "b1", ...}. Returns the gradients of the regularized cost.
    """
    ### BEGIN SOLUTION
    L = len(params) // 2
    for l in range(1, L + 1):
        grads[f"dW{l}"] = grads[f"dW{l}"] + (lambd / m) * params[f"W{l}"]
    return grads
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_l2_grads", "locked": true, "points": 3, "schema_version": 3, "solution": false, "task": false}
### BEGIN HIDDEN TESTS
from autograder.lessons import lesson07
lesson07.check_l2_grads(l2_grads)
### END HIDDEN TESTS
demo_params = {"W1": np.array([[1.0, -2.0], [0.0, 3.0]]), "b1": np.array([[5.0], [-5.0]]),
               "W2": np.array([[2.0, 1.0]]), "b2": np.array([[7.0]])}
demo_grads = {"dW1": np.full((2, 2), 0.1), "db1": np.array([[0.5], [0.5]]),
              "dW2": np.array([[0.2, -0.2]]), "db2": np.array([[0.3]])}
new = l2_grads({key: value.copy() for key, value in demo_grads.items()}, demo_params, 2.0, 4)
assert new is not None, "return the grads dict"
assert np.allclose(new["dW1"], [[0.6, -0.9], [0.1, 1.6]]), \
    f"dW1 + (λ/m)·W1 with λ/m = 2/4 is [[0.6, -0.9], [0.1, 1.6]], not {new['dW1'].tolist()}"
assert np.allclose(new["dW2"], [[1.2, 0.3]]), "every layer's weights get the term, W2 too"
assert np.array_equal(new["db1"], demo_grads["db1"]) and \
    np.array_equal(new["db2"], demo_grads["db2"]), "the bias gradients stay as they are"

# %% [markdown]
# Lesson 04's advice: check a new gradient numerically. On a small network with random
# weights *and* biases (so that a regularized bias would show), the derivative of
# $J_0 + $ `l2_penalty` by central differences must match `nnlib`'s backprop of $J_0$
# plus your `l2_grads`.

# %% nbgrader={"grade": false, "grade_id": "gradient_check", "locked": true, "schema_version": 3, "solution": false, "task": false}
X_small, Y_small = data.classes_2d(7, rng, kind="moons", noise=NOISE)
small = mlp.init_params([2, 4, 3, 1], rng)
for l in (1, 2, 3):
    small[f"b{l}"] = rng.normal(0.0, 0.5, small[f"b{l}"].shape)
lambd_check, m_small = 0.7, X_small.shape[1]


def regularized_cost(params):
    """J0 (nnlib, λ = 0) plus your l2_penalty: the function whose gradient we check."""
    AL = predict_proba(params, X_small)
    return mlp.mlp_cost(AL, Y_small, params) + l2_penalty(params, lambd_check, m_small)


_, data_grads = mlp.loss_and_grads(X_small, Y_small, small, hidden=HIDDEN)
analytic = l2_grads(data_grads, small, lambd_check, m_small)
numerical = numerical_param_grads(regularized_cost, small)
for key in sorted(numerical):
    print(f"{key}: relative error {rel_error(analytic[key], numerical[key]):.1e}")

# %% [markdown]
# Relative errors around $10^{-9}$ or below, for every weight *and* bias gradient: the
# penalty and its gradient agree (lesson 04's threshold is $10^{-7}$).
#
# ## 5. Weight decay
#
# Put the regularized gradient into one step of gradient descent and collect the terms
# in $W_l$:
#
# $$W_l \leftarrow W_l - \alpha\Big(\frac{\partial J_0}{\partial W_l} + \frac{\lambda}{m}W_l\Big)
#   = \Big(1 - \frac{\alpha\lambda}{m}\Big)W_l - \alpha\,\frac{\partial J_0}{\partial W_l}.$$
#
# Every step first **shrinks** the weights by a constant factor slightly below 1, then
# takes the ordinary gradient step of the unregularized cost. This is why L2
# regularization is also called **weight decay**. The slides write the penalty as
# $\frac{\lambda}{2}\|w\|^2$ (no $\frac1m$), and then the same step reads
#
# $$w \leftarrow (1 - \alpha\lambda)\,w - \alpha\,\frac{\partial J}{\partial w},$$
#
# where $\frac{\partial J}{\partial w}$ is the gradient of the **unregularized** cost. The
# two are the same update with $\lambda_{\text{slides}} = \lambda/m$: in the course's
# convention the decay factor is $1 - \alpha\lambda/m$ (Andrew Ng's ML course writes
# $\theta_j(1 - \alpha\frac{\lambda}{m})$). With $\alpha = 1$, $\lambda = 1$ and $m = 50$
# the weights shrink by 2 % per step before the gradient acts. The factor must stay in
# $(0, 1)$, i.e. $\alpha\lambda_{\text{slides}} < 1$.
#
# For plain gradient descent, "add $\frac{\lambda}{m}W$ to the gradient" and "decay the
# weights" are the same thing. For adaptive optimizers such as Adam they are not, and
# *decoupled* weight decay (AdamW, Loshchilov & Hutter, 2019) uses the decay form.
#
# **Exercise 3.** Write `weight_decay_update(W, dW, learning_rate, lambd)`, the slides'
# form $(1 - \alpha\lambda)\,W - \alpha\,dW$, for one weight matrix `W` and the gradient
# `dW` of the unregularized cost. Use array operations, no loops over entries: the
# sweep of section 7 calls it 42,000 times. (The `train` function above calls it with
# `lambd / m`.)

# %% nbgrader={"grade": false, "grade_id": "weight_decay_update", "locked": false, "schema_version": 3, "solution": true, "task": false}
def weight_decay_update(W, dW, learning_rate, lambd):
    """One weight-decay step (1 − αλ) W − α dW; W and dW have the same shape.

    dW is the gradient of the cost without the penalty. Returns the new W.
    """
    ### BEGIN SOLUTION
    shrink = 1.0 - learning_rate * lambd
    return shrink * W - learning_rate * dW
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_weight_decay_update", "locked": true, "points": 3, "schema_version": 3, "solution": false, "task": false}
### BEGIN HIDDEN TESTS
from autograder.lessons import lesson07
lesson07.check_weight_decay_update(weight_decay_update)
### END HIDDEN TESTS
W_demo, dW_demo = np.array([[1.0, -2.0]]), np.array([[0.5, 0.5]])
W_new = weight_decay_update(W_demo.copy(), dW_demo.copy(), 0.1, 2.0)
assert np.allclose(W_new, [[0.75, -1.65]]), \
    f"(1 − 0.1·2)·W − 0.1·dW = 0.8·W − 0.05 = [[0.75, -1.65]], not {np.asarray(W_new).tolist()}"
assert np.allclose(weight_decay_update(W_demo.copy(), dW_demo.copy(), 0.1, 0.0),
                   [[0.95, -2.05]]), "with λ = 0 it is a plain gradient step W − α·dW"

# %% [markdown]
# Both forms in code: one step with your `l2_grads` followed by a plain gradient step,
# and one step of your `weight_decay_update` with $\lambda_{\text{slides}} = \lambda/m$,
# give the same weights.

# %% nbgrader={"grade": false, "grade_id": "decay_equivalence", "locked": true, "schema_version": 3, "solution": false, "task": false}
lambd_demo, alpha_demo = 0.7, 0.5
_, data_grads = mlp.loss_and_grads(X_small, Y_small, small, hidden=HIDDEN)
data_dW1 = data_grads["dW1"].copy()
reg_grads = l2_grads(data_grads, small, lambd_demo, m_small)
via_gradient = small["W1"] - alpha_demo * reg_grads["dW1"]
via_decay = weight_decay_update(small["W1"], data_dW1, alpha_demo, lambd_demo / m_small)
print(f"decay factor 1 − αλ/m = {1 - alpha_demo * lambd_demo / m_small:.4f}; largest "
      f"difference between the two updates: {np.max(np.abs(via_gradient - via_decay)):.1e}")

# %% [markdown]
# ### Question: the decay factor
#
# A network is trained with the course's cost $J = J_0 + \frac{\lambda}{2m}\sum_l
# \lVert W_l\rVert^2$, with $\lambda = 5$, $m = 50$ examples and learning rate
# $\alpha = 0.1$.
#
# **Question 1.** Set `answer_decay_factor` to the factor by which each gradient step
# multiplies the weights before it subtracts $\alpha\,\partial J_0/\partial W_l$, a number.
# Four significant digits are enough: the check allows a relative difference of 0.01 %
# (the factor is close to 1, so a coarser check would accept the wrong factors too).

# %% nbgrader={"grade": false, "grade_id": "answer_decay_factor", "locked": false, "schema_version": 3, "solution": true, "task": false}
# Set answer_decay_factor to the factor that multiplies the weights: a number.
### BEGIN SOLUTION
answer_decay_factor = 1 - 0.1 * 5 / 50
### END SOLUTION

# %% nbgrader={"grade": true, "grade_id": "test_answer_decay_factor", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
### BEGIN HIDDEN TESTS
from autograder.lessons import lesson07
lesson07.check_answer_decay_factor(answer_decay_factor)
### END HIDDEN TESTS
assert not isinstance(answer_decay_factor, (str, bool)) and np.size(answer_decay_factor) == 1, \
    "answer_decay_factor is one number"

# %% [markdown]
# ## 6. Why the biases are left out
#
# - **They do not make the function wiggly.** A weight multiplies an input, so a large
#   weight makes a unit's output change steeply with that input, which is what sharp
#   bends in the boundary are made of. A bias multiplies the constant 1: it only shifts
#   where a unit switches on, without making anything steeper.
# - **There are few of them.** One per unit, against one per connection: the network of
#   this lesson has 101 biases and 2,650 weights. Biases alone cannot fit much noise.
# - **Penalizing them can hurt.** Shrinking a bias towards 0 moves the unit's threshold
#   towards the origin for no reason. The output bias, for instance, sets the base rate:
#   with 90 % of examples in class 1, the output must be about $\sigma(b) = 0.9$ when the
#   inputs say nothing, i.e. $b = \log 9 \approx 2.2$, and a penalty would pull that
#   prediction towards 0.5.
#
# In practice, adding the biases to the penalty usually makes little difference, since
# they are so few (Andrew Ng's deep-learning course makes the same remark); the
# convention, here and in the graders, is weights only.

# %% nbgrader={"grade": false, "grade_id": "count_parameters", "locked": true, "schema_version": 3, "solution": false, "task": false}
n_weights = sum(params0[f"W{l}"].size for l in range(1, len(LAYER_DIMS)))
n_biases = sum(params0[f"b{l}"].size for l in range(1, len(LAYER_DIMS)))
print(f"{n_weights} weights, {n_biases} biases; base-rate bias for 90 %: {np.log(9):.2f}")

# %% [markdown]
# ## 7. Choosing λ on a validation set
#
# $\lambda$ is a **hyper-parameter**: gradient descent cannot learn it, since the training
# cost is always lowest at $\lambda = 0$. We train one network per value of $\lambda$ (all
# from the same initial weights, with your `weight_decay_update`), measure each on the
# **validation** set, and keep the best. Ties go to the larger $\lambda$, the simpler model.
#
# The test set plays no part in this choice. Had we picked $\lambda$ by test accuracy,
# that accuracy would be an optimistic estimate: we would have tuned on it. The proper
# recipe is: fit weights on the training set, choose hyper-parameters on the validation
# set, and report the test accuracy **once**, for the final model.

# %% nbgrader={"grade": false, "grade_id": "sweep", "locked": true, "schema_version": 3, "solution": false, "task": false}
LAMBDAS = [0.0, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0]
runs = [run0] + train(LAMBDAS[1:], weight_decay_update)  # λ = 0 is run0
best = max(runs, key=lambda run: (run.val_acc, run.lambd))  # ties: the larger λ
for run in runs:
    print(f"λ = {run.lambd:<5g} training {run.train_acc:6.1%}   validation {run.val_acc:6.1%}"
          + ("   <- chosen" if run is best else ""))

# %% nbgrader={"grade": false, "grade_id": "sweep_plot", "locked": true, "schema_version": 3, "solution": false, "task": false}
plot_lambda_sweep(runs, chosen=best.lambd)
plt.show()

# %% [markdown]
# *Figure 2. Training (circles) and validation (squares) accuracy of one network per
# $\lambda$; the horizontal axis is linear near 0 and logarithmic beyond, so $\lambda = 0$
# appears. The dotted line marks the $\lambda$ with the best validation accuracy.*
#
# Read the plot from left to right: at small $\lambda$ the training accuracy is high and
# the validation accuracy lower (overfitting, high variance); as $\lambda$ grows the two
# approach each other; at the largest $\lambda$ both fall (underfitting, high bias: the
# weights are held so small that the network cannot even fit the moons).

# %% nbgrader={"grade": false, "grade_id": "boundaries_plot", "locked": true, "schema_version": 3, "solution": false, "task": false}
strong = runs[LAMBDAS.index(3.0)]
plot_boundaries([runs[0], best, strong], predict_proba, X_train, Y_train)
plt.show()

# %% [markdown]
# *Figure 3. Decision boundaries over the training points for $\lambda = 0$ (left), the
# chosen $\lambda$ (middle) and a strong penalty, $\lambda = 3$ (right). Each title gives
# the training and validation accuracy. (At $\lambda = 10$ the weights are held so close
# to zero that the network predicts one class everywhere: 50 %.)*

# %% nbgrader={"grade": false, "grade_id": "weights_plot", "locked": true, "schema_version": 3, "solution": false, "task": false}
plot_weight_histograms([runs[0], best, strong])
plt.show()

# %% [markdown]
# *Figure 4. Histograms of all 2,650 weights of the three networks of Figure 3
# (logarithmic count axis). The decay pulls the weights towards zero: the larger
# $\lambda$, the narrower the histogram.*
#
# **L2 makes weights small, not zero.** The slides say that a large $\lambda$ favours small
# weights "with as many exact zeros as possible", forcing useless parameters to 0. That
# is the behaviour of a different penalty, **L1**, $\lambda\sum|w|$. The L2 decay
# multiplies each weight by a factor below 1, so a weight gets closer and closer to 0 but
# never reaches it. The slope of the L1 penalty is $\lambda\,\mathrm{sign}(w)$, the same
# size for small and large weights, so each step subtracts a constant from $|w|$, and a
# weight whose data gradient is weak lands exactly on 0 and stays there. The cell counts
# the exact zeros among the trained weights of Figure 4, and compares 100 steps of the
# two penalties alone (no data term) on five weights.

# %% nbgrader={"grade": false, "grade_id": "l1_vs_l2", "locked": true, "schema_version": 3, "solution": false, "task": false}
for run in (runs[0], best, strong):
    n_zero = sum(int(np.sum(v == 0.0)) for k, v in run.params.items() if k.startswith("W"))
    print(f"λ = {run.lambd:g}: {n_zero} of the weights are exactly 0")

w_start = np.array([0.8, -0.3, 0.05, -0.01, 0.4])
alpha_p, lambd_p = 0.1, 0.5
w_l2, w_l1 = w_start.copy(), w_start.copy()
for _ in range(100):
    w_l2 = (1 - alpha_p * lambd_p) * w_l2                              # L2: shrink by 5 %
    w_l1 = np.sign(w_l1) * np.maximum(np.abs(w_l1) - alpha_p * lambd_p, 0.0)  # L1: minus 0.05, stop at 0
print("after 100 steps of the L2 penalty alone:", w_l2)
print("after 100 steps of the L1 penalty alone:", w_l1)

# %% [markdown]
# L2 leaves every weight non-zero (about 0.6 % of its start); L1 sets all five to exactly
# 0 after at most 16 steps. With a data term, L1 keeps only the weights whose data
# gradient is stronger than $\lambda$ and zeroes the others; L2 keeps all of them, small.
#
# Finally, the test set, once: the chosen model against the unregularized one.

# %% nbgrader={"grade": false, "grade_id": "test_report", "locked": true, "schema_version": 3, "solution": false, "task": false}
for label, run in (("λ = 0", runs[0]), (f"chosen λ = {best.lambd:g}", best)):
    print(f"{label:<16} test accuracy {accuracy(run.params, X_test, Y_test):.1%} "
          f"on {X_test.shape[1]} new points")

# %% [markdown]
# ### Question: which λ?
#
# Another data set. Four networks, trained with four values of $\lambda$, score:
#
# | $\lambda$ | training accuracy | validation accuracy | test accuracy |
# |---|---|---|---|
# | 0 | 100 % | 85 % | 84 % |
# | 0.1 | 99 % | 90 % | 91 % |
# | 1 | 95 % | 91 % | 89 % |
# | 10 | 80 % | 78 % | 77 % |
#
# Which $\lambda$ should we choose, and which accuracy do we report for it?
#
# - (a) $\lambda = 0$: it fits the training set best.
# - (b) $\lambda = 0.1$: it has the best test accuracy, 91 %.
# - (c) $\lambda = 1$: it has the best validation accuracy; we report its test accuracy, 89 %.
# - (d) $\lambda = 10$: the largest $\lambda$ gives the simplest model.
#
# **Question 2.** Set `answer_choose_lambda` to `"a"`, `"b"`, `"c"` or `"d"`.

# %% nbgrader={"grade": false, "grade_id": "answer_choose_lambda", "locked": false, "schema_version": 3, "solution": true, "task": false}
# Set answer_choose_lambda to "a", "b", "c" or "d".
### BEGIN SOLUTION
answer_choose_lambda = "c"
### END SOLUTION

# %% nbgrader={"grade": true, "grade_id": "test_answer_choose_lambda", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
### BEGIN HIDDEN TESTS
from autograder.lessons import lesson07
lesson07.check_answer_choose_lambda(answer_choose_lambda)
### END HIDDEN TESTS
assert str(answer_choose_lambda).strip().strip("()").lower() in ("a", "b", "c", "d"), \
    'answer with one of "a", "b", "c", "d"'

# %% [markdown]
# ## 8. Explore it yourself
#
# The slider walks through the precomputed sweep (nothing is retrained, so it is
# instant). For each $\lambda$ you see the decision boundary, where that $\lambda$ sits on
# the accuracy curves of Figure 2, and the training and validation cost during training.
# Watch the validation cost: for small $\lambda$ it rises while the training cost falls.

# %% nbgrader={"grade": false, "grade_id": "explorer", "locked": true, "schema_version": 3, "solution": false, "task": false}
lambda_explorer(runs, predict_proba, X_train, Y_train, chosen=best.lambd)

# %% [markdown]
# *Figure 5 (interactive). Left: the decision boundary for the $\lambda$ on the slider.
# Middle: training and validation accuracy against $\lambda$, the slider's value circled.
# Right: training and validation cross-entropy during training with that $\lambda$.*
#
# ## Where the sources differ
#
# - **Slides, "as many exact zeros as possible".** That describes L1, not L2 (section 7
#   shows the difference in code). L2 shrinks weights towards 0 but does not zero them.
# - **Slides, $\lambda$.** The slides write the L2 penalty as $\frac{\lambda}{2}\|w\|^2$,
#   but their cost function for networks has $\frac{\lambda}{2m}$. We use $\frac{\lambda}{2m}$
#   throughout and convert: $\lambda_{\text{slides}} = \lambda/m$.
# - **Slides, "only the most important weights remain".** With L2 all weights remain,
#   smaller; the ones the data need most stay largest.
#
# ## Summary
#
# - **Overfitting**: the training accuracy is high and the held-out accuracy much lower;
#   the model has fitted the noise of its training sample.
# - Remedies: **more data**, a **smaller model**, **regularization**.
# - L2 regularization adds $\frac{\lambda}{2m}\sum_l\|W_l\|_F^2$ to the cost, weights only;
#   its gradient adds $\frac{\lambda}{m}W_l$ to each $\frac{\partial J_0}{\partial W_l}$ and
#   nothing to the bias gradients.
# - In a gradient step this is **weight decay**: $W \leftarrow (1-\alpha\lambda)W -
#   \alpha\,\frac{\partial J_0}{\partial W}$ in the slides' form, where
#   $\lambda_{\text{slides}} = \lambda/m$ in the course's.
# - Biases are left out: they do not make the function steeper, there are few of them,
#   and penalizing them can bias the predictions.
# - $\lambda$ is chosen on a **validation** set; the test set is used once, for the report.
#
# ## Check yourself
#
# 1. A network scores 100 % on its training set and 78 % on a validation set. What is
#    happening, and what are three things you could do about it?
#
#    <details><summary>Answer</summary>
#
#    It overfits: it has learned the noise of its training sample. Get more training data
#    (or augment it), use a smaller model (fewer hidden units or layers), or regularize
#    (L2 with a $\lambda$ chosen on the validation set, dropout, early stopping).
#
#    </details>
#
# 2. In the course's convention, what happens to the strength of the penalty relative to
#    the data term when you double the training set and keep $\lambda$? Is that sensible?
#
#    <details><summary>Answer</summary>
#
#    The data term is a mean, so its size does not change; the penalty
#    $\frac{\lambda}{2m}\sum\|W\|^2$ halves. Relative to the data, regularization gets half
#    as strong. That is sensible: more data is itself a remedy against overfitting, so
#    less penalty is needed.
#
#    </details>
#
# 3. With $\alpha = 0.1$ and $\lambda_{\text{slides}} = 0.5$, by what factor does each step
#    shrink the weights before the gradient acts? What goes wrong if $\alpha\lambda > 1$?
#
#    <details><summary>Answer</summary>
#
#    By $1 - \alpha\lambda = 1 - 0.05 = 0.95$: 5 % per step. If $\alpha\lambda > 1$ the factor is
#    negative, so every step flips the sign of every weight (and for $\alpha\lambda > 2$ the
#    weights even grow in size): the decay no longer shrinks towards 0, it oscillates.
#
#    </details>
#
# 4. Why is $\frac{\partial}{\partial W}\frac{\lambda}{2m}\|W\|_F^2 = \frac{\lambda}{m}W$
#    and not $\frac{\lambda}{2m}W$ or $\frac{2\lambda}{m}W$?
#
#    <details><summary>Answer</summary>
#
#    Each weight $w$ appears in exactly one term, $\frac{\lambda}{2m}w^2$, whose derivative
#    is $\frac{\lambda}{2m}\cdot 2w = \frac{\lambda}{m}w$. The $\frac12$ is there precisely to
#    cancel the 2 of the square: forgetting the 2 gives $\frac{\lambda}{2m}W$, forgetting the
#    $\frac12$ gives $\frac{2\lambda}{m}W$.
#
#    </details>
#
# 5. Why may the output bias of a classifier for a rare disease not be penalized?
#
#    <details><summary>Answer</summary>
#
#    With a rare disease, the right output for a typical patient is a small probability,
#    say 1 %, which needs a strongly negative output bias ($\sigma(b) = 0.01$ gives
#    $b \approx -4.6$). A penalty would pull that bias towards 0, that is towards
#    $\sigma(0) = 50$ %, and bias every prediction towards "ill". The bias sets the base
#    rate; it does not make the function steeper.
#
#    </details>
#
# 6. Why must $\lambda$ not be chosen by test accuracy? What does a very large $\lambda$
#    do to the decision boundary, and why?
#
#    <details><summary>Answer</summary>
#
#    A $\lambda$ chosen by test accuracy is fitted to the test set, so the test accuracy of
#    that model is too optimistic: it no longer estimates the accuracy on new data. Choose
#    $\lambda$ on the validation set and use the test set once. A very large $\lambda$ pushes
#    all weights towards 0: the units work near $z = 0$, almost linearly, so the boundary
#    becomes nearly straight; when the weights are almost 0, the network predicts nearly
#    the same for every input (one class everywhere, as at $\lambda = 10$): it underfits.
#
#    </details>
#
# ## Check your code
#
# Working on your own? In a new cell, `from nnlib.selfcheck import check;
# check(l2_penalty)` runs one of your graded functions on the lesson's public test cases
# (fixed inputs and the outputs they must give) and, when an answer is wrong, names the
# mistake it matches in the hidden tests' words. It works offline and never shows
# reference code; the hidden tests grade on other, random cases. This lesson's graded
# functions are `l2_penalty`, `l2_grads` and `weight_decay_update`.

# %% [markdown]
# ## Sources
#
# This lesson draws on:
#
# - K. Teachasrisaksakul, slides "8.2 Neural Network (Part 3): Learning" (in Thai), part
#   "avoiding overfitting": neural networks as universal approximators, overfitting as
#   high training and much lower test accuracy, the three remedies, the L2 penalty
#   $J + \frac{\lambda}{2}w^{\mathsf T}w$ and the update $(1 - \alpha\lambda)w -
#   \alpha\,\partial J/\partial w$ ("weight decay"), and, in their first part, the cost
#   with $\frac{\lambda}{2m}$ and the gradient $D = \frac1m\Delta + \lambda\Theta$.
#
# Other references: Andrew Ng's machine-learning course (Coursera), which the slides
# cite; Cybenko (1989) and Hornik (1991) for universal approximation.
