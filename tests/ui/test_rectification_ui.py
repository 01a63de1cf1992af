"""整改清单 in the window, driven like a user: link a problem to a measure from the point's panel
(and undo it), make a new measure from a problem, fill 责任人 / 时限 / 状态 in the table (a 时限
that is not a date is refused in words, nothing stored), and export the list three ways."""

from __future__ import annotations

import docx
import openpyxl
import pdfplumber
import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit

from app.rectification import HEADERS
from tests.app.store_samples import sample_material
from tests.ui.conftest import type_text
from ui import rectification_features
from ui.rectification_model import (
    COL_DEADLINE,
    COL_NOTE,
    COL_RESPONSIBLE,
    COL_STATUS,
    headers,
    status_labels,
)


@pytest.fixture(autouse=True)
def bundled_fonts(monkeypatch):
    monkeypatch.setenv("DUIZHAO_FONTS", "bundled")


@pytest.fixture
def opened(qtbot, library):
    """The window at 1366×768 with the sample material open (3 problems, 2 measures)."""
    from ui.main_window import MainWindow

    mid = library.create_material(sample_material())
    window = MainWindow(library)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    window.open_material(mid)
    yield window, library, mid
    window.close()


def _points(library, mid, kind):
    return library.get_material(mid).section(kind).all_points()


def _menu_action(window, text_part):
    menu = window.panels.panels["point"].link_menu
    return next(a for a in menu.actions() if text_part in a.text())


def test_link_a_problem_to_a_measure_from_its_panel_and_undo(opened):
    window, library, mid = opened
    problem = _points(library, mid, "problems")[1]
    window.select_node(problem.id)
    assert window.panels.panels["point"].link_button.isEnabled()
    _menu_action(window, "坚决纠治").trigger()
    measure = _points(library, mid, "measures")[1]
    assert measure.links == [problem.id]  # stored at once
    assert window.panels.panels["point"].links_list.item(0).text().endswith("坚决纠治“四风”")
    window.actions_by_name["actionUndo"].trigger()
    assert _points(library, mid, "measures")[1].links == []
    window.actions_by_name["actionRedo"].trigger()
    assert _points(library, mid, "measures")[1].links == [problem.id]
    # linked already: the menu no longer offers it
    window.select_node(problem.id)
    menu = window.panels.panels["point"].link_menu
    assert not [a for a in menu.actions() if "坚决纠治" in a.text()]


def test_new_measure_from_a_problem_is_one_undo_step(opened):
    window, library, mid = opened
    problem = _points(library, mid, "problems")[0]
    window.select_node(problem.id)
    menu = window.panels.panels["point"].link_menu
    next(a for a in menu.actions() if a.objectName() == "newMeasureAction").trigger()
    measures = _points(library, mid, "measures")
    assert len(measures) == 3
    assert measures[-1].title == "针对“学习态度不够积极”的整改措施"
    assert measures[-1].links == [problem.id]
    window.actions_by_name["actionUndo"].trigger()
    assert len(_points(library, mid, "measures")) == 2
    assert _points(library, mid, "problems")[0].links == []
    window.actions_by_name["actionRedo"].trigger()
    assert _points(library, mid, "measures")[-1].links == [problem.id]


def _edit_cell(qtbot, view, row, column, text):
    """Double-click-style editing: open the cell's editor, type, press Enter."""
    index = view.index_at(row, column)
    view.table.setCurrentIndex(index)
    view.table.edit(index)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit), editor
    editor.selectAll()
    type_text(editor, text)
    QTest.keyClick(editor, Qt.Key.Key_Return)
    qtbot.wait(10)


def _choose_status(qtbot, view, row, code):
    index = view.index_at(row, COL_STATUS)
    view.table.setCurrentIndex(index)
    view.table.edit(index)
    combo = QApplication.focusWidget()
    assert isinstance(combo, QComboBox)
    choice = combo.findData(code)
    combo.setCurrentIndex(choice)
    combo.activated.emit(choice)  # what a click on the item does
    qtbot.wait(10)


def test_fill_the_list_in_the_table_then_export_pdf_word_and_excel(
    qtbot, opened, tmp_path, monkeypatch
):
    window, library, mid = opened
    problems = _points(library, mid, "problems")
    measures = _points(library, mid, "measures")
    library.link_points(problems[0].id, measures[0].id)
    library.link_points(problems[2].id, measures[1].id)
    window.reload()
    # 编辑 → 整改清单: the dock opens tall enough to work in, inside the 1366×768 window
    window.actions_by_name["actionRectificationList"].trigger()
    dock = window.rectification_dock
    view = window.rectification.view
    assert dock.isVisible() and view.isVisible()
    qtbot.waitUntil(lambda: dock.height() >= 250, timeout=3000)
    assert window.rect().contains(dock.geometry())
    assert [view.model.headerData(c, Qt.Orientation.Horizontal) for c in range(7)] == headers()
    assert view.model.rowCount() == 3  # two linked pairs and the unlinked 学深悟透不够
    name = "张三 <b>局长</b> & <script>x</script>"
    _edit_cell(qtbot, view, 0, COL_RESPONSIBLE, name)
    _edit_cell(qtbot, view, 0, COL_DEADLINE, "2026年6月30日")
    _edit_cell(qtbot, view, 0, COL_NOTE, "已制定方案")
    _choose_status(qtbot, view, 0, "in_progress")
    stored = _points(library, mid, "measures")[0]
    assert (stored.responsible, stored.deadline, stored.status, stored.status_note) == (
        name,
        "2026-06-30",
        "in_progress",
        "已制定方案",
    )
    # not a date: said in Chinese beside the table, nothing stored
    _edit_cell(qtbot, view, 0, COL_DEADLINE, "not a date")
    assert "不是日期" in view.message.text() and view.message.isVisible()
    assert _points(library, mid, "measures")[0].deadline == "2026-06-30"
    assert view.index_at(0, COL_DEADLINE).data() == "2026年6月30日"
    _edit_cell(qtbot, view, 2, COL_DEADLINE, "长期坚持")
    _choose_status(qtbot, view, 2, "done")
    assert _points(library, mid, "measures")[1].deadline == "长期坚持"
    # one edit, one undo step: the status goes back, the rest stays
    window.actions_by_name["actionUndo"].trigger()
    assert _points(library, mid, "measures")[1].status == "not_started"
    assert view.index_at(2, COL_STATUS).data() == status_labels()["not_started"]
    window.actions_by_name["actionRedo"].trigger()
    assert _points(library, mid, "measures")[1].status == "done"
    # sorting by 状态: 推进中, 已完成, then the problem without a measure; 序号 stays with its row
    view.table.sortByColumn(COL_STATUS, Qt.SortOrder.AscendingOrder)
    assert [view.index_at(r, 0).data() for r in range(3)] == ["1", "3", "2"]
    view.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    assert [view.index_at(r, 0).data() for r in range(3)] == ["1", "2", "3"]

    targets = []

    def save_to(target):
        target.chosen = str(tmp_path / f"清单{target.suffix}")
        targets.append(target.chosen)
        return True

    monkeypatch.setattr(rectification_features, "ask_save_path", save_to)
    written = {}
    for name_, controller in zip(
        ("pdf", "docx", "xlsx"), window.rectification.exports, strict=True
    ):
        with qtbot.waitSignal(controller.exported, timeout=30000) as blocker:
            controller.export_action.trigger()
        written[name_] = blocker.args[0]
    with pdfplumber.open(written["pdf"]) as pdf:
        [table] = pdf.pages[0].extract_tables()
    assert [c.replace("\n", "") for c in table[0]] == list(HEADERS)
    first = [(c or "").replace("\n", "") for c in table[1]]
    assert first[3:] == [name, "2026年6月30日", "推进中", "已制定方案"]
    cells = [[c.text for c in r.cells] for r in docx.Document(written["docx"]).tables[0].rows]
    assert cells[0] == list(HEADERS) and cells[1][3:] == [
        name,
        "2026年6月30日",
        "推进中",
        "已制定方案",
    ]
    assert cells[3][4:6] == ["长期坚持", "已完成"]
    sheet = openpyxl.load_workbook(written["xlsx"]).active
    assert [c.value for c in sheet[1]] == list(HEADERS)
    assert [c.value for c in sheet[2]][3:] == [name, "2026年6月30日", "推进中", "已制定方案"]
    assert sheet.freeze_panes == "A2"
    assert len(targets) == 3


def test_unlinked_points_show_as_such_in_the_list(opened):
    window, library, mid = opened
    window.actions_by_name["actionRectificationList"].trigger()
    view = window.rectification.view
    assert view.model.rowCount() == 5
    assert view.index_at(0, 2).data() == "(no measure linked)"
    assert view.index_at(4, 1).data() == "(no problem linked)"
    assert not view.index_at(0, COL_RESPONSIBLE).flags() & Qt.ItemFlag.ItemIsEditable
    assert view.summary.text() == "5 rows · 2 measures, 0 done · 5 not linked"
    # double-clicking a problem shows it in the outline and its panel, ready to link
    problem = _points(library, mid, "problems")[1]
    view.table.doubleClicked.emit(view.index_at(1, 1))
    assert window.current_item().key == problem.id
    assert window.panels.current_panel() is window.panels.panels["point"]
