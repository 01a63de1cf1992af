"""The GB/T 9704 page and the named styles of an exported Word document (DESIGN §7).

Everything here edits python-docx's XML directly where python-docx has no API (document grid,
East Asian font names, indents counted in characters), so that Word and WPS pick the office
fonts (方正小标宋简体, 仿宋_GB2312, 黑体, 楷体_GB2312) and hold 28 characters × 22 lines.

Styles: the built-in ``Normal`` and ``Title`` carry the body and title formats (Chinese Word/WPS
show them as 正文 and 标题 — a custom style with those names would clash with the built-in ones);
``一级标题``/``二级标题``/``三级标题`` are custom styles with outline levels 1–3, so the navigation
pane lists them.
"""

from __future__ import annotations

from dataclasses import dataclass

from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

# GB/T 9704 on A4, in twentieths of a point (twips), the unit of w:pgSz / w:pgMar.
TWIPS_PER_MM = 1440 / 25.4
PAGE_WIDTH = round(210 * TWIPS_PER_MM)  # 11906
PAGE_HEIGHT = round(297 * TWIPS_PER_MM)  # 16838
MARGIN_TOP = round(37 * TWIPS_PER_MM)
MARGIN_BOTTOM = round(35 * TWIPS_PER_MM)
MARGIN_LEFT = round(28 * TWIPS_PER_MM)
MARGIN_RIGHT = round(26 * TWIPS_PER_MM)
# The footer's bottom edge; the `— N —` baseline then sits about 7 mm below the text block.
FOOTER_DISTANCE = round(28 * TWIPS_PER_MM)
HEADER_DISTANCE = round(15 * TWIPS_PER_MM)

BODY_SIZE_PT = 16  # 3号
TITLE_SIZE_PT = 22  # 2号
PAGE_NUMBER_SIZE_PT = 14  # 4号
CHARS_PER_LINE = 28
# 28 characters of 16 pt need a pitch ≤ 15.79 pt in 156 mm: every glyph advances 0.3 pt less
# (15.7 pt × 28 = 439.6 pt ≤ 442.25 pt; 29 would need 455.3 pt). A character grid
# (w:docGrid linesAndChars, charSpace −842) does the same in Word, but LibreOffice (7.4,
# measured) then puts each 16 pt glyph in two cells — 14 characters a line — so the grid is
# lines only. At −0.25 pt LibreOffice loses a "，" it pulls onto a full line; −0.3 pt leaves
# it room.
GLYPH_SQUEEZE = -6  # twentieths of a point (w:spacing/@w:val in run properties)
LINES_PER_PAGE = 22

FONT_TITLE = "方正小标宋简体"
FONT_BODY = "仿宋_GB2312"
FONT_HEADING1 = "黑体"
FONT_HEADING2 = "楷体_GB2312"
FONT_PAGE_NUMBER = "宋体"

# Font per content role (the roles of app.exporters.pdf_content runs).
ROLE_FONTS = {
    "title": FONT_TITLE,
    "heading1": FONT_HEADING1,
    "heading2": FONT_HEADING2,
    "body": FONT_BODY,
}


@dataclass(frozen=True)
class StyleSpec:
    style_id: str
    name: str
    font: str
    size_pt: int
    outline_level: int | None  # 0-based as in w:outlineLvl; None = body text
    align: str = "both"  # w:jc
    indent_chars: int = 2
    keep_next: bool = False


STYLE_BODY = StyleSpec("Normal", "Normal", FONT_BODY, BODY_SIZE_PT, None)
STYLE_TITLE = StyleSpec("Title", "Title", FONT_TITLE, TITLE_SIZE_PT, None, "center", 0, True)
STYLE_HEADING1 = StyleSpec("DZHeading1", "一级标题", FONT_HEADING1, BODY_SIZE_PT, 0, keep_next=True)
STYLE_HEADING2 = StyleSpec("DZHeading2", "二级标题", FONT_HEADING2, BODY_SIZE_PT, 1, keep_next=True)
STYLE_HEADING3 = StyleSpec("DZHeading3", "三级标题", FONT_BODY, BODY_SIZE_PT, 2, keep_next=True)
PARAGRAPH_STYLES = (STYLE_BODY, STYLE_TITLE, STYLE_HEADING1, STYLE_HEADING2, STYLE_HEADING3)
HEADING_STYLE_BY_ROLE = {"heading1": STYLE_HEADING1, "heading2": STYLE_HEADING2}


def text_width_twips() -> int:
    return PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT


def line_pitch_twips() -> int:
    """The grid line pitch: 22 lines must fit the 225 mm block, so round down (579, not 580)."""
    return (PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM) // LINES_PER_PAGE


def fonts_xml(font: str) -> str:
    # Explicit names on all four slots; theme attributes would override them, so none are set.
    return f'<w:rFonts w:ascii="{font}" w:hAnsi="{font}" w:eastAsia="{font}" w:cs="{font}"/>'


def size_xml(size_pt: float) -> str:
    half_points = round(size_pt * 2)
    return f'<w:sz w:val="{half_points}"/><w:szCs w:val="{half_points}"/>'


def indent_xml(
    first_line_chars: int = 0,
    *,
    right_chars: int = 0,
    left_chars: int = 0,
    size_pt: float = BODY_SIZE_PT,
    standalone: bool = False,
) -> str:
    """Indents in characters (w:*Chars, hundredths) with the twips equivalent for other readers."""
    em = round(size_pt * 20)
    ns = f" {nsdecls('w')}" if standalone else ""
    return (
        f'<w:ind{ns} w:firstLineChars="{first_line_chars * 100}" w:'
        f'firstLine="{first_line_chars * em}"'
        f' w:leftChars="{left_chars * 100}" w:left="{left_chars * em}"'
        f' w:rightChars="{right_chars * 100}" w:right="{right_chars * em}"/>'
    )


def _replace_child(parent, tag: str, xml: str) -> None:
    for old in parent.findall(qn(tag)):
        parent.remove(old)
    parent.append(parse_xml(xml))


def _style_ppr(spec: StyleSpec) -> str:
    outline = (
        f'<w:outlineLvl w:val="{spec.outline_level}"/>' if spec.outline_level is not None else ""
    )
    keep = "<w:keepNext/>" if spec.keep_next else ""
    return (
        f'<w:pPr {nsdecls("w")}>{keep}<w:widowControl w:val="0"/>'
        # overflowPunct 1: LibreOffice (7.4) reads it inverted, as "no hanging punctuation" —
        # with 0 it hangs a line-end "，" into the margin and leaves it out of its PDF; Word may
        # hang it (visible). No automatic space around Latin words and digits: the text sits on
        # the grid as typed.
        '<w:overflowPunct w:val="1"/><w:autoSpaceDE w:val="0"/><w:autoSpaceDN w:val="0"/>'
        '<w:spacing w:before="0" w:after="0"/>'
        f"{indent_xml(spec.indent_chars, size_pt=spec.size_pt)}"
        f'<w:jc w:val="{spec.align}"/>{outline}</w:pPr>'
    )


def _style_rpr(spec: StyleSpec) -> str:
    return f"<w:rPr {nsdecls('w')}>{fonts_xml(spec.font)}{size_xml(spec.size_pt)}</w:rPr>"


def _set_style(styles, spec: StyleSpec) -> None:
    try:
        style = styles[spec.name]
    except KeyError:
        style = styles.add_style(spec.name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = styles["Normal"]
        style.element.set(qn("w:styleId"), spec.style_id)
        style.element.set(qn("w:customStyle"), "1")
    style.quick_style = True
    style.next_paragraph_style = styles["Normal"]
    element = style.element
    for tag in ("w:pPr", "w:rPr"):
        for old in element.findall(qn(tag)):
            element.remove(old)
    element.append(parse_xml(_style_ppr(spec)))
    element.append(parse_xml(_style_rpr(spec)))


def apply_styles(document) -> None:
    """Document defaults and the five named paragraph styles."""
    styles_element = document.styles.element
    defaults = styles_element.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = parse_xml(f"<w:docDefaults {nsdecls('w')}/>")
        styles_element.insert(0, defaults)
    # Word measures the grid's character pitch from the default font size: it must be 16 pt.
    _replace_child(
        defaults,
        "w:rPrDefault",
        f"<w:rPrDefault {nsdecls('w')}><w:rPr>{fonts_xml(FONT_BODY)}"
        f'<w:spacing w:val="{GLYPH_SQUEEZE}"/>{size_xml(BODY_SIZE_PT)}'
        '<w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>',
    )
    _replace_child(
        defaults,
        "w:pPrDefault",
        f'<w:pPrDefault {nsdecls("w")}><w:pPr><w:spacing w:before="0" w:after="0"/></w:pPr>'
        f"</w:pPrDefault>",
    )
    for spec in PARAGRAPH_STYLES:
        _set_style(document.styles, spec)


def apply_page(section) -> None:
    """A4 portrait, GB/T 9704 margins and the 22-line document grid (28 characters:
    GLYPH_SQUEEZE)."""
    sect_pr = section._sectPr
    _replace_child(
        sect_pr, "w:pgSz", f'<w:pgSz {nsdecls("w")} w:w="{PAGE_WIDTH}" w:h="{PAGE_HEIGHT}"/>'
    )
    _replace_child(
        sect_pr,
        "w:pgMar",
        f'<w:pgMar {nsdecls("w")} w:top="{MARGIN_TOP}" w:right="{MARGIN_RIGHT}" w:'
        f'bottom="{MARGIN_BOTTOM}"'
        f' w:left="{MARGIN_LEFT}" w:header="{HEADER_DISTANCE}" w:footer="{FOOTER_DISTANCE}" w:'
        f'gutter="0"/>',
    )
    _replace_child(
        sect_pr,
        "w:docGrid",
        f'<w:docGrid {nsdecls("w")} w:type="lines" w:linePitch="{line_pitch_twips()}"/>',
    )
    # Schema order inside w:sectPr: …pgSz, pgMar, …, cols, …, docGrid last of these.
    for tag in ("w:pgSz", "w:pgMar"):
        node = sect_pr.find(qn(tag))
        sect_pr.remove(node)
        cols = sect_pr.find(qn("w:cols"))
        if cols is not None:
            cols.addprevious(node)
        else:
            sect_pr.find(qn("w:docGrid")).addprevious(node)


def fill_page_number_footer(footer, align: str, *, indent: str = "") -> None:
    """`— N —` with a PAGE field, 4号 宋体; ``indent`` "left"/"right" keeps one character in."""
    footer.is_linked_to_previous = False
    paragraph = footer.paragraphs[0]
    p = paragraph._p
    for child in list(p):
        p.remove(child)
    left = 1 if indent == "left" else 0
    right = 1 if indent == "right" else 0
    p.append(
        parse_xml(
            f'<w:pPr {nsdecls("w")}><w:pStyle w:val="Footer"/><w:spacing w:before="0" w:after="0"/>'
            f"{indent_xml(0, left_chars=left, right_chars=right, size_pt=PAGE_NUMBER_SIZE_PT)}"
            f'<w:jc w:val="{align}"/></w:pPr>'
        )
    )
    rpr = f"<w:rPr>{fonts_xml(FONT_PAGE_NUMBER)}{size_xml(PAGE_NUMBER_SIZE_PT)}</w:rPr>"
    runs = (
        '<w:t xml:space="preserve">— </w:t>',
        '<w:fldChar w:fldCharType="begin"/>',
        '<w:instrText xml:space="preserve"> PAGE </w:instrText>',
        '<w:fldChar w:fldCharType="separate"/>',
        "<w:t>1</w:t>",
        '<w:fldChar w:fldCharType="end"/>',
        '<w:t xml:space="preserve"> —</w:t>',
    )
    for inner in runs:
        p.append(parse_xml(f"<w:r {nsdecls('w')}>{rpr}{inner}</w:r>"))
