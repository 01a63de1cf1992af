"""Section panel — 一级部分 (一、存在的主要问题 …): heading and intro paragraphs."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from app.model import Section
from ui.panels.common import NodePanel, PaperLineEdit, PaperTextEdit, tr


class SectionPanel(NodePanel):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(tr("Section"), parent)
        self.heading_edit = self.bind_line(PaperLineEdit(self), "heading")
        self.heading_edit.setObjectName("sectionHeadingEdit")
        self.intro_edit = self.bind_text(PaperTextEdit(8, self), "intro", paragraphs=True)
        self.intro_edit.setObjectName("sectionIntroEdit")
        self.intro_edit.setPlaceholderText(tr("Optional paragraphs before the first item"))
        self.form.addRow(tr("Heading"), self.heading_edit)
        self.form.addRow(tr("Intro"), self.intro_edit)

    def _fill(self, section: Section, context) -> None:
        self.heading_label.setText(context.number_label)
        self.set_text(self.heading_edit, section.heading)
        self.set_text(self.intro_edit, "\n".join(section.intro))
