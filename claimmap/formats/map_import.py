"""What the Argdown and AIF readers share: the result with its report, ids made from titles,
the size limit for maps, the rating an argument relation gives, and the case description
that keeps the report with the case.

An argument map does not say which of its claims are the rival hypotheses, and some of its
parts have no place in an ACH case (a heading, an undercut of an inference that is a
rating). The readers never drop such things silently: each goes into `notes`, which the
command line prints and the case's description keeps.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from claimmap.formats.casefile_read import CaseFileError
from claimmap.model.document import CaseDocument
from claimmap.model.problems import Problem

# The largest real maps we know (AIFdb corpora, the Argdown examples) are well under a few
# MiB; a bigger file is a mistake or an attack, and reading it would take minutes.
MAX_MAP_BYTES = 16 * 1024 * 1024
_NOT_ID = re.compile(r"[^\w.\-]+")

# Relation kinds of both formats -> (rating code, link kind). Argdown's logical relations
# between statements are the strong ones: an entailment is CC, a contradiction II.
RELATION_RATING = {
    "support": ("C", "support"),
    "entails": ("CC", "support"),
    "attack": ("I", "attack"),
    "contrary": ("I", "attack"),
    "contradictory": ("II", "attack"),
    "undercut": ("I", "undercut"),
}


@dataclass
class MapImport:
    """A case read from an argument map, with what the reader chose and what it changed."""

    doc: CaseDocument
    notes: list[str] = field(default_factory=list)
    # case id -> (kind, name) in the map: ("statement", title), ("argument", title), ("I", nodeID)
    origin: dict[str, tuple[str, str]] = field(default_factory=dict)


def fail(filename: str, message: str, line: int | None = None) -> CaseFileError:
    return CaseFileError(filename, [Problem((), message, line)])


def check_size(data: bytes, filename: str, what: str, size: int | None = None) -> None:
    size = len(data) if size is None else size
    if size > MAX_MAP_BYTES:
        limit = MAX_MAP_BYTES // (1024 * 1024)
        raise fail(
            filename,
            f"file is {size:,} bytes; {what} maps are read up to {limit} MiB "
            "(split the map, or import it as a claimmap case file)",
        )


def check_file_size(path: str) -> None:
    """Refuse a map file over the limit without reading it (a missing file is left to the
    reader, which says so)."""
    try:
        size = Path(path).stat().st_size
    except OSError:
        return
    if size > MAX_MAP_BYTES:
        check_size(b"", path, "argument", size)


def decode(data: bytes, filename: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise fail(
            filename, f"not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start})"
        ) from None


class IdMaker:
    """Case ids from a map's names: the name itself when it is a valid id ('H1', 'Fleisch-OK'),
    else the name with every run of other characters as '_', cut to 60 characters; a
    clash gets -2, -3, ...; an empty result gets `prefix` and a number."""

    def __init__(self) -> None:
        self.used: set[str] = set()

    def make(self, name: str, prefix: str) -> str:
        base = _NOT_ID.sub("_", name.strip()).strip("_.-")[:60] or prefix
        if not re.match(r"\w", base):
            base = f"{prefix}{base}"
        candidate, n = base, 1
        while candidate in self.used:
            n += 1
            candidate = f"{base}-{n}"
        self.used.add(candidate)
        return candidate


def named_hypotheses(
    option: Iterable[str] | None, known: Collection[str], filename: str, what: str
) -> list[str] | None:
    """The names given with --hypotheses, each checked against the map; None when not given."""
    if option is None:
        return None
    names = [n.strip() for n in option if n.strip()]
    missing = [n for n in names if n not in known]
    if missing:
        shown = ", ".join(sorted(known)[:12]) + (" …" if len(known) > 12 else "")
        raise fail(
            filename,
            f"--hypotheses names {', '.join(repr(m) for m in missing)}, which the map does "
            f"not have as {what} (it has: {shown or 'none'})",
        )
    return names


def describe_import(filename: str, notes: list[str]) -> str:
    """The case description: where it came from and the reader's report."""
    lines = [f"Imported by claimmap from the argument map {Path(filename).name}."]
    lines += [f"- {n}" for n in notes]
    return "\n".join(lines)


def merge_rating(current: str | None, new: str) -> str:
    """Two relations from one item to one hypothesis: the stronger of the same direction;
    support and attack together cancel to N (the note says so)."""
    if current is None or current == new:
        return new
    value = {"CC": 2, "C": 1, "N": 0, "I": -1, "II": -2}
    a, b = value[current], value[new]
    if a * b < 0 or 0 in (a, b):
        return "N"
    return current if abs(a) >= abs(b) else new


def short(text: str, limit: int = 60) -> str:
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1] + "…"


def plain(value: Any) -> str:
    return value if isinstance(value, str) else ""
