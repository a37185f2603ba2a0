"""Mermaid flowchart, for Markdown on the code hosts that draw ```mermaid blocks.

Hypotheses are rounded boxes with their DF-QuAD strength, evidence plain boxes, assumptions
parallelograms, sources cylinders, explicit links small rhombi. Support is a green arrow,
attack a red arrow ending in a cross, undercut purple; sources are dotted grey lines.

Node ids are generated (n0, n1, ...) because case ids may contain dots, dashes or words
Mermaid reserves ("end"). Labels are quoted, with Mermaid's entity codes (#quot; #35; ...)
for every character its lexer or the HTML label could read as syntax. Hosts refuse big
diagrams (GitHub: 500 edges, 50,000 characters), so a big case is cut to the evidence that
pushes hardest on a hypothesis, and the title says so.
"""

from __future__ import annotations

import json
from typing import Any

import networkx as nx

from claimmap.formats.argument_graph import build_argument_graph, display_lines, focus
from claimmap.formats.export_dot import COLORS, FILL
from claimmap.model.document import CaseDocument

MAX_EDGES = 450
MAX_CHARS = 45_000
_ENTITIES = {
    "#": "#35;",  # first: the other codes start with it
    '"': "#quot;",
    "&": "#amp;",
    "<": "#lt;",
    ">": "#gt;",
    "`": "#96;",
    "%": "#37;",
    # Mermaid stands its own entity codes in for `&#`, `&` and `;` with these while it draws
    # (ﬂ°°, ﬂ°, ¶ß): left bare, a text's own `¶ß` would be drawn as `;`
    "¶": "#182;",
    "ﬂ": "#64258;",
}
SHAPES = {
    "hypothesis": ('("', '")'),
    "evidence": ('["', '"]'),
    "assumption": ('[/"', '"/]'),
    "source": ('[("', '")]'),
    "link": ('{"', '"}'),
}
ARROWS = {"support": "-->", "attack": "--x", "undercut": "--x"}


def escape(text: str) -> str:
    """Text safe inside a quoted Mermaid label."""
    return "".join(_ENTITIES.get(ch, ch) for ch in text)


def _label(node: str, d: dict[str, Any]) -> str:
    if d["kind"] == "link":
        return escape(node)
    lines = display_lines(d.get("label"), limit=120, width=40)
    lines[0] = f"{node}: {lines[0]}"
    if d["kind"] == "hypothesis" and "strength" in d:
        lines.append(f"strength {d['strength']:.2f}")
    return "<br/>".join(escape(line) for line in lines)


def graph_to_mermaid(graph: nx.DiGraph, note: str = "") -> str:
    title = " — ".join(t for t in (graph.graph["title"], note) if t)
    out = ["---", f"title: {json.dumps(title, ensure_ascii=False)}", "---", "flowchart LR"]
    names = {node: f"n{i}" for i, node in enumerate(graph.nodes)}
    classes: dict[str, list[str]] = {}
    for node, d in graph.nodes(data=True):
        left, right = SHAPES[d["kind"]]
        out.append(f"  {names[node]}{left}{_label(node, d)}{right}")
        kind = f"{d['kind']}_{d['link_kind']}" if d["kind"] == "link" else d["kind"]
        classes.setdefault(kind, []).append(names[node])
    styles: dict[str, list[str]] = {}
    for index, (u, v, d) in enumerate(graph.edges(data=True)):
        if d["role"] == "source":
            arrow = "-.-"
        elif d["role"] == "premise":
            arrow = "---"
        else:
            arrow = ARROWS[d["relation"]]
        label = f'|"{escape(d["rating"])}"|' if "rating" in d else ""
        out.append(f"  {names[u]} {arrow}{label} {names[v]}")
        styles.setdefault(d["relation"], []).append(str(index))
    for relation, indexes in styles.items():
        out.append(f"  linkStyle {','.join(indexes)} stroke:{COLORS[relation]},stroke-width:2px")
    for kind, members in classes.items():
        base, _, link_kind = kind.partition("_")
        if link_kind:
            style = f"fill:#ffffff,stroke:{COLORS[link_kind]},color:{COLORS[link_kind]}"
        else:
            dash = ",stroke-dasharray:4 3" if base == "assumption" else ""
            width = "2px" if base == "hypothesis" else "1px"
            style = f"fill:{FILL[base]},stroke:#333333,stroke-width:{width}{dash}"
        out.append(f"  classDef {kind} {style}")
        out.append(f"  class {','.join(members)} {kind}")
    return "\n".join(out) + "\n"


def render_mermaid(doc: CaseDocument) -> str:
    return fitted_mermaid(build_argument_graph(doc))


def fitted_mermaid(graph: nx.DiGraph) -> str:
    """The whole graph, or as much of it as the code hosts agree to draw."""
    evidence = sum(1 for _, d in graph.nodes(data=True) if d["kind"] == "evidence")
    shown, note = graph, ""
    if graph.number_of_edges() > MAX_EDGES:  # first guess from the edges per item
        limit = max(1, evidence * MAX_EDGES // graph.number_of_edges())
        shown, note = focus(graph, limit)
    else:
        limit = evidence
    text = graph_to_mermaid(shown, note)
    while limit > 1 and (len(text) > MAX_CHARS or shown.number_of_edges() > MAX_EDGES):
        limit = max(1, limit * 4 // 5)
        shown, note = focus(graph, limit)
        text = graph_to_mermaid(shown, note)
    return text
