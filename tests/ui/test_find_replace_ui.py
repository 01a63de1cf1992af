"""查找和替换 in the window, driven like a user: Ctrl+F / Ctrl+H, the list of every hit with its
context, replace one, replace all as ONE undo step, a dangerous regex refused in Chinese, and a
read-only search of the whole library."""

from __future__ import annotations

import time

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit, QPlainTextEdit

from app.checks.paths import iter_text_fields
from app.find_replace import find_all
from app.model import Material, Point
from tests.conftest import HANG_GUARD_S
from tests.ui.helpers_editor import type_text
from ui.check_commands import editor_for
from ui.checks_features import install_checks_features
from ui.find_replace import FindReplaceDialog, HitRole
from ui.outline_model import MATERIAL_KEY


@pytest.fixture(autouse=True)
def bundled_fonts(monkeypatch):
    monkeypatch.setenv("DUIZHAO_FONTS", "bundled")


@pytest.fixture
def window(qtbot, seeded_library):
    from ui.main_window import MainWindow

    win = MainWindow(seeded_library)
    qtbot.addWidget(win)
    install_checks_features(win)
    win.show()
    qtbot.waitExposed(win)
    win.open_material(seeded_library.seed_id)
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow, timeout=2000)
    yield win
    win.close()


def texts(material: Material) -> dict[str, str]:
    return {f.path: f.text for f in iter_text_fields(material)}


def open_dialog(window, replace: bool, qtbot=None) -> FindReplaceDialog:
    if qtbot is not None:  # a shortcut reaches only the active window
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    window.tree.setFocus()
    QTest.keyClick(
        window.tree, Qt.Key.Key_H if replace else Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier
    )
    dialog = window.checks_features.find_dialog
    assert dialog is not None and dialog.isVisible()
    return dialog


def search(
    dialog: FindReplaceDialog, pattern: str, replacement: str | None = None, *, regex: bool = False
) -> None:
    dialog.regex_check.setChecked(regex)
    dialog.find_edit.setText(pattern)
    if replacement is not None:
        dialog.replace_edit.setText(replacement)
    dialog.refresh()  # what the 250 ms pause after typing triggers


def listed(dialog: FindReplaceDialog) -> list:
    return [dialog.hits.topLevelItem(i) for i in range(dialog.hits.topLevelItemCount())]


# ----- opening -----------------------------------------------------------------------------
def test_ctrl_f_opens_find_and_ctrl_h_opens_replace(qtbot, window):
    dialog = open_dialog(window, replace=False)
    assert dialog.objectName() == "findReplaceDialog"
    assert not window.library_view.search_edit.hasFocus()  # Ctrl+F no longer goes there
    assert not dialog.replace_edit.isVisible() and not dialog.replace_all_button.isVisible()
    qtbot.waitUntil(dialog.find_edit.hasFocus, timeout=2000)  # type at once
    dialog.close()
    dialog = open_dialog(window, replace=True, qtbot=qtbot)
    assert dialog.replace_edit.isVisible() and dialog.replace_all_button.isVisible()


def test_the_library_search_box_stays_on_ctrl_shift_f_and_on_ctrl_f_with_nothing_open(
    qtbot, window
):
    window.tree.setFocus()
    QTest.keyClick(
        window.tree,
        Qt.Key.Key_F,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert window.library_view.search_edit.hasFocus()
    assert window.checks_features.find_dialog is None
    window.close_material()
    window.tree.setFocus()
    QTest.keyClick(window.tree, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.library_view.search_edit.hasFocus()
    assert window.checks_features.find_dialog is None


def test_the_selected_words_seed_the_find_box(qtbot, window):
    point = window.material.sections[0].dimensions[0].points[0]
    window.select_node(point.id)
    body = window.findChild(QPlainTextEdit, "pointBodyEdit")
    cursor = body.textCursor()
    cursor.setPosition(0)
    cursor.setPosition(4, cursor.MoveMode.KeepAnchor)
    body.setTextCursor(cursor)
    body.setFocus()
    QTest.keyClick(body, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    dialog = window.checks_features.find_dialog
    assert dialog.find_edit.text() == point.body[:4]
    assert dialog.hits.topLevelItemCount() >= 1


# ----- the preview list ------------------------------------------------------------------------
def test_every_hit_is_listed_with_its_place_and_context(qtbot, window):
    dialog = open_dialog(window, replace=True)
    search(dialog, "不够")
    expected = find_all(window.material, "不够")
    items = listed(dialog)
    assert len(items) == len(expected) > 10
    assert all("【不够】" in item.text(1) for item in items)
    assert items[0].text(1) == f"…{expected[0].before}【不够】{expected[0].after}…"
    places = {item.text(0) for item in items}
    assert any(p.startswith("一、（一）一是") for p in places)
    assert any(p.startswith("一、（三）") for p in places)
    assert f"{len(expected)} matches" in dialog.status.text()


def test_choosing_a_hit_shows_it_in_the_editor(qtbot, window):
    dialog = open_dialog(window, replace=True)
    search(dialog, "以干代学")
    item = listed(dialog)[0]
    _mid, hit = item.data(0, HitRole)
    dialog.hits.setCurrentItem(None)
    dialog.hits.setCurrentItem(item)
    assert window.current_item().kind == "point"
    editor = window.findChild(
        QPlainTextEdit,
        {"body": "pointBodyEdit", "example": "pointExampleEdit"}[hit.path.rsplit("/", 1)[1]],
    )
    assert editor.textCursor().selectedText() == "以干代学"
    assert dialog.isVisible()


# ----- replacing ---------------------------------------------------------------------------------
def test_replace_all_across_dimensions_is_one_undo_step(qtbot, window, seeded_library):
    mid = seeded_library.seed_id
    before = texts(seeded_library.get_material(mid))
    hits = find_all(window.material, "不够")
    dimensions = {h.path.split("/points")[0] for h in hits if "/dimensions/" in h.path}
    assert len(dimensions) >= 3
    dialog = open_dialog(window, replace=True)
    search(dialog, "不够", "不足")
    steps = window.stack().count()
    QTest.mouseClick(dialog.replace_all_button, Qt.MouseButton.LeftButton)
    after = texts(seeded_library.get_material(mid))
    assert not any("不够" in t for t in after.values())
    assert sum(t.count("不足") for t in after.values()) == sum(
        t.count("不足") for t in before.values()
    ) + len(hits)
    assert window.stack().count() == steps + 1
    assert dialog.hits.topLevelItemCount() == 0
    assert f"Replaced {len(hits)}" in dialog.status.text()
    window.actions_by_name["actionUndo"].trigger()
    assert texts(seeded_library.get_material(mid)) == before  # one undo restores every dimension
    window.actions_by_name["actionRedo"].trigger()
    assert not any("不够" in t for t in texts(seeded_library.get_material(mid)).values())


def test_replace_one_changes_only_the_chosen_hit_and_moves_on(qtbot, window, seeded_library):
    mid = seeded_library.seed_id
    dialog = open_dialog(window, replace=True)
    search(dialog, "不够", "不足")
    total = dialog.hits.topLevelItemCount()
    second = listed(dialog)[1]
    _mid, hit = second.data(0, HitRole)
    dialog.hits.setCurrentItem(second)
    QTest.mouseClick(dialog.replace_one_button, Qt.MouseButton.LeftButton)
    stored = texts(seeded_library.get_material(mid))
    assert stored[hit.path][hit.start : hit.start + 2] == "不足"
    assert sum(t.count("不够") for t in stored.values()) == total - 1
    assert dialog.hits.topLevelItemCount() == total - 1
    assert dialog.hits.currentItem() is listed(dialog)[1]  # the next hit is ready


def test_regex_replace_uses_groups(qtbot, window, seeded_library):
    dialog = open_dialog(window, replace=True)
    search(dialog, r"(主动性|积极性)不够强", r"\1不强", regex=True)
    count = dialog.hits.topLevelItemCount()
    assert count >= 2
    QTest.mouseClick(dialog.replace_all_button, Qt.MouseButton.LeftButton)
    stored = texts(seeded_library.get_material(seeded_library.seed_id))
    assert any("主动性不强" in t for t in stored.values())
    assert not any("积极性不够强" in t for t in stored.values())


def test_typed_but_unsaved_text_is_replaced_and_undo_keeps_it(qtbot, window, seeded_library):
    point = window.material.sections[0].dimensions[0].points[0]
    window.select_node(point.id)
    body = window.findChild(QPlainTextEdit, "pointBodyEdit")
    type_text(body, "新增的不够")
    dialog = open_dialog(window, replace=True)
    search(dialog, "新增的不够", "新增的不足")
    assert dialog.hits.topLevelItemCount() == 1
    QTest.mouseClick(dialog.replace_all_button, Qt.MouseButton.LeftButton)
    stored = seeded_library.get_material(seeded_library.seed_id).sections[0].dimensions[0].points[0]
    assert stored.body.endswith("新增的不足")
    window.actions_by_name["actionUndo"].trigger()
    stored = seeded_library.get_material(seeded_library.seed_id).sections[0].dimensions[0].points[0]
    assert stored.body.endswith("新增的不够")  # undo goes back to what was typed, not before it


# ----- bad input ---------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "pattern, words",
    [
        ("(a+)+$", "正则表达式可能运行极慢"),
        ("(.*)*x", "正则表达式可能运行极慢"),
        (r"(\w+\s?)+$", "正则表达式可能运行极慢"),
        ("(不够", "正则表达式有误"),
    ],
)
def test_a_bad_or_catastrophic_regex_shows_a_chinese_error_not_a_hang(
    qtbot, window, pattern, words
):
    dialog = open_dialog(window, replace=True)
    start = time.perf_counter()
    search(dialog, pattern, "x", regex=True)
    assert time.perf_counter() - start < HANG_GUARD_S  # refused, never run
    assert words in dialog.status.text()
    assert dialog.hits.topLevelItemCount() == 0
    QTest.mouseClick(dialog.replace_all_button, Qt.MouseButton.LeftButton)  # still refused
    assert words in dialog.status.text()


def test_a_bad_replacement_group_is_reported_and_nothing_changes(qtbot, window, seeded_library):
    before = texts(seeded_library.get_material(seeded_library.seed_id))
    dialog = open_dialog(window, replace=True)
    search(dialog, "(不够)", r"\9", regex=True)
    steps = window.stack().count()
    QTest.mouseClick(dialog.replace_all_button, Qt.MouseButton.LeftButton)
    assert "替换内容有误" in dialog.status.text()
    assert window.stack().count() == steps
    assert texts(seeded_library.get_material(seeded_library.seed_id)) == before


def test_nothing_found_says_so(qtbot, window):
    dialog = open_dialog(window, replace=True)
    search(dialog, "这句话不在材料里")
    assert dialog.hits.topLevelItemCount() == 0
    assert "0 matches" in dialog.status.text()
    assert dialog.replace_one_button.isEnabled() is False


# ----- whole library (read-only) ------------------------------------------------------------------
def test_library_scope_lists_hits_per_material_and_jumps_read_only(qtbot, window, seeded_library):
    other = Material(title="另一份对照检查材料", sections=[])
    from app.model import Section

    other.sections = [
        Section(
            "measures", "整改措施", points=[Point("加强学习", "理论学习不够深入的问题要解决。")]
        )
    ]
    other_id = seeded_library.create_material(other)
    dialog = open_dialog(window, replace=True)
    dialog.library_check.setChecked(True)
    search(dialog, "不够深入")
    qtbot.waitUntil(lambda: "materials" in dialog.status.text(), timeout=5000)
    items = listed(dialog)
    by_material = {item.data(0, HitRole)[0] for item in items}
    assert by_material == {seeded_library.seed_id, other_id}
    assert any(item.text(0).startswith("另一份对照检查材料") for item in items)
    assert not dialog.replace_all_button.isEnabled() and not dialog.replace_one_button.isEnabled()
    elsewhere = next(item for item in items if item.data(0, HitRole)[0] == other_id)
    dialog.hits.setCurrentItem(elsewhere)
    assert window.material_id == other_id
    body = window.findChild(QPlainTextEdit, "pointBodyEdit")
    assert body.textCursor().selectedText() == "不够深入"
    QTest.mouseClick(dialog.replace_all_button, Qt.MouseButton.LeftButton)  # disabled: no change
    assert "不够深入" in seeded_library.get_material(other_id).sections[0].points[0].body


def test_the_hits_follow_undo(qtbot, window):
    dialog = open_dialog(window, replace=True)
    search(dialog, "不够", "不足")
    total = dialog.hits.topLevelItemCount()
    QTest.mouseClick(dialog.replace_all_button, Qt.MouseButton.LeftButton)
    assert dialog.hits.topLevelItemCount() == 0
    window.actions_by_name["actionUndo"].trigger()
    qtbot.waitUntil(lambda: dialog.hits.topLevelItemCount() == total, timeout=3000)
    QApplication.processEvents()


def test_enter_in_the_find_box_walks_through_the_hits(qtbot, window):
    dialog = open_dialog(window, replace=False)
    search(dialog, "以人民为中心")
    hits = find_all(window.material, "以人民为中心")
    assert len(hits) >= 2
    shown = []
    for _ in range(len(hits) + 1):
        QTest.keyClick(dialog.find_edit, Qt.Key.Key_Return)
        shown.append(dialog.hits.currentItem().data(0, HitRole)[1])
    assert shown[: len(hits)] == hits  # in reading order
    assert shown[-1] == hits[0]  # and round again from the top
    field = hits[0].path.split("/")[-2 if hits[0].path.split("/")[-1].isdigit() else -1]
    editor = editor_for(window.panels.current_panel(), field)
    selected = (
        editor.selectedText()
        if isinstance(editor, QLineEdit)
        else editor.textCursor().selectedText()
    )
    assert selected == "以人民为中心"


def test_hits_follow_the_material_that_is_open(qtbot, window, seeded_library):
    from app.model import Section

    other = Material(
        title="另一份材料",
        sections=[Section("measures", "整改措施", points=[Point("加强学习", "以人民为中心。")])],
    )
    other_id = seeded_library.create_material(other)
    dialog = open_dialog(window, replace=True)
    search(dialog, "以人民为中心")
    assert dialog.hits.topLevelItemCount() == len(find_all(window.material, "以人民为中心"))
    window.open_material(other_id)
    qtbot.waitUntil(lambda: dialog.hits.topLevelItemCount() == 1, timeout=3000)
    assert dialog.hits.topLevelItem(0).data(0, HitRole)[0] == other_id


# ----- the command and the path helpers, on a bare undo stack ----------------------------------
def test_apply_edits_command_is_one_step_on_a_bare_stack(seeded_library):
    from PySide6.QtGui import QUndoStack

    from app.find_replace import replace_all
    from ui.check_commands import edits_command

    mid = seeded_library.seed_id
    material = seeded_library.get_material(mid)
    before = {f.path: f.text for f in iter_text_fields(material)}
    edits = replace_all(material, "dangshi", "党史")
    assert len({e[0] for e in edits}) >= 3  # title, preamble, dimension headings…

    class Host:  # what edits_command needs of the window
        library = seeded_library
        material_id = mid

    Host.material = material
    command = edits_command(Host, edits, "Replace all")
    stack = QUndoStack()
    stack.push(command)
    after = seeded_library.get_material(mid)
    assert not any("dangshi" in f.text for f in iter_text_fields(after))
    assert stack.count() == 1
    stack.undo()
    assert {f.path: f.text for f in iter_text_fields(seeded_library.get_material(mid))} == before
    stack.redo()
    assert not any("dangshi" in f.text for f in iter_text_fields(seeded_library.get_material(mid)))


def test_a_failing_undo_is_reported_not_raised(seeded_library):
    from PySide6.QtGui import QUndoStack

    from ui.check_commands import ApplyEditsCommand

    mid = seeded_library.seed_id
    point = seeded_library.get_material(mid).sections[0].dimensions[0].points[0]
    errors = []
    command = ApplyEditsCommand(
        seeded_library,
        mid,
        [(point.id, {"title": "新"})],
        [(point.id, {"title": point.title})],
        "Fix",
        on_error=errors.append,
    )
    stack = QUndoStack()
    stack.push(command)
    seeded_library.delete_node(point.id)  # gone meanwhile (e.g. another window)
    stack.undo()
    assert errors and command.error is errors[0]


def test_library_edits_group_per_node_and_keep_the_old_values(seeded_library):
    from ui.check_commands import library_edits

    material = seeded_library.get_material(seeded_library.seed_id)
    dim = material.sections[0].dimensions[4]
    edits = [
        ("problems/dimensions/4", "heading_prefix", "在“"),
        ("problems/dimensions/4", "heading_suffix", "”方面："),
        ("", "preamble", ["新的第一段。"]),
    ]
    new, old = library_edits(material, edits)
    assert dict(new) == {
        dim.id: {"heading_prefix": "在“", "heading_suffix": "”方面："},
        None: {"preamble": ["新的第一段。"]},
    }
    assert dict(old) == {
        dim.id: {"heading_prefix": dim.heading_prefix, "heading_suffix": dim.heading_suffix},
        None: {"preamble": material.preamble},
    }
    assert dict(old)[None]["preamble"] is not material.preamble  # undo data is a copy


def test_paths_are_named_as_the_outline_numbers_them(seeded_library):
    from ui.check_commands import field_target, location_label

    material = seeded_library.get_material(seeded_library.seed_id)
    assert (
        location_label(material, "problems/dimensions/4/points/1/body") == "一、（五）二是 · Body"
    )
    assert location_label(material, "problems/dimensions/0/heading_suffix") == "一、（一） · Frame"
    assert location_label(material, "causes/points/2/title") == "二、三是 · Title"
    assert location_label(material, "preamble/1") == "Preamble ¶2"
    assert (
        location_label(material, "problems/dimensions/99/heading")
        == "problems/dimensions/99/heading"
    )
    target = field_target(material, "problems/dimensions/4/points/1/body")
    assert target.key == material.sections[0].dimensions[4].points[1].id
    assert (target.field, target.index, target.text) == (
        "body",
        None,
        material.sections[0].dimensions[4].points[1].body,
    )
    assert field_target(material, "preamble/0").key == MATERIAL_KEY
    assert field_target(material, "no/such/place") is None
