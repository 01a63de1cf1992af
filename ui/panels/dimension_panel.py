"""Dimension panel — 维度 （一）: official heading, short name, run-in frame, intro, and the
paragraph shape the export keeps (heading on its own line, points apart, numbered or not)."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QWidget

from app.model import Dimension
from ui.panels.common import NodePanel, PaperLineEdit, PaperTextEdit, tr


class DimensionPanel(NodePanel):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(tr("Dimension"), parent)
        self.heading_edit = self.bind_text(PaperTextEdit(4, self), "heading")
        self.heading_edit.setObjectName("dimensionHeadingEdit")
        self.short_name_edit = self.bind_line(PaperLineEdit(self), "short_name")
        self.short_name_edit.setObjectName("dimensionShortNameEdit")
        self.prefix_edit = self.bind_line(PaperLineEdit(self), "heading_prefix")
        self.prefix_edit.setObjectName("dimensionPrefixEdit")
        self.suffix_edit = self.bind_line(PaperLineEdit(self), "heading_suffix")
        self.suffix_edit.setObjectName("dimensionSuffixEdit")
        self.prefix_edit.setToolTip(tr("Words before the heading in running text, e.g. 在“"))
        self.suffix_edit.setToolTip(tr("Words after the heading in running text, e.g. ”方面："))
        frame = QHBoxLayout()
        frame.addWidget(self.prefix_edit)
        frame.addWidget(self.suffix_edit)
        self.intro_edit = self.bind_text(PaperTextEdit(4, self), "intro", paragraphs=True)
        self.intro_edit.setObjectName("dimensionIntroEdit")
        self.form.addRow(tr("Heading"), self.heading_edit)
        self.form.addRow(tr("Short name"), self.short_name_edit)
        self.form.addRow(tr("Frame"), frame)
        self.form.addRow(tr("Intro"), self.intro_edit)
        self.alone_check = self._flag(
            "dimensionHeadingAloneCheck", tr("Heading on its own line"), "heading_alone"
        )
        self.apart_check = self._flag(
            "dimensionPointsApartCheck", tr("Each point its own paragraph"), "points_apart"
        )
        self.numbered_check = self._flag(
            "dimensionNumberedCheck", tr("Numbered （一）"), "numbered"
        )
        shape = QHBoxLayout()
        for check in (self.alone_check, self.apart_check, self.numbered_check):
            shape.addWidget(check)
        self.form.addRow(tr("Layout"), shape)

    def _flag(self, name: str, label: str, field: str) -> QCheckBox:
        check = QCheckBox(label, self)
        check.setObjectName(name)
        self.declare(field)
        check.toggled.connect(lambda on: self._emit(field, on))
        return check

    def _fill(self, dim: Dimension, context) -> None:
        self.heading_label.setText(context.number_label)
        self.set_text(self.heading_edit, dim.heading)
        self.set_text(self.short_name_edit, dim.short_name)
        self.set_text(self.prefix_edit, dim.heading_prefix)
        self.set_text(self.suffix_edit, dim.heading_suffix)
        self.set_text(self.intro_edit, "\n".join(dim.intro))
        self.alone_check.setChecked(dim.heading_alone)
        self.apart_check.setChecked(dim.points_apart)
        self.numbered_check.setChecked(dim.numbered)
