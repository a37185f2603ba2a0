"""User text made safe to print on a terminal: control characters shown, never obeyed.

A title, a name, a YAML key or a file name may hold ESC sequences (which recolour, retitle or
clear a terminal), carriage returns (which overwrite what was printed) or newlines (which
forge a line such as `fake.yaml: ok`). Everything claimmap prints from user input passes
through here, so all of it is shown the same way: as the escape a programmer would type."""

from __future__ import annotations

import re

_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
# C0 controls, DEL, C1 controls (0x9b is a one-byte CSI), and the Unicode line and paragraph
# separators some terminals break lines at.
_ONE_LINE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_BLOCK = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")


def _shown(match: re.Match[str]) -> str:
    char = match.group()
    return _NAMED.get(char) or (
        f"\\x{ord(char):02x}" if ord(char) < 0x100 else f"\\u{ord(char):04x}"
    )


def visible(text: str) -> str:
    """One line: every control character (newline and tab included) as an escape."""
    return _ONE_LINE.sub(_shown, text)


def visible_block(text: str) -> str:
    """Text claimmap laid out in lines: newlines and tabs kept, other controls escaped."""
    return _BLOCK.sub(_shown, text)
