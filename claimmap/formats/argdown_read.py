"""Read an Argdown document into a case, through the Argdown CLI's own JSON export.

What becomes what (docs/map-import.md has the whole story):

* Hypotheses are the statements tagged `#hypothesis`, or those named with --hypotheses, or
  those claimmap's own export marks (`{type: hypothesis}`), or else the map's conclusions:
  statements that receive support or attack (a relation, or being an argument's main
  conclusion) and pass it on to nothing. The notes say which rule chose them.
* Every other statement is an evidence item. A relation from it into a hypothesis is a
  rating: support C, attack I; entailment CC and contradiction II (Argdown's logical,
  strong relations); contrary I. Other relations between statements are links.
* An argument with exactly one reason (one supporting statement or one premise) and one
  target is a link titled by the argument (this is how claimmap writes links). Any other
  argument is an evidence item of its own (its description is the summary); its premises
  and reasons support it, and its relations to hypotheses are ratings.
* An undercut of an argument that became an evidence item, and an attack on an argument that
  became a link, have no exact place: they become an attack on the item (or on the link's
  reason), and the notes list each. Headings and tags on hypotheses are listed too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from claimmap.formats.argdown_cli import argdown_json
from claimmap.formats.imported import case_info, empty_document, finish, rating_code
from claimmap.formats.map_import import (
    RELATION_RATING,
    IdMaker,
    MapImport,
    check_size,
    decode,
    describe_import,
    fail,
    merge_rating,
    named_hypotheses,
    plain,
    short,
)
from claimmap.model.problems import Loc, Problem

STATEMENT, ARGUMENT = "equivalence-class", "argument"
_ID = re.compile(r"[\w][\w.\-]{0,63}\Z")
_UNTITLED = re.compile(r"Untitled \d+\Z")  # the title Argdown gives an untitled statement
EVIDENCE_FIELDS = ("kind", "date", "credibility", "relevance", "notes")


@dataclass
class _Node:
    kind: str  # STATEMENT or ARGUMENT
    title: str
    raw: dict[str, Any]
    id: str = ""
    role: str = ""  # hypothesis, evidence or link
    line: int | None = None
    reason: str | None = None  # a link-shaped argument's one reason (a statement title)
    target: dict[str, Any] | None = None  # ... and its one outgoing relation
    tags: list[str] = field(default_factory=list)

    @property
    def key(self) -> tuple[str, str]:
        return (self.kind, self.title)

    @property
    def data(self) -> dict[str, Any]:
        value = self.raw.get("data")
        return value if isinstance(value, dict) else {}

    def text(self) -> str:
        for member in self.raw.get("members") or []:
            if isinstance(member, dict) and plain(member.get("text")).strip():
                return plain(member["text"]).strip()
        return ""

    def where(self) -> str:
        mark = "[{}]" if self.kind == STATEMENT else "<{}>"
        line = f" (line {self.line})" if self.line else ""
        return f"{mark.format(self.title)}{line}"


_VALUE = {"CC": 2, "C": 1, "N": 0, "I": -1, "II": -2}


def _code(cell: Any) -> str | None:
    """The rating code of a data cell (`C` or `{rating: C, rationale: …}`), if it is one."""
    code = cell.get("rating") if isinstance(cell, dict) else cell
    try:
        return rating_code(code) if isinstance(code, str) else None
    except ValueError:
        return None


def _sign(value: float | str) -> int:
    number = _VALUE.get(value, 0) if isinstance(value, str) else value
    return (number > 0) - (number < 0)


def _first_line(raw: dict[str, Any]) -> int | None:
    lines = [
        m["startLine"]
        for m in raw.get("members") or []
        if isinstance(m, dict) and isinstance(m.get("startLine"), int)
    ]
    return min(lines) if lines else None


def _table(model: dict[str, Any], key: str, filename: str) -> dict[str, dict[str, Any]]:
    value = model.get(key) or {}
    if not isinstance(value, dict) or not all(isinstance(v, dict) for v in value.values()):
        raise fail(filename, f"the Argdown CLI's JSON has no readable {key!r} table")
    return value


class _Reader:
    def __init__(self, model: dict[str, Any], filename: str, named: list[str] | None):
        self.filename = filename
        self.notes: list[str] = []
        self.problems: list[Problem] = []
        self.nodes: dict[tuple[str, str], _Node] = {}
        for kind, key in ((STATEMENT, "statements"), (ARGUMENT, "arguments")):
            for title, raw in _table(model, key, filename).items():
                node = _Node(kind, title, raw, line=_first_line(raw))
                tags = raw.get("tags") or []
                node.tags = [t for t in tags if isinstance(t, str) and t.strip()]
                self.nodes[node.key] = node
        relations = model.get("relations") or []
        if not isinstance(relations, list):
            raise fail(filename, "the Argdown CLI's JSON has no readable 'relations' list")
        self.relations = [r for r in relations if self._known(r)]
        self.relations += self._conclusions()
        statements = [n.title for n in self.nodes.values() if n.kind == STATEMENT]
        self.hypotheses = self._choose(statements, named)
        self.sections = model.get("sections") or []

    def _conclusions(self) -> list[dict[str, Any]]:
        """An argument supports its main conclusion; Argdown's JSON lists that relation only
        when the conclusion is also used elsewhere, so it is added where it is missing."""
        added = []
        have = {(r["from"], r["to"]) for r in self.relations if r["fromType"] == ARGUMENT}
        for node in list(self.nodes.values()):
            for step in node.raw.get("pcs") or [] if node.kind == ARGUMENT else []:
                title = step.get("title") if isinstance(step, dict) else None
                if step.get("role") != "main-conclusion" or not isinstance(title, str):
                    continue
                if (STATEMENT, title) in self.nodes and (node.title, title) not in have:
                    added.append(
                        {
                            "relationType": "support",
                            "from": node.title,
                            "fromType": ARGUMENT,
                            "to": title,
                            "toType": STATEMENT,
                        }
                    )
        return added

    def _known(self, rel: Any) -> bool:
        if not isinstance(rel, dict):
            return False
        ends = [(rel.get("fromType"), rel.get("from")), (rel.get("toType"), rel.get("to"))]
        ok = all(isinstance(t, str) and (k, t) in self.nodes for k, t in ends)
        kind = rel.get("relationType")
        if not ok or kind not in RELATION_RATING:
            self.notes.append(
                f"not kept: a {kind!r} relation from {rel.get('from')!r} "
                f"to {rel.get('to')!r} that claimmap cannot place"
            )
            return False
        return True

    # -- which statements are the hypotheses -------------------------------------------
    def _choose(self, statements: list[str], named: list[str] | None) -> list[str]:
        if named is not None:
            self.notes.append(f"hypotheses: the {len(named)} statements named with --hypotheses")
            return named
        by_tag = [
            t
            for t in statements
            if any(tag.lower() == "hypothesis" for tag in self.nodes[(STATEMENT, t)].tags)
        ]
        if by_tag:
            self.notes.append(f"hypotheses: the {len(by_tag)} statements tagged #hypothesis")
            return by_tag
        marked = [
            t for t in statements if self.nodes[(STATEMENT, t)].data.get("type") == "hypothesis"
        ]
        if marked:
            self.notes.append(
                f"hypotheses: the {len(marked)} statements that claimmap's export marks as such"
            )
            return marked
        receives = {r["to"] for r in self.relations if r["toType"] == STATEMENT}
        premises: set[str] = set()
        for node in self.nodes.values():
            if node.kind != ARGUMENT:
                continue
            for step in node.raw.get("pcs") or []:
                if not isinstance(step, dict) or not isinstance(step.get("title"), str):
                    continue
                if step.get("role") == "main-conclusion":
                    receives.add(step["title"])
                else:
                    premises.add(step["title"])
        # Rival conclusions often attack each other (that is what makes them rivals), so
        # a relation between two candidates does not count as passing support on.
        chosen_set = receives - premises
        while True:
            passing = {
                r["from"]
                for r in self.relations
                if r["fromType"] == STATEMENT
                and r["from"] in chosen_set
                and (r["toType"] != STATEMENT or r["to"] not in chosen_set)
            }
            if not passing:
                break
            chosen_set -= passing
        chosen = [t for t in statements if t in chosen_set]
        if chosen:
            self.notes.append(
                f"hypotheses: the map's {len(chosen)} conclusions (statements that receive "
                "support or attack and pass it to nothing but each other); tag statements "
                "#hypothesis or use --hypotheses to choose others"
            )
        else:
            self.notes.append(
                "hypotheses: none; no statement receives support or attack without passing "
                "it on. Tag statements #hypothesis or use --hypotheses"
            )
        return chosen

    # -- what each node becomes ----------------------------------------------------------
    def classify(self) -> None:
        hyps = set(self.hypotheses)
        for node in self.nodes.values():
            if node.kind == STATEMENT:
                node.role = "hypothesis" if node.title in hyps else "evidence"
                if node.role == "evidence" and self._assumption(node):
                    node.role = "assumption"
                continue
            reasons = self._reasons(node)
            outgoing = [r for r in self.relations if (r["fromType"], r["from"]) == node.key]
            incoming = [r for r in self.relations if (r["toType"], r["to"]) == node.key]
            others = [
                r
                for r in incoming
                if r["relationType"] != "undercut"
                and not (r["relationType"] == "support" and r["fromType"] == STATEMENT)
            ]
            if len(reasons) == 1 and len(outgoing) == 1 and not others:
                node.role, node.reason, node.target = "link", reasons[0], outgoing[0]
            else:
                node.role = "evidence"
        # Ids: the one claimmap's own export wrote in the data, else short ones in map order
        # (H1, E1, A1, L1) that fit a matrix column; the Argdown title is the label or note.
        ids = IdMaker()
        for node in self.nodes.values():
            given = plain(node.data.get("id"))
            if given and _ID.match(given):
                node.id = ids.make(given, "E")
        prefix = {"hypothesis": "H", "evidence": "E", "assumption": "A", "link": "L"}
        counts = dict.fromkeys(prefix.values(), 0)
        for node in self.nodes.values():
            if node.id:
                continue
            letter = prefix[node.role]
            counts[letter] += 1
            while f"{letter}{counts[letter]}" in ids.used:
                counts[letter] += 1
            node.id = ids.make(f"{letter}{counts[letter]}", letter)

    def _assumption(self, node: _Node) -> bool:
        """claimmap's export marks assumptions; one stays an assumption when nothing bears
        on it (an assumption can back a claim but is not rated or attacked)."""
        if node.data.get("type") != "assumption":
            return False
        return not any((r["toType"], r["to"]) == node.key for r in self.relations)

    def _reasons(self, node: _Node) -> list[str]:
        reasons = [
            r["from"]
            for r in self.relations
            if (r["toType"], r["to"]) == node.key
            and r["fromType"] == STATEMENT
            and r["relationType"] == "support"
        ]
        for step in node.raw.get("pcs") or []:
            if isinstance(step, dict) and step.get("role") == "premise":
                title = step.get("title")
                if isinstance(title, str) and (STATEMENT, title) in self.nodes:
                    reasons.append(title)
        return list(dict.fromkeys(reasons))

    # -- building the case ---------------------------------------------------------------
    def build(self) -> dict[str, Any]:
        self.classify()
        doc = empty_document(case_info(self.filename))
        self.doc = doc
        self.items: dict[str, dict[str, Any]] = {}
        self.places: dict[Loc, str] = {}
        self.links: list[dict[str, Any]] = []
        self.link_ids = IdMaker()
        self.link_ids.used = {n.id for n in self.nodes.values()}
        for node in self.nodes.values():
            if node.role == "hypothesis":
                self._hypothesis(node)
        for node in self.nodes.values():
            if node.role == "evidence":
                self._evidence(node)
        for node in self.nodes.values():
            if node.role == "assumption":
                self._assumption_item(node)
        for node in self.nodes.values():
            if node.role == "link":
                self._link_argument(node)
        for node in self.nodes.values():
            if node.kind == ARGUMENT and node.role == "evidence":
                for reason in self._reasons(node):
                    self._link("support", self.nodes[(STATEMENT, reason)], node, node, "premise")
        for rel in self.relations:
            self._relation(rel)
        for node in self.nodes.values():
            if node.role == "evidence":
                self._unrelated_ratings(node)
        doc["links"] = self.links
        if self.sections:
            self.notes.append(
                f"not kept: {len(self.sections)} headings (claimmap has no sections; the "
                "statements under them are all imported)"
            )
        return doc

    def _hypothesis(self, node: _Node) -> None:
        data, text = node.data, node.text()
        label = plain(data.get("label")).strip() or node.title
        if _UNTITLED.match(node.title) and text:
            label = short(text, 80)  # Argdown's own name for a statement without a title
        statement = text
        if data.get("label") and text.startswith(f"{label} — "):
            statement = text[len(label) + 3 :]  # claimmap writes "label — statement"
        elif data.get("label") and text == label:
            statement = ""  # ... and the label alone when there is no statement
        hyp: dict[str, Any] = {"id": node.id, "label": label, "statement": statement}
        if isinstance(data.get("prior"), int | float) and not isinstance(data["prior"], bool):
            hyp["prior"] = data["prior"]
        self.places[("hypotheses", len(self.doc["hypotheses"]))] = node.where()
        self.doc["hypotheses"].append(hyp)
        if node.tags:
            tags = ", ".join(f"#{t}" for t in node.tags if t.lower() != "hypothesis")
            if tags:
                self.notes.append(f"not kept: tags {tags} on hypothesis {node.where()}")

    def _evidence(self, node: _Node) -> None:
        data = node.data
        item: dict[str, Any] = {
            "id": node.id,
            "summary": node.text() or node.title,
            "tags": list(dict.fromkeys(node.tags)),
            "ratings": {},
        }
        named = node.title != node.id and not _UNTITLED.match(node.title)
        if named and not data:
            mark = "[{}]" if node.kind == STATEMENT else "<{}>"
            item["notes"] = f"{mark.format(node.title)} in the Argdown map."
        flags = data.get("flags")
        if isinstance(flags, list) and all(isinstance(f, str) for f in flags):
            item["flags"] = flags
        for name in EVIDENCE_FIELDS:  # claimmap's own export carries these as data
            value = data.get(name)
            if isinstance(value, str | int) and not isinstance(value, bool) and value != "":
                item[name] = str(value)
        self._source(item, data.get("source"))
        self.places[("evidence", len(self.doc["evidence"]))] = node.where()
        self.doc["evidence"].append(item)
        self.items[node.id] = item

    def _assumption_item(self, node: _Node) -> None:
        data, hyps = node.data, {h["id"] for h in self.doc["hypotheses"]}
        item: dict[str, Any] = {"id": node.id, "statement": node.text() or node.title}
        if isinstance(data.get("grade"), str):
            item["grade"] = data["grade"]
        if isinstance(data.get("notes"), str) and data["notes"]:
            item["notes"] = data["notes"]
        named = data.get("hypotheses")
        if isinstance(named, list):
            item["hypotheses"] = [h for h in named if h in hyps]
        self.places[("assumptions", len(self.doc.setdefault("assumptions", [])))] = node.where()
        self.doc["assumptions"].append(item)

    def _source(self, item: dict[str, Any], source: Any) -> None:
        if not isinstance(source, dict) or not plain(source.get("id")):
            return
        if all(s["id"] != source["id"] for s in self.doc["sources"]):
            kept = {
                k: source[k]
                for k in ("id", "title", "author", "kind", "reliability")
                if isinstance(source.get(k), str)
            }
            kept.setdefault("title", source["id"])
            self.doc["sources"].append(kept)
        item["source"] = source["id"]

    def _unrelated_ratings(self, node: _Node) -> None:
        """The cells claimmap's own export keeps in an item's data (every analyst's, with
        rationales, N and NA), used when they imply exactly the relations the map draws;
        if someone changed the relations since, the relations win and the notes say so."""
        hyps = [h["id"] for h in self.doc["hypotheses"]]
        mine = self._cells(node.data.get("ratings"), hyps)
        others = node.data.get("ratings_by")
        theirs = {
            who: self._cells(cells, hyps)
            for who, cells in (others.items() if isinstance(others, dict) else [])
            if isinstance(who, str)
        }
        if not mine and not theirs:
            return
        item = self.items[node.id]
        drawn = {h: _sign(code) for h, code in item["ratings"].items()}
        implied = {}
        for h in hyps:
            codes = [_code(layer[h]) for layer in (mine, *theirs.values()) if h in layer]
            implied[h] = _sign(sum(_VALUE[c] for c in codes if c in _VALUE))  # NA: none
        retracted = "retracted" in item.get("flags", [])  # its ratings draw no relation
        if retracted or all(drawn.get(h, 0) == implied[h] for h in hyps):
            item["ratings"] = mine
            if theirs:
                item["ratings_by"] = {who: cells for who, cells in theirs.items() if cells}
        else:
            self.notes.append(
                f"{node.where()}: its relations differ from the ratings in its data; the "
                "relations were used"
            )

    @staticmethod
    def _cells(cells: Any, hyps: list[str]) -> dict[str, Any]:
        """The cells of a data `ratings` map that name a hypothesis of the case, as written."""
        if not isinstance(cells, dict):
            return {}
        return {h: cells[h] for h in hyps if h in cells and _code(cells[h]) is not None}

    def _rate(self, source: _Node, hyp: _Node, kind: str) -> None:
        item = self.items[source.id]
        code = RELATION_RATING[kind][0]
        old = item["ratings"].get(hyp.id)
        new = merge_rating(old, code)
        if old and new == "N" and old != "N":
            self.notes.append(f"{source.where()} both supports and attacks {hyp.where()}: rated N")
        item["ratings"][hyp.id] = new

    def _link(
        self,
        kind: str,
        source: _Node,
        target: _Node,
        about: _Node,
        why: str,
        link_id: str | None = None,
        notes: str = "",
    ) -> None:
        if target.role == "link" and kind != "undercut":
            # Only an undercut can target a link; an attack on a link-shaped argument
            # attacks its reason instead.
            self.notes.append(
                f"{source.where()} {kind}s {target.where()}, which is a link: kept as "
                f"{kind} on its reason [{target.reason}]"
            )
            target = self.nodes[(STATEMENT, target.reason or "")]
        if kind == "undercut" and target.role != "link":
            self.notes.append(
                f"{source.where()} undercuts {target.where()}, which claimmap keeps as an "
                "item, not an inference: kept as an attack on it"
            )
            kind = "attack"
        link = {
            "id": link_id or self.link_ids.make(f"L{len(self.links) + 1}", "L"),
            "kind": kind,
            "from": source.id,
            "to": target.id,
        }
        if notes:
            link["notes"] = notes
        self.places[("links", len(self.links))] = f"{about.where()} ({why})"
        self.links.append(link)

    def _link_argument(self, node: _Node) -> None:
        assert node.target is not None and node.reason is not None
        rel = node.target
        kind = RELATION_RATING[rel["relationType"]][1]
        reason = self.nodes[(STATEMENT, node.reason)]
        target = self.nodes[(rel["toType"], rel["to"])]
        self._link(kind, reason, target, node, "argument", node.id, node.text())

    def _relation(self, rel: dict[str, Any]) -> None:
        source = self.nodes[(rel["fromType"], rel["from"])]
        target = self.nodes[(rel["toType"], rel["to"])]
        kind = rel["relationType"]
        if source.role == "link":
            return  # the link argument's own target: made in _link_argument
        if target.kind == ARGUMENT and kind == "support" and source.kind == STATEMENT:
            return  # a reason: made with its argument
        if target.role == "hypothesis" and source.role == "evidence":
            self._rate(source, target, kind)
            return
        if kind in ("contradictory", "contrary", "entails"):
            self.notes.append(
                f"{source.where()} {kind} {target.where()}: kept as {RELATION_RATING[kind][1]} link"
            )
        self._link(RELATION_RATING[kind][1], source, target, source, f"{kind} relation")

    def place(self, loc: Loc) -> str | None:
        for n in range(len(loc), 1, -1):
            if loc[:n] in self.places:
                return self.places[loc[:n]]
        return None


def case_from_argdown(
    model: dict[str, Any], filename: str, hypotheses: list[str] | None = None
) -> MapImport:
    """A case from the Argdown CLI's JSON export of a document."""
    statements = _table(model, "statements", filename)
    if not _table(model, "arguments", filename) and not model.get("relations"):
        raise fail(
            filename,
            f"the Argdown CLI finds {len(statements)} statements but no argument and no "
            "relation in it, so it is no argument map (is it Argdown? `[Title]: text` "
            "makes a statement, `<Title>: text` an argument, `+>` and `->` relations)",
        )
    named = named_hypotheses(hypotheses, statements, filename, "statement titles")
    reader = _Reader(model, filename, named)
    doc = reader.build()
    counts = (
        f"{len(doc['hypotheses'])} hypotheses, {len(doc['evidence'])} evidence items, "
        f"{sum(len(e['ratings']) for e in doc['evidence'])} ratings, {len(doc['links'])} links"
    )
    reader.notes.insert(0, f"made {counts}")
    doc["case"]["description"] = describe_import(filename, reader.notes)
    origin = {
        n.id: ("statement" if n.kind == STATEMENT else "argument", n.title)
        for n in reader.nodes.values()
    }
    return MapImport(finish(doc, filename, reader.problems, reader.place), reader.notes, origin)


def read_argdown(data: bytes, filename: str, hypotheses: list[str] | None = None) -> MapImport:
    check_size(data, filename, "Argdown")
    decode(data, filename)
    return case_from_argdown(argdown_json(data, filename), filename, hypotheses)
