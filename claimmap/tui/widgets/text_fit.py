"""Cutting text to a number of terminal cells, for the line-drawn tables."""

from __future__ import annotations

from rich.cells import cell_len


def fit(text: str, width: int) -> str:
    """`text` on one line, cut or padded to exactly `width` cells (wide scripts included)."""
    text = text.replace("\n", " ")
    length = cell_len(text)
    if length <= width:
        return text + " " * (width - length)
    out, used = [], 0
    for ch in text:
        w = cell_len(ch)
        if used + w > width - 1:
            break
        out.append(ch)
        used += w
    return "".join(out) + "…" + " " * (width - 1 - used)
