"""Autosave: typing is stored within a second of the last keystroke, with no Save button.

Edits wait in ``pending`` (one entry per field) while the user types; a single-shot timer,
restarted by every keystroke, flushes them. The window also flushes at once on focus change,
node change and close. Each flushed field becomes one undoable ``EditFieldCommand``, applied
first and pushed only when the write succeeded. A failed write keeps the edit pending (the text
stays in the editor) and is retried on the next keystroke or timer.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal

from app.store import Library
from ui.commands import WRITE_ERRORS, EditFieldCommand, Target

AUTOSAVE_DELAY_MS = 1000


class Autosave(QObject):
    saved = Signal()  # everything pending is now in the library
    failed = Signal(object)  # the exception of a failed write; edits stay pending

    def __init__(self, library: Library, push: Callable[[EditFieldCommand], None],
                 parent: QObject | None = None, delay_ms: int = AUTOSAVE_DELAY_MS):
        super().__init__(parent)
        self.library = library
        self._push = push
        self.pending: dict[tuple[Target, str], object] = {}
        self._stored: dict[tuple[Target, str], object] = {}  # last value known to be stored
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(delay_ms)
        self.timer.timeout.connect(self.flush)

    def remember(self, target: Target, field: str, value) -> None:
        """The value the library holds now (a panel was loaded, or undo changed it)."""
        if (target, field) not in self.pending:
            self._stored[(target, field)] = value

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
        self.saved.emit()
        return True
