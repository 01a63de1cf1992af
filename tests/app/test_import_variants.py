"""Messier real-world shapes (tests/data/import/*): each checks structure and that no text is
lost."""

from __future__ import annotations

import pytest
from test_import_support import DATA, assert_no_text_lost, fixture_text

from app.importers.text import import_text_file

FIXTURES = sorted(p.name for p in DATA.iterdir())


def load(name: str):
    material, report = import_text_file(DATA / name)
    assert_no_text_lost(fixture_text(name), material, report)
    return material, report


def titles(points) -> list[str]:
    return [p.title for p in points]


def test_there_are_at_least_ten_variant_fixtures():
    assert len(FIXTURES) >= 10


@pytest.mark.parametrize("name", FIXTURES)
def test_no_text_lost_in_any_fixture(name):
    material, report = load(name)
    assert report.point_count == len(material.all_points()) > 0


def test_pdf_copy_with_27_character_lines_is_rejoined():
    material, report = load("pdf-hardwrap-27.txt")
    # The title itself was wrapped after 27 characters.
    assert material.title == "XX县委办公室机关第一党支部2023年度组织生活会班子对照检查材料"
    assert len(material.preamble) == 1 and material.preamble[0].endswith("报告如下：")
    dims = material.section("problems").dimensions
    # The line break fell inside 二|是 — the point is still found and nothing is glued to it.
    assert titles(dims[0].points) == ["政治理论学习不够深入", "意识形态工作抓得不够紧"]
    assert dims[0].points[0].example.endswith("结合办公室实际查找差距不够。")
    assert titles(dims[1].points) == ["深入基层调研不够", "为民办事效率不高"]
    causes = material.section("causes").points
    # A page number between two lines of one paragraph is dropped and the paragraph joined.
    assert (
        causes[0].body == "对加强理论武装的极端重要性认识不足，以干代学、"
        "以会代学的现象仍然存在，理论学习的系统性不强。"
    )
    assert report.dropped_furniture == ["— 2 —"]
    # A full line ending in 。 followed by 二是 was a wrap, not a paragraph end: still two points.
    assert titles(material.section("measures").points) == ["强化理论武装", "践行宗旨意识"]
    assert report.template_id == "zuzhishenghuo-zhibu-6"


def test_web_furniture_and_generated_toc_are_dropped():
    material, report = load("furniture-toc.txt")
    assert material.title == "XX局党组2024年度民主生活会对照检查材料"
    assert material.preamble[0].startswith("按照市委") and len(material.preamble) == 1
    assert report.dropped_furniture[0] == "首页 > 范文大全 > 对照检查材料"
    assert "目录" in report.dropped_furniture
    assert report.dropped_furniture.count("一、存在的问题") == 1  # the TOC copy, not the heading
    assert [s.kind for s in material.sections] == ["problems", "causes", "measures"]
    assert [d.short_name for d in material.section("problems").dimensions] == [
        "政治纪律",
        "党性作风",
    ]
    assert report.template_id == "2024-niandu-sigedaitou"


def test_half_width_and_variant_numbering():
    material, _ = load("halfwidth-numbering.txt")
    problems = material.section("problems")
    assert problems.heading == "存在的主要问题"  # from 一.存在的主要问题
    assert [d.heading for d in problems.dimensions] == ["理论学习", "工作作风"]  # from (一)
    assert titles(problems.dimensions[0].points) == ["学习不够系统", "学用结合不紧"]  # 1. and 2．
    assert titles(problems.dimensions[1].points) == ["调查研究不够深入", "服务意识有待增强"]  # 1、
    assert material.section("causes").heading == "原因分析"  # from 二．原因分析
    assert titles(material.section("measures").points) == ["加强理论武装", "改进工作作风"]  # (1)


def test_the_four_dimension_heading_shapes():
    material, report = load("dimension-shapes.txt")
    dims = material.section("problems").dimensions
    frames = [(d.heading_prefix, d.heading, d.heading_suffix) for d in dims]
    assert frames == [
        ("在", "带头强化政治忠诚、提高政治能力", "方面"),  # 1: own line, no full stop
        ("", "带头固本培元、增强党性", "方面。"),  # 2: own line with 。
        ("", "带头敬畏人民、敬畏组织、敬畏法纪", "方面。"),  # 3: heading and text in one paragraph
        ("关于", "带头干事创业、担当作为", "方面，"),  # 4: heading joined to a summary
        ("在“", "带头坚决扛起管党治党责任", "”方面："),
    ]
    assert dims[2].intro == ["作为县政府党组，我们始终把敬畏之心贯穿工作始终，但对照要求仍有差距。"]
    assert dims[3].intro == ["主要是攻坚克难的劲头有所减弱："]
    assert [len(d.points) for d in dims] == [2, 2, 2, 2, 2]
    assert [d.short_name for d in dims] == [
        "政治忠诚",
        "固本培元",
        "三个敬畏",
        "担当作为",
        "管党治党",
    ]
    assert report.template_id == "2025-niandu-wugedaitou"
    assert sorted(report.unclassified) == sorted(dims[2].intro + dims[3].intro)


def test_arabic_parenthesised_and_circled_points():
    material, report = load("arabic-points.txt")
    dims = material.section("problems").dimensions
    # 1. on its own line is a title-only line; the next paragraph is its body.
    assert titles(dims[0].points) == ["学习的系统性不够", "学用结合不够紧密"]
    assert dims[0].points[0].body.startswith("对习近平新时代") and dims[0].points[0].example
    assert titles(dims[1].points) == ["政治敏锐性不够强", "政治担当不够有力"]  # inline （1）（2）
    assert titles(dims[2].points) == ["专业能力存在短板", "应急处置能力不足"]  # inline ①②
    assert dims[2].points[1].example_lead == "例如"
    assert report.template_id == "2023-zhutijiaoyu-liugefangmian"
    assert [d.short_name for d in dims] == ["理论学习", "政治素质", "能力本领"]


def test_markdown_headings_and_one_point_per_paragraph():
    material, report = load("one-point-per-paragraph.md")
    assert material.title == "XX学校党委班子2020年度民主生活会对照检查材料"
    dims = material.section("problems").dimensions
    assert [len(d.points) for d in dims] == [2, 2]
    assert dims[0].points[1].example.startswith("在推进“双减”工作中")
    assert report.template_id == "2020-niandu" and material.year == 2020


def test_several_points_in_one_paragraph_split_at_sentence_marks():
    material, _ = load("several-points-per-paragraph.txt")
    dims = material.section("problems").dimensions
    # split after ；: the title keeps its ；, the 。 of a title is not stored
    assert titles(dims[0].points) == [
        "政治学习不够深入，满足于读原文、传达文件；",
        "引领作用发挥不够，对社区党组织指导不够具体；",
        "意识形态阵地管理不严",
    ]
    assert dims[0].points[2].example.startswith("个别社区宣传栏")
    assert titles(dims[1].points) == ["走访群众不够经常", "解决诉求不够及时", "服务方式比较单一"]
    assert dims[1].points[1].body == "" and dims[1].points[1].example.startswith("居民反映")
    assert (
        len(material.section("causes").points) == 2
        and len(material.section("measures").points) == 2
    )


def test_paragraphs_without_markers_are_kept_and_reported():
    material, report = load("no-markers.txt")
    dims = material.section("problems").dimensions
    assert [len(d.points) for d in dims] == [1, 1]
    untitled = dims[0].points[0]
    assert untitled.title == "" and untitled.body.startswith("支部集中学习") and untitled.example
    causes = material.section("causes")
    assert causes.points == [] and causes.intro[0].startswith("支部班子对理论学习")
    assert report.unclassified == causes.intro
    assert sum("没有“一是”" in w for w in report.warnings) == 2


def test_example_lead_variants_are_kept_for_export():
    material, _ = load("example-leads.txt")
    dims = material.section("problems").dimensions
    leads = [(p.example_lead, p.example_sep) for d in dims for p in d.points if p.example]
    assert leads == [
        ("比如", "："),
        ("例如", "，"),
        ("如", ""),
        ("比方说", "，"),
        ("具体表现为", "："),
    ]
    first = dims[0].points[0]
    assert "再比如，理论宣讲" in first.example  # a second example stays in the example text
    assert dims[1].points[1].example.startswith("在年度工作部署中")  # 如在… keeps 在


def test_previous_rectification_case_study_closing_and_signature():
    material, report = load("extra-sections.txt")
    assert [s.kind for s in material.sections] == [
        "previous_rectification",
        "problems",
        "case_study",
        "causes",
        "measures",
    ]
    case = material.section("case_study")
    assert [d.heading for d in case.dimensions] == ["案例原因剖析", "对照案例查摆自身差距"]
    assert case.dimensions[0].intro[0].startswith("某地生态环境部门干部")
    assert material.closing == [
        "以上对照检查，不妥之处，恳请各位领导和同志们批评指正。",
        "XX市生态环境局党组",
        "2024年1月18日",
    ]
    assert titles(material.section("measures").points) == ["加强政治建设", "强化权力监督"]
    assert report.template_id == "2023-niandu-zhutijiaoyu-central"


def test_partial_document_starting_at_the_second_dimension():
    material, report = load("partial-from-dimension-2.txt")
    assert material.title == "" and material.preamble == []
    assert [s.kind for s in material.sections] == ["problems", "causes", "measures"]
    dims = material.section("problems").dimensions
    assert [len(d.points) for d in dims] == [2, 1]
    assert dims[0].heading.startswith("带头牢记我们党是什么")
    assert any("标题" in w for w in report.warnings)


def test_two_line_title_with_post_and_name_and_date():
    material, report = load("two-line-title-individual.txt")
    assert material.title == "XX县委常委、组织部部长2025年度民主生活会个人对照检查材料"
    assert material.author == "县委常委、组织部部长  张**"
    assert material.date == "（2026年1月15日）"
    assert material.scope == "individual" and material.year == 2025
    assert material.preamble[0].startswith("按照县委")
    assert report.template_id == "2025-niandu-wugedaitou"


def test_masked_words_and_placeholders_survive():
    material, _ = load("masked-words.md")
    assert material.title == "**镇党委班子202X年度mzshh对照检查材料"
    assert material.section("problems").heading == "存在的问题"  # **…** around the line is bold
    first = material.section("problems").dimensions[0].points[0]
    assert "XX项目" in first.body
    assert first.example.startswith("**村道路硬化工程") and "〔*〕号文件" in first.example
    assert "***同志" in material.section("problems").dimensions[0].points[1].body
    assert material.closing == ["以上是**镇党委班子的对照检查，请批评指正。"]


def test_stray_spaces_in_markers_are_tolerated_and_text_kept():
    material, report = load("stray-spaces.txt")
    problems = material.section("problems")
    assert problems.heading == "存在的问题"
    assert [len(d.points) for d in problems.dimensions] == [2, 1]
    first = problems.dimensions[0].points[0]
    assert first.title == "理论学习不够深入"
    assert "2024 年度" in first.body  # spaces inside the text are the checks' business
    assert material.preamble[0].startswith("按照区委") and "聚焦 4 个方面" in material.preamble[0]
    assert report.template_id == "2024-niandu-sigedaitou"


# ----- the seed as a PDF copy: hard-wrapped at many widths ----------------------------------

_NO_LINE_START = "，。、；：？！）》”’」』…—:"


def hard_wrap(text: str, width: int) -> str:
    """Break every paragraph into lines of ``width`` display columns, as a PDF copy does
    (a closing mark never starts a line: it stays on the line before)."""
    import unicodedata

    out = []
    for paragraph in filter(None, text.split("\n")):
        line, used = "", 0
        for ch in paragraph:
            w = 2 if unicodedata.east_asian_width(ch) in "WF" else 1
            if used + w > width and ch not in _NO_LINE_START:
                out.append(line)
                line, used = "", 0
            line += ch
            used += w
        out.append(line)
    return "\n".join(out) + "\n"


@pytest.mark.parametrize("width", [44, 50, 52, 54, 56, 58, 60, 70])
def test_seed_copied_out_of_a_pdf_imports_like_the_clean_text(seed_text, width):
    from app.importers.text import import_text

    plain = seed_text.replace("# ", "", 1).replace("**", "")
    wrapped = hard_wrap(plain, width)
    assert max(len(x) for x in wrapped.split("\n")) <= width  # really wrapped
    clean, _ = import_text(plain)
    material, report = import_text(wrapped)
    assert_no_text_lost(wrapped, material, report)
    assert material == clean


def test_a_file_with_two_materials_is_imported_whole_with_a_warning():
    material, report = load("two-materials.txt")
    assert material.title == "【篇1】XX村党支部组织生活会对照检查材料"
    assert any("不止一篇" in w and "第7段" in w for w in report.warnings)


@pytest.mark.parametrize("width", [44, 54, 64])
@pytest.mark.parametrize(
    "name", [n for n in FIXTURES if n.endswith(".txt") and not n.startswith("pdf-")]
)
def test_every_fixture_hard_wrapped_keeps_its_text_and_points(name, width):
    from app.importers.text import import_text

    clean, _ = import_text(fixture_text(name))
    wrapped = hard_wrap(fixture_text(name), width)
    material, report = import_text(wrapped)
    assert_no_text_lost(wrapped, material, report)
    assert [p.title for p in material.all_points()] == [p.title for p in clean.all_points()]
