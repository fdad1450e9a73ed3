"""Sample submissions for lesson 06: correct styles and the catalogued mistakes."""
from . import Mistaken, code

CORRECT = {
    # rng.shuffle of an index array, full batches in a loop then the partial one;
    # updates in place; loops over layers.
    "shuffle_in_place": {
        "random_minibatches": code('''
            import math

            def random_minibatches(X, Y, batch_size, rng):
                m = X.shape[1]
                indices = np.arange(m)
                rng.shuffle(indices)
                shuffled_X = X[:, indices]
                shuffled_Y = Y[:, indices].reshape((Y.shape[0], m))
                mini_batches = []
                num_complete = math.floor(m / batch_size)
                for k in range(num_complete):
                    mini_batch_X = shuffled_X[:, k * batch_size:(k + 1) * batch_size]
                    mini_batch_Y = shuffled_Y[:, k * batch_size:(k + 1) * batch_size]
                    mini_batches.append((mini_batch_X, mini_batch_Y))
                if m % batch_size != 0:
                    mini_batches.append((shuffled_X[:, num_complete * batch_size:],
                                         shuffled_Y[:, num_complete * batch_size:]))
                return mini_batches
            '''),
        "sgd_update": code('''
            def sgd_update(params, grads, learning_rate):
                L = len(params) // 2
                for l in range(1, L + 1):
                    params["W" + str(l)] -= learning_rate * grads["dW" + str(l)]
                    params["b" + str(l)] -= learning_rate * grads["db" + str(l)]
                return params
            '''),
        "init_velocity": code('''
            def init_velocity(params):
                L = len(params) // 2
                v = {}
                for l in range(L):
                    v["dW" + str(l + 1)] = np.zeros(params["W" + str(l + 1)].shape)
                    v["db" + str(l + 1)] = np.zeros(params["b" + str(l + 1)].shape)
                return v
            '''),
        "momentum_update": code('''
            def momentum_update(params, grads, v, beta, learning_rate):
                L = len(params) // 2
                for l in range(1, L + 1):
                    for name in ("W", "b"):
                        key = f"d{name}{l}"
                        v[key] *= beta
                        v[key] += (1 - beta) * grads[key]
                        params[f"{name}{l}"] -= learning_rate * v[key]
                return params, v
            '''),
        "answer_updates": code('''
            answer_updates = np.int64(48)
            '''),
        "answer_velocity": code('''
            v = 0.0
            for g in [2.0, 2.0, 2.0]:
                v = 0.9 * v + 0.1 * g
            answer_velocity = np.array([v])
            '''),
    },
    # rng.choice without replacement, np.array_split at the batch boundaries; new dicts.
    "choice_array_split": {
        "random_minibatches": code('''
            def random_minibatches(X, Y, batch_size, rng):
                m = X.shape[1]
                order = rng.choice(m, size=m, replace=False)
                pieces = np.array_split(order, np.arange(batch_size, m, batch_size))
                return [(X[:, piece], Y[:, piece]) for piece in pieces if piece.size]
            '''),
        "sgd_update": code('''
            def sgd_update(params, grads, learning_rate):
                updated = {}
                for key in params:
                    updated[key] = params[key] - learning_rate * grads["d" + key]
                return updated
            '''),
        "init_velocity": code('''
            def init_velocity(params):
                return {"d" + k: np.zeros(p.shape) for k, p in params.items()}
            '''),
        "momentum_update": code('''
            def momentum_update(params, grads, v, beta, learning_rate):
                v = {k: beta * v[k] + (1 - beta) * grads[k] for k in v}
                # the velocity has the gradients' keys: step with it as the gradient
                return sgd_update(params, v, learning_rate), v
            '''),
        "answer_updates": code('''
            m, B = 1000, 64
            answer_updates = 3 * (m // B + (m % B > 0))
            '''),
        "answer_velocity": code('''
            answer_velocity = 0.542
            '''),
    },
    # columns of X and Y stacked and permuted together; a while loop over the batches.
    "stacked_permutation": {
        "random_minibatches": code('''
            def random_minibatches(X, Y, batch_size, rng):
                n_x = X.shape[0]
                both = rng.permutation(np.vstack([X, Y]), axis=1)
                batches, start = [], 0
                while start < both.shape[1]:
                    block = both[:, start:start + batch_size]
                    batches.append((block[:n_x], block[n_x:]))
                    start += batch_size
                return batches
            '''),
        "sgd_update": code('''
            def sgd_update(params, grads, learning_rate):
                return dict((k, w - learning_rate * grads[f"d{k}"]) for k, w in params.items())
            '''),
        "init_velocity": code('''
            def init_velocity(params):
                v = {}
                for key in params:
                    v["d" + key] = 0.0 * params[key]
                return v
            '''),
        "momentum_update": code('''
            def momentum_update(params, grads, v, beta, learning_rate):
                for key in list(params):
                    v["d" + key] = beta * v["d" + key] + (1.0 - beta) * grads["d" + key]
                    params[key] = params[key] - learning_rate * v["d" + key]
                return params, v
            '''),
        "answer_updates": code('''
            answer_updates = 48
            '''),
        "answer_velocity": code('''
            answer_velocity = (1 - 0.9 ** 3) * 2
            '''),
    },
}

MISTAKES = [
    Mistaken("random_minibatches", "minibatch_unpaired", code('''
        def random_minibatches(X, Y, batch_size, rng):
            m = X.shape[1]
            X_shuffled = X[:, rng.permutation(m)]
            Y_shuffled = Y[:, rng.permutation(m)]
            return [(X_shuffled[:, k:k + batch_size], Y_shuffled[:, k:k + batch_size])
                    for k in range(0, m, batch_size)]
        ''')),
    Mistaken("random_minibatches", "minibatch_not_shuffled", code('''
        def random_minibatches(X, Y, batch_size, rng):
            m = X.shape[1]
            return [(X[:, k:k + batch_size], Y[:, k:k + batch_size])
                    for k in range(0, m, batch_size)]
        ''')),
    Mistaken("random_minibatches", "minibatch_last_dropped", code('''
        def random_minibatches(X, Y, batch_size, rng):
            m = X.shape[1]
            order = rng.permutation(m)
            X, Y = X[:, order], Y[:, order]
            return [(X[:, k * batch_size:(k + 1) * batch_size],
                     Y[:, k * batch_size:(k + 1) * batch_size])
                    for k in range(m // batch_size)]
        ''')),
    Mistaken("random_minibatches", "minibatch_repeated_examples", code('''
        def random_minibatches(X, Y, batch_size, rng):
            m = X.shape[1]
            order = rng.choice(m, size=m)  # replace=True by default
            X, Y = X[:, order], Y[:, order]
            return [(X[:, k:k + batch_size], Y[:, k:k + batch_size])
                    for k in range(0, m, batch_size)]
        ''')),
    Mistaken("random_minibatches", "minibatch_rows_shuffled", code('''
        def random_minibatches(X, Y, batch_size, rng):
            m = X.shape[1]
            X_shuffled, Y_shuffled = X.copy(), Y.copy()
            rng.shuffle(X_shuffled)
            rng.shuffle(Y_shuffled)
            return [(X_shuffled[:, k:k + batch_size], Y_shuffled[:, k:k + batch_size])
                    for k in range(0, m, batch_size)]
        ''')),
    Mistaken("random_minibatches", "minibatch_global_random", code('''
        def random_minibatches(X, Y, batch_size, rng):
            m = X.shape[1]
            order = np.random.permutation(m)
            X, Y = X[:, order], Y[:, order]
            return [(X[:, k:k + batch_size], Y[:, k:k + batch_size])
                    for k in range(0, m, batch_size)]
        ''')),
    Mistaken("random_minibatches", "minibatch_ignores_rng", code('''
        def random_minibatches(X, Y, batch_size, rng):
            m = X.shape[1]
            order = np.random.default_rng(0).permutation(m)
            X, Y = X[:, order], Y[:, order]
            return [(X[:, k:k + batch_size], Y[:, k:k + batch_size])
                    for k in range(0, m, batch_size)]
        ''')),
    Mistaken("random_minibatches", "minibatch_not_reproducible", code('''
        def random_minibatches(X, Y, batch_size, rng):
            m = X.shape[1]
            order = np.random.default_rng().permutation(m)
            X, Y = X[:, order], Y[:, order]
            return [(X[:, k:k + batch_size], Y[:, k:k + batch_size])
                    for k in range(0, m, batch_size)]
        ''')),
    Mistaken("random_minibatches", "minibatch_wrong_sizes", code('''
        def random_minibatches(X, Y, batch_size, rng):
            m = X.shape[1]
            order = rng.permutation(m)
            n_batches = max(1, round(m / batch_size))
            return [(X[:, part], Y[:, part]) for part in np.array_split(order, n_batches)]
        ''')),
    Mistaken("sgd_update", "sgd_plus_gradient", code('''
        def sgd_update(params, grads, learning_rate):
            return {k: params[k] + learning_rate * grads["d" + k] for k in params}
        ''')),
    Mistaken("sgd_update", "sgd_biases_not_updated", code('''
        def sgd_update(params, grads, learning_rate):
            L = len(params) // 2
            for l in range(1, L + 1):
                params[f"W{l}"] = params[f"W{l}"] - learning_rate * grads[f"dW{l}"]
            return params
        ''')),
    Mistaken("sgd_update", "sgd_learning_rate_ignored", code('''
        def sgd_update(params, grads, learning_rate):
            return {k: params[k] - grads["d" + k] for k in params}
        ''')),
    Mistaken("init_velocity", "momentum_velocity_keys", code('''
        def init_velocity(params):
            return {key: np.zeros_like(value) for key, value in params.items()}
        ''')),
    Mistaken("init_velocity", "momentum_velocity_shape", code('''
        def init_velocity(params):
            return {"d" + key: np.zeros(value.shape[0]) for key, value in params.items()}
        ''')),
    Mistaken("init_velocity", "momentum_velocity_not_zero", code('''
        def init_velocity(params):
            return {"d" + key: value.copy() for key, value in params.items()}
        ''')),
    Mistaken("momentum_update", "momentum_missing_one_minus_beta", code('''
        def momentum_update(params, grads, v, beta, learning_rate):
            for key in params:
                v["d" + key] = beta * v["d" + key] + grads["d" + key]
                params[key] = params[key] - learning_rate * v["d" + key]
            return params, v
        ''')),
    Mistaken("momentum_update", "momentum_raw_gradient", code('''
        def momentum_update(params, grads, v, beta, learning_rate):
            for key in params:
                v["d" + key] = beta * v["d" + key] + (1 - beta) * grads["d" + key]
                params[key] = params[key] - learning_rate * grads["d" + key]
            return params, v
        ''')),
    Mistaken("momentum_update", "momentum_beta_swapped", code('''
        def momentum_update(params, grads, v, beta, learning_rate):
            for key in params:
                v["d" + key] = (1 - beta) * v["d" + key] + beta * grads["d" + key]
                params[key] = params[key] - learning_rate * v["d" + key]
            return params, v
        ''')),
    Mistaken("momentum_update", "momentum_old_velocity", code('''
        def momentum_update(params, grads, v, beta, learning_rate):
            for key in params:
                params[key] = params[key] - learning_rate * v["d" + key]
                v["d" + key] = beta * v["d" + key] + (1 - beta) * grads["d" + key]
            return params, v
        ''')),
    Mistaken("momentum_update", "momentum_velocity_not_updated", code('''
        def momentum_update(params, grads, v, beta, learning_rate):
            new_params = {}
            for key in params:
                velocity = beta * v["d" + key] + (1 - beta) * grads["d" + key]
                new_params[key] = params[key] - learning_rate * velocity
            return new_params, v
        ''')),
    # the questions
    Mistaken("answer_updates", "minibatch_last_dropped", code('''
        answer_updates = 3 * (1000 // 64)
        ''')),
    Mistaken("answer_updates", "updates_one_per_epoch", code('''
        answer_updates = 3
        ''')),
    Mistaken("answer_velocity", "momentum_missing_one_minus_beta", code('''
        answer_velocity = 2 + 0.9 * 2 + 0.81 * 2
        ''')),
    Mistaken("answer_velocity", "ewa_bias_ignored", code('''
        answer_velocity = 2.0
        ''')),
]
