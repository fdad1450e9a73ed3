"""Sample submissions for lesson 05: correct styles and the catalogued mistakes."""
from . import Mistaken, code

CORRECT = {
    "loops-normal": {
        "init_zeros": code('''
            def init_zeros(layer_dims):
                params = {}
                for l in range(1, len(layer_dims)):
                    params["W" + str(l)] = np.zeros((layer_dims[l], layer_dims[l - 1]))
                    params["b" + str(l)] = np.zeros((layer_dims[l], 1))
                return params
            '''),
        "init_uniform": code('''
            def init_uniform(layer_dims, epsilon, rng):
                params = {}
                for l in range(1, len(layer_dims)):
                    shape = (layer_dims[l], layer_dims[l - 1])
                    params[f"W{l}"] = rng.uniform(-epsilon, epsilon, size=shape)
                    params[f"b{l}"] = np.zeros((layer_dims[l], 1))
                return params
            '''),
        "init_xavier": code('''
            def init_xavier(layer_dims, rng):
                params = {}
                for l in range(1, len(layer_dims)):
                    n_in, n_out = layer_dims[l - 1], layer_dims[l]
                    std = np.sqrt(2.0 / (n_in + n_out))
                    params[f"W{l}"] = rng.normal(0.0, std, size=(n_out, n_in))
                    params[f"b{l}"] = np.zeros((n_out, 1))
                return params
            '''),
        "init_he": code('''
            def init_he(layer_dims, rng):
                params = {}
                for l in range(1, len(layer_dims)):
                    n_in, n_out = layer_dims[l - 1], layer_dims[l]
                    params[f"W{l}"] = rng.normal(0, np.sqrt(2 / n_in), (n_out, n_in))
                    params[f"b{l}"] = np.zeros((n_out, 1))
                return params
            '''),
        "answer_equal_rows": code('''
            answer_equal_rows = "i"
            '''),
        "answer_he_std": code('''
            answer_he_std = np.float64(0.2000)
            '''),
    },
    "comprehension-transforms": {
        "init_zeros": code('''
            def init_zeros(layer_dims):
                L = len(layer_dims) - 1
                params = {f"W{l}": np.zeros((layer_dims[l], layer_dims[l - 1]))
                          for l in range(1, L + 1)}
                params.update({f"b{l}": np.zeros(layer_dims[l]).reshape(-1, 1)
                               for l in range(1, L + 1)})
                return params
            '''),
        "init_uniform": code('''
            def init_uniform(layer_dims, epsilon, rng):
                params = init_zeros(layer_dims)
                for l, (n_in, n_out) in enumerate(zip(layer_dims[:-1], layer_dims[1:]), 1):
                    params[f"W{l}"] = (2.0 * rng.random((n_out, n_in)) - 1.0) * epsilon
                return params
            '''),
        "init_xavier": code('''
            def init_xavier(layer_dims, rng):
                pairs = list(zip(layer_dims[:-1], layer_dims[1:]))
                params = {f"W{l}": rng.standard_normal((n_out, n_in)) * (2 / (n_in + n_out)) ** 0.5
                          for l, (n_in, n_out) in enumerate(pairs, start=1)}
                params.update({f"b{l}": np.zeros((n_out, 1))
                               for l, (_, n_out) in enumerate(pairs, start=1)})
                return params
            '''),
        "init_he": code('''
            import math

            def init_he(layer_dims, rng):
                params = init_zeros(layer_dims)
                for l in range(1, len(layer_dims)):
                    # drawn as (n_in, n_out) and transposed: the same distribution
                    draw = rng.standard_normal((layer_dims[l - 1], layer_dims[l]))
                    params[f"W{l}"] = math.sqrt(2 / layer_dims[l - 1]) * draw.T
                return params
            '''),
        "answer_equal_rows": code('''
            answer_equal_rows = "I"
            '''),
        "answer_he_std": code('''
            n_in = 50
            answer_he_std = (2 / n_in) ** 0.5
            '''),
    },
    "elementwise-draws": {
        "init_zeros": code('''
            def init_zeros(layer_dims):
                params = {}
                for l in range(1, len(layer_dims)):
                    params[f"W{l}"] = np.full((layer_dims[l], layer_dims[l - 1]), 0.0)
                    params[f"b{l}"] = np.zeros_like(np.empty((layer_dims[l], 1)))
                return params
            '''),
        "init_uniform": code('''
            def init_uniform(layer_dims, epsilon, rng):
                params = {}
                for l in range(1, len(layer_dims)):
                    rows, cols = layer_dims[l], layer_dims[l - 1]
                    W = np.empty((rows, cols))
                    for i in range(rows):
                        for j in range(cols):  # one scalar draw at a time
                            W[i, j] = epsilon * (1 - 2 * rng.random())
                    params[f"W{l}"] = W
                    params[f"b{l}"] = np.zeros((rows, 1))
                return params
            '''),
        "init_xavier": code('''
            def init_xavier(layer_dims, rng):
                params = {}
                for l in range(1, len(layer_dims)):
                    n_in, n_out = layer_dims[l - 1], layer_dims[l]
                    variance = 2.0 / (n_in + n_out)
                    W = [[rng.normal(scale=np.sqrt(variance)) for _ in range(n_in)]
                         for _ in range(n_out)]
                    params[f"W{l}"] = np.array(W)
                    params[f"b{l}"] = np.zeros((n_out, 1))
                return params
            '''),
        "init_he": code('''
            def init_he(layer_dims, rng):
                params = {}
                for l in range(1, len(layer_dims)):
                    n_in, n_out = layer_dims[l - 1], layer_dims[l]
                    z = rng.standard_normal(n_out * n_in).reshape(n_out, n_in)
                    params[f"W{l}"] = z / np.sqrt(n_in / 2)
                    params[f"b{l}"] = np.zeros((n_out, 1))
                return params
            '''),
        "answer_equal_rows": code('''
            answer_equal_rows = "(i)"
            '''),
        "answer_he_std": code('''
            answer_he_std = 0.2
            '''),
    },
}

_UNIFORM = '''
def init_uniform(layer_dims, epsilon, rng):
    params = {{}}
    for l in range(1, len(layer_dims)):
        n_in, n_out = layer_dims[l - 1], layer_dims[l]
        params[f"W{{l}}"] = {weights}
        params[f"b{{l}}"] = {bias}
    return params
'''


def _uniform(weights, bias="np.zeros((n_out, 1))"):
    return code(_UNIFORM.format(weights=weights, bias=bias))


_NORMAL = '''
def {name}(layer_dims, rng):
    params = {{}}
    for l in range(1, len(layer_dims)):
        n_in, n_out = layer_dims[l - 1], layer_dims[l]
        params[f"W{{l}}"] = {weights}
        params[f"b{{l}}"] = np.zeros((n_out, 1))
    return params
'''


def _normal(name, weights):
    return code(_NORMAL.format(name=name, weights=weights))


MISTAKES = [
    # init_zeros
    Mistaken("init_zeros", "transposed", code('''
        def init_zeros(layer_dims):
            params = {}
            for l in range(1, len(layer_dims)):
                params[f"W{l}"] = np.zeros((layer_dims[l - 1], layer_dims[l]))
                params[f"b{l}"] = np.zeros((layer_dims[l], 1))
            return params
        ''')),
    Mistaken("init_zeros", "init_bias_shape", code('''
        def init_zeros(layer_dims):
            params = {}
            for l in range(1, len(layer_dims)):
                params[f"W{l}"] = np.zeros((layer_dims[l], layer_dims[l - 1]))
                params[f"b{l}"] = np.zeros(layer_dims[l])
            return params
        ''')),
    Mistaken("init_zeros", "init_layer_count", code('''
        def init_zeros(layer_dims):
            params = {}
            for l in range(1, len(layer_dims) - 1):
                params[f"W{l}"] = np.zeros((layer_dims[l], layer_dims[l - 1]))
                params[f"b{l}"] = np.zeros((layer_dims[l], 1))
            return params
        ''')),
    Mistaken("init_zeros", "library_shortcut", code('''
        from nnlib import mlp

        def init_zeros(layer_dims):
            return mlp.init_params(layer_dims, np.random.default_rng(0), scale=0.0)
        ''')),
    # init_uniform
    Mistaken("init_uniform", "init_one_sided",
             _uniform("rng.uniform(0, epsilon, (n_out, n_in))")),
    Mistaken("init_uniform", "init_normal_not_uniform",
             _uniform("rng.normal(0, epsilon, (n_out, n_in))")),
    Mistaken("init_uniform", "init_global_rng",
             _uniform("epsilon * (2 * np.random.rand(n_out, n_in) - 1)")),
    Mistaken("init_uniform", "init_random_bias",
             _uniform("rng.uniform(-epsilon, epsilon, (n_out, n_in))",
                      bias="rng.uniform(-epsilon, epsilon, (n_out, 1))")),
    Mistaken("init_uniform", "init_bias_shape",
             _uniform("rng.uniform(-epsilon, epsilon, (n_out, n_in))", bias="np.zeros(n_out)")),
    Mistaken("init_uniform", "init_rng_ignored",
             _uniform("np.random.default_rng(0).uniform(-epsilon, epsilon, (n_out, n_in))")),
    Mistaken("init_uniform", "transposed",
             _uniform("rng.uniform(-epsilon, epsilon, (n_in, n_out))")),
    Mistaken("init_uniform", "library_shortcut", code('''
        from nnlib.mlp import init_params

        def init_uniform(layer_dims, epsilon, rng):
            return init_params(layer_dims, rng, scale=epsilon / 3 ** 0.5)
        ''')),
    # init_xavier
    Mistaken("init_xavier", "init_xavier_fan_in",
             _normal("init_xavier", "rng.normal(0, np.sqrt(1 / n_in), (n_out, n_in))")),
    Mistaken("init_xavier", "init_limit_as_std",
             _normal("init_xavier", "rng.normal(0, np.sqrt(6 / (n_in + n_out)), (n_out, n_in))")),
    Mistaken("init_xavier", "init_uniform_not_normal",
             _normal("init_xavier",
                     "rng.uniform(-1, 1, (n_out, n_in)) * np.sqrt(6 / (n_in + n_out))")),
    Mistaken("init_xavier", "init_variance_as_std",
             _normal("init_xavier", "rng.standard_normal((n_out, n_in)) * 2 / (n_in + n_out)")),
    Mistaken("init_xavier", "init_global_rng",
             _normal("init_xavier", "np.random.randn(n_out, n_in) * np.sqrt(2 / (n_in + n_out))")),
    Mistaken("init_xavier", "library_shortcut", code('''
        from nnlib import mlp

        def init_xavier(layer_dims, rng):
            return mlp.init_params(layer_dims, rng, scale="xavier")
        ''')),
    # init_he
    Mistaken("init_he", "init_he_fan_out",
             _normal("init_he", "rng.normal(0, np.sqrt(2 / n_out), (n_out, n_in))")),
    Mistaken("init_he", "init_variance_as_std",
             _normal("init_he", "rng.normal(0, 2 / n_in, (n_out, n_in))")),
    Mistaken("init_he", "init_he_missing_2",
             _normal("init_he", "rng.standard_normal((n_out, n_in)) / np.sqrt(n_in)")),
    Mistaken("init_he", "init_he_is_xavier",
             _normal("init_he", "rng.normal(0, np.sqrt(2 / (n_in + n_out)), (n_out, n_in))")),
    Mistaken("init_he", "init_layer_count", code('''
        def init_he(layer_dims, rng):
            params = {}
            for l in range(len(layer_dims)):
                n_in, n_out = layer_dims[l - 1], layer_dims[l]
                params[f"W{l}"] = rng.normal(0, np.sqrt(2 / n_in), (n_out, n_in))
                params[f"b{l}"] = np.zeros((n_out, 1))
            return params
        ''')),
    Mistaken("init_he", "transposed",
             _normal("init_he", "rng.normal(0, np.sqrt(2 / n_in), (n_in, n_out))")),
    Mistaken("init_he", "library_shortcut", code('''
        from nnlib import mlp

        def init_he(layer_dims, rng):
            return mlp.init_params(layer_dims, rng, scale="he")
        ''')),
    # the questions
    Mistaken("answer_equal_rows", "symmetry_broken_by_inputs", code('''
        answer_equal_rows = "ii"
        ''')),
    Mistaken("answer_equal_rows", "symmetry_means_no_learning", code('''
        answer_equal_rows = "iv"
        ''')),
    Mistaken("answer_he_std", "init_he_is_xavier", code('''
        answer_he_std = np.sqrt(2 / (50 + 30))
        ''')),
    Mistaken("answer_he_std", "init_variance_as_std", code('''
        answer_he_std = 2 / 50
        ''')),
]
