"""From an empty database to a judged case on the command line: `new`, `add` with singular
kinds and free ids, `set CASE case|judgement|teaching`, and `show`/`score` printing the
judgement beside the ranking."""

from __future__ import annotations

import datetime as dt
import json


def test_a_new_case_from_nothing_to_a_judgement(cli):
    made = cli("new", "Who broke the vase? من كسر المزهرية؟", "--question", "Who?", "-t", "home")
    assert made.exit_code == 0, made.output
    assert made.output.startswith("created 'who-broke-the-vase-من-كسر-المزهرية' (id 1)")
    assert cli("add", "1", "hypothesis", "label=The cat").output == "added hypothesis H1\n"
    assert cli("add", "1", "hypotheses", "label=The wind").output == "added hypothesis H2\n"
    assert cli("add", "1", "source", "title=Neighbour").output == "added source S1\n"
    added = cli("add", "1", "evidence", "summary=Cat hair", "source=S1", "ratings={H1: C, H2: I}")
    assert added.output == "added evidence E1\n"
    judged = cli(
        "set",
        "1",
        "judgement",
        "bottom_line=The wind did it",
        "hypothesis=H2",
        "likelihood=very likely",
        "confidence=moderate",
        "basis=A draught was felt",
    )
    assert judged.exit_code == 0, judged.output
    exported = json.loads(cli("export", "1", "-f", "json").output)
    assert exported["judgement"] == {
        "bottom_line": "The wind did it",
        "hypothesis": "H2",
        "likelihood": "very likely",
        "confidence": "moderate",
        "basis": "A draught was felt",
        "date": dt.date.today().isoformat(),
    }
    shown = cli("show", "1").output
    assert "H2 The wind is very likely (80–95 %), moderate confidence" in shown
    # Inconsistency by hand: H1 has nothing against it, H2 one I. Every method puts H1 first.
    scored = cli("score", "1", "--draws", "0").output
    assert "You judged H2 most likely; every method ranks H1 first." in scored
    report = json.loads(cli("score", "1", "--draws", "0", "--json").output)
    assert report["judgement"]["differs"] is True
    assert report["judgement"]["hypothesis"] == "H2"


def test_case_fields_and_teaching_notes_are_set_on_the_command_line(cli):
    cli("new", "Draft")
    changed = cli("set", "draft", "case", "title=1984", "tags=a, b", "description=Line one")
    assert changed.output == "changed title, description, tags of 'draft'\n"
    cli("set", "draft", "teaching", "learning_goals=Spot the decisive item", "notes=Ten minutes")
    data = json.loads(cli("export", "draft", "-f", "json").output)
    assert data["case"] == {
        "slug": "draft",
        "title": "1984",  # text stays text
        "description": "Line one",
        "tags": ["a", "b"],
    }
    assert data["teaching"] == {
        "learning_goals": ["Spot the decisive item"],
        "notes": "Ten minutes",
    }
    assert cli("set", "draft", "case", "title=1984").output == "nothing changed\n"
    assert "undone: edit case teaching" in cli("undo", "draft").output


def test_the_judgement_is_cleared_and_restored(cli):
    cli("new", "Vase")
    cli("add", "vase", "hypothesis", "label=Cat")
    cli("set", "vase", "judgement", "bottom_line=Cat", "likelihood=likely", "confidence=low")
    cleared = cli("set", "vase", "judgement", "--clear")
    assert cleared.output == "removed the judgement of 'vase'; `claimmap undo` restores it\n"
    assert "judgement" not in json.loads(cli("export", "vase", "-f", "json").output)
    cli("undo", "vase")
    assert json.loads(cli("export", "vase", "-f", "json").output)["judgement"]["bottom_line"] == (
        "Cat"
    )


def test_bad_case_edits_are_one_line_and_change_nothing(cli):
    cli("new", "Vase")
    bad = cli("set", "vase", "judgement", "bottom_line=x", "likelihood=probable", "confidence=low")
    assert bad.exit_code == 1
    assert bad.output.startswith("judgement.likelihood: 'probable' is not one of")
    assert len(bad.output.strip().splitlines()) == 1
    unknown = cli(
        "set",
        "vase",
        "judgement",
        "bottom_line=x",
        "hypothesis=H9",
        "likelihood=likely",
        "confidence=low",
    )
    assert "unknown hypothesis 'H9'" in unknown.output and unknown.exit_code == 1
    empty = cli("set", "vase", "case", "title=")
    assert empty.exit_code == 1 and "case.title: cannot be empty" in empty.output
    assert cli("set", "vase", "case", "--clear").exit_code == 2
    assert cli("set", "vase", "judgement").exit_code == 2
    assert cli("new", "").exit_code == 1
    assert "judgement" not in json.loads(cli("export", "vase", "-f", "json").output)


def test_new_with_open_opens_the_case_as_open_does(cli):
    # Not a terminal here, so `open` (and `new --open`) print the case instead.
    made = cli("new", "Vase", "--question", "Who broke it?", "--open")
    assert made.exit_code == 0, made.output
    assert "created 'vase'" in made.output
    assert "Question:\n  Who broke it?" in made.output
    assert "Judgement: none written yet" in made.output
