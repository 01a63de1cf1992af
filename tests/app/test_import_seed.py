"""The seed (县政府党组 2021 “五个带头”) imported from Markdown: the acceptance of the importer."""

from __future__ import annotations

import pytest
from test_import_support import assert_no_text_lost

from app.importers.text import import_bytes, import_text, import_text_file

PROBLEM_TITLES = [
    ["学习态度不够积极", "学深悟透不够深入", "学以致用不够灵活"],
    ["改革创新意识不强", "攻坚克难能力不够"],
    ["宗旨意识仍需增强", "民生福祉仍需增进", "基层调研仍需深入"],
    ["学习运用有待完善", "忧患意识有待提升", "能力本领有待增强"],
    ["责任落实不够到位", '"四风"纠正不够到位', "规定执行不够彻底"],
]
# Which problem points carry a 比如 example in the seed (（四）二是 has it mid-sentence).
HAS_EXAMPLE = [
    [True, False, True],
    [True, True],
    [True, True, True],
    [False, True, True],
    [True, False, True],
]


@pytest.fixture
def seed(seed_path):
    return import_text_file(seed_path)


def test_title_is_the_first_line_without_the_markdown_marker(seed, seed_text):
    material, _ = seed
    assert material.title == seed_text.split("\n", 1)[0].removeprefix("# ")
    assert material.title == '县政府党组dangshi学习教育专题mzshh"五个带头"对照检查材料'


def test_one_preamble_paragraph_then_three_sections(seed, seed_text):
    material, report = seed
    assert material.preamble == [seed_text.split("\n")[2]]
    assert [(s.kind, s.heading) for s in material.sections] == [
        ("problems", "存在的主要问题"),
        ("causes", "问题根源剖析"),
        ("measures", "努力方向和整改措施"),
    ]
    assert material.closing == []
    assert report.unclassified == [] and report.dropped_furniture == [] and report.warnings == []


def test_problems_have_five_dimensions_with_3_2_3_3_3_points(seed):
    material, report = seed
    dims = material.section("problems").dimensions
    assert [len(d.points) for d in dims] == [3, 2, 3, 3, 3]
    assert [[p.title for p in d.points] for d in dims] == PROBLEM_TITLES
    assert all(p.body for d in dims for p in d.points)
    assert [[bool(p.example) for p in d.points] for d in dims] == HAS_EXAMPLE
    assert all(
        p.example_lead == "比如" and p.example_sep == "，"
        for d in dims
        for p in d.points
        if p.example
    )
    assert (report.dimension_count, report.point_count, report.example_count) == (5, 23, 11)


def test_dimension_run_in_frame_is_kept_exactly(seed):
    dims = seed[0].section("problems").dimensions
    assert [d.heading_prefix for d in dims] == ['在"'] * 5
    assert [d.heading_suffix for d in dims] == ['"方面：'] * 4 + [
        '"方面:'
    ]  # （五） has a half-width colon
    assert dims[0].heading.startswith("带头深刻感悟'两个确立'的决定性意义")
    assert dims[0].heading.endswith("做到'两个维护'")
    assert dims[4].heading.endswith("坚决同一切违规违纪违法现象作斗争")
    assert all(d.intro == [] for d in dims)


def test_point_parts_split_at_title_sentence_and_example_lead(seed):
    dims = seed[0].section("problems").dimensions
    first = dims[0].points[0]
    assert first.body.startswith("政府党组能够按照计划") and first.body.endswith("学习效果不佳。")
    assert first.example.startswith("在疫情常态化防控期间") and first.example.endswith(
        "还存在差距。"
    )
    no_example = dims[0].points[1]
    assert no_example.example == "" and no_example.body.endswith("学懂弄通的要求还有差距。")
    # （四）二是: "…各种风险，比如，经济质量…" — the lead sits in the middle of a sentence.
    mid = dims[3].points[1]
    assert mid.body.endswith("没有看到我县存在的各种风险，")
    assert mid.example.startswith("经济质量发展不高")


def test_causes_and_measures_points(seed):
    material, _ = seed
    causes = material.section("causes")
    measures = material.section("measures")
    assert [p.title for p in causes.points] == [
        "深入学习提高的主动性不够强",
        "践行宗旨使命的坚决性不够强",
        "勇于担当作为的积极性不够强",
        "加强纪律约束的自觉性不够强",
    ]
    assert len(measures.points) == 5
    assert measures.points[0].title == "坚定政治信仰，做到对党忠诚"  # a title may hold a comma
    assert all(p.body and not p.example for p in causes.points + measures.points)
    assert causes.dimensions == [] and measures.dimensions == []


def test_suggests_the_2021_template_and_names_the_dimensions(seed):
    material, report = seed
    assert report.template_id == material.template_id == "2021-dangshi-wugedaitou"
    assert report.template_score >= 0.6
    dims = material.section("problems").dimensions
    assert [d.short_name for d in dims] == [
        "两个确立",
        "根本问题",
        "人民中心",
        "应对风险",
        "正反经验",
    ]
    assert material.year == 2021
    assert material.organization == "县政府党组"
    assert material.scope == "group"


def test_no_seed_text_is_lost_or_reordered(seed, seed_text):
    material, report = seed
    assert_no_text_lost(seed_text, material, report)


@pytest.mark.parametrize(
    "encode",
    [
        lambda t: t.encode("gb18030"),
        lambda t: t.encode("gbk"),
        lambda t: t.encode("utf-16"),  # with BOM, little-endian here
        lambda t: b"\xfe\xff" + t.encode("utf-16-be"),
        lambda t: t.encode("utf-16-le"),  # no BOM: Notepad variants
        lambda t: t.encode("utf-8-sig"),
        lambda t: t.replace("\n", "\r\n").encode("utf-8"),
        lambda t: t.replace("\n", "\r").encode("utf-8"),
        lambda t: t.replace("\n", "\r\n").encode("gb18030"),
    ],
    ids=[
        "gb18030",
        "gbk",
        "utf16-bom",
        "utf16be-bom",
        "utf16le-nobom",
        "utf8-bom",
        "crlf",
        "cr",
        "gb18030-crlf",
    ],
)
def test_every_encoding_and_line_ending_imports_identically(seed, seed_text, encode, tmp_path):
    path = tmp_path / "seed.txt"
    path.write_bytes(encode(seed_text))
    material, report = import_text_file(path)
    assert material == seed[0]
    assert report.warnings == [] and report.point_count == 23


def test_import_text_and_import_bytes_agree_with_the_file_importer(seed, seed_text):
    assert import_text(seed_text)[0] == seed[0]
    material, report = import_bytes(seed_text.encode("gb18030"))
    assert material == seed[0] and report.encoding == "gb18030"


def test_forced_template_is_used_even_when_another_fits_better(seed_path):
    material, report = import_text_file(seed_path, template_id="2025-niandu-wugedaitou")
    assert material.template_id == report.template_id == "2025-niandu-wugedaitou"
    assert report.template_score < 0.6
