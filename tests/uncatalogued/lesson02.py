"""Uncatalogued mistakes for lesson 02: sigmoid, sigmoid_prime, neuron_grads, chain_grads."""
from . import Uncatalogued, cell

MISTAKES = [
    Uncatalogued("sigmoid", "writes 1 − e^(−z) in the denominator instead of 1 + e^(−z)", cell('''
        def sigmoid(z):
            z = np.asarray(z, dtype=float)
            return 1.0 / (1.0 - np.exp(-z))
    ''')),
    Uncatalogued("sigmoid_prime", "mixes the two forms: σ(z)·(1 − z)", cell('''
        def sigmoid_prime(z):
            s = sigmoid(z)
            return s * (1.0 - z)
    ''')),
    Uncatalogued("neuron_grads", "uses the tanh derivative 1 − a² in place of σ′(z)", cell('''
        def neuron_grads(a_prev, w, b, y):
            a_prev = np.asarray(a_prev, dtype=float)
            y = np.asarray(y, dtype=float)
            z = w * a_prev + b
            a = sigmoid(z)
            dz = (1.0 - a ** 2) * 2.0 * (a - y)
            return {"dw": np.mean(a_prev * dz), "db": np.mean(dz), "da_prev": w * dz}
    ''')),
    Uncatalogued("neuron_grads", "averages a_prev and dz separately for dw: mean(a_prev)·mean(dz)", cell('''
        def neuron_grads(a_prev, w, b, y):
            a_prev = np.asarray(a_prev, dtype=float)
            y = np.asarray(y, dtype=float)
            z = w * a_prev + b
            a = sigmoid(z)
            dz = sigmoid_prime(z) * 2.0 * (a - y)
            return {"dw": np.mean(a_prev) * np.mean(dz), "db": np.mean(dz), "da_prev": w * dz}
    ''')),
    Uncatalogued("chain_grads", "uses the output neuron's z for σ′ in every layer", cell('''
        def chain_grads(x, y, ws, bs):
            acts, zs = [x], []
            for w, b in zip(ws, bs):
                zs.append(w * acts[-1] + b)
                acts.append(sigmoid(zs[-1]))
            dws, dbs = [0.0] * len(ws), [0.0] * len(ws)
            da = 2.0 * (acts[-1] - y)
            for l in reversed(range(len(ws))):
                dz = sigmoid_prime(zs[-1]) * da
                dws[l] = acts[l] * dz
                dbs[l] = dz
                da = ws[l] * dz
            return dws, dbs
    ''')),
    Uncatalogued("chain_grads", "the bias gradient leaves out σ′: db = ∂C/∂a", cell('''
        def chain_grads(x, y, ws, bs):
            acts, zs = [x], []
            for w, b in zip(ws, bs):
                zs.append(w * acts[-1] + b)
                acts.append(sigmoid(zs[-1]))
            dws, dbs = [0.0] * len(ws), [0.0] * len(ws)
            da = 2.0 * (acts[-1] - y)
            for l in reversed(range(len(ws))):
                dz = sigmoid_prime(zs[l]) * da
                dws[l] = acts[l] * dz
                dbs[l] = da
                da = ws[l] * dz
            return dws, dbs
    ''')),
]
