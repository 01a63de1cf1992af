"""Page dictionaries and outline entries of a long PDF, formatted as ReportLab formats them but
without its generic formatting per value (issue 19: at 500 pages and as many bookmarks that
formatting was a quarter of saving the document).

Each fast path writes the bytes ReportLab's own ``format`` writes for the same object, and only
for the shapes checked here; anything else (another entry on a page, encryption, PDF comments,
ReportLab formatting dictionaries over several lines) goes through ReportLab's own code.
"""

from __future__ import annotations

import functools


def settled_page_class():
    """The class a settled page takes (see ``pdf_document.KeptPages``): one per document, since
    it keeps the document's page dictionary once formatted."""
    return _classes().page_class()


def fast_outline(outline) -> None:
    """Let the entries of ``outline`` (the document's ``PDFOutlines``) format themselves
    directly once ReportLab has made them, when the document is saved."""
    outline.__class__ = _classes().Outlines


def _plain_formatting() -> bool:
    """ReportLab formats dictionaries on one line (a break every 6 entries), without comments."""
    rl_config, pdfdoc = _reportlab()
    return not rl_config.pdfComments and not any(
        (kind.multiline and rl_config.pdfMultiLine) or kind.multiline == "forced"
        for kind in (pdfdoc.PDFDictionary, pdfdoc.PDFArray)
    )


def _unencrypted(document) -> bool:
    return type(document.encrypt) is _reportlab()[1].NoEncryption


@functools.cache
def _reportlab():
    """ReportLab's configuration and document modules, imported once: an import statement in a
    function called per object runs the import machinery's Python code each time."""
    from reportlab import rl_config
    from reportlab.pdfbase import pdfdoc

    return rl_config, pdfdoc


def _reference(document, name: str) -> bytes:
    """``PDFObjectReference(name).format(document)``: the object's number and version."""
    return b"%d %d R" % document.idToObjectNumberAndVersion[name]


def _dictionary(entries: list[bytes]) -> bytes:
    """``PDFDictionary.format`` of entries already formatted and sorted by name."""
    for i in reversed(range(6, len(entries), 6)):
        entries.insert(i, b"\n ")
    return b"<<\n" + b" ".join(entries) + b"\n>>"


@functools.cache
def _classes():
    from reportlab.pdfbase import pdfdoc

    reference_class = pdfdoc.PDFObjectReference
    generic = pdfdoc.format
    numbers = (float, int)
    # (type, number) → its bytes: a bookmark's top is one of the page's 22 grid slots, and
    # ReportLab's number formatting is pure Python here.
    formatted_numbers: dict[tuple[type, float], bytes] = {}

    def value(v, document) -> bytes:
        """``pdfdoc.format`` of a value inside a dictionary, references and numbers directly."""
        kind = type(v)
        if kind is reference_class:
            return _reference(document, v.name)
        if kind in numbers:
            key = (kind, v)
            text = formatted_numbers.get(key)
            if text is None:
                if len(formatted_numbers) > 4096:  # bounded over a long GUI session
                    formatted_numbers.clear()
                text = formatted_numbers[key] = pdfdoc.fp_str(v).encode("extpdfdoc")
            return text
        return generic(v, document)

    def destination(dest, document) -> bytes:
        """A bookmark's ``/XYZ`` destination array (``Destination.format``), else generic."""
        fmt = dest.fmt
        if type(dest) is not pdfdoc.Destination or type(fmt) is not pdfdoc.PDFDestinationXYZ:
            return generic(dest, document)
        if dest.page is None:
            return dest.format(document)  # ReportLab's own error
        fmt.page = dest.page
        items = [document.Reference(fmt.page), fmt.left, fmt.top, fmt.zoom]
        page, left, top, zoom = (value(v, document) for v in items)
        return b"[ " + b" ".join((page, b"/XYZ", left, top, zoom)) + b" ]"

    # Named as ReportLab's classes: with PDF comments on, ReportLab writes each object's class
    # name into the document.
    class OutlineEntryObject(pdfdoc.OutlineEntryObject):
        """``OutlineEntryObject.format``: Title, Parent and Dest, then whichever of Prev, Next,
        First, Last and Count it has, sorted by name."""

        def format(self, document):
            if not (_plain_formatting() and _unencrypted(document)):
                return super().format(document)
            found = {"Title": self.Title, "Parent": self.Parent, "Dest": self.Dest}
            for name in ("Prev", "Next", "First", "Last", "Count"):
                v = getattr(self, name)
                if v is not None:
                    found[name] = v
            entries = []
            for name in sorted(found):  # formatted in ReportLab's order: it numbers objects
                v = found[name]
                if name == "Title":
                    formatted = generic(pdfdoc.PDFString(v), document)
                elif name == "Dest":
                    formatted = destination(v, document)
                else:
                    formatted = value(v, document)
                entries.append(b"/" + name.encode() + b" " + formatted)
            return _dictionary(entries)

    class PDFOutlines(pdfdoc.PDFOutlines):
        def prepare(self, document, canvas):
            super().prepare(document, canvas)
            for obj in document.idToObject.values():
                if type(obj) is pdfdoc.OutlineEntryObject:
                    obj.__class__ = OutlineEntryObject

    # What PDFCatalog.format reads of a page besides its Contents and Parent.
    page_entries = (
        "Override_default_compilation",
        *pdfdoc.PDFPage.__Defaults__,
        *(n for n in pdfdoc.PDFPage.__NoDefault__ if n not in ("Contents", "Parent")),
    )
    contents_key = b"<<\n/Contents "

    def page_class():
        class PDFPage(pdfdoc.PDFPage):
            """A page whose dictionary differs from the document's first only by its
            contents: that dictionary is formatted once and the contents' reference put in."""

            template: tuple[tuple, str, bytes] | None = None

            def format(self, document):
                self.check_format(document)  # as ReportLab: the page tree's reference
                entries = tuple(getattr(self, n, None) for n in page_entries)
                parent = self.Parent
                template = PDFPage.template
                if (
                    template is not None
                    and type(parent) is reference_class
                    and parent.name == template[1]
                    and all(map(_same, entries, template[0]))
                    and _unencrypted(document)
                ):
                    contents = _reference(document, document.Reference(self.Contents).name)
                    return contents_key + contents + template[2]
                formatted = super().format(document)
                contents = document.Reference(self.Contents).format(document)
                if (
                    template is None
                    and type(parent) is reference_class
                    and formatted.startswith(contents_key + contents)
                    and _plain_formatting()
                    and _unencrypted(document)
                ):
                    rest = formatted[len(contents_key) + len(contents) :]
                    PDFPage.template = (entries, parent.name, rest)
                return formatted

        return PDFPage

    return type("Classes", (), {"Outlines": PDFOutlines, "page_class": staticmethod(page_class)})


def _same(a, b) -> bool:
    return a is b
