"""Dimension matching for next year's draft (short name, then keywords, then similarity)."""

from __future__ import annotations

from app.library.duplicate import match_dimensions, remap_to_template
from app.model import Dimension, Material, Point, Section
from app.templates import TemplateDimension, get_template

NEW = (
    TemplateDimension(
        short_name="政治忠诚",
        heading="在加强党的政治建设、践行“两个维护”方面",
        keywords=("两个维护", "政治建设"),
    ),
    TemplateDimension(
        short_name="为民服务",
        heading="在为民造福、践行以人民为中心的发展思想方面",
        keywords=("为民造福",),
    ),
    TemplateDimension(
        short_name="作风建设", heading="在落实中央八项规定精神、纠治“四风”方面", keywords=()
    ),
)


def test_short_name_wins_over_keywords():
    old = [
        Dimension(heading="两个维护相关", short_name="其他"),
        Dimension(heading="无关", short_name="政治忠诚"),
    ]
    assert match_dimensions(old, NEW)[0] == 1


def test_keywords_match_when_short_names_differ():
    old = [Dimension(heading="带头践行为民造福的要求", short_name="人民")]
    assert match_dimensions(old, NEW) == {1: 0}


def test_similar_wording_matches_last_and_each_old_dimension_is_used_once():
    old = [Dimension(heading="在落实中央八项规定精神、纠治四风方面", short_name="")]
    assert match_dimensions(old, NEW) == {2: 0}
    twins = [Dimension(heading="在加强党的政治建设方面", short_name="政治忠诚")]
    assert match_dimensions(twins, NEW) == {0: 0}


def test_unrelated_wording_stays_unmatched():
    old = [Dimension(heading="完全不相干的标题文字", short_name="杂项")]
    assert match_dimensions(old, NEW) == {}


def test_remap_keeps_points_and_ids_and_adds_a_problems_section_when_missing():
    template = get_template("2021-dangshi-wugedaitou")
    source = Material(sections=[Section(kind="measures", points=[Point(title="措施", id=7)])])
    copy = remap_to_template(source, template)
    assert [s.kind for s in copy.sections] == ["problems", "measures"]
    assert len(copy.sections[0].dimensions) == len(template.dimensions)
    assert copy.sections[1].points[0].id == 7
    assert source.sections[0].kind == "measures"  # the source is not changed
