"""Reading a .docx's ``document.xml`` as a stream, with the limits enforced while parsing.

A hostile document can stay within every zip limit yet hold a million short paragraphs (50 MB
of XML compressing 20:1): parsed whole, that took ~1.3 GB and nearly a minute before it was
refused. Here the part is inflated and parsed piece by piece (``lxml.etree.iterparse`` over the
zip member); each child of ``w:body`` is read into paragraphs as soon as it is complete and then
freed, and counts of paragraphs, elements and text are checked as they grow — so such a file is
refused after reading a small part of it, in about a second and a few tens of MB. (The costliest
shape, paragraphs of many tiny runs, reaches the element limit in a few seconds.)

The limits are far above any real 对照检查材料 (a 500-page one has ~1,000 paragraphs and, in
Word's most verbose markup, some 500,000 elements), so only broken or hostile files meet them.
"""

from __future__ import annotations

import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path

from lxml import etree

from app.errors import InputError
from app.importers.docx_body import BodyReader, RawParagraph
from app.importers.safe_zip import DTD_MARKERS, corrupt_error, dtd_error, error

MAX_PARAGRAPHS = 50_000  # w:p anywhere in the body, table cells included
MAX_ELEMENTS = 3_000_000  # every element of document.xml (bounds the parsing time)
MAX_BLOCK_ELEMENTS = 400_000  # one top-level table or content control, held whole until it ends
MAX_TEXT_CHARS = 10_000_000  # the text read so far (~15,000 pages)
_CHUNK = 64 * 1024
_MARKER_OVERLAP = max(len(m) for m in DTD_MARKERS)  # a marker may straddle two chunks


class _GuardedStream:
    """The inflated part as ``iterparse`` reads it. Refuses a DTD/entity declaration (no Office
    part has one: it can only be an XML bomb) before the parser sees it, and counts the start
    tags going by — in C, by counting ``<`` — so the element limits cost Python no work per
    element. The count runs at most one chunk ahead of the parser."""

    def __init__(self, raw, name: str, path: Path):
        self._raw, self._name, self._path = raw, name, path
        self._tail = b""
        self.elements = 0
        self.block_mark = 0  # ``elements`` when the body child being parsed began (about)

    def read(self, size: int = -1) -> bytes:
        data = self._raw.read(size if size and size > 0 else _CHUNK)
        window = self._tail + data
        if any(marker in window for marker in DTD_MARKERS):
            raise dtd_error(self._name, self._path)
        self._tail = window[-_MARKER_OVERLAP:]
        self.elements += data.count(b"<") - data.count(b"</")
        if self.elements > MAX_ELEMENTS:
            raise _too_much(
                self._path,
                f"结构过于复杂（超过 {MAX_ELEMENTS:,} 个元素）",
                f"has over {MAX_ELEMENTS:,} XML elements",
            )
        if self.elements - self.block_mark > MAX_BLOCK_ELEMENTS:
            raise _too_much(
                self._path,
                f"中有一个表格、控件或段落过大（超过 {MAX_BLOCK_ELEMENTS:,} 个元素）",
                f"holds one table, control or paragraph of over {MAX_BLOCK_ELEMENTS:,} elements",
            )
        return data


def _too_much(path: Path, zh: str, en: str) -> InputError:
    return error(
        f"文档{zh}，远超任何对照检查材料，拒绝导入（文件可能已损坏或是恶意构造的）",
        f"refused: the document {en}, far beyond any real material (the file may be damaged or"
        " hostile)",
        path,
    )


def read_body(
    archive: zipfile.ZipFile, name: str, path: Path, make_reader: Callable[[str], BodyReader]
) -> tuple[list[RawParagraph], bool]:
    """The body's paragraphs in order, and whether a ``w:body`` was found. ``make_reader`` gets
    the WordprocessingML namespace (from the root element) and returns the reader to use."""
    try:
        with archive.open(name) as raw:
            return _parse(_GuardedStream(raw, name, path), name, path, make_reader)
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError, NotImplementedError) as exc:
        raise corrupt_error(path) from exc
    except RuntimeError as exc:  # zipfile: "File is encrypted, password required"
        raise error("文档已加密，无法读取", "the document is encrypted", path) from exc


# Python sees only these elements' events (filtered in C): the root, the body, and what can be
# a child of the body that holds paragraphs — each read whole once its end tag is parsed.
_WATCHED = (
    "{*}document",
    "{*}body",
    "{*}p",
    "{*}tbl",
    "{*}sdt",
    "{*}customXml",
    "{*}ins",
    "{*}moveTo",
    "{*}smartTag",
)


def _parse(
    stream: _GuardedStream, name: str, path: Path, make_reader
) -> tuple[list[RawParagraph], bool]:
    events = etree.iterparse(
        stream,
        events=("start", "end"),
        tag=_WATCHED,
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
    )
    out: list[RawParagraph] = []
    reader: BodyReader | None = None
    root = body = None
    p_tag = ""
    paragraphs = text_chars = 0
    try:
        for event, elem in events:
            if event == "start":
                if root is None:
                    root = elem
                    w = _namespace(elem)
                    if w:
                        p_tag = f"{w}p"
                        reader = make_reader(w)
                elif (
                    body is None
                    and reader is not None
                    and elem.getparent() is root
                    and elem.tag == f"{w}body"
                ):
                    body = elem
                elif elem.tag == p_tag:
                    paragraphs += 1
                    if paragraphs > MAX_PARAGRAPHS:
                        raise _too_much(
                            path,
                            f"段落超过 {MAX_PARAGRAPHS:,} 个",
                            f"has over {MAX_PARAGRAPHS:,} paragraphs",
                        )
                continue
            if body is None or elem.getparent() is not body:
                continue
            read = reader.element(elem, False)
            text_chars += sum(len(p.text) for p in read)
            if text_chars > MAX_TEXT_CHARS:
                raise _too_much(
                    path,
                    f"文字超过 {MAX_TEXT_CHARS:,} 字",
                    f"holds over {MAX_TEXT_CHARS:,} characters of text",
                )
            out += read
            # Read: free it, and the (cleared) one before it, so memory holds one block at a time.
            elem.clear()
            while elem.getprevious() is not None:
                del body[0]
            stream.block_mark = stream.elements
    except etree.XMLSyntaxError as exc:
        raise error(
            f"文档的 {name} 已损坏（XML 格式错误）", f"{name} is damaged (bad XML)", path
        ) from exc
    if reader is None:  # well-formed XML, but not WordprocessingML (bad XML is reported first)
        raise InputError(
            f"不是 Word 文档的正文：{path.name}", f"not a Word document part: {path.name}"
        )
    return out, body is not None


def _namespace(root) -> str:
    """The WordprocessingML namespace in braces (transitional, or ISO strict); "" if none."""
    tag = root.tag
    if not isinstance(tag, str) or not tag.startswith("{") or not tag.endswith("}document"):
        return ""
    return tag[: -len("document")]
