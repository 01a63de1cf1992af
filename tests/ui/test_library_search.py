"""Full-text search in the library view: type, see the snippet, click to open."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from ui.dialogs.search_results import snippet_html


def click_item(list_widget, item):
    rect = list_widget.visualItemRect(item)
    QTest.mouseClick(list_widget.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def search_like_a_user(qtbot, view, typer, query):
    view.tree.setFocus()
    QTest.keyClick(view.tree, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is view.search_edit
    typer(view.search_edit, query)
    qtbot.waitUntil(lambda: view.results.isVisible() and view.results.hit_count() > 0, timeout=3000)


def test_search_for_ganka_finds_the_preamble_and_opens_the_material(
    qtbot, seeded_view, seeded_library, typer
):
    search_like_a_user(qtbot, seeded_view, typer, "赶考")
    item = seeded_view.results.item(0)
    assert "【赶考】" in item.text()
    assert not seeded_view.tree.isVisible()
    with qtbot.waitSignal(seeded_view.materialActivated) as opened:
        click_item(seeded_view.results, item)
    assert opened.args == [seeded_library.seed_id]


def test_a_search_hit_in_a_point_requests_that_point(qtbot, seeded_view, seeded_library, typer):
    seed = seeded_library.get_material(seeded_library.seed_id)
    expected = next(p.id for p in seed.all_points() if "输热管爆裂" in p.example)

    search_like_a_user(qtbot, seeded_view, typer, "输热管爆裂")
    assert "【输热管爆裂】" in seeded_view.results.item(0).text()
    with qtbot.waitSignal(seeded_view.nodeRequested) as requested:
        click_item(seeded_view.results, seeded_view.results.item(0))
    assert requested.args == [seed.id, expected]

    # Keyboard only: back to the box, Down into the results, Enter opens the hit.
    seeded_view.search_edit.setFocus()
    QTest.keyClick(seeded_view.search_edit, Qt.Key.Key_Down)
    assert QApplication.focusWidget() is seeded_view.results
    with qtbot.waitSignal(seeded_view.nodeRequested) as requested:
        QTest.keyClick(seeded_view.results, Qt.Key.Key_Return)
    assert requested.args == [seed.id, expected]

    seeded_view.search_edit.setFocus()
    QTest.keyClick(seeded_view.search_edit, Qt.Key.Key_Escape)
    assert seeded_view.tree.isVisible() and not seeded_view.results.isVisible()


def test_a_search_without_hits_says_so(qtbot, seeded_view, typer):
    seeded_view.focus_search()
    typer(seeded_view.search_edit, "没有这句话")
    seeded_view.run_search()
    assert seeded_view.results.hit_count() == 0
    assert "没有这句话" in seeded_view.results.item(0).text()


def test_the_hit_is_bold_and_markup_in_the_text_is_shown_as_text():
    html_text = snippet_html("材料 · 正文", "…走好<新>的【赶考】之路…")
    assert "<b>赶考</b>" in html_text
    assert "&lt;新&gt;" in html_text and "【" not in html_text
    assert "color:gray" in html_text
    assert "color:gray" not in snippet_html("材料", "x", muted_header=False)
