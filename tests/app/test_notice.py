"""A year's framework from its notice: the official items of several years' frameworks
(shared/reference/frameworks.md), written into notices of different shapes, come back word for
word, with the meeting and the year; a notice with no items is refused."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from app.errors import InputError
from app.importers.read import read_paragraphs
from app.notice import framework_from_notice, framework_from_paragraphs
from app.templates import get_template
from tests.app.docx_builders import para, write_docx
from tests.conftest import HANG_GUARD_S

NOTICES = Path(__file__).resolve().parents[1] / "data" / "notices"


def official_headings(template_id: str) -> list[str]:
    return [d.heading for d in get_template(template_id).dimensions]


# (notice file, the bundled template holding the official wording, meeting, year, shape)
YEARS = [
    (
        "2025-niandu-numbered-lines.txt",
        "2025-niandu-wugedaitou",
        "2025年度民主生活会",
        2025,
        "lines:paren_cn",
    ),
    (
        "2024-niandu-one-paragraph.txt",
        "2024-niandu-sigedaitou",
        "2024年度民主生活会",
        2024,
        "colon-list",
    ),
    ("2020-niandu-yishi-ershi.txt", "2020-niandu", "2020年度民主生活会", 2020, "inline:shi"),
    (
        "2023-zhutijiaoyu-web-page.txt",
        "2023-zhutijiaoyu-liugefangmian",
        "学习贯彻习近平新时代中国特色社会主义思想主题教育专题民主生活会",
        None,  # the page names no year outside its furniture: the user sets it in the dialog
        "aspect-list",
    ),
    (
        "2021-dangshi-arabic-lines.txt",
        "2021-dangshi-wugedaitou",
        "党史学习教育专题民主生活会",
        2021,
        "lines:arabic",
    ),
    (
        "2021-zuzhishenghuo-sigeduizhao.txt",
        "zuzhishenghuo-dangyuan-2021-sigeduizhao",
        "2021年度组织生活会",
        2021,
        "inline:circled",
    ),
]


@pytest.mark.parametrize(("name", "template_id", "meeting", "year", "shape"), YEARS)
def test_each_years_official_items_come_back_word_for_word(name, template_id, meeting, year, shape):
    framework = framework_from_notice((NOTICES / name).read_text(encoding="utf-8"))
    assert [i.heading for i in framework.items] == official_headings(template_id)
    assert [i.short_name for i in framework.items] == [
        d.short_name for d in get_template(template_id).dimensions
    ]
    assert (framework.meeting, framework.year) == (meeting, year)
    assert framework.shapes == [shape]


def test_the_preparation_list_of_the_same_notice_is_not_taken():
    # 2025's notice also numbers 会前准备 （一）…（四）; the 2020 one has a second 一是…三是 series.
    for name in ("2025-niandu-numbered-lines.txt", "2020-niandu-yishi-ershi.txt"):
        items = framework_from_notice((NOTICES / name).read_text(encoding="utf-8")).items
        assert not any("征求意见" in i.heading or "学习研讨" in i.heading for i in items)


def test_the_notice_says_whether_the_case_study_and_last_years_measures_belong():
    framework = framework_from_notice(
        (NOTICES / "2025-niandu-numbered-lines.txt").read_text(encoding="utf-8")
    )
    assert framework.mentions_case_study and framework.mentions_previous
    framework = framework_from_notice(
        (NOTICES / "2020-niandu-yishi-ershi.txt").read_text(encoding="utf-8")
    )
    assert not framework.mentions_case_study


def test_daitou_clauses_in_one_sentence_separated_by_commas():
    text = (
        "关于召开2023年度主题教育专题民主生活会的通知\n"
        "会议要紧扣带头旗帜鲜明讲政治，带头学懂弄通做实习近平新时代中国特色社会主义思想，"
        "带头贯彻党中央决策部署，带头践行宗旨为民造福，带头履行全面从严治党责任等“五个带头”"
        "进行对照检查。会前做好准备。\n"
    )
    framework = framework_from_notice(text)
    assert [i.heading for i in framework.items] == official_headings(
        "2023-niandu-zhutijiaoyu-central"
    )
    assert framework.shapes == ["daitou-run"]
    assert (framework.meeting, framework.year) == ("2023年度主题教育专题民主生活会", 2023)


def test_a_new_years_items_get_short_names_of_their_own():
    framework = framework_from_notice(
        (NOTICES / "fictional-2026-notice.txt").read_text(encoding="utf-8")
    )
    assert [(i.heading, i.short_name) for i in framework.items] == [
        ("深化理论武装、坚定理想信念", "理论武装"),
        ("提升履职本领、推动改革发展", "履职本领"),
        ("密切联系群众、纠治“四风”", "联系群众"),
    ]
    assert framework.frame == "fangmian"  # written 在…方面: printed the same way
    assert (framework.meeting, framework.year) == ("2026年度民主生活会", 2026)


def test_a_notice_read_from_word_gives_the_same_framework(tmp_path):
    lines = (NOTICES / "2025-niandu-numbered-lines.txt").read_text(encoding="utf-8").splitlines()
    path = write_docx(tmp_path / "notice.docx", "".join(para(line) for line in lines if line))
    framework = framework_from_paragraphs(read_paragraphs(path))
    assert [i.heading for i in framework.items] == official_headings("2025-niandu-wugedaitou")


@pytest.mark.parametrize(
    "text",
    [
        (NOTICES / "no-items.txt").read_text(encoding="utf-8"),
        "   \n\n",
        "带头学习。",  # one item is not a framework
        "一、会前准备\n（一）认真开展学习研讨。\n（二）广泛征求意见。\n",
    ],
)
def test_a_notice_without_items_is_refused_with_a_clear_message(text):
    with pytest.raises(InputError) as caught:
        framework_from_notice(text)
    assert "未生成模板" in caught.value.zh or "没有通知文字" in caught.value.zh


def test_a_huge_paste_or_file_is_refused_before_it_is_scanned(tmp_path):
    with pytest.raises(InputError, match="过长"):
        framework_from_notice("带头学习，" * 100_000)
    big = tmp_path / "big.txt"
    big.write_text("带头学习，\n" * 60_000, encoding="utf-8")
    with pytest.raises(InputError, match="过长"):
        framework_from_paragraphs(read_paragraphs(big))


@pytest.mark.parametrize(
    "text",
    [
        "在" * 190_000,  # a lead word everywhere, 方面 nowhere
        "围绕" + "学习、" * 60_000 + "等方面",
        "：带头；" * 45_000,
        "：“" * 90_000,
        "；一是学习" * 38_000,
    ],
)
def test_hostile_pastes_end_promptly(text):
    # Each took 10–45 s before the list scans were bounded (quadratic); now well under 1 s.
    start = time.perf_counter()
    with pytest.raises(InputError, match="未生成模板"):
        framework_from_notice(text)
    assert time.perf_counter() - start < HANG_GUARD_S


def test_unreadable_notice_files_are_refused(tmp_path):
    pdf = tmp_path / "notice.pdf"
    pdf.write_bytes(b"%PDF-1.7\n")
    with pytest.raises(InputError, match="不支持的文件类型"):
        read_paragraphs(pdf)
    renamed = tmp_path / "notice.txt"
    renamed.write_bytes(b"%PDF-1.7\n")
    with pytest.raises(InputError, match="PDF"):
        read_paragraphs(renamed)
    with pytest.raises(InputError):
        read_paragraphs(tmp_path / "missing.txt")
