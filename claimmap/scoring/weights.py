"""Evidence weights from credibility, relevance and source reliability.

PARC's three-level scale: High = √2, Medium = 1, Low = 1/√2 (so High × Low = 1 and every
step is the same factor). The Admiralty (NATO STANAG 2511) six-level scales are placed on the
same geometric ladder with half-steps of 2^(1/4):

    information credibility        source reliability          weight
    1 confirmed                    A completely reliable        √2       ≈ 1.414 (PARC High)
    2 probably true                B usually reliable           2^(1/4)  ≈ 1.189
    3 possibly true                C fairly reliable            1        (PARC Medium)
    4 doubtful                     D not usually reliable       2^(-1/4) ≈ 0.841
    5 improbable                   E unreliable                 1/√2     ≈ 0.707 (PARC Low)
    6 cannot be judged             F cannot be judged           1        (treated as unknown)

A missing value (None) is Medium = 1. The DF-QuAD base score of an evidence item is
min(1, ½ · w_reliability · w_credibility): ½ for an unknown item, 1 for an A1 item.

Quality flags multiply both on the same ladder: `partisan` takes one full step off (1/√2, as
from Medium to Low), `second_hand` half a step (2^(-1/4)), `retracted` everything (0). Flags
combine by multiplying, so a partisan second-hand item keeps 2^(-3/4) ≈ 0.595.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

import numpy as np

HIGH = math.sqrt(2.0)
HALF_STEP = 2.0**0.25
LOW = 1.0 / HIGH

LEVEL_WEIGHTS: dict[str, float] = {"high": HIGH, "medium": 1.0, "low": LOW}
ADMIRALTY_CREDIBILITY: dict[str, float] = {
    "1": HIGH,
    "2": HALF_STEP,
    "3": 1.0,
    "4": 1.0 / HALF_STEP,
    "5": LOW,
    "6": 1.0,
}
ADMIRALTY_RELIABILITY: dict[str, float] = {
    "a": HIGH,
    "b": HALF_STEP,
    "c": 1.0,
    "d": 1.0 / HALF_STEP,
    "e": LOW,
    "f": 1.0,
}

FLAG_FACTORS: dict[str, float] = {
    "retracted": 0.0,
    "second_hand": 1.0 / HALF_STEP,
    "partisan": LOW,
}


def flag_factor(flags: Sequence[str]) -> float:
    """The product of the factors of an item's quality flags (1 with no flags)."""
    factor = 1.0
    for flag in flags:
        if flag not in FLAG_FACTORS:
            raise ValueError(f"unknown flag {flag!r}: expected one of {', '.join(FLAG_FACTORS)}")
        factor *= FLAG_FACTORS[flag]
    return factor


def flag_factors(flags: Sequence[Sequence[str]], n: int) -> np.ndarray:
    """(n,) factor per evidence item; `flags` may be empty, meaning no item is flagged."""
    if not flags:
        return np.ones(n)
    return np.array([flag_factor(f) for f in flags], dtype=np.float64)


def _key(value: object) -> str | None:
    if value is None:
        return None
    text = str(value).strip().lower()
    return text or None


def credibility_weight(value: object) -> float:
    """PARC level (High/Medium/Low) or Admiralty information credibility 1-6; None = 1."""
    key = _key(value)
    if key is None:
        return 1.0
    if key in LEVEL_WEIGHTS:
        return LEVEL_WEIGHTS[key]
    if key in ADMIRALTY_CREDIBILITY:
        return ADMIRALTY_CREDIBILITY[key]
    raise ValueError(
        f"unknown credibility {value!r}: expected High, Medium, Low or an Admiralty grade 1-6"
    )


def relevance_weight(value: object) -> float:
    """PARC level High/Medium/Low; None = 1."""
    key = _key(value)
    if key is None:
        return 1.0
    if key in LEVEL_WEIGHTS:
        return LEVEL_WEIGHTS[key]
    raise ValueError(f"unknown relevance {value!r}: expected High, Medium or Low")


def reliability_weight(value: object) -> float:
    """Admiralty source reliability A-F (PARC words accepted too); None = 1."""
    key = _key(value)
    if key is None:
        return 1.0
    if key in ADMIRALTY_RELIABILITY:
        return ADMIRALTY_RELIABILITY[key]
    if key in LEVEL_WEIGHTS:
        return LEVEL_WEIGHTS[key]
    raise ValueError(f"unknown source reliability {value!r}: expected an Admiralty letter A-F")


def evidence_weights(
    credibility: Sequence[object],
    relevance: Sequence[object],
    reliability: Sequence[object] | None = None,
) -> np.ndarray:
    """Per-evidence weight w = w_credibility · w_relevance (· w_reliability if given)."""
    w = _per_item(credibility, credibility_weight) * _per_item(relevance, relevance_weight)
    if reliability is not None:
        w = w * _per_item(reliability, reliability_weight)
    return w


def base_scores(credibility: Sequence[object], reliability: Sequence[object]) -> np.ndarray:
    """DF-QuAD base score per evidence item: min(1, ½ · w_reliability · w_credibility)."""
    cred = _per_item(credibility, credibility_weight)
    rel = _per_item(reliability, reliability_weight)
    return np.minimum(1.0, 0.5 * cred * rel)


def _per_item(values: Sequence[object], weight: Callable[[object], float]) -> np.ndarray:
    """`weight` of each value, computed once per distinct value: a case has thousands of items
    but only a handful of grades, and the live score row recomputes this on every keystroke."""
    memo = {value: weight(value) for value in set(values)}
    return np.fromiter((memo[v] for v in values), dtype=np.float64, count=len(values))
