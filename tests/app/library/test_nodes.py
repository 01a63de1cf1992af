"""Library: node editing — update, insert, move, duplicate, delete to trash and restore, links,
and that a failing edit leaves nothing half-written."""

from __future__ import annotations

import pytest
from store_samples import SAMPLE_LINKS, sample_material

from app.errors import InputError, NotFoundError
from app.library import tree as store_tree
from app.model import Dimension, Point, Section
from app.serialize import material_to_dict


@pytest.fixture
def mid(lib):
    return lib.create_material(sample_material(), SAMPLE_LINKS)


def titles(points):
    return [p.title for p in points]


def positions(lib, ids):
    return [lib.node_location(i)[2] for i in ids]


def test_node_kind_and_location(lib, mid):
    m = lib.get_material(mid)
    dim = m.sections[0].dimensions[1]
    assert lib.node_kind(m.sections[0].id) == "section"
    assert lib.node_kind(dim.id) == "dimension"
    assert lib.node_kind(dim.points[0].id) == "point"
    assert lib.node_location(m.sections[2].id) == (mid, None, 2)
    assert lib.node_location(dim.id) == (mid, m.sections[0].id, 1)
    assert lib.node_location(m.sections[2].points[1].id) == (mid, m.sections[2].id, 1)


@pytest.mark.parametrize(
    "pick, field, value",
    [
        (lambda m: m.sections[1], "heading", "问题产生的根源"),
        (lambda m: m.sections[1], "intro", ["一段引言。"]),
        (lambda m: m.sections[1], "kind", "other"),
        (lambda m: m.sections[0].dimensions[0], "heading", "新的官方表述"),
        (lambda m: m.sections[0].dimensions[0], "short_name", "新简称"),
        (lambda m: m.sections[0].dimensions[0], "heading_prefix", "关于“"),
        (lambda m: m.sections[0].dimensions[0], "heading_suffix", "”方面，"),
        (lambda m: m.sections[0].dimensions[0], "intro", ["第一段", "第二段"]),
        (lambda m: m.sections[2].points[0], "title", "新标题"),
        (lambda m: m.sections[2].points[0], "body", "新的正文\n第二段"),
        (lambda m: m.sections[2].points[0], "example", "新的例子"),
        (lambda m: m.sections[2].points[0], "example_lead", "再比如"),
        (lambda m: m.sections[2].points[0], "example_sep", ""),
    ],
)
def test_update_node_field(lib, mid, pick, field, value):
    node_id = pick(lib.get_material(mid)).id
    lib.update_node(node_id, **{field: value})
    assert getattr(pick(lib.get_material(mid)), field) == value


@pytest.mark.parametrize(
    "pick, changes",
    [
        (lambda m: m.sections[2].points[0], {"heading": "点没有 heading"}),
        (lambda m: m.sections[2].points[0], {"title": 5}),
        (lambda m: m.sections[0].dimensions[0], {"title": "维度没有 title"}),
        (lambda m: m.sections[0], {"kind": "poems"}),
        (lambda m: m.sections[0], {"intro": "不是列表"}),
    ],
)
def test_update_node_rejects_bad_fields(lib, mid, pick, changes):
    before = lib.get_material(mid)
    with pytest.raises(InputError):
        lib.update_node(pick(before).id, **changes)
    assert lib.get_material(mid) == before


def test_insert_point_at_a_position_shifts_the_rest(lib, mid):
    section = lib.get_material(mid).sections[2]
    new_id = lib.insert_point(section.id, 1, Point(title="中间插入"))
    points = lib.get_material(mid).sections[2].points
    assert titles(points) == ["持续加强理论武装", "中间插入", "坚决纠治“四风”"]
    assert points[1].id == new_id
    assert positions(lib, [p.id for p in points]) == [0, 1, 2]


def test_insert_point_clamps_position_and_defaults_to_empty(lib, mid):
    dim = lib.get_material(mid).sections[0].dimensions[1]
    lib.insert_point(dim.id, 99)
    lib.insert_point(dim.id, -5, Point(title="最前"))
    assert titles(lib.get_material(mid).sections[0].dimensions[1].points) == [
        "最前",
        "纠治“四风”有差距",
        "",
    ]


def test_insert_point_under_a_point_is_refused(lib, mid):
    point_id = lib.get_material(mid).sections[2].points[0].id
    with pytest.raises(InputError):
        lib.insert_point(point_id, 0)
    with pytest.raises(NotFoundError):
        lib.insert_point(999_999, 0)


def test_insert_dimension_and_section(lib, mid):
    m = lib.get_material(mid)
    dim_id = lib.insert_dimension(
        m.sections[0].id,
        1,
        Dimension(heading="新维度", short_name="新", points=[Point(title="子要点")]),
    )
    sec_id = lib.insert_section(
        mid, 0, Section(kind="previous_rectification", heading="上年度整改情况")
    )
    m = lib.get_material(mid)
    assert [s.id for s in m.sections][0] == sec_id
    assert [d.short_name for d in m.sections[1].dimensions] == ["两个确立", "新", "正反经验"]
    assert m.sections[1].dimensions[1].id == dim_id
    assert titles(m.sections[1].dimensions[1].points) == ["子要点"]
    with pytest.raises(InputError):
        lib.insert_dimension(m.sections[1].dimensions[0].id, 0)


def test_move_point_within_its_parent(lib, mid):
    points = lib.get_material(mid).sections[2].points
    lib.move_node(points[0].id, lib.get_material(mid).sections[2].id, 1)
    moved = lib.get_material(mid).sections[2].points
    assert titles(moved) == ["坚决纠治“四风”", "持续加强理论武装"]
    assert positions(lib, [p.id for p in moved]) == [0, 1]


def test_move_point_across_dimensions_renumbers_both(lib, mid):
    m = lib.get_material(mid)
    first, second = m.sections[0].dimensions
    lib.move_node(first.points[0].id, second.id, 1)
    m = lib.get_material(mid)
    first, second = m.sections[0].dimensions
    assert titles(first.points) == ["学深悟透不够"]
    assert titles(second.points) == ["纠治“四风”有差距", "学习态度不够积极"]
    assert positions(lib, [p.id for p in first.points + second.points]) == [0, 0, 1]
    assert second.points[1].links  # a moved point keeps its links


def test_move_point_from_dimension_to_section(lib, mid):
    m = lib.get_material(mid)
    lib.move_node(m.sections[0].dimensions[0].points[1].id, m.sections[1].id, 0)
    m = lib.get_material(mid)
    assert titles(m.sections[1].points) == ["学深悟透不够", "深入学习提高的主动性不够强"]


def test_move_dimension_and_section(lib, mid):
    m = lib.get_material(mid)
    lib.move_node(m.sections[0].dimensions[1].id, m.sections[0].id, 0)
    lib.move_node(m.sections[2].id, None, 0)
    m = lib.get_material(mid)
    assert [s.kind for s in m.sections] == ["measures", "problems", "causes"]
    assert [d.short_name for d in m.sections[1].dimensions] == ["正反经验", "两个确立"]


def test_move_into_a_wrong_parent_is_refused(lib, mid):
    m = lib.get_material(mid)
    other = lib.get_material(lib.create_material(sample_material()))
    with pytest.raises(InputError):
        lib.move_node(m.sections[0].id, m.sections[1].id, 0)  # a section under a section
    with pytest.raises(InputError):
        lib.move_node(m.sections[0].dimensions[0].id, m.sections[0].dimensions[1].id, 0)
    with pytest.raises(InputError):
        lib.move_node(m.sections[2].points[0].id, other.sections[2].id, 0)
    assert lib.get_material(mid) == m


def test_duplicate_node_places_a_copy_right_after(lib, mid):
    dim = lib.get_material(mid).sections[0].dimensions[0]
    copy_id = lib.duplicate_node(dim.id)
    dims = lib.get_material(mid).sections[0].dimensions
    assert [d.short_name for d in dims] == ["两个确立", "两个确立", "正反经验"]
    assert dims[1].id == copy_id
    assert titles(dims[1].points) == titles(dims[0].points)
    assert {p.id for p in dims[1].points}.isdisjoint(p.id for p in dims[0].points)
    assert dims[1].points[0].links == dims[0].points[0].links
    assert lib.list_materials()[0].point_count == 8


def test_delete_point_goes_to_trash_and_restores_in_place_with_its_id_and_links(lib, mid):
    before = lib.get_material(mid)
    point = before.sections[0].dimensions[0].points[0]
    entry = lib.delete_node(point.id)
    after = lib.get_material(mid)
    assert titles(after.sections[0].dimensions[0].points) == ["学深悟透不够"]
    assert after.sections[2].points[0].links == []
    assert [(e.id, e.kind, e.label) for e in lib.list_trash(mid)] == [
        (entry, "point", "学习态度不够积极")
    ]
    assert lib.restore_from_trash(entry) == point.id
    restored = lib.get_material(mid)
    restored.updated = before.updated
    assert restored == before  # same text, same ids, same links
    assert lib.list_trash() == []


def test_delete_section_with_subtree_restores_every_node(lib, mid):
    before = lib.get_material(mid)
    entry = lib.delete_node(before.sections[0].id)
    assert lib.list_materials()[0].point_count == 3
    with pytest.raises(NotFoundError):
        lib.node_kind(before.sections[0].dimensions[0].points[0].id)
    lib.restore_from_trash(entry)
    after = lib.get_material(mid)
    assert material_to_dict(after) == material_to_dict(before)
    assert [p.id for p in after.all_points()] == [p.id for p in before.all_points()]


def test_restore_goes_to_the_end_when_the_position_is_gone(lib, mid):
    points = lib.get_material(mid).sections[2].points
    entry = lib.delete_node(points[1].id)
    lib.delete_node(points[0].id)
    lib.restore_from_trash(entry)
    assert titles(lib.get_material(mid).sections[2].points) == ["坚决纠治“四风”"]


def test_restore_into_the_first_fitting_parent_when_the_parent_is_gone(lib, mid):
    m = lib.get_material(mid)
    point_entry = lib.delete_node(m.sections[0].dimensions[1].points[0].id)
    lib.delete_node(m.sections[0].dimensions[1].id)
    lib.restore_from_trash(point_entry)
    dims = lib.get_material(mid).sections[0].dimensions
    assert titles(dims[0].points) == ["学习态度不够积极", "学深悟透不够", "纠治“四风”有差距"]


def test_restore_unknown_trash_entry_is_not_found(lib, mid):
    with pytest.raises(NotFoundError):
        lib.restore_from_trash(12345)


def test_link_and_unlink_points(lib, mid):
    m = lib.get_material(mid)
    problem = m.sections[0].dimensions[0].points[1]
    measure = m.sections[2].points[1]
    lib.link_points(problem.id, measure.id)
    lib.link_points(measure.id, problem.id)  # the same link, either order
    m = lib.get_material(mid)
    assert m.sections[0].dimensions[0].points[1].links == [measure.id]
    assert sorted(m.sections[2].points[1].links) == sorted(
        [problem.id, m.sections[0].dimensions[1].points[0].id]
    )
    lib.unlink_points(measure.id, problem.id)
    assert lib.get_material(mid).sections[0].dimensions[0].points[1].links == []


def test_link_refuses_non_points_and_other_materials(lib, mid):
    m = lib.get_material(mid)
    other = lib.get_material(lib.create_material(sample_material()))
    with pytest.raises(InputError):
        lib.link_points(m.sections[0].dimensions[0].id, m.sections[2].points[0].id)
    with pytest.raises(InputError):
        lib.link_points(m.sections[2].points[0].id, other.sections[2].points[0].id)
    with pytest.raises(NotFoundError):
        lib.link_points(m.sections[2].points[0].id, 10**9)


def _fail_after_first_statement(monkeypatch, name):
    real = getattr(store_tree, name)

    def broken(*args, **kwargs):
        real(*args, **kwargs)
        raise RuntimeError("disk pulled out mid-write")

    monkeypatch.setattr(store_tree, name, broken)


@pytest.mark.parametrize(
    "helper, edit",
    [
        ("open_gap", lambda lib, m: lib.insert_point(m.sections[2].id, 0, Point(title="半截"))),
        ("renumber", lambda lib, m: lib.delete_node(m.sections[2].points[0].id)),
        ("renumber", lambda lib, m: lib.move_node(m.sections[2].points[0].id, m.sections[1].id, 0)),
        ("insert_point", lambda lib, m: lib.duplicate_node(m.sections[0].dimensions[0].id)),
        ("insert_sections", lambda lib, m: lib.replace_material(m.id, sample_material())),
        (
            "insert_position_links",
            lambda lib, m: lib.create_material(sample_material(), SAMPLE_LINKS),
        ),
        ("load_material", lambda lib, m: lib.create_snapshot(m.id, "不会留下")),
        (
            "load_material",
            lambda lib, m: lib.update_node(m.sections[2].points[0].id, title="不会留下"),
        ),
    ],
)
def test_a_failure_mid_edit_leaves_no_partial_write(lib, mid, monkeypatch, helper, edit):
    before = lib.get_material(mid)
    summary = lib.list_materials()
    trash = lib.list_trash()
    hits = lib.search("学习态度")
    _fail_after_first_statement(monkeypatch, helper)
    with pytest.raises(RuntimeError):
        edit(lib, before)
    monkeypatch.undo()
    assert lib.get_material(mid) == before
    assert lib.list_materials() == summary
    assert lib.list_trash() == trash
    assert lib.search("学习态度") == hits
    assert lib.list_snapshots(mid) == []


def test_positions_must_be_integers(lib, mid):
    m = lib.get_material(mid)
    with pytest.raises(InputError):
        lib.insert_point(m.sections[2].id, "1")
    with pytest.raises(InputError):
        lib.move_node(m.sections[2].points[0].id, m.sections[2].id, None)
    assert lib.get_material(mid) == m
