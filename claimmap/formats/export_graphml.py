"""GraphML: the argument graph as networkx writes it (graphml_text), with yEd's drawing
extension added.

Every node and edge attribute is a typed GraphML key (`kind`, `label`,
`text`, `strength`, `relation`, `rating`, ..., plus `color`), so any GraphML reader, and
yEd's Properties Mapper, sees the data. yEd ignores plain keys when drawing, so each node
also gets a `y:ShapeNode` (box, fill colour, label, a position in columns: sources and
assumptions, evidence, links, hypotheses) and each edge a `y:PolyLineEdge` (colour, arrow,
rating label). In yEd, Layout → Hierarchical tidies the picture.

The yEd data comes first in each element: networkx's reader maps a yEd label onto `label`,
and the plain `label` data that follows wins, so a read-back keeps our attributes.
"""

from __future__ import annotations

from typing import Any
from xml.sax.saxutils import escape

import networkx as nx

from claimmap.formats.argument_graph import build_argument_graph, display_lines
from claimmap.formats.export_dot import COLORS, FILL
from claimmap.formats.graphml_text import GraphMLText
from claimmap.model.document import CaseDocument

YED = "http://www.yworks.com/xml/graphml"

COLUMNS = {"source": 0, "assumption": 0, "evidence": 1, "link": 2, "hypothesis": 3}
SHAPES = {"hypothesis": "roundrectangle", "link": "diamond", "source": "rectangle"}
ARROWS = {"support": "standard", "attack": "t_shape", "undercut": "diamond", "source": "none"}
WIDTH, LINE, GAP = 240.0, 15.0, 30.0


def _node_color(d: dict[str, Any]) -> str:
    return COLORS[d["link_kind"]] if d["kind"] == "link" else FILL[d["kind"]]


def _label(node: str, d: dict[str, Any]) -> list[str]:
    if d["kind"] == "link":
        return [node]
    lines = [node, *display_lines(d.get("label"))]
    if "strength" in d and d["kind"] == "hypothesis":
        lines.append(f"strength {d['strength']:.2f}")
    return lines


def _shape_node(node: str, d: dict[str, Any], x: float, y: float) -> tuple[str, float]:
    """yEd's drawing of a node, and its height."""
    lines = _label(node, d)
    small = d["kind"] == "link"
    width = 40.0 if small else WIDTH
    height = 40.0 if small else LINE * len(lines) + 12
    border = "dashed" if d["kind"] == "assumption" else "line"
    xml = (
        '<data key="yed_node"><y:ShapeNode>'
        f'<y:Geometry height="{height}" width="{width}" x="{x}" y="{y}"/>'
        f'<y:Fill color="{_node_color(d).upper()}" transparent="false"/>'
        f'<y:BorderStyle color="#000000" type="{border}" width="1.0"/>'
        f'<y:NodeLabel autoSizePolicy="content" fontSize="12">{escape(chr(10).join(lines))}'
        f'</y:NodeLabel><y:Shape type="{SHAPES.get(d["kind"], "rectangle")}"/>'
        "</y:ShapeNode></data>"
    )
    return xml, height


def _poly_line(d: dict[str, Any]) -> str:
    """yEd's drawing of an edge."""
    style = "dashed" if d["role"] == "source" else "line"
    width = 1.0 + 2.0 * d.get("weight", 0.0)
    target = "none" if d["role"] == "premise" else ARROWS[d["relation"]]
    label = f"<y:EdgeLabel>{escape(d['rating'])}</y:EdgeLabel>" if "rating" in d else ""
    return (
        '<data key="yed_edge"><y:PolyLineEdge>'
        f'<y:LineStyle color="{COLORS[d["relation"]]}" type="{style}" width="{width}"/>'
        f'<y:Arrows source="none" target="{target}"/>{label}</y:PolyLineEdge></data>'
    )


def _yed_data(graph: nx.DiGraph) -> tuple[dict[str, str], dict[tuple[str, str], str]]:
    """The yEd fragment of every node (placed in columns) and of every edge."""
    column_y = dict.fromkeys(COLUMNS.values(), 0.0)
    nodes = {}
    for node, d in graph.nodes(data=True):
        column = COLUMNS[d["kind"]]
        nodes[node], height = _shape_node(node, d, column * (WIDTH + 160), column_y[column])
        column_y[column] += height + GAP
    edges = {(u, v): _poly_line(d) for u, v, d in graph.edges(data=True)}
    return nodes, edges


_KEYS = (
    '<key for="node" id="yed_node" yfiles.type="nodegraphics"/>'
    '<key for="edge" id="yed_edge" yfiles.type="edgegraphics"/>'
)


def render_graphml(doc: CaseDocument) -> bytes:
    graph = build_argument_graph(doc)
    # every attribute, and a colour for readers that know nothing of yEd
    nodes = {node: {**d, "color": _node_color(d)} for node, d in graph.nodes(data=True)}
    edges = {(u, v): {**d, "color": COLORS[d["relation"]]} for u, v, d in graph.edges(data=True)}
    node_xml, edge_xml = _yed_data(graph)
    writer = GraphMLText(namespaces={"y": YED}, keys=_KEYS)
    return writer.write(graph, nodes, edges, node_xml, edge_xml)
