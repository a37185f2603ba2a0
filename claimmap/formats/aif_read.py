"""Read an AIF argument map (AIFdb / OVA JSON) into a case.

AIF is a graph of nodes joined by edges `fromID` -> `toID`: I-nodes hold propositions,
RA-nodes apply an inference (premises -> RA -> conclusion), CA-nodes a conflict (attacker ->
CA -> target), MA a rephrase, PA a preference; L-nodes are what someone said (locutions),
joined to I-nodes through YA (illocution) nodes, and TA-nodes join locutions in a dialogue.
OVA wraps the map as {"AIF": {...}}, the argument-mining tools as {"aif": {...}}; both are read.

* Hypotheses are the I-nodes a YA "Hypothesising" node points at (ARG-tech's ACH
  convention), or the node ids named with --hypotheses, or else the map's conclusions.
* A premise of an RA into a hypothesis is evidence consistent with it (C), the attacker in a
  CA into it evidence inconsistent with it (I). Every other RA and CA becomes a support or
  attack link per premise; a CA (or RA) whose target is another RA or CA undercuts that
  inference's links. An undercut of an inference that became a rating has no exact place:
  it is kept as an attack on the rated premise, and the notes say so.
* The speaker of the locution that asserts an I-node (L -> YA -> I) is its source.
* MA and PA nodes, and S-nodes without premise or conclusion, have no place in a case; the
  notes list them. claimmap's own export carries a `claimmap` object mapping nodes back to
  case ids and ratings, which makes its round trip exact where AIF can carry it.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

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

KNOWN_TYPES = {"I", "RA", "CA", "MA", "PA", "YA", "L", "TA"}
INFERENCE = {"RA": "support", "CA": "attack"}


@dataclass
class _Node:
    id: str
    type: str
    text: str
    index: int  # position in the nodes list, for messages
    scheme: str = ""  # AIFdb's scheme name, where the node has one

    def where(self) -> str:
        return f"nodes[{self.index}] ({self.type} {self.id})"


def _load(text: str, filename: str) -> dict[str, Any]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise fail(filename, f"not valid JSON: {exc.msg}", exc.lineno) from None
    except RecursionError:
        raise fail(filename, "the JSON is nested too deeply to be an AIF map") from None
    for wrapper in ("AIF", "aif"):
        if isinstance(data, dict) and isinstance(data.get(wrapper), dict):
            inner: dict[str, Any] = data[wrapper]
            if "claimmap" in data and "claimmap" not in inner:
                inner = {**inner, "claimmap": data["claimmap"]}
            data = inner
            break
    if not isinstance(data, dict) or not isinstance(data.get("nodes"), list):
        raise fail(filename, "not an AIF map: expected a JSON object with a 'nodes' list")
    if not isinstance(data.get("edges", []), list):
        raise fail(filename, "not an AIF map: 'edges' is not a list")
    return data


def _str_id(value: Any) -> str | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | str) and str(value).strip():
        return str(value).strip()
    return None


class _Reader:
    def __init__(self, data: dict[str, Any], filename: str):
        self.filename = filename
        self.problems: list[Problem] = []
        self.notes: list[str] = []
        self.nodes: dict[str, _Node] = {}
        self.ins: dict[str, list[str]] = defaultdict(list)
        self.outs: dict[str, list[str]] = defaultdict(list)
        about = data.get("claimmap")
        origin = about.get("nodes") if isinstance(about, dict) else None
        self.origin: dict[str, dict[str, Any]] = {
            str(k): v for k, v in (origin or {}).items() if isinstance(v, dict)
        }
        self.title = plain(about.get("title")) if isinstance(about, dict) else ""
        self.question = plain(about.get("question")) if isinstance(about, dict) else ""
        self._read_nodes(data["nodes"])
        self._read_edges(data.get("edges") or [])
        self.speakers = self._speakers(data)

    def problem(self, place: str, message: str) -> None:
        self.problems.append(Problem((place,), message))

    def _read_nodes(self, nodes: list[Any]) -> None:
        unknown: dict[str, int] = defaultdict(int)
        repeated = 0
        for index, raw in enumerate(nodes):
            if not isinstance(raw, dict):
                self.problem(f"nodes[{index}]", "a node must be a JSON object")
                continue
            node_id, kind = _str_id(raw.get("nodeID")), raw.get("type")
            if node_id is None:
                self.problem(f"nodes[{index}]", "node without a nodeID")
                continue
            if node_id in self.nodes:
                first = self.nodes[node_id]
                if (first.type, first.text) == (kind, plain(raw.get("text"))):
                    repeated += 1  # AIFdb corpus exports repeat nodes shared by two maps
                    continue
                self.problem(
                    f"nodes[{index}]",
                    f"nodeID {node_id} is used twice with different contents "
                    f"(first nodes[{first.index}])",
                )
                continue
            if kind not in KNOWN_TYPES:
                unknown[str(kind)] += 1
                continue
            scheme = plain(raw.get("scheme"))
            self.nodes[node_id] = _Node(node_id, kind, plain(raw.get("text")), index, scheme)
        if repeated:
            self.notes.append(f"read once: {repeated} nodes repeated with the same id and text")
        for kind, count in unknown.items():
            self.notes.append(
                f"not kept: {count} nodes of type {kind!r}, which AIF does not define"
            )

    def _read_edges(self, edges: list[Any]) -> None:
        repeated = 0
        for index, raw in enumerate(edges):
            if not isinstance(raw, dict):
                self.problem(f"edges[{index}]", "an edge must be a JSON object")
                continue
            ends = [_str_id(raw.get("fromID")), _str_id(raw.get("toID"))]
            bad = [
                f"{name} {value!r}"
                for name, value, end in zip(
                    ("fromID", "toID"), (raw.get("fromID"), raw.get("toID")), ends, strict=True
                )
                if end is None or end not in self.nodes
            ]
            if bad:
                self.problem(
                    f"edges[{index}]",
                    f"{' and '.join(bad)} is not a node of the map (dangling edge)",
                )
                continue
            start, end = ends
            assert start is not None and end is not None
            if start == end:
                self.problem(f"edges[{index}]", f"edge from node {start} to itself")
                continue
            if end in self.outs[start]:
                repeated += 1
                continue
            self.outs[start].append(end)
            self.ins[end].append(start)
        if repeated:
            self.notes.append(f"read once: {repeated} edges repeated between the same nodes")

    def _speakers(self, data: dict[str, Any]) -> dict[str, str]:
        """L-node id -> speaker: from `locutions` and `participants`, else the L-node's
        'Speaker : text' prefix (how AIFdb writes locutions)."""
        people: dict[str, str] = {}
        for p in data.get("participants") or []:
            if isinstance(p, dict) and _str_id(p.get("participantID")):
                name = " ".join(
                    plain(p.get(k)).strip()
                    for k in ("firstname", "surname")
                    if plain(p.get(k)).strip()
                )
                if name:
                    people[str(_str_id(p.get("participantID")))] = name
        speakers: dict[str, str] = {}
        for loc in data.get("locutions") or []:
            if not isinstance(loc, dict):
                continue
            said, person = _str_id(loc.get("nodeID")), _str_id(loc.get("personID"))
            if said and person and person in people:
                speakers[said] = people[person]
        for node in self.nodes.values():
            if node.type == "L" and node.id not in speakers and " : " in node.text:
                speaker = node.text.split(" : ", 1)[0].strip()
                if speaker:
                    speakers[node.id] = speaker
        return speakers

    # -- hypotheses ----------------------------------------------------------------------
    def hypotheses(self, named: list[str] | None) -> list[str]:
        inodes = [n.id for n in self.nodes.values() if n.type == "I"]
        if named is not None:
            self.notes.append(f"hypotheses: the {len(named)} I-nodes named with --hypotheses")
            return [i for i in inodes if i in named]
        hyping = {
            n.id
            for n in self.nodes.values()
            if n.type == "YA" and "hypothesising" in (n.text.strip().lower(), n.scheme.lower())
        }
        chosen = [i for i in inodes if any(u in hyping for u in self.ins[i])]
        if chosen:
            self.notes.append(
                f"hypotheses: the {len(chosen)} I-nodes that a YA 'Hypothesising' node points at"
            )
            return chosen
        receives = {i for i in inodes if any(self.nodes[u].type in INFERENCE for u in self.ins[i])}
        chosen_set = set(receives)
        while True:  # rivals may attack each other; anything else passes support on
            passing = {
                i
                for i in chosen_set
                for s in self.outs[i]
                if self.nodes[s].type in INFERENCE
                and any(t not in chosen_set for t in self.outs[s])
            }
            if not passing:
                break
            chosen_set -= passing
        chosen = [i for i in inodes if i in chosen_set]
        self.notes.append(
            f"hypotheses: the map's {len(chosen)} conclusions (no YA 'Hypothesising' node; "
            "I-nodes that receive support or attack and pass it to nothing but each other); "
            "use --hypotheses to choose others"
            if chosen
            else "hypotheses: none (no YA 'Hypothesising' node and no conclusions); use --hypotheses"
        )
        return chosen

    # -- the case ------------------------------------------------------------------------
    def build(self, named: list[str] | None) -> dict[str, Any]:
        hyp_nodes = self.hypotheses(named)
        hyps = set(hyp_nodes)
        info = case_info(self.filename, self.title or None)
        if self.question:
            info["question"] = self.question
        doc = empty_document(info)
        self.doc = doc
        self.places: dict[Loc, str] = {}
        ids = IdMaker()
        self.case_id: dict[str, str] = {}
        # Ids claimmap's export recorded come first, so that fresh ones never take them.
        for node in self.nodes.values():
            given = plain(self.origin.get(node.id, {}).get("id")) if node.type == "I" else ""
            if given:
                self.case_id[node.id] = ids.make(given, "E")
        counts = {"H": 0, "E": 0}
        for node in self.nodes.values():
            if node.type != "I" or node.id in self.case_id:
                continue
            prefix = "H" if node.id in hyps else "E"
            counts[prefix] += 1
            self.case_id[node.id] = ids.make(f"{prefix}{counts[prefix]}", prefix)
        self.evidence: dict[str, dict[str, Any]] = {}
        self.sources: dict[str, str] = {}
        for node in self.nodes.values():
            if node.type != "I":
                continue
            if node.id in hyps:
                self._hypothesis(node)
            elif self._assumption(node):
                self._assumption_item(node)
            else:
                self._evidence(node)
        self.link_ids = ids
        self.links: list[dict[str, Any]] = []
        self.links_of: dict[str, list[str]] = defaultdict(list)
        self.rated: dict[str, list[tuple[str, str]]] = {}
        self._inferences(hyps)
        doc["links"] = self.links
        self._not_kept()
        return doc

    def _hypothesis(self, node: _Node) -> None:
        about = self.origin.get(node.id, {})
        label, statement = plain(about.get("label")), node.text
        if label and node.text.startswith(f"{label} — "):
            statement = node.text[len(label) + 3 :]
        elif label and node.text == label:
            statement = ""  # claimmap writes a hypothesis without a statement as its label
        if not label:
            label = short(node.text, 80) or self.case_id[node.id]
            statement = node.text if label != node.text else ""
        self.places[("hypotheses", len(self.doc["hypotheses"]))] = node.where()
        self.doc["hypotheses"].append(
            {"id": self.case_id[node.id], "label": label, "statement": statement}
        )

    def _assumption(self, node: _Node) -> bool:
        """claimmap's export marks assumptions; one stays an assumption when no RA or CA
        points at it (an assumption backs a claim but is not rated or attacked)."""
        if self.origin.get(node.id, {}).get("kind") != "assumption":
            return False
        return not any(self.nodes[u].type in INFERENCE for u in self.ins[node.id])

    def _assumption_item(self, node: _Node) -> None:
        assumptions = self.doc.setdefault("assumptions", [])
        self.places[("assumptions", len(assumptions))] = node.where()
        assumptions.append(
            {"id": self.case_id[node.id], "statement": node.text or self.case_id[node.id]}
        )

    def _evidence(self, node: _Node) -> None:
        item: dict[str, Any] = {
            "id": self.case_id[node.id],
            "summary": node.text or f"(AIF node {node.id} has no text)",
            "ratings": {},
        }
        if node.id not in self.origin:
            item["notes"] = f"AIF node {node.id}"
        for ya in self.ins[node.id]:
            if self.nodes[ya].type != "YA":
                continue
            for loc in self.ins[ya]:
                if loc in self.speakers:
                    item["source"] = self._source(self.speakers[loc], loc)
                    break
            if "source" in item:
                break
        self.places[("evidence", len(self.doc["evidence"]))] = node.where()
        self.doc["evidence"].append(item)
        self.evidence[node.id] = item

    def _source(self, speaker: str, loc: str) -> str:
        if speaker not in self.sources:
            given = plain(self.origin.get(loc, {}).get("source"))
            source_id = self.link_ids_or_new(given, "S")
            self.sources[speaker] = source_id
            self.doc["sources"].append({"id": source_id, "title": speaker})
        return self.sources[speaker]

    def link_ids_or_new(self, given: str, prefix: str) -> str:
        used = {s["id"] for s in self.doc["sources"]} | set(self.case_id.values())
        if given and given not in used:
            return given
        n = len(self.doc["sources"]) + 1
        while f"{prefix}{n}" in used:
            n += 1
        return f"{prefix}{n}"

    def _inferences(self, hyps: set[str]) -> None:
        """Every RA and CA, each after the inferences it targets (an undercut needs the links
        of its target to exist); a ring of S-nodes targeting each other is refused."""
        pending = [n for n in self.nodes.values() if n.type in INFERENCE]
        done: set[str] = set()
        while pending:
            ready = [
                n
                for n in pending
                if all(v in done for v in self.outs[n.id] if self.nodes[v].type in INFERENCE)
            ]
            if not ready:
                ring = ", ".join(n.where() for n in pending[:6])
                self.problems.append(
                    Problem(
                        (pending[0].where(),),
                        f"these RA/CA nodes target each other in a cycle, which no argument "
                        f"can resolve: {ring}",
                    )
                )
                return
            for node in ready:
                self._inference(node, hyps)
                done.add(node.id)
            pending = [n for n in pending if n.id not in done]

    def _inference(self, node: _Node, hyps: set[str]) -> None:
        premises = [u for u in self.ins[node.id] if self.nodes[u].type == "I"]
        targets = [v for v in self.outs[node.id] if self.nodes[v].type in ("I", *INFERENCE)]
        if not premises or not targets:
            self.notes.append(
                f"not kept: {node.where()} has no {'premise' if not premises else 'conclusion'}"
            )
            return
        about = self.origin.get(node.id, {})
        relation = INFERENCE[node.type]
        for target in targets:
            for premise in premises:
                self._step(node, relation, premise, target, hyps, about)

    def _step(
        self,
        node: _Node,
        relation: str,
        premise: str,
        target: str,
        hyps: set[str],
        about: dict[str, Any],
    ) -> None:
        kind = self.nodes[target].type
        if kind == "I" and target in hyps and premise in self.evidence and "link" not in about:
            self._rate(node, premise, target, relation, about)
            return
        if kind == "I":
            self._link(node, relation, premise, target, about)
            return
        # An S-node into an S-node: an undercut (CA) or a support of an inference (RA).
        if relation == "support":
            self.notes.append(
                f"not kept: {node.where()} supports the inference {self.nodes[target].where()}"
            )
            return
        links = self.links_of.get(target, [])
        if links:
            for link in links:
                self._add_link(node, "undercut", self.case_id[premise], link, about)
            return
        for rated, _ in self.rated.get(target, []):
            self.notes.append(
                f"{node.where()} undercuts {self.nodes[target].where()}, which is a rating: "
                f"kept as an attack on its premise {self.case_id[rated]}"
            )
            self._link(node, "attack", premise, rated, about)

    def _rate(
        self, node: _Node, premise: str, hyp: str, relation: str, about: dict[str, Any]
    ) -> None:
        code = RELATION_RATING[relation][0]
        written = about.get("rating")
        if isinstance(written, str):
            try:
                written = rating_code(written.split("/")[0])
            except ValueError:
                written = None
            if written and (written in ("CC", "C")) == (code == "C"):
                code = written
        item = self.evidence[premise]
        hyp_id = self.case_id[hyp]
        old = item["ratings"].get(hyp_id)
        item["ratings"][hyp_id] = merge_rating(old, code)
        if old and item["ratings"][hyp_id] == "N" and old != "N":
            self.notes.append(
                f"{self.case_id[premise]} both supports and attacks {hyp_id}: rated N"
            )
        self.rated.setdefault(node.id, []).append((premise, hyp))

    def _link(
        self, node: _Node, relation: str, premise: str, target: str, about: dict[str, Any]
    ) -> None:
        self._add_link(node, relation, self.case_id[premise], self.case_id[target], about)

    def _add_link(
        self, node: _Node, kind: str, start: str, end: str, about: dict[str, Any]
    ) -> None:
        given = plain(about.get("link"))
        link_id = (
            given
            if given and given not in self.link_ids.used and not self.links_of.get(node.id)
            else self.link_ids.make(f"L{len(self.links) + 1}", "L")
        )
        self.link_ids.used.add(link_id)
        self.places[("links", len(self.links))] = node.where()
        self.links.append({"id": link_id, "kind": kind, "from": start, "to": end})
        self.links_of[node.id].append(link_id)

    def _not_kept(self) -> None:
        counts: dict[str, int] = defaultdict(int)
        for node in self.nodes.values():
            if node.type in ("MA", "PA"):
                counts[node.type] += 1
        names = {"MA": "MA (rephrase)", "PA": "PA (preference)"}
        for kind, count in counts.items():
            self.notes.append(
                f"not kept: {count} {names[kind]} nodes; claimmap has no such relation"
            )
        dialogue = sum(1 for n in self.nodes.values() if n.type in ("L", "TA", "YA"))
        if dialogue:
            self.notes.append(
                f"read for speakers and hypotheses only: {dialogue} dialogue nodes (L, TA, YA)"
            )

    def place(self, loc: Loc) -> str | None:
        for n in range(len(loc), 1, -1):
            if loc[:n] in self.places:
                return self.places[loc[:n]]
        return None


def read_aif(data: bytes, filename: str, hypotheses: list[str] | None = None) -> MapImport:
    check_size(data, filename, "AIF")
    raw = _load(decode(data, filename), filename)
    reader = _Reader(raw, filename)
    if reader.problems:  # a broken graph: say everything wrong with it, build nothing
        from claimmap.formats.casefile_read import CaseFileError

        raise CaseFileError(filename, reader.problems)
    inodes = [n.id for n in reader.nodes.values() if n.type == "I"]
    named = named_hypotheses(hypotheses, inodes, filename, "I-node ids")
    doc = reader.build(named)
    counts = (
        f"{len(doc['hypotheses'])} hypotheses, {len(doc['evidence'])} evidence items, "
        f"{sum(len(e['ratings']) for e in doc['evidence'])} ratings, {len(doc['links'])} links, "
        f"{len(doc['sources'])} sources"
    )
    reader.notes.insert(0, f"made {counts}")
    doc["case"]["description"] = describe_import(filename, reader.notes)
    origin = {case_id: ("I", node) for node, case_id in reader.case_id.items()}
    return MapImport(finish(doc, filename, reader.problems, reader.place), reader.notes, origin)
