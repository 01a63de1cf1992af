"""检查 panel (``checksPanel``): the findings of the open material, grouped by rule.

A thin two-level model (rule group → finding) over a list built off the GUI thread, so 1,600
findings of a 100-page material cost the GUI thread one model reset; the view asks only for
the rows it shows. Each finding row has painted 修正/Fix and 忽略/Ignore buttons (a delegate,
not a widget per row). The panel only emits what the user asked for; ``ui.checks_features``
does the work (jump, fix, ignore) through the window.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING

from PySide6.QtCore import QAbstractItemModel, QCoreApplication, QModelIndex, Qt, Signal
from PySide6.QtGui import QColor
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

if TYPE_CHECKING:  # app.checks loads every rule (≈40 ms): the worker imports it on the first run
    from app.checks import Finding

_NO_PARENT = QModelIndex()
COL_MESSAGE, COL_CONTEXT, COL_WHERE, COL_FIX, COL_IGNORE = range(5)
CONTEXT_CHARS = 8  # characters shown either side of the flagged text
# Groups up to this size open by themselves; a bigger one (hundreds of quotes in 100 pages)
# stays closed until the user opens it — laying out every row of 1,600 costs the GUI thread.
AUTO_EXPAND_ROWS = 100
FindingRole = Qt.ItemDataRole.UserRole + 1
SEVERITY_COLORS = {"error": "#c00000", "warning": "#b06000", "hint": "#406080"}


@cache
def _severities() -> tuple[str, ...]:
    from app.checks import SEVERITIES

    return tuple(SEVERITIES)


@cache
def _severity_order() -> dict[str, int]:
    return {s: i for i, s in enumerate(_severities())}


def _tr(text: str) -> str:
    return QCoreApplication.translate("ChecksPanel", text)


def rule_label(rule: str) -> str:
    """The user's name for a rule id (unknown ids are shown as they are). Each name is a
    literal ``_tr`` call so lupdate collects it."""
    labels = {
        "placeholder.pinyin": _tr("Pinyin/ASCII stand-ins (dangshi, mzshh…)"),
        "placeholder.latin": _tr("Placeholders left in (XX, 202X, 某某…)"),
        "placeholder.other_org": _tr("Another organization's name"),
        "punct.halfwidth": _tr("Half-width punctuation in Chinese text"),
        "punct.ascii_quote": _tr("ASCII quotes in Chinese text"),
        "punct.direction": _tr("Quote or bracket facing the wrong way"),
        "punct.unpaired": _tr("Unpaired quote or bracket"),
        "punct.doubled": _tr("Doubled punctuation"),
        "punct.no_full_stop": _tr("Paragraph without a full stop"),
        "punct.space": _tr("Space inside Chinese text"),
        "formulation.term": _tr("Official formulation misspelt"),
        "formulation.session": _tr("Wrong plenary session for the year"),
        "formulation.dimension_heading": _tr("Dimension heading differs from the official wording"),
        "typo": _tr("Common typos"),
        "structure.section_missing": _tr("Section missing"),
        "structure.section_empty": _tr("Empty section"),
        "structure.dimension_missing": _tr("Template dimension missing"),
        "structure.dimension_empty": _tr("Empty dimension"),
        "structure.no_example": _tr("Problem without an example"),
        "structure.unanswered": _tr("Problem with no measure answering it"),
        "structure.causes_thin": _tr("Causes thinner than the problems"),
        "structure.point_count": _tr("Point count outside the template's range"),
        "structure.word_count": _tr("Length outside the target"),
        "structure.duplicate_sentence": _tr("Same sentence used twice"),
        "style.stock_phrases": _tr("Stock phrases (套话)"),
        "concreteness.vague": _tr("Not concrete enough (见人见事)"),
    }
    return labels.get(rule, rule)


@dataclass
class FindingGroup:
    rule: str
    label: str
    severity: str  # the worst severity in the group
    rows: list[tuple[Finding, str, str]] = field(default_factory=list)  # (finding, where, context)


def group_findings(findings: Iterable[Finding], locate, text_of) -> list[FindingGroup]:
    """Findings grouped by rule, worst severity first; ``locate(path)`` names each location and
    ``text_of(path)`` gives the field text for the context column. Pure Python: the checks
    worker calls it so the GUI thread only resets the model."""
    groups: dict[str, FindingGroup] = {}
    labels: dict[str, str] = {}
    order = _severity_order()
    for f in findings:
        group = groups.get(f.rule)
        if group is None:
            group = groups[f.rule] = FindingGroup(f.rule, rule_label(f.rule), f.severity)
        elif order[f.severity] < order[group.severity]:
            group.severity = f.severity
        if f.path not in labels:
            labels[f.path] = locate(f.path)
        group.rows.append((f, labels[f.path], _context(text_of(f.path), f)))
    return sorted(groups.values(), key=lambda g: (order[g.severity], g.label))


def _context(text: str, f: Finding) -> str:
    """``…前文【flagged】后文…`` on one line; whole-field findings show the field's start."""
    if f.start == f.end or f.end - f.start > 2 * CONTEXT_CHARS:
        shown = text[:3 * CONTEXT_CHARS]
        return (shown + "…" if len(text) > len(shown) else shown).replace("\n", " ")
    before = text[max(0, f.start - CONTEXT_CHARS): f.start]
    after = text[f.end: f.end + CONTEXT_CHARS]
    return f"…{before}【{text[f.start:f.end]}】{after}…".replace("\n", " ")


class FindingsModel(QAbstractItemModel):
    """Rule groups at the top level, their findings below. A finding row's internal id is its
    group's row + 1; a group row's is 0."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.groups: list[FindingGroup] = []
        self._icons = {}

    def set_groups(self, groups: list[FindingGroup]) -> None:
        self.beginResetModel()
        self.groups = groups
        self.endResetModel()

    def findings(self) -> list[Finding]:
        return [r[0] for g in self.groups for r in g.rows]

    def remove(self, keys: set[tuple], fixed: Finding | None = None) -> None:
        """Drop findings by (rule, path, start, end) at once (fixed or ignored by the user).
        After a ``fixed`` finding, later findings of its field move by the change in length,
        so the next Fix in that paragraph applies before the checks have run again."""
        kept = []
        for group in self.groups:
            rows = [(shifted(r[0], fixed), *r[1:]) for r in group.rows if _ident(r[0]) not in keys]
            if rows:
                kept.append(FindingGroup(group.rule, group.label, group.severity, rows))
        self.set_groups(kept)

    def finding(self, index: QModelIndex) -> Finding | None:
        if not index.isValid() or index.internalId() == 0:
            return None
        return self.groups[index.internalId() - 1].rows[index.row()][0]

    def group(self, index: QModelIndex) -> FindingGroup | None:
        if not index.isValid():
            return None
        row = index.row() if index.internalId() == 0 else index.internalId() - 1
        return self.groups[row]

    # ----- QAbstractItemModel ----------------------------------------------------------------
    def index(self, row: int, column: int, parent: QModelIndex = _NO_PARENT) -> QModelIndex:
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, 0)
        return self.createIndex(row, column, parent.row() + 1)

    def parent(self, index: QModelIndex = _NO_PARENT) -> QModelIndex:  # type: ignore[override]
        if not index.isValid() or index.internalId() == 0:
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, 0)

    def rowCount(self, parent: QModelIndex = _NO_PARENT) -> int:
        if not parent.isValid():
            return len(self.groups)
        if parent.internalId() == 0 and parent.column() == 0:
            return len(self.groups[parent.row()].rows)
        return 0

    def columnCount(self, parent: QModelIndex = _NO_PARENT) -> int:
        return 5

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return (_tr("Finding"), _tr("Context"), _tr("Where"), "", "")[section]
        return None

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        if index.internalId() == 0:
            return self._group_data(self.groups[index.row()], index.column(), role)
        finding, where, context = self.groups[index.internalId() - 1].rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == COL_MESSAGE:
                return finding.message
            if column == COL_CONTEXT:
                return context
            if column == COL_WHERE:
                return where
            if column == COL_FIX:
                return _tr("Fix") if finding.fix is not None else ""
            return _tr("Ignore")
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == COL_FIX and finding.fix is not None:
                return _tr("Replace “%1” with “%2”").replace("%1", finding.excerpt).replace("%2", finding.fix)
            if column == COL_IGNORE:
                return _tr("Hide this finding for this material (kept in the library)")
            return f"{finding.message}\n「{finding.excerpt}」"
        if role == FindingRole:
            return finding
        return None

    def _group_data(self, group: FindingGroup, column: int, role: int):
        if column != COL_MESSAGE:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{group.label}  ({len(group.rows)})"
        if role == Qt.ItemDataRole.DecorationRole:
            return self._icon(group.severity)
        if role == Qt.ItemDataRole.ForegroundRole:
            return QColor(SEVERITY_COLORS[group.severity])
        if role == Qt.ItemDataRole.ToolTipRole:
            return group.rule
        return None

    def _icon(self, severity: str):
        if severity not in self._icons:
            from PySide6.QtWidgets import QStyle  # see ButtonDelegate.paint

            pixmap = {"error": QStyle.StandardPixmap.SP_MessageBoxCritical,
                      "warning": QStyle.StandardPixmap.SP_MessageBoxWarning,
                      "hint": QStyle.StandardPixmap.SP_MessageBoxInformation}[severity]
            self._icons[severity] = QApplication.style().standardIcon(pixmap)
        return self._icons[severity]


def _ident(f: Finding) -> tuple:
    return f.rule, f.path, f.start, f.end


def shifted(f: Finding, fixed: Finding | None) -> Finding:
    """``f`` where it is after ``fixed`` was applied (unchanged when before it or elsewhere)."""
    if fixed is None or fixed.fix is None or f.path != fixed.path or f.start < fixed.end:
        return f
    delta = len(fixed.fix) - (fixed.end - fixed.start)
    return dataclasses.replace(f, start=f.start + delta, end=f.end + delta)


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
        self.status = QLabel(self)
        self.status.setObjectName("checksStatus")
        self.fix_button = self._button("checksFixButton", _tr("Fix"), _tr("Apply the suggested correction (undo with Ctrl+Z)"))
        self.fix_group_button = self._button("checksFixGroupButton", _tr("Fix all of this kind"),
                                             _tr("Apply every suggested correction of this rule as one undo step"))
        self.ignore_button = self._button("checksIgnoreButton", _tr("Ignore"), _tr("Hide this finding for this material"))
        self.restore_button = self._button("checksRestoreIgnoredButton", _tr("Show ignored"),
                                           _tr("Show the findings you ignored in this material again"))
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
        for button in (self.fix_button, self.fix_group_button, self.ignore_button, self.restore_button):
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

    def _update_summary(self) -> None:
        if not self.model.groups:  # the empty panel at start-up needs no rule module loaded
            self.summary.setText(_tr("No findings") if self.checked else _tr("Not checked yet"))
            return
        counts = dict.fromkeys(_severities(), 0)
        for group in self.model.groups:
            for r in group.rows:
                counts[r[0].severity] += 1
        names = {"error": _tr("%1 errors"), "warning": _tr("%1 warnings"), "hint": _tr("%1 hints")}
        badges = [
            f'<span style="background:{SEVERITY_COLORS[s]}; color:white;">&nbsp;'
            f'{names[s].replace("%1", str(counts[s]))}&nbsp;</span>'
            for s in _severities() if counts[s]]
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
            group is not None and any(r[0].fix is not None for r in group.rows))
