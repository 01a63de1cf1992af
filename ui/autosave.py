"""Autosave: typing is stored within a second of the last keystroke, with no Save button.

Edits wait in ``pending`` (one ``PendingEdit`` per field: what the library holds, what was typed,
when the burst's first and last key came) while the user types; a single-shot timer,
restarted by every keystroke, flushes them. The window also flushes at once on focus change,
node change and close. Each flushed field becomes one ``EditFieldCommand``, handed to ``push``,
whose redo does the write; it carries the times of its first and last keystroke (``clock``), so
bursts split by an early flush still merge into one undo step per pause. A failed write keeps
the edit pending (the text stays in the editor) and is retried on the next keystroke or timer.

Until that flush the text is also written ahead, on every change, to the library's typing
journal (``app.typing_journal``): a killed or crashed window loses none of it, the next open
replays it (``recover_typing``). The journal is emptied after each complete flush. Cell editors
(the 整改清单 table, a rename in the library list) store their text when they close, through
their own command; until then ``note_typing`` writes it ahead the same way.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject, QTimer, Signal

from app.library import Library
from app.typing_journal import SAVE_AFTER_BYTES, Recovery, Replay, TypingJournal, recover
from ui.commands import EditFieldCommand, Target

AUTOSAVE_DELAY_MS = 1000


@dataclass
class PendingEdit:
    stored: object  # what the library holds: the undo step's old value
    value: object  # what was typed
    first_key: float  # Autosave.clock at the burst's first and last keystroke
    last_key: float


class Autosave(QObject):
    saved = Signal()  # everything pending is now in the library

    def __init__(
        self,
        library: Library,
        push: Callable[[EditFieldCommand], bool],
        parent: QObject | None = None,
        delay_ms: int = AUTOSAVE_DELAY_MS,
        clock: Callable[[], float] = time.monotonic,
    ):
        super().__init__(parent)
        self._library = library
        self._journal: TypingJournal | None = None
        self._push = push  # runs the command (its redo writes); False when the write failed
        self.clock = clock
        self.pending: dict[tuple[Target, str], PendingEdit] = {}
        self.open_cells: set[tuple[Target, str]] = set()  # journaled, editor still open
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(delay_ms)
        self.timer.timeout.connect(self.flush)

    @property
    def library(self) -> Library:
        return self._library

    @library.setter
    def library(self, library: Library) -> None:
        """Another library file (a restore swapped it): its own journal from now on."""
        self.close_journal()
        self._library = library

    def journal(self) -> TypingJournal | None:
        library = self._library
        if library is None or library.readonly or library.db is None:
            return None
        if self._journal is None:
            self._journal = TypingJournal(library.path)
        return self._journal

    def close_journal(self) -> None:
        if self._journal is not None:
            self._journal.close()
            self._journal = None

    def sync_library_soon(self) -> None:
        """A command was committed: on disk soon, in the background (``TypingJournal``)."""
        journal = self.journal()
        if journal is not None:
            journal.sync_library_soon()

    def recover_typing(self, write: Callable[[Replay], None] | None = None) -> Recovery:
        """Replay what a killed window had typed but not saved (see ``app.typing_journal``);
        ``write`` stores one field (the window's edit path)."""
        library = self._library
        if library is None or library.readonly or library.db is None:
            return Recovery()
        self.close_journal()  # replay reads and removes the file
        return recover(library, write)

    def remember(self, target: Target, field: str, value) -> None:
        """The library holds ``value`` now (a panel was loaded, undo changed it): the journal
        must not bring older typing back over it on a replay."""
        if (target, field) not in self.pending and self._journal is not None:
            self._journal.note_stored(target, field, value)

    def forget(self) -> None:
        """Another material was opened: nothing pending (flush first)."""
        self.timer.stop()
        self.pending.clear()

    def note_edit(self, target: Target, field: str, value, stored) -> None:
        """A keystroke: the field now reads ``value``; ``stored`` is what the library holds
        (used when this starts a burst; a pending edit already knows it)."""
        key = (target, field)
        now = self.clock()
        edit = self.pending.get(key) or PendingEdit(stored, value, now, now)
        if value == edit.stored:
            self.pending.pop(key, None)  # typed back to what is stored: nothing to write
        else:
            edit.value, edit.last_key = value, now
            self.pending[key] = edit
        journal = self.journal()
        if journal is not None:
            journal.record(target, field, edit.stored, value)
            if journal.size > SAVE_AFTER_BYTES:  # a long burst without a pause: save it now
                self.flush()
                return
        self.timer.start()  # restart: save after the pause, not during the burst

    def note_typing(self, target: Target, field: str, value, stored, place: str) -> None:
        """A key in a cell editor (``place``: the 整改清单 table, the library list's rename),
        whose text is stored when the editor closes, not after a pause: written ahead at once,
        so a kill loses none of it. ``stored``: what the library holds; ``typing_done`` when
        the editor closes."""
        key = (target, field)
        if key in self.pending:  # typed in a panel too, not yet saved: that is not stored
            stored = self.pending[key].stored
        self.open_cells.add(key)
        journal = self.journal()
        if journal is not None:
            journal.record(target, field, stored, value, place)

    def typing_done(self, target: Target, field: str, stored) -> None:
        """The cell editor closed — its text stored, refused or dropped (Escape): the library
        holds ``stored`` (None: the field is gone), which a replay must not undo; the journal
        goes once nothing else waits in it."""
        self.open_cells.discard((target, field))
        if self._journal is None:
            return
        if stored is not None:
            self._journal.note_stored(target, field, stored)
        if not self.pending and not self.open_cells:
            self._journal.saved()

    def has_pending(self) -> bool:
        return bool(self.pending)

    def flush(self) -> bool:
        """Write every pending field now. True when nothing is left pending."""
        self.timer.stop()
        for key, edit in list(self.pending.items()):
            target, field = key
            command = EditFieldCommand(
                self.library,
                target,
                field,
                edit.stored,
                edit.value,
                edited=(edit.first_key, edit.last_key),
            )
            if not self._push(command):  # said so in the window; the text stays pending
                return False
            self.pending.pop(key, None)
        if self._journal is not None and not self.open_cells:  # (a cell's typing stays)
            self._journal.saved()
        self.saved.emit()
        return True
