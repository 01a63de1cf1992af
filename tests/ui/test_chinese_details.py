"""The small items of issue 16 a Chinese user met: an untitled point, the breadcrumb above the
panel after typing a title, the search hint's shortcut, the date hint's year, 帮助 → 使用说明."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog

from app.model import Point
from tests.ui.helpers_editor import make_material, type_text
from ui.i18n import install_translators, remove_translators

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def chinese(qapp):
    install_translators(qapp, "zh_CN")
    yield qapp
    remove_translators(qapp)


@pytest.fixture
def zh_window(chinese, qtbot, library):
    from ui.main_window import MainWindow

    window = MainWindow(library)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    yield window
    window.close()


def test_an_untitled_point_reads_chinese_and_the_breadcrumb_follows_the_typed_title(
    zh_window, library, qtbot
):
    mid = make_material(library)
    first_dim = library.get_material(mid).sections[0].dimensions[0]
    new_id = library.insert_point(first_dim.id, 3, Point(title=""))
    zh_window.open_material(mid, new_id)
    panel = zh_window.panels.current_panel()
    assert "（无标题）" in zh_window.outline_model.label(zh_window.current_item())
    assert panel.heading_label.text().endswith("四是 （无标题）")

    type_text(panel.title_edit, "调查研究不够深入")
    assert panel.heading_label.text().endswith("四是 调查研究不够深入")
    assert "无标题" not in panel.heading_label.text()
    assert zh_window.outline_model.label(zh_window.current_item()).endswith("调查研究不够深入")

    def stored_title() -> str:
        points = library.get_material(mid).all_points()
        return next(p.title for p in points if p.id == new_id)

    zh_window.flush_pending()
    assert stored_title() == "调查研究不够深入"


def test_the_library_search_hint_names_the_shortcut_that_searches_the_library(zh_window):
    shortcut = zh_window.actions_by_name["actionSearchLibrary"].shortcut().toString()
    assert shortcut == "Ctrl+Shift+F"
    assert f"（{shortcut}）" in zh_window.library_view.search_edit.placeholderText()


def test_the_date_hint_is_in_the_materials_year(zh_window, library):
    mid = library.create_from_template("2025-niandu-wugedaitou", organization="县政府党组")
    zh_window.open_material(mid)
    panel = zh_window.panels.current_panel()
    assert panel.date_edit.placeholderText() == "如：2025年12月28日"
    panel.year_spin.setValue(2026)  # the user corrects the year: the hint follows
    assert panel.date_edit.placeholderText() == "如：2026年12月28日"


def test_help_shows_the_five_common_tasks_in_chinese(zh_window, monkeypatch):
    shown = []
    monkeypatch.setattr(QDialog, "exec", lambda dialog: shown.append(dialog) or 0)
    menu = zh_window.menuBar().findChild(type(zh_window.menuBar().actions()[0].menu()), "menuHelp")
    help_action = zh_window.actions_by_name["actionHelp"]
    assert help_action in menu.actions() and help_action.text() == "使用说明"
    assert help_action.shortcut().toString() == "F1"
    help_action.trigger()
    (dialog,) = shown
    assert dialog.windowTitle() == "使用说明"
    text = dialog.text.toPlainText()
    for task in (
        "新建今年的材料",
        "导入去年的材料",
        "把去年的材料改成今年的草稿",
        "调整顺序、增删要点",
        "检查、导出与打印",
    ):
        assert task in text


def test_new_material_dialog_names_its_source_without_developer_paths(chinese, qtbot):
    from ui.dialogs.new_material import NewMaterialDialog

    dialog = NewMaterialDialog()
    qtbot.addWidget(dialog)
    for row in range(dialog.template_list.count()):
        dialog.template_list.setCurrentRow(row)
        source = dialog.source_label.text()
        assert source.startswith("依据：")
        assert not re.search(r"[A-Za-z]", source), source  # no shared/reference/frameworks.md


def test_every_tr_string_is_double_quoted_so_lupdate_finds_it():
    """lupdate skipped ``tr('(no title)')``: the outline showed "(no title)" in Chinese."""
    single = [
        f"{path.relative_to(REPO)}: {line.strip()}"
        for path in (REPO / "ui").rglob("*.py")
        for line in path.read_text(encoding="utf-8").splitlines()
        if re.search(r"\b_?tr\(\s*'", line) or re.search(r"translate\([^)]*,\s*'", line)
    ]
    assert single == []
