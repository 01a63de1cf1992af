"""The 查重 index: winnowed fingerprints (``app.compare.fingerprints``) of every text a writer
types — point title/body/example, section and dimension intros, a material's preamble and
closing — with where each sits, so a material is compared with a thousand others by a few
index look-ups instead of reading them all.

Kept right on every write without each write path having to remember it: triggers (plain SQL,
so every path — edits, tree changes, imports, trash, restores, snapshot restores — is covered,
as are paths added later) put every inserted, changed or deleted node / material in
``similarity_stale``; ``refresh_stale`` re-indexes those in Python at the end of each
``Library._write`` transaction, so the index is never behind what a commit wrote.
Section and dimension headings are not indexed: they are the template's wording, the same in
every material of a year.

Rows: ``key`` = node id × 8 + field code (a material's own fields: −(material id × 8 + code)),
``pos`` = the fingerprint's offset in the field's normalised text (a list field's paragraphs
joined). ``similarity_texts`` keeps each material's normalised stream, which the alignment
reads instead of normalising every source again. Trashed materials stay indexed (a restore needs
nothing) and are filtered at query.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlite_utils import Database

    from app.library.records import IndexedMaterial

FIELD_SHIFT = 8
NODE_FIELDS = {"title": 0, "body": 1, "example": 2, "intro": 3}
MATERIAL_FIELDS = {"preamble": 4, "closing": 5}
LIST_FIELDS = ("intro", "preamble", "closing")
_CHUNK = 500  # ids per IN (…) list

_SCHEMA = (
    # The inverted index, looked up by hash. No index by key (it would double the size): a
    # field's rows are deleted through its stored text, whose fingerprints name them exactly.
    "CREATE TABLE similarity_grams (hash INTEGER NOT NULL, key INTEGER NOT NULL,"
    " pos INTEGER NOT NULL, material_id INTEGER NOT NULL, PRIMARY KEY (hash, key, pos))"
    " WITHOUT ROWID",
    # Each material's normalised stream (its indexed fields in ``stream_order``, joined) and
    # where each field starts in it (JSON ``[[key, start], …]``): a comparison reads one row
    # per source instead of normalising a thousand materials again.
    "CREATE TABLE similarity_texts (material_id INTEGER PRIMARY KEY, norm TEXT NOT NULL,"
    " layout TEXT NOT NULL)",
    # Owners to re-index: a node id, or −material id; with the material they belong to.
    "CREATE TABLE similarity_stale (key INTEGER PRIMARY KEY, material_id INTEGER NOT NULL)",
    "CREATE TRIGGER nodes_similarity_ai AFTER INSERT ON nodes BEGIN"
    " INSERT OR REPLACE INTO similarity_stale VALUES (new.id, new.material_id); END",
    "CREATE TRIGGER nodes_similarity_au AFTER UPDATE OF title, body, example, intro, material_id"
    " ON nodes WHEN old.title IS NOT new.title OR old.body IS NOT new.body"
    " OR old.example IS NOT new.example OR old.intro IS NOT new.intro"
    " OR old.material_id IS NOT new.material_id BEGIN"
    " INSERT OR REPLACE INTO similarity_stale VALUES (new.id, new.material_id); END",
    "CREATE TRIGGER nodes_similarity_ad AFTER DELETE ON nodes BEGIN"
    " INSERT OR REPLACE INTO similarity_stale VALUES (old.id, old.material_id); END",
    "CREATE TRIGGER materials_similarity_ai AFTER INSERT ON materials BEGIN"
    " INSERT OR REPLACE INTO similarity_stale VALUES (-new.id, new.id); END",
    "CREATE TRIGGER materials_similarity_au AFTER UPDATE OF preamble, closing ON materials"
    " WHEN old.preamble IS NOT new.preamble OR old.closing IS NOT new.closing BEGIN"
    " INSERT OR REPLACE INTO similarity_stale VALUES (-new.id, new.id); END",
    "CREATE TRIGGER materials_similarity_ad AFTER DELETE ON materials BEGIN"
    " INSERT OR REPLACE INTO similarity_stale VALUES (-old.id, old.id); END",
)


def m006_similarity_index(db: Database) -> None:
    """Migration step: the index tables and triggers, then the index of every text already
    in the library (a one-off pass at the first writable open after the upgrade)."""
    for statement in _SCHEMA:
        db.execute(statement)
    db.execute("INSERT INTO similarity_stale SELECT id, material_id FROM nodes")
    db.execute("INSERT INTO similarity_stale SELECT -id, id FROM materials")
    refresh_stale(db)


def m007_similarity_renormalise(db: Database) -> None:
    """Migration step: the index built again from the stored texts, because normalising
    changed (a numbering marker right after another, or after any mark, is dropped too);
    an index of the old normalisation would miss such passages and misplace highlights."""
    db.execute("DELETE FROM similarity_grams")
    db.execute("DELETE FROM similarity_texts")
    db.execute("INSERT OR IGNORE INTO similarity_stale SELECT id, material_id FROM nodes")
    db.execute("INSERT OR IGNORE INTO similarity_stale SELECT -id, id FROM materials")
    refresh_stale(db)


def field_text(field: str, value: str) -> str:
    """The text of a stored field as indexed: a list field's paragraphs joined by newlines."""
    if field in LIST_FIELDS:
        try:
            items = json.loads(value)
        except ValueError:
            return ""
        return "\n".join(i for i in items if isinstance(i, str)) if isinstance(items, list) else ""
    return value or ""


def field_key(owner: int, field: str, *, material: bool) -> int:
    if material:
        return -(owner * FIELD_SHIFT + MATERIAL_FIELDS[field])
    return owner * FIELD_SHIFT + NODE_FIELDS[field]


def refresh_stale(db: Database) -> None:
    """Re-index every node and material the triggers marked, inside the caller's transaction:
    the fingerprints of a marked owner's old text go (found through the stored stream), its
    current text is fingerprinted (none when deleted), and the stream of each material
    concerned is stored again — the unmarked fields taken from the stored stream, so an edit
    costs its own field, not the whole material. Then nothing is stale."""
    stale = db.execute("SELECT key, material_id FROM similarity_stale").fetchall()
    if not stale:
        return
    # Here, not at import: reads (a CLI export, the window's first paint) never need them.
    from app.compare.fingerprints import winnow
    from app.compare.normalise import normalise

    marked: dict[int, set[int]] = {}
    for owner, mid in stale:
        marked.setdefault(mid, set()).add(owner)
    drop: list[tuple[int, int, int]] = []
    add: list[tuple[int, int, int, int]] = []
    streams: list[tuple[int, str, str]] = []
    gone: list[tuple[int]] = []
    for chunk in _chunks(sorted(marked)):
        marks = ",".join("?" * len(chunk))
        stored = {
            mid: _fields_of(norm, layout)
            for mid, norm, layout in db.execute(
                "SELECT material_id, norm, layout FROM similarity_texts"
                f" WHERE material_id IN ({marks})",
                chunk,
            ).fetchall()
        }
        rebuild = [mid for mid in chunk if stored.get(mid) is None]
        current = _stored_fields(db, rebuild) if rebuild else {}
        for mid in chunk:
            owners = marked[mid]
            if mid in current:  # no usable stream yet: every field is new
                fields = {key: normalise(text) for key, text in current[mid]}
                changed = set(fields)
            else:
                fields = dict(stored.get(mid) or [])
                for key in [k for k in fields if _owner(k) in owners]:
                    drop += [(h, key, pos) for h, pos in winnow(fields.pop(key))]
                fresh = _owner_fields(db, mid, owners)
                if fresh is None:  # the material is gone
                    gone.append((mid,))
                    continue
                fields.update((key, normalise(text)) for key, text in fresh)
                changed = {key for key, _ in fresh}
            parts, layout, at = [], [], 0
            for key in sorted(fields, key=stream_order):
                norm = fields[key]
                if not norm:
                    continue
                if key in changed:
                    add += [(h, key, pos, mid) for h, pos in winnow(norm)]
                parts.append(norm)
                layout.append([key, at])
                at += len(norm)
            streams.append((mid, "".join(parts), json.dumps(layout)))
    # OR IGNORE / OR REPLACE: a leftover row must never fail the user's write; a stray
    # fingerprint costs one comparison at most (every seed is checked against the texts).
    db.conn.executemany("DELETE FROM similarity_grams WHERE hash = ? AND key = ? AND pos = ?", drop)
    db.conn.executemany(
        "INSERT OR IGNORE INTO similarity_grams (hash, key, pos, material_id) VALUES (?, ?, ?, ?)",
        add,
    )
    db.conn.executemany("DELETE FROM similarity_texts WHERE material_id = ?", gone)
    db.conn.executemany(
        "INSERT OR REPLACE INTO similarity_texts (material_id, norm, layout) VALUES (?, ?, ?)",
        streams,
    )
    db.execute("DELETE FROM similarity_stale")


def _owner_fields(db: Database, material_id: int, owners: set[int]) -> list | None:
    """The current ``(key, text)`` of the marked owners of one material that still exist;
    None when the material itself is gone."""
    out = []
    if -material_id in owners:
        row = db.execute(
            "SELECT preamble, closing FROM materials WHERE id = ?", [material_id]
        ).fetchone()
        if row is None:
            return None
        for field, value in zip(MATERIAL_FIELDS, row, strict=True):
            out.append((field_key(material_id, field, material=True), field_text(field, value)))
    nodes = sorted(o for o in owners if o > 0)
    for chunk in _chunks(nodes):
        marks = ",".join("?" * len(chunk))
        for node_id, *values in db.execute(
            "SELECT id, title, body, example, intro FROM nodes"
            f" WHERE id IN ({marks}) AND material_id = ?",
            [*chunk, material_id],
        ).fetchall():
            for field, value in zip(NODE_FIELDS, values, strict=True):
                out.append((field_key(node_id, field, material=False), field_text(field, value)))
    return out


def _owner(key: int) -> int:
    """The node id (or −material id) a field key belongs to."""
    return key // FIELD_SHIFT if key >= 0 else -((-key) // FIELD_SHIFT)


def _fields_of(norm: str, layout: str) -> list[tuple[int, str]] | None:
    """The stored stream cut back into fields; None for a damaged layout (the material is then
    indexed afresh: the refresh runs inside every write and must not fail it)."""
    try:
        starts = [(int(key), int(start)) for key, start in json.loads(layout)]
    except (ValueError, TypeError):
        return None
    ends = [start for _, start in starts[1:]] + [len(norm)]
    return [(key, norm[start:end]) for (key, start), end in zip(starts, ends, strict=False)]


def _stored_fields(db: Database, material_ids: list[int]) -> dict[int, list[tuple[int, str]]]:
    """Per material every indexed field's text as ``(key, text)``."""
    marks = ",".join("?" * len(material_ids))
    out: dict[int, list[tuple[int, str]]] = {}
    for mid, preamble, closing in db.execute(
        f"SELECT id, preamble, closing FROM materials WHERE id IN ({marks})", material_ids
    ).fetchall():
        out[mid] = [
            (field_key(mid, "preamble", material=True), field_text("preamble", preamble)),
            (field_key(mid, "closing", material=True), field_text("closing", closing)),
        ]
    for node_id, mid, *values in db.execute(
        "SELECT id, material_id, title, body, example, intro FROM nodes"
        f" WHERE material_id IN ({marks})",
        material_ids,
    ).fetchall():
        if mid in out:
            for field, value in zip(NODE_FIELDS, values, strict=True):
                out[mid].append(
                    (field_key(node_id, field, material=False), field_text(field, value))
                )
    return out


def _chunks(ids: list[int]) -> Iterable[list[int]]:
    for start in range(0, len(ids), _CHUNK):
        yield ids[start : start + _CHUNK]


# ----- reading ---------------------------------------------------------------------------------


def catalogue(db) -> list[tuple[int, str, str, str, int | None]]:
    """``(id, title, organization, author, year)`` of every material not in the trash."""
    return [
        tuple(r)
        for r in db.execute(
            "SELECT id, title, organization, author, year FROM materials WHERE trashed = 0"
            " ORDER BY id"
        ).fetchall()
    ]


def hits(db, hashes: Iterable[int], material_ids: Iterable[int]) -> list[tuple[int, int, int, int]]:
    """``(hash, material_id, key, pos)`` of the stored fingerprints with one of ``hashes`` in
    one of ``material_ids``."""
    return db.execute(
        "SELECT hash, material_id, key, pos FROM similarity_grams"
        " WHERE hash IN (SELECT value FROM json_each(?))"
        " AND material_id IN (SELECT value FROM json_each(?))",
        [json.dumps(sorted(set(hashes))), json.dumps(sorted(set(material_ids)))],
    ).fetchall()


def stale_materials(db) -> set[int]:
    """Materials with a text not yet indexed (only after a write outside ``Library._write``;
    a read-only open cannot fix it, so the comparison reads those materials whole)."""
    return {r[0] for r in db.execute("SELECT DISTINCT material_id FROM similarity_stale")}


def stream_order(key: int) -> tuple[int, int]:
    """The order a material's fields are compared in: preamble, nodes by id (creation order,
    which is reading order for imported and copied materials; order only decides where a
    passage may run on from one field into the next), closing."""
    if key >= 0:
        return (1, key)
    return (0, 0) if -key % FIELD_SHIFT == MATERIAL_FIELDS["preamble"] else (2, 0)


def normalised_texts(db, material_ids: Iterable[int]) -> dict[int, tuple[str, dict[int, int]]]:
    """Per material its normalised stream and where each field (key) starts in it."""
    out: dict[int, tuple[str, dict[int, int]]] = {}
    for chunk in _chunks(sorted(set(material_ids))):
        marks = ",".join("?" * len(chunk))
        for mid, norm, layout in db.execute(
            "SELECT material_id, norm, layout FROM similarity_texts"
            f" WHERE material_id IN ({marks})",
            chunk,
        ).fetchall():
            out[mid] = (norm, dict(json.loads(layout)))
    return out


def indexed_materials(db, material_ids: Iterable[int]) -> list[IndexedMaterial]:
    """The indexed texts of ``material_ids`` as stored, in stream order (``stream_order``)."""
    from app.library.records import IndexedMaterial

    out = []
    for chunk in _chunks(sorted(set(material_ids))):
        marks = ",".join("?" * len(chunk))
        fields: dict[int, list[tuple[int, int | None, str, list[str]]]] = {}
        for node_id, mid, *values in db.execute(
            "SELECT id, material_id, title, body, example, intro FROM nodes"
            f" WHERE material_id IN ({marks})",
            chunk,
        ).fetchall():
            for name, value in zip(NODE_FIELDS, values, strict=True):
                key = field_key(node_id, name, material=False)
                fields.setdefault(mid, []).append((key, node_id, name, _paragraphs(name, value)))
        for mid, title, org, author, year, preamble, closing in db.execute(
            "SELECT id, title, organization, author, year, preamble, closing FROM materials"
            f" WHERE id IN ({marks}) ORDER BY id",
            chunk,
        ).fetchall():
            own = fields.get(mid, [])
            for name, value in (("preamble", preamble), ("closing", closing)):
                key = field_key(mid, name, material=True)
                own.append((key, None, name, _paragraphs(name, value)))
            own.sort(key=lambda f: stream_order(f[0]))
            out.append(IndexedMaterial(mid, title, org, author, year, own))
    return out


def _paragraphs(field: str, value: str) -> list[str]:
    return field_text(field, value).split("\n") if field in LIST_FIELDS else [value or ""]


class SimilarityMethods:
    """The index's face on ``Library`` (mixed in; provides ``db`` and ``_write``)."""

    def similarity_catalogue(self) -> list[tuple[int, str, str, str, int | None]]:
        return catalogue(self.db)

    def similarity_hits(
        self, hashes: Iterable[int], material_ids: Iterable[int]
    ) -> list[tuple[int, int, int, int]]:
        return hits(self.db, hashes, material_ids)

    def similarity_sources(self, material_ids: Iterable[int]) -> list[IndexedMaterial]:
        return indexed_materials(self.db, material_ids)

    def similarity_texts(
        self, material_ids: Iterable[int]
    ) -> dict[int, tuple[str, dict[int, int]]]:
        return normalised_texts(self.db, material_ids)

    def similarity_stale_materials(self) -> set[int]:
        return stale_materials(self.db)
