"""The process ``test_gui_kill`` kills: the real window on a library, typing into 正文.

Usage: ``python tests/ui/gui_kill_child.py LIBRARY MATERIAL_ID POINT_ID TEXT SEED [MODE]``.
Types TEXT into ``pointBodyEdit`` with key events, waits until ``statusSaved`` shows 已保存 and
nothing is pending, prints one JSON line ``{"body": …, "status": …}`` (the ack). Then, MODE
``bursts`` (default): keeps typing in bursts with pauses around the autosave delay — so a kill can
land mid-burst, mid-write or idle — printing ``{"typed": body}`` after every key, until killed.
MODE ``last-words``: types LAST_WORDS, prints ``{"typed": body}`` and idles until killed (the
kill lands before the autosave pause is over).
"""

from __future__ import annotations

import json
import os
import random
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QCoreApplication  # noqa: E402
from PySide6.QtWidgets import QApplication, QLabel, QPlainTextEdit  # noqa: E402

from app.library import Library  # noqa: E402
from tests.ui.helpers_editor import type_text  # noqa: E402
from tests.ui.typing_crash import spin  # noqa: E402
from ui.i18n import install_translators  # noqa: E402
from ui.refcount_guard import guard_none_refcount  # noqa: E402

MORE_TEXT = "整改落实不到位还需持续用力久久为功"
LAST_WORDS = "第三次。"
WAIT_S = 10


def typed(body) -> None:
    print(json.dumps({"typed": body.toPlainText()}, ensure_ascii=False), flush=True)


def main(path: str, material_id: int, point_id: int, text: str, seed: int, mode: str) -> int:
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
    print(
        json.dumps({"body": body.toPlainText(), "status": status.text()}, ensure_ascii=False),
        flush=True,
    )
    if mode == "last-words":
        type_text(body, LAST_WORDS)
        typed(body)
        while True:  # until killed
            spin(0.02)
    rng = random.Random(seed)
    while True:  # until killed
        for ch in MORE_TEXT:
            type_text(body, ch)
            typed(body)
            spin(rng.choice((0.02, 0.02, 0.05, 0.3, 1.1)))  # 1.1 s > the autosave pause


if __name__ == "__main__":
    mode = sys.argv[6] if len(sys.argv) > 6 else "bursts"
    sys.exit(
        main(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4], int(sys.argv[5]), mode)
    )
