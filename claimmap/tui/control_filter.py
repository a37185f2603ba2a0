"""Keep control characters in user text from reaching the terminal.

Textual never reads user text as markup here (cells and labels are plain text), but it does
pass a title's ESC sequence or carriage return straight to the terminal, which would obey it:
recolour, retitle, move the cursor. Such characters take no cells on screen, so dropping them
from every rendered line keeps the layout exactly as it was. The text itself is untouched: the
forms edit it, exports keep it, and the command line shows it escaped (model/visible.py)."""

from __future__ import annotations

import re

from rich.segment import Segment
from textual.color import Color
from textual.filter import LineFilter

_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")


class HideControlCharacters(LineFilter):
    def apply(self, segments: list[Segment], background: Color) -> list[Segment]:
        if not _CONTROL.search("".join(text for text, _, control in segments if not control)):
            return segments  # the usual case: nothing to drop, nothing rebuilt
        return [
            Segment(_CONTROL.sub("", text), style, control)
            if not control and _CONTROL.search(text)
            else Segment(text, style, control)
            for text, style, control in segments
        ]
