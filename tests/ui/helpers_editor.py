"""Helpers for the editor tests: typing Chinese like a user, reading the outline."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent, QTextCursor
from PySide6.QtWidgets import QApplication, QPlainTextEdit

from app.model import Point

TEMPLATE_2021 = "2021-dangshi-wugedaitou"
FIRST_DIM_TITLES = ["学习态度不够积极", "学深悟透不够深入", "学以致用不够灵活"]


def type_text(widget, text: str) -> None:
    """One key press/release per character carrying its text (QTest.keyClicks aborts on CJK)."""
    widget.setFocus()
    if isinstance(widget, QPlainTextEdit) and not widget.textCursor().hasSelection():
        widget.moveCursor(QTextCursor.MoveOperation.End)  # as if clicked after the last word
    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(
                widget, QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, ch)
            )


def outline_labels(window, key: int) -> list[str]:
    model = window.outline_model
    parent = model.index_for_key(key)
    return [model.index(r, 0, parent).data() for r in range(model.rowCount(parent))]


def make_material(library) -> int:
    """The 2021 template with three points in （一） and one in （二）."""
    mid = library.create_from_template(TEMPLATE_2021, organization="县政府党组")
    dims = library.get_material(mid).sections[0].dimensions
    for i, title in enumerate(FIRST_DIM_TITLES):
        library.insert_point(dims[0].id, i, Point(title=title, body=f"第{i + 1}条正文。"))
    library.insert_point(dims[1].id, 0, Point(title="改革创新意识不强"))
    return mid


def dims_of(library, mid):
    return library.get_material(mid).sections[0].dimensions
