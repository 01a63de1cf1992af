"""Walking a WordprocessingML body: paragraphs, runs, fields, tables and styles → raw paragraphs
with structure hints (``ParagraphHint``) for ``app.importers.docx``.

Word numbering is rendered through ``docx_numbering``; field instructions, deleted text
(tracked changes), page-number field results and drawings are skipped; a TOC field or content
control marks its paragraphs so the caller can drop them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from app.importers.docx_numbering import NumberingCounter
from app.importers.structure import ParagraphHint

_HEADING_NAME_RE = re.compile(r"^(?:heading|标题)\s*([1-9])$", re.IGNORECASE)
_CN_LEVEL_NAME_RE = re.compile(r"^([一二三])级标题")
_TOC_STYLE_RE = re.compile(r"^(?:toc|目录)\s*\d$", re.IGNORECASE)
_SKIPPED_FIELDS = ("PAGE", "NUMPAGES", "SECTIONPAGES", "PAGEREF")
_OFF = ("0", "false", "off")


@dataclass
class Style:
    """What a paragraph style contributes: outline level, numbering, bold (None = inherit)."""

    name: str = ""
    based_on: str = ""
    outline: int | None = None
    num: tuple[str, int] | None = None
    bold: bool | None = None


@dataclass
class RawParagraph:
    """One Word paragraph (or table row) as read, before soft breaks and TOC are handled."""

    text: str
    hint: ParagraphHint
    toc: bool = False
    mark_deleted: bool = False


@dataclass
class ReaderState:
    """What carries over between paragraphs: open fields and numbering counters."""

    counter: NumberingCounter
    fields: list[list] = field(default_factory=list)  # [instruction, in_result]
    text_boxes: int = 0


def parse_styles(root, w: str) -> dict[str, Style]:
    styles: dict[str, Style] = {}
    for node in root.iter(f"{w}style"):
        if node.get(f"{w}type", "paragraph") != "paragraph":
            continue
        style = Style()
        name = node.find(f"{w}name")
        style.name = name.get(f"{w}val", "") if name is not None else ""
        based = node.find(f"{w}basedOn")
        style.based_on = based.get(f"{w}val", "") if based is not None else ""
        ppr = node.find(f"{w}pPr")
        if ppr is not None:
            style.outline = _outline(ppr, w)
            num_pr = ppr.find(f"{w}numPr")
            if num_pr is not None:
                style.num = _num_pr(num_pr, w)
        rpr = node.find(f"{w}rPr")
        if rpr is not None:
            style.bold = _bold(rpr, w)
        styles[node.get(f"{w}styleId", "")] = style
    return styles


def _outline(ppr, w: str) -> int | None:
    node = ppr.find(f"{w}outlineLvl")
    if node is None:
        return None
    try:
        level = int(node.get(f"{w}val", "9"))
    except ValueError:
        return None
    return level if 0 <= level <= 8 else -1  # 9 = body text, which overrides a style's level


def _num_pr(num_pr, w: str) -> tuple[str, int]:
    num_id = num_pr.find(f"{w}numId")
    ilvl = num_pr.find(f"{w}ilvl")
    level = ilvl.get(f"{w}val", "0") if ilvl is not None else "0"
    return (
        num_id.get(f"{w}val", "") if num_id is not None else "",
        int(level) if level.isdigit() else 0,
    )


def _bold(rpr, w: str) -> bool | None:
    node = rpr.find(f"{w}b")
    if node is None:
        return None
    return node.get(f"{w}val", "1").lower() not in _OFF


class BodyReader:
    def __init__(self, w: str, styles: dict[str, Style], state: ReaderState):
        self.w = w
        self.styles = styles
        self.state = state

    def _chain(self, style_id: str):
        seen = set()
        while style_id and style_id not in seen and style_id in self.styles:
            seen.add(style_id)
            yield self.styles[style_id]
            style_id = self.styles[style_id].based_on

    def _style_value(self, style_id: str, attr: str):
        for style in self._chain(style_id):
            value = getattr(style, attr)
            if value is not None:
                return value
        return None

    def block(self, parent, toc: bool) -> list[RawParagraph]:
        """Paragraphs of a block container (body, table cell, content control) in order."""
        out: list[RawParagraph] = []
        for child in parent:
            out += self.element(child, toc)
        return out

    def element(self, child, toc: bool) -> list[RawParagraph]:
        """The paragraphs of one child of a block container (the streaming reader hands the
        body's children over one by one, as each is parsed)."""
        w = self.w
        tag = child.tag
        if tag == f"{w}p":
            return [self.paragraph(child, toc)]
        if tag == f"{w}tbl":
            return self.table(child, toc)
        if tag == f"{w}sdt":
            content = child.find(f"{w}sdtContent")
            return [] if content is None else self.block(content, toc or _is_toc_control(child, w))
        if tag in (f"{w}customXml", f"{w}ins", f"{w}moveTo", f"{w}smartTag"):
            return self.block(child, toc)
        return []

    def table(self, tbl, toc: bool) -> list[RawParagraph]:
        w = self.w
        rows = []
        for tr in tbl.iter(f"{w}tr"):
            if tr.getparent() is not tbl and tr.getparent().tag != f"{w}sdtContent":
                continue  # rows of nested tables are read through their cell
            cells = []
            for tc in tr.iter(f"{w}tc"):
                if tc.getparent() is not tr:
                    continue
                texts = [p.text.strip() for p in self.block(tc, toc) if p.text.strip()]
                if texts:
                    cells.append(" ".join(texts))
            if cells:
                rows.append(RawParagraph(" ".join(cells), ParagraphHint(), toc))
        return rows

    def paragraph(self, p, toc: bool) -> RawParagraph:
        w = self.w
        ppr = p.find(f"{w}pPr")
        style_id, outline, num, mark_deleted = "", None, None, False
        if ppr is not None:
            pstyle = ppr.find(f"{w}pStyle")
            style_id = pstyle.get(f"{w}val", "") if pstyle is not None else ""
            outline = _outline(ppr, w)
            num_pr = ppr.find(f"{w}numPr")
            num = _num_pr(num_pr, w) if num_pr is not None else None
            mark = ppr.find(f"{w}rPr")
            mark_deleted = mark is not None and mark.find(f"{w}del") is not None
        if num is None:
            num = self._style_value(style_id, "num")
        elif not num[0] and style_id:
            num = (self._style_value(style_id, "num") or ("", 0))[0], num[1]
        parts: list[tuple[str, bool]] = []  # (text, bold) pieces; "\n" = soft line break
        style_bold = bool(self._style_value(style_id, "bold"))
        self._inline(p, parts, style_bold)
        text = "".join(t for t, _ in parts)
        # Word counts (and shows) a number even on an empty paragraph; the text keeps it only
        # where there is text to number.
        label = self.state.counter.label(*num) if num else ""
        label = label if text.strip() else ""
        visible = [bold for t, bold in parts if t.strip()]
        hint = ParagraphHint(
            heading_level=self._heading_level(style_id, outline),
            bold=bool(visible) and all(visible),
        )
        names = [s.name for s in self._chain(style_id)]
        is_toc = toc or any(_TOC_STYLE_RE.match(n) for n in names[:1]) or self._in_toc_field()
        return RawParagraph(label + text, hint, is_toc, mark_deleted)

    def _in_toc_field(self) -> bool:
        return any(instr.strip().upper().startswith("TOC") for instr, _ in self.state.fields)

    def _heading_level(self, style_id: str, outline: int | None) -> int | None:
        if outline is None:
            outline = self._style_value(style_id, "outline")
        if outline is not None:
            return outline + 1 if outline >= 0 else None
        for style in self._chain(style_id):
            name = style.name.strip()
            m = _HEADING_NAME_RE.match(name)
            if m:
                return int(m.group(1))
            m = _CN_LEVEL_NAME_RE.match(name)
            if m:
                return "一二三".index(m.group(1)) + 1
            if name.lower() in ("title", "标题"):
                return 1
        return None

    def _inline(self, node, parts: list[tuple[str, bool]], style_bold: bool) -> None:
        w = self.w
        for child in node:
            tag = child.tag
            if tag == f"{w}r":
                self._run(child, parts, style_bold)
            elif tag in (f"{w}del", f"{w}moveFrom", f"{w}pPr", f"{w}rPr"):
                continue  # deleted text (tracked changes accepted), properties
            elif tag == f"{w}sdt":
                content = child.find(f"{w}sdtContent")
                if content is not None:
                    self._inline(content, parts, style_bold)
            elif tag in (
                f"{w}hyperlink",
                f"{w}ins",
                f"{w}moveTo",
                f"{w}smartTag",
                f"{w}customXml",
                f"{w}fldSimple",
                f"{w}bdo",
                f"{w}dir",
            ):
                simple = tag == f"{w}fldSimple"
                if simple:
                    self.state.fields.append([child.get(f"{w}instr", ""), True])
                self._inline(child, parts, style_bold)
                if simple:
                    self.state.fields.pop()

    def _run(self, r, parts: list[tuple[str, bool]], style_bold: bool) -> None:
        w = self.w
        rpr = r.find(f"{w}rPr")
        bold = style_bold
        if rpr is not None:
            own = _bold(rpr, w)
            if own is not None:
                bold = own
        fields = self.state.fields
        for child in r:
            tag = child.tag
            if tag == f"{w}fldChar":
                kind = child.get(f"{w}fldCharType")
                if kind == "begin":
                    fields.append(["", False])
                elif kind == "separate" and fields:
                    fields[-1][1] = True
                elif kind == "end" and fields:
                    fields.pop()
                continue
            if tag == f"{w}instrText":
                if fields and not fields[-1][1]:
                    fields[-1][0] += child.text or ""
                continue
            if not self._showing_text():
                continue
            if tag == f"{w}t":
                parts.append((child.text or "", bold))
            elif tag in (f"{w}br", f"{w}cr"):
                if child.get(f"{w}type", "textWrapping") == "textWrapping":
                    parts.append(("\n", bold))
            elif tag == f"{w}tab" or tag == f"{w}ptab":
                parts.append((" ", bold))
            elif tag == f"{w}noBreakHyphen":
                parts.append(("-", bold))
            elif tag == f"{w}sym":
                char = child.get(f"{w}char", "")
                # F0xx are private-use codes of symbol fonts (Wingdings): no text meaning.
                if re.fullmatch(r"[0-9A-Fa-f]{4}", char) and not char.upper().startswith("F0"):
                    if int(char, 16) >= 0x20:
                        parts.append((chr(int(char, 16)), bold))
            elif tag in (f"{w}drawing", f"{w}pict", f"{w}object") or tag.endswith(
                "}AlternateContent"
            ):
                if any(n.tag.endswith("}txbxContent") for n in child.iter()):
                    self.state.text_boxes += 1

    def _showing_text(self) -> bool:
        """Text counts unless it is a field instruction or the result of a page-number field."""
        for instr, in_result in self.state.fields:
            if not in_result:
                return False
            words = instr.split()
            if words and words[0].upper() in _SKIPPED_FIELDS:
                return False
        return True


def _is_toc_control(sdt, w: str) -> bool:
    gallery = sdt.find(f"{w}sdtPr/{w}docPartObj/{w}docPartGallery")
    return gallery is not None and "table of contents" in gallery.get(f"{w}val", "").lower()
