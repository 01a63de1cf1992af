"""Importing a Word file from the window, like a user: preview, pick a template, accept or fail."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialogButtonBox

from app.errors import InputError
from app.importers.legacy import soffice_path
from app.importers.text import import_text_file
from app.serialize import material_to_json
from ui.dialogs import import_source
from ui.dialogs.import_material import ImportDialog, ImportSource
from ui.dialogs.import_preview import HIGHLIGHT
from ui.library_view import LibraryView


@pytest.fixture(autouse=True)
def bundled_fonts(monkeypatch):
    monkeypatch.setenv("DUIZHAO_FONTS", "bundled")


@pytest.fixture
def seed_docx(tmp_path, seed_path) -> Path:
    from app.exporters.docx import export_docx

    material, _report = import_text_file(seed_path)
    return export_docx(material, tmp_path / "县政府党组对照检查材料.docx")


@pytest.fixture
def errors(monkeypatch):
    seen = []
    monkeypatch.setattr(
        LibraryView, "_show_error", lambda view, title, exc: seen.append((title, exc))
    )
    return seen


def run_import(window, monkeypatch, path: Path, handler):
    """The user picks ``path`` in the open dialog; ``handler(dialog)`` acts in the preview."""
    seen = []

    def fake_exec(view, dialog):
        seen.append(dialog)
        dialog.show()
        handler(dialog)
        return dialog.result() == dialog.DialogCode.Accepted

    monkeypatch.setattr(LibraryView, "_ask_open_path", lambda view: str(path))
    monkeypatch.setattr(LibraryView, "_exec_dialog", fake_exec)
    return window.library_view.import_file(), seen


def click_import(dialog):
    box = dialog.findChild(QDialogButtonBox)
    button = box.button(QDialogButtonBox.StandardButton.Ok)
    assert button.text() == "Import"
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)


def comparable(material) -> dict:
    """The material's JSON without what differs between two stores of the same content."""

    def strip(value):
        if isinstance(value, dict):
            return {k: strip(v) for k, v in value.items() if k not in ("id", "created", "updated")}
        if isinstance(value, list):
            return [strip(v) for v in value]
        return value

    return strip(json.loads(material_to_json(material)))


def tree_children(item) -> list:
    return [item.child(i) for i in range(item.childCount())]


def test_word_file_shows_the_tree_next_to_its_text_and_imports_as_the_text_does(
    qtbot, main_window, monkeypatch, seed_docx, seed_path
):
    checked = []

    def look_then_import(dialog):
        preview = dialog.preview
        problems = preview.find_item("一、存在的主要问题")
        dimensions = tree_children(problems)
        assert [d.text(0)[:3] for d in dimensions] == [
            "（一）",
            "（二）",
            "（三）",
            "（四）",
            "（五）",
        ]
        assert sum(d.childCount() for d in dimensions) == 14
        assert dialog.counts()["problem_points"] == 14
        source = preview.source_view.toPlainText()
        assert "县政府党组" in source.splitlines()[0] and "输热" in source
        point = preview.find_item("一、", "（三）", "二是")
        assert point is not None and "民生福祉仍需增进" in point.text(0)
        preview.tree.setCurrentItem(point)
        highlighted = preview.highlighted_text()
        assert highlighted.startswith("二是民生福祉仍需增进")
        assert "取暖季期间" in highlighted and "三是" not in highlighted  # its own sentences only
        selections = preview.source_view.extraSelections()
        assert any(s.cursor.selectedText() == highlighted for s in selections)
        checked.append(True)
        click_import(dialog)

    with qtbot.waitSignal(main_window.library_view.materialActivated):
        new_id, _ = run_import(main_window, monkeypatch, seed_docx, look_then_import)

    assert checked == [True]
    stored = main_window.library.get_material(new_id)
    from_text, _report = import_text_file(seed_path)
    assert comparable(stored) == comparable(from_text)


def test_choosing_another_template_reimports_with_it(qtbot, main_window, monkeypatch, seed_docx):
    def pick_2024(dialog):
        before = dialog.preview.tree.topLevelItemCount()
        combo = dialog.template_combo
        combo.setCurrentIndex(combo.findData("2024-niandu-sigedaitou"))
        assert dialog.summary().template_id == "2024-niandu-sigedaitou"
        assert dialog.preview.tree.topLevelItemCount() >= before - 1  # the tree was rebuilt
        click_import(dialog)

    new_id, _ = run_import(main_window, monkeypatch, seed_docx, pick_2024)
    assert new_id is not None
    assert main_window.library.get_material(new_id).template_id == "2024-niandu-sigedaitou"


def zip_bomb(path: Path) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"\0" * (60 * 1024 * 1024))
    return path


@pytest.mark.parametrize("kind", ["zip bomb", "renamed text"])
def test_a_bad_word_file_shows_a_chinese_error_and_adds_nothing(
    main_window, monkeypatch, tmp_path, errors, seed_text, kind
):
    if kind == "zip bomb":
        path = zip_bomb(tmp_path / "炸弹.docx")
    else:
        path = tmp_path / "材料.docx"
        path.write_text(seed_text, encoding="utf-8")
    before = main_window.library.list_materials()

    new_id, dialogs = run_import(
        main_window, monkeypatch, path, lambda d: pytest.fail("no preview")
    )

    assert new_id is None and dialogs == []
    [(_title, exc)] = errors
    assert isinstance(exc, InputError)
    assert any("\u4e00" <= ch <= "\u9fff" for ch in exc.zh), exc.zh
    assert main_window.library.list_materials() == before


def test_unclassified_text_is_amber_in_the_tree_and_in_the_source(qtbot, tmp_path, seed_text):
    extra = "四、个人有关事项报告\n\n本人如实报告了个人有关事项，无漏报瞒报情况。\n"
    path = tmp_path / "材料.txt"
    path.write_text(seed_text.rstrip() + "\n\n" + extra, encoding="utf-8")
    source = ImportSource(path, path.name)
    material, summary = source.read()
    dialog = ImportDialog(material, summary, path.name, source=source)
    qtbot.addWidget(dialog)

    item = dialog.preview.find_item("四、个人有关事项报告")
    assert item is not None and item.background(0).color() == HIGHLIGHT
    assert any("个人有关事项报告" in t for t in dialog.preview.amber_texts())
    normal = dialog.preview.find_item("一、存在的主要问题")
    assert normal.background(0).color() != HIGHLIGHT


@pytest.mark.skipif(soffice_path() is None, reason="LibreOffice is not installed")
def test_an_old_doc_is_converted_through_libreoffice_when_the_user_agrees(
    qtbot, main_window, monkeypatch, tmp_path, seed_path
):
    from tests.app.test_legacy import make_legacy_doc

    doc = make_legacy_doc(seed_path, tmp_path)
    asked = []
    monkeypatch.setattr(
        import_source, "ask_convert_legacy", lambda parent, name: asked.append(name) or True
    )
    shown = []

    def look_then_import(dialog):
        shown.append((dialog.counts()["problem_points"], dialog.findChild(object, "importTree")))
        click_import(dialog)

    new_id, _ = run_import(main_window, monkeypatch, doc, look_then_import)

    assert asked == ["材料.doc"]
    assert shown and shown[0][0] == 14
    stored = main_window.library.get_material(new_id)
    assert sum(len(d.points) for d in stored.section("problems").dimensions) == 14


def test_declining_the_conversion_adds_nothing(main_window, monkeypatch, tmp_path, errors):
    from app.importers.legacy import OLE_SIGNATURE

    doc = tmp_path / "old.doc"
    doc.write_bytes(OLE_SIGNATURE + b"\0" * 504)
    monkeypatch.setattr(import_source, "soffice_path", lambda: Path("/usr/bin/soffice"))
    monkeypatch.setattr(import_source, "ask_convert_legacy", lambda parent, name: False)

    new_id, dialogs = run_import(main_window, monkeypatch, doc, lambda d: pytest.fail("no preview"))

    assert new_id is None and dialogs == [] and errors == []
    assert main_window.library.list_materials() == []


def test_without_libreoffice_an_old_doc_asks_to_save_as_docx(
    main_window, monkeypatch, tmp_path, errors
):
    from app.importers.legacy import OLE_SIGNATURE

    doc = tmp_path / "old.wps"
    doc.write_bytes(OLE_SIGNATURE + b"\0" * 504)
    monkeypatch.setattr(import_source, "soffice_path", lambda: None)

    new_id, _ = run_import(main_window, monkeypatch, doc, lambda d: pytest.fail("no preview"))

    assert new_id is None
    [(_title, exc)] = errors
    assert "另存为 .docx" in exc.zh
    assert main_window.library.list_materials() == []


def test_set_aside_lines_are_listed_and_a_ticked_line_comes_back(qtbot, main_window, monkeypatch):
    """A web copy: the preview lists exactly the lines set aside as furniture; the user ticks the
    post-data line, brings it back, and the stored material holds it (opening the preamble)."""
    path = Path(__file__).resolve().parents[1] / "data" / "import-shapes" / "web-furniture.txt"
    _material, report = import_text_file(path)
    seen = []

    def bring_back_then_import(dialog):
        set_aside = dialog.set_aside
        assert set_aside.isVisible() and set_aside.lines() == report.dropped_furniture
        post = next(i for i, line in enumerate(set_aside.lines()) if line.startswith("发布时间"))
        set_aside.list.item(post).setCheckState(Qt.CheckState.Checked)
        QTest.mouseClick(set_aside.button, Qt.MouseButton.LeftButton)
        assert not any(line.startswith("发布时间") for line in set_aside.lines())
        assert len(set_aside.lines()) == len(report.dropped_furniture) - 1
        seen.append(True)
        click_import(dialog)

    with qtbot.waitSignal(main_window.library_view.materialActivated):
        new_id, _ = run_import(main_window, monkeypatch, path, bring_back_then_import)
    assert seen == [True]
    stored = main_window.library.get_material(new_id)
    assert stored.preamble[0].startswith("发布时间：2026-01-20")
    assert stored.title == "XX县水利局党组2025年度民主生活会对照检查材料"
