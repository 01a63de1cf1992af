"""The program ``test_input_method_e2e`` types into: ``ui.main.main`` as a user starts it (so the
input-method set-up runs exactly as in the real program), on a real X display.

Usage: ``python tests/ui/input_method_child.py LIBRARY MATERIAL_ID``. Once the window shows it
prints one JSON line ``{"ready": …}`` (the Qt variables as restored, the active input context),
then obeys one command per stdin line, answering each with one JSON line:

- ``focus NAME [NODE]``: select outline node NODE (if given), give NAME the keyboard focus;
  answers with the caret rectangle the input method is told (global coordinates) and the
  caret's own rectangle in the widget (global), so the test can compare them.
- ``text NAME``: the widget's text. ``quit``: close the window (pending edits are stored).
"""

from __future__ import annotations

import json
import os
import sys
import threading
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from PySide6.QtCore import QObject, QRect, Qt, QTimer, Signal  # noqa: E402
from PySide6.QtWidgets import QApplication, QPlainTextEdit, QWidget  # noqa: E402

import ui.main  # noqa: E402
from ui import input_method  # noqa: E402


def reply(**fields) -> None:
    print(json.dumps(fields, ensure_ascii=False), flush=True)


def find_widget(name: str) -> QWidget | None:
    for top in QApplication.topLevelWidgets():
        if top.objectName() == name:
            return top
        found = top.findChild(QWidget, name)
        if found is not None:
            return found
    return None


def global_rect(widget: QWidget, rect: QRect) -> list[int]:
    top_left = widget.mapToGlobal(rect.topLeft())
    return [top_left.x(), top_left.y(), rect.width(), rect.height()]


class Commands(QObject):
    line = Signal(str)  # from the stdin thread, delivered on the GUI thread

    def __init__(self, window):
        super().__init__()
        self.window = window
        self.line.connect(self.run)

    def run(self, line: str) -> None:
        words = line.split()
        if not words:
            return
        if words[0] == "quit":
            self.window.close()
            return
        widget = find_widget(words[1]) if len(words) > 1 else None
        if widget is None:
            reply(error=f"no widget {words[1:]}")
            return
        if words[0] == "text":
            reply(
                text=widget.toPlainText() if isinstance(widget, QPlainTextEdit) else widget.text()
            )
        elif words[0] == "focus":
            if len(words) > 2:
                self.window.select_node(int(words[2]))
            self.focus(widget, attempts=50)

    def focus(self, widget: QWidget, attempts: int) -> None:
        """Focus like a click would, then wait until Qt (and so the input method) has it."""
        widget.window().activateWindow()
        widget.setFocus(Qt.FocusReason.MouseFocusReason)
        if QApplication.focusWidget() is not widget or not widget.window().isActiveWindow():
            if attempts > 0:
                QTimer.singleShot(50, lambda: self.focus(widget, attempts - 1))
            else:
                reply(error="focus not taken")
            return
        if isinstance(widget, QPlainTextEdit):
            widget.moveCursor(widget.textCursor().MoveOperation.End)
            caret = widget.viewport()
            caret_rect = widget.cursorRect()
        else:
            widget.end(False)
            caret, caret_rect = widget, widget.cursorRect()
        QApplication.processEvents()
        ime_rect = QApplication.inputMethod().cursorRectangle().toRect()  # window coordinates
        window = widget.window().windowHandle()
        ime_top_left = window.mapToGlobal(ime_rect.topLeft())
        reply(
            focused=widget.objectName(),
            ime_rect=[ime_top_left.x(), ime_top_left.y(), ime_rect.width(), ime_rect.height()],
            caret_rect=global_rect(caret, caret_rect),
        )


def read_commands(commands: Commands) -> None:
    for line in sys.stdin:
        commands.line.emit(line.strip())


def start(material_id: int):
    original_build = ui.main.build_window

    def build_window(library):
        window = original_build(library)

        def ready() -> None:
            commands = Commands(window)
            window._input_method_test_commands = commands  # keep it alive
            threading.Thread(target=read_commands, args=(commands,), daemon=True).start()
            reply(
                ready=True,
                active=input_method.active_input_context(),
                route=input_method.startup_record().plan.route,
                environment={name: os.environ.get(name) for name in input_method.QT_VARIABLES},
            )

        QTimer.singleShot(0, ready)  # once the event loop runs: the window is shown
        return window

    ui.main.build_window = build_window


if __name__ == "__main__":
    library_path, material = sys.argv[1], int(sys.argv[2])
    start(material)
    code = ui.main.main(["--library", library_path, "--open", str(material)])
    reply(exit=code)
    sys.exit(code)
