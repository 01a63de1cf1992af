"""The typing journal (issue 13, finding 8): text typed but not yet autosaved is written ahead
next to the library, replayed on the next open without undoing later work, emptied once saved."""

from __future__ import annotations

import stat
import sys

import pytest
from store_samples import sample_material

from app.errors import InputError
from app.typing_journal import TypingJournal, journal_path, read_records, recover


@pytest.fixture
def point(lib):
    """(material id, the first point) of a sample material."""
    mid = lib.create_material(sample_material())
    return mid, lib.get_material(mid).sections[0].dimensions[0].points[0]


def body_of(lib, node_id: int) -> str:
    mid = lib.node_location(node_id)[0]
    return next(p for p in lib.get_material(mid).all_points() if p.id == node_id).body


def type_into(lib, node_id: int, words: str) -> TypingJournal:
    """What the window's autosave writes while the user types ``words`` into 正文."""
    journal = TypingJournal(lib.path)
    stored = body_of(lib, node_id)
    for end in range(1, len(words) + 1):
        journal.record(("node", node_id), "body", stored, stored + words[:end])
    return journal


def test_text_typed_and_never_saved_comes_back_on_the_next_open(lib, point):
    mid, p = point
    journal = type_into(lib, p.id, "第三次。")
    assert journal.wait_synced()
    # killed here: no save, no close

    recovery = recover(lib)

    assert body_of(lib, p.id) == p.body + "第三次。"
    assert recovery.applied == [(mid, ("node", p.id), "body", p.body + "第三次。")]
    assert not journal_path(lib.path).exists()
    assert not recover(lib)  # once only


def test_a_torn_last_record_is_ignored_and_the_earlier_ones_count(lib, point):
    _mid, p = point
    type_into(lib, p.id, "第三次").wait_synced()
    path = journal_path(lib.path)
    path.write_bytes(path.read_bytes()[:-3])  # killed in the middle of the last write
    recover(lib)
    assert body_of(lib, p.id) == p.body + "第三"


def test_garbage_in_the_journal_recovers_nothing_and_breaks_nothing(lib, point):
    _mid, p = point
    journal_path(lib.path).write_bytes(b"\x00garbage" * 100)
    assert not recover(lib)
    assert body_of(lib, p.id) == p.body


def test_a_replay_never_overwrites_a_field_changed_since(lib, point):
    _mid, p = point
    type_into(lib, p.id, "第三次。").wait_synced()
    lib.update_node(p.id, body="另一个工具改过的正文")  # e.g. the CLI, before the window reopened

    recovery = recover(lib)

    assert body_of(lib, p.id) == "另一个工具改过的正文"
    assert recovery.applied == []
    assert [u[3] for u in recovery.unapplied] == [p.body + "第三次。"]  # shown to the user


def test_text_for_a_point_that_is_gone_is_reported_not_lost(lib, point):
    _mid, p = point
    type_into(lib, p.id, "第三次。").wait_synced()
    lib.delete_node(p.id)
    recovery = recover(lib)
    assert recovery.unapplied and recovery.unapplied[0][3] == p.body + "第三次。"


def test_a_save_empties_the_journal_once_the_library_is_on_disk(lib, point):
    _mid, p = point
    journal = type_into(lib, p.id, "补充")
    lib.update_node(p.id, body=p.body + "补充")  # the autosave's commit
    journal.saved()
    assert journal.wait_synced()
    assert read_records(journal_path(lib.path)) == []
    journal.close()
    assert not journal_path(lib.path).exists()


def test_typing_on_after_a_save_keeps_the_new_text_in_the_journal(lib, point):
    _mid, p = point
    journal = type_into(lib, p.id, "补")
    lib.update_node(p.id, body=p.body + "补")
    with journal._wake:  # the next key lands before the syncer gets to empty the journal
        journal.saved()
        journal.record(("node", p.id), "body", p.body + "补", p.body + "补充")
    assert journal.wait_synced()
    recover(lib)
    assert body_of(lib, p.id) == p.body + "补充"


def test_undone_text_does_not_come_back_from_the_journal(lib, point):
    _mid, p = point
    journal = type_into(lib, p.id, "补充")
    lib.update_node(p.id, body=p.body + "补充")  # saved…
    lib.update_node(p.id, body=p.body)  # …and undone before the journal was emptied
    journal.note_stored(("node", p.id), "body", p.body)  # what the window does on undo
    assert journal.wait_synced()
    recover(lib)
    assert body_of(lib, p.id) == p.body


def test_material_fields_and_lists_are_replayed_too(lib, point):
    mid, _p = point
    journal = TypingJournal(lib.path)
    journal.record(("material", mid), "title", lib.get_material(mid).title, "新标题")
    journal.record(
        ("material", mid), "preamble", lib.get_material(mid).preamble, ["第一段", "第二段"]
    )
    journal.wait_synced()
    recover(lib)
    material = lib.get_material(mid)
    assert (material.title, material.preamble) == ("新标题", ["第一段", "第二段"])


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_the_journal_is_readable_by_its_owner_only(lib, point):
    _mid, p = point
    type_into(lib, p.id, "私").wait_synced()
    mode = stat.S_IMODE(journal_path(lib.path).stat().st_mode)
    assert mode & 0o077 == 0, oct(mode)


def test_a_cells_text_is_replayed_through_the_callers_write_with_its_place(lib, point):
    """The window replays through its edit path (an undoable command per field): ``recover``
    hands it each field with what the library holds and where it was typed."""
    mid, p = point
    journal = TypingJournal(lib.path)
    journal.record(("node", p.id), "body", p.body, p.body + "补", None)
    journal.record(("material", mid), "title", lib.get_material(mid).title, "新名", "library-list")
    assert journal.wait_synced()
    written = []

    def write(replay):
        written.append(replay)
        if replay.field == "title":
            raise InputError("标题不能为空", "refused")  # e.g. the library refuses it

    recovery = recover(lib, write)

    assert [(r.target, r.field, r.old, r.new, r.place) for r in written] == [
        (("node", p.id), "body", p.body, p.body + "补", None),
        (("material", mid), "title", lib.get_material(mid).title, "新名", "library-list"),
    ]
    assert recovery.applied == [(mid, ("node", p.id), "body", p.body + "补")]
    assert [u[3] for u in recovery.unapplied] == ["新名"]  # refused: listed, not lost
    assert recovery.place(("material", mid), "title") == "library-list"
    assert body_of(lib, p.id) == p.body  # only the caller's write writes
    assert not journal_path(lib.path).exists()  # a refusal is not tried again
