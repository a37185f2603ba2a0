"""How a rating looks in a cell: one colour scale for the matrix, the map and the legend."""

from __future__ import annotations

from rich.text import Text

STYLES: dict[str | None, str] = {
    "CC": "bold #ffffff on #1b5e20",
    "C": "#ffffff on #43a047",
    "N": "#000000 on #bdbdbd",
    "I": "#ffffff on #e53935",
    "II": "bold #ffffff on #8e0000",
    "NA": "italic #9e9e9e",
    None: "#757575",
}


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
