"""The window composes its parts: one change signal tells the preview, the checks and the export
actions what changed; every menu entry is declared in one place, and no controller adds any."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMenu, QPlainTextEdit

from tests.ui.conftest import type_text
from ui.material_change import MaterialChange
from ui.window_chrome import MENUS


@pytest.fixture(autouse=True)
def bundled_fonts(monkeypatch):
    monkeypatch.setenv("DUIZHAO_FONTS", "bundled")


@pytest.fixture
def seed_window(qtbot, seeded_library):
    from ui.main_window import MainWindow

    window = MainWindow(seeded_library)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.open_material(seeded_library.seed_id)
    yield window
    window.close()


def first_point(window):
    return window.material.sections[0].dimensions[0].points[0]


def record(window) -> list[MaterialChange]:
    changes: list[MaterialChange] = []
    window.materialChanged.connect(changes.append)
    return changes


def stored_points(library, material_id):
    return library.get_material(material_id).sections[0].dimensions[0].points


def test_typing_announces_a_text_change_then_its_save(qtbot, seed_window, seeded_library):
    window = seed_window
    point = first_point(window)
    window.select_node(point.id)
    body = window.findChild(QPlainTextEdit, "pointBodyEdit")
    changes = record(window)
    type_text(body, "再")
    assert changes == [MaterialChange(text=True, material_id=seeded_library.seed_id)]
    assert window.flush_pending()  # what the pause (or leaving the field) does
    assert changes[1:] == [
        MaterialChange(text=True, stored=True, material_id=seeded_library.seed_id)
    ]
    typed = body.toPlainText()
    assert "再" in typed and stored_points(seeded_library, seeded_library.seed_id)[0].body == typed


def test_a_structural_edit_and_its_undo_are_each_one_announcement(seed_window, seeded_library):
    window, mid = seed_window, seeded_library.seed_id
    window.select_node(first_point(window).id)
    before = len(stored_points(seeded_library, mid))
    changes = record(window)
    window.actions_by_name["actionAddPoint"].trigger()
    assert len(stored_points(seeded_library, mid)) == before + 1
    assert changes == [MaterialChange(stored=True, structure=True, material_id=mid)]
    window.actions_by_name["actionUndo"].trigger()
    assert len(stored_points(seeded_library, mid)) == before
    assert changes[1:] == [MaterialChange(stored=True, structure=True, material_id=mid)]


def test_switching_and_closing_a_material_are_announced_once_each(seed_window, seeded_library):
    window = seed_window
    other = seeded_library.create_material(seeded_library.get_material(seeded_library.seed_id))
    changes = record(window)
    window.open_material(other)
    assert changes == [MaterialChange(switched=True, material_id=other)]
    assert window.actions_by_name["actionExportDocx"].isEnabled()
    window.close_material()
    assert changes[1:] == [MaterialChange(switched=True, material_id=None)]
    assert changes[1].closed
    assert not any(
        window.actions_by_name[name].isEnabled()
        for name in ("actionExportPdf", "actionExportDocx", "actionPrint")
    )


def wait_idle(qtbot, window) -> None:
    checks, preview = window.checks_features.runner, window.pdf_features.preview
    qtbot.waitUntil(
        lambda: not checks.timer.isActive() and not checks.running and not preview.scheduled,
        timeout=5000,
    )


def test_checks_and_preview_follow_typing_through_the_one_signal_alone(qtbot, seed_window):
    window = seed_window
    checks, preview = window.checks_features, window.pdf_features
    window.select_node(first_point(window).id)
    body = window.findChild(QPlainTextEdit, "pointBodyEdit")
    wait_idle(qtbot, window)
    type_text(body, "学")
    assert checks.runner.timer.isActive() and preview.preview.scheduled  # both follow typing

    # Unhooked from materialChanged, neither hears of typing, a new point or an undo: they
    # subscribe to nothing else of the window.
    window.materialChanged.disconnect(checks.material_changed)
    window.materialChanged.disconnect(preview.material_changed)
    wait_idle(qtbot, window)
    type_text(body, "习")
    assert window.flush_pending()
    window.actions_by_name["actionAddPoint"].trigger()
    window.actions_by_name["actionUndo"].trigger()
    assert not checks.runner.timer.isActive() and not preview.preview.scheduled


def test_every_menu_entry_is_declared_once_and_no_controller_adds_any(seed_window):
    window = seed_window
    bar_menus = [a.menu() for a in window.menuBar().actions() if a.menu() is not None]
    assert [m.objectName() for m in bar_menus] == list(MENUS)
    for menu in bar_menus:
        shown = [None if a.isSeparator() else a.objectName() for a in menu.actions()]
        assert shown == MENUS[menu.objectName()], menu.objectName()
    export = window.findChild(QMenu, "menuExport")
    names = [a.objectName() for a in export.actions()]
    assert names[:2] == ["actionExportPdf", "actionExportDocx"]
    assert all(
        window.actions_by_name[n].isEnabled() for n in ("actionExportPdf", "actionExportDocx")
    )
    file_menu = [a.objectName() for a in window.findChild(QMenu, "menuFile").actions()]
    assert file_menu.index("actionPrintPreview") == file_menu.index("actionPrint") + 1
    # every declared action is the window's own, reachable by its shortcut with menus closed
    declared = {n for names in MENUS.values() for n in names if n is not None}
    assert declared <= set(window.actions_by_name)
    assert all(
        window.actions_by_name[n] in window.actions() for n in declared if n != "actionDeleteNode"
    )
