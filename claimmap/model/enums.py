"""Closed vocabularies of the domain. Values are exactly what case files and the database hold."""

from enum import StrEnum


class RatingValue(StrEnum):
    CC = "CC"
    C = "C"
    N = "N"
    I = "I"  # noqa: E741 - the ACH symbol for "inconsistent"
    II = "II"
    NA = "NA"


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


class IndicatorEffect(StrEnum):
    CONFIRMS = "confirms"
    REFUTES = "refutes"


class IndicatorStatus(StrEnum):
    NOT_SEEN = "not_seen"
    OBSERVED = "observed"
    REFUTED = "refuted"
