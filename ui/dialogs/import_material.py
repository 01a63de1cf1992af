"""导入: read a file into a Material, show what was recognised, add it only when confirmed.

``read_material_file`` picks the importer by extension; ``ImportDialog`` shows the counts, the
suggested template (with a combo to pick another) and, highlighted, whatever the importer could
not classify, so nothing lands in the library unseen.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtGui import QBrush, QColor
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
from app.model import Material
from app.templates import Template, load_templates
from ui.dialogs.common import template_heading

TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text", ""}
HIGHLIGHT = QColor("#fff3c4")  # pale amber: "look at this", not an error red


@dataclass
class ImportSummary:
    """What the dialog shows; built from the importer's report, or from the material alone."""

    template_id: str = ""
    template_score: float | None = None
    unclassified: list[str] = field(default_factory=list)
    dropped_furniture: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    links: list = field(default_factory=list)  # problem ↔ measure pairs from a JSON file


def _as_lines(value) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value] if value else []
    if isinstance(value, int):
        return []
    return [str(v) for v in value]


def summary_from_report(report, material: Material) -> ImportSummary:
    if report is None:
        return ImportSummary(template_id=material.template_id)
    return ImportSummary(
        template_id=getattr(report, "template_id", "") or material.template_id,
        template_score=getattr(report, "template_score", None),
        unclassified=_as_lines(getattr(report, "unclassified", None)),
        dropped_furniture=_as_lines(getattr(report, "dropped_furniture", None)),
        warnings=_as_lines(getattr(report, "warnings", None)),
    )


def read_material_file(path: str | Path) -> tuple[Material, ImportSummary]:
    """Run the importer for ``path``. Raises InputError (zh + en) for anything unreadable."""
    path = Path(path)
    suffix = path.suffix.lower()
    if not path.is_file():
        raise InputError(f"找不到文件：{path}", f"no such file: {path}")
    if suffix == ".doc":
        raise InputError(
            f"不支持旧版 Word 文件（.doc）：{path.name}。请在 Word/WPS 中另存为 .docx 后再导入。",
            f"legacy Word .doc is not supported: {path.name}; please save it as .docx",
        )
    if suffix == ".docx":
        try:
            from app.importers.docx import import_docx_file
        except ImportError:
            raise InputError(
                f"Word（.docx）导入功能将在后续版本提供：{path.name}。目前请另存为 .txt 后导入。",
                f"Word import arrives in a later version: {path.name}; save it as .txt for now",
            ) from None
        material, report = import_docx_file(path)
        return material, summary_from_report(report, material)
    if suffix == ".json":
        from app.serialize import material_from_json

        try:
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError(f"无法读取文件：{path.name}", f"cannot read {path.name}: {exc}") from exc
        material, links = material_from_json(text)
        summary = summary_from_report(None, material)
        summary.links = links
        return material, summary
    if suffix not in TEXT_SUFFIXES:
        raise InputError(
            f"不支持的文件类型：{path.name}（可导入 .txt、.md、.docx、.json）",
            f"unsupported file type: {path.name} (.txt, .md, .docx, .json)",
        )
    from app.importers.text import import_text_file

    material, report = import_text_file(path)
    return material, summary_from_report(report, material)


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
        summary: ImportSummary,
        source_name: str = "",
        parent: QWidget | None = None,
        templates: tuple[Template, ...] | None = None,
    ):
        super().__init__(parent)
        self.setObjectName("importDialog")
        self.setWindowTitle(self.tr("Import material"))
        self.resize(680, 560)
        self._material = material
        self._summary = summary
        self._templates = templates if templates is not None else load_templates()
        counts = material_counts(material)
        self._counts = counts

        source = QLabel(self.tr("File: {name}").format(name=source_name), self)
        self.title_edit = QLineEdit(material.title, self)
        self.title_edit.setObjectName("importTitleEdit")
        self.organization_edit = QLineEdit(material.organization, self)
        self.organization_edit.setObjectName("importOrganizationEdit")

        self.counts_label = QLabel(self)
        self.counts_label.setObjectName("importCounts")
        self.counts_label.setWordWrap(True)
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

        self.template_combo = QComboBox(self)
        self.template_combo.setObjectName("templateCombo")
        for template in self._templates:
            label = template_heading(template)
            if template.id == summary.template_id and summary.template_score is not None:
                label = self.tr("{name} (suggested, {score}% match)").format(
                    name=label, score=round(100 * summary.template_score))
            elif template.id == summary.template_id:
                label = self.tr("{name} (suggested)").format(name=label)
            self.template_combo.addItem(label, template.id)
        suggested = self.template_combo.findData(summary.template_id or material.template_id)
        self.template_combo.setCurrentIndex(max(suggested, 0))

        form = QFormLayout()
        form.addRow(self.tr("Title"), self.title_edit)
        form.addRow(self.tr("Organization"), self.organization_edit)
        form.addRow(self.tr("Template"), self.template_combo)

        self.attention_list = QListWidget(self)
        self.attention_list.setObjectName("unclassifiedList")
        self.attention_list.setWordWrap(True)
        for line in self._attention_lines():
            item = QListWidgetItem(line)
            item.setBackground(QBrush(HIGHLIGHT))
            self.attention_list.addItem(item)
        for line in summary.warnings:
            self.attention_list.addItem(QListWidgetItem(self.tr("Note: {text}").format(text=line)))
        attention_title = QLabel(
            self.tr("Please check (not classified or left out):")
            if self.attention_list.count()
            else self.tr("Everything was classified.")
        )

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Add to library"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons

        layout = QVBoxLayout(self)
        layout.addWidget(source)
        layout.addLayout(form)
        layout.addWidget(self.counts_label)
        layout.addWidget(attention_title)
        layout.addWidget(self.attention_list, 1)
        layout.addWidget(buttons)
        self.attention_list.setVisible(self.attention_list.count() > 0)

    def _attention_lines(self) -> list[str]:
        lines = [self.tr("Not classified: {text}").format(text=t) for t in self._summary.unclassified]
        lines += [
            self.tr("Section kept as “other”: {heading}").format(heading=s.heading or "—")
            for s in self._material.sections
            if s.kind == "other"
        ]
        lines += [
            self.tr("Left out as page furniture: {text}").format(text=t)
            for t in self._summary.dropped_furniture
        ]
        return lines

    def counts(self) -> dict[str, int]:
        return dict(self._counts)

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
