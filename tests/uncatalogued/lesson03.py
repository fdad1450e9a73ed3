"""Uncatalogued mistakes for lesson 03: forward, cost, backprop_loop, backprop."""
from . import Uncatalogued, cell

MISTAKES = [
    Uncatalogued("forward", "uses ReLU in the hidden layers, sigmoid only at the output", cell('''
        def forward(X, params):
            L = len(params) // 2
            cache = {"A0": X}
            A = X
            for l in range(1, L + 1):
                Z = params[f"W{l}"] @ A + params[f"b{l}"]
                A = sigmoid(Z) if l == L else np.maximum(0.0, Z)
                cache[f"Z{l}"], cache[f"A{l}"] = Z, A
            return A, cache
    ''')),
    Uncatalogued("cost", "averages the cross-entropy over all K·m entries (np.mean), so it is divided by K·m", cell('''
        def cost(AL, Y, params, lambd):
            m = Y.shape[1]
            cross_entropy = -np.mean(Y * np.log(AL) + (1 - Y) * np.log(1 - AL))
            L = len(params) // 2
            penalty = sum(np.sum(params[f"W{l}"] ** 2) for l in range(1, L + 1))
            return float(cross_entropy + lambd / (2 * m) * penalty)
    ''')),
    Uncatalogued("cost", "the penalty squares the sum of each layer's weights instead of summing their squares", cell('''
        def cost(AL, Y, params, lambd):
            m = Y.shape[1]
            cross_entropy = -np.sum(Y * np.log(AL) + (1 - Y) * np.log(1 - AL)) / m
            L = len(params) // 2
            penalty = sum(np.sum(params[f"W{l}"]) ** 2 for l in range(1, L + 1))
            return float(cross_entropy + lambd / (2 * m) * penalty)
    ''')),
    Uncatalogued("backprop", "multiplies the output δ of sigmoid + cross-entropy by σ′ = a(1 − a) again", cell('''
        def backprop(X, Y, params, lambd):
            L = len(params) // 2
            m = X.shape[1]
            AL, cache = forward(X, params)
            dZ = (AL - Y) * AL * (1 - AL)
            grads = {}
            for l in range(L, 0, -1):
                A_prev = cache[f"A{l - 1}"]
                grads[f"dW{l}"] = dZ @ A_prev.T / m + lambd / m * params[f"W{l}"]
                grads[f"db{l}"] = np.sum(dZ, axis=1, keepdims=True) / m
                if l > 1:
                    dZ = (params[f"W{l}"].T @ dZ) * A_prev * (1 - A_prev)
            return grads
    ''')),
    Uncatalogued("backprop", "keeps the ½ of the penalty in its gradient: λ/(2m)·W", cell('''
        def backprop(X, Y, params, lambd):
            L = len(params) // 2
            m = X.shape[1]
            AL, cache = forward(X, params)
            dZ = AL - Y
            grads = {}
            for l in range(L, 0, -1):
                A_prev = cache[f"A{l - 1}"]
                grads[f"dW{l}"] = dZ @ A_prev.T / m + lambd / (2 * m) * params[f"W{l}"]
                grads[f"db{l}"] = np.sum(dZ, axis=1, keepdims=True) / m
                if l > 1:
                    dZ = (params[f"W{l}"].T @ dZ) * A_prev * (1 - A_prev)
            return grads
    ''')),
    Uncatalogued("backprop", "uses the tanh derivative 1 − a² for the hidden layers", cell('''
        def backprop(X, Y, params, lambd):
            L = len(params) // 2
            m = X.shape[1]
            AL, cache = forward(X, params)
            dZ = AL - Y
            grads = {}
            for l in range(L, 0, -1):
                A_prev = cache[f"A{l - 1}"]
                grads[f"dW{l}"] = dZ @ A_prev.T / m + lambd / m * params[f"W{l}"]
                grads[f"db{l}"] = np.sum(dZ, axis=1, keepdims=True) / m
                if l > 1:
                    dZ = (params[f"W{l}"].T @ dZ) * (1 - A_prev ** 2)
            return grads
    ''')),
    Uncatalogued("backprop_loop", "loops over range(m − 1): the last example is never added to Δ", cell('''
        def backprop_loop(X, Y, params, lambd):
            L = len(params) // 2
            m = X.shape[1]
            Delta = {f"dW{l}": np.zeros_like(params[f"W{l}"]) for l in range(1, L + 1)}
            Delta.update({f"db{l}": np.zeros_like(params[f"b{l}"]) for l in range(1, L + 1)})
            for i in range(m - 1):
                _, cache = forward(X[:, [i]], params)
                delta = cache[f"A{L}"] - Y[:, [i]]
                for l in range(L, 0, -1):
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
    ''')),
]
