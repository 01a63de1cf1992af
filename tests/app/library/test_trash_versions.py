"""Trash and named versions together (issue 13, finding 7): a point a restored version brought
back is not in the trash any more, and restoring from the trash never makes a second copy."""

from __future__ import annotations

import json
from collections import Counter

import pytest

from app.importers.text import import_text_file
from app.model import Dimension


@pytest.fixture
def seed(lib, seed_path):
    material, _report = import_text_file(seed_path)
    return lib.create_material(material)


def titles(lib, mid) -> list[str]:
    return [p.title for p in lib.get_material(mid).all_points()]


def second_dimension(lib, mid):
    return lib.get_material(mid).section("problems").dimensions[1]


def test_a_point_a_version_brings_back_leaves_the_trash_and_is_never_doubled(lib, seed):
    before = titles(lib, seed)
    version = lib.create_snapshot(seed, "定稿")
    point = second_dimension(lib, seed).points[0]
    entry = lib.delete_node(point.id)
    assert len(titles(lib, seed)) == len(before) - 1

    lib.restore_snapshot(version)

    assert titles(lib, seed) == before
    assert lib.list_trash(seed) == []
    back = second_dimension(lib, seed).points[0]
    assert (back.id, back.title) == (point.id, point.title)  # the same node, at its place
    # Restoring the old entry anyway (an undo step still naming it) adds nothing.
    assert lib.restore_from_trash(entry) == point.id
    assert titles(lib, seed) == before


def test_a_changed_version_in_the_trash_swaps_with_the_one_the_snapshot_brought_back(lib, seed):
    before = titles(lib, seed)
    version = lib.create_snapshot(seed, "定稿")
    point = second_dimension(lib, seed).points[0]
    lib.update_node(point.id, body="定稿之后补充的正文。")
    lib.delete_node(point.id)
    lib.restore_snapshot(version)
    # The trash holds text the material lacks: it stays listed.
    [entry] = lib.list_trash(seed)
    assert entry.label == point.title

    lib.restore_from_trash(entry.id)

    assert titles(lib, seed) == before  # no second copy
    restored = second_dimension(lib, seed).points[0]
    assert (restored.id, restored.body) == (point.id, "定稿之后补充的正文。")
    # The version the snapshot brought back went to the trash, so nothing is lost.
    [displaced] = lib.list_trash(seed)
    assert displaced.label == point.title
    lib.restore_from_trash(displaced.id)
    assert second_dimension(lib, seed).points[0].body == point.body
    assert titles(lib, seed) == before


def test_undoing_the_version_restore_lists_the_point_again_and_undo_delete_puts_it_back(lib, seed):
    before = lib.get_material(seed)  # what the window keeps for undo
    version = lib.create_snapshot(seed, "定稿")
    point = second_dimension(lib, seed).points[0]
    entry = lib.delete_node(point.id)
    after_delete = lib.get_material(seed)
    lib.restore_snapshot(version)

    lib.replace_material(seed, after_delete)  # undo of the version restore
    assert [e.id for e in lib.list_trash(seed)] == [entry]
    lib.restore_from_trash(entry)  # undo of the delete: back in its own dimension
    assert titles(lib, seed) == [p.title for p in before.all_points()]
    assert second_dimension(lib, seed).points[0].id == point.id


def test_a_version_restore_keeps_node_ids_so_earlier_undo_steps_still_apply(lib, seed):
    ids = [p.id for p in lib.get_material(seed).all_points()]
    version = lib.create_snapshot(seed, "定稿")
    lib.update_node(ids[0], title="改过的标题")
    lib.restore_snapshot(version)
    assert [p.id for p in lib.get_material(seed).all_points()] == ids
    lib.update_node(ids[0], title="再改一次")  # an undo step naming the node by id
    assert titles(lib, seed)[0] == "再改一次"


def test_deleting_a_point_again_after_a_version_brought_it_back_lists_it_once(lib, seed):
    version = lib.create_snapshot(seed, "定稿")
    point = second_dimension(lib, seed).points[0]
    lib.delete_node(point.id)
    lib.restore_snapshot(version)
    lib.delete_node(point.id)
    assert [e.label for e in lib.list_trash(seed)] == [point.title]


def test_a_version_saved_before_ids_were_recorded_still_reconciles_the_trash(lib, seed):
    before = titles(lib, seed)
    version = lib.create_snapshot(seed, "定稿")
    old_format = json.loads(
        lib.db.execute("SELECT content FROM revisions WHERE id = ?", [version]).fetchone()[0]
    )
    del old_format["node_ids"]
    with lib.db.conn:
        lib.db.execute(
            "UPDATE revisions SET content = ? WHERE id = ?",
            [json.dumps(old_format, ensure_ascii=False), version],
        )
    point = second_dimension(lib, seed).points[0]
    entry = lib.delete_node(point.id)

    lib.restore_snapshot(version)

    assert lib.list_trash(seed) == []
    assert lib.restore_from_trash(entry) == point.id
    assert titles(lib, seed) == before


def test_restoring_a_dimension_takes_its_point_from_where_a_version_put_it(lib, seed):
    """A point moved into a new aspect, the aspect deleted, an older version restored (the point
    is back in its first aspect): restoring the aspect moves the point, it is not copied."""
    version = lib.create_snapshot(seed, "定稿")
    problems = lib.get_material(seed).section("problems")
    point = problems.dimensions[1].points[0]
    new_dim = lib.insert_dimension(problems.id, 5, Dimension(heading="新增方面"))
    lib.move_node(point.id, new_dim, 0)
    lib.delete_node(new_dim)
    lib.restore_snapshot(version)
    [entry] = lib.list_trash(seed)
    assert entry.kind == "dimension"

    lib.restore_from_trash(entry.id)

    counts = Counter(titles(lib, seed))
    assert counts[point.title] == 1
    dims = lib.get_material(seed).section("problems").dimensions
    assert [p.id for p in dims[-1].points] == [point.id] and dims[-1].heading == "新增方面"


def test_undoing_a_swap_puts_both_versions_back_where_they_were(lib, seed):
    before = titles(lib, seed)
    version = lib.create_snapshot(seed, "定稿")
    point = second_dimension(lib, seed).points[0]
    lib.update_node(point.id, body="定稿之后补充的正文。")
    entry = lib.delete_node(point.id)
    lib.restore_snapshot(version)
    outcome: dict = {}
    lib.restore_from_trash(entry, outcome)

    lib.undo_trash_restore(point.id, entry, outcome)

    assert second_dimension(lib, seed).points[0].body == point.body  # the version's text
    assert [e.id for e in lib.list_trash(seed)] == [entry]  # under its old id: undo steps find it
    lib.restore_from_trash(entry)
    assert second_dimension(lib, seed).points[0].body == "定稿之后补充的正文。"
    assert titles(lib, seed) == before


def test_a_redone_delete_keeps_its_trash_entry_id(lib, seed):
    point = second_dimension(lib, seed).points[0]
    entry = lib.delete_node(point.id)
    lib.restore_from_trash(entry)
    assert lib.delete_node(point.id, entry) == entry
