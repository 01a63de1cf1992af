"""Random edit sequences on a library agree with a plain list model of the same edits, and
sibling positions always stay 0..n-1 (hypothesis)."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.library import Library
from app.model import Dimension, Material, Point, Section

# Three parents that hold points: a section's own list and two dimensions.
PARENTS = 3
ops = st.lists(
    st.one_of(
        st.tuples(st.just("insert"), st.integers(0, PARENTS - 1), st.integers(-1, 6)),
        st.tuples(
            st.just("move"), st.integers(0, 20), st.integers(0, PARENTS - 1), st.integers(0, 6)
        ),
        st.tuples(st.just("delete"), st.integers(0, 20)),
        st.tuples(st.just("duplicate"), st.integers(0, 20)),
        st.tuples(st.just("restore")),
    ),
    max_size=25,
)


def _start() -> Material:
    return Material(
        title="测试",
        sections=[
            Section(
                kind="problems",
                dimensions=[
                    Dimension(short_name="甲", points=[Point(title="a0"), Point(title="a1")]),
                    Dimension(short_name="乙", points=[Point(title="b0")]),
                ],
            ),
            Section(kind="measures", points=[Point(title="m0")]),
        ],
    )


def _lists(m: Material) -> list[list[str]]:
    return [[p.title for p in m.sections[1].points]] + [
        [p.title for p in d.points] for d in m.sections[0].dimensions
    ]


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(ops)
def test_random_edits_match_a_list_model(sequence):
    with tempfile.TemporaryDirectory() as folder, Library.open(Path(folder) / "l.db") as lib:
        mid = lib.create_material(_start())
        m = lib.get_material(mid)
        parent_ids = [m.sections[1].id] + [d.id for d in m.sections[0].dimensions]
        model = _lists(m)
        ids = {p.title: p.id for p in m.all_points()}
        trash: list[tuple[int, str, int, int]] = []  # entry, title, parent, position
        counter = 0
        for op in sequence:
            flat = [(pi, i) for pi, lst in enumerate(model) for i in range(len(lst))]
            if op[0] == "insert":
                _, parent, pos = op
                counter += 1
                title = f"n{counter}"
                ids[title] = lib.insert_point(parent_ids[parent], pos, Point(title=title))
                model[parent].insert(max(0, min(pos, len(model[parent]))), title)
            elif op[0] == "restore" and trash:
                entry, title, parent, pos = trash.pop()
                assert lib.restore_from_trash(entry) == ids[title]
                model[parent].insert(min(pos, len(model[parent])), title)
            elif op[0] in ("move", "delete", "duplicate") and flat:
                pi, i = flat[op[1] % len(flat)]
                title = model[pi][i]
                if op[0] == "move":
                    _, _, parent, pos = op
                    lib.move_node(ids[title], parent_ids[parent], pos)
                    model[pi].pop(i)
                    model[parent].insert(min(pos, len(model[parent])), title)
                elif op[0] == "delete":
                    trash.append((lib.delete_node(ids[title]), title, pi, i))
                    model[pi].pop(i)
                else:
                    counter += 1
                    copy = f"{title}+{counter}"
                    new_id = lib.duplicate_node(ids[title])
                    lib.update_node(new_id, title=copy)
                    ids[copy] = new_id
                    model[pi].insert(i + 1, copy)
        stored = lib.get_material(mid)
        assert _lists(stored) == model
        assert lib.list_materials()[0].point_count == sum(map(len, model))
        for parent in parent_ids:
            positions = [
                r[0]
                for r in lib.db.execute(
                    "SELECT position FROM nodes WHERE parent_id = ? ORDER BY position", [parent]
                )
            ]
            assert positions == list(range(len(positions)))
