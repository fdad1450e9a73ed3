"""Uncatalogued mistakes for lesson 05: init_uniform, init_xavier, init_he."""
from . import Uncatalogued, cell

MISTAKES = [
    Uncatalogued("init_uniform", "draws from [−ε/2, ε/2], taking ε as the width of the interval", cell('''
        def init_uniform(layer_dims, epsilon, rng):
            params = {}
            for l in range(1, len(layer_dims)):
                n_in, n_out = layer_dims[l - 1], layer_dims[l]
                params[f"W{l}"] = rng.uniform(-epsilon / 2, epsilon / 2, size=(n_out, n_in))
                params[f"b{l}"] = np.zeros((n_out, 1))
            return params
    ''')),
    Uncatalogued("init_xavier", "forgets the 2: std = √(1/(n_in + n_out))", cell('''
        def init_xavier(layer_dims, rng):
            params = {}
            for l in range(1, len(layer_dims)):
                n_in, n_out = layer_dims[l - 1], layer_dims[l]
                std = np.sqrt(1.0 / (n_in + n_out))
                params[f"W{l}"] = std * rng.standard_normal((n_out, n_in))
                params[f"b{l}"] = np.zeros((n_out, 1))
            return params
    ''')),
    Uncatalogued("init_he", "takes the square root of n_in only: std = 2/√n_in", cell('''
        def init_he(layer_dims, rng):
            params = {}
            for l in range(1, len(layer_dims)):
                n_in, n_out = layer_dims[l - 1], layer_dims[l]
                params[f"W{l}"] = rng.normal(0.0, 2.0 / np.sqrt(n_in), size=(n_out, n_in))
                params[f"b{l}"] = np.zeros((n_out, 1))
            return params
    ''')),
]
