"""The schema's newest revision, known without loading Alembic or SQLAlchemy."""

# The newest migration in db/versions; tests/test_migrations.py checks it is Alembic's
# head. Knowing it here lets an up-to-date database open without loading Alembic at all.
HEAD_REVISION = "0005"
