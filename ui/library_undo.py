"""The library's own undo history, and the 撤销 notice shown after a material went to the trash.

Library-level steps (trash, restore, rename, new, import, next year's draft) go on one stack of
their own: they are not edits of a material's text, and a trashed material's history cannot be
reached once it is gone from the list. In the window the stack joins the window's undo group and
Ctrl+Z reaches it after a library step, while the list has the focus, or when nothing is open
(``EditPathMixin.route_history``); standalone, the list claims Ctrl+Z itself.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from ui.commands import History, LibraryCommand

NOTICE_MS = 20_000  # how long the 撤销 offer stays; Ctrl+Z works after that too


class LibraryUndo(QObject):
    """Pushes library steps; ``stepDone(command)`` after each successful write (the push, an
    undo, a redo), ``failed(title, error)`` when one could not be written."""

    stepDone = Signal(object)
    failed = Signal(str, object)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.stack = QUndoStack(self)
        self.stack.setObjectName("libraryUndoStack")
        # The window shares its own: one History settles whichever stack Ctrl+Z moved.
        self.history = History()
        self._error_title: str | None = ""  # "": a generic title; None: the caller says it

    def push(self, command: LibraryCommand, error_title: str | None) -> bool:
        """Run ``command`` (its first redo writes) and keep it for undo. False when the write
        failed: nothing changed, the stack is as before, and ``failed`` has said why under
        ``error_title`` (None: the caller reports ``command.error`` itself)."""
        command.on_done = self.stepDone.emit
        command.on_error = self._report
        command.history = self.history
        self.history.settle(self.stack)
        self._error_title = error_title
        try:
            self.stack.push(command)
        finally:
            self._error_title = ""
        return command.error is None

    def undo(self) -> None:
        self.stack.undo()
        self.history.settle(self.stack)

    def redo(self) -> None:
        self.stack.redo()
        self.history.settle(self.stack)

    def undo_step(self, command: LibraryCommand) -> bool:
        """Undo ``command`` if it is the newest step done; False when it is not (already
        undone, or later steps came after it)."""
        index = self.stack.index()
        if index == 0 or self.stack.command(index - 1) is not command:
            return False
        self.undo()
        return not command.in_library

    def clear(self) -> None:
        """Forget every step (their library was closed: a restore from a backup)."""
        self.stack.clear()

    def _report(self, exc: BaseException) -> None:
        if self._error_title is not None:
            self.failed.emit(self._error_title or self.tr("Cannot change the library"), exc)


class UndoNotice(QWidget):
    """ "已将「…」移到回收站 [撤销]": the way back from a mis-click, where the user looks."""

    def __init__(self, undo: LibraryUndo, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("libraryUndoNotice")
        self._undo = undo
        self._command: LibraryCommand | None = None
        self.label = QLabel(self)
        self.label.setObjectName("libraryUndoNoticeText")
        self.button = QPushButton(self.tr("Undo"), self)
        self.button.setObjectName("libraryUndoNoticeButton")
        self.button.setToolTip(self.tr("Bring the material back (Ctrl+Z in the library)"))
        self.button.clicked.connect(self.undo)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.button)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(NOTICE_MS)
        self._timer.timeout.connect(self.dismiss)
        undo.stack.indexChanged.connect(self._stack_moved)
        self.hide()

    def offer(self, text: str, command: LibraryCommand) -> None:
        self._command = command
        self.label.setText(text)
        self.show()
        self._timer.start()

    def undo(self) -> None:
        command, self._command = self._command, None
        self.dismiss()
        if command is not None:
            self._undo.undo_step(command)

    def dismiss(self) -> None:
        self._timer.stop()
        self._command = None
        self.hide()

    def _stack_moved(self, index: int) -> None:
        # Undone another way (Ctrl+Z), or a later step came: the offer no longer fits.
        command = self._command
        if command is None:
            return
        try:
            newest = self._undo.stack.command(index - 1) if index > 0 else None
        except RuntimeError:  # the stack is going away with the window
            newest = None
        if newest is not command:
            self.dismiss()
