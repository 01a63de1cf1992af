"""从通知生成模板: paste (or open) the year's notice, check what was recognised — the meeting,
the year and the list of dimensions, each with its wording and short name (edit, add, remove,
reorder) — name the template and save it among the user's templates.

Recognition and file reading run off the GUI thread (``ui.tasks``); a notice with no
recognisable items is said in the dialog, in red, and nothing is saved. Saving builds the
template with ``app.user_templates`` and installs it; a refusal (a row without a short name,
a repeated short name) keeps the dialog open with the reason.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.notice import NoticeFramework, framework_from_notice, framework_from_paragraphs
from app.notice_wording import same_bundled_template
from app.templates import Template
from ui.dialogs.common import error_text
from ui.tasks import TaskRunner

ERROR_STYLE = "color: #c00000;"
NO_YEAR = 0
COL_SHORT, COL_HEADING = 0, 1


class TemplateFromNoticeDialog(QDialog):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("templateFromNoticeDialog")
        self.setWindowTitle(self.tr("New template from a notice"))
        self.resize(860, 720)
        self.framework: NoticeFramework | None = None
        self.saved_template: Template | None = None
        self.tasks = TaskRunner(self, "notice")

        self.notice_edit = QPlainTextEdit(self)
        self.notice_edit.setObjectName("noticeEdit")
        self.notice_edit.setPlaceholderText(
            self.tr("Paste the text of the year's notice (通知/方案) here…")
        )
        self.open_button = QPushButton(self.tr("Open file…"), self)
        self.open_button.setObjectName("openNoticeButton")
        self.recognise_button = QPushButton(self.tr("Recognise"), self)
        self.recognise_button.setObjectName("recogniseButton")
        self.status_label = QLabel(self)
        self.status_label.setObjectName("noticeStatus")
        self.status_label.setWordWrap(True)

        self.name_edit = QLineEdit(self)
        self.name_edit.setObjectName("templateNameEdit")
        self.meeting_edit = QLineEdit(self)
        self.meeting_edit.setObjectName("templateMeetingEdit")
        self.year_spin = QSpinBox(self)
        self.year_spin.setObjectName("templateYearSpin")
        self.year_spin.setRange(NO_YEAR, 2100)
        self.year_spin.setSpecialValueText(self.tr("(none)"))
        self.dimension_table = QTableWidget(0, 2, self)
        self.dimension_table.setObjectName("dimensionTable")
        self.dimension_table.setHorizontalHeaderLabels([self.tr("Short name"), self.tr("Wording")])
        header = self.dimension_table.horizontalHeader()
        header.setSectionResizeMode(COL_SHORT, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(COL_SHORT, 120)
        header.setSectionResizeMode(COL_HEADING, QHeaderView.ResizeMode.Stretch)
        self.dimension_table.setWordWrap(True)
        self.dimension_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.dimension_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.add_button = QPushButton(self.tr("Add"), self)
        self.add_button.setObjectName("addDimensionButton")
        self.remove_button = QPushButton(self.tr("Remove"), self)
        self.remove_button.setObjectName("removeDimensionButton")
        self.up_button = QPushButton(self.tr("Move up"), self)
        self.up_button.setObjectName("moveDimensionUpButton")
        self.down_button = QPushButton(self.tr("Move down"), self)
        self.down_button.setObjectName("moveDimensionDownButton")

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText(self.tr("Save template"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self._layout()

        self.open_button.clicked.connect(self.open_file)
        self.recognise_button.clicked.connect(self.recognise)
        self.add_button.clicked.connect(self.add_row)
        self.remove_button.clicked.connect(self.remove_row)
        self.up_button.clicked.connect(lambda: self.move_row(-1))
        self.down_button.clicked.connect(lambda: self.move_row(1))
        self.notice_edit.textChanged.connect(self._update_buttons)
        self.name_edit.textChanged.connect(self._update_buttons)
        self._update_buttons()

    def _layout(self) -> None:
        top = QHBoxLayout()
        top.addWidget(
            QLabel(self.tr("The year's notice: paste its text, or open a .txt/.docx file"), self),
            1,
        )
        top.addWidget(self.open_button)
        top.addWidget(self.recognise_button)
        form = QFormLayout()
        form.addRow(self.tr("Template name"), self.name_edit)
        form.addRow(self.tr("Meeting"), self.meeting_edit)
        form.addRow(self.tr("Year"), self.year_spin)
        row_buttons = QHBoxLayout()
        for button in (self.add_button, self.remove_button, self.up_button, self.down_button):
            row_buttons.addWidget(button)
        row_buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.notice_edit, 2)
        layout.addWidget(self.status_label)
        layout.addLayout(form)
        layout.addWidget(QLabel(self.tr("Dimensions (check the short names)"), self))
        layout.addWidget(self.dimension_table, 3)
        layout.addLayout(row_buttons)
        layout.addWidget(self.buttons)

    # ----- recognising ------------------------------------------------------------------------
    def recognise(self) -> None:
        text = self.notice_edit.toPlainText()
        self._say(self.tr("Recognising…"))
        self.tasks.run(
            lambda: framework_from_notice(text),
            success=self._recognised,
            failure=self._not_recognised,
            key="notice",
        )

    def open_file(self) -> None:
        path = self._ask_open_path()
        if not path:
            return
        self._say(self.tr("Reading the file…"))

        def work():
            from app.importers.read import read_paragraphs

            paragraphs = read_paragraphs(path)
            text = "\n".join(paragraphs)
            try:
                return text, framework_from_paragraphs(paragraphs)
            except Exception as exc:  # noqa: BLE001 — the text is shown even without items
                return text, exc

        def read(result) -> None:
            text, outcome = result
            self.notice_edit.setPlainText(text)
            if isinstance(outcome, BaseException):
                self._not_recognised(outcome)
            else:
                self._recognised(outcome)

        self.tasks.run(work, success=read, failure=self._not_recognised, key="notice")

    def _recognised(self, framework: NoticeFramework) -> None:
        self.framework = framework
        self.meeting_edit.setText(framework.meeting)
        self.year_spin.setValue(framework.year or NO_YEAR)
        if not self.name_edit.text().strip():
            self.name_edit.setText(framework.meeting or self.tr("Template from a notice"))
        self.dimension_table.setRowCount(0)
        for item in framework.items:
            self._append(item.short_name, item.heading)
        self.dimension_table.resizeRowsToContents()  # the 2021 wordings run to three lines
        message = self.tr(
            "%1 dimensions recognised. Check their wording and short names, then save."
        ).replace("%1", str(len(framework.items)))
        shipped = same_bundled_template([i.heading for i in framework.items])
        if shipped is not None:
            message += " " + self.tr(
                "The program already has this framework: “%1” (you can use it under New…)."
            ).replace("%1", shipped.name)
        self._say(message)
        self._update_buttons()

    def _not_recognised(self, exc: BaseException) -> None:
        """Nothing to save: what an earlier notice gave is cleared, the reason shown."""
        self.framework = None
        self.dimension_table.setRowCount(0)
        self._failed(exc)

    def _failed(self, exc: BaseException) -> None:
        zh, _en = error_text(exc)
        self._say(zh, error=True)
        self._update_buttons()

    # ----- the list ---------------------------------------------------------------------------
    def _append(self, short_name: str, heading: str) -> None:
        row = self.dimension_table.rowCount()
        self.dimension_table.insertRow(row)
        self.dimension_table.setItem(row, COL_SHORT, QTableWidgetItem(short_name))
        self.dimension_table.setItem(row, COL_HEADING, QTableWidgetItem(heading))

    def add_row(self) -> None:
        self._append("", "")
        row = self.dimension_table.rowCount() - 1
        self.dimension_table.setCurrentCell(row, COL_SHORT)
        self.dimension_table.editItem(self.dimension_table.item(row, COL_SHORT))
        self._update_buttons()

    def remove_row(self) -> None:
        row = self.dimension_table.currentRow()
        if row >= 0:
            self.dimension_table.removeRow(row)
        self._update_buttons()

    def move_row(self, step: int) -> None:
        row = self.dimension_table.currentRow()
        target = row + step
        if row < 0 or not 0 <= target < self.dimension_table.rowCount():
            return
        values = self.rows()
        values[row], values[target] = values[target], values[row]
        self.dimension_table.setRowCount(0)
        for short_name, heading in values:
            self._append(short_name, heading)
        self.dimension_table.setCurrentCell(target, COL_SHORT)

    def rows(self) -> list[tuple[str, str]]:
        """(short name, wording) per row, in order."""
        table = self.dimension_table
        return [
            tuple(
                (table.item(r, c).text() if table.item(r, c) else "")
                for c in (COL_SHORT, COL_HEADING)
            )
            for r in range(table.rowCount())
        ]

    # ----- saving -----------------------------------------------------------------------------
    def accept(self) -> None:
        from app.errors import DuizhaoError
        from app.user_templates import DimensionDraft, install_template, template_from_notice

        if self.framework is None:
            return
        try:
            template = template_from_notice(
                self.framework,
                name=self.name_edit.text(),
                dimensions=[DimensionDraft(h, s) for s, h in self.rows()],
                meeting=self.meeting_edit.text(),
                year=self.year_spin.value() or None,
            )
            install_template(template)
        except DuizhaoError as exc:
            self._failed(exc)
            return
        self.saved_template = template
        super().accept()

    # ----- helpers ----------------------------------------------------------------------------
    def _say(self, text: str, error: bool = False) -> None:
        self.status_label.setText(text)
        self.status_label.setStyleSheet(ERROR_STYLE if error else "")

    def _update_buttons(self, *_args) -> None:
        self.recognise_button.setEnabled(bool(self.notice_edit.toPlainText().strip()))
        has_rows = self.dimension_table.rowCount() > 0
        for button in (self.remove_button, self.up_button, self.down_button):
            button.setEnabled(has_rows)
        self.save_button.setEnabled(
            self.framework is not None and has_rows and bool(self.name_edit.text().strip())
        )

    def _ask_open_path(self) -> str | None:
        """The notice file to read (a seam for tests)."""
        path, _filter = QFileDialog.getOpenFileName(
            self,
            self.tr("Open the notice"),
            "",
            self.tr("Notices (*.txt *.md *.docx);;All files (*)"),
        )
        return path or None
