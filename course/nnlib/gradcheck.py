"""Numerical gradients by central differences, for checking analytic ones."""
import numpy as np


def numerical_grad(f, theta, eps=1e-6):
    """Central-difference estimate of the gradient of a scalar function.

    f:      callable taking an array shaped like ``theta`` and returning a number.
    theta:  array of any shape (float64); it is restored exactly before returning.
    Returns an array shaped like ``theta`` whose entry i is
    (f(theta + eps e_i) - f(theta - eps e_i)) / (2 eps); the error is O(eps^2).
    """
    theta = np.asarray(theta, dtype=np.float64)
    grad = np.empty_like(theta)
    flat, out = theta.reshape(-1), grad.reshape(-1)  # views: edits reach theta
    for i in range(flat.size):
        saved = flat[i]
        flat[i] = saved + eps
        f_plus = float(f(theta))
        flat[i] = saved - eps
        f_minus = float(f(theta))
        flat[i] = saved
        out[i] = (f_plus - f_minus) / (2.0 * eps)
    return grad


def numerical_param_grads(cost, params, eps=1e-6):
    """Numerical gradients of ``cost(params)`` for every entry of a parameter dict.

    Returns a dict with keys ``"d" + key`` (``"dW1"``, ``"db1"``, ...), the course's
    convention for gradients. ``params`` is left unchanged.
    """
    grads = {}
    for key, value in params.items():
        work = {k: np.array(v, dtype=np.float64) for k, v in params.items()}

        def cost_of(entry, key=key, work=work):
            work[key] = entry
            return cost(work)

        grads["d" + key] = numerical_grad(cost_of, work[key].copy(), eps)
    return grads


def rel_error(a, b):
    """||a - b|| / (||a|| + ||b||), 0 when both are zero."""
    a = np.asarray(a, dtype=np.float64)
    b = np.asarray(b, dtype=np.float64)
    denom = np.linalg.norm(a) + np.linalg.norm(b)
    return 0.0 if denom == 0 else float(np.linalg.norm(a - b) / denom)
