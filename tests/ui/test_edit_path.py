"""One edit path (issue 15): every change is a command whose redo writes; a failed write leaves
the history and the editor as they were; typing merges into one undo step per pause; a rename
in the library list is outside the material's undo and survives it."""

from __future__ import annotations

import sqlite3

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QPlainTextEdit

from app.library.sqlite_errors import write_error
from tests.ui.helpers_editor import dims_of, make_material, type_text
from ui.autosave import Autosave
from ui.outline_model import MATERIAL_KEY

ORIGINAL_BODY = "第1条正文。"
SENTENCES = ["学习不够深入系统，", "联系实际不够紧密。"]
KEY_GAP = 0.15  # seconds between keys: a human typing pace
PAUSE = 2.0  # a pause to think, longer than the autosave delay
WRITES_EVERY = 7  # keys: something writes in the middle of a burst (focus change, node change…)


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def point_open(main_window, library):
    mid = make_material(library)
    main_window.open_material(mid)
    point = dims_of(library, mid)[0].points[0]
    main_window.select_node(point.id)
    return main_window, mid, point


def stored_body(library, mid):
    return dims_of(library, mid)[0].points[0].body


def test_typing_a_sentence_at_a_human_pace_is_one_undo_step_per_pause(point_open, library):
    window, mid, _point = point_open
    clock = FakeClock()
    window.autosave.clock = clock
    body = window.findChild(object, "pointBodyEdit")
    steps_before = window.stack().count()
    keys = 0
    for sentence in SENTENCES:
        for ch in sentence:
            type_text(body, ch)
            clock.now += KEY_GAP
            keys += 1
            if keys % WRITES_EVERY == 0:
                assert window.flush_pending()  # written mid-burst, about once a second
        clock.now += PAUSE
        window.autosave.timer.timeout.emit()  # the pause has passed: autosave writes
    assert stored_body(library, mid) == ORIGINAL_BODY + "".join(SENTENCES)
    assert window.stack().count() == steps_before + len(SENTENCES)  # one step per pause

    window.actions_by_name["actionUndo"].trigger()
    assert stored_body(library, mid) == ORIGINAL_BODY + SENTENCES[0]
    assert body.toPlainText() == ORIGINAL_BODY + SENTENCES[0]
    window.actions_by_name["actionUndo"].trigger()
    assert stored_body(library, mid) == ORIGINAL_BODY
    assert body.toPlainText() == ORIGINAL_BODY


def test_autosave_on_a_bare_stack_merges_by_keystroke_time(qapp, library):
    """The same, without widgets: Autosave's commands on a bare QUndoStack."""
    mid = make_material(library)
    point = dims_of(library, mid)[0].points[0]
    stack = QUndoStack()
    clock = FakeClock()

    def push(command) -> bool:
        stack.push(command)
        return command.error is None

    autosave = Autosave(library, push, clock=clock)
    target = ("node", point.id)
    text = stored = point.body  # the window's open material plays this part
    for sentence in SENTENCES:
        for i, ch in enumerate(sentence, 1):
            text += ch
            autosave.note_edit(target, "body", text, stored)
            clock.now += KEY_GAP
            if i % WRITES_EVERY == 0:
                assert autosave.flush()
                stored = text
        clock.now += PAUSE
        assert autosave.flush()
        stored = text
    assert stack.count() == len(SENTENCES)
    stack.undo()
    assert stored_body(library, mid) == ORIGINAL_BODY + SENTENCES[0]
    autosave.close_journal()


def test_a_failed_write_on_redo_leaves_the_history_and_the_editor_as_before(
    point_open, library, monkeypatch
):
    window, mid, _point = point_open
    body = window.findChild(object, "pointBodyEdit")
    type_text(body, "补充")
    window.autosave.timer.timeout.emit()
    window.actions_by_name["actionUndo"].trigger()
    assert body.toPlainText() == ORIGINAL_BODY
    stack = window.stack()
    history = (stack.count(), stack.index())

    def refuse(*_args, **_kwargs):
        raise write_error(library.path, sqlite3.OperationalError("disk I/O error"))

    real_update = library.update_node
    monkeypatch.setattr(library, "update_node", refuse)
    window.actions_by_name["actionRedo"].trigger()
    status = window.findChild(QLabel, "statusSaved")
    assert "读写出错" in status.text() and "c00000" in status.styleSheet()  # said so
    assert (stack.count(), stack.index()) == history  # the redo is still there to redo
    assert body.toPlainText() == ORIGINAL_BODY
    assert stored_body(library, mid) == ORIGINAL_BODY

    monkeypatch.setattr(library, "update_node", real_update)  # writable again
    window.actions_by_name["actionRedo"].trigger()
    assert stored_body(library, mid) == ORIGINAL_BODY + "补充"
    assert body.toPlainText() == ORIGINAL_BODY + "补充"
    assert status.styleSheet() == ""


def test_a_failed_structure_edit_is_not_on_the_history(point_open, library, monkeypatch):
    window, mid, point = point_open

    def refuse(*_args, **_kwargs):
        raise write_error(library.path, sqlite3.OperationalError("disk I/O error"))

    monkeypatch.setattr(library, "duplicate_node", refuse)
    history = (window.stack().count(), window.stack().index())
    window.actions_by_name["actionDuplicateNode"].trigger()
    assert (window.stack().count(), window.stack().index()) == history
    assert not window.actions_by_name["actionRedo"].isEnabled()
    assert len(dims_of(library, mid)[0].points) == 3
    assert window.current_item().key == point.id


def rename_in_list(qtbot, window, mid, title):
    view = window.library_view
    view.select_material(mid)
    view.tree.setFocus()
    QTest.keyClick(view.tree, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    editor.selectAll()
    type_text(editor, title)
    QTest.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.library.get_material(mid).title == title, timeout=3000)


def test_undo_after_a_rename_keeps_the_rename(qtbot, main_window, library):
    window = main_window
    mid = make_material(library)
    window.open_material(mid)
    title_edit = window.findChild(QPlainTextEdit, "titleEdit")
    type_text(title_edit, "（初稿）")
    window.autosave.timer.timeout.emit()
    first_title = library.get_material(mid).title
    assert first_title.endswith("（初稿）")

    rename_in_list(qtbot, window, mid, "县政府党组对照检查材料（定稿）")
    renamed = "县政府党组对照检查材料（定稿）"
    qtbot.waitUntil(lambda: title_edit.toPlainText() == renamed, timeout=3000)

    title_edit.setFocus()  # back in the material: Ctrl+Z reaches its own history
    window.actions_by_name["actionUndo"].trigger()  # the older title edit
    assert library.get_material(mid).title == "县政府党组对照检查材料（定稿）"
    assert title_edit.toPlainText() == "县政府党组对照检查材料（定稿）"
    assert window.windowTitle() == "对照 — 县政府党组对照检查材料（定稿）"
    window.actions_by_name["actionRedo"].trigger()
    assert library.get_material(mid).title == "县政府党组对照检查材料（定稿）"
    qtbot.waitUntil(
        lambda: window.library_view.material_item(mid).text(0) == "县政府党组对照检查材料（定稿）",
        timeout=3000,
    )

    # In the list, Ctrl+Z undoes the rename itself: a library step (issue 16).
    window.library_view.tree.setFocus()
    QTest.keyClick(window.library_view.tree, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert library.get_material(mid).title == first_title
    qtbot.waitUntil(lambda: title_edit.toPlainText() == first_title, timeout=3000)


def test_duplicating_in_the_list_stores_the_new_title_in_one_step(
    qtbot, main_window, library, monkeypatch
):
    from ui.dialogs.duplicate import DuplicateDialog

    window = main_window
    mid = make_material(library)
    window.library_view.refresh()
    window.library_view.select_material(mid)
    writes = []
    for name in ("create_material", "update_material"):
        real = getattr(library, name)
        monkeypatch.setattr(
            library,
            name,
            lambda *a, _real=real, _n=name, **k: (writes.append(_n), _real(*a, **k))[1],
        )

    def accept(dialog) -> bool:
        assert isinstance(dialog, DuplicateDialog)
        dialog.title_edit.setText("县政府党组2022年度对照检查材料")
        return True

    monkeypatch.setattr(window.library_view, "_exec_dialog", accept)
    new_id = window.library_view.duplicate_selected()
    assert writes == ["create_material"]  # no copy under the old title in between
    assert library.get_material(new_id).title == "县政府党组2022年度对照检查材料"
    assert window.material_id == new_id


def test_every_field_a_panel_edits_is_put_back_by_undo(point_open, library):
    """The panel's field list is its bindings: no field edits without a known stored value
    (an undo would write None)."""
    window, mid, _point = point_open
    before = library.get_material(mid)
    window.select_node(before.sections[0].dimensions[0].id)
    panel = window.panels.current_panel()
    for name in (
        "dimensionShortNameEdit",
        "dimensionPrefixEdit",
        "dimensionSuffixEdit",
        "dimensionIntroEdit",
        "dimensionHeadingEdit",
    ):
        type_text(panel.findChild(object, name), "改")
        window.flush_pending()
    window.select_node(MATERIAL_KEY)
    panel = window.panels.current_panel()
    for name in ("organizationEdit", "meetingEdit", "authorEdit", "dateEdit", "preambleEdit"):
        type_text(panel.findChild(object, name), "改")
        window.flush_pending()
    panel.findChild(object, "yearSpin").setValue(2030)
    assert edited_fields(library.get_material(mid)) != edited_fields(before)
    while window.stack().canUndo():
        window.actions_by_name["actionUndo"].trigger()
    assert edited_fields(library.get_material(mid)) == edited_fields(before)


def edited_fields(material):
    dim = material.sections[0].dimensions[0]
    return [
        getattr(material, f)
        for f in ("organization", "meeting", "author", "date", "preamble", "year")
    ] + [
        getattr(dim, f)
        for f in ("heading", "short_name", "heading_prefix", "heading_suffix", "intro")
    ]


def test_trash_and_restore_in_the_list_are_outside_the_history_and_keep_it(
    qtbot, main_window, library
):
    """Trashing from the library list is not a step of the material's undo but of the
    library's (it closes the material); reopened, its own history still undoes correctly."""
    window = main_window
    mid = make_material(library)
    window.open_material(mid)
    point = dims_of(library, mid)[0].points[0]
    window.select_node(point.id)
    type_text(window.findChild(object, "pointBodyEdit"), "补充")
    window.autosave.timer.timeout.emit()
    view = window.library_view
    view.select_material(mid)
    view.tree.setFocus()
    QTest.keyClick(view.tree, Qt.Key.Key_Delete)
    assert window.material_id is None
    undo = window.actions_by_name["actionUndo"]
    assert undo.isEnabled()  # the library's history: the trash can be undone (issue 16)

    view.tree.setCurrentItem(view.material_item(mid))
    view.action_restore.trigger()
    view.select_material(mid)
    view.action_open.trigger()  # the user opens it again
    assert window.material_id == mid
    window.tree.setFocus()  # and works in it: Ctrl+Z reaches the material's history
    undo.trigger()  # its own history is still there
    assert stored_body(library, mid) == ORIGINAL_BODY
    window.actions_by_name["actionRedo"].trigger()
    assert stored_body(library, mid) == ORIGINAL_BODY + "补充"


def test_a_click_in_the_history_view_that_cannot_be_written_leaves_it_as_before(
    qtbot, point_open, library, monkeypatch
):
    window, mid, point = point_open
    window.actions_by_name["actionMoveDown"].trigger()
    window.actions_by_name["actionMoveDown"].trigger()
    assert dims_of(library, mid)[0].points[2].id == point.id
    stack = window.stack()
    history = (stack.count(), stack.index())

    def refuse(*_args, **_kwargs):
        raise write_error(library.path, sqlite3.OperationalError("database is locked"))

    monkeypatch.setattr(library, "move_node", refuse)
    window.undo_dock.show()
    window.undo_dock.raise_()
    view = window.undo_view
    qtbot.waitUntil(view.isVisible, timeout=2000)
    first_row = view.visualRect(view.model().index(0, 0)).center()  # "<opened>"
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=first_row)
    assert "正被另一个程序占用" in window.findChild(QLabel, "statusSaved").text()
    assert (stack.count(), stack.index()) == history
    assert dims_of(library, mid)[0].points[2].id == point.id
    assert window.outline_model.item_for(point.id).row() == 2
