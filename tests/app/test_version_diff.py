"""Version differences (征求意见稿 → 定稿): the structural diff and the character runs."""

from __future__ import annotations

import copy
from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.importers import read_file
from app.model import Dimension, Point
from app.version_diff import char_runs, compare_materials, new_side, old_side


@pytest.fixture
def seed(seed_path):
    material, _report = read_file(seed_path)
    return material


@pytest.fixture
def stored(lib, seed):
    """The seed in a library, with a snapshot: (library, material id, snapshot id)."""
    material_id = lib.create_material(seed)
    return lib, material_id, lib.create_snapshot(material_id, "征求意见稿")


def _edit(lib, material_id, change) -> None:
    material = lib.get_material(material_id)
    change(material)
    lib.replace_material(material_id, material)


def _changed(diff):
    return [c for c in diff.changes if c.kind != "unchanged"]


def test_a_point_moved_to_another_dimension_is_moved_not_deleted_and_added(stored):
    lib, mid, snap = stored

    def move(m):
        dims = m.sections[0].dimensions
        dims[1].points.insert(0, dims[0].points.pop(0))

    _edit(lib, mid, move)
    diff = compare_materials(lib.get_snapshot(snap), lib.get_material(mid))
    [change] = _changed(diff)
    assert change.kind == "moved" and change.unit_kind == "point"
    assert "（一）" in change.old.label and "（二）" in change.new.label
    assert change.old.text.startswith("学习态度不够积极") and not change.text_changed
    assert diff.count("removed") == diff.count("added") == 0


def test_points_swapped_within_a_dimension_report_one_move(stored):
    lib, mid, snap = stored

    def swap(m):
        points = m.sections[0].dimensions[0].points
        points[0], points[1] = points[1], points[0]

    _edit(lib, mid, swap)
    diff = compare_materials(lib.get_snapshot(snap), lib.get_material(mid))
    assert [c.kind for c in _changed(diff)] == ["moved"]


def test_a_moved_point_is_found_by_its_text_when_ids_were_not_kept(seed):
    new = copy.deepcopy(seed)
    dims = new.sections[0].dimensions
    dims[2].points.append(dims[0].points.pop(1))
    dims[2].points[-1].body += "还需加强。"
    diff = compare_materials(seed, new)  # an imported file: no node ids at all
    [change] = _changed(diff)
    assert change.kind == "moved" and change.text_changed
    assert [r.text for r in change.runs if r.kind != "equal"] == ["还需加强。"]


def test_an_edited_sentence_shows_the_changed_characters_only(stored):
    lib, mid, snap = stored

    def edit(m):
        point = m.sections[0].dimensions[0].points[0]
        point.body = point.body.replace("还不够积极主动", "还不太积极主动")

    _edit(lib, mid, edit)
    [change] = _changed(compare_materials(lib.get_snapshot(snap), lib.get_material(mid)))
    assert change.kind == "edited"
    assert [(r.kind, r.text) for r in change.runs if r.kind != "equal"] == [
        ("delete", "够"),
        ("insert", "太"),
    ]
    # each side reads as its own version
    assert "".join(r.text for r in old_side(change.runs)) == change.old.text
    assert "".join(r.text for r in new_side(change.runs)) == change.new.text


def test_a_punctuation_change_is_one_mark():
    runs = char_runs("学习不够深入。工作不实", "学习不够深入；工作不实")
    assert [(r.kind, r.text) for r in runs if r.kind != "equal"] == [
        ("delete", "。"),
        ("insert", "；"),
    ]


def test_an_added_clause_is_one_run_ending_where_the_clause_ends():
    runs = char_runs("宗旨意识仍需增强。平时", "宗旨意识仍需增强，还需加强。平时")
    assert [(r.kind, r.text) for r in runs] == [
        ("equal", "宗旨意识仍需增强"),
        ("insert", "，还需加强"),
        ("equal", "。平时"),
    ]


def test_scattered_one_character_changes_read_as_one_phrase():
    runs = char_runs("要加强学习", "要强化学习")
    changed = [(r.kind, r.text) for r in runs if r.kind != "equal"]
    assert changed == [("delete", "加强"), ("insert", "强化")]


def test_a_two_character_word_kept_between_insertions_stays_unchanged():
    runs = char_runs("学习党的理论不够深入", "学习党的创新理论还不够深入")
    assert ("equal", "理论") in [(r.kind, r.text) for r in runs]


def test_an_added_and_a_removed_dimension(stored):
    lib, mid, snap = stored

    def reshape(m):
        dims = m.sections[0].dimensions
        del dims[4]
        dims.append(
            Dimension(heading="带头锤炼作风", points=[Point(title="调查研究不够深入", body="…")])
        )

    _edit(lib, mid, reshape)
    old = lib.get_snapshot(snap)
    removed_heading = old.sections[0].dimensions[4].heading
    diff = compare_materials(old, lib.get_material(mid))
    kinds = {(c.kind, c.unit_kind) for c in _changed(diff)}
    assert ("added", "dimension") in kinds and ("removed", "dimension") in kinds
    assert ("added", "point") in kinds and ("removed", "point") in kinds
    [gone] = [c for c in diff.changes if c.kind == "removed" and c.unit_kind == "dimension"]
    assert removed_heading in gone.old.text
    # a removed unit shows where it used to be: after the dimension before it
    order = [c.old.key if c.old else None for c in diff.changes]
    before = old.sections[0].dimensions[3]
    assert order.index(gone.old.key) > order.index(("dimension", before.id))


def test_title_preamble_and_closing_are_compared(seed):
    new = copy.deepcopy(seed)
    new.title += "（定稿）"
    new.closing = [*new.closing, "以上对照检查，请同志们批评指正。"]
    diff = compare_materials(seed, new)
    assert {(c.unit_kind, c.kind) for c in _changed(diff)} == {
        ("title", "edited"),
        ("closing", "edited" if seed.closing else "added"),
    }


def test_identical_versions_have_no_changes(seed):
    diff = compare_materials(seed, copy.deepcopy(seed))
    assert not diff.differs
    assert diff.count("unchanged") == len(diff.changes) > 20


@settings(max_examples=300, deadline=None)
@given(
    old=st.text(alphabet="学习不够深入，。；党的理论强化加一二", max_size=40),
    new=st.text(alphabet="学习不够深入，。；党的理论强化加一二", max_size=40),
)
def test_each_side_of_the_runs_reads_as_its_own_version(old, new):
    runs = char_runs(old, new)
    assert "".join(r.text for r in old_side(runs)) == old
    assert "".join(r.text for r in new_side(runs)) == new
    assert all(r.text for r in runs)  # no empty run to draw
    # neighbouring runs of one kind would have been one run
    assert all(a.kind != b.kind for a, b in pairwise(runs))


def test_a_version_where_every_point_was_edited_pairs_each_point_with_itself(seed):
    new = copy.deepcopy(seed)
    for point in new.all_points():
        point.body = point.body.replace("。", "；", 1) + "（已改）"
    diff = compare_materials(seed, new)  # no ids: paired by similar text, in place
    points = [c for c in diff.changes if c.unit_kind == "point"]
    assert {c.kind for c in points} == {"edited"}
    assert all(c.old.label == c.new.label for c in points)
