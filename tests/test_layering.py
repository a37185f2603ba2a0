"""The core never imports the terminal UI, and the pure layers never touch the database."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def _loaded(imports: str, forbidden: str) -> list[str]:
    """Modules a fresh interpreter has loaded after `imports` that satisfy `forbidden`
    (an expression over `m`, the module's name)."""
    code = (
        f"import sys\n{imports}\nprint(','.join(sorted(m for m in sys.modules if {forbidden})))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return [m for m in out.stdout.strip().split(",") if m]


TEACHING_IMPORTS = (
    "import claimmap.teaching.guided, claimmap.teaching.assumptions, claimmap.teaching.quality\n"
    "import claimmap.teaching.indicators, claimmap.teaching.devils_advocate\n"
    "import claimmap.teaching.grading, claimmap.teaching.grading_text"
)


def test_core_layers_do_not_import_textual_or_the_cli():
    imports = (
        "import claimmap.model, claimmap.scoring, claimmap.formats, claimmap.store\n"
        "import claimmap.model.document, claimmap.scoring.methods, claimmap.scoring.view\n"
        "import claimmap.formats.casefile_read, claimmap.formats.casefile_write\n"
        "import claimmap.formats.casefile_matrix, claimmap.formats.csv_read\n"
        "import claimmap.formats.csv_matrix, claimmap.formats.xlsx_matrix\n"
        "import claimmap.formats.achz_read, claimmap.formats.achz_write\n"
        "import claimmap.store.case_store, claimmap.scoring.matrix, claimmap.scoring.report\n"
        f"{TEACHING_IMPORTS}"
    )
    forbidden = (
        "m.split('.')[0] == 'textual' or m.startswith(('claimmap.cli', 'claimmap.tui'))"
        " or m == 'click'"
    )
    assert _loaded(imports, forbidden) == []


def test_model_and_scoring_do_not_touch_the_database():
    forbidden = (
        "m.split('.')[0] in ('sqlalchemy', 'sqlmodel', 'alembic') or m.startswith('claimmap.store')"
    )
    # the packages load their names lazily, so import the modules behind those names too
    imports = (
        "import claimmap.model, claimmap.scoring\n"
        "import claimmap.model.document, claimmap.model.problems, claimmap.model.references\n"
        "import claimmap.scoring.matrix, claimmap.scoring.methods, claimmap.scoring.report\n"
        "import claimmap.scoring.view, claimmap.scoring.sensitivity"
    )
    assert _loaded(imports, forbidden) == []


def test_the_check_itself_sees_a_forbidden_import():
    # Guards against a harness that could never fail: the CLI does import click.
    assert "click" in _loaded("import claimmap.cli", "m == 'click'")


def test_teaching_stays_off_the_database():
    forbidden = (
        "m.split('.')[0] in ('sqlalchemy', 'sqlmodel', 'alembic', 'textual', 'click')"
        " or m.startswith(('claimmap.store', 'claimmap.cli', 'claimmap.tui'))"
    )
    assert _loaded(TEACHING_IMPORTS, forbidden) == []


def test_the_interface_paints_before_loading_the_database_layer():
    """What `claimmap open` imports before its first frame: the CLI, the app and its help."""
    heavy = "m.split('.')[0] in ('sqlalchemy', 'alembic', 'sqlmodel', 'numpy', 'yaml')"
    imports = "import claimmap.cli, claimmap.cli.tui_commands, claimmap.tui.app"
    assert _loaded(imports, heavy) == []


def test_the_case_reaches_the_screen_without_the_editor_or_the_models():
    """What `claimmap open` imports to read and show a stored case before its first paint:
    no document models, no editor's code, no package-resource lookups (each some ms)."""
    heavy = (
        "m.split('.')[0] in ('sqlalchemy', 'alembic', 'yaml', 'pydantic')"
        " or m in ('importlib.resources', 'claimmap.store.edit_steps', 'claimmap.model.document')"
    )
    imports = (
        "import claimmap.cli.tui_commands, claimmap.tui.app, claimmap.store.case_reader\n"
        "import claimmap.samples, claimmap.tui.screens.case_screen"
    )
    assert _loaded(imports, heavy) == []


def test_every_command_is_registered_where_it_is_defined():
    import importlib

    from claimmap.cli import COMMAND_MODULES

    defined = {}
    for module in set(COMMAND_MODULES.values()):
        for command in importlib.import_module(f"claimmap.cli.{module}").COMMANDS:
            defined[command.name] = module
    assert defined == COMMAND_MODULES


def test_a_command_line_edit_starts_without_numpy_or_the_document_models():
    # `claimmap rate` needs the store and the command, not the scoring engine, pydantic or
    # its case models: loading them cost a third of an edit's start-up. Nor SQLModel and the
    # ORM: the store's tables are Core tables, and the ORM cost another third.
    imports = "import claimmap.cli, claimmap.cli.edit_commands, claimmap.store.case_store"
    forbidden = (
        "m.split('.')[0] in ('numpy', 'yaml', 'networkx', 'alembic', 'sqlmodel', 'pydantic')"
        " or m.startswith(('claimmap.model.document', 'claimmap.scoring', 'claimmap.formats'))"
        " or m.startswith('sqlalchemy.orm')"
    )
    assert _loaded(imports, forbidden) == []


def test_commands_on_files_alone_never_load_the_database_layer():
    # `validate` reads a file: SQLAlchemy's import was half its time on the HTS sample
    sample = str(Path(__file__).resolve().parents[1] / "sample_cases" / "hts-idlib-2018.yaml")
    forbidden = "m.split('.')[0] in ('sqlalchemy', 'alembic') or m == 'claimmap.store.engine'"
    run = (
        "import contextlib, io\n"
        "from claimmap.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    main(['validate', {sample!r}], standalone_mode=False)\n"
        "import claimmap.user_errors, claimmap.cli.read_commands, claimmap.cli.score_command"
    )
    assert _loaded(run, forbidden) == []


def test_listing_cases_loads_no_models_readers_or_numpy(tmp_path):
    # `list` reads the cases table: pydantic's models and the file readers were a third of it
    forbidden = "m.split('.')[0] in ('pydantic', 'yaml', 'numpy', 'networkx')"
    db = str(tmp_path / "empty.db")
    run = (
        "import contextlib, io\n"
        "from claimmap.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    main(['--db', {db!r}, 'list'], standalone_mode=False)"
    )
    assert _loaded(run, forbidden) == []


JUDGED = ("likelihood=likely", "confidence=moderate")


def _hts_database(tmp_path: Path, name: str) -> tuple[str, str]:
    """A database file holding the HTS sample, and the case's slug."""
    from claimmap.formats.casefile_read import read_case_file
    from claimmap.store.case_store import Store

    sample = Path(__file__).resolve().parents[1] / "sample_cases" / "hts-idlib-2018.yaml"
    db = str(tmp_path / name)
    store = Store.open(db)
    slug = store.import_document(read_case_file(sample)).slug
    store.close()
    return db, slug


def _command(db: str, command: list[str], printed: str) -> str:
    """Code that runs one claimmap command on `db` and checks that it printed `printed`."""
    return (
        "import contextlib, io\n"
        "from claimmap.cli import main\n"
        "said = io.StringIO()\n"
        "with contextlib.redirect_stdout(said):\n"
        f"    main(['--db', {db!r}, *{command!r}], standalone_mode=False)\n"
        f"assert {printed!r} in said.getvalue(), said.getvalue()[:300]"
    )


def test_reading_rating_and_undoing_on_an_up_to_date_file_never_load_sqlalchemy(tmp_path):
    # `show`, `score` and `export` read a SQLite file through sqlite3 (store/case_reader.py),
    # and `add`, `set` (of an item or of the case), `remove`, `rate`, `undo`, `redo` and
    # `history` go through it (store/sqlite_editor.py):
    # SQLAlchemy's import took longer than their whole work on a small case
    from claimmap.store.case_store import Store

    db, slug = _hts_database(tmp_path, "read.db")
    out = tmp_path / "out.md"
    forbidden = "m.split('.')[0] in ('sqlalchemy', 'alembic', 'sqlmodel')"
    for command, printed in (
        (["show", slug], "Strategic retreat"),
        (["score", "--draws", "50", slug], "H1"),
        (["export", "-f", "markdown", "-o", str(out), slug], ""),
        (["add", slug, "evidence", "summary=Seen from the road"], "added evidence E19"),
        (["set", slug, "E1", "notes=checked twice"], "changed E1"),
        (["remove", slug, "E19", "--yes"], "removed E19 (1 evidence)"),
        (["set", slug, "case", "tags=syria, idlib"], "changed tags of"),
        (
            ["set", slug, "judgement", "bottom_line=A retreat", "hypothesis=H1", *JUDGED],
            "changed judgement",
        ),
        (["rate", slug, "E1", "H1", "II"], "E1 × H1: II"),
        (["rate", slug, "E2", "H1", "CC"], "E2 × H1: CC"),
        (["undo", slug], "undone: rate E2 × H1"),
        (["redo", slug], "redone: rate E2 × H1"),
        (["history", slug], "rate E1 × H1"),
    ):
        assert _loaded(_command(db, command, printed), forbidden) == [], command
    assert "انسحابات" in out.read_text(encoding="utf-8")  # the export did run
    store = Store.open(db)
    newest = [entry.action for entry in store.history(None, 4)]
    store.close()
    assert newest[0].startswith("redo: rate E2 × H1") and newest[3].endswith("→ II")


def test_scoring_a_stored_case_loads_the_document_models_only_for_its_judgement(tmp_path):
    # `score` reads the matrix in columns; pydantic and the case models were a third of its
    # time on the HTS sample, and they are needed only to read a written judgement
    from claimmap.store.case_store import Store

    db, slug = _hts_database(tmp_path, "score.db")
    forbidden = "m.split('.')[0] == 'pydantic' or m == 'claimmap.model.document'"
    score = ["score", "--draws", "50", slug]
    assert _loaded(_command(db, score, "No judgement written yet"), forbidden) == []
    store = Store.open(db)
    judgement = {"bottom_line": "A retreat", "hypothesis": "H1"}
    store.update_case(1, {"judgement": {**judgement, "likelihood": "likely", "confidence": "low"}})
    store.close()
    loaded = _loaded(_command(db, score, "You judged H1 most likely"), forbidden)
    assert "claimmap.model.document" in loaded
