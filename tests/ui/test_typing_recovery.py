"""Typing recovered after a crash (issue 13, finding 8), in-process: a window that never got to
autosave (its timer stopped, as if killed) leaves its typing in the journal; the next window
puts it back, opens the place and tells the user. The SIGKILL version is test_gui_kill.py."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

from app.typing_journal import journal_path, read_records
from tests.ui.helpers_editor import dims_of, make_material, type_text
from tests.ui.typing_crash import crash, next_start, window_on


def typed_then_crashed(qtbot, library):
    """A window types "第三次。" into the second point's 正文 and dies before its autosave.
    Returns (material id, the point as stored before)."""
    mid = make_material(library)
    first = window_on(qtbot, library)
    first.open_material(mid)
    point = dims_of(library, mid)[0].points[1]
    first.select_node(point.id)
    type_text(first.findChild(object, "pointBodyEdit"), "第三次。")
    assert dims_of(library, mid)[0].points[1].body == point.body  # not saved yet
    crash(first)
    return mid, point


def test_typing_a_crashed_window_never_saved_is_back_in_the_next_one(qtbot, library, tmp_path):
    mid, point = typed_then_crashed(qtbot, library)

    with next_start(qtbot, tmp_path / "lib.db") as (again, second, box):
        assert box is not None, "the user was not told"
        assert dims_of(again, mid)[0].points[1].body == point.body + "第三次。"
        assert second.current_item().key == point.id  # shown where it was typed
        qtbot.waitUntil(box.isVisible, timeout=2000)  # told, without a blocking dialog
        assert "Recovered 1 unsaved edit" in box.text()
        assert second.status_saved.text() == box.text()
        assert second.findChild(object, "pointBodyEdit").toPlainText() == point.body + "第三次。"


def test_saved_typing_leaves_no_journal_behind(qtbot, library):
    mid = make_material(library)
    window = window_on(qtbot, library)
    window.open_material(mid)
    window.select_node(dims_of(library, mid)[0].points[0].id)
    body = window.findChild(object, "pointBodyEdit")
    type_text(body, "补")
    assert read_records(journal_path(library.path))  # written ahead at once
    window.flush_pending()
    qtbot.waitUntil(lambda: not read_records(journal_path(library.path)), timeout=3000)
    window.close()
    assert not journal_path(library.path).exists()
    second = window_on(qtbot, library)  # nothing to recover: no message
    assert second.findChild(QMessageBox, "typingRecoveredBox") is None


def test_recovered_typing_is_one_undo_step_of_its_material(qtbot, library, tmp_path):
    mid, point = typed_then_crashed(qtbot, library)

    with next_start(qtbot, tmp_path / "lib.db") as (again, second, box):
        assert dims_of(again, mid)[0].points[1].body == point.body + "第三次。"
        second.actions_by_name["actionUndo"].trigger()  # the user did not want it back
        assert dims_of(again, mid)[0].points[1].body == point.body
        assert second.findChild(object, "pointBodyEdit").toPlainText() == point.body
        second.actions_by_name["actionRedo"].trigger()
        assert dims_of(again, mid)[0].points[1].body == point.body + "第三次。"
