"""DOCX import: Word's ways of writing structure end in the same Material as the text importer."""

from __future__ import annotations

import docx
import pytest
from docx.enum.text import WD_BREAK
from docx_builders import W, build_long_docx, numbering, para, run, styles, table, write_docx

from app.exporters.docx import export_docx
from app.importers.docx import import_docx_file
from app.importers.docx_numbering import Level, NumberingCounter, NumberingDefinitions
from app.importers.text import import_text, import_text_file
from app.serialize import material_to_json

TITLE = "县委常委班子2023年度主题教育专题民主生活会对照检查材料"
PREAMBLE = "按照县委统一部署，班子成员认真学习，广泛征求意见，现将对照检查情况报告如下："
POINT_1 = "理论学习不够深入。学习的系统性不强，以干代学现象仍然存在。比如，中心组学习研讨不够充分。"
POINT_2 = "调查研究不够扎实。深入基层不够，掌握情况不全面。"
CAUSE = "理想信念有所弱化。对理论学习的重要性认识不足。"
MEASURE = "加强理论武装。坚持读原著学原文悟原理。"

# The same material as plain text, which the text importer reads: the reference result.
REFERENCE_TEXT = f"""{TITLE}

{PREAMBLE}

一、存在的主要问题

（一）在学思想方面

一是{POINT_1}

二是{POINT_2}

（二）在强党性方面

一是{POINT_2}

二、问题根源剖析

一是{CAUSE}

三、努力方向和整改措施

一是{MEASURE}
"""


def reference_json() -> str:
    material, _report = import_text(REFERENCE_TEXT)
    return material_to_json(material)


def imported(path, **kwargs):
    material, report = import_docx_file(path, **kwargs)
    return material, report


def test_reference_text_has_the_expected_shape():
    material, report = import_text(REFERENCE_TEXT)
    assert [s.kind for s in material.sections] == ["problems", "causes", "measures"]
    assert report.point_count == 5 and report.dimension_count == 2


def test_seed_round_trip_gives_the_same_json(tmp_path, seed_path):
    material, _ = import_text_file(seed_path)
    path = export_docx(material, tmp_path / "seed.docx")
    again, report = import_docx_file(path)
    assert material_to_json(again) == material_to_json(material)
    assert report.encoding == "docx" and not report.unclassified and report.point_count == 23


def test_seed_round_trip_with_point_paragraphs(tmp_path, seed_path):
    from app.exporters.pdf_options import PdfOptions

    material, _ = import_text_file(seed_path)
    path = export_docx(
        material, tmp_path / "seed.docx", PdfOptions(point_paragraphs=True, bold_point_titles=True)
    )
    again, _ = import_docx_file(path)
    # The words come back unchanged; the shape comes back as exported: each dimension heading
    # on its own line and each point its own paragraph (the import keeps the shape it reads).
    for section in again.sections:
        for dim in section.dimensions:
            assert dim.heading_alone and dim.points_apart
            dim.heading_alone = dim.points_apart = False
    assert material_to_json(again) == material_to_json(material)


def _python_docx(path, build) -> None:
    document = docx.Document()
    build(document)
    document.save(path)


def test_headings_as_styles_without_numbers(tmp_path):
    def build(d):
        d.add_paragraph(TITLE, style="Title")
        d.add_paragraph(PREAMBLE)
        d.add_paragraph("存在的主要问题", style="Heading 1")
        d.add_paragraph(
            "在学思想方面", style="Heading 2"
        )  # a dimension, numbered by the style only
        d.add_paragraph("一是" + POINT_1)
        d.add_paragraph("问题根源剖析", style="Heading 1")
        d.add_paragraph("一是" + CAUSE)
        d.add_paragraph("努力方向和整改措施", style="Heading 1")
        d.add_paragraph("一是" + MEASURE)

    _python_docx(tmp_path / "h.docx", build)
    material, _ = imported(tmp_path / "h.docx")
    assert material.title == TITLE
    assert [(s.kind, s.heading) for s in material.sections] == [
        ("problems", "存在的主要问题"),
        ("causes", "问题根源剖析"),
        ("measures", "努力方向和整改措施"),
    ]
    assert material.sections[0].dimensions[0].full_heading() == "在学思想方面"
    assert material.sections[0].dimensions[0].points[0].title == "理论学习不够深入"


def test_headings_as_bold_runs(tmp_path):
    def build(d):
        d.add_paragraph().add_run(TITLE).bold = True
        d.add_paragraph(PREAMBLE)
        for heading, point in (
            ("存在的主要问题", POINT_1),
            ("问题根源剖析", CAUSE),
            ("整改措施", MEASURE),
        ):
            d.add_paragraph().add_run(heading).bold = True
            d.add_paragraph("一是" + point)

    _python_docx(tmp_path / "b.docx", build)
    material, _ = imported(tmp_path / "b.docx")
    assert [s.kind for s in material.sections] == ["problems", "causes", "measures"]
    # A bold word inside a body paragraph is not a heading.
    assert material.sections[0].points[0].title == "理论学习不够深入"


def _numbered_reference_body(point_num: int) -> str:
    """The reference material with Word numbering instead of typed numbers."""
    return "".join(
        [
            para(TITLE, style="Title"),
            para(PREAMBLE),
            para("存在的主要问题", num=(1, 0)),
            para("在学思想方面", num=(1, 1)),
            para(POINT_1, num=(point_num, 0)),
            para(POINT_2, num=(point_num, 0)),
            para("在强党性方面", num=(1, 1)),
            para(POINT_2, num=(point_num + 1, 0)),
            para("问题根源剖析", num=(1, 0)),
            para(CAUSE, num=(point_num + 2, 0)),
            para("努力方向和整改措施", num=(1, 0)),
            para(MEASURE, num=(point_num + 3, 0)),
        ]
    )


def test_word_auto_numbered_headings_and_points_are_reconstructed(tmp_path):
    outline = [("chineseCounting", "%1、"), ("chineseCounting", "（%2）")]
    points = [("chineseCounting", "%1是")]
    # Lists 2–5 share one abstract definition; each restarts at 一 through startOverride.
    numbering_xml = numbering(
        {0: outline, 1: points},
        {1: 0, 2: 1, 3: 1, 4: 1, 5: 1},
        start_overrides={2: 1, 3: 1, 4: 1, 5: 1},
    )
    path = write_docx(
        tmp_path / "n.docx",
        _numbered_reference_body(2),
        styles_xml=styles(),
        numbering_xml=numbering_xml,
    )
    material, _ = imported(path)
    assert material_to_json(material) == reference_json()


def test_lists_sharing_an_abstract_definition_continue_counting(tmp_path):
    # Word: two lists (w:num) over one abstract definition, no override → one running count.
    numbering_xml = numbering({0: [("decimal", "%1.")]}, {1: 0, 2: 0})
    body = para("甲", num=(1, 0)) + para("乙", num=(2, 0)) + para("丙", num=(1, 0))
    material, _ = imported(
        write_docx(tmp_path / "c.docx", body, styles_xml=styles(), numbering_xml=numbering_xml)
    )
    assert material.sections[0].points[2].title == "丙"
    assert len(material.sections[0].points) == 3


@pytest.mark.parametrize(
    "fmt, text, seen",
    [
        ("decimal", "%1.", "2."),
        ("decimal", "%1、", "2、"),
        ("decimal", "(%1)", "(2)"),
        ("decimalEnclosedCircle", "%1", "②"),
        ("chineseCounting", "%1是", "二是"),
    ],
)
def test_point_number_variants(tmp_path, fmt, text, seen):
    numbering_xml = numbering(
        {0: [("chineseCounting", "%1、"), ("chineseCounting", "（%2）")], 1: [(fmt, text)]},
        {1: 0, 2: 1},
    )
    body = (
        para("存在的主要问题", num=(1, 0))
        + para("在学思想方面", num=(1, 1))
        + para(POINT_1, num=(2, 0))
        + para(POINT_2, num=(2, 0))
    )
    material, _ = imported(
        write_docx(tmp_path / "v.docx", body, styles_xml=styles(), numbering_xml=numbering_xml)
    )
    dim = material.sections[0].dimensions[0]
    # Without the reconstructed numbers the two paragraphs would be one untitled point.
    assert [p.title for p in dim.points] == ["理论学习不够深入", "调查研究不够扎实"]
    assert dim.full_heading() == "在学思想方面"
    counter = NumberingCounter(
        NumberingDefinitions(abstract={"0": {0: Level(fmt, text)}}, lists={"7": "0"})
    )
    assert [counter.label("7", 0) for _ in range(2)][1] == seen


def test_numbering_counter_follows_word():
    defs = NumberingDefinitions(
        abstract={
            "0": {
                0: Level("chineseCounting", "%1、"),
                1: Level("decimal", "%1.%2", legal=True),
                2: Level("decimal", "(%3)", restart=0),
            }
        },
        lists={"1": "0", "2": "0"},
        overrides={"2": {0: 5}},
    )
    counter = NumberingCounter(defs)
    labels = [
        counter.label(n, lvl)
        for n, lvl in [
            ("1", 0),
            ("1", 1),
            ("1", 2),
            ("1", 1),
            ("1", 0),
            ("1", 1),
            ("1", 2),
            ("2", 0),
            ("0", 0),
            ("9", 0),
        ]
    ]
    # isLgl shows 一 as 1; level 2 never restarts (lvlRestart 0); list 2 restarts the shared
    # count at 五; numId 0 and unknown lists show no number.
    assert labels == ["一、", "1.1", "(1)", "1.2", "二、", "2.1", "(2)", "五、", "", ""]


def test_numbering_from_a_heading_style_and_deeper_levels_restart(tmp_path):
    heading = (
        '<w:style w:type="paragraph" w:styleId="H1"><w:name w:val="heading 1"/><w:pPr>'
        '<w:numPr><w:numId w:val="1"/></w:numPr><w:outlineLvl w:val="0"/></w:pPr></w:style>'
    )
    numbering_xml = numbering(
        {0: [("chineseCounting", "%1、"), ("chineseCounting", "（%2）")]}, {1: 0}
    )
    body = "".join(
        [
            para("存在的主要问题", style="H1"),
            para("在学思想方面", num=(1, 1)),
            para("一是" + POINT_1),
            para("在强党性方面", num=(1, 1)),
            para("一是" + POINT_2),
            para("问题根源剖析", style="H1"),
            para("第一个原因", num=(1, 1)),
            para("一是" + CAUSE),
        ]
    )
    material, _ = imported(
        write_docx(
            tmp_path / "s.docx", body, styles_xml=styles(heading), numbering_xml=numbering_xml
        )
    )
    assert [s.heading for s in material.sections] == ["存在的主要问题", "问题根源剖析"]
    assert len(material.sections[0].dimensions) == 2
    # The （一） under 二、 restarted: it is the causes section's first sub-heading.
    assert material.sections[1].dimensions[0].heading == "第一个原因"


def test_table_text_is_kept_row_by_row(tmp_path):
    body = (
        para("存在的主要问题", style="Heading1")
        + para("一是" + POINT_1)
        + table([["序号", "问题", "整改时限"], ["1", "学习不深入", "2024年6月"]])
        + para("二是" + POINT_2)
    )
    material, report = imported(write_docx(tmp_path / "t.docx", body, styles_xml=styles()))
    everything = material_to_json(material)
    assert "序号 问题 整改时限" in everything and "1 学习不深入 2024年6月" in everything
    assert len(material.sections[0].points) == 2


def test_title_split_over_two_paragraphs(tmp_path):
    body = (
        para("县委常委班子2023年度主题教育专题民主生活会", style="Title")
        + para("对照检查材料", style="Title")
        + para(PREAMBLE)
        + para("一、存在的主要问题")
        + para("一是" + POINT_1)
    )
    material, _ = imported(write_docx(tmp_path / "t2.docx", body, styles_xml=styles()))
    assert material.title == TITLE
    assert material.preamble == [PREAMBLE]


def test_soft_line_breaks_are_joined(tmp_path):
    def build(d):
        p = d.add_paragraph("县委常委班子2023年度主题教育", style="Title")
        p.add_run().add_break()
        p.add_run("专题民主生活会对照检查材料")
        p = d.add_paragraph("按照县委统一部署，班子成员认真学习，")
        p.add_run().add_break(WD_BREAK.LINE)
        p.add_run("现将对照检查情况报告如下：")
        d.add_paragraph("一、存在的主要问题")
        p = d.add_paragraph("一是" + POINT_1)
        p.add_run().add_break()
        p.add_run("二是" + POINT_2)  # a line starting with a marker is its own paragraph
        p = d.add_paragraph("三是学习 Microsoft")
        p.add_run().add_break()
        p.add_run("Word 不够。")

    _python_docx(tmp_path / "br.docx", build)
    material, _ = imported(tmp_path / "br.docx")
    assert material.title == TITLE
    assert material.preamble == ["按照县委统一部署，班子成员认真学习，现将对照检查情况报告如下："]
    points = material.sections[0].points
    assert [p.title for p in points] == [
        "理论学习不够深入",
        "调查研究不够扎实",
        "学习 Microsoft Word 不够",
    ]


def test_headers_and_footers_with_page_numbers_are_ignored(tmp_path):
    def build(d):
        section = d.sections[0]
        section.header.paragraphs[0].text = "内部资料 注意保存"
        footer = section.footer.paragraphs[0]
        footer.add_run("— ")
        footer._p.append(
            docx.oxml.parse_xml(
                f'<w:fldSimple xmlns:w="{W}" w:instr=" PAGE "><w:r><w:t>1</w:t></w:r></w:fldSimple>'
            )
        )
        d.add_paragraph(TITLE, style="Title")
        d.add_paragraph("一、存在的主要问题")
        body = d.add_paragraph("一是" + POINT_1)
        # A page number field in the body (some templates put one there) is not text either.
        body._p.append(
            docx.oxml.parse_xml(
                f'<w:fldSimple xmlns:w="{W}" w:instr="PAGE"><w:r><w:t>7</w:t></w:r></w:fldSimple>'
            )
        )

    _python_docx(tmp_path / "hf.docx", build)
    material, _ = imported(tmp_path / "hf.docx")
    text = material_to_json(material)
    assert "内部资料" not in text and "— " not in text
    assert material.sections[0].points[0].title == "理论学习不够深入"
    assert material.sections[0].points[0].example.endswith("不够充分。")


def test_table_of_contents_field_is_dropped(tmp_path):
    def toc_entry(text, first=False, last=False):
        begin = (
            (
                '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r>'
                '<w:instrText xml:space="preserve"> TOC \\o "1-3" \\h '
                '</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>'
            )
            if first
            else ""
        )
        end = '<w:r><w:fldChar w:fldCharType="end"/></w:r>' if last else ""
        return para(
            begin + run(text) + "<w:r><w:tab/></w:r>" + run("1") + end, style="TOC1", raw=True
        )

    body = "".join(
        [
            para(TITLE, style="Title"),
            para("目录"),
            toc_entry("一、存在的主要问题", first=True),
            toc_entry("二、问题根源剖析"),
            toc_entry("三、努力方向和整改措施", last=True),
            para(PREAMBLE),
            para("一、存在的主要问题"),
            para("一是" + POINT_1),
            para("二、问题根源剖析"),
            para("一是" + CAUSE),
            para("三、努力方向和整改措施"),
            para("一是" + MEASURE),
        ]
    )
    material, report = imported(write_docx(tmp_path / "toc.docx", body, styles_xml=styles()))
    assert [s.heading for s in material.sections] == [
        "存在的主要问题",
        "问题根源剖析",
        "努力方向和整改措施",
    ]
    assert "一、存在的主要问题 1" in report.dropped_furniture
    assert "目录" in report.dropped_furniture and material.preamble == [PREAMBLE]


def test_tracked_changes_are_accepted_and_comments_ignored(tmp_path):
    changed = (
        run("一是理论学习")
        + '<w:del w:id="1" w:author="a"><w:r><w:delText>很</w:delText></w:r></w:del>'
        + f'<w:ins w:id="2" w:author="a">{run("不够")}</w:ins>'
        + run("深入。")
        + '<w:commentRangeStart w:id="0"/>'
        + run("学习的系统性不强。")
        + '<w:commentRangeEnd w:id="0"/>'
        + '<w:r><w:commentReference w:id="0"/></w:r>'
    )
    # A deleted paragraph mark: Word shows this paragraph and the next as one.
    joined = (
        f'<w:p><w:pPr><w:rPr><w:del w:id="3" w:author="a"/></w:rPr>'
        f"</w:pPr>{run('二是调查研究')}</w:p>"
    )
    body = para("一、存在的主要问题") + para(changed, raw=True) + joined + para("不够扎实。")
    comments = (
        f'<w:comments xmlns:w="{W}"><w:comment w:id="0"><w:p>{run("批注：再改")}</w:p>'
        f"</w:comment></w:comments>"
    )
    path = write_docx(
        tmp_path / "tc.docx",
        body,
        styles_xml=styles(),
        extra_parts={"word/comments.xml": comments.encode()},
    )
    material, _ = imported(path)
    points = material.sections[0].points
    assert [p.title for p in points] == ["理论学习不够深入", "调查研究不够扎实"]
    assert points[0].body == "学习的系统性不强。"
    assert "批注" not in material_to_json(material) and "很" not in points[0].title


def test_template_can_be_forced(tmp_path, seed_path):
    material, _ = import_text_file(seed_path)
    path = export_docx(material, tmp_path / "seed.docx")
    again, report = import_docx_file(path, template_id="custom")
    assert again.template_id == "custom" == report.template_id


def test_fifty_page_document_imports_everything(tmp_path):
    path, expected_points = build_long_docx(tmp_path / "long.docx", pages=50)
    material, report = import_docx_file(path)
    assert report.point_count == expected_points
    assert not report.unclassified


def test_docx_written_by_libreoffice_from_text_imports_like_the_text(tmp_path, seed_path):
    """LibreOffice's own .docx (its styles, rsid-free runs, settings) read like the text file."""
    from app.exporters.text import export_txt
    from tests import libreoffice

    if libreoffice.soffice_path() is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    material, _ = import_text_file(seed_path)
    text_file = tmp_path / "seed.txt"
    text_file.write_text(export_txt(material, point_paragraphs=True), encoding="utf-8")
    converted = libreoffice.convert(
        text_file,
        "docx:MS Word 2007 XML",
        tmp_path / "out",
        infilter="Text (encoded):UTF8,LF,,,",
        work=tmp_path / "lo",
    )
    from_word, report = import_docx_file(converted)
    from_text, _ = import_text_file(text_file)
    assert material_to_json(from_word) == material_to_json(from_text)
    assert report.point_count == 23
