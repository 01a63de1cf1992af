"""预览 dock: the material's PDF pages, re-rendered off the GUI thread after edits settle.

``render_pdf`` takes 0.25–0.6 s for the seed, so it runs on a worker thread over a deep copy of
the material (the editor keeps mutating the live one while the user types); the same worker
parses the bytes into a ``QPdfDocument``, and the GUI thread only swaps it into the
``QPdfView`` (which draws pages on its own render thread). Renders are ``ui.tasks`` tasks of one
key: an edit drops the result of the running render, and one more render of the newest state
follows it.

Above the pages: the page count and a zoom (适合宽度, −, a percentage, +; Ctrl+wheel too), where
100 % is the printed size — a narrow dock fits the width, a reader zooms in on a paragraph.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QCoreApplication,
    QEvent,
    QIODevice,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.exporters.pdf_options import PdfOptions
from ui.tasks import TaskRunner

if TYPE_CHECKING:  # QtPdf and its view load when the preview is first on screen, not at start-up
    from PySide6.QtPdf import QPdfDocument
    from PySide6.QtPdfWidgets import QPdfView

    from app.exporters.pdf_options import PdfReport
    from app.model import Material

RENDER_TASK = "render"  # the key of preview renders: the newest request wins
# Typing pauses shorter than this are one burst; the preview waits for the pause (≤ 1 s).
PREVIEW_DELAY_MS = 600
# The page view (and QtPdf with it) is built this long after the preview first shows: after the
# window's first paint, so start-up does not pay for it.
VIEW_DELAY_MS = 300
A4_WIDTH_PT = 595.28  # what the fitted zoom assumes until the first pages are in
FIT_MARGIN_PX = 6  # QPdfView's default document margins
# Zoom steps of −/+ and Ctrl+wheel; 1.0 is the page at its printed size on the screen.
ZOOM_STEPS = (0.1, 0.15, 0.25, 0.33, 0.5, 0.67, 0.75, 0.85, 1.0, 1.25, 1.5, 2.0, 3.0, 4.0)
ERROR_STYLE = "color: #c00000;"


def _tr(text: str) -> str:
    return QCoreApplication.translate("PdfPreview", text)


def render_copy(material: Material, options: PdfOptions) -> Callable[[], tuple[bytes, PdfReport]]:
    """A job rendering a snapshot of ``material`` taken now, on the calling (GUI) thread."""
    from app.exporters.pdf import render_pdf  # ReportLab loads on the first render, not at start

    snapshot = copy.deepcopy(material)
    return lambda: render_pdf(snapshot, options)


def open_document(data: bytes) -> QPdfDocument:
    """The bytes parsed by pdfium into a parentless QPdfDocument owned by the GUI thread.

    Called on the worker: parsing takes 7–17 ms, which the GUI thread would otherwise spend
    between two keystrokes. The document (and its buffer, a child) is then handed over.
    """
    from PySide6.QtPdf import QPdfDocument

    document = QPdfDocument()
    buffer = QBuffer(document)
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document.load(buffer)  # synchronous for a random-access device
    document.moveToThread(QCoreApplication.instance().thread())
    return document


def preview_job(material: Material, options: PdfOptions):
    render = render_copy(material, options)

    def job() -> tuple[bytes, PdfReport, QPdfDocument]:
        data, report = render()
        return data, report, open_document(data)

    return job


class PdfPreview(QWidget):
    """The pages of ``source()`` (the window's current Material, or None), kept up to date.

    ``schedule()`` after every edit; the render starts ``PREVIEW_DELAY_MS`` after the last one.
    ``generation`` counts renders asked for, ``render_count`` renders shown.
    """

    rendered = Signal(int)  # page count of a freshly shown render

    def __init__(
        self,
        source: Callable[[], Material | None],
        parent: QWidget | None = None,
        options: PdfOptions | None = None,
    ):
        super().__init__(parent)
        self.setObjectName("pdfPreview")
        self._source = source
        self.options = options or PdfOptions()
        self.generation = 0
        self.render_count = 0
        self.last_error: BaseException | None = None
        self._hidden_change = False  # asked to render while hidden: render when shown

        self.status = QLabel(self)
        self.status.setObjectName("pdfPreviewStatus")
        self.status.setWordWrap(True)
        self._document: QPdfDocument | None = None  # made with the view, on first need
        self._view: QPdfView | None = None
        self.fit_width = True  # else ``zoom`` (1.0: the printed size)
        self.zoom = 1.0
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(4, 4, 4, 4)
        top = self._zoom_bar()  # the page count (or what went wrong), then the zoom
        top.insertWidget(0, self.status, 1)
        self._layout.addLayout(top)

        self._tasks = TaskRunner(self, "pdf")
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(PREVIEW_DELAY_MS)
        self._timer.timeout.connect(self.render_now)
        self._set_status(_tr("No material open."))

    @property
    def document(self) -> QPdfDocument:
        self._ensure_view()
        return self._document

    @property
    def view(self) -> QPdfView:
        self._ensure_view()
        return self._view

    def _ensure_view(self) -> None:
        """The page view and its document, built the first time they are needed: a preview tab
        behind 检查 then costs start-up nothing."""
        if self._view is not None:
            return
        from PySide6.QtPdf import QPdfDocument
        from PySide6.QtPdfWidgets import QPdfView

        self._document = QPdfDocument(self)
        view = self._view = QPdfView(self)
        view.setObjectName("pdfPreviewView")
        view.setDocument(self._document)
        view.setPageMode(QPdfView.PageMode.MultiPage)
        view.setPageSpacing(8)
        view.viewport().installEventFilter(self)  # Ctrl+wheel zooms
        self._layout.addWidget(view, 1)
        self._apply_zoom()

    # ----- zoom ------------------------------------------------------------------------------
    def _zoom_bar(self) -> QHBoxLayout:
        self.fit_button = QToolButton(self)
        self.fit_button.setObjectName("previewFitWidthButton")
        self.fit_button.setText(_tr("Fit width"))
        self.fit_button.setToolTip(_tr("Fit the page to the width of the preview"))
        self.fit_button.setCheckable(True)
        self.fit_button.setChecked(True)
        self.fit_button.clicked.connect(self.set_fit_width)
        self.zoom_out_button = self._zoom_button("previewZoomOutButton", "−", _tr("Zoom out"))
        self.zoom_out_button.clicked.connect(lambda: self.step_zoom(-1))
        self.zoom_in_button = self._zoom_button("previewZoomInButton", "+", _tr("Zoom in"))
        self.zoom_in_button.clicked.connect(lambda: self.step_zoom(+1))
        self.zoom_box = QSpinBox(self)
        self.zoom_box.setObjectName("previewZoomBox")
        # down to 1 %: a fitted zoom in a very narrow dock is shown as it is, not as the minimum
        self.zoom_box.setRange(1, int(ZOOM_STEPS[-1] * 100))
        self.zoom_box.setSingleStep(10)
        self.zoom_box.setSuffix("%")
        self.zoom_box.setToolTip(_tr("Zoom: 100 % is the page at its printed size"))
        self.zoom_box.setKeyboardTracking(False)  # typing "150" zooms once, at Enter
        self.zoom_box.valueChanged.connect(lambda value: self.set_zoom(value / 100))
        # a tool bar: in a narrow dock what does not fit goes behind its » button, and the
        # dock (so the window) can still be made narrow
        bar = QToolBar(self)
        bar.setObjectName("previewZoomBar")
        for widget in (self.fit_button, self.zoom_out_button, self.zoom_box, self.zoom_in_button):
            bar.addWidget(widget)
        row = QHBoxLayout()
        row.addWidget(bar)
        self._show_zoom()
        return row

    def _zoom_button(self, name: str, text: str, tip: str) -> QToolButton:
        button = QToolButton(self)
        button.setObjectName(name)
        button.setText(text)
        button.setToolTip(tip)
        button.setAutoRepeat(True)
        return button

    def set_fit_width(self, fit: bool = True) -> None:
        self.fit_width = bool(fit)
        self._apply_zoom()

    def set_zoom(self, factor: float) -> None:
        """Show the pages at ``factor`` of their printed size (fit width off)."""
        factor = min(max(factor, ZOOM_STEPS[0]), ZOOM_STEPS[-1])
        if not self.fit_width and abs(factor - self.zoom) < 0.005:
            return
        self.fit_width, self.zoom = False, factor
        self._apply_zoom()

    def step_zoom(self, direction: int) -> None:
        """The next zoom step up (+1) or down (−1) from what is shown now."""
        now = self.shown_zoom()
        if direction > 0:
            steps = [z for z in ZOOM_STEPS if z > now * 1.02]
            self.set_zoom(steps[0] if steps else ZOOM_STEPS[-1])
        else:
            steps = [z for z in ZOOM_STEPS if z < now / 1.02]
            self.set_zoom(steps[-1] if steps else ZOOM_STEPS[0])

    def shown_zoom(self) -> float:
        """The zoom the pages are shown at; with fit width, what the view's width makes it."""
        if not self.fit_width:
            return self.zoom
        view, document = self._view, self._document
        if view is None:  # not built yet: as wide as the preview, less a scroll bar
            room = self.width() - 2 * FIT_MARGIN_PX - 20
        else:
            margins = view.documentMargins()
            room = view.viewport().width() - margins.left() - margins.right()
        points = A4_WIDTH_PT
        if document is not None and document.pageCount() > 0:
            points = document.pagePointSize(0).width()
        return max(room, 1) / (points * self.logicalDpiX() / 72)

    def _apply_zoom(self) -> None:
        if self._view is not None:
            from PySide6.QtPdfWidgets import QPdfView

            if self.fit_width:
                self._view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
            else:
                self._view.setZoomMode(QPdfView.ZoomMode.Custom)
                self._view.setZoomFactor(self.zoom)
        self._show_zoom()

    def _show_zoom(self) -> None:
        self.fit_button.setChecked(self.fit_width)
        self.zoom_box.blockSignals(True)  # showing the zoom is no request to change it
        self.zoom_box.setValue(round(self.shown_zoom() * 100))
        self.zoom_box.blockSignals(False)

    def eventFilter(self, watched, event) -> bool:
        if (
            event.type() == QEvent.Type.Wheel
            and event.modifiers() & Qt.KeyboardModifier.ControlModifier
        ):
            self.step_zoom(1 if event.angleDelta().y() > 0 else -1)
            return True
        if event.type() == QEvent.Type.Resize and self.fit_width:
            self._show_zoom()  # the fitted percentage follows the dock's width
        return super().eventFilter(watched, event)

    # ----- requests ------------------------------------------------------------------------
    def schedule(self, *_args) -> None:
        """Something changed: render once the edits have settled (the timer restarts)."""
        self._tasks.cancel(RENDER_TASK)  # a running render shows an older state: not shown
        self._timer.start()
        if self._source() is None:
            self._clear()
        elif self.page_count() == 0 and self.last_error is None:
            self._set_status(_tr("Preparing the preview…"))  # not "no material" meanwhile

    @property
    def scheduled(self) -> bool:
        """A change was announced and its render waits for the edits to settle."""
        return self._timer.isActive()

    def render_now(self) -> None:
        """Start a render of the current material now, unless one is running (then it follows)."""
        self._timer.stop()
        self._tasks.cancel(RENDER_TASK)
        if not self.on_screen():  # e.g. a dock tab behind 检查: no need to spend the CPU now
            self._hidden_change = True
            return
        material = self._source()
        if material is None:
            self._clear()
            return
        self.generation += 1
        self._set_status(_tr("Rendering…"))
        self._tasks.run(
            preview_job(material, self.options),
            success=self._show_render,
            failure=self._show_error,
            key=RENDER_TASK,
        )

    def on_screen(self) -> bool:
        """Shown and not covered: a dock tab behind another counts as visible to Qt, but its
        visible region is empty."""
        return self.isVisible() and not self.visibleRegion().isEmpty()

    def became_visible(self, visible: bool = True) -> None:
        """The dock (or its tab) came to the front: catch up with edits made meanwhile."""
        if visible and self._view is None:
            QTimer.singleShot(VIEW_DELAY_MS, self, self._build_view_if_shown)
        if visible and self._hidden_change:
            self._hidden_change = False
            self.schedule()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if self.fit_width:
            self._show_zoom()

    def _build_view_if_shown(self) -> None:
        if self.on_screen():
            self._ensure_view()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.became_visible()

    def set_options(self, options: PdfOptions) -> None:
        self.options = options
        self.schedule()

    # ----- results -------------------------------------------------------------------------
    def _show_render(self, result: tuple[bytes, PdfReport, QPdfDocument]) -> None:
        _data, report, document = result
        self.last_error = None
        self._show(document)
        self.render_count += 1
        self._set_status(self._pages_text(report))
        self.rendered.emit(report.pages)

    def _show_error(self, error: BaseException) -> None:
        self.last_error = error  # the last pages stay in the view
        self._set_status(_error_text(error), error=True)

    def _show(self, document: QPdfDocument) -> None:
        """Put the freshly parsed document in the view (QPdfView keeps the scroll position)."""
        self._ensure_view()
        document.setParent(self)
        old, self._document = self._document, document
        self._view.setDocument(document)
        old.deleteLater()
        self._show_zoom()

    def _clear(self) -> None:
        if self._document is not None:
            self._document.close()
        self._set_status(_tr("No material open."))

    def _set_status(self, text: str, error: bool = False) -> None:
        self.status.setText(text)
        self.status.setStyleSheet(ERROR_STYLE if error else "")

    def _pages_text(self, report: PdfReport) -> str:
        # self.tr with a count: Qt fills %n and picks the plural form, and lupdate records the
        # message as numerus (it does not for QCoreApplication.translate with four arguments,
        # so `make ts` used to drop this entry).
        text = self.tr("%n page(s), A4", "", report.pages)
        if report.substitutions:
            chars = "".join(dict.fromkeys(s.char for s in report.substitutions))
            text += _tr(" · characters drawn from a fallback font: %1").replace("%1", chars)
        return text

    def page_count(self) -> int:
        return self._document.pageCount() if self._document is not None else 0


def _error_text(exc: BaseException) -> str:
    from ui.dialogs.common import error_text

    zh, _en = error_text(exc)
    return _tr("Preview failed: %1").replace("%1", zh)
