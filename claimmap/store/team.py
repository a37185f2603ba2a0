"""Who may do what on a PostgreSQL team server, enforced by the server itself.

Each database gets three group roles, `claimmap_<db>_viewer`, `_analyst` and `_lead` (an
analyst is also a viewer, a lead also an analyst); a team member is a login role in one of
them. A viewer reads. An analyst edits case content and, through row-level security on
`ratings`, only the ratings filed under their own login; they append to the change log only
under their own login. A lead also deletes cases, writes anyone's ratings (imports, copies)
and manages the team (their login gets CREATEROLE). The database's owner, who ran
`claimmap db upgrade`, bypasses row-level security as owners do.
"""

from __future__ import annotations

import re

from sqlalchemy import Connection

from claimmap.store.errors import StoreError

ROLES = ("viewer", "analyst", "lead")
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_.-]{0,62}")

# What an analyst may change, table by table (SELECT comes with being a viewer).
CONTENT = (
    "hypotheses",
    "hypothesis_relations",
    "sources",
    "evidence",
    "ratings",
    "assumptions",
    "assumption_hypotheses",
    "indicators",
    "links",
    "teaching",
    "reviews",
    "judgements",
)


def _q(conn: Connection, name: str) -> str:
    return conn.dialect.identifier_preparer.quote_identifier(name)


def groups(conn: Connection) -> dict[str, str]:
    """role → this database's group role name."""
    database = str(conn.exec_driver_sql("SELECT current_database()").scalar())
    base = re.sub(r"[^A-Za-z0-9_]", "_", database)[:40]
    return {role: f"claimmap_{base}_{role}" for role in ROLES}


def _exists(conn: Connection, role: str) -> bool:
    found = conn.exec_driver_sql("SELECT 1 FROM pg_roles WHERE rolname = %s", (role,))
    return found.first() is not None


def is_set_up(conn: Connection) -> bool:
    return all(_exists(conn, g) for g in groups(conn).values())


def set_up(conn: Connection) -> None:
    """Create the group roles, their grants and the row-level security policies; run again
    after a migration adds tables. Needs the database's owner (who also has CREATEROLE)."""
    g = {role: _q(conn, name) for role, name in groups(conn).items()}
    for role, name in groups(conn).items():
        if not _exists(conn, name):
            conn.exec_driver_sql(f"CREATE ROLE {g[role]} NOLOGIN")
    conn.exec_driver_sql(f"GRANT {g['viewer']} TO {g['analyst']}")
    conn.exec_driver_sql(f"GRANT {g['analyst']} TO {g['lead']}")
    database = _q(conn, str(conn.exec_driver_sql("SELECT current_database()").scalar()))
    run = conn.exec_driver_sql
    run(f"GRANT CONNECT ON DATABASE {database} TO {g['viewer']}")
    run(f"GRANT USAGE ON SCHEMA public TO {g['viewer']}")
    run(f"GRANT SELECT ON ALL TABLES IN SCHEMA public TO {g['viewer']}")
    run(f"GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO {g['analyst']}")
    run(f"GRANT INSERT, UPDATE, DELETE ON {', '.join(CONTENT)} TO {g['analyst']}")
    run(f"GRANT INSERT, UPDATE ON cases TO {g['analyst']}")
    run(f"GRANT INSERT ON analysts TO {g['analyst']}")  # never UPDATE: no renaming a colleague
    run(f"GRANT INSERT, UPDATE (state) ON changes TO {g['analyst']}")
    run(f"GRANT DELETE ON cases TO {g['lead']}")
    mine = "analyst_id IN (SELECT id FROM analysts WHERE name = current_user)"
    policies = {
        "ratings": [
            ("claimmap_read", "FOR SELECT", "USING (true)"),
            ("claimmap_own", f"FOR ALL TO {g['analyst']}", f"USING ({mine}) WITH CHECK ({mine})"),
            ("claimmap_lead", f"FOR ALL TO {g['lead']}", "USING (true) WITH CHECK (true)"),
        ],
        "changes": [
            ("claimmap_read", "FOR SELECT", "USING (true)"),
            ("claimmap_log", f"FOR INSERT TO {g['analyst']}", "WITH CHECK (who = current_user)"),
            ("claimmap_state", f"FOR UPDATE TO {g['analyst']}", "USING (true) WITH CHECK (true)"),
        ],
    }
    for tbl, rules in policies.items():
        run(f"ALTER TABLE {tbl} ENABLE ROW LEVEL SECURITY")
        for name, scope, rule in rules:
            run(f"DROP POLICY IF EXISTS {name} ON {tbl}")
            run(f"CREATE POLICY {name} ON {tbl} {scope} {rule}")


def check_name(name: str) -> str:
    if not _NAME.fullmatch(name):
        raise StoreError(
            f"{name!r} cannot be a login name: use letters, digits, _ . - (63 at most), "
            "starting with a letter or _"
        )
    return name


def role_of(conn: Connection, login: str) -> str | None:
    """The login's team role in this database (the highest it holds), or None."""
    if not is_set_up(conn):
        return None
    for role, group in reversed(groups(conn).items()):
        held = conn.exec_driver_sql("SELECT pg_has_role(%s, %s, 'MEMBER')", (login, group))
        if held.scalar():
            return role
    return None


def add(conn: Connection, name: str, role: str) -> bool:
    """Make `name` a `role` of this database, creating the login when it is new (without a
    password: set one with psql's \\password, which never sends it in clear). Returns whether
    the login was created."""
    check_name(name)
    if not is_set_up(conn):
        set_up(conn)
    created = not _exists(conn, name)
    who = _q(conn, name)
    if created:
        conn.exec_driver_sql(f"CREATE ROLE {who} LOGIN")
    for other, group in groups(conn).items():
        if other != role:
            conn.exec_driver_sql(f"REVOKE {_q(conn, group)} FROM {who}")
    conn.exec_driver_sql(f"GRANT {_q(conn, groups(conn)[role])} TO {who}")
    if role == "lead":
        # A lead hands out every role of this database; PostgreSQL 16 and later let a
        # CREATEROLE login grant only roles it holds WITH ADMIN OPTION.
        for group in groups(conn).values():
            conn.exec_driver_sql(f"GRANT {_q(conn, group)} TO {who} WITH ADMIN OPTION")
    conn.exec_driver_sql(f"ALTER ROLE {who} {'CREATEROLE' if role == 'lead' else 'NOCREATEROLE'}")
    return created


def members(conn: Connection) -> list[tuple[str, str]]:
    """(login, role) of everyone on this database's team, by name."""
    if not is_set_up(conn):
        return []
    by_group = {group: role for role, group in groups(conn).items()}
    rows = conn.exec_driver_sql(
        "SELECT m.rolname, g.rolname FROM pg_auth_members am "
        "JOIN pg_roles m ON m.oid = am.member JOIN pg_roles g ON g.oid = am.roleid "
        "WHERE m.rolcanlogin AND g.rolname = ANY(%s)",
        (list(by_group),),
    )
    best: dict[str, str] = {}
    for login, group in rows:
        role = by_group[group]
        if ROLES.index(role) >= ROLES.index(best.get(login, "viewer")):
            best[login] = role
    return sorted(best.items())


def remove(conn: Connection, name: str) -> None:
    """Take `name` off this database's team. The login itself stays: PostgreSQL logins are
    shared by every database on the server, and the change log still names them."""
    check_name(name)
    if name not in dict(members(conn)):
        raise StoreError(f"{name} is not on this database's team (see `claimmap team list`)")
    who = _q(conn, name)
    for group in groups(conn).values():
        conn.exec_driver_sql(f"REVOKE {_q(conn, group)} FROM {who}")
    conn.exec_driver_sql(f"ALTER ROLE {who} NOCREATEROLE")


def require_lead(conn: Connection, login: str, what: str) -> None:
    """Refuse `what` unless `login` leads this database's team or owns the database (the
    owner set the team up and bypasses row-level security anyway)."""
    owner = conn.exec_driver_sql(
        "SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = current_database()"
    ).scalar()
    if login == owner:
        return
    role = role_of(conn, login)
    if role != "lead":
        held = f"a team {role}" if role else "not on this database's team"
        raise StoreError(
            f"only a team lead may {what}; {login} is {held} (a lead can change it, "
            "or make you a lead with `claimmap team add NAME --lead`); nothing was changed"
        )
