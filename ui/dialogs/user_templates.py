"""模板管理: every template, the user's own marked; make one from a notice, import a .toml,
export any template as .toml, delete one of the user's own.

Bundled templates cannot be deleted or replaced (``app.user_templates`` refuses); importing a
template whose id the user already has asks first. Every outcome is said in the dialog's status
line, errors in red; nothing half-written is left (the writes are atomic).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.errors import DuizhaoError
from app.templates import Template, load_templates, user_templates_dir
from ui.dialogs.common import error_text, template_details, template_heading
from ui.export_target import export_force

TEMPLATE_ROLE = Qt.ItemDataRole.UserRole
ERROR_STYLE = "color: #c00000;"


class UserTemplatesDialog(QDialog):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("userTemplatesDialog")
        self.setWindowTitle(self.tr("Templates"))
        self.resize(760, 560)
        self.template_list = QListWidget(self)
        self.template_list.setObjectName("userTemplateList")
        self.template_list.setWordWrap(True)
        self.folder_label = QLabel(
            self.tr("Your own templates are kept in %1").replace("%1", str(user_templates_dir())),
            self,
        )
        self.folder_label.setWordWrap(True)
        self.folder_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status_label = QLabel(self)
        self.status_label.setObjectName("templatesStatus")
        self.status_label.setWordWrap(True)
        self.from_notice_button = QPushButton(self.tr("New from a notice…"), self)
        self.from_notice_button.setObjectName("fromNoticeButton")
        self.import_button = QPushButton(self.tr("Import…"), self)
        self.import_button.setObjectName("importTemplateButton")
        self.export_button = QPushButton(self.tr("Export…"), self)
        self.export_button.setObjectName("exportTemplateButton")
        self.delete_button = QPushButton(self.tr("Delete"), self)
        self.delete_button.setObjectName("deleteTemplateButton")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Close"))
        buttons.rejected.connect(self.reject)

        row = QHBoxLayout()
        for button in (
            self.from_notice_button,
            self.import_button,
            self.export_button,
            self.delete_button,
        ):
            row.addWidget(button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.template_list, 1)
        layout.addWidget(self.folder_label)
        layout.addLayout(row)
        layout.addWidget(self.status_label)
        layout.addWidget(buttons)

        self.from_notice_button.clicked.connect(self.new_from_notice)
        self.import_button.clicked.connect(self.import_template)
        self.export_button.clicked.connect(self.export_template)
        self.delete_button.clicked.connect(self.delete_template)
        self.template_list.currentItemChanged.connect(self._update_buttons)
        self.refresh()

    def refresh(self, select: str | None = None) -> None:
        self.template_list.clear()
        for template in load_templates():
            item = QListWidgetItem(
                f"{template_heading(template)}\n　　{template_details(template)}"
            )
            item.setData(TEMPLATE_ROLE, template.id)
            item.setToolTip(template.source)
            self.template_list.addItem(item)
            if template.id == select:
                self.template_list.setCurrentItem(item)
        self._update_buttons()

    def selected_template(self) -> Template | None:
        item = self.template_list.currentItem()
        wanted = item.data(TEMPLATE_ROLE) if item is not None else None
        return next((t for t in load_templates() if t.id == wanted), None)

    # ----- actions -----------------------------------------------------------------------------
    def new_from_notice(self) -> None:
        from ui.dialogs.template_from_notice import TemplateFromNoticeDialog

        dialog = TemplateFromNoticeDialog(self)
        if self._run(dialog) and dialog.saved_template is not None:
            self.refresh(select=dialog.saved_template.id)
            self._say(self.tr("Template saved: %1").replace("%1", dialog.saved_template.name))
        dialog.deleteLater()

    def import_template(self) -> None:
        from app.user_templates import TemplateExistsError, import_template_file

        path = self._ask_open_path()
        if not path:
            return
        try:
            try:
                template = import_template_file(path)
            except TemplateExistsError:
                if not self._ask_replace():
                    self._say(self.tr("Not imported: you kept the template you had."))
                    return
                template = import_template_file(path, replace=True)
        except DuizhaoError as exc:
            self._say(error_text(exc)[0], error=True)
            return
        self.refresh(select=template.id)
        self._say(self.tr("Template imported: %1").replace("%1", template.name))

    def export_template(self) -> None:
        from app.user_templates import export_template

        template = self.selected_template()
        if template is None:
            return
        path = self._ask_save_path(f"{template.id}.toml")
        if not path:
            return
        # the export guard's question first: a write-protected file is replaced only if agreed
        force = export_force(self, Path(path), lambda exc: self._say(error_text(exc)[0], True))
        if force is None:
            return
        try:
            written = export_template(template, path, force=force)
        except DuizhaoError as exc:
            self._say(error_text(exc)[0], error=True)
            return
        self._say(self.tr("Exported to %1").replace("%1", str(written)))

    def delete_template(self) -> None:
        from app.user_templates import remove_user_template

        template = self.selected_template()
        if template is None or not template.user or not self._ask_delete(template):
            return
        try:
            remove_user_template(template.id)
        except DuizhaoError as exc:
            self._say(error_text(exc)[0], error=True)
            return
        self.refresh()
        self._say(self.tr("Template deleted: %1").replace("%1", template.name))

    # ----- helpers -----------------------------------------------------------------------------
    def _update_buttons(self, *_args) -> None:
        template = self.selected_template()
        self.export_button.setEnabled(template is not None)
        self.delete_button.setEnabled(template is not None and template.user)

    def _say(self, text: str, error: bool = False) -> None:
        self.status_label.setText(text)
        self.status_label.setStyleSheet(ERROR_STYLE if error else "")

    # ----- seams for tests ---------------------------------------------------------------------
    def _run(self, dialog: QDialog) -> bool:
        return dialog.exec() == QDialog.DialogCode.Accepted

    def _ask_open_path(self) -> str | None:
        path, _filter = QFileDialog.getOpenFileName(
            self, self.tr("Import a template"), "", self.tr("Templates (*.toml)")
        )
        return path or None

    def _ask_save_path(self, name: str) -> str | None:
        path, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Export the template"), name, self.tr("Templates (*.toml)")
        )
        return path or None

    def _ask_replace(self) -> bool:
        answer = QMessageBox.question(
            self,
            self.tr("Replace the template?"),
            self.tr("You already have a template with this id. Replace it with the imported one?"),
        )
        return answer == QMessageBox.StandardButton.Yes

    def _ask_delete(self, template: Template) -> bool:
        answer = QMessageBox.question(
            self,
            self.tr("Delete the template?"),
            self.tr("Delete the template “%1”? Materials made from it keep their text.").replace(
                "%1", template.name
            ),
        )
        return answer == QMessageBox.StandardButton.Yes
