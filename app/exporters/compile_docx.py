"""One Word document of several materials (汇编, issue 17): cover, 目录, then every material as
its own Word export writes it, each from a new page, page numbers `— N —` from the body on.

- **Sections.** The cover and the 目录 are sections without a footer; the body's first section
  restarts page numbering at 1 and carries the footers (the same GB/T 9704 footers as a single
  export); later sections inherit them. A material starts with ``pageBreakBefore`` on its title,
  or — with ``odd_pages`` — in a new section of type ``oddPage``, for which Word and LibreOffice
  insert the blank page themselves.
- **Headings.** Each material's title has the paragraph style ``汇编材料标题`` (outline level 1 —
  the navigation pane lists the materials), and the material's own heading styles move one
  level down under it.
- **目录.** A real Word ``TOC`` field over the ``汇编材料标题`` style. Its cached result — what
  Word shows until the field is updated (F9, or 更新域) — is filled in here: one hyperlinked
  entry per material with a ``PAGEREF`` to the bookmark on its title, whose number is the page
  the material starts on in the PDF compilation (our own layout on the same grid). Updating
  the field in Word recomputes the numbers from Word's layout.

python-docx is imported inside the functions: importing this module costs nothing.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from app.exporters.compile_options import (
    CompileOptions,
    CompileReport,
    Progress,
    check_materials,
    entry_label,
)
from app.exporters.docx import (
    add_footers,
    add_spec_paragraph,
    add_text_run,
    drop_thumbnail,
    normalise_zip,
    paragraph_format,
    stable_timestamp,
    xml_text,
)
from app.exporters.pdf_content import material_paragraphs
from app.model import Material

MATERIAL_TITLE_STYLE = "汇编材料标题"
_MATERIAL_TITLE_ID = "DZCompileTitle"
_TOC_STYLE_ID = "TOC1"  # Word's built-in "toc 1", which an updated TOC field writes entries in
_COVER_TOP_LINES = 4  # as the PDF cover: the title starts on the fifth grid line
_COVER_FOOT_LINE = 17


def export_compiled_docx(
    materials: Sequence[Material],
    out_path: str | Path,
    options: CompileOptions | None = None,
    *,
    force: bool = False,
    progress: Progress | None = None,
) -> CompileReport:
    """Write the compilation as .docx atomically; a failure or a cancel leaves no file."""
    from app.exporters.files import write_bytes_atomic
    from app.target_guard import check_target

    check_target(out_path, force=force)
    data, report = render_compiled_docx(materials, options, progress)
    write_bytes_atomic(out_path, data, force=force)
    return report


def render_compiled_docx(
    materials: Sequence[Material],
    options: CompileOptions | None = None,
    progress: Progress | None = None,
) -> tuple[bytes, CompileReport]:
    """The .docx bytes and a report whose ``starts`` are the 目录's numbers. ``progress`` counts
    the PDF layout of each material (for the numbers), then each material written."""
    from app.exporters.compile_pdf import compiled_start_pages

    check_materials(materials)
    options = options or CompileOptions()
    materials = list(materials)
    steps = 2 * len(materials)
    report = progress or (lambda _done, _total: None)
    starts = compiled_start_pages(materials, options, lambda done, _t: report(done, steps))
    data = _build(materials, options, starts, lambda n: report(len(materials) + n, steps))
    return data, CompileReport(starts=starts)


def _build(materials: list[Material], options: CompileOptions, starts: list[int], done) -> bytes:
    import docx
    from docx.enum.section import WD_SECTION

    from app.exporters import docx_styles as st

    document = docx.Document()
    drop_thumbnail(document)
    st.apply_styles(document)
    _compile_styles(document)
    st.apply_page(document.sections[0])
    body = document.element.body
    for p in list(body.iterchildren(docx.oxml.ns.qn("w:p"))):
        body.remove(p)  # the template's empty first paragraph

    _add_cover(document, options)
    toc_start = WD_SECTION.ODD_PAGE if options.odd_pages else WD_SECTION.NEW_PAGE
    document.add_section(toc_start)
    _add_toc(document, materials, starts)
    for index, material in enumerate(materials):
        if index == 0 or options.odd_pages:
            section = document.add_section(toc_start)
            _page_numbering(section, restart=index == 0)
            if index == 0:
                add_footers(document, section, options.layout)
        new_page = index > 0 and not options.odd_pages
        _add_material(document, material, index, options, new_page=new_page)
        done(index + 1)
    _core_properties(document, materials, options)
    raw = io.BytesIO()
    document.save(raw)
    newest = max(materials, key=lambda m: m.updated)
    return normalise_zip(raw.getvalue(), stable_timestamp(newest))


def _compile_styles(document) -> None:
    """``汇编材料标题`` (the Title format at outline level 1), the material's heading styles one
    level down, and ``toc 1`` with a dot-leader tab to the right margin for the 目录."""
    from docx.enum.style import WD_STYLE_TYPE
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls, qn

    from app.exporters import docx_styles as st

    for spec in (st.STYLE_HEADING1, st.STYLE_HEADING2, st.STYLE_HEADING3):
        level = document.styles[spec.name].element.find(qn("w:pPr")).find(qn("w:outlineLvl"))
        level.set(qn("w:val"), str(spec.outline_level + 1))
    title = document.styles.add_style(MATERIAL_TITLE_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    title.element.set(qn("w:styleId"), _MATERIAL_TITLE_ID)
    title.base_style = document.styles["Title"]
    title.next_paragraph_style = document.styles["Normal"]
    title.quick_style = True
    title.element.append(parse_xml(f'<w:pPr {nsdecls("w")}><w:outlineLvl w:val="0"/></w:pPr>'))
    toc = document.styles.add_style("toc 1", WD_STYLE_TYPE.PARAGRAPH)
    toc.element.set(qn("w:styleId"), _TOC_STYLE_ID)
    toc.base_style = document.styles["Normal"]
    width = st.text_width_twips()
    toc.element.append(
        parse_xml(
            f'<w:pPr {nsdecls("w")}><w:tabs><w:tab w:val="right" w:leader="dot"'
            f' w:pos="{width}"/></w:tabs>{st.indent_xml(0)}</w:pPr>'
        )
    )


def _blank_lines(document, count: int) -> None:
    for _ in range(count):
        document.add_paragraph(style=document.styles["Normal"])


def _centred(document, text: str, font: str | None, style: str = "Normal") -> None:
    paragraph = document.add_paragraph(style=document.styles[style])
    if style == "Normal":
        paragraph_format(paragraph, indent=0, align="center")
    add_text_run(paragraph, text, font, bold=False)


def _add_cover(document, options: CompileOptions) -> None:
    from app.exporters import docx_styles as st

    _blank_lines(document, _COVER_TOP_LINES)
    used = _COVER_TOP_LINES
    if options.title.strip():
        _centred(document, " ".join(options.title.split()), None, "Title")
        used += 1 + len(options.title) // 20
    if options.meeting.strip():
        _blank_lines(document, 1)
        _centred(document, " ".join(options.meeting.split()), st.FONT_HEADING2)
        used += 2
    foot = [t for t in (options.unit, options.date) if t.strip()]
    _blank_lines(document, max(1, _COVER_FOOT_LINE - len(foot) - used))
    for text in foot:
        _centred(document, " ".join(text.split()), None)


def _add_toc(document, materials: list[Material], starts: list[int]) -> None:
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    from app.exporters.compile_front import TOC_HEADING

    heading = document.add_paragraph(style=document.styles["Title"])
    heading.add_run(TOC_HEADING)
    _blank_lines(document, 1)
    instruction = f' TOC \\h \\z \\t "{MATERIAL_TITLE_STYLE},1" '
    for index, (material, start) in enumerate(zip(materials, starts, strict=True)):
        paragraph = document.add_paragraph(style=document.styles["toc 1"])
        p = paragraph._p
        if index == 0:
            for run in (
                '<w:fldChar w:fldCharType="begin"/>',
                f'<w:instrText xml:space="preserve">{instruction}</w:instrText>',
                '<w:fldChar w:fldCharType="separate"/>',
            ):
                p.append(parse_xml(f"<w:r {nsdecls('w')}>{run}</w:r>"))
        anchor = _bookmark_name(index)
        label = _xml_escape(xml_text(entry_label(material)))
        p.append(
            parse_xml(
                f'<w:hyperlink {nsdecls("w")} w:anchor="{anchor}" w:history="1">'
                f'<w:r><w:t xml:space="preserve">{label}</w:t></w:r><w:r><w:tab/></w:r>'
                '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
                f'<w:r><w:instrText xml:space="preserve"> PAGEREF {anchor} \\h </w:instrText></w:r>'
                '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
                f"<w:r><w:t>{start}</w:t></w:r>"
                '<w:r><w:fldChar w:fldCharType="end"/></w:r></w:hyperlink>'
            )
        )
        if index == len(materials) - 1:
            p.append(parse_xml(f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="end"/></w:r>'))


def _add_material(
    document, material: Material, index: int, options: CompileOptions, *, new_page: bool
) -> None:
    """The title (bookmarked for the 目录), 职务/姓名 and date lines, then the material's
    paragraphs exactly as its own Word export writes them."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    from app.exporters import docx_styles as st

    title = document.add_paragraph(style=document.styles[MATERIAL_TITLE_STYLE])
    ppr = title._p.get_or_add_pPr()
    if new_page:
        ppr.append(parse_xml(f"<w:pageBreakBefore {nsdecls('w')}/>"))
    name = _bookmark_name(index)
    title._p.append(
        parse_xml(f'<w:bookmarkStart {nsdecls("w")} w:id="{index + 1}" w:name="{name}"/>')
    )
    lines = [line for line in material.title.replace("\r", "\n").split("\n") if line.strip()]
    for i, line in enumerate(lines):
        run = title.add_run(xml_text(line))
        if i < len(lines) - 1:
            run.add_break()
    title._p.append(parse_xml(f'<w:bookmarkEnd {nsdecls("w")} w:id="{index + 1}"/>'))
    _blank_lines(document, 1)
    for text in (material.author, material.date):
        if text.strip():
            _centred(document, " ".join(text.split()), st.FONT_HEADING2)
    for spec in material_paragraphs(replace(material, title=""), options.layout):
        add_spec_paragraph(document, spec)


def _page_numbering(section, *, restart: bool) -> None:
    """Restart at 1 on the body's first section; later sections run on (python-docx copies the
    previous section's properties into a new one, restart included)."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls, qn

    sect_pr = section._sectPr
    for old in sect_pr.findall(qn("w:pgNumType")):
        sect_pr.remove(old)
    if restart:
        node = parse_xml(f'<w:pgNumType {nsdecls("w")} w:start="1"/>')
        sect_pr.find(qn("w:pgMar")).addnext(node)


def _bookmark_name(index: int) -> str:
    return f"_Toc_dz{index + 1:04d}"


def _xml_escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _core_properties(document, materials: list[Material], options: CompileOptions) -> None:
    newest = max(materials, key=lambda m: m.updated)
    stamp = stable_timestamp(newest).replace(tzinfo=None)
    props = document.core_properties
    props.title = xml_text(options.title)[:255]
    props.author = xml_text(options.unit)[:255]
    props.last_modified_by = props.author
    props.comments = ""
    props.created = stamp
    props.modified = stamp
    props.revision = 1
    props.keywords = xml_text(options.meeting)[:255]
