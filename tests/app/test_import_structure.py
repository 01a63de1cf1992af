"""build_material on paragraphs with hints — the entry the DOCX reader shares with text import."""

from __future__ import annotations

from test_import_support import assert_no_text_lost

from app.importers.body_builder import section_kind
from app.importers.structure import ImportReport, ParagraphHint, build_material

H1, H2, BOLD, NONE = (
    ParagraphHint(heading_level=1),
    ParagraphHint(heading_level=2),
    ParagraphHint(bold=True),
    ParagraphHint(),
)


def test_section_kinds_by_key_words():
    assert section_kind("对照“五个带头”查摆存在的主要问题") == "problems"
    assert section_kind("问题根源剖析") == "causes"  # has 问题, but 根源 decides
    assert section_kind("努力方向和整改措施") == "measures"
    assert section_kind("反面典型案例剖析") == "case_study"
    assert section_kind("上年度民主生活会整改落实情况") == "previous_rectification"
    assert section_kind("个人有关事项") == "other"


def test_unnumbered_headings_from_word_styles_and_bold():
    paragraphs = [
        "某局党组民主生活会发言提纲",
        "根据局党委安排，现对照检查如下：",
        "存在的问题",
        "在理论学习方面",
        "一是学习不够深入。平时学得少。",
        "原因分析",
        "一是思想重视不够。",
        "整改措施",
        "一是加强学习。",
    ]
    hints = [H1, NONE, H2, BOLD, NONE, H2, NONE, BOLD, NONE]
    material, report = build_material(paragraphs, hints)
    assert material.title == "某局党组民主生活会发言提纲"
    assert [s.kind for s in material.sections] == ["problems", "causes", "measures"]
    dims = material.section("problems").dimensions
    assert [(d.heading_prefix, d.heading, d.heading_suffix) for d in dims] == [
        ("在", "理论学习", "方面")
    ]
    assert dims[0].points[0].title == "学习不够深入"
    assert report.point_count == 3 and report.unclassified == []


def test_hints_are_optional_and_page_numbers_are_dropped():
    paragraphs = [
        "某局党组对照检查材料",
        "按照要求，对照检查如下：",
        "- 1 -",
        "一、存在的问题",
        "一是学习不够。",
        "第 2 页",
    ]
    material, report = build_material(paragraphs)
    assert report.dropped_furniture == ["- 1 -", "第 2 页"]
    assert material.section("problems").points[0].title == "学习不够"
    source = "\n".join(paragraphs)
    assert_no_text_lost(source, material, report)


def test_an_other_section_is_kept_and_reported():
    paragraphs = [
        "一、存在的问题",
        "一是学习不够。",
        "二、个人有关事项",
        "本人无应报告而未报告的事项。",
    ]
    material, report = build_material(paragraphs)
    other = material.sections[1]
    assert (other.kind, other.heading, other.intro) == (
        "other",
        "个人有关事项",
        ["本人无应报告而未报告的事项。"],
    )
    assert report.unclassified == ["本人无应报告而未报告的事项。"]
    assert any("其他" in w for w in report.warnings)


def test_a_title_after_real_text_is_not_moved_in_front_of_it():
    paragraphs = [
        "这是正文开头的一段说明文字，不是网页内容，也不是页眉。",
        "某局党组对照检查材料",
        "一、存在的问题",
        "一是学习不够。",
    ]
    material, report = build_material(paragraphs)
    assert material.title == ""
    assert material.preamble == paragraphs[:2]
    assert any("像标题" in w for w in report.warnings)


def test_report_is_a_plain_dataclass_with_defaults():
    report = ImportReport()
    assert (report.template_id, report.unclassified, report.dropped_furniture, report.warnings) == (
        "custom",
        [],
        [],
        [],
    )
