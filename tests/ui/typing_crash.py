"""What the typing-recovery tests share, in process and in the killed children: opening the
editor a user types into (a 整改清单 cell, a rename in the library list), what a crash leaves
behind, the next start, and letting a child's event loop run."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit, QMessageBox

from app.library import Library


def spin(seconds: float) -> None:
    """Run the event loop for ``seconds`` (a child process has no qtbot)."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        QApplication.processEvents()
        time.sleep(0.005)


def window_on(qtbot, library: Library):
    from ui.main_window import MainWindow

    window = MainWindow(library)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    return window


def crash(window) -> None:
    """What a SIGKILL leaves: no autosave, no close, an editor never closed."""
    window.autosave.timer.stop()
    window.autosave.pending.clear()


@contextmanager
def next_start(qtbot, path) -> Iterator[tuple[Library, object, QMessageBox | None]]:
    """The next start on the library at ``path``: (library, window, the recovery message or
    None), all closed again afterwards."""
    library = Library.open(path)
    window = window_on(qtbot, library)
    box = window.findChild(QMessageBox, "typingRecoveredBox")
    try:
        yield library, window, box
    finally:
        if box is not None:
            box.close()
        window.close()
        library.close()


def open_cell_editor(window, column: int) -> tuple[int, QLineEdit]:
    """整改清单 open, the first measure's cell of ``column`` being edited (its text selected,
    as a double-click leaves it). Returns (measure id, editor)."""
    from ui.rectification_model import MEASURE_ID_ROLE

    window.actions_by_name["actionRectificationList"].trigger()
    view = window.rectification.view
    row = next(r for r in range(view.model.rowCount()) if view.index_at(r, 0).data(MEASURE_ID_ROLE))
    index = view.index_at(row, column)
    view.table.setCurrentIndex(index)
    view.table.edit(index)
    editor = view.table.indexWidget(index)
    assert isinstance(editor, QLineEdit), editor
    editor.setFocus()
    editor.selectAll()
    return index.data(MEASURE_ID_ROLE), editor


def open_rename_editor(window, material_id: int) -> QLineEdit:
    """The material's title in the library list being renamed (F2), its text selected."""
    view = window.library_view
    view.select_material(material_id)
    view.tree.setFocus()
    QTest.keyClick(view.tree, Qt.Key.Key_F2)
    editor = view.tree.indexWidget(view.tree.currentIndex())
    assert isinstance(editor, QLineEdit), editor
    editor.setFocus()
    editor.selectAll()
    return editor


def start_child(script, *args: str):
    """A child window process (one of the ``*_kill_child.py`` scripts) on the offscreen
    platform, its stdout read line by line as it prints."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    repo = Path(__file__).resolve().parents[2]
    return subprocess.Popen(
        [sys.executable, str(script), *args],
        cwd=repo,
        env=dict(os.environ, PYTHONPATH=str(repo), QT_QPA_PLATFORM="offscreen"),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
    )
