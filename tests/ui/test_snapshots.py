"""历史版本: save a named version, change the text, preview and restore it; undo the restore."""

from __future__ import annotations

import pytest

from tests.ui.helpers_editor import dims_of, make_material, type_text
from ui.outline_model import MATERIAL_KEY


@pytest.fixture
def opened(main_window, library):
    mid = make_material(library)
    main_window.open_material(mid)
    return main_window, mid


def test_save_change_restore_and_undo(opened, library):
    window, mid = opened
    dock = window.snapshots_dock
    window.select_node(dims_of(library, mid)[0].points[0].id)
    title = window.findChild(object, "pointTitleEdit")
    type_text(title, "（初稿）")
    dock.name_combo.setCurrentText("征求意见稿")
    dock.save_button.click()  # flushes the typing first: the version holds what is on screen
    assert [s.name for s in library.list_snapshots(mid)] == ["征求意见稿"]
    assert dock.list.count() == 1

    title.selectAll()
    type_text(title, "改成定稿的标题")
    window.flush_pending()
    assert dims_of(library, mid)[0].points[0].title == "改成定稿的标题"

    dock.list.setCurrentRow(0)
    assert "一是学习态度不够积极（初稿）。" in dock.preview.toPlainText()
    dock.restore_button.click()
    assert dims_of(library, mid)[0].points[0].title == "学习态度不够积极（初稿）"
    names = [s.name for s in library.list_snapshots(mid)]
    assert "恢复前自动保存" in names and dock.list.count() == 2
    assert window.current_item().key == MATERIAL_KEY
    first_point = window.outline_model.index_for_key(dims_of(library, mid)[0].id)
    assert window.outline_model.index(0, 0, first_point).data() == "一是 学习态度不够积极（初稿）"

    window.actions_by_name["actionUndo"].trigger()
    assert dims_of(library, mid)[0].points[0].title == "改成定稿的标题"


def test_an_empty_name_saves_nothing(opened, library):
    window, mid = opened
    window.snapshots_dock.name_combo.setCurrentText("  ")
    window.snapshots_dock.save_button.click()
    assert library.list_snapshots(mid) == []


def test_versions_follow_the_open_material(opened, library):
    window, mid = opened
    library.create_snapshot(mid, "定稿")
    other = make_material(library)
    window.open_material(other)
    assert window.snapshots_dock.list.count() == 0
    window.open_material(mid)
    assert window.snapshots_dock.list.count() == 1
