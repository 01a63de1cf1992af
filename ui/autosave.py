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
replays it (``recover_typing``). The journal is emptied after each complete flush.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject, QTimer, Signal

from app.library import Library
from app.typing_journal import SAVE_AFTER_BYTES, Recovery, TypingJournal, recover
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

    def recover_typing(self) -> Recovery:
        """Replay what a killed window had typed but not saved (see ``app.typing_journal``)."""
        library = self._library
        if library is None or library.readonly or library.db is None:
            return Recovery()
        self.close_journal()  # replay reads and removes the file
        return recover(library)

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
        if self._journal is not None:
            self._journal.saved()
        self.saved.emit()
        return True
