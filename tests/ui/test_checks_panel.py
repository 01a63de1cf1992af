"""The 检查 panel, driven like a user: findings appear while typing, a click shows the place,
Fix is one undo step, Ignore is remembered in the library, and checks never stall the window."""

from __future__ import annotations

import copy

import pytest
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit

from app.checks import run_checks
from app.checks.paths import get_text
from app.exporters.text import export_txt
from app.library import Library
from app.model import Material, material_word_count
from tests.ui.helpers_editor import type_text
from ui.checks_features import install_checks_features
from ui.checks_model import (
    AUTO_EXPAND_ROWS,
    COL_CONTEXT,
    COL_FIX,
    COL_IGNORE,
    COL_MESSAGE,
    COL_WHERE,
)
from ui.outline_model import MATERIAL_KEY

PAGE_CHARS = 22 * 28  # one GB/T 9704 page


@pytest.fixture(autouse=True)
def bundled_fonts(monkeypatch):
    monkeypatch.setenv("DUIZHAO_FONTS", "bundled")


def make_window(qtbot, library, material_id):
    from ui.main_window import MainWindow

    window = MainWindow(library)
    qtbot.addWidget(window)
    install_checks_features(window)
    window.show()
    qtbot.waitExposed(window)
    window.open_material(material_id)
    window.checks_dock.show()
    window.checks_dock.raise_()
    return window


@pytest.fixture
def seed_window(qtbot, seeded_library):
    window = make_window(qtbot, seeded_library, seeded_library.seed_id)
    yield window
    window.close()


def panel_of(window):
    return window.checks_features.panel


def wait_for_checks(qtbot, window, timeout=5000):
    """Until the newest state of the material has been checked and shown."""
    runner = window.checks_features.runner

    def settled():
        return (
            not runner.running
            and not runner.timer.isActive()
            and window.checks_dock.windowTitle() != "Checks"
        )

    qtbot.waitUntil(settled, timeout=timeout)


def click_cell(qtbot, panel, finding, column):
    index = panel.index_of(finding, column)
    assert index.isValid()
    panel.tree.scrollTo(index)
    rect = panel.tree.visualRect(index)
    QTest.mouseClick(
        panel.tree.viewport(),
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
        rect.center(),
    )


def first_point(window):
    return window.material.sections[0].dimensions[0].points[0]


# ----- acceptance: type, see, click, fix, undo ----------------------------------------------
def test_typed_half_width_comma_is_found_shown_fixed_and_the_fix_undone(
    qtbot, seed_window, seeded_library
):
    window, library = seed_window, seeded_library
    point = first_point(window)
    window.select_node(point.id)
    body = window.findChild(QPlainTextEdit, "pointBodyEdit")
    type_text(body, "学习,不够")
    typed = body.toPlainText()
    comma_at = typed.rindex(",")
    panel = panel_of(window)

    def comma_finding():
        return next(
            (
                f
                for f in panel.findings()
                if f.rule == "punct.halfwidth"
                and f.excerpt == ","
                and f.path.endswith("dimensions/0/points/0/body")
            ),
            None,
        )

    qtbot.waitUntil(lambda: comma_finding() is not None, timeout=5000)
    finding = comma_finding()
    assert finding.start == comma_at and finding.fix == "，"
    assert finding.severity == "error"

    window.select_node(MATERIAL_KEY)  # look elsewhere, then click the finding
    click_cell(qtbot, panel, finding, COL_MESSAGE)
    assert window.current_item().key == point.id
    body = window.findChild(QPlainTextEdit, "pointBodyEdit")
    cursor = body.textCursor()
    assert cursor.selectedText() == ","
    assert (cursor.selectionStart(), cursor.selectionEnd()) == (comma_at, comma_at + 1)

    click_cell(qtbot, panel, finding, COL_FIX)
    stored = library.get_material(library.seed_id).sections[0].dimensions[0].points[0].body
    assert stored.endswith("学习，不够")
    assert body.toPlainText().endswith("学习，不够")  # the editor shows the fixed text
    assert comma_finding() is None

    window.actions_by_name["actionUndo"].trigger()
    stored = library.get_material(library.seed_id).sections[0].dimensions[0].points[0].body
    assert stored.endswith("学习,不够")
    qtbot.waitUntil(lambda: comma_finding() is not None, timeout=5000)  # found again after undo
    window.actions_by_name["actionRedo"].trigger()
    assert (
        library.get_material(library.seed_id)
        .sections[0]
        .dimensions[0]
        .points[0]
        .body.endswith("学习，不够")
    )


def test_on_the_seed_the_panel_lists_what_reviewers_send_back(qtbot, seed_window, seeded_library):
    wait_for_checks(qtbot, seed_window)
    panel = panel_of(seed_window)
    shown = panel.findings()
    expected = run_checks(seeded_library.get_material(seeded_library.seed_id))
    assert sorted(shown, key=repr) == sorted(expected, key=repr)  # nothing lost in the grouping
    excerpts = {(f.rule, f.excerpt) for f in shown}
    assert {("placeholder.pinyin", "dangshi"), ("placeholder.pinyin", "mzshh")} <= excerpts
    assert ("punct.ascii_quote", '"') in excerpts
    colon = [f for f in shown if f.rule == "punct.halfwidth" and f.excerpt == ":"]
    assert [f.path for f in colon] == ["problems/dimensions/4/heading_suffix"]
    assert seed_window.checks_dock.windowTitle() == f"Checks ({len(expected)})"
    errors = sum(f.severity == "error" for f in expected)
    assert f"{errors} errors" in panel.summary.text()
    # grouped by rule with a count badge, errors first
    model = panel.model
    top = [model.index(r, 0).data() for r in range(model.rowCount())]
    pinyin = next(t for t in top if t.startswith("Pinyin"))
    assert pinyin.endswith(f"({sum(f.rule == 'placeholder.pinyin' for f in expected)})")
    severities = [g.severity for g in model.groups]
    assert severities == sorted(severities, key=("error", "warning", "hint").index)


def test_clicking_a_finding_selects_it_in_list_and_line_fields(qtbot, seed_window):
    wait_for_checks(qtbot, seed_window)
    panel = panel_of(seed_window)
    mzshh = next(f for f in panel.findings() if f.excerpt == "mzshh" and f.path == "preamble/0")
    preamble_text = seed_window.material.preamble[0]
    context = panel.index_of(mzshh, COL_CONTEXT).data()
    assert (
        context == f"…{preamble_text[mzshh.start - 8 : mzshh.start]}【mzshh】"
        f"{preamble_text[mzshh.end : mzshh.end + 8]}…"
    )
    assert panel.index_of(mzshh, COL_WHERE).data() == "Preamble ¶1"
    click_cell(qtbot, panel, mzshh, COL_CONTEXT)
    preamble = seed_window.findChild(QPlainTextEdit, "preambleEdit")
    assert seed_window.current_item().key == MATERIAL_KEY
    assert preamble.textCursor().selectedText() == "mzshh"
    assert preamble.hasFocus()

    colon = next(f for f in panel.findings() if f.excerpt == ":")
    click_cell(qtbot, panel, colon, COL_MESSAGE)
    suffix = seed_window.findChild(QLineEdit, "dimensionSuffixEdit")
    assert seed_window.current_item().key == seed_window.material.sections[0].dimensions[4].id
    assert suffix.selectedText() == ":"


def test_fixing_the_colon_and_quotes_of_a_heading_frame(qtbot, seed_window, seeded_library):
    wait_for_checks(qtbot, seed_window)
    panel = panel_of(seed_window)
    path = "problems/dimensions/4/heading_suffix"
    for excerpt in (":", '"'):
        finding = next(f for f in panel.findings() if f.path == path and f.excerpt == excerpt)
        click_cell(qtbot, panel, finding, COL_FIX)
    stored = seeded_library.get_material(seeded_library.seed_id)
    assert get_text(stored, path) == "”方面："
    exported = export_txt(stored)
    assert "”方面：" in exported and '"方面:' not in exported


def test_a_fix_in_a_preamble_paragraph_changes_only_that_paragraph(
    qtbot, seed_window, seeded_library
):
    wait_for_checks(qtbot, seed_window)
    panel = panel_of(seed_window)
    before = seeded_library.get_material(seeded_library.seed_id).preamble
    finding = next(f for f in panel.findings() if f.path == "preamble/0" and f.excerpt == "mzshh")
    click_cell(qtbot, panel, finding, COL_FIX)
    after = seeded_library.get_material(seeded_library.seed_id).preamble
    assert after[0] == before[0].replace("mzshh", "民主生活会", 1)
    assert after[1:] == before[1:]
    seed_window.actions_by_name["actionUndo"].trigger()
    assert seeded_library.get_material(seeded_library.seed_id).preamble == before


def test_fix_after_fix_in_one_title_before_the_checks_run_again(qtbot, seed_window, seeded_library):
    wait_for_checks(qtbot, seed_window)
    panel = panel_of(seed_window)
    in_title = [f for f in panel.findings() if f.path == "title" and f.fix is not None]
    assert sorted(f.excerpt for f in in_title) == ['"', '"', "dangshi", "mzshh"]
    runner = seed_window.checks_features.runner
    for excerpt in ("dangshi", "mzshh", '"', '"'):  # click, click, click… faster than a re-run
        finding = next(f for f in panel.findings() if f.path == "title" and f.excerpt == excerpt)
        click_cell(qtbot, panel, finding, COL_FIX)
        assert runner.timer.isActive() and not runner.running
    title = seeded_library.get_material(seeded_library.seed_id).title
    assert title == "县政府党组党史学习教育专题民主生活会“五个带头”对照检查材料"


def test_fix_all_of_one_kind_is_one_undo_step(qtbot, seed_window, seeded_library):
    wait_for_checks(qtbot, seed_window)
    panel = panel_of(seed_window)
    before = seeded_library.get_material(seeded_library.seed_id)
    quotes = [f for f in panel.findings() if f.rule == "punct.ascii_quote"]
    assert len(quotes) > 10
    panel.tree.setCurrentIndex(panel.index_of(quotes[0]))
    stack = seed_window.stack()
    steps = stack.count()
    QTest.mouseClick(panel.fix_group_button, Qt.MouseButton.LeftButton)
    after = seeded_library.get_material(seeded_library.seed_id)
    assert stack.count() == steps + 1
    assert not [f for f in run_checks(after) if f.rule == "punct.ascii_quote"]
    assert '"' not in after.title and "“五个带头”" in after.title
    seed_window.actions_by_name["actionUndo"].trigger()
    restored = seeded_library.get_material(seeded_library.seed_id)
    assert get_text(restored, "title") == before.title
    assert len([f for f in run_checks(restored) if f.rule == "punct.ascii_quote"]) == len(quotes)


def test_a_stale_fix_is_refused_with_a_message_not_applied(qtbot, seed_window, seeded_library):
    wait_for_checks(qtbot, seed_window)
    panel = panel_of(seed_window)
    finding = next(f for f in panel.findings() if f.excerpt == "mzshh" and f.path == "title")
    seeded_library.update_material(seeded_library.seed_id, title="全新的标题")  # changed elsewhere
    seed_window.reload()
    steps = seed_window.stack().count()
    panel.fixRequested.emit(finding)
    assert seed_window.stack().count() == steps
    assert "内容已改动" in seed_window.statusBar().currentMessage()
    assert seeded_library.get_material(seeded_library.seed_id).title == "全新的标题"


# ----- ignore ------------------------------------------------------------------------------
def test_an_ignored_finding_disappears_and_stays_ignored_after_reopening(
    qtbot, seeded_library, tmp_path
):
    window = make_window(qtbot, seeded_library, seeded_library.seed_id)
    wait_for_checks(qtbot, window)
    panel = panel_of(window)
    target = next(f for f in panel.findings() if f.excerpt == "越来愈多")
    total = panel.count()
    click_cell(qtbot, panel, target, COL_IGNORE)
    assert target not in panel.findings()
    assert window.checks_dock.windowTitle() == f"Checks ({total - 1})"
    assert panel.restore_button.isEnabled() and "(1)" in panel.restore_button.text()
    window.close()

    seeded_library.close()  # the library file itself remembers it
    again = Library.open(tmp_path / "lib.db")
    try:
        window = make_window(qtbot, again, seeded_library.seed_id)
        wait_for_checks(qtbot, window)
        panel = panel_of(window)
        assert panel.count() == total - 1
        assert all(f.excerpt != "越来愈多" for f in panel.findings())
        QTest.mouseClick(panel.restore_button, Qt.MouseButton.LeftButton)  # 显示已忽略
        qtbot.waitUntil(
            lambda: any(f.excerpt == "越来愈多" for f in panel.findings()), timeout=5000
        )
        assert again.ignored_findings(seeded_library.seed_id) == set()
        window.close()
    finally:
        again.close()


# ----- off the GUI thread ------------------------------------------------------------------
def big_material(seed: Material, pages: int = 100) -> Material:
    """The seed's sections repeated until the material fills ``pages`` A4 pages."""
    copies = 1
    while True:
        big = copy.deepcopy(seed)
        for section in big.sections:
            section.points = [copy.deepcopy(p) for _ in range(copies) for p in section.points]
            section.dimensions = [
                copy.deepcopy(d) for _ in range(copies) for d in section.dimensions
            ]
        if material_word_count(big) >= pages * PAGE_CHARS:
            return big
        copies += 1


@pytest.fixture
def big_window(qtbot, seeded_library):
    seed = seeded_library.get_material(seeded_library.seed_id)
    big_id = seeded_library.create_material(big_material(seed))
    window = make_window(qtbot, seeded_library, big_id)
    wait_for_checks(qtbot, window, timeout=20000)
    yield window
    window.close()


def test_checks_of_100_pages_run_beside_the_event_loop(qtbot, big_window):
    """Each run is done off the GUI thread: the event loop keeps turning while it runs, and each
    result arrives. (How long the loop may pause is measured by
    benchmarks/bench_gui_responsiveness.py, not asserted here.)"""
    features = big_window.checks_features
    assert features.panel.count() > 1000  # the run really is big
    delivered = []
    features.runner.finished.connect(delivered.append)
    turns_while_running = []
    ticker = QTimer()
    ticker.setInterval(0)
    ticker.timeout.connect(lambda: turns_while_running.append(features.runner.running))
    for runs in (1, 2, 3):
        features.panel.set_groups([])  # each result is a full model swap on the GUI thread
        turns_while_running.clear()
        ticker.start()
        features.runner.run_now()
        qtbot.waitUntil(lambda runs=runs: len(delivered) == runs, timeout=20000)
        ticker.stop()
        assert any(turns_while_running), "the event loop did not turn during the run"
        assert features.panel.count() > 1000


def test_typing_goes_on_while_100_pages_are_checked(qtbot, big_window):
    """Keys typed during a run are handled at once, land in the editor and reach the library;
    the run still finishes. (The time per key is in benchmarks/bench_gui_responsiveness.py.)"""
    runner = big_window.checks_features.runner
    point = big_window.material.sections[0].dimensions[0].points[0]
    big_window.select_node(point.id)
    body = big_window.findChild(QPlainTextEdit, "pointBodyEdit")
    typed = ""
    runner.run_now()
    qtbot.waitUntil(lambda: runner.running, timeout=2000)
    for ch in "学习不够深入,":  # one key per turn of the event loop, as a typist's keys arrive
        if not runner.running:
            break
        type_text(body, ch)
        typed += ch
        assert body.toPlainText().endswith(typed)  # handled now, not after the run
        qtbot.wait(20)
    assert typed, "the run ended before the first key"
    wait_for_checks(qtbot, big_window, timeout=20000)
    assert big_window.autosave.flush()
    stored = big_window.library.get_material(big_window.material_id)
    assert stored.sections[0].dimensions[0].points[0].body.endswith(typed)


def test_big_groups_stay_closed_until_opened_and_stay_as_the_user_left_them(qtbot, big_window):
    panel = panel_of(big_window)
    model, tree = panel.model, panel.tree
    sizes = {g.rule: len(g.rows) for g in model.groups}
    assert max(sizes.values()) > AUTO_EXPAND_ROWS and min(sizes.values()) <= AUTO_EXPAND_ROWS
    for row, group in enumerate(model.groups):
        assert tree.isExpanded(model.index(row, 0)) == (len(group.rows) <= AUTO_EXPAND_ROWS)
    big_row = next(r for r, g in enumerate(model.groups) if len(g.rows) > AUTO_EXPAND_ROWS)
    small_row = next(r for r, g in enumerate(model.groups) if len(g.rows) <= AUTO_EXPAND_ROWS)
    big_rule, small_rule = model.groups[big_row].rule, model.groups[small_row].rule
    tree.expand(model.index(big_row, 0))  # the user opens a big one and closes a small one
    tree.collapse(model.index(small_row, 0))
    panel.set_groups(list(model.groups))  # the next result
    rows = {g.rule: r for r, g in enumerate(model.groups)}
    assert tree.isExpanded(model.index(rows[big_rule], 0))
    assert not tree.isExpanded(model.index(rows[small_rule], 0))


def test_a_result_for_an_older_state_is_dropped(qtbot, big_window):
    runner = big_window.checks_features.runner
    shown = []
    runner.finished.connect(lambda result: shown.append((result.generation, runner.generation)))
    point = big_window.material.sections[0].dimensions[0].points[0]
    big_window.select_node(point.id)
    runner.run_now()
    qtbot.waitUntil(lambda: runner.running, timeout=2000)
    busy_generation = runner.generation  # the state the busy run is checking
    body = big_window.findChild(QPlainTextEdit, "pointBodyEdit")
    type_text(body, "工作,作风")  # typed while the first run is busy
    wait_for_checks(qtbot, big_window, timeout=20000)
    assert shown and all(result == current for result, current in shown)
    assert all(result > busy_generation for result, _current in shown)  # never shown
    panel = panel_of(big_window)
    assert any(
        f.excerpt == ","
        and f.path == "problems/dimensions/0/points/0/body"
        and f.start == body.toPlainText().rindex(",")
        for f in panel.findings()
    )


# ----- around the panel --------------------------------------------------------------------
def test_the_panel_never_claims_no_findings_before_the_first_run(qtbot, seeded_library):
    window = make_window(qtbot, seeded_library, seeded_library.seed_id)
    panel = panel_of(window)
    assert panel.count() == 0 and panel.summary.text() == "Not checked yet"
    wait_for_checks(qtbot, window)
    assert panel.count() > 0 and "Not checked yet" not in panel.summary.text()
    window.close()


def test_no_material_means_an_empty_panel_and_a_plain_title(qtbot, seed_window):
    wait_for_checks(qtbot, seed_window)
    seed_window.close_material()
    qtbot.waitUntil(lambda: panel_of(seed_window).count() == 0, timeout=3000)
    assert seed_window.checks_dock.windowTitle() == "Checks"
    # nothing open is nothing checked: no "no findings" (未发现问题) claimed
    assert panel_of(seed_window).summary.text() == "No material open"


def test_run_checks_action_shows_the_dock_and_install_is_idempotent(qtbot, seed_window):
    features = seed_window.checks_features
    install_checks_features(seed_window)
    assert seed_window.checks_features is features
    assert seed_window.checks_dock.widget() is features.panel
    assert features.panel.objectName() == "checksPanel"
    seed_window.preview_dock.raise_()
    action = seed_window.actions_by_name["actionRunChecks"]
    assert action.isEnabled()
    action.trigger()
    wait_for_checks(qtbot, seed_window)
    assert features.panel.isVisible()
    assert features.panel.count() > 0


def test_buttons_follow_the_selected_row(qtbot, seed_window):
    wait_for_checks(qtbot, seed_window)
    panel = panel_of(seed_window)
    fixable = next(f for f in panel.findings() if f.fix is not None)
    unfixable = next(f for f in panel.findings() if f.fix is None)
    panel.tree.setCurrentIndex(panel.index_of(fixable))
    assert panel.fix_button.isEnabled() and panel.ignore_button.isEnabled()
    panel.tree.setCurrentIndex(panel.index_of(unfixable))
    assert not panel.fix_button.isEnabled() and panel.ignore_button.isEnabled()
    assert (
        panel.model.index(
            panel.index_of(unfixable).row(), COL_FIX, panel.index_of(unfixable).parent()
        ).data()
        == ""
    )
    panel.tree.setCurrentIndex(panel.model.index(0, 0))  # a rule group row
    assert not panel.fix_button.isEnabled() and not panel.ignore_button.isEnabled()


def test_keyboard_user_can_fix_with_the_panel_button(qtbot, seed_window, seeded_library):
    wait_for_checks(qtbot, seed_window)
    panel = panel_of(seed_window)
    typo = next(f for f in panel.findings() if f.excerpt == "拼搏竞劲")
    panel.tree.setCurrentIndex(panel.index_of(typo))
    QTest.mouseClick(panel.fix_button, Qt.MouseButton.LeftButton, pos=QPoint(5, 5))
    stored = seeded_library.get_material(seeded_library.seed_id)
    assert "拼搏竞进" in get_text(stored, typo.path)


def test_ignoring_a_finding_is_undone_by_ctrl_z(qtbot, seeded_library):
    window = make_window(qtbot, seeded_library, seeded_library.seed_id)
    wait_for_checks(qtbot, window)
    panel = panel_of(window)
    target = next(f for f in panel.findings() if f.excerpt == "越来愈多")
    click_cell(qtbot, panel, target, COL_IGNORE)
    assert seeded_library.ignored_findings(seeded_library.seed_id) == {target.key}

    window.findChild(QAction, "actionUndo").trigger()
    assert seeded_library.ignored_findings(seeded_library.seed_id) == set()
    qtbot.waitUntil(lambda: any(f.excerpt == "越来愈多" for f in panel.findings()), timeout=5000)
    window.findChild(QAction, "actionRedo").trigger()
    assert seeded_library.ignored_findings(seeded_library.seed_id) == {target.key}
    window.close()


def test_showing_ignored_findings_again_is_undone_by_ctrl_z(qtbot, seeded_library):
    window = make_window(qtbot, seeded_library, seeded_library.seed_id)
    wait_for_checks(qtbot, window)
    panel = panel_of(window)
    target = next(f for f in panel.findings() if f.excerpt == "越来愈多")
    click_cell(qtbot, panel, target, COL_IGNORE)
    QTest.mouseClick(panel.restore_button, Qt.MouseButton.LeftButton)  # 恢复已忽略
    assert seeded_library.ignored_findings(seeded_library.seed_id) == set()
    qtbot.waitUntil(lambda: any(f.excerpt == "越来愈多" for f in panel.findings()), timeout=5000)

    QTest.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert seeded_library.ignored_findings(seeded_library.seed_id) == {target.key}
    qtbot.waitUntil(lambda: all(f.excerpt != "越来愈多" for f in panel.findings()), timeout=5000)
    window.findChild(QAction, "actionRedo").trigger()
    assert seeded_library.ignored_findings(seeded_library.seed_id) == set()
    window.close()
