"""Material-wide find/replace: every hit with its place, replace all as one set of edits,
bad or dangerous patterns refused with a clear error, and no hang on hostile input."""

from __future__ import annotations

import time

import pytest

from app.checks import apply_edit
from app.errors import InputError
from app.exporters.text import export_txt
from app.find_replace import compile_query, find_all, find_in_library, replace_all
from app.library import Library
from tests.app.checks_helpers import data_material, enlarged, material_with, seed_material
from tests.conftest import HANG_GUARD_S


@pytest.fixture
def seed(seed_path):
    return seed_material(seed_path)


def test_literal_find_lists_every_hit_with_path_range_and_context(seed):
    hits = find_all(seed, "dangshi")
    assert [h.path for h in hits] == [
        "title",
        "preamble/0",
        "preamble/0",
        "problems/dimensions/0/heading",
        "problems/dimensions/0/points/0/body",
        "problems/dimensions/4/heading",
    ]
    first = hits[0]
    assert (first.start, first.end, first.excerpt) == (5, 12, "dangshi")
    assert first.before == "县政府党组" and first.after.startswith("学习教育专题")


def test_replace_all_across_dimensions_gives_one_edit_per_field(seed):
    edits = replace_all(seed, "dangshi", "党史")
    assert [(node, field) for node, field, _ in edits] == [
        ("", "title"),
        ("", "preamble"),
        ("problems/dimensions/0", "heading"),
        ("problems/dimensions/0/points/0", "body"),
        ("problems/dimensions/4", "heading"),
    ]
    assert "dangshi" in seed.title  # nothing applied yet: the UI applies the edits as one command
    for edit in edits:
        apply_edit(seed, edit)
    text = export_txt(seed)
    assert (
        "dangshi" not in text
        and "带头深刻汲取党史中正反两方面经验" in text
        and "树立正确党史观" in text
    )
    assert find_all(seed, "dangshi") == []


def test_case_insensitive_and_regex_with_groups():
    material = material_with("开好MZSHH和mzshh，2021年度、2022年度。", example="2021年学习3次。")
    assert len(find_all(material, "mzshh", case_sensitive=False)) == 2
    assert len(find_all(material, "mzshh")) == 1
    [(_, _, body)] = replace_all(material, r"(\d{4})年度", r"\1 年度", regex=True)
    assert body.endswith("2021 年度、2022 年度。")


def test_literal_mode_takes_pattern_and_replacement_as_typed():
    material = material_with("比较(一)和(二)。", example="2021年学习3次。")
    assert [h.excerpt for h in find_all(material, "(一)")] == ["(一)"]
    [(_, _, body)] = replace_all(material, "(一)", r"\1（一）")
    assert body == r"比较\1（一）和(二)。"


def test_replace_one_hit_only(seed):
    hits = find_all(seed, "dangshi")
    edits = replace_all(seed, "dangshi", "党史", only=[hits[2]])
    assert edits == [
        (
            "",
            "preamble",
            [seed.preamble[0][: hits[2].start] + "党史" + seed.preamble[0][hits[2].end :]],
        )
    ]


def test_replacing_a_hit_whose_text_changed_is_refused(seed):
    hit = find_all(seed, "dangshi")[0]
    seed.title = "县政府党组党史学习教育专题民主生活会对照检查材料"
    with pytest.raises(InputError):
        replace_all(seed, "dangshi", "党史", only=[hit])


def test_nothing_to_replace_gives_no_edits(seed):
    assert replace_all(seed, "不存在的字", "x") == []


@pytest.mark.parametrize("pattern", ["", "(", "[a-", "(?P<x", "a{2,1}"])
def test_empty_or_invalid_patterns_are_input_errors(pattern):
    with pytest.raises(InputError) as info:
        compile_query(pattern, regex=True)
    assert info.value.zh and info.value.en


def test_bad_group_reference_in_replacement_is_an_input_error(seed):
    with pytest.raises(InputError):
        replace_all(seed, "(dang)shi", r"\2", regex=True)


@pytest.mark.parametrize(
    "pattern", [r"(a+)+$", r"(\w+\s?)*$", r"(a|aa)*b", r".*.*=", r"(x*)*y", r"([^，]+)+。"]
)
def test_catastrophic_patterns_are_refused_before_running(pattern):
    material = material_with("a" * 5000 + "!", example="2021年学习3次。")
    start = time.perf_counter()
    with pytest.raises(InputError):
        find_all(material, pattern, regex=True)
    assert time.perf_counter() - start < HANG_GUARD_S  # refused, never run on the 5,000 a's


def test_ordinary_regexes_on_a_100_page_material_finish(seed):
    """Backtracking-prone but legitimate patterns run, and do not hang (their speed:
    benchmarks/bench_checks.py)."""
    big = enlarged(seed, 12)
    start = time.perf_counter()
    hits = find_all(big, r'"[^"]{2,12}"|不够[^，。]{0,6}|能力.*?。', regex=True)
    hits += find_all(big, r".*a.*b", regex=True)
    assert time.perf_counter() - start < 10 * HANG_GUARD_S
    assert len(hits) > 100


def test_empty_matches_are_not_hits():
    material = material_with("学习不够。", example="2021年学习3次。")
    assert find_all(material, "x*", regex=True) == []
    assert replace_all(material, "x*", "-", regex=True) == []


def test_find_in_library_reports_material_ids(tmp_path, seed):
    with Library.open(tmp_path / "lib.db") as lib:
        seed_id = lib.create_material(seed)
        clean_id = lib.create_material(data_material("clean-2025.json"))
        hits = find_in_library(lib, "县政府党组")
    assert {mid for mid, _ in hits} == {seed_id, clean_id}
