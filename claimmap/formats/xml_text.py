"""Text that XML 1.0 (and so XLSX and PARC ACH files) can hold.

XML 1.0 cannot carry most C0 control characters (U+0000-U+0008, U+000B, U+000C,
U+000E-U+001F) or U+FFFE/U+FFFF, not even as character references; openpyxl raises
IllegalCharacterError on them. They are replaced with U+FFFD, the replacement character, so a
reader sees that something was there instead of silently losing it.
"""

from __future__ import annotations

import re

ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
REPLACEMENT = "\ufffd"


def xml_safe(text: str) -> str:
    return ILLEGAL.sub(REPLACEMENT, text)
