"""Full-text search results under the library's search box: material, field and snippet per hit."""

from __future__ import annotations

import html

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QAbstractTextDocumentLayout, QKeyEvent, QPalette, QTextDocument
from PySide6.QtWidgets import (
    QApplication,
    QListWidget,
    QListWidgetItem,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from app.library import SearchHit

MATERIAL_ROLE = Qt.ItemDataRole.UserRole
NODE_ROLE = Qt.ItemDataRole.UserRole + 1
PARTS_ROLE = Qt.ItemDataRole.UserRole + 2  # (header, snippet) of a hit row


def snippet_html(header: str, snippet: str, *, muted_header: bool = True) -> str:
    """The row as rich text: the header line (grey unless the row is selected), then the
    snippet with the hit (marked 【…】 by the library) in bold."""
    body = html.escape(snippet).replace("【", "<b>").replace("】", "</b>")
    style = ' style="color:gray"' if muted_header else ""
    return f"<span{style}>{html.escape(header)}</span><br>{body}"


class _SnippetDelegate(QStyledItemDelegate):
    """Paints hit rows (``PARTS_ROLE``) as rich text; other rows are left to the style."""

    def _document(self, option: QStyleOptionViewItem, text: str) -> QTextDocument:
        doc = QTextDocument()
        doc.setDefaultFont(option.font)
        doc.setHtml(text)
        view = self.parent()
        width = view.viewport().width() if isinstance(view, QListWidget) else option.rect.width()
        doc.setTextWidth(max(width - 4, 120))
        return doc

    def paint(self, painter, option, index) -> None:
        parts = index.data(PARTS_ROLE)
        if not parts:
            super().paint(painter, option, index)
            return
        # PySide builds QStyle's enums on import: import it here, not at start-up.
        from PySide6.QtWidgets import QStyle

        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        style = opt.widget.style() if opt.widget else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        doc = self._document(opt, snippet_html(*parts, muted_header=not selected))
        context = QAbstractTextDocumentLayout.PaintContext()
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        context.palette.setColor(QPalette.ColorRole.Text, opt.palette.color(role))
        painter.save()
        painter.translate(opt.rect.topLeft())
        doc.documentLayout().draw(painter, context)
        painter.restore()

    def sizeHint(self, option, index) -> QSize:
        parts = index.data(PARTS_ROLE)
        if not parts:
            return super().sizeHint(option, index)
        doc = self._document(option, snippet_html(*parts))
        return QSize(int(doc.idealWidth()), int(doc.size().height()) + 4)


class SearchResultsList(QListWidget):
    """One row per ``SearchHit``; a click or Enter emits ``hitChosen(material_id, node_id)``
    with node_id -1 when the hit is in the material's own fields (title, preamble)."""

    hitChosen = Signal(int, int)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("searchResults")
        self.setWordWrap(True)
        self.setAlternatingRowColors(True)
        self._field_names = {
            "title": self.tr("title"),
            "body": self.tr("text"),
            "example": self.tr("example"),
            "heading": self.tr("heading"),
            "short_name": self.tr("short name"),
            "intro": self.tr("intro"),
            "preamble": self.tr("preamble"),
            "closing": self.tr("closing"),
            "organization": self.tr("organization"),
        }
        self.setItemDelegate(_SnippetDelegate(self))
        self.setResizeMode(QListWidget.ResizeMode.Adjust)  # re-wrap snippets when resized
        self.itemClicked.connect(self._choose)

    def show_hits(self, query: str, hits: list[SearchHit]) -> None:
        self.clear()
        for hit in hits:
            where = self._field_names.get(hit.field, hit.field)
            header = f"{hit.material_title} · {where}"
            item = QListWidgetItem(f"{header}\n{hit.snippet}")  # plain text: tooltips, tests, a11y
            item.setData(PARTS_ROLE, (header, hit.snippet))
            item.setData(MATERIAL_ROLE, hit.material_id)
            item.setData(NODE_ROLE, -1 if hit.node_id is None else hit.node_id)
            item.setToolTip(hit.snippet)
            self.addItem(item)
        if not hits and query:
            empty = QListWidgetItem(self.tr("No match for “{query}”.").format(query=query))
            empty.setFlags(Qt.ItemFlag.NoItemFlags)
            self.addItem(empty)

    def hit_count(self) -> int:
        return sum(1 for i in range(self.count()) if self.item(i).data(MATERIAL_ROLE) is not None)

    def _choose(self, item: QListWidgetItem | None) -> None:
        if item is None or item.data(MATERIAL_ROLE) is None:
            return
        self.hitChosen.emit(item.data(MATERIAL_ROLE), item.data(NODE_ROLE))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._choose(self.currentItem())
            return
        super().keyPressEvent(event)
