"""Units of the importer: markers, points, examples, heading frames, template matching — and a
property test that no generated document crashes the importer or loses text."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from test_import_support import assert_no_text_lost

from app.errors import InputError
from app.importers.markers import (
    build_point,
    chinese_to_int,
    split_dimension_heading,
    split_example,
    split_inline_points,
)
from app.importers.suggest import match_dimensions, suggest_template
from app.importers.text import detect_wrap_width, import_text
from app.model import point_text
from app.templates import get_template


@pytest.mark.parametrize(
    ("text", "n"), [("一", 1), ("九", 9), ("十", 10), ("十二", 12), ("二十", 20), ("二十三", 23)]
)
def test_chinese_numbers_of_markers(text, n):
    assert chinese_to_int(text) == n


def test_inline_points_need_a_sentence_mark_and_the_next_number():
    lead, pieces = split_inline_points(
        "方面：一是学习不够。统一是关键。三是作风不实。二是调研不深。", None
    )
    assert lead == "方面："
    # 统一是 has no mark before it; 三是 skips a number; 二是 continues after 一是.
    assert [(m.number, text) for m, text in pieces] == [
        (1, "学习不够。统一是关键。三是作风不实。"),
        (2, "调研不深。"),
    ]


def test_a_decimal_is_not_an_arabic_point():
    _lead, pieces = split_inline_points("1.投资下降。增长2.5个百分点。2.项目偏少。", None)
    assert [m.number for m, _ in pieces] == [1, 2]
    assert pieces[0][1] == "投资下降。增长2.5个百分点。"


def test_point_title_drops_only_its_full_stop():
    assert build_point(["学习不够系统。平时学得少。"]).title == "学习不够系统"
    assert build_point(["学习真的够了吗？平时学得少。"]).title == "学习真的够了吗？"
    title_only = build_point(["学习的系统性不够", "对重要论述学得不深。"])
    assert (title_only.title, title_only.body) == ("学习的系统性不够", "对重要论述学得不深。")


def test_example_lead_mid_sentence_and_no_lead():
    assert split_example("看不到风险，比如，经济不强。") == (
        "看不到风险，",
        "比如",
        "，",
        "经济不强。",
    )
    assert split_example("对比如何做到心中有数。") == ("对比如何做到心中有数。", "", "", "")
    # a lead word with nothing after it is not an example
    assert split_example("情况比如：")[1] == ""


def test_point_text_of_an_imported_point_reproduces_the_source():
    source = "宗旨意识仍需增强。平时站在群众角度考虑问题不够多。比如，在应对突发状况上预防不够。"
    assert point_text(build_point([source])) == source


@pytest.mark.parametrize(
    ("text", "frame"),
    [
        ("在“带头A”方面：一是", ("在“", "带头A", "”方面：", "一是")),
        ('在"带头A"方面:一是', ('在"', "带头A", '"方面:', "一是")),
        ("关于学习方面，主要是：", ("关于", "学习", "方面，", "主要是：")),
        ("理论学习方面", ("", "理论学习", "方面", "")),
        (
            "坚定政治信仰，做到对党忠诚。带头增强政治意识。",
            ("", "坚定政治信仰，做到对党忠诚", "。", "带头增强政治意识。"),
        ),
        ("案例原因剖析", ("", "案例原因剖析", "", "")),
    ],
)
def test_dimension_heading_frames(text, frame):
    f = split_dimension_heading(text)
    assert (f.prefix, f.heading, f.suffix, f.rest) == frame


def test_wrap_width_is_found_only_in_hard_wrapped_text():
    assert detect_wrap_width([54] * 10 + [20, 12]) == 54
    assert detect_wrap_width([120, 300, 54, 88, 200, 61, 140]) is None
    assert detect_wrap_width([54, 54]) is None


def test_dimension_matching_tolerates_wording_variants():
    template = get_template("2021-dangshi-wugedaitou")
    headings = [
        "带头深刻领悟“两个确立”的决定性意义",  # 领悟 for 感悟, shortened
        "带头践行以人民为中心的发展思想",
        "与本次会议无关的内容",
    ]
    matched = match_dimensions(template, headings)
    assert [m.short_name if m else None for m in matched] == ["两个确立", "人民中心", None]


def test_unknown_material_gets_the_custom_template():
    assert suggest_template("某某材料", ["自定义的方面甲", "自定义的方面乙"])[0] == "custom"


def test_title_year_picks_between_templates_with_similar_words():
    assert (
        suggest_template("XX局党组2025年度民主生活会对照检查材料", [])[0]
        == "2025-niandu-wugedaitou"
    )
    assert (
        suggest_template("XX局党组2024年度民主生活会对照检查材料", [])[0]
        == "2024-niandu-sigedaitou"
    )


# ----- property: no generated document crashes the importer or loses text -------------------

_FRAGMENTS = [
    "一、",
    "二、",
    "（一）",
    "(二)",
    "一是",
    "二是",
    "三是",
    "1.",
    "2．",
    "（1）",
    "①",
    "②",
    "存在的问题",
    "原因剖析",
    "整改措施",
    "案例",
    "在“带头学习”方面：",
    "方面",
    "比如，",
    "例如：",
    "再比如，",
    "如在",
    "学习不够",
    "群众",
    "2021年",
    "对照检查材料",
    "以上",
    "批评指正",
    "按照",
    "**",
    "*",
    "# ",
    "XX",
    "。",
    "，",
    "；",
    "：",
    ":",
    "、",
    "“",
    "”",
    '"',
    " ",
    "\u3000",
    "\n",
    "\n\n",
    "— 3 —",
    "目录",
    "首页 > ",
    "张三",
    "\r\n",
    "（2026年1月15日）",
    "县委书记",
    "以下是",
    "十是",
    "(1)",
    "“两个确立”",
    "方面。",
    "方面:",
    "比方说",
    "具体表现为：",
    "关于",
    "第一部分",
    "上年度整改落实情况",
    "对照检查支部班子在发挥政治引领作用等方面存在的问题",
    "1",
    "2.5",
    "mzshh",
    "dangshi",
    "首先，",
    "最后，",
]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(_FRAGMENTS), min_size=1, max_size=60))
# found by hypothesis: a part that ends "第一部分" and the next heading that is only "，"
@example(["第一部分", "\n", "一、", "，"])
def test_generated_documents_never_crash_and_never_lose_text(fragments):
    source = "".join(fragments)
    try:
        material, report = import_text(source)
    except InputError:
        assert not source.strip()
        return
    assert_no_text_lost(source, material, report)


def test_first_then_finally_are_point_markers_only_at_a_paragraph_start():
    from app.importers.markers import Marker

    lead, pieces = split_inline_points("首先，学习不够。平时学得少。", None)
    assert lead == "" and pieces == [(Marker("order", 1), "学习不够。平时学得少。")]
    # inside a point numbered 一是, 首先 is the point's own wording
    assert split_inline_points("首先，要学习。", Marker("shi", 1)) == ("首先，要学习。", [])
    # and never inside a sentence
    assert split_inline_points("我们首先，要学习。", None)[1] == []
