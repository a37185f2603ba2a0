"""What each item's form asks for: fields, their widgets and choices, in one table.

Validation is not here: a filled form is checked by `model.item_check`, the same check the
store and case files use.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Literal

from rich.text import Text

from claimmap.model import enums
from claimmap.model.case_keys import ids_of
from claimmap.model.document import CaseDocument
from claimmap.model.item_ids import next_id

Widget = Literal["text", "long", "choice", "list", "number"]
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
        FormField("statement", "statement", "long"),
        FormField("prior", "prior (0–1)", "number"),
    ),
    "evidence": (
        FormField("id", "id", optional=False),
        FormField("summary", "summary", "long", optional=False),
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
        FormField("grade", "grade (none until you judge it)", "choice", _enum(enums.Grade)),
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


#: What a new item starts with where the first choice would be a judgement the analyst has not
#: made: a source's reliability is F ("cannot be judged") and its kind "other" until chosen, as
#: in case files and the CLI. A default must never raise an item's weight.
DEFAULTS: dict[str, dict[str, str]] = {
    "sources": {"kind": enums.SourceKind.OTHER.value, "reliability": enums.Reliability.F.value},
}
LABEL_WIDTH = 40


def choice_options(field: FormField, doc: CaseDocument) -> list[tuple[str | Text, str]]:
    """(prompt, value) for a select: ids carry the item's label or summary beside them, as
    plain text (a label is the user's words, never markup)."""
    values = choices_for(field, doc)
    if isinstance(field.choices, tuple):
        return [(v, v) for v in values]
    names: dict[str, str] = {h.id: h.label for h in doc.hypotheses}
    names.update({s.id: s.title for s in doc.sources})
    names.update({e.id: e.summary for e in doc.evidence})
    names.update({a.id: a.statement for a in doc.assumptions})
    names.update({lk.id: f"{lk.from_} → {lk.to}" for lk in doc.links})

    def prompt(key: str) -> Text:
        name = " ".join(names.get(key, "").split())
        if len(name) > LABEL_WIDTH:
            name = name[: LABEL_WIDTH - 1] + "…"
        return Text(f"{key}  {name}" if name else key)

    return [(prompt(v), v) for v in values]


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
        values.update(DEFAULTS.get(collection, {}))
        values["id"] = next_id(ids_of(doc), collection)
    return values


def first_to_fill(collection: str, values: dict[str, str]) -> str:
    """The field the cursor starts in: the first required one still empty (the id is filled
    in already), else the first after the id."""
    fields = FIELDS[collection]
    for field in fields:
        if not field.optional and not values.get(field.name, "").strip():
            return field.name
    return fields[1].name


def plain(label: str, message: str) -> str:
    """A validation problem in plain words: 'the summary cannot be empty'."""
    name = label.split(" (")[0]
    if message.split(" ", 1)[0] in {"cannot", "must", "is", "should", "needs"}:
        return f"the {name} {message}"
    return f"the {name}: {message}"


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
