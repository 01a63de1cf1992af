"""Titles break between words into even lines (GB/T 9704 7.3.3.1), the user's breaks kept, in
the breaker itself, the PDF read back with pdfplumber and the DOCX read back with python-docx."""

from __future__ import annotations

import io
import itertools
import re

import docx
import pytest
from docx.oxml.ns import qn
from hypothesis import given, settings
from hypothesis import strategies as st

from app.exporters.docx import render_docx
from app.exporters.linebreak import NO_LINE_END, NO_LINE_START
from app.exporters.title_breaks import (
    TITLE_LINE_EMS,
    break_title,
    forced_lines,
    lexicon,
    nominal_widths,
    one_line,
    title_spans,
)
from app.model import Material
from tests.app.pdf_fixtures import render_bundled
from tests.app.pdf_measure import read_pdf

# Real-shaped titles and how they print (2号 on the 156 mm block: 20.1 characters a line).
TITLES = {
    "县政府党组2025年度民主生活会对照检查材料": [
        "县政府党组2025年度",
        "民主生活会对照检查材料",
    ],
    "中共××县委常委班子2023年度主题教育专题民主生活会对照检查材料": [
        "中共××县委常委班子2023年度",
        "主题教育专题民主生活会对照检查材料",
    ],
    "××县发展和改革局党组2024年度民主生活会对照检查材料": [
        "××县发展和改革局党组",
        "2024年度民主生活会对照检查材料",
    ],
    "县委常委、县委办公室主任张××2023年度民主生活会个人对照检查材料": [
        "县委常委、县委办公室主任张××",
        "2023年度民主生活会个人对照检查材料",
    ],
    "××乡党委领导班子2022年度民主生活会对照检查材料": [
        "××乡党委领导班子2022年度",
        "民主生活会对照检查材料",
    ],
    "县直机关第三党支部2024年度组织生活会对照检查材料": [
        "县直机关第三党支部2024年度",
        "组织生活会对照检查材料",
    ],
    "××县市场监督管理局党组2025年度民主生活会个人发言提纲": [
        "××县市场监督管理局党组",
        "2025年度民主生活会个人发言提纲",
    ],
    "中共××市委办公室机关党委2025年度专题组织生活会检视剖析材料": [
        "中共××市委办公室机关党委",
        "2025年度专题组织生活会检视剖析材料",
    ],
    "党员个人在2023年度组织生活会上的发言提纲": [
        "党员个人在2023年度",
        "组织生活会上的发言提纲",
    ],
    "县政府党组党史学习教育专题民主生活会“五个带头”对照检查材料": [
        "县政府党组党史学习教育专题",
        "民主生活会“五个带头”对照检查材料",
    ],
    "关于县直机关党组织“两个确立”学习教育专题民主生活会征求意见情况及对照检查材料": [
        "关于县直机关党组织“两个确立”学习教育",
        "专题民主生活会征求意见情况及对照检查材料",
    ],
    "中国共产党××县委员会常务委员会2025年度民主生活会对照检查材料": [
        "中国共产党××县委员会常务委员会",
        "2025年度民主生活会对照检查材料",
    ],
    "县纪委监委领导班子二〇二五年度民主生活会对照检查材料": [
        "县纪委监委领导班子二〇二五年度",
        "民主生活会对照检查材料",
    ],
    "市教育局党组书记、局长李××在2024年度民主生活会上的个人发言提纲": [
        "市教育局党组书记、局长李××在",
        "2024年度民主生活会上的个人发言提纲",
    ],
    "县人力资源和社会保障局党组理论学习中心组2024年学习贯彻习近平新时代中国特色社会主义思想"
    "主题教育专题民主生活会对照检查材料": [
        "县人力资源和社会保障局党组",
        "理论学习中心组2024年学习贯彻",
        "习近平新时代中国特色社会主义思想",
        "主题教育专题民主生活会对照检查材料",
    ],
}

# Words no title line may end or start inside — listed here, not read from the lexicon, so a
# lexicon that lost them fails.
WHOLE_WORDS = [
    "民主生活会",
    "组织生活会",
    "对照检查材料",
    "检视剖析材料",
    "发言提纲",
    "党组",
    "党委",
    "领导班子",
    "县政府",
    "县委",
    "主题教育",
    "学习教育",
    "中国共产党",
    "常务委员会",
    "年度",
    "中心组",
    "学习贯彻",
    "习近平新时代中国特色社会主义思想",
    "发展和改革局",
    "市场监督管理局",
    "人力资源和社会保障局",
    "机关党委",
    "“五个带头”",
    "“两个确立”",
]
YEAR_RE = re.compile(r"\d{4}年度?|[〇一二三四五六七八九]{4}年度?")
# A break beside a word the lexicon does not know (李××在) may cost this much evenness.
EVENNESS_SLACK = 2.0


def width(text: str) -> float:
    return sum(nominal_widths(text))


def cuts_inside_words(title: str, lines: list[str]) -> list[str]:
    """The protected words (and years) a line break falls inside."""
    breaks = list(itertools.accumulate(len(line) for line in lines))[:-1]
    spans = [(m.start(), m.end()) for w in WHOLE_WORDS for m in re.finditer(re.escape(w), title)]
    spans += [m.span() for m in YEAR_RE.finditer(title)]
    return [title[s:e] for s, e in spans for b in breaks if s < b < e]


def most_even(title: str, count: int) -> float:
    """The smallest spread (widest − narrowest line, in characters) of any split into ``count``
    lines that fit and keep the protected words whole: what "balanced" is measured against."""
    best = float("inf")
    for cut in itertools.combinations(range(1, len(title)), count - 1):
        edges = [0, *cut, len(title)]
        lines = [title[a:b] for a, b in itertools.pairwise(edges)]
        widths = [width(line) for line in lines]
        if max(widths) <= TITLE_LINE_EMS and not cuts_inside_words(title, lines):
            best = min(best, max(widths) - min(widths))
    return best


@pytest.mark.parametrize("title", list(TITLES))
def test_real_titles_break_between_words_into_even_lines(title):
    lines = break_title(title)
    assert lines == TITLES[title]
    assert "".join(lines) == title
    assert not cuts_inside_words(title, lines)
    assert all(width(line) <= TITLE_LINE_EMS for line in lines)
    assert len(lines) == max(2, -int(-width(title) // TITLE_LINE_EMS))  # no more lines than needed
    widths = [width(line) for line in lines]
    assert max(widths) - min(widths) <= most_even(title, len(lines)) + EVENNESS_SLACK


def test_the_issue_title_no_longer_splits_minzhu():
    # Was "县政府党组2025年度民 / 主生活会对照检查材料" (issue 16).
    lines = break_title("县政府党组2025年度民主生活会对照检查材料")
    assert not any(line.endswith("民") for line in lines)


def test_a_title_that_fits_stays_on_one_line():
    assert break_title("县政府党组对照检查材料") == ["县政府党组对照检查材料"]
    full = "中共某某县委常委班子民主生活会对照检查材料"[:20]
    assert break_title(full) == [full]


def test_a_typed_line_break_is_kept_and_a_long_line_still_breaks_between_words():
    assert break_title("县政府党组\n2025年度民主生活会对照检查材料") == [
        "县政府党组",
        "2025年度民主生活会对照检查材料",
    ]
    assert break_title("县政府党组\r\n\r\n对照检查材料\n") == ["县政府党组", "对照检查材料"]
    long_second = "县纪委监委\n领导班子二〇二五年度主题教育专题民主生活会对照检查材料"
    lines = break_title(long_second)
    assert lines[0] == "县纪委监委" and len(lines) == 3
    assert not cuts_inside_words(long_second.replace("\n", ""), lines)


def test_narrower_measure_for_a_cover_or_contents_page():
    lines = break_title("县政府党组2025年度民主生活会对照检查材料", 12)
    assert lines == ["县政府党组2025年度", "民主生活会对照检查材料"]
    lines = break_title("中共××县委常委班子2023年度主题教育专题民主生活会对照检查材料", 12)
    assert all(width(line) <= 12 for line in lines) and len(lines) == 3
    assert not cuts_inside_words("".join(lines), lines)


def test_a_marked_joint_breaks_a_long_word_rather_than_adding_a_line():
    # 38 characters: 学习教育 | 专题民主生活会… leaves 21 below; 专题 | 民主生活会 fits in two.
    title = "关于县直机关党组织两个确立学习教育专题民主生活会征求意见情况及对照检查材料料"
    lines = [title[s:e] for s, e in title_spans(title, nominal_widths(title), 20)]
    assert lines == [
        "关于县直机关党组织两个确立学习教育专题",
        "民主生活会征求意见情况及对照检查材料料",
    ]
    assert lexicon()["专题民主生活会"] == frozenset({2})
    assert lexicon()["民主生活会"] == frozenset()


def test_one_line_joins_the_users_lines_for_lists_and_captions():
    assert one_line("县政府党组\n2025年度民主生活会对照检查材料") == (
        "县政府党组2025年度民主生活会对照检查材料"
    )
    assert one_line("Party Group\nReport 2025\n") == "Party Group Report 2025"
    assert one_line("") == ""


MARKS = "，。“”、（）"


@settings(max_examples=150, deadline=None)
@given(
    st.text(alphabet="县政府党组民主生活会对照检查材料2025年度ab \n" + MARKS, max_size=120).filter(
        lambda t: not re.search(f"[{MARKS}]{{2}}", t)  # marks apart: a legal break always exists
    )
)
def test_any_title_breaks_into_fitting_lines_that_keep_every_character(title):
    lines = break_title(title)
    assert "".join(lines).replace(" ", "") == "".join(title.split())
    for line in lines:
        assert width(line) <= TITLE_LINE_EMS + 1e-6
    for typed in forced_lines(title):  # 禁则 within each line the user typed
        for upper, lower in itertools.pairwise(break_title(typed)):
            assert lower[0] not in NO_LINE_START and upper[-1] not in NO_LINE_END, (upper, lower)


def test_a_pasted_essay_as_title_breaks_quickly_into_full_lines():
    essay = "县政府党组2025年度民主生活会对照检查材料，" * 200
    lines = break_title(essay)
    assert "".join(lines) == essay and all(width(line) <= TITLE_LINE_EMS for line in lines)


# ----- the exports --------------------------------------------------------------------------

PRINTED = [
    "县政府党组2025年度民主生活会对照检查材料",
    "中共××县委常委班子2023年度主题教育专题民主生活会对照检查材料",
    "县政府党组党史学习教育专题民主生活会“五个带头”对照检查材料",
    "县政府党组\n2025年度民主生活会对照检查材料",  # the user's break
]


def _material(title: str) -> Material:
    return Material(title=title, preamble=["按照要求，现将有关情况报告如下："])


@pytest.mark.parametrize("title", PRINTED)
def test_pdf_title_lines_read_back_as_broken(title):
    data, _report = render_bundled(_material(title))
    doc = read_pdf(data)
    printed = [line.text for line in doc.lines if line.size == 22]
    assert printed == break_title(title)
    assert doc.pages[0].pdf.metadata["Title"] == one_line(title)  # one line in the viewer


@pytest.mark.parametrize("title", PRINTED)
def test_docx_title_is_one_paragraph_with_line_breaks_at_the_same_places(title):
    document = docx.Document(io.BytesIO(render_docx(_material(title))))
    paragraph = document.paragraphs[0]
    assert paragraph.style.name == "Title"
    pieces, current = [], ""
    for node in paragraph._p.iter(qn("w:t"), qn("w:br")):
        if node.tag == qn("w:br"):
            pieces.append(current)
            current = ""
        else:
            current += node.text or ""
    pieces.append(current)
    assert pieces == break_title(title)
    assert document.core_properties.title == one_line(title)


def test_an_unreadable_lexicon_costs_the_words_not_the_export(tmp_path, monkeypatch):
    (tmp_path / "titles").mkdir()
    (tmp_path / "titles" / "lexicon.toml").write_text("units = [", encoding="utf-8")
    monkeypatch.setenv("DUIZHAO_RESOURCES", str(tmp_path))
    lexicon.cache_clear()
    try:
        assert lexicon() == {}
        lines = break_title("县政府党组2025年度民主生活会对照检查材料")
        assert "".join(lines) == "县政府党组2025年度民主生活会对照检查材料" and len(lines) == 2
    finally:
        monkeypatch.undo()
        lexicon.cache_clear()
    assert "民主生活会" in lexicon()
