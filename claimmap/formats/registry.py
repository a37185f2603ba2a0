"""Every export and import format, by name, in one place.

The command line and the terminal interface both offer exactly what is listed here. Each
renderer lives in its own module and is imported only when used, so a format's heavy
dependencies (openpyxl, networkx, Graphviz) cost nothing until someone asks for it.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from claimmap.bulk import gc_paused
from claimmap.model.document import CaseDocument


@dataclass(frozen=True)
class ExportFormat:
    name: str
    suffix: str
    target: str  # "module:function" taking a CaseDocument and returning the file's text or bytes
    summary: str
    binary: bool = False

    def render(self, doc: CaseDocument) -> bytes:
        out = _load(self.target)(doc)
        if isinstance(out, str):
            return out.encode("utf-8")
        if isinstance(out, bytes):
            return out
        raise TypeError(f"{self.target} returned {type(out).__name__}, not text or bytes")


@dataclass(frozen=True)
class ImportFormat:
    name: str
    suffixes: tuple[str, ...]
    target: str  # "module:function" taking (bytes, filename) and returning a CaseDocument
    summary: str

    def matches(self, filename: str) -> bool:
        return Path(filename).suffix.lower() in self.suffixes

    def parse(self, data: bytes, filename: str) -> CaseDocument:
        doc = _load(self.target)(data, filename)
        if not isinstance(doc, CaseDocument):
            raise TypeError(f"{self.target} returned {type(doc).__name__}, not a CaseDocument")
        return doc


def _load(target: str) -> Callable[..., object]:
    module, _, name = target.partition(":")
    function: Callable[..., object] = getattr(importlib.import_module(module), name)
    return function


EXPORTS: dict[str, ExportFormat] = {
    f.name: f
    for f in [
        ExportFormat(
            "yaml", ".yaml", "claimmap.formats.casefile_write:dump_yaml", "claimmap case file"
        ),
        ExportFormat(
            "json", ".json", "claimmap.formats.casefile_write:dump_json", "claimmap case file"
        ),
        ExportFormat(
            "csv",
            ".csv",
            "claimmap.formats.csv_matrix:dump_csv",
            "rating matrix, evidence rows × hypothesis columns (UTF-8 with BOM)",
        ),
        ExportFormat(
            "xlsx",
            ".xlsx",
            "claimmap.formats.xlsx_matrix:dump_xlsx",
            "workbook: coloured matrix, scores, sources, evidence",
            binary=True,
        ),
        ExportFormat(
            "achz",
            ".achz",
            "claimmap.formats.achz_write:dump_achz",
            "PARC ACH 2 file (gzip-compressed UTF-16 XML)",
            binary=True,
        ),
        ExportFormat(
            "argdown", ".argdown", "claimmap.formats.export_argdown:render_argdown", "Argdown map"
        ),
        ExportFormat("dot", ".dot", "claimmap.formats.export_dot:render_dot", "Graphviz DOT map"),
        ExportFormat(
            "svg", ".svg", "claimmap.formats.export_dot:render_svg", "map drawn by Graphviz"
        ),
        ExportFormat(
            "png", ".png", "claimmap.formats.export_dot:render_png", "map drawn by Graphviz", True
        ),
        ExportFormat(
            "pdf", ".pdf", "claimmap.formats.export_dot:render_pdf", "map drawn by Graphviz", True
        ),
        ExportFormat(
            "graphml",
            ".graphml",
            "claimmap.formats.export_graphml:render_graphml",
            "GraphML map (yEd)",
        ),
        ExportFormat("aif", ".json", "claimmap.formats.export_aif:render_aif", "AIF JSON map"),
        ExportFormat(
            "mermaid", ".mmd", "claimmap.formats.export_mermaid:render_mermaid", "Mermaid flowchart"
        ),
        ExportFormat(
            "markdown", ".md", "claimmap.formats.report_markdown:render_markdown", "report"
        ),
        ExportFormat("html", ".html", "claimmap.formats.report_html:render_html", "HTML report"),
    ]
}

IMPORTS: dict[str, ImportFormat] = {
    f.name: f
    for f in [
        ImportFormat(
            "case",
            (".yaml", ".yml", ".json"),
            "claimmap.formats.casefile_read:parse_case_bytes",
            "claimmap case file",
        ),
        ImportFormat(
            "csv",
            (".csv", ".tsv"),
            "claimmap.formats.csv_read:parse_csv",
            "rating matrix: evidence rows × hypothesis columns",
        ),
        ImportFormat(
            "achz",
            (".achz",),
            "claimmap.formats.achz_read:parse_achz",
            "PARC ACH 2 file (gzip-compressed UTF-16 XML)",
        ),
    ]
}


class UnknownFormat(ValueError):
    pass


def export_format(name: str) -> ExportFormat:
    try:
        return EXPORTS[name]
    except KeyError:
        raise UnknownFormat(
            f"unknown export format {name!r}; choose one of {', '.join(EXPORTS)}"
        ) from None


def import_format_for(filename: str, name: str | None = None) -> ImportFormat:
    """The import format named, or else the one the file's suffix implies (case file by default)."""
    if name is not None:
        if name not in IMPORTS:
            raise UnknownFormat(
                f"unknown import format {name!r}; choose one of {', '.join(IMPORTS)}"
            )
        return IMPORTS[name]
    suffix = Path(filename).suffix.lower()
    for fmt in IMPORTS.values():
        if suffix in fmt.suffixes:
            return fmt
    return IMPORTS["case"]


def read_path(path: str, name: str | None = None) -> CaseDocument:
    """Read and validate any importable file; the format is `name` or the file's suffix."""
    from claimmap.formats.casefile_read import read_case_file, read_limited

    kind = import_format_for(path, name)
    if kind.name == "case":
        return read_case_file(path)
    with gc_paused():  # the other formats build a whole document too
        return kind.parse(read_limited(path), path)
