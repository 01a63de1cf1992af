"""The library view driven like a user: templates, import, next year's draft, trash, search."""

from __future__ import annotations

from collections import Counter

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QLineEdit

from app.errors import InputError
from app.model import Point
from app.serialize import material_to_json
from app.templates import get_template, material_from_template
from ui.library_view import LibraryView

SEED_TITLE_START = "县政府党组dangshi学习教育专题mzshh"


@pytest.fixture
def errors(monkeypatch):
    """Errors the view would show in a message box, captured instead."""
    shown: list[tuple[str, BaseException]] = []
    monkeypatch.setattr(
        LibraryView, "_show_error", lambda self, title, exc: shown.append((title, exc))
    )
    return shown


def answer_dialog(monkeypatch, handler):
    """Route the view's next modal dialog to ``handler(dialog)``; the dialog's result decides."""
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


def click_ok(dialog):
    box = dialog.findChild(QDialogButtonBox)
    QTest.mouseClick(box.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)


def click_item(list_widget, item):
    rect = list_widget.visualItemRect(item)
    QTest.mouseClick(list_widget.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def group_labels(view):
    return [view.tree.topLevelItem(i).text(0) for i in range(view.tree.topLevelItemCount())]


def problem_texts(material):
    problems = material.section("problems")
    return Counter((p.title, p.body, p.example) for p in problems.all_points())


# ----- new from template -----------------------------------------------------------------------


def test_new_material_from_the_2021_template_through_the_dialog(
    qtbot, view, library, monkeypatch, typer
):
    def fill(dialog):
        row = next(
            dialog.template_list.item(i)
            for i in range(dialog.template_list.count())
            if "2021" in dialog.template_list.item(i).text().splitlines()[0]
            and "五个带头" in dialog.template_list.item(i).text()
        )
        click_item(dialog.template_list, row)
        QTest.mouseClick(dialog.organization_edit, Qt.MouseButton.LeftButton)
        typer(dialog.organization_edit, "县政府党组")
        click_ok(dialog)

    answer_dialog(monkeypatch, fill)
    with qtbot.waitSignal(view.materialActivated) as opened:
        new_id = view.new_material()

    assert opened.args == [new_id]
    [stored] = library.list_materials()
    assert stored.id == new_id
    assert stored.title == "县政府党组党史学习教育专题民主生活会“五个带头”对照检查材料"
    assert (stored.organization, stored.year, stored.template_id) == (
        "县政府党组",
        2021,
        "2021-dangshi-wugedaitou",
    )
    material = library.get_material(new_id)
    assert [d.short_name for d in material.section("problems").dimensions] == [
        "两个确立",
        "根本问题",
        "人民中心",
        "应对风险",
        "正反经验",
    ]
    # …and the user sees it, selected, under its year.
    assert group_labels(view) == ["2021 annual (1)"]
    assert view.selected_material_id() == new_id
    assert view.material_item(new_id).text(1) == "县政府党组"
    assert not view.empty_hint.isVisible()


def test_cancelling_the_template_dialog_creates_nothing(view, library, monkeypatch):
    answer_dialog(monkeypatch, lambda dialog: dialog.reject())
    assert view.new_material() is None
    assert library.list_materials() == []
    assert view.empty_hint.isVisible()


# ----- import ----------------------------------------------------------------------------------


def test_importing_the_seed_shows_what_was_recognised_then_adds_it(
    qtbot, view, library, monkeypatch, seed_path
):
    monkeypatch.setattr(LibraryView, "_ask_open_path", lambda self: str(seed_path))
    seen_counts = []

    def check_and_accept(dialog):
        seen_counts.append((dialog.counts(), dialog.counts_label.text()))
        assert dialog.chosen_template_id() == "2021-dangshi-wugedaitou"
        click_ok(dialog)

    answer_dialog(monkeypatch, check_and_accept)
    with qtbot.waitSignal(view.materialActivated):
        new_id = view.import_file()

    [(counts, label)] = seen_counts
    assert (counts["dimensions"], counts["problem_points"]) == (5, 14)
    assert "5 aspects" in label and "14 problem points" in label
    [stored] = library.list_materials()
    assert stored.id == new_id and stored.point_count >= 14
    assert sum(problem_texts(library.get_material(new_id)).values()) == 14
    assert view.material_item(new_id).text(0).startswith(SEED_TITLE_START)


def test_cancelled_import_leaves_the_library_unchanged(view, library, monkeypatch, seed_path):
    answer_dialog(monkeypatch, lambda dialog: dialog.reject())
    assert view.import_file(str(seed_path)) is None
    assert library.list_materials() == []


def test_a_binary_file_shows_a_chinese_error_and_adds_nothing(view, library, tmp_path, errors):
    junk = tmp_path / "photo.txt"
    junk.write_bytes(bytes(range(256)) * 64 + b"\x00\x00\xff\xfe" * 100)

    assert view.import_file(str(junk)) is None

    [(title, exc)] = errors
    assert isinstance(exc, InputError)
    assert any("\u4e00" <= ch <= "\u9fff" for ch in exc.zh), exc.zh
    assert library.list_materials() == []


def test_a_damaged_docx_file_is_a_clear_error_and_adds_nothing(view, library, tmp_path, errors):
    doc = tmp_path / "材料.docx"
    doc.write_bytes(b"PK\x03\x04 not really a docx")

    assert view.import_file(str(doc)) is None

    [(_title, exc)] = errors
    assert "材料.docx" in exc.zh and exc.en
    assert library.list_materials() == []


def test_a_legacy_doc_file_asks_to_save_as_docx(view, library, tmp_path, errors):
    doc = tmp_path / "old.doc"
    doc.write_bytes(b"\xd0\xcf\x11\xe0 legacy")
    assert view.import_file(str(doc)) is None
    assert ".docx" in errors[0][1].zh
    assert library.list_materials() == []


def test_importing_a_json_file_keeps_problem_measure_links(view, library, tmp_path, monkeypatch):
    material = material_from_template(
        get_template("2021-dangshi-wugedaitou"), organization="某党组"
    )
    material.section("problems").dimensions[0].points = [Point(title="学习不够", id=1, links=[2])]
    material.section("measures").points = [Point(title="加强学习", id=2, links=[1])]
    path = tmp_path / "material.json"
    path.write_text(material_to_json(material), encoding="utf-8")

    answer_dialog(monkeypatch, click_ok)
    new_id = view.import_file(str(path))

    stored = library.get_material(new_id)
    problem = stored.section("problems").dimensions[0].points[0]
    measure = stored.section("measures").points[0]
    assert (problem.title, measure.title) == ("学习不够", "加强学习")
    assert problem.links == [measure.id]


# ----- next year's draft -----------------------------------------------------------------------


def test_duplicate_as_next_years_draft_with_the_2025_template_keeps_every_point(
    qtbot, seeded_view, seeded_library, monkeypatch
):
    seed_id = seeded_library.seed_id
    seeded_view.select_material(seed_id)
    mapping = []

    def pick_2025(dialog):
        index = dialog.template_combo.findData("2025-niandu-wugedaitou")
        dialog.template_combo.setCurrentIndex(index)
        dialog.template_combo.activated.emit(index)
        mapping.extend(dialog.mapping_rows())
        click_ok(dialog)

    answer_dialog(monkeypatch, pick_2025)
    with qtbot.waitSignal(seeded_view.materialActivated) as opened:
        new_id = seeded_view.duplicate_selected()

    assert opened.args == [new_id] and new_id != seed_id
    # The framework changes, so the dialog showed where each of the five old aspects goes.
    assert [old for old, _new in mapping] == [
        "两个确立",
        "根本问题",
        "人民中心",
        "应对风险",
        "正反经验",
    ]
    draft = seeded_library.get_material(new_id)
    seed = seeded_library.get_material(seed_id)
    assert draft.template_id == "2025-niandu-wugedaitou"
    assert draft.year == 2025
    assert draft.title == f"{seed.organization}2025年度民主生活会对照检查材料"
    assert problem_texts(draft) == problem_texts(seed)
    for kind in ("causes", "measures"):
        assert [p.title for p in draft.section(kind).all_points()] == [
            p.title for p in seed.section(kind).all_points()
        ]
    assert seeded_view.selected_material_id() == new_id
    assert group_labels(seeded_view) == ["2025 annual (1)", "2021 annual (1)"]


# ----- rename, trash, restore ------------------------------------------------------------------


def test_rename_inline_with_f2(qtbot, seeded_view, seeded_library, typer):
    seed_id = seeded_library.seed_id
    seeded_view.select_material(seed_id)
    seeded_view.tree.setFocus()
    QTest.keyClick(seeded_view.tree, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    editor.selectAll()
    typer(editor, "县政府党组2021年度对照检查材料")
    QTest.keyClick(editor, Qt.Key.Key_Return)

    qtbot.waitUntil(
        lambda: seeded_library.get_material(seed_id).title == "县政府党组2021年度对照检查材料"
    )
    qtbot.waitUntil(
        lambda: seeded_view.material_item(seed_id).text(0) == "县政府党组2021年度对照检查材料"
    )


def test_trash_with_delete_then_restore_from_the_trash_dialog(
    qtbot, seeded_view, seeded_library, monkeypatch
):
    seed_id = seeded_library.seed_id
    seeded_view.select_material(seed_id)
    seeded_view.tree.setFocus()
    with qtbot.waitSignal(seeded_view.libraryChanged) as changed:
        QTest.keyClick(seeded_view.tree, Qt.Key.Key_Delete)

    assert changed.args == [seed_id]
    assert seeded_library.list_materials() == []
    assert seeded_view.listed_material_ids() == []
    assert seeded_view.listed_material_ids(trashed=True) == [seed_id]
    assert group_labels(seeded_view) == ["Trash (1)"]

    def restore(dialog):
        [entry_id] = dialog.entry_ids()
        dialog.select_entry(entry_id)
        QTest.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
        assert dialog.entry_ids() == []
        dialog.reject()

    answer_dialog(monkeypatch, restore)
    with qtbot.waitSignal(seeded_view.libraryChanged) as changed:
        seeded_view.show_trash()

    assert changed.args == [seed_id]
    assert [m.id for m in seeded_library.list_materials()] == [seed_id]
    assert seeded_view.listed_material_ids() == [seed_id]
    assert seeded_view.listed_material_ids(trashed=True) == []
    assert seeded_view.selected_material_id() == seed_id


def test_a_deleted_point_is_listed_in_the_trash_and_restored(qtbot, seeded_library, monkeypatch):
    seed = seeded_library.get_material(seeded_library.seed_id)
    point = seed.section("problems").dimensions[1].points[0]
    seeded_library.delete_node(point.id)
    view = LibraryView(seeded_library)
    qtbot.addWidget(view)

    def restore(dialog):
        labels = [dialog.entry_list.topLevelItem(i).text(0) for i in range(len(dialog.entry_ids()))]
        assert any("改革创新意识不强" in label for label in labels), labels
        dialog.select_entry(dialog.entry_ids()[0])
        dialog.restore_selected()
        dialog.accept()

    answer_dialog(monkeypatch, restore)
    with qtbot.waitSignal(view.libraryChanged) as changed:
        view.show_trash()
    assert changed.args == [seed.id]
    restored = seeded_library.get_material(seed.id).section("problems").dimensions[1].points[0]
    assert (restored.id, restored.title) == (point.id, point.title)


def test_restore_from_the_trash_group_context_action(qtbot, seeded_view, seeded_library):
    seed_id = seeded_library.seed_id
    seeded_library.trash_material(seed_id)
    seeded_view.refresh()
    seeded_view.tree.setCurrentItem(seeded_view.material_item(seed_id))

    with qtbot.waitSignal(seeded_view.libraryChanged):
        seeded_view.action_restore.trigger()

    assert [m.id for m in seeded_library.list_materials()] == [seed_id]
    assert seeded_view.listed_material_ids() == [seed_id]


def test_dropping_a_file_on_the_library_imports_it(qtbot, view, library, monkeypatch, seed_path):
    answer_dialog(monkeypatch, click_ok)
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(seed_path))])
    drop = QDropEvent(
        QPointF(20, 20),
        Qt.DropAction.CopyAction,
        data,
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
    )
    view.dropEvent(drop)

    [stored] = library.list_materials()
    assert stored.title.startswith(SEED_TITLE_START)
