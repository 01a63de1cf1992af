"""比较版本: two versions of the open material side by side, changes highlighted; 导出 PDF….

Each change is one row of a two-column table (earlier version | later version), so the two
sides stay aligned whatever their lengths; deleted characters are struck through in red on the
left, inserted ones underlined in blue on the right, a moved point names its old and new place.
The list on the left jumps to a change. The versions are read on the GUI thread (the library's
connection belongs to it); the comparison and the PDF run on a ``TaskRunner``.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.errors import InputError
from app.library import Library
from app.version_diff import Change, Run, VersionDiff, compare_materials, new_side, old_side
from app.version_diff_report import load_version
from ui.commands import WRITE_ERRORS
from ui.dialogs.common import error_text, short_time
from ui.export_target import export_force
from ui.tasks import TaskRunner

DELETE_STYLE = "color:#c00000;background:#fde2e2;text-decoration:line-through"
INSERT_STYLE = "color:#0050c8;background:#dfe9fb;text-decoration:underline"
MOVED_COLOR = "#8a5a00"
CURRENT = -1  # the combo's data for the current text (a snapshot id is positive)


def _tr(text: str) -> str:
    return QCoreApplication.translate("VersionCompare", text)


def kind_label(kind: str) -> str:
    return {
        "added": _tr("Added"),
        "removed": _tr("Removed"),
        "edited": _tr("Edited"),
        "moved": _tr("Moved"),
        "unchanged": _tr("Unchanged"),
    }[kind]


def unit_label(unit: str) -> str:
    return {
        "title": _tr("title"),
        "preamble": _tr("opening"),
        "section": _tr("part"),
        "dimension": _tr("aspect"),
        "point": _tr("point"),
        "closing": _tr("closing"),
    }[unit]


def change_heading(change: Change) -> str:
    what = (
        _tr("%1 %2")
        .replace("%1", kind_label(change.kind))
        .replace("%2", unit_label(change.unit_kind))
    )
    if change.kind == "moved" and change.old is not None and change.new is not None:
        where = _tr("from %1 to %2").replace("%1", change.old.label).replace("%2", change.new.label)
    else:
        where = change.label
    return f"【{what}】{where}"


def summary_text(diff: VersionDiff) -> str:
    parts = [
        _tr("%1: %2").replace("%1", kind_label(kind)).replace("%2", str(count))
        for kind in ("added", "removed", "moved", "edited")
        if (count := diff.count(kind))
    ]
    return " · ".join(parts) if parts else _tr("The two versions are the same.")


def _runs_html(runs: list[Run]) -> str:
    out = []
    for run in runs:
        text = html.escape(run.text).replace("\n", "<br>")
        if run.kind == "delete":
            text = f'<span style="{DELETE_STYLE}">{text}</span>'
        elif run.kind == "insert":
            text = f'<span style="{INSERT_STYLE}">{text}</span>'
        out.append(text)
    return "".join(out)


def comparison_html(diff: VersionDiff, changes_only: bool) -> str:
    """The side-by-side table: a heading row per change, then its two sides."""
    rows = [
        '<table width="100%" cellspacing="0" cellpadding="6" border="0">',
        "<tr>"
        f'<th width="50%" align="left">{html.escape(diff.old_name)}</th>'
        f'<th width="50%" align="left">{html.escape(diff.new_name)}</th></tr>',
    ]
    for index, change in enumerate(diff.changes):
        if changes_only and change.kind == "unchanged":
            continue
        color = MOVED_COLOR if change.kind == "moved" else "#555555"
        heading = html.escape(change_heading(change))
        if change.kind != "unchanged":
            rows.append(
                f'<tr><td colspan="2" style="color:{color};background:#f2f2f2">'
                f'<a name="c{index}"></a><b>{heading}</b></td></tr>'
            )
        left = _runs_html(old_side(change.runs)) if change.old is not None else ""
        right = _runs_html(new_side(change.runs)) if change.new is not None else ""
        rows.append(f'<tr><td valign="top">{left}</td><td valign="top">{right}</td></tr>')
    rows.append("</table>")
    return "".join(rows)


class VersionCompareDialog(QDialog):
    """Pick two versions (or a version and the current text) and see what changed."""

    def __init__(
        self,
        library: Library,
        material_id: int,
        parent: QWidget | None = None,
        *,
        earlier: int | None = None,
        flush: Callable[[], bool] | None = None,
    ):
        super().__init__(parent)
        self.setObjectName("versionCompareDialog")
        self.setWindowTitle(_tr("Compare versions"))
        self.library = library
        self.material_id = material_id
        self._flush = flush  # writes what was just typed, so 当前文本 is what is on screen
        self.diff: VersionDiff | None = None
        self._title = ""
        self.runner = TaskRunner(self, "version-diff")

        layout = QVBoxLayout(self)
        pick = QHBoxLayout()
        self.from_combo = QComboBox(self)
        self.from_combo.setObjectName("compareFromCombo")
        self.to_combo = QComboBox(self)
        self.to_combo.setObjectName("compareToCombo")
        pick.addWidget(QLabel(_tr("Earlier version"), self))
        pick.addWidget(self.from_combo, 1)
        pick.addWidget(QLabel(_tr("Later version"), self))
        pick.addWidget(self.to_combo, 1)
        self.changes_only = QCheckBox(_tr("Changes only"), self)
        self.changes_only.setObjectName("compareChangesOnly")
        self.changes_only.setChecked(True)
        pick.addWidget(self.changes_only)
        layout.addLayout(pick)
        self.summary = QLabel(self)
        self.summary.setObjectName("compareSummary")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.change_list = QListWidget(splitter)
        self.change_list.setObjectName("compareChangeList")
        self.change_list.currentItemChanged.connect(self._jump)
        self.view = QTextBrowser(splitter)
        self.view.setObjectName("compareView")
        self.view.setOpenLinks(False)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 4)
        splitter.setSizes([260, 900])
        layout.addWidget(splitter, 1)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(_tr("Close"))
        self.export_button = QPushButton(_tr("Export PDF…"), self)
        self.export_button.setObjectName("compareExportPdfButton")
        buttons.addButton(self.export_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.export_button.clicked.connect(self.export_pdf)
        layout.addWidget(buttons)
        self.resize(1180, 660)  # fits 1366 × 768 with the window's frame

        self._fill_combos(earlier)
        self.from_combo.currentIndexChanged.connect(self.compare)
        self.to_combo.currentIndexChanged.connect(self.compare)
        self.changes_only.toggled.connect(self._show)
        self.compare()

    # ----- versions ---------------------------------------------------------------------------
    def _fill_combos(self, earlier: int | None) -> None:
        snapshots = self.library.list_snapshots(self.material_id)  # newest first
        for combo in (self.from_combo, self.to_combo):
            combo.addItem(_tr("Current text"), CURRENT)
            for info in snapshots:
                combo.addItem(f"{info.name}  ·  {short_time(info.created)}", info.id)
        start = self.from_combo.findData(earlier) if earlier is not None else -1
        if start < 0 and snapshots:
            start = 1  # the newest version against the current text
        self.from_combo.setCurrentIndex(max(start, 0))
        self.to_combo.setCurrentIndex(0)

    @staticmethod
    def _snapshot_of(combo: QComboBox) -> int | None:
        data = combo.currentData()
        return None if data in (None, CURRENT) else int(data)

    def compare(self) -> None:
        """Read both versions now, compare them in the background."""
        current = CURRENT in (self.from_combo.currentData(), self.to_combo.currentData())
        if current and self._flush is not None and not self._flush():
            return  # the failed write already said why, in the window
        try:
            old = load_version(self.library, self.material_id, self._snapshot_of(self.from_combo))
            new = load_version(self.library, self.material_id, self._snapshot_of(self.to_combo))
        except (InputError, *WRITE_ERRORS) as exc:
            self._failed(exc)
            return
        self._title = new.material.title
        old_name = self._version_name(self.from_combo, old.name)
        new_name = self._version_name(self.to_combo, new.name)
        self.export_button.setEnabled(False)
        self.summary.setText(_tr("Comparing…"))

        def work() -> VersionDiff:
            return compare_materials(old.material, new.material, old_name, new_name)

        self.runner.run(work, success=self._compared, failure=self._failed, key="diff")

    @staticmethod
    def _version_name(combo: QComboBox, name: str) -> str:
        return _tr("Current text") if combo.currentData() == CURRENT else name

    def _compared(self, diff: VersionDiff) -> None:
        self.diff = diff
        self.export_button.setEnabled(True)
        self._show()

    def _failed(self, exc: BaseException) -> None:
        self.diff = None
        self.export_button.setEnabled(False)
        self.summary.setText(error_text(exc)[0])
        self.view.clear()
        self.change_list.clear()

    def _show(self) -> None:
        diff = self.diff
        if diff is None:
            return
        self.summary.setText(
            f"{diff.old_name} → {diff.new_name}：{summary_text(diff)}    "
            + _tr("Struck through in red: deleted; underlined in blue: added.")
        )
        self.view.setHtml(comparison_html(diff, self.changes_only.isChecked()))
        self.change_list.clear()
        for index, change in enumerate(diff.changes):
            if change.kind == "unchanged":
                continue
            item = QListWidgetItem(self._list_label(change), self.change_list)
            item.setData(Qt.ItemDataRole.UserRole, index)
            item.setToolTip(change_heading(change))

    @staticmethod
    def _list_label(change: Change) -> str:
        """Short enough for the narrow list: the kind and the last two steps of the place."""
        what = (
            _tr("%1 %2")
            .replace("%1", kind_label(change.kind))
            .replace("%2", unit_label(change.unit_kind))
        )
        return f"{what}  {' › '.join(change.label.split(' › ')[-2:])}"

    def _jump(self, item: QListWidgetItem | None, _previous=None) -> None:
        if item is not None:
            self.view.scrollToAnchor(f"c{item.data(Qt.ItemDataRole.UserRole)}")

    # ----- PDF --------------------------------------------------------------------------------
    def ask_pdf_path(self) -> Path | None:
        """The file the user picks (tests replace this)."""
        name = self._title or _tr("Material")
        suggested = _tr("%1 changes.pdf").replace("%1", name[:60])
        chosen, _filter = QFileDialog.getSaveFileName(
            self, _tr("Export the changes as PDF"), suggested, _tr("PDF files (*.pdf)")
        )
        if not chosen:
            return None
        path = Path(chosen)
        return path if path.suffix.lower() == ".pdf" else path.with_name(path.name + ".pdf")

    def export_pdf(self) -> None:
        diff = self.diff
        if diff is None or self.runner.busy("pdf"):
            return
        path = self.ask_pdf_path()
        if path is None:
            return
        force = export_force(self, path, self._export_failed)
        if force is None:
            return
        from app.exporters.diff_pdf import export_diff_pdf

        title = self._title
        self.export_button.setEnabled(False)
        self.summary.setText(_tr("Exporting %1…").replace("%1", str(path)))

        def work() -> Path:
            return export_diff_pdf(diff, title, path, force=force)

        self.runner.run(work, success=self._exported, failure=self._export_failed, key="pdf")

    def _exported(self, path: Path) -> None:
        self.export_button.setEnabled(True)
        self.summary.setText(_tr("Exported to %1").replace("%1", str(path)))

    def _export_failed(self, exc: BaseException) -> None:
        self.export_button.setEnabled(self.diff is not None)
        self.summary.setText(_tr("Export failed: %1").replace("%1", error_text(exc)[0]))
