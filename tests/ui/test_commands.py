"""Undo commands on a bare QUndoStack: no widgets, only the library's stored result."""

from __future__ import annotations

import sqlite3

import pytest
from PySide6.QtGui import QUndoStack

from app.errors import LibraryError, NotFoundError
from app.library.sqlite_errors import write_error
from app.model import Point
from ui.commands import (
    DeleteNodeCommand,
    DuplicateNodeCommand,
    EditFieldCommand,
    InsertNodeCommand,
    LinkPointsCommand,
    MoveNodeCommand,
    RestoreSnapshotCommand,
)

TEMPLATE = "2021-dangshi-wugedaitou"


@pytest.fixture
def material_id(library):
    mid = library.create_from_template(TEMPLATE, organization="县政府党组")
    first_dim = library.get_material(mid).sections[0].dimensions[0].id
    for i, title in enumerate(["学习态度不够积极", "学深悟透不够深入", "学以致用不够灵活"]):
        library.insert_point(first_dim, i, Point(title=title, body=f"正文{i}"))
    return mid


def dim_titles(library, mid, dim=0):
    return [p.title for p in library.get_material(mid).sections[0].dimensions[dim].points]


def first_points(library, mid):
    return library.get_material(mid).sections[0].dimensions[0].points


def test_edit_field_undo_redo_changes_the_stored_text(qapp, library, material_id):
    stack = QUndoStack()
    point = first_points(library, material_id)[0]
    stack.push(EditFieldCommand(library, ("node", point.id), "title", point.title, "学习不够系统"))
    assert dim_titles(library, material_id)[0] == "学习不够系统"
    stack.undo()
    assert dim_titles(library, material_id)[0] == "学习态度不够积极"
    stack.redo()
    assert dim_titles(library, material_id)[0] == "学习不够系统"


def test_edit_material_field_goes_to_update_material(qapp, library, material_id):
    stack = QUndoStack()
    stack.push(
        EditFieldCommand(
            library, ("material", material_id), "template_id", TEMPLATE, "2025-niandu-wugedaitou"
        )
    )
    assert library.get_material(material_id).template_id == "2025-niandu-wugedaitou"
    stack.undo()
    assert library.get_material(material_id).template_id == TEMPLATE


def test_edits_of_one_field_in_one_burst_merge_into_one_undo_step(qapp, library, material_id):
    stack = QUndoStack()
    point = first_points(library, material_id)[0]
    target = ("node", point.id)
    stack.push(EditFieldCommand(library, target, "body", "正文0", "正文0一"))
    stack.push(EditFieldCommand(library, target, "body", "正文0一", "正文0一二"))
    assert stack.count() == 1
    stack.undo()
    assert first_points(library, material_id)[0].body == "正文0"


def test_edits_after_a_pause_or_of_another_field_stay_separate(qapp, library, material_id):
    stack = QUndoStack()
    point = first_points(library, material_id)[0]
    target = ("node", point.id)
    first = EditFieldCommand(library, target, "body", "正文0", "甲", edited=(0.0, 0.0))
    stack.push(first)
    later = EditFieldCommand(library, target, "body", "甲", "乙", edited=(5.0, 5.0))  # a pause
    stack.push(later)
    stack.push(EditFieldCommand(library, target, "title", point.title, "新标题"))
    assert stack.count() == 3
    stack.undo()
    stack.undo()
    assert first_points(library, material_id)[0].body == "甲"


def test_insert_undo_redo_keeps_the_node_id(qapp, library, material_id):
    stack = QUndoStack()
    dim = library.get_material(material_id).sections[0].dimensions[1]
    command = InsertNodeCommand(library, "point", dim.id, 0, Point(title="改革创新意识不强"))
    stack.push(command)
    new_id = command.node_id
    assert dim_titles(library, material_id, 1) == ["改革创新意识不强"]
    stack.undo()
    assert dim_titles(library, material_id, 1) == []
    stack.redo()
    assert command.node_id == new_id
    assert first_points(library, material_id) and dim_titles(library, material_id, 1) == [
        "改革创新意识不强"
    ]


def test_delete_is_undone_by_restoring_from_the_trash(qapp, library, material_id):
    stack = QUndoStack()
    victim = first_points(library, material_id)[1]
    stack.push(DeleteNodeCommand(library, victim.id))
    assert dim_titles(library, material_id) == ["学习态度不够积极", "学以致用不够灵活"]
    assert any(e.label.startswith("学深悟透") for e in library.list_trash(material_id))
    stack.undo()
    assert dim_titles(library, material_id) == [
        "学习态度不够积极",
        "学深悟透不够深入",
        "学以致用不够灵活",
    ]
    assert first_points(library, material_id)[1].id == victim.id


def test_move_and_undo_restore_the_order(qapp, library, material_id):
    stack = QUndoStack()
    third = first_points(library, material_id)[2]
    third_parent = library.node_location(third.id)[1]
    stack.push(MoveNodeCommand(library, third.id, third_parent, 0))
    assert dim_titles(library, material_id)[0] == "学以致用不够灵活"
    stack.undo()
    assert dim_titles(library, material_id)[2] == "学以致用不够灵活"
    assert library.node_location(third.id)[1] == third_parent


def test_move_across_dimensions_and_back(qapp, library, material_id):
    stack = QUndoStack()
    material = library.get_material(material_id)
    point = material.sections[0].dimensions[0].points[0]
    target = material.sections[0].dimensions[2]
    stack.push(MoveNodeCommand(library, point.id, target.id, 0))
    assert dim_titles(library, material_id, 2) == ["学习态度不够积极"]
    stack.undo()
    assert dim_titles(library, material_id, 2) == []
    assert dim_titles(library, material_id, 0)[0] == "学习态度不够积极"


def test_duplicate_then_undo_leaves_one_copy(qapp, library, material_id):
    stack = QUndoStack()
    source = first_points(library, material_id)[0]
    command = DuplicateNodeCommand(library, source.id)
    stack.push(command)
    assert dim_titles(library, material_id)[:2] == ["学习态度不够积极"] * 2
    stack.undo()
    assert dim_titles(library, material_id).count("学习态度不够积极") == 1


def test_link_and_unlink_are_undoable(qapp, library, material_id):
    stack = QUndoStack()
    material = library.get_material(material_id)
    measures = next(s for s in material.sections if s.kind == "measures")
    measure_id = library.insert_point(measures.id, 0, Point(title="强化理论学习"))
    problem_id = material.sections[0].dimensions[0].points[0].id
    stack.push(LinkPointsCommand(library, problem_id, measure_id))
    assert measure_id in first_points(library, material_id)[0].links
    stack.undo()
    assert first_points(library, material_id)[0].links == []
    stack.redo()
    stack.push(LinkPointsCommand(library, problem_id, measure_id, unlink=True))
    assert first_points(library, material_id)[0].links == []
    stack.undo()
    assert measure_id in first_points(library, material_id)[0].links


def test_restore_snapshot_and_undo_it(qapp, library, material_id):
    stack = QUndoStack()
    snapshot = library.create_snapshot(material_id, "征求意见稿")
    point = first_points(library, material_id)[0]
    library.update_node(point.id, title="改过的标题")
    before = library.get_material(material_id)
    command = RestoreSnapshotCommand(library, material_id, snapshot, before)
    stack.push(command)
    assert dim_titles(library, material_id)[0] == "学习态度不够积极"
    names = [s.name for s in library.list_snapshots(material_id)]
    assert "恢复前自动保存" in names
    stack.undo()
    assert dim_titles(library, material_id)[0] == "改过的标题"


def test_a_failing_write_is_reported_not_raised(qapp, library, material_id, monkeypatch):
    stack = QUndoStack()
    point = first_points(library, material_id)[0]
    errors = []

    def refuse(*_a, **_k):
        raise write_error(
            library.path, sqlite3.OperationalError("attempt to write a readonly database")
        )

    command = EditFieldCommand(
        library, ("node", point.id), "title", point.title, "新", on_error=errors.append
    )
    monkeypatch.setattr(library, "update_node", refuse)
    stack.push(command)
    assert isinstance(command.error, LibraryError)
    assert errors == [command.error]


def test_a_failed_first_write_leaves_the_stack_as_before(qapp, library, material_id):
    stack = QUndoStack()
    point = first_points(library, material_id)[0]
    stack.push(EditFieldCommand(library, ("node", point.id), "title", point.title, "改"))
    failing = DeleteNodeCommand(library, 999_999)
    stack.push(failing)  # the push runs redo: the write, which fails
    assert isinstance(failing.error, NotFoundError)
    assert (stack.count(), stack.index()) == (1, 1)  # dropped, nothing to undo or redo
    stack.undo()
    assert first_points(library, material_id)[0].title == "学习态度不够积极"


def test_a_failed_edit_does_not_merge_into_the_burst_before_it(
    qapp, library, material_id, monkeypatch
):
    stack = QUndoStack()
    point = first_points(library, material_id)[0]
    target = ("node", point.id)
    stack.push(EditFieldCommand(library, target, "body", "正文0", "正文0甲", edited=(0.0, 0.0)))

    def refuse(*_a, **_k):
        raise write_error(library.path, sqlite3.OperationalError("disk I/O error"))

    monkeypatch.setattr(library, "update_node", refuse)
    failing = EditFieldCommand(library, target, "body", "正文0甲", "正文0甲乙", edited=(0.2, 0.2))
    stack.push(failing)
    assert failing.error is not None
    assert stack.count() == 1
    assert stack.command(0).new == "正文0甲"  # what the library holds, not the failed text


def test_a_failed_undo_can_be_stepped_back_without_writing_again(
    qapp, library, material_id, monkeypatch
):
    stack = QUndoStack()
    third = first_points(library, material_id)[2]
    parent = library.node_location(third.id)[1]
    move = MoveNodeCommand(library, third.id, parent, 0)
    stack.push(move)
    real_move = library.move_node
    calls = []

    def refuse(*args, **_k):
        calls.append(args)
        raise write_error(library.path, sqlite3.OperationalError("database is locked"))

    monkeypatch.setattr(library, "move_node", refuse)
    stack.undo()
    assert isinstance(move.error, LibraryError) and len(calls) == 1
    stack.setIndex(1)  # back to where the library is: the move is still done
    assert len(calls) == 1  # no second write
    assert dim_titles(library, material_id)[0] == "学以致用不够灵活"
    monkeypatch.setattr(library, "move_node", real_move)
    stack.undo()  # the disk is writable again: the undo works
    assert dim_titles(library, material_id)[2] == "学以致用不够灵活"


def test_typing_merges_while_keystrokes_are_closer_than_the_pause(qapp, library, material_id):
    """Merging is decided on when the keys were typed, not on when they were written: two
    writes a second apart of one unbroken burst are one step; a pause starts the next."""
    stack = QUndoStack()
    point = first_points(library, material_id)[0]
    target = ("node", point.id)
    stack.push(EditFieldCommand(library, target, "body", "正文0", "正文0学", edited=(0.0, 0.9)))
    stack.push(
        EditFieldCommand(library, target, "body", "正文0学", "正文0学习", edited=(1.05, 1.9))
    )  # 150 ms after the last key
    stack.push(
        EditFieldCommand(library, target, "body", "正文0学习", "正文0学习。", edited=(3.5, 3.5))
    )  # after a pause
    assert stack.count() == 2
    stack.undo()
    assert first_points(library, material_id)[0].body == "正文0学习"
    stack.undo()
    assert first_points(library, material_id)[0].body == "正文0"


def test_an_edit_overridden_outside_the_history_no_longer_writes_over_it(
    qapp, library, material_id
):
    stack = QUndoStack()
    edit = EditFieldCommand(library, ("material", material_id), "title", "旧标题", "新标题")
    stack.push(edit)
    library.update_material(material_id, title="改名后的标题")  # e.g. renamed in the list
    edit.overridden("改名后的标题")
    stack.undo()
    assert library.get_material(material_id).title == "改名后的标题"
    stack.redo()
    assert library.get_material(material_id).title == "改名后的标题"


def test_ignoring_a_finding_is_undoable(qapp, library, material_id):
    from ui.check_commands import IgnoreFindingCommand

    stack = QUndoStack()
    stack.push(IgnoreFindingCommand(library, material_id, "punctuation:preamble/0:3:4", "Ignore"))
    assert library.ignored_findings(material_id) == {"punctuation:preamble/0:3:4"}
    stack.undo()
    assert library.ignored_findings(material_id) == set()
    stack.redo()
    assert library.ignored_findings(material_id) == {"punctuation:preamble/0:3:4"}


def test_a_jump_through_the_history_stops_at_a_failed_step(qapp, library, material_id, monkeypatch):
    from ui.commands import History

    stack, history = QUndoStack(), History()
    points = first_points(library, material_id)
    for p in points:
        command = EditFieldCommand(library, ("node", p.id), "title", p.title, p.title + "！")
        command.history = history
        stack.push(command)
    real_update = library.update_node

    def refuse_the_second(node_id, **changes):
        if node_id == points[1].id:
            raise write_error(library.path, sqlite3.OperationalError("disk I/O error"))
        real_update(node_id, **changes)

    monkeypatch.setattr(library, "update_node", refuse_the_second)
    stack.setIndex(0)  # a click on the first row of the history view
    assert history.settle(stack)
    assert stack.index() == 2  # the third step undone; the second could not be, nor the first
    assert dim_titles(library, material_id) == [
        "学习态度不够积极！",
        "学深悟透不够深入！",
        "学以致用不够灵活",
    ]
    monkeypatch.setattr(library, "update_node", real_update)
    stack.setIndex(0)
    assert not history.settle(stack)
    assert dim_titles(library, material_id) == [p.title for p in points]


def test_a_new_edit_is_written_even_while_a_failed_step_is_unsettled(qapp, library, material_id):
    from ui.commands import History

    stack, history = QUndoStack(), History()
    history.failed = DeleteNodeCommand(library, 999_999)  # e.g. from another material's stack
    point = first_points(library, material_id)[0]
    command = EditFieldCommand(library, ("node", point.id), "title", point.title, "新标题")
    command.history = history
    stack.push(command)
    assert command.error is None and stack.count() == 1
    assert first_points(library, material_id)[0].title == "新标题"
