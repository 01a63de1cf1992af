"""Cell editors that report their typing: a 整改清单 cell, a rename in the library list.

Such an editor stores its text when it closes, through its own command — until then the text
lives only in the editor. ``TypingDelegate`` reports every change of the editor's text
(``on_typed(key, text)``) and its closing (``on_ended(key)``), so the window can write it ahead
to the typing journal as it does the panels' typing (``Autosave.note_typing`` /
``typing_done``): a kill while the editor is open loses nothing. ``key_of(index)`` says what
the cell edits (None: not reported).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QLineEdit, QStyledItemDelegate


class TypingDelegate(QStyledItemDelegate):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.key_of: Callable[[object], object | None] = lambda _index: None
        self.on_typed: Callable[[object, str], None] | None = None
        self.on_ended: Callable[[object], None] | None = None
        self._open: dict[int, object] = {}  # id(editor) → key, until its closing is reported

    def make_editor(self, parent, option, index):
        """The editor itself (Qt's default: a line edit for text)."""
        return super().createEditor(parent, option, index)

    def createEditor(self, parent, option, index):  # noqa: N802 (Qt's name)
        editor = self.make_editor(parent, option, index)
        key = self.key_of(index)
        if key is None or not isinstance(editor, QLineEdit):
            return editor
        token = id(editor)
        self._open[token] = key
        # textEdited: the user's changes only (keys, input method, the editor's own undo),
        # not the text put in when the editor opens
        editor.textEdited.connect(lambda text, k=key: self._typed(k, text))
        # a view that drops the row closes the editor without asking this delegate
        editor.destroyed.connect(lambda *_args, t=token: self._ended(t))
        return editor

    def destroyEditor(self, editor, index) -> None:  # noqa: N802 (Qt's name)
        token = id(editor)
        super().destroyEditor(editor, index)  # after the commit: the text is stored (or not)
        self._ended(token)

    def _typed(self, key, text: str) -> None:
        if self.on_typed is not None:
            self.on_typed(key, text)

    def _ended(self, token: int) -> None:
        key = self._open.pop(token, None)
        if key is None or self.on_ended is None:
            return
        try:
            self.on_ended(key)
        except RuntimeError:  # the view went with its window (editor destroyed last): no one
            pass  # to tell, and the window's journal is closed already
