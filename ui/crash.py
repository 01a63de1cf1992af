"""Crash handling in the window: the dialog shown after an unexpected error, the Qt message
handler, and opening a library that may be locked, corrupt or not a library at all.

``install_crash_handling(window)`` wires the core half (``app.logging_setup``): pending edits
are flushed first, the error is logged (redacted), then ``show_crash_dialog`` tells the user
that what was saved is safe and where the log is. ``open_library_or_explain`` is what
``ui/main.py`` opens the library with: a refused file is explained, never written, and the user
may restore the newest good backup or rescue what can be read (``ui.dialogs.recovery``).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QThread, QtMsgType, qInstallMessageHandler
from PySide6.QtWidgets import QMessageBox, QTextEdit, QWidget

from app.errors import DuizhaoError, LibraryError, LibraryLockedError
from app.library import Library
from app.logging_setup import (
    Redacted,
    install_excepthook,
    log_qt_message,
    redact,
    setup_logging,
)

_QT_LEVELS = {
    QtMsgType.QtDebugMsg: "debug",
    QtMsgType.QtInfoMsg: "info",
    QtMsgType.QtWarningMsg: "warning",
    QtMsgType.QtCriticalMsg: "critical",
    QtMsgType.QtFatalMsg: "fatal",
}
_log = logging.getLogger("duizhao.ui")


def _tr(text: str) -> str:
    return QCoreApplication.translate("Crash", text)


# ----- the crash dialog ----------------------------------------------------------------------
def crash_text(log_path: Path | None) -> str:
    """The dialog's main text: what happened, that saved work is safe, where the log is."""
    text = _tr(
        "The program ran into an unexpected error. What was already saved is not lost: "
        "every edit is stored in the library as you type."
    )
    if log_path is not None:
        text += "\n\n" + _tr("The log (without any material text) is at: %1").replace(
            "%1", str(log_path)
        )
    return text


def error_summary(exc_type: type[BaseException], exc: BaseException | None) -> str:
    """One line for the details: our own errors in their words, anything else by type only
    (the message of a foreign exception may quote material text)."""
    if isinstance(exc, DuizhaoError):
        return f"{exc.zh}\n{exc.en}" if exc.en else exc.zh
    return f"{exc_type.__name__}: {redact(str(exc))}" if exc is not None else exc_type.__name__


def run_crash_dialog(box: QMessageBox) -> None:
    """Shows the dialog modally. Tests replace this."""
    box.exec()


def show_crash_dialog(
    exc_type: type[BaseException],
    exc: BaseException | None,
    parent: QWidget | None = None,
    log_path: Path | None = None,
) -> QMessageBox:
    """The dialog for ``install_excepthook(show=…)``; returns it (already closed)."""
    box = QMessageBox(
        QMessageBox.Icon.Critical,
        _tr("Unexpected error"),
        crash_text(log_path),
        QMessageBox.StandardButton.Ok,
        parent,
    )
    box.setObjectName("crashDialog")
    box.setInformativeText(
        _tr("You can keep working; if something looks wrong, restart the program.")
    )
    box.setDetailedText(error_summary(exc_type, exc))
    # the error as Python reports it, behind 显示详细信息, to copy into a report
    details = box.findChild(QTextEdit)
    if details is not None:
        details.setObjectName("crashDetails")
    try:
        run_crash_dialog(box)
    finally:
        box.deleteLater()
    return box


def _on_gui_thread() -> bool:
    app = QCoreApplication.instance()
    return app is not None and QThread.currentThread() == app.thread()


def install_crash_handling(window, log_folder: Path | None = None) -> Callable:
    """Log to the rotating private log, flush the window's pending edits and show the dialog on
    any uncaught exception; route Qt's messages to the log. Returns the installed hook.

    Widgets may only be touched on the GUI thread, so an error raised on another thread is
    logged only. While the dialog is open its event loop runs, and an error that repeats (a
    paint handler failing on every repaint) is logged, not stacked up as more dialogs."""
    log_path = setup_logging(log_folder)
    showing = False

    def flush() -> None:
        if _on_gui_thread():
            window.flush_pending()

    def show(exc_type, exc) -> None:
        nonlocal showing
        if showing or not _on_gui_thread():
            return
        showing = True
        try:
            show_crash_dialog(exc_type, exc, window, log_path)
        finally:
            showing = False

    hook = install_excepthook(flush=flush, show=show)
    install_qt_message_handler()
    return hook


# ----- Qt's messages ----------------------------------------------------------------------------
def _qt_message(mode: QtMsgType, context, message: str) -> None:
    where = ""
    if context is not None and getattr(context, "file", None):
        where = f"{context.file}:{context.line}"
    log_qt_message(_QT_LEVELS.get(mode, "warning"), message, where)


def install_qt_message_handler() -> None:
    """Qt's warnings (and worse) go to our log, redacted, instead of a console no one sees."""
    qInstallMessageHandler(_qt_message)


def remove_qt_message_handler() -> None:
    qInstallMessageHandler(None)


# ----- opening a library -------------------------------------------------------------------------
def is_locked_error(exc: LibraryError) -> bool:
    """The library is open in another window (the store's single-writer lock is held)."""
    return isinstance(exc, LibraryLockedError)


def show_open_error(parent: QWidget | None, title: str, exc: BaseException) -> None:
    """A plain explanation with nothing to choose. Tests replace this."""
    from ui.dialogs.common import show_error

    show_error(parent, title, exc)


def open_library_or_explain(
    path: str | Path, parent: QWidget | None = None, *, auto_backup: bool = True
) -> Library | None:
    """``Library.open(path)``, or None after telling the user why not.

    A locked library says it is open in another window. A corrupt file, or one that is not a
    Duizhao library, is never written: the recovery dialog offers the newest good backup
    (restored in place, the refused file kept as a backup first), a read-only rescue to JSON,
    or quitting. Anything else (read-only folder, newer schema) is explained as it is. A
    restore that was killed part way is finished (or found never begun) by the open, and
    ``show_open_notice`` says so."""
    from ui.dialogs import recovery

    path = Path(path).expanduser().absolute()
    try:
        library = Library.open(path, auto_backup=auto_backup)
    except LibraryError as exc:
        if is_locked_error(exc):
            _log.info("library refused: locked")
            show_open_error(parent, _tr("The library is already open in another window"), exc)
            return None
        problem = recovery.diagnose(path, exc)
        _log.warning("library refused: %s", Redacted(problem))
        if problem in (recovery.CORRUPT, recovery.NOT_A_LIBRARY):
            return recovery.recover(path, exc, problem, parent)
        show_open_error(parent, _tr("Cannot open the library"), exc)
        return None
    if library.notice is not None:  # a restore killed part way: finished now, or never begun
        show_open_notice(parent, _tr("About the last restore"), library.notice)
    return library


def show_open_notice(parent: QWidget | None, title: str, notice: tuple[str, str]) -> None:
    """What the store has to say about the library just opened. Tests replace this."""
    box = QMessageBox(
        QMessageBox.Icon.Information, title, notice[0], QMessageBox.StandardButton.Ok, parent
    )
    from ui.dialogs.common import english_shown

    if english_shown():
        box.setInformativeText(notice[1])
    box.exec()
