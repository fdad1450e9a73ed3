"""Sample submissions for lesson 07: correct styles and the catalogued mistakes."""
from . import Mistaken, code

CORRECT = {
    # Loops over the layers, a new dict, Python floats, W - lr*(lambd*W + dW).
    "loops_new_dict": {
        "l2_penalty": code('''
            def l2_penalty(params, lambd, m):
                total = 0.0
                for key, W in params.items():
                    if key.startswith("W"):
                        for w in W.ravel():
                            total += w * w
                return lambd / (2 * m) * total
            '''),
        "l2_grads": code('''
            def l2_grads(grads, params, lambd, m):
                new = {}
                for key, value in grads.items():
                    if key.startswith("dW"):
                        new[key] = value + lambd / m * params[key[1:]]
                    else:
                        new[key] = value.copy()
                return new
            '''),
        "weight_decay_update": code('''
            def weight_decay_update(W, dW, learning_rate, lambd):
                return W - learning_rate * (lambd * W + dW)
            '''),
        "answer_decay_factor": code('''
            answer_decay_factor = np.float64(99 / 100)
            '''),
        "answer_choose_lambda": code('''
            answer_choose_lambda = "c"
            '''),
    },
    # Norms, in-place +=, 0-d arrays, in-place update of W.
    "norms_in_place": {
        "l2_penalty": code('''
            def l2_penalty(params, lambd, m):
                L = len([k for k in params if k[0] == "W"])
                norms = np.array([np.linalg.norm(params["W%d" % l]) ** 2 for l in range(1, L + 1)])
                return np.array(lambd * norms.sum() / 2 / m)  # a 0-d array
            '''),
        "l2_grads": code('''
            def l2_grads(grads, params, lambd, m):
                L = len(params) // 2
                for l in range(1, L + 1):
                    grads["dW%d" % l] += (lambd / m) * params["W%d" % l]
                return grads
            '''),
        "weight_decay_update": code('''
            def weight_decay_update(W, dW, learning_rate, lambd):
                W *= 1 - learning_rate * lambd
                W -= learning_rate * dW
                return W
            '''),
        "answer_decay_factor": code('''
            lambd, m, learning_rate = 5, 50, 0.1
            answer_decay_factor = 1 - learning_rate * lambd / m
            '''),
        "answer_choose_lambda": code('''
            answer_choose_lambda = "C"
            '''),
    },
    # (W * W).sum() in a comprehension, a dict comprehension, np.subtract.
    "comprehensions": {
        "l2_penalty": code('''
            def l2_penalty(params, lambd, m):
                squares = sum((W * W).sum() for k, W in params.items() if k.startswith("W"))
                return np.float64(lambd) / (2.0 * m) * squares
            '''),
        "l2_grads": code('''
            def l2_grads(grads, params, lambd, m):
                return {k: g + lambd / m * params[k[1:]] if k.startswith("dW") else g
                        for k, g in grads.items()}
            '''),
        "weight_decay_update": code('''
            def weight_decay_update(W, dW, learning_rate, lambd):
                decayed = np.multiply(1.0 - learning_rate * lambd, W)
                return np.subtract(decayed, learning_rate * dW)
            '''),
        "answer_decay_factor": code('''
            answer_decay_factor = 0.99
            '''),
        "answer_choose_lambda": code('''
            answer_choose_lambda = "(c)"
            '''),
    },
}

MISTAKES = [
    # --- l2_penalty ---------------------------------------------------------------------
    Mistaken("l2_penalty", "bias_regularised", code('''
        def l2_penalty(params, lambd, m):
            return lambd / (2 * m) * sum(np.sum(v ** 2) for v in params.values())
        ''')),
    Mistaken("l2_penalty", "l2_penalty_no_half", code('''
        def l2_penalty(params, lambd, m):
            L = len(params) // 2
            return lambd / m * sum(np.sum(params[f"W{l}"] ** 2) for l in range(1, L + 1))
        ''')),
    Mistaken("l2_penalty", "l2_used_l1", code('''
        def l2_penalty(params, lambd, m):
            L = len(params) // 2
            return lambd / (2 * m) * sum(np.sum(np.abs(params[f"W{l}"])) for l in range(1, L + 1))
        ''')),
    Mistaken("l2_penalty", "l2_norm_not_squared", code('''
        def l2_penalty(params, lambd, m):
            L = len(params) // 2
            return lambd / (2 * m) * sum(np.linalg.norm(params[f"W{l}"]) for l in range(1, L + 1))
        ''')),
    Mistaken("l2_penalty", "l2_last_layer_only", code('''
        def l2_penalty(params, lambd, m):
            L = len(params) // 2
            return lambd / (2 * m) * np.sum(params[f"W{L}"] ** 2)
        ''')),
    Mistaken("l2_penalty", "l2_layer_skipped", code('''
        def l2_penalty(params, lambd, m):
            L = len(params) // 2
            return lambd / (2 * m) * sum(np.sum(params[f"W{l}"] ** 2) for l in range(1, L))
        ''')),
    Mistaken("l2_penalty", "times_m", code('''
        def l2_penalty(params, lambd, m):
            L = len(params) // 2
            return lambd / 2 * sum(np.sum(params[f"W{l}"] ** 2) for l in range(1, L + 1))
        ''')),
    Mistaken("l2_penalty", "library_shortcut", code('''
        from nnlib import mlp

        def l2_penalty(params, lambd, m):
            AL, Y = np.full((1, m), 0.5), np.ones((1, m))
            return mlp.mlp_cost(AL, Y, params, lambd) - mlp.mlp_cost(AL, Y, params, 0.0)
        ''')),
    # --- l2_grads -----------------------------------------------------------------------
    Mistaken("l2_grads", "bias_regularised", code('''
        def l2_grads(grads, params, lambd, m):
            for key in params:
                grads["d" + key] = grads["d" + key] + lambd / m * params[key]
            return grads
        ''')),
    Mistaken("l2_grads", "lambda_without_m", code('''
        def l2_grads(grads, params, lambd, m):
            L = len(params) // 2
            for l in range(1, L + 1):
                grads[f"dW{l}"] = grads[f"dW{l}"] + lambd * params[f"W{l}"]
            return grads
        ''')),
    Mistaken("l2_grads", "l2_grad_double", code('''
        def l2_grads(grads, params, lambd, m):
            L = len(params) // 2
            for l in range(1, L + 1):
                grads[f"dW{l}"] = grads[f"dW{l}"] + 2 * lambd / m * params[f"W{l}"]
            return grads
        ''')),
    Mistaken("l2_grads", "l2_db_changed", code('''
        def l2_grads(grads, params, lambd, m):
            L = len(params) // 2
            for l in range(1, L + 1):
                grads[f"dW{l}"] = grads[f"dW{l}"] + lambd / m * params[f"W{l}"]
                grads[f"db{l}"] = grads[f"db{l}"] + lambd / m
            return grads
        ''')),
    Mistaken("l2_grads", "l2_db_dropped", code('''
        def l2_grads(grads, params, lambd, m):
            L = len(params) // 2
            return {f"dW{l}": grads[f"dW{l}"] + lambd / m * params[f"W{l}"]
                    for l in range(1, L + 1)}
        ''')),
    Mistaken("l2_grads", "l2_last_layer_only", code('''
        def l2_grads(grads, params, lambd, m):
            L = len(params) // 2
            grads[f"dW{L}"] = grads[f"dW{L}"] + lambd / m * params[f"W{L}"]
            return grads
        ''')),
    Mistaken("l2_grads", "lambda_missing", code('''
        def l2_grads(grads, params, lambd, m):
            return grads
        ''')),
    Mistaken("l2_grads", "library_shortcut", code('''
        from nnlib import mlp

        def l2_grads(grads, params, lambd, m):
            n0 = params["W1"].shape[1]
            X, Y = np.zeros((n0, m)), np.zeros((1, m))
            AL, caches = mlp.mlp_forward(X, params)
            with_term = mlp.mlp_backward(AL, Y, caches, params, lambd)
            without = mlp.mlp_backward(AL, Y, caches, params, 0.0)
            for key in grads:
                grads[key] = grads[key] + with_term[key] - without[key]
            return grads
        ''')),
    # --- weight_decay_update ------------------------------------------------------------
    Mistaken("weight_decay_update", "decay_missing_learning_rate", code('''
        def weight_decay_update(W, dW, learning_rate, lambd):
            return (1 - lambd) * W - learning_rate * dW
        ''')),
    Mistaken("weight_decay_update", "decay_wrong_sign", code('''
        def weight_decay_update(W, dW, learning_rate, lambd):
            return (1 + learning_rate * lambd) * W - learning_rate * dW
        ''')),
    Mistaken("weight_decay_update", "decay_gradient_unscaled", code('''
        def weight_decay_update(W, dW, learning_rate, lambd):
            return (1 - learning_rate * lambd) * W - dW
        ''')),
    Mistaken("weight_decay_update", "decay_gradient_ascent", code('''
        def weight_decay_update(W, dW, learning_rate, lambd):
            return (1 - learning_rate * lambd) * W + learning_rate * dW
        ''')),
    Mistaken("weight_decay_update", "decay_missing", code('''
        def weight_decay_update(W, dW, learning_rate, lambd):
            return W - learning_rate * dW
        ''')),
    Mistaken("weight_decay_update", "decay_applied_twice", code('''
        def weight_decay_update(W, dW, learning_rate, lambd):
            return (1 - learning_rate * lambd) * W - learning_rate * (dW + lambd * W)
        ''')),
    # the questions
    Mistaken("answer_decay_factor", "decay_factor_without_m", code('''
        answer_decay_factor = 1 - 0.1 * 5
        ''')),
    Mistaken("answer_decay_factor", "decay_factor_halved", code('''
        answer_decay_factor = 1 - 0.1 * 5 / (2 * 50)
        ''')),
    Mistaken("answer_choose_lambda", "lambda_chosen_on_test_set", code('''
        answer_choose_lambda = "b"
        ''')),
    Mistaken("answer_choose_lambda", "lambda_chosen_on_training_set", code('''
        answer_choose_lambda = "a"
        ''')),
]
