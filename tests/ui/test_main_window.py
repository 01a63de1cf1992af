"""The editor window driven like a user: keys, clicks, drops; results checked in the library."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QLabel

from app.library import Library
from tests.ui.helpers_editor import (
    FIRST_DIM_TITLES,
    TEMPLATE_2021,
    dims_of,
    make_material,
    outline_labels,
    type_text,
)
from ui.main_window import MainWindow
from ui.outline_model import MATERIAL_KEY

SAVED = re.compile(r"\d\d:\d\d:\d\d$")


def saved_prefix(window) -> str:
    return window.tr("Saved %1").replace("%1", "")


@pytest.fixture
def opened(main_window, library):
    mid = make_material(library)
    main_window.open_material(mid)
    return main_window, mid


def test_window_has_the_contract_widgets_and_actions(main_window):
    names = [
        "libraryView",
        "outlineTree",
        "titleEdit",
        "pointTitleEdit",
        "pointBodyEdit",
        "pointExampleEdit",
        "dimensionHeadingEdit",
        "checksPanel",
        "previewDock",
        "statusSaved",
        "wordCountLabel",
    ]
    for name in names:
        assert main_window.findChild(object, name) is not None, name
    for name in [
        "actionNewMaterial",
        "actionImport",
        "actionExportPdf",
        "actionExportDocx",
        "actionPrint",
        "actionUndo",
        "actionRedo",
        "actionAddPoint",
        "actionDeleteNode",
        "actionFind",
    ]:
        assert main_window.actions_by_name[name].objectName() == name
    menus = [a.text().replace("&", "") for a in main_window.menuBar().actions()]
    # 视图 (issue 16): docks no longer float off, so a closed one comes back from there
    assert menus == ["File", "Edit", "View", "Insert", "Check", "Export", "Help"]
    undo, redo = (
        main_window.actions_by_name["actionUndo"],
        main_window.actions_by_name["actionRedo"],
    )
    assert undo.shortcut().toString() == "Ctrl+Z"
    assert {s.toString() for s in redo.shortcuts()} == {"Ctrl+Shift+Z", "Ctrl+Y"}


def test_pdf_and_print_wait_for_an_open_material(main_window):
    for name in ("actionExportPdf", "actionPrint"):
        assert not main_window.actions_by_name[name].isEnabled()
    assert main_window.actions_by_name["actionPrint"].shortcut().toString() == "Ctrl+P"


def test_new_material_from_the_2021_template_typed_and_found_after_reopening(
    qtbot, main_window, library, monkeypatch
):
    from ui.library_view import LibraryView

    def accept_2021(view, dialog):
        dialog.select_template(TEMPLATE_2021)
        dialog.organization_edit.setText("县政府党组")
        return True

    monkeypatch.setattr(LibraryView, "_exec_dialog", accept_2021)
    main_window.actions_by_name["actionNewMaterial"].trigger()
    mid = main_window.material_id
    assert mid is not None
    assert main_window.windowTitle() == f"对照 — {library.get_material(mid).title}"
    problems = library.get_material(mid).sections[0]
    assert [d.short_name for d in problems.dimensions][:2] == ["两个确立", "根本问题"]

    main_window.select_node(problems.dimensions[0].id)
    main_window.actions_by_name["actionAddPoint"].trigger()
    title_edit = main_window.findChild(object, "pointTitleEdit")
    body_edit = main_window.findChild(object, "pointBodyEdit")
    assert title_edit.isVisible()
    type_text(title_edit, "学习态度不够积极")
    type_text(body_edit, "存在以干代学的现象。")
    assert outline_labels(main_window, problems.dimensions[0].id) == ["一是 学习态度不够积极"]
    status = main_window.findChild(QLabel, "statusSaved")
    qtbot.waitUntil(
        lambda: (
            status.text().startswith(saved_prefix(main_window))
            and not main_window.autosave.has_pending()
        ),
        timeout=3000,
    )
    assert SAVED.search(status.text())

    path = library.path
    main_window.close()
    library.close()
    reopened = Library.open(path)
    try:
        window = MainWindow(reopened)
        qtbot.addWidget(window)
        window.open_material(mid)
        point = reopened.get_material(mid).sections[0].dimensions[0].points[0]
        assert (point.title, point.body) == ("学习态度不够积极", "存在以干代学的现象。")
        window.select_node(point.id)
        assert window.findChild(object, "pointBodyEdit").toPlainText() == "存在以干代学的现象。"
        window.close()
    finally:
        reopened.close()
        library.db = None  # the fixture's close() must not touch the closed connection


def drop_on(tree, mime, index):
    """A user's drop at the top edge of the row of ``index`` (what a mouse drag ends with)."""
    rect = tree.visualRect(index)
    pos = QPoint(rect.center().x(), rect.top() + 1)
    rest = (
        Qt.DropAction.MoveAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    # Qt's C++ signatures: drag enter/move take a QPoint, drop a QPointF (PySide6 6.12 also
    # accepts a QPointF for the first two; 6.11 does not).
    for event in (
        QDragEnterEvent(pos, *rest),
        QDragMoveEvent(pos, *rest),
        QDropEvent(QPointF(pos), *rest),
    ):
        QApplication.sendEvent(tree.viewport(), event)


def test_drag_third_point_above_the_first_then_undo(opened, library, tmp_path, monkeypatch):
    window, mid = opened
    first_dim = dims_of(library, mid)[0]
    tree = window.tree
    tree.expandAll()
    third = window.outline_model.index_for_key(first_dim.points[2].id)
    first = window.outline_model.index_for_key(first_dim.points[0].id)
    drop_on(tree, window.outline_model.mimeData([third]), first)

    assert [p.title for p in dims_of(library, mid)[0].points] == [
        "学以致用不够灵活",
        "学习态度不够积极",
        "学深悟透不够深入",
    ]
    assert outline_labels(window, first_dim.id) == [
        "一是 学以致用不够灵活",
        "二是 学习态度不够积极",
        "三是 学深悟透不够深入",
    ]
    out = tmp_path / "out.txt"
    monkeypatch.setattr(window, "_ask_save_path", lambda *a: str(out))
    assert window.export_txt() == out
    assert "方面：一是学以致用不够灵活。" in out.read_text(encoding="utf-8")
    assert "二是学习态度不够积极。" in out.read_text(encoding="utf-8")

    window.actions_by_name["actionUndo"].trigger()
    assert [p.title for p in dims_of(library, mid)[0].points] == FIRST_DIM_TITLES
    assert outline_labels(window, first_dim.id)[0] == "一是 学习态度不够积极"
    window.actions_by_name["actionRedo"].trigger()
    assert dims_of(library, mid)[0].points[0].title == "学以致用不够灵活"


def test_alt_down_moves_a_point_on_into_the_next_dimension(opened, library):
    window, mid = opened
    d = dims_of(library, mid)
    window.select_node(d[0].points[2].id)
    window.actions_by_name["actionMoveDown"].trigger()
    assert [p.title for p in dims_of(library, mid)[1].points] == [
        "学以致用不够灵活",
        "改革创新意识不强",
    ]
    assert window.current_item().key == d[0].points[2].id  # still selected
    window.actions_by_name["actionMoveUp"].trigger()
    assert [p.title for p in dims_of(library, mid)[0].points] == FIRST_DIM_TITLES


def test_delete_key_trashes_a_point_undo_and_trash_restore_it(qtbot, opened, library, monkeypatch):
    window, mid = opened
    victim = dims_of(library, mid)[0].points[1]
    window.select_node(victim.id)
    window.activateWindow()
    window.tree.setFocus()
    qtbot.waitUntil(window.tree.hasFocus, timeout=2000)
    qtbot.keyClick(window.tree, Qt.Key.Key_Delete)
    assert [p.title for p in dims_of(library, mid)[0].points] == [
        "学习态度不够积极",
        "学以致用不够灵活",
    ]
    assert window.current_item().key == dims_of(library, mid)[0].points[1].id  # the next one

    window.actions_by_name["actionUndo"].trigger()
    assert [p.title for p in dims_of(library, mid)[0].points] == FIRST_DIM_TITLES

    window.select_node(victim.id)
    window.actions_by_name["actionDeleteNode"].trigger()
    entry = next(e for e in library.list_trash(mid) if e.label.startswith("学深悟透"))
    from ui.library_view import LibraryView

    def restore_in_dialog(view, dialog):
        dialog.select_entry(entry.id)
        dialog.restore_selected()
        return True

    monkeypatch.setattr(LibraryView, "_exec_dialog", restore_in_dialog)
    window.library_view.show_trash()
    assert [p.title for p in dims_of(library, mid)[0].points] == FIRST_DIM_TITLES
    assert outline_labels(window, dims_of(library, mid)[0].id)[1] == "二是 学深悟透不够深入"


def test_add_point_before_duplicate_and_dimension_from_the_context_menu(opened, library):
    window, mid = opened
    d = dims_of(library, mid)
    window.select_node(d[1].points[0].id)
    menu = window.tree.build_menu()
    texts = {a.objectName(): a for a in menu.actions()}
    texts["actionAddPointBefore"].trigger()
    assert [p.title for p in dims_of(library, mid)[1].points] == ["", "改革创新意识不强"]
    window.select_node(d[1].points[0].id)
    window.tree.build_menu()
    window.actions_by_name["actionDuplicateNode"].trigger()
    assert [p.title for p in dims_of(library, mid)[1].points][1:] == ["改革创新意识不强"] * 2
    window.actions_by_name["actionAddDimension"].trigger()
    new_dims = dims_of(library, mid)
    assert len(new_dims) == 6
    assert (new_dims[2].heading_prefix, new_dims[2].heading_suffix) == ("在“", "”方面：")
    assert window.current_item().key == new_dims[2].id


def test_link_a_problem_to_a_measure_from_the_context_menu(opened, library):
    from app.model import Point

    window, mid = opened
    measures = next(s for s in library.get_material(mid).sections if s.kind == "measures")
    measure_id = library.insert_point(measures.id, 0, Point(title="强化理论学习"))
    window.reload()
    problem = dims_of(library, mid)[0].points[0]
    window.select_node(problem.id)
    menu = window.tree.build_menu()
    link_menu = next(a.menu() for a in menu.actions() if a.menu() is not None)
    choice = next(a for a in link_menu.actions() if a.data() == measure_id)
    choice.trigger()
    assert measure_id in dims_of(library, mid)[0].points[0].links
    links_list = window.findChild(object, "pointLinksList")
    assert links_list.count() == 1 and "强化理论学习" in links_list.item(0).text()
    window.findChild(object, "unlinkButton").click()
    assert dims_of(library, mid)[0].points[0].links == []


def test_word_counts_follow_typing(opened, library):
    window, mid = opened
    point = dims_of(library, mid)[0].points[0]
    window.select_node(point.id)
    label = window.findChild(QLabel, "wordCountLabel")
    before = label.text()
    assert "2–4" in before  # the 2021 template suggests 2–4 points per dimension
    assert re.findall(r"\d+", label.text().split("·")[-2]) == ["1", "4"]  # first of 4 points
    assert label.text().endswith("2021 党史学习教育专题民主生活会“五个带头”")
    type_text(window.findChild(object, "pointBodyEdit"), "新增十个字的内容好。")
    numbers_before = [int(n.replace(",", "")) for n in re.findall(r"\d[\d,]*", before)]
    numbers_after = [int(n.replace(",", "")) for n in re.findall(r"\d[\d,]*", label.text())]
    assert numbers_after[0] == numbers_before[0] + 10


def test_search_hit_opens_the_material_on_the_right_node(qtbot, main_window, seeded_library):
    window = main_window
    lv = window.library_view
    lv.refresh()
    lv.search_edit.setText("赶考")
    lv.run_search()
    results = lv.results
    assert results.hit_count() >= 1
    results._choose(results.item(0))  # what a click on the first hit does
    assert window.material_id == seeded_library.seed_id
    assert window.current_item().key == MATERIAL_KEY  # 赶考 is in the preamble
    assert "赶考" in window.findChild(object, "preambleEdit").toPlainText()

    lv.search_edit.setText("输热管")
    lv.run_search()
    results._choose(results.item(0))
    item = window.current_item()
    assert item.kind == "point"
    assert (
        "输热管"
        in window.findChild(object, "pointBodyEdit").toPlainText()
        + window.findChild(object, "pointExampleEdit").toPlainText()
    )
    assert item.parent.obj.short_name == "人民中心"


def test_importing_the_seed_shows_five_dimensions(main_window, seed_path, monkeypatch):
    from ui.library_view import LibraryView

    monkeypatch.setattr(LibraryView, "_exec_dialog", lambda view, dialog: True)
    main_window.library_view.import_file(str(seed_path))
    problems = main_window.material.sections[0]
    dim_labels = outline_labels(main_window, problems.id)
    assert len(dim_labels) == 5
    counts = [
        main_window.outline_model.rowCount(main_window.outline_model.index_for_key(d.id))
        for d in problems.dimensions
    ]
    assert counts == [3, 2, 3, 3, 3]
    assert dim_labels[0].startswith("（一）")
    assert outline_labels(main_window, problems.dimensions[1].id)[1].startswith("二是 攻坚克难")


def test_title_edit_updates_window_title_and_library_list(qtbot, opened, library):
    window, mid = opened
    window.select_node(MATERIAL_KEY)
    title = window.findChild(object, "titleEdit")
    title.selectAll()
    type_text(title, "新标题")
    assert window.windowTitle() == "对照 — 新标题"
    window.flush_pending()
    assert library.get_material(mid).title == "新标题"


def test_keyboard_shortcuts_reach_the_window(qtbot, opened, library, monkeypatch):
    from ui.library_view import LibraryView

    window, mid = opened
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    point = dims_of(library, mid)[0].points[1]
    window.select_node(point.id)
    window.tree.setFocus()
    qtbot.keyClick(window.tree, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert dims_of(library, mid)[0].points[0].id == point.id
    qtbot.keyClick(window.tree, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert dims_of(library, mid)[0].points[1].id == point.id
    qtbot.keyClick(window.tree, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert dims_of(library, mid)[0].points[0].id == point.id

    created = []

    def accept(view, dialog):
        dialog.select_template(TEMPLATE_2021)
        created.append(True)
        return True

    monkeypatch.setattr(LibraryView, "_exec_dialog", accept)
    qtbot.keyClick(window.tree, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert created and window.material_id != mid
    # Ctrl+F finds in the open material (Word habit); Ctrl+Shift+F searches the whole library.
    qtbot.keyClick(
        window.tree,
        Qt.Key.Key_F,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert window.library_view.search_edit.hasFocus()


def test_a_linked_measure_is_one_click_away(opened, library):
    from app.model import Point

    window, mid = opened
    measures = next(s for s in library.get_material(mid).sections if s.kind == "measures")
    measure_id = library.insert_point(measures.id, 0, Point(title="强化理论学习"))
    problem_id = dims_of(library, mid)[0].points[0].id
    library.link_points(problem_id, measure_id)
    window.reload()
    window.select_node(problem_id)
    links_list = window.findChild(object, "pointLinksList")
    links_list.itemActivated.emit(links_list.item(0))
    assert window.current_item().key == measure_id
    assert window.findChild(object, "pointTitleEdit").text() == "强化理论学习"


def test_tab_from_the_outline_goes_to_the_panel_and_through_its_fields(qtbot, opened, library):
    window, mid = opened
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    window.select_node(dims_of(library, mid)[0].points[0].id)
    window.tree.setFocus()
    order = []
    for _ in range(3):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        order.append(QApplication.focusWidget().objectName())
    assert order == ["pointTitleEdit", "pointBodyEdit", "pointExampleLeadCombo"]


def test_drag_a_dimension_to_the_top_of_its_section(opened, library):
    window, mid = opened
    d = dims_of(library, mid)
    problems_id = library.get_material(mid).sections[0].id
    model = window.outline_model
    drop_on(
        window.tree, model.mimeData([model.index_for_key(d[1].id)]), model.index_for_key(d[0].id)
    )
    assert [x.short_name for x in dims_of(library, mid)][:2] == ["根本问题", "两个确立"]
    assert outline_labels(window, problems_id)[0].startswith("（一）根本问题")
    assert outline_labels(window, d[1].id) == ["一是 改革创新意识不强"]  # points came along


def test_each_material_has_its_own_undo_history(opened, library):
    window, first = opened
    window.select_node(dims_of(library, first)[0].points[0].id)
    window.actions_by_name["actionMoveDown"].trigger()
    second = make_material(library)
    window.open_material(second)
    assert not window.actions_by_name["actionUndo"].isEnabled()  # nothing to undo here
    window.undo()
    assert [p.title for p in dims_of(library, first)[0].points][1] == "学习态度不够积极"
    window.open_material(first)
    assert window.actions_by_name["actionUndo"].isEnabled()
    window.actions_by_name["actionUndo"].trigger()
    assert [p.title for p in dims_of(library, first)[0].points] == FIRST_DIM_TITLES
