"""Sample submissions for lesson 04: correct styles and the catalogued mistakes."""
from . import Mistaken, code

CORRECT = {
    "nditer-inplace": {
        "answer_which_plot": code('''
            answer_which_plot = "C"
            '''),
        "numerical_derivative": code('''
            def numerical_derivative(f, theta, eps):
                f_plus = f(theta + eps)
                f_minus = f(theta - eps)
                return float((f_plus - f_minus) / (2 * eps))
            '''),
        "numerical_gradient": code('''
            def numerical_gradient(J, theta, eps=1e-5):
                grad = np.zeros_like(theta, dtype=float)
                it = np.nditer(theta, flags=["multi_index"], op_flags=["readwrite"])
                while not it.finished:
                    idx = it.multi_index
                    old = theta[idx]
                    theta[idx] = old + eps
                    J_plus = J(theta)
                    theta[idx] = old - eps
                    J_minus = J(theta)
                    theta[idx] = old
                    grad[idx] = (J_plus - J_minus) / (2 * eps)
                    it.iternext()
                return grad
            '''),
        "relative_error": code('''
            def relative_error(a, b):
                a = np.asarray(a, dtype=float)
                b = np.asarray(b, dtype=float)
                denominator = np.linalg.norm(a) + np.linalg.norm(b)
                if denominator == 0:
                    return 0.0
                return float(np.linalg.norm(a - b) / denominator)
            '''),
        "answer_buggy_parameter": code('''
            answer_buggy_parameter = "db2"
            '''),
        "answer_why_backprop": code('''
            answer_why_backprop = "(b)"
            '''),
        "gradient_check": code('''
            def gradient_check(J, grad_J, theta, eps=1e-5, tol=1e-7):
                numerical = numerical_gradient(J, theta, eps)
                analytic = grad_J(theta)
                error = relative_error(analytic, numerical)
                return bool(error < tol), float(error)
            '''),
    },
    "flat-copies": {
        "answer_which_plot": code('''
            answer_which_plot = "c"
            '''),
        "numerical_derivative": code('''
            def numerical_derivative(f, theta, eps):
                return np.asarray((f(theta + eps) - f(theta - eps)) / 2 / eps)
            '''),
        "numerical_gradient": code('''
            def numerical_gradient(J, theta, eps=1e-5):
                theta = np.asarray(theta, dtype=float)
                grad = np.empty(theta.size)
                for i in range(theta.size):
                    index = np.unravel_index(i, theta.shape)
                    plus = theta.copy()
                    minus = theta.copy()
                    plus[index] += eps
                    minus[index] -= eps
                    grad[i] = (J(plus) - J(minus)) / (2 * eps)
                return grad.reshape(theta.shape)
            '''),
        "relative_error": code('''
            def relative_error(a, b):
                diff = np.sqrt(np.sum((np.asarray(a) - np.asarray(b)) ** 2))
                size = np.sqrt(np.sum(np.asarray(a) ** 2)) + np.sqrt(np.sum(np.asarray(b) ** 2))
                return diff / size if size > 0 else 0.0
            '''),
        "answer_buggy_parameter": code('''
            answer_buggy_parameter = "DB2"
            '''),
        "answer_why_backprop": code('''
            answer_why_backprop = "B"
            '''),
        "gradient_check": code('''
            def gradient_check(J, grad_J, theta, eps=1e-5, tol=1e-7):
                analytic = np.asarray(grad_J(theta.copy()))
                error = relative_error(analytic, numerical_gradient(J, theta.copy(), eps=eps))
                ok = error < tol
                return ok, error
            '''),
    },
    "unit-vectors-and-steps": {
        # Perturbs with += / -= in place: the restored θ may differ by one unit in the
        # last place, which is not a change of θ. Builds θ ± ε e_i with a unit vector.
        "numerical_gradient": code('''
            def numerical_gradient(J, theta, eps=1e-5):
                grad = np.zeros(theta.shape)
                for idx in np.ndindex(*theta.shape):
                    theta[idx] += eps
                    J_plus = J(theta)
                    theta[idx] -= 2 * eps
                    J_minus = J(theta)
                    theta[idx] += eps
                    grad[idx] = (J_plus - J_minus) / (2 * eps)
                return grad
            '''),
        "numerical_derivative": code('''
            def numerical_derivative(f, theta, eps):
                e = np.zeros(1)
                e[0] = eps
                return (f(theta + e[0]) - f(theta - e[0])) / (eps + eps)
            '''),
        "relative_error": code('''
            def relative_error(a, b):
                a = np.ravel(a)
                b = np.ravel(b)
                top = np.sqrt(np.dot(a - b, a - b))
                bottom = np.sqrt(np.dot(a, a)) + np.sqrt(np.dot(b, b))
                if bottom == 0:
                    return 0.0
                return top / bottom
            '''),
        "gradient_check": code('''
            def gradient_check(J, grad_J, theta, eps=1e-5, tol=1e-7):
                theta = np.array(theta, dtype=float)
                flat = theta.reshape(-1)
                numerical = np.zeros(flat.size)
                for i in range(flat.size):
                    step = np.zeros(flat.size)
                    step[i] = eps
                    plus = (flat + step).reshape(theta.shape)
                    minus = (flat - step).reshape(theta.shape)
                    numerical[i] = (J(plus) - J(minus)) / (2 * eps)
                error = relative_error(np.ravel(grad_J(theta)), numerical)
                if error < tol:
                    return True, error
                return False, error
            '''),
        "answer_which_plot": code('''
            answer_which_plot = " c "
            '''),
        "answer_buggy_parameter": code('''
            answer_buggy_parameter = "db2"
            '''),
        "answer_why_backprop": code('''
            answer_why_backprop = "b"
            '''),
    },
}

MISTAKES = [
    # numerical_derivative
    Mistaken("numerical_derivative", "one_sided_difference", code('''
        def numerical_derivative(f, theta, eps):
            return (f(theta + eps) - f(theta)) / eps
        ''')),
    Mistaken("numerical_derivative", "divided_by_eps_not_2eps", code('''
        def numerical_derivative(f, theta, eps):
            return (f(theta + eps) - f(theta - eps)) / eps
        ''')),
    Mistaken("numerical_derivative", "library_shortcut", code('''
        from nnlib.gradcheck import numerical_grad

        def numerical_derivative(f, theta, eps):
            return float(numerical_grad(f, np.array(theta, dtype=float), eps))
        ''')),
    # numerical_gradient
    Mistaken("numerical_gradient", "one_sided_difference", code('''
        def numerical_gradient(J, theta, eps=1e-5):
            grad = np.zeros_like(theta)
            J0 = J(theta)
            for idx in np.ndindex(theta.shape):
                plus = theta.copy()
                plus[idx] += eps
                grad[idx] = (J(plus) - J0) / eps
            return grad
        ''')),
    Mistaken("numerical_gradient", "divided_by_eps_not_2eps", code('''
        def numerical_gradient(J, theta, eps=1e-5):
            grad = np.zeros_like(theta)
            for idx in np.ndindex(theta.shape):
                plus, minus = theta.copy(), theta.copy()
                plus[idx] += eps
                minus[idx] -= eps
                grad[idx] = (J(plus) - J(minus)) / eps
            return grad
        ''')),
    Mistaken("numerical_gradient", "all_components_at_once", code('''
        def numerical_gradient(J, theta, eps=1e-5):
            grad = np.zeros_like(theta)
            for idx in np.ndindex(theta.shape):
                grad[idx] = (J(theta + eps) - J(theta - eps)) / (2 * eps)
            return grad
        ''')),
    Mistaken("numerical_gradient", "theta_left_at_minus_eps", code('''
        def numerical_gradient(J, theta, eps=1e-5):
            grad = np.zeros_like(theta)
            for idx in np.ndindex(theta.shape):
                theta[idx] += eps
                J_plus = J(theta)
                theta[idx] -= 2 * eps
                J_minus = J(theta)
                grad[idx] = (J_plus - J_minus) / (2 * eps)
            return grad
        ''')),
    Mistaken("numerical_gradient", "theta_left_at_plus_eps", code('''
        def numerical_gradient(J, theta, eps=1e-5):
            grad = np.zeros_like(theta)
            for idx in np.ndindex(theta.shape):
                old = theta[idx]
                theta[idx] = old + eps
                J_plus = J(theta)
                theta[idx] = old - eps
                J_minus = J(theta)
                theta[idx] = old + eps
                grad[idx] = (J_plus - J_minus) / (2 * eps)
            return grad
        ''')),
    Mistaken("numerical_gradient", "library_shortcut", code('''
        from nnlib import gradcheck

        def numerical_gradient(J, theta, eps=1e-5):
            return gradcheck.numerical_grad(J, theta, eps)
        ''')),
    # relative_error
    Mistaken("relative_error", "relative_error_absolute", code('''
        def relative_error(a, b):
            return np.linalg.norm(a - b)
        ''')),
    Mistaken("relative_error", "relative_error_denominator", code('''
        def relative_error(a, b):
            if np.linalg.norm(a) == 0:
                return 0.0
            return np.linalg.norm(a - b) / np.linalg.norm(a)
        ''')),
    Mistaken("relative_error", "relative_error_elementwise", code('''
        def relative_error(a, b):
            return np.max(np.abs(a - b) / np.maximum(1e-8, np.abs(a) + np.abs(b)))
        ''')),
    Mistaken("relative_error", "library_shortcut", code('''
        from nnlib.gradcheck import rel_error

        def relative_error(a, b):
            return rel_error(a, b)
        ''')),
    # gradient_check
    Mistaken("gradient_check", "gradcheck_inverted", code('''
        def gradient_check(J, grad_J, theta, eps=1e-5, tol=1e-7):
            error = relative_error(grad_J(theta), numerical_gradient(J, theta, eps))
            return error > tol, error
        ''')),
    Mistaken("gradient_check", "gradcheck_tol_ignored", code('''
        def gradient_check(J, grad_J, theta, eps=1e-5, tol=1e-7):
            error = relative_error(grad_J(theta), numerical_gradient(J, theta, eps))
            return error < 1e-7, error
        ''')),
    Mistaken("gradient_check", "gradcheck_bool_only", code('''
        def gradient_check(J, grad_J, theta, eps=1e-5, tol=1e-7):
            error = relative_error(grad_J(theta), numerical_gradient(J, theta, eps))
            return error < tol
        ''')),
    Mistaken("gradient_check", "gradcheck_eps_ignored", code('''
        def gradient_check(J, grad_J, theta, eps=1e-5, tol=1e-7):
            error = relative_error(grad_J(theta), numerical_gradient(J, theta))
            return error < tol, error
        ''')),
    Mistaken("gradient_check", "library_shortcut", code('''
        from nnlib.gradcheck import numerical_grad, rel_error

        def gradient_check(J, grad_J, theta, eps=1e-5, tol=1e-7):
            error = rel_error(grad_J(theta), numerical_grad(J, theta, eps))
            return error < tol, error
        ''')),
    # the auto-graded answers
    Mistaken("answer_which_plot", "gradcheck_wrong_plot", code('''
        answer_which_plot = "a"
        ''')),
    Mistaken("answer_buggy_parameter", "gradcheck_wrong_buggy_parameter", code('''
        answer_buggy_parameter = "dW2"
        ''')),
    Mistaken("answer_why_backprop", "gradcheck_wrong_why_backprop", code('''
        answer_why_backprop = "a"
        ''')),
]
