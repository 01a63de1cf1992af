"""Library: materials — create/get round trip, updates, listing with cached counts, duplicate,
snapshots. Node editing is in test_nodes.py, files in test_files.py."""

from __future__ import annotations

import itertools

import pytest
from store_samples import SAMPLE_LINKS, sample_material

from app.errors import InputError, LibraryError, NotFoundError
from app.library import AUTO_SNAPSHOT_NAME, Library
from app.library import tree as store_tree
from app.model import Point, material_word_count
from app.serialize import material_to_dict


@pytest.fixture
def clock(monkeypatch):
    """Deterministic, strictly increasing timestamps."""
    ticks = itertools.count(1)
    monkeypatch.setattr(store_tree, "now", lambda: f"2026-01-01T10:{next(ticks):02d}:00+08:00")


def test_create_then_get_gives_back_the_same_material(lib):
    material = sample_material()
    mid = lib.create_material(material, SAMPLE_LINKS)
    stored = lib.get_material(mid)
    expected = material_to_dict(material) | {"links": SAMPLE_LINKS}
    assert material_to_dict(stored) == expected
    assert stored.id == mid


def test_get_material_sets_ids_on_every_node_and_fills_links_both_ways(lib):
    mid = lib.create_material(sample_material(), SAMPLE_LINKS)
    m = lib.get_material(mid)
    nodes = [*m.sections, *(d for s in m.sections for d in s.dimensions), *m.all_points()]
    assert all(isinstance(n.id, int) for n in nodes)
    assert len({n.id for n in nodes}) == len(nodes)
    problem = m.sections[0].dimensions[0].points[0]
    measure = m.sections[2].points[0]
    assert problem.links == [measure.id]
    assert measure.links == [problem.id]


def test_create_without_links_keeps_links_carried_by_point_ids(lib):
    first = lib.get_material(lib.create_material(sample_material(), SAMPLE_LINKS))
    again = lib.get_material(lib.create_material(first))
    assert material_to_dict(again)["links"] == SAMPLE_LINKS


def test_create_refuses_links_to_missing_points(lib):
    with pytest.raises(InputError):
        lib.create_material(sample_material(), [[[0, 0, 9], [2, -1, 0]]])
    assert lib.list_materials() == []


def test_create_from_template_has_its_sections_and_dimensions(lib):
    mid = lib.create_from_template("2021-dangshi-wugedaitou", organization="县政府党组")
    m = lib.get_material(mid)
    assert m.title == "县政府党组党史学习教育专题民主生活会“五个带头”对照检查材料"
    assert [s.kind for s in m.sections] == ["problems", "causes", "measures"]
    assert [d.short_name for d in m.sections[0].dimensions] == [
        "两个确立",
        "根本问题",
        "人民中心",
        "应对风险",
        "正反经验",
    ]
    assert m.sections[0].dimensions[0].heading_prefix == "在“"


def test_create_from_unknown_template_is_an_input_error(lib):
    with pytest.raises(InputError):
        lib.create_from_template("1999-nothing")


def test_list_materials_shows_cached_counts(lib):
    mid = lib.create_material(sample_material())
    (summary,) = lib.list_materials()
    assert summary.id == mid
    assert summary.word_count == material_word_count(sample_material())
    assert summary.dimension_count == 2
    assert summary.point_count == 6
    assert (summary.year, summary.organization, summary.trashed) == (2021, "县政府党组", False)


def test_counts_follow_every_edit(lib):
    mid = lib.create_material(sample_material())
    dim_id = lib.get_material(mid).sections[0].dimensions[0].id
    lib.insert_point(dim_id, 0, Point(title="新增要点", body="一二三四五"))
    summary = lib.list_materials()[0]
    assert summary.point_count == 7
    assert summary.word_count == material_word_count(lib.get_material(mid))


def test_list_materials_newest_updated_first(lib, clock):
    a = lib.create_material(sample_material())
    b = lib.create_material(sample_material())
    assert [s.id for s in lib.list_materials()] == [b, a]
    lib.update_material(a, title="改过的标题")
    assert [s.id for s in lib.list_materials()] == [a, b]


def test_updated_bumps_on_each_write_and_created_stays(lib, clock):
    mid = lib.create_material(sample_material())
    before = lib.get_material(mid)
    lib.update_node(before.sections[1].points[0].id, body="新的正文")
    after = lib.get_material(mid)
    assert after.created == before.created
    assert after.updated > before.updated


def test_timestamps_are_iso_local_with_offset_to_the_second(lib):
    m = lib.get_material(lib.create_material(sample_material()))
    assert len(m.created) == 25 and m.created[10] == "T" and m.created[19] in "+-"


@pytest.mark.parametrize(
    "field, value",
    [
        ("title", "新标题"),
        ("organization", "县委常委会"),
        ("scope", "individual"),
        ("year", 2022),
        ("year", None),
        ("meeting", "年度民主生活会"),
        ("template_id", "custom"),
        ("author", "张三"),
        ("date", "2022年2月"),
        ("preamble", ["第一段。", "第二段。"]),
        ("closing", []),
    ],
)
def test_update_material_field(lib, field, value):
    mid = lib.create_material(sample_material())
    lib.update_material(mid, **{field: value})
    assert getattr(lib.get_material(mid), field) == value


@pytest.mark.parametrize(
    "changes",
    [
        {"colour": "red"},
        {"scope": "everyone"},
        {"year": "2021"},
        {"year": True},
        {"year": 1800},
        {"title": None},
        {"preamble": "一段"},
        {"closing": [1, 2]},
    ],
)
def test_update_material_rejects_bad_fields_and_changes_nothing(lib, changes):
    mid = lib.create_material(sample_material())
    before = lib.get_material(mid)
    with pytest.raises(InputError) as err:
        lib.update_material(mid, **changes)
    assert err.value.zh and err.value.en
    assert lib.get_material(mid) == before


def test_unknown_ids_are_not_found(lib):
    with pytest.raises(NotFoundError):
        lib.get_material(404)
    with pytest.raises(NotFoundError):
        lib.update_material(404, title="x")
    with pytest.raises(NotFoundError):
        lib.create_snapshot(404, "x")
    with pytest.raises(NotFoundError):
        lib.get_snapshot(404)
    with pytest.raises(NotFoundError):
        lib.trash_material(404)


def test_replace_material_keeps_the_id_and_swaps_the_content(lib):
    mid = lib.create_material(sample_material(), SAMPLE_LINKS)
    other = sample_material()
    other.title = "另一份"
    other.sections = other.sections[1:]
    lib.replace_material(mid, other)
    m = lib.get_material(mid)
    assert m.id == mid and m.title == "另一份"
    assert [s.kind for s in m.sections] == ["causes", "measures"]
    assert lib.list_materials()[0].dimension_count == 0


def test_trash_material_hides_it_from_the_list_and_restore_brings_it_back(lib):
    keep = lib.create_material(sample_material())
    gone = lib.create_material(sample_material())
    entry = lib.trash_material(gone)
    assert [s.id for s in lib.list_materials()] == [keep]
    trashed = [s for s in lib.list_materials(include_trashed=True) if s.id == gone]
    assert trashed[0].trashed
    assert [(e.id, e.kind) for e in lib.list_trash()] == [(entry, "material")]
    assert lib.restore_from_trash(entry) == gone
    assert {s.id for s in lib.list_materials()} == {keep, gone}
    assert lib.list_trash() == []


def test_duplicate_material_copies_structure_text_and_links(lib):
    mid = lib.create_material(sample_material(), SAMPLE_LINKS)
    copy_id = lib.duplicate_material(mid, year=2022)
    original, copy = lib.get_material(mid), lib.get_material(copy_id)
    assert copy_id != mid and copy.year == 2022
    assert material_to_dict(copy) == material_to_dict(original) | {"year": 2022}
    assert not {p.id for p in copy.all_points()} & {p.id for p in original.all_points()}


def test_duplicate_with_new_template_maps_dimensions_and_keeps_unmatched(lib):
    source = sample_material()
    source.template_id = "custom"
    mid = lib.create_material(source, SAMPLE_LINKS)
    copy = lib.get_material(lib.duplicate_material(mid, template_id="2021-dangshi-wugedaitou"))
    assert copy.template_id == "2021-dangshi-wugedaitou" and copy.title == source.title
    dims = copy.sections[0].dimensions
    # Both old dimensions match by short name: their points land under the template's headings.
    assert [d.short_name for d in dims] == [
        "两个确立",
        "根本问题",
        "人民中心",
        "应对风险",
        "正反经验",
    ]
    assert [p.title for p in dims[0].points] == ["学习态度不够积极", "学深悟透不够"]
    assert dims[4].heading.startswith("带头深刻汲取党史中正反两方面经验，履行全面从严治党责任")
    assert dims[4].heading_suffix == "”方面："
    assert material_to_dict(copy)["links"] == [[[0, 0, 0], [2, -1, 0]], [[0, 4, 0], [2, -1, 1]]]


def test_duplicate_with_unrelated_template_loses_no_text(lib):
    source = sample_material()
    source.sections[0].dimensions[0].short_name = "自定义维度"
    source.sections[0].dimensions[0].heading = "完全不同的一段标题文字"
    mid = lib.create_material(source)
    copy = lib.get_material(lib.duplicate_material(mid, template_id="2024-niandu-sigedaitou"))
    titles = [p.title for p in copy.all_points()]
    assert sorted(titles) == sorted(p.title for p in source.all_points())
    dims = copy.sections[0].dimensions
    assert [d.short_name for d in dims] == [
        "政治纪律",
        "党性作风",
        "担责创新",
        "从严治党",
        "自定义维度",
        "正反经验",
    ]
    assert dims[4].heading == "完全不同的一段标题文字"
    assert copy.template_id == "2024-niandu-sigedaitou"


def test_snapshot_round_trip_and_listing(lib, clock):
    mid = lib.create_material(sample_material(), SAMPLE_LINKS)
    first = lib.create_snapshot(mid, "初稿")
    second = lib.create_snapshot(mid, "修改稿")
    infos = lib.list_snapshots(mid)
    assert [(i.id, i.name) for i in infos] == [(second, "修改稿"), (first, "初稿")]
    assert infos[0].word_count == material_word_count(sample_material())
    snap = lib.get_snapshot(first)
    assert material_to_dict(snap)["sections"] == material_to_dict(sample_material())["sections"]


def test_restore_snapshot_saves_the_current_state_first(lib):
    mid = lib.create_material(sample_material(), SAMPLE_LINKS)
    snap = lib.create_snapshot(mid, "初稿")
    point_id = lib.get_material(mid).sections[1].points[0].id
    lib.update_node(point_id, title="后来改过的标题")
    auto = lib.restore_snapshot(snap)
    restored = lib.get_material(mid)
    assert restored.sections[1].points[0].title == "深入学习提高的主动性不够强"
    assert material_to_dict(restored)["links"] == SAMPLE_LINKS
    assert lib.list_snapshots(mid)[0].id == auto
    assert lib.list_snapshots(mid)[0].name == AUTO_SNAPSHOT_NAME
    assert lib.get_snapshot(auto).sections[1].points[0].title == "后来改过的标题"
    lib.restore_snapshot(auto)  # undo of the restore
    assert lib.get_material(mid).sections[1].points[0].title == "后来改过的标题"


def test_readonly_library_refuses_writes(tmp_path):
    path = tmp_path / "library.db"
    with Library.open(path) as library:
        mid = library.create_material(sample_material())
    with Library.open(path, readonly=True) as library:
        assert library.get_material(mid).title == sample_material().title
        with pytest.raises(LibraryError):
            library.update_material(mid, title="x")


def test_duplicate_to_next_years_template_takes_its_generated_title_and_year(lib):
    mid = lib.create_from_template("2021-dangshi-wugedaitou", organization="县政府党组")
    copy = lib.get_material(lib.duplicate_material(mid, template_id="2025-niandu-wugedaitou"))
    assert copy.title.startswith("县政府党组") and copy.title != lib.get_material(mid).title
    assert copy.year == 2025 and copy.template_id == "2025-niandu-wugedaitou"
    lib.update_material(mid, title="县政府党组班子对照检查材料（自拟标题）")
    kept = lib.get_material(
        lib.duplicate_material(mid, template_id="2025-niandu-wugedaitou", year=2026)
    )
    assert kept.title == "县政府党组班子对照检查材料（自拟标题）" and kept.year == 2026
