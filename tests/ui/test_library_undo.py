"""Issue 16, items 5–7, driven like a user: a material moved to the trash by a slip comes back
with Ctrl+Z or the 撤销 in the status bar; same-titled materials can be told apart and keep
their places; a click opens a material; the last one opened is there again at start-up."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMenu

import ui.main
from tests.ui.helpers_editor import make_material, type_text
from ui.main import main
from ui.window_chrome import MENUS

TEMPLATE_2025 = "2025-niandu-wugedaitou"
SHARED_TITLE = "县政府党组2025年度民主生活会对照检查材料"


@pytest.fixture
def window(qtbot, library):
    from ui.main_window import MainWindow

    win = MainWindow(library)
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.close()


def click_row(view, material_id: int) -> None:
    rect = view.tree.visualItemRect(view.material_item(material_id))
    QTest.mouseClick(view.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def context_menu_on(qtbot, view, material_id: int) -> QMenu:
    """Right-click a row: what Qt does for the mouse (select it, ask for the menu)."""
    rect = view.tree.visualItemRect(view.material_item(material_id))
    QTest.mousePress(view.tree.viewport(), Qt.MouseButton.RightButton, pos=rect.center())
    QTest.mouseRelease(view.tree.viewport(), Qt.MouseButton.RightButton, pos=rect.center())
    view.tree.customContextMenuRequested.emit(rect.center())
    menus = []
    qtbot.waitUntil(
        lambda: bool(
            menus.extend(w for w in QApplication.topLevelWidgets() if isinstance(w, QMenu))
            or any(m.isVisible() for m in menus)
        )
    )
    return next(m for m in menus if m.isVisible())


def choose(menu: QMenu, text: str) -> None:
    action = next(a for a in menu.actions() if a.text() == text)
    QTest.mouseClick(menu, Qt.MouseButton.LeftButton, pos=menu.actionGeometry(action).center())


def listed_ids(library) -> list[int]:
    return [m.id for m in library.list_materials()]


def test_a_trashed_open_material_comes_back_with_ctrl_z_and_with_the_status_undo(
    qtbot, window, library
):
    first, second = make_material(library), make_material(library)
    view = window.library_view
    view.refresh()
    click_row(view, first)  # one click opens it, as in a file list
    assert window.material_id == first
    assert window.outline_model.rowCount() > 0

    menu = context_menu_on(qtbot, view, first)
    texts = [a.text() for a in menu.actions()]
    # 移到回收站 is the last entry, apart from 复制为下一年度草稿 by a separator at least
    assert texts[-1] == "Move to trash" and menu.actions()[-2].isSeparator()
    assert texts.index("Move to trash") - texts.index("Duplicate as next year's draft…") > 2
    choose(menu, "Move to trash")

    # the editor no longer shows it, the list and the library no longer hold it
    assert window.material_id is None
    assert window.outline_model.rowCount() == 0
    assert window.windowTitle() == "对照"
    assert first not in view.listed_material_ids()
    assert first in view.listed_material_ids(trashed=True)
    assert listed_ids(library) == [second]
    notice = view.undo_notice
    assert window.statusBar().isAncestorOf(notice) and notice.isVisible()
    assert "moved to the trash" in notice.label.text()
    title = library.get_material(first).title
    # the toolbar's 撤销 says what it would undo: this trash, not an edit of a material
    assert window.actions_by_name["actionUndo"].toolTip() == f"Undo: Move “{title}” to trash"

    QTest.keyClick(view.tree, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)

    assert sorted(listed_ids(library)) == [first, second]
    assert first in view.listed_material_ids()
    assert window.material_id == first  # open again, as it was
    assert window.outline_model.rowCount() > 0
    assert not notice.isVisible()  # undone: the offer is gone

    # Del in the list, then the 撤销 button in the status bar
    view.tree.setFocus()
    QTest.keyClick(view.tree, Qt.Key.Key_Delete)
    assert (window.material_id, listed_ids(library)) == (None, [second])
    QTest.mouseClick(notice.button, Qt.MouseButton.LeftButton)
    assert sorted(listed_ids(library)) == [first, second]
    assert window.material_id == first

    # the File menu while working in the outline: Ctrl+Z still reaches it, nothing open
    window.tree.setFocus()
    window.actions_by_name["actionTrashMaterial"].trigger()
    assert (window.material_id, listed_ids(library)) == (None, [second])
    window.actions_by_name["actionUndo"].trigger()
    assert sorted(listed_ids(library)) == [first, second]
    assert window.material_id == first
    window.actions_by_name["actionRedo"].trigger()  # and redo sends it away again
    assert (window.material_id, listed_ids(library)) == (None, [second])


def test_ctrl_z_in_the_material_still_undoes_its_own_edits_after_a_library_step(
    qtbot, window, library
):
    first, second = make_material(library), make_material(library)
    view = window.library_view
    view.refresh()
    click_row(view, first)
    title_edit = window.findChild(object, "titleEdit")
    type_text(title_edit, "（初稿）")  # the user works in the material
    window.autosave.timer.timeout.emit()
    typed = library.get_material(first).title
    view.tree.setFocus()
    view.select_material(second)
    QTest.keyClick(view.tree, Qt.Key.Key_Delete)  # trashes the other one
    assert listed_ids(library) == [first]

    title_edit.setFocus()  # back in the material: its own history
    window.actions_by_name["actionUndo"].trigger()
    assert library.get_material(first).title == typed.removesuffix("（初稿）")
    assert listed_ids(library) == [first]  # the trash stays: a library step

    view.tree.setFocus()  # in the list: the library's history
    window.actions_by_name["actionUndo"].trigger()
    assert sorted(listed_ids(library)) == [first, second]


def test_the_trash_entry_of_the_file_menu_is_apart_from_next_years_draft():
    entries = MENUS["menuFile"]
    at = entries.index("actionTrashMaterial")
    assert entries[at - 1] is None and entries[at + 1] is None
    assert abs(at - entries.index("actionDuplicateMaterial")) > 2


def _same_title_pair(library) -> tuple[int, int, int]:
    a = library.create_from_template(TEMPLATE_2025, title=SHARED_TITLE, organization="县政府党组")
    b = library.create_from_template(TEMPLATE_2025, title=SHARED_TITLE, organization="县政府党组")
    library.update_material(a, year=2025, author="张明")
    library.update_material(b, year=2025, author="李华", organization="县政府办公室党组")
    other = library.create_from_template(TEMPLATE_2025, title="县委办2025年度对照检查材料")
    library.update_material(other, year=2025)
    return a, b, other


def test_same_titles_show_what_tells_them_apart_and_keep_their_places(qtbot, window, library):
    a, b, other = _same_title_pair(library)
    view = window.library_view
    view.refresh()
    order = view.listed_material_ids()
    assert order.index(a) < order.index(b)  # same title: the older (lower id) first
    shown_a, shown_b = view.tree.shown_text(a), view.tree.shown_text(b)
    assert shown_a.startswith(SHARED_TITLE) and "县政府党组" in shown_a and "张明" in shown_a
    assert "县政府办公室党组" in shown_b and "李华" in shown_b
    assert view.tree.shown_text(other) == "县委办2025年度对照检查材料"  # nothing to tell apart
    assert "张明" in view.material_item(a).toolTip(0)

    click_row(view, b)
    assert window.material_id == b
    type_text(window.findChild(object, "organizationEdit"), "（机关）")  # edit the second
    window.autosave.timer.timeout.emit()
    qtbot.waitUntil(lambda: "县政府办公室党组（机关）" in view.tree.shown_text(b))
    assert view.listed_material_ids() == order  # the edit moved nothing

    click_row(view, a)  # the row the user expects is the material that opens
    assert window.material_id == a
    assert library.get_material(window.material_id).author == "张明"


def test_a_click_opens_and_arrow_keys_open_where_they_rest(qtbot, window, library):
    a, b, other = _same_title_pair(library)
    view = window.library_view
    view.refresh()
    order = view.listed_material_ids()
    click_row(view, order[0])
    assert window.material_id == order[0]
    QTest.keyClick(view.tree, Qt.Key.Key_Down)
    qtbot.waitUntil(lambda: window.material_id == order[1])
    QTest.keyClick(view.tree, Qt.Key.Key_End)
    qtbot.waitUntil(lambda: window.material_id == order[-1])
    assert view.selected_material_id() == order[-1]


def test_the_last_material_opened_is_open_again_at_start_up(qtbot, tmp_path, monkeypatch):
    from app.library import Library

    path = tmp_path / "lib.db"
    library = Library.open(path)
    first, second = make_material(library), make_material(library)
    library.close()
    seen = []
    monkeypatch.setattr(
        ui.main, "take_screenshot", lambda window, out: seen.append(window.material_id) or True
    )
    start = ["--library", str(path), "--screenshot", str(tmp_path / "x.png")]

    assert main(start) == 0  # never opened anything: the window starts empty
    assert main([*start, "--open", str(second)]) == 0
    assert main(start) == 0  # restarted: where the user left off
    assert seen == [None, second, second]

    library = Library.open(path)
    library.trash_material(second)  # gone since: nothing is opened, and no error
    library.close()
    assert main(start) == 0
    assert seen[-1] is None
    assert first  # still there, but not the one the user had open


def test_import_trash_and_restore_in_the_list_undo_one_by_one(
    qtbot, seeded_view, seeded_library, monkeypatch, seed_path
):
    """The list alone (no editor): every library step is one Ctrl+Z, newest first."""
    from tests.ui.test_library_view import answer_dialog, click_ok

    view, library = seeded_view, seeded_library
    seed_id = library.seed_id
    answer_dialog(monkeypatch, click_ok)
    imported = view.import_file(str(seed_path))
    assert sorted(listed_ids(library)) == sorted([seed_id, imported])
    view.select_material(seed_id)
    view.tree.setFocus()
    QTest.keyClick(view.tree, Qt.Key.Key_Delete)
    assert listed_ids(library) == [imported]

    def restore(dialog):
        dialog.select_entry(dialog.entry_ids()[0])
        QTest.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
        dialog.reject()

    answer_dialog(monkeypatch, restore)
    view.show_trash()
    assert sorted(listed_ids(library)) == sorted([seed_id, imported])

    view.tree.setFocus()

    def ctrl_z():
        QTest.keyClick(view.tree, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)

    ctrl_z()  # the restore from the trash dialog
    assert listed_ids(library) == [imported]
    ctrl_z()  # the trash (its entry is a new one since the restore)
    assert sorted(listed_ids(library)) == sorted([seed_id, imported])
    ctrl_z()  # the import: the new material goes to the trash, nothing is lost
    assert listed_ids(library) == [seed_id]
    assert imported in view.listed_material_ids(trashed=True)
    QTest.keyClick(
        view.tree,
        Qt.Key.Key_Z,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )  # redo: it is back, with the same id
    assert sorted(listed_ids(library)) == sorted([seed_id, imported])
