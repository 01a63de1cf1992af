"""Printing at 100 %: the exported PDF's own pages, rasterised at the printer's resolution.

Qt cannot hand a PDF to a printer, so each page is rendered by pdfium (``QPdfDocument.render``)
and painted at full paper size with no scaling: the printer is set to A4 portrait, full page,
zero margins, and the page image is exactly the paper in device pixels. What comes out of the
printer is therefore what the PDF export writes (same line breaks, same page numbers), and the
GB/T 9704 margins measure right on paper — print dialogs' "fit to page" would shrink them.

Pages are rendered in horizontal bands so memory stays small at 600 dpi (a whole A4 page at
that resolution would be a 140 MB image).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QCoreApplication,
    QIODevice,
    QMarginsF,
    QPoint,
    QRect,
    QSize,
)
from PySide6.QtGui import QColor, QPageLayout, QPageSize, QPaintEngine, QPainter
from PySide6.QtPdf import QPdfDocument, QPdfDocumentRenderOptions
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QWidget

from app.errors import InputError
from app.exporters.pdf_options import PdfOptions
from app.model import Material

# Finer than any office laser needs for 16 pt text; higher printer resolutions are reached by
# scaling the painter (a resampling, not a change of size).
MAX_RENDER_DPI = 600
PREVIEW_DPI = 150  # what the on-screen print preview needs; printing itself uses the above
BAND_HEIGHT = 1024  # device pixels per rendered strip


def _tr(text: str) -> str:
    return QCoreApplication.translate("Printing", text)


def prepare_printer(printer: QPrinter) -> None:
    """A4 portrait, the whole sheet addressable, no margins added by Qt: the PDF page already
    carries the GB/T 9704 margins."""
    layout = QPageLayout(
        QPageSize(QPageSize.PageSizeId.A4),
        QPageLayout.Orientation.Portrait,
        QMarginsF(0, 0, 0, 0),
        QPageLayout.Unit.Point,
    )
    layout.setMode(QPageLayout.Mode.FullPageMode)
    printer.setPageLayout(layout)
    printer.setFullPage(True)


def open_pdf(data: bytes, parent=None) -> tuple[QPdfDocument, QBuffer]:
    """A QPdfDocument over the bytes; keep the buffer alive as long as the document."""
    document = QPdfDocument(parent)
    buffer = QBuffer(document)
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document.load(buffer)
    if document.status() != QPdfDocument.Status.Ready or document.pageCount() == 0:
        raise InputError(
            f"无法读取生成的 PDF（{document.error().name}）",
            f"cannot read the generated PDF ({document.error().name})",
        )
    return document, buffer


def pages_to_print(printer: QPrinter, page_count: int) -> list[int]:
    """0-based page indexes from the dialog's range (``fromPage``/``toPage`` are 1-based, 0 =
    all), clamped to the document."""
    first, last = printer.fromPage(), printer.toPage()
    if first <= 0 and last <= 0:
        return list(range(page_count))
    first = max(first, 1)
    last = page_count if last <= 0 else min(last, page_count)
    return list(range(first - 1, last))


def print_pdf(
    data: bytes, printer: QPrinter, progress: Callable[[int, int], bool] | None = None
) -> int:
    """Print the PDF's pages to ``printer`` at 100 %; returns the number of sheets painted.

    ``progress(done, total)`` is called after each page; returning False cancels the job.
    Raises InputError when the printer cannot be opened.
    """
    document, _buffer = open_pdf(data)
    try:
        indexes = pages_to_print(printer, document.pageCount())
        copies = 1 if printer.supportsMultipleCopies() else max(printer.copyCount(), 1)
        sequence = indexes * copies
        painter = QPainter()
        if not painter.begin(printer):
            raise InputError(
                "无法开始打印：打印机不可用或输出文件无法写入",
                "cannot start printing: the printer is unavailable or the output "
                "file cannot be written",
            )
        try:
            for done, index in enumerate(sequence):
                if done and not printer.newPage():
                    raise InputError(
                        "打印中断：无法开始新的一页", "printing stopped: cannot start a new page"
                    )
                paint_page(painter, printer, document, index)
                if progress is not None and not progress(done + 1, len(sequence)):
                    printer.abort()
                    return done + 1
        finally:
            painter.end()
        return len(sequence)
    finally:
        document.close()
        document.deleteLater()


def paint_page(painter: QPainter, printer: QPrinter, document: QPdfDocument, index: int) -> None:
    """One PDF page at its own size from the paper's top-left corner, in bands."""
    resolution = printer.resolution()
    # QPrintPreviewDialog records pages through a picture engine: screen detail is enough there
    previewing = printer.paintEngine().type() == QPaintEngine.Type.Picture
    dpi = min(resolution, PREVIEW_DPI if previewing else MAX_RENDER_DPI)
    points = document.pagePointSize(index)
    full = QSize(round(points.width() * dpi / 72.0), round(points.height() * dpi / 72.0))
    painter.save()
    if dpi != resolution:
        painter.scale(resolution / dpi, resolution / dpi)
    options = QPdfDocumentRenderOptions()
    options.setScaledSize(full)
    for top in range(0, full.height(), BAND_HEIGHT):
        height = min(BAND_HEIGHT, full.height() - top)
        options.setScaledClipRect(QRect(0, top, full.width(), height))
        band = document.render(index, QSize(full.width(), height), options)
        # Pages render with a transparent background (render()'s fillColor exists only from
        # PySide6 6.12): lay the band on white so printers and PDF printers see paper.
        painter.fillRect(QRect(0, top, full.width(), height), QColor("white"))
        painter.drawImage(QPoint(0, top), band)
    painter.restore()


def make_preview_dialog(data: bytes, parent: QWidget | None = None) -> QPrintPreviewDialog:
    """打印预览 of the same pages (the caller runs it)."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    prepare_printer(printer)
    dialog = QPrintPreviewDialog(printer, parent)
    dialog.setObjectName("printPreviewDialog")
    dialog.setWindowTitle(_tr("Print preview"))
    dialog.printer_ = printer  # the dialog does not own the printer; keep it alive with it
    dialog.paintRequested.connect(lambda target: print_pdf(data, target))
    return dialog


def print_material(material: Material, printer: QPrinter, options: PdfOptions | None = None) -> int:
    """Render and print without any dialog (scripts, tests); returns the sheets painted."""
    from app.exporters.pdf import render_pdf

    data, _report = render_pdf(material, options)
    prepare_printer(printer)
    return print_pdf(data, printer)
