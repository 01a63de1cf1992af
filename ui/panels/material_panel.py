"""Material panel — 材料信息: title, organization, year, meeting, 班子/个人, author, 职务, rank in a
汇编, date, template, point numbering style, preamble."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QComboBox, QSpinBox, QWidget

from app.model import Material
from app.serialize import MAX_RANK
from app.templates import load_templates
from ui.panels.common import NodePanel, PaperLineEdit, PaperTextEdit, tr
from ui.panels.title_edit import TitleEdit

NO_YEAR = 0  # the spin box's special value: 年度 not set
NO_RANK = 0  # rank not set: after the ranked members in a 汇编


class MaterialPanel(NodePanel):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(tr("Material"), parent)
        self.title_edit = self.bind_text(TitleEdit(self), "title")  # Enter breaks the title
        self.title_edit.setObjectName("titleEdit")
        self.organization_edit = self.bind_line(PaperLineEdit(self), "organization")
        self.organization_edit.setObjectName("organizationEdit")
        self.year_spin = QSpinBox(self)
        self.year_spin.setObjectName("yearSpin")
        self.year_spin.setRange(NO_YEAR, 2999)
        self.year_spin.setSpecialValueText(tr("(none)"))
        self.year_spin.valueChanged.connect(self._year_changed)
        self.declare("year")
        self.meeting_edit = self.bind_line(PaperLineEdit(self), "meeting")
        self.meeting_edit.setObjectName("meetingEdit")
        self.scope_combo = QComboBox(self)
        self.scope_combo.setObjectName("scopeCombo")
        self.declare("scope")
        self.scope_combo.addItem(tr("Leadership group (班子)"), "group")
        self.scope_combo.addItem(tr("Individual member"), "individual")
        self.scope_combo.activated.connect(self._scope_chosen)
        self.author_edit = self.bind_line(PaperLineEdit(self), "author")
        self.author_edit.setObjectName("authorEdit")
        self.job_title_edit = self.bind_line(PaperLineEdit(self), "job_title")
        self.job_title_edit.setObjectName("jobTitleEdit")
        self.job_title_edit.setPlaceholderText(tr("e.g. 县委副书记"))
        # The member's place in a 汇编 (the 班子 material always comes first).
        self.rank_spin = QSpinBox(self)
        self.rank_spin.setObjectName("rankSpin")
        self.rank_spin.setRange(NO_RANK, MAX_RANK)
        self.rank_spin.setSpecialValueText(tr("(not set)"))
        self.rank_spin.setToolTip(tr("Order in a compilation: 1 comes first, after the group"))
        self.rank_spin.valueChanged.connect(self._rank_changed)
        self.declare("rank")
        self.date_edit = self.bind_line(PaperLineEdit(self), "date")
        self.date_edit.setObjectName("dateEdit")
        self.template_combo = QComboBox(self)
        self.template_combo.setObjectName("templateCombo")
        self.template_combo.activated.connect(self._template_chosen)
        self.declare("template_id")
        # How points are numbered in every export (the imported writer's style, or chosen here).
        self.point_style_combo = QComboBox(self)
        self.point_style_combo.setObjectName("pointStyleCombo")
        self.declare("point_style")
        for label, style in (
            (tr("Chinese ordinals: 一是, 二是 …"), "shi"),
            (tr("Numbers: 1. 2. …"), "arabic"),
            (tr("Numbers in brackets: （1）（2）…"), "paren"),
            (tr("Circled numbers: ①②…"), "circled"),
            (tr("Ordinals: 第一，第二，…"), "di"),
        ):
            self.point_style_combo.addItem(label, style)
        self.point_style_combo.activated.connect(self._point_style_chosen)
        self.preamble_edit = self.bind_text(PaperTextEdit(8, self), "preamble", paragraphs=True)
        self.preamble_edit.setObjectName("preambleEdit")
        self.preamble_edit.setPlaceholderText(tr("按照…要求，… 现将有关情况对照检查如下："))
        self.form.addRow(tr("Title"), self.title_edit)
        self.form.addRow(tr("Organization"), self.organization_edit)
        self.form.addRow(tr("Year"), self.year_spin)
        self.form.addRow(tr("Meeting"), self.meeting_edit)
        self.form.addRow(tr("Scope"), self.scope_combo)
        self.form.addRow(tr("Author"), self.author_edit)
        self.form.addRow(tr("Job title"), self.job_title_edit)
        self.form.addRow(tr("Rank"), self.rank_spin)
        self.form.addRow(tr("Date"), self.date_edit)
        self.form.addRow(tr("Template"), self.template_combo)
        self.form.addRow(tr("Point numbering"), self.point_style_combo)
        self.form.addRow(tr("Preamble"), self.preamble_edit)

    def _fill(self, material: Material, context) -> None:
        self.set_text(self.title_edit, material.title)
        self.set_text(self.organization_edit, material.organization)
        self.year_spin.setValue(material.year or NO_YEAR)
        self.set_text(self.meeting_edit, material.meeting)
        self.scope_combo.setCurrentIndex(max(self.scope_combo.findData(material.scope), 0))
        self.set_text(self.author_edit, material.author)
        self.set_text(self.job_title_edit, material.job_title)
        self.rank_spin.setValue(material.rank)
        self.set_text(self.date_edit, material.date)
        # Listed afresh each time: a template the user saved meanwhile is offered too.
        self.template_combo.clear()
        for template in load_templates():
            self.template_combo.addItem(template.name, template.id)
        self._hint_date(material.year)
        index = self.template_combo.findData(material.template_id)
        if index < 0:  # a template this build does not ship: show its id, keep it selectable
            self.template_combo.addItem(material.template_id, material.template_id)
            index = self.template_combo.count() - 1
        self.template_combo.setCurrentIndex(index)
        self.point_style_combo.setCurrentIndex(
            max(self.point_style_combo.findData(material.point_style), 0)
        )
        self.set_text(self.preamble_edit, "\n".join(material.preamble))

    def _year_changed(self, value: int) -> None:
        self._hint_date(value)
        self._emit("year", None if value == NO_YEAR else value)

    def _hint_date(self, year: int | None) -> None:
        # The example date in the material's own year (a 2025 material was hinted 2022年1月20日).
        year = year or dt.date.today().year
        self.date_edit.setPlaceholderText(tr("e.g. %1年12月28日").replace("%1", str(year)))

    def _template_chosen(self, index: int) -> None:
        self._emit("template_id", self.template_combo.itemData(index))

    def _point_style_chosen(self, index: int) -> None:
        self._emit("point_style", self.point_style_combo.itemData(index))

    def _scope_chosen(self, index: int) -> None:
        self._emit("scope", self.scope_combo.itemData(index))

    def _rank_changed(self, value: int) -> None:
        self._emit("rank", value)
