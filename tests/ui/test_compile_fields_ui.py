"""The material panel edits the 汇编 fields (班子/个人, 职务, rank) through the edit path: each
change is stored in the library and undone by Ctrl+Z."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from tests.ui.helpers_editor import make_material, type_text
from ui.outline_model import MATERIAL_KEY


def test_scope_job_title_and_rank_are_stored_and_undone(main_window, library):
    window = main_window
    mid = make_material(library)
    window.open_material(mid)
    window.select_node(MATERIAL_KEY)
    panel = window.panels.current_panel()
    scope = panel.findChild(object, "scopeCombo")
    assert scope.currentData() == "group"
    scope.setFocus()
    QTest.keyClick(scope, Qt.Key.Key_Down)  # the user picks 个人 with the keyboard
    type_text(panel.findChild(object, "jobTitleEdit"), "县委副书记")
    window.flush_pending()
    rank = panel.findChild(object, "rankSpin")
    assert rank.text() != "0"  # shown as "not set", not as a rank of 0
    rank.setFocus()
    QTest.keyClick(rank, Qt.Key.Key_Up)
    QTest.keyClick(rank, Qt.Key.Key_Up)
    window.flush_pending()
    stored = library.get_material(mid)
    assert (stored.scope, stored.job_title, stored.rank) == ("individual", "县委副书记", 2)
    while window.stack().canUndo():
        window.actions_by_name["actionUndo"].trigger()
    stored = library.get_material(mid)
    assert (stored.scope, stored.job_title, stored.rank) == ("group", "", 0)
    assert panel.findChild(object, "rankSpin").value() == 0
