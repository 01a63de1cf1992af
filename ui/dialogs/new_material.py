"""新建材料: pick a template (年度框架), name the organization, confirm the title."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.templates import Template, load_templates
from ui.dialogs.common import template_details, template_heading

TEMPLATE_ROLE = Qt.ItemDataRole.UserRole


class NewMaterialDialog(QDialog):
    """Lists every template (newest year first, ``custom`` last). The title follows the
    template's ``title_pattern`` and the organization until the user edits it by hand."""

    def __init__(
        self, parent: QWidget | None = None, templates: tuple[Template, ...] | None = None
    ):
        super().__init__(parent)
        self.setObjectName("newMaterialDialog")
        self.setWindowTitle(self.tr("New material"))
        self.resize(720, 560)
        self._templates = templates if templates is not None else load_templates()
        self._title_follows = True  # until the user types a title of their own

        self.template_list = QListWidget(self)
        self.template_list.setObjectName("templateList")
        self.template_list.setWordWrap(True)
        for template in self._templates:
            # Two lines; the second indented so the eye finds the names down the left edge.
            item = QListWidgetItem(
                f"{template_heading(template)}\n　　{template_details(template)}"
            )
            item.setData(TEMPLATE_ROLE, template.id)
            item.setToolTip(template.source)
            self.template_list.addItem(item)

        self.source_label = QLabel(self)
        self.source_label.setObjectName("templateSource")
        self.source_label.setWordWrap(True)

        self.organization_edit = QLineEdit(self)
        self.organization_edit.setObjectName("organizationEdit")
        self.organization_edit.setPlaceholderText(self.tr("e.g. 县政府党组"))
        self.title_edit = QLineEdit(self)
        self.title_edit.setObjectName("newTitleEdit")

        form = QFormLayout()
        form.addRow(self.tr("Organization"), self.organization_edit)
        form.addRow(self.tr("Title"), self.title_edit)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Create"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Template (the year's framework)"), self))
        layout.addWidget(self.template_list, 1)
        layout.addWidget(self.source_label)
        layout.addLayout(form)
        layout.addWidget(self.buttons)

        self.template_list.currentItemChanged.connect(self._template_changed)
        self.template_list.itemDoubleClicked.connect(self._double_clicked)
        self.organization_edit.textChanged.connect(self._update_title)
        self.title_edit.textEdited.connect(self._title_edited)
        self.title_edit.textChanged.connect(self._update_ok)
        if self.template_list.count():
            self.template_list.setCurrentRow(0)
        self.organization_edit.setFocus()

    # ----- state ---------------------------------------------------------------------------------
    def selected_template(self) -> Template | None:
        item = self.template_list.currentItem()
        if item is None:
            return None
        wanted = item.data(TEMPLATE_ROLE)
        return next((t for t in self._templates if t.id == wanted), None)

    def select_template(self, template_id: str) -> None:
        for row in range(self.template_list.count()):
            if self.template_list.item(row).data(TEMPLATE_ROLE) == template_id:
                self.template_list.setCurrentRow(row)
                return
        raise KeyError(template_id)

    def values(self) -> tuple[str, str, str]:
        """(template_id, title, organization), stripped."""
        template = self.selected_template()
        return (
            template.id if template else "",
            self.title_edit.text().strip(),
            self.organization_edit.text().strip(),
        )

    # ----- slots ---------------------------------------------------------------------------------
    def _template_changed(self, *_args) -> None:
        template = self.selected_template()
        source = template.source if template else ""
        self.source_label.setText(self.tr("Based on: %1").replace("%1", source) if source else "")
        self._update_title()

    def _title_edited(self, text: str) -> None:
        # Clearing the field hands the title back to the template pattern.
        self._title_follows = not text.strip()

    def _update_title(self, *_args) -> None:
        template = self.selected_template()
        if template is not None and self._title_follows:
            organization = self.organization_edit.text().strip()
            self.title_edit.setText(template.title_pattern.format(organization=organization))
        self._update_ok()

    def _update_ok(self, *_args) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(self.selected_template() is not None and bool(self.title_edit.text().strip()))

    def _double_clicked(self, _item) -> None:
        if self.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled():
            self.accept()
