"""Reliability in the window: automatic backups off the GUI thread, the 备份与恢复 dialog (list,
立即备份, restore), the corrupt-library dialog, the crash dialog and the Qt message log."""

from __future__ import annotations

import hashlib
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, Qt, QTimer, qWarning
from PySide6.QtWidgets import QLabel

import ui.crash as crash
import ui.dialogs.backups as backups_dialog
import ui.dialogs.recovery as recovery
import ui.reliability_features as reliability
from app.library import Library
from app.logging_setup import close_logging
from tests.ui.helpers_editor import dims_of, make_material, type_text
from ui.reliability_features import install_reliability_features

REPO = Path(__file__).resolve().parents[2]


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def title_in_file(path: Path, material_id: int) -> str:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return conn.execute("SELECT title FROM materials WHERE id = ?", [material_id]).fetchone()[0]
    finally:
        conn.close()


@pytest.fixture
def features(main_window):
    return install_reliability_features(main_window)


def run_backup_and_wait(qtbot, features, start) -> list:
    with qtbot.waitSignal(features.backupFinished, timeout=5000) as blocker:
        assert start()
    return blocker.args


# ----- wiring and automatic backups ------------------------------------------------------------
def test_install_is_idempotent_and_puts_the_action_above_quit(main_window, features):
    assert install_reliability_features(main_window) is features
    action = main_window.actions_by_name["actionBackups"]
    menus = [a.menu() for a in main_window.menuBar().actions() if a.menu() is not None]
    holding = [m for m in menus if action in m.actions()]
    assert len(holding) == 1 and holding[0].actions().count(action) == 1
    entries = holding[0].actions()
    quit_action = main_window.actions_by_name["actionQuit"]
    assert quit_action in entries and entries.index(action) < entries.index(quit_action)
    assert features.timer.isActive()


def test_an_edited_library_is_backed_up_on_a_worker_thread(
    qtbot, main_window, features, library, monkeypatch
):
    make_material(library)  # edits since open: a backup is due (none exists yet)
    threads = []
    original = Library.maybe_backup

    def recording(self, now=None):
        threads.append(threading.get_ident())
        return original(self, now)

    monkeypatch.setattr(Library, "maybe_backup", recording)
    (path,) = run_backup_and_wait(qtbot, features, features.run_due_backup)
    assert threads and threads[0] != threading.get_ident()
    assert [b.path for b in library.list_backups()] == [path]
    assert (
        library.list_backups()[0].label == "auto" and library.list_backups()[0].material_count == 1
    )
    assert str(path) in main_window.statusBar().currentMessage()
    # nothing edited since: the next tick makes no copy
    assert run_backup_and_wait(qtbot, features, features.run_due_backup) == [None]
    assert len(library.list_backups()) == 1


def test_the_backup_on_open_runs_on_the_worker_once(qtbot, features, library):
    make_material(library)
    (path,) = run_backup_and_wait(qtbot, features, features.start_backup_if_due)
    assert path is not None and library.list_backups()[0].path == path
    assert run_backup_and_wait(qtbot, features, features.start_backup_if_due) == [None]  # recent


def test_a_failed_backup_stays_visible_until_one_succeeds(qtbot, main_window, features, library):
    make_material(library)
    blocker = library.path.parent / "backups"
    blocker.write_text("a file where the backup folder should be")
    assert run_backup_and_wait(qtbot, features, features.run_due_backup) == [None]
    label = main_window.findChild(QLabel, "statusBackup")
    assert label.isVisible()
    assert library.last_backup_error is not None
    assert library.last_backup_error.zh in label.text()
    blocker.unlink()
    (path,) = run_backup_and_wait(qtbot, features, features.run_due_backup)
    assert path is not None and path.exists()
    assert not label.isVisible()


# ----- 备份与恢复 dialog -----------------------------------------------------------------------
def test_the_dialog_lists_backups_and_back_up_now_adds_one(qtbot, library):
    make_material(library)
    # an older stamp: two backups within one second list in name order (reported to the store)
    first = library.backup(library.path.parent / "backups" / "lib-20260101-120000.db")
    make_material(library)
    dialog = backups_dialog.BackupsDialog(library, Library.open)
    qtbot.addWidget(dialog)
    assert dialog.backups() == [first]
    row = dialog.backup_list.topLevelItem(0)
    assert row.text(2) == "1"  # one material when it was made
    assert row.text(3).endswith("KB")
    qtbot.mouseClick(dialog.backup_button, Qt.MouseButton.LeftButton)
    listed = dialog.backups()
    assert len(listed) == 2 and listed[1] == first
    assert dialog.backup_list.topLevelItem(0).text(2) == "2"
    assert dialog.selected_backup().path == listed[0]
    assert str(listed[0]) in dialog.status.text()


def test_an_unreadable_backup_is_listed_without_a_count(qtbot, library):
    folder = library.path.parent / "backups"
    folder.mkdir()
    (folder / "lib-20260101-120000.db").write_bytes(b"not a database at all" * 100)
    dialog = backups_dialog.BackupsDialog(library, Library.open)
    qtbot.addWidget(dialog)
    row = dialog.backup_list.topLevelItem(0)
    assert (row.text(0), row.text(1), row.text(2)) == ("2026-01-01 12:00:00", "Manual", "—")
    assert row.toolTip(2)


def test_restoring_through_the_dialog_replaces_content_and_keeps_the_old_file(
    qtbot, library, monkeypatch
):
    mid = make_material(library)
    library.update_material(mid, title="备份时的标题")
    backup = library.backup()
    library.update_material(mid, title="恢复前的标题")
    opened = []

    def reopen(path):
        opened.append(Library.open(path, auto_backup=False))
        return opened[-1]

    monkeypatch.setattr(backups_dialog, "confirm_restore", lambda parent, info: True)
    dialog = backups_dialog.BackupsDialog(library, reopen)
    qtbot.addWidget(dialog)
    dialog.select_backup(backup)
    with qtbot.waitSignal(dialog.restored):
        safety = dialog.restore_selected()
    try:
        assert library.db is None  # the old connection was let go of before the file changed
        assert dialog.library is opened[0]
        assert opened[0].get_material(mid).title == "备份时的标题"
        kept = [b for b in opened[0].list_backups() if b.label == "before-restore"]
        assert [b.path for b in kept] == [safety]
        assert title_in_file(safety, mid) == "恢复前的标题"
        assert safety in dialog.backups()
    finally:
        opened[0].close()


def test_declining_the_confirmation_changes_nothing(qtbot, library, monkeypatch):
    mid = make_material(library)
    backup = library.backup()
    library.update_material(mid, title="现在的标题")
    monkeypatch.setattr(backups_dialog, "confirm_restore", lambda parent, info: False)
    dialog = backups_dialog.BackupsDialog(library, Library.open)
    qtbot.addWidget(dialog)
    dialog.select_backup(backup)
    assert dialog.restore_selected() is None
    assert library.get_material(mid).title == "现在的标题"
    assert dialog.backups() == [backup]


def test_restore_from_the_window_reopens_and_the_window_keeps_working(
    qtbot, main_window, features, library, monkeypatch
):
    mid = make_material(library)
    backup = library.backup()
    main_window.open_material(mid)
    point = dims_of(library, mid)[0].points[0]
    main_window.select_node(point.id)
    type_text(main_window.findChild(object, "pointBodyEdit"), "恢复前打的字")  # still pending
    assert main_window.autosave.has_pending()
    monkeypatch.setattr(backups_dialog, "confirm_restore", lambda parent, info: True)
    seen = {}

    def drive(dialog):
        dialog.select_backup(backup)
        seen["safety"] = dialog.restore_selected()

    monkeypatch.setattr(reliability, "run_dialog", drive)
    main_window.actions_by_name["actionBackups"].trigger()
    new = main_window.library
    assert new is not library and library.db is None
    assert main_window.autosave.library is new and main_window.snapshots_dock.library is new
    assert getattr(main_window.library_view, "library", new) is new
    assert main_window.material_id == mid  # the material that was open is shown again
    assert dims_of(new, mid)[0].points[0].body == "第1条正文。"  # the backup's text
    assert main_window.stack().count() == 0  # undo of the old file's edits is gone
    # the typed text was stored before the swap and survives in the safety copy
    conn = sqlite3.connect(f"file:{seen['safety']}?mode=ro", uri=True)
    bodies = [r[0] for r in conn.execute("SELECT body FROM nodes WHERE id = ?", [point.id])]
    conn.close()
    assert bodies == ["第1条正文。恢复前打的字"]
    # typing goes on into the reopened library
    main_window.select_node(point.id)
    type_text(main_window.findChild(object, "pointBodyEdit"), "新")
    assert main_window.flush_pending()
    assert dims_of(new, mid)[0].points[0].body == "第1条正文。新"
    main_window.close()
    new.close()
    # the dropped undo stacks are deleted later: that must not reload from a closed library
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)


# ----- refused libraries -----------------------------------------------------------------------
def corrupt_library_with_backup(path: Path, seed_path: Path) -> tuple[int, Path]:
    from app.importers.text import import_text_file

    with Library.open(path, auto_backup=False) as library:
        material, _ = import_text_file(seed_path)
        mid = library.create_material(material)
        for _ in range(3):
            library.create_material(material)
        backup = library.backup()
    # Damage the middle of the materials' own rows (the file also holds indexes, whose pages
    # may sit anywhere): a rescue then loses a material, as a damaged disk would make it.
    conn = sqlite3.connect(path)
    try:
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
        pages = [r[0] for r in conn.execute("SELECT pageno FROM dbstat WHERE name = 'nodes'")]
    finally:
        conn.close()
    data = bytearray(path.read_bytes())
    middle = (sorted(pages)[len(pages) // 2] - 1) * page_size
    data[middle : middle + 8192] = b"\xff" * 8192
    path.write_bytes(bytes(data))
    return mid, backup


def test_a_corrupt_library_offers_the_newest_good_backup_and_opens_it(
    qapp, tmp_path, seed_path, monkeypatch
):
    path = tmp_path / "lib.db"
    mid, backup = corrupt_library_with_backup(path, seed_path)
    corrupt_bytes = path.read_bytes()
    shown = []

    def choose(dialog):
        assert path.read_bytes() == corrupt_bytes  # nothing written before the user chose
        shown.append(
            (
                dialog.backup_button.isEnabled(),
                dialog.backup_button.text(),
                dialog.rescue_button.isVisibleTo(dialog),
                dialog.message.text(),
            )
        )
        return recovery.CHOICE_BACKUP

    monkeypatch.setattr(recovery, "run_recovery_dialog", choose)
    library = crash.open_library_or_explain(path)
    try:
        assert library is not None
        enabled, label, rescue_offered, message = shown[0]
        assert enabled and backup.name in label and rescue_offered
        assert "损坏" in message
        assert library.get_material(mid).title == title_in_file(backup, mid)
        kept = [b for b in library.list_backups() if b.label == "before-restore"]
        assert len(kept) == 1 and kept[0].path.read_bytes() == corrupt_bytes
    finally:
        if library is not None:
            library.close()


def test_rescue_then_quit_writes_json_and_leaves_the_file_alone(
    qapp, tmp_path, seed_path, monkeypatch
):
    path = tmp_path / "lib.db"
    corrupt_library_with_backup(path, seed_path)
    before = digest(path)
    choices = iter([recovery.CHOICE_RESCUE, recovery.CHOICE_QUIT])
    notes = []

    def choose(dialog):
        notes.append(dialog.note.text())
        return next(choices)

    out = tmp_path / "rescued"
    out.mkdir()
    monkeypatch.setattr(recovery, "run_recovery_dialog", choose)
    monkeypatch.setattr(recovery, "ask_rescue_folder", lambda parent, start: out)
    assert crash.open_library_or_explain(path) is None
    assert digest(path) == before
    (folder,) = out.iterdir()
    written = sorted(folder.glob("material-*.json"))
    assert notes[0] == ""
    assert written and str(folder) in notes[1]
    assert f"Rescued {len(written)} materials" in notes[1]
    assert "could not be read" in notes[1]  # the damaged page cost a material: the user is told


@pytest.mark.parametrize(
    "content", [b"%PDF-1.7\n" + bytes(range(256)) * 8, "一是学习。".encode() * 100]
)
def test_a_file_that_is_no_library_is_explained_and_never_written(
    qapp, tmp_path, monkeypatch, content
):
    path = tmp_path / "lib.db"
    path.write_bytes(content)
    shown = []

    def choose(dialog):
        shown.append(
            (
                dialog.backup_button.isEnabled(),
                dialog.rescue_button.isVisibleTo(dialog),
                dialog.message.text(),
            )
        )
        return recovery.CHOICE_QUIT

    monkeypatch.setattr(recovery, "run_recovery_dialog", choose)
    assert crash.open_library_or_explain(path) is None
    assert path.read_bytes() == content
    ((backup_offered, rescue_offered, message),) = shown
    assert not backup_offered and not rescue_offered
    assert "不是对照材料库" in message


def test_another_programs_database_is_not_a_library(tmp_path):
    path = tmp_path / "lib.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE songs (name TEXT)")
    conn.commit()
    conn.close()
    with pytest.raises(crash.LibraryError) as err:
        Library.open(path)
    assert recovery.diagnose(path, err.value) == recovery.NOT_A_LIBRARY


def test_a_library_open_in_another_process_is_said_so(qapp, tmp_path, monkeypatch):
    path = tmp_path / "lib.db"
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time\nfrom app.library import Library\n"
            "Library.open(sys.argv[1])\nprint('open', flush=True)\ntime.sleep(30)",
            str(path),
        ],
        cwd=REPO,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "open"
        told = []
        monkeypatch.setattr(
            crash, "show_open_error", lambda parent, title, exc: told.append((title, exc))
        )
        monkeypatch.setattr(
            recovery,
            "run_recovery_dialog",
            lambda dialog: pytest.fail("a locked library is not damaged"),
        )
        assert crash.open_library_or_explain(path) is None
        ((title, exc),) = told
        assert "another window" in title
        assert "另一个窗口" in exc.zh and str(holder.pid) in exc.zh
    finally:
        holder.kill()
        holder.wait()


# ----- crash dialog and Qt messages -----------------------------------------------------------
@pytest.fixture
def log_folder(tmp_path):
    folder = tmp_path / "logs"
    yield folder
    crash.remove_qt_message_handler()
    close_logging()


def test_an_error_in_a_slot_flushes_typing_then_shows_the_dialog(
    qtbot, main_window, library, log_folder, monkeypatch
):
    mid = make_material(library)
    main_window.open_material(mid)
    main_window.select_node(dims_of(library, mid)[0].points[0].id)
    type_text(main_window.findChild(object, "pointBodyEdit"), "崩溃前的字")
    assert main_window.autosave.has_pending()
    shown = []

    def record(box):
        body = dims_of(library, mid)[0].points[0].body  # what the library holds at that moment
        shown.append((box.text(), box.detailedText(), body))

    monkeypatch.setattr(crash, "run_crash_dialog", record)
    hook = crash.install_crash_handling(main_window, log_folder)
    try:

        def broken_slot():
            raise RuntimeError("内部错误 in a slot")

        QTimer.singleShot(0, broken_slot)
        qtbot.waitUntil(lambda: bool(shown), timeout=3000)
    finally:
        sys.excepthook = hook.previous
    text, details, body_at_dialog = shown[0]
    assert body_at_dialog == "第1条正文。崩溃前的字"  # flushed before the dialog appeared
    assert str(log_folder / "duizhao.log") in text
    assert details.startswith("RuntimeError") and "内部错误" not in details
    log = (log_folder / "duizhao.log").read_text(encoding="utf-8")
    assert "uncaught exception" in log and "broken_slot" in log
    assert "崩溃前的字" not in log and "内部错误" not in log


def test_qt_messages_go_to_the_log_redacted(qapp, log_folder):
    crash.setup_logging(log_folder)
    crash.install_qt_message_handler()
    qWarning("widget warning quoting 学习态度不够积极")
    log = (log_folder / "duizhao.log").read_text(encoding="utf-8")
    assert "WARNING duizhao.qt: qt widget warning quoting" in log
    assert "学习" not in log


def test_a_repeating_error_shows_one_dialog_and_a_worker_error_none(
    qtbot, main_window, log_folder, monkeypatch
):
    shown = []

    def record(box):
        shown.append(box.detailedText())
        sys.excepthook(ValueError, ValueError("again while the dialog is open"), None)

    monkeypatch.setattr(crash, "run_crash_dialog", record)
    flushes = []
    monkeypatch.setattr(main_window, "flush_pending", lambda: flushes.append(threading.get_ident()))
    hook = crash.install_crash_handling(main_window, log_folder)
    try:
        sys.excepthook(KeyError, KeyError("first"), None)
        worker = threading.Thread(
            target=lambda: sys.excepthook(OSError, OSError("on a worker"), None)
        )
        worker.start()
        worker.join()
    finally:
        sys.excepthook = hook.previous
    assert len(shown) == 1 and shown[0].startswith("KeyError")
    assert flushes and set(flushes) == {threading.get_ident()}  # never from the worker
    log = (log_folder / "duizhao.log").read_text(encoding="utf-8")
    assert log.count("uncaught exception") == 3


def test_the_crash_message_reads_in_chinese_with_the_log_path(qapp, tmp_path):
    from ui.i18n import install_translators, remove_translators

    install_translators(qapp, "zh_CN")
    try:
        text = crash.crash_text(tmp_path / "duizhao.log")
    finally:
        remove_translators(qapp)
    assert "程序遇到意外错误" in text and "已保存的内容不会丢失" in text
    assert "日志" in text and str(tmp_path / "duizhao.log") in text
