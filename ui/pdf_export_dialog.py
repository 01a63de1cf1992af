"""导出 PDF dialog: where to save, how to typeset (PdfOptions), and which font serves each role.

The font report names each role's font as users know it (仿宋_GB2312 on this computer, or the
仿宋 that comes with 对照 standing in for it), so a user learns it before printing; the file
paths and reasons are in ``duizhao-cli fonts``. The last folder and the options are
preferences in QSettings("duizhao", "duizhao"), never content.
"""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.errors import DuizhaoError, os_reason
from app.exporters.pdf_options import PdfOptions

LAST_FOLDER_KEY = "export/lastFolder"
OPTION_KEYS = {  # PdfOptions field → settings key
    "point_paragraphs": "export/pdf/pointParagraphs",
    "bold_point_titles": "export/pdf/boldPointTitles",
    "page_number_position": "export/pdf/pageNumberPosition",
    "include_signature": "export/pdf/includeSignature",
}
# Characters Windows and most file managers refuse in a file name.
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]')


def settings() -> QSettings:
    return QSettings("duizhao", "duizhao")


def suggested_file_name(title: str) -> str:
    stem = _UNSAFE.sub("_", title).strip(" .") or "material"
    return stem[:80] + ".pdf"


def last_folder() -> Path:
    folder = settings().value(LAST_FOLDER_KEY, "")
    path = Path(folder) if folder else Path.home()
    return path if path.is_dir() else Path.home()


def remember_folder(written: Path) -> None:
    settings().setValue(LAST_FOLDER_KEY, str(Path(written).parent))


def saved_options() -> PdfOptions:
    """The options of the last export (defaults the first time, or when a value is unreadable)."""
    store = settings()

    def flag(field: str) -> bool:
        return str(store.value(OPTION_KEYS[field], "false")).lower() in ("true", "1")

    position = str(store.value(OPTION_KEYS["page_number_position"], "outside"))
    return PdfOptions(
        point_paragraphs=flag("point_paragraphs"),
        bold_point_titles=flag("bold_point_titles"),
        page_number_position=position if position in ("outside", "center") else "outside",
        include_signature=flag("include_signature"),
    )


def save_options(options: PdfOptions) -> None:
    store = settings()
    for field, key in OPTION_KEYS.items():
        value = getattr(options, field)
        store.setValue(key, value if isinstance(value, str) else ("true" if value else "false"))


def font_report_text() -> str:
    """One Chinese line per role, the fonts named as users know them (仿宋_GB2312, 黑体 …, on
    this computer or bundled); an unusable font setup is reported, not raised."""
    from app.font_report import font_summary
    from app.fonts import choose_fonts

    try:
        return "\n".join(font_summary(choose_fonts()))
    except DuizhaoError as exc:
        return exc.zh


class PdfExportDialog(QDialog):
    """Options, font report and target path; ``options()`` and ``path()`` after accept."""

    def __init__(
        self, title: str, parent: QWidget | None = None, options: PdfOptions | None = None
    ):
        super().__init__(parent)
        self.setObjectName("pdfExportDialog")
        self.setWindowTitle(self.tr("Export PDF"))
        self.resize(680, 520)
        options = options or saved_options()

        self.path_edit = QLineEdit(str(last_folder() / suggested_file_name(title)), self)
        self.path_edit.setObjectName("pdfPathEdit")
        browse = QPushButton(self.tr("Browse…"), self)
        browse.setObjectName("pdfBrowseButton")
        browse.clicked.connect(self.browse)
        path_row = QHBoxLayout()
        path_row.addWidget(self.path_edit, 1)
        path_row.addWidget(browse)

        self.point_paragraphs_check = QCheckBox(
            self.tr("Each point (一是, 二是 …) in its own paragraph"), self
        )
        self.point_paragraphs_check.setObjectName("pointParagraphsCheck")
        self.point_paragraphs_check.setChecked(options.point_paragraphs)
        self.bold_titles_check = QCheckBox(self.tr("Point titles in bold"), self)
        self.bold_titles_check.setObjectName("boldTitlesCheck")
        self.bold_titles_check.setChecked(options.bold_point_titles)
        self.signature_check = QCheckBox(
            self.tr("Sign at the end (author or organization, and date)"), self
        )
        self.signature_check.setObjectName("signatureCheck")
        self.signature_check.setChecked(options.include_signature)
        self.page_number_combo = QComboBox(self)
        self.page_number_combo.setObjectName("pageNumberCombo")
        self.page_number_combo.addItem(
            self.tr("Outside edge: odd pages right, even pages left (GB/T 9704)"), "outside"
        )
        self.page_number_combo.addItem(self.tr("Centred"), "center")
        self.page_number_combo.setCurrentIndex(
            self.page_number_combo.findData(options.page_number_position)
        )

        form = QFormLayout()
        form.addRow(self.tr("Save as"), path_row)
        form.addRow(
            self.tr("Paper"),
            QLabel(self.tr("A4 portrait, GB/T 9704 margins and 28 × 22 character grid"), self),
        )
        form.addRow(self.tr("Page numbers"), self.page_number_combo)
        form.addRow("", self.point_paragraphs_check)
        form.addRow("", self.bold_titles_check)
        form.addRow("", self.signature_check)

        self.font_report = QPlainTextEdit(font_report_text(), self)
        self.font_report.setObjectName("fontReport")
        self.font_report.setReadOnly(True)
        self.font_report.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)

        self.problem_label = QLabel(self)
        self.problem_label.setObjectName("pdfExportProblem")
        self.problem_label.setStyleSheet("color: #c00000;")
        self.problem_label.setWordWrap(True)
        self.problem_label.hide()

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(QLabel(self.tr("Fonts used for each role:"), self))
        layout.addWidget(self.font_report, 1)
        layout.addWidget(self.problem_label)
        layout.addWidget(buttons)

    def browse(self) -> None:
        chosen, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Export PDF"), self.path_edit.text(), self.tr("PDF (*.pdf)")
        )
        if chosen:
            self.path_edit.setText(chosen)

    def options(self) -> PdfOptions:
        return PdfOptions(
            point_paragraphs=self.point_paragraphs_check.isChecked(),
            bold_point_titles=self.bold_titles_check.isChecked(),
            page_number_position=self.page_number_combo.currentData() or "outside",
            include_signature=self.signature_check.isChecked(),
        )

    def path(self) -> Path | None:
        """The target with a ``.pdf`` suffix, or None when nothing usable was entered."""
        text = self.path_edit.text().strip()
        if not text:
            return None
        path = Path(text).expanduser()
        if path.suffix.lower() != ".pdf":
            path = path.with_name(path.name + ".pdf")
        return path

    def accept(self) -> None:
        path = self.path()
        problem = None
        try:
            if path is None:
                problem = self.tr("Enter a file name to save the PDF as.")
            elif not path.parent.is_dir():
                problem = self.tr("The folder %1 does not exist.").replace("%1", str(path.parent))
            elif path.is_dir():
                problem = self.tr("%1 is a folder; enter a file name.").replace("%1", str(path))
        except OSError as exc:  # a name the system refuses (over 255 bytes, a link loop)
            problem = f"{os_reason(exc)[0]}：{path}"
        if problem:
            self.problem_label.setText(problem)
            self.problem_label.show()
            return
        save_options(self.options())
        super().accept()


def run_dialog(dialog: PdfExportDialog) -> bool:
    """Show the dialog modally; True when the user chose Save. Tests replace this function."""
    return dialog.exec() == QDialog.DialogCode.Accepted
