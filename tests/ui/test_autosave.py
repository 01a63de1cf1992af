"""Autosave: stored within a second of the last keystroke, at once on node change, focus change
and close; a failed write is shown in red and the typed text stays and is retried."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel

from app.errors import LibraryError
from app.library.sqlite_errors import write_error
from tests.ui.helpers_editor import dims_of, make_material, type_text
from ui.main_window import MainWindow


@pytest.fixture
def point_open(main_window, library):
    mid = make_material(library)
    main_window.open_material(mid)
    point = dims_of(library, mid)[0].points[0]
    main_window.select_node(point.id)
    return main_window, mid, point


def stored_body(library, mid):
    return dims_of(library, mid)[0].points[0].body


def test_typing_waits_for_the_pause_then_stores_once(qtbot, point_open, library):
    window, mid, point = point_open
    body = window.findChild(object, "pointBodyEdit")
    type_text(body, "补")
    assert window.autosave.timer.isActive()
    assert stored_body(library, mid) == "第1条正文。"  # not during the burst
    undo_steps_before = window.stack().count()
    type_text(body, "充")
    qtbot.waitUntil(lambda: stored_body(library, mid) == "第1条正文。补充", timeout=3000)
    assert window.stack().count() == undo_steps_before + 1  # one burst, one undo step
    status = window.findChild(QLabel, "statusSaved")
    assert status.text().startswith(window.tr("Saved %1").replace("%1", ""))


def test_the_timer_restarts_with_every_keystroke(point_open, monkeypatch):
    window, _mid, _point = point_open
    timer = window.autosave.timer
    body = window.findChild(object, "pointBodyEdit")
    type_text(body, "一")
    assert timer.isActive()
    # Each key starts the full pause again, also while the timer runs (counted, not timed:
    # remainingTime() is wall-clock and a loaded machine shortens it)
    starts = []
    real_start = timer.start
    monkeypatch.setattr(timer, "start", lambda *a: starts.append(a) or real_start(*a))
    type_text(body, "二")
    type_text(body, "三")
    assert len(starts) == 2 and timer.isActive()
    assert timer.interval() == 1000


def test_changing_node_stores_at_once(point_open, library):
    window, mid, point = point_open
    type_text(window.findChild(object, "pointTitleEdit"), "！")
    window.select_node(dims_of(library, mid)[0].points[1].id)
    assert dims_of(library, mid)[0].points[0].title == "学习态度不够积极！"
    assert not window.autosave.has_pending()


def test_focus_change_stores_at_once(qtbot, point_open, library):
    window, mid, point = point_open
    # Only the focus change can store it: the pause timer is far out of the test's reach (a
    # 500 ms bound against the 1 s timer was a wall-clock assertion that a loaded machine breaks)
    window.autosave.timer.setInterval(60_000)
    window.activateWindow()
    title = window.findChild(object, "pointTitleEdit")
    type_text(title, "。")
    qtbot.waitUntil(title.hasFocus, timeout=2000)
    window.findChild(object, "pointBodyEdit").setFocus()
    qtbot.waitUntil(lambda: not window.autosave.has_pending(), timeout=5000)  # hang guard
    assert dims_of(library, mid)[0].points[0].title == "学习态度不够积极。"


def test_closing_with_a_pending_edit_stores_it(qtbot, library):
    mid = make_material(library)
    window = MainWindow(library)
    qtbot.addWidget(window)
    window.show()
    window.open_material(mid)
    window.select_node(dims_of(library, mid)[0].points[0].id)
    type_text(window.findChild(object, "pointExampleEdit"), "在疫情防控期间")
    assert window.autosave.has_pending()
    assert window.close()
    assert dims_of(library, mid)[0].points[0].example == "在疫情防控期间"


@pytest.mark.parametrize(
    "error",
    [
        write_error(
            Path("library.db"), sqlite3.OperationalError("attempt to write a readonly database")
        ),
        LibraryError("材料库文件只读，无法保存", "the library file is read-only"),
    ],
)
def test_a_failed_write_is_visible_and_the_text_stays(
    qtbot, point_open, library, monkeypatch, error
):
    window, mid, point = point_open
    real_update = library.update_node

    def refuse(*_args, **_kwargs):
        raise error

    monkeypatch.setattr(library, "update_node", refuse)
    body = window.findChild(object, "pointBodyEdit")
    type_text(body, "要紧的话")
    window.autosave.timer.timeout.emit()  # the pause has passed
    status = window.findChild(QLabel, "statusSaved")
    assert "c00000" in status.styleSheet()  # red
    assert (getattr(error, "zh", None) or str(error)) in status.text()
    assert body.toPlainText() == "第1条正文。要紧的话"
    assert window.autosave.has_pending()
    assert stored_body(library, mid) == "第1条正文。"
    assert not window.flush_pending()

    monkeypatch.setattr(library, "update_node", real_update)  # e.g. the disk is writable again
    type_text(body, "。")
    window.autosave.timer.timeout.emit()
    assert stored_body(library, mid) == "第1条正文。要紧的话。"
    assert status.styleSheet() == ""
    assert status.text().startswith(window.tr("Saved %1").replace("%1", ""))


def test_a_failed_structure_edit_changes_nothing_and_is_reported(point_open, library, monkeypatch):
    window, mid, point = point_open

    def refuse(*_args, **_kwargs):
        raise LibraryError("disk I/O error", "disk I/O error")

    monkeypatch.setattr(library, "delete_node", refuse)
    undo_steps = window.stack().count()
    assert not window.delete_node()
    assert window.stack().count() == undo_steps  # nothing to undo: nothing happened
    assert "disk I/O error" in window.findChild(QLabel, "statusSaved").text()
    assert len(dims_of(library, mid)[0].points) == 3


def test_typing_then_undo_puts_the_stored_text_back_in_the_editor(point_open, library):
    window, mid, point = point_open
    body = window.findChild(object, "pointBodyEdit")
    type_text(body, "多余")
    window.actions_by_name["actionUndo"].trigger()  # flushes, then undoes that burst
    assert stored_body(library, mid) == "第1条正文。"
    assert body.toPlainText() == "第1条正文。"
    window.actions_by_name["actionRedo"].trigger()
    assert body.toPlainText() == "第1条正文。多余"


@pytest.fixture
def chinese(qapp):
    from ui.i18n import install_translators

    install_translators(qapp, "zh_CN")
    yield
    install_translators(qapp, "en")


def test_in_chinese_the_status_reads_saved_and_failures_in_red(
    chinese, point_open, library, monkeypatch
):
    window, mid, point = point_open
    body = window.findChild(object, "pointBodyEdit")
    type_text(body, "甲")
    window.autosave.timer.timeout.emit()
    status = window.findChild(QLabel, "statusSaved")
    assert re.fullmatch(r"已保存 \d\d:\d\d:\d\d", status.text())

    def refuse(*_args, **_kwargs):
        raise LibraryError(
            "attempt to write a readonly database", "attempt to write a readonly database"
        )

    monkeypatch.setattr(library, "update_node", refuse)
    type_text(body, "乙")
    window.autosave.timer.timeout.emit()
    assert status.text().startswith("未保存")
    assert "c00000" in status.styleSheet()
    assert body.toPlainText().endswith("甲乙")


def test_an_undo_that_cannot_be_written_stays_visible(point_open, library, monkeypatch):
    window, mid, point = point_open
    window.actions_by_name["actionMoveDown"].trigger()
    assert dims_of(library, mid)[0].points[1].id == point.id

    def refuse(*_args, **_kwargs):
        raise LibraryError("database is locked", "database is locked")

    monkeypatch.setattr(library, "move_node", refuse)
    window.actions_by_name["actionUndo"].trigger()
    status = window.findChild(QLabel, "statusSaved")
    assert "database is locked" in status.text() and "c00000" in status.styleSheet()
    assert dims_of(library, mid)[0].points[1].id == point.id  # the outline shows the truth
    assert window.outline_model.item_for(point.id).row() == 1


def test_undo_is_refused_while_typing_cannot_be_stored(point_open, library, monkeypatch):
    window, mid, point = point_open
    window.actions_by_name["actionMoveDown"].trigger()
    window.select_node(point.id)

    def refuse(*_args, **_kwargs):
        raise LibraryError("disk full", "disk full")

    monkeypatch.setattr(library, "update_node", refuse)
    body = window.findChild(object, "pointBodyEdit")
    type_text(body, "未存")
    window.actions_by_name["actionUndo"].trigger()
    assert body.toPlainText() == "第1条正文。未存"  # nothing reloaded over the typing
    assert dims_of(library, mid)[0].points[1].id == point.id  # the move was not undone


def test_close_is_refused_once_when_the_typing_cannot_be_stored(qtbot, library, monkeypatch):
    mid = make_material(library)
    window = MainWindow(library)
    qtbot.addWidget(window)
    window.show()
    window.open_material(mid)
    window.select_node(dims_of(library, mid)[0].points[0].id)

    def refuse(*_args, **_kwargs):
        raise LibraryError(
            "attempt to write a readonly database", "attempt to write a readonly database"
        )

    monkeypatch.setattr(library, "update_node", refuse)
    type_text(window.findChild(object, "pointBodyEdit"), "别丢")
    assert not window.close()  # the red message is shown, the text is still on screen
    assert window.isVisible()
    assert "c00000" in window.findChild(QLabel, "statusSaved").styleSheet()
    assert window.close()  # asked again: the user decided to leave
