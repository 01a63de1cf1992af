"""复制为下一年度草稿 with 上年度整改落实情况, driven like a user: the check box is on when last
year's 整改清单 was kept, the draft opens with the section and its points in the outline
(numbering moved on), Ctrl+Z in the list takes the draft away again; unticked, the draft has
no such section; without measures the box cannot be ticked, and it speaks Chinese."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialog, QDialogButtonBox

from tests.app.previous_rectification_samples import last_year
from ui.dialogs.duplicate import DuplicateDialog
from ui.i18n import install_translators, remove_translators
from ui.library_view import LibraryView


@pytest.fixture
def window(qtbot, library):
    from ui.main_window import MainWindow

    win = MainWindow(library)
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.close()


def answer_dialog(monkeypatch, handler) -> None:
    def fake_exec(self, dialog):
        dialog.show()
        handler(dialog)
        accepted = dialog.result() == QDialog.DialogCode.Accepted
        dialog.close()
        return accepted

    monkeypatch.setattr(LibraryView, "_exec_dialog", fake_exec)


def click_ok(dialog) -> None:
    box = dialog.findChild(QDialogButtonBox)
    QTest.mouseClick(box.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)


def outline_rows(model) -> list[tuple[str, list[str]]]:
    """The section rows under the material's row, each with its children's labels, as the
    outline shows them."""
    parent = model.index(0, 0, QModelIndex())
    rows = []
    for row in range(model.rowCount(parent)):
        index = model.index(row, 0, parent)
        children = [model.index(r, 0, index).data() for r in range(model.rowCount(index))]
        rows.append((index.data(), children))
    return rows


def test_the_draft_opens_with_last_years_measures_and_ctrl_z_takes_it_away(
    qtbot, window, library, monkeypatch
):
    old_id = library.create_material(last_year())
    view = window.library_view
    view.refresh()
    view.select_material(old_id)
    ticked = []

    def tick_and_create(dialog):
        assert isinstance(dialog, DuplicateDialog)
        index = dialog.template_combo.findData("2025-niandu-wugedaitou")
        dialog.template_combo.setCurrentIndex(index)
        dialog.template_combo.activated.emit(index)
        ticked.append(dialog.review_check.isChecked())  # on: last year's list was kept
        click_ok(dialog)

    answer_dialog(monkeypatch, tick_and_create)
    window.actions_by_name["actionDuplicateMaterial"].trigger()

    assert ticked == [True]
    draft_id = window.material_id
    assert draft_id not in (None, old_id)
    rows = outline_rows(window.outline_model)
    labels = [label for label, _children in rows]
    review_row = next(
        i for i, label in enumerate(labels) if "上年度民主生活会整改落实情况" in label
    )
    problems_row = next(i for i, label in enumerate(labels) if "存在的主要问题" in label)
    assert review_row < problems_row
    assert labels[review_row].startswith("一、") and labels[problems_row].startswith("二、")
    children = rows[review_row][1]
    assert [c for c in children if "建立理论学习长效机制" in c][0].startswith("一是")
    assert any("推动民生实事落地见效" in c for c in children)
    assert any("健全调查研究制度" in c for c in children)
    stored = library.get_material(draft_id)
    assert stored.sections[review_row].points[1].body.startswith("正在推进：")

    view.tree.setFocus()  # in the list: Ctrl+Z undoes the library step
    QTest.keyClick(view.tree, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert [m.id for m in library.list_materials()] == [old_id]
    assert draft_id not in view.listed_material_ids()


def test_unticked_the_draft_has_no_review_section(qtbot, window, library, monkeypatch):
    old_id = library.create_material(last_year())
    window.library_view.refresh()
    window.library_view.select_material(old_id)

    def untick_and_create(dialog):
        dialog.review_check.setFocus()
        QTest.keyClick(dialog.review_check, Qt.Key.Key_Space)  # as a user toggles a check box
        assert not dialog.review()
        click_ok(dialog)

    answer_dialog(monkeypatch, untick_and_create)
    window.actions_by_name["actionDuplicateMaterial"].trigger()
    draft = library.get_material(window.material_id)
    assert draft.id != old_id
    assert [s.kind for s in draft.sections] == ["problems", "causes", "measures"]
    assert {m.status for m in draft.section("measures").points} == {"not_started"}


def test_without_measures_the_box_is_off_and_says_why_in_chinese(qapp, qtbot, library):
    bare = last_year()
    bare.sections.pop()
    install_translators(qapp, "zh_CN")
    try:
        dialog = DuplicateDialog(library.get_material(library.create_material(bare)))
        qtbot.addWidget(dialog)
        box = dialog.review_check
        assert not box.isEnabled() and not dialog.review()
        assert box.toolTip() == "去年的材料中没有整改措施。"
        assert "上年度整改落实情况" in box.text()
        assert not re.search("[A-Za-z]", box.text() + box.toolTip())
    finally:
        remove_translators(qapp)


def test_a_material_whose_list_was_never_kept_starts_unticked(qtbot, library, seed_path):
    """The seed has measures but no status, 责任人 or link: offered, not pressed on the user."""
    from app.importers.text import import_text_file

    seed, _report = import_text_file(seed_path)
    dialog = DuplicateDialog(library.get_material(library.create_material(seed)))
    qtbot.addWidget(dialog)
    assert dialog.review_check.isEnabled() and not dialog.review_check.isChecked()
