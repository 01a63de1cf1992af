"""Model: numbering derived from position (1..999), 字数 counting, and template loading."""

from __future__ import annotations

import pytest

from app.errors import InputError
from app.model import (
    Dimension,
    Material,
    Point,
    Section,
    chinese_number,
    dimension_number,
    material_word_count,
    point_number,
    point_text,
    point_title_sentence,
    point_word_count,
    section_number,
    word_count,
)
from app.templates import get_template, load_templates, material_from_template

# ----- numbering -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "n, expected",
    [
        (1, "一"),
        (9, "九"),
        (10, "十"),
        (11, "十一"),
        (19, "十九"),
        (20, "二十"),
        (21, "二十一"),
        (99, "九十九"),
        (100, "一百"),
        (101, "一百零一"),
        (109, "一百零九"),
        (110, "一百一十"),
        (111, "一百一十一"),
        (120, "一百二十"),
        (305, "三百零五"),
        (999, "九百九十九"),
    ],
)
def test_chinese_numbers_read_as_documents_write_them(n, expected):
    assert chinese_number(n) == expected


_VALUES = {c: i for i, c in enumerate("零一二三四五六七八九")}


def read_chinese_number(text: str) -> int:
    """An independent reader (for the round-trip test below)."""
    total, current = 0, 0
    for ch in text:
        if ch == "百":
            total += current * 100
            current = 0
        elif ch == "十":
            total += (current or 1) * 10
            current = 0
        else:
            current = _VALUES[ch]
    return total + current


def test_every_number_from_1_to_999_is_distinct_and_reads_back():
    written = [chinese_number(n) for n in range(1, 1000)]
    assert len(set(written)) == 999
    assert [read_chinese_number(w) for w in written] == list(range(1, 1000))


@pytest.mark.parametrize("n", [0, -1, 1000])
def test_numbers_outside_1_to_999_are_refused(n):
    with pytest.raises(ValueError):
        chinese_number(n)


def test_position_numbering_of_sections_dimensions_points():
    assert [section_number(i) for i in (0, 1, 10)] == ["一、", "二、", "十一、"]
    assert [dimension_number(i) for i in (0, 4, 19)] == ["（一）", "（五）", "（二十）"]
    assert [point_number(i) for i in (0, 1, 11)] == ["一是", "二是", "十二是"]
    assert point_number(2, "arabic") == "3." and point_number(2, "paren") == "（3）"
    with pytest.raises(ValueError):
        point_number(0, "roman")  # type: ignore[arg-type]


def test_point_text_adds_the_full_stop_only_when_the_title_has_no_end_mark():
    assert point_title_sentence("学习不够") == "学习不够。"
    assert point_title_sentence("学习不够？") == "学习不够？"
    assert point_title_sentence("") == ""
    p = Point(title="学习不够", body="平时少学。", example="会上讲得多。")
    assert point_text(p) == "学习不够。平时少学。比如，会上讲得多。"
    p.example_lead, p.example_sep = "例如", "："
    assert point_text(p) == "学习不够。平时少学。例如：会上讲得多。"
    assert point_text(Point(title="t", body="b", example="")) == "t。b"


# ----- 字数 ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, count",
    [
        ("", 0),
        ("学习不够。", 5),  # CJK characters and full-width marks count one each
        ("“两个确立”", 6),
        ("2021年度", 3),  # a run of digits is one
        ("COVID-19疫情", 3),  # a Latin word with an inner hyphen is one
        ("增长2.5%", 4),
        ("dangshi学习", 3),
        ("一是 学习\n二是", 6),  # whitespace counts nothing
        ("２０２１年", 2),  # full-width digits form one run too
    ],
)
def test_word_count_counts_as_offices_do(text, count):
    assert word_count(text) == count


def test_word_counts_add_up_over_the_tree():
    point = Point(title="学习不够", body="平时少学。", example="会上讲得多。")  # 5 + 5 + 3 + 6
    assert point_word_count(point) == 19
    dim = Dimension(
        heading="带头学习", heading_prefix="在“", heading_suffix="”方面：", points=[point]
    )
    section = Section(kind="problems", heading="存在的问题", dimensions=[dim])
    m = Material(title="材料", preamble=["按照要求。"], sections=[section], closing=["完。"])
    # 2 + 5 + (5 + (2 + 4 + 4) + 19) + 2
    assert material_word_count(m) == 43


def test_seed_word_count_is_in_the_expected_range(seed_text):
    # The seed is about 4,700 字 (the count the window's status bar shows).
    assert 4_500 < word_count(seed_text.replace("**", "").replace("# ", "")) < 5_000


# ----- templates -----------------------------------------------------------------------------


def test_all_bundled_templates_load_newest_first_custom_last():
    templates = load_templates()
    ids = [t.id for t in templates]
    assert len(ids) == len(set(ids)) >= 10
    assert ids[-1] == "custom"
    years = [t.year or 0 for t in templates[:-1]]
    assert years == sorted(years, reverse=True)


def test_2021_template_has_the_five_official_dimensions():
    t = get_template("2021-dangshi-wugedaitou")
    assert [d.short_name for d in t.dimensions] == [
        "两个确立",
        "根本问题",
        "人民中心",
        "应对风险",
        "正反经验",
    ]
    assert t.dimensions[0].heading.startswith("带头深刻感悟“两个确立”的决定性意义")
    assert [s.kind for s in t.sections] == ["problems", "causes", "measures"]
    assert (t.year, t.dimension_prefix, t.dimension_suffix) == (2021, "在“", "”方面：")


def test_material_from_template_has_empty_dimensions_framed_by_the_template():
    t = get_template("2025-niandu-wugedaitou")
    m = material_from_template(t, organization="县政府党组")
    assert m.template_id == t.id and m.year == t.year and m.organization == "县政府党组"
    assert "县政府党组" in m.title
    problems = m.section("problems")
    assert problems is not None
    assert [d.short_name for d in problems.dimensions] == [d.short_name for d in t.dimensions]
    assert all(
        d.points == [] and d.heading_prefix == t.dimension_prefix for d in problems.dimensions
    )
    # Optional sections (反面典型案例剖析) are not added to a new material.
    optional = {s.kind for s in t.sections if s.optional}
    assert not optional & {s.kind for s in m.sections}
    assert material_from_template(t, title="自定标题").title == "自定标题"


def test_unknown_template_is_bad_input():
    with pytest.raises(InputError) as info:
        get_template("1999-nothing")
    assert "1999-nothing" in info.value.zh and "no such template" in info.value.en


@pytest.mark.parametrize(
    "content",
    [
        'id = "broken"\nname = ',
        'id = "other-id"\nname = "x"',
        'name = "no id"',
        'id = "broken"\nname = "x"\n[[sections]]\nkind = "summary"\nheading = "x"',
    ],
)
def test_malformed_template_files_are_bad_input(tmp_path, content):
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "broken.toml").write_text(content, encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_templates(folder)
    assert "broken.toml" in info.value.en
