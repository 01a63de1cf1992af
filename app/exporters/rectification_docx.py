"""整改清单 as a Word document: A4 landscape, a real Word table (``Table Grid``) whose first row
is marked as a header row (``w:tblHeader``: Word and WPS repeat it on every page) and whose rows
may not break across pages (``w:cantSplit``). Faces as the material export names them: 方正小标宋
title, 黑体 header, 仿宋_GB2312 cells, 宋体 ``— N —`` page numbers.

Output is deterministic like the material's .docx (fixed core-property dates and zip entries).
"""

from __future__ import annotations

import io

from app.exporters.docx import (
    _set_core_properties,
    drop_thumbnail,
    normalise_zip,
    stable_timestamp,
    xml_text,
)
from app.model import Material
from app.rectification import HEADERS, LIST_TITLE, rows

TWIPS_PER_MM = 1440 / 25.4
PAGE_WIDTH = round(297 * TWIPS_PER_MM)
PAGE_HEIGHT = round(210 * TWIPS_PER_MM)
MARGIN_X = round(20 * TWIPS_PER_MM)
MARGIN_TOP = round(20 * TWIPS_PER_MM)
MARGIN_BOTTOM = round(22 * TWIPS_PER_MM)
CELL_SIZE_PT = 12  # 小四
# The PDF's column shares (app.exporters.rectification_pdf), so both read alike.
COLUMN_SHARES = (0.05, 0.195, 0.24, 0.12, 0.145, 0.08, 0.17)
_CENTRED = {0, 4, 5}
_V_CENTRE = '<w:vAlign w:val="center"/>'


def render_rectification_docx(material: Material) -> bytes:
    import docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls, qn

    from app.exporters import docx_styles as st

    document = docx.Document()
    drop_thumbnail(document)
    st.apply_styles(document)
    section = document.sections[0]
    st.apply_page(section)
    sect_pr = section._sectPr
    for tag, xml in (
        (
            "w:pgSz",
            f'<w:pgSz {nsdecls("w")} w:w="{PAGE_WIDTH}" w:h="{PAGE_HEIGHT}" w:orient="landscape"/>',
        ),
        (
            "w:pgMar",
            f'<w:pgMar {nsdecls("w")} w:top="{MARGIN_TOP}" w:right="{MARGIN_X}"'
            f' w:bottom="{MARGIN_BOTTOM}" w:left="{MARGIN_X}" w:header="851" w:footer="567"'
            ' w:gutter="0"/>',
        ),
    ):
        old = sect_pr.find(qn(tag))
        old.addprevious(parse_xml(xml))
        sect_pr.remove(old)
    grid = sect_pr.find(qn("w:docGrid"))
    if grid is not None:
        sect_pr.remove(grid)  # the material's 22-line grid would stretch every table line
    document.settings.odd_and_even_pages_header_footer = False
    st.fill_page_number_footer(section.footer, "center")
    body = document.element.body
    for p in list(body.iterchildren(qn("w:p"))):
        body.remove(p)  # the template's empty first paragraph

    title = document.add_paragraph(LIST_TITLE, style=document.styles["Title"])
    title.paragraph_format.space_after = 0
    if material.title.strip():
        sub = document.add_paragraph(style=document.styles["Normal"])
        _format(sub, centred=True)
        _run(sub, " ".join(material.title.split()), st.FONT_HEADING2, 14)

    list_rows = rows(material)
    text_width = PAGE_WIDTH - 2 * MARGIN_X
    widths = [round(share * text_width) for share in COLUMN_SHARES]
    # The table as one piece of XML: python-docx's cell objects cost seconds on 2,000 rows.
    parts = [
        f'<w:tbl {nsdecls("w")}><w:tblPr><w:tblStyle w:val="{_grid_style_id(document)}"/>'
        '<w:tblW w:w="0" w:type="auto"/><w:tblLayout w:type="fixed"/>'
        '<w:tblCellMar><w:left w:w="72" w:type="dxa"/><w:right w:w="72" w:type="dxa"/>'
        "</w:tblCellMar>"
        '<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1"'
        ' w:lastColumn="0" w:noHBand="0" w:noVBand="1"/></w:tblPr><w:tblGrid>',
        *(f'<w:gridCol w:w="{w}"/>' for w in widths),
        "</w:tblGrid>",
        _row_xml(HEADERS, widths, header=True),
        *(_row_xml(row.cells(), widths, header=False) for row in list_rows),
        "</w:tbl>",
    ]
    body.append(parse_xml("".join(parts)))
    body.append(body.find(qn("w:sectPr")))  # the section properties stay last
    _set_core_properties(document, material)
    document.core_properties.title = xml_text(f"{material.title} {LIST_TITLE}".strip())[:255]
    raw = io.BytesIO()
    document.save(raw)
    return normalise_zip(raw.getvalue(), stable_timestamp(material))


def _grid_style_id(document) -> str:
    return document.styles["Table Grid"].style_id


def _row_xml(cells, widths: list[int], *, header: bool) -> str:
    """One table row: never split across pages; the first one repeats as the header."""
    from xml.sax.saxutils import escape

    from app.exporters import docx_styles as st

    font = st.FONT_HEADING1 if header else st.FONT_BODY
    rpr = f"<w:rPr>{st.fonts_xml(font)}{st.size_xml(CELL_SIZE_PT)}</w:rPr>"
    out = ["<w:tr><w:trPr><w:cantSplit/>", "<w:tblHeader/>" if header else "", "</w:trPr>"]
    for c, (text, width) in enumerate(zip(cells, widths, strict=True)):
        jc = "center" if header or c in _CENTRED else "left"
        runs = f"<w:r>{rpr}<w:br/></w:r>".join(
            f'<w:r>{rpr}<w:t xml:space="preserve">{escape(xml_text(line))}</w:t></w:r>'
            for line in text.split("\n")
        )
        out.append(
            f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>'
            f"{_V_CENTRE if header else ''}</w:tcPr>"
            f'<w:p><w:pPr><w:autoSpaceDE w:val="0"/><w:autoSpaceDN w:val="0"/>'
            f'<w:spacing w:before="0" w:after="0" w:line="276" w:lineRule="auto"/>'
            f'<w:ind w:firstLineChars="0" w:firstLine="0"/><w:jc w:val="{jc}"/></w:pPr>'
            f"{runs}</w:p></w:tc>"
        )
    out.append("</w:tr>")
    return "".join(out)


def _format(paragraph, *, centred: bool) -> None:
    """No first-line indent or grid spacing in a cell (the Normal style has both)."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Pt

    fmt = paragraph.paragraph_format
    fmt.first_line_indent = Pt(0)
    # the style's indent is in characters (firstLineChars), which wins over twips: zero it too
    paragraph._p.pPr.find(qn("w:ind")).set(qn("w:firstLineChars"), "0")
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(0)
    fmt.line_spacing = 1.15
    fmt.alignment = WD_ALIGN_PARAGRAPH.CENTER if centred else WD_ALIGN_PARAGRAPH.LEFT


def _run(paragraph, text: str, font: str, size_pt: float):
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    from app.exporters import docx_styles as st

    run = paragraph.add_run(xml_text(text))
    run._r.insert(
        0,
        parse_xml(f"<w:rPr {nsdecls('w')}>{st.fonts_xml(font)}{st.size_xml(size_pt)}</w:rPr>"),
    )
    return run
