"""DOCX export: GB/T 9704 page, named styles with East Asian fonts, footers, options, text equal to
the text export, deterministic bytes; and LibreOffice's PDF of it reads back as the material."""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import replace

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from hypothesis import given, settings
from hypothesis import strategies as st

from app.errors import InputError
from app.exporters import docx_styles as styles
from app.exporters.docx import export_docx, render_docx
from app.exporters.pdf_options import PdfOptions
from app.exporters.text import export_txt
from app.importers.text import import_text_file

# The seed's title as the PDF prints it: two lines, broken between 专题 and the next word.
SEED_TITLE_LINES = ["县政府党组dangshi学习教育专题", 'mzshh"五个带头"对照检查材料']


@pytest.fixture
def seed(seed_path):
    material, _report = import_text_file(seed_path)
    material.updated = "2021-12-20T09:30:00+08:00"
    return material


def exported(material, tmp_path, options=None, name="out.docx"):
    path = export_docx(material, tmp_path / name, options)
    return path, docx.Document(str(path))


def east_asian_font(rpr) -> str | None:
    fonts = rpr.find(qn("w:rFonts")) if rpr is not None else None
    return fonts.get(qn("w:eastAsia")) if fonts is not None else None


def paragraph_texts(document) -> list[str]:
    out = []
    for p in document.paragraphs:
        text = "".join(
            "\n" if child.tag == qn("w:br") else (child.text or "")
            for child in p._p.iter(qn("w:t"), qn("w:br"))
        )
        if text:
            out.append(text)
    return out


def test_page_is_a4_with_gbt9704_margins(seed, tmp_path):
    _, document = exported(seed, tmp_path)
    section = document.sections[0]
    assert abs(section.page_width - Mm(210)) < Mm(0.1) and abs(section.page_height - Mm(297)) < Mm(
        0.1
    )
    for got, mm in (
        (section.top_margin, 37),
        (section.bottom_margin, 35),
        (section.left_margin, 28),
        (section.right_margin, 26),
    ):
        assert abs(got - Mm(mm)) < Mm(0.05)
    text_width = section.page_width - section.left_margin - section.right_margin
    assert abs(text_width - Mm(156)) < Mm(0.1)


def test_grid_holds_22_lines_of_28_characters(seed, tmp_path):
    _, document = exported(seed, tmp_path)
    grid = document.sections[0]._sectPr.find(qn("w:docGrid"))
    pitch = int(grid.get(qn("w:linePitch")))
    block = styles.PAGE_HEIGHT - styles.MARGIN_TOP - styles.MARGIN_BOTTOM
    assert 22 * pitch <= block < 23 * pitch
    # Every 16 pt glyph advances GLYPH_SQUEEZE less (set in the document defaults).
    defaults = (
        document.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    )
    squeeze = int(defaults.find(qn("w:spacing")).get(qn("w:val")))
    advance_twips = 16 * 20 + squeeze
    width = styles.text_width_twips()
    assert 28 * advance_twips <= width < 29 * advance_twips
    assert defaults.find(qn("w:sz")).get(qn("w:val")) == "32"


@pytest.mark.parametrize(
    "name, font, size, outline",
    [
        ("Normal", "仿宋_GB2312", 16, None),
        ("Title", "方正小标宋简体", 22, None),
        ("一级标题", "黑体", 16, "0"),
        ("二级标题", "楷体_GB2312", 16, "1"),
        ("三级标题", "仿宋_GB2312", 16, "2"),
    ],
)
def test_named_styles_carry_east_asian_fonts_and_outline_levels(
    seed, tmp_path, name, font, size, outline
):
    _, document = exported(seed, tmp_path)
    style = document.styles[name]
    rpr = style.element.find(qn("w:rPr"))
    fonts = rpr.find(qn("w:rFonts"))
    assert fonts.get(qn("w:eastAsia")) == font and fonts.get(qn("w:ascii")) == font
    assert not any("Theme" in k or "theme" in k for k in fonts.keys())  # theme fonts would win
    assert style.font.size == Pt(size)
    ppr = style.element.find(qn("w:pPr"))
    level = ppr.find(qn("w:outlineLvl"))
    assert (level.get(qn("w:val")) if level is not None else None) == outline
    indent = ppr.find(qn("w:ind"))
    expected_indent = "0" if name == "Title" else "200"  # first line: 2 characters
    assert indent.get(qn("w:firstLineChars")) == expected_indent


def test_headings_use_the_heading_styles(seed, tmp_path):
    _, document = exported(seed, tmp_path)
    by_style = {}
    for p in document.paragraphs:
        by_style.setdefault(p.style.name, []).append(p.text)
    # One Title paragraph, broken between words where the PDF breaks it (title_breaks).
    assert by_style["Title"] == ["\n".join(SEED_TITLE_LINES)]
    assert by_style["Title"][0].replace("\n", "") == seed.title
    assert by_style["一级标题"] == [
        "一、存在的主要问题",
        "二、问题根源剖析",
        "三、努力方向和整改措施",
    ]
    _, split = exported(seed, tmp_path, PdfOptions(point_paragraphs=True), "split.docx")
    headings2 = [p.text for p in split.paragraphs if p.style.name == "二级标题"]
    assert len(headings2) == 5 and headings2[0].startswith('（一）在"带头深刻感悟')


def test_text_is_exactly_the_text_export(seed, tmp_path):
    for options in (PdfOptions(), PdfOptions(point_paragraphs=True)):
        _, document = exported(seed, tmp_path, options, f"t{options.point_paragraphs}.docx")
        expected = (
            export_txt(seed, point_paragraphs=options.point_paragraphs).strip("\n").split("\n\n")
        )
        title, *rest = paragraph_texts(document)
        assert title.split("\n") == SEED_TITLE_LINES  # the title's line break is not text
        assert ["".join(title.split("\n")), *rest] == expected


def _rich_material():
    from app.model import Dimension, Material, Point, Section

    point = Point(
        title="学习不够深入",
        body="第一段正文。\n第二段正文。",
        example="某次学习流于形式。",
        example_lead="例如",
    )
    return Material(
        title="某局党组\n对照检查材料",
        preamble=["按照要求，现对照检查如下："],
        sections=[
            Section(
                kind="problems",
                heading="存在的问题",
                intro=["总体看，问题如下。"],
                dimensions=[
                    Dimension(
                        heading="学思想",
                        heading_prefix="在",
                        heading_suffix="方面：",
                        intro=["导语一。", "导语二。"],
                        points=[point, Point(title="二", body="b")],
                    ),
                    Dimension(
                        heading="强党性",
                        heading_prefix="在“",
                        heading_suffix="”方面",
                        points=[point],
                    ),
                ],
            ),
            Section(
                kind="causes",
                heading="原因",
                dimensions=[Dimension(heading="思想上", points=[point])],
            ),
            Section(kind="measures", heading="", points=[point]),
        ],
        closing=["以上对照检查，请批评指正。"],
    )


@pytest.mark.parametrize("point_paragraphs", [False, True])
def test_intros_multi_paragraph_bodies_and_sub_headings_match_the_text_export(
    tmp_path, point_paragraphs
):
    material = _rich_material()
    _, document = exported(material, tmp_path, PdfOptions(point_paragraphs=point_paragraphs))
    expected = export_txt(material, point_paragraphs=point_paragraphs).strip("\n").split("\n\n")
    texts = paragraph_texts(document)
    # A headingless section prints as its bare number on paper too, as in the text export.
    assert texts == expected
    # Outside the problems section a （一） is a sub-heading on its own line.
    assert any(p.text == "（一）思想上" and p.style.name == "二级标题" for p in document.paragraphs)


def test_run_in_dimension_heading_is_a_kai_run_then_fangsong(seed, tmp_path):
    _, document = exported(seed, tmp_path)
    paragraph = next(p for p in document.paragraphs if p.text.startswith("（一）"))
    assert paragraph.style.name == "Normal"
    first, second = paragraph.runs[0], paragraph.runs[1]
    dim = seed.sections[0].dimensions[0]
    assert first.text == "（一）" + dim.full_heading()
    assert east_asian_font(first._r.rPr) == "楷体_GB2312"
    assert (
        second.text.startswith("一是学习态度不够积极。") and east_asian_font(second._r.rPr) is None
    )
    assert not any(r.bold for r in paragraph.runs)


def test_bold_point_titles(seed, tmp_path):
    _, document = exported(seed, tmp_path, PdfOptions(bold_point_titles=True))
    paragraph = next(p for p in document.paragraphs if p.text.startswith("（一）"))
    bold = [r.text for r in paragraph.runs if r.bold]
    assert bold[:2] == ["一是学习态度不够积极。", "二是学深悟透不够深入。"]


def _footer_text(footer) -> str:
    return "".join(t.text for t in footer._element.iter(qn("w:t")))


def test_footers_odd_right_even_left_in_song_14pt(seed, tmp_path):
    _, document = exported(seed, tmp_path)
    assert document.settings.odd_and_even_pages_header_footer
    section = document.sections[0]
    for footer, align, side in (
        (section.footer, WD_ALIGN_PARAGRAPH.RIGHT, "rightChars"),
        (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT, "leftChars"),
    ):
        paragraph = footer.paragraphs[0]
        assert paragraph.alignment == align
        assert paragraph._p.pPr.find(qn("w:ind")).get(qn(f"w:{side}")) == "100"  # one character in
        assert _footer_text(footer) == "— 1 —"
        instr = "".join(t.text for t in footer._element.iter(qn("w:instrText")))
        assert instr.strip() == "PAGE"
        for r in paragraph.runs:
            assert east_asian_font(r._r.rPr) == "宋体" and r.font.size == Pt(14)


def test_centred_page_numbers_option(seed, tmp_path):
    _, document = exported(seed, tmp_path, PdfOptions(page_number_position="center"))
    assert not document.settings.odd_and_even_pages_header_footer
    assert document.sections[0].footer.paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.CENTER


def test_signature_option_appends_right_aligned_lines(seed, tmp_path):
    _, document = exported(seed, tmp_path, PdfOptions(include_signature=True))
    last = document.paragraphs[-1]
    assert last.text == seed.organization and last.alignment == WD_ALIGN_PARAGRAPH.RIGHT


def test_core_properties_come_from_the_material(seed, tmp_path):
    _, document = exported(seed, tmp_path)
    props = document.core_properties
    assert props.title == seed.title and props.author == "县政府党组"
    assert props.created.isoformat().startswith("2021-12-20T01:30:00")  # 09:30 +08:00 in UTC
    assert props.modified == props.created and "python-docx" not in (props.comments or "")


def test_two_exports_are_byte_identical_with_fixed_zip_dates(seed, tmp_path):
    a = render_docx(seed)
    assert a == render_docx(seed)
    with zipfile.ZipFile(tmp_path / "x.docx", "w") as z:
        z.writestr("x", "")  # (an unrelated zip written now must not matter)
    path = export_docx(seed, tmp_path / "a.docx")
    assert path.read_bytes() == a
    with zipfile.ZipFile(path) as z:
        assert {i.date_time for i in z.infolist()} == {(2021, 12, 20, 1, 30, 0)}
        assert "docProps/thumbnail.jpeg" not in z.namelist()
    assert render_docx(replace(seed, updated="2022-01-01T00:00:00+00:00")) != a


def test_material_without_timestamps_is_still_deterministic(seed):
    bare = replace(seed, updated="", created="")
    assert render_docx(bare) == render_docx(bare)


def test_export_is_atomic_and_replaces(seed, tmp_path):
    target = tmp_path / "材料.docx"
    target.write_bytes(b"old")
    path = export_docx(seed, target)
    assert path == target and target.read_bytes()[:2] == b"PK"
    assert [p.name for p in tmp_path.iterdir() if p.is_file()] == ["材料.docx"]  # no temp file left
    with pytest.raises(InputError, match="文件夹不存在"):
        export_docx(seed, tmp_path / "missing" / "a.docx")


def test_two_line_title_and_author_lines(seed, tmp_path):
    material = replace(
        seed, title="县政府党组\n对照检查材料", author="县长 张三", date="2021年12月20日"
    )
    _, document = exported(material, tmp_path)
    texts = paragraph_texts(document)
    assert texts[:3] == ["县政府党组\n对照检查材料", "县长 张三", "2021年12月20日"]
    assert document.paragraphs[0].style.name == "Title"


# ----- LibreOffice: the file opens and prints as the material ----------------------------------


@pytest.fixture(scope="module")
def seed_pdf(tmp_path_factory):
    from tests import libreoffice
    from tests.conftest import SEED_CANDIDATES

    if libreoffice.soffice_path() is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    seed_file = next(p for p in SEED_CANDIDATES if p.exists())
    material, _ = import_text_file(seed_file)
    folder = tmp_path_factory.mktemp("lo")
    path = export_docx(material, folder / "seed.docx")
    return material, libreoffice.convert(path, "pdf", folder)


def test_libreoffice_prints_a4_pages_with_the_material_text_at_16pt(seed_pdf):
    import pdfplumber

    material, pdf_path = seed_pdf
    body, sizes = [], {}
    with pdfplumber.open(pdf_path) as pdf:
        pages = len(pdf.pages)
        for page in pdf.pages:
            assert round(page.width / 72 * 25.4) == 210 and round(page.height / 72 * 25.4) == 297
            for char in page.chars:
                if char["size"] > 14.5:  # not the 14 pt footer
                    body.append(char["text"])
                    sizes[round(char["size"])] = sizes.get(round(char["size"]), 0) + 1
    expected = re.sub(r"\s", "", export_txt(material))
    assert re.sub(r"\s", "", "".join(body)) == expected
    title_chars = len(re.sub(r"\s", "", material.title))
    assert sizes == {22: title_chars, 16: len(expected) - title_chars}
    assert 8 <= pages <= 10  # 28 × 22 per page: the PDF export of the seed has 9 pages


def test_libreoffice_prints_page_numbers_outside_in_14pt(seed_pdf):
    import pdfplumber

    _, pdf_path = seed_pdf
    with pdfplumber.open(pdf_path) as pdf:
        for number, page in enumerate(pdf.pages, start=1):
            footer = [c for c in page.chars if abs(c["size"] - 14) < 0.5]
            assert re.sub(r"\s", "", "".join(c["text"] for c in footer)) == f"—{number}—"
            x0, x1 = min(c["x0"] for c in footer), max(c["x1"] for c in footer)
            if number % 2:  # odd: right, about one character (14 pt) in from the block's edge
                assert page.width - 26 / 25.4 * 72 - x1 == pytest.approx(14, abs=4)
            else:
                assert x0 - 28 / 25.4 * 72 == pytest.approx(14, abs=4)
            top = min(c["top"] for c in footer)
            assert top > page.height - 35 / 25.4 * 72  # below the text block


def test_libreoffice_lines_hold_28_characters(seed_pdf):
    import pdfplumber

    _, pdf_path = seed_pdf
    with pdfplumber.open(pdf_path) as pdf:
        page = pdf.pages[3]  # a page of plain Chinese body text
        lines: dict[int, list] = {}
        for c in page.chars:
            if c["size"] > 15:
                lines.setdefault(round(c["top"]), []).append(c)
        counts = [len(v) for v in lines.values()]
    assert max(counts) >= 28 and counts.count(28) >= len(counts) // 2
    assert len(lines) == 22


def test_characters_xml_cannot_carry_are_left_out(tmp_path):
    from app.model import Material

    material = Material(
        title="标题\x0c对照检查材料", preamble=["按照\x0b要求\x01，现\ud800报告如下："]
    )
    path, document = exported(material, tmp_path)
    assert paragraph_texts(document) == ["标题对照检查材料", "按照要求，现报告如下："]


@settings(max_examples=25, deadline=None)
@given(texts=st.lists(st.text(max_size=40), min_size=3, max_size=3))
def test_any_text_exports(texts):
    """Whatever a user typed, the export writes a file that reads back with that text."""
    from app.model import Material, Point, Section

    title, body, closing = texts
    material = Material(
        title=title,
        sections=[Section(kind="other", heading="", points=[Point(body=body)])],
        closing=[closing],
    )
    document = docx.Document(io.BytesIO(render_docx(material)))
    # The title's line breaks are layout (where a long line breaks between words); every typed
    # line must still read back whole.
    shown = "\n".join(
        "".join(
            {"t": el.text or "", "tab": "\t", "br": "" if p.style.name == "Title" else "\n"}[
                el.tag.rsplit("}", 1)[1]
            ]
            for el in p._p.iter(qn("w:t"), qn("w:tab"), qn("w:br"))
        )
        for p in document.paragraphs
    )
    for text in texts:
        for line in re.split("\r\n|\r|\n", text):
            kept = re.sub("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]", "", line)
            assert kept in shown
