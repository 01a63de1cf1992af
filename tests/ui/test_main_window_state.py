"""Window state and the material panel: settings hold layout only, exports, template changes,
closing a material that was trashed from the library list, the paper font."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import QModelIndex, QSettings
from PySide6.QtGui import QFontInfo

from tests.ui.helpers_editor import TEMPLATE_2021, make_material, type_text
from ui.main_window import MainWindow
from ui.outline_model import MATERIAL_KEY
from ui.window_layout import available_geometry, screen_key


@pytest.fixture
def opened(main_window, library):
    mid = make_material(library)
    main_window.open_material(mid)
    return main_window, mid


def test_layout_is_remembered_but_never_content(qtbot, opened, library):
    window, mid = opened
    window.resize(640, 480)  # the offscreen screen is 800×600
    window.select_node(MATERIAL_KEY)
    type_text(window.findChild(object, "titleEdit"), "（秘密文字）")
    window.close()
    store = QSettings("duizhao", "duizhao")
    key = screen_key(available_geometry(window))  # kept per screen size
    assert store.value(f"{key}/geometry") is not None
    assert store.value(f"{key}/state") is not None
    settings_file = store.fileName()
    assert "秘密文字" not in open(settings_file, encoding="utf-8", errors="replace").read()
    again = MainWindow(library)
    qtbot.addWidget(again)
    assert (again.width(), again.height()) == (640, 480)
    again.close()


def test_export_markdown_and_json_remember_the_folder(opened, library, tmp_path, monkeypatch):
    window, mid = opened
    folder = tmp_path / "exports"
    folder.mkdir()
    asked = []

    def answer(caption, suggested, file_filter):
        asked.append(suggested)
        return str(folder / ("a" if len(asked) == 1 else "b"))  # no suffix typed

    monkeypatch.setattr(window, "_ask_save_path", answer)
    md = window.export_md()
    assert md == folder / "a.md"
    assert md.read_text(encoding="utf-8").startswith("# 县政府党组")
    data = json.loads(window.export_json().read_text(encoding="utf-8"))
    assert data["format"] == "duizhao-material"
    assert data["sections"][0]["dimensions"][0]["points"][2]["title"] == "学以致用不够灵活"
    assert asked[1].startswith(str(folder))  # the second dialog opens where the first saved


def test_export_to_an_unwritable_place_is_reported(opened, tmp_path, monkeypatch):
    window, _mid = opened
    monkeypatch.setattr(
        window, "_ask_save_path", lambda *a: str(tmp_path / "missing-folder" / "x.txt")
    )
    assert window.export_txt() is None
    assert "c00000" in window.status_saved.styleSheet()


def test_template_change_is_stored_at_once_and_undoable(opened, library):
    window, mid = opened
    window.select_node(MATERIAL_KEY)
    combo = window.findChild(object, "templateCombo")
    index = combo.findData("2025-niandu-wugedaitou")
    combo.setCurrentIndex(index)
    combo.activated.emit(index)  # what choosing an entry with the mouse emits
    assert library.get_material(mid).template_id == "2025-niandu-wugedaitou"
    window.actions_by_name["actionUndo"].trigger()
    assert library.get_material(mid).template_id == TEMPLATE_2021
    assert combo.currentData() == TEMPLATE_2021


def test_point_numbering_style_is_stored_at_once_used_by_export_and_undoable(opened, library):
    from app.exporters.text import export_txt

    window, mid = opened
    window.select_node(MATERIAL_KEY)
    combo = window.findChild(object, "pointStyleCombo")
    assert combo.currentData() == "shi"
    index = combo.findData("arabic")
    combo.setCurrentIndex(index)
    combo.activated.emit(index)
    stored = library.get_material(mid)
    assert stored.point_style == "arabic"
    assert "方面：1.学习态度不够积极。" in export_txt(stored) and "一是" not in export_txt(stored)
    labels = []
    model = window.outline_model

    def walk(parent):
        for row in range(model.rowCount(parent)):
            index = model.index(row, 0, parent)
            labels.append(model.data(index))
            walk(index)

    walk(QModelIndex())
    assert any(label.startswith("1. ") for label in labels) and not any(
        label.startswith("一是") for label in labels
    )
    window.actions_by_name["actionUndo"].trigger()
    assert library.get_material(mid).point_style == "shi"
    assert combo.currentData() == "shi"


def test_layout_checkboxes_store_the_shape_at_once_and_undo(opened, library):
    """A heading the user puts on its own line prints alone; a point marked as running text
    loses its 一是 and the next point becomes 一是."""
    from app.exporters.text import export_txt

    window, mid = opened
    dims = library.get_material(mid).sections[0].dimensions
    window.select_node(dims[0].id)
    window.findChild(object, "dimensionHeadingAloneCheck").click()
    assert library.get_material(mid).sections[0].dimensions[0].heading_alone
    first = library.get_material(mid).sections[0].dimensions[0].points[0]
    window.select_node(first.id)
    check = window.findChild(object, "pointNumberedCheck")
    assert check.isChecked()
    check.click()
    stored = library.get_material(mid)
    assert not stored.sections[0].dimensions[0].points[0].numbered
    text = export_txt(stored)
    heading = stored.sections[0].dimensions[0].full_heading()
    second = stored.sections[0].dimensions[0].points[1].title
    assert f"（一）{heading}\n\n{first.title}。" in text and f"一是{second}" in text
    window.actions_by_name["actionUndo"].trigger()
    assert library.get_material(mid).sections[0].dimensions[0].points[0].numbered


def test_title_on_its_own_line_checkbox_stores_at_once_and_undo(opened, library):
    """A title the user puts on its own line prints alone, with no 。 added, its body below."""
    from app.exporters.text import export_txt

    window, mid = opened
    point = library.get_material(mid).sections[0].dimensions[0].points[0]
    assert point.title and point.body
    window.select_node(point.id)
    check = window.findChild(object, "pointTitleAloneCheck")
    assert not check.isChecked()
    check.click()
    stored = library.get_material(mid)
    assert stored.sections[0].dimensions[0].points[0].title_alone
    text = export_txt(stored)
    assert f"{point.title}\n\n{point.body[:8]}" in text and f"{point.title}。" not in text
    window.actions_by_name["actionUndo"].trigger()
    stored = library.get_material(mid)
    assert not stored.sections[0].dimensions[0].points[0].title_alone
    assert f"{point.title}。{point.body[:8]}" in export_txt(stored)
    assert not check.isChecked()


def test_trashing_the_open_material_from_the_list_closes_it(opened, library):
    window, mid = opened
    window.library_view.select_material(mid)
    window.library_view.trash_selected()
    assert window.material_id is None
    assert window.outline_model.rowCount() == 0
    assert window.windowTitle() == "对照"
    assert not window.actions_by_name["actionAddPoint"].isEnabled()


def test_editors_use_the_paper_body_face(opened):
    from ui.fonts import body_family

    window, _mid = opened
    body = window.findChild(object, "pointBodyEdit")
    family = body_family()
    assert family is not None  # a CJK face is bundled (resources/fonts) or installed
    assert QFontInfo(body.font()).family() == family
    assert body.font().pointSize() >= 12
