"""The material title's editor: one line like a line edit, where Enter breaks the printed title.

A printed title breaks by itself between words (``app.exporters.title_breaks``); a user who wants
the break elsewhere (unit on the first line, 对照检查材料 on the second) presses Enter there.
The editor shows exactly the lines the user made — no soft wrapping, so a wrapped line is never
mistaken for a break — and grows to show them, up to ``MAX_TITLE_LINES``. The stored title
carries "\\n" at each break (JSON carries it as it is).
"""

from __future__ import annotations

from PySide6.QtCore import QMimeData, QSize, Qt
from PySide6.QtGui import QFontMetrics, QKeyEvent
from PySide6.QtWidgets import QApplication, QPlainTextEdit, QSizePolicy, QWidget

from ui.fonts import body_font
from ui.panels.common import tr

MAX_TITLE_LINES = 3  # a 公文 title runs over two lines, rarely three


class TitleEdit(QPlainTextEdit):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setFont(body_font())
        self.setTabChangesFocus(True)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setToolTip(
            tr(
                "Press Enter where the printed title should break onto a new line; without it "
                "the title breaks between words by itself."
            )
        )
        self.blockCountChanged.connect(lambda _count: self.updateGeometry())

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            # Shift+Enter would insert a line separator (U+2028); both become one plain break.
            if self.toPlainText().count("\n") + 1 >= MAX_TITLE_LINES:
                QApplication.beep()
            else:
                self.textCursor().insertText("\n")
            event.accept()
            return
        super().keyPressEvent(event)

    def insertFromMimeData(self, source: QMimeData) -> None:
        """Pasted lines stay lines up to the limit; further ones join the last line."""
        text = source.text().replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n")
        cursor = self.textCursor()
        kept = self.toPlainText().count("\n") - cursor.selectedText().count("\u2029")
        room = max(0, MAX_TITLE_LINES - 1 - kept)
        lines = text.strip("\n").split("\n")
        if len(lines) > room + 1:
            lines = lines[:room] + ["".join(lines[room:])]
        cursor.insertText("\n".join(lines))

    def sizeHint(self) -> QSize:
        rows = min(max(self.blockCount(), 1), MAX_TITLE_LINES)
        metrics = QFontMetrics(self.font())
        margins = self.contentsMargins()
        frame = margins.top() + margins.bottom() + 2 * self.document().documentMargin()
        return QSize(400, int(metrics.lineSpacing() * rows + frame + 2))

    def minimumSizeHint(self) -> QSize:
        hint = self.sizeHint()
        return QSize(120, hint.height())
