"""The scoring input: one case as column arrays, built column-wise from the store or a file.

Scoring never sees ORM objects or files; it sees this. Ratings are an int8 cube
(analyst, evidence, hypothesis) so that every method is a handful of numpy operations.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

# Rating codes inside the cube. Unrated and NA are both excluded from scores but stay distinct:
# NA says "an analyst looked and this item does not apply"; unrated says nobody has looked yet.
RATING_VALUES: dict[str, int] = {"CC": 2, "C": 1, "N": 0, "I": -1, "II": -2}
NA = 127
UNRATED = -128
RATING_CODES: dict[str, int] = {**RATING_VALUES, "NA": NA}
CODE_LABELS: dict[int, str] = {code: label for label, code in RATING_CODES.items()}


@dataclass(frozen=True)
class Link:
    """An explicit argument link. `target` is a hypothesis id, an evidence id or a link id
    (undercuts target the link or the rating they weaken)."""

    id: str
    kind: str  # "support" | "attack" | "undercut"
    source: str
    target: str


@dataclass(frozen=True)
class Matrix:
    hypotheses: tuple[str, ...]
    evidence: tuple[str, ...]
    analysts: tuple[str, ...]
    ratings: np.ndarray  # int8, shape (analysts, evidence, hypotheses): -2..2, NA or UNRATED
    credibility: tuple[str | None, ...]  # per evidence: "1".."6", "High", "Medium", "Low" or None
    relevance: tuple[str | None, ...]  # per evidence: "High", "Medium", "Low" or None
    reliability: tuple[str | None, ...]  # per evidence: its source's Admiralty letter A-F or None
    priors: np.ndarray  # float64, shape (hypotheses,), NaN where no prior was given
    hypothesis_labels: tuple[str, ...] = ()
    evidence_labels: tuple[str, ...] = ()
    links: tuple[Link, ...] = field(default_factory=tuple)
    # Per evidence: its quality flags ("retracted", "second_hand", "partisan"); () = none at all.
    flags: tuple[tuple[str, ...], ...] = ()

    def __post_init__(self) -> None:
        shape = (len(self.analysts), len(self.evidence), len(self.hypotheses))
        if self.ratings.shape != shape:
            raise ValueError(f"ratings has shape {self.ratings.shape}, expected {shape}")
        if self.ratings.dtype != np.int8:
            raise ValueError("ratings must be int8 codes")
        n = len(self.evidence)
        for name in ("credibility", "relevance", "reliability"):
            if len(getattr(self, name)) != n:
                raise ValueError(f"{name} needs one entry per evidence item")
        if self.flags and len(self.flags) != n:
            raise ValueError("flags needs one entry per evidence item (or none at all)")
        if self.priors.shape != (len(self.hypotheses),):
            raise ValueError("priors needs one entry per hypothesis")

    @classmethod
    def build(
        cls,
        hypotheses: Sequence[str],
        evidence: Sequence[str],
        cells: Sequence[tuple[str, str, str, str]],
        *,
        analysts: Sequence[str] | None = None,
        credibility: Sequence[str | None] | None = None,
        relevance: Sequence[str | None] | None = None,
        reliability: Sequence[str | None] | None = None,
        priors: Sequence[float | None] | None = None,
        hypothesis_labels: Sequence[str] = (),
        evidence_labels: Sequence[str] = (),
        links: Sequence[Link] = (),
        flags: Sequence[Sequence[str]] = (),
    ) -> Matrix:
        """Build from (analyst, evidence id, hypothesis id, rating label) cells; handy for tests
        and small cases. Bulk paths fill `ratings` directly."""
        analyst_ids = tuple(analysts) if analysts is not None else ("default",)
        a_index = {a: i for i, a in enumerate(analyst_ids)}
        e_index = {e: i for i, e in enumerate(evidence)}
        h_index = {h: i for i, h in enumerate(hypotheses)}
        cube = np.full((len(analyst_ids), len(evidence), len(hypotheses)), UNRATED, np.int8)
        for analyst, ev, hyp, label in cells:
            cube[a_index[analyst], e_index[ev], h_index[hyp]] = RATING_CODES[label]
        n = len(evidence)
        return cls(
            hypotheses=tuple(hypotheses),
            evidence=tuple(evidence),
            analysts=analyst_ids,
            ratings=cube,
            credibility=tuple(credibility) if credibility is not None else (None,) * n,
            relevance=tuple(relevance) if relevance is not None else (None,) * n,
            reliability=tuple(reliability) if reliability is not None else (None,) * n,
            priors=np.array(
                [np.nan if p is None else p for p in (priors or [None] * len(hypotheses))],
                dtype=np.float64,
            ),
            hypothesis_labels=tuple(hypothesis_labels),
            evidence_labels=tuple(evidence_labels),
            links=tuple(links),
            flags=tuple(tuple(f) for f in flags),
        )
