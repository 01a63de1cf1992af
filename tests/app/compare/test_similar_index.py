"""The 查重 index stays right through every way text changes: edits, several edits at once,
trash and restore of a point or a material, a snapshot restore and its undo; a library of the
previous schema gets its index on the first writable open; a read-only open still sees text
written behind the index's back."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from similar_samples import (
    COPIED,
    OWN_TEXT,
    assert_index_is_a_fresh_build,
    index_rows,
    material,
)

from app.compare.similar import find_similar
from app.library import Library

OTHER = "重大事项请示报告制度执行中存在先办后补"  # a second planted clause


def copied_texts(lib, material_id) -> set[str]:
    return {m.span.text for m in find_similar(lib, material_id).matches}


def setup(lib):
    """Last year's material holds COPIED; this year's holds COPIED and OTHER."""
    old = lib.create_material(material([("旧题", f"{OWN_TEXT[0]}，{COPIED}。")], year=2021))
    new = lib.create_material(
        material([("新题", f"{OWN_TEXT[1]}，{COPIED}。{OWN_TEXT[2]}，{OTHER}。")])
    )
    point = lib.get_material(old).sections[0].dimensions[0].points[0]
    return old, new, point


def test_an_edit_drops_the_old_passage_and_indexes_the_new_one(lib):
    old, new, point = setup(lib)
    assert copied_texts(lib, new) == {COPIED}
    lib.update_node(point.id, body=f"{OWN_TEXT[0]}，{OTHER}。")
    assert copied_texts(lib, new) == {OTHER}


def test_several_edits_in_one_step_and_an_undo_like_rewrite(lib):
    old, new, point = setup(lib)
    lib.apply_edits(old, [(point.id, {"body": OWN_TEXT[3]}), (None, {"preamble": [OTHER]})])
    assert copied_texts(lib, new) == {OTHER}
    lib.apply_edits(
        old, [(point.id, {"body": f"{OWN_TEXT[0]}，{COPIED}。"}), (None, {"preamble": []})]
    )
    assert copied_texts(lib, new) == {COPIED}


def test_trash_and_restore_of_a_point_and_of_a_material(lib):
    old, new, point = setup(lib)
    entry = lib.delete_node(point.id)
    assert copied_texts(lib, new) == set()
    lib.restore_from_trash(entry)
    assert copied_texts(lib, new) == {COPIED}
    entry = lib.trash_material(old)
    assert copied_texts(lib, new) == set()
    lib.restore_from_trash(entry)
    assert copied_texts(lib, new) == {COPIED}


def test_a_snapshot_restore_and_its_undo(lib):
    old, new, point = setup(lib)
    snapshot = lib.create_snapshot(old, "初稿")
    lib.update_node(point.id, body=OTHER)
    assert copied_texts(lib, new) == {OTHER}
    before = lib.get_material(old)
    lib.restore_snapshot(snapshot)
    assert copied_texts(lib, new) == {COPIED}
    lib.replace_material(old, before)  # what undoing the restore does
    assert copied_texts(lib, new) == {OTHER}


def test_new_points_and_moved_points_are_compared(lib):
    old, new, point = setup(lib)
    added = lib.insert_point(lib.node_location(point.id)[1], 0)
    lib.update_node(added, title="补充", body=f"{OWN_TEXT[4]}，{OTHER}。")
    assert copied_texts(lib, new) == {COPIED, OTHER}
    copy = lib.duplicate_node(added)
    lib.delete_node(added)
    assert copied_texts(lib, new) == {COPIED, OTHER}
    lib.delete_node(copy)
    assert copied_texts(lib, new) == {COPIED}


def test_a_library_of_the_previous_schema_is_indexed_on_its_first_writable_open(tmp_path):
    fixture = Path(__file__).resolve().parents[2] / "data" / "libraries" / "v2.db"
    path = tmp_path / "v2.db"
    shutil.copyfile(fixture, path)
    body = "支部对政治理论学习抓得不够紧，学习形式比较单一。"  # a point stored in v2.db
    with Library.open(path) as lib:
        mine = lib.create_material(material([("学习", f"{OWN_TEXT[0]}，{body}")], year=2025))
        lib.update_material(mine, organization="XX局机关党支部", year=2026)
        (match,) = find_similar(lib, mine).matches
    assert match.source.material_id == 1 and match.source_span.node_id == 3
    assert match.source_span.text == body[:-1]


def test_a_read_only_open_compares_text_the_index_has_not_seen(tmp_path):
    path = tmp_path / "library.db"
    with Library.open(path) as lib:
        old, new, point = setup(lib)
        # A write that bypasses the library's write path (as a future bug might): the
        # triggers mark it; only a later write would index it.
        lib.db.execute("UPDATE nodes SET body = ? WHERE id = ?", [OTHER, point.id])
        lib.db.conn.commit()
    with Library.open(path, readonly=True) as lib:
        assert copied_texts(lib, new) == {OTHER}
    with Library.open(path) as lib:
        lib.update_material(new, title="改个标题")  # any write brings the index up to date
        assert lib.similarity_stale_materials() == set()
        assert copied_texts(lib, new) == {OTHER}


def test_after_many_edits_the_index_is_exactly_a_fresh_build(lib, tmp_path):
    old, new, point = setup(lib)
    lib.update_node(point.id, body=OTHER)
    entry = lib.delete_node(point.id)
    lib.restore_from_trash(entry)
    lib.duplicate_material(old)
    lib.update_material(new, preamble=[COPIED, OWN_TEXT[6]], closing=[OTHER])
    lib.update_material(new, preamble=[OWN_TEXT[6]])
    lib.trash_material(old)

    assert_index_is_a_fresh_build(lib, tmp_path / "rebuilt.db")


def test_an_index_of_the_older_normalising_is_built_again_on_the_upgrade(tmp_path):
    """v5 libraries were indexed before a marker after a marker (二是1.…) was dropped: their
    stored streams may differ from today's; the upgrade rebuilds them (m007)."""
    fixture = Path(__file__).resolve().parents[2] / "data" / "libraries" / "v5.db"
    path = tmp_path / "v5.db"
    shutil.copyfile(fixture, path)
    conn = sqlite3.connect(path)
    with conn:  # what an older normalising could have left: other streams, other grams
        conn.execute("UPDATE similarity_texts SET norm = '二是1' || norm")
        conn.execute("DELETE FROM similarity_grams WHERE pos % 2 = 0")
    conn.close()
    with Library.open(path) as lib:
        assert_index_is_a_fresh_build(lib, tmp_path / "fresh.db")
        assert all(not norm.startswith("二是1") for _, norm, _ in index_rows(lib.db)[1])
