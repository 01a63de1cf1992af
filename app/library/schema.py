"""Library file schema, applied through ``sqlite_utils.Migrations`` only: the tables, the
full-text index's row layout, the migration steps in order, and which of them a file has had.

The checks made before a file is ever opened (not a library, corrupt, newer) are in
``file_checks``; a failed write's message in ``sqlite_errors``.
"""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # sqlite_utils costs ~70 ms to import; read-only opens never need it
    from sqlite_utils import Database, Migrations

# "DZHO" — lets us tell our files from other SQLite databases (PRAGMA application_id).
APPLICATION_ID = 0x445A484F
SQLITE_MAGIC = b"SQLite format 3\x00"
MIGRATION_SET = "duizhao"
MIGRATIONS_TABLE = "_sqlite_migrations"  # sqlite_utils.Migrations.migrations_table

# Migration 1 is frozen once released: a later schema change is a new migration, never an edit
# here (nor of the field lists below, which its triggers are generated from).
_SCHEMA_V1 = """
CREATE TABLE materials (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    title TEXT NOT NULL DEFAULT '',
    organization TEXT NOT NULL DEFAULT '',
    scope TEXT NOT NULL DEFAULT 'group',
    year INTEGER,
    meeting TEXT NOT NULL DEFAULT '',
    template_id TEXT NOT NULL DEFAULT 'custom',
    author TEXT NOT NULL DEFAULT '',
    date TEXT NOT NULL DEFAULT '',
    preamble TEXT NOT NULL DEFAULT '[]',
    closing TEXT NOT NULL DEFAULT '[]',
    created TEXT NOT NULL,
    updated TEXT NOT NULL,
    trashed INTEGER NOT NULL DEFAULT 0,
    word_count INTEGER NOT NULL DEFAULT 0,
    dimension_count INTEGER NOT NULL DEFAULT 0,
    point_count INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX materials_listing ON materials(trashed, updated);

CREATE TABLE nodes (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    material_id INTEGER NOT NULL REFERENCES materials(id) ON DELETE CASCADE,
    parent_id INTEGER REFERENCES nodes(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('section', 'dimension', 'point')),
    section_kind TEXT,
    heading TEXT NOT NULL DEFAULT '',
    short_name TEXT NOT NULL DEFAULT '',
    heading_prefix TEXT NOT NULL DEFAULT '',
    heading_suffix TEXT NOT NULL DEFAULT '',
    intro TEXT NOT NULL DEFAULT '[]',
    title TEXT NOT NULL DEFAULT '',
    body TEXT NOT NULL DEFAULT '',
    example TEXT NOT NULL DEFAULT '',
    example_lead TEXT NOT NULL DEFAULT '',
    example_sep TEXT NOT NULL DEFAULT ''
);
CREATE INDEX nodes_tree ON nodes(material_id, parent_id, kind, position);
CREATE INDEX nodes_parent ON nodes(parent_id);

CREATE TABLE links (
    problem_id INTEGER NOT NULL REFERENCES nodes(id) ON DELETE CASCADE,
    measure_id INTEGER NOT NULL REFERENCES nodes(id) ON DELETE CASCADE,
    PRIMARY KEY (problem_id, measure_id)
) WITHOUT ROWID;
CREATE INDEX links_measure ON links(measure_id);

CREATE TABLE revisions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    material_id INTEGER NOT NULL REFERENCES materials(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    created TEXT NOT NULL,
    word_count INTEGER NOT NULL DEFAULT 0,
    content TEXT NOT NULL
);
CREATE INDEX revisions_material ON revisions(material_id);

CREATE TABLE trash (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    material_id INTEGER NOT NULL REFERENCES materials(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    label TEXT NOT NULL DEFAULT '',
    deleted TEXT NOT NULL,
    parent_id INTEGER,
    position INTEGER,
    content TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX trash_material ON trash(material_id);

CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);

CREATE VIRTUAL TABLE search_fts USING fts5(text, content='', tokenize='trigram');
CREATE VIRTUAL TABLE search_vocab USING fts5vocab(search_fts, row);
"""

# Full-text index rows: one per non-empty text field, rowid = node id × 8 + field code (material
# fields: −(material id × 8 + code)), so a hit leads straight back to its node and field. The
# index is contentless (the text lives once, in nodes/materials); triggers keep it in step in
# the same transaction and hand FTS5 the exact old text on delete, as contentless tables need.
# Every indexed text ends with two newlines so each 1–2 character substring, even at the very
# end, starts some trigram: short queries find their rows through ``search_vocab``.
NODE_TEXT_FIELDS = ("heading", "title", "body", "example", "intro")
MATERIAL_TEXT_FIELDS = ("title", "preamble", "closing")
LIST_FIELDS = ("intro", "preamble", "closing")
FIELD_SHIFT = 8


def _text(row: str, field: str) -> str:
    if field in LIST_FIELDS:
        return f"(SELECT group_concat(value, char(10)) FROM json_each({row}.{field}))"
    return f"{row}.{field}"


def _index_sql(table: str, row: str, code: int, field: str, delete: bool) -> str:
    rowid = f"{row}.id * {FIELD_SHIFT} + {code}"
    if table == "materials":
        rowid = f"-({rowid})"
    command = "'delete', " if delete else ""
    columns = "search_fts, rowid, text" if delete else "rowid, text"
    return (
        f"INSERT INTO search_fts({columns}) SELECT {command}{rowid}, t || char(10, 10)"
        f" FROM (SELECT {_text(row, field)} AS t) WHERE t <> '';"
    )


def _index_triggers() -> str:
    out = []
    for table, fields in (("nodes", NODE_TEXT_FIELDS), ("materials", MATERIAL_TEXT_FIELDS)):
        inserts = "\n".join(_index_sql(table, "new", c, f, False) for c, f in enumerate(fields))
        deletes = "\n".join(_index_sql(table, "old", c, f, True) for c, f in enumerate(fields))
        out.append(
            f"CREATE TRIGGER {table}_index_ai AFTER INSERT ON {table} BEGIN\n{inserts}\nEND;"
        )
        out.append(
            f"CREATE TRIGGER {table}_index_ad AFTER DELETE ON {table} BEGIN\n{deletes}\nEND;"
        )
        for code, field in enumerate(fields):
            out.append(
                f"CREATE TRIGGER {table}_index_au_{field} AFTER UPDATE OF {field} ON {table}"
                f" WHEN old.{field} IS NOT new.{field} BEGIN\n"
                f"{_index_sql(table, 'old', code, field, True)}\n"
                f"{_index_sql(table, 'new', code, field, False)}\nEND;"
            )
    return "\n".join(out)


def m001_initial(db: Database) -> None:
    # Statement by statement: executescript() would commit the migration's transaction.
    for statement in _split_sql(_SCHEMA_V1 + _index_triggers()):
        db.execute(statement)
    db.execute(f"PRAGMA application_id = {APPLICATION_ID}")


def m002_layout(db: Database) -> None:
    """The shape the writer gave a material (issue 14): running text that is not an enumerated
    point, or a section/dimension heading written without its number (``numbered``), a dimension
    heading on its own line (``heading_alone``), a point title on its own line (``title_alone``),
    points each in their own paragraph (``points_apart``), and the point numbering style.
    Defaults reproduce exactly what version 1 libraries printed."""
    for statement in (
        "ALTER TABLE nodes ADD COLUMN numbered INTEGER NOT NULL DEFAULT 1",
        "ALTER TABLE nodes ADD COLUMN heading_alone INTEGER NOT NULL DEFAULT 0",
        "ALTER TABLE nodes ADD COLUMN points_apart INTEGER NOT NULL DEFAULT 0",
        "ALTER TABLE nodes ADD COLUMN title_alone INTEGER NOT NULL DEFAULT 0",
        "ALTER TABLE materials ADD COLUMN point_style TEXT NOT NULL DEFAULT 'shi'",
    ):
        db.execute(statement)


def m003_rectification(db: Database) -> None:
    """The 整改清单 (issue 17) on each measure point: 责任领导/责任人, 完成时限 (ISO date,
    长期坚持 or empty), 整改状态 (not_started / in_progress / done) and a short note. Columns of
    ``nodes``, so trash, snapshots and copies carry them with the point; not in the search index
    (m001's triggers are frozen; the list is searched in its own view)."""
    for statement in (
        "ALTER TABLE nodes ADD COLUMN responsible TEXT NOT NULL DEFAULT ''",
        "ALTER TABLE nodes ADD COLUMN deadline TEXT NOT NULL DEFAULT ''",
        "ALTER TABLE nodes ADD COLUMN status TEXT NOT NULL DEFAULT 'not_started'",
        "ALTER TABLE nodes ADD COLUMN status_note TEXT NOT NULL DEFAULT ''",
    ):
        db.execute(statement)


def m004_compilation(db: Database) -> None:
    """What a 汇编 (issue 17) needs of each material: the author's 职务 (``job_title``) and its
    place among the members (``rank``, 0 = not set). Defaults leave older materials as they
    printed."""
    for statement in (
        "ALTER TABLE materials ADD COLUMN job_title TEXT NOT NULL DEFAULT ''",
        "ALTER TABLE materials ADD COLUMN rank INTEGER NOT NULL DEFAULT 0",
    ):
        db.execute(statement)


def _split_sql(script: str) -> list[str]:
    """Split a schema script into statements (triggers hold ';' inside BEGIN … END)."""
    statements, current = [], ""
    for line in script.strip().splitlines(keepends=True):
        current += line
        if sqlite3.complete_statement(current):
            statements.append(current.strip())
            current = ""
    if current.strip():
        raise ValueError(f"incomplete SQL statement: {current!r}")
    return statements


# The schema migrations in order, by name: a new migration is appended here; released ones are
# never renamed or removed. Plain data, so read-only opens can list the names without sqlite_utils.
def m006_similarity_index(db: Database) -> None:
    """The 查重 fingerprint index (issue 18), built for the texts already stored."""
    from app.library.similarity import m006_similarity_index as build

    build(db)


def m007_similarity_renormalise(db: Database) -> None:
    """The 查重 index again, after a change to how text is normalised (issue 18 follow-up)."""
    from app.library.similarity import m007_similarity_renormalise as rebuild

    rebuild(db)


_MIGRATION_STEPS = (
    ("m001_initial", m001_initial),
    ("m002_layout", m002_layout),
    ("m003_rectification", m003_rectification),
    ("m004_compilation", m004_compilation),
    ("m006_similarity_index", m006_similarity_index),
    ("m007_similarity_renormalise", m007_similarity_renormalise),
)
MIGRATION_NAMES = tuple(name for name, _ in _MIGRATION_STEPS)


def build_migrations() -> Migrations:
    """A fresh ``sqlite_utils.Migrations`` set of the steps above, built per call (no module
    state to mutate): importing this module — and a read-only open — does not import
    sqlite_utils."""
    from sqlite_utils import Migrations  # only writable opens get here

    built = Migrations(MIGRATION_SET)
    for name, step in _MIGRATION_STEPS:
        built(name=name)(step)
    return built


def known_migration_names() -> set[str]:
    return set(_registered_names())


def _registered_names() -> tuple[str, ...]:
    return tuple(name for name, _ in _MIGRATION_STEPS)  # read per call: a test may add a step


def applied_migration_names(conn: sqlite3.Connection) -> set[str]:
    """Names recorded in ``_sqlite_migrations`` for our set, read with plain SQL."""
    exists = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", [MIGRATIONS_TABLE]
    ).fetchone()
    if exists is None:
        return set()
    rows = conn.execute(
        f"SELECT name FROM {MIGRATIONS_TABLE} WHERE migration_set = ?", [MIGRATION_SET]
    )
    return {r[0] for r in rows}


def pending_migration_names(conn: sqlite3.Connection) -> list[str]:
    """Migrations not yet applied, in order; the read-only counterpart of
    ``migrations.pending(db)`` that needs no sqlite_utils."""
    applied = applied_migration_names(conn)
    return [name for name in _registered_names() if name not in applied]
