"""Acceptance on the seed: what a reviewer would send back is reported, and fixed on request."""

from __future__ import annotations

import pytest

from app.checks import apply_edit, apply_fixes, run_checks
from app.checks.paths import get_text
from app.exporters.text import export_txt
from tests.app.checks_helpers import at, seed_material


@pytest.fixture
def seed(seed_path):
    return seed_material(seed_path)


@pytest.fixture
def findings(seed):
    return run_checks(seed)


def test_pinyin_placeholders_are_errors_with_the_word_as_fix(findings):
    dangshi = at(findings, "placeholder.pinyin", excerpt="dangshi")
    mzshh = at(findings, "placeholder.pinyin", excerpt="mzshh")
    # title, preamble (twice), dimension headings (一) and (五), a point body
    assert {f.path for f in dangshi} >= {
        "title",
        "preamble/0",
        "problems/dimensions/0/heading",
        "problems/dimensions/4/heading",
        "problems/dimensions/0/points/0/body",
    }
    assert {f.path for f in mzshh} == {"title", "preamble/0"}
    assert all(f.severity == "error" for f in dangshi + mzshh)
    assert {f.fix for f in dangshi} == {"党史"} and {f.fix for f in mzshh} == {"民主生活会"}


def test_halfwidth_colon_of_the_fifth_frame(findings, seed):
    [colon] = at(findings, "punct.halfwidth", "problems/dimensions/4/heading_suffix")
    assert (colon.excerpt, colon.fix, colon.severity) == (":", "：", "error")
    assert seed.sections[0].dimensions[4].heading_suffix[colon.start] == ":"


def test_ascii_quotes_everywhere_including_the_frame(findings):
    quotes = at(findings, "punct.ascii_quote")
    paths = {f.path for f in quotes}
    for d in range(5):
        assert f"problems/dimensions/{d}/heading_prefix" in paths
        assert f"problems/dimensions/{d}/heading_suffix" in paths
    assert {"title", "preamble/0", "measures/points/0/body", "causes/points/2/body"} <= paths
    # the frame opens in the prefix and closes in the suffix
    assert {f.fix for f in quotes if f.path.endswith("heading_prefix")} == {"“"}
    assert {f.fix for f in quotes if f.path.endswith("heading_suffix")} == {"”"}


def test_nested_single_quotes_pair_as_single_curly_quotes(findings, seed):
    heading = seed.sections[0].dimensions[0].heading
    singles = [f for f in at(findings, "punct.ascii_quote", "problems/dimensions/0/heading")]
    assert [f.fix for f in singles] == ["‘", "’"] * 4
    assert heading[singles[0].end : singles[1].start] == "两个确立"


def test_typos_of_the_seed(findings):
    expected = {
        "走好行的赶考之路": "走好新的赶考之路",
        "越来愈多": "越来越多",
        "拼搏竞劲": "拼搏竞进",
        "工资投资": "工业投资",
    }
    for wrong, right in expected.items():
        [typo] = at(findings, "typo", excerpt=wrong)
        assert typo.fix == right and typo.severity == "error"
    assert at(findings, "typo", "preamble/0", "走好行的赶考之路")
    assert at(findings, "typo", "measures/points/3/title", "拼搏竞劲")


def test_no_false_positives_on_correct_wording(findings):
    # 两个确立, 四个意识 … are correct 提法; the headings match the official wording once the
    # quotes and dangshi are read as what they stand for, so only those are reported there.
    assert at(findings, "formulation.term") == []
    assert at(findings, "formulation.dimension_heading") == []
    assert at(findings, "formulation.session") == []  # 十九届六中全会, 十九大 are right for 2021
    assert at(findings, "placeholder.other_org") == []
    assert at(findings, "punct.direction") == [] and at(findings, "punct.unpaired") == []
    assert at(findings, "structure.dimension_missing") == []
    assert at(findings, "structure.unanswered") == []
    assert at(findings, "structure.duplicate_sentence") == []


def test_every_excerpt_is_the_text_at_its_range(findings, seed):
    for f in findings:
        assert get_text(seed, f.path)[f.start : f.end] == f.excerpt, f


def test_fixes_then_export_show_curly_quotes_and_fullwidth_colon(seed, findings):
    fixes = [f for f in findings if f.rule in ("punct.ascii_quote", "punct.halfwidth")]
    for edit in apply_fixes(seed, fixes):
        apply_edit(seed, edit)
    text = export_txt(seed)
    assert '"' not in text and "'" not in text and ":" not in text
    assert "（一）在“带头深刻感悟‘两个确立’的决定性意义" in text
    assert "纠“四风”、树新风" in text
    assert "加强对‘一把手’监督" in text
    assert "坚决同一切违规违纪违法现象作斗争”方面：一是责任落实不够到位" in text
    assert "mzshh“五个带头”对照检查材料" in text
    again = run_checks(seed)
    assert at(again, "punct.ascii_quote") == [] and at(again, "punct.halfwidth") == []
    # the typos and placeholders were not part of these fixes and are still reported
    assert at(again, "typo", excerpt="越来愈多") and at(again, "placeholder.pinyin")


def test_all_fixes_give_a_material_with_no_fixable_errors_left(seed, findings):
    for edit in apply_fixes(seed, findings):
        apply_edit(seed, edit)
    text = export_txt(seed)
    assert "走好新的赶考之路" in text and "努力拼搏竞进" in text and "越来越多" in text
    assert "县政府党组党史学习教育专题民主生活会“五个带头”对照检查材料" in text
    left = [f for f in run_checks(seed) if f.severity == "error"]
    assert left == []
