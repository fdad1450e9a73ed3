"""Uncatalogued mistakes for lesson 07: l2_penalty, l2_grads, weight_decay_update."""
from . import Uncatalogued, cell

MISTAKES = [
    Uncatalogued("l2_penalty", "the square of the sum of the weights instead of the sum of their squares", cell('''
        def l2_penalty(params, lambd, m):
            L = len(params) // 2
            total = 0.0
            for l in range(1, L + 1):
                total += np.sum(params[f"W{l}"]) ** 2
            return float(lambd / (2 * m) * total)
    ''')),
    Uncatalogued("l2_penalty", "averages the squares of each layer (np.mean) instead of summing them", cell('''
        def l2_penalty(params, lambd, m):
            L = len(params) // 2
            total = 0.0
            for l in range(1, L + 1):
                total += np.mean(np.square(params[f"W{l}"]))
            return float(lambd / (2 * m) * total)
    ''')),
    Uncatalogued("l2_grads", "keeps the ½ of the penalty in the gradient: λ/(2m)·W", cell('''
        def l2_grads(grads, params, lambd, m):
            L = len(params) // 2
            for l in range(1, L + 1):
                grads[f"dW{l}"] = grads[f"dW{l}"] + lambd / (2 * m) * params[f"W{l}"]
            return grads
    ''')),
    Uncatalogued("weight_decay_update", "shrinks after the step: (1 − αλ)(W − α·dW)", cell('''
        def weight_decay_update(W, dW, learning_rate, lambd):
            shrink = 1.0 - learning_rate * lambd
            return shrink * (W - learning_rate * dW)
    ''')),
]
