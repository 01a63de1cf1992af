"""One numbering for every surface: which number each node prints, honouring unnumbered
sections, dimensions and running text and the material's point style (``app.model.Numbering``)."""

from __future__ import annotations

import pytest

from app.cli_commands import outline
from app.exporters.text import export_txt
from app.model import Material, Numbering, Point, Section, node_label, node_path_label
from tests.app.numbering_shapes import FIRST_SECOND, shaped


@pytest.mark.parametrize("style", sorted(FIRST_SECOND))
def test_each_node_prints_its_number_in_the_material_style(style):
    material = shaped(style)
    first, second = FIRST_SECOND[style]
    numbering = Numbering(material)
    opening, problems, measures = material.sections
    learning, duty = problems.dimensions
    assert [numbering.label(s) for s in material.sections] == ["", "二、", "三、"]
    assert [numbering.label(d) for d in problems.dimensions] == ["", "（二）"]
    assert [numbering.label(p) for p in duty.points] == [first, "", second]
    assert numbering.label(learning.points[0]) == numbering.label(opening.points[0]) == ""
    assert [numbering.label(p) for p in measures.points] == [first, second]
    assert numbering.label(material) == ""
    # the one-off lookup agrees with the whole-material pass for every node
    nodes = [
        n
        for s in material.sections
        for n in [s, *s.points, *s.dimensions, *(p for d in s.dimensions for p in d.points)]
    ]
    assert [node_label(material, n) for n in nodes] == [numbering.label(n) for n in nodes]


def test_a_nodes_place_reads_as_the_printed_numbers_down_to_it():
    material = shaped("arabic")
    problems = material.sections[1]
    duty = problems.dimensions[1]
    numbering = Numbering(material)
    assert (
        node_path_label(material, duty.points[2])
        == numbering.path(duty.points[2])
        == "二、（二）2."
    )
    assert node_path_label(material, duty.points[1]) == "二、（二）"  # running text: no number
    assert node_path_label(material, problems.dimensions[0].points[0]) == "二、"
    assert node_path_label(material, material.sections[0].points[0]) == ""
    assert node_path_label(material, material) == ""
    assert node_path_label(material, Point(title="别处的要点")) == ""  # not in this material


def test_places_past_999_still_read_where_printing_stops():
    points = [Point(title=f"第{i}条") for i in range(1000)]
    material = Material(sections=[Section(kind="measures", heading="措施", points=points)])
    assert node_path_label(material, points[998]) == "一、九百九十九是"
    assert node_path_label(material, points[999]) == "一、[1000]"
    assert Numbering(material).path(points[999]) == "一、[1000]"


def test_a_node_of_another_material_is_refused():
    with pytest.raises(KeyError):
        Numbering(shaped()).label(Point(title="别处的要点"))


@pytest.mark.parametrize("style", sorted(FIRST_SECOND))
def test_show_prints_the_numbers_the_export_prints(style):
    material = shaped(style)
    first, second = FIRST_SECOND[style]
    exported = export_txt(material, point_paragraphs=True).rstrip("\n").split("\n\n")
    shown = outline(material).splitlines()
    assert "二、存在的主要问题" in exported and "二、存在的主要问题  [problems]" in shown
    assert "在学习方面" in exported
    assert "（二）在担当方面" in exported and "  （二）担当  3条" in shown
    assert "  在学习方面  1条" in shown  # unnumbered heading: no （一） in either
    assert f"{first}甲项不足。" in exported and f"    {first} 甲项不足" in shown
    assert "一段说明。" in exported and "    · 一段说明" in shown
    assert f"{second}乙项不足。" in exported and f"    {second} 乙项不足" in shown
    assert "开头的一段话。" in exported and "  · 开头的一段话" in shown
    assert not any(line.startswith("一、") for line in exported + shown)


def test_numbers_follow_positions_even_for_one_object_held_twice():
    """A material built by repeating the same section object (as the benchmarks build big
    ones) still numbers each place by its position."""
    section = Section(kind="measures", heading="整改措施", points=[Point(title="丙项措施")])
    material = Material(sections=[section, section])
    numbering = Numbering(material)
    assert [numbering.at(0), numbering.at(1)] == ["一、", "二、"]
    assert numbering.points(1) == ["一是"]
    text = export_txt(material)
    assert "一、整改措施" in text and "二、整改措施" in text
