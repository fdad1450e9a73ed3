"""Sample submissions for lesson 02: correct styles and the catalogued mistakes."""
from . import Mistaken, code

CORRECT = {
    "loops": {
        "sigmoid": code('''
            def sigmoid(z):
                return np.exp(z) / (1 + np.exp(z))
            '''),
        "sigmoid_prime": code('''
            def sigmoid_prime(z):
                e = np.exp(-np.asarray(z, dtype=float))
                return e / (1 + e) ** 2
            '''),
        "neuron_grads": code('''
            def neuron_grads(a_prev, w, b, y):
                inputs, targets = np.ravel(a_prev), np.ravel(y)
                m = inputs.size
                dw, db = 0.0, 0.0
                da_prev = np.zeros(m)
                for i in range(m):
                    z = w * inputs[i] + b
                    a = sigmoid(z)
                    dz = 2 * (a - targets[i]) * a * (1 - a)
                    dw += inputs[i] * dz / m
                    db += dz / m
                    da_prev[i] = w * dz
                return {"dw": dw, "db": db, "da_prev": da_prev.reshape(np.shape(a_prev))}
            '''),
        "chain_grads": code('''
            def chain_grads(x, y, ws, bs):
                def backward(l, a_in):
                    # returns (dC0/da_in, dws[l:], dbs[l:]) for the neurons l, l+1, ...
                    z = ws[l] * a_in + bs[l]
                    a = sigmoid(z)
                    if l == len(ws) - 1:
                        da_out, dws_rest, dbs_rest = 2 * (a - y), [], []
                    else:
                        da_out, dws_rest, dbs_rest = backward(l + 1, a)
                    dz = sigmoid_prime(z) * da_out
                    return ws[l] * dz, [a_in * dz] + dws_rest, [dz] + dbs_rest

                _, dws, dbs = backward(0, x)
                return dws, dbs
            '''),
        "answer_larger_gradient": code('''
            answer_larger_gradient = "ii"
            '''),
        "answer_da_prev": code('''
            answer_da_prev = [0.22889]
            '''),
    },
    "vectorised": {
        "sigmoid": code('''
            def sigmoid(z):
                return 0.5 * (1 + np.tanh(0.5 * np.asarray(z)))
            '''),
        "sigmoid_prime": code('''
            def sigmoid_prime(z):
                return sigmoid(z) * sigmoid(-z)
            '''),
        "neuron_grads": code('''
            def neuron_grads(a_prev, w, b, y):
                a_prev = np.array(a_prev, dtype=float)
                m = a_prev.size
                a = sigmoid(w * a_prev + b)
                dz = 2 * (a - y) * sigmoid_prime(w * a_prev + b)
                return dict(dw=np.sum(a_prev * dz) / m, db=np.sum(dz) / m, da_prev=dz * w)
            '''),
        "chain_grads": code('''
            def chain_grads(x, y, ws, bs):
                ws, bs = np.array(ws, dtype=float), np.array(bs, dtype=float)
                n = ws.size
                a = np.zeros(n + 1)
                a[0] = x
                for l in range(n):
                    a[l + 1] = sigmoid(ws[l] * a[l] + bs[l])
                if n == 1:
                    grads = neuron_grads(a[0], ws[0], bs[0], y)
                    return np.array([grads["dw"]]), np.array([grads["db"]])
                # the last neuron is a neuron_grads problem; the others receive da
                last = neuron_grads(a[n - 1], ws[n - 1], bs[n - 1], y)
                dws, dbs = np.zeros(n), np.zeros(n)
                dws[-1], dbs[-1], da = last["dw"], last["db"], last["da_prev"]
                for l in range(n - 2, -1, -1):
                    dbs[l] = a[l + 1] * (1 - a[l + 1]) * da
                    dws[l] = a[l] * dbs[l]
                    da = ws[l] * dbs[l]
                return dws, dbs
            '''),
        "answer_larger_gradient": code('''
            answer_larger_gradient = "II"
            '''),
        "answer_da_prev": code('''
            a, y, w = 0.66, 1.0, -1.5
            answer_da_prev = w * sigmoid_prime(np.log(a / (1 - a))) * 2 * (a - y)
            '''),
    },
    "stable_0d": {
        "sigmoid": code('''
            def sigmoid(z):
                return np.exp(-np.logaddexp(0.0, -np.asarray(z, dtype=float)))
            '''),
        "sigmoid_prime": code('''
            def sigmoid_prime(z):
                a = sigmoid(z)
                return a - a ** 2
            '''),
        "neuron_grads": code('''
            def neuron_grads(a_prev, w, b, y):
                z = np.multiply(w, a_prev) + b
                dC_dz = sigmoid_prime(z) * (sigmoid(z) - y) * 2
                return {"dw": np.array((a_prev * dC_dz).mean()), "db": np.array(dC_dz.mean()),
                        "da_prev": np.asarray(w * dC_dz)}
            '''),
        "chain_grads": code('''
            def chain_grads(x, y, ws, bs):
                activations = [np.array(x, dtype=float)]
                for w, b in zip(ws, bs):
                    activations.append(sigmoid(w * activations[-1] + b))
                grad_a = 2 * (activations[-1] - y)
                dws, dbs = [], []
                for w, a_in, a_out in zip(ws[::-1], activations[-2::-1], activations[:0:-1]):
                    grad_z = a_out * (1 - a_out) * grad_a
                    dws.insert(0, a_in * grad_z)
                    dbs.insert(0, grad_z)
                    grad_a = w * grad_z
                return dws, dbs
            '''),
        "answer_larger_gradient": code('''
            answer_larger_gradient = "(ii)"
            '''),
        "answer_da_prev": code('''
            answer_da_prev = np.array(0.2289)
            '''),
    },
}

_NEURON = '''
def neuron_grads(a_prev, w, b, y):
    a_prev = np.asarray(a_prev, dtype=float)
    y = np.asarray(y, dtype=float)
    z = {z}
    a = sigmoid(z)
    dz = {dz}
    return {{"dw": {dw}, "db": {db}, "da_prev": {da}}}
'''


def neuron(z="w * a_prev + b", dz="sigmoid_prime(z) * 2 * (a - y)", dw="np.mean(a_prev * dz)",
           db="np.mean(dz)", da="w * dz"):
    """The instructor's neuron_grads with one expression changed."""
    return code(_NEURON.format(z=z, dz=dz, dw=dw, db=db, da=da))


_CHAIN = '''
def chain_grads(x, y, ws, bs):
    acts, zs = [x], []
    for w, b in zip(ws, bs):
        zs.append({z})
        acts.append(sigmoid(zs[-1]))
    dws, dbs = [0.0] * len(ws), [0.0] * len(ws)
    da = {start}
    for l in reversed(range(len(ws))):
        dz = {dz}
        dws[l] = {dw}
        dbs[l] = dz
        da = {da}
    return {ret}
'''


def chain(z="w * acts[-1] + b", start="2 * (acts[-1] - y)", dz="sigmoid_prime(zs[l]) * da",
          dw="acts[l] * dz", da="ws[l] * dz", ret="dws, dbs"):
    """The instructor's chain_grads with one expression changed."""
    return code(_CHAIN.format(z=z, start=start, dz=dz, dw=dw, da=da, ret=ret))


MISTAKES = [
    # sigmoid
    Mistaken("sigmoid", "sigmoid_exp_sign", code('''
        def sigmoid(z):
            return 1 / (1 + np.exp(z))
        ''')),
    Mistaken("sigmoid", "sigmoid_brackets", code('''
        def sigmoid(z):
            return 1 / 1 + np.exp(-z)
        ''')),
    Mistaken("sigmoid", "sigmoid_is_tanh", code('''
        def sigmoid(z):
            return np.tanh(z)
        ''')),
    Mistaken("sigmoid", "sigmoid_scalar_only", code('''
        import math

        def sigmoid(z):
            return 1 / (1 + math.exp(-z))
        ''')),
    Mistaken("sigmoid", "library_shortcut", code('''
        from nnlib import activations

        def sigmoid(z):
            return activations.sigmoid(z)
        ''')),
    # sigmoid_prime
    Mistaken("sigmoid_prime", "derivative_applied_to_z", code('''
        def sigmoid_prime(z):
            return z * (1 - z)
        ''')),
    Mistaken("sigmoid_prime", "sigmoid_prime_is_sigmoid", code('''
        def sigmoid_prime(z):
            return sigmoid(z)
        ''')),
    Mistaken("sigmoid_prime", "sigmoid_prime_missing_square", code('''
        def sigmoid_prime(z):
            return np.exp(-z) / (1 + np.exp(-z))
        ''')),
    Mistaken("sigmoid_prime", "sigmoid_prime_tanh_form", code('''
        def sigmoid_prime(z):
            return 1 - sigmoid(z) ** 2
        ''')),
    Mistaken("sigmoid_prime", "sigmoid_applied_twice", code('''
        def sigmoid_prime(z):
            a = sigmoid(z)
            return sigmoid(a) * (1 - sigmoid(a))
        ''')),
    Mistaken("sigmoid_prime", "negated", code('''
        def sigmoid_prime(z):
            return sigmoid(z) * (sigmoid(z) - 1)
        ''')),
    Mistaken("sigmoid_prime", "library_shortcut", code('''
        from nnlib.activations import sigmoid_prime as library_prime

        def sigmoid_prime(z):
            return library_prime(z)
        ''')),
    # neuron_grads
    Mistaken("neuron_grads", "negated", neuron(dz="sigmoid_prime(z) * 2 * (y - a)")),
    Mistaken("neuron_grads", "halved", neuron(dz="sigmoid_prime(z) * (a - y)")),
    Mistaken("neuron_grads", "no_activation_derivative", neuron(dz="2 * (a - y)")),
    Mistaken("neuron_grads", "derivative_applied_to_z", neuron(dz="z * (1 - z) * 2 * (a - y)")),
    Mistaken("neuron_grads", "sigmoid_prime_of_a", neuron(dz="sigmoid_prime(a) * 2 * (a - y)")),
    Mistaken("neuron_grads", "chain_bias_ignored", neuron(z="w * a_prev")),
    Mistaken("neuron_grads", "times_m", neuron(dw="np.sum(a_prev * dz)", db="np.sum(dz)")),
    Mistaken("neuron_grads", "divided_by_m",
             neuron(dw="np.mean(a_prev * dz) / a_prev.size", db="np.mean(dz) / a_prev.size")),
    Mistaken("neuron_grads", "chain_grad_not_averaged", neuron(dw="a_prev * dz", db="dz")),
    Mistaken("neuron_grads", "chain_dw_uses_output", neuron(dw="np.mean(a * dz)")),
    Mistaken("neuron_grads", "chain_dw_da_prev_swapped",
             neuron(dw="np.mean(w * dz)", da="a_prev * dz")),
    Mistaken("neuron_grads", "chain_da_prev_averaged", neuron(da="np.mean(w * dz)")),
    Mistaken("neuron_grads", "chain_da_prev_divided_by_m", neuron(da="w * dz / a_prev.size")),
    # chain_grads
    Mistaken("chain_grads", "chain_local_only", code('''
        def chain_grads(x, y, ws, bs):
            acts, zs = [x], []
            for w, b in zip(ws, bs):
                zs.append(w * acts[-1] + b)
                acts.append(sigmoid(zs[-1]))
            error = 2 * (acts[-1] - y)
            dbs = [sigmoid_prime(z) * error for z in zs]
            dws = [a * db for a, db in zip(acts[:-1], dbs)]
            return dws, dbs
        ''')),
    Mistaken("chain_grads", "chain_missing_weight", chain(da="dz")),
    Mistaken("chain_grads", "chain_weight_off_by_one", chain(da="ws[l - 1] * dz")),
    Mistaken("chain_grads", "chain_dw_uses_output", chain(dw="acts[l + 1] * dz")),
    Mistaken("chain_grads", "chain_grads_reversed", chain(ret="dws[::-1], dbs[::-1]")),
    Mistaken("chain_grads", "negated", chain(start="2 * (y - acts[-1])")),
    Mistaken("chain_grads", "halved", chain(start="acts[-1] - y")),
    Mistaken("chain_grads", "no_activation_derivative", chain(dz="da")),
    Mistaken("chain_grads", "derivative_applied_to_z", chain(dz="zs[l] * (1 - zs[l]) * da")),
    Mistaken("chain_grads", "sigmoid_prime_of_a", chain(dz="sigmoid_prime(acts[l + 1]) * da")),
    Mistaken("chain_grads", "chain_bias_ignored", chain(z="w * acts[-1]")),
    # the questions
    Mistaken("answer_larger_gradient", "gradient_follows_weight_size", code('''
        answer_larger_gradient = "i"
        ''')),
    Mistaken("answer_larger_gradient", "gradient_ignores_input", code('''
        answer_larger_gradient = "iii"
        ''')),
    Mistaken("answer_da_prev", "no_activation_derivative", code('''
        answer_da_prev = -1.5 * 2 * (0.66 - 1.0)
        ''')),
    Mistaken("answer_da_prev", "chain_dw_da_prev_swapped", code('''
        answer_da_prev = 0.9 * 0.66 * (1 - 0.66) * 2 * (0.66 - 1.0)
        ''')),
]
