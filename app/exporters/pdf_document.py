"""ReportLab's document, kept small while a long PDF is drawn page by page (issue 19).

ReportLab holds every page until it saves, then formats each object generically. Here each
page is settled as soon as it is shown: its text operators are compressed into the content
stream ReportLab would have made of them when saving, and the entries every page shares (paper
size, resources, transition, rotation) are formatted once for the document instead of once
per page. The bytes are those ReportLab writes itself.
"""

from __future__ import annotations

import functools
import threading
import zlib
from queue import SimpleQueue

from app.exporters.pdf_formatted import settled_page_class

_FLATE_LEVEL = 1


class _FastFlate:
    """A ReportLab stream filter: FlateDecode at level 1 instead of zlib's default 6. The
    streams are mostly TrueType glyph data, which level 6 packs only ~7 % smaller at twice the
    time (the largest cost of a render)."""

    pdfname = "FlateDecode"

    def encode(self, data: bytes | str) -> bytes:
        return zlib.compress(data.encode("utf8") if isinstance(data, str) else data, _FLATE_LEVEL)


FAST_FLATE = _FastFlate()
_SHARED_ENTRIES = ("MediaBox", "Resources", "Trans", "Rotate")


class KeptPages:
    """What a document keeps of the pages shown so far: one settled page at a time. The pages
    are compressed on a worker thread (zlib lets go of the interpreter while it packs), beside
    the laying out of the next page; ``finish`` waits for them before the document is saved."""

    def __init__(self):
        self._shared: dict[str, object] | None = None
        self._queue: SimpleQueue | None = None
        self._worker: threading.Thread | None = None
        self._failure: BaseException | None = None
        self._page_class: type | None = None

    def settle(self, page) -> None:
        """Compress the page just shown (a ``PDFPage`` with its text in ``stream``) and give it
        the document's shared entries."""
        from reportlab.pdfbase.pdfdoc import PDFArray, PDFDictionary, PDFName

        stream = _classes().PageStream(
            PDFDictionary({"Filter": PDFArray([PDFName(FAST_FLATE.pdfname)])})
        )
        stream.__Comment__ = "page stream"
        if self._queue is None:
            self._queue = SimpleQueue()
            self._worker = threading.Thread(target=self._compress, name="pdf-pages", daemon=True)
            self._worker.start()
        self._queue.put((stream, page.stream))
        page.Contents, page.stream = stream, None
        if self._shared is None:
            self._shared = _shared_entries(page)
        for name, value in self._shared.items():
            setattr(page, name, value)
        if self._page_class is None:
            self._page_class = settled_page_class()
        page.__class__ = self._page_class  # its dictionary formatted once per document

    def finish(self) -> None:
        """Wait until every settled page is compressed (also when drawing stopped early)."""
        if self._worker is not None:
            self._queue.put(None)
            self._worker.join()
            self._worker = self._queue = None
        if self._failure is not None:
            raise self._failure

    def _compress(self) -> None:
        while (item := self._queue.get()) is not None:
            stream, text = item
            try:
                stream.content = FAST_FLATE.encode(text)
            except BaseException as exc:  # reported by finish, on the drawing thread
                self._failure = exc


def _shared_entries(page) -> dict[str, object]:
    """The entries ReportLab's ``check_format`` gives this page, each formatted once when first
    saved: every page of ours has the same paper, resources and transition."""
    from reportlab.pdfbase.pdfdoc import PDFPage

    probe = PDFPage()
    probe.__dict__.update(page.__dict__)
    probe.Parent = "unused"  # check_format would otherwise reference the page tree early
    probe.check_format(None)
    values = {name: getattr(probe, name, None) for name in _SHARED_ENTRIES}
    # An entry left None is left out of the page, as ReportLab leaves it out.
    return {k: v if v is None else _classes().FormattedOnce(v) for k, v in values.items()}


@functools.cache
def _classes():
    """ReportLab classes of ours, made on first use (importing this module costs nothing)."""
    from reportlab.pdfbase import pdfdoc

    class PageStream(pdfdoc.PDFStream):
        """A compressed page content stream that lets its bytes go once they are written into
        the document (ReportLab formats each object once, when saving)."""

        _around_length: tuple[bytes, bytes] | None = None

        def format(self, document):
            content = self.content
            if type(document.encrypt) is not pdfdoc.NoEncryption or not isinstance(content, bytes):
                formatted = super().format(document)
            else:  # ReportLab's bytes, without formatting the same dictionary 500 times over
                before, after = PageStream._dictionary_around_length(document)
                formatted = b"".join(
                    (
                        before,
                        str(len(content)).encode(),
                        after,
                        b"\nstream\n",
                        content,
                        b"endstream\n",
                    )
                )
            self.content = b""
            return formatted

        @staticmethod
        def _dictionary_around_length(document) -> tuple[bytes, bytes]:
            """This stream's dictionary as ReportLab formats it, split where its length goes."""
            if PageStream._around_length is None:
                marker = 987654321
                dictionary = pdfdoc.PDFDictionary(
                    {"Filter": pdfdoc.PDFArray([pdfdoc.PDFName(FAST_FLATE.pdfname)])}
                )
                dictionary["Length"] = marker
                before, after = pdfdoc.format(dictionary, document).split(str(marker).encode())
                PageStream._around_length = (before, after)
            return PageStream._around_length

    class FormattedOnce(pdfdoc.PDFObject):
        """A value shared by every page, formatted as ReportLab formats it, once."""

        def __init__(self, value):
            self.value = value
            self.formatted: bytes | None = None

        def format(self, document):
            if self.formatted is None:
                self.formatted = pdfdoc.format(self.value, document)
            return self.formatted

    return type("Classes", (), {"PageStream": PageStream, "FormattedOnce": FormattedOnce})
