"""Sample submissions for lesson 01: two correct styles and the catalogued mistakes."""
from . import Mistaken, code

CORRECT = {
    "loops": {
        "mse": code('''
            def mse(y_hat, y):
                total = 0.0
                for prediction, target in zip(y_hat, y):
                    total += (prediction - target) ** 2
                return total / len(y)
            '''),
        "mse_slope": code('''
            def mse_slope(x, y, w):
                slope = 0.0
                for xi, yi in zip(x, y):
                    slope += 2 * (w * xi - yi) * xi
                return slope / len(x)
            '''),
        "gradient_descent": code('''
            def gradient_descent(x, y, w0, learning_rate, n_steps):
                w = w0
                losses = [mse(w * x, y)]
                step = 0
                while step < n_steps:
                    w -= learning_rate * mse_slope(x, y, w)
                    losses.append(mse(w * x, y))
                    step += 1
                return w, losses
            '''),
        "answer_one_step": code('''
            answer_one_step = 2.16
            '''),
        "answer_lr_regime": code('''
            answer_lr_regime = "(c)"
            '''),
    },
    "vectorised": {
        "mse": code('''
            def mse(y_hat, y):
                residual = np.subtract(y_hat, y)
                return residual @ residual / residual.size
            '''),
        "mse_slope": code('''
            def mse_slope(x, y, w):
                x = np.asarray(x)
                return 2 * np.dot(w * x - y, x) / x.shape[0]
            '''),
        "gradient_descent": code('''
            def gradient_descent(x, y, w0, learning_rate, n_steps):
                ws = [w0]
                for _ in range(n_steps):
                    ws.append(ws[-1] - learning_rate * mse_slope(x, y, ws[-1]))
                return ws[-1], np.array([mse(w * x, y) for w in ws])
            '''),
        "answer_one_step": code('''
            w, x, y, learning_rate = 2.0, 4.0, 10.0, 0.01
            answer_one_step = w - learning_rate * 2 * (w * x - y) * x
            '''),
        "answer_lr_regime": code('''
            answer_lr_regime = " C "
            '''),
    },
}

MISTAKES = [
    Mistaken("mse", "times_m", code('''
        def mse(y_hat, y):
            return np.sum((y_hat - y) ** 2)
        ''')),
    Mistaken("mse", "absolute_error", code('''
        def mse(y_hat, y):
            return np.mean(np.abs(y_hat - y))
        ''')),
    Mistaken("mse", "root_mean_square", code('''
        def mse(y_hat, y):
            return np.sqrt(np.mean((y_hat - y) ** 2))
        ''')),
    Mistaken("mse", "square_of_mean", code('''
        def mse(y_hat, y):
            return np.mean(y_hat - y) ** 2
        ''')),
    Mistaken("mse", "library_shortcut", code('''
        from nnlib import losses

        def mse(y_hat, y):
            return losses.mean_squared_error(y_hat, y)
        ''')),
    Mistaken("mse_slope", "halved", code('''
        def mse_slope(x, y, w):
            return np.mean((w * x - y) * x)
        ''')),
    Mistaken("mse_slope", "negated", code('''
        def mse_slope(x, y, w):
            return np.mean(2 * (y - w * x) * x)
        ''')),
    Mistaken("mse_slope", "times_m", code('''
        def mse_slope(x, y, w):
            return np.sum(2 * (w * x - y) * x)
        ''')),
    Mistaken("mse_slope", "slope_missing_input", code('''
        def mse_slope(x, y, w):
            return np.mean(2 * (w * x - y))
        ''')),
    Mistaken("gradient_descent", "gradient_ascent", code('''
        def gradient_descent(x, y, w0, learning_rate, n_steps):
            w = w0
            losses = [mse(w * x, y)]
            for _ in range(n_steps):
                w = w + learning_rate * mse_slope(x, y, w)
                losses.append(mse(w * x, y))
            return w, losses
        ''')),
    Mistaken("gradient_descent", "losses_shifted", code('''
        def gradient_descent(x, y, w0, learning_rate, n_steps):
            w = w0
            losses = []
            for _ in range(n_steps):
                w = w - learning_rate * mse_slope(x, y, w)
                losses.append(mse(w * x, y))
            return w, losses
        ''')),
    Mistaken("gradient_descent", "learning_rate_ignored", code('''
        def gradient_descent(x, y, w0, learning_rate, n_steps):
            w = w0
            losses = [mse(w * x, y)]
            for _ in range(n_steps):
                w = w - mse_slope(x, y, w)
                losses.append(mse(w * x, y))
            return w, losses
        ''')),
    # the questions
    Mistaken("answer_one_step", "gradient_ascent", code('''
        answer_one_step = 2.0 + 0.01 * 2 * (2.0 * 4.0 - 10.0) * 4.0
        ''')),
    Mistaken("answer_one_step", "slope_missing_input", code('''
        answer_one_step = 2.04
        ''')),
    Mistaken("answer_one_step", "step_slope_missing_2", code('''
        answer_one_step = 2.08
        ''')),
    Mistaken("answer_one_step", "step_answer_is_slope", code('''
        answer_one_step = -16
        ''')),
    Mistaken("answer_lr_regime", "lr_regime_diverges", code('''
        answer_lr_regime = "d"
        ''')),
    Mistaken("answer_lr_regime", "lr_regime_good", code('''
        answer_lr_regime = "b"
        ''')),
    Mistaken("answer_lr_regime", "lr_regime_too_small", code('''
        answer_lr_regime = "a"
        ''')),
]
