"""整改清单 view (``rectificationView``): a sortable table of the open material's problems and the
measures answering them, edited in place — 责任人 and 说明 as text, 时限 as a date or 长期坚持,
状态 from a list — with the three exports at hand. Sized for a 1366×768 screen: the problem and
measure columns take what the fixed ones leave, and long texts wrap (row heights follow).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QStyledItemDelegate,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.model import RECTIFICATION_STATUSES
from ui.cell_typing import TypingDelegate
from ui.rectification_model import (
    COL_DEADLINE,
    COL_MEASURE,
    COL_NOTE,
    COL_NUMBER,
    COL_PROBLEM,
    COL_RESPONSIBLE,
    COL_STATUS,
    EDITABLE,
    MEASURE_ID_ROLE,
    RectificationModel,
    _tr,
    status_labels,
)

ERROR_STYLE = "color: #c00000;"
# Fixed column widths in pixels at the default font; 问题 and 整改措施 share the rest.
FIXED_WIDTHS = {COL_NUMBER: 44, COL_RESPONSIBLE: 130, COL_DEADLINE: 120, COL_STATUS: 80}


class StatusDelegate(QStyledItemDelegate):
    """状态 is chosen, not typed: a list of the three states, stored on choosing."""

    def createEditor(self, parent, option, index):
        combo = QComboBox(parent)
        combo.setObjectName("rectificationStatusEditor")
        labels = status_labels()
        for code in RECTIFICATION_STATUSES:
            combo.addItem(labels[code], code)
        combo.activated.connect(lambda _i, c=combo: self._chosen(c))
        return combo

    def _chosen(self, combo: QComboBox) -> None:
        self.commitData.emit(combo)
        self.closeEditor.emit(combo)

    def setEditorData(self, editor, index) -> None:
        code = index.data(Qt.ItemDataRole.EditRole)
        found = editor.findData(code)
        editor.setCurrentIndex(max(found, 0))

    def setModelData(self, editor, model, index) -> None:
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)


class TextCellDelegate(TypingDelegate):
    """责任人 and 说明: Qt's line editor, its typing reported for the journal (``cellTyped``,
    ``cellEditorClosed``)."""

    def __init__(self, view: RectificationView):
        super().__init__(view.table)
        self.key_of = view.cell_key
        self.on_typed = view.cellTyped.emit
        self.on_ended = view.cellEditorClosed.emit


class DeadlineDelegate(TextCellDelegate):
    def make_editor(self, parent, option, index):
        edit = QLineEdit(parent)
        edit.setObjectName("rectificationDeadlineEditor")
        edit.setPlaceholderText(_tr("2026-06-30 or 长期坚持"))
        return edit


class RectificationView(QWidget):
    pointActivated = Signal(int)  # a double-click on 问题 / 整改措施: show that point
    # An open cell editor's text changed: ((measure id, field), text) — for the typing journal;
    # its editor closed (the text stored, refused or dropped): (measure id, field).
    cellTyped = Signal(object, str)
    cellEditorClosed = Signal(object)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("rectificationView")
        self.model = RectificationModel(self)
        self.table = QTableView(self)
        self.table.setObjectName("rectificationTable")
        self.table.setModel(self.model)  # it sorts itself (``RectificationModel.sort``)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(COL_NUMBER, Qt.SortOrder.AscendingOrder)
        self.table.setWordWrap(True)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.table.doubleClicked.connect(self._double_clicked)
        self.table.setItemDelegateForColumn(COL_STATUS, StatusDelegate(self.table))
        self.table.setItemDelegateForColumn(COL_DEADLINE, DeadlineDelegate(self))
        for column in (COL_RESPONSIBLE, COL_NOTE):
            self.table.setItemDelegateForColumn(column, TextCellDelegate(self))
        header = self.table.horizontalHeader()
        for column in range(7):
            mode = (
                QHeaderView.ResizeMode.Stretch
                if column in (COL_PROBLEM, COL_MEASURE, COL_NOTE)
                else QHeaderView.ResizeMode.Interactive
            )
            header.setSectionResizeMode(column, mode)
        for column, width in FIXED_WIDTHS.items():
            self.table.setColumnWidth(column, width)
        # Rows of two lines: long problem/measure texts wrap into them and show whole in the
        # tooltip. (Rows sized to their contents cost 35 s to open on a 2,000-row list: Qt
        # measures every cell of every row.)
        lines = self.table.fontMetrics().lineSpacing()
        vertical = self.table.verticalHeader()
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.setDefaultSectionSize(2 * lines + 10)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.summary = QLabel(self)
        self.summary.setObjectName("rectificationSummary")
        self.message = QLabel(self)
        self.message.setObjectName("rectificationMessage")
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.setWordWrap(True)
        self.model.refused.connect(self.show_refusal)
        self.model.modelReset.connect(self._update_summary)
        self.model.dataChanged.connect(self._update_summary)
        self.export_buttons: list[QToolButton] = []
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.summary, 1)
        self._top = top
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(top)
        layout.addWidget(self.message)
        layout.addWidget(self.table, 1)
        self.message.hide()

    def add_export_action(self, action: QAction, text: str) -> None:
        """A button for one of the window's export actions (enabled with it)."""
        button = QToolButton(self)
        button.setDefaultAction(action)
        button.setText(text)
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        action.changed.connect(lambda b=button, t=text: b.setText(t))  # keep the short label
        self._top.addWidget(button)
        self.export_buttons.append(button)

    def _double_clicked(self, index) -> None:
        row = self.model.list_rows()[index.row()]
        point = {COL_PROBLEM: row.problem, COL_MEASURE: row.measure}.get(index.column())
        if point is not None and point.id is not None:
            self.pointActivated.emit(point.id)

    def show_refusal(self, message: str) -> None:
        self.message.setText(message)
        self.message.show()

    def clear_refusal(self) -> None:
        self.message.clear()
        self.message.hide()

    def _update_summary(self, *_args) -> None:
        rows = self.model.list_rows()
        measures = {id(r.measure) for r in rows if r.measure is not None}
        done = {id(r.measure) for r in rows if r.measure is not None and r.measure.status == "done"}
        unlinked = sum(1 for r in rows if r.measure is None or r.problem is None)
        text = (
            _tr("%1 rows · %2 measures, %3 done")
            .replace("%1", str(len(rows)))
            .replace("%2", str(len(measures)))
            .replace("%3", str(len(done)))
        )
        if unlinked:
            text += _tr(" · %1 not linked").replace("%1", str(unlinked))
        self.summary.setText(text)

    def cell_key(self, index) -> tuple[int, str] | None:
        """(measure id, field) a typed cell edits; None for the others."""
        field = EDITABLE.get(index.column())
        measure_id = index.data(MEASURE_ID_ROLE)
        return (measure_id, field) if field is not None and measure_id is not None else None

    def select_cell(self, measure_id: int, field: str) -> bool:
        """Make the cell of ``field`` in the (first) row of measure ``measure_id`` current."""
        column = next((c for c, f in EDITABLE.items() if f == field), None)
        for row in range(self.model.rowCount()):
            index = self.model.index(row, column if column is not None else COL_MEASURE)
            if index.data(MEASURE_ID_ROLE) == measure_id:
                self.table.setCurrentIndex(index)
                self.table.scrollTo(index)
                return True
        return False

    def index_at(self, row: int, column: int):
        """The model index shown at view row ``row`` (after sorting)."""
        return self.model.index(row, column)
