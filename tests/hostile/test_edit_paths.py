"""Every edit path leaves a case that exports and re-imports: analyst names and ids are
checked wherever they enter, and a clash is one clean message, never SQL."""

from __future__ import annotations

import pytest

from claimmap.formats.casefile_read import read_case_file
from claimmap.model.problems import InvalidDocument
from claimmap.store.case_store import Store


@pytest.fixture
def imported(cli, small_file) -> None:
    assert cli("import", str(small_file)).exit_code == 0


def _exports_cleanly(cli, tmp_path) -> None:
    out = tmp_path / "again.yaml"
    result = cli("export", "1", "-o", str(out))
    assert result.exit_code == 0, result.output
    read_case_file(out)


@pytest.mark.parametrize("name", ["Bob ", " Bob", "Bo\nb", "Bo\x1bb", "B" * 201, "", "H\u200d"])
def test_rate_as_an_unusable_analyst_is_refused_and_the_case_still_exports(
    cli, imported, tmp_path, name
):
    result = cli("rate", "1", "E1", "H1", "C", "--as", name)
    assert result.exit_code == 1
    assert "unexpected" not in result.output
    assert "analyst" in result.output
    assert len(result.output.strip().splitlines()) == 1
    assert cli("show", "1").exit_code == 0
    _exports_cleanly(cli, tmp_path)


def test_rate_as_a_plain_analyst_name_in_any_script_is_kept(cli, db, imported, tmp_path):
    if db.startswith("postgresql"):
        pytest.skip("on PostgreSQL the analyst is the login (tests/test_team.py)")
    assert cli("rate", "1", "E1", "H1", "II", "--as", "سارة", "--new-analyst").exit_code == 0
    out = tmp_path / "out.yaml"
    assert cli("export", "1", "-o", str(out)).exit_code == 0
    assert read_case_file(out).evidence[0].ratings_by["سارة"]["H1"].rating.value == "II"


@pytest.mark.parametrize(
    "args",
    [
        ("add", "1", "hypotheses", "id=E3", "label=x"),
        ("add", "1", "sources", "id=H1", "title=x"),
        ("add", "1", "links", "id=A1", "kind=support", "from=E1", "to=H1"),
        ("set", "1", "S1", "id=L1"),
        ("set", "1", "H1", "id=H2"),
        ("set", "1", "L1", "id=E2"),
        ("set", "1", "I1", "id=I1\u200d"),
        ("add", "1", "hypotheses", "id=H\u200d1", "label=x"),
        ("add", "1", "hypotheses", "id=Ｈ1", "label=x"),
    ],
)
def test_an_id_used_anywhere_in_the_case_is_refused_on_every_edit_path(
    cli, imported, tmp_path, args
):
    result = cli(*args)
    assert result.exit_code == 1, result.output
    assert "Integrity" not in result.output and "SQL" not in result.output
    assert "unexpected" not in result.output
    assert len(result.output.strip().splitlines()) == 1
    _exports_cleanly(cli, tmp_path)


def test_the_store_api_refuses_clashing_ids_and_names(store: Store, small_file):
    case = store.import_document(read_case_file(small_file)).id
    with pytest.raises(InvalidDocument, match=r"duplicate id .E3. \(first used at evidence"):
        store.add_item(case, "hypotheses", {"id": "E3", "label": "x"})
    with pytest.raises(InvalidDocument, match=r"duplicate id .H2. \(first used at hypotheses"):
        store.update_item(case, "H1", {"id": "H2"})
    with pytest.raises(InvalidDocument, match="analyst"):
        store.rate(case, "E1", "H1", "C", analyst="Bob ")
    store.update_item(case, "H1", {"id": "H9"})  # renaming to a free id still works
    assert [h.id for h in store.export_document(case).hypotheses] == ["H9", "H2", "H3"]


@pytest.mark.parametrize(
    ("old", "new", "complaint"),
    [
        ("- {id: H3,", '- {id: "H\\u200d1", label: twin}\n- {id: H3,', "U+200D"),
        ("  ratings: {H1: N,", '  ratings_by: {"Bo\\tb": {H1: N}}\n  ratings: {H1: N,', "U+0009"),
    ],
)
def test_case_files_refuse_invisible_characters_in_ids_and_analyst_names(
    tmp_path, small_file, old, new, complaint
):
    text = small_file.read_text(encoding="utf-8")
    assert old in text
    bad = tmp_path / "bad.yaml"
    bad.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(Exception) as caught:
        read_case_file(bad)
    assert complaint in str(caught.value)
