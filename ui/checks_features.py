"""Checks and find/replace in the window: the 检查 dock, Ctrl+F / Ctrl+H, 运行检查.

``MainWindow`` builds ``ChecksFeatures`` with the 检查 dock and the actions it owns (declared in
``ui.window_chrome``) and tells it of every change through ``materialChanged``. Besides those it
uses the window's ``library``, ``material``, ``material_id``, ``show_field``, ``run_command``,
``flush_pending`` and ``statusBar()``.

Checks run as a ``ui.tasks`` task over a deep copy of the material (3 ms for 100 pages), after
edits pause for ``DEBOUNCE_MS``. Each change cancels the running check; its result is dropped
and the newest state is checked next — so typing never waits and the panel never shows a stale
material's findings.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QDockWidget

from app.errors import InputError
from ui.checks_model import FindingGroup, group_findings
from ui.checks_panel import ChecksPanel
from ui.commands import WRITE_ERRORS
from ui.dialogs.common import error_text
from ui.material_change import MaterialChange
from ui.tasks import TaskRunner

if TYPE_CHECKING:
    from app.checks import Finding
    from ui.find_replace import FindReplaceDialog

# app.checks (every rule and word list, ≈40 ms to import) and the modules built on it load on the
# checks worker's first run or on the first fix / find, never while the window is being built.
DEBOUNCE_MS = 500
# After the window is shown, the first run waits this long: the window paints first, and the
# run (with its first import of the rules) does not compete with start-up for the GIL.
FIRST_RUN_DELAY_MS = 250
STATUS_MS = 8000
CHECKS_TASK = "checks"  # the key of check runs: the newest request wins


def _tr(text: str) -> str:
    return QCoreApplication.translate("ChecksFeatures", text)


def install_checks_features(window) -> ChecksFeatures:
    """The window's checks controller (``MainWindow`` builds it; this only returns it)."""
    return window.checks_features


@dataclass(frozen=True)
class ChecksActions:
    """The window's actions the checks controller owns (declared in ``ui.window_chrome``)."""

    run_checks: QAction
    find: QAction
    replace: QAction
    search_library: QAction  # Ctrl+F with nothing open searches the library list instead


@dataclass
class ChecksResult:
    generation: int
    material_id: int | None
    groups: list[FindingGroup] = field(default_factory=list)
    ignored: int = 0  # findings the user ignored in this material
    error: BaseException | None = None


class ChecksRunner(QObject):
    """Debounced, off-thread, newest-wins runs of ``run_checks`` on the open material."""

    finished = Signal(object)  # ChecksResult of the material as it is now

    def __init__(self, window, parent: QObject | None = None):
        super().__init__(parent)
        self.window = window
        self.tasks = TaskRunner(self, "checks")
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self._start)
        self.generation = 0

    @property
    def running(self) -> bool:
        """A run was started and its result not handled yet."""
        return self.tasks.busy(CHECKS_TASK)

    def schedule(self, delay_ms: int = DEBOUNCE_MS) -> None:
        """The material changed: check it once edits pause for ``delay_ms``."""
        self.generation += 1
        self.tasks.cancel(CHECKS_TASK)  # a run of the older state must not show
        self.timer.start(delay_ms)

    def run_now(self) -> None:
        self.schedule(0)

    def _start(self) -> None:
        w = self.window
        if not w.isVisible():  # closed, or not shown yet: the Show event runs the checks
            return
        if w.material is None or w.material_id is None:
            self.finished.emit(ChecksResult(self.generation, None))
            return
        snapshot = copy.deepcopy(w.material)  # the editor keeps mutating the live one
        try:
            ignored = w.library.ignored_findings(w.material_id)
        except WRITE_ERRORS:
            ignored = set()
        result = ChecksResult(self.generation, w.material_id, ignored=len(ignored))
        # One run at a time: while one is busy this one waits and the busy one's result is
        # dropped, so typing never waits and the newest state is checked next.
        self.tasks.run(
            partial(_check, snapshot, ignored, result),
            success=self.finished.emit,
            failure=partial(self._failed, result),
            key=CHECKS_TASK,
        )

    def _failed(self, result: ChecksResult, exc: BaseException) -> None:
        result.error = exc  # a bug in a rule: shown in the panel
        self.finished.emit(result)


def _check(material, ignored: set[str], result: ChecksResult) -> ChecksResult:
    """Worker: the findings grouped and located, so the GUI thread only swaps the model."""
    from app.checks import run_checks
    from ui.check_commands import location_label

    findings = run_checks(material, ignored=ignored)
    result.groups = group_findings(
        findings, partial(location_label, material), partial(_text_or_empty, material)
    )
    return result


def _text_or_empty(material, path: str) -> str:
    from app.checks.paths import get_text

    try:
        return get_text(material, path)
    except InputError:
        return ""


class ChecksFeatures(QObject):
    """Owns the checks panel, its runner and the find/replace dialog of one window."""

    def __init__(self, window, dock: QDockWidget, actions: ChecksActions):
        super().__init__(window)
        self.window = window
        self.dock = dock
        self.panel = ChecksPanel(dock)
        placeholder = dock.widget()
        dock.setWidget(self.panel)
        if placeholder is not None:
            placeholder.deleteLater()
        self.runner = ChecksRunner(window, self)
        self.runner.finished.connect(self._show_result)
        self.find_dialog: FindReplaceDialog | None = None
        self.panel.findingActivated.connect(self.show_finding)
        self.panel.fixRequested.connect(self.fix)
        self.panel.fixGroupRequested.connect(self.fix_many)
        self.panel.ignoreRequested.connect(self.ignore)
        self.panel.restoreIgnoredRequested.connect(self.restore_ignored)
        self.actions = actions
        self._wire_actions(actions)
        self._update_title(None)
        window.installEventFilter(self)
        self.runner.run_now()

    def eventFilter(self, watched, event) -> bool:
        if watched is self.window and event.type() == QEvent.Type.Show:
            # a hidden (or closed) window is not checked meanwhile; catch up once it has painted
            self.runner.schedule(FIRST_RUN_DELAY_MS)
        elif (
            watched is self.window
            and event.type() == QEvent.Type.Close
            and self.find_dialog is not None
        ):
            self.find_dialog.close()  # a top-level window of its own: it would stay open
        return super().eventFilter(watched, event)

    # ----- wiring ----------------------------------------------------------------------------
    def _wire_actions(self, actions: ChecksActions) -> None:
        for action, slot, tip in (
            (actions.find, self.open_find, _tr("Find in the open material (Ctrl+F)")),
            (actions.replace, self.open_replace, None),
            (
                actions.run_checks,
                self.run_checks_now,
                _tr("Check the material now and show the findings"),
            ),
        ):
            action.triggered.connect(slot)
            action.setEnabled(True)
            if tip is not None:
                action.setToolTip(tip)

    def material_changed(self, change: MaterialChange) -> None:
        """The window's one change signal: check again once edits pause."""
        if change.switched:
            self._material_switched()
            return
        self.runner.schedule()
        if change.stored:
            self._refresh_find_hits()  # hits of the old text are stale

    def _material_switched(self) -> None:
        self.panel.set_groups([])  # another material: its findings must not show meanwhile
        # "no findings" waits for the first run of the material; without one, it says so.
        self.panel.set_material_open(self.window.material is not None)
        self.panel.set_checked(False)
        self.panel.set_ignored_count(0)
        self._update_title(None)
        self.runner.run_now()
        self._refresh_find_hits()

    def _refresh_find_hits(self) -> None:
        dialog = self.find_dialog
        # a library-wide list stays as it is: it is read-only, and a click on one of its hits
        # opens another material, which must not rebuild the list the user is going through
        if dialog is not None and dialog.isVisible() and not dialog.library_check.isChecked():
            dialog.schedule()

    def run_checks_now(self) -> None:
        self.dock.show()
        self.dock.raise_()
        self.window.flush_pending()
        self.runner.run_now()

    # ----- results ---------------------------------------------------------------------------
    def _show_result(self, result: ChecksResult) -> None:
        if result.error is not None:
            zh, _en = error_text(result.error)
            self.panel.set_status(_tr("Checks failed: %1").replace("%1", zh), error=True)
            return
        self.panel.set_status("")
        if result.groups != self.panel.model.groups:  # unchanged results keep the view as is
            self.panel.set_groups(result.groups)
        self.panel.set_checked(True)
        self.panel.set_ignored_count(result.ignored)
        self._update_title(result.material_id)

    def _update_title(self, material_id: int | None) -> None:
        dock = self.dock
        if material_id is None:
            dock.setWindowTitle(_tr("Checks"))
        else:
            dock.setWindowTitle(_tr("Checks (%1)").replace("%1", str(self.panel.count())))

    def _say(self, text: str) -> None:
        self.window.statusBar().showMessage(text, STATUS_MS)

    # ----- showing a place in the editor -------------------------------------------------------
    def show_finding(self, finding: Finding) -> None:
        self.show_range(finding.path, finding.start, finding.end, finding.excerpt)

    def show_range(self, path: str, start: int, end: int, excerpt: str, focus: bool = True) -> bool:
        """Select the node that holds ``path`` and the characters [start, end) in its editor
        (``ui.check_commands.show_range``); a place no longer there says so and checks again."""
        from ui.check_commands import show_range

        if show_range(self.window, path, start, end, excerpt, focus):
            return True
        self._say(_tr("This place is no longer in the material; checking again."))
        self.runner.run_now()
        return False

    # ----- fix / ignore ----------------------------------------------------------------------
    def fix(self, finding: Finding) -> None:
        from app.checks import apply_fix
        from ui.check_commands import edits_command, field_target

        w = self.window
        if w.material_id is None or not w.flush_pending():
            return
        try:
            command = edits_command(
                w,
                [apply_fix(w.material, finding)],
                _tr("Fix “%1” → “%2”")
                .replace("%1", finding.excerpt)
                .replace("%2", finding.fix or ""),
            )
        except InputError as exc:
            self._say(exc.zh)
            self.runner.run_now()
            return
        target = field_target(w.material, finding.path)
        if w.run_command(command, select=target.key if target else None):
            self.panel.remove([finding], fixed=finding)
            self._update_title(w.material_id)

    def fix_many(self, findings: list[Finding]) -> None:
        """Every fix of one rule as ONE undo step (overlapping fixes: the first is kept)."""
        from app.checks import apply_fixes
        from ui.check_commands import edits_command

        w = self.window
        if w.material_id is None or not findings or not w.flush_pending():
            return
        try:
            edits = apply_fixes(w.material, findings)
            command = edits_command(
                w, edits, _tr("Fix %1 findings").replace("%1", str(len(findings)))
            )
        except InputError as exc:
            self._say(exc.zh)
            self.runner.run_now()
            return
        if w.run_command(command):
            self.panel.remove(findings)
            self._update_title(w.material_id)

    def ignore(self, finding: Finding) -> None:
        w = self.window
        if w.material_id is None:
            return
        # An undoable step like any other change (Ctrl+Z shows the finding again). Imported
        # here: ui.check_commands loads app.checks, which start-up defers until the first run.
        from ui.check_commands import IgnoreFindingCommand

        command = IgnoreFindingCommand(
            w.library, w.material_id, finding.key, _tr("Ignore a finding")
        )
        if not w.push_command(command, report=False):
            self._say(error_text(command.error)[0])
            return
        self.panel.remove([finding])
        self.panel.set_ignored_count(len(w.library.ignored_findings(w.material_id)))
        self._update_title(w.material_id)

    def restore_ignored(self) -> None:
        w = self.window
        if w.material_id is None:
            return
        from ui.check_commands import RestoreIgnoredCommand  # (deferred: see ``ignore``)

        command = RestoreIgnoredCommand(
            w.library, w.material_id, _tr("Show ignored findings again")
        )
        if not w.push_command(command, report=False):
            self._say(error_text(command.error)[0])
            return
        self.runner.run_now()

    # ----- find / replace --------------------------------------------------------------------
    def open_find(self) -> None:
        self._open_dialog(replace=False)

    def open_replace(self) -> None:
        self._open_dialog(replace=True)

    def _open_dialog(self, replace: bool) -> None:
        w = self.window
        if w.material is None and not replace:
            self.actions.search_library.trigger()  # nothing open: Ctrl+F searches the library
            return
        from ui.find_replace import FindReplaceDialog, selected_text

        selected = selected_text(QApplication.focusWidget())
        if self.find_dialog is None:
            self.find_dialog = FindReplaceDialog(w, partial(self.show_range, focus=False))
        self.find_dialog.open_for(replace, selected)
