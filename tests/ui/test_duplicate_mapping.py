"""复制为下一年度草稿 driven like a user: the mapping table of last year's aspects, changed in a
combo, and what the library stores; the menu item explains itself when there is nothing to copy."""

from __future__ import annotations

import re
from collections import Counter

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QMessageBox

from ui.dialogs.duplicate import DuplicateDialog
from ui.i18n import install_translators, remove_translators
from ui.library_view import LibraryView

NEW_2025 = ["政治忠诚", "固本培元", "三个敬畏", "担当作为", "管党治党"]
OLD_2021 = ["两个确立", "根本问题", "人民中心", "应对风险", "正反经验"]


def answer_dialogs(monkeypatch, handler):
    """The view's modal dialogs go to ``handler(dialog)`` instead of blocking."""
    seen = []

    def fake_exec(self, dialog):
        seen.append(dialog)
        dialog.show()
        handler(dialog)
        accepted = dialog.result() == QDialog.DialogCode.Accepted
        dialog.close()
        return accepted

    monkeypatch.setattr(LibraryView, "_exec_dialog", fake_exec)
    return seen


def choose(qtbot, combo, data) -> None:
    """Open the combo's list and click the entry carrying ``data``, as a user would."""
    combo.showPopup()
    view = combo.view()
    qtbot.waitUntil(view.isVisible, timeout=3000)
    index = combo.model().index(combo.findData(data), 0)
    view.scrollTo(index)
    QTest.mouseClick(
        view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(index).center()
    )
    qtbot.waitUntil(lambda: not view.isVisible(), timeout=3000)


def point_texts(material):
    return Counter((p.title, p.body, p.example) for p in material.all_points())


def test_the_seed_goes_to_2025_along_the_table_and_one_row_is_kept_by_choice(
    qtbot, seeded_view, seeded_library, monkeypatch
):
    seed_id = seeded_library.seed_id
    seeded_view.select_material(seed_id)
    seen_rows = []

    def map_and_accept(dialog):
        assert isinstance(dialog, DuplicateDialog)
        choose(qtbot, dialog.template_combo, "2025-niandu-wugedaitou")
        seen_rows.extend(dialog.mapping_rows())
        screen = dialog.frameGeometry()
        assert screen.width() <= 1366 and screen.height() <= 728  # 768 less a task bar
        choose(qtbot, dialog.target_combo(OLD_2021.index("应对风险")), "keep")
        assert "固本培元" in dialog.summary_label.text()  # now waiting for points
        box = dialog.findChild(QDialogButtonBox)
        QTest.mouseClick(box.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)

    answer_dialogs(monkeypatch, map_and_accept)
    seeded_view.action_duplicate.trigger()

    # Pre-filled: five rows, five different 2025 aspects (not one match and four extras).
    assert [old for old, _new in seen_rows] == OLD_2021
    assert sorted(new for _old, new in seen_rows) == sorted(NEW_2025)

    draft_id = seeded_view.selected_material_id()
    assert draft_id != seed_id
    draft, seed = seeded_library.get_material(draft_id), seeded_library.get_material(seed_id)
    dims = draft.section("problems").dimensions
    seed_dims = {d.short_name: d for d in seed.section("problems").dimensions}
    assert [d.short_name for d in dims] == [*NEW_2025, "应对风险"]
    expected = {
        "政治忠诚": "两个确立",
        "担当作为": "根本问题",
        "三个敬畏": "人民中心",
        "管党治党": "正反经验",
        "应对风险": "应对风险",
    }
    for dim in dims:
        old = seed_dims.get(expected.get(dim.short_name, ""))
        assert [p.title for p in dim.points] == ([p.title for p in old.points] if old else [])
    assert dims[-1].heading == seed_dims["应对风险"].heading  # kept as written
    assert point_texts(draft) == point_texts(seed)


def test_same_framework_shows_no_table_and_copies_as_is(qtbot, seeded_view, seeded_library):
    seed = seeded_library.get_material(seeded_library.seed_id)
    dialog = DuplicateDialog(seed, seeded_view)
    qtbot.addWidget(dialog)
    dialog.show()
    choose(qtbot, dialog.template_combo, seed.template_id)
    assert dialog.mapping_table.isHidden() and dialog.mapping() is None


def test_rows_set_by_hand_survive_a_change_of_year(qtbot, seeded_view, seeded_library):
    seed = seeded_library.get_material(seeded_library.seed_id)
    dialog = DuplicateDialog(seed, seeded_view)
    qtbot.addWidget(dialog)
    dialog.show()
    choose(qtbot, dialog.template_combo, "2025-niandu-wugedaitou")
    choose(qtbot, dialog.target_combo(0), "other")
    dialog.year_spin.setFocus()
    QTest.keyClick(dialog.year_spin, Qt.Key.Key_Up)
    assert dialog.values() == (2026, "2025-niandu-wugedaitou")
    assert dialog.mapping()[0] == "other" and dialog.mapping()[1:] == [3, 2, 1, 4]
    assert "政治忠诚" in dialog.summary_label.text()  # its only source went into 其他


def test_duplicate_in_an_empty_library_says_why_in_chinese(qapp, main_window, monkeypatch):
    shown = answer_dialogs(monkeypatch, lambda dialog: None)
    install_translators(qapp, "zh_CN")
    try:
        main_window.actions_by_name["actionDuplicateMaterial"].trigger()
    finally:
        remove_translators(qapp)
    [box] = shown
    assert isinstance(box, QMessageBox)
    assert "材料库还是空的" in box.text()
    assert not re.search("[A-Za-z]", box.text() + box.windowTitle())
    assert main_window.library.list_materials() == []


def test_duplicate_with_nothing_selected_asks_for_a_selection(qapp, seeded_view, monkeypatch):
    shown = answer_dialogs(monkeypatch, lambda dialog: None)
    seeded_view.tree.clearSelection()
    seeded_view.tree.setCurrentItem(None)
    install_translators(qapp, "zh_CN")
    try:
        seeded_view.action_duplicate.trigger()
    finally:
        remove_translators(qapp)
    [box] = shown
    assert "请先在材料库中选中一份材料" in box.text()
    assert len(seeded_view.library.list_materials()) == 1
