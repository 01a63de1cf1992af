"""查重 in the window: the 查重 dock (``ui.similar_panel``), its run, the jump to a match, the
shared spans highlighted in the panels, the score in the status bar and the report export.

``MainWindow`` builds ``SimilarFeatures`` with the dock and the action it owns (declared in
``ui.window_chrome``) and tells it of every change through ``materialChanged``. Besides those it
uses the window's ``library``, ``material``, ``material_id``, ``panels``, ``select_node``,
``show_field``, ``flush_pending`` and ``statusBar()``.

A run reads the library on a worker (``ui.tasks``) through a read-only connection of its own, so
the window's connection is never shared across threads; what was typed is stored first. The
results stay listed after an edit, marked stale (the highlights go, as their offsets no longer
hold, and the report waits for a new run).
"""

from __future__ import annotations

from functools import partial
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDockWidget, QFileDialog, QLabel, QWidget

from ui import pdf_export_dialog
from ui.dialogs.common import error_text
from ui.export_actions import safe_file_name
from ui.export_target import export_force
from ui.material_change import MaterialChange
from ui.similar_highlight import SharedSpanHighlights
from ui.similar_panel import SimilarPanel, percent
from ui.tasks import TaskRunner

SIMILAR_TASK = "similar"  # the newest run wins
DOCK_SHARE = 0.45  # of the window's height, when opened from the menu
STATUS_MS = 10000


def _tr(text: str) -> str:
    return QCoreApplication.translate("SimilarFeatures", text)


def ask_report_path(parent: QWidget, suggested: str) -> str:
    """The 另存为 dialog of the report; "" when cancelled. Tests replace this function."""
    chosen, chosen_filter = QFileDialog.getSaveFileName(
        parent, _tr("Export the similarity report"), suggested, _tr("PDF (*.pdf);;HTML (*.html)")
    )
    if chosen and not Path(chosen).suffix and "html" in chosen_filter:
        chosen += ".html"  # a name typed without suffix, the HTML filter chosen
    return chosen


def ask_against_file(parent: QWidget) -> str:
    chosen, _filter = QFileDialog.getOpenFileName(
        parent,
        _tr("Compare with a model text"),
        str(pdf_export_dialog.last_folder()),
        _tr("Texts (*.txt *.md *.docx)"),
    )
    return chosen


def ask_against_folder(parent: QWidget) -> str:
    return QFileDialog.getExistingDirectory(
        parent, _tr("Compare with a folder of model texts"), str(pdf_export_dialog.last_folder())
    )


def _run(library_path: Path, material_id: int, min_chars: int, scope: str, against: list[str]):
    """Worker: read the 范文, compare, and read what showing the matches needs."""
    from app.compare.report_context import build_context
    from app.compare.similar import find_similar
    from app.library import Library
    from app.similar_cli import read_against

    texts, skipped = read_against(against)
    with Library.open(library_path, readonly=True) as reader:
        report = find_similar(reader, material_id, min_chars=min_chars, texts=texts, scope=scope)
        report.skipped_files = skipped
        context = build_context(report, reader.get_material(material_id), reader, texts)
    return material_id, report, context


class SimilarFeatures(QObject):
    """Owns the 查重 dock, its runs and its report export of one window."""

    def __init__(self, window, dock: QDockWidget, action: QAction):
        super().__init__(window)
        self.window = window
        self.dock = dock
        self._panel: SimilarPanel | None = None  # built when first needed (``panel``)
        self.action = action
        action.triggered.connect(self.open_and_run)
        action.setToolTip(_tr("Find passages shared with other materials and model texts"))
        self.runner = TaskRunner(self, "similar")
        self.export_runner = TaskRunner(self, "similar-report")
        self.report = None  # the last run's report and context, while their material is shown
        self.context = None
        self.highlights = SharedSpanHighlights(window.panels.panels, _editors())
        self.score_label = QLabel(window)
        self.score_label.setObjectName("statusSimilarity")
        window.statusBar().addPermanentWidget(self.score_label)
        dock.visibilityChanged.connect(self._dock_visible)
        if not dock.isHidden():  # shown by the restored layout: laid out with its panel
            self.panel  # noqa: B018 (built on access)
        self._update_enabled()

    @property
    def panel(self) -> SimilarPanel:
        """The dock's widget: built the first time the dock shows or a run starts (hidden at
        start-up, it would cost the first paint ~5 ms)."""
        if self._panel is None:
            panel = SimilarPanel(self.dock)
            placeholder = self.dock.widget()
            self.dock.setWidget(panel)
            if placeholder is not None:
                placeholder.deleteLater()
            panel.runRequested.connect(self.run)
            panel.exportRequested.connect(self.export_report)
            panel.addFileRequested.connect(lambda: self._add_against(ask_against_file))
            panel.addFolderRequested.connect(lambda: self._add_against(ask_against_folder))
            panel.matchActivated.connect(self.show_match)
            panel.pointActivated.connect(self.window.select_node)
            self._panel = panel
            self._update_enabled()
        return self._panel

    def _dock_visible(self, visible: bool) -> None:
        if visible:
            self.panel  # noqa: B018 (built on access)

    # ----- the window's one change signal ------------------------------------------------------
    def material_changed(self, change: MaterialChange) -> None:
        if change.switched:
            self.runner.cancel(SIMILAR_TASK)  # a run of the other material must not show
            self.report = self.context = None
            if self._panel is not None:  # a panel not built yet has nothing to clear
                self._panel.clear()
                self._panel.set_busy(False)
            self.highlights.clear()
            self.score_label.clear()
            self._update_enabled()
        elif (change.text or change.structure) and self.report is not None:
            self._mark_stale()

    def _mark_stale(self) -> None:
        """The text changed since the run: offsets no longer hold."""
        self.highlights.clear()
        if not self.panel.stale:
            self.panel.set_stale(True)
            self.score_label.setText(
                _tr("Similarity %1 (text changed since)").replace("%1", percent(self.report.share))
            )

    def _update_enabled(self) -> None:
        has_material = self.window.material_id is not None
        self.action.setEnabled(has_material)
        if self._panel is not None:
            self._panel.run_button.setEnabled(has_material)

    # ----- running ---------------------------------------------------------------------------
    def open_and_run(self) -> None:
        """工具 → 查重: show the dock, tall enough to read, and run."""
        self.dock.show()
        self.dock.raise_()
        height = int(self.window.height() * DOCK_SHARE)
        self.window.resizeDocks([self.dock], [height], Qt.Orientation.Vertical)
        self.start()

    def run(self) -> None:
        """Run 查重 on the open material — or, while one runs, stop it (its Run button)."""
        if self.runner.busy(SIMILAR_TASK):
            self.runner.cancel(SIMILAR_TASK)
            self.panel.set_busy(False)
            self.panel.set_message(_tr("Stopped."))
            return
        self.start()

    def start(self) -> None:
        """Run 查重 on the open material as it is stored (a run under way is superseded)."""
        w = self.window
        if w.material_id is None or not w.flush_pending():
            return  # an unsaved edit has already put its error in the status bar
        min_chars, scope, against = self.panel.options()
        self.panel.set_busy(True)
        self.runner.run(
            partial(_run, w.library.path, w.material_id, min_chars, scope, against),
            success=self._show,
            failure=self._failed,
            key=SIMILAR_TASK,
        )

    def _show(self, result) -> None:
        material_id, report, context = result
        self.panel.set_busy(False)
        if material_id != self.window.material_id:
            return
        self.report, self.context = report, context
        self.panel.show_report(report, context)
        self.highlights.show(report, material_id)
        self.score_label.setText(_tr("Similarity %1").replace("%1", percent(report.share)))
        self.score_label.setToolTip(
            _tr("Share of the text in passages shared with other materials or model texts")
        )

    def _failed(self, exc: BaseException) -> None:
        self.panel.set_busy(False)
        self.panel.set_message(
            _tr("Similarity check failed: %1").replace("%1", error_text(exc)[0]), True
        )

    def _add_against(self, ask) -> None:
        chosen = ask(self.window)
        if chosen and chosen not in self.panel.against:
            self.panel.set_against([*self.panel.against, chosen])

    # ----- a match in the editor ---------------------------------------------------------------
    def show_match(self, match) -> None:
        """Select the point in the outline and the shared words in its editor (the checks dock's
        jump), keeping the keyboard in the list so the next match is one key away."""
        from ui.check_commands import show_range

        span = match.span
        if not show_range(self.window, span.path, span.start, span.end, span.text, focus=False):
            self.window.statusBar().showMessage(
                _tr("This place is no longer in the material; run the similarity check again."),
                STATUS_MS,
            )

    # ----- the report --------------------------------------------------------------------------
    def export_report(self) -> None:
        w = self.window
        if self.report is None or self.panel.stale:
            return
        suggested = pdf_export_dialog.last_folder() / safe_file_name(
            f"{self.report.title or w.material.title} 查重报告", ".pdf"
        )
        chosen = ask_report_path(w, str(suggested))
        if not chosen:
            return
        path = Path(chosen).expanduser()
        if path.suffix.lower() not in (".pdf", ".html", ".htm"):
            path = path.with_name(path.name + ".pdf")
        force = export_force(w, path, self._export_failed)
        if force is None:
            return
        report, context = self.report, self.context
        self.panel.export_button.setEnabled(False)
        w.statusBar().showMessage(_tr("Exporting the report to %1 …").replace("%1", str(path)))

        def work() -> Path:
            from app.compare.report_files import export_report

            return export_report(report, context, path, force=force)

        self.export_runner.run(work, success=self._exported, failure=self._export_failed)

    def _exported(self, path: Path) -> None:
        self.panel.set_stale(self.panel.stale)
        pdf_export_dialog.remember_folder(path)
        self.window.statusBar().showMessage(
            _tr("Exported the similarity report %1").replace("%1", str(path)), STATUS_MS
        )

    def _export_failed(self, exc: BaseException) -> None:
        self.panel.set_stale(self.panel.stale)
        text = _tr("Report not exported: %1").replace("%1", error_text(exc)[0])
        self.panel.set_message(text, True)
        self.window.statusBar().showMessage(text, STATUS_MS)


def _editors() -> dict[str, tuple[str, ...]]:
    # objectNames of the panels' multi-line editors, per field (``ui.check_commands.EDITORS``,
    # without loading app.checks at start-up)
    return {
        "preamble": ("preambleEdit",),
        "intro": ("sectionIntroEdit", "dimensionIntroEdit"),
        "body": ("pointBodyEdit",),
        "example": ("pointExampleEdit",),
    }
