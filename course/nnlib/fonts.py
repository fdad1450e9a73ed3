"""Thai text in matplotlib figures.

matplotlib's own font (DejaVu Sans) has no Thai glyphs: a Thai title would be drawn as
empty boxes, with a "Glyph ... missing from font(s)" warning. Noto Sans Thai (SIL Open
Font License), installed with nnlib as the package ``fontpkg-noto-sans-thai``, is
registered here and added after the default family, so Latin text keeps its usual font
and matplotlib falls back to Noto Sans Thai for each Thai character.
"""
import fontpkg_noto_sans_thai
import matplotlib
from matplotlib import font_manager

THAI_FAMILY = fontpkg_noto_sans_thai.FAMILY


def thai_font_file():
    """The path of the Noto Sans Thai font file (a variable TrueType font)."""
    return next((fontpkg_noto_sans_thai.ROOT / "files").glob("*.ttf"))


def use_thai_font():
    """Register Noto Sans Thai with matplotlib and make it the fallback for Thai text."""
    if THAI_FAMILY not in {font.name for font in font_manager.fontManager.ttflist}:
        font_manager.fontManager.addfont(str(thai_font_file()))
    families = list(matplotlib.rcParams["font.family"])
    if THAI_FAMILY not in families:
        matplotlib.rcParams["font.family"] = families + [THAI_FAMILY]
