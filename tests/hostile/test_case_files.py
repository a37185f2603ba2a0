"""Case files and typed values refuse what they do not mean, with the file, place and line."""

from __future__ import annotations

import pytest

from claimmap.formats.casefile_read import parse_case_text
from claimmap.model.problems import InvalidDocument
from tests.conftest import SMALL_CASE

S1 = "- {id: S1, title: Neighbour's account, kind: local, reliability: C}"
S2 = "- {id: S2, title: Window sensor log, kind: official, reliability: A}"
H1 = "- {id: H1, label: The cat, statement: The cat knocked it over.}"
H2 = "- {id: H2, label: The wind,"
L1 = "- {id: L1, kind: support, from: E1, to: H1}"
CRED = "  credibility: 3\n"

BROKEN = {
    "prior: true": (H1, "- {id: H1, prior: true, label: The cat}", "hypotheses[0].prior (line 7)"),
    "python name from_": (L1, "- {id: L1, kind: support, from_: E1, to: H1}", "links[0].from_"),
    "merge key": (S2, "- {<<: {kind: official}, id: S2, title: Log}", "(line 12): YAML merge keys"),
    "binary tag": ("tags: [household]", "tags: [!!binary aGVsbG8=]", "(line 5): YAML tag !!binary"),
    "set tag": ("tags: [household]", "tags: !!set {household}", "(line 5): YAML tag !!set"),
    "python tag": ("tags: [household]", "tags: [!!python/name:os.system x]", "(line 5): YAML tag"),
    "impossible date": (
        CRED,
        CRED + "  date: 2020-02-30\n",
        "(line 18): not valid YAML: '2020-02-30'",
    ),
    "impossible time": (CRED, CRED + "  date: 2020-01-01 25:00:00\n", "(line 18): not valid YAML"),
    "huge integer": (
        CRED,
        "  credibility: " + "9" * 5000 + "\n",
        "(line 17): not valid YAML: '9999",
    ),
    "duplicate relation": (
        H1,
        "- {id: H1, label: c, relations: [{kind: subsumes, target: H2}, {kind: subsumes, target: H2}]}",
        "hypotheses[0].relations[1].target (line 7): H1 subsumes H2 is listed twice",
    ),
    "subsumes cycle": (
        H1,
        "- {id: H1, label: c, relations: [{kind: subsumes, target: H3}]}\n"
        "- {id: H9, label: d, relations: [{kind: subsumes, target: H1}]}",
        "subsumes relations form a cycle: H1 → H3 → H2 → H9 → H1",
    ),
    "undercut cycle": (
        L1,
        "- {id: L1, kind: undercut, from: E1, to: L2}",
        "undercut links form a cycle: L1 → L2 → L1",
    ),
    "zero-width id": (
        S1,
        S1 + '\n- {id: "S\\u200d1", title: twin}',
        "contains an invisible character (U+200D)",
    ),
    "full-width id": (
        S1,
        S1 + "\n- {id: Ｓ1, title: twin}",
        "uses look-alike characters; write it as 'S1'",
    ),
}


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_a_case_file_that_does_not_mean_what_it_says_is_refused(name):
    old, new, expected = BROKEN[name]
    if name == "subsumes cycle":
        new += "\n"
        text = SMALL_CASE.replace(
            "- {id: H3, label: The child,",
            "- {id: H3, relations: [{kind: subsumes, target: H2}], label: The child,",
        ).replace(H2, "- {id: H2, relations: [{kind: subsumes, target: H9}], label: The wind,")
    else:
        text = SMALL_CASE
    assert old in text
    with pytest.raises(InvalidDocument) as caught:
        parse_case_text(text.replace(old, new, 1))
    assert expected in str(caught.value)


def test_validate_reports_cycles_with_file_place_and_line(cli, tmp_path):
    path = tmp_path / "ring.yaml"
    path.write_text(SMALL_CASE.replace(L1, "- {id: L1, kind: undercut, from: E1, to: L2}"), "utf-8")
    result = cli("validate", str(path))
    assert result.exit_code == 1
    assert f"{path}: links[0].to (line 35): undercut links form a cycle" in result.output


@pytest.fixture
def imported(cli, small_file):
    assert cli("import", str(small_file)).exit_code == 0


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("add", "1", "hypotheses", "id=007", "label=Bond"), "007"),
        (("add", "1", "evidence", "id=E9", "summary=2020"), "2020"),
    ],
)
def test_all_digit_values_typed_on_the_command_line_stay_text(cli, imported, args, expected):
    result = cli(*args)
    assert result.exit_code == 0, result.output
    assert expected in cli("show", "1").output


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("set", "1", "E1", "credibility=²"), "credibility"),
        (("set", "1", "E1", "date=2020-02-30"), "date"),
        (("set", "1", "A1", "hypotheses=[&a H1, *a]"), "aliases"),
        (("set", "1", "A1", "hypotheses=[!!binary aGVsbG8=]"), "!!binary"),
        (("set", "1", "A1", "hypotheses=[2020-02-30]"), "2020-02-30"),
        (("set", "1", "A1", "hypotheses=[H1"), "hypotheses"),
        (("set", "1", "H1", "prior=true"), "prior"),
        (("set", "1", "A1", "hypotheses=[H1, H1]"), "'H1' is listed twice"),
        (("set", "1", "L1", "from_=E2"), "from_"),
    ],
)
def test_odd_command_line_values_get_one_clean_message(cli, imported, args, expected):
    result = cli(*args)
    assert result.exit_code != 0
    assert "unexpected" not in result.output and "Traceback" not in result.output
    assert expected in result.output
