"""The ``duizhao`` entry point: arguments, QApplication, translations, the library, the window.

``main(argv)`` is testable: it never calls ``sys.exit`` and returns the exit code. With
``--screenshot`` it renders the window at 1280×800 into a PNG and returns without an event loop;
with ``--screen WxH`` too, the window as first started on a screen of that size, once its checks
and preview have come in (the screenshots in docs/).
"""

from __future__ import annotations

import gc

if __name__ == "__main__":  # python -m ui.main: no collections while importing (see main)
    gc.disable()

import argparse
import os
import sys
from functools import partial
from pathlib import Path

# The library layer is imported before PySide6 on purpose: once PySide6 is loaded, its import
# hook reads the source of every module imported after it (≈0.2 ms each). Its write layer,
# sqlite_utils (~40 modules, ~50 ms), is loaded once the window has painted (_run).
from app import __version__
from app.errors import DuizhaoError, InputError, LibraryError
from app.library import Library
from app.paths import library_path, prepare_library_path
from app.target_guard import check_target

# isort: split
from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QMainWindow, QMessageBox, QWidget

import ui.qt_import_toll  # noqa: F401 (first after PySide6: spares it reading older modules)
from ui import input_method
from ui.i18n import LANGUAGES, install_translators, remove_translators
from ui.refcount_guard import guard_none_refcount
from ui.tasks import GUI_SWITCH_INTERVAL

SCREENSHOT_SIZE = (1280, 800)
# A --screen screenshot: a task bar or panel takes this much of the screen, the window's title
# bar (drawn by the system, not in the grab) this much more when maximised.
SCREEN_PANEL_PX = 40
TITLE_BAR_PX = 30
SETTLE_TIMEOUT_S = 30  # a --screen screenshot waits this long at most for checks and preview
# QPixmap.save's PNG "quality" sets zlib's level (quality 80 → level 1): a third faster than the
# default level for a screenshot of text and flat colour, and no bigger.
SCREENSHOT_PNG_QUALITY = 80
EXIT_BAD_INPUT = 2
# Work the user does not see waits this long after window.show(): by then the window has painted.
AFTER_FIRST_PAINT_MS = 500
_screenshot_taken = False  # set by a --screenshot run that wrote its PNG (see exit_after)


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="duizhao", description="对照 — 对照检查材料编辑器")
    parser.add_argument(
        "--library",
        metavar="PATH",
        help="library file (default: $DUIZHAO_LIBRARY or the per-user data folder)",
    )
    parser.add_argument("--open", metavar="ID", type=int, dest="open_id", help="open this material")
    parser.add_argument(
        "--screenshot", metavar="OUT.png", help="render the window at 1280x800 into a PNG and exit"
    )
    parser.add_argument(
        "--screen",
        metavar="WxH",
        type=_screen_size,
        help="with --screenshot: the window as first started on a WxH screen, checks and "
        "preview shown",
    )
    parser.add_argument("--lang", choices=LANGUAGES, default="zh_CN", help="interface language")
    parser.add_argument("--version", action="version", version=f"duizhao {__version__}")
    # "Open with 对照" from the desktop or Explorer passes files: each is imported and opened.
    parser.add_argument("files", nargs="*", metavar="FILE", help=".txt/.md/.docx/.json to import")
    return parser.parse_args(argv)


def _screen_size(text: str) -> tuple[int, int]:
    width, sep, height = text.lower().partition("x")
    if not (sep and width.isdigit() and height.isdigit() and int(width) >= 640):
        raise argparse.ArgumentTypeError(f"not a screen size like 1366x768: {text}")
    if int(height) < 480:
        raise argparse.ArgumentTypeError(f"not a screen size like 1366x768: {text}")
    return int(width), int(height)


def _is_headless(screenshot: bool) -> bool:
    """No one can click a message box: print errors instead."""
    return screenshot or QGuiApplication.platformName() in ("offscreen", "minimal")


def report_error(exc: DuizhaoError, *, headless: bool, title: str) -> None:
    print(f"duizhao: {exc.zh}" + (f" / {exc.en}" if exc.en else ""), file=sys.stderr)
    if not headless:
        box = QMessageBox(QMessageBox.Icon.Critical, title, exc.zh)
        from ui.dialogs.common import english_shown

        if exc.en and english_shown():
            box.setInformativeText(exc.en)
        box.exec()


def _application() -> QApplication:
    app = QApplication.instance()
    if app is None:
        app = QApplication([sys.argv[0] if sys.argv else "duizhao"])
    app.setApplicationName("duizhao")
    app.setOrganizationName("duizhao")
    app.setDesktopFileName("org.duizhao.Duizhao")  # matches packaging/linux/*.desktop
    from ui.icons import app_icon  # not ui.about: that module loads package metadata

    app.setWindowIcon(app_icon())
    return app


def build_window(library: Library) -> QMainWindow:
    from ui.main_window import MainWindow  # after the translators: its strings translate at build

    return MainWindow(library)


def take_screenshot(
    window: QWidget, out: str | Path, screen: tuple[int, int] | None = None
) -> bool:
    """Render the window at 1280×800 (physical pixels) into a PNG; with ``screen``, as first
    started on a screen of that size, once its checks and preview are shown. Raises InputError
    when ``out`` must not be replaced (the library, a device, a read-only file)."""
    size = SCREENSHOT_SIZE
    if screen is not None:
        size = _first_start_size(window, *screen)
    else:  # laid out at that size, not maximised on this process's screen and then stretched
        window.setWindowState(Qt.WindowState.WindowNoState)
        window.resize(*size)
        window.size_docks_for_window()
    window.resize(*size)
    window.show()
    QApplication.processEvents()
    if screen is not None:
        _settle(window)
    pixmap = window.grab()
    if (pixmap.width(), pixmap.height()) != size:  # HiDPI screens grab at ×DPR
        pixmap = pixmap.scaled(
            *size,
            Qt.AspectRatioMode.IgnoreAspectRatio,
            Qt.TransformationMode.SmoothTransformation,
        )
    out = Path(out)
    tmp = out.with_name(out.name + ".tmp")
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        # The PNG replaces ``out`` by rename: never the library, its side files or backups.
        out = check_target(out)
        if not pixmap.save(str(tmp), "PNG", SCREENSHOT_PNG_QUALITY):
            return False
        os.replace(tmp, out)
    except OSError:
        return False
    return True


def _first_start_size(window, width: int, height: int) -> tuple[int, int]:
    """The inside of the window on its first start on such a screen, laid out for it."""
    from PySide6.QtCore import QRect

    from ui import window_layout

    available = QRect(0, 0, width, height - SCREEN_PANEL_PX)
    start = window_layout.first_start(available)
    size = start.geometry.size()
    if start.maximised:  # the system's title bar takes the top of the screen
        size = available.size()
        size.setHeight(size.height() - TITLE_BAR_PX)
    window.setWindowState(Qt.WindowState.WindowNoState)  # this process's screen is not that one
    window.resize(size)
    window.size_docks_for_window()  # a window just built: its docks are in their default places
    return size.width(), size.height()


def _settle(window) -> None:
    """Wait for what the user sees a moment after start: the checks and the preview pages."""
    import time

    preview = window.pdf_features.preview
    panel = window.checks_features.panel
    deadline = time.monotonic() + SETTLE_TIMEOUT_S
    while time.monotonic() < deadline:
        QApplication.processEvents()
        rendered = window.material is None or preview.render_count > 0
        if rendered and panel.checked and not window.checks_features.runner.running:
            break
        time.sleep(0.02)
    for _ in range(5):  # the page view paints its pages on a thread of its own
        time.sleep(0.05)
        QApplication.processEvents()


def freeze_startup_objects() -> None:
    gc.collect()  # ≈20 ms with the seed open: after the first paint, not before it
    gc.freeze()
    gc.enable()


def main(argv: list[str] | None = None) -> int:
    # Checks and preview renders run on worker threads holding the GIL in pure Python: a short
    # switch interval gives it back to the GUI thread soon, so typing stays responsive meanwhile
    # (measured: ui/tasks.py). Set once for the process, never toggled by a feature.
    sys.setswitchinterval(GUI_SWITCH_INTERVAL)
    # Start-up allocates many long-lived objects (Qt enums, dataclasses, widgets) and no garbage
    # worth collecting: the cyclic collector would run ~80 times (≈20 ms) for nothing. It is
    # back on once the window has painted (freeze_startup_objects), or when main returns.
    collecting = gc.isenabled() or __name__ == "__main__"  # as a script it was paused at import
    gc.disable()
    try:
        return _main(argv)
    finally:
        if collecting:
            gc.enable()


def _main(argv: list[str] | None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    try:
        args = parse_args(argv)
    except SystemExit as exc:  # argparse printed the usage already
        return int(exc.code or 0)
    guard_none_refcount()
    if args.screenshot and QApplication.instance() is None and "QT_QPA_PLATFORM" not in os.environ:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"  # a screenshot needs no visible window
    ime = input_method.prepare()  # Qt picks its input context while QApplication is made
    app = _application()
    input_method.restore(ime)  # child processes get the user's own variables back
    install_translators(app, args.lang)
    try:
        return _run(app, args, headless=_is_headless(bool(args.screenshot)))
    finally:
        remove_translators(app)  # main() may run again in the same process (tests)


def open_library(args: argparse.Namespace, *, headless: bool) -> Library | None:
    """The library, or None after explaining why not. Headless (screenshot, offscreen): one
    line on stderr. With a screen: ``ui.crash.open_library_or_explain`` — locked, corrupt or
    foreign files explained, the newest good backup or a read-only rescue offered. A refused
    file is never written either way."""
    title = QCoreApplication.translate("main", "Cannot open the library")
    try:
        path = prepare_library_path(library_path(args.library))
        if headless:
            return Library.open(path)
    except (LibraryError, InputError) as exc:
        report_error(exc, headless=headless, title=title)
        return None
    from ui.crash import open_library_or_explain

    # The backup made on open runs on a worker once the window shows (a large library's copy
    # would otherwise delay the first paint).
    return open_library_or_explain(path, auto_backup=False)


def import_and_open(window, path: str, *, headless: bool) -> int | None:
    """Import one file given on the command line ("Open with 对照") and show it. With a screen
    the user sees the import preview first, as with File → Import."""
    if not headless:
        return window.library_view.import_file(path)
    from app.importers import read_file

    try:
        material, report = read_file(path)
        material_id = window.library.create_material(material, report.links or None)
    except DuizhaoError as exc:
        report_error(
            exc,
            headless=headless,
            title=QCoreApplication.translate("main", "Cannot import the file"),
        )
        return None
    window.library_view.refresh()
    window.open_material(material_id)
    return material_id


def _run(app: QApplication, args: argparse.Namespace, *, headless: bool) -> int:
    library = open_library(args, headless=headless)
    if library is None:
        return EXIT_BAD_INPUT
    window = None
    try:
        window = build_window(library)
        if args.open_id is not None:
            try:
                window.open_material(args.open_id)
            except InputError as exc:
                title = QCoreApplication.translate("main", "Cannot open the material")
                report_error(exc, headless=headless, title=title)
                if args.screenshot:
                    return EXIT_BAD_INPUT
        for path in args.files:
            import_and_open(window, path, headless=headless)
        if args.open_id is None and not args.files:
            window.last_material.reopen()  # where the user left off; nothing if it is gone
        if args.screenshot:
            window.remember_layout = False  # a screenshot's layout is not the user's
            shot = partial(take_screenshot, screen=args.screen) if args.screen else take_screenshot
            try:
                taken = shot(window, args.screenshot)
            except InputError as exc:
                report_error(exc, headless=True, title="")
                return EXIT_BAD_INPUT
            if taken:
                global _screenshot_taken
                _screenshot_taken = True
                return 0
            print(
                f"duizhao: 无法写入截图：{args.screenshot} / cannot write {args.screenshot}",
                file=sys.stderr,
            )
            return 1
        from ui.crash import install_crash_handling

        install_crash_handling(window)  # flush pending edits, log (redacted), tell the user
        window.show()
        # Once the window has painted: the library's write layer (else the first edit's commit
        # would import it), the backup on open (a worker, but it still takes turns with the GUI
        # thread), then one collection of the start-up objects, which live for the whole
        # session, kept out of later collections so a full one never stalls typing.
        QTimer.singleShot(AFTER_FIRST_PAINT_MS, library.load_write_layer)
        QTimer.singleShot(AFTER_FIRST_PAINT_MS, window.reliability.start_backup_if_due)
        QTimer.singleShot(AFTER_FIRST_PAINT_MS, freeze_startup_objects)
        return app.exec()
    finally:
        if window is not None:
            window.flush_pending()
            window.close()
            window.deleteLater()
        library.close()


def exit_after(code: int) -> None:
    """End the process with ``code`` (the ``python -m ui.main`` path).

    After a screenshot the PNG is written and the library closed: tearing down every widget,
    Qt and the interpreter would add ≈0.1 s that no one waits for, so the process ends at once
    once the output streams are flushed. Every other run exits normally."""
    if _screenshot_taken:
        if "logging" in sys.modules:
            sys.modules["logging"].shutdown()
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)
    sys.exit(code)


if __name__ == "__main__":
    exit_after(main())
