"""The title field: Enter breaks the printed title where the user wants it; lists, the outline and
the window caption still show the title on one line; the PDF keeps the break."""

from __future__ import annotations

from PySide6.QtCore import QMimeData, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QPlainTextEdit

from app.exporters.pdf import render_pdf
from app.exporters.title_breaks import break_title
from tests.app.pdf_measure import read_pdf
from tests.ui.helpers_editor import make_material, type_text
from ui.outline_model import MATERIAL_KEY
from ui.panels.title_edit import MAX_TITLE_LINES


def _title_editor(window) -> QPlainTextEdit:
    window.select_node(MATERIAL_KEY)
    editor = window.findChild(QPlainTextEdit, "titleEdit")
    assert editor is not None and editor.isVisible()
    return editor


def test_enter_in_the_title_breaks_the_printed_title_there(qtbot, main_window, library):
    window = main_window
    mid = make_material(library)
    window.open_material(mid)
    editor = _title_editor(window)
    one_row = editor.sizeHint().height()
    editor.selectAll()
    type_text(editor, "县政府党组")
    QTest.keyClick(editor, Qt.Key.Key_Return)
    type_text(editor, "2025年度民主生活会对照检查材料")
    assert editor.sizeHint().height() > one_row  # the field grows to show both lines
    window.flush_pending()
    stored = library.get_material(mid)
    assert stored.title == "县政府党组\n2025年度民主生活会对照检查材料"

    # Everywhere the title is listed it reads as one line.
    shown = "县政府党组2025年度民主生活会对照检查材料"
    assert window.windowTitle() == f"对照 — {shown}"
    outline = window.outline_model
    assert outline.index_for_key(MATERIAL_KEY).data() == shown
    qtbot.waitUntil(lambda: window.library_view.material_item(mid).text(0) == shown, timeout=3000)

    # The PDF (and so the preview) breaks where the user did, not where it would by itself
    # (县政府党组2025年度 / 民主生活会对照检查材料).
    data, _report = render_pdf(stored)
    title_lines = [line.text for line in read_pdf(data).lines if line.size == 22]
    assert title_lines == ["县政府党组", "2025年度民主生活会对照检查材料"]

    window.actions_by_name["actionUndo"].trigger()  # the break goes with the typing
    assert "\n" not in library.get_material(mid).title


def test_the_title_holds_at_most_three_lines(qtbot, main_window, library):
    window = main_window
    mid = make_material(library)
    window.open_material(mid)
    editor = _title_editor(window)
    editor.selectAll()
    type_text(editor, "县政府党组")
    for _ in range(MAX_TITLE_LINES + 2):
        QTest.keyClick(editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    type_text(editor, "对照检查材料")
    window.flush_pending()
    title = library.get_material(mid).title
    assert title.count("\n") == MAX_TITLE_LINES - 1  # further presses only beep
    assert break_title(title) == ["县政府党组", "对照检查材料"]  # an empty line prints nothing

    # A pasted block of lines keeps as many breaks as fit; the rest joins the last line.
    editor.selectAll()
    mime = QMimeData()
    mime.setText("中共××县委\r\n常委班子\n2025年度\n民主生活会\n对照检查材料\n")
    editor.insertFromMimeData(mime)
    window.flush_pending()
    assert library.get_material(mid).title == "中共××县委\n常委班子\n2025年度民主生活会对照检查材料"


def test_the_preview_breaks_a_typed_title_between_words(qtbot, main_window, library):
    """The issue's title: the preview showed 县政府党组2025年度民 / 主生活会对照检查材料."""
    window = main_window
    mid = make_material(library)
    window.open_material(mid)
    window.preview_dock.show()
    window.preview_dock.raise_()
    preview = window.pdf_features.preview
    qtbot.waitUntil(preview.isVisible, timeout=2000)
    editor = _title_editor(window)
    editor.selectAll()
    shown = preview.render_count
    type_text(editor, "县政府党组2025年度民主生活会对照检查材料")
    qtbot.waitUntil(lambda: preview.render_count > shown, timeout=15000)
    qtbot.waitUntil(lambda: "民主生活会对照检查材料" in page_text(preview), timeout=15000)
    lines = page_text(preview).splitlines()
    assert lines[:2] == ["县政府党组2025年度", "民主生活会对照检查材料"]


def page_text(preview) -> str:
    return preview.document.getAllText(0).text() if preview.document.pageCount() else ""
