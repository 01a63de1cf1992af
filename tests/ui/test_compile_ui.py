"""The 汇编 journey in the window: select materials in the library list, open 汇编…, reorder
with the keyboard, run, and find the file with the materials in that order; a cancel half-way
writes nothing; the Word format too."""

from __future__ import annotations

import copy
import threading

import docx
import pypdf
import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from app.importers.text import import_text_file
from app.model import Material, Point, Section

HANG_GUARD_MS = 60_000


@pytest.fixture(autouse=True)
def bundled_fonts(monkeypatch):
    monkeypatch.setenv("DUIZHAO_FONTS", "bundled")


def _member(title: str, author: str, rank: int) -> Material:
    return Material(
        title=title,
        organization="县政府党组",
        scope="individual",
        author=author,
        rank=rank,
        year=2021,
        sections=[Section(kind="problems", heading="存在的问题", points=[Point(title="学习不够")])],
    )


@pytest.fixture
def three_ids(library, seed_path):
    seed, _report = import_text_file(seed_path)
    second = library.create_material(_member("李四同志个人对照检查材料", "李四", 2))
    first = library.create_material(_member("张三同志个人对照检查材料", "张三", 1))
    group = library.create_material(seed)
    return group, first, second


def open_compile_dialog(window, qtbot, ids):
    view = window.library_view
    view.refresh()
    view.tree.clearSelection()
    for material_id in ids:
        view.material_item(material_id).setSelected(True)
    window.actions_by_name["actionCompile"].trigger()
    dialog = window.compile_features.dialog
    assert dialog is not None and dialog.isVisible()
    return dialog


def outline_titles(path) -> list[str]:
    return [i.title for i in pypdf.PdfReader(path).outline if not isinstance(i, list)]


def test_select_reorder_compile_and_read_the_pdf(main_window, qtbot, library, three_ids, tmp_path):
    group, first, second = three_ids
    window = main_window
    assert "actionCompile" in [
        a.objectName() for a in window.findChild(object, "menuExport").actions()
    ]
    dialog = open_compile_dialog(window, qtbot, [second, group])
    # 班子 first, then members by rank; the two selected in the library are ticked.
    assert dialog.listed_ids() == [group, first, second]
    assert dialog.chosen_ids() == [group, second]
    assert dialog.unit_edit.text() == "县政府党组"
    # The user moves 李四 above 张三 with the keyboard, and ticks 张三 too.
    dialog.materials.setFocus()
    dialog.materials.setCurrentRow(2)
    QTest.keyClick(dialog.materials, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert dialog.listed_ids() == [group, second, first]
    dialog.materials.item(2).setCheckState(Qt.CheckState.Checked)
    target = tmp_path / "汇编.pdf"
    dialog.path_edit.setText(str(target))
    dialog.title_edit.setText("县政府党组民主生活会材料汇编")
    qtbot.mouseClick(dialog.run_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.running, timeout=HANG_GUARD_MS)
    assert target.is_file(), dialog.message.text()
    assert outline_titles(target) == [
        "目录",
        library.get_material(group).title,
        "李四同志个人对照检查材料",
        "张三同志个人对照检查材料",
    ]
    assert "县政府党组民主生活会材料汇编" in pypdf.PdfReader(target).pages[0].extract_text()
    assert str(target) in dialog.message.text()
    # Back to the default order with one click.
    qtbot.mouseClick(dialog.findChild(object, "compileByRank"), Qt.MouseButton.LeftButton)
    assert dialog.listed_ids() == [group, first, second]
    assert dialog.chosen_ids() == [group, first, second]


def test_word_format_writes_a_docx(main_window, qtbot, three_ids, tmp_path):
    dialog = open_compile_dialog(main_window, qtbot, list(three_ids))
    dialog.path_edit.setText(str(tmp_path / "汇编.pdf"))
    dialog.format_combo.setCurrentIndex(1)
    assert dialog.path_edit.text() == str(tmp_path / "汇编.docx")
    qtbot.mouseClick(dialog.run_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.running, timeout=HANG_GUARD_MS)
    document = docx.Document(tmp_path / "汇编.docx")
    titles = [p.text for p in document.paragraphs if p.style.name == "汇编材料标题"]
    assert titles[1:] == ["张三同志个人对照检查材料", "李四同志个人对照检查材料"]


def test_cancel_half_way_writes_nothing_and_a_second_run_works(
    main_window, qtbot, library, seed_path, tmp_path, monkeypatch
):
    # The work waits after its first material until the user has clicked 取消: a fast machine
    # would otherwise finish 40 materials before the click (the test would not be "half way").
    from app.exporters import compile_pdf

    clicked = threading.Event()
    render = compile_pdf.render_compiled_pdf

    def render_waiting_for_the_click(materials, options, progress):
        def report(done, total):
            progress(done, total)
            if done >= 1:
                clicked.wait(HANG_GUARD_MS / 1000)

        return render(materials, options, report)

    monkeypatch.setattr(compile_pdf, "render_compiled_pdf", render_waiting_for_the_click)
    seed, _report = import_text_file(seed_path)
    ids = [library.create_material(copy.deepcopy(seed)) for _ in range(40)]
    dialog = open_compile_dialog(main_window, qtbot, ids)
    assert len(dialog.chosen_ids()) == 40
    target = tmp_path / "汇编.pdf"
    dialog.path_edit.setText(str(target))
    qtbot.mouseClick(dialog.run_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.progress.value() > 0, timeout=HANG_GUARD_MS)
    assert dialog.progress.value() < dialog.progress.maximum()
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    clicked.set()
    assert not dialog.running and dialog.run_button.isEnabled()
    runner = main_window.compile_features.runner
    qtbot.waitUntil(lambda: not runner.busy(), timeout=HANG_GUARD_MS)
    assert not target.exists()
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix == ".pdf") == []

    for i in range(2, 40):  # a smaller compilation then runs to the end
        dialog.materials.item(i).setCheckState(Qt.CheckState.Unchecked)
    qtbot.mouseClick(dialog.run_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.running, timeout=HANG_GUARD_MS)
    assert len(outline_titles(target)) == 3


def test_nothing_ticked_is_said_in_the_dialog(main_window, qtbot, three_ids, tmp_path):
    dialog = open_compile_dialog(main_window, qtbot, [three_ids[0]])
    qtbot.mouseClick(dialog.findChild(object, "compileNone"), Qt.MouseButton.LeftButton)
    dialog.path_edit.setText(str(tmp_path / "x.pdf"))
    qtbot.mouseClick(dialog.run_button, Qt.MouseButton.LeftButton)
    assert not dialog.running and dialog.message.text()
    assert not (tmp_path / "x.pdf").exists()


def test_a_target_that_cannot_be_written_is_said_in_the_dialog(
    main_window, qtbot, three_ids, tmp_path
):
    dialog = open_compile_dialog(main_window, qtbot, list(three_ids))
    folder = tmp_path / "是文件夹.pdf"
    folder.mkdir()
    for target in (tmp_path / "没有这个文件夹" / "汇编.pdf", folder):
        dialog.path_edit.setText(str(target))
        qtbot.mouseClick(dialog.run_button, Qt.MouseButton.LeftButton)
        assert not dialog.running
        assert dialog.message.text() and "color" in dialog.message.styleSheet()
    assert not (tmp_path / "没有这个文件夹").exists() and folder.is_dir()
    assert not list(folder.iterdir())
