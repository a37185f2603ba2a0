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
from typing import TYPE_CHECKING

from claimmap.bulk import gc_paused

if TYPE_CHECKING:  # the command line lists the formats before it loads pydantic's models
    from claimmap.model.document import CaseDocument


@dataclass(frozen=True)
class ExportFormat:
    name: str
    suffix: str
    target: str  # "module:function" taking a CaseDocument and returning the file's text or bytes
    summary: str
    binary: bool = False
    # A drawing of the map: by default the distinguishing view of a bigger case; its
    # renderer takes `full=True` for the whole map.
    drawing: bool = False

    def render(self, doc: CaseDocument, full: bool = False) -> bytes:
        out = (
            _load(self.target)(doc, full=True) if full and self.drawing else _load(self.target)(doc)
        )
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
    # An argument map: its reader also takes the hypotheses' names (None: the reader
    # chooses) and returns a MapImport, the case with notes on what it chose and changed.
    is_map: bool = False

    def matches(self, filename: str) -> bool:
        return Path(filename).suffix.lower() in self.suffixes

    def parse(self, data: bytes, filename: str) -> CaseDocument:
        return self.read(data, filename)[0]

    def read(
        self, data: bytes, filename: str, hypotheses: list[str] | None = None
    ) -> tuple[CaseDocument, list[str]]:
        """The case and the reader's notes (only map readers have any)."""
        if hypotheses is not None and not self.is_map:
            raise UnknownFormat(
                f"--hypotheses applies to argument maps ({', '.join(MAP_FORMATS)}), "
                f"not to {self.name} files"
            )
        if self.is_map:
            result = _load(self.target)(data, filename, hypotheses)
            doc, notes = getattr(result, "doc", None), list(getattr(result, "notes", []))
        else:
            doc, notes = _load(self.target)(data, filename), []
        from claimmap.model.document import CaseDocument

        if not isinstance(doc, CaseDocument):
            raise TypeError(f"{self.target} returned {type(doc).__name__}, not a CaseDocument")
        return doc, notes


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
            "svg",
            ".svg",
            "claimmap.formats.export_dot:render_svg",
            "map drawn by Graphviz",
            drawing=True,
        ),
        ExportFormat(
            "png",
            ".png",
            "claimmap.formats.export_dot:render_png",
            "map drawn by Graphviz",
            True,
            drawing=True,
        ),
        ExportFormat(
            "pdf",
            ".pdf",
            "claimmap.formats.export_dot:render_pdf",
            "map drawn by Graphviz",
            True,
            drawing=True,
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
        ExportFormat(
            "html",
            ".html",
            "claimmap.formats.report_html:render_html",
            "HTML report",
            drawing=True,
        ),
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
            "xlsx",
            (".xlsx",),
            "claimmap.formats.xlsx_read:parse_xlsx",
            "rating matrix from a workbook's `matrix` (or first) sheet",
        ),
        ImportFormat(
            "achz",
            (".achz",),
            "claimmap.formats.achz_read:parse_achz",
            "PARC ACH 2 file (gzip-compressed UTF-16 XML)",
        ),
        ImportFormat(
            "argdown",
            (".argdown",),
            "claimmap.formats.argdown_read:read_argdown",
            "Argdown argument map (read by the Argdown CLI)",
            is_map=True,
        ),
        ImportFormat(
            "aif",
            (),  # .json is a claimmap case file unless -f aif says otherwise
            "claimmap.formats.aif_read:read_aif",
            "AIF argument map (AIFdb / OVA JSON)",
            is_map=True,
        ),
    ]
}
MAP_FORMATS = tuple(name for name, f in IMPORTS.items() if f.is_map)


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


def looks_like_aif(path: str) -> bool:
    """A .json file that starts like an AIF map (a `nodes` list whose first node has a
    `nodeID`) rather than a claimmap case file: AIFdb and OVA save maps as plain .json."""
    if not path.lower().endswith(".json") or not Path(path).is_file():
        return False  # a FIFO or device is refused by the reader, before anything blocks
    try:
        with open(path, "rb") as stream:
            head = stream.read(4096)
    except OSError:
        return False  # the reader says what is wrong with the file
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    return start.startswith(b"{") and b'"nodeID"' in head and b'"format"' not in head


def read_path(path: str, name: str | None = None) -> CaseDocument:
    """Read and validate any importable file; the format is `name` or the file's suffix."""
    return read_path_noted(path, name)[0]


def read_path_noted(
    path: str, name: str | None = None, hypotheses: list[str] | None = None
) -> tuple[CaseDocument, list[str]]:
    """read_path, with the reader's notes and, for argument maps, the hypotheses' names."""
    from claimmap.formats.casefile_read import read_case_file, read_limited

    kind = import_format_for(path, name)
    if name is None and kind.name == "case" and looks_like_aif(path):
        kind = IMPORTS["aif"]
    if kind.name == "case" and hypotheses is None:
        return read_case_file(path), []
    if kind.is_map:
        from claimmap.formats.map_import import check_file_size

        check_file_size(path)  # before reading 60 MiB only to refuse it
    with gc_paused():  # the other formats build a whole document too
        return kind.read(read_limited(path), path, hypotheses)
