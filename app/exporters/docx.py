"""Word (.docx) export of one material, typeset to GB/T 9704 (DESIGN §7) with python-docx.

The paragraphs are the PDF exporter's (``pdf_content.material_paragraphs``), so both formats
carry the same text and options: in the default style a problems dimension is ONE paragraph —
``（一）`` and its run-in heading in a 楷体 run, then ``一是…二是…`` in 仿宋 — the exact text of
``export_txt``. The title (broken into lines as the PDF breaks it, ``title_breaks``), then
职务姓名 and date lines under it, as the text export writes them.

Output is deterministic: core-property dates come from ``material.updated`` (else a fixed
date), the zip is rewritten with fixed entry dates and order, so two exports are byte-identical.
python-docx is imported inside the functions: importing this module costs nothing.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from weakref import WeakKeyDictionary

from app.exporters.pdf_content import ParagraphSpec, material_paragraphs
from app.exporters.pdf_options import PdfOptions
from app.exporters.title_breaks import break_title, one_line
from app.model import Material

__all__ = ["DocxOptions", "export_docx", "render_docx"]

DocxOptions = PdfOptions  # the same options as the PDF export (one export dialog)
_FALLBACK_TIME = datetime(2000, 1, 1, tzinfo=UTC)
_ISO_RE = re.compile(r"^\d{4}-\d{2}-\d{2}([ T]\d{2}:\d{2}(:\d{2})?)?")
# Characters XML 1.0 cannot carry (control codes other than tab/newline, lone surrogates,
# U+FFFE/FFFF). They print as nothing, so the file leaves them out rather than failing.
_NOT_XML_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


_RUN_BREAKS_RE = re.compile("[\t\r\n]")
_STYLE_IDS: WeakKeyDictionary = WeakKeyDictionary()  # document part → style name → style id


def xml_text(text: str) -> str:
    return _NOT_XML_RE.sub("", text)


def export_docx(
    material: Material,
    out_path: str | Path,
    options: PdfOptions | None = None,
    *,
    force: bool = False,
) -> Path:
    """Write the material as .docx atomically (temp file beside the target, then ``os.replace``);
    ``force`` replaces a write-protected target (the user confirmed)."""
    from app.exporters.files import write_bytes_atomic
    from app.target_guard import check_target

    check_target(out_path, force=force)  # before rendering: a refused target costs no work
    return write_bytes_atomic(out_path, render_docx(material, options), force=force)


def render_docx(material: Material, options: PdfOptions | None = None) -> bytes:
    """The .docx bytes of the material."""
    import docx

    from app.exporters import docx_styles as st

    options = options or PdfOptions()
    document = docx.Document()
    drop_thumbnail(document)
    st.apply_styles(document)
    section = document.sections[0]
    st.apply_page(section)
    add_footers(document, section, options)

    body = document.element.body
    for p in list(body.iterchildren(docx.oxml.ns.qn("w:p"))):
        body.remove(p)  # the template's empty first paragraph
    _add_head(document, material)
    for spec in material_paragraphs(replace(material, title=""), options):
        add_spec_paragraph(document, spec)
    _set_core_properties(document, material)
    raw = io.BytesIO()
    document.save(raw)
    return normalise_zip(raw.getvalue(), stable_timestamp(material))


# ---------------------------------------------------------------------------------------------


def _add_head(document, material: Material) -> None:
    from app.exporters import docx_styles as st

    # Broken where the PDF breaks it (between words, even lines, the user's "\n" kept): Word
    # would break a full line inside a word (民|主生活会).
    lines = break_title(material.title)
    if lines:
        paragraph = document.add_paragraph(style=document.styles["Title"])
        for i, line in enumerate(lines):
            run = paragraph.add_run(xml_text(line))
            if i < len(lines) - 1:
                run.add_break()  # a two-line title stays one paragraph (one outline entry)
        document.add_paragraph(style=document.styles["Normal"])  # GB/T 9704: one blank line
    for text in (material.author, material.date):
        for line in (t for t in _lines(text) if t):
            paragraph = document.add_paragraph(style=document.styles["Normal"])
            paragraph_format(paragraph, indent=0, align="center")
            add_text_run(paragraph, line, st.FONT_HEADING2, bold=False)


def _lines(text: str) -> list[str]:
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def add_spec_paragraph(document, spec: ParagraphSpec) -> None:
    from app.exporters import docx_styles as st

    style = st.STYLE_BODY
    if spec.kind == "heading" and spec.runs:
        style = st.HEADING_STYLE_BY_ROLE.get(spec.runs[0].role, st.STYLE_HEADING3)
    paragraph = new_paragraph(document, style.name)
    if spec.kind == "signature":
        paragraph_format(paragraph, indent=0, align="right", right_chars=spec.right_space)
    elif spec.indent != style.indent_chars or spec.align != "justify":
        paragraph_format(paragraph, indent=spec.indent, align=spec.align)
    for run in spec.runs:
        # Only a run whose font differs from the paragraph style's gets direct fonts (the
        # run-in 楷体 dimension heading inside a 仿宋 paragraph).
        font = st.ROLE_FONTS.get(run.role, st.FONT_BODY)
        add_text_run(paragraph, run.text, None if font == style.font else font, bold=run.bold)


def new_paragraph(document, style_name: str):
    """``document.add_paragraph(style=document.styles[style_name])`` with the same XML, at a
    fraction of the cost: python-docx looks the style up by name and searches the body for its
    ``w:sectPr`` on every call, which is most of a 500-page export."""
    from docx.enum.style import WD_STYLE_TYPE
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.text.paragraph import Paragraph

    ids = _STYLE_IDS.setdefault(document.part, {})
    if style_name not in ids:  # None for the default style: python-docx writes no w:pStyle
        style = document.styles[style_name]
        ids[style_name] = document.part.get_style_id(style, WD_STYLE_TYPE.PARAGRAPH)
    body = document.element.body
    p = OxmlElement("w:p")
    if len(body) and body[-1].tag == qn("w:sectPr"):
        body[-1].addprevious(p)  # the body's own section properties stay last
    else:
        body.append(p)
    p.style = ids[style_name]
    return Paragraph(p, document._body)


def add_text_run(paragraph, text: str, font: str | None, *, bold: bool) -> None:
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls
    from docx.text.run import Run

    from app.exporters import docx_styles as st

    text = xml_text(text)
    r = paragraph._p.add_r()
    if _RUN_BREAKS_RE.search(text):
        r.text = text  # python-docx turns tabs and line breaks into w:tab/w:br
    elif text:
        r.add_t(text)  # what r.text does for plain text, without its per-character loop
    run = Run(r, paragraph)
    if font:
        run._r.insert(0, parse_xml(f"<w:rPr {nsdecls('w')}>{st.fonts_xml(font)}</w:rPr>"))
    if bold:
        run.bold = True


def paragraph_format(paragraph, *, indent: int, align: str, right_chars: int = 0) -> None:
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    from app.exporters import docx_styles as st

    ppr = paragraph._p.get_or_add_pPr()
    jc = {"justify": "both", "center": "center", "right": "right"}[align]
    # Schema order: pStyle … ind, jc — appended after pStyle, which python-docx put first.
    ppr.append(parse_xml(st.indent_xml(indent, right_chars=right_chars, standalone=True)))
    ppr.append(parse_xml(f'<w:jc {nsdecls("w")} w:val="{jc}"/>'))


def add_footers(document, section, options: PdfOptions) -> None:
    from app.exporters import docx_styles as st

    if options.page_number_position == "center":
        document.settings.odd_and_even_pages_header_footer = False
        st.fill_page_number_footer(section.footer, "center")
        return
    # GB/T 9704 7.5: odd pages right, even pages left, one character in from the edge.
    document.settings.odd_and_even_pages_header_footer = True
    st.fill_page_number_footer(section.footer, "right", indent="right")
    st.fill_page_number_footer(section.even_page_footer, "left", indent="left")


def drop_thumbnail(document) -> None:
    """python-docx's template ships a preview image of its own; file managers would show it."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    rels = document.part.package.rels
    for r_id, rel in list(rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            del rels[r_id]


def stable_timestamp(material: Material) -> datetime:
    for value in (material.updated, material.created):
        if value and _ISO_RE.match(value):
            try:
                stamp = datetime.fromisoformat(value)
            except ValueError:
                continue
            if stamp.tzinfo is None:
                stamp = stamp.replace(tzinfo=UTC)
            stamp = stamp.astimezone(UTC).replace(microsecond=0)
            if stamp.year >= 1980:  # zip dates start in 1980
                return stamp
    return _FALLBACK_TIME


def _set_core_properties(document, material: Material) -> None:
    stamp = stable_timestamp(material).replace(tzinfo=None)  # python-docx writes naive times as UTC
    props = document.core_properties
    props.title = xml_text(one_line(material.title))[:255]
    props.author = xml_text(material.author or material.organization)[:255]
    props.last_modified_by = props.author
    props.comments = ""
    props.created = stamp
    props.modified = stamp
    props.revision = 1
    props.keywords = xml_text(material.meeting)[:255]


def normalise_zip(data: bytes, stamp: datetime) -> bytes:
    """Same entries, fixed dates/attributes/compression: equal input gives equal bytes."""
    out = io.BytesIO()
    date_time = stamp.timetuple()[:6]
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            info = zipfile.ZipInfo(item.filename, date_time=date_time)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0
            info.external_attr = 0
            target.writestr(info, source.read(item.filename), compresslevel=6)
    return out.getvalue()
