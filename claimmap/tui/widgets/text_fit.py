"""Cutting text to a number of terminal cells, for the line-drawn tables."""

from __future__ import annotations

from rich.cells import cell_len


def clip(text: str, width: int) -> str:
    """`text` on one line, cut with an ellipsis to at most `width` cells (wide scripts too)."""
    text = " ".join(text.split())
    if cell_len(text) <= width:
        return text
    out, used = [], 0
    for ch in text:
        w = cell_len(ch)
        if used + w > width - 1:
            break
        out.append(ch)
        used += w
    return "".join(out) + "…"


def fit(text: str, width: int) -> str:
    """`text` on one line, cut or padded to exactly `width` cells."""
    text = clip(text, width)
    return text + " " * (width - cell_len(text))
