"""`claimmap export --format F` for the map and report formats: registered, written whole,
and nothing written when a renderer fails."""

from __future__ import annotations

import json
import shutil

import pytest

from claimmap.formats import registry

MINE = ["argdown", "dot", "svg", "png", "pdf", "graphml", "aif", "mermaid", "markdown", "html"]
NEEDS_DOT = {"svg", "png", "pdf"}


def test_every_map_and_report_format_is_registered():
    assert set(MINE) <= set(registry.EXPORTS)
    for name in MINE:
        fmt = registry.EXPORTS[name]
        assert fmt.suffix.startswith(".")
        assert fmt.binary == (name in ("png", "pdf"))


@pytest.mark.parametrize("name", MINE)
def test_export_writes_the_format_to_a_file(cli, small_file, tmp_path, name):
    if name in NEEDS_DOT and shutil.which("dot") is None:
        pytest.skip("Graphviz dot is not installed")
    assert cli("import", str(small_file)).exit_code == 0
    target = tmp_path / f"out{registry.EXPORTS[name].suffix}"
    result = cli("export", "1", "--format", name, "-o", str(target))
    assert result.exit_code == 0, result.output
    data = target.read_bytes()
    assert data
    if not registry.EXPORTS[name].binary:
        assert "The cat" in data.decode("utf-8")  # a hypothesis label of the small case
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".out")] == []


def test_aif_goes_to_standard_output(cli, small_file):
    cli("import", str(small_file))
    result = cli("export", "1", "--format", "aif", "-o", "-")
    assert result.exit_code == 0
    aif = json.loads(result.output)
    assert {n["type"] for n in aif["nodes"]} == {"I", "RA", "CA", "L", "YA"}


def test_a_failing_renderer_leaves_no_file(cli, small_file, tmp_path, monkeypatch):
    cli("import", str(small_file))
    target = tmp_path / "map.graphml"
    target.write_text("the previous export", encoding="utf-8")

    def broken(doc):
        raise RuntimeError("renderer failed half way")

    monkeypatch.setattr("claimmap.formats.export_graphml.render_graphml", broken)
    result = cli("export", "1", "--format", "graphml", "-o", str(target))
    assert result.exit_code == 1
    assert "renderer failed half way" in result.output
    assert target.read_text(encoding="utf-8") == "the previous export"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith((".map", "map"))) == [
        "map.graphml"
    ]


def test_control_characters_and_non_characters_are_dropped_everywhere():
    import io

    import html5lib
    import networkx as nx
    from export_tools import nasty_case

    dirty = "bell\x07 null\x00 escape\x1b[31m nonchar\ufdd0\U0010fffe end"
    doc = nasty_case([dirty])
    clean_text = "bell null escape[31m nonchar end"
    graph = nx.read_graphml(io.BytesIO(registry.EXPORTS["graphml"].render(doc)))
    assert graph.nodes["E0"]["text"] == clean_text
    html5lib.HTMLParser(strict=True).parse(registry.EXPORTS["html"].render(doc))
    aif = json.loads(registry.EXPORTS["aif"].render(doc))
    assert clean_text in {n["text"] for n in aif["nodes"]}
    for name in ("argdown", "dot", "mermaid", "markdown"):
        out = registry.EXPORTS[name].render(doc).decode("utf-8")
        assert not any(ch in out for ch in "\x07\x00\x1b\ufdd0\U0010fffe"), name


def test_the_export_modules_stay_in_the_formats_layer():
    import subprocess
    import sys

    modules = [registry.EXPORTS[name].target.partition(":")[0] for name in MINE]
    code = (
        "import sys\n"
        + "".join(f"import {m}\n" for m in modules)
        + "bad = [m for m in sys.modules if m.split('.')[0] in ('textual', 'click') "
        "or m.startswith(('claimmap.store', 'claimmap.cli', 'claimmap.tui'))]\n"
        "print(','.join(sorted(bad)))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
    assert len(set(modules)) == 7  # every renderer module was imported


DEGENERATE = [
    {"format": "claimmap/1", "case": {"title": "Empty", "question": "Nothing yet?"}},
    {
        "format": "claimmap/1",
        "case": {"title": "One claim", "question": "Q"},
        "hypotheses": [{"id": "H1", "label": "the only one"}],
    },
    {
        "format": "claimmap/1",
        "case": {"title": "No claims", "question": "Q"},
        "evidence": [{"id": "E1", "summary": "an item", "ratings": {}}],
    },
]


@pytest.mark.parametrize("data", DEGENERATE, ids=lambda d: d["case"]["title"])
def test_degenerate_cases_export_and_read_back(data, tmp_path):
    import io

    import html5lib
    import networkx as nx
    from export_tools import argdown_json

    from claimmap.model.document import CaseDocument

    doc = CaseDocument.model_validate(data)
    ids = {h.id for h in doc.hypotheses} | {e.id for e in doc.evidence}
    parsed = argdown_json(registry.EXPORTS["argdown"].render(doc).decode(), tmp_path)
    assert set(parsed["statements"]) == ids and parsed["relations"] == []
    graph = nx.read_graphml(io.BytesIO(registry.EXPORTS["graphml"].render(doc)))
    assert set(graph.nodes) == ids
    html5lib.HTMLParser(strict=True).parse(registry.EXPORTS["html"].render(doc))
    aif = json.loads(registry.EXPORTS["aif"].render(doc))
    assert {n["type"] for n in aif["nodes"]} <= {"I", "L", "YA"}  # no RA or CA
    if shutil.which("dot"):
        assert registry.EXPORTS["svg"].render(doc).startswith(b"<?xml")
