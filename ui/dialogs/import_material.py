"""导入: read a file into a Material, show what was recognised, add it only when confirmed.

``ImportSource`` (in ``import_source``) reads the file through ``app.importers.read_file`` off
the GUI thread; ``ImportDialog`` shows the recognised tree next to the source text, the counts,
the suggested template (with a combo that re-runs the import against another) and, highlighted,
whatever the importer could not classify, so nothing lands in the library unseen.
"""

from __future__ import annotations

from PySide6.QtGui import QBrush
from PySide6.QtWidgets import (
    QComboBox,
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

from app.errors import InputError
from app.importers import ImportReport
from app.model import Material
from app.templates import Template, load_templates
from ui.dialogs.common import template_heading
from ui.dialogs.import_preview import HIGHLIGHT, ImportPreview, SetAsideList
from ui.dialogs.import_source import (  # noqa: F401 — re-exported: the import API lives here
    ImportSource,
    prepare_import_source,
)


def material_counts(material: Material) -> dict[str, int]:
    """Counts a user checks against the source: problems-section dimensions, points, examples."""
    problems = material.section("problems")
    problem_points = problems.all_points() if problems else []
    causes = material.section("causes")
    measures = material.section("measures")
    return {
        "dimensions": len(problems.dimensions) if problems else 0,
        "problem_points": len(problem_points),
        "examples": sum(1 for p in problem_points if p.example),
        "causes": len(causes.all_points()) if causes else 0,
        "measures": len(measures.all_points()) if measures else 0,
        "other_sections": sum(1 for s in material.sections if s.kind == "other"),
    }


class ImportDialog(QDialog):
    """Shows the recognition summary; ``result()`` is the material to store (or None)."""

    def __init__(
        self,
        material: Material,
        summary: ImportReport,
        source_name: str = "",
        parent: QWidget | None = None,
        templates: tuple[Template, ...] | None = None,
        source: ImportSource | None = None,
    ):
        super().__init__(parent)
        self.setObjectName("importDialog")
        self.setWindowTitle(self.tr("Import material"))
        self.resize(1100, 720)
        self._material = material
        self._summary = summary
        self._source = source
        if source is not None:
            source.parent = self  # a re-read's progress dialog sits over this one
        self._suggested_id = summary.template_id or material.template_id
        self._templates = templates if templates is not None else load_templates()

        file_label = QLabel(self.tr("File: {name}").format(name=source_name), self)
        self.title_edit = QLineEdit(material.title, self)
        self.title_edit.setObjectName("importTitleEdit")
        self.organization_edit = QLineEdit(material.organization, self)
        self.organization_edit.setObjectName("importOrganizationEdit")

        self.counts_label = QLabel(self)
        self.counts_label.setObjectName("importCounts")
        self.counts_label.setWordWrap(True)
        self.template_combo = QComboBox(self)
        self.template_combo.setObjectName("templateCombo")
        for template in self._templates:
            label = template_heading(template)
            if template.id == summary.template_id and summary.template_score is not None:
                label = self.tr("{name} (suggested, {score}% match)").format(
                    name=label, score=round(100 * summary.template_score)
                )
            elif template.id == summary.template_id:
                label = self.tr("{name} (suggested)").format(name=label)
            self.template_combo.addItem(label, template.id)
        suggested = self.template_combo.findData(self._suggested_id)
        self.template_combo.setCurrentIndex(max(suggested, 0))
        self._shown_template = self.template_combo.currentData()  # the one the tree was read with
        self.template_combo.currentIndexChanged.connect(self._template_chosen)
        self.problem_label = QLabel(self)
        self.problem_label.setObjectName("importProblem")
        self.problem_label.setStyleSheet("color: #c00000;")
        self.problem_label.setWordWrap(True)
        self.problem_label.hide()

        form = QFormLayout()
        form.addRow(self.tr("Title"), self.title_edit)
        form.addRow(self.tr("Organization"), self.organization_edit)
        form.addRow(self.tr("Template"), self.template_combo)

        self.attention_list = QListWidget(self)
        self.attention_list.setObjectName("unclassifiedList")
        self.attention_list.setWordWrap(True)
        self.attention_list.setMaximumHeight(140)
        self.attention_title = QLabel(self)
        self.preview = ImportPreview(self)
        self.set_aside = SetAsideList(self)
        self.set_aside.bring_back.connect(self._bring_back)
        self._kept: list[str] = []  # set-aside lines the user brought back

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Import"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons

        layout = QVBoxLayout(self)
        layout.addWidget(file_label)
        layout.addLayout(form)
        layout.addWidget(self.problem_label)
        layout.addWidget(self.counts_label)
        layout.addWidget(self.preview, 1)
        layout.addWidget(self.set_aside)
        layout.addWidget(self.attention_title)
        layout.addWidget(self.attention_list)
        layout.addWidget(buttons)
        self._show_result()

    def _show_result(self) -> None:
        """Counts, preview and the list of things to check, for the current material."""
        material, summary = self._material, self._summary
        self._counts = counts = material_counts(material)
        self.counts_label.setText(
            self.tr(
                "Recognised {dimensions} aspects with {points} problem points "
                "({examples} with an example), {causes} root causes and {measures} measures."
            ).format(
                dimensions=counts["dimensions"],
                points=counts["problem_points"],
                examples=counts["examples"],
                causes=counts["causes"],
                measures=counts["measures"],
            )
        )
        paragraphs = self._source.paragraphs(material) if self._source is not None else []
        self.preview.set_content(material, paragraphs, summary.unclassified)
        self.preview.source_view.setVisible(bool(paragraphs))
        self.set_aside.set_lines(summary.dropped_furniture)
        self.set_aside.button.setEnabled(self._source is not None)
        self.attention_list.clear()
        for line in self._attention_lines():
            item = QListWidgetItem(line)
            item.setBackground(QBrush(HIGHLIGHT))
            self.attention_list.addItem(item)
        for line in summary.warnings:
            self.attention_list.addItem(QListWidgetItem(self.tr("Note: {text}").format(text=line)))
        self.attention_title.setText(
            self.tr("Please check (not classified or left out):")
            if self.attention_list.count()
            else self.tr("Everything was classified.")
        )
        self.attention_list.setVisible(self.attention_list.count() > 0)

    def _template_chosen(self) -> None:
        """Re-run the import against the chosen template, so 短名 and sections follow it."""
        chosen = self.chosen_template_id()
        if self._source is None or not chosen or not self._summary.classified:
            self._shown_template = chosen
            return  # nothing to re-read: material() applies the template id alone
        try:
            outcome = self._source.read(template_id=chosen, keep=self._kept)
        except InputError as exc:
            self.problem_label.setText(exc.zh)
            self.problem_label.show()
            return
        if outcome is None:  # cancelled: the combo goes back to the template shown
            self.template_combo.blockSignals(True)
            self.template_combo.setCurrentIndex(self.template_combo.findData(self._shown_template))
            self.template_combo.blockSignals(False)
            return
        material, summary = outcome
        self.problem_label.hide()
        self._shown_template = chosen
        summary.template_id = chosen
        summary.template_score = None
        self._material, self._summary = material, summary
        self._show_result()

    def _bring_back(self, lines: list[str]) -> None:
        """Re-read the file keeping these set-aside lines as text (before the title they open
        the preamble: nothing can stand before a title)."""
        if self._source is None:
            return
        try:
            outcome = self._source.read(
                template_id=self.chosen_template_id(), keep=self._kept + lines
            )
        except InputError as exc:
            self.problem_label.setText(exc.zh)
            self.problem_label.show()
            return
        if outcome is None:  # cancelled: nothing comes back
            return
        material, summary = outcome
        self.problem_label.hide()
        self._kept += lines
        self._material, self._summary = material, summary
        self._show_result()

    def _attention_lines(self) -> list[str]:
        lines = [
            self.tr("Not classified: {text}").format(text=t) for t in self._summary.unclassified
        ]
        lines += [
            self.tr("Section kept as “other”: {heading}").format(heading=s.heading or "—")
            for s in self._material.sections
            if s.kind == "other"
        ]
        return lines

    def counts(self) -> dict[str, int]:
        return dict(self._counts)

    def summary(self) -> ImportReport:
        """The summary of the import shown now (after a template change, of the re-run)."""
        return self._summary

    def chosen_template_id(self) -> str:
        return self.template_combo.currentData()

    def material(self) -> Material:
        """The imported material with the user's title, organization and template applied."""
        material = self._material
        material.title = self.title_edit.text().strip() or material.title
        material.organization = self.organization_edit.text().strip()
        chosen = self.chosen_template_id()
        if chosen and chosen != material.template_id:
            template = next(t for t in self._templates if t.id == chosen)
            material.template_id = chosen
            if material.year is None:
                material.year = template.year
            if not material.meeting:
                material.meeting = template.meeting
        return material
