"""对照上年材料 driven like a user: the 2021 seed beside its 2025 draft, the side view following
the outline along the draft's mapping, a passage copied across and taken back with Ctrl+Z — and
last year's material never written to."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMenu, QPlainTextEdit

from ui.i18n import install_translators, remove_translators

TEMPLATE_2025 = "2025-niandu-wugedaitou"
PASSAGE_CHARS = 13  # about one clause


@pytest.fixture
def two_years(seeded_library):
    """The 2021 seed and a 2025 draft made from it (复制为下一年度草稿's library path)."""
    lib = seeded_library
    draft_id = lib.duplicate_material(lib.seed_id, template_id=TEMPLATE_2025, year=2025)
    return lib, lib.seed_id, draft_id


@pytest.fixture
def make_window(qtbot):
    """A window at 1366×768. The dock layout it saves on closing is put back as it was: the
    next test's window must not open with the side view taking its width."""
    from ui.main_window import MainWindow
    from ui.window_layout import settings

    store = settings()
    saved = {key: store.value(key) for key in store.allKeys()}  # the layouts kept per screen
    windows = []

    def make(library):
        window = MainWindow(library)
        qtbot.addWidget(window)
        windows.append(window)
        window.resize(1366, 768)
        window.show()
        qtbot.waitExposed(window)
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow, timeout=2000)
        return window

    yield make
    for window in windows:
        window.close()
    for key in store.allKeys():
        if key not in saved:
            store.remove(key)
    for key, value in saved.items():
        store.setValue(key, value)


def click_node(qtbot, window, key: int) -> None:
    tree = window.tree
    index = window.outline_model.index_for_key(key)
    tree.scrollTo(index)
    QTest.mouseClick(
        tree.viewport(), Qt.MouseButton.LeftButton, pos=tree.visualRect(index).center()
    )
    assert window.current_item().key == key


def shown_in_viewport(view, node_id: int) -> bool:
    document = view.text.document()
    block = document.findBlock(view.ranges[node_id][0])
    top = document.documentLayout().blockBoundingRect(block).top()
    scrolled = top - view.text.verticalScrollBar().value()
    return 0 <= scrolled < view.text.viewport().height()


def select_by_keyboard(qtbot, view, start: int, count: int) -> None:
    """Click just before character ``start`` of the side view, then Shift+Right ``count``."""
    text = view.text
    cursor = QTextCursor(text.document())
    cursor.setPosition(start)
    rect = text.cursorRect(cursor)
    QTest.mouseClick(
        text.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(rect.left() + 1, rect.center().y())
    )
    for _ in range(count):
        QTest.keyClick(text, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)


def test_side_by_side_follows_the_outline_and_a_copied_passage_is_one_undo_step(
    qtbot, two_years, make_window
):
    lib, seed_id, draft_id = two_years
    last_before = lib.get_material(seed_id)
    window = make_window(lib)
    window.open_material(draft_id)
    dock, side = window.last_year_dock, window.last_year
    view = side.view
    assert dock.isHidden()
    QTest.keyClick(
        window.tree,
        Qt.Key.Key_L,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert dock.isVisible() and window.actions_by_name["actionLastYear"].isChecked()
    assert view.combo.currentData() == seed_id  # last year found by itself
    assert view.material.title == last_before.title

    # (二) 固本培元 of 2025 took its points from (四) 应对风险 of 2021: that is what shows.
    draft = lib.get_material(draft_id)
    dim_2025 = draft.section("problems").dimensions[1]
    dim_2021 = last_before.section("problems").dimensions[3]
    assert (dim_2025.short_name, dim_2021.short_name) == ("固本培元", "应对风险")
    click_node(qtbot, window, dim_2025.id)
    assert view.marked == (dim_2021.id,)
    assert view.marked_text().startswith("（四）在")
    qtbot.waitUntil(lambda: shown_in_viewport(view, dim_2021.id), timeout=2000)
    assert "应对风险" in view.note.text()

    # A point: its own counterpart (the draft's point started as last year's).
    point = dim_2025.points[2]
    last_point = dim_2021.points[2]
    click_node(qtbot, window, point.id)
    assert view.marked == (last_point.id,)
    qtbot.waitUntil(lambda: shown_in_viewport(view, last_point.id), timeout=2000)

    # Cursor at the end of the body, a clause of last year's body selected, copied across.
    body = window.findChild(QPlainTextEdit, "pointBodyEdit")
    QTest.mouseClick(body.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(5, 5))
    QTest.keyClick(body, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    stored_before = lib.get_material(draft_id)
    old_body = next(p for p in stored_before.all_points() if p.id == point.id).body
    found = view.text.document().find(last_point.body[:8], view.ranges[last_point.id][0])
    assert not found.isNull()
    select_by_keyboard(qtbot, view, found.selectionStart(), PASSAGE_CHARS)
    passage = view.selected_text()
    assert len(passage) == PASSAGE_CHARS and passage in last_point.body
    assert view.copy_button.isEnabled()
    QTest.mouseClick(view.copy_button, Qt.MouseButton.LeftButton)

    def stored_body() -> str:
        return next(p for p in lib.get_material(draft_id).all_points() if p.id == point.id).body

    assert stored_body() == old_body + passage  # stored at once, no wait for a pause
    assert body.toPlainText() == old_body + passage
    assert window.stack().undoText() == "Copy from last year"

    # Ctrl+Z (focus still in the side view) takes exactly that back; Ctrl+Y puts it again.
    QTest.keyClick(view.text, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert stored_body() == old_body
    assert body.toPlainText() == old_body
    QTest.keyClick(view.text, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert stored_body() == old_body + passage
    QTest.keyClick(view.text, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)

    # Last year's material: not a character, not its time stamp.
    last_after = lib.get_material(seed_id)
    assert last_after == last_before and last_after.updated == last_before.updated
    # the draft's text is as it was before the copy
    assert lib.get_material(draft_id).sections == stored_before.sections


def test_a_passage_goes_into_the_title_at_its_cursor_without_line_breaks(
    qtbot, two_years, make_window
):
    lib, seed_id, draft_id = two_years
    window = make_window(lib)
    window.open_material(draft_id)
    window.actions_by_name["actionLastYear"].trigger()
    view = window.last_year.view
    point = lib.get_material(draft_id).all_points()[0]
    click_node(qtbot, window, point.id)
    title = window.findChild(object, "pointTitleEdit")
    QTest.mouseClick(title, Qt.MouseButton.LeftButton)
    QTest.keyClick(title, Qt.Key.Key_Home)
    # across a paragraph end: the last characters of the dimension's heading, the break and
    # the first of its first point (shown as 一是 …)
    first_point = lib.get_material(seed_id).all_points()[0]
    select_by_keyboard(qtbot, view, view.ranges[first_point.id][0] - 3, 6)
    passage = view.selected_text()
    assert "\n一是" in passage
    QTest.mouseClick(view.copy_button, Qt.MouseButton.LeftButton)
    stored = next(p for p in lib.get_material(draft_id).all_points() if p.id == point.id).title
    assert stored == passage.replace("\n", "") + point.title  # at the cursor: the start

    # Another point, no field clicked: the passage goes to the end of its body.
    other = lib.get_material(draft_id).all_points()[1]
    click_node(qtbot, window, other.id)
    select_by_keyboard(qtbot, view, view.ranges[first_point.id][0] + 4, 5)
    passage = view.selected_text()
    # this time from the text's context menu, below its own 复制 / 全选
    menu = view.context_menu(QPoint(5, 5))
    names = [a.objectName() for a in menu.actions()]
    assert names[-1] == "copyToCurrentAction" and len(names) >= 3
    assert menu.actions()[-1].isEnabled()
    menu.actions()[-1].trigger()
    stored = next(p for p in lib.get_material(draft_id).all_points() if p.id == other.id)
    assert stored.body == other.body + passage and stored.title == other.title
    assert str(len(passage)) in window.statusBar().currentMessage()


def test_in_chinese_no_last_year_is_said_and_another_material_can_be_picked(
    qtbot, qapp, two_years, make_window
):
    lib, seed_id, draft_id = two_years
    install_translators(qapp, "zh_CN")
    try:
        window = make_window(lib)
        window.open_material(seed_id)  # 2021: nothing earlier in the library
        view_menu = window.findChild(QMenu, "menuView")
        assert view_menu.title().startswith("视图")
        action = window.actions_by_name["actionLastYear"]
        assert action in view_menu.actions() and action.text() == "对照上年材料"
        action.trigger()
        dock, view = window.last_year_dock, window.last_year.view
        assert dock.windowTitle() == "对照上年材料"
        assert "没有同一单位" in view.note.text()
        assert not re.search("[A-Za-z]", view.note.text() + view.copy_button.text())
        assert view.material is None and view.combo.currentIndex() == -1

        # the user picks the 2025 draft from the combo: it shows, read-only
        view.combo.showPopup()
        popup = view.combo.view()
        qtbot.waitUntil(popup.isVisible, timeout=3000)
        index = view.combo.model().index(view.combo.findData(draft_id), 0)
        QTest.mouseClick(
            popup.viewport(), Qt.MouseButton.LeftButton, pos=popup.visualRect(index).center()
        )
        qtbot.waitUntil(lambda: view.material is not None, timeout=3000)
        assert view.material.id == draft_id and view.combo.currentText().startswith("2025年度")
        assert view.text.isReadOnly()

        # fits 1366×768 beside the editor, and closes with its own button
        assert dock.geometry().right() <= window.width()
        # the window fits the test screen (offscreen: 800×600), so widths are shares of it:
        # the side view about a third, the editor's panel keeps room to type
        share = window.width() / 1366
        qtbot.waitUntil(lambda: view.width() >= 300 * share, timeout=2000)
        assert window.panels.width() >= 360 * share
        dock.close()
        assert not action.isChecked()
        action.trigger()
        assert dock.isVisible() and view.material.id == draft_id  # the pick is kept
    finally:
        remove_translators(qapp)


def test_a_point_added_this_year_shows_the_aspect_it_belongs_to(qtbot, two_years, make_window):
    lib, seed_id, draft_id = two_years
    window = make_window(lib)
    window.open_material(draft_id)
    window.actions_by_name["actionLastYear"].trigger()
    view = window.last_year.view
    dim_2025 = lib.get_material(draft_id).section("problems").dimensions[2]  # 三个敬畏
    dim_2021 = lib.get_material(seed_id).section("problems").dimensions[2]  # 人民中心
    click_node(qtbot, window, dim_2025.points[-1].id)
    scrolled = view.text.verticalScrollBar().value()
    QTest.keyClick(window.tree, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    new_point = window.current_item()
    assert new_point.kind == "point" and new_point.key not in {p.id for p in dim_2025.points}
    # a new point has no counterpart of its own: its aspect's is marked, and said so
    assert view.marked == (dim_2021.id,)
    assert "人民中心" in view.note.text()
    assert view.text.verticalScrollBar().value() != scrolled
    QTest.keyClick(window.tree, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.current_item().key != new_point.key


def test_left_open_it_opens_again_with_the_next_window(qtbot, two_years, make_window):
    lib, seed_id, draft_id = two_years
    first = make_window(lib)
    first.actions_by_name["actionLastYear"].trigger()
    first.close()  # the layout is saved with the side view open
    window = make_window(lib)
    assert window.actions_by_name["actionLastYear"].isChecked()
    assert window.last_year_dock.isVisible()
    window.open_material(draft_id)
    assert window.last_year.view.material.id == seed_id


def test_ctrl_z_in_the_field_the_passage_went_into_takes_it_back(qtbot, two_years, make_window):
    lib, seed_id, draft_id = two_years
    window = make_window(lib)
    window.open_material(draft_id)
    window.actions_by_name["actionLastYear"].trigger()
    view = window.last_year.view
    point = lib.get_material(draft_id).all_points()[0]
    click_node(qtbot, window, point.id)
    first = lib.get_material(seed_id).all_points()[0]
    select_by_keyboard(qtbot, view, view.ranges[first.id][0] + 4, 5)
    passage = view.selected_text()
    QTest.mouseClick(view.copy_button, Qt.MouseButton.LeftButton)

    def stored() -> str:
        return next(p for p in lib.get_material(draft_id).all_points() if p.id == point.id).body

    assert stored() == point.body + passage
    # back in the body (reloaded from the library: its own history is empty), Ctrl+Z and Ctrl+Y
    # work on the copy rather than doing nothing
    body = window.findChild(QPlainTextEdit, "pointBodyEdit")
    QTest.mouseClick(body.viewport(), Qt.MouseButton.LeftButton)
    QTest.keyClick(body, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert stored() == point.body and body.toPlainText() == point.body
    QTest.keyClick(body, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert stored() == point.body + passage
    # typing after it is the field's own again: Ctrl+Z takes back the typing only
    body.moveCursor(QTextCursor.MoveOperation.End)
    QTest.keyClick(body, Qt.Key.Key_A)
    QTest.keyClick(body, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.flush_pending()
    assert stored() == point.body + passage and body.toPlainText() == point.body + passage
