"""Uncatalogued mistakes for lesson 06: sgd_update, momentum_update."""
from . import Uncatalogued, cell

MISTAKES = [
    Uncatalogued("sgd_update", "steps by the sign of the gradient only (sign-SGD)", cell('''
        def sgd_update(params, grads, learning_rate):
            return {key: value - learning_rate * np.sign(grads["d" + key])
                    for key, value in params.items()}
    ''')),
    Uncatalogued("momentum_update", "divides the velocity by 1 − β in the step, a bias correction applied always", cell('''
        def momentum_update(params, grads, v, beta, learning_rate):
            new_v, new_params = {}, {}
            for key in params:
                grad_key = "d" + key
                new_v[grad_key] = beta * v[grad_key] + (1 - beta) * grads[grad_key]
                new_params[key] = params[key] - learning_rate * new_v[grad_key] / (1 - beta)
            return new_params, new_v
    ''')),
    Uncatalogued("momentum_update", "the other textbook form: v = βv + α·dW and W = W − v", cell('''
        def momentum_update(params, grads, v, beta, learning_rate):
            new_v, new_params = {}, {}
            for key in params:
                grad_key = "d" + key
                new_v[grad_key] = beta * v[grad_key] + learning_rate * grads[grad_key]
                new_params[key] = params[key] - new_v[grad_key]
            return new_params, new_v
    ''')),
]
