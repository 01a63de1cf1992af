"""Any sequence of edits a user can make — text typed, points added, copied, deleted, restored,
moved, a material's preamble changed, a material trashed and restored — leaves the 查重 index
exactly as a fresh build of the library would be."""

from __future__ import annotations

import itertools

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from similar_samples import COPIED, OWN_TEXT, assert_index_is_a_fresh_build, material

from app.library import Library

CLAUSES = [*OWN_TEXT, COPIED, "", "一是（二）、；"]
TEXTS = st.lists(st.sampled_from(CLAUSES), max_size=3).map("，".join)
STEPS = st.lists(
    st.tuples(
        st.sampled_from(["type", "add", "copy", "delete", "restore", "move", "preamble", "trash"]),
        TEXTS,
        st.integers(0, 5),
    ),  # fmt: skip
    max_size=12,
)
_runs = itertools.count()


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(STEPS)
def test_the_index_after_any_edits_is_a_fresh_build(tmp_path, steps):
    run = next(_runs)
    with Library.open(tmp_path / f"library-{run}.db", auto_backup=False) as lib:
        first = lib.create_material(material([("甲", OWN_TEXT[0]), ("乙", COPIED)], year=2021))
        lib.create_material(material([("丙", COPIED)]))
        trash: list[int] = []
        for action, text, pick in steps:
            points = lib.get_material(first).all_points()
            point = points[pick % len(points)] if points else None
            parent = lib.get_material(first).sections[0].dimensions[0].id
            if action == "type" and point:
                lib.update_node(point.id, body=text)
            elif action == "add":
                lib.insert_point(parent, pick)
            elif action == "copy" and point:
                lib.duplicate_node(point.id)
            elif action == "delete" and point:
                trash.append(lib.delete_node(point.id))
            elif action == "restore" and trash:
                lib.restore_from_trash(trash.pop())
            elif action == "move" and point and len(points) > 1:
                lib.move_node(point.id, lib.node_location(point.id)[1], 0)
            elif action == "preamble":
                lib.update_material(first, preamble=[text, COPIED][: pick % 3])
            elif action == "trash":
                lib.restore_from_trash(lib.trash_material(first))
        assert_index_is_a_fresh_build(lib, tmp_path / f"rebuilt-{run}.db")
