"""Sample submissions for lesson 08: three correct styles and the catalogued mistakes."""
from textwrap import dedent, indent

from . import Mistaken, code

# The instructor's backward pass, rewritten line by line by the backward mistakes below.
_BACKWARD_HEAD = '''
def conv2d_backward(dout, cache):
    X, W, b, stride, pad = cache
    N, C, H, W_in = X.shape
    F, _, HH, WW = W.shape
    _, _, H_out, W_out = dout.shape
    X_pad = np.pad(X, ((0, 0), (0, 0), (pad, pad), (pad, pad)))
    dX_pad = np.zeros_like(X_pad)
    dW = np.zeros_like(W)
'''


def _backward(body):
    """The head above followed by ``body`` (the rest of the function, any indentation)."""
    return code(_BACKWARD_HEAD + indent(dedent(body).strip("\n"), "    "))


_FORWARD = '''
def conv2d_forward(X, W, b, stride=1, pad=0):
    N, C, H, W_in = X.shape
    F, _, HH, WW = W.shape
    X_pad = {padded}
    H_out = 1 + (X_pad.shape[2] - HH) // stride
    W_out = 1 + (X_pad.shape[3] - WW) // stride
    out = np.zeros((N, F, H_out, W_out))
    for i in range(H_out):
        for j in range(W_out):
            top, left = {corner}
            window = X_pad[:, :, top:top + HH, left:left + WW]
            out[:, :, i, j] = np.tensordot(window, {filters}, axes=([1, 2, 3], [1, 2, 3])){bias}
    return out, (X, W, b, stride, pad)
'''


def _forward(padded="np.pad(X, ((0, 0), (0, 0), (pad, pad), (pad, pad)))",
             corner="i * stride, j * stride", filters="W", bias=" + b"):
    return code(_FORWARD.format(padded=padded, corner=corner, filters=filters, bias=bias))


CORRECT = {
    "naive_loops": {
        "count_dense_params": code('''
            def count_dense_params(input_shape, n_units):
                n_inputs = 1
                for size in input_shape:
                    n_inputs *= size
                return n_units * (n_inputs + 1)
            '''),
        "count_conv_params": code('''
            def count_conv_params(filter_shape, n_filters):
                return math.prod(filter_shape) * n_filters + n_filters
            '''),
        "conv2d_forward": code('''
            def conv2d_forward(X, W, b, stride=1, pad=0):
                N, C, H, W_in = X.shape
                F, _, HH, WW = W.shape
                # manual zero padding instead of np.pad
                Xp = np.zeros((N, C, H + 2 * pad, W_in + 2 * pad))
                Xp[:, :, pad:pad + H, pad:pad + W_in] = X
                H_out = (H + 2 * pad - HH) // stride + 1
                W_out = (W_in + 2 * pad - WW) // stride + 1
                out = np.zeros((N, F, H_out, W_out))
                for n in range(N):
                    for f in range(F):
                        for i in range(H_out):
                            for j in range(W_out):
                                total = b[f]
                                for c in range(C):
                                    for p in range(HH):
                                        for q in range(WW):
                                            total += Xp[n, c, i * stride + p, j * stride + q] \\
                                                * W[f, c, p, q]
                                out[n, f, i, j] = total
                return out, {"X": X, "W": W, "stride": stride, "pad": pad}
            '''),
        "conv2d_backward": code('''
            def conv2d_backward(dout, cache):
                X, W = cache["X"], cache["W"]
                stride, pad = cache["stride"], cache["pad"]
                N, C, H, W_in = X.shape
                F, _, HH, WW = W.shape
                Xp = np.zeros((N, C, H + 2 * pad, W_in + 2 * pad))
                Xp[:, :, pad:pad + H, pad:pad + W_in] = X
                dXp = np.zeros(Xp.shape)
                dW = np.zeros(W.shape)
                db = np.zeros(F)
                for n in range(N):
                    for f in range(F):
                        for i in range(dout.shape[2]):
                            for j in range(dout.shape[3]):
                                g = dout[n, f, i, j]
                                db[f] += g
                                for c in range(C):
                                    for p in range(HH):
                                        for q in range(WW):
                                            r, s = i * stride + p, j * stride + q
                                            dW[f, c, p, q] += g * Xp[n, c, r, s]
                                            dXp[n, c, r, s] += g * W[f, c, p, q]
                return dXp[:, :, pad:pad + H, pad:pad + W_in], dW, db
            '''),
        "answer_shared_dw": code('''
            answer_shared_dw = np.array([8.0])
            '''),
        "answer_ball_prediction": code('''
            answer_ball_prediction = "ii"
            '''),
    },
    "im2col": {
        "count_dense_params": code('''
            def count_dense_params(input_shape, n_units):
                return np.prod(input_shape) * n_units + n_units   # a NumPy integer
            '''),
        "count_conv_params": code('''
            def count_conv_params(filter_shape, n_filters):
                weights = np.prod(np.array(filter_shape)) * n_filters
                biases = np.int64(n_filters)
                return weights + biases
            '''),
        "conv2d_forward": code('''
            def conv2d_forward(X, W, b, stride=1, pad=0):
                N, C, H, W_in = X.shape
                F, _, HH, WW = W.shape
                Xp = np.pad(X, [(0, 0), (0, 0), (pad, pad), (pad, pad)], mode="constant")
                H_out = (H + 2 * pad - HH) // stride + 1
                W_out = (W_in + 2 * pad - WW) // stride + 1
                cols = np.empty((C * HH * WW, N * H_out * W_out))
                k = 0
                for n in range(N):
                    for i in range(H_out):
                        for j in range(W_out):
                            patch = Xp[n, :, i * stride:i * stride + HH, j * stride:j * stride + WW]
                            cols[:, k] = patch.ravel()
                            k += 1
                out = W.reshape(F, -1) @ cols + b.reshape(F, 1)
                out = out.reshape(F, N, H_out, W_out).transpose(1, 0, 2, 3)
                return out, (X.shape, W, cols, stride, pad)
            '''),
        "conv2d_backward": code('''
            def conv2d_backward(dout, cache):
                x_shape, W, cols, stride, pad = cache
                N, C, H, W_in = x_shape
                F, _, HH, WW = W.shape
                _, _, H_out, W_out = dout.shape
                dout_rows = dout.transpose(1, 0, 2, 3).reshape(F, -1)
                db = dout_rows.sum(axis=1)
                dW = (dout_rows @ cols.T).reshape(W.shape)
                dcols = W.reshape(F, -1).T @ dout_rows
                # col2im: scatter-add every column back onto its window, all at once
                n_idx, i_idx, j_idx = np.meshgrid(np.arange(N), np.arange(H_out),
                                                  np.arange(W_out), indexing="ij")
                c_idx, p_idx, q_idx = np.meshgrid(np.arange(C), np.arange(HH),
                                                  np.arange(WW), indexing="ij")
                rows = i_idx.reshape(1, -1) * stride + p_idx.reshape(-1, 1)
                cols_ = j_idx.reshape(1, -1) * stride + q_idx.reshape(-1, 1)
                dXp = np.zeros((N, C, H + 2 * pad, W_in + 2 * pad))
                np.add.at(dXp, (n_idx.reshape(1, -1), c_idx.reshape(-1, 1), rows, cols_), dcols)
                return dXp[:, :, pad:pad + H, pad:pad + W_in], dW, db
            '''),
        "answer_shared_dw": code('''
            x, dy = [2, -1, 3, 1], [0.5, -1, 2]
            answer_shared_dw = sum(dy[i] * x[i] for i in range(3))
            '''),
        "answer_ball_prediction": code('''
            answer_ball_prediction = "II"
            '''),
    },
    "windows_einsum": {
        "count_dense_params": code('''
            import functools
            import operator

            def count_dense_params(input_shape, n_units):
                n_in = functools.reduce(operator.mul, input_shape, 1)
                return int(n_in * n_units + n_units)
            '''),
        "count_conv_params": code('''
            def count_conv_params(filter_shape, n_filters):
                total = 0
                for _ in range(n_filters):
                    total += int(np.prod(filter_shape)) + 1
                return total
            '''),
        "conv2d_forward": code('''
            from numpy.lib.stride_tricks import sliding_window_view

            def conv2d_forward(x, w, b, stride=1, pad=0):
                HH, WW = w.shape[2:]
                xp = np.pad(x, ((0, 0), (0, 0), (pad, pad), (pad, pad)))
                windows = sliding_window_view(xp, (HH, WW), axis=(2, 3))[:, :, ::stride, ::stride]
                out = np.einsum("ncijpq,fcpq->nfij", windows, w) + b[None, :, None, None]
                return out, (x, w, b, {"stride": stride, "pad": pad})
            '''),
        "conv2d_backward": code('''
            from numpy.lib.stride_tricks import sliding_window_view

            def conv2d_backward(dout, cache):
                x, w, b, conv_param = cache
                S, P = conv_param["stride"], conv_param["pad"]
                N, C, H, W_in = x.shape
                F, _, HH, WW = w.shape
                _, _, H_out, W_out = dout.shape
                xp = np.pad(x, ((0, 0), (0, 0), (P, P), (P, P)))
                windows = sliding_window_view(xp, (HH, WW), axis=(2, 3))[:, :, ::S, ::S]
                dw = np.einsum("nfij,ncijpq->fcpq", dout, windows)
                db = dout.sum(axis=(0, 2, 3))
                # dX: spread dout out by the stride, pad it fully, correlate with the flipped filter
                Hp, Wp = H + 2 * P, W_in + 2 * P
                full = np.zeros((N, F, Hp + HH - 1, Wp + WW - 1))
                full[:, :, HH - 1:HH - 1 + (H_out - 1) * S + 1:S,
                     WW - 1:WW - 1 + (W_out - 1) * S + 1:S] = dout
                spread = sliding_window_view(full, (HH, WW), axis=(2, 3))
                dxp = np.einsum("nfhwpq,fcpq->nchw", spread, w[:, :, ::-1, ::-1])
                return dxp[:, :, P:P + H, P:P + W_in], dw, db
            '''),
        "answer_shared_dw": code('''
            answer_shared_dw = 8
            '''),
        "answer_ball_prediction": code('''
            answer_ball_prediction = "(ii)"
            '''),
    },
}

MISTAKES = [
    # --- count_dense_params
    Mistaken("count_dense_params", "count_biases_missing", code('''
        def count_dense_params(input_shape, n_units):
            return math.prod(input_shape) * n_units
        ''')),
    Mistaken("count_dense_params", "count_one_bias", code('''
        def count_dense_params(input_shape, n_units):
            return math.prod(input_shape) * n_units + 1
        ''')),
    Mistaken("count_dense_params", "count_sum_of_sizes", code('''
        def count_dense_params(input_shape, n_units):
            return sum(input_shape) * n_units + n_units
        ''')),
    Mistaken("count_dense_params", "count_size_missing", code('''
        def count_dense_params(input_shape, n_units):
            height, width = input_shape[0], input_shape[1]   # forgets the channels
            return height * width * n_units + n_units
        ''')),
    # --- count_conv_params
    Mistaken("count_conv_params", "count_biases_missing", code('''
        def count_conv_params(filter_shape, n_filters):
            return math.prod(filter_shape) * n_filters
        ''')),
    Mistaken("count_conv_params", "count_weights_of_one_unit", code('''
        def count_conv_params(filter_shape, n_filters):
            return math.prod(filter_shape) + n_filters   # "shared" across filters too
        ''')),
    Mistaken("count_conv_params", "count_size_missing", code('''
        def count_conv_params(filter_shape, n_filters):
            return filter_shape[0] * filter_shape[1] * n_filters + n_filters
        ''')),
    # --- conv2d_forward
    Mistaken("conv2d_forward", "conv_flipped_kernel", _forward(filters="W[:, :, ::-1, ::-1]")),
    Mistaken("conv2d_forward", "conv_bias_missing", _forward(bias="")),
    Mistaken("conv2d_forward", "conv_stride_ignored", _forward(corner="i, j")),
    Mistaken("conv2d_forward", "conv_padding_ignored", _forward(padded="X")),
    Mistaken("conv2d_forward", "conv_padding_wrong",
             _forward(padded="np.pad(X, ((0, 0), (0, 0), (pad, 0), (pad, 0)))")),
    Mistaken("conv2d_forward", "library_shortcut", code('''
        from nnlib import conv_plots

        def conv2d_forward(X, W, b, stride=1, pad=0):
            out = conv_plots.conv2d_im2col(X, W, b, stride=stride, pad=pad)
            return out, (X, W, b, stride, pad)
        ''')),
    # --- conv2d_backward
    Mistaken("conv2d_backward", "conv_dw_one_position", _backward('''
            db = dout.sum(axis=(0, 2, 3))
            for i in range(H_out):
                for j in range(W_out):
                    top, left = i * stride, j * stride
                    window = X_pad[:, :, top:top + HH, left:left + WW]
                    g = dout[:, :, i, j]
                    dW = np.tensordot(g, window, axes=([0], [0]))
                    dX_pad[:, :, top:top + HH, left:left + WW] += np.tensordot(g, W, axes=1)
            return dX_pad[:, :, pad:pad + H, pad:pad + W_in], dW, db
        ''')),
    Mistaken("conv2d_backward", "conv_dw_batch_not_summed", _backward('''
            db = dout.sum(axis=(0, 2, 3))
            for n in range(N):
                dW = np.zeros_like(W)
                for i in range(H_out):
                    for j in range(W_out):
                        top, left = i * stride, j * stride
                        window = X_pad[n, :, top:top + HH, left:left + WW]
                        dW += dout[n, :, i, j][:, None, None, None] * window
                        dX_pad[n, :, top:top + HH, left:left + WW] += \\
                            np.tensordot(dout[n, :, i, j], W, axes=([0], [0]))
            return dX_pad[:, :, pad:pad + H, pad:pad + W_in], dW, db
        ''')),
    Mistaken("conv2d_backward", "conv_dw_flipped", _backward('''
            db = dout.sum(axis=(0, 2, 3))
            for i in range(H_out):
                for j in range(W_out):
                    top, left = i * stride, j * stride
                    window = X_pad[:, :, top:top + HH, left:left + WW]
                    g = dout[:, :, i, j]
                    dW += np.tensordot(g, window, axes=([0], [0]))
                    dX_pad[:, :, top:top + HH, left:left + WW] += np.tensordot(g, W, axes=1)
            return dX_pad[:, :, pad:pad + H, pad:pad + W_in], dW[:, :, ::-1, ::-1], db
        ''')),
    Mistaken("conv2d_backward", "conv_db_not_summed", _backward('''
            db = dout.sum(axis=(2, 3))
            for i in range(H_out):
                for j in range(W_out):
                    top, left = i * stride, j * stride
                    window = X_pad[:, :, top:top + HH, left:left + WW]
                    g = dout[:, :, i, j]
                    dW += np.tensordot(g, window, axes=([0], [0]))
                    dX_pad[:, :, top:top + HH, left:left + WW] += np.tensordot(g, W, axes=1)
            return dX_pad[:, :, pad:pad + H, pad:pad + W_in], dW, db
        ''')),
    Mistaken("conv2d_backward", "conv_grad_averaged", _backward('''
            db = dout.sum(axis=(0, 2, 3))
            for i in range(H_out):
                for j in range(W_out):
                    top, left = i * stride, j * stride
                    window = X_pad[:, :, top:top + HH, left:left + WW]
                    g = dout[:, :, i, j]
                    dW += np.tensordot(g, window, axes=([0], [0]))
                    dX_pad[:, :, top:top + HH, left:left + WW] += np.tensordot(g, W, axes=1)
            return dX_pad[:, :, pad:pad + H, pad:pad + W_in], dW / N, db / N
        ''')),
    Mistaken("conv2d_backward", "conv_dx_flipped_kernel", _backward('''
            db = dout.sum(axis=(0, 2, 3))
            W_flipped = W[:, :, ::-1, ::-1]
            for i in range(H_out):
                for j in range(W_out):
                    top, left = i * stride, j * stride
                    window = X_pad[:, :, top:top + HH, left:left + WW]
                    g = dout[:, :, i, j]
                    dW += np.tensordot(g, window, axes=([0], [0]))
                    dX_pad[:, :, top:top + HH, left:left + WW] += \\
                        np.tensordot(g, W_flipped, axes=([1], [0]))
            return dX_pad[:, :, pad:pad + H, pad:pad + W_in], dW, db
        ''')),
    Mistaken("conv2d_backward", "conv_dx_padding_not_cropped", _backward('''
            db = dout.sum(axis=(0, 2, 3))
            for i in range(H_out):
                for j in range(W_out):
                    top, left = i * stride, j * stride
                    window = X_pad[:, :, top:top + HH, left:left + WW]
                    g = dout[:, :, i, j]
                    dW += np.tensordot(g, window, axes=([0], [0]))
                    dX_pad[:, :, top:top + HH, left:left + WW] += np.tensordot(g, W, axes=1)
            return dX_pad, dW, db
        ''')),
    Mistaken("conv2d_backward", "conv_dx_crop_empty_for_pad0", _backward('''
            db = dout.sum(axis=(0, 2, 3))
            for i in range(H_out):
                for j in range(W_out):
                    top, left = i * stride, j * stride
                    window = X_pad[:, :, top:top + HH, left:left + WW]
                    g = dout[:, :, i, j]
                    dW += np.tensordot(g, window, axes=([0], [0]))
                    dX_pad[:, :, top:top + HH, left:left + WW] += np.tensordot(g, W, axes=1)
            return dX_pad[:, :, pad:-pad, pad:-pad], dW, db
        ''')),
    Mistaken("conv2d_backward", "conv_dx_overwritten", _backward('''
            db = dout.sum(axis=(0, 2, 3))
            for i in range(H_out):
                for j in range(W_out):
                    top, left = i * stride, j * stride
                    window = X_pad[:, :, top:top + HH, left:left + WW]
                    g = dout[:, :, i, j]
                    dW += np.tensordot(g, window, axes=([0], [0]))
                    dX_pad[:, :, top:top + HH, left:left + WW] = np.tensordot(g, W, axes=1)
            return dX_pad[:, :, pad:pad + H, pad:pad + W_in], dW, db
        ''')),
    Mistaken("conv2d_backward", "library_shortcut", code('''
        from nnlib import conv_plots

        def conv2d_backward(dout, cache):
            X, W, b, stride, pad = cache
            N, C, H, W_in = X.shape
            F, _, HH, WW = W.shape
            cols = conv_plots.im2col(X, HH, WW, stride, pad)
            dout_rows = dout.transpose(1, 0, 2, 3).reshape(F, -1)
            dW = (dout_rows @ cols.T).reshape(W.shape)
            X_pad = np.pad(X, ((0, 0), (0, 0), (pad, pad), (pad, pad)))
            dX_pad = np.zeros_like(X_pad)
            for i in range(dout.shape[2]):
                for j in range(dout.shape[3]):
                    top, left = i * stride, j * stride
                    dX_pad[:, :, top:top + HH, left:left + WW] += \\
                        np.tensordot(dout[:, :, i, j], W, axes=([1], [0]))
            return dX_pad[:, :, pad:pad + H, pad:pad + W_in], dW, dout.sum(axis=(0, 2, 3))
        ''')),
    # the questions
    Mistaken("answer_shared_dw", "conv_dw_one_position", code('''
        answer_shared_dw = 0.5 * 2
        ''')),
    Mistaken("answer_shared_dw", "shared_grad_averaged_over_positions", code('''
        answer_shared_dw = (0.5 * 2 + (-1) * (-1) + 2 * 3) / 3
        ''')),
    Mistaken("answer_ball_prediction", "shared_filter_tied_to_position", code('''
        answer_ball_prediction = "i"
        ''')),
    Mistaken("answer_ball_prediction", "fewer_parameters_means_weaker", code('''
        answer_ball_prediction = "iii"
        ''')),
]
