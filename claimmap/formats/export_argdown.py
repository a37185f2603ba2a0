"""Argdown: the case as a plain-text argument map that the Argdown tools read.

Hypotheses, evidence items and assumptions are statements titled by their id; the text is
the label and statement (or the summary). Rating relations are statement → statement:
`+> [H1]` for CC/C, `-> [H1]` for I/II. Every explicit link is an argument titled by its id,
because Argdown can only undercut an argument's inference: `[E1] +> <L1>` (E1 is L1's
reason) and `<L1> +> [H1]` or `-> [H1]`; an undercut U of link L is `<U> _> <L>`. Sources,
credibility, relevance, ratings with their rationales and DF-QuAD strengths are YAML data
(`{...}`) under each statement. See docs/exports.md.
"""

from __future__ import annotations

import json
import re
from typing import Any

from claimmap.formats.argument_graph import build_argument_graph, clean, one_line
from claimmap.model.document import CaseDocument, Evidence, RatingCell, Source

# Argdown's inline syntax: references [..] <..>, mentions @, tags #, emphasis * _, comments
# // /*, data {..}, links (..), relation arrows + - < > =, escapes \. A backslash makes any of
# them plain text again; other characters (letters, Arabic, emoji, quotes) need nothing.
_SPECIAL = re.compile(r"([\\\[\]<>#*_/{}@+\-=()~`!|])")
# `.name.` and `:name:` are Argdown's special-character shortcuts (`.E.` becomes ∃); escaping
# the opening dot or colon of any such run keeps the text as written.
_SHORTCUT = re.compile(r"([.:])(?=\S+?\1)")
_ARROW = {"support": "+>", "attack": "->", "undercut": "_>"}


def escape(text: str | None) -> str:
    """Text safe to put after `[Title]: ` on one line."""
    return _SHORTCUT.sub(r"\\\1", _SPECIAL.sub(r"\\\1", one_line(text)))


# Argdown finds the end of a data block or of the front matter with a regular expression
# that does not know YAML quoting: a `}` or `===` inside a string would end it early. Inside
# strings these, and the line separators YAML reads as line breaks, become \u escapes.
_IN_STRING = str.maketrans({ch: f"\\u{ord(ch):04x}" for ch in "{}=\u2028\u2029\ufeff\x85"})
_JSON_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"')


def _escape_strings(found: re.Match[str]) -> str:
    return found.group().translate(_IN_STRING)


def yaml_value(value: Any) -> str:
    """A YAML flow value (JSON syntax, which YAML reads) that Argdown's lexer cannot misread:
    the C encoder writes it, then each of its strings is escaped (a brace outside them is
    JSON's own)."""
    return _JSON_STRING.sub(
        _escape_strings, json.dumps(value, ensure_ascii=False, separators=(", ", ": "))
    )


def data(values: dict[str, Any]) -> str:
    return yaml_value(values) if values else ""


def _cell(cell: RatingCell) -> str | dict[str, str]:
    if cell.rationale:
        return {"rating": cell.rating.value, "rationale": clean(cell.rationale)}
    return cell.rating.value


def _drop_empty(values: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in values.items() if v not in (None, "", [], {})}


def _evidence_data(ev: Evidence, source: Source | None, strength: float | None) -> dict[str, Any]:
    return _drop_empty(
        {
            "id": ev.id,
            "type": "evidence",
            "kind": ev.kind.value,
            "date": ev.date,
            "source": source
            and _drop_empty(
                {
                    "id": source.id,
                    "title": one_line(source.title),
                    "author": one_line(source.author),
                    "kind": source.kind.value,
                    "reliability": source.reliability.value,
                }
            ),
            "credibility": ev.credibility,
            "relevance": ev.relevance.value if ev.relevance else None,
            "flags": [f.value for f in ev.flags],
            "strength": None if strength is None else round(strength, 4),
            "ratings": {h: _cell(c) for h, c in ev.ratings.items()},
            "ratings_by": {
                who: {h: _cell(c) for h, c in cells.items()} for who, cells in ev.ratings_by.items()
            },
            "tags": [one_line(t) for t in ev.tags],
            "notes": clean(ev.notes),
        }
    )


def render_argdown(doc: CaseDocument) -> str:
    graph = build_argument_graph(doc)
    out = [
        "===",
        f"title: {yaml_value(one_line(doc.case.title))}",
        f"subTitle: {yaml_value(one_line(doc.case.question))}",
        "===",
        "",
        "// Written by claimmap: ratings are relations, explicit links are arguments.",
        "",
        "# Hypotheses",
        "",
    ]

    def statement(node: str, values: dict[str, Any]) -> None:
        text = escape(graph.nodes[node].get("text"))
        out.append(f"[{node}]: {text}" if text else f"[{node}]")
        out.append(f"  {data(values)}")
        for _, target, edge in graph.out_edges(node, data=True):
            if edge["role"] == "premise":  # the premise is the argument's reason
                out.append(f"  +> <{target}>")
            elif edge["role"] == "rating":
                out.append(f"  {_ARROW[edge['relation']]} [{target}]")
        out.append("")

    for h in doc.hypotheses:
        node = graph.nodes[h.id]
        statement(
            h.id,
            _drop_empty(
                {
                    "id": h.id,
                    "type": "hypothesis",
                    "label": one_line(h.label),
                    "prior": h.prior,
                    "strength": round(node["strength"], 4) if "strength" in node else None,
                    "relations": [{"kind": r.kind.value, "target": r.target} for r in h.relations],
                }
            ),
        )
    if doc.evidence:
        out += ["# Evidence", ""]
    sources = {s.id: s for s in doc.sources}
    for ev in doc.evidence:
        source = sources.get(ev.source) if ev.source else None
        statement(ev.id, _evidence_data(ev, source, graph.nodes[ev.id].get("strength")))
    if doc.assumptions:
        out += ["# Assumptions", ""]
    for a in doc.assumptions:
        statement(
            a.id,
            _drop_empty(
                {
                    "id": a.id,
                    "type": "assumption",
                    "grade": a.grade.value if a.grade else None,
                    "hypotheses": a.hypotheses,
                    "notes": clean(a.notes),
                }
            ),
        )
    if doc.links:
        out += ["# Links", ""]
    for link in doc.links:
        notes = escape(link.notes) or escape(f"{link.from_} {link.kind.value}s {link.to}.")
        out.append(f"<{link.id}>: {notes}")
        values = {"id": link.id, "type": "link", "kind": link.kind.value}
        out.append(f"  {data({**values, 'from': link.from_, 'to': link.to})}")
        target = "<{}>" if graph.nodes[link.to]["kind"] == "link" else "[{}]"
        out.append(f"  {_ARROW[link.kind.value]} {target.format(link.to)}")
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"
