"""Command-line benchmarks: every figure is the real `claimmap` command, from process start to
its end (the file written, the text printed), with its peak RSS from the kernel, beside a
baseline program run in the same invocation on the same file or database (baselines.py):

- `validate` JSON / YAML       vs `json.load` / `yaml.load(CSafeLoader)` of the same file
- `import` JSON                vs json.load + executemany of the same rows into the real schema
- `show`, `score`, `export -f json|yaml`
                               vs a raw select of the rows the case is made of
- `rate`, `set`, `add`, `undo` vs one bare sqlite3 UPDATE by key; and `python -c pass`
- every export format of the export case (5 x 5,000 x 1, 50 links) vs the Argdown CLI parsing
  the exported map (`argdown json`, Node start included; installed into .ci/node by
  .ci/node-tools, as `.ci/run` installs it, when it is missing)

    python benchmarks/bench_cli.py [--sizes hts 12x300x1 50x5000x5] [--quick]

Usually run through benchmarks/run_all.py, which writes benchmarks/RESULTS.md.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from harness import CLAIMMAP, HERE, PYTHON, REPO, Runs, clean_env, fmt_s, repeat, run_measured
from sizes import EXPORT_CASE, SIZES, Prepared, Size, prepare

BASELINES = str(HERE / "baselines.py")
ARGDOWN = REPO / ".ci" / "node" / "node_modules" / ".bin" / "argdown"


@dataclass
class Row:
    size: str
    what: str
    runs: Runs
    baseline: str = ""
    base: Runs | None = None
    target: str = ""
    verdict: str = ""

    @property
    def ratio(self) -> float | None:
        return self.runs.median / self.base.median if self.base else None


def judge(row: Row, limit_ratio: float | None = None, limit_s: float | None = None) -> Row:
    """Set the row's target and verdict: a ratio to its baseline and/or seconds (median)."""
    parts, ok = [], True
    if limit_ratio is not None and row.ratio is not None:
        parts.append(f"<= {limit_ratio:g}x")
        ok &= row.ratio <= limit_ratio
    if limit_s is not None:
        parts.append(f"<= {fmt_s(limit_s)}")
        ok &= row.runs.median <= limit_s
    row.target, row.verdict = " and ".join(parts), ("pass" if ok else "FAIL") if parts else ""
    return row


def empty_database(folder: Path) -> Path:
    """A brand-new claimmap database (the real schema and indexes), made once, copied later."""
    db = folder / "empty.db"
    if not db.exists():
        run_measured([CLAIMMAP, "list"], clean_env(CLAIMMAP_DB=str(db)))
    return db


def fresh_copy(src: Path, dst: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{dst}{suffix}").unlink(missing_ok=True)
    shutil.copyfile(src, dst)


class SizeBench:
    def __init__(self, case: Prepared, folder: Path, runs: int, warm: bool) -> None:
        self.case, self.folder, self.runs, self.warm = case, folder, runs, warm
        self.name = case.size.name
        self.db = folder / "work.db"
        self.env = clean_env(CLAIMMAP_DB=str(self.db), CLAIMMAP_ANALYST="bench")
        self.rows: list[Row] = []

    def cli(self, *args: str) -> list[str]:
        return [CLAIMMAP, *args]

    def base(self, *args: str) -> list[str]:
        return [PYTHON, BASELINES, *args]

    def time(
        self,
        argv: list[str] | Callable[[int], list[str]],
        before: Callable[[int], None] | None = None,
        env: dict[str, str] | None = None,
        warmup: bool | None = None,
    ) -> Runs:
        warm = self.warm if warmup is None else warmup
        return repeat(argv, env or self.env, self.runs, warmup=warm, before=before)

    def run(self, floor: Runs) -> list[Row]:
        c, f = self.case, self.folder
        # The issue sets the bulk targets (validate, import, export, show, score) for the big
        # case; on a small one the ratio measures Python's start against a 50 ms script.
        big = self.case.size.name == "50x5000x5"
        # -- reading files
        for kind, file, loader in (
            ("JSON", c.json_file, "json-load"),
            ("YAML", c.yaml_file, "yaml-load"),
        ):
            row = Row(
                self.name,
                f"validate {kind}",
                self.time(self.cli("validate", str(file))),
                f"{loader} (same file)",
                self.time(self.base(loader, str(file))),
            )
            self.rows.append(judge(row, 5.0 if kind == "JSON" and big else None))
        # -- import: each run into a copy of a brand-new database
        empty = empty_database(f.parent)
        imported = self.time(
            self.cli("import", str(c.json_file)),
            before=lambda i: fresh_copy(empty, self.db),
            warmup=False,
        )
        raw_db = f / "raw.db"
        raw = self.time(
            self.base("sqlite-import", str(c.json_file), str(raw_db)),
            before=lambda i: fresh_copy(empty, raw_db),
            warmup=False,
        )
        self.rows.append(
            judge(
                Row(self.name, "import JSON (new db)", imported, "json.load+executemany", raw),
                2.0 if big else None,
            )
        )
        # -- reads: the work database now holds the case
        select = self.time(self.base("sqlite-select", str(self.db), c.slug))
        self.rows.append(
            judge(Row(self.name, "show", self.time(self.cli("show", c.slug)), "raw select", select),
                  None, 3.0 if big else None)
        )  # fmt: skip
        self.rows.append(
            judge(Row(self.name, "score", self.time(self.cli("score", c.slug)), "raw select", select),
                  None, 3.0 if big else None)
        )  # fmt: skip
        for fmt in ("json", "yaml"):
            out = f / f"export.{fmt}"
            argv = self.cli("export", c.slug, "-f", fmt, "-o", str(out))
            row = Row(self.name, f"export -f {fmt}", self.time(argv), "raw select", select)
            self.rows.append(judge(row, 4.0 if fmt == "json" and big else None))
        # -- edits, each against the bare UPDATE and the interpreter's floor
        ev, hyp = c.evidence_ids[1], c.hypothesis_ids[1]
        update = self.time(self.base("sqlite-update", str(self.db), c.slug, ev, hyp, "II"))
        values = ("II", "CC")
        edits = {
            "rate": self.time(lambda i: self.cli("rate", c.slug, ev, hyp, values[i % 2])),
            "set": self.time(lambda i: self.cli("set", c.slug, ev, f"notes=bench note {i}")),
        }
        # `add` runs (warm-up included) are then undone one by one by the `undo` runs
        edits["add"] = self.time(
            lambda i: self.cli("add", c.slug, "evidence", f"id=BENCH{i + 2}", "summary=bench")
        )
        edits["undo"] = self.time(self.cli("undo", c.slug))
        for name, runs in edits.items():
            self.rows.append(judge(Row(self.name, name, runs, "sqlite3 UPDATE", update), 8.0))
            self.rows.append(
                Row(self.name, f"  {name}: x python -c pass", runs, "python -c pass", floor)
            )
        return self.rows


def export_formats(folder: Path, runs: int, warm: bool = True) -> list[Row]:
    """Every export format of the export case, from the database to the file written."""
    from claimmap.formats.registry import EXPORTS

    case = prepare(EXPORT_CASE, folder)
    db = folder / "work.db"
    env = clean_env(CLAIMMAP_DB=str(db))
    if not db.exists():
        run_measured([CLAIMMAP, "import", str(case.json_file)], env)
    baseline: Runs | None = None
    label = "Argdown CLI absent (no npm?)"
    if not ARGDOWN.exists():  # installed as .ci/run installs it, from the npm registry
        subprocess.run(["bash", str(REPO / ".ci" / "node-tools")], check=False)
    if ARGDOWN.exists():
        amap = folder / "map.argdown"
        run_measured([CLAIMMAP, "export", case.slug, "-f", "argdown", "-o", str(amap)], env)
        argdown = [str(ARGDOWN), "json", str(amap), "--stdout", "--silent"]
        baseline = repeat(argdown, env, runs, warmup=warm)
        label = "argdown json (parse)"
    rows = []
    for name, fmt in EXPORTS.items():
        out = folder / f"out{fmt.suffix}"
        argv = [CLAIMMAP, "export", case.slug, "-f", name, "-o", str(out)]
        took = repeat(argv, env, runs, warmup=warm)
        rows.append(
            judge(Row(EXPORT_CASE.name, f"export -f {name}", took, label, baseline), None, 2.0)
        )
    return rows


def bench(sizes: list[Size], folder: Path, quick: bool) -> list[Row]:
    floor = repeat([PYTHON, "-c", "pass"], clean_env(), 3 if quick else 7)
    rows: list[Row] = []
    for size in sizes:
        big = size.name == "50x5000x5"
        runs = (1 if big else 3) if quick else (3 if big else 5)
        case = prepare(size, folder / size.name)
        rows += SizeBench(case, folder / size.name, runs, warm=not (big and quick)).run(floor)
    rows += _big_against_small(rows)
    rows += export_formats(folder / "export-case", 1 if quick else 3, warm=not quick)
    return rows


def _big_against_small(rows: list[Row]) -> list[Row]:
    """An edit costs what one item costs: each edit on the big case against the same command
    on HTS, both measured above (the issue's 1.5x)."""
    found = {(r.size, r.what): r.runs for r in rows}
    return [
        judge(Row("50x5000x5", f"  {edit}: x the same on hts", big, f"hts {edit}", small), 1.5)
        for edit in ("rate", "set", "add", "undo")
        if (big := found.get(("50x5000x5", edit))) and (small := found.get(("hts", edit)))
    ]


def table(rows: list[Row]) -> list[str]:
    head = "| size | what | median | max | first | peak RSS | baseline | baseline median | ratio | target | |"
    out = [head, "|" + "---|" * 11]
    for r in rows:
        ratio = f"{r.ratio:.1f}x" if r.ratio is not None else ""
        base = fmt_s(r.base.median) if r.base else ""
        out.append(
            f"| {r.size} | {r.what} | {fmt_s(r.runs.median)} | {fmt_s(r.runs.max)} | "
            f"{fmt_s(r.runs.first)} | {r.runs.peak_mb:.0f} MB | {r.baseline} | {base} | "
            f"{ratio} | {r.target} | {r.verdict} |"
        )
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", nargs="*", default=list(SIZES), choices=list(SIZES))
    parser.add_argument("--quick", action="store_true", help="fewer runs (1 on the big case)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="claimmap-bench-") as tmp:
        rows = bench([SIZES[s] for s in args.sizes], Path(tmp), args.quick)
    print("\n".join(table(rows)))


if __name__ == "__main__":
    main()
