"""The check every save dialog's answer goes through before an export starts (导出 txt/md/json,
PDF, Word): ``app.target_guard`` refuses the library and its files, devices, FIFOs and
folders — said in Chinese — and a write-protected file is replaced only when the user agrees.

The exporters check again when they write; asking here means the user hears about it before
any rendering, and can answer the read-only question (the worker thread cannot ask).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from app.errors import InputError
from app.target_guard import ReadOnlyTargetError, check_target


def _tr(text: str) -> str:
    return QCoreApplication.translate("ExportTarget", text)


def export_force(
    parent: QWidget | None, path: Path, report: Callable[[InputError], None]
) -> bool | None:
    """None when nothing may be written to ``path`` (``report`` told the user why, the way the
    caller reports a failed export, or the user declined to replace a read-only file); else the
    ``force`` flag for the exporter."""
    try:
        check_target(path)
    except ReadOnlyTargetError:
        return True if confirm_replace_read_only(parent, path) else None
    except InputError as exc:
        report(exc)
        return None
    return False


def confirm_replace_read_only(parent: QWidget | None, path: Path) -> bool:
    """Ask before replacing a write-protected file. Tests replace this."""
    answer = QMessageBox.question(
        parent,
        _tr("Replace a read-only file?"),
        _tr("%1 is read-only (write-protected). Replace it anyway?").replace("%1", str(path)),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes
