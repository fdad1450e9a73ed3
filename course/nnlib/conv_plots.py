"""Lesson 08 (parameter sharing): the ball images, im2col, feature-map figures and the
sliding-filter explorer.

Images are (N, C, H, W) and filters (F, C, HH, WW), as in the lesson. The fast
convolution here (``im2col`` + one matrix product) is for timing and plotting only: the
lesson's exercise is to write the convolution yourself, and graded answers may not call
anything in this module.
"""
import ipywidgets as W
import matplotlib.pyplot as plt
import numpy as np
from matplotlib.patches import Rectangle

from . import plotting
from .widgets import interactive_figure

#: RGB colour of the ball, per channel: mostly red, so one channel alone does not tell.
BALL_COLOUR = (1.0, 0.45, 0.1)


# --- data -----------------------------------------------------------------------------
def ball_images(n, rng, size=12, side="any", radius=1.5, noise=0.2, channels=3):
    """Noisy RGB images, half of them with a ball, for the parameter-sharing experiment.

    n:     number of images; the first n // 2 (in a random order) hold a ball.
    side:  where ball centres may lie: "left" (columns of the left half), "right" or "any".
    Returns (X, y): X (n, channels, size, size) float64, y (n,) floats in {0., 1.}.
    """
    if side not in ("left", "right", "any"):
        raise ValueError(f"side must be 'left', 'right' or 'any', not {side!r}")
    low, high = radius, size - 1 - radius
    # the halves keep a gap of two columns, so that no ball straddles the middle
    col_range = {"left": (low, size / 2 - 1.5), "right": (size / 2 + 0.5, high),
                 "any": (low, high)}[side]
    X = noise * rng.standard_normal((n, channels, size, size))
    y = rng.permutation(np.arange(n) < n // 2).astype(np.float64)
    rows, cols = np.mgrid[0:size, 0:size]
    colour = np.resize(np.asarray(BALL_COLOUR), channels)
    for k in np.flatnonzero(y):
        r, c = rng.uniform(low, high), rng.uniform(*col_range)
        ball = np.exp(-((rows - r) ** 2 + (cols - c) ** 2) / (2 * radius ** 2))
        X[k] += colour[:, None, None] * ball
    return X, y


# --- convolution by im2col (timing and plots only) -------------------------------------
def im2col(X, HH, WW, stride=1, pad=0):
    """Every receptive field of X (N, C, H, W) as one column.

    Returns cols of shape (C·HH·WW, N·H'·W'), rows ordered like W[f].ravel() (channel,
    then filter row, then filter column), columns ordered (n, i, j).
    """
    N, C, H, Wd = X.shape
    H_out, W_out = 1 + (H + 2 * pad - HH) // stride, 1 + (Wd + 2 * pad - WW) // stride
    padded = np.pad(X, [(0, 0), (0, 0), (pad, pad), (pad, pad)])
    # index arrays: row (c, p, q) of the matrix reads pixel (c, i·S + p, j·S + q)
    c_idx = np.repeat(np.arange(C), HH * WW)[:, None]
    p_idx = (np.tile(np.repeat(np.arange(HH), WW), C)[:, None]
             + stride * np.repeat(np.arange(H_out), W_out)[None, :])
    q_idx = (np.tile(np.arange(WW), C * HH)[:, None]
             + stride * np.tile(np.arange(W_out), H_out)[None, :])
    patches = padded[:, c_idx, p_idx, q_idx]                # (N, C·HH·WW, H'·W')
    return patches.transpose(1, 0, 2).reshape(C * HH * WW, N * H_out * W_out)


def conv2d_im2col(X, Wt, b, stride=1, pad=0):
    """The lesson's cross-correlation as one matrix product; returns out (N, F, H', W')."""
    N, _, H, Wd = X.shape
    F, _, HH, WW = Wt.shape
    H_out, W_out = 1 + (H + 2 * pad - HH) // stride, 1 + (Wd + 2 * pad - WW) // stride
    product = Wt.reshape(F, -1) @ im2col(X, HH, WW, stride, pad) + np.reshape(b, (F, 1))
    return product.reshape(F, N, H_out, W_out).transpose(1, 0, 2, 3)


def correlate2d(image, kernel):
    """'Valid' cross-correlation of one 2-D image with one 2-D kernel: (H−HH+1, W−WW+1)."""
    image = np.asarray(image, dtype=np.float64)
    kernel = np.asarray(kernel, dtype=np.float64)
    return conv2d_im2col(image[None, None], kernel[None, None], np.zeros(1))[0, 0]


# --- figures --------------------------------------------------------------------------
def as_rgb(image):
    """(C, H, W) with C = 3 -> (H, W, 3) scaled to [0, 1] for imshow."""
    rgb = np.transpose(np.asarray(image, dtype=np.float64), (1, 2, 0))
    lo, hi = rgb.min(), rgb.max()
    return (rgb - lo) / (hi - lo) if hi > lo else np.zeros_like(rgb)


def show_images(images, titles, suptitle, n_cols=8, cmap="gray_r"):
    """A grid of images (n, C, H, W) (C = 1 or 3), each with a title; returns the axes grid."""
    images = np.asarray(images)
    n = images.shape[0]
    n_rows = max(1, -(-n // n_cols))
    height = 1.45 * n_rows + 0.7
    # fixed margins instead of a layout engine: much faster to draw for many small panels
    fig, grid = plt.subplots(n_rows, n_cols, figsize=(1.25 * n_cols, height), squeeze=False)
    fig.subplots_adjust(left=0.05, right=0.99, bottom=0.45 / height, top=1 - 0.5 / height,
                        wspace=0.12, hspace=0.35)
    for k, ax in enumerate(grid.flat):
        ax.set_xticks([])
        ax.set_yticks([])
        if k >= n:
            ax.set_axis_off()
            continue
        if images.shape[1] == 3:
            ax.imshow(as_rgb(images[k]))
        else:
            ax.imshow(images[k, 0], cmap=cmap)
        ax.set_title(str(titles[k]), fontsize=9)
    fig.suptitle(suptitle)
    fig.supxlabel("pixel column")
    fig.supylabel("pixel row")
    return grid


def show_weights(weights, ax=None, title="Weights", size=None):
    """Signed weights of shape (C, H, W) as one diverging heat map per channel, side by side.

    Channels are laid out left to right with a one-pixel gap; red is positive, blue negative.
    """
    weights = np.asarray(weights, dtype=np.float64)
    C, H, Wd = weights.shape
    canvas = np.full((H, C * (Wd + 1) - 1), np.nan)
    for c in range(C):
        canvas[:, c * (Wd + 1):c * (Wd + 1) + Wd] = weights[c]
    ax = plotting.axes(ax, title, "pixel column, one block per channel" if C > 1
                       else "pixel column", "pixel row", figsize=size or (6, 2.6))
    limit = np.nanmax(np.abs(canvas)) or 1.0
    image = ax.imshow(canvas, cmap="RdBu_r", vmin=-limit, vmax=limit)
    if C == 3:  # name the blocks instead of numbering the columns across them
        ax.set_xticks([c * (Wd + 1) + (Wd - 1) / 2 for c in range(C)], ["red", "green", "blue"])
    ax.figure.colorbar(image, ax=ax, shrink=0.8, label="weight")
    return ax


def show_feature_maps(images, maps, filter_names, title="Feature maps"):
    """One row per image: the image (N, 1, H, W), then its maps (N, F, H', W'), one per filter.

    Each filter's maps share one symmetric colour scale (red positive, blue negative).
    """
    images, maps = np.asarray(images), np.asarray(maps)
    n, F = maps.shape[:2]
    height = 1.75 * n + 0.8
    fig, grid = plt.subplots(n, F + 1, figsize=(1.7 * (F + 1), height), squeeze=False)
    fig.subplots_adjust(left=0.07, right=0.99, bottom=0.4 / height, top=1 - 0.55 / height,
                        wspace=0.08, hspace=0.12)
    for row in range(n):
        grid[row, 0].imshow(images[row, 0], cmap="gray_r")
        for f in range(F):
            limit = np.abs(maps[:, f]).max() or 1.0
            grid[row, f + 1].imshow(maps[row, f], cmap="RdBu_r", vmin=-limit, vmax=limit)
    for col, label in enumerate(["input"] + list(filter_names)):
        grid[0, col].set_title(label, fontsize=10)
    for ax in grid.flat:
        ax.set_xticks([])
        ax.set_yticks([])
    fig.suptitle(title)
    fig.supxlabel("pixel column")
    fig.supylabel("pixel row (one image per row)")
    return grid


def split_axes(ax, n=2):
    """Replace ``ax`` by n side-by-side axes in the same place; returns them as a list."""
    fig = ax.figure
    spec = ax.get_subplotspec().subgridspec(1, n)
    ax.set_subplotspec(spec[0])
    return [ax] + [fig.add_subplot(spec[k]) for k in range(1, n)]


def draw_sliding_filter(ax_image, ax_map, image, kernel, feature_map, position, name="filter"):
    """One frame of the explorer: the filter's window on the image, and the feature map
    filled in up to ``position`` (row-major index of the output entry being computed)."""
    HH, WW = np.shape(kernel)
    H_out, W_out = feature_map.shape
    i, j = divmod(int(position), W_out)
    ax_image.imshow(image, cmap="gray_r")
    ax_image.add_patch(Rectangle((j - 0.5, i - 0.5), WW, HH, fill=False, edgecolor="tab:red",
                                 linewidth=2.5))
    for p in range(HH):          # the filter's weights, written inside the window
        for q in range(WW):
            ax_image.text(j + q, i + p, f"{kernel[p][q]:.2g}", ha="center", va="center",
                          color="tab:red", fontsize=8,
                          bbox={"facecolor": "white", "alpha": 0.75, "edgecolor": "none",
                                "pad": 1})
    ax_image.set_title(f"{name} over the input, window at ({i}, {j})", fontsize=10)
    ax_image.set_xlabel("pixel column")
    ax_image.set_ylabel("pixel row")

    shown = np.full(feature_map.shape, np.nan)   # not yet computed: left blank
    shown.flat[:int(position) + 1] = feature_map.flat[:int(position) + 1]
    limit = np.abs(feature_map).max() or 1.0     # fixed scale: colours do not jump
    ax_map.imshow(shown, cmap="RdBu_r", vmin=-limit, vmax=limit)
    ax_map.add_patch(Rectangle((j - 0.5, i - 0.5), 1, 1, fill=False, edgecolor="tab:red",
                               linewidth=2.5))
    ax_map.set_xlim(-0.5, W_out - 0.5)
    ax_map.set_ylim(H_out - 0.5, -0.5)
    ax_map.set_title(f"feature map: out[{i}, {j}] = {feature_map[i, j]:.2f}", fontsize=10)
    ax_map.set_xlabel("output column j")
    ax_map.set_ylabel("output row i")


def sliding_filter_explorer(image, filters, conv2d_forward=None):
    """Interactive: a filter slides over ``image`` (H, W) and fills in its feature map.

    filters: dict name -> 2-D kernel. conv2d_forward(X, W, b, stride, pad) -> (out, cache)
    computes the maps (pass yours from the lesson); by default this module's im2col.
    Controls: a slider for the output position (row by row) and a menu for the filter.
    """
    image = np.asarray(image, dtype=np.float64)
    names = list(filters)
    if len({np.shape(k) for k in filters.values()}) != 1:
        raise ValueError("the filters must all have the same shape, e.g. 3x3")
    kernels = np.stack([np.asarray(filters[k], dtype=np.float64) for k in names])
    X, Wt, b = image[None, None], kernels[:, None], np.zeros(len(names))
    if conv2d_forward is None:
        maps = conv2d_im2col(X, Wt, b)
    else:
        maps = np.asarray(conv2d_forward(X, Wt, b, stride=1, pad=0)[0], dtype=np.float64)
    maps = maps[0]
    n_positions = maps.shape[1] * maps.shape[2]

    def draw(ax, position, filter_name):
        ax_image, ax_map = split_axes(ax)
        f = names.index(filter_name)
        draw_sliding_filter(ax_image, ax_map, image, kernels[f], maps[f], position, filter_name)

    controls = {
        "position": W.IntSlider(value=n_positions // 3, min=0, max=n_positions - 1,
                                description="position", continuous_update=False),
        "filter_name": W.Dropdown(options=names, value=names[0], description="filter"),
    }
    return interactive_figure(draw, controls, figsize=(8.5, 4))
