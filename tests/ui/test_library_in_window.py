"""The library view inside the main window: keys shared with the editor, opening, search hits."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from ui.library_view import LibraryView


@pytest.fixture
def window(qtbot, seeded_library):
    from ui.main_window import MainWindow

    win = MainWindow(seeded_library)
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.close()


def library_view(window) -> LibraryView:
    view = window.findChild(LibraryView, "libraryView")
    assert view is not None
    return view


def test_enter_on_a_material_opens_it_in_the_editor(qtbot, window, seeded_library):
    view = library_view(window)
    view.select_material(seeded_library.seed_id)
    view.tree.setFocus()
    QTest.keyClick(view.tree, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.windowTitle().startswith("对照 — 县政府党组"))


def test_delete_in_the_library_trashes_the_material_not_an_outline_node(
    qtbot, window, seeded_library
):
    seed_id = seeded_library.seed_id
    window.open_material(seed_id)
    points_before = len(seeded_library.get_material(seed_id).all_points())
    view = library_view(window)
    view.select_material(seed_id)
    view.tree.setFocus()

    QTest.keyClick(view.tree, Qt.Key.Key_Delete)

    assert seeded_library.list_materials() == []
    assert view.listed_material_ids(trashed=True) == [seed_id]
    assert len(seeded_library.get_material(seed_id).all_points()) == points_before


def test_ctrl_f_in_the_library_list_goes_to_the_library_search(qtbot, window, seeded_library):
    """The window binds Ctrl+F too (find in the material); inside the library it searches the
    library, without the window's shortcut firing as well."""
    window.open_material(seeded_library.seed_id)
    view = library_view(window)
    view.tree.setFocus()
    QTest.keyClick(view.tree, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is view.search_edit
    assert not [w for w in QApplication.topLevelWidgets() if w.isVisible() and w is not window]


def test_a_search_hit_opens_the_material_at_that_point(qtbot, window, seeded_library, typer):
    seed = seeded_library.get_material(seeded_library.seed_id)
    point = next(p for p in seed.all_points() if "信访积案" in p.example)
    view = library_view(window)
    view.focus_search()
    typer(view.search_edit, "信访积案")
    view.run_search()
    assert view.results.hit_count() == 1

    rect = view.results.visualItemRect(view.results.item(0))
    QTest.mouseClick(view.results.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())

    qtbot.waitUntil(
        lambda: window.current_item() is not None and window.current_item().key == point.id
    )
    assert window.windowTitle() == f"对照 — {seed.title}"


def test_the_windows_import_action_asks_for_a_file(qtbot, window, monkeypatch, seed_path):
    """QAction.triggered passes ``checked``: it must not be taken for a path."""
    asked = []
    monkeypatch.setattr(LibraryView, "_ask_open_path", lambda self: asked.append(True) or None)
    window.findChild(QAction, "actionImport").trigger()
    assert asked == [True]
