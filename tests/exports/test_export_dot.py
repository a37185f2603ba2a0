"""DOT, SVG, PNG and PDF, drawn by the real Graphviz `dot`, which must not warn."""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx
import pytest
from export_tools import NASTY, REPO, dot, nasty_case, norm, rating_relations, sample, texts
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimmap.formats.argument_graph import build_argument_graph
from claimmap.formats.casefile_matrix import matrix_from_document
from claimmap.formats.export_dot import (
    COLORS,
    MAX_DRAWN,
    TITLE_WIDTH,
    drawing_graph,
    graph_to_dot,
    render_dot,
)
from claimmap.formats.registry import EXPORTS
from claimmap.model.document import CaseDocument
from claimmap.scoring.report import score_report

SVG = "{http://www.w3.org/2000/svg}"
XLINK = "{http://www.w3.org/1999/xlink}"


def draw(source: str, fmt: str = "svg") -> bytes:
    done = subprocess.run([dot(), f"-T{fmt}"], input=source.encode(), capture_output=True)
    assert done.returncode == 0, done.stderr
    assert done.stderr == b"", done.stderr.decode()  # no warnings
    return done.stdout


def svg_parts(svg: bytes) -> tuple[dict[str, ET.Element], dict[str, ET.Element]]:
    root = ET.fromstring(svg)
    groups = {"node": {}, "edge": {}}
    for g in root.iter(f"{SVG}g"):
        if g.get("class") in groups:
            title = g.find(f"{SVG}title")
            assert title is not None and title.text
            groups[g.get("class", "")][title.text] = g
    return groups["node"], groups["edge"]


def tooltip(g: ET.Element) -> str:
    link = g.find(f".//{SVG}a")
    assert link is not None
    return link.get(f"{XLINK}title", "")


def expected_text(doc: CaseDocument) -> dict[str, str]:
    out = {}
    for h in doc.hypotheses:
        out[h.id] = f"{norm(h.label)} — {norm(h.statement)}" if norm(h.statement) else norm(h.label)
    out |= {ev.id: norm(ev.summary) for ev in doc.evidence}
    out |= {a.id: norm(a.statement) for a in doc.assumptions}
    out |= {s.id: norm(s.title) for s in doc.sources}
    return out


def check_svg(doc: CaseDocument, svg: bytes) -> None:
    nodes, edges = svg_parts(svg)
    ids = [*expected_text(doc), *(link.id for link in doc.links)]
    assert sorted(nodes) == sorted(ids)
    for node, text in expected_text(doc).items():
        assert tooltip(nodes[node]) == text
    for ev, hyp, kind in rating_relations(doc):
        path = edges[f"{ev}->{hyp}"].find(f".//{SVG}path")
        assert path is not None and path.get("stroke") == COLORS[kind]
    for link in doc.links:
        path = edges[f"{link.id}->{link.to}"].find(f".//{SVG}path")
        assert path is not None and path.get("stroke") == COLORS[link.kind.value]
    rated = {(e, h) for e, h, _ in rating_relations(doc)}
    drawn = {
        tuple(t.split("->")) for t in edges if t.split("->")[1] in {h.id for h in doc.hypotheses}
    }
    from_links = {(link.id, link.to) for link in doc.links}
    assert drawn - from_links == rated  # N, NA and unrated cells draw nothing


@pytest.mark.parametrize("name", ["hts-idlib-2018", "broad-street-cholera-1854", "kpg-extinction"])
def test_samples_draw_without_warnings_and_show_the_case(name):
    doc = sample(name)
    check_svg(doc, draw(render_dot(doc)))


def test_hypotheses_are_rounded_boxes_with_their_dfquad_strength():
    doc = sample("hts-idlib-2018")
    strength = score_report(matrix_from_document(doc), ["dfquad"], draws=0)["scores"]["dfquad"]
    nodes, _ = svg_parts(draw(render_dot(doc)))
    for h in doc.hypotheses:
        g = nodes[h.id]
        words = " ".join(t.text or "" for t in g.iter(f"{SVG}text"))
        assert f"strength {strength[h.id]:.2f}" in words
        assert g.find(f".//{SVG}path") is not None  # rounded corners are drawn as a path
    evidence = nodes[doc.evidence[0].id]
    assert evidence.find(f".//{SVG}polygon") is not None  # plain boxes are polygons


def test_nasty_text_draws_without_warnings():
    doc = nasty_case(NASTY)
    check_svg(doc, draw(render_dot(doc)))


@settings(
    max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(words=st.lists(texts, min_size=27, max_size=27))
def test_random_text_draws_without_warnings(words):
    doc = nasty_case(words)
    check_svg(doc, draw(render_dot(doc)))


@pytest.mark.parametrize(
    ("fmt", "magic"), [("svg", b"<?xml"), ("png", b"\x89PNG\r\n\x1a\n"), ("pdf", b"%PDF-")]
)
def test_image_formats_come_from_dot(fmt, magic):
    dot()
    out = EXPORTS[fmt].render(sample("kpg-extinction"))
    assert out.startswith(magic)
    assert EXPORTS[fmt].binary == (fmt != "svg")


def test_a_big_case_is_drawn_in_part_and_says_so():
    sys.path.insert(0, str(REPO / "benchmarks"))
    from synthetic import synthetic_case_dict

    doc = CaseDocument.model_validate(synthetic_case_dict(seed=3, hypotheses=4, evidence=400))
    dot()
    svg = EXPORTS["svg"].render(doc, full=True)
    nodes, _ = svg_parts(svg)
    evidence = {ev.id for ev in doc.evidence}
    assert len(evidence & set(nodes)) == MAX_DRAWN < 400
    assert f"showing {MAX_DRAWN} of 400 evidence items" in svg.decode()
    focused = EXPORTS["svg"].render(doc).decode()  # the default view also says what it left
    assert "items rated the same on every hypothesis left out" in focused
    assert f"showing {MAX_DRAWN} of " in focused
    full = render_dot(doc)  # the DOT text keeps every item
    assert all(f'  "{e}" [' in full for e in evidence)


def test_the_title_is_wrapped_to_about_the_drawing_width():
    """A long note in one line made a 60-item map's picture three quarters blank beside
    the title (3,381 pixels wide); wrapped, the title is about as wide as the drawing."""
    sys.path.insert(0, str(REPO / "benchmarks"))
    from synthetic import synthetic_case_dict

    doc = CaseDocument.model_validate(synthetic_case_dict(seed=3, hypotheses=4, evidence=400))
    shown, note = drawing_graph(build_argument_graph(doc))
    assert len(note) > 2 * TITLE_WIDTH
    source = graph_to_dot(shown, note)
    label = source.split("label=", 1)[1].split(", charset=")[0].strip('"').split("\\n")
    assert max(len(line) for line in label) <= TITLE_WIDTH
    assert any(line.startswith(f"showing {MAX_DRAWN} of ") for line in label)  # a line each

    def width(svg: bytes) -> float:
        return float(ET.fromstring(svg).get("width", "").removesuffix("pt"))

    untitled = nx.DiGraph(shown, title="t", question="")
    assert width(draw(source)) <= 1.25 * width(draw(graph_to_dot(untitled)))


def test_without_dot_the_image_formats_say_how_to_install_it(
    cli, small_file, tmp_path, monkeypatch
):
    assert cli("import", str(small_file)).exit_code == 0
    empty = tmp_path / "no-programs"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    target = tmp_path / "map.png"
    result = cli("export", "1", "--format", "png", "-o", str(target))
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.output
    assert "apt-get install graphviz" in lines[0] and "dot" in lines[0]
    assert not target.exists()
    assert list(Path(tmp_path).glob(".map.png*")) == []
    assert cli("export", "1", "--format", "dot").exit_code == 0  # DOT text needs no Graphviz
