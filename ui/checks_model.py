"""The checks panel's model: findings grouped by rule, two levels (rule group → finding).

Built off the GUI thread as plain groups, so 1,600 findings of a 100-page material cost the GUI
thread one model reset; the view asks only for the rows it shows.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING

from PySide6.QtCore import QAbstractItemModel, QCoreApplication, QModelIndex, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication

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
        "rectification.unlinked_problem": _tr("Problem without a linked measure (整改清单)"),
        "rectification.unlinked_measure": _tr("Measure not linked to a problem (整改清单)"),
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
        shown = text[: 3 * CONTEXT_CHARS]
        return (shown + "…" if len(text) > len(shown) else shown).replace("\n", " ")
    before = text[max(0, f.start - CONTEXT_CHARS) : f.start]
    after = text[f.end : f.end + CONTEXT_CHARS]
    return f"…{before}【{text[f.start : f.end]}】{after}…".replace("\n", " ")


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
                return (
                    _tr("Replace “%1” with “%2”")
                    .replace("%1", finding.excerpt)
                    .replace("%2", finding.fix)
                )
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
        if role == Qt.ItemDataRole.ToolTipRole:  # the rule's name, never its developer id
            return group.label
        return None

    def _icon(self, severity: str):
        if severity not in self._icons:
            from PySide6.QtWidgets import QStyle  # see ButtonDelegate.paint

            pixmap = {
                "error": QStyle.StandardPixmap.SP_MessageBoxCritical,
                "warning": QStyle.StandardPixmap.SP_MessageBoxWarning,
                "hint": QStyle.StandardPixmap.SP_MessageBoxInformation,
            }[severity]
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
