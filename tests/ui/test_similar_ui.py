"""查重 in the window, driven like a user: run it from the 检查 menu on a material sharing a
planted clause with last year's, click the match (the outline selects the point, the body has
the shared words selected, the source pane shows last year's paragraph), the score in the status
bar, the shared words tinted in the panel until an edit makes them stale, the report exported
as HTML and PDF and read back; a problem repeated from last year listed; a bad 范文 said in
Chinese."""

from __future__ import annotations

import re
import threading

import pdfplumber
import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMenu

from tests.app.compare.similar_samples import COPIED, OWN_TEXT, material
from tests.ui.conftest import type_text
from ui import similar_features
from ui.similar_highlight import SHARED_BACKGROUND

HOSTILE = "<b>粗</b>&amp"
OLD_BODY = f"{OWN_TEXT[0]}{HOSTILE}，{COPIED}。"
NEW_BODY = f"{OWN_TEXT[1]}，{COPIED}。{OWN_TEXT[2]}。"


@pytest.fixture(autouse=True)
def bundled_fonts(monkeypatch):
    monkeypatch.setenv("DUIZHAO_FONTS", "bundled")


def open_window(qtbot, library, mid):
    from ui.main_window import MainWindow

    window = MainWindow(library)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    window.open_material(mid)
    return window


@pytest.fixture
def opened(qtbot, library):
    library.create_material(material([("旧题", OLD_BODY)], year=2021))
    mid = library.create_material(material([("新题", NEW_BODY)]))
    window = open_window(qtbot, library, mid)
    yield window, library, mid
    window.close()


def run_from_menu(qtbot, window) -> None:
    menu = window.findChild(QMenu, "menuCheck")
    action = next(a for a in menu.actions() if a.objectName() == "actionSimilarity")
    assert action.isEnabled()
    action.trigger()
    feature = window.similarity
    qtbot.waitUntil(lambda: feature.report is not None, timeout=10000)


def click_row(tree, row: int) -> None:
    item = tree.topLevelItem(row)
    QTest.mouseClick(
        tree.viewport(), Qt.MouseButton.LeftButton, pos=tree.visualItemRect(item).center()
    )


def tinted(editor) -> list[tuple[int, int]]:
    """The (start, end) runs of the editor's first paragraph drawn on the 查重 tint."""
    formats = editor.document().firstBlock().layout().formats()
    return [
        (f.start, f.start + f.length)
        for f in formats
        if f.format.background().color() == SHARED_BACKGROUND
    ]


def test_run_click_a_match_and_see_the_source_passage(qtbot, opened):
    window, library, mid = opened
    run_from_menu(qtbot, window)
    panel = window.similarity.panel
    assert window.similarity.dock.isVisible()
    assert panel.match_tree.topLevelItemCount() == 1
    row = panel.match_tree.topLevelItem(0)
    assert row.text(3) == COPIED and "2021" in row.text(1) and "正文" in row.text(0)
    click_row(panel.match_tree, 0)
    point = library.get_material(mid).sections[0].dimensions[0].points[0]
    assert window.current_item().key == point.id  # the outline selects the point
    body = window.panels.panels["point"].body_edit
    assert body.textCursor().selectedText() == COPIED  # the shared words, selected
    source = panel.source_view.toPlainText()
    assert OLD_BODY in source and "2021" in source  # last year's paragraph, as typed
    # the score: 18 shared characters of the material's 58 (punctuation not counted)
    assert window.findChild(type(window.similarity.score_label), "statusSimilarity").text() == (
        "Similarity 31%"
    )
    start = NEW_BODY.index(COPIED)
    assert tinted(body) == [(start, start + len(COPIED))]  # highlighted in the panel

    # An edit makes the offsets stale: the tint goes, the score says so, no report meanwhile.
    cursor = body.textCursor()
    cursor.setPosition(0)
    body.setTextCursor(cursor)
    body.setFocus()
    type_text(body, "再")
    assert tinted(body) == []
    assert "changed" in window.similarity.score_label.text()
    assert not panel.export_button.isEnabled()
    QTest.mouseClick(panel.run_button, Qt.MouseButton.LeftButton)  # run again: current again
    qtbot.waitUntil(lambda: panel.export_button.isEnabled(), timeout=10000)
    assert tinted(body) == [(start + 1, start + 1 + len(COPIED))]
    assert library.get_material(mid).sections[0].dimensions[0].points[0].body == "再" + NEW_BODY


@pytest.mark.parametrize("suffix", [".html", ".pdf"])
def test_export_the_report_and_read_it_back(qtbot, opened, monkeypatch, tmp_path, suffix):
    window, _library, _mid = opened
    run_from_menu(qtbot, window)
    target = tmp_path / f"查重报告{suffix}"
    monkeypatch.setattr(similar_features, "ask_report_path", lambda parent, suggested: str(target))
    QTest.mouseClick(window.similarity.panel.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(target.exists, timeout=20000)
    qtbot.waitUntil(lambda: "Exported" in window.statusBar().currentMessage(), timeout=5000)
    if suffix == ".html":
        text = target.read_text(encoding="utf-8")
        assert text.count(f"<mark>{COPIED}</mark>") == 2  # this material's and the source's
        assert OWN_TEXT[1] in text and "&lt;b&gt;粗&lt;/b&gt;&amp;amp" in text
        assert "<b>粗" not in text
    else:
        with pdfplumber.open(target) as pdf:
            text = re.sub(r"\s+", "", "".join(p.extract_text() or "" for p in pdf.pages))
        assert text.count(COPIED) == 2
        assert OWN_TEXT[1] in text and OWN_TEXT[0] + HOSTILE in text


def test_a_problem_repeated_from_last_year_is_listed_and_selects_its_point(qtbot, library):
    same = (f"{OWN_TEXT[3]}", f"{OWN_TEXT[4]}，{COPIED}。")
    library.create_material(material([same], year=2021))
    mid = library.create_material(material([same, ("新题", OWN_TEXT[5])]))
    window = open_window(qtbot, library, mid)
    try:
        run_from_menu(qtbot, window)
        panel = window.similarity.panel
        assert panel.repeat_tree.topLevelItemCount() == 1
        row = panel.repeat_tree.topLevelItem(0)
        assert row.text(0) == OWN_TEXT[3] and row.text(3) == "整改情况未知"
        assert "(1)" in panel.tabs.tabText(1)
        window.select_node(library.get_material(mid).sections[1].id)
        panel.tabs.setCurrentIndex(1)
        click_row(panel.repeat_tree, 0)
        assert window.current_item().key == library.get_material(mid).all_points()[0].id
    finally:
        window.close()


def test_a_model_text_that_cannot_be_read_is_said_in_chinese(qtbot, opened, monkeypatch, tmp_path):
    window, _library, _mid = opened
    bad = tmp_path / "范文.pdf"
    bad.write_bytes(b"%PDF-1.4")
    monkeypatch.setattr(similar_features, "ask_against_file", lambda parent: str(bad))
    panel = window.similarity.panel
    window.similarity.open_and_run()
    qtbot.waitUntil(lambda: window.similarity.report is not None, timeout=10000)
    panel.addFileRequested.emit()  # 对照范文… → 添加文件…
    assert panel.against == [str(bad)] and "范文.pdf" in panel.against_label.text()
    QTest.mouseClick(panel.run_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "不支持的文件类型" in panel.summary.text(), timeout=10000)
    assert panel.run_button.isEnabled()


def test_the_dock_offers_the_scopes_and_default_of_the_core_without_loading_it():
    from app.compare import similar
    from ui import similar_panel

    assert similar_panel.SCOPES == similar.SCOPES
    assert similar_panel.DEFAULT_MIN_CHARS == similar.DEFAULT_MIN_CHARS


def test_a_slow_run_can_be_stopped_and_shows_nothing(qtbot, opened, monkeypatch):
    window, _library, _mid = opened
    release = threading.Event()
    real_run = similar_features._run

    def slow(*args):
        release.wait(10)
        return real_run(*args)

    monkeypatch.setattr(similar_features, "_run", slow)
    window.similarity.open_and_run()
    panel = window.similarity.panel
    assert panel.run_button.text() == "Stop"
    QTest.mouseClick(panel.run_button, Qt.MouseButton.LeftButton)
    assert panel.run_button.text() == "Run" and panel.summary.text() == "Stopped."
    release.set()
    qtbot.waitUntil(lambda: not window.similarity.runner.busy(), timeout=10000)
    assert window.similarity.report is None and panel.match_tree.topLevelItemCount() == 0
    assert window.similarity.score_label.text() == ""
