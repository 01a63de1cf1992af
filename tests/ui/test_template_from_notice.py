"""从通知生成模板 and 模板管理, driven like a user: paste a notice, correct a short name, save;
the template is offered by 新建 and the material made from it has its dimensions. A notice with
no items is said in red and nothing is saved; export → import gives the same template back."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialog, QLineEdit

from app.templates import get_template, load_templates, user_templates_dir
from tests.app.docx_builders import para, write_docx
from ui import template_features
from ui.dialogs.template_from_notice import COL_SHORT, TemplateFromNoticeDialog
from ui.dialogs.user_templates import TEMPLATE_ROLE, UserTemplatesDialog

NOTICES = Path(__file__).resolve().parents[1] / "data" / "notices"
WAIT_MS = 5000  # hang guard for the recognition task (it takes milliseconds)


def notice(name: str) -> str:
    return (NOTICES / name).read_text(encoding="utf-8")


def paste(qtbot, dialog: TemplateFromNoticeDialog, text: str) -> None:
    QGuiApplication.clipboard().setText(text)
    dialog.notice_edit.setFocus()
    dialog.notice_edit.paste()
    qtbot.mouseClick(dialog.recognise_button, Qt.MouseButton.LeftButton)


def retype_cell(qtbot, typer, dialog: TemplateFromNoticeDialog, row: int, text: str) -> None:
    table = dialog.dimension_table
    table.setCurrentCell(row, COL_SHORT)
    table.editItem(table.item(row, COL_SHORT))
    editor = table.findChild(QLineEdit)
    assert editor is not None
    editor.selectAll()
    typer(editor, text)
    QTest.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: table.item(row, COL_SHORT).text() == text, timeout=WAIT_MS)


@pytest.fixture
def dialog(qtbot):
    widget = TemplateFromNoticeDialog()
    qtbot.addWidget(widget)
    widget.show()
    return widget


def test_journey_paste_edit_save_then_new_material_has_those_dimensions(
    qtbot, typer, main_window, library, monkeypatch
):
    def drive(dialog: QDialog) -> bool:
        paste(qtbot, dialog, notice("2025-niandu-numbered-lines.txt"))
        qtbot.waitUntil(lambda: dialog.dimension_table.rowCount() == 5, timeout=WAIT_MS)
        assert dialog.meeting_edit.text() == "2025年度民主生活会"
        assert dialog.year_spin.value() == 2025
        assert "2025年度民主生活会“五个带头”" in dialog.status_label.text()  # already shipped
        retype_cell(qtbot, typer, dialog, 1, "党性修养")
        dialog.name_edit.clear()
        typer(dialog.name_edit, "本单位2025年度框架")
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        return dialog.result() == QDialog.DialogCode.Accepted

    monkeypatch.setattr(template_features, "run_dialog", drive)
    main_window.actions_by_name["actionTemplateFromNotice"].trigger()
    assert "本单位2025年度框架" in main_window.statusBar().currentMessage()

    def choose(dialog: QDialog) -> bool:
        rows = {
            dialog.template_list.item(r).data(TEMPLATE_ROLE): dialog.template_list.item(r).text()
            for r in range(dialog.template_list.count())
        }
        assert rows["user-2025"].startswith("本单位2025年度框架 (my template)")
        dialog.select_template("user-2025")
        typer(dialog.organization_edit, "某局党组")
        dialog.accept()
        return True

    monkeypatch.setattr(main_window.library_view, "_exec_dialog", choose)
    main_window.actions_by_name["actionNewMaterial"].trigger()
    summary = next(s for s in library.list_materials() if "某局党组" in s.title)
    material = library.get_material(summary.id)
    assert material.template_id == "user-2025"
    assert material.title == "某局党组2025年度民主生活会对照检查材料"
    dimensions = material.sections[0].dimensions
    assert [d.short_name for d in dimensions] == [
        "政治忠诚",
        "党性修养",
        "三个敬畏",
        "担当作为",
        "管党治党",
    ]
    assert dimensions[1].heading == "带头固本培元、增强党性"


def test_a_notice_without_items_is_said_in_red_and_nothing_is_saved(qtbot, dialog):
    paste(qtbot, dialog, notice("2024-niandu-one-paragraph.txt"))
    qtbot.waitUntil(lambda: dialog.dimension_table.rowCount() == 4, timeout=WAIT_MS)
    dialog.notice_edit.clear()
    paste(qtbot, dialog, notice("no-items.txt"))
    qtbot.waitUntil(lambda: "未生成模板" in dialog.status_label.text(), timeout=WAIT_MS)
    assert "c00000" in dialog.status_label.styleSheet()
    assert dialog.dimension_table.rowCount() == 0 and not dialog.save_button.isEnabled()
    dialog.accept()  # Enter in the dialog: still nothing to save
    assert dialog.isVisible() and not user_templates_dir().exists()


def test_rows_are_added_reordered_and_removed_before_saving(qtbot, typer, dialog):
    paste(qtbot, dialog, notice("fictional-2026-notice.txt"))
    qtbot.waitUntil(lambda: dialog.dimension_table.rowCount() == 3, timeout=WAIT_MS)
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    table = dialog.dimension_table
    table.item(3, 0).setText("作风建设")
    table.item(3, 1).setText("在加强作风建设、力戒形式主义方面")
    table.setCurrentCell(3, 0)
    qtbot.mouseClick(dialog.up_button, Qt.MouseButton.LeftButton)
    table.setCurrentCell(0, 0)
    qtbot.mouseClick(dialog.remove_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted
    saved = get_template("user-2026")
    assert [d.short_name for d in saved.dimensions] == ["履职本领", "作风建设", "联系群众"]
    assert saved.dimensions[1].heading == "在加强作风建设、力戒形式主义方面"


def test_a_repeated_short_name_keeps_the_dialog_open_with_the_reason(qtbot, typer, dialog):
    paste(qtbot, dialog, notice("fictional-2026-notice.txt"))
    qtbot.waitUntil(lambda: dialog.dimension_table.rowCount() == 3, timeout=WAIT_MS)
    retype_cell(qtbot, typer, dialog, 2, "理论武装")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert "重复" in dialog.status_label.text() and not user_templates_dir().exists()


def test_a_word_notice_opened_from_a_file(qtbot, dialog, tmp_path, monkeypatch):
    lines = [line for line in notice("2020-niandu-yishi-ershi.txt").splitlines() if line]
    path = write_docx(tmp_path / "通知.docx", "".join(para(line) for line in lines))
    monkeypatch.setattr(dialog, "_ask_open_path", lambda: str(path))
    qtbot.mouseClick(dialog.open_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.dimension_table.rowCount() == 5, timeout=WAIT_MS)
    assert "五中全会" in dialog.notice_edit.toPlainText()
    assert dialog.meeting_edit.text() == "2020年度民主生活会"


def test_templates_dialog_export_delete_import_round_trip(qtbot, dialog, tmp_path, monkeypatch):
    paste(qtbot, dialog, notice("fictional-2026-notice.txt"))
    qtbot.waitUntil(lambda: dialog.dimension_table.rowCount() == 3, timeout=WAIT_MS)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    before = get_template("user-2026")

    manager = UserTemplatesDialog()
    qtbot.addWidget(manager)
    manager.show()
    manager.refresh(select="user-2026")
    target = tmp_path / "exported.toml"
    monkeypatch.setattr(manager, "_ask_save_path", lambda name: str(target))
    monkeypatch.setattr(manager, "_ask_delete", lambda template: True)
    monkeypatch.setattr(manager, "_ask_open_path", lambda: str(target))
    qtbot.mouseClick(manager.export_button, Qt.MouseButton.LeftButton)
    assert target.exists() and str(target) in manager.status_label.text()
    qtbot.mouseClick(manager.delete_button, Qt.MouseButton.LeftButton)
    assert "user-2026" not in {t.id for t in load_templates()}
    qtbot.mouseClick(manager.import_button, Qt.MouseButton.LeftButton)
    assert get_template("user-2026") == before
    assert manager.selected_template().id == "user-2026"
    # Imported again: the user is asked, and keeping theirs changes nothing.
    monkeypatch.setattr(manager, "_ask_replace", lambda: False)
    qtbot.mouseClick(manager.import_button, Qt.MouseButton.LeftButton)
    assert get_template("user-2026") == before
    # A bundled template is exported, never deleted, never imported over itself.
    manager.refresh(select="2025-niandu-wugedaitou")
    assert manager.export_button.isEnabled() and not manager.delete_button.isEnabled()
    qtbot.mouseClick(manager.export_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(manager.import_button, Qt.MouseButton.LeftButton)
    assert "内置模板" in manager.status_label.text()


def test_a_broken_file_in_the_folder_never_stops_the_window(qtbot, library):
    from ui.dialogs.new_material import NewMaterialDialog
    from ui.main_window import MainWindow

    folder = user_templates_dir()
    folder.mkdir(parents=True)
    (folder / "broken.toml").write_text('id = "broken\n[[[', encoding="utf-8")
    window = MainWindow(library)
    qtbot.addWidget(window)
    window.show()
    new = NewMaterialDialog(window)
    qtbot.addWidget(new)
    ids = [new.template_list.item(r).data(TEMPLATE_ROLE) for r in range(new.template_list.count())]
    assert "2025-niandu-wugedaitou" in ids and "broken" not in ids
    window.close()


def test_next_years_draft_proposes_the_users_template_for_that_year(qtbot, dialog):
    from app.templates import material_from_template
    from ui.dialogs.duplicate import DuplicateDialog

    paste(qtbot, dialog, notice("fictional-2026-notice.txt"))
    qtbot.waitUntil(lambda: dialog.dimension_table.rowCount() == 3, timeout=WAIT_MS)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    last_year = material_from_template(get_template("2025-niandu-wugedaitou"), organization="某局")
    duplicate = DuplicateDialog(last_year)
    qtbot.addWidget(duplicate)
    assert duplicate.values() == (2026, "user-2026")
    assert "(my template)" in duplicate.template_combo.currentText()
    # Nothing of 2025's five matches the new three: each old aspect is kept, none dropped.
    assert [old for old, _new in duplicate.mapping_rows()] == [
        d.short_name for d in last_year.sections[0].dimensions
    ]
