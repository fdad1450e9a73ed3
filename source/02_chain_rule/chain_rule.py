# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # Lesson 02 — The chain rule
#
# Lesson 01 found the slope of the loss for a single weight by hand. A network is a
# composition of many functions, each layer feeding the next, and the tool that
# differentiates compositions is the **chain rule**. This lesson applies it to networks
# with one sigmoid neuron per layer, where every step can be written out and checked with
# numbers, and then shows what changes when a layer has many neurons.
#
# **By the end of this lesson you can**
# 1. say, before any formula, how a small **nudge** to a weight changes a neuron's output
#    and the cost, and what each output neuron "wishes" for;
# 2. write the sigmoid $\sigma$ and its derivative $\sigma'(z) = \sigma(z)(1-\sigma(z))$;
# 3. derive, factor by factor, the gradient of the cost $C_0 = (a^{(L)} - y)^2$ of one
#    example with respect to the last weight, bias and incoming activation;
# 4. average those gradients over many examples;
# 5. go backwards through a chain of sigmoid or ReLU neurons by **recursion** (each neuron
#    passes $\partial C_0/\partial a$ to the neuron before it), and split every weight's
#    gradient into a **forward-pass** factor (the weight's input) and a **backward-pass**
#    factor;
# 6. explain why, with many neurons per layer, $\partial C_0/\partial a_k^{(L-1)}$ is a
#    **sum** over every neuron that $a_k^{(L-1)}$ feeds.
#
# You will write four functions, `sigmoid`, `sigmoid_prime`, `neuron_grads` and
# `chain_grads`, and answer two questions. Each one is followed by a test cell: the
# visible checks run in the notebook, and hidden checks with fresh random cases run when
# your work is graded.

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
# Later lessons stack examples as **columns**: `X` has shape `(n_0, m)`, `Y` has shape
# `(n_L, m)`, parameters live in a dict `params` with keys `"W1", "b1", …`, and their
# gradients use the same keys with a `d` prefix (`"dW1"`). Numbers are NumPy float64, and
# randomness always comes from an explicit generator `rng`.
#
# **This lesson adds**
#
# | symbol | meaning | in code |
# |---|---|---|
# | $L$ | number of layers; layer $l$ runs from $1$ to $L$, $a^{(0)} = x$ | `len(ws)` |
# | $w^{(l)}, b^{(l)}$ | weight and bias of the (single) neuron of layer $l$ | `ws[l - 1]`, `bs[l - 1]` |
# | $z^{(l)} = w^{(l)} a^{(l-1)} + b^{(l)}$ | weighted input of layer $l$ | `z` |
# | $a^{(l)} = \sigma(z^{(l)})$ | activation of layer $l$ | `a` |
# | $\sigma(z) = 1/(1+e^{-z})$, $\sigma'(z)$ | the sigmoid and its derivative | `sigmoid`, `sigmoid_prime` |
# | $C_0 = (a^{(L)} - y)^2$ | the cost of one example | |
# | $a_k^{(L-1)}$, $w_{jk}$ | neuron $k$ of layer $L-1$; the weight from it to neuron $j$ of layer $L$ | `a_prev[k]`, `W[j, k]` |
# | `dw`, `db`, `da_prev` | $\partial C/\partial w$, $\partial C/\partial b$, $\partial C/\partial a^{(L-1)}$ | |
#
# 3Blue1Brown and Shihs' blog post count layers from 1, Python lists from 0: `ws[0]` is
# $w^{(1)}$. The superscript $(L)$ only says which layer; it is not a power.

# %% nbgrader={"grade": false, "grade_id": "setup", "locked": true, "schema_version": 3, "solution": false, "task": false}
import numpy as np
import matplotlib.pyplot as plt

from nnlib import graphs, plotting
from nnlib.gradcheck import numerical_grad

rng = np.random.default_rng(2025)

# %% [markdown]
# ## The picture first: nudges and wishes
#
# This picture comes from 3Blue1Brown's video "What is backpropagation really doing?".
# Look at the last two layers of a network and one training example. A neuron of the
# last layer computes its **activation** (its output, a number between 0 and 1)
#
# $$a^{(L)} = \sigma\bigl(w^{(L)} a^{(L-1)} + b^{(L)}\bigr),$$
#
# where $a^{(L-1)}$ is the activation of the neuron before it, $w^{(L)}$ a weight, $b^{(L)}$
# a bias and $\sigma$ a squashing function (section 1). The target is $y = 1$, and the
# neuron outputs $a^{(L)} = 0.66$. The cost of this example is
# $C_0 = (a^{(L)} - y)^2 = (0.66 - 1)^2 \approx 0.116$ (the numbers of Shihs' blog post).
#
# **A nudge.** Change the weight a little, by $\Delta w$. The output moves a little, and
# so does the cost. The **slope** of the cost is the ratio
# $\Delta C_0 / \Delta w$ for a tiny nudge. It says which way to move $w$ and how much
# it is worth moving it. The left panel below draws $C_0$ as $w^{(L)}$ moves.
#
# - The nudge acts through $w^{(L)} a^{(L-1)}$: its effect is **proportional to the
#   input** $a^{(L-1)}$. If the neuron before is bright (active, $a^{(L-1)} = 0.9$), a
#   nudge to the weight changes the output a lot; if it is dim ($0.2$), hardly at all.
#   So the weights from bright neurons change the most. 3Blue1Brown compares this to
#   Hebb's rule in neuroscience: **"neurons that fire together wire together"**. The
#   connections between neurons that are active together, in the example where we want
#   the output to fire, get stronger.
# - A neuron can raise its activation in **three ways**: a larger bias $b^{(L)}$, larger
#   weights $w^{(L)}$, or different activations $a^{(L-1)}$ in the layer before.
#
# **Wishes.** Now take several output neurons, one per class (right panel). For this
# example, output 1 should be 1 and the others 0. Each output "wishes" to move towards
# its target, and the wish is larger the further it is away: $-(a_j - y_j)$. The cost adds
# the terms $(a_j - y_j)^2$, so an output far from its target (output 4) dominates the
# cost, and the weights it depends on matter most.
#
# We cannot set the activations of the layer before directly. But each output has a wish
# for them too. An output that should go up wishes: "raise the neurons with a positive
# weight to me, lower those with a negative one", more strongly for larger weights; an
# output that should go down wishes the reverse. A neuron of layer $L-1$ adds up the
# wishes of **all** the outputs it feeds. This sum becomes the wish for layer $L-1$, which passes its own wishes one layer
# further back, and so on: that is **backpropagation**. Finally, every training example
# has its own wishes; the gradient averages them over the examples.
#
# The rest of this lesson turns this picture into numbers with the chain rule.

# %% nbgrader={"grade": false, "grade_id": "nudge_plot", "locked": true, "schema_version": 3, "solution": false, "task": false}
graphs.draw_nudges(a_out=0.66, y=1.0, w=1.0, bright=0.9, dim=0.2,
                   outputs=(0.66, 0.2, 0.1, 0.8), targets=(1.0, 0.0, 0.0, 0.0))
plt.show()

# %% [markdown]
# *Figure 1. Left: the cost of one example, $(a^{(L)} - 1)^2$, as the weight $w^{(L)}$ of
# one sigmoid neuron is nudged away from $w = 1$ (black square, output 0.66). The orange
# curve has a bright input (0.9), the blue curve a dim input (0.2); the dotted tangents
# show their slopes, −0.137 and −0.031. The same nudge matters about 4.5 times more
# with the bright input. Right: four output neurons (grey bars), their targets (black
# lines) and their wishes (red arrows, pointing towards the target, longer when further
# away); the numbers are the terms of the cost.*
#
# ## 1. A sigmoid neuron
#
# A neuron multiplies its input by a weight, adds a bias, and squashes the result with an
# **activation function**. Throughout this lesson the activation is the sigmoid
#
# $$z = w\,a + b, \qquad \sigma(z) = \frac{1}{1 + e^{-z}} .$$
#
# $\sigma$ maps any real number into $(0, 1)$: $\sigma(0) = \tfrac12$, large positive $z$
# gives values near 1, large negative $z$ values near 0, and $\sigma(-z) = 1 - \sigma(z)$.
#
# **Exercise 1.** Write `sigmoid(z)`. It must work elementwise on a number or on a NumPy
# array of any shape (use `np.exp`, not `math.exp`).

# %% nbgrader={"grade": false, "grade_id": "sigmoid", "locked": false, "schema_version": 3, "solution": true, "task": false}
def sigmoid(z):
    """The logistic function 1 / (1 + e^(-z)), elementwise. z: a number or any-shaped array."""
    ### BEGIN SOLUTION
    z = np.asarray(z, dtype=float)
    return 1.0 / (1.0 + np.exp(-z))
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_sigmoid", "locked": true, "points": 2, "schema_version": 3, "solution": false, "task": false}
### BEGIN HIDDEN TESTS
from autograder.lessons import lesson02
lesson02.check_sigmoid(sigmoid)
### END HIDDEN TESTS
# Visible checks run now; hidden checks with new random cases run when you are graded.
assert abs(sigmoid(0.0) - 0.5) < 1e-12, "σ(0) = 1/(1 + e^0) = 1/2"
z_check = np.array([[-3.0, -1.0, 0.5], [1.0, 2.0, 4.0]])
assert np.shape(sigmoid(z_check)) == (2, 3), "sigmoid works elementwise: same shape out as in"
assert np.allclose(sigmoid(-z_check), 1 - sigmoid(z_check)), "σ(−z) = 1 − σ(z)"
assert np.all(np.diff(sigmoid(np.linspace(-5, 5, 11))) > 0), "σ increases with z"

# %% [markdown]
# ## 2. The derivative of the sigmoid
#
# Write $\sigma(z) = (1 + e^{-z})^{-1}$ and differentiate with the chain rule (the outer
# function is $u \mapsto u^{-1}$, the inner one $u = 1 + e^{-z}$):
#
# $$\sigma'(z) = -\left(1 + e^{-z}\right)^{-2}\cdot\left(-e^{-z}\right)
#   = \frac{e^{-z}}{\left(1 + e^{-z}\right)^2}
#   = \frac{1}{1 + e^{-z}}\cdot\frac{e^{-z}}{1 + e^{-z}}
#   = \sigma(z)\,\bigl(1 - \sigma(z)\bigr).$$
#
# The last step uses $\frac{e^{-z}}{1+e^{-z}} = 1 - \frac{1}{1+e^{-z}}$. So once the
# forward pass has computed $a = \sigma(z)$, the derivative costs one multiplication:
# $\sigma'(z) = a(1 - a)$. Careful: this is $a(1-a)$ evaluated at the **activation**
# $a$, not $z(1-z)$. Pancharoen's NumPy workshop defines `sigmoid_derivative(x)` as
# `x * (1 - x)`: that is right only because it is always called with the activation
# (`sigmoid_derivative(self.output)`), never with $z$.
#
# **Exercise 2.** Write `sigmoid_prime(z)`, the derivative $\sigma'(z)$, elementwise on any
# shape. You may use your `sigmoid`.

# %% nbgrader={"grade": false, "grade_id": "sigmoid_prime", "locked": false, "schema_version": 3, "solution": true, "task": false}
def sigmoid_prime(z):
    """The sigmoid's derivative σ'(z) = σ(z)(1 - σ(z)), elementwise. z: number or any shape."""
    ### BEGIN SOLUTION
    s = sigmoid(z)
    return s * (1.0 - s)
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_sigmoid_prime", "locked": true, "points": 2, "schema_version": 3, "solution": false, "task": false}
### BEGIN HIDDEN TESTS
from autograder.lessons import lesson02
lesson02.check_sigmoid_prime(sigmoid_prime)
### END HIDDEN TESTS
# σ'(z) is accepted if it matches the true values, or σ(z)(1 − σ(z)) computed with your own
# sigmoid: a slip in sigmoid costs only sigmoid's points.
for z_check, true_slope in ((0.0, 0.25), (1.0, 0.19661193324148185), (-2.0, 0.1049935854035065)):
    s_check = sigmoid(z_check)
    slope = sigmoid_prime(z_check)
    assert abs(slope - true_slope) < 1e-9 or abs(slope - s_check * (1 - s_check)) < 1e-9, \
        f"σ'({z_check}) should be σ(z)(1 − σ(z)) = {true_slope:.6f}, not {slope}"

# %% [markdown]
# Here are both functions, computed with your code. The slope of the sigmoid is largest
# at $z = 0$, where $\sigma'(0) = \tfrac12\cdot\tfrac12 = \tfrac14$, and it fades to almost
# nothing when $|z|$ is large: a **saturated** neuron barely changes when its input does.

# %% nbgrader={"grade": false, "grade_id": "sigmoid_plot", "locked": true, "schema_version": 3, "solution": false, "task": false}
zs_plot = np.linspace(-7, 7, 281)
ax = plotting.axes(title="The sigmoid and its derivative", xlabel="weighted input z",
                   ylabel="value")
ax.plot(zs_plot, sigmoid(zs_plot), label="σ(z)")
ax.plot(zs_plot, sigmoid_prime(zs_plot), label="σ'(z) = σ(z)(1 − σ(z))")
ax.axhline(0.25, color="gray", linestyle=":", label="1/4, the largest slope")
ax.legend(fontsize="small")
plt.show()

# %% [markdown]
# *Figure 2. The sigmoid (blue) rises from 0 to 1; its derivative (orange) peaks at 1/4 at
# z = 0 and is nearly 0 for |z| > 5.*
#
# ## 3. One neuron per layer: the chain rule
#
# Take a network with one neuron in each layer, $a^{(0)} = x \to a^{(1)} \to \dots \to
# a^{(L)}$, and look at its last neuron. For one training example with target $y$,
#
# $$z^{(L)} = w^{(L)} a^{(L-1)} + b^{(L)}, \qquad a^{(L)} = \sigma\bigl(z^{(L)}\bigr),
#   \qquad C_0 = \bigl(a^{(L)} - y\bigr)^2 .$$
#
# The weight $w^{(L)}$ influences the cost only through a chain of dependencies:
# $w^{(L)} \to z^{(L)} \to a^{(L)} \to C_0$. A small nudge to $w^{(L)}$ nudges $z^{(L)}$,
# which nudges $a^{(L)}$, which nudges $C_0$; the **chain rule** multiplies the three
# sensitivities:
#
# $$\frac{\partial C_0}{\partial w^{(L)}} =
#   \frac{\partial z^{(L)}}{\partial w^{(L)}}\;
#   \frac{\partial a^{(L)}}{\partial z^{(L)}}\;
#   \frac{\partial C_0}{\partial a^{(L)}} .$$
#
# Each factor is a derivative of one simple step:
#
# | factor | from | value |
# |---|---|---|
# | $\partial C_0/\partial a^{(L)}$ | $C_0 = (a^{(L)} - y)^2$ | $2\,(a^{(L)} - y)$ |
# | $\partial a^{(L)}/\partial z^{(L)}$ | $a^{(L)} = \sigma(z^{(L)})$ | $\sigma'(z^{(L)}) = a^{(L)}(1 - a^{(L)})$ |
# | $\partial z^{(L)}/\partial w^{(L)}$ | $z^{(L)} = w^{(L)} a^{(L-1)} + b^{(L)}$ | $a^{(L-1)}$ |
#
# so that
#
# $$\boxed{\frac{\partial C_0}{\partial w^{(L)}} = a^{(L-1)}\,\sigma'\bigl(z^{(L)}\bigr)\,
#   2\bigl(a^{(L)} - y\bigr)} .$$
#
# Each factor has a meaning: the weight's gradient is large when the neuron before it is
# active ($a^{(L-1)}$ large: Figure 1's bright input, "fire together, wire together"),
# when the neuron is not saturated ($\sigma'$ not tiny), and when the prediction is far
# from the target (Figure 1's long wishes). The size of $w^{(L)}$ itself enters only
# through $z^{(L)}$: a large weight does not, by itself, get a larger change. The bias and the previous activation enter
# $z^{(L)}$ the same way, with $\partial z^{(L)}/\partial b^{(L)} = 1$ and
# $\partial z^{(L)}/\partial a^{(L-1)} = w^{(L)}$:
#
# $$\frac{\partial C_0}{\partial b^{(L)}}
#   = 1\cdot\sigma'\bigl(z^{(L)}\bigr)\,2\bigl(a^{(L)} - y\bigr),
#   \qquad
#   \frac{\partial C_0}{\partial a^{(L-1)}}
#   = w^{(L)}\,\sigma'\bigl(z^{(L)}\bigr)\,2\bigl(a^{(L)} - y\bigr).$$
#
# We cannot change $a^{(L-1)}$ directly, but its gradient is what lets us continue the
# chain backwards into the layer before (Section 6).
#
# ### Question: which weight learns more?
#
# Two weights feed the same sigmoid output neuron, whose output is $a^{(L)} = 0.66$ for an
# example with target $y = 1$. Weight $w_A = 3.0$ comes from a neuron with activation
# $0.1$; weight $w_B = 0.5$ comes from a neuron with activation $0.9$. For this example,
# which weight has the larger gradient $|\partial C_0/\partial w|$?
#
# - (i) $w_A$: a larger weight contributes more to the output, so it gets the larger change.
# - (ii) $w_B$: its gradient is 9 times larger than that of $w_A$.
# - (iii) Neither: both weights feed the same neuron, so their gradients are equal.
# - (iv) We cannot tell without the neuron's bias.
#
# **Question 1.** Set `answer_larger_gradient` to `"i"`, `"ii"`, `"iii"` or `"iv"`.

# %% nbgrader={"grade": false, "grade_id": "answer_larger_gradient", "locked": false, "schema_version": 3, "solution": true, "task": false}
# Set answer_larger_gradient to "i", "ii", "iii" or "iv".
### BEGIN SOLUTION
answer_larger_gradient = "ii"
### END SOLUTION

# %% nbgrader={"grade": true, "grade_id": "test_answer_larger_gradient", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
### BEGIN HIDDEN TESTS
from autograder.lessons import lesson02
lesson02.check_answer_larger_gradient(answer_larger_gradient)
### END HIDDEN TESTS
assert str(answer_larger_gradient).strip().strip("()").lower() in ("i", "ii", "iii", "iv"), \
    'answer with one of "i", "ii", "iii", "iv"'

# %% [markdown]
# ### Question: the wish for the neuron before
#
# Keep the output neuron above ($a^{(L)} = 0.66$, $y = 1$, cost $C_0 = (a^{(L)} - y)^2$),
# and look at a third neuron before it, with activation $a^{(L-1)} = 0.9$ and weight
# $w^{(L)} = -1.5$ to the output (the bias is whatever gives $a^{(L)} = 0.66$).
#
# **Question 2.** Compute $\partial C_0/\partial a^{(L-1)}$ and store it in
# `answer_da_prev`, a number. Four significant digits are enough: the check allows a
# relative difference of 0.1 %. Before you compute: what will its sign be, and what does
# that sign say about how the output wants this neuron to change?

# %% nbgrader={"grade": false, "grade_id": "answer_da_prev", "locked": false, "schema_version": 3, "solution": true, "task": false}
# Set answer_da_prev to the number ∂C0/∂a^(L-1).
### BEGIN SOLUTION
a_q, y_q, w_q = 0.66, 1.0, -1.5
answer_da_prev = w_q * a_q * (1 - a_q) * 2 * (a_q - y_q)
### END SOLUTION

# %% nbgrader={"grade": true, "grade_id": "test_answer_da_prev", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
### BEGIN HIDDEN TESTS
from autograder.lessons import lesson02
lesson02.check_answer_da_prev(answer_da_prev)
### END HIDDEN TESTS
assert not isinstance(answer_da_prev, (str, bool)) and np.size(answer_da_prev) == 1, \
    "answer_da_prev is one number"

# %% [markdown]
# ## 4. Averaging over examples
#
# The cost of the whole training set is the mean of the per-example costs,
# $C = \frac1m \sum_{i=1}^m C_0^{(i)}$. A derivative of a mean is the mean of the
# derivatives, so
#
# $$\frac{\partial C}{\partial w^{(L)}}
#   = \frac1m\sum_{i=1}^m \frac{\partial C_0^{(i)}}{\partial w^{(L)}},
#   \qquad
#   \frac{\partial C}{\partial b^{(L)}}
#   = \frac1m\sum_{i=1}^m \frac{\partial C_0^{(i)}}{\partial b^{(L)}} .$$
#
# The activation $a^{(L-1),(i)}$ is different: it belongs to example $i$ alone and affects
# only that example's cost. We keep one value per example,
# $\partial C_0^{(i)}/\partial a^{(L-1),(i)}$, because it is where the same calculation
# continues one layer back, example by example. The averaging happens once, where
# gradients meet a parameter shared by all examples.
#
# Each averaged derivative is one entry of the gradient of lesson 01, the list of the
# slopes of every weight and bias of the network (Shihs' blog post writes it as a column):
# $\nabla C = \bigl(\partial C/\partial w^{(1)}, \partial C/\partial b^{(1)}, \ldots,
# \partial C/\partial w^{(L)}, \partial C/\partial b^{(L)}\bigr)$.
#
# **Exercise 3.** Write `neuron_grads(a_prev, w, b, y)` for one sigmoid neuron with cost
# $(a - y)^2$. `w` and `b` are numbers. `a_prev` and `y` are either numbers (one example)
# or arrays of one shape, e.g. `(m,)` or `(1, m)`, holding one value per example. Return
# a dict:
#
# - `"dw"`: $\partial C/\partial w$, the mean over the examples (a number);
# - `"db"`: $\partial C/\partial b$, the mean over the examples (a number);
# - `"da_prev"`: $\partial C_0/\partial a_\text{prev}$ for each example, shaped like `a_prev`.
#
# Use your `sigmoid` and `sigmoid_prime`.

# %% nbgrader={"grade": false, "grade_id": "neuron_grads", "locked": false, "schema_version": 3, "solution": true, "task": false}
def neuron_grads(a_prev, w, b, y):
    """Gradients of the mean cost (a - y)^2 of one sigmoid neuron a = σ(w a_prev + b).

    a_prev, y: numbers, or arrays of one shape with one entry per example. w, b: numbers.
    Returns {"dw": number, "db": number, "da_prev": shaped like a_prev}.
    """
    ### BEGIN SOLUTION
    a_prev = np.asarray(a_prev, dtype=float)
    y = np.asarray(y, dtype=float)
    z = w * a_prev + b
    a = sigmoid(z)
    dz = sigmoid_prime(z) * 2.0 * (a - y)      # ∂C0/∂z, one value per example
    return {"dw": np.mean(a_prev * dz), "db": np.mean(dz), "da_prev": w * dz}
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_neuron_grads", "locked": true, "points": 4, "schema_version": 3, "solution": false, "task": false}
### BEGIN HIDDEN TESTS
from autograder.lessons import lesson02
lesson02.check_neuron_grads(neuron_grads)
### END HIDDEN TESTS
# These checks use your own sigmoid and sigmoid_prime, so they test neuron_grads alone.
a_prev_1, w_1, b_1, y_1 = 0.5, 0.8, -0.2, 1.0
grads_1 = neuron_grads(a_prev_1, w_1, b_1, y_1)
assert isinstance(grads_1, dict) and {"dw", "db", "da_prev"} <= set(grads_1), \
    "return a dict with keys 'dw', 'db' and 'da_prev'"
z_1 = w_1 * a_prev_1 + b_1
a_1 = sigmoid(z_1)
db_either_way = (sigmoid_prime(z_1) * 2 * (a_1 - y_1), a_1 * (1 - a_1) * 2 * (a_1 - y_1))
assert any(np.isclose(grads_1["db"], v) for v in db_either_way), \
    "db = ∂z/∂b · ∂a/∂z · ∂C0/∂a = 1 · σ'(z) · 2(a − y)"
assert np.isclose(grads_1["dw"], a_prev_1 * grads_1["db"]), \
    "dw = a_prev · σ'(z) · 2(a − y), which is a_prev times db"
assert np.isclose(grads_1["da_prev"], w_1 * grads_1["db"]), \
    "da_prev = w · σ'(z) · 2(a − y), which is w times db"

# %% [markdown]
# The hidden tests also try arrays of examples. Check that case yourself against
# **numerical derivatives** of the cost (lesson 04 studies them): nudge a parameter by
# $\pm\varepsilon$ and measure how the mean cost changes. For `da_prev`, nudging
# $a_\text{prev}^{(i)}$ changes only $C_0^{(i)}$, so the numerical derivative of the
# *sum* of the per-example costs gives every $\partial C_0^{(i)}/\partial a_\text{prev}^{(i)}$.

# %% nbgrader={"grade": false, "grade_id": "neuron_gradcheck", "locked": true, "schema_version": 3, "solution": false, "task": false}
a_prev_m = rng.uniform(0.1, 0.9, 6)
y_m = rng.uniform(0.0, 1.0, 6)
w_m, b_m = 1.3, -0.4


def per_example_costs(w, b, a_prev):
    """C0 of each example for the neuron a = σ(w a_prev + b), built on your sigmoid."""
    return (sigmoid(w * a_prev + b) - y_m) ** 2


grads_m = neuron_grads(a_prev_m, w_m, b_m, y_m)
numerical = {
    "dw": numerical_grad(lambda w: np.mean(per_example_costs(w, b_m, a_prev_m)), np.array(w_m)),
    "db": numerical_grad(lambda b: np.mean(per_example_costs(w_m, b, a_prev_m)), np.array(b_m)),
    "da_prev": numerical_grad(lambda a: np.sum(per_example_costs(w_m, b_m, a)), a_prev_m.copy()),
}
for key, estimate in numerical.items():
    gap = np.max(np.abs(np.asarray(grads_m[key]) - estimate))
    verdict = "agrees" if gap < 1e-7 else "DIFFERS: look again"
    print(f"{key:>8}: largest difference to the numerical derivative {gap:.1e}, {verdict}")

# %% [markdown]
# ## 5. Pancharoen's perceptron, in numbers
#
# C. Pancharoen's post "Back-propagation Algorithm from Scratch with NumPy" works one
# gradient step by hand for a perceptron with two inputs,
# $x = (0.05, 0.1)$, weights $w = (0.2, 0.5)$, bias $0.3$, a sigmoid output and target
# $y = 0.7$, with the loss $L = (y - \hat y)^2$ (the same as $(\hat y - y)^2$). The
# forward pass:
#
# $$z = w_1 x_1 + w_2 x_2 + b = 0.01 + 0.05 + 0.3 = 0.36, \qquad \hat y = \sigma(0.36)
#   \approx 0.5890, \qquad L \approx (0.7 - 0.5890)^2 \approx 0.0123 .$$
#
# The backward pass for $w_2$ is Section 3's formula with $a^{(L-1)} = x_2$:
#
# $$\frac{\partial L}{\partial w_2} = x_2\,\sigma'(z)\,2(\hat y - y), \qquad
#   w_2 \leftarrow w_2 - \alpha\,\frac{\partial L}{\partial w_2} \quad\text{with } \alpha = 0.5 .$$
#
# Here it is in code, with your functions.

# %% nbgrader={"grade": false, "grade_id": "perceptron", "locked": true, "schema_version": 3, "solution": false, "task": false}
x_p = np.array([0.05, 0.1])
w_p = np.array([0.2, 0.5])
b_p, y_p, alpha = 0.3, 0.7, 0.5

z_p = w_p @ x_p + b_p
y_hat_p = sigmoid(z_p)
loss_p = (y_p - y_hat_p) ** 2
dw2 = x_p[1] * sigmoid_prime(z_p) * 2 * (y_hat_p - y_p)
w2_new = w_p[1] - alpha * dw2
print(f"z = {z_p:.2f}, y_hat = {y_hat_p:.4f}, L = {loss_p:.4f}")
print(f"dL/dw2 = {dw2:.8f}, w2 after one step = {w2_new:.8f}")

# Seen from w2, everything else in z (w1 x1 + b) is a constant, just like a bias:
from_neuron = neuron_grads(x_p[1], w_p[1], w_p[0] * x_p[0] + b_p, y_p)["dw"]
print(f"the same gradient from your neuron_grads: {float(from_neuron):.8f}")

# %% [markdown]
# We get $\partial L/\partial w_2 \approx -0.00537$ and $w_2 \approx 0.50269$: the
# gradient is negative, so the step increases $w_2$, which raises $\hat y$ towards the
# target 0.7. The post writes $-0.0053724$ and $0.5026862$, while exact arithmetic
# gives $-0.0053720$ and $0.5026860$. Neither side made an algebra mistake: the post
# **rounded intermediate values** before continuing: $\hat y$ to $0.589$ (so
# $\hat y - y = -0.111$), and then $\sigma'(z) = \hat y(1 - \hat y) = 0.589\cdot 0.411
# = 0.242079$ to $0.242$. Then $2\cdot(-0.111)\cdot 0.242\cdot 0.1 = -0.0053724$ exactly. Redoing the
# computation with those rounded intermediates reproduces the post's digits:

# %% nbgrader={"grade": false, "grade_id": "rounding", "locked": true, "schema_version": 3, "solution": false, "task": false}
y_hat_rounded = round(float(y_hat_p), 3)                        # 0.589
slope_rounded = round(y_hat_rounded * (1 - y_hat_rounded), 3)   # 0.242079... -> 0.242
dw2_rounded = x_p[1] * slope_rounded * 2 * (y_hat_rounded - y_p)
w2_rounded = w_p[1] - alpha * dw2_rounded
print(f"rounded intermediates: dL/dw2 = {dw2_rounded:.7f}, w2 = {w2_rounded:.7f}  (the post)")
print(f"full precision:        dL/dw2 = {dw2:.7f}, w2 = {w2_new:.7f}")
print(f"relative change of the gradient caused by rounding: {abs(dw2_rounded / dw2 - 1):.1e}")

# %% [markdown]
# Rounding $\hat y$ to three digits changed the gradient in its fifth significant digit.
# That is harmless for learning, but it is why code keeps full float64 precision
# throughout and rounds only when printing.
#
# ## 6. A chain of neurons: recursion backwards
#
# Section 3 stopped at $\partial C_0/\partial a^{(L-1)}$. The neuron of layer $L-1$ is
# the same kind of neuron, $a^{(L-1)} = \sigma(w^{(L-1)} a^{(L-2)} + b^{(L-1)})$, so the
# chain rule continues one step further:
#
# $$\frac{\partial C_0}{\partial w^{(L-1)}} =
#   \underbrace{a^{(L-2)}}_{\partial z^{(L-1)}/\partial w^{(L-1)}}\;
#   \underbrace{\sigma'\bigl(z^{(L-1)}\bigr)}_{\partial a^{(L-1)}/\partial z^{(L-1)}}\;
#   \underbrace{\frac{\partial C_0}{\partial a^{(L-1)}}}_{\text{from layer } L} .$$
#
# It is Section 3's formula with $2(a^{(L)} - y)$ replaced by the gradient that arrives
# from the layer after. For every layer $l = L, L-1, \dots, 1$:
#
# $$\frac{\partial C_0}{\partial z^{(l)}}
#   = \sigma'\bigl(z^{(l)}\bigr)\,\frac{\partial C_0}{\partial a^{(l)}},
#   \quad
#   \frac{\partial C_0}{\partial w^{(l)}} = a^{(l-1)}\,\frac{\partial C_0}{\partial z^{(l)}},
#   \quad
#   \frac{\partial C_0}{\partial b^{(l)}} = \frac{\partial C_0}{\partial z^{(l)}},
#   \quad
#   \frac{\partial C_0}{\partial a^{(l-1)}} = w^{(l)}\,\frac{\partial C_0}{\partial z^{(l)}},$$
#
# starting from $\partial C_0/\partial a^{(L)} = 2(a^{(L)} - y)$. This is
# **backpropagation** for a chain: one forward pass stores every $z^{(l)}$ and $a^{(l)}$,
# then one backward pass reuses each neuron's incoming gradient instead of recomputing the
# whole product. (Lesson 03 names $\partial C_0/\partial z^{(l)}$ the error $\delta^{(l)}$.)
#
# **Exercise 4.** Write `chain_grads(x, y, ws, bs)` for a chain of single sigmoid neurons
# and one training example: `ws` and `bs` are lists of numbers (`ws[0]` is $w^{(1)}$),
# `x` and `y` numbers. Return `(dws, dbs)`, two lists with one gradient per layer, in the
# order of `ws`. A chain of one neuron is allowed.

# %% nbgrader={"grade": false, "grade_id": "chain_grads", "locked": false, "schema_version": 3, "solution": true, "task": false}
def chain_grads(x, y, ws, bs):
    """Gradients of C0 = (a^(L) - y)^2 for a chain of single sigmoid neurons, one example.

    x, y: numbers; ws, bs: lists of L numbers, ws[l - 1] = w^(l).
    Returns (dws, dbs): lists of L numbers, dws[l - 1] = dC0/dw^(l).
    """
    ### BEGIN SOLUTION
    acts, zs = [x], []
    for w, b in zip(ws, bs):
        zs.append(w * acts[-1] + b)
        acts.append(sigmoid(zs[-1]))
    dws, dbs = [0.0] * len(ws), [0.0] * len(ws)
    da = 2.0 * (acts[-1] - y)                   # ∂C0/∂a at the output
    for l in reversed(range(len(ws))):          # list index l is layer l + 1
        dz = sigmoid_prime(zs[l]) * da
        dws[l] = acts[l] * dz                   # acts[l] is the input of this neuron
        dbs[l] = dz
        da = ws[l] * dz                         # handed back to the neuron before
    return dws, dbs
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_chain_grads", "locked": true, "points": 4, "schema_version": 3, "solution": false, "task": false}
### BEGIN HIDDEN TESTS
from autograder.lessons import lesson02
lesson02.check_chain_grads(chain_grads)
### END HIDDEN TESTS
# These checks use your own sigmoid and sigmoid_prime, so they test chain_grads alone.
x_c, y_c, ws_c, bs_c = 0.7, 0.2, [0.5, -1.2, 0.9], [0.1, 0.3, -0.4]
dws_c, dbs_c = chain_grads(x_c, y_c, ws_c, bs_c)
assert len(dws_c) == 3 and len(dbs_c) == 3, "one gradient per layer, for weights and biases"
a_c, z_c = [x_c], []  # the forward pass, with your sigmoid
for w_layer, b_layer in zip(ws_c, bs_c):
    z_c.append(w_layer * a_c[-1] + b_layer)
    a_c.append(sigmoid(z_c[-1]))


def slopes_either_way(z):
    return sigmoid_prime(z), sigmoid(z) * (1 - sigmoid(z))


assert any(np.isclose(dbs_c[2], s * 2 * (a_c[3] - y_c)) for s in slopes_either_way(z_c[2])), \
    "the last neuron: ∂C0/∂b^(3) = σ'(z^(3)) · 2(a^(3) − y); dbs[-1] is the last layer's"
for l in (1, 0):
    assert any(np.isclose(dbs_c[l], s * ws_c[l + 1] * dbs_c[l + 1])
               for s in slopes_either_way(z_c[l])), \
        f"recursion: ∂C0/∂b^({l + 1}) = σ'(z^({l + 1})) · w^({l + 2}) · ∂C0/∂b^({l + 2})"
for l in range(3):
    assert np.isclose(dws_c[l], a_c[l] * dbs_c[l]), \
        f"∂C0/∂w^({l + 1}) = a^({l}) · ∂C0/∂b^({l + 1}): neuron {l + 1}'s input times db"

# %% [markdown]
# Here is a chain of four neurons with the gradients from your `chain_grads` written on
# its edges, and a numerical check of them.

# %% nbgrader={"grade": false, "grade_id": "chain_plot", "locked": true, "schema_version": 3, "solution": false, "task": false}
x_4, y_4 = 0.8, 0.1
ws_4 = [1.5, -1.8, 1.2, 2.0]
bs_4 = [-0.5, 0.4, 0.2, -0.3]
dws_4, dbs_4 = chain_grads(x_4, y_4, ws_4, bs_4)
graphs.draw_chain(x_4, y_4, ws_4, bs_4, dws_4, dbs_4, sigmoid,
                  title="Four sigmoid neurons in a chain: values (blue) and gradients (red)")
plt.show()


def chain_cost(weights):
    """C0 of the chain as a function of its weights, with your sigmoid."""
    a = x_4
    for w, b in zip(weights, bs_4):
        a = sigmoid(w * a + b)
    return (a - y_4) ** 2


numerical_dws = numerical_grad(chain_cost, np.array(ws_4))
print("dws from chain_grads:  ", np.round(np.array(dws_4, dtype=float), 6))
print("numerical derivatives: ", np.round(numerical_dws, 6))

# %% [markdown]
# *Figure 3. A chain of four sigmoid neurons. Blue: the forward values $a^{(l)}$ and the
# cost; on each edge the weight and bias of the neuron it enters. Red: $\partial C_0/\partial w$
# and $\partial C_0/\partial b$ of that neuron.*
#
# Going backwards, every layer multiplies the incoming gradient by $w^{(l)}\sigma'(z^{(l)})$.
# Since $\sigma' \le \frac14$, the gradient shrinks by a factor 4 or more per layer unless
# the weights are large: in Figure 3 the first weight's gradient is far smaller than the
# last one's. This **vanishing gradient** is why deep sigmoid networks learn slowly in their
# first layers (lesson 05 returns to it).
#
# ### Forward pass and backward pass
#
# Li Hongyi's lecture on backpropagation (ML Lecture 7, which Shihs' blog post follows)
# splits every weight's gradient into two factors, with $z$ the weighted input the weight
# feeds:
#
# $$\frac{\partial C_0}{\partial w^{(l)}} =
#   \underbrace{\frac{\partial z^{(l)}}{\partial w^{(l)}}}_{\text{forward pass}}\;
#   \underbrace{\frac{\partial C_0}{\partial z^{(l)}}}_{\text{backward pass}} .$$
#
# - **Forward pass.** $\partial z^{(l)}/\partial w^{(l)} = a^{(l-1)}$ is simply the value
#   that enters the weight: the weight's input. Computing the network's output once, from
#   left to right, gives all of them for free.
# - **Backward pass.** $\partial C_0/\partial z^{(l)}$ is computed from the output
#   backwards. It starts with $\partial C_0/\partial z^{(L)} = \sigma'(z^{(L)})\,2(a^{(L)} -
#   y)$, and each step back multiplies by the weight $w^{(l)}$ and by $\sigma'(z^{(l-1)})$.
#   Li Hongyi draws this as a second network run **in reverse**, from the cost to the
#   input, in which each $\sigma'(z)$ is a fixed amplifier: its value was fixed by the
#   forward pass.
#
# The figure shows both passes for the chain of Figure 3, with your `sigmoid` and
# `sigmoid_prime`. Multiply the two numbers of one weight and you get its gradient.

# %% nbgrader={"grade": false, "grade_id": "two_passes_plot", "locked": true, "schema_version": 3, "solution": false, "task": false}
_, _, passes = graphs.draw_two_passes(x_4, y_4, ws_4, bs_4, sigmoid, sigmoid_prime)
plt.show()
print("layer   ∂z/∂w (forward) × ∂C0/∂z (backward) = ∂C0/∂w   chain_grads")
for l in range(len(ws_4)):
    print(f"{l + 1:>5}   {passes['dz_dw'][l]:15.4f} × {passes['dC_dz'][l]:18.4f} "
          f"= {passes['dC_dw'][l]:7.4f}   {float(dws_4[l]):11.4f}")

# %% [markdown]
# *Figure 4. The two passes of Li Hongyi's lecture on the chain of Figure 3. Top, the
# forward pass from left to right: the activations (blue) and, under each edge, the
# input $\partial z/\partial w = a^{(l-1)}$ of that edge's weight (red). Bottom, the
# backward pass from right to left: it starts at the cost with $2(a^{(4)} - y)$ and
# multiplies by $\sigma'$ and $w$ at every step; under each node is $\partial C_0/\partial
# z^{(l)}$. The table multiplies the two factors and compares with your `chain_grads`.*
#
# ### The same chain with ReLU neurons
#
# Nothing in the recursion is special to the sigmoid: only the activation's slope
# changes. The **ReLU** (rectified linear unit) is $\mathrm{relu}(z) = \max(0, z)$. Its
# slope is $0$ for $z < 0$ and $1$ for $z > 0$ (at exactly $z = 0$ it has a kink, and code
# picks 0 or 1). DataCamp's course computes a weight's slope as the product of three
# numbers, and with ReLU they are:
#
# 1. the slope of the loss at the node the weight feeds into, $2\cdot\text{error}$;
# 2. the value of the node that feeds the weight (its input);
# 3. the slope of the activation at the node it feeds into: 1 if that node is active
#    ($z > 0$), 0 if not.
#
# DataCamp's example is one weight, $x = 3$, $w = 2$, $y = 10$: $z = 6 > 0$, so the
# slope is $2\cdot(-4)\cdot 3\cdot 1 = -24$, as in lesson 01. Below is a chain of two ReLU
# neurons with cost $C_0 = (a^{(2)} - y)^2$, computed with the same recursion as
# `chain_grads`, and then the same chain with a first weight that switches neuron 1 off.

# %% nbgrader={"grade": false, "grade_id": "relu_chain", "locked": true, "schema_version": 3, "solution": false, "task": false}
def relu(z):
    return np.maximum(0.0, z)


def relu_chain_grads(x, y, weights, biases):
    """(dws, dbs) of C0 = (a^(L) - y)^2 for a chain of single ReLU neurons."""
    values, pre = [float(x)], []
    for w, b in zip(weights, biases):          # forward pass: keep every z and a
        pre.append(w * values[-1] + b)
        values.append(relu(pre[-1]))
    grad_a = 2.0 * (values[-1] - y)             # 2 · error at the output
    dws, dbs = [], []
    for layer in range(len(weights) - 1, -1, -1):  # backward pass
        grad_z = grad_a * (1.0 if pre[layer] > 0 else 0.0)   # ReLU slope: 1 or 0
        dws.insert(0, values[layer] * grad_z)        # input of the weight × ∂C0/∂z
        dbs.insert(0, grad_z)
        grad_a = weights[layer] * grad_z
    return dws, dbs


x_r, y_r, bs_r = 3.0, 10.0, [0.0, 1.0]
for ws_r in ([2.0, 1.0], [-2.0, 1.0]):
    dws_r, dbs_r = relu_chain_grads(x_r, y_r, ws_r, bs_r)
    cost_r = lambda w: (relu(w[1] * relu(w[0] * x_r + bs_r[0]) + bs_r[1]) - y_r) ** 2
    numerical_r = numerical_grad(cost_r, np.array(ws_r))
    print(f"weights {ws_r}: dws = {np.round(dws_r, 6) + 0.0}, dbs = {np.round(dbs_r, 6) + 0.0}, "
          f"numerical dws = {np.round(numerical_r, 6) + 0.0}")

ws_r = [2.0, 1.0]
graphs.draw_chain(x_r, y_r, ws_r, bs_r, *relu_chain_grads(x_r, y_r, ws_r, bs_r), relu,
                  title="Two ReLU neurons in a chain: values (blue) and gradients (red)")
plt.show()

# %% [markdown]
# *Figure 5. A chain of two ReLU neurons: input $x = 3$, weights 2 and 1, biases 0 and 1,
# target 10. Forward (blue): $a^{(1)} = 6$, $a^{(2)} = 7$, cost 9. Backward (red): the
# error $7 - 10 = -3$ gives $2\cdot(-3) = -6$; both neurons are active, so both ReLU
# slopes are 1, and $\partial C_0/\partial w^{(2)} = 6\cdot 1\cdot(-6) = -36$,
# $\partial C_0/\partial w^{(1)} = 3\cdot 1\cdot 1\cdot 1\cdot(-6) = -18$.*
#
# With $w^{(1)} = -2$ the first neuron gets $z^{(1)} = -6$ and outputs 0. Its ReLU slope
# is 0, so nothing flows back through it: $\partial C_0/\partial w^{(1)} = 0$. The second
# weight reads the input 0, so $\partial C_0/\partial w^{(2)} = 0$ too. Only the last bias
# still learns ($\partial C_0/\partial b^{(2)} = 2\cdot(1 - 10) = -18$). Unlike the
# sigmoid, a ReLU passes the gradient on **unchanged** (slope 1) where it is active, so
# it does not shrink it by 4 at every layer. But where it is off, it passes nothing
# (lesson 05, "dead" units).
#
# ## 7. Many neurons per layer: a sum over paths
#
# Now let layer $L$ have neurons $j = 1, \dots, n_L$ and layer $L-1$ neurons
# $k = 1, \dots, n_{L-1}$, with weight $w_{jk}$ from neuron $k$ to neuron $j$:
#
# $$z_j^{(L)} = \sum_k w_{jk}\,a_k^{(L-1)} + b_j^{(L)},
#   \qquad a_j^{(L)} = \sigma\bigl(z_j^{(L)}\bigr),
#   \qquad C_0 = \sum_j \bigl(a_j^{(L)} - y_j\bigr)^2 .$$
#
# A weight $w_{jk}$ still reaches the cost along a single path, through $z_j$ and $a_j$, so
# its gradient looks exactly like before:
# $\partial C_0/\partial w_{jk} = a_k^{(L-1)}\,\sigma'(z_j^{(L)})\,2(a_j^{(L)} - y_j)$.
#
# An activation $a_k^{(L-1)}$ is different: it feeds **every** neuron $j$ of layer $L$, so
# it reaches the cost along $n_L$ paths. The multivariable chain rule adds the
# contributions of all paths:
#
# $$\frac{\partial C_0}{\partial a_k^{(L-1)}}
#   = \sum_{j} \frac{\partial z_j^{(L)}}{\partial a_k^{(L-1)}}\,
#   \frac{\partial a_j^{(L)}}{\partial z_j^{(L)}}\,\frac{\partial C_0}{\partial a_j^{(L)}}
#   = \sum_{j} w_{jk}\,\sigma'\bigl(z_j^{(L)}\bigr)\,2\bigl(a_j^{(L)} - y_j\bigr).$$
#
# This is the sum of the wishes of Figure 1: each output neuron $j$ wishes $a_k^{(L-1)}$ to
# move by an amount proportional to $-w_{jk}\,\sigma'(z_j^{(L)})\,2(a_j^{(L)} - y_j)$, and
# the neuron adds up all the wishes. (DataCamp's notes put it this way: the slope of a
# node's value adds up the slopes along the weights that go **out** of the node, to the
# next layer.)
#
# The picture below is the **computational graph** of a layer with two inputs and two
# neurons: one node per quantity, one arrow per dependence. It shows both of Li Hongyi's
# passes: the forward pass writes the values (blue) from left to right, and the backward
# pass writes the gradients (red) from right to left. The highlighted paths leave
# $a_1$; the box adds up their two terms.

# %% nbgrader={"grade": false, "grade_id": "layer_graph", "locked": true, "schema_version": 3, "solution": false, "task": false}
a_prev_L = np.array([0.6, 0.3])
W_L = np.array([[0.8, -0.5],
                [1.2, 0.4]])
b_L = np.array([0.1, -0.3])
y_L = np.array([1.0, 0.0])
values = graphs.layer_graph(a_prev_L, W_L, b_L, y_L, sigmoid, sigmoid_prime)
graphs.draw_layer_graph(values, title="A layer of two sigmoid neurons: values and gradients")
plt.show()

# The sum over paths, written out, and checked against a numerical derivative of C0.
z_L = W_L @ a_prev_L + b_L
a_L = sigmoid(z_L)
sum_over_paths = np.zeros(2)
for k in range(2):
    for j in range(2):
        sum_over_paths[k] += W_L[j, k] * sigmoid_prime(z_L[j]) * 2 * (a_L[j] - y_L[j])
numerical_da = numerical_grad(lambda a: np.sum((sigmoid(W_L @ a + b_L) - y_L) ** 2),
                              a_prev_L.copy())
print("dC0/da_k as a sum over paths:", np.round(sum_over_paths, 6))
print("numerical derivatives:       ", np.round(numerical_da, 6))

# %% [markdown]
# *Figure 6. The computational graph of one layer: inputs $a_k$ on the left, weighted
# inputs $z_j$, activations $a_j$ and the cost $C_0$ on the right. Blue numbers are
# forward values (weights and biases on the edges), red numbers the gradients
# $\partial C_0/\partial(\cdot)$ of each node and weight. The thick edges leave $a_1$: its
# gradient is the sum of one term per path.*
#
# ## 8. Explore it yourself
#
# Move the sliders to change the inputs $a_1, a_2$ and the two weights leaving $a_1$. The
# graph is recomputed with **your** `sigmoid` and `sigmoid_prime`. Try to find:
#
# - weights for which the two paths from $a_1$ cancel, so $\partial C_0/\partial a_1 = 0$;
# - why $\partial C_0/\partial w_{11}$ vanishes when $a_1 = 0$;
# - how large $z_1$ must be before the neuron saturates and its gradients fade.

# %% nbgrader={"grade": false, "grade_id": "explorer", "locked": true, "schema_version": 3, "solution": false, "task": false}
graphs.layer_graph_explorer(sigmoid, sigmoid_prime, a_prev_L, W_L, b_L, y_L)

# %% [markdown]
# *Figure 7 (interactive). The layer of Figure 6 with sliders for $a_1$, $a_2$, $w_{11}$ and
# $w_{21}$; forward values (blue) and gradients (red) update as you move them.*
#
# ## Where the sources differ
#
# - **DataCamp notes, the slope of a node.** The notes say that the slope of a node's value
#   adds up the slopes of the weights coming **into** the node. It is the weights going
#   **out** of it (section 7): a node influences the cost only through the neurons it feeds.
# - **Pancharoen's post, "a weight with a large value gets a large adjustment".** The
#   gradient of a weight is proportional to the weight's **input** $a^{(L-1)}$ (section 3),
#   not to the weight. The weight's own value scales what is passed **back** to the layer
#   before, $\partial C_0/\partial a^{(L-1)} = w^{(L)}\sigma'(z)\,2(a - y)$.
# - **Pancharoen's post, `sigmoid_derivative(x) = x * (1 - x)`.** Right only when `x` is
#   the activation $a = \sigma(z)$, as the post's workshop always passes it. Called with
#   $z$ it is wrong (Check yourself 4). Our `sigmoid_prime` takes $z$.
# - **Pancharoen's post, the rounded digits.** Section 5 shows that the post's
#   $-0.0053724$ and $0.5026862$ come from rounding $\hat y$ and $\sigma'$ before
#   multiplying; full precision gives $-0.0053720$ and $0.5026860$.
# - **Li Hongyi's notation.** His lecture (as Shihs' post says) uses other symbols than
#   3Blue1Brown. We follow 3Blue1Brown here, and lesson 03 moves to the matrix notation
#   $W_l$, $b_l$, $\delta^{(l)}$.
# - **Cost.** 3Blue1Brown and this lesson use the squared error $(a - y)^2$ for one
#   example. Lesson 03 switches to the cross-entropy of the slides, which gives a simpler
#   $\delta^{(L)}$.
#
# ## Summary
#
# - The sigmoid $\sigma(z) = 1/(1+e^{-z})$ has the derivative $\sigma'(z) = \sigma(z)(1-\sigma(z))
#   = a(1-a)$, at most $\frac14$.
# - For one neuron with cost $C_0 = (a^{(L)} - y)^2$, the chain rule multiplies one local
#   derivative per step:
#   $\partial C_0/\partial w^{(L)} = a^{(L-1)}\,\sigma'(z^{(L)})\,2(a^{(L)} - y)$,
#   with $1$ instead of $a^{(L-1)}$ for the bias and $w^{(L)}$ for the incoming activation.
# - Over many examples, the gradients of the weights and biases are the means of the
#   per-example gradients; the gradient of an activation stays per example.
# - In a chain,
#   $\partial C_0/\partial a^{(l-1)} = w^{(l)}\sigma'(z^{(l)})\,\partial C_0/\partial a^{(l)}$
#   passes the gradient backwards, one neuron at a time: backpropagation.
# - When a neuron feeds several neurons, its gradient is the **sum** over the paths:
#   $\partial C_0/\partial a_k^{(L-1)} = \sum_j w_{jk}\,\sigma'(z_j^{(L)})\,2(a_j^{(L)} - y_j)$.
# - Pancharoen's perceptron gives $\partial L/\partial w_2 \approx -0.00537$ and
#   $w_2 \approx 0.50269$; its last digits differ because it rounded $\hat y$ and
#   $\sigma'(z)$ before multiplying.
#
# ## Check yourself
#
# 1. A neuron's input activation $a^{(L-1)}$ is 0 for some example. What is that example's
#    contribution to $\partial C/\partial w^{(L)}$, and to $\partial C/\partial b^{(L)}$?
#
#    <details><summary>Answer</summary>
#
#    To $\partial C/\partial w^{(L)}$ it contributes 0: the gradient has the factor
#    $a^{(L-1)} = 0$ (a nudge to $w$ does not change $z = w\cdot 0 + b$). To
#    $\partial C/\partial b^{(L)}$ it contributes $\sigma'(z^{(L)})\,2(a^{(L)} - y)$ as
#    usual (divided by $m$ in the mean): the bias always acts, whatever the input.
#
#    </details>
#
# 2. In a chain of 10 sigmoid neurons whose weights all lie in $[-1, 1]$, at most how large
#    can $|\partial C_0/\partial w^{(1)}|$ be compared with $|2(a^{(L)} - y)|$? What does
#    that mean for learning the first layer?
#
#    <details><summary>Answer</summary>
#
#    $\partial C_0/\partial w^{(1)} = x\,\sigma'(z^{(1)})\,\prod_{l=2}^{10} w^{(l)}\sigma'(z^{(l)})
#    \cdot 2(a^{(10)} - y)$: ten factors $\sigma' \le \frac14$ and nine weights with
#    $|w| \le 1$. So it is at most $|x|\,(1/4)^{10} \approx 10^{-6}\,|x|$ times
#    $|2(a^{(L)} - y)|$. The first layer gets a gradient about a million times smaller than
#    the last one: it learns extremely slowly (the vanishing gradient).
#
#    </details>
#
# 3. Why do `dw` and `db` average over the examples while `da_prev` keeps one value per example?
#
#    <details><summary>Answer</summary>
#
#    $w$ and $b$ are shared by all examples: a nudge to $w$ changes every example's cost,
#    so the derivative of the mean cost is the mean of the per-example derivatives. Each
#    $a_\text{prev}^{(i)}$ belongs to one example and affects only that example's cost.
#    Its derivative is the message we pass back to the layer before, for that example;
#    averaging it would mix the examples.
#
#    </details>
#
# 4. Someone computes $\sigma'$ as `z * (1 - z)`. For which $z$ is that even positive, and
#    why is it wrong everywhere else too?
#
#    <details><summary>Answer</summary>
#
#    $z(1 - z) > 0$ only for $0 < z < 1$; for negative $z$ or $z > 1$ it is negative,
#    while the sigmoid always increases ($\sigma' > 0$). Even for $0 < z < 1$ the value is
#    wrong: at $z = 0.5$ it gives $0.25$, but $\sigma'(0.5) = \sigma(0.5)(1 - \sigma(0.5))
#    \approx 0.235$. The formula $a(1 - a)$ needs the **activation** $a = \sigma(z)$, not $z$.
#
#    </details>
#
# 5. Neuron $k$ of layer $L-1$ feeds three neurons of layer $L$. How many terms does
#    $\partial C_0/\partial a_k^{(L-1)}$ have, and what is each one?
#
#    <details><summary>Answer</summary>
#
#    Three, one per path (one per neuron $j$ it feeds):
#    $w_{jk}\,\sigma'(z_j^{(L)})\,2(a_j^{(L)} - y_j)$ for $j = 1, 2, 3$. Each term is
#    the wish of output $j$, carried back along the weight $w_{jk}$.
#
#    </details>
#
# ## Check your code
#
# Working on your own? In a new cell, `from nnlib.selfcheck import check; check(sigmoid)`
# runs one of your graded functions on the lesson's public test cases (fixed inputs and
# the outputs they must give) and, when an answer is wrong, names the mistake it matches
# in the hidden tests' words. It works offline and never shows reference code; the hidden
# tests grade on other, random cases. This lesson's graded functions are `sigmoid`,
# `sigmoid_prime`, `neuron_grads` and `chain_grads`.

# %% [markdown]
# ## Sources
#
# This lesson draws on:
#
# - 3Blue1Brown, "What is backpropagation really doing?" (chapter 3 of the series *Neural
#   networks*): nudges, the wishes of each output, "neurons that fire together wire
#   together", one neuron per layer, the chain rule on the last two layers, the sum over
#   paths. We worked from a learner's notes in Thai on this video.
# - Shihs, "Neural Network 3 - Backpropagation" (blog post in Chinese, 2020), notes on the
#   same video and on Li Hongyi's lecture: the formulas of sections 3, 4 and 7, the example
#   $(0.66 - 1)^2$, the gradient as a column.
# - Li Hongyi, *ML Lecture 7: Backpropagation* (National Taiwan University): the forward
#   pass and the backward pass (we describe his reversed network from the lecture as
#   Shihs' post cites it).
# - DataCamp, *Introduction to Deep Learning in Python*, chapter "Optimizing a neural
#   network with backward propagation": the three factors of a slope with a ReLU
#   activation, and $-24$.
# - C. Pancharoen, "Back-propagation Algorithm from Scratch with NumPy" (Medium, 2020): the
#   perceptron of section 5, its numbers 0.36, 0.5890, 0.0123, $-0.0053724$, 0.5026862,
#   and the workshop's `sigmoid_derivative`.
