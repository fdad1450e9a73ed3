import itertools

import matplotlib
import numpy as np
import pytest

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

from nnlib import conv_plots  # noqa: E402


def correlate_by_definition(X, W, b, stride, pad):
    """out[n, f, i, j] = b[f] + sum X[n, c, iS + p - P, jS + q - P] W[f, c, p, q], zeros outside."""
    N, C, H, W_in = X.shape
    F, _, HH, WW = W.shape
    H_out, W_out = (H + 2 * pad - HH) // stride + 1, (W_in + 2 * pad - WW) // stride + 1
    out = np.zeros((N, F, H_out, W_out))
    for n, f, i, j in itertools.product(range(N), range(F), range(H_out), range(W_out)):
        out[n, f, i, j] = b[f] + sum(
            X[n, c, i * stride + p - pad, j * stride + q - pad] * W[f, c, p, q]
            for c, p, q in itertools.product(range(C), range(HH), range(WW))
            if 0 <= i * stride + p - pad < H and 0 <= j * stride + q - pad < W_in)
    return out


@pytest.mark.parametrize("stride,pad", [(1, 0), (1, 1), (2, 0), (2, 1), (3, 2)])
def test_im2col_convolution_is_the_cross_correlation(stride, pad):
    rng = np.random.default_rng(stride * 10 + pad)
    X, W, b = rng.standard_normal((2, 3, 7, 6)), rng.standard_normal((4, 3, 3, 2)), \
        rng.standard_normal(4)
    assert np.allclose(conv_plots.conv2d_im2col(X, W, b, stride, pad),
                       correlate_by_definition(X, W, b, stride, pad))
    cols = conv_plots.im2col(X, 3, 2, stride, pad)
    H_out, W_out = (7 + 2 * pad - 3) // stride + 1, (6 + 2 * pad - 2) // stride + 1
    assert cols.shape == (3 * 3 * 2, 2 * H_out * W_out)


def test_correlate2d_does_not_flip_the_kernel():
    image = np.arange(12.0).reshape(3, 4)
    kernel = np.array([[1.0, 0.0], [0.0, 0.0]])          # picks the window's top-left pixel
    assert np.array_equal(conv_plots.correlate2d(image, kernel), image[:2, :3])


def test_ball_images_put_balls_where_asked():
    rng = np.random.default_rng(0)
    for side in ("left", "right"):
        X, y = conv_plots.ball_images(40, rng, size=12, side=side, noise=0.0)
        assert X.shape == (40, 3, 12, 12) and y.sum() == 20 and set(y) == {0.0, 1.0}
        assert np.all(X[y == 0] == 0.0)
        red = X[y == 1, 0]                                  # (20, 12, 12)
        columns = red.sum(axis=1).argmax(axis=1)             # the brightest column per ball
        assert np.all(columns <= 5) if side == "left" else np.all(columns >= 6)
    with pytest.raises(ValueError):
        conv_plots.ball_images(4, rng, side="top")


def test_figures_have_titles_and_labels():
    rng = np.random.default_rng(1)
    grid = conv_plots.show_images(rng.random((3, 3, 6, 6)), ["a", "b", "c"], "Balls", n_cols=4)
    fig = grid[0, 0].figure
    assert fig._suptitle.get_text() == "Balls" and fig._supxlabel.get_text()
    assert [ax.get_title() for ax in grid.flat[:3]] == ["a", "b", "c"]
    ax = conv_plots.show_weights(rng.standard_normal((3, 4, 4)), title="Filter")
    assert ax.get_title() == "Filter" and ax.get_xlabel() and ax.get_ylabel()
    assert [t.get_text() for t in ax.get_xticklabels()] == ["red", "green", "blue"]
    grid = conv_plots.show_feature_maps(rng.random((2, 1, 5, 5)), rng.random((2, 3, 5, 5)),
                                        ["x", "y", "z"], title="Maps")
    assert grid.shape == (2, 4) and grid[0, 0].figure._suptitle.get_text() == "Maps"
    assert [ax.get_title() for ax in grid[0]] == ["input", "x", "y", "z"]
    plt.close("all")


def test_a_frame_fills_the_map_up_to_the_position_only():
    image = np.arange(25.0).reshape(5, 5)
    kernel = np.ones((2, 2))
    fmap = conv_plots.correlate2d(image, kernel)            # 4x4
    fig, ax = plt.subplots()
    ax_image, ax_map = conv_plots.split_axes(ax)
    conv_plots.draw_sliding_filter(ax_image, ax_map, image, kernel, fmap, 5, "box")
    shown = ax_map.images[0].get_array()
    assert np.count_nonzero(~np.ma.getmaskarray(shown) & ~np.isnan(np.ma.getdata(shown))) == 6
    assert "(1, 1)" in ax_image.get_title() and "out[1, 1]" in ax_map.get_title()
    assert ax_image.get_xlabel() and ax_map.get_ylabel()
    plt.close("all")


def test_explorer_redraws_and_uses_the_given_convolution():
    calls = []

    def my_conv(X, W, b, stride=1, pad=0):
        calls.append((X.shape, W.shape, stride, pad))
        return conv_plots.conv2d_im2col(X, W, b, stride, pad), None

    filters = {"edge": np.array([[1.0, -1.0], [1.0, -1.0]]), "blur": np.full((2, 2), 0.25)}
    box = conv_plots.sliding_filter_explorer(np.eye(6), filters, my_conv)
    assert calls == [((1, 1, 6, 6), (2, 1, 2, 2), 1, 0)]
    slider, menu = box.children[0].children
    assert slider.max == 5 * 5 - 1 and list(menu.options) == ["edge", "blur"]
    slider.value = 7
    menu.value = "blur"
    assert len(calls) == 1, "maps are computed once, not on every redraw"
    plt.close("all")


def test_explorer_rejects_filters_of_different_sizes_early():
    with pytest.raises(ValueError):
        conv_plots.sliding_filter_explorer(np.eye(6), {"a": np.ones((1, 2)), "b": np.ones((2, 2))})
