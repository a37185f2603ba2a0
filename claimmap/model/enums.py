"""Closed vocabularies of the domain. Values are exactly what case files and the database hold."""

from enum import StrEnum


class RatingValue(StrEnum):
    CC = "CC"
    C = "C"
    N = "N"
    I = "I"  # noqa: E741 - the ACH symbol for "inconsistent"
    II = "II"
    NA = "NA"


# A rating's text by its member: a dict lookup costs a fraction of `.value`, which adds up
# over the million cells of a big case's import or export.
RATING_LABEL = {r: r.value for r in RatingValue}


class Reliability(StrEnum):
    """Admiralty (NATO) source reliability."""

    A = "A"  # completely reliable
    B = "B"  # usually reliable
    C = "C"  # fairly reliable
    D = "D"  # not usually reliable
    E = "E"  # unreliable
    F = "F"  # reliability cannot be judged


class Level(StrEnum):
    """PARC ACH's three-step credibility and relevance scale."""

    HIGH = "High"
    MEDIUM = "Medium"
    LOW = "Low"


# Admiralty information credibility: 1 confirmed, 2 probably true, 3 possibly true,
# 4 doubtful, 5 improbable, 6 cannot be judged. Stored as the digit string.
ADMIRALTY_CREDIBILITY = ("1", "2", "3", "4", "5", "6")
CREDIBILITY_VALUES = (*ADMIRALTY_CREDIBILITY, *(level.value for level in Level))


class SourceKind(StrEnum):
    OFFICIAL = "official"
    PARTISAN = "partisan"
    NEWS = "news"
    ANALYSIS = "analysis"
    SOCIAL_MEDIA = "social_media"
    LOCAL = "local"
    ACADEMIC = "academic"
    OTHER = "other"


class EvidenceKind(StrEnum):
    FACT = "fact"
    CLAIM = "claim"
    ASSUMPTION = "assumption"
    ABSENCE = "absence"  # absence of evidence one would expect to see


class RelationKind(StrEnum):
    NOT_EXCLUSIVE = "not_exclusive"
    SUBSUMES = "subsumes"
    DUPLICATES = "duplicates"


class LinkKind(StrEnum):
    SUPPORT = "support"
    ATTACK = "attack"
    UNDERCUT = "undercut"


class Grade(StrEnum):
    SOLID = "Solid"
    CAVEATED = "Caveated"
    UNSUPPORTED = "Unsupported"


class Likelihood(StrEnum):
    """ICD 203's words of estimative probability, least to most likely. The bands (per cent)
    are the directive's: almost no chance 1-5, very unlikely 5-20, unlikely 20-45, roughly
    even chance 45-55, likely 55-80, very likely 80-95, almost certain 95-99."""

    ALMOST_NO_CHANCE = "almost no chance"
    VERY_UNLIKELY = "very unlikely"
    UNLIKELY = "unlikely"
    ROUGHLY_EVEN = "roughly even chance"
    LIKELY = "likely"
    VERY_LIKELY = "very likely"
    ALMOST_CERTAIN = "almost certain"


# The per-cent band of each term, as ICD 203 (2015) prints it.
LIKELIHOOD_BANDS: dict[Likelihood, tuple[int, int]] = {
    Likelihood.ALMOST_NO_CHANCE: (1, 5),
    Likelihood.VERY_UNLIKELY: (5, 20),
    Likelihood.UNLIKELY: (20, 45),
    Likelihood.ROUGHLY_EVEN: (45, 55),
    Likelihood.LIKELY: (55, 80),
    Likelihood.VERY_LIKELY: (80, 95),
    Likelihood.ALMOST_CERTAIN: (95, 99),
}


class Confidence(StrEnum):
    """Analytic confidence in a judgement: how good the evidence and reasoning behind it are,
    which is separate from how likely the judgement says something is."""

    LOW = "low"
    MODERATE = "moderate"
    HIGH = "high"


class IndicatorEffect(StrEnum):
    CONFIRMS = "confirms"
    REFUTES = "refutes"


class IndicatorStatus(StrEnum):
    NOT_SEEN = "not_seen"
    OBSERVED = "observed"
    REFUTED = "refuted"


class EvidenceFlag(StrEnum):
    """Quality-of-information warnings on an evidence item; each scales its scoring weight
    (factors in claimmap/scoring/weights.py and docs/scoring.md)."""

    RETRACTED = "retracted"  # withdrawn by its source or shown to be false
    SECOND_HAND = "second_hand"  # reaches us through someone who did not see it first-hand
    PARTISAN = "partisan"  # the source has a stake in what the item says


class ReviewCheck(StrEnum):
    """Guided-ACH checks that only the analyst can tick: the software cannot see them done.
    The per-item ones name an evidence item (`linchpin:E5`)."""

    CONTRARIAN = "contrarian"  # a hypothesis nobody favours is among the candidates
    ACROSS_ROWS = "across_rows"  # the matrix was rated one item at a time, across hypotheses
    DISPROVE = "disprove"  # each hypothesis was tested by trying to reject it
    REPORT = "report"  # the write-up gives every hypothesis its due
    NON_DIAGNOSTIC = "non_diagnostic"  # per item: a non-diagnostic item was looked at
    LINCHPIN = "linchpin"  # per item: a linchpin was re-examined


PER_ITEM_CHECKS = (ReviewCheck.NON_DIAGNOSTIC, ReviewCheck.LINCHPIN)
