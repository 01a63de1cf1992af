"""Shared UI fixtures: a fresh library per test, the seed imported, and the main window.

Modal dialogs never block here: ``no_modal_dialogs`` (autouse) makes ``QMessageBox`` statics and
``QDialog.exec`` fail the test loudly unless a test patched them on purpose.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

from app.library import Library
from ui.refcount_guard import guard_none_refcount

# PySide6 6.12 on CPython 3.11 leaks a reference to None per void call: a long test session
# would abort the interpreter. A no-op on the pinned PySide6 (see ui/refcount_guard.py).
guard_none_refcount()


@pytest.fixture(autouse=True)
def no_modal_dialogs(monkeypatch):
    """A modal dialog in an offscreen test would wait forever: fail instead of hanging."""

    def refuse(*args, **kwargs):
        raise AssertionError(f"a modal dialog was opened in a test: {args[1:3]!r}")

    for name in ("information", "warning", "critical", "question"):
        monkeypatch.setattr(QMessageBox, name, staticmethod(refuse))
    monkeypatch.setattr(QDialog, "exec", refuse)
    monkeypatch.setattr(QMessageBox, "exec", refuse)


def type_text(widget: QWidget, text: str) -> None:
    """Type like a user, one key event per character: ``QTest.keyClicks`` aborts on Chinese
    (STYLE.md, known traps)."""
    for ch in text:
        QTest.sendKeyEvent(
            QTest.KeyAction.Click, widget, Qt.Key.Key_unknown, ch, Qt.KeyboardModifier.NoModifier
        )


@pytest.fixture
def typer():
    """``typer(widget, "中文")`` types the text into the widget, one character at a time."""
    return type_text


@pytest.fixture
def library(tmp_path):
    lib = Library.open(tmp_path / "lib.db")
    yield lib
    lib.close()


@pytest.fixture
def seeded_library(library, seed_path):
    """The library with the seed material imported (its id is ``seeded_library.seed_id``)."""
    from app.importers.text import import_text_file

    material, _report = import_text_file(seed_path)
    library.seed_id = library.create_material(material)
    return library


@pytest.fixture
def main_window(qtbot, library):
    from ui.main_window import MainWindow

    window = MainWindow(library)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    yield window
    window.close()


def _shown_library_view(qtbot, library):
    from ui.library_view import LibraryView

    widget = LibraryView(library)
    qtbot.addWidget(widget)
    widget.resize(900, 600)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


@pytest.fixture
def view(qtbot, library):
    """A shown LibraryView on the empty test library."""
    return _shown_library_view(qtbot, library)


@pytest.fixture
def seeded_view(qtbot, seeded_library):
    """A shown LibraryView on the library holding the seed."""
    return _shown_library_view(qtbot, seeded_library)
