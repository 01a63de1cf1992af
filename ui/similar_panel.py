"""The 查重 dock's widget: the options of a run (shortest passage, which materials, 范文 files),
the matches (where in this material, which source, how much, the shared words), the problems
repeated from last year, and the source pane showing the source paragraph with the shared words
marked. It only shows and asks; ``ui.similar_features`` runs and jumps."""

from __future__ import annotations

from html import escape
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTabWidget,
    QTextBrowser,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.compare.fingerprints import GRAM, GUARANTEE

if TYPE_CHECKING:  # the report's modules load with the first report (not at start-up)
    from app.compare.report import Match, SimilarityReport
    from app.compare.report_context import ReportContext

SOURCE_MARK = "#ffe58f"
MATCH_ROLE = Qt.ItemDataRole.UserRole
# ``app.compare.similar``'s DEFAULT_MIN_CHARS and SCOPES: that module loads app.checks (its
# paths), which start-up defers until the first run.
DEFAULT_MIN_CHARS = GUARANTEE
SCOPES = ("related", "library")


def _tr(text: str) -> str:
    return QCoreApplication.translate("SimilarPanel", text)


def percent(share: float) -> str:
    return f"{share * 100:.0f}%"


class SimilarPanel(QWidget):
    runRequested = Signal()
    exportRequested = Signal()
    addFileRequested = Signal()
    addFolderRequested = Signal()
    matchActivated = Signal(object)  # Match
    pointActivated = Signal(int)  # a repeated problem's point id

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("similarPanel")
        self.against: list[str] = []  # 范文 files and folders the next run compares with
        self.matches: list[Match] = []
        self.has_results = False  # a run's report is shown (exportable unless stale)
        self.busy = False
        self.context: ReportContext | None = None  # the shown report's
        outer = QVBoxLayout(self)
        outer.setContentsMargins(4, 4, 4, 4)
        outer.setSpacing(4)
        outer.addLayout(self._options_row())
        self.summary = QLabel(self)
        self.summary.setObjectName("similarSummary")
        self.summary.setWordWrap(True)
        outer.addWidget(self.summary)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.setObjectName("similarSplitter")
        self.tabs = QTabWidget(splitter)
        self.tabs.setObjectName("similarTabs")
        self.match_tree = self._tree(
            "similarMatches", [_tr("Where"), _tr("Source"), _tr("Share"), _tr("Shared text")]
        )
        self.match_tree.currentItemChanged.connect(self._match_chosen)
        self.repeat_tree = self._tree(
            "similarRepeated",
            [
                _tr("Problem"),
                _tr("Last year's material"),
                _tr("Share"),
                _tr("Last year's rectification"),
            ],
        )
        self.repeat_tree.itemActivated.connect(self._repeat_chosen)
        self.repeat_tree.itemClicked.connect(self._repeat_chosen)
        self.tabs.addTab(self.match_tree, "")
        self.tabs.addTab(self.repeat_tree, "")
        self.source_view = QTextBrowser(splitter)
        self.source_view.setObjectName("similarSourceView")
        self.source_view.setOpenLinks(False)
        self.source_view.setPlaceholderText(_tr("Click a match to see the source passage here."))
        splitter.addWidget(self.tabs)
        splitter.addWidget(self.source_view)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        outer.addWidget(splitter, 1)
        self._update_tabs()
        self.set_stale(False)

    def _options_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.min_chars = QSpinBox(self)
        self.min_chars.setObjectName("similarMinChars")
        self.min_chars.setRange(GRAM, 200)
        self.min_chars.setValue(DEFAULT_MIN_CHARS)
        self.min_chars.setSuffix(_tr(" chars"))
        self.min_chars.setToolTip(
            _tr("A passage counts when at least this many characters in a row are the same")
        )
        self.scope = QComboBox(self)
        self.scope.setObjectName("similarScope")
        self.scope.addItem(_tr("Own earlier and same-year materials"), SCOPES[0])
        self.scope.addItem(_tr("The whole library"), SCOPES[1])
        self.against_button = QToolButton(self)
        self.against_button.setObjectName("similarAgainstButton")
        self.against_button.setText(_tr("Model texts…"))
        self.against_button.setToolTip(
            _tr("Also compare with .txt/.md/.docx model texts you downloaded")
        )
        self.against_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.against_button)
        menu.addAction(_tr("Add a file…"), self.addFileRequested.emit)
        menu.addAction(_tr("Add a folder…"), self.addFolderRequested.emit)
        self.clear_against_action = menu.addAction(_tr("Compare with no model texts"))
        self.clear_against_action.triggered.connect(lambda: self.set_against([]))
        self.against_button.setMenu(menu)
        self.against_label = QLabel(self)
        self.against_label.setObjectName("similarAgainstLabel")
        self.run_button = QPushButton(_tr("Run"), self)
        self.run_button.setObjectName("similarRunButton")
        self.run_button.clicked.connect(self.runRequested)
        self.export_button = QPushButton(_tr("Export report…"), self)
        self.export_button.setObjectName("similarExportButton")
        self.export_button.setToolTip(_tr("Save the results as PDF or HTML for a reviewer"))
        self.export_button.clicked.connect(self.exportRequested)
        row.addWidget(QLabel(_tr("Shortest passage"), self))
        row.addWidget(self.min_chars)
        row.addWidget(QLabel(_tr("Compare with"), self))
        row.addWidget(self.scope)
        row.addWidget(self.against_button)
        row.addWidget(self.against_label, 1)
        row.addWidget(self.run_button)
        row.addWidget(self.export_button)
        self.set_against([])
        return row

    def _tree(self, name: str, headers: list[str]) -> QTreeWidget:
        tree = QTreeWidget(self)
        tree.setObjectName(name)
        tree.setRootIsDecorated(False)
        tree.setUniformRowHeights(True)
        tree.setHeaderLabels(headers)
        header = tree.header()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        return tree

    # ----- options --------------------------------------------------------------------------
    def set_against(self, paths: list[str]) -> None:
        self.against = list(paths)
        self.clear_against_action.setEnabled(bool(paths))
        if not paths:
            self.against_label.setText("")
            self.against_label.setToolTip("")
            return
        names = "、".join(Path(p).name for p in paths)
        self.against_label.setText(names)
        self.against_label.setToolTip("\n".join(paths))

    def options(self) -> tuple[int, str, list[str]]:
        return self.min_chars.value(), self.scope.currentData(), list(self.against)

    # ----- results --------------------------------------------------------------------------
    def set_busy(self, busy: bool) -> None:
        """While a run is under way its button stops it (a big folder of 范文 takes a while)."""
        self.busy = busy
        self.run_button.setText(_tr("Stop") if busy else _tr("Run"))
        if busy:
            self.set_message(_tr("Comparing…"))

    def set_message(self, text: str, error: bool = False) -> None:
        self.summary.setStyleSheet("color: #c00000;" if error else "")
        self.summary.setText(text)

    def set_stale(self, stale: bool) -> None:
        self.stale = stale
        self.export_button.setEnabled(self.has_results and not stale)
        if stale:
            self.export_button.setToolTip(_tr("The text changed since the run: run again first"))
        else:
            self.export_button.setToolTip(_tr("Save the results as PDF or HTML for a reviewer"))

    def clear(self) -> None:
        self.matches = []
        self.context = None
        self.match_tree.clear()
        self.repeat_tree.clear()
        self.source_view.clear()
        self.set_message("")
        self._update_tabs()
        self.has_results = False
        self.set_stale(False)

    def show_report(self, report: SimilarityReport, context: ReportContext) -> None:
        from app.compare.report import RECTIFICATION_NAMES, RELATION_NAMES

        self.clear()
        self.matches = list(report.matches)
        self.context = context
        self.set_message(
            _tr("Shared %1 of %2 characters (%3) · %4 sources compared · passages of %5+ chars")
            .replace("%1", str(report.shared_chars))
            .replace("%2", str(report.chars))
            .replace("%3", percent(report.share))
            .replace("%4", str(report.sources_compared))
            .replace("%5", str(report.min_chars))
        )
        for index, m in enumerate(report.matches):
            source = f"{RELATION_NAMES[m.source.relation]} · {m.source.label()}"
            item = QTreeWidgetItem(
                [context.where(m.span), source, percent(m.unit_share), m.span.text]
            )
            item.setData(0, MATCH_ROLE, index)
            item.setToolTip(3, m.span.text)
            item.setToolTip(1, source)
            self.match_tree.addTopLevelItem(item)
        for r in report.repeated:
            status = RECTIFICATION_NAMES.get(r.rectification, r.rectification)
            item = QTreeWidgetItem([r.title or r.path, r.source.label(), percent(r.share), status])
            item.setData(0, MATCH_ROLE, r.point_id)
            self.repeat_tree.addTopLevelItem(item)
        for tree, widths in ((self.match_tree, (150, 170, 45)), (self.repeat_tree, (220, 200, 45))):
            for column, width in enumerate(widths):
                tree.setColumnWidth(column, width)
        self._update_tabs()
        self.has_results = True
        self.set_stale(False)

    def _update_tabs(self) -> None:
        self.tabs.setTabText(
            0, _tr("Shared passages (%1)").replace("%1", str(self.match_tree.topLevelItemCount()))
        )
        self.tabs.setTabText(
            1,
            _tr("Repeated from last year (%1)").replace(
                "%1", str(self.repeat_tree.topLevelItemCount())
            ),
        )

    def _match_chosen(self, item: QTreeWidgetItem | None, _previous=None) -> None:
        if item is None:
            return
        match = self.matches[item.data(0, MATCH_ROLE)]
        self.show_source(match)
        self.matchActivated.emit(match)

    def _repeat_chosen(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        point_id = item.data(0, MATCH_ROLE)
        if point_id is not None:
            self.pointActivated.emit(point_id)

    def show_source(self, match: Match) -> None:
        """The source paragraph with the shared words marked, scrolled to them."""
        from app.compare.report import RELATION_NAMES
        from app.compare.report_context import split_at

        if self.context is None:  # no report shown: there is no match to show either
            return
        passage = self.context.source(match)
        before, shared, after = split_at(passage.paragraph, match.source_span)
        source_word, where_word = _tr("Source"), _tr("Where")
        self.source_view.setHtml(
            f"<p><b>{escape(source_word)}</b>：{escape(RELATION_NAMES[match.source.relation])}"
            f" · {escape(match.source.label())}<br>"
            f"<b>{escape(where_word)}</b>：{escape(passage.where)}</p>"
            f'<p style="font-size: large">{escape(before)}<a name="shared"></a>'
            f'<span style="background-color: {SOURCE_MARK}">{escape(shared)}</span>'
            f"{escape(after)}</p>"
        )
        self.source_view.scrollToAnchor("shared")
