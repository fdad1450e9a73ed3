"""Uncatalogued mistakes for lesson 04: numerical_derivative, numerical_gradient,
relative_error, gradient_check."""
from . import Uncatalogued, cell

MISTAKES = [
    Uncatalogued("numerical_derivative", "a one-sided difference divided by 2ε", cell('''
        def numerical_derivative(f, theta, eps):
            return float((f(theta + eps) - f(theta)) / (2.0 * eps))
    ''')),
    Uncatalogued("numerical_gradient", "loops over the first axis only: a 2-D θ gets whole rows nudged at once", cell('''
        def numerical_gradient(J, theta, eps=1e-5):
            grad = np.zeros(np.shape(theta))
            if np.ndim(theta) == 0:
                return np.array((J(theta + eps) - J(theta - eps)) / (2.0 * eps))
            for i in range(len(theta)):
                saved = np.copy(theta[i])
                theta[i] = saved + eps
                J_plus = J(theta)
                theta[i] = saved - eps
                J_minus = J(theta)
                theta[i] = saved
                grad[i] = (J_plus - J_minus) / (2.0 * eps)
            return grad
    ''')),
    Uncatalogued("relative_error", "uses squared norms: Σ(a − b)² / (Σa² + Σb²)", cell('''
        def relative_error(a, b):
            a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
            denominator = np.sum(a ** 2) + np.sum(b ** 2)
            if denominator == 0.0:
                return 0.0
            return float(np.sum((a - b) ** 2) / denominator)
    ''')),
    Uncatalogued("gradient_check", "returns the absolute difference ‖analytic − numerical‖, not the relative error", cell('''
        def gradient_check(J, grad_J, theta, eps=1e-5, tol=1e-7):
            analytic = grad_J(theta)
            numerical = numerical_gradient(J, theta, eps)
            error = float(np.linalg.norm(analytic - numerical))
            return bool(error < tol), error
    ''')),
]
