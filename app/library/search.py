"""Full-text search over a library: FTS5 trigram for queries of 3+ characters, LIKE-style
substring matching below that (a trigram index cannot answer 1–2 characters). Trashed
materials are never searched.

Index rows point back to their text by rowid (see ``schema``). Short queries avoid a full
scan when they can: every indexed text ends with two newlines, so each occurrence of a 1–2
character query starts some trigram; those trigrams come from ``search_vocab`` (a range on its
term b-tree) and an FTS5 OR over them finds the rows. A query too common for that is matched
material by material, newest first, stopping at ``limit``.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from app.library.schema import FIELD_SHIFT, LIST_FIELDS, MATERIAL_TEXT_FIELDS, NODE_TEXT_FIELDS

if TYPE_CHECKING:  # annotations only; read-only opens run without sqlite_utils
    from sqlite_utils import Database

SNIPPET_CHARS = 40
MAX_QUERY = 200
# Beyond this many trigrams the OR query costs more than matching newest materials until
# ``limit`` is reached (a query that varied, e.g. 的, has hits nearly everywhere).
MAX_SHORT_TERMS = 400

BATCH = 256


def _phrase(text: str) -> str:
    """``text`` as one FTS5 phrase, so its characters are matched literally."""
    return '"' + text.replace('"', '""') + '"'


def _field_text(value: str, field: str) -> str:
    return "\n".join(json.loads(value)) if field in LIST_FIELDS else value


def _texts(db: Database, rowids: list[int]) -> dict[int, tuple[int | None, str, str]]:
    """rowid → (node id or None, field, text) for index rows."""
    out: dict[int, tuple[int | None, str, str]] = {}
    for table, fields, sign in (
        ("nodes", NODE_TEXT_FIELDS, 1),
        ("materials", MATERIAL_TEXT_FIELDS, -1),
    ):
        wanted = {abs(r) // FIELD_SHIFT for r in rowids if (r > 0) == (sign > 0)}
        if not wanted:
            continue
        marks = ",".join("?" * len(wanted))
        cursor = db.execute(
            f"SELECT id, {', '.join(fields)} FROM {table} WHERE id IN ({marks})", list(wanted)
        )
        for row in cursor.fetchall():
            for code, field in enumerate(fields):
                out[sign * (row[0] * FIELD_SHIFT + code)] = (
                    row[0] if sign > 0 else None,
                    field,
                    _field_text(row[code + 1], field),
                )
    return out


def _short_query_match(db: Database, query: str) -> str | None:
    """An FTS5 expression finding every row containing ``query`` (1–2 characters): the OR of the
    trigrams it starts. "" when no trigram does (no hits); None when too common to be worth it."""
    folded = query.lower()  # the trigram tokenizer folds case
    terms = [
        r[0]
        for r in db.execute(
            "SELECT term FROM search_vocab WHERE term >= ? AND term < ? LIMIT ?",
            [folded, folded + "\U0010ffff", MAX_SHORT_TERMS + 1],
        )
        if r[0].startswith(folded)
    ]
    if len(terms) > MAX_SHORT_TERMS:
        return None
    return " OR ".join(_phrase(t) for t in terms)


def _scan(db: Database, query: str, material_id: int | None, limit: int) -> list[dict[str, Any]]:
    """Substring match material by material, newest first, until ``limit`` hits."""
    folded = query.lower()
    scope, args = ("AND id = ?", [material_id]) if material_id is not None else ("", [])
    materials = db.execute(
        f"SELECT id, title, updated FROM materials WHERE trashed = 0 {scope} ORDER BY updated "
        f"DESC, id DESC",
        args,
    ).fetchall()
    hits: list[dict[str, Any]] = []
    for mid, title, updated in materials:
        own = db.execute(
            f"SELECT id, {', '.join(MATERIAL_TEXT_FIELDS)} FROM materials WHERE id = ?", [mid]
        )
        found = [
            (-(mid * FIELD_SHIFT + c), (0, 0, 0))
            for c, v in enumerate(own.fetchone()[1:])
            if folded in _field_text(v, MATERIAL_TEXT_FIELDS[c]).lower()
        ]
        for row in db.execute(
            f"SELECT id, parent_id IS NOT NULL, position, {', '.join(NODE_TEXT_FIELDS)}"
            " FROM nodes WHERE material_id = ?",
            [mid],
        ):
            for code, field in enumerate(NODE_TEXT_FIELDS):
                if folded in _field_text(row[3 + code], field).lower():
                    found.append((row[0] * FIELD_SHIFT + code, (1, row[1], row[2])))
        found.sort(key=lambda f: (f[1], abs(f[0])))
        hits += [
            {
                "material_id": mid,
                "material_title": title,
                "rowid": r,
                "order": (updated, mid, o, abs(r)),
            }
            for r, o in found
        ]
        if len(hits) >= limit:
            break
    return hits[:limit]


def _stream(db: Database, match: str, material_id: int | None, limit: int) -> list[dict[str, Any]]:
    """Index hits in index order — materials' own fields first (newest material first), then
    nodes newest first — keeping those of untrashed (and in-scope) materials until ``limit``."""
    node_range = ""
    if material_id is not None:
        low, high = db.execute(
            "SELECT min(id), max(id) FROM nodes WHERE material_id = ?", [material_id]
        ).fetchone()
        node_range = (
            ""
            if low is None
            else f" AND rowid BETWEEN {low * FIELD_SHIFT} AND {high * FIELD_SHIFT + 7}"
        )
    own = (
        "SELECT rowid FROM search_fts WHERE search_fts MATCH ? AND rowid < 0"
        + (
            f" AND rowid BETWEEN {-(material_id * FIELD_SHIFT + 7)} AND "
            f"{-material_id * FIELD_SHIFT}"
            if material_id
            else ""
        )
        + " ORDER BY rowid"
    )
    nodes = (
        f"SELECT rowid FROM search_fts WHERE search_fts MATCH ? AND rowid > 0{node_range} "
        f"ORDER BY rowid DESC"
    )
    queries = [own] if material_id is not None and not node_range else [own, nodes]
    hits: list[dict[str, Any]] = []
    for sql in queries:
        cursor = db.execute(sql, [match])
        while len(hits) < limit and (batch := [r[0] for r in cursor.fetchmany(BATCH)]):
            hits += _keep(db, batch, material_id)
        cursor.close()
    return hits[:limit]


def _keep(db: Database, rowids: list[int], material_id: int | None) -> list[dict[str, Any]]:
    """The hits among ``rowids`` in untrashed materials (and in ``material_id`` when given)."""
    node_ids = sorted({r // FIELD_SHIFT for r in rowids if r > 0})
    nodes = {}
    if node_ids:
        marks = ",".join("?" * len(node_ids))
        for nid, mid, parent, position in db.execute(
            f"SELECT id, material_id, parent_id, position FROM nodes WHERE id IN ({marks})",
            node_ids,
        ):
            nodes[nid] = (mid, (1, parent is not None, position))
    owners = {(-r) // FIELD_SHIFT for r in rowids if r < 0} | {m for m, _ in nodes.values()}
    marks = ",".join("?" * len(owners))
    materials = {
        mid: (title, updated)
        for mid, title, updated in db.execute(
            f"SELECT id, title, updated FROM materials WHERE trashed = 0 AND id IN ({marks})",
            list(owners),
        )
        if material_id is None or mid == material_id
    }
    out = []
    for rowid in rowids:
        mid, order = (
            nodes.get(rowid // FIELD_SHIFT, (None, None))
            if rowid > 0
            else ((-rowid) // FIELD_SHIFT, (0, 0, 0))
        )
        if mid in materials:
            title, updated = materials[mid]
            out.append(
                {
                    "material_id": mid,
                    "material_title": title,
                    "rowid": rowid,
                    "order": (updated, mid, order, abs(rowid)),
                }
            )
    return out


def find(db: Database, query: str, material_id: int | None, limit: int) -> list[dict[str, Any]]:
    """Hits as dicts of (material_id, material_title, node_id, field, snippet), grouped by
    material (newest ``updated`` first), in reading order within each."""
    query = " ".join(query.split())[:MAX_QUERY]
    if not query or limit <= 0:
        return []
    match: str | None = _phrase(query)
    if "\x00" in query:
        match = None  # FTS5 ends a query string at NUL: match such text by scanning instead
    elif len(query) < 3:
        # Within one material a direct scan is already cheap.
        match = None if material_id is not None else _short_query_match(db, query)
        if match == "":
            return []
    rows = (
        _scan(db, query, material_id, limit)
        if match is None
        else _stream(db, match, material_id, limit)
    )
    rows.sort(key=lambda r: r["order"][2:])
    rows.sort(key=lambda r: r["order"][:2], reverse=True)
    texts = _texts(db, [r["rowid"] for r in rows])
    out = []
    for row in rows:
        node_id, field, text = texts[row["rowid"]]
        out.append(
            {
                "material_id": row["material_id"],
                "material_title": row["material_title"],
                "node_id": node_id,
                "field": field,
                "snippet": snippet(text, query),
            }
        )
    return out


def snippet(text: str, query: str, width: int = SNIPPET_CHARS) -> str:
    """About ``width`` characters around the first match, the match wrapped in 【】."""
    flat = " ".join(text.split())
    at = flat.lower().find(query.lower())
    if at < 0:  # matched across whitespace we folded; show the start
        return flat[:width] + ("…" if len(flat) > width else "")
    room = max(width - len(query), 0)
    start = max(at - room // 2, 0)
    end = min(at + len(query) + (room - (at - start)), len(flat))
    start = max(min(start, end - width), 0)
    return (
        ("…" if start > 0 else "")
        + flat[start:at]
        + f"【{flat[at : at + len(query)]}】"
        + flat[at + len(query) : end]
        + ("…" if end < len(flat) else "")
    )
