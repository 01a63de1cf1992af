"""检查 panel (``checksPanel``): the findings of the open material, grouped by rule.

A thin two-level model (rule group → finding) over a list built off the GUI thread, so 1,600
findings of a 100-page material cost the GUI thread one model reset; the view asks only for
the rows it shows. Each finding row has painted 修正/Fix and 忽略/Ignore buttons (a delegate,
not a widget per row). The panel only emits what the user asked for; ``ui.checks_features``
does the work (jump, fix, ignore) through the window.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStyledItemDelegate,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from ui.checks_model import (
    AUTO_EXPAND_ROWS,
    COL_CONTEXT,
    COL_FIX,
    COL_IGNORE,
    COL_MESSAGE,
    COL_WHERE,
    SEVERITY_COLORS,
    FindingGroup,
    FindingsModel,
    _ident,
    _severities,
    _tr,
    shifted,
)

if TYPE_CHECKING:
    from app.checks import Finding


class ButtonDelegate(QStyledItemDelegate):
    """Paints the Fix/Ignore cells as push buttons; the view's click does the rest."""

    def paint(self, painter, option, index) -> None:
        text = index.data(Qt.ItemDataRole.DisplayRole)
        if index.column() not in (COL_FIX, COL_IGNORE) or not text:
            super().paint(painter, option, index)
            return
        # here, not at module level: PySide builds QStyle's many enums on first import (≈9 ms),
        # which start-up need not pay when the panel is still empty
        from PySide6.QtWidgets import QStyle, QStyleOptionButton

        button = QStyleOptionButton()
        button.rect = option.rect.adjusted(2, 1, -2, -1)
        button.text = text
        button.state = QStyle.StateFlag.State_Enabled | QStyle.StateFlag.State_Raised
        QApplication.style().drawControl(QStyle.ControlElement.CE_PushButton, button, painter)


class ChecksPanel(QWidget):
    findingActivated = Signal(object)  # Finding: show it in the editor
    fixRequested = Signal(object)  # Finding
    fixGroupRequested = Signal(list)  # every fixable Finding of one rule
    ignoreRequested = Signal(object)  # Finding
    restoreIgnoredRequested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("checksPanel")
        self.model = FindingsModel(self)
        self.summary = QLabel(self)
        self.summary.setObjectName("checksSummary")
        self.checked = False  # "no findings" may only show once a run has finished
        self.material_open = False  # nothing open: nothing was checked, nothing to claim
        self.status = QLabel(self)
        self.status.setObjectName("checksStatus")
        self.fix_button = self._button(
            "checksFixButton", _tr("Fix"), _tr("Apply the suggested correction (undo with Ctrl+Z)")
        )
        self.fix_group_button = self._button(
            "checksFixGroupButton",
            _tr("Fix all of this kind"),
            _tr("Apply every suggested correction of this rule as one undo step"),
        )
        self.ignore_button = self._button(
            "checksIgnoreButton", _tr("Ignore"), _tr("Hide this finding for this material")
        )
        self.restore_button = self._button(
            "checksRestoreIgnoredButton",
            _tr("Show ignored"),
            _tr("Show the findings you ignored in this material again"),
        )
        self.fix_button.clicked.connect(self._fix_clicked)
        self.ignore_button.clicked.connect(self._ignore_clicked)
        self.fix_group_button.clicked.connect(self._fix_group_clicked)
        self.restore_button.clicked.connect(self.restoreIgnoredRequested)
        self.tree = QTreeView(self)
        self.tree.setObjectName("checksTree")
        self.tree.setModel(self.model)
        self.tree.setUniformRowHeights(True)  # 1,600 rows lay out without measuring each
        self.tree.setAlternatingRowColors(True)
        self.tree.setItemDelegate(ButtonDelegate(self.tree))
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(COL_MESSAGE, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(COL_CONTEXT, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(COL_WHERE, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(COL_MESSAGE, 380)
        for column in (COL_FIX, COL_IGNORE):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
            header.resizeSection(column, 72)
        header.resizeSection(COL_WHERE, 150)
        self._user_expanded: dict[str, bool] = {}  # rule → the user's last open/close
        self._restoring = False
        self.tree.expanded.connect(self._expanded_changed)
        self.tree.collapsed.connect(self._expanded_changed)
        self.tree.clicked.connect(self._clicked)
        self.tree.activated.connect(self._activated)
        self.tree.selectionModel().currentChanged.connect(self._update_buttons)
        top = QHBoxLayout()
        top.addWidget(self.summary)
        top.addWidget(self.status, 1)
        for button in (
            self.fix_button,
            self.fix_group_button,
            self.ignore_button,
            self.restore_button,
        ):
            top.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(top)
        layout.addWidget(self.tree, 1)
        self.set_groups([])
        self.set_ignored_count(0)

    def _button(self, name: str, text: str, tip: str) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.setToolTip(tip)
        return button

    # ----- content ---------------------------------------------------------------------------
    def set_groups(self, groups: list[FindingGroup]) -> None:
        """Show new results, keeping the selected finding and the scroll position when they
        are still there (a re-run after each pause must not throw the user's place away)."""
        current = self.model.finding(self.tree.currentIndex())
        scroll = self.tree.verticalScrollBar().value()
        self.model.set_groups(groups)
        self._after_reset(current, scroll)

    def remove(self, findings: Iterable[Finding], fixed: Finding | None = None) -> None:
        current = self.model.finding(self.tree.currentIndex())
        scroll = self.tree.verticalScrollBar().value()
        self.model.remove({_ident(f) for f in findings}, fixed)
        self._after_reset(shifted(current, fixed) if current is not None else None, scroll)

    def _after_reset(self, current: Finding | None, scroll: int) -> None:
        self._restoring = True
        try:
            for row, group in enumerate(self.model.groups):
                wanted = self._user_expanded.get(group.rule, len(group.rows) <= AUTO_EXPAND_ROWS)
                if wanted:
                    self.tree.expand(self.model.index(row, 0))
            if current is not None:
                index = self.index_of(current)
                if index.isValid() and self.tree.isExpanded(index.parent()):
                    self.tree.setCurrentIndex(index)
            self.tree.verticalScrollBar().setValue(scroll)
        finally:
            self._restoring = False
        self._update_summary()
        self._update_buttons()

    def _expanded_changed(self, index: QModelIndex) -> None:
        group = self.model.group(index)
        if group is not None and not self._restoring and index.internalId() == 0:
            self._user_expanded[group.rule] = self.tree.isExpanded(index)

    def findings(self) -> list[Finding]:
        return self.model.findings()

    def count(self) -> int:
        return sum(len(g.rows) for g in self.model.groups)

    def index_of(self, finding: Finding, column: int = COL_MESSAGE) -> QModelIndex:
        ident = _ident(finding)
        for g_row, group in enumerate(self.model.groups):
            for row, r in enumerate(group.rows):
                if _ident(r[0]) == ident:
                    return self.model.index(row, column, self.model.index(g_row, 0))
        return QModelIndex()

    def set_status(self, text: str, error: bool = False) -> None:
        self.status.setText(text)
        self.status.setStyleSheet(f"color: {SEVERITY_COLORS['error']};" if error else "")

    def set_ignored_count(self, count: int) -> None:
        self.restore_button.setText(_tr("Show ignored (%1)").replace("%1", str(count)))
        self.restore_button.setEnabled(count > 0)

    def set_checked(self, checked: bool) -> None:
        """False while the shown material has not been checked yet (start-up, another material)."""
        self.checked = checked
        self._update_summary()

    def set_material_open(self, material_open: bool) -> None:
        self.material_open = material_open
        self._update_summary()

    def _update_summary(self) -> None:
        if not self.model.groups:  # the empty panel at start-up needs no rule module loaded
            if not self.material_open:
                self.summary.setText(_tr("No material open"))
            else:
                self.summary.setText(_tr("No findings") if self.checked else _tr("Not checked yet"))
            return
        counts = dict.fromkeys(_severities(), 0)
        for group in self.model.groups:
            for r in group.rows:
                counts[r[0].severity] += 1
        names = {"error": _tr("%1 errors"), "warning": _tr("%1 warnings"), "hint": _tr("%1 hints")}
        badges = [
            f'<span style="background:{SEVERITY_COLORS[s]}; color:white;">&nbsp;'
            f"{names[s].replace('%1', str(counts[s]))}&nbsp;</span>"
            for s in _severities()
            if counts[s]
        ]
        self.summary.setText(" ".join(badges) if badges else _tr("No findings"))

    # ----- user actions ----------------------------------------------------------------------
    def _clicked(self, index: QModelIndex) -> None:
        finding = self.model.finding(index)
        if finding is None:
            return
        if index.column() == COL_FIX:
            if finding.fix is not None:
                self.fixRequested.emit(finding)
        elif index.column() == COL_IGNORE:
            self.ignoreRequested.emit(finding)
        else:
            self.findingActivated.emit(finding)

    def _activated(self, index: QModelIndex) -> None:  # Enter or double-click
        finding = self.model.finding(index)
        if finding is not None and index.column() not in (COL_FIX, COL_IGNORE):
            self.findingActivated.emit(finding)

    def _fix_clicked(self) -> None:
        finding = self.model.finding(self.tree.currentIndex())
        if finding is not None and finding.fix is not None:
            self.fixRequested.emit(finding)

    def _ignore_clicked(self) -> None:
        finding = self.model.finding(self.tree.currentIndex())
        if finding is not None:
            self.ignoreRequested.emit(finding)

    def _fix_group_clicked(self) -> None:
        group = self.model.group(self.tree.currentIndex())
        if group is not None:
            fixable = [r[0] for r in group.rows if r[0].fix is not None]
            if fixable:
                self.fixGroupRequested.emit(fixable)

    def _update_buttons(self, *_args) -> None:
        index = self.tree.currentIndex()
        finding = self.model.finding(index)
        group = self.model.group(index)
        self.fix_button.setEnabled(finding is not None and finding.fix is not None)
        self.ignore_button.setEnabled(finding is not None)
        self.fix_group_button.setEnabled(
            group is not None and any(r[0].fix is not None for r in group.rows)
        )
