"""Thai text in figures: drawn with real Thai glyphs, with no missing-glyph warning."""
import warnings

import matplotlib
import numpy as np

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

from nnlib import fonts, plotting  # noqa: E402

TITLE = "การแพร่กระจายย้อนกลับ (backpropagation)"


def _render(text, family=None):
    """The pixels of ``text`` drawn alone on a small white figure (grey levels 0-255)."""
    fig = plt.figure(figsize=(4, 0.6), dpi=100)
    kwargs = {"family": family} if family else {}
    fig.text(0.02, 0.3, text, fontsize=14, **kwargs)
    fig.canvas.draw()
    pixels = np.asarray(fig.canvas.buffer_rgba())[..., :3].mean(axis=2)
    plt.close(fig)
    return pixels


def test_the_font_file_ships_with_nnlib():
    assert fonts.thai_font_file().is_file()
    assert fonts.THAI_FAMILY in matplotlib.rcParams["font.family"]


def test_a_thai_title_draws_without_missing_glyph_warnings():
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        ax = plotting.axes(title=TITLE, xlabel="ค่าน้ำหนัก (weight) w", ylabel="ค่าสูญเสีย (loss)")
        ax.plot([0, 1], [1, 0], label="การลดตามเกรเดียนต์")
        ax.legend()
        ax.figure.canvas.draw()
        plt.close(ax.figure)
    glyphs = [str(w.message) for w in caught if "Glyph" in str(w.message)]
    assert glyphs == []


def test_thai_renders_as_glyphs_not_boxes():
    """Boxes (tofu) for missing glyphs look alike whatever the letters: a font without
    Thai draws two different Thai words as the same row of boxes. Ours must not."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the box rendering warns, on purpose
        boxes_a = _render("กขคงจ", family="DejaVu Sans")
        boxes_b = _render("ฟหกดเ", family="DejaVu Sans")
    assert np.array_equal(boxes_a, boxes_b), "the reference: DejaVu Sans draws Thai as boxes"
    ours_a, ours_b = _render("กขคงจ"), _render("ฟหกดเ")
    assert not np.array_equal(ours_a, ours_b), "two Thai words drawn alike: boxes"
    assert np.abs(ours_a - boxes_a).mean() > 1, "the Thai word looks like the box rendering"
    assert (ours_a < 128).any(), "nothing drawn"


def test_latin_text_keeps_the_default_font():
    """The Thai font is a fallback: English figures look as they did."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        default = _render("Loss 0.5", family=matplotlib.rcParams["font.family"][0])
    assert np.array_equal(_render("Loss 0.5"), default)
