"""Text typed into a 整改清单 cell or a rename in the library list is journaled like the panels'
typing (issue 13, finding 8: "敲过的字一个不丢"): a window that dies with the cell's editor open
leaves it in the typing journal; the next window puts it back into the same cell or title as
one undoable step, shows where, and says so. The SIGKILL version is test_cell_typing_kill.py."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLineEdit

from app.typing_journal import journal_path, read_records
from tests.app.store_samples import sample_material
from tests.ui.helpers_editor import type_text
from tests.ui.typing_crash import crash, next_start, open_cell_editor, open_rename_editor, window_on
from ui.rectification_model import COL_DEADLINE, COL_NOTE, COL_RESPONSIBLE, MEASURE_ID_ROLE


@pytest.fixture(autouse=True)
def bundled_fonts(monkeypatch):
    monkeypatch.setenv("DUIZHAO_FONTS", "bundled")


def measures(library, mid):
    return library.get_material(mid).section("measures").all_points()


def cell_text(view, measure_id: int, column: int) -> str:
    row = next(
        r
        for r in range(view.model.rowCount())
        if view.index_at(r, 0).data(MEASURE_ID_ROLE) == measure_id
    )
    return view.index_at(row, column).data()


def test_a_responsible_typed_into_a_cell_comes_back_into_that_cell_and_ctrl_z_undoes_it(
    qtbot, library, tmp_path
):
    mid = library.create_material(sample_material())
    first = window_on(qtbot, library)
    first.open_material(mid)
    measure_id, editor = open_cell_editor(first, COL_RESPONSIBLE)
    before = next(m for m in measures(library, mid) if m.id == measure_id).responsible
    type_text(editor, "张三 局长")
    records = read_records(journal_path(library.path))
    assert records[-1]["new"] == "张三 局长" and records[-1]["place"] == "rectification"
    assert next(m for m in measures(library, mid) if m.id == measure_id).responsible == before
    crash(first)

    with next_start(qtbot, tmp_path / "lib.db") as (again, second, box):
        assert box is not None, "the user was not told"
        stored = next(m for m in measures(again, mid) if m.id == measure_id)
        assert stored.responsible == "张三 局长"
        view = second.rectification.view
        assert second.rectification_dock.isVisible()  # shown where it was typed
        current = view.table.currentIndex()
        assert (current.column(), current.data(MEASURE_ID_ROLE)) == (COL_RESPONSIBLE, measure_id)
        assert current.data() == "张三 局长"
        qtbot.waitUntil(box.isVisible, timeout=2000)
        assert "Recovered 1 unsaved edit" in box.text()

        second.actions_by_name["actionUndo"].trigger()  # one step of the material's history
        assert next(m for m in measures(again, mid) if m.id == measure_id).responsible == before
        assert cell_text(view, measure_id, COL_RESPONSIBLE) == before


def test_a_deadline_comes_back_as_a_date_and_one_half_typed_is_listed_to_copy(
    qtbot, library, tmp_path
):
    mid = library.create_material(sample_material())
    first = window_on(qtbot, library)
    first.open_material(mid)
    measure_id, editor = open_cell_editor(first, COL_DEADLINE)
    type_text(editor, "2026年6月30日")
    QTest.keyClick(editor, Qt.Key.Key_Tab)  # to 状态… the deadline is stored
    assert next(m for m in measures(library, mid) if m.id == measure_id).deadline == "2026-06-30"
    _same, editor = open_cell_editor(first, COL_NOTE)
    type_text(editor, "已制定方案")
    first.rectification.view.table.setCurrentIndex(first.rectification.view.index_at(0, 0))
    measure_id, editor = open_cell_editor(first, COL_DEADLINE)
    type_text(editor, "2027年1")  # not yet a date when the window died
    crash(first)

    with next_start(qtbot, tmp_path / "lib.db") as (again, second, box):
        assert box is not None
        stored = next(m for m in measures(again, mid) if m.id == measure_id)
        assert stored.deadline == "2026-06-30"  # never written as a deadline
        assert "2027年1" in box.detailedText()  # but not lost: there to copy


def test_a_cell_left_with_escape_brings_nothing_back(qtbot, library, tmp_path):
    mid = library.create_material(sample_material())
    first = window_on(qtbot, library)
    first.open_material(mid)
    measure_id, editor = open_cell_editor(first, COL_NOTE)
    type_text(editor, "打错了")
    QTest.keyClick(editor, Qt.Key.Key_Escape)  # the text goes, and the journal with it
    qtbot.waitUntil(lambda: not read_records(journal_path(library.path)), timeout=3000)
    crash(first)

    with next_start(qtbot, tmp_path / "lib.db") as (again, second, box):
        assert box is None
        assert next(m for m in measures(again, mid) if m.id == measure_id).status_note == ""


def test_a_stored_cell_empties_the_journal(qtbot, library):
    mid = library.create_material(sample_material())
    window = window_on(qtbot, library)
    window.open_material(mid)
    _measure_id, editor = open_cell_editor(window, COL_NOTE)
    type_text(editor, "已完成")
    assert read_records(journal_path(library.path))
    QTest.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not read_records(journal_path(library.path)), timeout=3000)
    window.close()
    assert not journal_path(library.path).exists()


def test_a_rename_typed_in_the_library_list_comes_back_and_ctrl_z_undoes_it(
    qtbot, library, tmp_path
):
    mid = library.create_material(sample_material())
    old = library.get_material(mid).title
    first = window_on(qtbot, library)
    view = first.library_view
    view.select_material(mid)
    view.tree.setFocus()
    QTest.keyClick(view.tree, Qt.Key.Key_F2)
    editor = view.tree.indexWidget(view.tree.currentIndex())
    assert isinstance(editor, QLineEdit)
    editor.setFocus()
    editor.selectAll()
    type_text(editor, "县政府党组2026年度对照检查材料")
    assert read_records(journal_path(library.path))[-1]["place"] == "library-list"
    assert library.get_material(mid).title == old
    crash(first)

    with next_start(qtbot, tmp_path / "lib.db") as (again, second, box):
        assert box is not None, "the user was not told"
        assert again.get_material(mid).title == "县政府党组2026年度对照检查材料"
        shown = second.library_view
        assert shown.material_item(mid).text(0) == "县政府党组2026年度对照检查材料"
        assert shown.selected_material_id() == mid
        shown.tree.setFocus()  # a library step: Ctrl+Z in the list takes it back
        QTest.keyClick(shown.tree, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
        assert again.get_material(mid).title == old


def test_an_autosave_of_other_typing_keeps_the_open_cells_text(qtbot, library, tmp_path):
    mid = library.create_material(sample_material())
    first = window_on(qtbot, library)
    first.open_material(mid)
    measure_id, editor = open_cell_editor(first, COL_RESPONSIBLE)
    type_text(editor, "李四")
    # typing elsewhere is autosaved meanwhile (its pause ends while the cell is still open)
    organization = library.get_material(mid).organization
    first.autosave.note_edit(("material", mid), "organization", "县委办公室", organization)
    assert first.autosave.flush()
    assert first.autosave.journal().wait_synced()
    assert library.get_material(mid).organization == "县委办公室"
    crash(first)

    with next_start(qtbot, tmp_path / "lib.db") as (again, second, box):
        assert box is not None
        assert next(m for m in measures(again, mid) if m.id == measure_id).responsible == "李四"


def test_a_rename_stored_with_enter_empties_the_journal_and_undo_is_not_undone_later(
    qtbot, library, tmp_path
):
    mid = library.create_material(sample_material())
    old = library.get_material(mid).title
    first = window_on(qtbot, library)
    view = first.library_view
    editor = open_rename_editor(first, mid)
    type_text(editor, "新的标题")
    QTest.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: library.get_material(mid).title == "新的标题", timeout=3000)
    qtbot.waitUntil(lambda: not read_records(journal_path(library.path)), timeout=3000)
    view.tree.setFocus()
    QTest.keyClick(view.tree, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert library.get_material(mid).title == old
    crash(first)

    with next_start(qtbot, tmp_path / "lib.db") as (again, second, box):
        assert box is None  # nothing typed was left unsaved
        assert again.get_material(mid).title == old  # the undo stays
