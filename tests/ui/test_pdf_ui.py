"""PDF in the window, driven like a user: 导出 PDF, the live 预览 dock, 打印 and 打印预览."""

from __future__ import annotations

import os
import re
import threading

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QCoreApplication, QSize, Qt
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewWidget

from tests.ui.helpers_editor import type_text
from ui import pdf_export_dialog, pdf_features, printing
from ui.pdf_features import install_pdf_features

A4_POINTS = (595.28, 841.89)


@pytest.fixture(autouse=True)
def bundled_fonts(monkeypatch):
    monkeypatch.setenv("DUIZHAO_FONTS", "bundled")


@pytest.fixture
def seed_window(qtbot, seeded_library):
    """The window with PDF features installed and the seed open (as the lead wires it)."""
    from ui.main_window import MainWindow

    window = MainWindow(seeded_library)
    qtbot.addWidget(window)
    install_pdf_features(window)
    window.show()
    qtbot.waitExposed(window)
    window.open_material(seeded_library.seed_id)
    yield window
    window.close()


def accept_export_to(monkeypatch, target, seen: list | None = None):
    """Patch the modal dialog: the user types ``target`` and clicks Save."""

    def run(dialog):
        if seen is not None:
            seen.append(dialog.font_report.toPlainText())
        dialog.path_edit.setText(str(target))
        dialog.accept()
        return dialog.result() == dialog.DialogCode.Accepted

    monkeypatch.setattr(pdf_export_dialog, "run_dialog", run)


def page_text(reader: PdfReader, index: int) -> str:
    return re.sub(r"\s", "", reader.pages[index].extract_text())


def assert_a4(page) -> None:
    box = page.mediabox
    assert float(box.width) == pytest.approx(A4_POINTS[0], abs=1)
    assert float(box.height) == pytest.approx(A4_POINTS[1], abs=1)


def show_preview(window, qtbot):
    window.preview_dock.show()
    window.preview_dock.raise_()
    preview = window.pdf_features.preview
    qtbot.waitUntil(preview.isVisible, timeout=2000)
    return preview


# ----- 导出 PDF -------------------------------------------------------------------------------
def test_export_pdf_from_the_window_writes_the_a4_pages(qtbot, seed_window, tmp_path, monkeypatch):
    out = tmp_path / "exports" / "对照检查材料"  # typed without .pdf: the dialog adds it
    out.parent.mkdir()
    fonts_shown: list[str] = []
    accept_export_to(monkeypatch, out, fonts_shown)
    features = seed_window.pdf_features
    action = seed_window.actions_by_name["actionExportPdf"]
    assert action.isEnabled()

    with qtbot.waitSignal(features.exported, timeout=10000) as blocker:
        action.trigger()
    written, report = blocker.args
    assert written == out.with_name("对照检查材料.pdf")
    reader = PdfReader(written)
    assert len(reader.pages) == report.pages >= 9
    for page in reader.pages:
        assert_a4(page)
    assert seed_window.material.title in page_text(reader, 0)
    assert "正文（仿宋 3号）" in fonts_shown[0]  # the user saw which font serves the body
    assert str(written) in seed_window.statusBar().currentMessage()
    # the next export starts in the folder used last time
    dialog = pdf_export_dialog.PdfExportDialog("另一份材料", seed_window)
    assert dialog.path() == out.parent / "另一份材料.pdf"


def test_export_options_reach_the_pdf_and_are_remembered(qtbot, seed_window, tmp_path, monkeypatch):
    out = tmp_path / "centred.pdf"

    def run(dialog):
        dialog.point_paragraphs_check.setChecked(True)
        dialog.page_number_combo.setCurrentIndex(dialog.page_number_combo.findData("center"))
        dialog.path_edit.setText(str(out))
        dialog.accept()
        return True

    monkeypatch.setattr(pdf_export_dialog, "run_dialog", run)
    with qtbot.waitSignal(seed_window.pdf_features.exported, timeout=10000):
        seed_window.actions_by_name["actionExportPdf"].trigger()
    reader = PdfReader(out)
    # each 要点 starts its own paragraph: "二是…" now begins a line of its own on some page
    lines = [ln.strip() for p in reader.pages for ln in p.extract_text().splitlines()]
    assert any(ln.startswith("二是") for ln in lines)
    remembered = pdf_export_dialog.saved_options()
    assert remembered.point_paragraphs and remembered.page_number_position == "center"
    assert seed_window.pdf_features.preview.options == remembered


def test_failed_export_shows_a_chinese_error_and_leaves_no_half_file(
    qtbot, seed_window, tmp_path, monkeypatch
):
    folder = tmp_path / "locked"
    folder.mkdir()
    target = folder / "材料.pdf"
    target.write_bytes(b"old export")
    folder.chmod(0o555)
    if os.geteuid() == 0:  # root ignores the mode: refuse creating files there as the OS would
        from app.exporters import files

        real_open = os.open

        def read_only_open(path, flags, *args):
            if os.fspath(path).startswith(str(folder)) and flags & os.O_CREAT:
                raise PermissionError(13, "Permission denied", str(path))
            return real_open(path, flags, *args)

        monkeypatch.setattr(files.os, "open", read_only_open)
    shown = []
    monkeypatch.setattr(pdf_features, "show_error", lambda parent, title, exc: shown.append(exc))
    accept_export_to(monkeypatch, target)
    try:
        with qtbot.waitSignal(seed_window.pdf_features.export_failed, timeout=10000):
            seed_window.actions_by_name["actionExportPdf"].trigger()
    finally:
        folder.chmod(0o755)
    assert len(shown) == 1
    assert "无法写入文件" in shown[0].zh
    assert "无法写入文件" in seed_window.statusBar().currentMessage()
    assert sorted(p.name for p in folder.iterdir()) == ["材料.pdf"]  # no temp file left
    assert target.read_bytes() == b"old export"
    assert seed_window.actions_by_name["actionExportPdf"].isEnabled()  # can try again


def test_dialog_refuses_a_missing_folder_and_keeps_the_user_in_it(qtbot, main_window, tmp_path):
    dialog = pdf_export_dialog.PdfExportDialog("材料", main_window)
    qtbot.addWidget(dialog)
    dialog.path_edit.setText(str(tmp_path / "no-such-folder" / "x.pdf"))
    dialog.accept()
    assert dialog.result() != dialog.DialogCode.Accepted
    assert dialog.problem_label.isVisibleTo(dialog)
    assert "no-such-folder" in dialog.problem_label.text()


# ----- 预览 -------------------------------------------------------------------------------------
def test_preview_shows_the_pages_and_follows_typing(qtbot, seed_window):
    """The preview renders beside the editor and follows what is typed, also while a render
    runs. (How long the GUI may pause meanwhile: benchmarks/bench_gui_responsiveness.py.)"""
    preview = show_preview(seed_window, qtbot)
    assert seed_window.findChild(object, "previewDock").widget() is preview
    qtbot.waitUntil(lambda: preview.document.pageCount() >= 9, timeout=10000)
    assert preview.status.text() == f"{preview.document.pageCount()} page(s), A4"
    shown = preview.render_count

    point = seed_window.material.sections[0].dimensions[0].points[0]
    seed_window.select_node(point.id)
    body = seed_window.findChild(object, "pointBodyEdit")
    started = preview.generation
    for ch in "预览跟随输入而更新":
        type_text(body, ch)
        qtbot.wait(30)
    qtbot.waitUntil(lambda: preview.render_count > shown, timeout=10000)
    # keep typing while a render may be running: the editor must not wait for it
    for ch in "再补一句":
        type_text(body, ch)
        qtbot.wait(30)
    assert body.toPlainText().endswith("预览跟随输入而更新再补一句")
    qtbot.waitUntil(lambda: preview.render_count > shown + 1, timeout=10000)
    assert preview.generation > started
    text = "".join(preview.document.getAllText(i).text() for i in range(preview.page_count()))
    assert "预览跟随输入而更新再补一句" in re.sub(r"\s", "", text)


def test_preview_keeps_the_reader_on_the_same_page_after_a_re_render(qtbot, seed_window):
    preview = show_preview(seed_window, qtbot)
    qtbot.waitUntil(lambda: preview.page_count() >= 9, timeout=10000)
    scroll = preview.view.verticalScrollBar()
    qtbot.waitUntil(lambda: scroll.maximum() > 0, timeout=2000)
    scroll.setValue(scroll.maximum() // 2)  # reading somewhere in the middle
    reading = scroll.value()
    shown = preview.render_count
    point = seed_window.material.sections[1].points[0]
    seed_window.select_node(point.id)
    type_text(seed_window.findChild(object, "pointTitleEdit"), "改")
    qtbot.waitUntil(lambda: preview.render_count > shown, timeout=10000)
    qtbot.wait(50)
    assert abs(scroll.value() - reading) <= scroll.pageStep()


def test_closing_the_window_during_a_render_is_harmless(qtbot, seeded_library):
    from ui.main_window import MainWindow

    window = MainWindow(seeded_library)
    install_pdf_features(window)
    window.show()
    qtbot.waitExposed(window)
    window.open_material(seeded_library.seed_id)
    window.preview_dock.raise_()
    preview = window.pdf_features.preview
    qtbot.waitUntil(lambda: preview.generation >= 1, timeout=5000)  # a render is running
    window.close()
    window.deleteLater()
    # The render ends after its receiver is gone, and its result is posted: nothing may blow up.
    qtbot.waitUntil(
        lambda: not any(t.name == "duizhao-pdf" for t in threading.enumerate()), timeout=10000
    )
    QCoreApplication.sendPostedEvents()
    QCoreApplication.processEvents()


def test_export_right_after_typing_contains_what_was_typed(
    qtbot, seed_window, tmp_path, monkeypatch
):
    point = seed_window.material.sections[0].dimensions[0].points[1]
    seed_window.select_node(point.id)
    type_text(seed_window.findChild(object, "pointBodyEdit"), "刚刚输入的句子")
    assert seed_window.autosave.has_pending()  # not yet saved when the user exports
    out = tmp_path / "now.pdf"
    accept_export_to(monkeypatch, out)
    with qtbot.waitSignal(seed_window.pdf_features.exported, timeout=10000):
        seed_window.actions_by_name["actionExportPdf"].trigger()
    text = "".join(page_text(PdfReader(out), i) for i in range(len(PdfReader(out).pages)))
    assert "刚刚输入的句子" in text


def test_preview_reports_a_character_no_font_has_and_keeps_the_last_pages(qtbot, seed_window):
    preview = show_preview(seed_window, qtbot)
    qtbot.waitUntil(lambda: preview.render_count >= 1, timeout=10000)
    pages = preview.page_count()
    point = seed_window.material.sections[0].dimensions[0].points[0]
    seed_window.select_node(point.id)
    type_text(seed_window.findChild(object, "pointBodyEdit"), "\ue000")  # private use: no glyph
    qtbot.waitUntil(lambda: preview.last_error is not None, timeout=10000)
    assert "U+E000" in preview.status.text() and "无法导出 PDF" in preview.status.text()
    assert preview.page_count() == pages


def test_preview_waits_while_its_tab_is_hidden(qtbot, seed_window):
    # 预览 moved into the bottom tabs, behind 检查 (by default it has the right side to itself)
    seed_window.tabifyDockWidget(seed_window.checks_dock, seed_window.preview_dock)
    seed_window.checks_dock.raise_()
    preview = seed_window.pdf_features.preview
    qtbot.waitUntil(lambda: not preview.on_screen(), timeout=2000)
    started = preview.generation
    preview.render_now()  # what its timer does once the edits have settled
    assert not preview.on_screen() and preview.generation == started
    show_preview(seed_window, qtbot)
    qtbot.waitUntil(lambda: preview.page_count() >= 9, timeout=10000)


# ----- 打印 -------------------------------------------------------------------------------------
def dark_box(image: QImage) -> tuple[int, int, int, int]:
    """Left, top, right, bottom of the non-white pixels (the ink on the page)."""
    gray = image.convertToFormat(QImage.Format.Format_Grayscale8)
    width, height, stride = gray.width(), gray.height(), gray.bytesPerLine()
    data = bytes(gray.constBits())[: stride * height]
    rows = [y for y in range(height) if min(data[y * stride : y * stride + width]) < 128]
    cols = [x for x in range(width) if min(data[x : stride * height : stride]) < 128]
    return cols[0], rows[0], cols[-1], rows[-1]


def render_page(path_or_bytes, index: int) -> QImage:
    if isinstance(path_or_bytes, bytes):
        document, _buffer = printing.open_pdf(path_or_bytes)
    else:
        document = QPdfDocument()
        document.load(str(path_or_bytes))
    page = document.render(index, QSize(595, 842))  # 1 px per pt, transparent background
    document.close()
    image = QImage(page.size(), QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.drawImage(0, 0, page)
    painter.end()
    return image


def test_print_to_a_pdf_printer_keeps_a4_at_100_percent(qtbot, seed_window, tmp_path):
    from app.exporters.pdf import render_pdf

    out = tmp_path / "printed.pdf"
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(out))
    printer.setResolution(150)  # a quick test; printing itself goes up to 600 dpi
    material = seed_window.library.get_material(seed_window.material_id)
    sheets = printing.print_material(material, printer)

    exported, report = render_pdf(material)
    printed = PdfReader(out)
    assert sheets == len(printed.pages) == report.pages >= 9
    for page in printed.pages:
        assert_a4(page)
    # not scaled: the ink sits where the export puts it (GB/T 9704 margins), ±2 pt
    for index in (0, report.pages - 1):
        original = dark_box(render_page(exported, index))
        on_paper = dark_box(render_page(out, index))
        assert all(abs(a - b) <= 2 for a, b in zip(original, on_paper, strict=True)), (
            original,
            on_paper,
        )


def test_ctrl_p_prints_the_pages_chosen_in_the_print_dialog(
    qtbot, seed_window, tmp_path, monkeypatch
):
    out = tmp_path / "ctrl-p.pdf"

    def user_prints_pages_2_to_3(dialog):
        printer = dialog.printer()
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(out))
        printer.setResolution(100)
        printer.setFromTo(2, 3)
        return True

    monkeypatch.setattr(pdf_features, "run_print_dialog", user_prints_pages_2_to_3)
    seed_window.activateWindow()
    seed_window.tree.setFocus()
    qtbot.waitUntil(seed_window.tree.hasFocus, timeout=2000)
    with qtbot.waitSignal(seed_window.pdf_features.printed, timeout=10000) as blocker:
        qtbot.keyClick(seed_window.tree, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert blocker.args == [2]
    assert len(PdfReader(out).pages) == 2


def test_print_preview_is_in_the_file_menu_and_shows_every_page(qtbot, seed_window, monkeypatch):
    install_pdf_features(seed_window)  # a second call changes nothing
    menus = [a.menu() for a in seed_window.menuBar().actions() if a.menu() is not None]
    holding = [m for m in menus if seed_window.actions_by_name["actionPrintPreview"] in m.actions()]
    assert len(holding) == 1
    entries = holding[0].actions()
    assert entries.index(seed_window.actions_by_name["actionPrintPreview"]) == (
        entries.index(seed_window.actions_by_name["actionPrint"]) + 1
    )
    previews = seed_window.findChildren(type(seed_window.pdf_features.preview))
    assert len(previews) == 1

    counted = []

    def look(dialog):
        widget = dialog.findChild(QPrintPreviewWidget)
        widget.updatePreview()
        counted.append(widget.pageCount())

    monkeypatch.setattr(pdf_features, "run_preview_dialog", look)
    seed_window.actions_by_name["actionPrintPreview"].trigger()
    qtbot.waitUntil(lambda: bool(counted), timeout=10000)
    assert counted[0] >= 9


def test_pdf_actions_follow_whether_a_material_is_open(qtbot, main_window):
    install_pdf_features(main_window)
    names = ("actionExportPdf", "actionPrint", "actionPrintPreview")
    assert not any(main_window.actions_by_name[n].isEnabled() for n in names)
    preview = show_preview(main_window, qtbot)
    preview.render_now()  # what its timer does once the edits have settled
    assert preview.page_count() == 0 and preview.status.text() == "No material open."
