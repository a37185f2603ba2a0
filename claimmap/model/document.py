"""The case document: one case with everything in it, as case files carry it.

These models are the single definition of what a valid case is. Case files are validated by
them, the published JSON Schema is generated from them, and the store imports and exports them.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    WithJsonSchema,
    field_validator,
)

from claimmap.model.enums import (
    CREDIBILITY_VALUES,
    PER_ITEM_CHECKS,
    Confidence,
    EvidenceFlag,
    EvidenceKind,
    Grade,
    IndicatorEffect,
    IndicatorStatus,
    Level,
    Likelihood,
    LinkKind,
    RatingValue,
    RelationKind,
    Reliability,
    ReviewCheck,
    SourceKind,
)

FORMAT = "claimmap/1"
DEFAULT_ANALYST = "default"

_DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_ITEM_RE = re.compile(r"^[\w][\w.\-]*$")

# Characters that print as nothing or move the cursor: control, format (zero-width joiners,
# direction marks), line and paragraph separators, private use and unassigned code points.
_INVISIBLE = frozenset({"Cc", "Cf", "Zl", "Zp", "Co", "Cn"})


def invisible_char(text: str) -> str | None:
    """The first character of `text` that a reader cannot see, as U+XXXX, or None."""
    for char in text:
        if unicodedata.category(char) in _INVISIBLE:
            return f"U+{ord(char):04X}"
    return None


def _plain_id(value: str) -> str:
    """Pydantic's pattern engine counts zero-width joiners as word characters, and NFKC
    look-alikes (full-width letters, ligatures) pass it too; either would let two ids that
    print the same (`H\u200d1` beside `H1`) live side by side."""
    problem = _id_problem(value)
    if problem:
        raise ValueError(problem)
    return value


@functools.lru_cache(maxsize=1 << 16)
def _id_problem(value: str) -> str | None:
    """Remembered: a big case names the same few hypothesis ids in a million rating cells."""
    bad = invisible_char(value)
    if bad:
        return f"{value!r} contains an invisible character ({bad}); type the id plainly"
    plain = unicodedata.normalize("NFKC", value)
    if plain != value:
        return f"{value!r} uses look-alike characters; write it as {plain!r}"
    return None


def _analyst_name(value: str) -> str:
    bad = invisible_char(value)
    if bad:
        raise ValueError(
            f"analyst name {value!r} contains a control or invisible character ({bad})"
        )
    return value


Id = Annotated[
    str,
    StringConstraints(pattern=r"^[\w][\w.\-]*$", max_length=64),
    AfterValidator(_plain_id),
    Field(description="An identifier unique within the case, e.g. H1, E12, S3."),
]
Text = Annotated[str, StringConstraints(min_length=1, max_length=100_000)]
Tag = Annotated[str, StringConstraints(min_length=1, max_length=200)]
AnalystName = Annotated[
    str,
    StringConstraints(pattern=r"^\S(.*\S)?$", max_length=200),
    AfterValidator(_analyst_name),
]


def _partial_date(value: Any) -> Any:
    """Accept YYYY, YYYY-MM or YYYY-MM-DD; YAML turns unquoted full dates into date objects."""
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        return value  # pydantic reports the wrong type
    match = _DATE_RE.match(value)
    if not match:
        raise ValueError(f"{value!r} is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, day = match.groups()
    try:
        dt.date(int(year), int(month or 1), int(day or 1))
    except ValueError as exc:
        raise ValueError(f"{value!r} is not a real date ({exc})") from None
    return value


def _credibility(value: Any) -> Any:
    """Admiralty digits may be written as numbers; PARC levels as words."""
    text = str(value) if isinstance(value, int) and not isinstance(value, bool) else value
    if isinstance(text, str) and text in CREDIBILITY_VALUES:
        return text
    allowed = ", ".join(CREDIBILITY_VALUES)
    raise ValueError(f"{value!r} is not one of {allowed}")


PartialDate = Annotated[str, BeforeValidator(_partial_date)]
Credibility = Annotated[
    str,
    BeforeValidator(_credibility),
    WithJsonSchema(
        {
            "description": "Admiralty information credibility 1-6, or PARC High/Medium/Low.",
            "anyOf": [
                {"type": "integer", "minimum": 1, "maximum": 6},
                {"type": "string", "enum": list(CREDIBILITY_VALUES)},
            ],
        }
    ),
]


def _review_mark(value: Any) -> Any:
    """`across_rows`, or `linchpin:E5` for the checks that are ticked per evidence item."""
    if not isinstance(value, str):
        return value  # pydantic reports the wrong type
    check, _, item = value.partition(":")
    if check not in {c.value for c in ReviewCheck}:
        allowed = ", ".join(c.value for c in ReviewCheck)
        raise ValueError(f"{check!r} is not one of {allowed}")
    if ReviewCheck(check) in PER_ITEM_CHECKS:
        if not _ITEM_RE.match(item):
            raise ValueError(f"{check!r} needs an evidence id after a colon, e.g. '{check}:E5'")
    elif item or ":" in value:
        raise ValueError(f"{check!r} is ticked for the whole case and takes no evidence id")
    return value


_PER_ITEM = "|".join(c.value for c in PER_ITEM_CHECKS)
_WHOLE = "|".join(c.value for c in ReviewCheck if c not in PER_ITEM_CHECKS)
ReviewMark = Annotated[
    str,
    BeforeValidator(_review_mark),
    WithJsonSchema(
        {
            "description": "A guided-ACH check the analyst has ticked: `across_rows`, or "
            "`linchpin:E5` for a check ticked per evidence item.",
            "type": "string",
            "pattern": f"^(({_WHOLE})|({_PER_ITEM}):[\\w][\\w.\\-]*)$",
        }
    ),
]


def _no_repeats(values: list[Any]) -> list[Any]:
    seen = set()
    for value in values:
        if value in seen:
            raise ValueError(f"{str(value)!r} is listed twice")
        seen.add(value)
    return values


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)


def _not_yes_or_no(value: Any) -> Any:
    """`prior: true` is YAML for a boolean, which pydantic would quietly read as 1.0."""
    if isinstance(value, bool):
        raise ValueError(f"{value!r} is not a number between 0 and 1")
    return value


class CaseInfo(_Strict):
    slug: Annotated[str, StringConstraints(pattern=r"^[\w][\w\-]*$", max_length=120)] | None = None
    title: Text
    question: str = ""  # a new case may not have its question worded yet
    description: str | None = None
    tags: list[Tag] = []
    # A team setting: while on, an analyst who has not rated every cell sees no colleague's
    # ratings and no group score, so first ratings are independent. Files written before it
    # existed simply lack it.
    blind_until_rated: bool = False


class Relation(_Strict):
    kind: RelationKind
    target: Id


class Hypothesis(_Strict):
    id: Id
    label: Text
    statement: str = ""
    prior: Annotated[float, Field(ge=0.0, le=1.0), BeforeValidator(_not_yes_or_no)] | None = None
    relations: list[Relation] = []


class Source(_Strict):
    id: Id
    title: Text
    author: str | None = None
    kind: SourceKind = SourceKind.OTHER
    date: PartialDate | None = None
    reference: str | None = None
    reliability: Reliability = Reliability.F
    notes: str | None = None


class RatingCell(_Strict):
    rating: RatingValue
    rationale: str | None = None


# A cell without a rationale is one of six values, so the bulk readers share these (nothing
# changes a cell in place; an edit makes a new one): a million cells cost six objects. Built
# as the short form `H1: C` validates, with the rating alone given.
PLAIN_CELLS = {r.value: RatingCell.model_construct(rating=r) for r in RatingValue}


def _rating_cell(value: Any) -> Any:
    """The short form `H1: C` is the long form without a rationale."""
    if isinstance(value, str):
        return {"rating": value}
    return value


_RATINGS = [r.value for r in RatingValue]
Cell = Annotated[
    RatingCell,
    BeforeValidator(_rating_cell),
    WithJsonSchema(
        {
            "description": "A rating, alone (`C`) or with a one-line rationale.",
            "anyOf": [
                {"type": "string", "enum": _RATINGS},
                {
                    "type": "object",
                    "properties": {
                        "rating": {"type": "string", "enum": _RATINGS},
                        "rationale": {"type": ["string", "null"]},
                    },
                    "required": ["rating"],
                    "additionalProperties": False,
                },
            ],
        }
    ),
]


class Evidence(_Strict):
    id: Id
    summary: Text
    source: Id | None = None
    date: PartialDate | None = None
    kind: EvidenceKind = EvidenceKind.FACT
    credibility: Credibility | None = None
    relevance: Level | None = None
    flags: Annotated[list[EvidenceFlag], AfterValidator(_no_repeats)] = []
    notes: str | None = None
    tags: list[Tag] = []
    ratings: dict[Id, Cell] = {}
    ratings_by: dict[AnalystName, dict[Id, Cell]] = {}


class Assumption(_Strict):
    id: Id
    statement: Text
    grade: Grade | None = None  # no grade until the analyst gives one
    hypotheses: Annotated[list[Id], AfterValidator(_no_repeats)] = []
    notes: str | None = None


class Indicator(_Strict):
    id: Id
    hypothesis: Id
    description: Text
    effect: IndicatorEffect = IndicatorEffect.CONFIRMS
    status: IndicatorStatus = IndicatorStatus.NOT_SEEN
    notes: str | None = None


class Link(_Strict):
    id: Id
    kind: LinkKind
    from_: Id = Field(alias="from")
    to: Id
    notes: str | None = None


class Teaching(_Strict):
    """Notes for a class working the case: what it should learn and what to discuss."""

    learning_goals: list[Text] = []
    discussion_questions: list[Text] = []
    notes: str | None = None


class Judgement(_Strict):
    """The analyst's conclusion, in ICD 203's terms: the bottom line in words, the hypothesis
    judged most likely (or none, when the bottom line is that no hypothesis stands out), how
    likely it is in the directive's words of estimative probability, and the analyst's
    confidence with its basis. `date` is when the judgement was made."""

    bottom_line: Text
    hypothesis: Id | None = None
    likelihood: Likelihood
    confidence: Confidence
    basis: str | None = None
    date: dt.date


class CaseDocument(_Strict):
    format: Literal["claimmap/1"]
    case: CaseInfo
    analyst: AnalystName = DEFAULT_ANALYST
    teaching: Teaching | None = None
    judgement: Judgement | None = None
    hypotheses: list[Hypothesis] = []
    sources: list[Source] = []
    evidence: list[Evidence] = []
    assumptions: list[Assumption] = []
    indicators: list[Indicator] = []
    links: list[Link] = []
    reviewed: Annotated[list[ReviewMark], AfterValidator(_no_repeats)] = []

    @field_validator("format", mode="before")
    @classmethod
    def _known_format(cls, value: Any) -> Any:
        if value != FORMAT:
            raise ValueError(
                f"unsupported format {value!r}: this version of claimmap reads {FORMAT}"
            )
        return value
