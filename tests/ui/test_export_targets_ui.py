"""The window's save dialogs never write onto the open library (under any name) and replace a
read-only file only when the user agrees (issue 13, findings 1 and 4), driven like a user."""

from __future__ import annotations

import os
import stat
import sys

import docx
import pytest
from PySide6.QtCore import Qt

from ui import docx_features, export_target, pdf_export_dialog, pdf_features
from ui.docx_features import install_docx_features
from ui.pdf_features import install_pdf_features

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="POSIX links and modes")


@pytest.fixture(autouse=True)
def bundled_fonts(monkeypatch):
    monkeypatch.setenv("DUIZHAO_FONTS", "bundled")


@pytest.fixture
def window(qtbot, seeded_library):
    from ui.main_window import MainWindow

    window = MainWindow(seeded_library)
    qtbot.addWidget(window)
    install_pdf_features(window)
    install_docx_features(window)
    window.show()
    qtbot.waitExposed(window)
    window.open_material(seeded_library.seed_id)
    yield window
    window.close()


def type_in_save_dialog(monkeypatch, module, target) -> None:
    """The user types ``target`` into the PDF/Word export dialog and clicks Save."""

    def run(dialog):
        dialog.path_edit.setText(str(target))
        dialog.accept()
        return dialog.result() == dialog.DialogCode.Accepted

    monkeypatch.setattr(module, "run_dialog", run)


def library_intact(library) -> None:
    library.create_material(library.get_material(library.seed_id))  # still open and writable
    assert len(library.list_materials()) == 2
    assert library.path.stat().st_size > 0


@posix_only
def test_text_export_onto_the_open_library_is_refused_in_chinese(
    window, seeded_library, tmp_path, monkeypatch
):
    link = tmp_path / "材料.txt"
    link.symlink_to(seeded_library.path)
    hard = tmp_path / "材料.json"
    os.link(seeded_library.path, hard)
    for chosen, export in ((link, window.export_txt), (hard, window.export_json)):
        monkeypatch.setattr(window, "_ask_save_path", lambda *a, c=chosen: str(c))
        assert export() is None
        assert "材料库本身" in window.status_saved.text()
    assert os.path.samefile(link, seeded_library.path) and os.path.samefile(
        hard, seeded_library.path
    )
    hard.unlink()  # (a hard-linked library is refused for writing when opened next)
    library_intact(seeded_library)


@posix_only
def test_pdf_export_onto_a_link_to_the_library_is_refused(
    qtbot, window, seeded_library, tmp_path, monkeypatch
):
    link = tmp_path / "对照检查材料.pdf"
    link.symlink_to(seeded_library.path)
    shown = []
    monkeypatch.setattr(pdf_features, "show_error", lambda parent, title, exc: shown.append(exc))
    type_in_save_dialog(monkeypatch, pdf_export_dialog, link)
    window.actions_by_name["actionExportPdf"].trigger()
    [error] = shown
    assert "材料库本身" in error.zh
    assert "材料库本身" in window.statusBar().currentMessage()
    assert link.is_symlink() and os.path.samefile(link, seeded_library.path)
    assert window.actions_by_name["actionExportPdf"].isEnabled()  # nothing started
    library_intact(seeded_library)


@posix_only
def test_word_export_onto_a_read_only_file_asks_first(qtbot, window, tmp_path, monkeypatch):
    target = tmp_path / "上报稿.docx"
    target.write_bytes(b"old")
    target.chmod(0o444)
    type_in_save_dialog(monkeypatch, docx_features, target)
    asked = []
    monkeypatch.setattr(
        export_target, "confirm_replace_read_only", lambda parent, path: asked.append(path) or False
    )
    window.actions_by_name["actionExportDocx"].trigger()
    assert asked == [target] and target.read_bytes() == b"old"

    monkeypatch.setattr(
        export_target, "confirm_replace_read_only", lambda parent, path: asked.append(path) or True
    )
    with qtbot.waitSignal(window.docx_features.exported, timeout=10000):
        window.actions_by_name["actionExportDocx"].trigger()
    assert len(asked) == 2
    assert window.material.title in docx.Document(str(target)).core_properties.title
    assert stat.S_IMODE(target.stat().st_mode) == 0o444


def test_the_read_only_question_names_the_file_and_defaults_to_no(window, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    asked = []

    def question(parent, title, text, buttons, default):
        asked.append((text, default))
        return QMessageBox.StandardButton.Yes if len(asked) > 1 else default

    monkeypatch.setattr(QMessageBox, "question", staticmethod(question))
    assert export_target.confirm_replace_read_only(window, tmp_path / "a.docx") is False
    assert export_target.confirm_replace_read_only(window, tmp_path / "a.docx") is True
    assert str(tmp_path / "a.docx") in asked[0][0]
    assert asked[0][1] == QMessageBox.StandardButton.No


def test_a_file_name_over_255_bytes_is_a_problem_shown_in_the_dialog(qtbot, window, tmp_path):
    dialog = pdf_export_dialog.PdfExportDialog("材料", window)
    qtbot.addWidget(dialog)
    dialog.path_edit.setText(str(tmp_path / ("材料" * 50)))  # 300 bytes in UTF-8, plus ".pdf"
    dialog.accept()  # today: an OSError escapes the slot
    assert dialog.result() != dialog.DialogCode.Accepted
    assert "文件名过长" in dialog.problem_label.text()


def _templates_manager(qtbot, monkeypatch, target):
    """模板管理 with a bundled template selected; the user types ``target`` in its save dialog."""
    from ui.dialogs.user_templates import UserTemplatesDialog

    manager = UserTemplatesDialog()
    qtbot.addWidget(manager)
    manager.show()
    manager.refresh(select="2025-niandu-wugedaitou")
    monkeypatch.setattr(manager, "_ask_save_path", lambda name: str(target))
    return manager


@posix_only
def test_template_export_onto_a_read_only_file_asks_first(qtbot, tmp_path, monkeypatch):
    target = tmp_path / "模板.toml"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o444)
    manager = _templates_manager(qtbot, monkeypatch, target)
    asked = []
    monkeypatch.setattr(
        export_target, "confirm_replace_read_only", lambda parent, path: asked.append(path) or False
    )
    qtbot.mouseClick(manager.export_button, Qt.MouseButton.LeftButton)
    assert asked == [target] and target.read_text(encoding="utf-8") == "old"

    monkeypatch.setattr(
        export_target, "confirm_replace_read_only", lambda parent, path: asked.append(path) or True
    )
    qtbot.mouseClick(manager.export_button, Qt.MouseButton.LeftButton)
    assert len(asked) == 2
    assert 'id = "2025-niandu-wugedaitou"' in target.read_text(encoding="utf-8")
    assert str(target) in manager.status_label.text()
    assert stat.S_IMODE(target.stat().st_mode) == 0o444


@posix_only
def test_template_export_onto_a_link_to_the_open_library_is_refused(
    qtbot, window, seeded_library, tmp_path, monkeypatch
):
    link = tmp_path / "模板.toml"
    os.symlink(seeded_library.path, link)
    manager = _templates_manager(qtbot, monkeypatch, link)
    qtbot.mouseClick(manager.export_button, Qt.MouseButton.LeftButton)
    assert "材料库" in manager.status_label.text()
    assert link.is_symlink()
    library_intact(seeded_library)
