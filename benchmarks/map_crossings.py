"""Edges and edge crossings of a drawn map, counted from Graphviz's own layout.

    python benchmarks/map_crossings.py [CASE.yaml ...]   (default: the HTS sample case)

For each case it lays out the full map (`--full`) and the default distinguishing view with
`dot -Tplain`, reads each edge's spline control points, treats each edge as the polyline
through them, and counts the pairs of edges (not sharing an end) whose polylines cross.
The polyline follows the B-spline's control polygon, which contains the curve, so the count
is close to what one sees, not exact.
"""

from __future__ import annotations

import shlex
import sys
from itertools import combinations, pairwise
from pathlib import Path

from claimmap.formats.casefile_read import read_case_file
from claimmap.formats.export_dot import drawing_source, run_dot

Point = tuple[float, float]
REPO = Path(__file__).resolve().parents[1]


def edges_of(plain: str) -> list[tuple[str, str, list[Point]]]:
    """(tail, head, control points) of every edge in `dot -Tplain` output."""
    out = []
    for line in plain.splitlines():
        if not line.startswith("edge "):
            continue
        parts = shlex.split(line)
        tail, head, n = parts[1], parts[2], int(parts[3])
        coords = [float(x) for x in parts[4 : 4 + 2 * n]]
        out.append((tail, head, list(zip(coords[::2], coords[1::2], strict=True))))
    return out


def _orient(a: Point, b: Point, c: Point) -> float:
    return (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])


def _segments_cross(p: Point, q: Point, r: Point, s: Point) -> bool:
    d1, d2 = _orient(p, q, r), _orient(p, q, s)
    d3, d4 = _orient(r, s, p), _orient(r, s, q)
    return d1 * d2 < 0 and d3 * d4 < 0  # proper crossings only; touching is not crossing


def crossings(edges: list[tuple[str, str, list[Point]]]) -> int:
    count = 0
    for (t1, h1, a), (t2, h2, b) in combinations(edges, 2):
        if {t1, h1} & {t2, h2}:
            continue  # edges meeting at a node do not cross there
        segs_a, segs_b = list(pairwise(a)), list(pairwise(b))
        if any(_segments_cross(p, q, r, s) for p, q in segs_a for r, s in segs_b):
            count += 1
    return count


def measure(path: Path) -> dict[str, tuple[int, int]]:
    doc = read_case_file(path)
    result = {}
    for name, full in (("full", True), ("distinguishing", False)):
        plain = run_dot(drawing_source(doc, full=full), "plain").decode("utf-8")
        edges = edges_of(plain)
        result[name] = (len(edges), crossings(edges))
    return result


def main(paths: list[str]) -> None:
    for path in [Path(p) for p in paths] or [REPO / "sample_cases" / "hts-idlib-2018.yaml"]:
        for view, (edges, crossed) in measure(path).items():
            print(f"{path.name}  {view:<15} {edges:>4} edges  {crossed:>4} crossing pairs")


if __name__ == "__main__":
    main(sys.argv[1:])
