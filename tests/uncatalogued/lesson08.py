"""Uncatalogued mistakes for lesson 08: count_dense_params, count_conv_params,
conv2d_forward, conv2d_backward."""
from . import Uncatalogued, cell

MISTAKES = [
    Uncatalogued("count_dense_params", "uses only the first size of the input shape", cell('''
        def count_dense_params(input_shape, n_units):
            n_inputs = input_shape[0]
            return n_inputs * n_units + n_units
    ''')),
    Uncatalogued("count_conv_params", "multiplies by the number of channels again, as if each channel had its own whole filter", cell('''
        def count_conv_params(filter_shape, n_filters):
            channels = filter_shape[-1]
            weights_per_filter = math.prod(filter_shape) * channels
            return (weights_per_filter + 1) * n_filters
    ''')),
    Uncatalogued("conv2d_forward", "adds the bias once per input channel inside the loop over channels", cell('''
        def conv2d_forward(X, W, b, stride=1, pad=0):
            N, C, H, W_in = X.shape
            F, _, HH, WW = W.shape
            H_out = 1 + (H + 2 * pad - HH) // stride
            W_out = 1 + (W_in + 2 * pad - WW) // stride
            X_pad = np.pad(X, ((0, 0), (0, 0), (pad, pad), (pad, pad)))
            out = np.zeros((N, F, H_out, W_out))
            for i in range(H_out):
                for j in range(W_out):
                    top, left = i * stride, j * stride
                    for c in range(C):
                        window = X_pad[:, c, top:top + HH, left:left + WW]
                        out[:, :, i, j] += np.tensordot(window, W[:, c], axes=([1, 2], [1, 2])) + b
            cache = (X, W, b, stride, pad)
            return out, cache
    ''')),
    Uncatalogued("conv2d_backward", "places dX's windows at (i, j) instead of (i·stride, j·stride)", cell('''
        def conv2d_backward(dout, cache):
            X, W, b, stride, pad = cache
            N, C, H, W_in = X.shape
            F, _, HH, WW = W.shape
            _, _, H_out, W_out = dout.shape
            X_pad = np.pad(X, ((0, 0), (0, 0), (pad, pad), (pad, pad)))
            dX_pad = np.zeros_like(X_pad)
            dW = np.zeros_like(W)
            db = dout.sum(axis=(0, 2, 3))
            for i in range(H_out):
                for j in range(W_out):
                    top, left = i * stride, j * stride
                    window = X_pad[:, :, top:top + HH, left:left + WW]
                    grad_ij = dout[:, :, i, j]
                    dW += np.tensordot(grad_ij, window, axes=([0], [0]))
                    dX_pad[:, :, i:i + HH, j:j + WW] += np.tensordot(grad_ij, W, axes=([1], [0]))
            dX = dX_pad[:, :, pad:pad + H, pad:pad + W_in]
            return dX, dW, db
    ''')),
]
