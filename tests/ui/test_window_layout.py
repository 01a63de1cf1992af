"""The window on the screens people have (issue 16): fitted to a 1366×768 laptop on first start
with every bar on screen, the checks list showing rows, the preview with room and a zoom, each
screen size's layout kept; and a 已保存 that is about the material shown."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDockWidget, QMenu

import app.library.tree
from app.library import Library
from tests.ui.helpers_editor import make_material
from ui import window_layout
from ui.library_view import LibraryView
from ui.main_window import MainWindow
from ui.window_chrome import saved_stamp

REPO = Path(__file__).resolve().parents[2]
CHILD = Path(__file__).with_name("screen_fit_child.py")
LONG_AGO = "2025-01-20T09:30:00+08:00"  # the last save of a material made before today


def _seed_library(path: Path, seed_path: Path) -> int:
    from app.importers.text import import_text_file

    library = Library.open(path)
    try:
        material, _report = import_text_file(seed_path)
        return library.create_material(material)
    finally:
        library.close()


def _inside(rect: list[int], area: list[int]) -> bool:
    x, y, w, h = rect
    ax, ay, aw, ah = area
    return w > 0 and h > 0 and ax <= x and ay <= y and x + w <= ax + aw and y + h <= ay + ah


@pytest.mark.parametrize("screen", [(1366, 728), (1920, 1040)])
def test_first_start_fits_the_screen_with_every_bar_on_it(tmp_path, seed_path, screen):
    """A 1366×768 laptop leaves 1366×728 to windows: the window, its status bar (已保存), the
    dock tab bar and the preview all lie inside it, and the checks list shows several rows."""
    width, height = screen
    config = tmp_path / "screen.json"
    config.write_text(
        json.dumps({"screens": [{"name": "laptop", "width": width, "height": height}]}),
        encoding="utf-8",
    )
    lib = tmp_path / "lib.db"
    seed_id = _seed_library(lib, seed_path)
    env = dict(
        os.environ,
        QT_QPA_PLATFORM=f"offscreen:configfile={config}",
        XDG_CONFIG_HOME=str(tmp_path / "config"),  # a first start: no layout kept yet
    )
    done = subprocess.run(
        [sys.executable, str(CHILD), str(lib), str(seed_id)],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    area = seen["available"]
    assert area == [0, 0, width, height]
    assert _inside(seen["frame"], area)
    assert seen["frame"][2] * seen["frame"][3] >= 0.8 * width * height  # and uses the screen
    assert _inside(seen["status_bar"], area) and seen["saved"].startswith("已保存")
    assert seen["tab_bars"] and all(_inside(bar, area) for bar in seen["tab_bars"])
    assert _inside(seen["preview"], area)
    assert seen["preview"][2] >= 320 and seen["preview"][3] >= height // 2  # room for a page
    assert seen["row_height"] > 0 and seen["checks_height"] >= 4 * seen["row_height"]


@pytest.mark.parametrize(
    ("width", "height", "maximised"),
    [(1024, 560, True), (1366, 728, True), (1536, 824, True), (1920, 1040, False)],
)
def test_first_start_geometry_never_exceeds_the_screen(width, height, maximised):
    area = QRect(0, 24, width, height)  # a panel at the top
    start = window_layout.first_start(area)
    assert area.contains(start.geometry) and start.maximised is maximised
    assert start.geometry.width() >= window_layout.MINIMUM_SIZE.width()


def _window(qtbot, library, available: QRect, monkeypatch) -> MainWindow:
    """A window started on a screen whose available geometry is ``available``."""
    monkeypatch.setattr(window_layout, "available_geometry", lambda window: available)
    window = MainWindow(library)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def _area(window: MainWindow, dock: QDockWidget) -> Qt.DockWidgetArea:
    return window.dockWidgetArea(dock)


def test_each_screen_size_gets_its_own_layout_back(qtbot, library, monkeypatch):
    docked = QRect(0, 0, 1920, 1040)  # the laptop on a large monitor
    laptop = QRect(0, 0, 1600, 1000)
    window = _window(qtbot, library, docked, monkeypatch)
    assert window.geometry().width() >= 0.8 * docked.width()  # the defaults: most of it
    assert _area(window, window.preview_dock) == Qt.DockWidgetArea.RightDockWidgetArea
    # the user makes it small and puts 预览 among the bottom tabs
    window.setWindowState(Qt.WindowState.WindowNoState)
    window.resize(700, 500)
    window.tabifyDockWidget(window.checks_dock, window.preview_dock)
    window.close()

    window = _window(qtbot, library, laptop, monkeypatch)  # never seen: the defaults
    assert _area(window, window.preview_dock) == Qt.DockWidgetArea.RightDockWidgetArea
    assert window.preview_dock not in window.tabifiedDockWidgets(window.checks_dock)
    window.setWindowState(Qt.WindowState.WindowNoState)
    window.resize(760, 540)
    window.close()

    window = _window(qtbot, library, docked, monkeypatch)
    assert (window.width(), window.height()) == (700, 500)
    assert window.preview_dock in window.tabifiedDockWidgets(window.checks_dock)
    window.close()
    window = _window(qtbot, library, laptop, monkeypatch)
    assert (window.width(), window.height()) == (760, 540)
    assert _area(window, window.preview_dock) == Qt.DockWidgetArea.RightDockWidgetArea
    window.close()


class _Screen:
    """What the window asks of the screen it moved to."""

    def __init__(self, available: QRect):
        self.available = available

    def availableGeometry(self) -> QRect:  # noqa: N802 — QScreen's name
        return self.available


def test_undocking_gives_the_window_the_layout_last_left_on_the_laptop(qtbot, library, monkeypatch):
    """Moved to a screen it no longer fits (a monitor unplugged), the window takes the layout
    last left on a screen of that size; the monitor's layout is kept for its return. (Sizes
    within the 800×600 offscreen screen, which Qt clamps restored geometry to.)"""
    docked, laptop = QRect(0, 0, 1920, 1040), QRect(0, 0, 720, 540)
    window = _window(qtbot, library, laptop, monkeypatch)  # yesterday, on the laptop
    window.setWindowState(Qt.WindowState.WindowNoState)
    window.setGeometry(20, 20, 640, 480)
    window.close()

    window = _window(qtbot, library, docked, monkeypatch)  # today, docked
    window.setWindowState(Qt.WindowState.WindowNoState)
    window.setGeometry(10, 10, 780, 580)  # too large for the laptop
    window.screen_changed(_Screen(laptop))  # the monitor is unplugged
    assert (window.width(), window.height()) == (640, 480)
    assert laptop.contains(window.frameGeometry())
    window.close()
    window = _window(qtbot, library, docked, monkeypatch)  # docked again
    assert (window.width(), window.height()) == (780, 580)
    window.close()


def test_docks_do_not_tear_off(main_window):
    for dock in main_window.findChildren(QDockWidget):
        assert not dock.features() & QDockWidget.DockWidgetFeature.DockWidgetFloatable
        assert dock.features() & QDockWidget.DockWidgetFeature.DockWidgetMovable


def test_a_closed_dock_comes_back_from_the_view_menu_and_the_layout_resets(qtbot, main_window):
    window = main_window
    window.preview_dock.close()  # its × in the title bar
    assert not window.preview_dock.isVisible()
    view_menu = window.findChild(QMenu, "menuView")
    show_preview = window.actions_by_name["actionShowPreview"]
    assert show_preview in view_menu.actions()
    show_preview.trigger()
    qtbot.waitUntil(window.preview_dock.isVisible, timeout=2000)

    window.tabifyDockWidget(window.checks_dock, window.preview_dock)  # moved to the bottom tabs
    window.undo_dock.close()
    window.actions_by_name["actionResetLayout"].trigger()
    assert _area(window, window.preview_dock) == Qt.DockWidgetArea.RightDockWidgetArea
    assert window.preview_dock not in window.tabifiedDockWidgets(window.checks_dock)
    qtbot.waitUntil(lambda: window.pdf_features.preview.on_screen(), timeout=2000)
    assert window.undo_dock in window.tabifiedDockWidgets(window.checks_dock)
    assert not window.undo_dock.isHidden()


@pytest.fixture
def seed_window(main_window, seeded_library):
    main_window.open_material(seeded_library.seed_id)
    return main_window


def _wheel(widget, modifiers) -> None:
    from PySide6.QtCore import QPoint, QPointF
    from PySide6.QtGui import QWheelEvent
    from PySide6.QtWidgets import QApplication

    at = QPointF(widget.rect().center())
    event = QWheelEvent(
        at,
        QPointF(widget.mapToGlobal(at.toPoint())),
        QPoint(),
        QPoint(0, 120),
        Qt.MouseButton.NoButton,
        modifiers,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(widget, event)


def test_preview_zoom_buttons_and_percentage_change_the_page_size(qtbot, seed_window):
    from PySide6.QtPdfWidgets import QPdfView

    preview = seed_window.pdf_features.preview
    qtbot.waitUntil(lambda: preview.page_count() >= 9, timeout=15000)
    view = preview.view
    assert view.zoomMode() == QPdfView.ZoomMode.FitToWidth and preview.fit_button.isChecked()
    fitted = preview.shown_zoom()
    assert preview.zoom_box.value() == round(fitted * 100)
    scroll = view.verticalScrollBar()
    qtbot.waitUntil(lambda: scroll.maximum() > 0, timeout=5000)
    tall = scroll.maximum()

    QTest.mouseClick(preview.zoom_in_button, Qt.MouseButton.LeftButton)
    assert view.zoomMode() == QPdfView.ZoomMode.Custom and view.zoomFactor() > fitted
    assert not preview.fit_button.isChecked()
    assert preview.zoom_box.value() == round(view.zoomFactor() * 100)
    qtbot.waitUntil(lambda: scroll.maximum() > tall, timeout=5000)  # the pages grew

    box = preview.zoom_box
    box.lineEdit().selectAll()
    QTest.keyClicks(box.lineEdit(), "150")
    QTest.keyClick(box.lineEdit(), Qt.Key.Key_Return)
    assert view.zoomFactor() == pytest.approx(1.5)
    QTest.mouseClick(preview.zoom_out_button, Qt.MouseButton.LeftButton)
    assert view.zoomFactor() == pytest.approx(1.25)
    _wheel(view.viewport(), Qt.KeyboardModifier.ControlModifier)  # Ctrl+wheel up: zoom in
    assert view.zoomFactor() == pytest.approx(1.5)
    _wheel(view.viewport(), Qt.KeyboardModifier.NoModifier)  # a plain wheel scrolls
    assert view.zoomFactor() == pytest.approx(1.5)

    QTest.mouseClick(preview.fit_button, Qt.MouseButton.LeftButton)
    assert view.zoomMode() == QPdfView.ZoomMode.FitToWidth
    assert preview.zoom_box.value() == round(preview.shown_zoom() * 100)


def _saved(window) -> str:
    return window.status_saved.text()


def test_saved_status_is_about_the_material_shown(qtbot, main_window, seed_path, monkeypatch):
    """已保存 after opening another material, after an import and after an undo says when the
    shown material was saved — never the time another material was."""
    library = main_window.library
    assert _saved(main_window) == ""  # nothing open, nothing saved
    monkeypatch.setattr(app.library.tree, "now", lambda: LONG_AGO)
    old = make_material(library)
    monkeypatch.undo()

    fresh = make_material(library)
    main_window.open_material(fresh)
    assert _saved(main_window) == "Saved " + saved_stamp(library.get_material(fresh).updated)
    main_window.open_material(old)  # switching: the old material's own last save
    assert _saved(main_window) == "Saved " + saved_stamp(LONG_AGO)
    assert "2025-01-20" in _saved(main_window)

    monkeypatch.setattr(LibraryView, "_exec_dialog", lambda view, dialog: True)
    imported = main_window.library_view.import_file(str(seed_path))
    assert main_window.material_id == imported
    assert _saved(main_window) == "Saved " + saved_stamp(library.get_material(imported).updated)
    assert "2025" not in _saved(main_window)

    main_window.open_material(old, library.get_material(old).all_points()[0].id)
    main_window.actions_by_name["actionAddPoint"].trigger()  # a write, then its undo
    assert len(library.get_material(old).sections[0].dimensions[0].points) == 4
    main_window.actions_by_name["actionUndo"].trigger()
    stored = library.get_material(old)
    assert len(stored.sections[0].dimensions[0].points) == 3
    # the write's own clock (the status bar) and the library's stamp may straddle a second
    shown = datetime.strptime(_saved(main_window).removeprefix("Saved "), "%H:%M:%S")
    written = datetime.strptime(saved_stamp(stored.updated), "%H:%M:%S")
    assert abs((shown - written).total_seconds()) <= 1
    assert "2025" not in _saved(main_window)

    main_window.close_material()
    assert _saved(main_window) == ""


def test_first_start_with_nothing_open_claims_no_findings(qtbot, main_window):
    panel = main_window.checks_features.panel
    qtbot.waitUntil(lambda: panel.checked, timeout=5000)  # the first run, on nothing
    assert panel.summary.text() == "No material open"
    assert main_window.pdf_features.preview.status.text() == "No material open."
    assert _saved(main_window) == ""


def test_an_opened_material_never_shows_as_not_open_in_the_preview(qtbot, main_window):
    """The preview said 未打开材料 while its first render of an open material waited."""
    from tests.ui.helpers_editor import make_material as material_in

    preview = main_window.pdf_features.preview
    main_window.open_material(material_in(main_window.library))
    assert preview.status.text() == "Preparing the preview…"
    qtbot.waitUntil(lambda: preview.page_count() > 0, timeout=15000)
    assert preview.status.text().endswith("page(s), A4")


def test_the_docs_screenshots_show_the_window_as_on_such_a_screen(qtbot, tmp_path, seed_path):
    """``--screenshot … --screen 1366x768``: the window as first started on a 1366×768 laptop
    (less a 40 px panel and the title bar), its preview pages and checks in."""
    from PySide6.QtGui import QColor, QImage

    from ui.main import main

    lib = tmp_path / "lib.db"
    seed_id = _seed_library(lib, seed_path)
    out = tmp_path / "window.png"
    args = ["--library", str(lib), "--open", str(seed_id), "--screenshot", str(out)]
    assert main([*args, "--screen", "1366x768"]) == 0
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1366, 768 - 40 - 30)
    # on the right, a page: white paper with dark type on it
    grays = [
        QColor(image.pixel(x, y)).lightness()
        for x in range(1000, 1340, 3)
        for y in range(150, 600, 3)
    ]
    # type at the preview's fit-width zoom is small and anti-aliased: grey more than black
    assert grays.count(255) > len(grays) // 3 and sum(g < 160 for g in grays) > 100
    assert main([*args, "--screen", "big"]) == 2
