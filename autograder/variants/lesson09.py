"""Sample submissions for lesson 09: two correct styles and the catalogued mistakes."""
from . import Mistaken, code

# The instructor's answers, with one line changed per mistake (see MISTAKES below).
SOFTMAX = '''
def softmax(Z):
    E = np.exp(Z - np.max(Z, axis=0, keepdims=True))
    return E / np.sum(E, axis=0, keepdims=True)
'''

SOFTMAX_COST = '''
def softmax_cost(AL, Y, params, lambd):
    m = Y.shape[1]
    cross_entropy = -np.sum(Y * np.log(AL)) / m
    return float(cross_entropy + l2_penalty(params, lambd, m))
'''

SOFTMAX_BACKPROP = '''
def softmax_backprop(X, Y, params, lambd):
    L = len(params) // 2
    m = X.shape[1]
    As = [X]
    for l in range(1, L):
        As.append(sigmoid(params[f"W{l}"] @ As[-1] + params[f"b{l}"]))
    AL = softmax(params[f"W{L}"] @ As[-1] + params[f"b{L}"])
    dZ = AL - Y
    grads = {}
    for l in range(L, 0, -1):
        grads[f"dW{l}"] = dZ @ As[l - 1].T / m
        grads[f"db{l}"] = np.sum(dZ, axis=1, keepdims=True) / m
        if l > 1:
            dZ = (params[f"W{l}"].T @ dZ) * As[l - 1] * (1 - As[l - 1])
    return l2_grads(grads, params, lambd, m)
'''

PREDICT = '''
def predict(X, params):
    return np.argmax(softmax_forward(X, params), axis=0)
'''

TRAIN = '''
def train(X, Y, layer_dims, rng, epochs, batch_size, learning_rate, beta, lambd):
    params = init_he(layer_dims, rng)
    v = init_velocity(params)
    costs = []
    for _ in range(epochs):
        for X_batch, Y_batch in random_minibatches(X, Y, batch_size, rng):
            grads = softmax_backprop(X_batch, Y_batch, params, lambd)
            params, v = momentum_update(params, grads, v, beta, learning_rate)
        costs.append(softmax_cost(softmax_forward(X, params), Y, params, lambd))
    return params, costs
'''


def changed(source, old, new):
    """``source`` with ``old`` replaced by ``new`` (which must be there)."""
    assert old in source, old
    return code(source.replace(old, new))


CORRECT = {
    # The slides' λ convention in cost and gradient ((λ/2) Σ W², λW); earlier functions
    # written differently (a list cache, Xavier, in-place momentum); loops over examples
    # in softmax; softmax_backprop reads the hidden activations from the pasted forward's
    # list cache; train shuffles by itself and applies momentum inline.
    "slides_lambda_loops": {
        "earlier_functions": code('''
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


            def init_xavier(layer_dims, rng):
                params = {}
                for l in range(1, len(layer_dims)):
                    std = np.sqrt(2.0 / (layer_dims[l - 1] + layer_dims[l]))
                    params["W" + str(l)] = std * rng.standard_normal((layer_dims[l], layer_dims[l - 1]))
                    params["b" + str(l)] = np.zeros((layer_dims[l], 1))
                return params


            init_he = init_xavier  # this student answered lesson 05 with Xavier only


            def random_minibatches(X, Y, batch_size, rng):
                m = X.shape[1]
                order = rng.choice(m, size=m, replace=False)
                pieces = np.array_split(order, np.arange(batch_size, m, batch_size))
                return [(X[:, piece], Y[:, piece]) for piece in pieces if piece.size]


            def init_velocity(params):
                return {"d" + k: np.zeros(p.shape) for k, p in params.items()}


            def momentum_update(params, grads, v, beta, learning_rate):
                for key in list(params):
                    v["d" + key] *= beta
                    v["d" + key] += (1.0 - beta) * grads["d" + key]
                    params[key] -= learning_rate * v["d" + key]
                return params, v


            def l2_penalty(params, lambd, m):
                return lambd / (2 * m) * sum(np.sum(W * W) for k, W in params.items() if k[0] == "W")


            def l2_grads(grads, params, lambd, m):
                return {k: g + (lambd / m * params[k[1:]] if k[1] == "W" else 0) for k, g in grads.items()}
            '''),
        "softmax": code('''
            def softmax(Z):
                A = np.empty(Z.shape)
                for j in range(Z.shape[1]):
                    column = Z[:, j] - Z[:, j].max()
                    A[:, j] = np.exp(column) / np.exp(column).sum()
                return A
            '''),
        "answer_softmax_shift": code('''
            answer_softmax_shift = "(i)"
            '''),
        "softmax_cost": code('''
            def softmax_cost(AL, Y, params, lambd):
                K, m = Y.shape
                total = 0.0
                for i in range(m):
                    k = int(np.argmax(Y[:, i]))
                    total -= np.log(AL[k, i])
                squares = sum(np.sum(params[f"W{l}"] ** 2) for l in range(1, len(params) // 2 + 1))
                return total / m + lambd / 2 * squares
            '''),
        "softmax_backprop": code('''
            def softmax_backprop(X, Y, params, lambd):
                L = len(params) // 2
                m = X.shape[1]
                hidden = {k: params[k] for k in params if int(k[1:]) < L}
                if L > 1:
                    _, cache = forward(X, hidden)
                    inputs = [X] + [A for (_, _, A) in cache]
                else:
                    inputs = [X]
                delta = softmax(params["W" + str(L)] @ inputs[-1] + params["b" + str(L)]) - Y
                grads = {}
                for l in reversed(range(1, L + 1)):
                    A_prev = inputs[l - 1]
                    grads["dW" + str(l)] = np.dot(delta, A_prev.T) / m + lambd * params["W" + str(l)]
                    grads["db" + str(l)] = delta.mean(axis=1).reshape(-1, 1)
                    delta = np.dot(params["W" + str(l)].T, delta) * A_prev * (1 - A_prev)
                return grads
            '''),
        "predict": code('''
            def predict(X, params):
                L = len(params) // 2
                A = X
                for l in range(1, L):
                    A = sigmoid(params[f"W{l}"] @ A + params[f"b{l}"])
                Z = params[f"W{L}"] @ A + params[f"b{L}"]
                return Z.argmax(axis=0)   # the softmax keeps the order of the z_k
            '''),
        "train": code('''
            def train(X, Y, layer_dims, rng, epochs, batch_size, learning_rate, beta, lambd):
                params = init_xavier(layer_dims, rng)
                velocity = {k: np.zeros_like(p) for k, p in params.items()}
                m = X.shape[1]
                costs = []
                for epoch in range(epochs):
                    order = rng.permutation(m)
                    for start in range(0, m, batch_size):
                        batch = order[start:start + batch_size]
                        grads = softmax_backprop(X[:, batch], Y[:, batch], params, lambd)
                        for k in params:
                            velocity[k] = beta * velocity[k] + (1 - beta) * grads["d" + k]
                            params[k] = params[k] - learning_rate * velocity[k]
                    costs.append(softmax_cost(softmax_forward(X, params), Y, params, lambd))
                return params, np.array(costs)
            '''),
        "answer_example_order": code('''
            answer_example_order = "II"
            '''),
    },
    # The course's convention; a log-sum-exp softmax; 1/m folded into δ^(L); a mean in
    # the cost; softmax_backprop reads the pasted forward's dict cache; predict through
    # the given softmax_forward; train with the pasted helpers and a plain loop over the
    # batches, recording the mean cost of each epoch's batches.
    "course_logsumexp": {
        "earlier_functions": code('''
            def forward(X, params):
                L = len(params) // 2
                cache = {"A0": X}
                A = X
                for l in range(1, L + 1):
                    Z = params[f"W{l}"] @ A + params[f"b{l}"]
                    A = sigmoid(Z)
                    cache[f"Z{l}"], cache[f"A{l}"] = Z, A
                return A, cache


            def init_he(layer_dims, rng):
                params = {}
                for l in range(1, len(layer_dims)):
                    n_in, n_out = layer_dims[l - 1], layer_dims[l]
                    params[f"W{l}"] = rng.standard_normal((n_out, n_in)) * np.sqrt(2 / n_in)
                    params[f"b{l}"] = np.zeros((n_out, 1))
                return params


            def random_minibatches(X, Y, batch_size, rng):
                m = X.shape[1]
                order = rng.permutation(m)
                return [(X[:, order[k:k + batch_size]], Y[:, order[k:k + batch_size]])
                        for k in range(0, m, batch_size)]


            def init_velocity(params):
                return {"d" + k: np.zeros_like(p) for k, p in params.items()}


            def momentum_update(params, grads, v, beta, learning_rate):
                v = {k: beta * v[k] + (1 - beta) * grads[k] for k in v}
                return {k: params[k] - learning_rate * v["d" + k] for k in params}, v


            def l2_penalty(params, lambd, m):
                L = len(params) // 2
                return float(lambd / (2 * m) * sum(np.sum(params[f"W{l}"] ** 2) for l in range(1, L + 1)))


            def l2_grads(grads, params, lambd, m):
                for l in range(1, len(params) // 2 + 1):
                    grads[f"dW{l}"] = grads[f"dW{l}"] + lambd / m * params[f"W{l}"]
                return grads
            '''),
        "softmax": code('''
            def softmax(Z):
                top = Z.max(axis=0)
                log_sum = top + np.log(np.exp(Z - top).sum(axis=0))
                return np.exp(Z - log_sum)
            '''),
        "answer_softmax_shift": code('''
            answer_softmax_shift = "i"
            '''),
        "softmax_cost": code('''
            def softmax_cost(AL, Y, params, lambd):
                m = AL.shape[1]
                return -np.mean(np.sum(Y * np.log(AL), axis=0)) + l2_penalty(params, lambd, m)
            '''),
        "softmax_backprop": code('''
            def softmax_backprop(X, Y, params, lambd):
                L = len(params) // 2
                m = X.shape[1]
                _, cache = forward(X, {k: v for k, v in params.items() if int(k[1:]) < L})
                A_last = cache[f"A{L - 1}"]
                dZ = (softmax(params[f"W{L}"] @ A_last + params[f"b{L}"]) - Y) / m
                grads = {}
                for l in range(L, 0, -1):
                    A_prev = cache[f"A{l - 1}"]
                    grads[f"dW{l}"] = dZ @ A_prev.T + (lambd / m) * params[f"W{l}"]
                    grads[f"db{l}"] = dZ.sum(axis=1, keepdims=True)
                    if l > 1:
                        dZ = params[f"W{l}"].T @ dZ * (A_prev - A_prev ** 2)
                return grads
            '''),
        "predict": code('''
            def predict(X, params):
                AL = softmax_forward(X, params)
                return np.array([int(np.argmax(AL[:, j])) for j in range(AL.shape[1])])
            '''),
        "train": code('''
            def train(X, Y, layer_dims, rng, epochs, batch_size, learning_rate, beta, lambd):
                params = init_he(layer_dims, rng)
                v = init_velocity(params)
                costs = []
                for epoch in range(epochs):
                    batch_costs = []
                    for X_b, Y_b in random_minibatches(X, Y, batch_size, rng):
                        grads = softmax_backprop(X_b, Y_b, params, lambd)
                        params, v = momentum_update(params, grads, v, beta, learning_rate)
                        batch_costs.append(softmax_cost(softmax_forward(X_b, params), Y_b,
                                                        params, lambd))
                    costs.append(float(np.mean(batch_costs)))
                return params, costs
            '''),
        "answer_example_order": code('''
            answer_example_order = " (ii) "
            '''),
    },
}

MISTAKES = [
    # softmax
    Mistaken("softmax", "softmax_overflow", code('''
        def softmax(Z):
            E = np.exp(Z)
            return E / np.sum(E, axis=0, keepdims=True)
        ''')),
    Mistaken("softmax", "softmax_wrong_axis",
             changed(SOFTMAX, "np.sum(E, axis=0, keepdims=True)", "np.sum(E, axis=1, keepdims=True)")
             .replace("np.max(Z, axis=0, keepdims=True)", "np.max(Z, axis=1, keepdims=True)")),
    Mistaken("softmax", "softmax_is_sigmoid", code('''
        def softmax(Z):
            return 1 / (1 + np.exp(-Z))
        ''')),
    # the shift question
    Mistaken("answer_softmax_shift", "softmax_shift_wrong", code('''
        answer_softmax_shift = "iii"
        ''')),
    # softmax_cost
    Mistaken("softmax_cost", "softmax_cost_not_averaged",
             changed(SOFTMAX_COST, "-np.sum(Y * np.log(AL)) / m", "-np.sum(Y * np.log(AL))")),
    Mistaken("softmax_cost", "softmax_cost_binary_terms",
             changed(SOFTMAX_COST, "-np.sum(Y * np.log(AL)) / m",
                     "-np.sum(Y * np.log(AL) + (1 - Y) * np.log(1 - AL)) / m")),
    Mistaken("softmax_cost", "bias_regularised", code('''
        def softmax_cost(AL, Y, params, lambd):
            m = Y.shape[1]
            squares = sum(np.sum(value ** 2) for value in params.values())
            return float(-np.sum(Y * np.log(AL)) / m + lambd / (2 * m) * squares)
        ''')),
    Mistaken("softmax_cost", "cost_penalty_lambda_over_m",
             changed(SOFTMAX_COST, "l2_penalty(params, lambd, m)", "2 * l2_penalty(params, lambd, m)")),
    # softmax_backprop
    Mistaken("softmax_backprop", "softmax_output_extra_derivative",
             changed(SOFTMAX_BACKPROP, "dZ = AL - Y", "dZ = (AL - Y) * AL * (1 - AL)")),
    Mistaken("softmax_backprop", "softmax_backprop_sigmoid_output",
             changed(SOFTMAX_BACKPROP, 'AL = softmax(params[f"W{L}"]', 'AL = sigmoid(params[f"W{L}"]')),
    Mistaken("softmax_backprop", "l2_gradient_lambda_over_2m",
             changed(SOFTMAX_BACKPROP, "return l2_grads(grads, params, lambd, m)",
                     "return l2_grads(grads, params, lambd / 2, m)")),
    Mistaken("softmax_backprop", "lambda_without_m",
             changed(SOFTMAX_BACKPROP, "return l2_grads(grads, params, lambd, m)",
                     "return l2_grads(grads, params, lambd * m, m)")),
    Mistaken("softmax_backprop", "no_activation_derivative",
             changed(SOFTMAX_BACKPROP, "dZ = (params[f\"W{l}\"].T @ dZ) * As[l - 1] * (1 - As[l - 1])",
                     "dZ = params[f\"W{l}\"].T @ dZ")),
    Mistaken("softmax_backprop", "times_m",
             changed(SOFTMAX_BACKPROP, "dZ @ As[l - 1].T / m", "dZ @ As[l - 1].T")
             .replace("np.sum(dZ, axis=1, keepdims=True) / m", "np.sum(dZ, axis=1, keepdims=True)")),
    Mistaken("softmax_backprop", "library_shortcut", code('''
        from nnlib import mlp

        def softmax_backprop(X, Y, params, lambd):
            AL, caches = mlp.mlp_forward(X, params)
            return mlp.mlp_backward(AL, Y, caches, params, lambd)
        ''')),
    # predict
    Mistaken("predict", "predict_max_value",
             changed(PREDICT, "np.argmax(softmax_forward(X, params), axis=0)",
                     "np.max(softmax_forward(X, params), axis=0)")),
    Mistaken("predict", "predict_wrong_axis",
             changed(PREDICT, "np.argmax(softmax_forward(X, params), axis=0)",
                     "np.argmax(softmax_forward(X, params), axis=1)")),
    # train
    Mistaken("train", "train_cost_per_batch", code('''
        def train(X, Y, layer_dims, rng, epochs, batch_size, learning_rate, beta, lambd):
            params = init_he(layer_dims, rng)
            v = init_velocity(params)
            costs = []
            for _ in range(epochs):
                for X_batch, Y_batch in random_minibatches(X, Y, batch_size, rng):
                    grads = softmax_backprop(X_batch, Y_batch, params, lambd)
                    params, v = momentum_update(params, grads, v, beta, learning_rate)
                    costs.append(softmax_cost(softmax_forward(X, params), Y, params, lambd))
            return params, costs
        ''')),
    Mistaken("train", "train_ignores_lambda",
             changed(TRAIN, "softmax_backprop(X_batch, Y_batch, params, lambd)",
                     "softmax_backprop(X_batch, Y_batch, params, 0.0)")),
    Mistaken("train", "train_symmetric_hidden_units", code('''
        def train(X, Y, layer_dims, rng, epochs, batch_size, learning_rate, beta, lambd):
            params = {}
            for l in range(1, len(layer_dims)):
                params[f"W{l}"] = np.zeros((layer_dims[l], layer_dims[l - 1]))
                params[f"b{l}"] = np.zeros((layer_dims[l], 1))
            v = init_velocity(params)
            costs = []
            for _ in range(epochs):
                for X_batch, Y_batch in random_minibatches(X, Y, batch_size, rng):
                    grads = softmax_backprop(X_batch, Y_batch, params, lambd)
                    params, v = momentum_update(params, grads, v, beta, learning_rate)
                costs.append(softmax_cost(softmax_forward(X, params), Y, params, lambd))
            return params, costs
        ''')),
    Mistaken("train", "train_global_random",
             changed(TRAIN, "params = init_he(layer_dims, rng)",
                     "params = init_he(layer_dims, np.random.default_rng(np.random.randint(1000)))")),
    Mistaken("train", "train_ignores_rng",
             changed(TRAIN, "params = init_he(layer_dims, rng)",
                     "rng = np.random.default_rng(0)\n    params = init_he(layer_dims, rng)")),
    Mistaken("train", "train_not_reproducible",
             changed(TRAIN, "params = init_he(layer_dims, rng)",
                     "rng = np.random.default_rng()\n    params = init_he(layer_dims, rng)")),
    Mistaken("train", "train_not_learning",
             changed(TRAIN, "params, v = momentum_update(params, grads, v, beta, learning_rate)",
                     "momentum_update(params, grads, v, beta, learning_rate)")),
    # the order question
    Mistaken("answer_example_order", "example_order_wrong", code('''
        answer_example_order = "i"
        ''')),
]
