"""A hostile-input corpus, generated here rather than checked in, run through every reader
and every exporter.

Each input is either refused cleanly (exit 1; every line names the file and a place; no
traceback, no "unexpected"; the database exactly as it was) or accepted, and then it must
round-trip exactly (case file → import → export → re-import → identical export) and every
exporter must render it. The test reports how many inputs it tried."""

from __future__ import annotations

import gzip
import io
import json
import random
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path

from click.testing import CliRunner

from claimmap.cli import main
from claimmap.formats import registry
from claimmap.formats.achz_write import dump_achz
from claimmap.formats.casefile_read import parse_case_text
from claimmap.formats.casefile_write import dump_json, dump_yaml
from claimmap.formats.csv_matrix import dump_csv
from claimmap.formats.errors import ExportError
from claimmap.formats.export_aif import render_aif
from claimmap.formats.xlsx_matrix import dump_xlsx
from tests.conftest import SMALL_CASE

HOSTILE_VALUES = [
    "",
    "\x00",
    "\x1b[2J\x1b]0;x\x07",
    "[bold]x[/bold]",
    "=cmd|' /C calc'!A0",
    "'",
    '"',
    "\\",
    "&anchor x",
    "*alias",
    "!!binary aGVsbG8=",
    "!!python/object:os.system x",
    "<<: {a: 1}",
    "2020-02-30",
    "9" * 5000,
    "²",
    "H\u200d1",
    "Ｈ1",
    "-",
    "~",
    "null",
    "yes",
    "{",
    "[",
    "%YAML 1.1",
    "---",
    "\u202eevil",
    "x" * 100_001,
    "\ufeff",
    "a\r\nb",
]
TARGETS = [
    "label: The cat",
    "summary: Nobody heard anything.",
    "id: H2",
    "credibility: 3",
    "title: Neighbour's account",
]


def _case_inputs() -> Iterator[tuple[str, bytes]]:
    base = SMALL_CASE
    for target in TARGETS:
        key = target.split(":")[0]
        for n, value in enumerate(HOSTILE_VALUES):
            yield (
                f"raw-{key}-{n}.yaml",
                base.replace(target, f"{key}: {value}", 1).encode("utf-8", "surrogatepass"),
            )
            quoted = json.dumps(value, ensure_ascii=False)
            yield f"quoted-{key}-{n}.yaml", base.replace(target, f"{key}: {quoted}", 1).encode()
    for cut in range(0, len(base), 41):
        yield f"cut-{cut}.yaml", base[:cut].encode()
    rng = random.Random(13)
    raw = base.encode()
    for n in range(25):
        data = bytearray(raw)
        for _ in range(rng.randint(1, 4)):
            data[rng.randrange(len(data))] = rng.randrange(256)
        yield f"flip-{n}.yaml", bytes(data)
    doc_json = dump_json(parse_case_text(base))
    for cut in range(0, len(doc_json), 97):
        yield f"cut-{cut}.json", doc_json[:cut].encode()
    yield (
        "dup-key.json",
        doc_json.replace('"format"', '"format": "claimmap/1", "format"', 1).encode(),
    )
    yield "utf16.yaml", base.encode("utf-16")
    yield "latin1.yaml", raw.replace("المزهرية".encode(), b"caf\xe9")
    yield "gzipped.yaml", gzip.compress(raw)
    yield "deep.yaml", ("[" * 200 + "]" * 200).encode()
    yield "bomb.yaml", b"a: &a [x, x]\nb: &b [*a, *a]\nc: [*b, *b]\n"


def _csv_inputs() -> Iterator[tuple[str, bytes]]:
    text = dump_csv(parse_case_text(SMALL_CASE))
    for cut in range(0, len(text), 23):
        yield f"cut-{cut}.csv", text[:cut].encode()
    for n, value in enumerate(HOSTILE_VALUES):
        cell = value.replace('"', '""')
        yield (
            f"cell-{n}.csv",
            text.replace("Nobody heard anything.", cell, 1).encode("utf-8", "surrogatepass"),
        )
        yield (
            f"quoted-cell-{n}.csv",
            text.replace("Nobody heard anything.", f'"{cell}"', 1).encode("utf-8", "surrogatepass"),
        )
    rng = random.Random(7)
    for n in range(20):
        data = bytearray(text.encode())
        pos = rng.randrange(len(data))
        data[pos:pos] = rng.choice([b'"', b";", b"\t", b"\x00", b"\r", b",,,", b'"x"y'])
        yield f"insert-{n}.csv", bytes(data)
    yield "semicolons.csv", text.replace(",", ";").encode()
    yield "pipes.csv", text.replace(",", "|").encode()
    yield "zip.csv", dump_xlsx(parse_case_text(SMALL_CASE))
    yield "wide.csv", ("Evidence," + ",".join(f"h{i}" for i in range(1200)) + "\nx\n").encode()
    yield "header-only.csv", b"id,summary,source\n"


def _achz_inputs() -> Iterator[tuple[str, bytes]]:
    data = dump_achz(parse_case_text(SMALL_CASE))
    for cut in range(0, len(data), max(1, len(data) // 12)):
        yield f"cut-{cut}.achz", data[:cut]
    xml = gzip.decompress(data).decode("utf-16")
    for n, value in enumerate(["<!DOCTYPE x [<!ENTITY e 'x'>]>", "&e;", "\x00", "]]>", "<x>"]):
        yield (
            f"xml-{n}.achz",
            gzip.compress(xml.replace("Nobody heard anything.", value, 1).encode("utf-16")),
        )
    yield "not-gzip.achz", b"plain text"
    yield "gzip-bomb.achz", gzip.compress(b"\x00" * (80 * 1024 * 1024))


def _xlsx_inputs() -> Iterator[tuple[str, bytes]]:
    data = dump_xlsx(parse_case_text(SMALL_CASE))
    for cut in range(0, len(data), max(1, len(data) // 8)):
        yield f"cut-{cut}.xlsx", data[:cut]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("xl/workbook.xml", "<not-a-workbook/>")
    yield "fake.xlsx", buffer.getvalue()


def _aif_inputs() -> Iterator[tuple[str, bytes]]:
    text = render_aif(parse_case_text(SMALL_CASE))
    for cut in range(0, len(text), max(1, len(text) // 10)):
        yield f"cut-{cut}.aif.json", text[:cut].encode()
    yield "not-aif.aif.json", b'{"nodes": 3}'


READERS = {
    "case": _case_inputs,
    "csv": _csv_inputs,
    "achz": _achz_inputs,
    "xlsx": _xlsx_inputs,
    "aif": _aif_inputs,
}
EXPORTS_EVERY_TIME = [
    "yaml",
    "json",
    "csv",
    "xlsx",
    "achz",
    "argdown",
    "dot",
    "graphml",
    "aif",
    "mermaid",
    "markdown",
]
EXPORTS_SAMPLED = ["svg", "png", "pdf", "html"]  # Graphviz runs; tried on a sample


def _clean_refusal(output: str, path: Path) -> None:
    assert "Traceback" not in output and "claimmap: unexpected" not in output, output
    lines = output.strip().splitlines()
    assert lines, "a refusal must say why"
    for line in lines:
        assert line.startswith(f"{path}: ") or line.startswith("claimmap: nothing was imported"), (
            output
        )
        assert not re.search("[\x00-\x08\x0b-\x1f\x7f]", line), line


def _round_trips(doc) -> None:
    first = dump_yaml(doc)
    assert dump_yaml(parse_case_text(first)) == first


def test_the_corpus_is_refused_cleanly_or_round_trips_exactly(tmp_path, capsys):
    runner = CliRunner()
    db = tmp_path / "corpus.db"
    assert (
        runner.invoke(
            main,
            ["--db", str(db), "import", str(_write(tmp_path, "seed.yaml", SMALL_CASE.encode()))],
        ).exit_code
        == 0
    )
    listed = runner.invoke(main, ["--db", str(db), "list", "--json"]).output
    tried = refused = accepted = 0
    sampled = 0
    for reader, inputs in READERS.items():
        for name, data in inputs():
            tried += 1
            path = _write(tmp_path, f"{reader}-{name}", data)
            fmt = ["-f", reader] if reader == "aif" else []
            result = runner.invoke(main, ["--db", str(db), "import", *fmt, str(path)])
            if result.exit_code != 0:
                refused += 1
                assert result.exit_code == 1, (name, result.output)
                _clean_refusal(result.output, path)
                continue
            accepted += 1
            case = re.search(r"\(id (\d+)\)", result.output)
            assert case, result.output
            doc = runner.invoke(main, ["--db", str(db), "export", case.group(1)]).output
            _round_trips(parse_case_text(doc))
            parsed = parse_case_text(doc)
            for fmt_name in EXPORTS_EVERY_TIME + (EXPORTS_SAMPLED if sampled < 6 else []):
                try:
                    assert registry.export_format(fmt_name).render(parsed)
                except ExportError as exc:  # only a missing program may stop an export
                    assert "not found" in str(exc) or "install" in str(exc), (name, fmt_name, exc)
            sampled += 1
            assert (
                runner.invoke(main, ["--db", str(db), "delete", "--yes", case.group(1)]).exit_code
                == 0
            )
            assert runner.invoke(main, ["--db", str(db), "list", "--json"]).output == listed
        assert runner.invoke(main, ["--db", str(db), "list", "--json"]).output == listed
    with capsys.disabled():
        print(
            f"\nhostile corpus: {tried} inputs tried, {refused} refused cleanly, {accepted} accepted and round-tripped"
        )
    assert tried > 400 and refused > 200 and accepted > 20


def _write(folder: Path, name: str, data: bytes) -> Path:
    path = folder / re.sub(r"[^\w.\-]", "_", name)
    path.write_bytes(data)
    return path
