"""The PDF export's contract: file writing, report, fonts per character, options, metadata."""

from __future__ import annotations

import io
import re
import subprocess
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pdf_fixtures import load_json, postscript_name, render_bundled
from pdf_measure import BLOCK_LEFT_MM, BLOCK_RIGHT_MM, CELL_PT, MM, is_paragraph_start, read_pdf
from pypdf import PdfReader

from app.errors import InputError
from app.exporters.pdf import export_pdf
from app.exporters.pdf_options import PdfOptions
from app.model import Dimension, Material, Point, Section


@pytest.fixture(autouse=True)
def bundled_fonts(monkeypatch):
    monkeypatch.setenv("DUIZHAO_FONTS", "bundled")


def small_material(**fields) -> Material:
    m = Material(
        title="县政府党组对照检查材料",
        organization="县政府党组",
        meeting="党史学习教育专题民主生活会",
        updated="2026-01-15T09:30:00+08:00",
        preamble=["按照要求，现将对照检查情况报告如下。"],
        sections=[
            Section(
                kind="problems",
                heading="存在的主要问题",
                dimensions=[
                    Dimension(
                        heading="带头深刻感悟两个确立",
                        short_name="两个确立",
                        heading_prefix="在“",
                        heading_suffix="”方面：",
                        points=[
                            Point(title="学习不够系统", body="平时学习较少。"),
                            Point(title="运用不够灵活", body="联系实际不够。"),
                        ],
                    ),
                ],
            ),
            Section(
                kind="measures",
                heading="努力方向和整改措施",
                points=[Point(title="强化理论学习", body="坚持读原著。")],
            ),
        ],
    )
    for key, value in fields.items():
        setattr(m, key, value)
    return m


def test_export_writes_the_file_atomically_and_reports_pages_and_fonts(tmp_path):
    folder = tmp_path / "out"
    folder.mkdir()
    out = folder / "材料.pdf"
    out.write_bytes(b"old")
    report = export_pdf(small_material(), out)
    assert out.read_bytes().startswith(b"%PDF-")
    assert report.pages == 1
    assert set(report.fonts) == {"title", "body", "heading1", "heading2", "page_number"}
    assert list(folder.iterdir()) == [out]  # no temp file left behind


def test_export_to_a_missing_folder_is_a_clear_input_error(tmp_path):
    with pytest.raises(InputError) as err:
        export_pdf(small_material(), tmp_path / "nope" / "x.pdf")
    assert err.value.zh and err.value.en


def test_importing_the_exporter_does_not_import_reportlab():
    code = "import sys, app.exporters.pdf; print('reportlab' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_a_pdf_export_loads_pillow_only_when_an_image_is_used(tmp_path):
    # ReportLab imports Pillow's Image module for bitmaps we never embed: it stays unloaded
    # through an export, and still works for whoever uses it afterwards.
    code = (
        "import sys\n"
        "from app.exporters.pdf import export_pdf\n"
        "from app.model import Material\n"
        f"export_pdf(Material(title='标题'), {str(tmp_path / 'a.pdf')!r})\n"
        "print('PIL.ExifTags' in sys.modules)\n"
        "from PIL import Image\n"
        "print(Image.new('RGB', (3, 2)).size)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split("\n")[:2] == ["False", "(3, 2)"]
    assert (tmp_path / "a.pdf").read_bytes().startswith(b"%PDF")


def test_character_outside_the_role_font_falls_back_and_is_reported():
    m = small_material(preamble=["王堃同志参加会议。"])
    data, report = render_bundled(m)
    [sub] = report.substitutions
    assert sub.char == "堃" and sub.where == "前言第1段" and "UMing" in sub.font
    doc = read_pdf(data)
    glyph = next(c for ln in doc.lines for c in ln.chars if c["text"] == "堃")
    body_font = postscript_name(report.font_files["body"])
    assert not glyph["fontname"].endswith(body_font)
    assert "王堃同志参加会议。" in "".join(ln.text for ln in doc.lines)


def test_character_no_font_has_is_refused_with_its_place():
    m = small_material()
    m.sections[0].dimensions[0].points[1].body = "联系实际不够\U0001f600。"
    with pytest.raises(InputError) as err:
        render_bundled(m)
    assert "U+1F600" in err.value.zh and "一、（一）二是" in err.value.zh
    assert "U+1F600" in err.value.en


def test_markup_looking_text_is_printed_literally():
    m = small_material(preamble=["<b>加粗</b> &amp; 1<2 且 3>2，<para>不是标记。"])
    data, _ = render_bundled(m)
    text = "".join(ln.text for ln in read_pdf(data).lines)
    assert "<b>加粗</b> &amp; 1<2 且 3>2，<para>不是标记。" in text


def test_metadata_outline_and_fixed_creation_date():
    data, _ = render_bundled(small_material())
    reader = PdfReader(io.BytesIO(data))
    info = reader.metadata
    assert info.title == "县政府党组对照检查材料"
    assert info.author == "县政府党组"
    assert info.subject == "党史学习教育专题民主生活会"
    assert info["/CreationDate"].startswith("D:20260115093000+08'00'")
    outline = reader.outline
    titles = [o.title for o in outline if not isinstance(o, list)]
    assert titles == ["一、存在的主要问题", "二、努力方向和整改措施"]
    nested = [o for o in outline if isinstance(o, list)][0]
    assert [o.title for o in nested] == ["（一）两个确立"]


def test_point_paragraphs_option_puts_each_point_on_its_own_line():
    default, _ = render_bundled(small_material())
    split, _ = render_bundled(small_material(), PdfOptions(point_paragraphs=True))
    starts = [ln.text for ln in read_pdf(split).lines if is_paragraph_start(ln)]
    assert "（一）在“带头深刻感悟两个确立”方面：" in starts
    assert any(s.startswith("一是学习不够系统。") for s in starts)
    assert any(s.startswith("二是运用不够灵活。") for s in starts)
    default_starts = [ln.text for ln in read_pdf(default).lines if is_paragraph_start(ln)]
    assert not any(s.startswith("一是学习") for s in default_starts)


def _content(data: bytes) -> str:
    return PdfReader(io.BytesIO(data)).pages[0].get_contents().get_data().decode("latin-1")


def test_bold_point_titles_strokes_only_the_title_sentences():
    bold, _ = render_bundled(small_material(), PdfOptions(bold_point_titles=True))
    plain_pdf, _ = render_bundled(small_material())
    # text render mode 2 (fill + stroke) is how 加粗 is drawn without a bold face
    stroked = _content(bold).count("2 Tr")
    assert stroked >= 3 and stroked == _content(bold).count("0 Tr")  # three titles, some wrapped
    assert _content(plain_pdf).count("2 Tr") == 0
    assert "".join(ln.text for ln in read_pdf(bold).lines) == "".join(
        ln.text for ln in read_pdf(plain_pdf).lines
    )


def test_centred_page_numbers_option():
    data, _ = render_bundled(small_material(), PdfOptions(page_number_position="center"))
    [number] = read_pdf(data).page_numbers
    centre = (number.x0_mm + number.x1_mm) / 2
    assert abs(centre - (BLOCK_LEFT_MM + BLOCK_RIGHT_MM) / 2) < 0.5


def test_signature_lines_are_right_aligned_four_characters_in():
    m = small_material(author="县政府党组", date="2026年1月15日")
    data, _ = render_bundled(m, PdfOptions(include_signature=True))
    lines = read_pdf(data).lines
    assert [ln.text for ln in lines[-2:]] == ["县政府党组", "2026年1月15日"]
    for ln in lines[-2:]:
        assert abs(ln.x1_mm - (BLOCK_RIGHT_MM - 4 * CELL_PT / MM)) < 0.3
    unsigned, _ = render_bundled(m)
    assert read_pdf(unsigned).lines[-1].text != "2026年1月15日"


def test_unknown_page_number_position_is_an_input_error():
    with pytest.raises(InputError):
        PdfOptions(page_number_position="left")


def test_empty_material_gives_one_numbered_page():
    data, report = render_bundled(Material())
    doc = read_pdf(data)
    assert report.pages == 1 and doc.lines == []
    assert [ln.text for ln in doc.page_numbers] == ["— 1 —"]


def test_stress_material_reports_its_substitution():
    _, report = render_bundled(load_json("stress-punctuation.json"))
    assert [(s.char, s.where) for s in report.substitutions] == [("堃", "一、（一）二是")]


_any_char = st.one_of(
    st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF),  # mostly hanzi, as in real text
    st.sampled_from(list("，。“”（）——……、：；！？ <&>aZ19%\t\u200b\ufeff\u3000\xa0")),
    st.characters(codec="utf-8", exclude_categories=("Cs",)),  # and anything at all
)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.text(alphabet=_any_char, max_size=200), st.text(alphabet=_any_char, max_size=60))
def test_any_text_gives_a_pdf_or_a_clear_input_error(body, title):
    m = small_material(title=title, preamble=[body])
    try:
        data, report = render_bundled(m)
    except InputError as err:
        assert "U+" in err.zh and "U+" in err.en  # names the characters no font has
        return
    assert data.startswith(b"%PDF-") and report.pages >= 1


def test_invisible_characters_are_not_printed_and_not_refused():
    data, _ = render_bundled(
        small_material(preamble=["零宽\u200b空格\ufeff和\u3000全角空格\t制表"])
    )
    text = "".join(ln.text for ln in read_pdf(data).lines)
    assert "零宽空格和" in text and "\u200b" not in text


def test_spaces_at_a_line_break_are_not_printed_so_lines_end_and_start_on_ink():
    hanzi = "落实全面从严治党主体责任加强理论学习提高政治站位坚持"
    # 24 cells, a space, then a word too wide for the rest of the 26-cell first line;
    # later "word" sits right after a full line so the next line would open with a space
    text = hanzi[:24] + " ReportLab" + hanzi * 2 + " word " + "问题导向" * 10
    data, _ = render_bundled(small_material(preamble=[text]))
    lines = [ln for ln in read_pdf(data).lines if ln.size == 16 and ln.page == 1]
    for line, nxt in zip(lines, lines[1:], strict=False):
        if abs(nxt.x0_mm - BLOCK_LEFT_MM) < 0.3 or nxt.text[0] == " ":  # a continuation
            assert line.text[-1] != " " and abs(line.x1_mm - BLOCK_RIGHT_MM) <= 0.3, line.text
            assert nxt.text[0] != " ", nxt.text


def test_every_stream_is_flate_only_without_ascii85():
    """Binary Flate streams (ASCII85 would make the file a quarter larger), page contents,
    font subsets and ToUnicode maps alike."""
    data = render_bundled(small_material())[0]
    # ReportLab writes each stream's dictionary just before the ``stream`` keyword, unnested
    filters = [
        re.search(rb"/Filter\s*(\[[^\]]*\]|/\w+)", head).group(1).split()
        if b"/Filter" in head
        else None
        for head in re.findall(rb"<<((?:(?!<<).)*?)>>\s*stream\r?\n", data, re.DOTALL)
    ]
    assert len(filters) >= 4  # a page, and for each font a subset and its ToUnicode map
    assert all(f == [b"[", b"/FlateDecode", b"]"] for f in filters), filters


def test_a_render_leaves_reportlab_process_settings_alone(monkeypatch):
    """Another ReportLab user in the process (or one rendering at the same time) sees
    ReportLab's own settings, during our render as well as after it."""
    from reportlab import rl_config
    from reportlab.pdfbase import pdfdoc

    import app.exporters.pdf as pdf_module

    def settings():
        return (
            rl_config.invariant,
            rl_config.useA85,
            rl_config.pageCompression,
            dict(vars(pdfdoc.PDFZCompress)),
        )

    before = settings()
    seen = []
    draw_line = pdf_module._line_ops

    def watching(*args):
        seen.append(settings())
        return draw_line(*args)

    monkeypatch.setattr(pdf_module, "_line_ops", watching)
    render_bundled(small_material())
    assert seen and set(map(repr, seen)) == {repr(before)}
    assert settings() == before
