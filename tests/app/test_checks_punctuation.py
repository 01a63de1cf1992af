"""Punctuation and quote rules, each on the smallest text that shows the behaviour."""

from __future__ import annotations

import pytest

from tests.app.checks_helpers import BODY, findings_in, material_with


def punct(body: str, **kw) -> list[tuple[str, str, str | None]]:
    return [
        (f.rule, f.excerpt, f.fix) for f in findings_in(material_with(body, **kw), BODY, "punct.")
    ]


@pytest.mark.parametrize(
    "mark, full", [(",", "，"), (";", "；"), (":", "："), ("?", "？"), ("!", "！")]
)
def test_halfwidth_mark_between_chinese_is_an_error_with_the_fullwidth_fix(mark, full):
    assert punct(f"学习不够{mark}工作不实。") == [("punct.halfwidth", mark, full)]


def test_halfwidth_marks_inside_numbers_and_english_are_left_alone():
    assert punct("资金1,200万元，会议9:30开始，见 Smith, J. 的文章。") == []


def test_halfwidth_parentheses_around_chinese():
    assert punct("县城投公司(原建设公司)债务较重。") == [
        ("punct.halfwidth", "(", "（"),
        ("punct.halfwidth", ")", "）"),
    ]


def test_ascii_quotes_get_direction_from_pairing():
    found = punct('坚持"两个确立"，做到"两个维护"。')
    assert [fix for _, _, fix in found] == ["“", "”", "“", "”"]


def test_ascii_quote_after_a_comma_opens_and_before_a_comma_closes():
    # alternation alone would get the lone quotes wrong; the neighbours decide
    assert [fix for *_, fix in punct('他说，"走好新的赶考之路"，要求很高。')] == ["“", "”"]


def test_quotes_in_english_text_are_not_flagged():
    assert punct('引用了 "stay hungry" 一词。') == []


def test_frame_quotes_open_in_prefix_and_close_in_suffix():
    material = material_with(
        "学习不够。", prefix='在"', heading='带头纠"四风"、树新风', suffix='"方面:'
    )
    pre = findings_in(material, "problems/dimensions/0/heading_prefix", "punct.")
    head = findings_in(material, "problems/dimensions/0/heading", "punct.")
    suf = findings_in(material, "problems/dimensions/0/heading_suffix", "punct.")
    assert [f.fix for f in pre] == ["“"]
    assert [f.fix for f in head] == ["“", "”"]  # nested pair inside the heading itself
    assert [(f.rule, f.fix) for f in suf] == [("punct.ascii_quote", "”"), ("punct.halfwidth", "：")]


def test_curly_frame_is_balanced_across_the_three_fields():
    material = material_with(
        "学习不够。", prefix="在“", heading="带头强化政治忠诚", suffix="”方面："
    )
    for field in ("heading_prefix", "heading", "heading_suffix"):
        assert findings_in(material, f"problems/dimensions/0/{field}", "punct.") == []


def test_reversed_curly_quotes_are_flipped():
    assert punct("树牢”群众利益无小事“的观念。") == [
        ("punct.direction", "”", "“"),
        ("punct.direction", "“", "”"),
    ]


def test_unpaired_book_title_mark_has_no_fix():
    assert punct("学习《条例的精神。") == [("punct.unpaired", "《", None)]


def test_doubled_marks():
    assert punct("学习不够。。工作不实，，效果不好。") == [
        ("punct.doubled", "。。", "。"),
        ("punct.doubled", "，，", "，"),
    ]
    assert punct("学习不够，。") == [("punct.doubled", "，。", None)]


def test_ellipsis_and_dash_are_not_doubled_marks():
    assert punct("比如……还有——等等。") == []


def test_missing_full_stop_at_paragraph_end():
    assert punct("学习不够深入") == [("punct.no_full_stop", "入", "入。")]
    assert punct("学习不够深入，") == [("punct.no_full_stop", "，", "。")]
    assert punct("树牢“四个意识”") == [("punct.no_full_stop", "”", "”。")]
    assert punct("学习不够深入。") == []


def test_body_followed_by_its_example_may_end_with_a_comma():
    assert punct("没有看到存在的风险，", example="经济质量发展不高。") == []


def test_preamble_may_end_with_a_colon():
    material = material_with("学习不够。", preamble=["现将有关情况报告如下："])
    assert findings_in(material, "preamble/0", "punct.") == []


def test_spaces_inside_chinese_text():
    assert punct("学习 教育开展了4 次，2025 年度。") == [
        ("punct.space", " ", ""),
        ("punct.space", " ", ""),
        ("punct.space", " ", ""),
    ]
    assert punct("使用 WPS 软件。") == []
