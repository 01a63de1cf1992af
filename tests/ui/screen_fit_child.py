"""The window's first start on the screen this process was given (``test_window_layout`` starts
it under ``QT_QPA_PLATFORM=offscreen:configfile=…``, which sets the screen's size), in Chinese
with the seed open, as ``ui.main`` builds it.

Usage: ``python tests/ui/screen_fit_child.py LIBRARY MATERIAL_ID``. Once the checks have come in
it prints one JSON line of global rectangles ``[x, y, width, height]``: the screen's available
geometry, the window's frame, the status bar, the dock tab bar, the preview; the checks list's
height and row height; the 已保存 text.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from PySide6.QtCore import QRect  # noqa: E402
from PySide6.QtWidgets import QApplication, QTabBar, QWidget  # noqa: E402

from app.library import Library  # noqa: E402
from ui.i18n import install_translators  # noqa: E402


def global_rect(widget: QWidget) -> list[int]:
    rect = QRect(widget.mapToGlobal(widget.rect().topLeft()), widget.size())
    return [rect.x(), rect.y(), rect.width(), rect.height()]


def main() -> None:
    app = QApplication([sys.argv[0]])
    install_translators(app, "zh_CN")
    library = Library.open(sys.argv[1])
    from ui.main_window import MainWindow

    window = MainWindow(library)
    window.open_material(int(sys.argv[2]))
    window.show()
    panel = window.checks_features.panel
    deadline = time.monotonic() + 60  # hang guard; the checks take well under a second
    while time.monotonic() < deadline and not (panel.checked and panel.count()):
        app.processEvents()
        time.sleep(0.02)
    app.processEvents()
    area = window.screen().availableGeometry()
    frame = window.frameGeometry()
    tab_bars = [bar for bar in window.findChildren(QTabBar) if bar.isVisible()]
    tree = panel.tree
    first_row = tree.model().index(0, 0)
    print(
        json.dumps(
            {
                "available": [area.x(), area.y(), area.width(), area.height()],
                "frame": [frame.x(), frame.y(), frame.width(), frame.height()],
                "status_bar": global_rect(window.statusBar()),
                "tab_bars": [global_rect(bar) for bar in tab_bars],
                "preview": global_rect(window.pdf_features.preview),
                "checks_height": tree.viewport().height(),
                "row_height": tree.visualRect(first_row).height(),
                "saved": window.status_saved.text(),
            },
            ensure_ascii=False,
        ),
        flush=True,
    )
    window.close()
    library.close()


if __name__ == "__main__":
    main()
