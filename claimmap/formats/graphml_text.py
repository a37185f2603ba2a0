"""GraphML text of a networkx graph, in the very bytes networkx's own writer produces (with
lxml, not pretty-printed): the same typed keys, numbered in the same order, the same
elements and escapes; networkx's table of GraphML types is used as it is. A test holds the
two writers to identical output.

Why not networkx's writer: it builds an XML element per attribute, and on the export
benchmark's case (5,555 nodes, 20,063 edges, 143,000 attributes) that took 1.3 s of a 2 s
budget; strings take a tenth of that. Each element may carry extra raw XML first (yEd's
drawing data), which networkx's writer cannot put in.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any
from xml.sax.saxutils import escape

import networkx as nx
from networkx.readwrite.graphml import GraphML

_TYPES = GraphML()
_TYPES.construct_types()  # networkx's mapping of Python types to GraphML's
_TEXT = {"\r": "&#13;"}
_ATTRIBUTE = {'"': "&quot;", "\n": "&#10;", "\r": "&#13;", "\t": "&#9;"}


class GraphMLText:
    """Writes `graph`; `namespaces` are extra xmlns declarations on the root, `keys` extra
    raw <key> elements after the typed ones."""

    def __init__(self, namespaces: Mapping[str, str] = {}, keys: str = "") -> None:
        self.namespaces = namespaces
        self.extra_keys = keys
        self.keys: dict[tuple[str, str, str], str] = {}  # (name, GraphML type, scope) -> id
        self._by_type: dict[tuple[str, type, str], str] = {}  # the same, by Python type

    def _key(self, name: str, value: Any, scope: str) -> str:
        """The key of an attribute: one per name, GraphML type and scope, numbered in order."""
        try:
            kind = _TYPES.xml_type[type(value)]
        except KeyError:
            message = f"GraphML does not support type {type(value)} as data values."
            raise TypeError(message) from None
        found = self.keys.get((name, kind, scope))
        if found is None:
            found = self.keys[(name, kind, scope)] = f"d{len(self.keys)}"
        self._by_type[(name, type(value), scope)] = found
        return found

    def _data(self, out: list[str], items: Iterable[tuple[str, Any]], scope: str) -> None:
        by_type = self._by_type
        for name, value in items:
            key = by_type.get((name, type(value), scope)) or self._key(name, value, scope)
            text = str(value)
            if "&" in text or "<" in text or ">" in text or "\r" in text:  # most have none
                text = escape(text, _TEXT)
            out.append(f'<data key="{key}">{text}</data>')

    def write(
        self,
        graph: nx.DiGraph,
        node_data: Mapping[str, Mapping[str, Any]],
        edge_data: Mapping[tuple[str, str], Mapping[str, Any]],
        node_xml: Mapping[str, str] = {},
        edge_xml: Mapping[tuple[str, str], str] = {},
    ) -> bytes:
        """`node_data`/`edge_data`: each element's attributes (the graph's own, or more);
        `node_xml`/`edge_xml`: raw XML put first in an element."""
        body: list[str] = ['<graph edgedefault="directed">']
        graph_items = [(k, v) for k, v in graph.graph.items() if k not in _DEFAULTS]
        self._data(body, graph_items, "graph")
        for node in graph:
            inner = [node_xml.get(node, "")]
            self._data(inner, node_data[node].items(), "node")
            body.append(_element(f'node id="{_attribute(node)}"', "node", inner))
        for u, v in graph.edges:
            inner = [edge_xml.get((u, v), "")]
            self._data(inner, edge_data[(u, v)].items(), "edge")
            ends = f'edge source="{_attribute(u)}" target="{_attribute(v)}"'
            body.append(_element(ends, "edge", inner))
        body.append("</graph></graphml>")
        names = "".join(f' xmlns:{name}="{uri}"' for name, uri in self.namespaces.items())
        head = [
            "<?xml version='1.0' encoding='utf-8'?>\n",
            f'<graphml{names} xmlns="{_TYPES.NS_GRAPHML}" xmlns:xsi="{_TYPES.NS_XSI}"'
            f' xsi:schemaLocation="{_TYPES.SCHEMALOCATION}">',
        ]
        # networkx puts each new key first, so they come out newest first
        for (name, kind, scope), key in reversed(self.keys.items()):
            head.append(f'<key id="{key}" for="{scope}" attr.name="{name}" attr.type="{kind}"/>')
        head.append(self.extra_keys)
        return "".join(head + body).encode("utf-8")


_DEFAULTS = ("node_default", "edge_default")


def _element(start: str, name: str, inner: list[str]) -> str:
    content = "".join(inner)
    return f"<{start}>{content}</{name}>" if content else f"<{start}/>"


def _attribute(text: Any) -> str:
    return escape(str(text), _ATTRIBUTE)
