"""复制为下一年度草稿: pick the new year and template; preview where the old aspects go.

The copy itself is ``Library.duplicate_material``; the preview here runs the same matching
(``app.library.match_dimensions``: short name, key words, then similarity) and says that
anything unmatched is kept after the new aspects, so no text is lost.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.library import match_dimensions
from app.model import Dimension, Material
from app.templates import Template, TemplateDimension, load_templates
from ui.dialogs.common import template_heading


def preview_mapping(
    old: list[Dimension], template: Template
) -> list[tuple[Dimension, TemplateDimension | None]]:
    """Where each old dimension's points will go (the library's own matching rule);
    None = kept as an extra aspect after the new ones."""
    new_for_old = {oi: ni for ni, oi in match_dimensions(old, template.dimensions).items()}
    return [
        (dim, template.dimensions[new_for_old[oi]] if oi in new_for_old else None)
        for oi, dim in enumerate(old)
    ]


def _label(dim: Dimension) -> str:
    return dim.short_name or dim.heading[:24]


class DuplicateDialog(QDialog):
    def __init__(
        self,
        source: Material,
        parent: QWidget | None = None,
        templates: tuple[Template, ...] | None = None,
    ):
        super().__init__(parent)
        self.setObjectName("duplicateDialog")
        self.setWindowTitle(self.tr("Duplicate as next year's draft"))
        self.resize(640, 480)
        self._source = source
        self._templates = templates if templates is not None else load_templates()
        self._template_chosen_by_user = False

        intro = QLabel(
            self.tr("A copy of “{title}” keeps every point's text; you then revise it.").format(
                title=source.title
            ),
            self,
        )
        intro.setWordWrap(True)

        self.year_spin = QSpinBox(self)
        self.year_spin.setObjectName("yearSpin")
        self.year_spin.setRange(2000, 2100)
        self.year_spin.setValue((source.year or dt.date.today().year) + 1)

        self.template_combo = QComboBox(self)
        self.template_combo.setObjectName("templateCombo")
        for template in self._templates:
            self.template_combo.addItem(template_heading(template), template.id)

        self.title_edit = QLineEdit(self)
        self.title_edit.setObjectName("draftTitleEdit")
        self._title_follows = True  # until the user types a title of their own
        self.title_edit.textEdited.connect(self._title_edited)

        form = QFormLayout()
        form.addRow(self.tr("New year"), self.year_spin)
        form.addRow(self.tr("Template"), self.template_combo)
        form.addRow(self.tr("Title"), self.title_edit)

        self.mapping_label = QLabel(self)
        self.mapping_label.setWordWrap(True)
        self.mapping_table = QTreeWidget(self)
        self.mapping_table.setObjectName("mappingTable")
        self.mapping_table.setRootIsDecorated(False)
        self.mapping_table.setHeaderLabels([self.tr("This year's aspect"), self.tr("Goes to")])
        self.mapping_table.setColumnWidth(0, 280)

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Create draft"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.mapping_label)
        layout.addWidget(self.mapping_table, 1)
        layout.addWidget(buttons)

        self._select_template(self._template_for_year(self.year_spin.value()))
        self.year_spin.valueChanged.connect(self._year_changed)
        self.template_combo.activated.connect(self._template_picked)
        self.template_combo.currentIndexChanged.connect(self._update_mapping)
        self._update_mapping()

    # ----- state ---------------------------------------------------------------------------------
    def values(self) -> tuple[int, str]:
        """(year, template_id) for ``Library.duplicate_material``."""
        return self.year_spin.value(), self.template_combo.currentData()

    def title(self) -> str:
        return self.title_edit.text().strip() or self._source.title

    def select_template(self, template_id: str) -> None:
        """Pick a template as the user would (later year changes keep it)."""
        self._select_template(template_id)
        self._template_picked(self.template_combo.currentIndex())

    def mapping_rows(self) -> list[tuple[str, str]]:
        table = self.mapping_table
        return [
            (table.topLevelItem(i).text(0), table.topLevelItem(i).text(1))
            for i in range(table.topLevelItemCount())
        ]

    # ----- helpers -------------------------------------------------------------------------------
    def _template_for_year(self, year: int) -> str:
        """The official framework of that year when we ship one; else keep the current one."""
        same_year = [t for t in self._templates if t.year == year and t.id != "custom"]
        if same_year:
            return same_year[0].id
        return self._source.template_id

    def _select_template(self, template_id: str) -> None:
        index = self.template_combo.findData(template_id)
        if index < 0:
            index = self.template_combo.findData("custom")
        self.template_combo.setCurrentIndex(max(index, 0))

    def _current_template(self) -> Template | None:
        wanted = self.template_combo.currentData()
        return next((t for t in self._templates if t.id == wanted), None)

    def _year_changed(self, year: int) -> None:
        if not self._template_chosen_by_user:
            self._select_template(self._template_for_year(year))
        self._update_mapping()

    def _template_picked(self, _index: int) -> None:
        # A yearly framework names its year: the draft takes it (the user may still change it).
        self._template_chosen_by_user = True
        template = self._current_template()
        if template is not None and template.year:
            self.year_spin.setValue(template.year)

    def _title_edited(self, text: str) -> None:
        self._title_follows = not text.strip()

    def _suggested_title(self, template: Template | None) -> str:
        """A new framework brings its own title; the same one keeps last year's title with the
        year number moved on."""
        source = self._source
        if template is not None and template.id != source.template_id and source.organization:
            return template.title_pattern.format(organization=source.organization)
        if source.year:
            return source.title.replace(str(source.year), str(self.year_spin.value()))
        return source.title

    def _update_mapping(self, *_args) -> None:
        self.mapping_table.clear()
        template = self._current_template()
        if self._title_follows:
            self.title_edit.setText(self._suggested_title(template))
        problems = self._source.section("problems")
        old = problems.dimensions if problems else []
        same = template is None or template.id == self._source.template_id
        if same or not old:
            self.mapping_label.setText(self.tr("Same framework: every aspect stays as it is."))
            self.mapping_table.hide()
            return
        self.mapping_label.setText(
            self.tr("The framework changes. Points move to the new aspects like this:")
        )
        for dim, target in preview_mapping(old, template):
            goes_to = target.short_name if target else self.tr("kept as an extra aspect")
            item = QTreeWidgetItem([_label(dim), goes_to])
            item.setToolTip(0, dim.heading)
            if target:
                item.setToolTip(1, target.heading)
            self.mapping_table.addTopLevelItem(item)
        self.mapping_table.show()
