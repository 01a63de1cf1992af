"""The 整改清单 table's model: one row per (problem, measure) of ``app.rectification.rows``,
sortable through a proxy (``SORT_ROLE``), editable in place in the measure's columns (责任人,
时限, 状态, 说明).

The model never writes: ``setData`` parses what was typed (a 时限 that is not a date is refused
with a Chinese message through ``refused``, nothing stored) and hands the field edit to
``commit(measure_id, field, old, new)`` — the window's edit path, one undoable command — then
shows the new value at once; the window's ``materialChanged`` re-reads the list afterwards.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from app.errors import InputError
from app.model import RECTIFICATION_STATUSES, Material
from app.rectification import ListRow, deadline_label, parse_deadline, rows

COL_NUMBER, COL_PROBLEM, COL_MEASURE, COL_RESPONSIBLE, COL_DEADLINE, COL_STATUS, COL_NOTE = range(7)
# Column → the measure's field edited there.
EDITABLE = {
    COL_RESPONSIBLE: "responsible",
    COL_DEADLINE: "deadline",
    COL_STATUS: "status",
    COL_NOTE: "status_note",
}
_NO_PARENT = QModelIndex()  # shared default (never changed)
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
MEASURE_ID_ROLE = Qt.ItemDataRole.UserRole + 2


def _tr(text: str) -> str:
    return QCoreApplication.translate("RectificationView", text)


def headers() -> list[str]:
    return [
        _tr("No."),
        _tr("Problem"),
        _tr("Measure"),
        _tr("Responsible"),
        _tr("Deadline"),
        _tr("Status"),
        _tr("Status note"),
    ]


def status_labels() -> dict[str, str]:
    return {
        "not_started": _tr("Not started"),
        "in_progress": _tr("In progress"),
        "done": _tr("Done"),
    }


def field_labels() -> dict[str, str]:
    """How each field is named in the undo history ("panels" context, as ``ui.commands``)."""
    return {
        "responsible": QCoreApplication.translate("panels", "Responsible"),
        "deadline": QCoreApplication.translate("panels", "Deadline"),
        "status": QCoreApplication.translate("panels", "Status"),
        "status_note": QCoreApplication.translate("panels", "Status note"),
    }


Commit = Callable[[int, str, object, object], bool]


class RectificationModel(QAbstractTableModel):
    refused = Signal(str)  # a Chinese message: what was typed and why it was not stored

    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: list[ListRow] = []
        self._shown: list[list[str]] = []
        self.commit: Commit | None = None

    # ----- contents ------------------------------------------------------------------------
    def set_material(self, material: Material | None) -> None:
        self.beginResetModel()
        self._rows = rows(material) if material is not None else []
        self._shown = [self._texts(row) for row in self._rows]
        self.endResetModel()

    def _texts(self, row: ListRow) -> list[str]:
        """The row's seven display texts, worked out once (sorting asks thousands of times)."""
        return [self._display(row, column) for column in range(7)]

    def list_rows(self) -> list[ListRow]:
        return list(self._rows)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex | None = None) -> int:
        return 0 if parent is not None and parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex | None = None) -> int:
        return 0 if parent is not None and parent.isValid() else 7

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return headers()[section]
        return None

    def flags(self, index):
        base = super().flags(index)
        if index.isValid() and index.column() in EDITABLE and self._rows[index.row()].measure:
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row, column = self._rows[index.row()], index.column()
        measure = row.measure
        if role == MEASURE_ID_ROLE:
            return measure.id if measure is not None else None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._shown[index.row()][column]
        if role == Qt.ItemDataRole.EditRole:
            if measure is None or column not in EDITABLE:
                return self._display(row, column)
            value = getattr(measure, EDITABLE[column])
            return deadline_label(value) if column == COL_DEADLINE else value
        if role == SORT_ROLE:
            if column == COL_NUMBER:
                return row.number
            if measure is not None and column == COL_DEADLINE:
                return measure.deadline or "9999"  # no deadline sorts last
            if measure is not None and column == COL_STATUS:
                return RECTIFICATION_STATUSES.index(measure.status)
            return self._shown[index.row()][column]
        if role == Qt.ItemDataRole.ToolTipRole and column in (COL_PROBLEM, COL_MEASURE, COL_NOTE):
            return self._shown[index.row()][column]
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (0, 4, 5):
            return int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        return None

    def _display(self, row: ListRow, column: int) -> str:
        if column == COL_PROBLEM and row.problem is None:
            return _tr("(no problem linked)")
        if column == COL_MEASURE and row.measure is None:
            return _tr("(no measure linked)")
        if column == COL_STATUS and row.measure is not None:
            return status_labels().get(row.measure.status, row.measure.status)
        return row.cells()[column]

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        """Sorted here rather than through a proxy: a proxy asks ``data`` some 65,000 times for
        a 2,000-row list (1.4 s); one Python sort of the keys takes milliseconds."""
        self.layoutAboutToBeChanged.emit()
        keys = [self._sort_key(i, column) for i in range(len(self._rows))]
        order_of = sorted(
            range(len(self._rows)),
            key=lambda i: (keys[i], self._rows[i].number),
            reverse=order == Qt.SortOrder.DescendingOrder,
        )
        old = self.persistentIndexList()
        where = {i: n for n, i in enumerate(order_of)}
        self._rows = [self._rows[i] for i in order_of]
        self._shown = [self._shown[i] for i in order_of]
        self.changePersistentIndexList(
            old, [self.index(where[index.row()], index.column()) for index in old]
        )
        self.layoutChanged.emit()

    def _sort_key(self, i: int, column: int):
        value = self.data(self.index(i, column), SORT_ROLE)
        return (0, value, "") if isinstance(value, int) else (1, 0, str(value))

    # ----- editing -------------------------------------------------------------------------
    def setData(self, index, value, role=Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        row = self._rows[index.row()]
        field = EDITABLE.get(index.column())
        if row.measure is None or field is None or row.measure.id is None:
            return False
        try:
            new = self._parsed(field, value)
        except InputError as exc:
            self.refused.emit(exc.zh)
            return False
        old = getattr(row.measure, field)
        if new == old:
            return True
        if self.commit is None or not self.commit(row.measure.id, field, old, new):
            return False
        setattr(row.measure, field, new)
        # a measure answering several problems is on several rows
        changed = [i for i, other in enumerate(self._rows) if other.measure is row.measure]
        for i in changed:
            self._shown[i] = self._texts(self._rows[i])
        self.dataChanged.emit(
            self.index(changed[0], index.column()), self.index(changed[-1], index.column())
        )
        return True

    def stored_value(self, measure_id: int, field: str):
        """What the measure's ``field`` holds (the open material, as stored); None: not shown."""
        for row in self._rows:
            if row.measure is not None and row.measure.id == measure_id:
                return getattr(row.measure, field)
        return None

    @classmethod
    def typed_value(cls, field: str, text: str):
        """What ``setData`` would store for ``text`` — or the text itself while it is not yet
        a date (a 时限 half typed): kept for the user, never written as a deadline."""
        try:
            return cls._parsed(field, text)
        except InputError:
            return text

    @staticmethod
    def _parsed(field: str, value) -> str:
        text = value if isinstance(value, str) else str(value or "")
        if field == "deadline":
            return parse_deadline(text)
        if field == "status":
            if text in RECTIFICATION_STATUSES:
                return text
            for code, label in status_labels().items():
                if text == label:
                    return code
            from app.rectification import parse_status

            return parse_status(text)
        return text.strip() if field == "responsible" else text
