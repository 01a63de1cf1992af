"""Word (.docx) importer: the document's paragraphs and hints → ``structure.build_material``.

This reader does the Word layer and nothing else; classification is shared with the text
importer (one code path, two readers). It reads the XML parts itself through ``safe_zip``
(limits before inflating, no DTDs or entities) rather than through python-docx:

- paragraphs and runs in document order, including those inside content controls, smart
  tags and hyperlinks; tables become one paragraph per row (cells joined by a space);
- Word automatic numbering (``w:numPr`` on the paragraph or its style) rebuilt as text;
- heading styles and outline levels, and whole-paragraph bold, as structure hints;
- soft line breaks (``w:br``) joined (a line starting with a numbering marker starts a new
  paragraph); tracked changes accepted as shown (``w:ins`` kept, ``w:del`` dropped, a deleted
  paragraph mark joins the next paragraph); comments, footnotes, headers and footers ignored;
- a generated table of contents (TOC field or content control, ``TOC N`` styles) and page
  number fields are dropped and reported as furniture.
"""

from __future__ import annotations

import posixpath
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from app.errors import InputError
from app.importers.docx_body import BodyReader, RawParagraph, ReaderState, parse_styles
from app.importers.docx_numbering import NumberingCounter, NumberingDefinitions, parse_numbering
from app.importers.docx_stream import read_body
from app.importers.head import starts_with_marker
from app.importers.safe_zip import MAX_PART_BYTES, open_zip, parse_xml, part_info, read_part
from app.importers.structure import ImportReport, ParagraphHint, build_material
from app.importers.text import rejoin_hard_wraps
from app.model import Material

__all__ = ["ImportReport", "import_docx_file"]

_REL_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_OFFICE_DOCUMENT = "/officeDocument"
_TOC_TITLE_RE = re.compile(r"^\s*目\s*录\s*$")


@dataclass
class DocxParagraphs:
    """What the Word reader found, before classification: the paragraphs in reading order, a
    structure hint per paragraph, furniture dropped (TOC, page fields), text boxes skipped."""

    paragraphs: list[str]
    hints: list
    dropped: list[str]
    text_boxes: int


def read_docx_paragraphs(path: str | Path) -> DocxParagraphs:
    """Read a .docx into paragraphs and hints. Bad input (legacy .doc, PDF, encrypted, damaged,
    bombs, no text) → InputError. The import preview shows exactly these paragraphs."""
    path = Path(path)
    with open_zip(path) as archive:
        document_name = _main_part(archive, path)
        if part_info(archive, document_name, path, MAX_PART_BYTES) is None:
            raise InputError(
                f"压缩包里没有 Word 正文（{document_name}），不是 .docx 文档：{path.name}",
                f"the zip holds no Word document part ({document_name}); not a .docx: {path.name}",
            )
        rels = _part_rels(archive, document_name, path)
        state: ReaderState | None = None

        def make_reader(w: str) -> BodyReader:
            # Called at document.xml's root, which names the namespace styles are read in.
            nonlocal state
            styles_root = _related(archive, rels, "/styles", path)
            numbering_root = _related(archive, rels, "/numbering", path)
            styles = parse_styles(styles_root, w) if styles_root is not None else {}
            defs = (
                parse_numbering(numbering_root, w)
                if numbering_root is not None
                else NumberingDefinitions()
            )
            state = ReaderState(NumberingCounter(defs))
            return BodyReader(w, styles, state)

        raw, found_body = read_body(archive, document_name, path, make_reader)
    if not found_body:
        raise InputError(
            f"Word 文档没有正文：{path.name}", f"the Word document has no body: {path.name}"
        )
    paragraphs, hints, dropped = _assemble(raw)
    if not any(text.strip() for text in paragraphs):
        raise InputError(
            f"Word 文档里没有文字：{path.name}", f"the Word document contains no text: {path.name}"
        )
    return DocxParagraphs(paragraphs, hints, dropped, state.text_boxes if state else 0)


def import_docx_file(
    path: str | Path, *, template_id: str | None = None, keep: list[str] | None = None
) -> tuple[Material, ImportReport]:
    """Import a .docx file. Bad input (legacy .doc, PDF, encrypted, damaged, bombs) → InputError.
    ``keep``: set-aside lines the user brought back (see ``structure.build_material``)."""
    read = read_docx_paragraphs(path)
    kept = Counter(keep or [])
    paragraphs, hints, dropped = read.paragraphs, read.hints, list(read.dropped)
    # Text copied out of a PDF and pasted into Word: one paragraph per printed line.
    rejoined = rejoin_hard_wraps(paragraphs, hints, kept)
    if rejoined is not None:
        paragraphs, hints, wrapped_aside = rejoined
        dropped = [(0.0, d) for d in dropped] + wrapped_aside
    material, report = build_material(
        paragraphs, hints, template_id=template_id, dropped=dropped, keep=kept
    )
    report.encoding = "docx"
    if read.text_boxes:
        report.warnings.append(f"文档中有 {read.text_boxes} 个文本框，其中的文字未导入")
    return material, report


# ----- package -------------------------------------------------------------------------------


def _main_part(archive, path: Path) -> str:
    rels = read_part(archive, "_rels/.rels", path)
    if rels is not None:
        for rel in parse_xml(rels, "_rels/.rels", path).iter(f"{_REL_NS}Relationship"):
            if (
                rel.get("Type", "").endswith(_OFFICE_DOCUMENT)
                and rel.get("TargetMode") != "External"
            ):
                return rel.get("Target", "").lstrip("/")
    return "word/document.xml"


def _part_rels(archive, part: str, path: Path) -> dict[str, str]:
    """Relationship type suffix (e.g. "/styles") → target part name, for ``part``."""
    folder, name = posixpath.split(part)
    data = read_part(archive, posixpath.join(folder, "_rels", name + ".rels"), path)
    out: dict[str, str] = {}
    if data is None:
        return out
    for rel in parse_xml(data, name + ".rels", path).iter(f"{_REL_NS}Relationship"):
        if rel.get("TargetMode") == "External":
            continue
        target = rel.get("Target", "")
        full = (
            target.lstrip("/")
            if target.startswith("/")
            else posixpath.normpath(posixpath.join(folder, target))
        )
        out.setdefault("/" + rel.get("Type", "").rsplit("/", 1)[-1], full)
    return out


def _related(archive, rels: dict[str, str], kind: str, path: Path):
    name = rels.get(kind, f"word{kind}.xml")
    data = read_part(archive, name, path)
    return None if data is None else parse_xml(data, name, path)


# ----- paragraphs for the structure rules ----------------------------------------------------


def _assemble(raw: list[RawParagraph]) -> tuple[list[str], list[ParagraphHint], list[str]]:
    """Join deleted paragraph marks and soft breaks; split TOC entries off as furniture."""
    paragraphs: list[str] = []
    hints: list[ParagraphHint] = []
    dropped: list[str] = []
    carry: RawParagraph | None = None
    for para in raw:
        if carry is not None:
            # The paragraph mark was deleted (tracked): Word shows the two as one paragraph.
            para = RawParagraph(
                carry.text + para.text, carry.hint, carry.toc or para.toc, para.mark_deleted
            )
            carry = None
        if para.mark_deleted:
            carry = para
            continue
        if para.toc:
            if paragraphs and _TOC_TITLE_RE.match(paragraphs[-1]):
                dropped.append(paragraphs.pop())  # the 目录 heading above the generated TOC
                hints.pop()
            dropped += [t.strip() for t in para.text.split("\n") if t.strip()]
            continue
        for i, line in enumerate(_soft_lines(para.text)):
            paragraphs.append(line)
            hints.append(para.hint if i == 0 else ParagraphHint())
    if carry is not None:
        paragraphs.append(carry.text)
        hints.append(carry.hint)
    return paragraphs, hints, dropped


def _soft_lines(text: str) -> list[str]:
    """A paragraph's soft-broken lines: joined, except where a line starts with a marker."""
    lines = [line.strip() for line in text.split("\n")]
    out: list[str] = []
    for line in lines:
        if not line:
            continue
        if out and not starts_with_marker(line):
            prev = out[-1]
            glue = " " if prev[-1:].isascii() and prev[-1:].isalnum() and line[:1].isascii() else ""
            out[-1] = prev + glue + line
        else:
            out.append(line)
    return out or [""]
