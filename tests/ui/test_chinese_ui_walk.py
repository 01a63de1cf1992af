"""No English or developer text in the Chinese interface (issue 16, item 3).

With the seed open and a point selected, the walk triggers every action of the window (menus,
toolbar, the library list's and the outline's own actions) and reads every dialog an action
opens — modal dialogs, message boxes, file dialogs, windows shown modelessly — then the menus
and the window itself. Any text with Latin letters outside a short allow-list (PDF, Word,
Ctrl+…) fails the test, with where it was found. Qt's own dialogs (file, print, progress) are
read too: their words come from Qt's translation, which the program must load.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtGui import QAction
from PySide6.QtPrintSupport import QPageSetupDialog, QPrintDialog, QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFileDialog,
    QInputDialog,
    QMessageBox,
    QProgressDialog,
    QWidget,
)

from tests.ui.latin_walk import content_words, latin_leaks, leaks_in
from ui.i18n import install_translators, remove_translators
from ui.tasks import TaskRunner

# Content that is not interface text: licence notices name libraries and licences as they are
# (GPL-3.0-or-later, GNU, Qt …); the input-method diagnosis shows environment variables.
# The crash box's details (behind 显示详细信息) are the error as Python reports it, for a report.
NOT_INTERFACE_TEXT = frozenset({"aboutNotices", "aboutInputMethod", "aboutLicence", "crashDetails"})
# Actions the walk does not trigger: Quit closes the window under test.
NOT_TRIGGERED = {"actionQuit"}
# Dialogs the walk must reach (more may be added: new dialogs are walked as soon as reached).
EXPECTED_DIALOGS = {
    "newMaterialDialog",
    "importDialog",
    "duplicateDialog",
    "trashDialog",
    "backupsDialog",
    "aboutDialog",
    "pdfExportDialog",
    "docxExportDialog",
    "findReplaceDialog",
    "QPrintDialog",
    "printPreviewDialog",
    "QFileDialog: 导入材料",
    "helpDialog",
    "compileDialog",
    "templateFromNoticeDialog",
    "userTemplatesDialog",
    "QFileDialog: 导出整改清单",
}


@pytest.fixture
def chinese(qapp):
    install_translators(qapp, "zh_CN")
    yield qapp
    remove_translators(qapp)


class DialogRecorder:
    """Stands in for the user in front of every dialog: reads it, then cancels it."""

    def __init__(self, seed_path, content: frozenset[str]):
        self.seed_path = seed_path
        self.content = content
        self.seen: list[str] = []
        self.leaks: list[str] = []

    def name_of(self, widget: QWidget) -> str:
        return widget.objectName() or type(widget).__name__

    def read(self, widget: QWidget, name: str | None = None) -> None:
        name = name or self.name_of(widget)
        self.seen.append(name)
        self.leaks += [
            f"{name} › {leak}" for leak in leaks_in(widget, NOT_INTERFACE_TEXT, self.content)
        ]

    def read_texts(self, name: str, *texts: str) -> None:
        self.seen.append(name)
        self.leaks += [
            f"{name} › {t!r}" for t in texts if isinstance(t, str) and latin_leaks(t, self.content)
        ]

    # ----- the stand-ins for exec() and the static dialogs ----------------------------------
    def exec_dialog(self, dialog: QDialog) -> int:
        dialog.show()  # laid out as the user would see it (lazy widgets created)
        QApplication.processEvents()
        self.read(dialog)
        dialog.hide()
        if isinstance(dialog, QMessageBox):
            return QMessageBox.StandardButton.Cancel
        return QDialog.DialogCode.Rejected

    def message(self, kind: str):
        def box(parent, title, text, *args, **kwargs):
            self.read_texts(f"QMessageBox.{kind}: {title}", title, text)
            return QMessageBox.StandardButton.No

        return staticmethod(box)

    def file_dialog(self, returns_seed: bool):
        def ask(parent=None, caption="", directory="", filter="", *args, **kwargs):
            self.read_texts(f"QFileDialog: {caption}", caption, filter)
            if returns_seed:
                return str(self.seed_path), filter
            return "", ""

        return staticmethod(ask)

    def directory_dialog(self, parent=None, caption="", *args, **kwargs):
        self.read_texts(f"QFileDialog: {caption}", caption)
        return ""

    def input_dialog(self, parent=None, title="", label="", *args, **kwargs):
        self.read_texts(f"QInputDialog: {title}", title, label)
        return "", False


def _install(monkeypatch, recorder: DialogRecorder) -> None:
    def exec_dialog(dialog, *_args):
        return recorder.exec_dialog(dialog)

    # QDialog and the subclasses that declare an exec() of their own
    for cls in (QDialog, QMessageBox, QPrintDialog, QPageSetupDialog):
        monkeypatch.setattr(cls, "exec", exec_dialog)
    for kind in ("information", "warning", "critical", "question"):
        monkeypatch.setattr(QMessageBox, kind, recorder.message(kind))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", recorder.file_dialog(True))
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", recorder.file_dialog(False))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", recorder.file_dialog(False))
    monkeypatch.setattr(
        QFileDialog, "getExistingDirectory", staticmethod(recorder.directory_dialog)
    )
    for name in ("getText", "getItem", "getMultiLineText"):
        monkeypatch.setattr(QInputDialog, name, staticmethod(recorder.input_dialog))


def _settle(qtbot, window) -> None:
    """Let background work (exports, print rendering) finish and show what it shows."""
    runners = window.findChildren(TaskRunner)
    qtbot.waitUntil(lambda: not any(r.busy() for r in runners), timeout=20_000)
    QApplication.processEvents()


def _back_to_the_seed(window, library, seed_id: int) -> None:
    """Every action starts from the same state: the seed open, its first point selected."""
    if seed_id not in {m.id for m in library.list_materials()}:  # an action trashed it
        entry = next(
            e for e in library.list_trash() if e.kind == "material" and e.material_id == seed_id
        )
        library.restore_from_trash(entry.id)
        window.library_view.refresh()
    if window.material_id != seed_id:
        window.open_material(seed_id)
    first_point = window.material.all_points()[0]
    window.select_node(first_point.id)
    window.library_view.select_material(seed_id)


def _walk_open_windows(recorder: DialogRecorder, window) -> None:
    """Windows an action showed without exec() (find and replace, …): read, then close."""
    for widget in QApplication.topLevelWidgets():
        if widget is not window and widget.isVisible() and widget.isWindow():
            recorder.read(widget)
            widget.close()


def test_every_dialog_and_menu_of_the_window_reads_in_chinese(
    chinese, qtbot, seeded_library, seed_path, monkeypatch, tmp_path
):
    from ui.main_window import MainWindow

    # the seed's own pinyin (dangshi, mzshh: the checks flag them) and names of files and folders
    content = content_words(seed_path.read_text(encoding="utf-8"), str(seed_path), str(tmp_path))
    recorder = DialogRecorder(seed_path, content)
    _install(monkeypatch, recorder)
    window = MainWindow(seeded_library)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    seed_id = seeded_library.seed_id
    _back_to_the_seed(window, seeded_library, seed_id)
    _settle(qtbot, window)

    triggered = []
    for action in window.findChildren(QAction):
        # an earlier action may have rebuilt a menu (the point panel's 关联到… list), deleting
        # the actions it held
        if not shiboken6.isValid(action):
            continue
        name = action.objectName()
        if not action.text() or name in NOT_TRIGGERED or action.menu() is not None:
            continue
        _back_to_the_seed(window, seeded_library, seed_id)
        if not shiboken6.isValid(action) or not action.isEnabled():
            continue
        label = name or action.text()
        action.trigger()
        triggered.append(label)
        _settle(qtbot, window)
        _walk_open_windows(recorder, window)
    _back_to_the_seed(window, seeded_library, seed_id)
    recorder.read(window, "MainWindow")  # menus, toolbar, docks, panels, status bar

    missing = EXPECTED_DIALOGS - set(recorder.seen)
    assert missing == set(), f"the walk did not reach {missing}"
    assert recorder.leaks == [], "\n".join(recorder.leaks)


def test_qt_own_dialogs_read_in_chinese(chinese, qtbot, tmp_path):
    """Qt's file, print, preview and progress dialogs as Qt draws them (no native dialog):
    "Look in:", "Files of type:", "Folder" and the like come from Qt's translation."""
    parent = QWidget()
    qtbot.addWidget(parent)
    folder = tmp_path / "材料"
    (folder / "去年").mkdir(parents=True)
    (folder / "对照.pdf").write_bytes(b"%PDF-1.4")
    # names of folders on the way there and at the root (the dialog lists them)
    content = content_words(str(tmp_path), str(Path.home()), *os.listdir("/"))
    dialogs = []
    for mode in (QFileDialog.AcceptMode.AcceptOpen, QFileDialog.AcceptMode.AcceptSave):
        files = QFileDialog(parent, "导入材料", str(folder), "PDF (*.pdf)")
        files.setOption(QFileDialog.Option.DontUseNativeDialog)
        files.setAcceptMode(mode)
        dialogs.append(files)
    folders = QFileDialog(parent, "选择文件夹", str(folder))
    folders.setOption(QFileDialog.Option.DontUseNativeDialog)
    folders.setFileMode(QFileDialog.FileMode.Directory)
    dialogs.append(folders)
    printer = QPrinter()
    dialogs += [QPrintDialog(printer, parent), QPrintPreviewDialog(printer, parent)]
    dialogs.append(QProgressDialog("正在打印…", "取消", 0, 0, parent))
    box = QMessageBox(QMessageBox.Icon.Question, "确认", "移到回收站？", parent=parent)
    box.setStandardButtons(
        QMessageBox.StandardButton.Yes
        | QMessageBox.StandardButton.No
        | QMessageBox.StandardButton.Cancel
        | QMessageBox.StandardButton.Ok
        | QMessageBox.StandardButton.Save
        | QMessageBox.StandardButton.Discard
        | QMessageBox.StandardButton.Close
    )
    dialogs.append(box)
    leaks = []
    for dialog in dialogs:
        dialog.show()
        qtbot.waitExposed(dialog)
        leaks += [f"{type(dialog).__name__} › {leak}" for leak in leaks_in(dialog, content=content)]
        dialog.hide()
    assert leaks == [], "\n".join(leaks)


def test_start_up_and_crash_dialogs_read_in_chinese(
    chinese, qtbot, tmp_path, seed_path, monkeypatch
):
    """Dialogs no menu reaches: a damaged library at start-up (and its rescue), a foreign file,
    an unexpected error."""
    from tests.ui.test_reliability_ui import corrupt_library_with_backup
    from ui import crash
    from ui.dialogs import recovery

    damaged = tmp_path / "lib.db"  # file names are the user's (backups are named after it)
    recorder = DialogRecorder(seed_path, content_words(str(damaged), str(seed_path)))
    _install(monkeypatch, recorder)
    corrupt_library_with_backup(damaged, seed_path)
    assert crash.open_library_or_explain(damaged) is None  # read, then cancelled
    foreign = tmp_path / "notes.db"
    foreign.write_bytes(b"not a library at all" * 100)
    assert crash.open_library_or_explain(foreign) is None
    recorder.read_texts("rescue note", recovery.rescue_into(damaged, None))  # folder dialog
    crash.show_crash_dialog(ValueError, ValueError("boom"))

    assert recorder.seen.count("recoveryDialog") == 2
    assert "crashDialog" in recorder.seen
    assert recorder.leaks == [], "\n".join(recorder.leaks)
