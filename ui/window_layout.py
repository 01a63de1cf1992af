"""Where the window and its docks go: fitted to the screen on first start, remembered per screen.

A laptop of 1366×768 leaves about 1366×728 to windows (less a panel): a fixed 1280×800 window
put the tab bar and the 已保存 status bar below the screen's edge. So the first start on a
screen fits the window inside the screen's available geometry (maximised on small screens, as
a user of an editor there expects; most of a large one, centred, otherwise), gives the checks
list several rows at the bottom and the preview the right-hand side, where a portrait A4 page
has room.

The layout a user makes is kept per available-geometry size (QSettings ``layout/<W>x<H>/…``):
a laptop that is sometimes docked to a large monitor gets each screen's own layout back, and a
screen size never seen before starts from the defaults above.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QByteArray, QRect, QSettings, QSize, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDockWidget, QMainWindow

# Below this available size the window starts maximised; above, it takes most of the screen.
SMALL_SCREEN = QSize(1600, 960)
# Of the available geometry, centred: the window on a large screen, and what a maximised one
# on a small screen returns to when the user un-maximises it.
NORMAL_SHARE = 0.9
# The smallest window that still shows menus, outline, editor, the checks rows and the status
# bar; well inside 1366×768 (and any screen of 800×600 and up).
MINIMUM_SIZE = QSize(640, 480)
# Bumped when the set or places of the docks change: an older saved state is then not restored
# (restoreState refuses another version) and the defaults apply.
LAYOUT_VERSION = 2
CHECKS_ROWS = 5  # finding rows the checks list shows in the default layout
PREVIEW_SHARE = 0.28  # of the window's width, for the preview on the right
PREVIEW_WIDTH = (320, 640)
CENTRAL_SHARES = (0.2, 0.28, 0.52)  # library, outline, editor


def settings() -> QSettings:
    return QSettings("duizhao", "duizhao")


def available_geometry(window: QMainWindow) -> QRect:
    """What the window's screen leaves to windows (panels and task bars taken off)."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    return screen.availableGeometry()


def screen_key(available: QRect | QSize) -> str:
    size = available.size() if isinstance(available, QRect) else available
    return f"layout/{size.width()}x{size.height()}"


@dataclass(frozen=True)
class FirstStart:
    # The window's frame when not maximised (a maximised one returns to it), centred inside
    # the available geometry.
    geometry: QRect
    maximised: bool


def first_start(available: QRect) -> FirstStart:
    """The window's place on a screen it has not been on before."""
    small = available.width() < SMALL_SCREEN.width() or available.height() < SMALL_SCREEN.height()
    size = QSize(int(available.width() * NORMAL_SHARE), int(available.height() * NORMAL_SHARE))
    size = size.expandedTo(MINIMUM_SIZE).boundedTo(available.size())
    rect = QRect(available.topLeft(), size)
    rect.moveCenter(available.center())
    return FirstStart(rect, small)


def solid_docks(docks: list[QDockWidget]) -> None:
    """Docks move between the window's sides and close, but never come off the window: a drag
    of a title bar by mistake used to tear 预览 off into a loose window."""
    for dock in docks:
        dock.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetClosable
            | QDockWidget.DockWidgetFeature.DockWidgetMovable
        )
        dock.setAllowedAreas(
            Qt.DockWidgetArea.BottomDockWidgetArea
            | Qt.DockWidgetArea.RightDockWidgetArea
            | Qt.DockWidgetArea.LeftDockWidgetArea
        )


def place_docks(window: QMainWindow) -> None:
    """The default arrangement: 检查, 历史版本, 撤销历史 as tabs at the bottom (检查 in front),
    预览 alone on the right, from the toolbar down to the status bar (the page is tall)."""
    bottom = Qt.DockWidgetArea.BottomDockWidgetArea
    window.setCorner(Qt.Corner.BottomRightCorner, Qt.DockWidgetArea.RightDockWidgetArea)
    # Out of the layout first: tabifying docks that are already tabbed again crashed Qt
    # (a dangling tab bar) now and then.
    # Docks opened on demand (整改清单, …) join the bottom tabs, hidden until opened.
    on_demand = list(getattr(window, "on_demand_docks", ()))
    bottom_docks = [window.checks_dock, window.snapshots_dock, window.undo_dock]
    for dock in (*bottom_docks, window.preview_dock, *on_demand):
        window.removeDockWidget(dock)
    for dock in (*bottom_docks, *on_demand):
        window.addDockWidget(bottom, dock)
        dock.show()
    for before, after in zip(bottom_docks + on_demand, bottom_docks[1:] + on_demand, strict=False):
        window.tabifyDockWidget(before, after)
    for dock in on_demand:
        dock.hide()
    window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, window.preview_dock)
    window.preview_dock.show()
    window.checks_dock.raise_()


def checks_height(window: QMainWindow) -> int:
    """The bottom docks' height that shows ``CHECKS_ROWS`` rows of findings under the panel's
    buttons, the list's header, the dock's title and the tab bar."""
    panel = window.checks_dock.widget()
    tree = getattr(panel, "tree", None)
    line = window.fontMetrics().height()
    row = max(tree.sizeHintForRow(0), line + 6) if tree is not None else line + 6
    header = tree.header().sizeHint().height() if tree is not None else line + 8
    buttons = max(line + 14, 30)
    chrome = 2 * (line + 8) + 16  # dock title and tab bar, margins
    return buttons + header + CHECKS_ROWS * row + chrome


def size_docks(window: QMainWindow, size: QSize) -> None:
    """Dock and pane sizes of the default layout for a window of ``size``."""
    bottom = min(checks_height(window), int(size.height() * 0.4))
    window.resizeDocks([window.checks_dock], [bottom], Qt.Orientation.Vertical)
    low, high = PREVIEW_WIDTH
    right = max(low, min(high, int(size.width() * PREVIEW_SHARE)))
    window.resizeDocks([window.preview_dock], [right], Qt.Orientation.Horizontal)
    central = max(size.width() - right, 1)
    window.splitter.setSizes([int(central * share) for share in CENTRAL_SHARES])


def restore(window: QMainWindow, available: QRect) -> bool:
    """Put back the layout last left on a screen of this size; False when there is none."""
    store = settings()
    key = screen_key(available)
    geometry = store.value(f"{key}/geometry")
    state = store.value(f"{key}/state")
    if not isinstance(geometry, QByteArray) or not isinstance(state, QByteArray):
        return False
    if not window.restoreGeometry(geometry) or not window.restoreState(state, LAYOUT_VERSION):
        return False
    splitter = store.value(f"{key}/splitter")
    if isinstance(splitter, QByteArray):
        window.splitter.restoreState(splitter)
    if not window.isMaximized() and not available.contains(window.frameGeometry()):
        fitted = first_start(available).geometry  # saved larger than this screen is now
        window.move(fitted.topLeft())
        window.resize(fitted.size())
    return True


def save(window: QMainWindow, available: QRect) -> None:
    store = settings()
    key = screen_key(available)
    store.setValue(f"{key}/geometry", window.saveGeometry())
    store.setValue(f"{key}/state", window.saveState(LAYOUT_VERSION))
    store.setValue(f"{key}/splitter", window.splitter.saveState())
    store.remove("window")  # the one layout for every screen of earlier versions


class WindowLayoutMixin:
    """The window's part of this: its place on start, the default docks, the save on close."""

    remember_layout = True  # kept for this screen size on close (a screenshot sets it off)

    def _restore_layout(self) -> None:
        """The layout last left on a screen of this size, or the first-start one for it."""
        self.setMinimumSize(MINIMUM_SIZE)
        self._screen_area = available_geometry(self)
        self._docks_to_size = not restore(self, self._screen_area)
        if self._docks_to_size:
            self._place_on_screen()

    def _place_on_screen(self) -> None:
        start = first_start(self._screen_area)
        self.move(start.geometry.topLeft())  # the frame's corner; the size is the inside's
        self.resize(start.geometry.size())
        # the docks are sized for the window as it will be, before the system maximises it
        self._docks_for = self._screen_area.size() if start.maximised else self.size()
        if start.maximised:
            self.setWindowState(Qt.WindowState.WindowMaximized)

    def lay_out_docks(self) -> None:
        """The default docks (all four, closed ones too) for the window's size."""
        place_docks(self)
        self.size_docks_for_window()

    def size_docks_for_window(self) -> None:
        """The default dock sizes for the window's size (now, or when it shows)."""
        self._docks_to_size = True
        self._docks_for = None
        if self.isVisible():
            self._size_docks()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        handle = self.windowHandle()
        if handle is not None and not getattr(self, "_follows_screen", False):
            self._follows_screen = True
            handle.screenChanged.connect(self.screen_changed)
        self._size_docks()

    def screen_changed(self, screen) -> None:
        """The window is on another screen now (a laptop taken off its dock, a monitor
        unplugged): its layout is kept under that screen's size from now on, and a window that
        no longer fits gets the layout last left on such a screen, or the first-start one."""
        if screen is None:
            return
        self.save_layout()  # what the user left on the screen before
        self._screen_area = screen.availableGeometry()
        if self.isMaximized() or self._screen_area.contains(self.frameGeometry()):
            return
        if not restore(self, self._screen_area):
            self.setWindowState(Qt.WindowState.WindowNoState)
            place_docks(self)
            self._docks_to_size = True
            self._place_on_screen()
            self._size_docks()

    def _size_docks(self) -> None:
        if self._docks_to_size:  # first start on this screen size: the default dock sizes
            self._docks_to_size = False
            size_docks(self, getattr(self, "_docks_for", None) or self.size())
            self._docks_for = None

    def save_layout(self) -> None:
        if self.remember_layout:
            save(self, self._screen_area)
