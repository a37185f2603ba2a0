"""The matrix stays readable in the light theme: the cursor row and every rating cell have a
WCAG 2 contrast ratio of at least 4.5:1 (level AA for normal text), computed from the colours
the theme and the styles actually use."""

from __future__ import annotations

import pytest
from rich.color import Color
from rich.style import Style
from textual.theme import BUILTIN_THEMES

from claimmap.tui.widgets.matrix_table import CURSOR_ROW
from claimmap.tui.widgets.rating_style import STYLES, UNRATED

AA = 4.5


def luminance(colour: Color) -> float:
    def channel(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.04045 else ((s + 0.055) / 1.055) ** 2.4

    r, g, b = colour.get_truecolor()
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(a: Color, b: Color) -> float:
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_the_contrast_formula_matches_known_values():
    black, white = Color.parse("#000000"), Color.parse("#ffffff")
    assert contrast(black, white) == pytest.approx(21.0)
    assert contrast(Color.parse("#777777"), white) == pytest.approx(4.48, abs=0.01)


def theme_backgrounds(name: str) -> list[Color]:
    variables = BUILTIN_THEMES[name].to_color_system().generate()
    return [Color.parse(variables[v]) for v in ("background", "surface")]


@pytest.mark.parametrize("value", [v for v in STYLES if v is not None])
def test_every_rating_cell_reads_at_aa(value):
    style = Style.parse(STYLES[value])
    assert style.color is not None and style.bgcolor is not None  # never the theme's
    assert contrast(style.color, style.bgcolor) >= AA


def test_the_cursor_row_reads_at_aa_in_any_theme():
    assert CURSOR_ROW.color is not None and CURSOR_ROW.bgcolor is not None
    assert contrast(CURSOR_ROW.color, CURSOR_ROW.bgcolor) >= AA


@pytest.mark.parametrize("theme", ["textual-light", "textual-dark"])
def test_the_unrated_dot_reads_on_the_theme_background(theme):
    dot = Color.parse(UNRATED[BUILTIN_THEMES[theme].dark])
    for background in theme_backgrounds(theme):
        assert contrast(dot, background) >= AA
