"""Interactive figures: controls (ipywidgets) that redraw a matplotlib figure.

``interactive_figure(draw, controls)`` is the one building block: ``draw(ax, **values)``
is called on a fresh axes whenever a control changes. Lessons build their explorers
from it; ``learning_rate_explorer`` (lesson 01) is the first.
"""
import ipywidgets as W
import matplotlib.pyplot as plt
import numpy as np

from . import plotting
from .i18n import _, translate_text


def interactive_figure(draw, controls, figsize=(6.5, 4), ncols=1):
    """A VBox of the ``controls`` (a dict name -> widget) above a live figure.

    draw(ax, **values) draws one frame; values holds each control's current value.
    With ncols > 1, ``ax`` is an array of that many side-by-side axes.
    The returned box has a ``redraw()`` method, handy in tests and scripts.
    """
    out = W.Output()

    def render(**values):
        with out:
            out.clear_output(wait=True)
            fig, ax = plt.subplots(1, ncols, figsize=figsize, layout="constrained")
            try:
                draw(ax, **values)
            except NotImplementedError as error:  # an exercise it uses is unanswered
                plt.close(fig)
                print(_not_written_yet(error))
                return
            except BaseException:
                plt.show()  # what was drawn, then the traceback
                plt.close(fig)
                raise
            plt.show()
            plt.close(fig)

    def redraw(*_):
        render(**{name: w.value for name, w in controls.items()})

    for widget in controls.values():
        widget.observe(redraw, names="value")
        if getattr(widget, "description", ""):  # its label in the learner's language
            widget.description = translate_text(widget.description)
    box = W.VBox([W.HBox(list(controls.values())), out])
    box.redraw = redraw
    redraw()
    return box


def _not_written_yet(error):
    """The note an interactive shows instead of an empty figure while the learner's
    function it calls still raises NotImplementedError."""
    tb = error.__traceback__
    while tb is not None and tb.tb_next is not None:
        tb = tb.tb_next
    name = tb.tb_frame.f_code.co_name if tb is not None else "function"
    return _("This figure runs your {name}(), which is not written yet (it raises "
             "NotImplementedError). Write it, run its cell, then run this cell again.").format(
        name=name)


def learning_rate_explorer(gradient_descent, x, y, w0, n_steps=20,
                           lr_range=(0.001, 0.12), w_span=2.5):
    """Lesson 01: the MSE over one weight with your gradient-descent path on it.

    gradient_descent(x, y, w0, learning_rate, n_steps) -> (w, losses) is *your*
    function from the lesson; the slider picks the learning rate.
    """
    x = np.asarray(x, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    w_star = float(x @ y / (x @ x))  # the best weight of y_hat = w x
    ws = np.linspace(w_star - w_span, w_star + w_span, 200)
    curve = [np.mean((w * x - y) ** 2) for w in ws]

    def draw(ax, learning_rate):
        plotting.plot_loss_curve(ws, curve, ax=ax,
                                 title=f"Gradient descent with α = {learning_rate:.3f}")
        path = [float(w0)]
        for _ in range(n_steps):  # one step at a time, to draw every iterate
            path.append(float(gradient_descent(x, y, path[-1], learning_rate, 1)[0]))
        path = np.array(path)
        inside = np.abs(path - w_star) <= 3 * w_span  # diverging steps leave the plot
        losses = [np.mean((w * x - y) ** 2) for w in path[inside]]
        plotting.plot_descent_path(path[inside], losses, ax)
        ax.set_ylim(0, 1.05 * max(curve))
        ax.set_xlim(ws[0], ws[-1])
        ax.legend(loc="upper center", fontsize="small")

    slider = W.FloatSlider(value=0.02, min=lr_range[0], max=lr_range[1], step=0.001,
                           description="α", readout_format=".3f", continuous_update=False)
    return interactive_figure(draw, {"learning_rate": slider})
