# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # Lesson 03 — Delta recurrences
#
# Lesson 02 followed the chain rule through a chain of single neurons. Real networks have
# many units per layer and many examples per batch, and writing the chain rule out weight
# by weight no longer works. This lesson introduces one number per unit, its **error**
# $\delta$, from which every gradient of the network follows, and a recurrence that
# computes all the $\delta$s in one backward sweep: **backpropagation**.
#
# The name is short for "the **backward propagation of errors**": the error is computed at
# the output and passed back, layer by layer, to the input. The method was found several
# times, starting in the early 1960s (in control theory). Paul Werbos first proposed it
# for training neural networks, in his 1974 PhD thesis, and Rumelhart, Hinton and
# Williams made it widely known in 1986.
#
# **By the end of this lesson you can**
# 1. describe, before any formula, what each output unit "wishes" for one example and how
#    a hidden unit adds up those wishes;
# 2. say what $\delta_j^{(l)}$, "the error of node $j$ in layer $l$", means, and derive
#    $\delta^{(L)} = a^{(L)} - y$ for sigmoid outputs with the cross-entropy cost;
# 3. derive and use the recurrence
#    $\delta^{(l)} = (W_{l+1})^{\mathsf T}\delta^{(l+1)} \odot g'(z^{(l)})$, and say why the
#    input layer has no $\delta$;
# 4. run backpropagation one example at a time with accumulators
#    $\Delta_l \leftarrow \Delta_l + \delta^{(l)}(a^{(l-1)})^{\mathsf T}$ and
#    $D = \Delta/m + \text{regularization}$, then vectorised over the batch, and show that
#    both give the same gradient;
# 5. connect the slides' bias-unit form $\Theta^{(l)} = [\,b_l\;\; W_l\,]$ to ours;
# 6. train a 64–25–10 network on handwritten digits with your own code.
#
# You will write four functions, `forward`, `cost`, `backprop_loop` and `backprop`, and
# answer two questions in code. Each is followed by a test cell: the visible checks run in
# the notebook, and hidden checks with fresh random networks run when your work is graded.

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
# | $g(z) = 1/(1+e^{-z})$ | the sigmoid; $g'(z) = a(1-a)$ | `sigmoid` |
# | $\delta^{(l)}$ | error of the units of layer $l$, $\partial J/\partial z^{(l)}$ | `dZ` |
# | $\lambda$ | regularization strength | `lambd` |
# | $\odot$ | elementwise product | `*` |
#
# Examples are **columns**: `X` has shape `(n_0, m)`, `Y` has shape `(n_L, m)`.
# Parameters live in a dict `params` with keys `"W1", "b1", …`, and their gradients use
# the same keys with a `d` prefix (`"dW1"`). Numbers are NumPy float64, and randomness
# always comes from an explicit generator `rng`.
#
# **Lesson 02 and the slides wrote things differently.** Lesson 02 (after 3Blue1Brown)
# wrote $w^{(l)}$ and the cost of one example $C_0$; here the weights are matrices $W_l$ and
# the cost of example $i$ is $J^{(i)}$. The slides "8.2 Neural Network (Part 3): Learning"
# count the input as layer 1, so their 4-layer network (input, two hidden layers, output)
# has $L = 4$, and ours has $L = 3$ weight layers. The slides write $s_l$ for our $n_l$
# (units in a layer, bias not counted), $\Theta^{(l)}$ for the weights leaving their layer
# $l$ (our $W_{l}$ enters our layer $l$, section 5), $h_\Theta(x)$ for our $a^{(L)}$, and
# $K$ for the number of output units, as we do.

# %% nbgrader={"grade": false, "grade_id": "setup", "locked": true, "schema_version": 3, "solution": false, "task": false}
import numpy as np
import matplotlib.pyplot as plt

from nnlib import data, deltas, plotting
from nnlib.activations import sigmoid
from nnlib.gradcheck import numerical_grad, numerical_param_grads, rel_error

rng = np.random.default_rng(2003)

# %% [markdown]
# ## The picture first: every output has wishes
#
# In lesson 02 a single output wished to move towards its target (3Blue1Brown's picture).
# A classifier has one output unit per class. The slides' running example recognises four
# kinds of road user (pedestrian, car, motorcycle, truck) with four sigmoid outputs. Show
# it a picture of a car: the "car" output should go to 1, the three others to 0.
#
# - Each output **wishes** to move towards its target, by an amount proportional to how
#   far it is: $-(a_k - y_k)$ (left panel below). The wrong outputs wish to go down, the
#   right one to go up.
# - A hidden unit $j$ feeds every output. Output $k$ wishes the hidden unit to go **up**
#   if the weight from $j$ to $k$ is positive and $k$ should grow, or if the weight is
#   negative and $k$ should shrink; otherwise down. Its wish is the weight times its own
#   wish, $-w_{kj}(a_k - y_k)$ (right panel).
# - The hidden unit cannot follow every wish. It **adds them up**, and the sum (black
#   bar) is what it "should" do. It passes its own wishes to the layer before in the same
#   way, and so on back to the input.
#
# The network below is small and untrained (6 inputs, 5 hidden units, 4 outputs); the
# input stands in for the features of one picture of a car. The rest of this lesson turns
# the picture into exact formulas: the negative of a unit's summed wish, corrected for the
# slope of its activation, is its **error** $\delta$.

# %% nbgrader={"grade": false, "grade_id": "wishes_plot", "locked": true, "schema_version": 3, "solution": false, "task": false}
rng_wishes = np.random.default_rng(3)  # its own generator: the rest of the lesson is unchanged
W1_w = rng_wishes.standard_normal((5, 6)) / np.sqrt(6)
W2_w = rng_wishes.standard_normal((4, 5)) * 1.5 / np.sqrt(5)
x_w = rng_wishes.standard_normal((6, 1))
y_w = data.one_hot([1], 4)                        # the true class is "car"
a1_w = sigmoid(W1_w @ x_w)
a2_w = sigmoid(W2_w @ a1_w)
summed = -(W2_w.T @ (a2_w - y_w)).ravel()         # one summed wish per hidden unit
unit = int(np.argmax(np.abs(summed)))
deltas.draw_wishes(a2_w, y_w, W2_w, hidden=unit,
                   class_names=["pedestrian", "car", "motorcycle", "truck"])
plt.show()
print("summed wish of each hidden unit:", np.round(summed, 3))

# %% [markdown]
# *Figure 1. Left: the four outputs of an untrained network (grey bars) for a picture of a
# car, the one-hot target (black lines), and each output's wish (red arrows): "car" wants
# to go up, the others down, each in proportion to its distance from the target. Right:
# the wish of each output for one hidden unit, its weight to that output times the
# output's wish (green: up, purple: down), and their sum (black), which is what the hidden
# unit passes on.*
#
# ## 1. Forward propagation, keeping what backprop needs
#
# A network with $L$ layers computes, for $l = 1, \ldots, L$,
#
# $$z^{(l)} = W_l\, a^{(l-1)} + b_l, \qquad a^{(l)} = g\!\left(z^{(l)}\right), \qquad
# a^{(0)} = x .$$
#
# With the $m$ examples as the columns of `X`, the same lines process the whole batch at
# once: `Z = W @ A_prev + b` has one column per example (NumPy broadcasts the column `b`).
# Backpropagation will need every $z^{(l)}$ and $a^{(l)}$, so forward propagation keeps them
# in a **cache**.
#
# **Exercise 1.** Write `forward(X, params)` for a network with a sigmoid in **every**
# layer. Return `(AL, cache)`, where `AL` $= a^{(L)}$ and `cache` holds every `Z` and `A`.
# Any container is accepted; we suggest a dict `{"A0": X, "Z1": ..., "A1": ..., ...}`,
# because when your `forward` has a mistake the grader tests your `backprop` with a correct
# `forward` that returns exactly that layout. The number of layers is
# `L = len(params) // 2`. `sigmoid` is imported from `nnlib` in the first cell.

# %% nbgrader={"grade": false, "grade_id": "forward", "locked": false, "schema_version": 3, "solution": true, "task": false}
def forward(X, params):
    """Forward propagation through sigmoid layers.

    X: (n_0, m); params: "W1" (n_1, n_0), "b1" (n_1, 1), ..., "WL", "bL".
    Returns (AL, cache): AL (n_L, m) and a cache holding every Z_l and A_l.
    """
    ### BEGIN SOLUTION
    L = len(params) // 2
    cache = {"A0": X}
    A = X
    for l in range(1, L + 1):
        Z = params[f"W{l}"] @ A + params[f"b{l}"]
        A = sigmoid(Z)
        cache[f"Z{l}"], cache[f"A{l}"] = Z, A
    return A, cache
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_forward", "locked": true, "points": 2, "schema_version": 3, "solution": false, "task": false}
### BEGIN HIDDEN TESTS
from autograder.lessons import lesson03
lesson03.check_forward(forward)
### END HIDDEN TESTS
# Visible checks run now; hidden checks with new random networks run when you are graded.
X_t = rng.standard_normal((3, 4))
p_t = {"W1": rng.standard_normal((2, 3)), "b1": rng.standard_normal((2, 1)),
       "W2": rng.standard_normal((1, 2)), "b2": rng.standard_normal((1, 1))}
AL_t, cache_t = forward(X_t, p_t)
assert np.shape(AL_t) == (1, 4), "AL has one row per output unit and one column per example"
hidden_t = sigmoid(p_t["W1"] @ X_t + p_t["b1"])
assert np.allclose(AL_t, sigmoid(p_t["W2"] @ hidden_t + p_t["b2"])), \
    "AL should be g(W2 g(W1 X + b1) + b2)"
assert cache_t is not None and len(cache_t) > 0, "the cache holds every Z and A"

# %% [markdown]
# ## 2. The cost
#
# Each of the $K = n_L$ output units is a sigmoid that answers one yes/no question, so the
# cost adds up the cross-entropy of every output unit, averages over examples, and adds an
# L2 penalty on the weights (never the biases):
#
# $$J = -\frac{1}{m}\sum_{i=1}^{m}\sum_{k=1}^{K}\Big[y_k^{(i)}\log a_k^{(L)(i)} +
# \big(1-y_k^{(i)}\big)\log\big(1-a_k^{(L)(i)}\big)\Big]
# + \frac{\lambda}{2m}\sum_{l=1}^{L}\lVert W_l\rVert_F^2 .$$
#
# $\lVert W\rVert_F^2$ is the sum of the squares of all entries of $W$.
#
# **Where this cost comes from.** With a single sigmoid output, $\hat y = a^{(L)}$ is read
# as the probability that $y = 1$. The probability that the model gives to the label we
# actually saw is $\hat y$ when $y = 1$ and $1 - \hat y$ when $y = 0$, in one formula
# $\hat y^{\,y}(1 - \hat y)^{1-y}$. Training should make the labels of the data as
# likely as possible: **maximum likelihood**. Maximising a product of such probabilities
# is the same as maximising the sum of their logarithms, and a loss is something we
# minimise, so we **negate** it. That gives the **log loss** (cross-entropy) of one
# example, as on the slides:
#
# $$\mathcal L(\hat y, y) = -\big[\,y\log\hat y + (1-y)\log(1-\hat y)\,\big].$$
#
# With $K = 1$ output and no hidden layer, $J$ is exactly the regularized cost of
# **logistic regression**. The network's cost is its generalisation: a sum over $K$
# outputs, and a penalty over the weights of every layer. The slides' running example
# shows both cases: **binary** classification ($y \in \{0, 1\}$, one output unit) and
# **K classes** ($K$ output units, one-hot targets, section 3).
#
# **Softmax.** The slides also mention the **softmax** output for $K$ classes (Goodfellow
# et al., *Deep Learning*, section 6.2.2.4). Instead of $K$ independent sigmoids, it turns
# the $K$ numbers $z_k$ into probabilities that add up to 1,
# $a_k = e^{z_k} / \sum_{c} e^{z_c}$, and the loss is $-\sum_k y_k\log a_k$ (with a
# one-hot $y$: minus the log of the probability of the true class). This course keeps
# sigmoid outputs. Remarkably, the softmax gives the same output error as the sigmoid,
# $\partial\mathcal L/\partial z = a - y$ (section 3 derives it for the sigmoid); the code
# below checks this numerically.

# %% nbgrader={"grade": false, "grade_id": "softmax_check", "locked": true, "schema_version": 3, "solution": false, "task": false}
def softmax(z):
    """Probabilities e^z_k / sum_c e^z_c of one column z (shifted by max z: no overflow)."""
    e = np.exp(z - z.max())
    return e / e.sum()


z_soft = np.array([[1.2], [-0.3], [2.0], [0.1]])
y_soft = np.array([[0.0], [0.0], [1.0], [0.0]])
softmax_loss = lambda z: -np.sum(y_soft * np.log(softmax(z)))
print("a - y (softmax)   :", np.round((softmax(z_soft) - y_soft).ravel(), 8))
print("numerical dL/dz   :", np.round(numerical_grad(softmax_loss, z_soft.copy()).ravel(), 8))
print("outputs add up to :", float(softmax(z_soft).sum()))

# %% [markdown]
# **Exercise 2.** Write `cost(AL, Y, params, lambd)`. Return a float.

# %% nbgrader={"grade": false, "grade_id": "cost", "locked": false, "schema_version": 3, "solution": true, "task": false}
def cost(AL, Y, params, lambd):
    """Cross-entropy of sigmoid outputs plus (lambd / (2m)) times the squared weights.

    AL, Y: (n_L, m); params as for forward; lambd >= 0. Returns a float.
    """
    ### BEGIN SOLUTION
    m = Y.shape[1]
    cross_entropy = -np.sum(Y * np.log(AL) + (1 - Y) * np.log(1 - AL)) / m
    L = len(params) // 2
    penalty = sum(np.sum(params[f"W{l}"] ** 2) for l in range(1, L + 1))
    return float(cross_entropy + lambd / (2 * m) * penalty)
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_cost", "locked": true, "points": 2, "schema_version": 3, "solution": false, "task": false}
### BEGIN HIDDEN TESTS
from autograder.lessons import lesson03
lesson03.check_cost(cost)
### END HIDDEN TESTS
p_c = {"W1": np.array([[1.0, -2.0]]), "b1": np.array([[0.5]])}
AL_c, Y_c = np.array([[0.8, 0.4]]), np.array([[1.0, 0.0]])
J0 = cost(AL_c, Y_c, p_c, 0.0)
assert abs(J0 - (-(np.log(0.8) + np.log(0.6)) / 2)) < 1e-12, \
    "with λ = 0: -(log 0.8 + log(1 - 0.4)) / 2, the mean over the two examples"
penalty_c = cost(AL_c, Y_c, p_c, 3.0) - J0
assert np.isclose(penalty_c, 3.0 / (2 * 2) * 5.0) or np.isclose(penalty_c, 3.0 / 2 * 5.0), \
    "the penalty is (λ/(2m)) Σ W² = (3/4)·5 here; the bias is not penalised"

# %% [markdown]
# ## 3. $\delta$: the error of a unit
#
# How much does the cost of one example change when the pre-activation of unit $j$ in
# layer $l$ moves a little? That sensitivity is the **error of node $j$ in layer $l$**:
#
# $$\delta_j^{(l)} = \frac{\partial J^{(i)}}{\partial z_j^{(l)}},$$
#
# where $J^{(i)}$ is the cost of example $i$ alone, without the penalty. A large
# $|\delta_j^{(l)}|$ says "this unit's input matters a lot for the mistake we are making
# on this example"; its sign says which way $z_j^{(l)}$ should move ($\delta > 0$: down).
# Once we know $\delta$, the gradients of the layer's parameters are one step away,
# because $z^{(l)} = W_l a^{(l-1)} + b_l$ gives $\partial z_j^{(l)}/\partial W_{l,jk} =
# a_k^{(l-1)}$ and $\partial z_j^{(l)}/\partial b_{l,j} = 1$:
#
# $$\frac{\partial J^{(i)}}{\partial W_l} = \delta^{(l)}\big(a^{(l-1)}\big)^{\mathsf T},
# \qquad \frac{\partial J^{(i)}}{\partial b_l} = \delta^{(l)} .$$
#
# ### The output layer: $\delta^{(L)} = a^{(L)} - y$
#
# Take one output unit, drop the indices, and write $a = g(z)$. Its cross-entropy is
# $J = -[\,y\log a + (1-y)\log(1-a)\,]$. By the chain rule
# $\frac{\partial J}{\partial z} = \frac{\partial J}{\partial a}\cdot\frac{da}{dz}$, with
#
# $$\frac{\partial J}{\partial a} = -\frac{y}{a} + \frac{1-y}{1-a}
# = \frac{-y(1-a) + (1-y)a}{a(1-a)} = \frac{a-y}{a(1-a)}, \qquad
# \frac{da}{dz} = g'(z) = a(1-a).$$
#
# The factor $a(1-a)$ cancels:
#
# $$\delta^{(L)} = \frac{\partial J}{\partial z^{(L)}} = a^{(L)} - y .$$
#
# The sigmoid's derivative, which is tiny when a unit saturates, has disappeared: a
# confidently wrong output unit still gets a large error. (With the squared error of
# lesson 02 it would not: there $\delta^{(L)} = 2(a-y)\,a(1-a)$.) Note that
# $\delta_k^{(L)} = a_k - y_k$ is exactly minus the wish of output $k$ in Figure 1. Each output unit
# depends only on its own $z_k$, so the vector form holds unit by unit. Let us check the
# derivation numerically, nudging each $z_k^{(L)}$ of one example.

# %% nbgrader={"grade": false, "grade_id": "delta_L_check", "locked": true, "schema_version": 3, "solution": false, "task": false}
z_L = rng.normal(0.0, 2.0, (4, 1))
y_L = np.array([[0.0], [1.0], [0.0], [0.0]])


def example_cost(z):
    """Cross-entropy of one example as a function of the output pre-activations z."""
    a = sigmoid(z)
    return -np.sum(y_L * np.log(a) + (1 - y_L) * np.log(1 - a))


print("a - y             :", np.round((sigmoid(z_L) - y_L).ravel(), 8))
print("numerical dJ/dz^(L):", np.round(numerical_grad(example_cost, z_L.copy()).ravel(), 8))

# %% [markdown]
# ### A K-class example
#
# The slides' running example recognises four kinds of road user (Figure 1). Its output layer has $K = 4$
# sigmoid units and the targets are **one-hot** columns:
#
# | class | pedestrian | car | motorcycle | truck |
# |---|---|---|---|---|
# | $y^{\mathsf T}$ | $(1,0,0,0)$ | $(0,1,0,0)$ | $(0,0,1,0)$ | $(0,0,0,1)$ |
#
# Below, a small untrained network with 6 inputs, 5 hidden units and 4 outputs looks at
# one (made-up) image of each class. For each example, $\delta^{(L)} = a^{(L)} - y$ is
# negative only on the true class (that output should grow) and positive elsewhere
# (those outputs should shrink).

# %% nbgrader={"grade": false, "grade_id": "k_class", "locked": true, "schema_version": 3, "solution": false, "task": false}
classes = ["pedestrian", "car", "motorcycle", "truck"]
Y_road = data.one_hot([0, 1, 2, 3], 4)          # one column per example
X_road = rng.standard_normal((6, 4))             # stand-ins for 4 image feature vectors
p_road = {"W1": rng.standard_normal((5, 6)) / np.sqrt(6), "b1": np.zeros((5, 1)),
          "W2": rng.standard_normal((4, 5)) / np.sqrt(5), "b2": np.zeros((4, 1))}
AL_road, _ = forward(X_road, p_road)
delta_road = AL_road - Y_road
print("δ^(L) = a^(L) - y; one column per example, headed by its true class")
print(f"{'output unit':>11}  " + "".join(f"{c:>12}" for c in classes))
for k, name in enumerate(classes):
    print(f"{name:>11}  " + "".join(f"{delta_road[k, i]:12.3f}" for i in range(4)))

# %% [markdown]
# ## 4. Hidden layers: the recurrence
#
# A hidden unit $j$ of layer $l$ affects the cost only through the pre-activations
# $z_k^{(l+1)} = \sum_j W_{l+1,kj}\, a_j^{(l)} + b_{l+1,k}$ of **every** unit $k$ of the next
# layer (lesson 02: a neuron feeds every neuron after it). The chain rule sums over
# those paths:
#
# $$\delta_j^{(l)} = \frac{\partial J}{\partial z_j^{(l)}}
# = \sum_{k=1}^{n_{l+1}} \frac{\partial J}{\partial z_k^{(l+1)}}\,
#   \frac{\partial z_k^{(l+1)}}{\partial a_j^{(l)}}\,\frac{\partial a_j^{(l)}}{\partial z_j^{(l)}}
# = \Big(\sum_{k} W_{l+1,kj}\,\delta_k^{(l+1)}\Big)\, g'\big(z_j^{(l)}\big).$$
#
# The sum over $k$ with $W_{l+1,kj}$ is row $j$ of $(W_{l+1})^{\mathsf T}\delta^{(l+1)}$, so
# for the whole layer
#
# $$\boxed{\;\delta^{(l)} = \big(W_{l+1}\big)^{\mathsf T}\delta^{(l+1)} \odot
# g'\big(z^{(l)}\big),\qquad g'\big(z^{(l)}\big) = a^{(l)}\odot\big(1-a^{(l)}\big)\;}$$
#
# Starting from $\delta^{(L)}$, this gives $\delta^{(L-1)}, \ldots, \delta^{(1)}$: the errors
# flow **backwards**, each layer's weights carrying the error of the next layer back to
# the units that fed it. There is **no $\delta^{(0)}$**: the input layer has no weights or
# biases to learn, and $x$ is data, not something the network can change, so nothing
# needs $\partial J/\partial x$.
#
# In the words of Figure 1: $-\sum_k W_{l+1,kj}\delta_k^{(l+1)}$ is the sum of the wishes
# that the units of layer $l+1$ have for unit $j$. Multiplying by $g'(z_j^{(l)})$ turns a
# wished change of the activation into a wished change of $z_j^{(l)}$: a saturated unit
# ($g' \approx 0$) can hardly follow any wish.
#
# **Matrix form.** The slides write the elementwise product with a diagonal matrix:
# $\delta^{(l)} = \operatorname{diag}\big(g'(z^{(l)})\big)\,(W_{l+1})^{\mathsf T}\delta^{(l+1)}$.
# $\operatorname{diag}(v)$ is the square matrix with $v$ on its diagonal and zeros
# elsewhere, and $\operatorname{diag}(v)\,u = v\odot u$: the same formula.
#
# **The long chain, and why we do not write it out.** For a network with $L = 3$, the
# gradient of a first-layer weight, written with the chain rule alone, has seven factors
# and a double sum over the paths from $W_{1,jk}$ to the cost:
#
# $$\frac{\partial J}{\partial W_{1,jk}} = \sum_{q}\sum_{i}
#   \frac{\partial J}{\partial a_q^{(3)}}\,\frac{\partial a_q^{(3)}}{\partial z_q^{(3)}}\,
#   \frac{\partial z_q^{(3)}}{\partial a_i^{(2)}}\,\frac{\partial a_i^{(2)}}{\partial z_i^{(2)}}\,
#   \frac{\partial z_i^{(2)}}{\partial a_j^{(1)}}\,\frac{\partial a_j^{(1)}}{\partial z_j^{(1)}}\,
#   \frac{\partial z_j^{(1)}}{\partial W_{1,jk}} .$$
#
# The first two factors are $\delta_q^{(3)}$; the first four, summed over $q$, are
# $\delta_i^{(2)}$, already computed for the gradient of $W_2$; the first six, summed over
# $q$ and $i$, are $\delta_j^{(1)}$; the last factor is $a_k^{(0)}$. The recurrence computes each prefix
# **once** and reuses it for the layer before. That reuse is what makes backpropagation
# fast. (Section 6 checks the recurrence against numerical derivatives.)
#
# ### Question: two weights are zero
#
# A 2–2–2 network (2 inputs, 2 hidden units, 2 outputs, a sigmoid in both layers) has
#
# $$W_1 = \begin{pmatrix}0.1 & 0.3\\ -0.2 & 0.4\end{pmatrix},\;
# b_1 = \begin{pmatrix}0.1\\ -0.3\end{pmatrix},\qquad
# W_2 = \begin{pmatrix}0 & 0.5\\ 0 & -0.3\end{pmatrix},\;
# b_2 = \begin{pmatrix}0.1\\ -0.1\end{pmatrix}.$$
#
# The two zeros of $W_2$ are the weights **leaving hidden unit 1** (column 1). The example
# is $x = (1, 2)^{\mathsf T}$ with target $y = (1, 0)^{\mathsf T}$, and the cost is the
# cross-entropy above with $\lambda = 0$.
#
# **Question 1.** Compute the hidden layer's error $\delta^{(1)}$ (two numbers) and store
# it in `answer_zero_weights_delta`, as a list or array. You may compute it with NumPy
# (four decimals are enough). Before you do: which of its entries can you predict without
# any arithmetic, and why?

# %% nbgrader={"grade": false, "grade_id": "answer_zero_weights_delta", "locked": false, "schema_version": 3, "solution": true, "task": false}
# Set answer_zero_weights_delta to δ^(1) of the 2–2–2 network above: two numbers.
### BEGIN SOLUTION
x_q, y_q = np.array([[1.0], [2.0]]), np.array([[1.0], [0.0]])
W1_q, b1_q = np.array([[0.1, 0.3], [-0.2, 0.4]]), np.array([[0.1], [-0.3]])
W2_q, b2_q = np.array([[0.0, 0.5], [0.0, -0.3]]), np.array([[0.1], [-0.1]])
a1_q = sigmoid(W1_q @ x_q + b1_q)
delta2_q = sigmoid(W2_q @ a1_q + b2_q) - y_q
answer_zero_weights_delta = (W2_q.T @ delta2_q * a1_q * (1 - a1_q)).ravel()
### END SOLUTION

# %% nbgrader={"grade": true, "grade_id": "test_answer_zero_weights_delta", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
### BEGIN HIDDEN TESTS
from autograder.lessons import lesson03
lesson03.check_answer_zero_weights_delta(answer_zero_weights_delta)
### END HIDDEN TESTS
assert np.size(answer_zero_weights_delta) == 2, "δ^(1) has one entry per hidden unit"

# %% [markdown]
# Hidden unit 1 has $\delta_1^{(1)} = 0$ exactly, whatever the input and target: its
# outgoing weights are zero, so nudging $z_1^{(1)}$ cannot change the output: every term
# of the sum $\sum_k W_{2,k1}\delta_k^{(2)}$ has the factor $W_{2,k1} = 0$. Its incoming
# weights get zero
# gradient for this example too ($\delta_1^{(1)} a^{(0)\mathsf T} = 0$). Hidden unit 2 still
# receives error through its nonzero weights.
#
# **If you hold the slides.** The slides ask a different question with a figure that is
# lost: in their 4-layer network, the two red weights $\Theta_{11}^{(2)}$ and
# $\Theta_{21}^{(2)}$ are 0; what is true of $\delta_1^{(3)}$? With the slides' index rule
# ($\Theta_{ij}^{(l)}$ goes from unit $j$ of layer $l$ to unit $i$ of layer $l+1$), both
# weights **leave unit 1 of layer 2**. So they force $\delta_1^{(2)} = 0$, the case of our
# question. They say nothing about $\delta_1^{(3)} = \Theta_{11}^{(3)}\delta_1^{(4)}
# g'(z_1^{(3)})$, which depends on other weights. By this reading the slides' answer is
# (iv), "not enough information". We could not find the slides' own answer key, so this
# is our derivation, not a quotation. We asked for $\delta$ of the unit whose outgoing
# weights are zero because that is the idea the question is about, and because it has
# an answer you can compute.
#
# ## 5. Backpropagation one example at a time
#
# The slides' algorithm processes the examples one by one and **accumulates** the
# gradient contributions. With $\Delta_l$ for $W_l$ (and $\Delta_{b,l}$ for $b_l$):
#
# 1. Set $\Delta_l = 0$ and $\Delta_{b,l} = 0$ for $l = 1, \ldots, L$.
# 2. For $i = 1, \ldots, m$:
#    1. **FP**: $a^{(0)} = x^{(i)}$; compute $z^{(l)}, a^{(l)}$ for $l = 1, \ldots, L$.
#    2. **BP**: $\delta^{(L)} = a^{(L)} - y^{(i)}$, then
#       $\delta^{(l)} = (W_{l+1})^{\mathsf T}\delta^{(l+1)}\odot a^{(l)}\odot(1-a^{(l)})$
#       for $l = L-1, \ldots, 1$.
#    3. Accumulate: $\Delta_l \leftarrow \Delta_l + \delta^{(l)}\big(a^{(l-1)}\big)^{\mathsf T}$
#       and $\Delta_{b,l} \leftarrow \Delta_{b,l} + \delta^{(l)}$.
# 3. Average and regularize:
#    $D_l = \frac{1}{m}\Delta_l + \frac{\lambda}{m}W_l$ and $D_{b,l} = \frac{1}{m}\Delta_{b,l}$.
#    Then $\partial J/\partial W_l = D_l$ and $\partial J/\partial b_l = D_{b,l}$.
#
# Step 2.2 needs the activations of example $i$, so the BP of an example uses what the FP
# of that same example just computed.
#
# **Numbering.** The slides number the input as layer 1 and calls $\Theta^{(l)}$ the
# weights *leaving* layer $l$, so it writes the accumulator as
# $\Delta^{(l)} \leftarrow \Delta^{(l)} + \delta^{(l+1)}(a^{(l)})^{\mathsf T}$. Here $W_l$ is
# the matrix *entering* layer $l$, and the same update reads
# $\Delta_l \leftarrow \Delta_l + \delta^{(l)}(a^{(l-1)})^{\mathsf T}$: the error of the
# layer a weight feeds, times the activation it reads.
#
# **A note on $\lambda$: the slides mix two conventions.** The slides' cost function has
# the penalty $\frac{\lambda}{2m}\sum\Theta^2$, like ours. But their gradient is
# $D^{(l)} = \frac{1}{m}\Delta^{(l)} + \lambda\Theta^{(l)}$, and $\lambda\Theta$ is the
# derivative of a *different* penalty, $\frac{\lambda}{2}\sum\Theta^2$, with **no**
# $\frac{1}{m}$. So the slides' $J$ and $D$ do not belong together: with their $J$, the
# gradient term is $\frac{\lambda}{m}\Theta$. (Andrew Ng's machine-learning course, which
# these slides follow, has the same slip.) Each convention alone is legitimate: a
# $\lambda$ in the $\frac{\lambda}{2}$ convention equals our $\lambda/m$. What matters is that
# the cost you report and the gradient you descend belong together; with the slides' $J$
# and their $D$, gradient checking (lesson 04) fails. The graders accept either
# convention as long as your `cost` and your gradients agree; this notebook uses
# $\frac{\lambda}{2m}$ and $\frac{\lambda}{m}W$.
#
# **Exercise 3.** Write `backprop_loop(X, Y, params, lambd)` exactly as above: a loop over
# the examples (take column $i$ with `X[:, [i]]`, which keeps it 2-D), accumulators, and
# the division by $m$ at the end. You may call your `forward` on one column. Return a dict
# with keys `"dW1", "db1", …`, each shaped like its parameter.

# %% nbgrader={"grade": false, "grade_id": "backprop_loop", "locked": false, "schema_version": 3, "solution": true, "task": false}
def backprop_loop(X, Y, params, lambd):
    """Gradients of cost(forward(X, params)[0], Y, params, lambd), one example at a time.

    X: (n_0, m), Y: (n_L, m). Returns {"dW1": (n_1, n_0), "db1": (n_1, 1), ...}.
    """
    ### BEGIN SOLUTION
    L = len(params) // 2
    m = X.shape[1]
    Delta = {f"dW{l}": np.zeros_like(params[f"W{l}"]) for l in range(1, L + 1)}
    Delta.update({f"db{l}": np.zeros_like(params[f"b{l}"]) for l in range(1, L + 1)})
    for i in range(m):
        _, cache = forward(X[:, [i]], params)               # FP with example i
        delta = cache[f"A{L}"] - Y[:, [i]]                  # δ^(L) = a^(L) - y
        for l in range(L, 0, -1):                           # BP with example i
            A_prev = cache[f"A{l - 1}"]
            Delta[f"dW{l}"] += delta @ A_prev.T
            Delta[f"db{l}"] += delta
            if l > 1:
                delta = (params[f"W{l}"].T @ delta) * A_prev * (1 - A_prev)
    grads = {}
    for l in range(1, L + 1):
        grads[f"dW{l}"] = Delta[f"dW{l}"] / m + lambd / m * params[f"W{l}"]
        grads[f"db{l}"] = Delta[f"db{l}"] / m
    return grads
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_backprop_loop", "locked": true, "points": 3, "schema_version": 3, "solution": false, "task": false}
### BEGIN HIDDEN TESTS
from autograder.lessons import lesson03
lesson03.check_backprop_loop(backprop_loop)
### END HIDDEN TESTS
# A one-layer network: db1 = mean of (a - y) over the examples, dW1 = (a - y) X^T / m.
# a is the output of your forward (or of a forward pass written inside backprop_loop),
# so these checks test backprop_loop alone.
X_1, Y_1 = rng.standard_normal((3, 4)), np.array([[1.0, 0.0, 0.0, 1.0], [0.0, 0.0, 1.0, 1.0]])
p_1 = {"W1": rng.standard_normal((2, 3)), "b1": rng.standard_normal((2, 1))}
g_1 = backprop_loop(X_1, Y_1, p_1, 0.0)
assert np.shape(g_1["dW1"]) == (2, 3) and np.shape(g_1["db1"]) == (2, 1), \
    "each gradient has the shape of its parameter: dW1 (2, 3), db1 (2, 1)"
errors_1 = [forward(X_1, p_1)[0] - Y_1, sigmoid(p_1["W1"] @ X_1 + p_1["b1"]) - Y_1]
assert any(np.allclose(g_1["db1"], e.mean(axis=1, keepdims=True)) for e in errors_1), \
    "for one layer, db1 = (1/m) Σ_i (a - y): the mean error of each output unit"
assert any(np.allclose(g_1["dW1"], e @ X_1.T / 4) for e in errors_1), \
    "for one layer, dW1 = (1/m) Σ_i (a - y) x^T"

# %% [markdown]
# ### Question: the order of FP and BP
#
# This question comes from the slides, **changed**: we added the premise "one set of
# activations that each forward pass overwrites", reordered the options, and replaced one
# of them. The note after the answer explains why.
#
# We have two training examples $(x_1, y_1)$ and $(x_2, y_2)$ and run the algorithm above,
# with one set of activations $a^{(l)}$ that each forward pass overwrites. Which order of
# operations computes the gradient correctly? (FP = forward propagation, BP = back
# propagation.)
#
# - (i) BP with $y_1$, FP with $x_1$, BP with $y_2$, FP with $x_2$
# - (ii) FP with $x_1$, BP with $y_1$, FP with $x_2$, BP with $y_2$
# - (iii) FP with $x_1$, BP with $y_2$, FP with $x_2$, BP with $y_1$
# - (iv) FP with $x_1$, BP with $y_1$, BP with $y_2$, FP with $x_2$
#
# **Question 2.** Set `answer_fp_bp_order` to `"i"`, `"ii"`, `"iii"` or `"iv"`.

# %% nbgrader={"grade": false, "grade_id": "answer_fp_bp_order", "locked": false, "schema_version": 3, "solution": true, "task": false}
# Set answer_fp_bp_order to "i", "ii", "iii" or "iv".
### BEGIN SOLUTION
answer_fp_bp_order = "ii"
### END SOLUTION

# %% nbgrader={"grade": true, "grade_id": "test_answer_fp_bp_order", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
### BEGIN HIDDEN TESTS
from autograder.lessons import lesson03
lesson03.check_answer_fp_bp_order(answer_fp_bp_order)
### END HIDDEN TESTS
assert str(answer_fp_bp_order).strip().strip("()").lower() in ("i", "ii", "iii", "iv"), \
    'answer with one of "i", "ii", "iii", "iv"'

# %% [markdown]
# Each BP uses $\delta^{(L)} = a^{(L)} - y$ and the $a^{(l)}$ of the recurrence, so it must
# run on the activations of **its own** example, computed by the FP just before it. An
# order that starts with BP, or runs BP with $y_2$ on the activations of $x_1$, adds
# gradients of a mismatched input and target. Doing both FPs first and then both BPs would
# be fine only if the activations of both examples were kept, which is precisely what the
# vectorised version below does: the columns of $A_l$ are the activations of every example.
#
# **The slides' version of this question** has these options: (i) FP $x^{(1)}$ → FP
# $x^{(2)}$, then BP $y^{(1)}$ → BP $y^{(2)}$; (ii) FP $x^{(1)}$ → BP $y^{(2)}$, then FP
# $x^{(2)}$ → BP $y^{(1)}$; (iii) BP $y^{(1)}$ → FP $x^{(1)}$, then BP $y^{(2)}$ → FP
# $x^{(2)}$; (iv) FP $x^{(1)}$ → BP $y^{(1)}$, then FP $x^{(2)}$ → BP $y^{(2)}$. Their answer
# is (iv), our (ii). But their (i) is also right when the activations of both examples
# are kept, and the slides do not say that they are not. So we added the premise and
# replaced (i) by an order that is wrong in every case (our (iv)). DataCamp's course says
# the same rule in short: every forward pass is followed by its own backward pass, "forward
# 4 times, back 4 times".
#
# ## 6. Vectorised over the batch
#
# Put the examples' $\delta^{(l)}$ side by side as the columns of a matrix
# $\boldsymbol\delta^{(l)}$ (`dZ` in code, shape $(n_l, m)$), as $A_{l}$ holds the $a^{(l)}$.
# The recurrence is column by column, so it holds for the matrices. And the accumulated
# sum of outer products is one matrix product:
#
# $$\Delta_l = \sum_{i=1}^{m}\delta^{(l)(i)}\big(a^{(l-1)(i)}\big)^{\mathsf T}
# = \boldsymbol\delta^{(l)} A_{l-1}^{\mathsf T},\qquad
# \Delta_{b,l} = \sum_{i=1}^m \delta^{(l)(i)} = \boldsymbol\delta^{(l)}\mathbf 1 ,$$
#
# because entry $(j, k)$ of $\boldsymbol\delta A^{\mathsf T}$ is
# $\sum_i \boldsymbol\delta_{ji}A_{ki}$, the same sum the loop builds. So
#
# $$dZ_L = A_L - Y,\quad dW_l = \tfrac{1}{m}dZ_l A_{l-1}^{\mathsf T} + \tfrac{\lambda}{m}W_l,
# \quad db_l = \tfrac{1}{m}\textstyle\sum_{\text{columns}} dZ_l,\quad
# dZ_{l-1} = W_l^{\mathsf T}dZ_l \odot A_{l-1}\odot(1-A_{l-1}).$$
#
# **Exercise 4.** Write `backprop(X, Y, params, lambd)` without a loop over examples (a
# loop over layers is fine). Same output as `backprop_loop`. Mind the shapes: `db_l` is
# `(n_l, 1)`, so sum over axis 1 with `keepdims=True`.

# %% nbgrader={"grade": false, "grade_id": "backprop", "locked": false, "schema_version": 3, "solution": true, "task": false}
def backprop(X, Y, params, lambd):
    """Gradients of cost(forward(X, params)[0], Y, params, lambd), vectorised.

    X: (n_0, m), Y: (n_L, m). Returns {"dW1": (n_1, n_0), "db1": (n_1, 1), ...}.
    """
    ### BEGIN SOLUTION
    L = len(params) // 2
    m = X.shape[1]
    AL, cache = forward(X, params)
    dZ = AL - Y                                             # δ^(L) for every example
    grads = {}
    for l in range(L, 0, -1):
        A_prev = cache[f"A{l - 1}"]
        grads[f"dW{l}"] = dZ @ A_prev.T / m + lambd / m * params[f"W{l}"]
        grads[f"db{l}"] = np.sum(dZ, axis=1, keepdims=True) / m
        if l > 1:
            dZ = (params[f"W{l}"].T @ dZ) * A_prev * (1 - A_prev)
    return grads
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_backprop", "locked": true, "points": 3, "schema_version": 3, "solution": false, "task": false}
### BEGIN HIDDEN TESTS
from autograder.lessons import lesson03
lesson03.check_backprop(backprop)
### END HIDDEN TESTS
# The checks of backprop_loop, for backprop (a is again the output of your forward, or
# of a forward pass inside backprop). Section 6's end compares both functions with
# numerical gradients on a deeper network.
X_b, Y_b = rng.standard_normal((3, 5)), np.array([[1.0, 0, 0, 1, 1], [0, 1, 0, 1, 0]])
p_b = {"W1": rng.standard_normal((2, 3)), "b1": rng.standard_normal((2, 1))}
g_b = backprop(X_b, Y_b, p_b, 0.0)
assert np.shape(g_b["dW1"]) == (2, 3) and np.shape(g_b["db1"]) == (2, 1), \
    "each gradient has the shape of its parameter: dW1 (2, 3), db1 (2, 1)"
errors_b = [forward(X_b, p_b)[0] - Y_b, sigmoid(p_b["W1"] @ X_b + p_b["b1"]) - Y_b]
assert any(np.allclose(g_b["db1"], e.mean(axis=1, keepdims=True)) for e in errors_b), \
    "for one layer, db1 = (1/m) Σ_i (a - y): sum dZ over axis 1 (the examples), then / m"
assert any(np.allclose(g_b["dW1"], e @ X_b.T / 5) for e in errors_b), \
    "for one layer, dW1 = (1/m) (A - Y) X^T"

# %% [markdown]
# ### Both algorithms agree, and both are the gradient of the cost
#
# On a random 4-layer network with $\lambda > 0$: the per-example and the vectorised
# algorithm give the same numbers (up to rounding), and both match the numerical gradient
# of your `cost` (central differences, lesson 04 studies them).

# %% nbgrader={"grade": false, "grade_id": "agree", "locked": true, "schema_version": 3, "solution": false, "task": false}
dims_a, m_a, lambd_a = [5, 4, 3, 3, 2], 8, 0.7
X_a = rng.standard_normal((dims_a[0], m_a))
Y_a = (rng.random((dims_a[-1], m_a)) < 0.5).astype(float)
p_a = {}
for l in range(1, len(dims_a)):
    p_a[f"W{l}"] = rng.standard_normal((dims_a[l], dims_a[l - 1]))
    p_a[f"b{l}"] = rng.standard_normal((dims_a[l], 1))

g_loop, g_vec = backprop_loop(X_a, Y_a, p_a, lambd_a), backprop(X_a, Y_a, p_a, lambd_a)
g_num = numerical_param_grads(lambda p: cost(forward(X_a, p)[0], Y_a, p, lambd_a), p_a)
print("key    max |loop - vectorised|   rel. error vs numerical")
for key in g_num:
    print(f"{key:<5}  {np.max(np.abs(g_loop[key] - g_vec[key])):24.1e}"
          f"   {rel_error(g_vec[key], g_num[key]):22.1e}")

# %% [markdown]
# Differences around $10^{-16}$ are rounding (the two algorithms add the same numbers in a
# different order); relative errors below $10^{-7}$ mean the analytic gradient is right.
#
# ## 7. The slides' bias-unit form
#
# The slides fold the bias into the weights: it prepends a constant unit $a_0 = 1$ to
# each layer's activations and a column to the weight matrix,
#
# $$\Theta^{(l)} = \big[\,b_l\;\; W_l\,\big]\;\; (n_l \times (n_{l-1}+1)),\qquad
# \tilde a^{(l-1)} = \begin{pmatrix}1\\ a^{(l-1)}\end{pmatrix},\qquad
# \Theta^{(l)}\tilde a^{(l-1)} = b_l\cdot 1 + W_l a^{(l-1)} = z^{(l)} .$$
#
# The same $z$, so the same network. The accumulator becomes
# $\Delta_\Theta^{(l)} \leftarrow \Delta_\Theta^{(l)} + \delta^{(l)}(\tilde a^{(l-1)})^{\mathsf T}$,
# whose first column is $\sum_i\delta^{(l)}$ (because $a_0 = 1$), our $\Delta_{b,l}$, and
# whose other columns are our $\Delta_l$. The regularization skips column 0: the slides'
# "$+\lambda\Theta_{ij}$ only for $j \ge 1$" is our "biases are not regularized". (The bias
# unit gets no $\delta$ either: it is a constant, not computed from anything.) In code:

# %% nbgrader={"grade": false, "grade_id": "theta_form", "locked": true, "schema_version": 3, "solution": false, "task": false}
L_a = len(dims_a) - 1
Theta = {l: np.hstack([p_a[f"b{l}"], p_a[f"W{l}"]]) for l in range(1, L_a + 1)}


def with_bias_unit(A):
    """Prepend the constant unit a_0 = 1 as row 0: (n, m) -> (n + 1, m)."""
    return np.vstack([np.ones((1, A.shape[1])), A])


def forward_theta(X):
    """Forward propagation in Θ form; returns [a^(0), ..., a^(L)] without the bias units."""
    As = [X]
    for l in range(1, L_a + 1):
        As.append(sigmoid(Theta[l] @ with_bias_unit(As[-1])))
    return As


A_wb, A_theta = X_a, X_a
for l in range(1, L_a + 1):
    Z_wb, Z_theta = p_a[f"W{l}"] @ A_wb + p_a[f"b{l}"], Theta[l] @ with_bias_unit(A_theta)
    print(f"layer {l}: max |Θ ã - (W a + b)| = {np.max(np.abs(Z_theta - Z_wb)):.1e}")
    A_wb, A_theta = sigmoid(Z_wb), sigmoid(Z_theta)

# Gradient in Θ form, accumulated per example. δ^(l) of example i is read from backprop
# on that one column: for m = 1 and λ = 0, db_l is exactly δ^(l).
D_theta = {l: np.zeros_like(Theta[l]) for l in range(1, L_a + 1)}
for i in range(m_a):
    a_i = forward_theta(X_a[:, [i]])
    g_i = backprop(X_a[:, [i]], Y_a[:, [i]], p_a, 0.0)
    for l in range(1, L_a + 1):
        D_theta[l] += g_i[f"db{l}"] @ with_bias_unit(a_i[l - 1]).T
for l in range(1, L_a + 1):
    regularize = lambd_a / m_a * np.hstack([np.zeros((dims_a[l], 1)), p_a[f"W{l}"]])
    D_theta[l] = D_theta[l] / m_a + regularize
    ours = np.hstack([g_vec[f"db{l}"], g_vec[f"dW{l}"]])
    print(f"layer {l}: max |D_Θ - [db dW]| = {np.max(np.abs(D_theta[l] - ours)):.1e}")

# %% [markdown]
# ## 8. A real network: handwritten digits
#
# `nnlib` ships 1,797 handwritten digits of 8×8 pixels, split once into 1,347 for training
# and 450 held out for testing. A 64–25–10 network (64 pixels in, 25 hidden sigmoid units,
# one sigmoid output per digit with one-hot targets) trained with **your** `forward`,
# `cost` and `backprop` by plain gradient descent on the whole training set.
#
# How do we choose its shape, the **architecture**? The slides give defaults: the number
# of input units is the number of features (64 pixels), the number of output units the
# number of classes (10 digits), and one hidden layer. With more hidden layers, give them
# all the same number of units. More hidden units usually fit the training data better,
# but cost more computation (and may overfit, lesson 07). 25 hidden units is a small,
# fast choice.

# %% nbgrader={"grade": false, "grade_id": "train_digits", "locked": true, "schema_version": 3, "solution": false, "task": false}
train, test = data.load_digits("train"), data.load_digits("test")
layer_dims, learning_rate, lambd, epochs = [64, 25, 10], 3.0, 0.5, 150

params = {}
for l in range(1, len(layer_dims)):  # small random weights; lesson 05 explains the scale
    params[f"W{l}"] = rng.standard_normal((layer_dims[l], layer_dims[l - 1])) * 0.5
    params[f"b{l}"] = np.zeros((layer_dims[l], 1))
untrained = {k: v.copy() for k, v in params.items()}

costs = [cost(forward(train.X, params)[0], train.Y, params, lambd)]
for epoch in range(epochs):
    grads = backprop(train.X, train.Y, params, lambd)
    params = {k: params[k] - learning_rate * grads["d" + k] for k in params}
    costs.append(cost(forward(train.X, params)[0], train.Y, params, lambd))


def predict(X, params):
    """The digit of each column: the output unit with the largest activation."""
    return forward(X, params)[0].argmax(axis=0)


train_accuracy = np.mean(predict(train.X, params) == train.labels)
test_accuracy = np.mean(predict(test.X, params) == test.labels)
print(f"cost {costs[0]:.3f} -> {costs[-1]:.3f} after {epochs} epochs")
print(f"training accuracy {train_accuracy:.1%}, held-out accuracy {test_accuracy:.1%}")

ax = plotting.plot_histories({"training cost": costs}, title="Training the 64–25–10 network",
                             xlabel="epoch (one gradient-descent step on all 1,347 images)",
                             ylabel="cost J (cross-entropy + L2)")
plt.show()

# %% [markdown]
# *Figure 2. The cost on the training set during 150 steps of gradient descent with
# α = 3 and λ = 0.5, computed with your `cost`, `forward` and `backprop`.*
#
# Which held-out digits does the network still get wrong?

# %% nbgrader={"grade": false, "grade_id": "misclassified", "locked": true, "schema_version": 3, "solution": false, "task": false}
predicted = predict(test.X, params)
wrong = np.flatnonzero(predicted != test.labels)
shown = wrong[:20]
plotting.show_digits(test.X[:, shown], test.labels[shown], predicted[shown],
                     n_cols=min(10, max(5, shown.size)),
                     title=f"{wrong.size} of {test.labels.size} held-out digits are "
                           f"misclassified ({shown.size} shown)")
plt.show()

# %% [markdown]
# *Figure 3. Misclassified held-out digits, captioned "true label→prediction". Many are
# ambiguous even to a person at 8×8 pixels.*
#
# ## 9. Watch δ flow backwards
#
# Pick a held-out example and see the error $\delta$ of every unit, output layer on top.
# The heatmap reads $\delta^{(l)}$ from **your** `backprop`: for a single example and
# $\lambda = 0$, $\partial J/\partial b_l = \delta^{(l)}$. Compare the untrained network with
# the trained one, and a correctly classified digit with a misclassified one. With the
# shared colour scale, compare the size of the hidden errors with the output errors: each
# step back multiplies by $W^{\mathsf T}$ and by $g' \le 1/4$, which shrinks the errors
# unless the weights are large (lesson 05 returns to this). Switch to "per layer" to see
# the pattern of small errors.

# %% nbgrader={"grade": false, "grade_id": "explorer", "locked": true, "schema_version": 3, "solution": false, "task": false}
deltas.delta_flow_explorer(backprop, test.X, test.Y,
                           {"trained": params, "untrained": untrained},
                           labels=test.labels, predict=predict)

# %% [markdown]
# *Figure 4 (interactive). δ of each unit of the 64–25–10 network for one held-out example:
# row 2 is the output layer (10 digits), row 1 the hidden layer (25 units). Red means the
# unit's z should decrease, blue that it should increase. The input layer has no δ.*
#
# ## 10. Pancharoen's NumPy workshop, read with this lesson
#
# C. Pancharoen's post "Back-propagation Algorithm from Scratch with NumPy" ends with a
# workshop: a class `NeuralNetwork` with one hidden layer of 4 sigmoid units, trained for
# 1,000 rounds of `feedforward()` and `backprop()`. It is the algorithm of section 6 with
# other conventions:
#
# | the workshop | this course |
# |---|---|
# | examples are **rows**: `layer1 = sigmoid(X @ W1)` | examples are columns: `W1 @ X` |
# | no biases | biases $b_l$ |
# | `np.random.rand`: uniform in $[0, 1)$, all positive, the global random state | an explicit `rng`; lesson 05 on the scale |
# | loss `sum((y - output)**2)`, a sum of squared errors | the mean cross-entropy (lesson 01, Check yourself 4, on sums) |
# | `d_weights = ... 2*(y - output) ...`, then `weights += learning_rate * d_weights` | `dW` is the gradient, then `W -= learning_rate * dW` |
#
# The last row is the same step: `2*(y - output)` is $-2(\hat y - y)$, so the workshop's
# `d_weights` is **minus** the gradient, and adding it steps downhill. The code below
# checks this numerically. It also shows a **bug** in the post: `backprop` uses the global
# variable `learning_rate`, not `self.learning_rate`. The learning rate given to the
# class is ignored. In the post it went unnoticed, because the global had the same value.
# The data are four examples of our own (the post does not define `X` and `y`).

# %% nbgrader={"grade": false, "grade_id": "workshop", "locked": true, "schema_version": 3, "solution": false, "task": false}
def sigmoid_derivative(a):
    """The post's helper: a (1 - a), to be called with an activation a = sigmoid(z)."""
    return a * (1.0 - a)


class NeuralNetwork:
    """The workshop's class, with a generator rng instead of np.random's global state."""

    def __init__(self, x, y, l, rng):
        self.input = x
        self.weights1 = rng.random((self.input.shape[1], 4))
        self.weights2 = rng.random((4, 1))
        self.y = y
        self.output = np.zeros(self.y.shape)
        self.learning_rate = l

    def loss(self):
        return np.sum((self.y - self.output) ** 2)

    def feedforward(self):
        self.layer1 = sigmoid(self.input @ self.weights1)
        self.output = sigmoid(self.layer1 @ self.weights2)

    def steps(self):
        """The post's d_weights1 and d_weights2, unchanged."""
        error = 2 * (self.y - self.output) * sigmoid_derivative(self.output)
        d_weights2 = self.layer1.T @ error
        d_weights1 = self.input.T @ ((error @ self.weights2.T) * sigmoid_derivative(self.layer1))
        return d_weights1, d_weights2

    def backprop(self):
        d_weights1, d_weights2 = self.steps()
        self.weights1 += learning_rate * d_weights1   # the bug: the global learning_rate
        self.weights2 += learning_rate * d_weights2


class FixedNetwork(NeuralNetwork):
    def backprop(self):
        d_weights1, d_weights2 = self.steps()
        self.weights1 += self.learning_rate * d_weights1
        self.weights2 += self.learning_rate * d_weights2


X_ws = np.array([[0.0, 0.0, 1.0], [0.0, 1.0, 1.0], [1.0, 0.0, 1.0], [1.0, 1.0, 1.0]])
y_ws = np.array([[0.0], [1.0], [1.0], [0.0]])

# 1. The sign: d_weights is minus the gradient of the workshop's loss.
net = NeuralNetwork(X_ws, y_ws, 0.1, np.random.default_rng(4))
net.feedforward()
d1, d2 = net.steps()


def workshop_loss(W1, W2):
    return np.sum((y_ws - sigmoid(sigmoid(X_ws @ W1) @ W2)) ** 2)


g1 = numerical_grad(lambda W: workshop_loss(W, net.weights2), net.weights1.copy())
g2 = numerical_grad(lambda W: workshop_loss(net.weights1, W), net.weights2.copy())
print(f"relative error of d_weights1 against -gradient: {rel_error(d1, -g1):.1e}")
print(f"relative error of d_weights2 against -gradient: {rel_error(d2, -g2):.1e}")

# 2. The bug: the global learning_rate wins over the one given to the class.
learning_rate = 0.1   # the post's global, "change the value here"
for cls in (NeuralNetwork, FixedNetwork):
    final = []
    for l in (0.1, 1.0):
        nn = cls(X_ws, y_ws, l, np.random.default_rng(4))
        for _ in range(1000):
            nn.feedforward()
            nn.backprop()
        final.append(nn.loss())
    print(f"{cls.__name__:>13}: loss after 1,000 rounds with l = 0.1: {final[0]:.4f}, "
          f"with l = 1.0: {final[1]:.4f}")

# %% [markdown]
# The post's class gives the same loss for both rates: it always used the global 0.1.
# With `self.learning_rate` the rate given to the class takes effect. (Also note that the
# post's `loss()` is computed in `backprop`'s round *before* the update, and its plot of
# ten learning rates needed the global to change each time.)
#
# ## Where the sources differ
#
# - **Slides: the hand rule.** The slides compute hidden errors by hand as
#   $\delta_2^{(2)} = \Theta_{12}^{(2)}\delta_1^{(3)} + \Theta_{22}^{(2)}\delta_2^{(3)}$, the
#   weighted sum of the errors on the right. That sum is only part of $\delta$: it must be
#   multiplied by $g'(z_2^{(2)})$ (section 4). The slides use the sum to show how errors
#   flow; do not compute with it.
# - **Slides: a missing transpose.** The slides write
#   $\partial\mathcal L/\partial W^{(3)} = \operatorname{diag}(g'(z^{(3)}))\,W^{(4)}(a^{(4)} -
#   y)\,a^{(2)\mathsf T}$ and $\partial\mathcal L/\partial W^{(4)} = (a^{(4)} - y)\,a^{(3)}$. The
#   right forms have $W^{(4)\mathsf T}$ and $a^{(3)\mathsf T}$: check the shapes (Check
#   yourself 3).
# - **Slides: the sign of the cost.** One slide writes $\text{cost}(i) = y\log h + (1-y)\log(1-h)$.
#   It needs a minus sign in front (section 2): the logarithms of probabilities are
#   negative, and a cost must be large when the prediction is bad.
# - **Slides: $\delta^{(4)} = a^{(4)} - y_i$.** The index belongs to the example:
#   $\delta^{(4)} = a^{(4)} - y^{(i)}$.
# - **Slides: $\lambda$.** The cost has $\frac{\lambda}{2m}$ and the gradient $\lambda\Theta$;
#   these two do not belong together (section 5).
# - **Slides: the two questions** were changed (sections 4 and 5 say how and why).
# - **Slides: "closely related to the Gauss-Newton algorithm".** We leave this out.
#   Gauss-Newton is a method for least-squares problems that uses the Jacobian, the
#   derivatives of every residual; backpropagation is a way to compute derivatives, and
#   can compute such Jacobians, but it is not a variant of Gauss-Newton.
# - **Shihs' blog post and Li Hongyi** use $\eta$ for the learning rate and $C$ or $L$ for
#   the cost; this lesson follows the slides' notation ($\alpha$, $J$).
# - **Pancharoen's workshop**: see section 10 (rows, no biases, the sign, the bug).
#
# ## Summary
#
# - $\delta_j^{(l)} = \partial J/\partial z_j^{(l)}$ is the error of unit $j$ in layer $l$.
#   For sigmoid outputs with cross-entropy, $g'$ cancels and $\delta^{(L)} = a^{(L)} - y$.
# - Hidden errors follow from the next layer's:
#   $\delta^{(l)} = (W_{l+1})^{\mathsf T}\delta^{(l+1)}\odot g'(z^{(l)})$. The input layer has
#   no $\delta$.
# - Gradients: $\partial J/\partial W_l = \frac1m\sum_i\delta^{(l)}(a^{(l-1)})^{\mathsf T} +
#   \frac{\lambda}{m}W_l$ and $\partial J/\partial b_l = \frac1m\sum_i\delta^{(l)}$, accumulated
#   one example at a time (FP then BP per example) or as matrix products over the batch;
#   both are the same sum.
# - The bias-unit form $\Theta^{(l)} = [\,b_l\;W_l\,]$ is the same network; its column 0
#   is the bias and is not regularized.
# - The slides' $D = \Delta/m + \lambda\Theta$ belongs to a penalty $\frac{\lambda}{2}\sum\Theta^2$;
#   ours, $\frac{\lambda}{2m}\sum W^2$, has gradient term $\frac{\lambda}{m}W$. Cost and
#   gradient must use the same one.
#
# ## Check yourself
#
# 1. Why does the factor $a(1-a)$ appear in $\delta^{(l)}$ for hidden layers but not in
#    $\delta^{(L)}$?
#
#    <details><summary>Answer</summary>
#
#    At the output, the cross-entropy's derivative $\frac{a - y}{a(1-a)}$ has $a(1-a)$ in its
#    denominator, and it cancels the sigmoid's derivative $a(1-a)$: $\delta^{(L)} = a - y$.
#    A hidden unit has no such loss of its own: its error is the weighted sum of the next
#    layer's errors, and nothing cancels the slope $g'(z^{(l)}) = a^{(l)}(1 - a^{(l)})$.
#
#    </details>
#
# 2. A hidden unit's outgoing weights are all zero. What is its $\delta$, and what
#    happens to its incoming weights during training?
#
#    <details><summary>Answer</summary>
#
#    $\delta = 0$ for every example: every term of $\sum_k W_{l+1,kj}\delta_k^{(l+1)}$ has a
#    zero weight. So the gradient of its incoming weights, $\delta\,a^{(l-1)\mathsf T}$, is
#    zero too (apart from the $\frac{\lambda}{m}W$ of regularization, which only shrinks
#    them). The outgoing weights themselves do get a gradient, $\delta^{(l+1)}a_j^{(l)}$, so
#    after one step they are no longer zero, and the unit starts to learn.
#
#    </details>
#
# 3. In `backprop`, why is it $W_l^{\mathsf T}$ `@ dZ` and not $W_l$ `@ dZ`? Check the shapes.
#
#    <details><summary>Answer</summary>
#
#    $W_l$ has shape $(n_l, n_{l-1})$ and `dZ` $= \boldsymbol\delta^{(l)}$ has shape
#    $(n_l, m)$. $W_l^{\mathsf T}$ `@ dZ` has shape $(n_{l-1}, m)$, one row per unit of
#    layer $l-1$, as $\boldsymbol\delta^{(l-1)}$ must. $W_l$ `@ dZ` does not even fit unless
#    $n_{l-1} = n_l$, and then it sums along the wrong index: row $j$ of $W^{\mathsf T}\delta$
#    is $\sum_k W_{kj}\delta_k$, the sum over the units that unit $j$ **feeds**.
#
#    </details>
#
# 4. Your gradient matches the numerical one when $\lambda = 0$ but is off when
#    $\lambda > 0$, by exactly $\lambda(1 - 1/m)W$. What did you write?
#
#    <details><summary>Answer</summary>
#
#    You added $\lambda W$ (the slides' $D = \frac1m\Delta + \lambda\Theta$) to a cost whose
#    penalty is $\frac{\lambda}{2m}\sum W^2$. The right term is $\frac{\lambda}{m}W$, and
#    $\lambda W - \frac{\lambda}{m}W = \lambda(1 - \frac1m)W$.
#
#    </details>
#
# 5. Why can the vectorised algorithm run all forward passes before all backward passes,
#    while the per-example algorithm cannot?
#
#    <details><summary>Answer</summary>
#
#    Each backward pass needs the activations of its own example. The vectorised forward
#    pass keeps the activations of **all** examples, one column each, so every backward
#    pass finds its own. The per-example algorithm keeps one set of activations, which the
#    next forward pass overwrites; a backward pass after it would use the wrong example's
#    activations.
#
#    </details>
#
# ## Check your code
#
# Working on your own? In a new cell, `from nnlib.selfcheck import check; check(forward)`
# runs one of your graded functions on the lesson's public test cases (fixed inputs and
# the outputs they must give) and, when an answer is wrong, names the mistake it matches
# in the hidden tests' words. It works offline and never shows reference code; the hidden
# tests grade on other, random cases. This lesson's graded functions are `forward`,
# `cost`, `backprop_loop` and `backprop`.

# %% [markdown]
# ## Sources
#
# This lesson draws on:
#
# - K. Teachasrisaksakul, slides "8.2 Neural Network (Part 3): Learning" (in Thai): the
#   name and history of backpropagation, the road-user running example, the cost with
#   $\frac{\lambda}{2m}$, $\delta$ as "the error of node $j$ in layer $l$", the recurrence, the
#   algorithm with accumulators $\Delta$, the bias-unit form $\Theta$, the log loss from
#   maximum likelihood, softmax, the architecture defaults, and the two questions (both
#   changed, as sections 4 and 5 say).
# - 3Blue1Brown, "What is backpropagation really doing?": the wishes of each output and
#   their sum (Figure 1). We worked from a learner's notes in Thai on this video.
# - C. Pancharoen, "Back-propagation Algorithm from Scratch with NumPy" (Medium, 2020): the
#   workshop of section 10.
# - DataCamp, *Introduction to Deep Learning in Python*: "forward 4 times, back 4 times".
# - Shihs, "Neural Network 3 - Backpropagation" (blog post in Chinese, 2020), after Li
#   Hongyi's lecture on backpropagation: the sum over the units a neuron feeds.
