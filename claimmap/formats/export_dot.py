"""Graphviz DOT, and SVG, PNG and PDF drawn from it by the `dot` program.

Support is green, attack red, undercut purple; hypotheses are rounded boxes showing their
DF-QuAD strength; explicit links are small diamonds (so that an undercut can point at one);
sources are notes with a dashed grey line to the items that cite them. Labels are Graphviz
HTML-like labels (XML-escaped), cut to a readable length; the full text is in the tooltip,
which SVG viewers show on hover.
"""

from __future__ import annotations

import html
import os
import shutil
import subprocess
import textwrap
from functools import lru_cache
from typing import Any

import networkx as nx

from claimmap.formats.argument_graph import (
    build_argument_graph,
    clean,
    display_lines,
    distinguishing,
    focus,
)
from claimmap.formats.errors import ExportError
from claimmap.model.document import CaseDocument

COLORS = {"support": "#1a9641", "attack": "#d7191c", "undercut": "#7b3294", "source": "#8c8c8c"}
ARROWHEADS = {"support": "normal", "attack": "tee", "undercut": "diamond"}
FILL = {
    "hypothesis": "#fff4cc",
    "evidence": "#e8f0fb",
    "assumption": "#f2f2f2",
    "source": "#ffffff",
}
# Graphviz needs minutes for thousands of items and the picture is unreadable; drawings show
# the items that matter most (argument_graph.focus) and say so in their title.
MAX_DRAWN = 60
TITLE_WIDTH = 72  # characters in a line of a drawing's title
INSTALL_HINT = (
    "Graphviz's `dot` program is needed for this format and was not found on PATH; install "
    "Graphviz (Debian/Ubuntu: `apt-get install graphviz`, macOS: `brew install graphviz`) "
    "or export `--format dot` and draw it elsewhere"
)


# Graphviz's scanner refuses a quoted string longer than 16,384 bytes; strings are cut (with
# a mark) under it, escapes and UTF-8 included. The full text stays in the formats that carry
# it (case files, GraphML, AIF, the reports).
MAX_QUOTED_BYTES = 16_000
_ESCAPES = {"&": "&amp;", "\\": "\\" * 4, '"': '\\"', "\n": "\\n"}


@lru_cache(maxsize=1 << 15)  # colours, ratings and ids are quoted once per edge otherwise
def quote(text: str) -> str:
    """A DOT quoted string that Graphviz shows as `text`. Labels and tooltips pass through two
    unescapings: the parser turns \\\\ into \\ and then \\N, \\G, ... are replaced by the
    node's or graph's name, so a backslash is written four times. `&` starts an entity."""
    text = clean(text)
    body = text.replace("&", "&amp;").replace("\\", "\\" * 4)
    body = body.replace('"', '\\"').replace("\n", "\\n")
    if len(body) * 4 > MAX_QUOTED_BYTES and len(body.encode("utf-8")) > MAX_QUOTED_BYTES:
        body = _cut(text)
    return f'"{body}"'


def _cut(text: str) -> str:
    """The escaped text cut to fit the limit, ending in an ellipsis; never inside an escape."""
    parts, size = [], 0
    for ch in text:
        piece = _ESCAPES.get(ch, ch)
        size += len(piece.encode("utf-8"))
        if size > MAX_QUOTED_BYTES - 3:  # room for the ellipsis
            break
        parts.append(piece)
    return "".join(parts) + "…"


def _html_lines(text: str) -> str:
    return "<br/>".join(html.escape(line) for line in display_lines(text))


def _small(text: str) -> str:
    return f'<br/><font point-size="9">{html.escape(text)}</font>'


def _node_label(node: str, d: dict[str, Any]) -> str:
    kind = d["kind"]
    head = f"<b>{html.escape(node)}</b>"
    if kind == "link":
        return f"<{head}>"
    body = _html_lines(d.get("label", ""))
    extra = ""
    if kind == "hypothesis" and "strength" in d:
        extra = _small(f"strength {d['strength']:.2f}")
    elif kind == "evidence":
        facts = [d.get("source", ""), d.get("credibility", ""), d.get("relevance", "")]
        shown = " · ".join(f for f in facts if f)
        extra = _small(shown) if shown else ""
    elif kind == "source":
        extra = _small(f"reliability {d['reliability']}")
    elif kind == "assumption":
        extra = _small(d["grade"])
    return f"<{head} {body}{extra}>"


def _node_attrs(node: str, d: dict[str, Any]) -> dict[str, str]:
    kind = d["kind"]
    tooltip = d.get("text") or d.get("notes") or node
    attrs = {"label": _node_label(node, d), "tooltip": quote(tooltip)}
    if kind == "hypothesis":
        attrs |= {"shape": "box", "style": '"rounded,filled"', "penwidth": "2"}
    elif kind == "link":
        color = COLORS[d["link_kind"]]
        attrs |= {"shape": "diamond", "color": quote(color), "fontcolor": quote(color)}
        attrs |= {"fontsize": "9", "margin": "0.02"}
    elif kind == "source":
        attrs |= {"shape": "note", "color": quote(COLORS["source"])}
    elif kind == "assumption":
        attrs |= {"shape": "box", "style": '"dashed,filled"'}
    else:
        attrs |= {"shape": "box", "style": "filled"}
    if kind in FILL:
        attrs["fillcolor"] = quote(FILL[kind])
    return attrs


def _edge_attrs(d: dict[str, Any]) -> dict[str, str]:
    relation, role = d["relation"], d["role"]
    attrs = {"color": quote(COLORS[relation])}
    if role == "source":
        return attrs | {"style": "dashed", "arrowhead": "none"}
    if role == "premise":
        return attrs | {"arrowhead": "none"}
    attrs["arrowhead"] = ARROWHEADS[relation]
    if role == "rating":
        attrs |= {"label": quote(d["rating"]), "fontsize": "9", "fontcolor": attrs["color"]}
        attrs["penwidth"] = f"{1 + 2 * d['weight']:.2f}"
        if "rationale" in d:
            attrs["tooltip"] = quote(d["rationale"])
    return attrs


def _attrs(values: dict[str, str]) -> str:
    return ", ".join(f"{k}={v}" for k, v in values.items())


@lru_cache(maxsize=1 << 12)  # most of a big map's edges repeat a few dozen attribute sets
def _edge_text(items: tuple[tuple[str, Any], ...]) -> str:
    return _attrs(_edge_attrs(dict(items)))


def graph_to_dot(graph: nx.DiGraph, note: str = "") -> str:
    # the note's parts each on a line of their own
    lines = [graph.graph["title"], graph.graph["question"], *note.split("; ")]
    has_sources = any(d["kind"] == "source" for _, d in graph.nodes(data=True))
    legend = "green: support · red: attack · purple: undercut"
    lines.append(legend + (" · grey: source" if has_sources else ""))
    # wrapped: one long line would set the drawing's width (a 60-item map was drawn 3,381
    # pixels wide, three quarters of it blank beside the title)
    title = "\n".join(
        "\n".join(textwrap.wrap(line, TITLE_WIDTH, break_on_hyphens=False))
        for line in lines
        if line
    )
    # Crossing minimisation dominates on big maps; a lower limit keeps them to seconds.
    effort = ", mclimit=0.3" if graph.number_of_nodes() > 100 else ""
    out = [
        "digraph claimmap {",
        f"  graph [rankdir=LR, labelloc=t, fontsize=14, label={quote(title)},"
        f' charset="UTF-8", nodesep=0.15, ranksep=0.6, size="100,100"{effort}];',
        '  node [fontsize=11, margin="0.08,0.04"];',
        "  edge [arrowsize=0.7];",
    ]
    for node, d in graph.nodes(data=True):
        out.append(f"  {quote(node)} [{_attrs(_node_attrs(node, d))}];")
    for u, v, d in graph.edges(data=True):
        out.append(f"  {quote(u)} -> {quote(v)} [{_edge_text(tuple(d.items()))}];")
    out.append("}")
    return "\n".join(out) + "\n"


def render_dot(doc: CaseDocument) -> str:
    return graph_to_dot(build_argument_graph(doc))


def dot_program() -> str | None:
    return shutil.which("dot")


def run_dot(source: str, fmt: str) -> bytes:
    """Lay out and draw `source` with Graphviz; ExportError if `dot` is missing or fails."""
    program = dot_program()
    if program is None:
        raise ExportError(INSTALL_HINT)
    env = {**os.environ, "LC_ALL": "C.UTF-8"}
    done = subprocess.run(
        [program, f"-T{fmt}"], input=source.encode("utf-8"), capture_output=True, env=env
    )
    if done.returncode != 0:
        problem = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise ExportError(f"Graphviz `dot -T{fmt}` failed: {problem[0] if problem else '?'}")
    return done.stdout


def drawing_graph(
    graph: nx.DiGraph, full: bool = False, limit: int = MAX_DRAWN
) -> tuple[nx.DiGraph, str]:
    """What a drawing shows: by default the distinguishing view (argument_graph.distinguishing)
    of a case with more than a handful of items; with `full` the whole map; either way at most
    `limit` evidence items on a big case. The note says what was left out."""
    notes = []
    if not full:
        graph, note = distinguishing(graph)
        notes.append(note)
    graph, note = focus(graph, limit)
    notes.append(note)
    return graph, "; ".join(n for n in notes if n)


def drawing_source(doc: CaseDocument, limit: int = MAX_DRAWN, full: bool = False) -> str:
    """DOT for a drawing of the case (see drawing_graph)."""
    return graph_to_dot(*drawing_graph(build_argument_graph(doc), full, limit))


def render_svg(doc: CaseDocument, full: bool = False) -> bytes:
    return run_dot(drawing_source(doc, full=full), "svg")


def render_png(doc: CaseDocument, full: bool = False) -> bytes:
    return run_dot(drawing_source(doc, full=full), "png")


def render_pdf(doc: CaseDocument, full: bool = False) -> bytes:
    return run_dot(drawing_source(doc, full=full), "pdf")
