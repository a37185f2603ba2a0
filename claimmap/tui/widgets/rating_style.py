"""How a rating looks in a cell: one colour scale for the matrix, the map and the legend."""

from __future__ import annotations

from rich.text import Text

# Every rated cell carries its own background, so it reads the same in the dark and light
# themes; each pair has a WCAG contrast of at least 4.5:1 (tests/tui/test_contrast.py).
STYLES: dict[str | None, str] = {
    "CC": "bold #ffffff on #1b5e20",
    "C": "#ffffff on #2e7d32",
    "N": "#000000 on #bdbdbd",
    "I": "#ffffff on #c62828",
    "II": "bold #ffffff on #8e0000",
    "NA": "italic #ffffff on #616161",
    None: "#757575",  # the unrated dot: see `unrated_style`, which follows the theme
}
#: The unrated dot on the theme's own background: light grey on dark, dark grey on light.
UNRATED = {True: "#9e9e9e", False: "#505050"}


def rating_text(value: str | None, width: int = 4) -> Text:
    label = value if value is not None else "·"
    return Text(label.center(width), style=STYLES[value])


def legend() -> Text:
    text = Text("ratings: ")
    for value in ("CC", "C", "N", "I", "II", "NA"):
        text.append_text(rating_text(value, 4))
        text.append(" ")
    text.append_text(rating_text(None, 3))
    text.append(" unrated")
    return text
