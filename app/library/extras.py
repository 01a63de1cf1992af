"""Library methods for batch imports, checks and find/replace: many materials or several field
edits as one transaction, and the findings a user chose to ignore.

``LibraryExtras`` is mixed into ``app.library.Library``, which provides ``db``, ``_write``,
``_touch`` and the row look-ups. Ignored findings live in the ``settings`` table under
``ignored-findings:{material_id}`` as a JSON list of ``Finding.key`` strings.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager

from app.errors import InputError
from app.model import Material

IGNORED_PREFIX = "ignored-findings:"
NodeEdits = list[tuple[int | None, dict]]


def _ignored_key(material_id: int) -> str:
    return f"{IGNORED_PREFIX}{material_id}"


class LibraryExtras:
    # ----- many materials, one transaction -------------------------------------------------
    def create_materials(self, materials: list[tuple[Material, list | None]]) -> list[int]:
        """Store ``[(material, links), …]`` (as ``create_material`` takes them) in ONE
        transaction — a batch import, a benchmark's library: all of them, or none when the
        library refuses one (InputError). Returns the new ids in order."""
        return self._create_many(materials)

    # ----- several edits, one transaction --------------------------------------------------
    def apply_edits(self, material_id: int, edits: NodeEdits) -> None:
        """Apply ``[(node_id | None, {field: value}), …]`` to one material in ONE transaction
        (``None`` = the material's own fields, as ``update_material`` takes them; a node as
        ``update_node``). Every node must belong to the material; any bad edit → nothing
        changes (InputError). A fix or a replace-all across dimensions is one undo step."""
        checked = _checked_edits(edits)
        with self._write():
            self._material_row(material_id)
            for node_id, _changes in checked:
                if node_id is not None and self.node_location(node_id)[0] != material_id:
                    raise InputError(
                        f"节点 {node_id} 不属于材料 {material_id}",
                        f"node {node_id} is not part of material {material_id}",
                    )
            with self._touch_once(material_id):
                for node_id, changes in checked:
                    if node_id is None:
                        self.update_material(material_id, **changes)
                    else:
                        self.update_node(node_id, **changes)

    @contextmanager
    def _touch_once(self, material_id: int) -> Iterator[None]:
        """Each update re-reads the whole material to refresh its counts (≈10 ms on 100 pages);
        inside one transaction doing that once at the end gives the same result."""
        self._touch_deferred = True  # ``_touch`` does nothing until the edits are in
        try:
            yield
        finally:
            self._touch_deferred = False
        self._touch(material_id)

    # ----- ignored findings ----------------------------------------------------------------
    def ignored_findings(self, material_id: int) -> set[str]:
        """Keys (``Finding.key``) the user ignored in this material; a damaged entry reads as
        none ignored rather than blocking the checks."""
        row = self.db.execute(
            "SELECT value FROM settings WHERE key = ?", [_ignored_key(material_id)]
        ).fetchone()
        if row is None:
            return set()
        try:
            value = json.loads(row[0])
        except ValueError:
            return set()
        if not isinstance(value, list):
            return set()
        return {k for k in value if isinstance(k, str)}

    def set_finding_ignored(self, material_id: int, key: str, ignored: bool) -> None:
        """Remember (or forget) that the user ignored the finding ``key`` in this material."""
        if not isinstance(key, str) or not key:
            raise InputError("检查结果的标识无效", "invalid finding key")
        with self._write():
            self._material_row(material_id)
            keys = self.ignored_findings(material_id)
            if ignored:
                keys.add(key)
            else:
                keys.discard(key)
            self._store_ignored(material_id, keys)

    def clear_ignored_findings(self, material_id: int) -> None:
        """Show every ignored finding of the material again."""
        self.set_ignored_findings(material_id, set())

    def set_ignored_findings(self, material_id: int, keys) -> None:
        """The material's ignored findings become exactly ``keys`` (undoing 恢复已忽略 puts
        the earlier set back)."""
        keys = set(keys)
        if not all(isinstance(key, str) and key for key in keys):
            raise InputError("检查结果的标识无效", "invalid finding key")
        with self._write():
            self._material_row(material_id)
            self._store_ignored(material_id, keys)

    def _store_ignored(self, material_id: int, keys: set[str]) -> None:
        table = self.db["settings"]
        if keys:
            table.upsert(
                {
                    "key": _ignored_key(material_id),
                    "value": json.dumps(sorted(keys), ensure_ascii=False),
                },
                pk="key",
            )
        else:
            table.delete_where("key = ?", [_ignored_key(material_id)])


def _checked_edits(edits) -> NodeEdits:
    """The edits as a list of (node id or None, non-empty dict); InputError for anything else."""
    if not isinstance(edits, list | tuple):
        raise InputError("修改内容格式有误", "edits must be a list")
    out: NodeEdits = []
    for edit in edits:
        if not isinstance(edit, list | tuple) or len(edit) != 2:
            raise InputError(
                "修改内容格式有误", f"an edit must be (node id, changes), got {edit!r}"
            )
        node_id, changes = edit
        if node_id is not None and (not isinstance(node_id, int) or isinstance(node_id, bool)):
            raise InputError("修改内容格式有误", f"node id must be an integer, got {node_id!r}")
        if not isinstance(changes, dict) or not changes:
            raise InputError(
                "修改内容格式有误", f"changes must be a non-empty dict, got {changes!r}"
            )
        out.append((node_id, changes))
    return out
