"""Uncatalogued mistakes for lesson 09: softmax, softmax_cost, softmax_backprop, predict."""
from . import Uncatalogued, cell

MISTAKES = [
    Uncatalogued("softmax", "normalises by the sum over the whole matrix (no axis)", cell('''
        def softmax(Z):
            E = np.exp(Z - np.max(Z))
            return E / np.sum(E)
    ''')),
    Uncatalogued("softmax_cost", "averages −Y log A over all K·m entries (np.mean), so it is divided by K·m", cell('''
        def softmax_cost(AL, Y, params, lambd):
            m = Y.shape[1]
            cross_entropy = -np.mean(Y * np.log(AL))
            return float(cross_entropy + l2_penalty(params, lambd, m))
    ''')),
    Uncatalogued("softmax_cost", "takes m from the wrong axis, m = Y.shape[0] (the number of classes K)", cell('''
        def softmax_cost(AL, Y, params, lambd):
            m = Y.shape[0]
            cross_entropy = -np.sum(Y * np.log(AL)) / m
            return float(cross_entropy + l2_penalty(params, lambd, m))
    ''')),
    Uncatalogued("softmax_backprop", "takes m from the wrong array, m = Y.shape[0] (the number of classes K)", cell('''
        def softmax_backprop(X, Y, params, lambd):
            L = len(params) // 2
            m = Y.shape[0]
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
    ''')),
    Uncatalogued("predict", "returns labels counted from 1 instead of 0", cell('''
        def predict(X, params):
            return np.argmax(softmax_forward(X, params), axis=0) + 1
    ''')),
]
