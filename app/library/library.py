"""Library — 材料库: one SQLite file holding many materials; the face of ``app.library``, the
only package that speaks SQL.

CONTRACT (other modules code against exactly this; keep signatures stable):
- Every public write is one ``db.atomic()`` transaction: it either fully happens or not at all.
- Every write bumps the material's ``updated`` time and cached counts in the same transaction.
- Node ids are stable for the life of a node; a restored node (trash, undo, snapshot restore)
  gets its old id back when that id is free. The id is the node's identity (AUTOINCREMENT:
  never handed to another node), which is how the trash knows a node is back.
- Nothing here imports Qt; the UI refreshes itself from return values.

The materials half of the API lives in ``materials``, the node-editing half in ``nodes`` (both
mixed into ``Library``); the schema in
``schema``, the checks of a file before it is opened in ``file_checks``, tree rows in ``tree``,
trash in ``trash``, named versions in ``snapshots``, search in ``search``, backup files in
``backup_files`` (the methods in ``backups``), all modules of this package.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from app import target_guard
from app.errors import CorruptLibraryError, InputError, LibraryError
from app.library import (
    backup_files,
    fields,
    file_checks,
    lock,
    restore,
    schema,
    search,
    similarity,
    trash,
    tree,
)
from app.library.backups import BackupMethods, backup_before_migration
from app.library.compilation import CompilationListing
from app.library.extras import LibraryExtras
from app.library.materials import MaterialMethods
from app.library.nodes import NodeEditing
from app.library.readonly import ReadonlyDatabase, readonly_refusal
from app.library.rectification import RectificationMethods
from app.library.similarity import SimilarityMethods
from app.library.snapshots import AUTO_SNAPSHOT_NAME, SnapshotMethods  # noqa: F401 (API)
from app.library.sqlite_errors import typed_errors, write_error
from app.library.writable import WritableDatabase

if TYPE_CHECKING:  # the records: imported by the methods that return them
    from app.library.records import SearchHit, TrashEntry

NodeKind = str  # "section" | "dimension" | "point"


@typed_errors
class Library(
    MaterialMethods,
    LibraryExtras,
    NodeEditing,
    SnapshotMethods,
    BackupMethods,
    RectificationMethods,
    CompilationListing,
    SimilarityMethods,
):
    path: Path

    # What the user should be told on opening, as (中文, English): a restore that was killed
    # part way and has been finished or found not begun (``restore``). None: nothing.
    notice: tuple[str, str] | None = None
    _touch_deferred = False  # set by ``LibraryExtras._touch_once``
    _writing = 0  # depth of ``_write`` transactions under way (``sqlite_errors``)

    def __init__(self, db: WritableDatabase | ReadonlyDatabase, path: Path, readonly: bool):
        self.db = db
        self.path = path
        self.readonly = readonly

    @classmethod
    def open(cls, path: str | Path, *, readonly: bool = False, auto_backup: bool = True) -> Library:
        """Open (creating when missing, mode 0600) a library. Raises LibraryError for a file that
        is not a Duizhao library, fails ``PRAGMA quick_check`` or has a newer schema; such a file
        is never written (a corrupt one's error names the newest good backup, if any).

        A writable open holds ``<library>.lock`` of the real file (symbolic links resolved; a
        file with several hard links is refused): another process gets an "already open"
        LibraryError (the same process may open it again). ``readonly`` writes nothing and takes
        no lock; meant for short reads (CLI list/show/export/backup) — it does not follow pages
        a writer commits later when no writer had the file open at the time. Its ``db`` is a
        plain-``sqlite3`` ``ReadonlyDatabase``; a writable one's is a ``WritableDatabase``, which
        imports sqlite_utils at the first write (or ``load_write_layer``), not at open.

        A writable open of an existing library makes a verified automatic backup first when
        ``auto_backup`` and none is recent, and always before a schema migration
        (``backups``). It first finishes a restore that was killed part way
        (``restore``); ``notice`` then says what happened."""
        # The real file: a symbolic link must lead to the same lock, side files and backups.
        path = Path(path).expanduser().resolve()
        if path.is_dir():
            raise LibraryError(
                f"材料库路径是一个文件夹：{path}", f"library path is a folder: {path}"
            )
        target_guard.refuse_special_library(path)  # a FIFO would block the first read forever
        if readonly:
            if not path.exists():
                raise LibraryError(f"材料库不存在：{path}", f"library not found: {path}")
            # Checked and read through one connection (the check's), as it would be by two.
            conn = file_checks.open_checked_readonly(path, check_same_thread=False)
            if conn is None:
                raise LibraryError(f"材料库是空的：{path}", f"library is empty: {path}")
            if schema.pending_migration_names(conn):
                conn.close()
                raise LibraryError(
                    f"材料库需要升级，请先以可写方式打开一次：{path}",
                    f"the library needs an upgrade; open it writable once first: {path}",
                )
            target_guard.library_opened(path)  # no export of this process may overwrite it
            library = cls(ReadonlyDatabase(conn), path, readonly=True)
            library.notice = restore.pending_notice(path)
            return library
        notice = restore.finish_on_open(path)  # a restore killed part way, if any
        existed = False  # holds a library (not missing, not an empty file we may initialise)
        if path.exists():
            try:
                existed = not file_checks.check_existing_file(path)
            except CorruptLibraryError as err:
                backup = backup_files.newest_good_backup(path)
                if backup is None:
                    raise
                raise CorruptLibraryError(
                    f"{err.zh}；最新的完好备份：{backup}", f"{err.en}; newest good backup: {backup}"
                ) from err
        file_checks.check_writable(path)
        file_checks.create_private_file(path)  # no-op when it exists
        lock.acquire(path)
        conn = None
        try:
            conn = sqlite3.connect(path, check_same_thread=False)
            db = WritableDatabase(conn)  # sqlite_utils' Database from the first write on
            db.execute("PRAGMA recursive_triggers = ON")  # as Database() sets it
            db.execute("PRAGMA journal_mode = WAL")
            db.execute("PRAGMA synchronous = NORMAL")
            db.execute("PRAGMA foreign_keys = ON")
            if schema.pending_migration_names(conn):  # behind (or new): migrated now
                if existed:
                    backup_before_migration(conn, path)
                schema.build_migrations().apply(db.database)
            library = cls(db, path, readonly=False)
            library.notice = notice
            library._start_backups(on_open=existed and auto_backup)
        except BaseException as exc:
            if conn is not None:
                conn.close()
            lock.release(path)
            if isinstance(exc, sqlite3.Error):
                raise LibraryError(
                    f"无法打开材料库 {path}：{exc}", f"cannot open library {path}: {exc}"
                ) from exc
            raise
        target_guard.library_opened(path)
        return library

    def close(self) -> None:
        if self.db is not None:
            self.db.close()
            self.db = None
            target_guard.library_closed(self.path)
            if not self.readonly:
                lock.release(self.path)

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def load_write_layer(self) -> None:
        """Import and build the write layer (sqlite_utils) now rather than at the first write:
        the window calls this once it has painted, so the first edit does not wait for it."""
        if isinstance(self.db, WritableDatabase):
            self.db.database  # noqa: B018 (built on access)

    @contextmanager
    def _write(self) -> Iterator[WritableDatabase]:
        """One transaction per public write; refused on a read-only library."""
        if self.readonly:
            raise readonly_refusal()
        self._writing += 1
        try:
            with self.db.atomic():
                yield self.db
                if self._writing == 1:  # the outermost write: index what it changed (查重)
                    similarity.refresh_stale(self.db)
        except sqlite3.Error as exc:  # disk full, read-only medium, I/O error: rolled back
            raise write_error(self.path, exc) from exc
        finally:
            self._writing -= 1

    def _touch(self, material_id: int) -> None:
        """Bump ``updated`` and refresh the cached counts (inside the caller's transaction);
        skipped while ``apply_edits`` batches several edits (it touches once at the end)."""
        if self._touch_deferred:
            return
        material = tree.load_material(self.db, material_id)
        counts = tree.material_counts(material)
        self.db.execute(
            "UPDATE materials SET updated = ?, word_count = ?, dimension_count = ?, point_count = ?"
            " WHERE id = ?",
            [
                tree.now(),
                counts["word_count"],
                counts["dimension_count"],
                counts["point_count"],
                material_id,
            ],
        )

    def _material_row(self, material_id: int) -> dict:
        row = tree.material_row(self.db, material_id)
        if row is None:
            raise fields.not_found("材料", "material", material_id)
        return row

    def _node_row(self, node_id: int) -> dict:
        row = tree.node_row(self.db, node_id)
        if row is None:
            raise fields.not_found("节点", "node", node_id)
        return row

    # ----- trash ------------------------------------------------------------------------------
    def list_trash(self, material_id: int | None = None) -> list[TrashEntry]:
        """Newest first. An entry whose node a snapshot restore brought back unchanged is not
        listed: it is in the material (``trash``)."""
        from app.library.records import TrashEntry

        where, params = (
            ("WHERE material_id = ?", [material_id]) if material_id is not None else ("", [])
        )
        cursor = self.db.execute(
            f"SELECT id, material_id, kind, label, deleted FROM trash {where} ORDER BY deleted "
            f"DESC, id DESC",
            params,
        )
        back = trash.back_entry_ids(self.db, material_id)
        return [TrashEntry(*row) for row in cursor.fetchall() if row[0] not in back]

    def restore_from_trash(self, trash_id: int, outcome: dict | None = None) -> int:
        """Put a node back at its old parent/position (end of the parent if the position is
        gone; the material's first fitting parent if the parent is gone) or un-trash a material.
        Returns the restored node or material id. A node already in the material is never
        added twice (``trash``); ``outcome`` receives what ``undo_trash_restore`` needs."""
        with self._write():
            rows = tree.rows(self.db, "SELECT * FROM trash WHERE id = ?", [trash_id])
            if not rows:
                raise fields.not_found("回收站条目", "trash entry", trash_id)
            entry = rows[0]
            if entry["kind"] == "material":
                self.db.execute(
                    "UPDATE materials SET trashed = 0 WHERE id = ?", [entry["material_id"]]
                )
                self.db.execute("DELETE FROM trash WHERE id = ?", [trash_id])
                restored = entry["material_id"]
            else:
                restored = trash.restore_subtree(self.db, entry, outcome)
            self._touch(entry["material_id"])
            return restored

    def undo_trash_restore(self, node_id: int, trash_id: int, outcome: dict) -> None:
        """Undo ``restore_from_trash(trash_id, outcome)`` of a node: it goes back to the trash
        under the same entry id (an older Delete's undo still finds it) and what the restore
        had displaced comes back."""
        with self._write():
            if outcome.get("was_back"):
                return  # the restore only tidied the trash; the node was there before it
            row = self._node_row(node_id)
            trash.trash_subtree(self.db, row, tree.now(), trash_id)
            for displaced in reversed(outcome.get("displaced", [])):
                entry = tree.rows(self.db, "SELECT * FROM trash WHERE id = ?", [displaced])
                if entry:
                    trash.restore_subtree(self.db, entry[0])
            self._touch(row["material_id"])

    # ----- search ------------------------------------------------------------------------------
    def search(
        self, query: str, *, material_id: int | None = None, limit: int = 50
    ) -> list[SearchHit]:
        """FTS5 trigram for queries of ≥3 characters, LIKE below; trashed materials excluded."""
        from app.library.records import SearchHit

        if not isinstance(query, str):
            raise InputError("搜索内容应为文本", "search query must be text")
        return [SearchHit(**hit) for hit in search.find(self.db, query, material_id, limit)]
