"""Where an import comes from: the file the user picked, read by the right importer.

``read_material_file`` picks the importer by extension; ``ImportSource`` also gives the source
paragraphs for the preview and re-reads with another template; ``prepare_import_source`` offers
to convert an old .doc/.wps through LibreOffice when it is installed.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from app.errors import InputError
from app.importers.legacy import (
    LEGACY_SUFFIXES,
    convert_with_soffice,
    is_legacy_word_file,
    soffice_path,
)
from app.model import Material
from app.target_guard import describe_input

TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text", ""}


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


def read_material_file(path: str | Path, *, template_id: str | None = None, keep: list[str] | None = None
                       ) -> tuple[Material, ImportSummary]:
    """Run the importer for ``path``. Raises InputError (zh + en) for anything unreadable.

    ``template_id`` re-runs the classification against that template (短名 follow it); it is
    ignored for a .json file, which carries its own. ``keep``: lines a previous run set aside
    that the user brought back.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    problem = describe_input(path)  # missing, a link loop, a FIFO, a device, a folder
    if problem is not None:
        raise problem
    if suffix in LEGACY_SUFFIXES:
        raise InputError(
            f"不支持旧版 Word/WPS 文件（{suffix}）：{path.name}。请在 Word/WPS 中另存为 .docx 后再导入。",
            f"legacy Word/WPS {suffix} is not supported: {path.name}; please save it as .docx",
        )
    if suffix == ".docx":
        from app.importers.docx import import_docx_file

        material, report = import_docx_file(path, template_id=template_id, keep=keep)
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

    material, report = import_text_file(path, template_id=template_id, keep=keep)
    return material, summary_from_report(report, material)


@dataclass
class ImportSource:
    """The file the user picked and the file the importers read (a converted .docx for a .doc)."""

    path: Path
    name: str
    temp_dir: tempfile.TemporaryDirectory | None = None

    def read(self, template_id: str | None = None, keep: list[str] | None = None
             ) -> tuple[Material, ImportSummary]:
        return read_material_file(self.path, template_id=template_id, keep=keep)

    def paragraphs(self, material: Material) -> list[str]:
        """The source as the importer read it, one paragraph per entry ([] if unreadable)."""
        try:
            return source_paragraphs(self.path, material)
        except Exception:  # noqa: BLE001 — the preview pane is a help, never a reason to fail
            return []

    def cleanup(self) -> None:
        if self.temp_dir is not None:
            self.temp_dir.cleanup()
            self.temp_dir = None


def source_paragraphs(path: Path, material: Material) -> list[str]:
    """Paragraphs as read: the text reader's joined lines, or the Word reader's paragraphs.

    A .json file has no source text: its material rendered as text stands in.
    """
    suffix = path.suffix.lower()
    if suffix == ".docx":
        return _docx_paragraphs(path)
    if suffix == ".json":
        from app.exporters.text import export_txt

        return export_txt(material).splitlines()
    from app.importers.encoding import MAX_TEXT_BYTES, decode_bytes
    from app.importers.text import text_to_paragraphs

    with path.open("rb") as handle:
        data = handle.read(MAX_TEXT_BYTES)
    return text_to_paragraphs(decode_bytes(data).text)[0]


def _docx_paragraphs(path: Path) -> list[str]:
    from app.importers.docx import read_docx_paragraphs

    return read_docx_paragraphs(path).paragraphs


def ask_convert_legacy(parent: QWidget | None, name: str) -> bool:
    """用 LibreOffice 转换为 .docx 后导入？ Tests replace this function."""
    answer = QMessageBox.question(
        parent,
        QCoreApplication.translate("ImportMaterial", "Import material"),
        QCoreApplication.translate(
            "ImportMaterial", "{name} is an old Word/WPS file. Convert it to .docx with "
            "LibreOffice and import it?").format(name=name),
    )
    return answer == QMessageBox.StandardButton.Yes


def prepare_import_source(path: str | Path, parent: QWidget | None = None) -> ImportSource | None:
    """The source to import; a real .doc/.wps is converted through LibreOffice when it is
    installed and the user agrees (None when they decline). Raises InputError otherwise."""
    path = Path(path)
    if (path.suffix.lower() not in LEGACY_SUFFIXES or not is_legacy_word_file(path)
            or soffice_path() is None):
        return ImportSource(path, path.name)  # the importer explains what is wrong, if anything
    if not ask_convert_legacy(parent, path.name):
        return None
    temp_dir = tempfile.TemporaryDirectory(prefix="duizhao-convert-")
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        converted = convert_with_soffice(path, temp_dir.name)
    except BaseException:
        temp_dir.cleanup()
        raise
    finally:
        QApplication.restoreOverrideCursor()
    return ImportSource(converted, path.name, temp_dir)
