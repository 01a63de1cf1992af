"""The process ``test_cell_typing_kill`` kills: the real window, typing into a 整改清单 cell or
a rename in the library list, never closing the editor.

Usage: ``python tests/ui/cell_kill_child.py LIBRARY MATERIAL_ID MODE TEXT``; MODE ``cell``
types TEXT into the 责任人 cell of the first measure, ``rename`` types it over the material's
title in the library list (F2). Prints ``{"typed": …, "measure": id}`` once the last key was
handled, then idles (the editor open) until killed.
"""

from __future__ import annotations

import json
import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication  # noqa: E402

from app.library import Library  # noqa: E402
from tests.ui.helpers_editor import type_text  # noqa: E402
from tests.ui.typing_crash import open_cell_editor, open_rename_editor, spin  # noqa: E402
from ui.i18n import install_translators  # noqa: E402
from ui.refcount_guard import guard_none_refcount  # noqa: E402


def main(path: str, material_id: int, mode: str, text: str) -> int:
    guard_none_refcount()
    app = QApplication([sys.argv[0]])
    install_translators(app, "zh_CN")
    from ui.main_window import MainWindow  # after the translators, as ui.main does

    window = MainWindow(Library.open(path))
    window.resize(1366, 768)
    window.show()
    spin(0.1)
    window.open_material(material_id)
    measure = None
    if mode == "cell":
        from ui.rectification_model import COL_RESPONSIBLE

        measure, editor = open_cell_editor(window, COL_RESPONSIBLE)
    else:
        editor = open_rename_editor(window, material_id)
    for ch in text:  # at a typing pace, the events handled between keys
        type_text(editor, ch)
        spin(0.02)
    print(json.dumps({"typed": editor.text(), "measure": measure}, ensure_ascii=False), flush=True)
    while True:  # until killed, the editor open
        spin(0.02)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]))
