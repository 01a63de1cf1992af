"""The process ``test_gui_kill`` kills: the real window on a library, typing into 正文.

Usage: ``python tests/ui/gui_kill_child.py LIBRARY MATERIAL_ID POINT_ID TEXT SEED``. Types TEXT
into ``pointBodyEdit`` with key events, waits until ``statusSaved`` shows 已保存 and nothing is
pending, prints one JSON line ``{"body": …, "status": …}`` (the ack), then keeps typing in
bursts with pauses around the autosave delay — so a kill can land mid-burst, mid-write or idle —
until it is killed.
"""

from __future__ import annotations

import json
import os
import random
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QCoreApplication, QEvent, Qt  # noqa: E402
from PySide6.QtGui import QKeyEvent  # noqa: E402
from PySide6.QtWidgets import QApplication, QLabel, QPlainTextEdit  # noqa: E402

from app.store import Library  # noqa: E402
from ui.i18n import install_translators  # noqa: E402
from ui.refcount_guard import guard_none_refcount  # noqa: E402

MORE_TEXT = "整改落实不到位还需持续用力久久为功"
WAIT_S = 10


def type_text(widget, text: str) -> None:
    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(
                widget, QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, ch))


def spin(seconds: float) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        QApplication.processEvents()
        time.sleep(0.005)


def main(path: str, material_id: int, point_id: int, text: str, seed: int) -> int:
    guard_none_refcount()
    app = QApplication([sys.argv[0]])
    install_translators(app, "zh_CN")
    from ui.main_window import MainWindow  # after the translators, as ui.main does

    window = MainWindow(Library.open(path))
    window.show()
    window.open_material(material_id)
    window.select_node(point_id)
    body = window.findChild(QPlainTextEdit, "pointBodyEdit")
    status = window.findChild(QLabel, "statusSaved")
    body.setFocus()
    body.moveCursor(body.textCursor().MoveOperation.End)
    type_text(body, text)
    saved = QCoreApplication.translate("MainWindow", "Saved %1").replace("%1", "")
    deadline = time.monotonic() + WAIT_S
    while window.autosave.has_pending() or not status.text().startswith(saved):
        if time.monotonic() > deadline:
            print(json.dumps({"error": status.text()}), flush=True)
            return 1
        spin(0.02)
    print(json.dumps({"body": body.toPlainText(), "status": status.text()}, ensure_ascii=False),
          flush=True)
    rng = random.Random(seed)
    while True:  # until killed
        for ch in MORE_TEXT:
            type_text(body, ch)
            spin(rng.choice((0.02, 0.02, 0.05, 0.3, 1.1)))  # 1.1 s > the autosave pause


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4], int(sys.argv[5])))
