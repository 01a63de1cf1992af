"""导出 Word (.docx) in the window, driven like a user."""

from __future__ import annotations

import docx
import pytest
from PySide6.QtWidgets import QWidget

from app.errors import InputError
from app.exporters.title_breaks import break_title
from ui import docx_features, pdf_export_dialog
from ui.docx_features import DocxExportDialog, install_docx_features


@pytest.fixture(autouse=True)
def bundled_fonts(monkeypatch):
    monkeypatch.setenv("DUIZHAO_FONTS", "bundled")


@pytest.fixture
def window(qtbot, seeded_library):
    """The window with Word export installed (twice: install is idempotent), nothing open yet."""
    from ui.main_window import MainWindow

    window = MainWindow(seeded_library)
    qtbot.addWidget(window)
    install_docx_features(window)
    install_docx_features(window)
    window.show()
    qtbot.waitExposed(window)
    yield window
    window.close()


def accept_export_to(monkeypatch, target, prepare=None):
    """Patch the modal dialog: the user types ``target`` (and sets options), then clicks Save."""
    seen = []

    def run(dialog):
        font_parts = [
            w
            for w in dialog.findChildren(QWidget)
            if w.isVisibleTo(dialog)
            and ("Fonts" in getattr(w, "text", str)() or w is dialog.font_report)
        ]
        seen.append((dialog.windowTitle(), font_parts))
        if prepare is not None:
            prepare(dialog)
        dialog.path_edit.setText(str(target))
        dialog.accept()
        return dialog.result() == dialog.DialogCode.Accepted

    monkeypatch.setattr(docx_features, "run_dialog", run)
    return seen


def test_export_word_is_enabled_only_while_a_material_is_open(window, seeded_library):
    action = window.actions_by_name["actionExportDocx"]
    assert not action.isEnabled()
    window.open_material(seeded_library.seed_id)
    assert action.isEnabled()
    assert "Word" in action.toolTip() and "later" not in action.toolTip()
    window.close_material()
    assert not action.isEnabled()


def test_export_word_from_the_window_writes_a_docx_word_reads(
    qtbot, window, seeded_library, tmp_path, monkeypatch
):
    window.open_material(seeded_library.seed_id)
    out = tmp_path / "exports" / "对照检查材料"  # typed without .docx: the dialog adds it
    out.parent.mkdir()
    seen = accept_export_to(monkeypatch, out, lambda d: d.point_paragraphs_check.setChecked(True))
    features = window.docx_features

    with qtbot.waitSignal(features.exported, timeout=10000) as blocker:
        window.actions_by_name["actionExportDocx"].trigger()

    written = blocker.args[0]
    assert written == out.with_name("对照检查材料.docx") and written.is_file()
    assert seen == [("Export Word (.docx)", [])]  # no PDF font report: Word names its fonts
    document = docx.Document(str(written))
    title = seeded_library.get_material(seeded_library.seed_id).title
    assert document.core_properties.title == title
    texts = [p.text for p in document.paragraphs]
    assert texts[0].split("\n") == break_title(title)  # one paragraph, broken between words
    # Each point in its own paragraph, as chosen: the first problem point starts a paragraph.
    assert any(t.startswith("一是学习态度不够积极") for t in texts)
    assert "对照检查材料.docx" in window.statusBar().currentMessage()
    # The same folder and options the PDF export remembers.
    assert pdf_export_dialog.last_folder() == out.parent
    assert pdf_export_dialog.saved_options().point_paragraphs is True
    assert window.actions_by_name["actionExportDocx"].isEnabled()  # not busy any more


def test_the_export_dialog_starts_in_the_last_folder_with_a_docx_name(qtbot, window, tmp_path):
    pdf_export_dialog.remember_folder(tmp_path / "x.pdf")
    dialog = DocxExportDialog("县政府党组/对照检查材料")
    qtbot.addWidget(dialog)
    assert dialog.path_edit.text() == str(tmp_path / "县政府党组_对照检查材料.docx")
    dialog.path_edit.setText(str(tmp_path / "missing" / "a.docx"))
    dialog.accept()
    assert dialog.result() != dialog.DialogCode.Accepted
    assert "does not exist" in dialog.problem_label.text()


def test_a_failed_export_says_why_in_chinese_and_leaves_no_file(
    qtbot, window, seeded_library, tmp_path, monkeypatch
):
    window.open_material(seeded_library.seed_id)
    shown = []
    monkeypatch.setattr(docx_features, "show_error", lambda parent, title, exc: shown.append(exc))

    def refuse(material, path, options, force=False):
        raise InputError(
            "文件正被另一个程序打开（如 Word、WPS 或 PDF 阅读器），请关闭后重试",
            "the file is open in another program",
        )

    monkeypatch.setattr("app.exporters.docx.export_docx", refuse)
    target = tmp_path / "材料.docx"
    accept_export_to(monkeypatch, target)
    features = window.docx_features

    with qtbot.waitSignal(features.export_failed, timeout=10000):
        window.actions_by_name["actionExportDocx"].trigger()

    [error] = shown
    assert "另一个程序" in error.zh
    assert "另一个程序" in window.statusBar().currentMessage()
    assert not target.exists()
    assert window.actions_by_name["actionExportDocx"].isEnabled()


def test_cancelling_the_dialog_writes_nothing(window, seeded_library, tmp_path, monkeypatch):
    window.open_material(seeded_library.seed_id)
    monkeypatch.setattr(docx_features, "run_dialog", lambda dialog: False)
    window.actions_by_name["actionExportDocx"].trigger()
    assert list(tmp_path.glob("**/*.docx")) == []
    assert not window.docx_features.busy
