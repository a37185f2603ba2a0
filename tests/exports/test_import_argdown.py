"""Argdown in: real maps from the Argdown repository, checked against what the Argdown CLI
reports for them; claimmap's own export back in; bad documents refused with nothing stored."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from export_tools import NASTY, REPO, SAMPLES, argdown_json, nasty_case, norm, require, sample

from claimmap.formats import argdown_cli
from claimmap.formats.argdown_read import case_from_argdown, read_argdown
from claimmap.formats.casefile_matrix import matrix_from_document
from claimmap.formats.casefile_read import CaseFileError
from claimmap.formats.export_argdown import render_argdown
from claimmap.scoring.report import score_report

FIXTURES = REPO / "tests" / "fixtures" / "argdown"
REAL = sorted(p for p in FIXTURES.glob("*.argdown") if p.name != "lexer-relations.argdown")
SIGN = {"support": 1, "entails": 1, "attack": -1, "contrary": -1, "contradictory": -1}
VALUE = {"CC": 2, "C": 1, "N": 0, "I": -1, "II": -2}


def cli_model(path: Path, tmp_path: Path) -> dict[str, Any]:
    return argdown_json(path.read_text(encoding="utf-8"), tmp_path, path.stem)


def conclusions(model: dict[str, Any]) -> set[str]:
    """The default hypotheses, worked out here from the CLI's JSON: statements that receive a
    relation or are an argument's main conclusion, minus premises and minus, repeatedly, any
    that relate to something outside the set."""
    rels = model["relations"]
    receives = {r["to"] for r in rels if r["toType"] == "equivalence-class"}
    premises = set()
    for arg in model["arguments"].values():
        for step in arg.get("pcs") or []:
            (receives if step["role"] == "main-conclusion" else premises).add(step["title"])
    chosen = receives - premises
    changed = True
    while changed:
        changed = False
        for r in rels:
            outside = r["toType"] != "equivalence-class" or r["to"] not in chosen
            if r["fromType"] == "equivalence-class" and r["from"] in chosen and outside:
                chosen.discard(r["from"])
                changed = True
    return chosen


def statement_text(eq: dict[str, Any]) -> str:
    for member in eq["members"]:
        if (member.get("text") or "").strip():
            return str(member["text"]).strip()
    return str(eq["title"])


@pytest.mark.parametrize("path", REAL, ids=[p.stem for p in REAL])
def test_real_map_matches_what_the_argdown_cli_reports(path: Path, tmp_path: Path) -> None:
    model = cli_model(path, tmp_path)
    result = case_from_argdown(model, path.name)
    doc = result.doc
    statements = model["statements"]
    expected = conclusions(model)
    assert {result.origin[h.id][1] for h in doc.hypotheses} == expected
    # Every statement is exactly one hypothesis or evidence item, with its text.
    by_title = {name: i for i, (kind, name) in result.origin.items() if kind == "statement"}
    assert set(by_title) == set(statements)
    texts = {h.id: h.statement or h.label for h in doc.hypotheses}
    texts |= {ev.id: ev.summary for ev in doc.evidence}
    for title, eq in statements.items():
        assert texts[by_title[title]] == statement_text(eq)
    # Every relation between two statements is a rating (into a hypothesis) or a link,
    # pointing the same way and with the same sign.
    evidence = {ev.id: ev for ev in doc.evidence}
    links = {(ln.from_, ln.to, ln.kind.value) for ln in doc.links}
    for r in model["relations"]:
        if r["fromType"] != "equivalence-class" or r["toType"] != "equivalence-class":
            continue
        start, end = by_title[r["from"]], by_title[r["to"]]
        sign = SIGN[r["relationType"]]
        if r["to"] in expected and r["from"] not in expected:
            assert VALUE[evidence[start].ratings[end].rating.value] * sign > 0, r
        else:
            assert (start, end, "support" if sign > 0 else "attack") in links, r
    # Arguments: each is one link (titled by it) or one evidence item; nothing else appears.
    by_argument = {name: i for i, (kind, name) in result.origin.items() if kind == "argument"}
    assert set(by_argument) == set(model["arguments"])
    kinds = {ln.id for ln in doc.links}
    for title, case_id in by_argument.items():
        assert (case_id in kinds) != (case_id in evidence), title
    assert len(doc.hypotheses) + len(doc.evidence) == len(statements) + len(
        [i for i in by_argument.values() if i in evidence]
    )
    assert result.notes[0].startswith(f"made {len(doc.hypotheses)} hypotheses")
    if doc.hypotheses:
        report = score_report(matrix_from_document(doc), draws=20)
        assert set(report["hypotheses"]) == {h.id for h in doc.hypotheses}


def test_tag_and_option_choose_the_hypotheses(tmp_path: Path) -> None:
    text = (
        "[Rain]: It rained last night. #hypothesis\n\n"
        "[Sprinkler]: The sprinkler ran. #hypothesis\n\n"
        "[Wet]: The lawn is wet.\n  +> [Rain]\n  +> [Sprinkler]\n\n"
        "[Dry road]: The road is dry.\n  -> [Rain]\n"
    )
    model = argdown_json(text, tmp_path)
    tagged = case_from_argdown(model, "lawn.argdown").doc
    assert [h.label for h in tagged.hypotheses] == ["Rain", "Sprinkler"]
    ratings = {
        ev.summary: {h: c.rating.value for h, c in ev.ratings.items()} for ev in tagged.evidence
    }
    assert [h.id for h in tagged.hypotheses] == ["H1", "H2"]  # short ids for the matrix
    assert ratings["The lawn is wet."] == {"H1": "C", "H2": "C"}
    assert ratings["The road is dry."] == {"H1": "I"}
    named = case_from_argdown(model, "lawn.argdown", ["Wet"])
    assert [h.label for h in named.doc.hypotheses] == ["Wet"]
    assert "named with --hypotheses" in named.notes[1]
    with pytest.raises(CaseFileError, match="'Snow'"):
        case_from_argdown(model, "lawn.argdown", ["Snow"])


def test_strong_relations_give_strong_ratings(tmp_path: Path) -> None:
    # In Argdown's strict mode statement-to-statement `+>` is entailment and `><`
    # contradiction: logical relations, rated CC and II.
    text = (
        "===\nmodel:\n  mode: strict\n===\n\n"
        "[H]: The vase fell. #hypothesis\n\n"
        "[Shards]: There are shards on the floor.\n  +> [H]\n\n"
        "[Intact]: The vase is intact on its stand.\n  >< [H]\n"
    )
    model = argdown_json(text, tmp_path)
    kinds = {r["relationType"] for r in model["relations"]}
    assert kinds == {"entails", "contradictory"}
    doc = case_from_argdown(model, "vase.argdown").doc
    ratings = {ev.summary: ev.ratings["H1"].rating.value for ev in doc.evidence if ev.ratings}
    assert ratings == {
        "There are shards on the floor.": "CC",
        "The vase is intact on its stand.": "II",
    }


def relations(model: dict[str, Any]) -> set[tuple[str, str, str]]:
    return {(r["from"], r["to"], r["relationType"]) for r in model["relations"]}


@pytest.mark.parametrize("name", [p.stem for p in SAMPLES])
def test_own_export_round_trips(name: str, tmp_path: Path) -> None:
    original = sample(name)
    first_text = render_argdown(original)
    first = argdown_json(first_text, tmp_path, "first")
    doc = case_from_argdown(first, "first.argdown").doc
    # The case itself comes back: every cell of every analyst, rationales, flags, sources.
    assert [(e.id, e.ratings, e.ratings_by, e.flags, e.source) for e in doc.evidence] == [
        (e.id, e.ratings, e.ratings_by, e.flags, e.source) for e in original.evidence
    ]
    assert [(h.id, h.label, h.statement, h.prior) for h in doc.hypotheses] == [
        (h.id, h.label, h.statement, h.prior) for h in original.hypotheses
    ]
    second = argdown_json(render_argdown(doc), tmp_path, "second")
    assert relations(second) == relations(first)
    assert set(second["statements"]) == set(first["statements"])
    assert set(second["arguments"]) == set(first["arguments"])
    texts = {t: statement_text(eq) for t, eq in first["statements"].items()}
    assert {t: statement_text(eq) for t, eq in second["statements"].items()} == texts


def test_text_in_any_script_comes_back(tmp_path: Path) -> None:
    doc = nasty_case(NASTY)
    first = argdown_json(render_argdown(doc), tmp_path, "first")
    back = case_from_argdown(first, "nasty.argdown").doc
    assert [(h.id, h.label, h.statement) for h in back.hypotheses] == [
        (h.id, norm(h.label), norm(h.statement)) for h in doc.hypotheses
    ]  # an Argdown statement is one line: runs of white space come back as one space
    assert {e.id: e.summary for e in back.evidence} == {e.id: norm(e.summary) for e in doc.evidence}
    second = argdown_json(render_argdown(back), tmp_path, "second")
    assert relations(second) == relations(first)


def test_syntax_error_names_file_and_line(tmp_path: Path) -> None:
    require(argdown_cli.argdown_program(), "the Argdown CLI")
    path = FIXTURES / "lexer-relations.argdown"
    with pytest.raises(CaseFileError) as caught:
        read_argdown(path.read_bytes(), str(path))
    rendered = caught.value.render()
    assert rendered.startswith(f"{path}: column 1 (line 1): Argdown syntax error: Invalid relation")


def test_missing_cli_says_what_to_install(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("CLAIMMAP_NODE_MODULES", str(tmp_path))
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(CaseFileError, match=r"npm install -g @argdown/cli@1\.7\.5"):
        read_argdown(b"[A]: a", "a.argdown")


def test_self_support_is_refused_with_its_place(tmp_path: Path) -> None:
    model = argdown_json("[A]: a claim\n  +> [A]\n\n[B]: b\n  +> [A]\n", tmp_path)
    with pytest.raises(CaseFileError) as caught:
        case_from_argdown(model, "loop.argdown", ["B"])
    assert "[A] (line 1)" in caught.value.render()
    assert "cannot point at itself" in caught.value.render()


def test_huge_file_refused_before_parsing() -> None:
    with pytest.raises(CaseFileError, match="maps are read up to 16 MiB"):
        read_argdown(b"x" * (17 * 1024 * 1024), "big.argdown")
