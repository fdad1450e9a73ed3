"""Sample submissions for lesson 03: three correct styles and the catalogued mistakes."""
from . import Mistaken, code

# The instructor's backprop, with one line changed per mistake (see BACKPROP below).
BACKPROP = '''
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
            dZ = (params[f"W{l}"].T @ dZ) * A_prev * (1 - A_prev)
    return grads
'''

BACKPROP_LOOP = '''
def backprop_loop(X, Y, params, lambd):
    L = len(params) // 2
    m = X.shape[1]
    Delta = {f"dW{l}": np.zeros_like(params[f"W{l}"]) for l in range(1, L + 1)}
    Delta.update({f"db{l}": np.zeros_like(params[f"b{l}"]) for l in range(1, L + 1)})
    for i in range(m):
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
'''

FORWARD = '''
def forward(X, params):
    L = len(params) // 2
    cache = {"A0": X}
    A = X
    for l in range(1, L + 1):
        Z = params[f"W{l}"] @ A + params[f"b{l}"]
        A = sigmoid(Z)
        cache[f"Z{l}"], cache[f"A{l}"] = Z, A
    return A, cache
'''

COST = '''
def cost(AL, Y, params, lambd):
    m = Y.shape[1]
    cross_entropy = -np.sum(Y * np.log(AL) + (1 - Y) * np.log(1 - AL)) / m
    L = len(params) // 2
    penalty = sum(np.sum(params[f"W{l}"] ** 2) for l in range(1, L + 1))
    return float(cross_entropy + lambd / (2 * m) * penalty)
'''


def changed(source, old, new):
    """``source`` with the line ``old`` replaced by ``new`` (which must be there)."""
    assert old in source, old
    return code(source.replace(old, new))


CORRECT = {
    # A list cache of per-layer tuples, loops over entries, 1/m folded into δ^(L).
    "list_cache_loops": {
        "forward": code('''
            def forward(X, params):
                L = len(params) // 2
                cache = []
                A = X
                for l in range(1, L + 1):
                    A_prev = A
                    Z = np.dot(params["W" + str(l)], A_prev) + params["b" + str(l)]
                    A = 1.0 / (1.0 + np.exp(-Z))
                    cache.append((A_prev, Z, A))
                return A, cache
            '''),
        "cost": code('''
            def cost(AL, Y, params, lambd):
                K, m = Y.shape
                total = 0.0
                for i in range(m):
                    for k in range(K):
                        y, a = Y[k, i], AL[k, i]
                        total -= y * np.log(a) + (1 - y) * np.log(1 - a)
                squares = 0.0
                for key, value in params.items():
                    if key.startswith("W"):
                        squares += np.sum(value * value)
                return np.array(total / m + lambd * squares / (2 * m))
            '''),
        "answer_zero_weights_delta": code('''
            answer_zero_weights_delta = [0.0, -0.0811]
            '''),
        "backprop_loop": code('''
            def backprop_loop(X, Y, params, lambd):
                L = len(params) // 2
                m = X.shape[1]
                D = {k: np.zeros(v.shape) for k, v in params.items()}
                for i in range(m):
                    AL, cache = forward(X[:, i:i + 1], params)
                    delta = (AL - Y[:, i:i + 1]) / m
                    for l in range(L, 0, -1):
                        A_prev, Z, A = cache[l - 1]
                        D["W" + str(l)] = D["W" + str(l)] + delta @ A_prev.T
                        D["b" + str(l)] = D["b" + str(l)] + delta
                        if l > 1:
                            delta = params["W" + str(l)].T @ delta * (A_prev * (1 - A_prev))
                return {"d" + k: D[k] + (lambd / m * params[k] if k[0] == "W" else 0)
                        for k in params}
            '''),
        "answer_fp_bp_order": code('''
            answer_fp_bp_order = "(ii)"
            '''),
        "backprop": code('''
            def backprop(X, Y, params, lambd):
                L = len(params) // 2
                m = X.shape[1]
                AL, cache = forward(X, params)
                dZ = (AL - Y) / m
                grads = {}
                for l in reversed(range(1, L + 1)):
                    A_prev, Z, A = cache[l - 1]
                    W = params["W" + str(l)]
                    grads["dW" + str(l)] = np.dot(dZ, A_prev.T) + (lambd / m) * W
                    grads["db" + str(l)] = dZ.sum(axis=1).reshape(-1, 1)
                    s = 1 / (1 + np.exp(-cache[l - 2][1])) if l > 1 else None
                    if l > 1:
                        dZ = np.dot(W.T, dZ) * s * (1 - s)
                return grads
            '''),
    },
    # The slides' convention in cost and both gradients: (λ/2) Σ W² and D = Δ/m + λW;
    # a backprop that does its own forward pass and one that reads g'(z) from Z.
    "slides_lambda": {
        "forward": code('''
            def forward(X, params):
                L = len(params) // 2
                As, Zs = [X], []
                for l in range(1, L + 1):
                    Zs.append(params[f"W{l}"] @ As[-1] + params[f"b{l}"])
                    As.append(sigmoid(Zs[-1]))
                return As[-1], {"A": As, "Z": Zs}
            '''),
        "cost": code('''
            def cost(AL, Y, params, lambd):
                m = Y.shape[1]
                J = -np.mean(np.sum(Y * np.log(AL) + (1 - Y) * np.log(1 - AL), axis=0))
                Ws = [params[k] for k in params if k.startswith("W")]
                return J + lambd / 2 * sum((W ** 2).sum() for W in Ws)
            '''),
        "answer_zero_weights_delta": code('''
            a1 = sigmoid(np.array([[0.1, 0.3], [-0.2, 0.4]]) @ np.array([[1.0], [2.0]])
                         + np.array([[0.1], [-0.3]]))
            W2 = np.array([[0.0, 0.5], [0.0, -0.3]])
            d2 = sigmoid(W2 @ a1 + np.array([[0.1], [-0.1]])) - np.array([[1.0], [0.0]])
            answer_zero_weights_delta = W2.T @ d2 * a1 * (1 - a1)
            '''),
        "backprop_loop": code('''
            def backprop_loop(X, Y, params, lambd):
                L = len(params) // 2
                n, m = X.shape
                Delta = {key: 0.0 for key in params}
                for i in range(m):
                    a = [X[:, [i]]]
                    for l in range(1, L + 1):
                        a.append(sigmoid(params[f"W{l}"] @ a[-1] + params[f"b{l}"]))
                    delta = a[L] - Y[:, [i]]
                    for l in range(L, 0, -1):
                        Delta[f"W{l}"] = Delta[f"W{l}"] + delta @ a[l - 1].T
                        Delta[f"b{l}"] = Delta[f"b{l}"] + delta
                        delta = params[f"W{l}"].T @ delta * a[l - 1] * (1 - a[l - 1])
                grads = {}
                for l in range(1, L + 1):
                    grads[f"dW{l}"] = Delta[f"W{l}"] / m + lambd * params[f"W{l}"]
                    grads[f"db{l}"] = Delta[f"b{l}"] / m
                return grads
            '''),
        "answer_fp_bp_order": code('''
            answer_fp_bp_order = "II"
            '''),
        "backprop": code('''
            def backprop(X, Y, params, lambd):
                L = len(params) // 2
                m = X.shape[1]
                AL, cache = forward(X, params)
                A, Z = cache["A"], cache["Z"]
                grads = {}
                delta = AL - Y
                for l in range(L, 0, -1):
                    grads[f"dW{l}"] = delta @ A[l - 1].T / m + lambd * params[f"W{l}"]
                    grads[f"db{l}"] = delta.mean(axis=1, keepdims=True)
                    if l > 1:
                        g = sigmoid(Z[l - 2])
                        delta = params[f"W{l}"].T @ delta * g * (1 - g)
                return grads
            '''),
    },
    # In-place updates, 1-D example vectors with np.outer, a loop written with map(),
    # and a vectorised backprop that never calls forward.
    "inplace_outer": {
        "forward": code('''
            def forward(X, params):
                layers = []
                A = X
                for l in range(1, len(params) // 2 + 1):
                    Z = np.matmul(params[f"W{l}"], A)
                    Z += params[f"b{l}"]
                    layers.append({"A_prev": A, "Z": Z})
                    A = sigmoid(Z)
                    layers[-1]["A"] = A
                return A, layers
            '''),
        "cost": code('''
            def cost(AL, Y, params, lambd):
                m = AL.shape[1]
                logs = np.where(Y == 1, np.log(AL), np.log(1 - AL))
                squares = np.sum([np.vdot(W, W) for k, W in params.items() if k[0] == "W"])
                return -logs.sum() / m + lambd * squares / (2 * m)
            '''),
        "answer_fp_bp_order": code('''
            answer_fp_bp_order = "ii"
            '''),
        "answer_zero_weights_delta": code('''
            answer_zero_weights_delta = np.array([[0.0], [-0.08113]])
            '''),
        "backprop_loop": code('''
            def backprop_loop(X, Y, params, lambd):
                L = len(params) // 2
                m = X.shape[1]
                dW = [np.zeros_like(params[f"W{l}"]) for l in range(1, L + 1)]
                db = [np.zeros(params[f"b{l}"].shape[0]) for l in range(1, L + 1)]

                def accumulate(i):
                    a = [X[:, i]]
                    for l in range(1, L + 1):
                        z = params[f"W{l}"] @ a[-1] + params[f"b{l}"][:, 0]
                        a.append(1 / (1 + np.exp(-z)))
                    delta = a[L] - Y[:, i]
                    for l in range(L, 0, -1):
                        dW[l - 1] += np.outer(delta, a[l - 1])
                        db[l - 1] += delta
                        delta = (params[f"W{l}"].T @ delta) * a[l - 1] * (1 - a[l - 1])

                list(map(accumulate, range(m)))
                grads = {}
                for l in range(1, L + 1):
                    dW[l - 1] /= m
                    dW[l - 1] += (lambd / m) * params[f"W{l}"]
                    grads[f"dW{l}"] = dW[l - 1]
                    grads[f"db{l}"] = (db[l - 1] / m)[:, None]
                return grads
            '''),
        "backprop": code('''
            def backprop(X, Y, params, lambd):
                L = len(params) // 2
                m = X.shape[1]
                A = [X]
                for l in range(1, L + 1):
                    A.append(sigmoid(params[f"W{l}"] @ A[-1] + params[f"b{l}"]))
                grads = {}
                dZ = A[L] - Y
                for l in range(L, 0, -1):
                    dW = np.einsum("jm,km->jk", dZ, A[l - 1])
                    dW /= m
                    dW += lambd / m * params[f"W{l}"]
                    grads[f"dW{l}"] = dW
                    grads[f"db{l}"] = np.mean(dZ, axis=1, keepdims=True)
                    dZ = params[f"W{l}"].T @ dZ
                    dZ *= A[l - 1] * (1 - A[l - 1])
                return grads
            '''),
    },
}

MISTAKES = [
    # forward
    Mistaken("forward", "forward_missing_bias",
             changed(FORWARD, 'Z = params[f"W{l}"] @ A + params[f"b{l}"]',
                     'Z = params[f"W{l}"] @ A')),
    Mistaken("forward", "forward_output_not_sigmoid",
             changed(FORWARD, "A = sigmoid(Z)", "A = sigmoid(Z) if l < L else Z")),
    Mistaken("forward", "forward_cache_missing_z",
             changed(FORWARD, 'cache[f"Z{l}"], cache[f"A{l}"] = Z, A', 'cache[f"A{l}"] = A')),
    Mistaken("forward", "library_shortcut", code('''
        from nnlib import mlp

        def forward(X, params):
            AL, caches = mlp.mlp_forward(X, params)
            cache = {"A0": X}
            for l, ((A_prev, W), (Z, A, name)) in enumerate(caches, start=1):
                cache[f"Z{l}"], cache[f"A{l}"] = Z, sigmoid(Z)
            return AL, cache
        ''')),
    # cost
    Mistaken("cost", "cost_missing_one_minus_y_term",
             changed(COST, "-np.sum(Y * np.log(AL) + (1 - Y) * np.log(1 - AL)) / m",
                     "-np.sum(Y * np.log(AL)) / m")),
    Mistaken("cost", "cost_penalty_lambda_over_m",
             changed(COST, "lambd / (2 * m) * penalty", "lambd / m * penalty")),
    Mistaken("cost", "cost_penalty_missing",
             changed(COST, "cross_entropy + lambd / (2 * m) * penalty", "cross_entropy")),
    Mistaken("cost", "times_m",
             changed(COST, "-np.sum(Y * np.log(AL) + (1 - Y) * np.log(1 - AL)) / m",
                     "-np.sum(Y * np.log(AL) + (1 - Y) * np.log(1 - AL))")),
    Mistaken("cost", "bias_regularised",
             changed(COST, "penalty = sum(np.sum(params[f\"W{l}\"] ** 2) for l in range(1, L + 1))",
                     "penalty = sum(np.sum(p ** 2) for p in params.values())")),
    Mistaken("cost", "library_shortcut", code('''
        from nnlib.losses import cross_entropy

        def cost(AL, Y, params, lambd):
            m = Y.shape[1]
            penalty = sum(np.sum(W ** 2) for k, W in params.items() if k[0] == "W")
            return cross_entropy(AL, Y) + lambd / (2 * m) * penalty
        ''')),
    # the zero-weights question
    Mistaken("answer_zero_weights_delta", "zero_weights_all_zero", code('''
        answer_zero_weights_delta = [0.0, 0.0]
        ''')),
    Mistaken("answer_zero_weights_delta", "no_activation_derivative", code('''
        a1 = sigmoid(np.array([[0.1, 0.3], [-0.2, 0.4]]) @ np.array([[1.0], [2.0]])
                     + np.array([[0.1], [-0.3]]))
        W2 = np.array([[0.0, 0.5], [0.0, -0.3]])
        d2 = sigmoid(W2 @ a1 + np.array([[0.1], [-0.1]])) - np.array([[1.0], [0.0]])
        answer_zero_weights_delta = W2.T @ d2
        ''')),
    # backprop_loop
    Mistaken("backprop_loop", "accumulator_not_averaged",
             changed(BACKPROP_LOOP, 'Delta[f"dW{l}"] / m + lambd', 'Delta[f"dW{l}"] + lambd')),
    Mistaken("backprop_loop", "no_activation_derivative",
             changed(BACKPROP_LOOP, "delta = (params[f\"W{l}\"].T @ delta) * A_prev * (1 - A_prev)",
                     "delta = params[f\"W{l}\"].T @ delta")),
    Mistaken("backprop_loop", "lambda_without_m",
             changed(BACKPROP_LOOP, "lambd / m * params", "lambd * params")),
    # the order of FP and BP
    Mistaken("answer_fp_bp_order", "fp_bp_order_wrong", code('''
        answer_fp_bp_order = "iv"
        ''')),
    # backprop
    Mistaken("backprop", "times_m",
             changed(BACKPROP, "dZ @ A_prev.T / m + lambd", "dZ @ A_prev.T + lambd")),
    Mistaken("backprop", "divided_by_m",
             changed(BACKPROP, "dZ = AL - Y", "dZ = (AL - Y) / m")),
    Mistaken("backprop", "bias_regularised",
             changed(BACKPROP, "np.sum(dZ, axis=1, keepdims=True) / m",
                     'np.sum(dZ, axis=1, keepdims=True) / m + lambd / m * params[f"b{l}"]')),
    Mistaken("backprop", "transposed",
             changed(BACKPROP, 'dZ @ A_prev.T / m + lambd / m * params[f"W{l}"]',
                     'A_prev @ dZ.T / m + lambd / m * params[f"W{l}"].T')),
    Mistaken("backprop", "no_activation_derivative",
             changed(BACKPROP, "dZ = (params[f\"W{l}\"].T @ dZ) * A_prev * (1 - A_prev)",
                     "dZ = params[f\"W{l}\"].T @ dZ")),
    Mistaken("backprop", "derivative_applied_to_z",
             changed(BACKPROP, "dZ = (params[f\"W{l}\"].T @ dZ) * A_prev * (1 - A_prev)",
                     'dZ = (params[f"W{l}"].T @ dZ) * cache[f"Z{l - 1}"] * '
                     '(1 - cache[f"Z{l - 1}"])')),
    Mistaken("backprop", "negated", changed(BACKPROP, "dZ = AL - Y", "dZ = Y - AL")),
    Mistaken("backprop", "db_summed_over_units",
             changed(BACKPROP, "np.sum(dZ, axis=1, keepdims=True) / m",
                     "np.sum(dZ, axis=0, keepdims=True) / m")),
    Mistaken("backprop", "db_wrong_shape",
             changed(BACKPROP, "np.sum(dZ, axis=1, keepdims=True) / m", "np.sum(dZ, axis=1) / m")),
    Mistaken("backprop", "lambda_without_m",
             changed(BACKPROP, "lambd / m * params", "lambd * params")),
    Mistaken("backprop", "lambda_missing",
             changed(BACKPROP, ' + lambd / m * params[f"W{l}"]', "")),
    Mistaken("backprop", "library_shortcut", code('''
        from nnlib import mlp

        def backprop(X, Y, params, lambd):
            AL, caches = mlp.mlp_forward(X, params)
            return mlp.mlp_backward(AL, Y, caches, params, lambd)
        ''')),
]
