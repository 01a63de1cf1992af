"""Export of the open material to .txt / .md / .json (PDF and Word arrive with their exporters).

The save dialog remembers the last folder in QSettings (a preference, not content). Files are
written atomically (temp file, then replace) by ``app.exporters.files``, never onto the library
or its files, a device or (unless the user agrees) a read-only file (``ui.export_target``).
"""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QFileDialog

from app.exporters.title_breaks import one_line
from ui.commands import WRITE_ERRORS
from ui.export_target import export_force

LAST_FOLDER_KEY = "export/last_folder"
# Characters Windows and most file managers refuse in a file name.
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]')


def safe_file_name(title: str, suffix: str) -> str:
    stem = _UNSAFE.sub("_", title).strip(" .") or "material"
    return stem[:80] + suffix


class ExportMixin:
    def export_txt(self) -> Path | None:
        return self.export_as("txt")

    def export_md(self) -> Path | None:
        return self.export_as("md")

    def export_json(self) -> Path | None:
        return self.export_as("json")

    def _ask_save_path(self, caption: str, suggested: str, file_filter: str) -> str | None:
        """The 另存为 dialog; tests replace this method."""
        path, _selected = QFileDialog.getSaveFileName(self, caption, suggested, file_filter)
        return path or None

    def export_as(self, fmt: str) -> Path | None:
        if self.material_id is None or not self.flush_pending():
            return None
        filters = {
            "txt": self.tr("Text (*.txt)"),
            "md": self.tr("Markdown (*.md)"),
            "json": self.tr("Duizhao JSON (*.json)"),
        }
        store = QSettings("duizhao", "duizhao")
        folder = store.value(LAST_FOLDER_KEY, str(Path.home()))
        suggested = str(Path(folder) / safe_file_name(one_line(self.material.title), f".{fmt}"))
        chosen = self._ask_save_path(self.tr("Export"), suggested, filters[fmt])
        if not chosen:
            return None
        path = Path(chosen)
        if path.suffix.lower() != f".{fmt}":
            path = path.with_name(path.name + f".{fmt}")
        force = export_force(self, path, self.show_write_error)
        if force is None:
            return None
        try:
            text = self._export_text(fmt)
            from app.exporters.files import write_text_atomic

            written = write_text_atomic(path, text, force=force)
        except WRITE_ERRORS as exc:
            self.show_write_error(exc)
            return None
        store.setValue(LAST_FOLDER_KEY, str(written.parent))
        self.statusBar().showMessage(self.tr("Exported to %1").replace("%1", str(written)), 8000)
        return written

    def _export_text(self, fmt: str) -> str:
        material = self.library.get_material(self.material_id)
        if fmt == "json":
            from app.serialize import material_to_json

            return material_to_json(material)
        from app.exporters import text

        return text.export_md(material) if fmt == "md" else text.export_txt(material)
