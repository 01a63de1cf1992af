"""比较版本 from the 历史版本 dock: save a version, edit, compare, see the change, export PDF."""

from __future__ import annotations

import pdfplumber
import pytest

from tests.ui.helpers_editor import dims_of, make_material, type_text


@pytest.fixture(autouse=True)
def bundled_fonts(monkeypatch):
    monkeypatch.setenv("DUIZHAO_FONTS", "bundled")


@pytest.fixture
def opened(main_window, library):
    mid = make_material(library)
    main_window.open_material(mid)
    return main_window, mid


def _save_version(window, name: str) -> None:
    dock = window.snapshots_dock
    dock.name_combo.setCurrentText(name)
    dock.save_button.click()


def _open_compare(qtbot, window):
    dock = window.snapshots_dock
    dock.compare_button.click()
    dialog = dock.compare_dialog
    assert dialog is not None and dialog.isVisible()
    qtbot.waitUntil(lambda: dialog.diff is not None, timeout=5000)
    return dialog


def test_compare_a_version_with_the_edited_text_and_export_the_pdf(
    qtbot, opened, library, tmp_path
):
    window, mid = opened
    dock = window.snapshots_dock
    assert not dock.compare_button.isEnabled()  # nothing to compare with yet
    _save_version(window, "征求意见稿")
    assert dock.compare_button.isEnabled()

    window.select_node(dims_of(library, mid)[0].points[0].id)
    title = window.findChild(object, "pointTitleEdit")
    title.setFocus()
    title.end(False)
    type_text(title, "，还需加强")
    # compare flushes the typing first: the current text is what is on screen

    dialog = _open_compare(qtbot, window)
    assert dims_of(library, mid)[0].points[0].title.endswith("，还需加强")
    assert dialog.from_combo.currentText().startswith("征求意见稿")
    assert dialog.to_combo.currentText() == "Current text"
    assert "Edited: 1" in dialog.summary.text()
    [item] = [dialog.change_list.item(r) for r in range(dialog.change_list.count())]
    assert item.text().startswith("Edited point") and "（一）" in item.text()
    assert item.toolTip().startswith("【Edited point】一、")
    page = dialog.view.toHtml()
    # the inserted clause alone is highlighted, on the right-hand side
    assert "，还需加强</span>" in page and "text-decoration: underline" in page
    assert dialog.view.toPlainText().count("学习态度不够积极") == 2  # both sides

    target = tmp_path / "修改对照.pdf"
    dialog.ask_pdf_path = lambda: target
    dialog.export_button.click()
    qtbot.waitUntil(lambda: not dialog.summary.text().startswith("Exporting"), timeout=20000)
    assert dialog.summary.text() == f"Exported to {target}"
    with pdfplumber.open(target) as pdf:
        text = "".join(page.extract_text() for page in pdf.pages).replace("\n", "")
    assert "征求意见稿" in text and "还需加强" in text


def test_a_moved_point_is_listed_as_moved(qtbot, opened, library):
    window, mid = opened
    _save_version(window, "征求意见稿")
    point_id = dims_of(library, mid)[0].points[2].id
    material = library.get_material(mid)
    dims = material.sections[0].dimensions
    dims[1].points.append(dims[0].points.pop(2))
    library.replace_material(mid, material)
    window.open_material(mid)
    dialog = _open_compare(qtbot, window)
    assert dialog.diff.count("moved") == 1 and dialog.diff.count("removed") == 0
    [change] = [c for c in dialog.diff.changes if c.kind == "moved"]
    assert change.new.node_id == point_id
    assert "Moved: 1" in dialog.summary.text()


def test_two_versions_and_changes_only(qtbot, opened, library):
    window, mid = opened
    _save_version(window, "征求意见稿")
    library.create_snapshot(mid, "定稿")
    window.snapshots_dock.refresh()
    dialog = _open_compare(qtbot, window)
    dialog.to_combo.setCurrentIndex(dialog.to_combo.findText("定稿", flags=_starts_with()))
    qtbot.waitUntil(lambda: dialog.diff.new_name.startswith("定稿"), timeout=5000)
    assert "The two versions are the same." in dialog.summary.text()
    assert dialog.change_list.count() == 0
    dialog.changes_only.setChecked(False)  # the whole text, unchanged parts too
    assert "学习态度不够积极" in dialog.view.toPlainText()


def test_the_dialog_fits_a_small_screen(qtbot, opened):
    window, _mid = opened
    _save_version(window, "征求意见稿")
    dialog = _open_compare(qtbot, window)
    size = dialog.frameGeometry()
    assert size.width() <= 1366 and size.height() <= 768 - 40
    assert dialog.minimumSizeHint().width() <= 1366


def _starts_with():
    from PySide6.QtCore import Qt

    return Qt.MatchFlag.MatchStartsWith


def test_the_dialog_reads_in_chinese(qtbot, opened, qapp):
    """Under the Chinese UI no English word is left (PDF is the format's name)."""
    import re

    from PySide6.QtWidgets import QAbstractButton, QComboBox, QLabel, QListWidget

    from ui.i18n import install_translators

    window, mid = opened
    _save_version(window, "征求意见稿")
    install_translators(qapp, "zh_CN")
    try:
        dialog = _open_compare(qtbot, window)
        texts = [dialog.windowTitle()]
        texts += [w.text() for w in dialog.findChildren(QLabel)]
        texts += [w.text() for w in dialog.findChildren(QAbstractButton)]
        for combo in dialog.findChildren(QComboBox):
            texts += [combo.itemText(k) for k in range(combo.count())]
        for listing in dialog.findChildren(QListWidget):
            texts += [listing.item(k).text() for k in range(listing.count())]
        texts.append(dialog.view.toPlainText())
        latin = [t for t in texts if re.search(r"[A-Za-z]", t.replace("PDF", ""))]
        assert latin == []
        assert "当前文本" in dialog.to_combo.currentText()
        assert "两个版本内容相同" in dialog.summary.text()
    finally:
        install_translators(qapp, "en")
