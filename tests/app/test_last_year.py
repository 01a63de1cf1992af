"""对照上年材料 core: which material is last year's, and which of its parts each part of this
year's corresponds to (the draft's template mapping, then the wording)."""

from __future__ import annotations

import copy

import pytest
from hypothesis import given
from hypothesis import strategies as st
from test_properties import FAST, materials

from app.importers.text import import_text_file
from app.last_year import align, comparable_materials, last_year_of
from app.library import Library

TEMPLATE_2025 = "2025-niandu-wugedaitou"
# Where 复制为下一年度草稿 puts the 2021 aspects in the 2025 framework (resources/successions.toml)
DRAFT_2025_FROM_2021 = {
    "政治忠诚": "两个确立",
    "固本培元": "应对风险",
    "三个敬畏": "人民中心",
    "担当作为": "根本问题",
    "管党治党": "正反经验",
}


@pytest.fixture
def seed(seed_path):
    material, _report = import_text_file(seed_path)
    return material


@pytest.fixture
def lib(tmp_path):
    library = Library.open(tmp_path / "lib.db")
    yield library
    library.close()


def _store(lib, material, **changes) -> int:
    m = copy.deepcopy(material)
    for name, value in changes.items():
        setattr(m, name, value)
    return lib.create_material(m)


def _dim_names(material) -> dict[int, str]:
    return {d.id: d.short_name for s in material.sections for d in s.dimensions}


def test_last_year_is_the_same_unit_author_and_scope_of_the_nearest_earlier_year(lib, seed):
    y2019 = _store(lib, seed, year=2019)
    y2021 = _store(lib, seed, year=2021)
    _store(lib, seed, year=2021, organization="县委常委班子")  # another unit
    _store(lib, seed, year=2021, scope="individual", author="张三")  # a member's own
    _store(lib, seed, year=2026)  # later
    current_id = _store(lib, seed, year=2025)
    current = lib.get_material(current_id)
    assert last_year_of(lib, current) == y2021
    lib.trash_material(y2021)
    assert last_year_of(lib, lib.get_material(current_id)) == y2019
    # the choices: every other material, newest year first, never the open one
    choices = comparable_materials(lib, current_id)
    assert current_id not in [c.id for c in choices]
    assert [c.year for c in choices] == sorted((c.year for c in choices), reverse=True)


def test_no_last_year_without_an_earlier_one_or_a_year(lib, seed):
    only = lib.get_material(_store(lib, seed, year=2021))
    assert last_year_of(lib, only) is None
    _store(lib, seed, year=2019)
    assert last_year_of(lib, lib.get_material(_store(lib, seed, year=None))) is None


def test_a_2025_draft_lines_up_with_2021_along_the_mapping_it_was_made_by(lib, seed):
    seed_id = lib.create_material(seed)
    draft_id = lib.duplicate_material(seed_id, template_id=TEMPLATE_2025, year=2025)
    last, current = lib.get_material(seed_id), lib.get_material(draft_id)
    alignment = align(last, current)
    names = _dim_names(last)
    problems = current.section("problems")
    shown = {
        d.short_name: [names[i] for i in alignment.counterpart(d.id).node_ids]
        for d in problems.dimensions
    }
    assert shown == {new: [old] for new, old in DRAFT_2025_FROM_2021.items()}
    # each point beside the point it was copied from; sections by kind
    last_points = {p.id: p for p in last.all_points()}
    for point in current.all_points():
        found = alignment.counterpart(point.id)
        assert found.exact
        assert last_points[found.node_ids[0]].title == point.title
    for section in current.sections:
        assert alignment.counterpart(section.id).node_ids == (last.section(section.kind).id,)


def test_a_rewritten_point_falls_back_to_its_dimension_and_a_new_aspect_to_nothing(lib, seed):
    seed_id = lib.create_material(seed)
    draft_id = lib.duplicate_material(seed_id, template_id=TEMPLATE_2025, year=2025)
    current = lib.get_material(draft_id)
    dim = current.section("problems").dimensions[1]  # 固本培元 ← 应对风险
    point = dim.points[0]
    lib.update_node(point.id, title="全新的问题表述与去年毫无关系", body="")
    new_dim = lib.insert_dimension(current.section("problems").id, 5)
    lib.update_node(new_dim, heading="某个今年新增的方面", short_name="新方面")
    last, current = lib.get_material(seed_id), lib.get_material(draft_id)
    alignment = align(last, current)
    found = alignment.counterpart(point.id)
    assert not found.exact and _dim_names(last)[found.node_ids[0]] == "应对风险"
    assert alignment.counterpart(new_dim).node_ids == ()


def test_the_same_template_lines_up_by_wording_even_when_reordered(lib, seed):
    last_id = _store(lib, seed, year=2021)
    this_year = copy.deepcopy(seed)
    problems = this_year.section("problems")
    problems.dimensions.reverse()
    current_id = _store(lib, this_year, year=2022)
    last, current = lib.get_material(last_id), lib.get_material(current_id)
    alignment = align(last, current)
    names = _dim_names(last)
    for dim in current.section("problems").dimensions:
        assert [names[i] for i in alignment.counterpart(dim.id).node_ids] == [dim.short_name]


def test_aligning_reads_and_never_writes(lib, seed):
    seed_id = lib.create_material(seed)
    draft_id = lib.duplicate_material(seed_id, template_id=TEMPLATE_2025, year=2025)
    before = lib.get_material(seed_id)
    current = lib.get_material(draft_id)
    alignment = align(lib.get_material(last_year_of(lib, current)), current)
    for point in current.all_points():
        alignment.counterpart(point.id)
    assert lib.get_material(seed_id) == before


def _with_ids(material, start: int):
    """Ids as the library gives them, unique across both materials of a pair."""
    next_id = start
    for section in material.sections:
        section.id, next_id = next_id, next_id + 1
        for point in section.points:
            point.id, next_id = next_id, next_id + 1
        for dim in section.dimensions:
            dim.id, next_id = next_id, next_id + 1
            for point in dim.points:
                point.id, next_id = next_id, next_id + 1
    return material


@FAST
@given(
    last=materials(),
    current=materials(),
    templates=st.tuples(
        *[st.sampled_from(["2021-dangshi-wugedaitou", TEMPLATE_2025, "custom"])] * 2
    ),
)
def test_any_two_materials_align_onto_last_years_own_nodes(last, current, templates):
    last.template_id, current.template_id = templates
    _with_ids(last, 1)
    _with_ids(current, 10_000)
    alignment = align(last, current)
    kinds = {}  # last year's node id → its kind
    for section in last.sections:
        kinds[section.id] = "section"
        kinds.update((p.id, "point") for p in section.all_points())
        kinds.update((d.id, "dimension") for d in section.dimensions)
    for section in current.sections:
        nodes = [section, *section.dimensions, *section.all_points()]
        for node in nodes:
            found = alignment.counterpart(node.id)
            assert all(i in kinds for i in found.node_ids)
            if found.exact and found.node_ids:  # a node beside one of its own kind
                assert {kinds[i] for i in found.node_ids} == {type(node).__name__.lower()}
    assert alignment.counterpart(None).node_ids == ()
