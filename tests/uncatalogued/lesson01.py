"""Uncatalogued mistakes for lesson 01: mse, mse_slope, gradient_descent."""
from . import Uncatalogued, cell

MISTAKES = [
    Uncatalogued("mse", "divides the sum of squared errors by m − 1, as for a sample variance", cell('''
        def mse(y_hat, y):
            y_hat = np.asarray(y_hat, dtype=float)
            y = np.asarray(y, dtype=float)
            return float(np.sum((y_hat - y) ** 2) / max(len(y) - 1, 1))
    ''')),
    Uncatalogued("mse_slope", "multiplies the mean error by the mean input instead of averaging error·x", cell('''
        def mse_slope(x, y, w):
            x = np.asarray(x, dtype=float)
            y = np.asarray(y, dtype=float)
            return float(np.mean(2.0 * (w * x - y)) * np.mean(x))
    ''')),
    Uncatalogued("mse_slope", "takes the derivative with respect to x: multiplies by w instead of x", cell('''
        def mse_slope(x, y, w):
            x = np.asarray(x, dtype=float)
            y = np.asarray(y, dtype=float)
            return float(np.mean(2.0 * (w * x - y) * w))
    ''')),
    Uncatalogued("gradient_descent", "computes the slope once, at w0, and reuses it at every step", cell('''
        def gradient_descent(x, y, w0, learning_rate, n_steps):
            w = float(w0)
            slope = mse_slope(x, y, w)
            losses = [mse(w * x, y)]
            for _ in range(n_steps):
                w = w - learning_rate * slope
                losses.append(mse(w * x, y))
            return w, losses
    ''')),
    Uncatalogued("gradient_descent", "records each loss before its step and never the last one", cell('''
        def gradient_descent(x, y, w0, learning_rate, n_steps):
            w = float(w0)
            losses = [mse(w * x, y)]
            for _ in range(n_steps):
                losses.append(mse(w * x, y))
                w = w - learning_rate * mse_slope(x, y, w)
            return w, losses
    ''')),
]
