"""AIF in: claimmap's own export back in, a hand-built AIFdb map worked out by hand, the
published ARG-tech ACH maps (when CLAIMMAP_AIF_MAPS points at them; they carry no licence,
see tests/fixtures/README.md), and bad maps refused with nothing stored."""

from __future__ import annotations

import json
import os
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest
from export_tools import NASTY, SAMPLES, nasty_case, norm, sample

from claimmap.formats.aif_read import read_aif
from claimmap.formats.casefile_matrix import matrix_from_document
from claimmap.formats.casefile_read import CaseFileError
from claimmap.formats.export_aif import render_aif
from claimmap.scoring.report import score_report
from claimmap.store.case_store import Store

SIGN = {"CC": 1, "C": 1, "I": -1, "II": -1}


def signed_ratings(doc: Any) -> set[tuple[str, str, int]]:
    return {
        (ev.id, h, SIGN[c.rating.value])
        for ev in doc.evidence
        for h, c in ev.ratings.items()
        if c.rating.value in SIGN
    }


@pytest.mark.parametrize("path", SAMPLES, ids=[p.stem for p in SAMPLES])
def test_own_export_reads_back_to_the_same_case(path: Path) -> None:
    doc = sample(path.stem)
    back = read_aif(render_aif(doc).encode(), "back.json").doc
    assert [(h.id, h.label, h.statement) for h in back.hypotheses] == [
        (h.id, h.label, h.statement) for h in doc.hypotheses
    ]
    kept = [e for e in doc.evidence if not any(f.value == "retracted" for f in e.flags)]
    assert {(e.id, e.summary) for e in back.evidence} >= {(e.id, e.summary) for e in kept}
    titles = {s.id: s.title for s in doc.sources}
    back_titles = {s.id: s.title for s in back.sources}
    for ev in back.evidence:
        original = next(e for e in doc.evidence if e.id == ev.id)
        assert (back_titles.get(ev.source or ""), ev.source) == (
            titles.get(original.source or ""),
            original.source if original.source else None,
        )
    # Every rating with a direction comes back with its code (CC stays CC); N and NA have
    # no AIF node and do not.
    directed = {
        (e.id, h, c.rating.value)
        for e in kept
        for h, c in e.ratings.items()
        if c.rating.value in SIGN and not e.ratings_by
    }
    back_cells = {(e.id, h, c.rating.value) for e in back.evidence for h, c in e.ratings.items()}
    assert directed <= back_cells
    assert {(ln.id, ln.kind, ln.from_, ln.to) for ln in back.links} == {
        (ln.id, ln.kind, ln.from_, ln.to) for ln in doc.links
    }


def test_text_in_any_script_comes_back() -> None:
    doc = nasty_case(NASTY)
    back = read_aif(render_aif(doc).encode(), "nasty.json").doc
    assert [(h.id, h.label, h.statement) for h in back.hypotheses] == [
        (h.id, norm(h.label), norm(h.statement)) for h in doc.hypotheses
    ]  # AIF text is one line: runs of white space come back as one space
    assert {e.id: e.summary for e in back.evidence} == {e.id: norm(e.summary) for e in doc.evidence}
    assert [s.title for s in back.sources] == [norm(s.title) for s in doc.sources]


def aifdb_map() -> dict[str, Any]:
    """A small map in AIFdb's own shape: two hypotheses marked by YA Hypothesising, evidence
    asserted by a speaker, a linked RA with two premises, a CA, a chain, an undercut, an MA."""

    def n(node_id: int, kind: str, text: str) -> dict[str, Any]:
        return {"nodeID": node_id, "text": text, "type": kind, "timestamp": "2021-11-09 22:25:48"}

    nodes = [
        n(1, "I", "The lab leaked the virus."),
        n(2, "I", "The virus came from animals."),
        n(3, "I", "The lab moved in December."),
        n(4, "I", "Moves disrupt labs."),
        n(5, "I", "No staff fell ill."),
        n(6, "I", "Bats carry related viruses."),
        n(7, "I", "Sampling found bat viruses."),
        n(8, "I", "The sampling was biased."),
        n(9, "I", "Bat viruses are common."),
        n(10, "RA", "Default Inference"),  # 3 + 4 -> 1
        n(11, "CA", "Default Conflict"),  # 5 -> 1
        n(12, "RA", "Default Inference"),  # 6 -> 2
        n(13, "RA", "Default Inference"),  # 7 -> 6 (a chain: a link)
        n(14, "CA", "Default Conflict"),  # 8 -> RA 13 (an undercut of a link)
        n(15, "MA", "Default Rephrase"),  # 9 -> 6
        n(20, "L", "Dr Ben : No staff fell ill."),
        n(21, "YA", "Asserting"),
        n(22, "L", "X : The lab leaked the virus."),
        n(23, "YA", "Hypothesising"),
        n(24, "L", "X : The virus came from animals."),
        n(25, "YA", "Hypothesising"),
    ]
    pairs = [
        (3, 10), (4, 10), (10, 1), (5, 11), (11, 1), (6, 12), (12, 2), (7, 13), (13, 6),
        (8, 14), (14, 13), (9, 15), (15, 6), (20, 21), (21, 5), (22, 23), (23, 1), (24, 25),
        (25, 2),
    ]  # fmt: skip
    edges = [{"edgeID": i, "fromID": a, "toID": b} for i, (a, b) in enumerate(pairs, 1)]
    return {"nodes": nodes, "edges": edges, "locutions": []}


def test_aifdb_map_worked_by_hand() -> None:
    result = read_aif(json.dumps(aifdb_map()).encode(), "origins.json")
    doc = result.doc
    assert [h.label for h in doc.hypotheses] == [
        "The lab leaked the virus.",
        "The virus came from animals.",
    ]
    h1, h2 = (h.id for h in doc.hypotheses)
    by_text = {e.summary: e for e in doc.evidence}
    ratings = {t: {h: c.rating.value for h, c in e.ratings.items()} for t, e in by_text.items()}
    assert ratings["The lab moved in December."] == {h1: "C"}
    assert ratings["Moves disrupt labs."] == {h1: "C"}
    assert ratings["No staff fell ill."] == {h1: "I"}
    assert ratings["Bats carry related viruses."] == {h2: "C"}
    assert ratings["Sampling found bat viruses."] == {}
    chain = [ln for ln in doc.links if ln.kind.value == "support"]
    assert [(ln.from_, ln.to) for ln in chain] == [
        (by_text["Sampling found bat viruses."].id, by_text["Bats carry related viruses."].id)
    ]
    (undercut,) = [ln for ln in doc.links if ln.kind.value == "undercut"]
    assert (undercut.from_, undercut.to) == (by_text["The sampling was biased."].id, chain[0].id)
    assert len(doc.links) == 2
    (source,) = doc.sources
    assert source.title == "Dr Ben" and by_text["No staff fell ill."].source == source.id
    assert any("1 MA (rephrase)" in note for note in result.notes)
    assert "YA 'Hypothesising'" in result.notes[1]
    report = score_report(matrix_from_document(doc), draws=20)
    assert set(report["hypotheses"]) == {h1, h2}


def refused(data: bytes, tmp_path: Path) -> str:
    """Import `data` through the command line's path: refused, and nothing stored."""
    path = tmp_path / "map.json"
    path.write_bytes(data)
    store = Store.open(str(tmp_path / "db.sqlite"), who="tester")
    from claimmap.formats import registry

    with pytest.raises(CaseFileError) as caught:
        store.import_document(registry.read_path(str(path), "aif"))
    assert store.list_cases() == []
    return caught.value.render()


def test_dangling_edge_is_refused_with_its_place(tmp_path: Path) -> None:
    data = aifdb_map()
    data["edges"].append({"edgeID": 99, "fromID": 3, "toID": 777})
    message = refused(json.dumps(data).encode(), tmp_path)
    assert message == (
        f"{tmp_path / 'map.json'}: edges[19]: toID 777 is not a node of the map (dangling edge)"
    )


def test_cycle_of_undercuts_is_refused(tmp_path: Path) -> None:
    data = aifdb_map()
    data["nodes"].append({"nodeID": 30, "text": "Default Conflict", "type": "CA"})
    data["edges"] += [
        {"edgeID": 50, "fromID": 9, "toID": 30},
        {"edgeID": 51, "fromID": 30, "toID": 14},
        {"edgeID": 52, "fromID": 14, "toID": 30},
    ]
    assert "target each other in a cycle" in refused(json.dumps(data).encode(), tmp_path)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"\x89PNG\r\n", "not UTF-8 text"),
        (b"{'nodes': }", "not valid JSON"),
        (b'{"format": "claimmap/1"}', "not an AIF map"),
        (b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
        (b'{"nodes": [{"nodeID": 1, "type": "I", "text": "a"}, '
         b'{"nodeID": 1, "type": "RA", "text": "b"}], "edges": []}', "used twice"),
    ],
)  # fmt: skip
def test_bad_aif_is_refused(data: bytes, message: str, tmp_path: Path) -> None:
    assert message in refused(data, tmp_path)


def test_huge_map_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "map.json"
    with path.open("wb") as out:
        out.truncate(60 * 1024 * 1024)  # a sparse 60 MiB file
    message = refused_path(path, tmp_path)
    assert "maps are read up to 16 MiB" in message


def refused_path(path: Path, tmp_path: Path) -> str:
    from claimmap.formats import registry

    with pytest.raises(CaseFileError) as caught:
        registry.read_path(str(path), "aif")
    return caught.value.render()


REAL = Path(os.environ.get("CLAIMMAP_AIF_MAPS", "/nonexistent"))


def independent_counts(data: dict[str, Any]) -> dict[str, int]:
    """From the node and edge lists alone: hypotheses (targets of YA Hypothesising), and
    the (premise, hypothesis) pairs of RA and CA nodes into them."""
    nodes = {str(n["nodeID"]): n for n in data["nodes"]}
    outs, ins = defaultdict(set), defaultdict(set)
    for e in data["edges"]:
        outs[str(e["fromID"])].add(str(e["toID"]))
        ins[str(e["toID"])].add(str(e["fromID"]))
    hyps = {
        t
        for n, node in nodes.items()
        if node["type"] == "YA" and node["text"] == "Hypothesising"
        for t in outs[n]
    }
    rated = {
        (p, h)
        for s, node in nodes.items()
        if node["type"] in ("RA", "CA")
        for h in outs[s] & hyps
        for p in ins[s]
        if nodes[p]["type"] == "I" and p not in hyps
    }
    inodes = [n for n, node in nodes.items() if node["type"] == "I"]
    return {"hypotheses": len(hyps), "evidence": len(inodes) - len(hyps), "ratings": len(rated)}


@pytest.mark.parametrize("name", ["covidorigins.json", "corp_esp.json"])
def test_published_ach_maps(name: str) -> None:
    path = REAL / name
    if not path.exists():
        pytest.skip(f"{name}: set CLAIMMAP_AIF_MAPS (tests/fixtures/README.md says where from)")
    data = json.loads(path.read_text(encoding="utf-8"))
    expected = independent_counts(data)
    doc = read_aif(path.read_bytes(), name).doc
    rated = sum(len(e.ratings) for e in doc.evidence)
    assert (len(doc.hypotheses), len(doc.evidence), rated) == (
        expected["hypotheses"],
        expected["evidence"],
        expected["ratings"],
    )
    report = score_report(matrix_from_document(doc), draws=20)
    assert set(report["hypotheses"]) == {h.id for h in doc.hypotheses}
