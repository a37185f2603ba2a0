"""The schema's newest revision, and where the migrations are, known without loading Alembic
or SQLAlchemy."""

from pathlib import Path

# The newest migration in db/versions; tests/test_migrations.py checks it is Alembic's
# head. Knowing it here lets an up-to-date database open without loading Alembic at all.
HEAD_REVISION = "0005"


def migrations_dir() -> Path:
    """The Alembic scripts: inside the installed wheel, or the source tree's top-level db/."""
    from importlib import resources  # here: an open up-to-date file needs HEAD_REVISION alone

    packaged = Path(str(resources.files("claimmap"))) / "db"
    if (packaged / "env.py").is_file():
        return packaged
    return Path(__file__).resolve().parents[2] / "db"
