"""Typing journal: text typed but not yet autosaved, written ahead next to the library so that a
killed or crashed window loses none of it (``<library>.typing``).

Autosave stores typing one second after the last keystroke; until then the text lived only in the
window. Now every change of a field appends one record (the field's whole new value and the value
the library held) with a plain ``write``: once the call returns the text belongs to the kernel and
survives the process being killed. A background thread ``fsync``s the journal right after, so a
power cut loses at most what was typed in that moment — the window never waits for the disk. The
same thread syncs the library's WAL after structure edits (``sync_library_soon``).

When autosave has committed everything pending, the journal is emptied — but only after the
library's WAL is on disk (the library commits with ``synchronous=NORMAL``), so there is no moment
where the text is in neither file. The next writable open replays what is left (``recover``):
a record is applied only where the library still holds the value the record started from, so a
replay never undoes later work; text that cannot be applied that way is reported, not dropped.

Text typed into a cell editor — a 整改清单 cell, a rename in the library list — is journaled the
same way while the editor is open (it is stored when the editor closes); its records say where
(``place``), so the window puts the text back there. The window replays each field through its
edit path, one undoable command per field (``recover(library, write)``).

Records: ``MAGIC``, payload length and CRC-32 (4 bytes each, big-endian), then the UTF-8 JSON
payload ``{target, field, old, new[, place]}``. A torn last record (killed mid-write) fails its
CRC and is ignored with what follows.
"""

from __future__ import annotations

import json
import logging
import os
import struct
import threading
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.errors import DuizhaoError, InputError
from app.library import trash as store_trash

JOURNAL_SUFFIX = ".typing"
MAGIC = b"DZT1"
HEADER = struct.Struct(">4sII")
# Past this size a long burst without a pause is saved (and the journal emptied) early.
SAVE_AFTER_BYTES = 8 * 1024 * 1024
_log = logging.getLogger("duizhao.journal")

Target = tuple[str, int]
# Where text is typed outside the editor panels: a cell of the 整改清单 table, a rename in the
# library list (stored when the cell's editor closes, not after a pause).
PLACES = ("rectification", "library-list")


def journal_path(library_path: Path) -> Path:
    """Next to the real file (symbolic links resolved), where SQLite keeps its WAL too."""
    real = Path(os.path.realpath(library_path))
    return real.with_name(real.name + JOURNAL_SUFFIX)


def _frame(payload: dict[str, Any]) -> bytes:
    data = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return HEADER.pack(MAGIC, len(data), zlib.crc32(data)) + data


def read_records(path: Path) -> list[dict[str, Any]]:
    """Every whole record, in order; stops at the first torn or damaged one."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return []
    records, offset = [], 0
    while offset + HEADER.size <= len(raw):
        magic, length, crc = HEADER.unpack_from(raw, offset)
        data = raw[offset + HEADER.size : offset + HEADER.size + length]
        if magic != MAGIC or len(data) != length or zlib.crc32(data) != crc:
            break
        try:
            record = json.loads(data)
        except ValueError:
            break
        if isinstance(record, dict) and {"target", "field", "old", "new"} <= record.keys():
            records.append(record)
        offset += HEADER.size + length
    return records


class TypingJournal:
    """The open journal of one library (one writer: the window's autosave)."""

    def __init__(self, library_path: Path):
        self.library_path = Path(os.path.realpath(library_path))
        self.path = journal_path(library_path)
        self.size = 0  # bytes written since the last emptying
        self._fd: int | None = None
        self._keys: set[tuple[Target, str]] = set()
        self._generation = 0  # bumped by every record: emptying only what a save covered
        self._lock = threading.Lock()  # the GUI thread's writes vs the syncer's emptying
        self._wake = threading.Condition()
        self._dirty = False
        self._wal = False  # the library's WAL to be synced
        self._busy = False
        self._empty_at: int | None = None  # a save covered every record up to this generation
        self._stopping = False
        self._thread: threading.Thread | None = None
        self.synced_generation = 0  # for tests and the benchmark: on disk up to this record
        self._dir_synced = False

    # ----- the GUI thread ---------------------------------------------------------------------
    def record(
        self, target: Target, field_name: str, old: Any, new: Any, place: str | None = None
    ) -> bool:
        """Append a field's new value (``old``: what the library holds). ``place`` says where
        it was typed when not in the editor panels (``PLACES``), so a replay puts it back
        there. False when the write failed (full disk…): typing goes on, autosave still saves."""
        payload = {"target": list(target), "field": field_name, "old": old, "new": new}
        if place is not None:
            payload["place"] = place
        frame = _frame(payload)
        with self._lock:
            try:
                if self._fd is None:
                    self._fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
                os.write(self._fd, frame)
            except OSError as exc:
                _log.warning("typing journal not written: %s", exc)
                return False
            self.size += len(frame)
            self._generation += 1
            self._keys.add((target, field_name))
        self._signal(dirty=True)
        return True

    def note_stored(self, target: Target, field_name: str, value: Any) -> None:
        """The library now holds ``value`` (undo/redo, a reload): a record still in the journal
        for this field must not bring older text back on a replay."""
        if (target, field_name) in self._keys:
            self.record(target, field_name, value, value)

    def saved(self) -> None:
        """Autosave committed every pending edit: empty the journal once the library's WAL
        is on disk (in the background)."""
        if self.size:
            with self._lock:
                generation = self._generation
            self._signal(empty_at=generation)

    def sync_library_soon(self) -> None:
        """A structure edit (add, delete, move, undo…) was committed: put the library's WAL on
        disk in the background, so a power cut does not roll it back either."""
        self._signal(wal=True)

    def close(self) -> None:
        """Stop the syncer; remove the journal when it holds nothing."""
        with self._wake:
            self._stopping = True
            self._wake.notify()
        if self._thread is not None:
            self._thread.join(10)
        with self._lock:
            if self._fd is None:
                return  # never written: a journal left by a crash is not ours to remove
            os.close(self._fd)
            self._fd = None
            if self.size == 0:
                self.path.unlink(missing_ok=True)

    def wait_synced(self, timeout: float = 5.0) -> bool:
        """Block until the syncer caught up (tests, benchmark)."""
        with self._wake:
            return self._wake.wait_for(
                lambda: not (self._dirty or self._busy or self._wal or self._empty_at is not None),
                timeout,
            )

    # ----- the syncer thread ------------------------------------------------------------------
    def _signal(
        self, *, dirty: bool = False, wal: bool = False, empty_at: int | None = None
    ) -> None:
        with self._wake:
            self._dirty = self._dirty or dirty
            self._wal = self._wal or wal
            if empty_at is not None:
                self._empty_at = empty_at
            if self._thread is None:
                self._thread = threading.Thread(
                    target=self._run, name="typing-journal", daemon=True
                )
                self._thread.start()
            self._wake.notify_all()

    def _run(self) -> None:
        while True:
            with self._wake:
                self._wake.wait_for(
                    lambda: self._dirty or self._wal or self._empty_at is not None or self._stopping
                )
                if self._stopping and not (self._dirty or self._wal or self._empty_at is not None):
                    return
                dirty, self._dirty = self._dirty, False
                wal, self._wal = self._wal, False
                empty_at, self._empty_at = self._empty_at, None
                self._busy = True
            try:
                if wal and empty_at is None:
                    _fsync_wal(self.library_path)
                if empty_at is not None:
                    self._empty_if_unchanged(empty_at)
                if dirty or empty_at is not None:
                    self._fsync_journal()
            finally:
                with self._wake:
                    self._busy = False
                    self._wake.notify_all()

    def _fsync_journal(self) -> None:
        with self._lock:  # a duplicate: the GUI thread never waits for this fsync
            generation = self._generation
            fd = os.dup(self._fd) if self._fd is not None else None
        if fd is None:
            return
        try:
            os.fsync(fd)
            if not self._dir_synced:  # a new file's name must survive a power cut too
                self._dir_synced = _fsync_dir(self.path.parent)
            self.synced_generation = generation
        except OSError as exc:
            _log.warning("typing journal not synced: %s", exc)
        finally:
            os.close(fd)

    def _empty_if_unchanged(self, generation: int) -> None:
        if not _fsync_wal(self.library_path):
            return  # the save may not be on disk: keep the journal (replay is idempotent)
        with self._lock:
            if self._generation != generation or self._fd is None:
                return  # typed again meanwhile: the next save empties it
            try:
                os.ftruncate(self._fd, 0)  # then synced by the caller: old text never comes back
            except OSError as exc:  # kept: replaying saved text again changes nothing
                _log.warning("typing journal not emptied: %s", exc)
                return
            self.size = 0
            self._keys.clear()


def _fsync_dir(folder: Path) -> bool:
    if os.name == "nt":
        return True  # NTFS journals directory entries itself; folders cannot be opened there
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
    return True


def _fsync_wal(library_path: Path) -> bool:
    """The library's commits so far on disk: fsync its WAL (a checkpoint syncs what it moves)."""
    wal = library_path.with_name(library_path.name + "-wal")
    try:  # Windows flushes only handles open for writing; nothing is written through it
        fd = os.open(wal, os.O_RDWR if os.name == "nt" else os.O_RDONLY)
    except FileNotFoundError:
        return True  # no WAL: everything is in the main file, synced by the checkpoint
    except OSError as exc:
        _log.warning("library WAL not opened for sync: %s", exc)
        return False
    try:
        os.fsync(fd)
        return True
    except OSError as exc:
        _log.warning("library WAL not synced: %s", exc)
        return False
    finally:
        os.close(fd)


# ----- replay on the next open -------------------------------------------------------------------
@dataclass
class Recovery:
    """What a replay did: ``applied`` and ``unapplied`` hold (material id, target, field, text);
    ``places`` where a field's text was typed, when not in the panels (``PLACES``)."""

    applied: list[tuple[int, Target, str, Any]] = field(default_factory=list)
    unapplied: list[tuple[int | None, Target, str, Any]] = field(default_factory=list)
    places: dict[tuple[Target, str], str] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.applied or self.unapplied)

    def place(self, target: Target, field_name: str) -> str | None:
        return self.places.get((target, field_name))


@dataclass(frozen=True)
class Replay:
    """One field to write back: the library holds ``old``, the user had typed ``new``."""

    material_id: int
    target: Target
    field: str
    old: Any
    new: Any
    place: str | None = None


def write_directly(library) -> Callable[[Replay], None]:
    """The replay's write without a window: straight into the library."""

    def write(replay: Replay) -> None:
        node_id = None if replay.target[0] == "material" else replay.target[1]
        library.apply_edits(replay.material_id, [(node_id, {replay.field: replay.new})])

    return write


def stored_value(library, target: Target, field_name: str) -> tuple[int | None, Any]:
    """(material id, the value the library holds) or (None, None) when the target is gone."""
    kind, ident = target
    try:
        if kind == "material":
            return ident, getattr(library.get_material(ident), field_name)
        material_id = library.node_location(ident)[0]
        node = store_trash.find_node(library.get_material(material_id), ident)
        return material_id, getattr(node, field_name)
    except (DuizhaoError, AttributeError, TypeError):
        return None, None


def recover(library, write: Callable[[Replay], None] | None = None) -> Recovery:
    """Replay the journal left by a window that did not close normally, then remove it.

    Per field the last record counts. It is applied when the library holds the record's
    ``old`` value (nothing changed it since); already holding ``new`` means it was saved; any
    other value means something else changed the field (another tool, a restore) and the text
    is returned in ``unapplied`` for the user to see rather than written over that change.
    ``write(replay)`` stores one field — the window's is an undoable command on its edit path;
    by default the library directly. It raises the library's error when not stored.
    """
    write = write or write_directly(library)
    path = journal_path(library.path)
    latest: dict[tuple[Target, str], dict[str, Any]] = {}
    for record in read_records(path):
        target = record["target"]
        if (
            isinstance(target, list)
            and len(target) == 2
            and target[0] in ("material", "node")
            and type(target[1]) is int
            and isinstance(record["field"], str)
        ):
            latest[((target[0], target[1]), record["field"])] = record
    recovery = Recovery()
    replays: list[Replay] = []
    for (target, field_name), record in latest.items():
        place = record.get("place")
        if place in PLACES:
            recovery.places[(target, field_name)] = place
        material_id, stored = stored_value(library, target, field_name)
        new = record["new"]
        if material_id is not None and stored == new:
            continue  # saved before the end
        if material_id is not None and stored == record["old"]:
            replays.append(Replay(material_id, target, field_name, stored, new, place))
        else:
            recovery.unapplied.append((material_id, target, field_name, new))
    kept = False
    for replay in replays:
        entry = (replay.material_id, replay.target, replay.field, replay.new)
        try:
            write(replay)
        except (DuizhaoError, OSError) as exc:  # a full disk (tried again next time), a refusal
            _log.warning(
                "typing journal not replayed into material %d (%s)",
                replay.material_id,
                type(exc).__name__,
            )
            kept = kept or not isinstance(exc, InputError)
            recovery.unapplied.append(entry)
        else:
            recovery.applied.append(entry)
    if not kept:  # a failed replay is tried again on the next open
        path.unlink(missing_ok=True)
    if recovery:
        _log.warning(
            "typing journal replayed: %d applied, %d not applied",
            len(recovery.applied),
            len(recovery.unapplied),
        )
    return recovery
