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
# 1. write the sigmoid $\sigma$ and its derivative $\sigma'(z) = \sigma(z)(1-\sigma(z))$;
# 2. derive, factor by factor, the gradient of the cost $C_0 = (a^{(L)} - y)^2$ of one
#    example with respect to the last weight, bias and incoming activation;
# 3. average those gradients over many examples;
# 4. go backwards through a chain of neurons by **recursion**: each neuron passes
#    $\partial C_0/\partial a$ to the neuron before it;
# 5. explain why, with many neurons per layer, $\partial C_0/\partial a_k^{(L-1)}$ is a
#    **sum** over every neuron that $a_k^{(L-1)}$ feeds.
#
# You will write four functions: `sigmoid`, `sigmoid_prime`, `neuron_grads` and
# `chain_grads`. Each one is followed by a test cell: the visible checks run in the
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
# The lecture counts layers from 1, Python lists from 0: `ws[0]` is $w^{(1)}$.

# %% nbgrader={"grade": false, "grade_id": "setup", "locked": true, "schema_version": 3, "solution": false, "task": false}
import numpy as np
import matplotlib.pyplot as plt

from nnlib import graphs, plotting
from nnlib.gradcheck import numerical_grad

rng = np.random.default_rng(2025)

# %% [markdown]
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
# $a$, not $z(1-z)$.
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
# *Figure 1. The sigmoid (blue) rises from 0 to 1; its derivative (orange) peaks at 1/4 at
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
# active ($a^{(L-1)}$ large), when the neuron is not saturated ($\sigma'$ not tiny), and
# when the prediction is far from the target. The bias and the previous activation enter
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
# ## 5. The lecture's perceptron, in numbers
#
# The lecture works one gradient step by hand for a perceptron with two inputs,
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
# target 0.7. The lecture writes $-0.0053724$ and $0.5026862$, while exact arithmetic
# gives $-0.0053720$ and $0.5026860$. Neither side made an algebra mistake: the lecture
# **rounded intermediate values** before continuing: $\hat y$ to $0.589$ (so
# $\hat y - y = -0.111$), and then $\sigma'(z) = \hat y(1 - \hat y) = 0.589\cdot 0.411
# = 0.242079$ to $0.242$. Then $2\cdot(-0.111)\cdot 0.242\cdot 0.1 = -0.0053724$ exactly. Redoing the
# computation with those rounded intermediates reproduces the lecture's digits:

# %% nbgrader={"grade": false, "grade_id": "rounding", "locked": true, "schema_version": 3, "solution": false, "task": false}
y_hat_rounded = round(float(y_hat_p), 3)                        # 0.589
slope_rounded = round(y_hat_rounded * (1 - y_hat_rounded), 3)   # 0.242079... -> 0.242
dw2_rounded = x_p[1] * slope_rounded * 2 * (y_hat_rounded - y_p)
w2_rounded = w_p[1] - alpha * dw2_rounded
print(f"rounded intermediates: dL/dw2 = {dw2_rounded:.7f}, w2 = {w2_rounded:.7f}  (the lecture)")
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
# *Figure 2. A chain of four sigmoid neurons. Blue: the forward values $a^{(l)}$ and the
# cost; on each edge the weight and bias of the neuron it enters. Red: $\partial C_0/\partial w$
# and $\partial C_0/\partial b$ of that neuron.*
#
# Going backwards, every layer multiplies the incoming gradient by $w^{(l)}\sigma'(z^{(l)})$.
# Since $\sigma' \le \frac14$, the gradient shrinks by a factor 4 or more per layer unless
# the weights are large: in Figure 2 the first weight's gradient is far smaller than the
# last one's. This **vanishing gradient** is why deep sigmoid networks learn slowly in their
# first layers (lesson 05 returns to it).
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
# The picture below is the computational graph of a layer with two inputs and two
# neurons, with every forward value and every gradient on it. The highlighted paths leave
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
# *Figure 3. The computational graph of one layer: inputs $a_k$ on the left, weighted
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
# *Figure 4 (interactive). The layer of Figure 3 with sliders for $a_1$, $a_2$, $w_{11}$ and
# $w_{21}$; forward values (blue) and gradients (red) update as you move them.*
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
# - The lecture's perceptron gives $\partial L/\partial w_2 \approx -0.00537$ and
#   $w_2 \approx 0.50269$; its last digits differ because it rounded $\hat y$ and
#   $\sigma'(z)$ before multiplying.
#
# ## Check yourself
#
# 1. A neuron's input activation $a^{(L-1)}$ is 0 for some example. What is that example's
#    contribution to $\partial C/\partial w^{(L)}$, and to $\partial C/\partial b^{(L)}$?
# 2. In a chain of 10 sigmoid neurons whose weights all lie in $[-1, 1]$, at most how large
#    can $|\partial C_0/\partial w^{(1)}|$ be compared with $|2(a^{(L)} - y)|$? What does
#    that mean for learning the first layer?
# 3. Why do `dw` and `db` average over the examples while `da_prev` keeps one value per example?
# 4. Someone computes $\sigma'$ as `z * (1 - z)`. For which $z$ is that even positive, and
#    why is it wrong everywhere else too?
# 5. Neuron $k$ of layer $L-1$ feeds three neurons of layer $L$. How many terms does
#    $\partial C_0/\partial a_k^{(L-1)}$ have, and what is each one?
#
# ## Check your code
#
# Working on your own? In a new cell, `from nnlib.selfcheck import check; check(sigmoid)`
# runs one of your graded functions on the lesson's public test cases (fixed inputs and
# the outputs they must give) and, when an answer is wrong, names the mistake it matches
# in the hidden tests' words. It works offline and never shows reference code; the hidden
# tests grade on other, random cases. This lesson's graded functions are `sigmoid`,
# `sigmoid_prime`, `neuron_grads` and `chain_grads`.
