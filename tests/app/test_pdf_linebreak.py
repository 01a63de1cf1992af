"""The grid line breaker: capacity, 禁则, unbreakable runs, balanced titles."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.exporters.linebreak import break_lines, em_widths
from app.exporters.title_breaks import title_spans

CLOSING = "，。、；：？！）》〉」』】〕”’…—%"
OPENING = "（《〈「『【〔“‘"
HANZI = "落实全面从严治党主体责任加强理论学习提高政治站位坚持问题导向深化整改成效推动工作落地见效"


def lines_of(text: str, width: float = 28, first: float | None = 26) -> list[str]:
    return [text[s:e] for s, e in break_lines(text, em_widths(text), width, first)]


def em(text: str) -> float:
    return sum(em_widths(text))


def test_full_lines_hold_28_characters_after_a_two_character_indent():
    text = HANZI * 5
    lines = lines_of(text)
    assert [len(x) for x in lines[:3]] == [26, 28, 28]
    assert "".join(lines) == text


def test_closing_mark_at_line_start_pulls_the_previous_character_down():
    text = HANZI[:26] + "，" + HANZI
    lines = lines_of(text)
    assert lines[0] == HANZI[:25]
    assert lines[1].startswith(HANZI[25] + "，")


def test_two_closing_marks_pull_down_until_the_line_may_break():
    text = HANZI[:25] + "。”" + HANZI
    lines = lines_of(text)
    assert lines[0] == HANZI[:24]
    assert lines[1].startswith(HANZI[24] + "。”")


def test_opening_mark_never_ends_a_line():
    text = HANZI[:25] + "“" + "两个确立" + "”" + HANZI
    lines = lines_of(text)
    assert lines[0] == HANZI[:25]
    assert lines[1].startswith("“两个确立”")


@pytest.mark.parametrize("pair", ["——", "……"])
def test_doubled_dash_and_ellipsis_stay_on_one_line(pair):
    text = HANZI[:25] + pair + HANZI
    lines = lines_of(text)
    assert pair in lines[1]
    assert not lines[0].endswith(pair[0])
    assert lines[0] == HANZI[:24]  # the dash may not start a line: one character comes along


def test_latin_words_and_digit_runs_are_not_split_and_count_half_width():
    text = HANZI[:20] + "COVID-19 ReportLab" + HANZI
    lines = lines_of(text)
    # 20 + 4 + 0.5 em = 24.5 em; "ReportLab" (4.5 em) no longer fits the 26 em first line
    assert lines[0] == HANZI[:20] + "COVID-19 "
    assert lines[1].startswith("ReportLab")
    digits = HANZI[:24] + "12345678901" + HANZI
    first = lines_of(digits)[0]
    assert first == HANZI[:24]


def test_half_width_characters_fill_a_line_by_em_not_by_count():
    text = "ab" * 40
    lines = lines_of(text, first=28)  # one unbreakable 40 em run, wider than a line: split
    assert all(em(x) <= 28 for x in lines)
    assert em(lines[0]) == 28


def test_unavoidable_violation_keeps_the_line_full_rather_than_looping():
    text = "，" * 70
    lines = lines_of(text)
    assert "".join(lines) == text
    assert [len(x) for x in lines] == [26, 28, 16]


def test_bad_arguments_are_refused():
    with pytest.raises(ValueError):
        break_lines("ab", [1.0], 28)
    with pytest.raises(ValueError):
        break_lines("中", [2.0], 1.5)
    assert break_lines("", [], 28) == []


def test_balanced_title_splits_evenly_and_never_leaves_one_character():
    title = "关于县直机关党组织两个确立学习教育专题民主生活会征求意见情况及对照检查材料料"
    assert len(title) == 38
    lines = [title[s:e] for s, e in title_spans(title, em_widths(title), 20)]
    assert len(lines) == 2
    assert abs(len(lines[0]) - len(lines[1])) <= 1
    short = "关于县直机关党组织两个确立学习教育专题民" + "会"  # 21: greedy would leave 1 alone
    lines = [short[s:e] for s, e in title_spans(short, em_widths(short), 20)]
    assert min(len(x) for x in lines) > 1


ALPHABET = HANZI[:8] + CLOSING + OPENING + "ab19 .-"


def _respects_kinsoku(lines: list[str]) -> list[str]:
    bad = []
    for a, b in zip(lines, lines[1:], strict=False):
        if b[0] in CLOSING or a[-1] in OPENING:
            bad.append(f"{a}|{b}")
        if a[-1].isascii() and a[-1] != " " and b[0].isascii() and b[0] != " ":
            bad.append(f"split run {a}|{b}")
        if a[-1] == b[0] and a[-1] in "—…":
            bad.append(f"split pair {a}|{b}")
    return bad


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=ALPHABET, min_size=0, max_size=300))
def test_any_text_concatenates_back_and_never_exceeds_the_line(text):
    lines = lines_of(text)
    assert "".join(lines) == text
    assert all(lines)
    assert em(lines[0]) <= 26 if lines else True
    assert all(em(x) <= 28 for x in lines[1:])


# Real text never holds long runs of marks or huge Latin runs; with short ones a legal break
# always exists, so 禁则 must hold everywhere.
_word = st.one_of(
    st.sampled_from(list(HANZI)),
    st.sampled_from(list(HANZI)).map(lambda h: h + "，"),
    st.sampled_from(list(HANZI)).map(lambda h: h + "。”"),
    st.sampled_from(list(OPENING)).map(lambda o: o + "学习"),
    st.sampled_from(["——", "……", "2021", "COVID-19", "ReportLab", "3.5%", "）、"]),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_word, min_size=1, max_size=120).map("".join))
def test_realistic_text_has_no_kinsoku_violation(text):
    lines = lines_of(text)
    assert "".join(lines) == text
    assert _respects_kinsoku(lines) == []
