"""The dialog shown when the library file is refused as corrupt or as not a Duizhao library.

Nothing here writes the refused file until the user chooses: the newest good backup is found by
reading the backups only; "restore" goes through ``Library.restore_backup``, which keeps the
refused file as a ``before-restore`` backup first; the rescue reads a private copy
(``app.library.rescue``) and writes JSON files into a new folder the user picked.
"""

from __future__ import annotations

import logging
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.errors import CorruptLibraryError, InputError, LibraryError
from app.library import Library, RescueReport, is_foreign_file, newest_good_backup, rescue_library
from ui.dialogs.common import english_shown, error_text

CORRUPT = "corrupt"
NOT_A_LIBRARY = "not-a-library"  # not SQLite, or another program's database
OTHER = "other"  # newer schema, unreadable, read-only …: explained, nothing offered
CHOICE_BACKUP, CHOICE_RESCUE, CHOICE_QUIT = "backup", "rescue", "quit"
_log = logging.getLogger("duizhao.ui")


def _tr(text: str) -> str:
    return QCoreApplication.translate("Recovery", text)


def _both(zh: str, en: str) -> str:
    """An error's text for a note: Chinese, and its English only outside the Chinese UI."""
    return f"{zh} {en}".strip() if english_shown() else zh


def diagnose(path: Path, exc: LibraryError) -> str:
    """CORRUPT, NOT_A_LIBRARY or OTHER, from the error and the file header (read only)."""
    if isinstance(exc, CorruptLibraryError):
        return CORRUPT
    return NOT_A_LIBRARY if is_foreign_file(path) else OTHER


class RecoveryDialog(QDialog):
    """Explains why the library was refused and offers: newest good backup, rescue, quit.
    ``choice`` holds the user's answer after the dialog closed."""

    def __init__(
        self,
        path: Path,
        exc: LibraryError,
        problem: str,
        backup: Path | None,
        parent: QWidget | None = None,
        note: str = "",
    ):
        super().__init__(parent)
        self.setObjectName("recoveryDialog")
        self.setWindowTitle(_tr("The library cannot be opened"))
        self.choice = CHOICE_QUIT
        zh, en = error_text(exc)
        what = (
            _tr("The library file is damaged.")
            if problem == CORRUPT
            else _tr("This file is not a Duizhao library.")
        )
        en = en if english_shown() else ""  # the Chinese interface reads Chinese only
        self.message = QLabel("\n".join(x for x in (what, zh, en) if x), self)
        self.message.setObjectName("recoveryMessage")
        self.message.setWordWrap(True)
        safe = QLabel(_tr("The file has not been changed. Choose what to do:"), self)
        safe.setWordWrap(True)
        self.note = QLabel(note, self)
        self.note.setObjectName("recoveryNote")
        self.note.setWordWrap(True)
        self.note.setVisible(bool(note))

        self.backup_button = QPushButton(self)
        self.backup_button.setObjectName("recoverBackupButton")
        if backup is not None:
            self.backup_button.setText(
                _tr("Open the newest good backup (%1)").replace("%1", backup.name)
            )
            self.backup_button.setToolTip(_tr("The damaged file is kept as a backup first."))
        else:
            self.backup_button.setText(_tr("No good backup found"))
            self.backup_button.setEnabled(False)
        self.rescue_button = QPushButton(_tr("Rescue readable materials to a folder…"), self)
        self.rescue_button.setObjectName("recoverRescueButton")
        self.rescue_button.setToolTip(
            _tr(
                "Reads a copy of the file and saves each material it "
                "can read as a JSON file you can import again."
            )
        )
        self.rescue_button.setVisible(problem == CORRUPT)  # nothing of ours to read otherwise
        self.quit_button = QPushButton(_tr("Quit"), self)
        self.quit_button.setObjectName("recoverQuitButton")

        buttons = QHBoxLayout()
        for button in (self.backup_button, self.rescue_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.quit_button)
        layout = QVBoxLayout(self)
        for widget in (self.message, safe, self.note):
            layout.addWidget(widget)
        layout.addLayout(buttons)

        self.backup_button.clicked.connect(self._choose_backup)
        self.rescue_button.clicked.connect(self._choose_rescue)
        self.quit_button.clicked.connect(self.reject)
        (self.backup_button if backup is not None else self.quit_button).setDefault(True)

    def _choose_backup(self) -> None:
        self.choice = CHOICE_BACKUP
        self.accept()

    def _choose_rescue(self) -> None:
        self.choice = CHOICE_RESCUE
        self.accept()


def run_recovery_dialog(dialog: RecoveryDialog) -> str:
    """Shows the dialog modally and returns the choice. Tests replace this."""
    dialog.exec()
    return dialog.choice


def ask_rescue_folder(parent: QWidget | None, start: Path) -> Path | None:
    """The folder to write the rescued materials into. Tests replace this."""
    folder = QFileDialog.getExistingDirectory(
        parent, _tr("Choose a folder for the rescued materials"), str(start)
    )
    return Path(folder) if folder else None


def rescue_text(report: RescueReport, folder: Path) -> str:
    text = (
        _tr("Rescued %1 materials as JSON into %2.")
        .replace("%1", str(len(report.written)))
        .replace("%2", str(folder))
    )
    if report.from_snapshot:
        text += " " + _tr("%1 of them from their newest saved version.").replace(
            "%1", str(len(report.from_snapshot))
        )
    if report.failed:
        text += " " + _tr("%1 could not be read.").replace("%1", str(len(report.failed)))
    return text


def rescue_into(path: Path, parent: QWidget | None) -> str:
    """Ask for a folder and rescue into a new subfolder of it; returns what to tell the user."""
    chosen = ask_rescue_folder(parent, path.parent)
    if chosen is None:
        return ""
    folder = chosen / f"{path.stem}-rescued-{datetime.now():%Y%m%d-%H%M%S}"
    try:
        report = rescue_library(path, folder)
    except (LibraryError, InputError) as exc:
        zh, en = error_text(exc)
        return _tr("Rescue failed: %1").replace("%1", _both(zh, en))
    _log.info("rescued %d materials, %d failed", len(report.written), len(report.failed))
    return rescue_text(report, folder)


def recover(
    path: Path, exc: LibraryError, problem: str, parent: QWidget | None = None
) -> Library | None:
    """Ask until the user restores a backup (the opened library is returned) or quits (None)."""
    note = ""
    while True:
        backup = newest_good_backup(path)
        dialog = RecoveryDialog(path, exc, problem, backup, parent, note)
        try:
            choice = run_recovery_dialog(dialog)
        finally:
            dialog.deleteLater()
        if choice == CHOICE_BACKUP and backup is not None:
            try:
                Library.restore_backup(backup, path)
                return Library.open(path, auto_backup=False)  # the restore kept a copy already
            except LibraryError as failure:
                zh, en = error_text(failure)
                note = _tr("Restoring the backup failed: %1").replace("%1", _both(zh, en))
                continue
        if choice == CHOICE_RESCUE:
            note = rescue_into(path, parent)
            continue
        return None
