"""复制为下一年度草稿: pick the new year and template, and say where last year's aspects go.

The copy itself is ``Library.duplicate_material``. When the framework changes, a table lists
each old aspect (short name and heading, number of points) with a combo: one of the new
template's aspects, "kept as an extra aspect" or "moved into 其他"; it starts from
``app.dimension_mapping.suggest_mapping`` (successions table, then wording) and the user's
choice is what the draft gets. Points always follow their aspect, so no text is lost.

A check box starts the draft with 上年度整改落实情况 (``app.previous_rectification``): last
year's measures with their status, to rewrite as prose. It is on when last year's 整改清单 was
kept (a status, 责任人, 时限 or link filled in), and unavailable when there are no measures.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.dimension_mapping import KEEP, OTHER, OTHER_NAME, Target, suggest_mapping
from app.library import suggested_title
from app.model import Dimension, Material
from app.previous_rectification import has_measures
from app.rectification import has_list
from app.templates import Template, load_templates
from ui.dialogs.common import template_heading

COL_OLD, COL_POINTS, COL_TARGET = range(3)


def _label(dim: Dimension) -> str:
    return dim.short_name or dim.heading[:24]


def _row_text(dim: Dimension) -> str:
    """短名：heading (the table elides it to the column; the tooltip has it whole)."""
    return f"{dim.short_name}：{dim.heading}" if dim.short_name else dim.heading


def nothing_to_duplicate(parent: QWidget, *, library_empty: bool) -> QMessageBox:
    """Why 复制为下一年度草稿 cannot start (the menu item never does nothing silently)."""
    if library_empty:
        text = QCoreApplication.translate(
            "DuplicateDialog",
            "The library is empty: create a material from a template or import a file first, "
            "then duplicate it as next year's draft.",
        )
    else:
        text = QCoreApplication.translate(
            "DuplicateDialog", "Select a material in the library first, then duplicate it."
        )
    box = QMessageBox(
        QMessageBox.Icon.Information,
        QCoreApplication.translate("DuplicateDialog", "Duplicate as next year's draft"),
        text,
        QMessageBox.StandardButton.Ok,
        parent,
    )
    box.setObjectName("nothingToDuplicate")
    return box


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
        self.resize(760, 540)  # fits a 1366×768 screen with room to spare
        self._source = source
        self._templates = templates if templates is not None else load_templates()
        self._template_chosen_by_user = False
        self._table_for: str | None = None  # the template the mapping rows were made for

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

        self.review_check = QCheckBox(
            self.tr("Start with how last year's measures were carried out (status, notes)"), self
        )
        self.review_check.setObjectName("reviewCheck")
        if has_measures(source):
            self.review_check.setChecked(has_list(source))
            self.review_check.setToolTip(
                self.tr(
                    "A first section lists each of last year's measures with its status, "
                    "responsible person and deadline, ready to be rewritten as prose."
                )
            )
        else:
            self.review_check.setEnabled(False)
            self.review_check.setToolTip(self.tr("Last year's material has no measures."))

        self.mapping_label = QLabel(self)
        self.mapping_label.setWordWrap(True)
        self.mapping_table = QTableWidget(0, 3, self)
        self.mapping_table.setObjectName("mappingTable")
        self.mapping_table.setHorizontalHeaderLabels(
            [self.tr("Last year's aspect"), self.tr("Points"), self.tr("Goes to")]
        )
        self.mapping_table.verticalHeader().hide()
        self.mapping_table.setWordWrap(False)  # one line per aspect, elided with …
        self.mapping_table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.mapping_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.mapping_table.horizontalHeader()
        header.setSectionResizeMode(COL_OLD, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(COL_POINTS, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_TARGET, QHeaderView.ResizeMode.Fixed)
        self.mapping_table.setColumnWidth(COL_TARGET, 220)
        self.summary_label = QLabel(self)
        self.summary_label.setObjectName("mappingSummary")
        self.summary_label.setWordWrap(True)

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Create draft"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.review_check)
        layout.addWidget(self.mapping_label)
        layout.addWidget(self.mapping_table, 1)
        layout.addWidget(self.summary_label)
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

    def review(self) -> bool:
        """Whether the draft opens with 上年度整改落实情况."""
        return self.review_check.isEnabled() and self.review_check.isChecked()

    def select_template(self, template_id: str) -> None:
        """Pick a template as the user would (later year changes keep it)."""
        self._select_template(template_id)
        self._template_picked(self.template_combo.currentIndex())

    def mapping(self) -> list[Target] | None:
        """One target per old aspect as chosen in the table (``app.dimension_mapping``), or
        None when the framework stays (every aspect stays as it is)."""
        if self.mapping_table.isHidden():
            return None
        return [self.target_combo(row).currentData() for row in range(self._row_count())]

    def target_combo(self, row: int) -> QComboBox:
        return self.mapping_table.cellWidget(row, COL_TARGET)

    def mapping_rows(self) -> list[tuple[str, str]]:
        """(old aspect's short name, what its combo shows) per row."""
        return [
            (_label(dim), self.target_combo(row).currentText())
            for row, dim in enumerate(self._old_dimensions()[: self._row_count()])
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
        return suggested_title(self._source, template, self.year_spin.value())

    def _old_dimensions(self) -> list[Dimension]:
        problems = self._source.section("problems")
        return problems.dimensions if problems else []

    def _row_count(self) -> int:
        return 0 if self.mapping_table.isHidden() else self.mapping_table.rowCount()

    def _update_mapping(self, *_args) -> None:
        template = self._current_template()
        if self._title_follows:
            self.title_edit.setText(self._suggested_title(template))
        if template is not None and template.id == self._table_for:
            return  # only the year changed: keep the rows the user may have set
        self._table_for = template.id if template else None
        self.mapping_table.setRowCount(0)
        old = self._old_dimensions()
        same = template is None or template.id == self._source.template_id
        if same or not old:
            self.mapping_label.setText(self.tr("Same framework: every aspect stays as it is."))
            self.mapping_table.hide()
            self.summary_label.hide()
            return
        self.mapping_label.setText(
            self.tr(
                "The framework changes. Choose where each of last year's aspects goes; "
                "its points go with it."
            )
        )
        suggested = suggest_mapping(old, template, self._source.template_id)
        self.mapping_table.setRowCount(len(old))
        for row, (dim, target) in enumerate(zip(old, suggested, strict=True)):
            name = QTableWidgetItem(_row_text(dim))
            name.setToolTip(dim.heading)
            count = QTableWidgetItem(str(len(dim.points)))
            count.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
            self.mapping_table.setItem(row, COL_OLD, name)
            self.mapping_table.setItem(row, COL_POINTS, count)
            self.mapping_table.setCellWidget(row, COL_TARGET, self._target_combo(template, target))
        self.mapping_table.show()
        self.summary_label.show()
        self._update_summary()

    def _target_combo(self, template: Template, target: Target) -> QComboBox:
        combo = QComboBox(self.mapping_table)
        combo.setObjectName("mappingTarget")
        for index, dimension in enumerate(template.dimensions):
            combo.addItem(dimension.short_name, index)
            combo.setItemData(index, dimension.heading, Qt.ItemDataRole.ToolTipRole)
        combo.addItem(self.tr("kept as an extra aspect"), KEEP)
        combo.addItem(self.tr("moved into “{name}”").format(name=OTHER_NAME), OTHER)
        combo.setCurrentIndex(combo.findData(target))
        combo.currentIndexChanged.connect(self._update_summary)
        return combo

    def _update_summary(self, *_args) -> None:
        """What the draft's problems section will hold, so an empty aspect is no surprise."""
        template = self._current_template()
        mapping = self.mapping()
        if template is None or mapping is None:
            return
        old = self._old_dimensions()
        filled = {t for t, dim in zip(mapping, old, strict=True) if dim.points or dim.intro}
        empty = [d.short_name for i, d in enumerate(template.dimensions) if i not in filled]
        count = len(template.dimensions) + mapping.count(KEEP) + (OTHER in filled)
        text = self.tr("The draft will have {count} aspects.").format(count=count)
        if empty:
            text += "\n" + self.tr("Without points yet (to write): {names}.").format(
                names="、".join(empty)
            )
        self.summary_label.setText(text)
