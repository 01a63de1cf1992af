"""Autosave: typing is stored within a second of the last keystroke, with no Save button.

Edits wait in ``pending`` (one entry per field) while the user types; a single-shot timer,
restarted by every keystroke, flushes them. The window also flushes at once on focus change,
node change and close. Each flushed field becomes one undoable ``EditFieldCommand``, applied
first and pushed only when the write succeeded. A failed write keeps the edit pending (the text
stays in the editor) and is retried on the next keystroke or timer.

Until that flush the text is also written ahead, on every change, to the library's typing
journal (``app.typing_journal``): a killed or crashed window loses none of it, the next open
replays it (``recover_typing``). The journal is emptied after each complete flush.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal

from app.library import Library
from app.typing_journal import SAVE_AFTER_BYTES, Recovery, TypingJournal, recover
from ui.commands import WRITE_ERRORS, EditFieldCommand, Target

AUTOSAVE_DELAY_MS = 1000


class Autosave(QObject):
    saved = Signal()  # everything pending is now in the library
    failed = Signal(object)  # the exception of a failed write; edits stay pending

    def __init__(self, library: Library, push: Callable[[EditFieldCommand], None],
                 parent: QObject | None = None, delay_ms: int = AUTOSAVE_DELAY_MS):
        super().__init__(parent)
        self._library = library
        self._journal: TypingJournal | None = None
        self._push = push
        self.pending: dict[tuple[Target, str], object] = {}
        self._stored: dict[tuple[Target, str], object] = {}  # last value known to be stored
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
        """The value the library holds now (a panel was loaded, or undo changed it)."""
        if (target, field) not in self.pending:
            self._stored[(target, field)] = value
            if self._journal is not None:
                self._journal.note_stored(target, field, value)

    def forget(self) -> None:
        """Another material was opened: nothing pending (flush first), nothing remembered."""
        self.timer.stop()
        self.pending.clear()
        self._stored.clear()

    def note_edit(self, target: Target, field: str, value) -> None:
        key = (target, field)
        if key in self._stored and self._stored[key] == value:
            self.pending.pop(key, None)  # typed back to what is stored: nothing to write
        else:
            self.pending[key] = value
        journal = self.journal()
        if journal is not None:
            journal.record(target, field, self._stored.get(key), value)
            if journal.size > SAVE_AFTER_BYTES:  # a long burst without a pause: save it now
                self.flush()
                return
        self.timer.start()  # restart: save after the pause, not during the burst

    def has_pending(self) -> bool:
        return bool(self.pending)

    def flush(self) -> bool:
        """Write every pending field now. True when nothing is left pending."""
        self.timer.stop()
        for key in list(self.pending):
            target, field = key
            value = self.pending[key]
            command = EditFieldCommand(self.library, target, field, self._stored.get(key), value)
            try:
                command.apply()
            except WRITE_ERRORS as exc:
                self.failed.emit(exc)
                return False
            self.pending.pop(key, None)
            self._stored[key] = value
            self._push(command)
        if self._journal is not None:
            self._journal.saved()
        self.saved.emit()
        return True
