"""The side view of 对照上年材料: last year's whole material, read-only, with the part matching
the node selected in the editor marked and scrolled into view.

The widget only shows; ``ui.last_year_features`` decides which material and which nodes, and
does the copy across. The text is laid out with one paragraph per heading, intro and point (not
the printed run-on shape): comparing and selecting a passage is easier so. Each node's character
range is kept, so marking and scrolling never move the user's selection.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QBrush,
    QColor,
    QFont,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QSizePolicy,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from app.library import MaterialSummary
from app.model import Material, Numbering
from ui.fonts import body_font

MARK_COLOR = QColor("#fff1b8")  # the counterpart of the selected node: a soft highlighter
SCROLL_MARGIN = 0  # pixels above the marked part once scrolled to the top (no cut line)
NOTE_STYLE = "color: #555;"


def _tr(text: str) -> str:
    return QCoreApplication.translate("LastYearView", text)


def material_label(summary: MaterialSummary) -> str:
    """A choice in the combo: year, then the title (the unit is in the title as a rule)."""
    year = _tr("year %1").replace("%1", str(summary.year)) if summary.year else _tr("no year")
    title = summary.title or _tr("(untitled)")
    return f"{year} · {title}"


class LastYearView(QWidget):
    """Combo of materials, a note line, the read-only text and the copy button."""

    materialChosen = Signal(object)  # the material id picked in the combo (None: none)
    copyRequested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("lastYearView")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        row = QHBoxLayout()
        label = QLabel(_tr("Compare with:"), self)
        self.combo = QComboBox(self)
        self.combo.setObjectName("lastYearCombo")
        self.combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.combo.setMinimumContentsLength(12)
        self.combo.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.combo.setToolTip(_tr("The material shown beside the open one (read-only)"))
        self.combo.activated.connect(self._chosen)
        label.setBuddy(self.combo)
        row.addWidget(label)
        row.addWidget(self.combo, 1)
        layout.addLayout(row)
        self.note = QLabel(self)
        self.note.setObjectName("lastYearNote")
        self.note.setWordWrap(True)
        self.note.setStyleSheet(NOTE_STYLE)
        layout.addWidget(self.note)
        self.text = QTextBrowser(self)
        self.text.setObjectName("lastYearText")
        self.text.setOpenLinks(False)
        # selectable by keyboard too (Shift+arrows), never editable
        self.text.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.text.setFont(body_font())
        self.text.copyAvailable.connect(self._selection_changed)
        self.text.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.text.customContextMenuRequested.connect(self._context_menu)
        self.text.viewport().installEventFilter(self)
        layout.addWidget(self.text, 1)
        self.copy_button = QPushButton(_tr("Copy to the current point"), self)
        self.copy_button.setObjectName("copyToCurrentButton")
        self.copy_button.setToolTip(
            _tr(
                "Insert the text selected here at the cursor of the field being edited "
                "(one step, Ctrl+Z takes it back)"
            )
        )
        self.copy_button.setEnabled(False)
        self.copy_button.clicked.connect(self.copyRequested)
        # the same in the text's context menu, after 复制 and 全选
        self.copy_action = QAction(self.copy_button.text(), self)
        self.copy_action.setObjectName("copyToCurrentAction")
        self.copy_action.setEnabled(False)
        self.copy_action.triggered.connect(self.copyRequested)
        layout.addWidget(self.copy_button)
        self.ranges: dict[int, tuple[int, int]] = {}  # node id → (first, end) character
        self.paths: dict[int, str] = {}  # node id → where it is (一、（二）三是)
        self.marked: tuple[int, ...] = ()
        self.material: Material | None = None

    # ----- choices ----------------------------------------------------------------------------
    def set_choices(self, summaries: list[MaterialSummary], chosen: int | None) -> None:
        self.combo.blockSignals(True)
        self.combo.clear()
        for summary in summaries:
            self.combo.addItem(material_label(summary), summary.id)
        self.combo.setCurrentIndex(self.combo.findData(chosen) if chosen is not None else -1)
        self.combo.setEnabled(bool(summaries))
        self.combo.setPlaceholderText(_tr("No other material in the library"))
        self.combo.blockSignals(False)

    def _chosen(self, index: int) -> None:
        self.materialChosen.emit(self.combo.itemData(index) if index >= 0 else None)

    def chosen_id(self) -> int | None:
        return self.combo.currentData()

    # ----- text -------------------------------------------------------------------------------
    def show_material(self, material: Material | None, note: str = "") -> None:
        """Lay out ``material`` (None: empty, with ``note`` saying why)."""
        self.material = material
        self.ranges, self.paths = {}, {}
        self.marked = ()
        # built apart and then shown: a document on screen would lay out after every insert
        document = QTextDocument(self.text)
        document.setUndoRedoEnabled(False)  # marking changes formats, never text
        document.setDefaultFont(self.text.font())
        if material is not None:
            self._lay_out(document, material)
        self.text.setDocument(document)  # the old one, the browser's child, is deleted
        self.text.verticalScrollBar().setValue(0)
        self.set_note(note)

    def set_note(self, text: str) -> None:
        self.note.setText(text)
        self.note.setVisible(bool(text))

    def _lay_out(self, document: QTextDocument, material: Material) -> None:
        numbers = Numbering(material)
        cursor = QTextCursor(document)
        base = QTextCharFormat()
        bold = QTextCharFormat()
        bold.setFontWeight(QFont.Weight.Bold)
        title = QTextCharFormat(bold)
        title.setFontPointSize(body_font().pointSizeF() + 3)
        first = [True]

        def paragraph(
            parts: list[tuple[str, QTextCharFormat]], center: bool = False, gap: int = 4
        ) -> int:
            block = QTextBlockFormat()
            block.setTopMargin(gap)
            block.setAlignment(
                Qt.AlignmentFlag.AlignHCenter if center else Qt.AlignmentFlag.AlignLeft
            )
            if first[0]:
                cursor.setBlockFormat(block)
                first[0] = False
            else:
                cursor.insertBlock(block)
            start = cursor.position() + (0 if first[0] else 1)  # after the block break
            for text, fmt in parts:
                cursor.insertText(text, fmt)
            return start

        paragraph([(material.title, title)], center=True, gap=0)
        for text in material.preamble:
            paragraph([(text, base)])
        for si, section in enumerate(material.sections):
            start = cursor.position() + (0 if first[0] else 1)  # after the block break
            line = (numbers.at(si) if section.numbered else "") + section.heading
            if line:
                paragraph([(line, bold)], gap=10)
            for text in section.intro:
                paragraph([(text, base)])
            for pi, point in enumerate(section.points):
                self._point(paragraph, point, numbers.at(si, None, pi), base, bold)
            for di, dim in enumerate(section.dimensions):
                dim_start = cursor.position() + 1  # after the block break
                heading = (numbers.at(si, di) if dim.numbered else "") + dim.full_heading()
                paragraph([(heading, bold)], gap=8)
                for text in dim.intro:
                    paragraph([(text, base)])
                for pi, point in enumerate(dim.points):
                    self._point(paragraph, point, numbers.at(si, di, pi), base, bold)
                self.ranges[dim.id] = (dim_start, cursor.position())
                self.paths[dim.id] = numbers.path(dim) + dim.short_name
                self.paths.update(
                    (p.id, f"{self.paths[dim.id]} · {numbers.label(p)}") for p in dim.points
                )
            self.ranges[section.id] = (start, cursor.position())
            self.paths[section.id] = numbers.path(section)
            self.paths.update((p.id, numbers.path(p)) for p in section.points)
        for text in material.closing:
            paragraph([(text, base)], gap=10)

    def _point(self, paragraph, point, label: str, base, bold) -> None:
        title = point.title
        if title and title[-1] not in "。！？；：…!?;:":
            title += "。"
        parts = [(label + title, bold)]
        if point.body:
            parts.append((point.body, base))
        if point.example:
            parts.append((f"{point.example_lead}{point.example_sep}{point.example}", base))
        start = paragraph(parts)
        self.ranges[point.id] = (start, start + sum(len(t) for t, _f in parts))

    # ----- marking and scrolling -----------------------------------------------------------
    def mark(self, node_ids: tuple[int, ...]) -> None:
        """Mark these nodes' paragraphs and scroll the first to the top (nothing: the top)."""
        self._paint(self.marked, None)
        self.marked = tuple(i for i in node_ids if i in self.ranges)
        self._paint(self.marked, MARK_COLOR)
        self._scroll_to_mark()
        # the dock may still be taking its width (the text rewraps): scroll again once it has
        QTimer.singleShot(0, self._scroll_to_mark)

    def _scroll_to_mark(self) -> None:
        if not self.marked or not isValid(self.text):
            return
        block = self.text.document().findBlock(self.ranges[self.marked[0]][0])
        top = self.text.document().documentLayout().blockBoundingRect(block).top()
        self.text.verticalScrollBar().setValue(max(0, int(top) - SCROLL_MARGIN))

    def eventFilter(self, watched, event) -> bool:
        if watched is self.text.viewport() and event.type() == QEvent.Type.Resize:
            QTimer.singleShot(0, self._scroll_to_mark)  # rewrapped: the mark moved
        return super().eventFilter(watched, event)

    def scroll_to_top(self) -> None:
        self.mark(())
        self.text.verticalScrollBar().setValue(0)

    def _paint(self, node_ids: tuple[int, ...], color: QColor | None) -> None:
        document = self.text.document()
        fmt = QTextBlockFormat()
        fmt.setBackground(QBrush(color) if color is not None else QBrush(Qt.BrushStyle.NoBrush))
        for node_id in node_ids:
            start, end = self.ranges[node_id]
            cursor = QTextCursor(document)
            cursor.setPosition(start)
            cursor.setPosition(
                max(start, end - 1) if end > start else start, QTextCursor.MoveMode.KeepAnchor
            )
            cursor.mergeBlockFormat(fmt)

    def marked_text(self) -> str:
        """The plain text of the marked part (for tests and the screen reader's sake)."""
        if not self.marked:
            return ""
        start, end = self.ranges[self.marked[0]]
        cursor = QTextCursor(self.text.document())
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        return cursor.selectedText().replace("\u2029", "\n")

    # ----- selection --------------------------------------------------------------------------
    def selected_text(self) -> str:
        """The selected passage as plain text, paragraphs separated by newlines."""
        return self.text.textCursor().selectedText().replace("\u2029", "\n").strip()

    def select_range(self, start: int, end: int) -> None:
        """Select characters ``start``..``end`` of the shown text (what a drag does)."""
        cursor = QTextCursor(self.text.document())
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        self.text.setTextCursor(cursor)

    def _selection_changed(self, available: bool) -> None:
        self.copy_button.setEnabled(available)
        self.copy_action.setEnabled(available)

    def context_menu(self, pos: QPoint) -> QMenu:
        """The text's standard menu (复制, 全选) with 复制到当前要点 added."""
        menu = self.text.createStandardContextMenu(pos)
        menu.addSeparator()
        menu.addAction(self.copy_action)
        return menu

    def _context_menu(self, pos: QPoint) -> None:
        menu = self.context_menu(pos)
        menu.exec(self.text.viewport().mapToGlobal(pos))
        menu.deleteLater()
