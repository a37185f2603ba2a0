"""What each item's form asks for: fields, their widgets and choices, in one table.

Validation is not here: a filled form is checked by `model.item_check`, the same check the
store and case files use.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Literal

from claimmap.model import enums
from claimmap.model.document import CaseDocument
from claimmap.model.item_ids import next_id

Widget = Literal["text", "choice", "list", "number"]
NONE = "(none)"


@dataclass(frozen=True)
class FormField:
    name: str
    label: str
    widget: Widget = "text"
    choices: tuple[str, ...] | str = ()  # values, or the collection whose ids are the choices
    optional: bool = True


def _enum(e: type[StrEnum]) -> tuple[str, ...]:
    return tuple(m.value for m in e)


FIELDS: dict[str, tuple[FormField, ...]] = {
    "hypotheses": (
        FormField("id", "id", optional=False),
        FormField("label", "label", optional=False),
        FormField("statement", "statement"),
        FormField("prior", "prior (0–1)", "number"),
    ),
    "evidence": (
        FormField("id", "id", optional=False),
        FormField("summary", "summary", optional=False),
        FormField("source", "source", "choice", "sources"),
        FormField("date", "date (YYYY, YYYY-MM or YYYY-MM-DD)"),
        FormField("kind", "kind", "choice", _enum(enums.EvidenceKind), optional=False),
        FormField("credibility", "credibility", "choice", enums.CREDIBILITY_VALUES),
        FormField("relevance", "relevance", "choice", _enum(enums.Level)),
        FormField("flags", "flags (comma-separated: retracted, second_hand, partisan)", "list"),
        FormField("tags", "tags (comma-separated)", "list"),
        FormField("notes", "notes"),
    ),
    "sources": (
        FormField("id", "id", optional=False),
        FormField("title", "title", optional=False),
        FormField("author", "author or outlet"),
        FormField("kind", "kind", "choice", _enum(enums.SourceKind), optional=False),
        FormField("date", "date"),
        FormField("reference", "URL or reference"),
        FormField("reliability", "reliability (A–F)", "choice", _enum(enums.Reliability), False),
        FormField("notes", "notes"),
    ),
    "assumptions": (
        FormField("id", "id", optional=False),
        FormField("statement", "statement", optional=False),
        FormField("grade", "grade", "choice", _enum(enums.Grade), optional=False),
        FormField("hypotheses", "hypotheses it bears on (comma-separated ids)", "list"),
        FormField("notes", "notes"),
    ),
    "indicators": (
        FormField("id", "id", optional=False),
        FormField("hypothesis", "hypothesis", "choice", "hypotheses", optional=False),
        FormField("description", "what would be observed", optional=False),
        FormField("effect", "effect", "choice", _enum(enums.IndicatorEffect), optional=False),
        FormField("status", "status", "choice", _enum(enums.IndicatorStatus), optional=False),
        FormField("notes", "notes"),
    ),
    "links": (
        FormField("id", "id", optional=False),
        FormField("kind", "kind", "choice", _enum(enums.LinkKind), optional=False),
        FormField("from", "from (evidence, hypothesis or assumption)", "choice", "from", False),
        FormField("to", "to (hypothesis, evidence or link)", "choice", "to", False),
        FormField("notes", "notes"),
    ),
}


def choices_for(field: FormField, doc: CaseDocument) -> list[str]:
    if isinstance(field.choices, tuple):
        return list(field.choices)
    ids = {
        "sources": [s.id for s in doc.sources],
        "hypotheses": [h.id for h in doc.hypotheses],
        "from": [e.id for e in doc.evidence]
        + [h.id for h in doc.hypotheses]
        + [a.id for a in doc.assumptions],
        "to": [h.id for h in doc.hypotheses]
        + [e.id for e in doc.evidence]
        + [lk.id for lk in doc.links],
    }
    return ids[field.choices]


def initial_values(item: Any | None, collection: str, doc: CaseDocument) -> dict[str, str]:
    """Each field's starting text: the item's current value, or defaults for a new item."""
    data = item.model_dump(mode="json", by_alias=True) if item is not None else {}
    values: dict[str, str] = {}
    for field in FIELDS[collection]:
        value = data.get(field.name)
        if isinstance(value, list):
            values[field.name] = ", ".join(map(str, value))
        elif value is None:
            values[field.name] = ""
        else:
            values[field.name] = str(value)
    if item is None:
        values["id"] = next_id(doc, collection)
    return values


def to_data(collection: str, raw: dict[str, str]) -> dict[str, Any]:
    """Form text to the dict the document models validate; empty optional fields are left out."""
    data: dict[str, Any] = {}
    for field in FIELDS[collection]:
        text = raw.get(field.name, "").strip()
        if field.widget == "list":
            data[field.name] = [part.strip() for part in text.split(",") if part.strip()]
        elif not text or text == NONE:
            if not field.optional:
                data[field.name] = text  # let validation say it is required
        elif field.widget == "number":
            try:
                data[field.name] = float(text)
            except ValueError:
                data[field.name] = text  # validation names the field and the problem
        else:
            data[field.name] = text
    return data
