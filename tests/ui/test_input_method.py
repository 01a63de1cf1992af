"""Input methods on Linux (issue 12): the start-up decision for each desktop the issue measured,
putting the user's variables back, what 帮助 → 关于 → 输入法 reports, and the caret rectangle
the editor gives the input method (where the candidate window goes).

The rows of the issue's table, with what Qt did before the set-up:
  XMODIFIERS=@im=fcitx, QT_IM_MODULE unset      → compose ("nihao ")
  QT_IM_MODULE=fcitx or fcitx5                  → compose
  QT_IM_MODULE=ibus, no ibus-daemon (fcitx 5)   → compose
  QT_IM_MODULE=ibus + IBUS_USE_PORTAL=1         → ibus (你好)
  QT_IM_MODULES=fcitx;ibus + IBUS_USE_PORTAL=1  → ibus (你好)
  real ibus-daemon, QT_IM_MODULE=ibus           → ibus (你好)
  real ibus-daemon, QT_IM_MODULE unset          → compose
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QPlainTextEdit

from tests.ui.helpers_editor import dims_of, make_material, type_text
from ui import input_method
from ui.about import AboutDialog
from ui.i18n import install_translators, remove_translators
from ui.input_method import (
    ROUTE_DEFAULT,
    ROUTE_EXPLICIT,
    ROUTE_FCITX,
    ROUTE_IBUS,
    ROUTE_IBUS_PORTAL,
    ROUTE_NOT_LINUX,
    Diagnosis,
    Plan,
    Startup,
    plan,
)

FCITX_ROUTE = {"QT_IM_MODULES": "fcitx;ibus", "QT_IM_MODULE": "ibus", "IBUS_USE_PORTAL": "1"}


def linux(env: dict, ibus_daemon: bool = False) -> Plan:
    return plan(env, platform="linux", ibus_daemon_on_path=ibus_daemon)


# ----- the decision, row by row ------------------------------------------------------------------
@pytest.mark.parametrize(
    "hint",
    [
        {"XMODIFIERS": "@im=fcitx"},
        {"XMODIFIERS": "@im=fcitx5"},
        {"GTK_IM_MODULE": "fcitx"},
        {"INPUT_METHOD": "fcitx5"},
    ],
)
def test_a_fcitx_desktop_without_qt_im_module_is_sent_through_the_ibus_portal(hint):
    chosen = linux(hint)
    assert chosen.route == ROUTE_FCITX
    assert chosen.changes == FCITX_ROUTE


@pytest.mark.parametrize("module", ["fcitx", "fcitx5"])
def test_qt_im_module_fcitx_keeps_fcitx_first_and_adds_ibus_behind_it(module):
    # a real fcitx plugin, should the user have put one where Qt finds it, still wins
    chosen = linux({"QT_IM_MODULE": module, "XMODIFIERS": "@im=fcitx"})
    assert chosen.route == ROUTE_FCITX
    assert chosen.changes == {
        "QT_IM_MODULES": f"{module};ibus",
        "QT_IM_MODULE": "ibus",
        "IBUS_USE_PORTAL": "1",
    }


def test_qt_im_module_ibus_without_ibus_daemon_gets_the_portal_it_needs():
    # fcitx 5 machine: Qt's ibus plugin refuses to start without ibus-daemon on PATH
    chosen = linux({"QT_IM_MODULE": "ibus", "XMODIFIERS": "@im=fcitx"})
    assert chosen.route == ROUTE_IBUS_PORTAL
    assert chosen.changes == {"IBUS_USE_PORTAL": "1"}


def test_a_working_ibus_portal_choice_is_left_as_it_is():
    chosen = linux({"QT_IM_MODULE": "ibus", "IBUS_USE_PORTAL": "1"})
    assert (chosen.route, chosen.changes) == (ROUTE_IBUS, {})


def test_the_measured_list_with_the_portal_only_gains_the_single_variable():
    chosen = linux({"QT_IM_MODULES": "fcitx;ibus", "IBUS_USE_PORTAL": "1"})
    assert chosen.route == ROUTE_FCITX
    assert chosen.changes == {"QT_IM_MODULES": "fcitx;ibus", "QT_IM_MODULE": "ibus"}


def test_real_ibus_with_qt_im_module_ibus_is_left_as_it_is():
    chosen = linux({"QT_IM_MODULE": "ibus", "XMODIFIERS": "@im=ibus"}, ibus_daemon=True)
    assert (chosen.route, chosen.changes) == (ROUTE_IBUS, {})


@pytest.mark.parametrize(
    "hint", [{"XMODIFIERS": "@im=ibus"}, {"GTK_IM_MODULE": "ibus"}, {"INPUT_METHOD": "ibus"}]
)
def test_real_ibus_with_qt_im_module_unset_is_asked_for_instead_of_compose(hint):
    chosen = linux(hint, ibus_daemon=True)
    assert chosen.route == ROUTE_IBUS
    assert chosen.changes == {"QT_IM_MODULE": "ibus"}


def test_an_ibus_desktop_without_ibus_daemon_on_path_uses_the_portal():
    chosen = linux({"XMODIFIERS": "@im=ibus"})
    assert chosen.changes == {"QT_IM_MODULE": "ibus", "IBUS_USE_PORTAL": "1"}


# ----- explicit choices, other systems, nothing said ----------------------------------------------
@pytest.mark.parametrize("module", ["compose", "xim", "none", "qtvirtualkeyboard", "wayland"])
def test_other_explicit_choices_are_never_overridden(module):
    chosen = linux({"QT_IM_MODULE": module, "XMODIFIERS": "@im=fcitx"})
    assert (chosen.route, chosen.changes) == (ROUTE_EXPLICIT, {})


def test_a_portal_setting_of_the_user_is_kept_whatever_its_value():
    chosen = linux({"XMODIFIERS": "@im=fcitx", "IBUS_USE_PORTAL": "0"})
    assert "IBUS_USE_PORTAL" not in chosen.changes  # Qt only asks whether it is set


def test_no_input_method_in_the_environment_changes_nothing():
    assert linux({"LANG": "zh_CN.UTF-8"}) == Plan(ROUTE_DEFAULT, {}, False)


@pytest.mark.parametrize("system", ["win32", "darwin"])
def test_windows_and_macos_are_left_to_their_own_input_methods(system):
    assert plan({"XMODIFIERS": "@im=fcitx"}, platform=system).route == ROUTE_NOT_LINUX


# ----- Wayland: the compositor's text-input protocol stays first ---------------------------------
@pytest.mark.parametrize(
    "session",
    [
        {"XDG_SESSION_TYPE": "wayland"},
        {"WAYLAND_DISPLAY": "wayland-0"},
        {"QT_QPA_PLATFORM": "wayland"},
    ],
)
def test_wayland_with_fcitx_keeps_text_input_first_and_falls_back_to_the_portal(session):
    chosen = linux({**session, "XMODIFIERS": "@im=fcitx"})
    assert chosen.wayland
    assert chosen.changes["QT_IM_MODULES"] == "wayland;fcitx;ibus"
    assert chosen.changes["IBUS_USE_PORTAL"] == "1"


def test_wayland_without_an_input_method_variable_is_left_to_text_input():
    chosen = linux({"XDG_SESSION_TYPE": "wayland", "WAYLAND_DISPLAY": "wayland-0"})
    assert (chosen.route, chosen.changes) == (ROUTE_DEFAULT, {})


def test_wayland_with_ibus_keeps_text_input_first():
    chosen = linux({"XDG_SESSION_TYPE": "wayland", "XMODIFIERS": "@im=ibus"}, ibus_daemon=True)
    assert chosen.changes == {"QT_IM_MODULES": "wayland;ibus"}


def test_a_users_wayland_list_keeps_its_order_and_gains_ibus_after_fcitx():
    chosen = linux(
        {"XDG_SESSION_TYPE": "wayland", "QT_IM_MODULES": "wayland;fcitx", "QT_IM_MODULE": "fcitx"}
    )
    assert chosen.changes["QT_IM_MODULES"] == "wayland;fcitx;ibus"


def test_xcb_forced_in_a_wayland_session_gets_the_x11_route():
    chosen = linux(
        {"XDG_SESSION_TYPE": "wayland", "QT_QPA_PLATFORM": "xcb", "XMODIFIERS": "@im=fcitx"}
    )
    assert not chosen.wayland and chosen.changes == FCITX_ROUTE


# ----- setting and restoring the process environment --------------------------------------------
def test_restore_puts_back_the_users_values_and_removes_what_start_up_added(qapp):
    environ = {"QT_IM_MODULE": "fcitx", "XMODIFIERS": "@im=fcitx"}
    chosen = linux(environ)
    startup = Startup(chosen, dict(environ))
    environ.update(chosen.changes)  # what prepare() does before QApplication
    assert environ["QT_IM_MODULE"] == "ibus" and environ["IBUS_USE_PORTAL"] == "1"

    input_method.restore(startup, environ)

    assert environ == {"QT_IM_MODULE": "fcitx", "XMODIFIERS": "@im=fcitx"}


def test_prepare_changes_nothing_once_qt_has_chosen_its_input_context(qapp):
    environ = {"XMODIFIERS": "@im=fcitx"}
    startup = input_method.prepare(environ)
    assert startup.plan.changes == {} and environ == {"XMODIFIERS": "@im=fcitx"}
    assert startup.user_environment["XMODIFIERS"] == "@im=fcitx"


# ----- what is active, what runs ------------------------------------------------------------------
PLUGINS = "/opt/PySide6/Qt/plugins/platforminputcontexts"


def maps_with(*names: str) -> str:
    lines = ["7f00-7f10 r--p 00000000 08:01 1 /usr/lib/x86_64-linux-gnu/libc.so.6"]
    lines += [
        f"7f20-7f30 r-xp 00000000 08:01 2 {PLUGINS}/lib{n}platforminputcontextplugin.so"
        for n in names
    ]
    return "\n".join(lines)


def test_the_loaded_plugins_are_read_from_the_memory_map():
    assert input_method.loaded_input_context_plugins(maps_with("ibus", "ibus")) == ["ibus"]
    assert input_method.loaded_input_context_plugins(maps_with()) == []


@pytest.mark.parametrize(
    ("loaded", "platform_name", "active"),
    [
        (["ibus"], "xcb", "ibus"),
        (["ibus", "compose"], "xcb", "compose"),  # ibus refused: compose is the fallback
        (["compose"], "xcb", "compose"),
        ([], "wayland", "wayland-text-input"),
        ([], "offscreen", "none"),
        (["ibus"], "offscreen", "none"),  # loaded but maybe refused: headless Qt has no fallback
        (["fcitx5"], "xcb", "fcitx5"),  # a real fcitx 5 plugin the user installed
    ],
)
def test_the_active_input_context_follows_from_what_qt_loaded(loaded, platform_name, active):
    assert input_method.active_input_context(loaded, platform_name, platform="linux") == active


def test_running_input_methods_are_found_by_process_name(tmp_path):
    for pid, name in ((10, "fcitx"), (11, "bash"), (12, "ibus-daemon")):
        (tmp_path / str(pid)).mkdir()
        (tmp_path / str(pid) / "comm").write_text(name + "\n")
    (tmp_path / "self").mkdir()
    assert input_method.running_input_methods(tmp_path) == ["fcitx", "ibus-daemon"]


def diagnosis(active: str, env: dict, running: list[str]) -> Diagnosis:
    shown = {name: env.get(name) for name in input_method.SHOWN_VARIABLES}
    return Diagnosis(active, "xcb", ROUTE_FCITX, {}, shown, running)


def test_fcitx_4_users_are_told_it_cannot_be_reached_and_what_to_install():
    text = input_method.advice(diagnosis("compose", {"XMODIFIERS": "@im=fcitx"}, ["fcitx"]))
    assert "fcitx 4" in text and "fcitx5-pinyin" in text and "ibus-libpinyin" in text


def test_a_fcitx_5_that_did_not_answer_is_explained():
    text = input_method.advice(diagnosis("compose", {"QT_IM_MODULE": "fcitx"}, []))
    assert "IBus frontend" in text and "restart" in text


def test_a_machine_without_input_method_is_told_what_to_install():
    text = input_method.advice(diagnosis("compose", {}, []))
    assert "fcitx5-pinyin" in text and "im-config" in text


# ----- 帮助 → 关于 → 输入法 -----------------------------------------------------------------------
def test_about_shows_the_input_method_section_in_chinese(qapp, qtbot, monkeypatch):
    monkeypatch.setattr(input_method, "loaded_input_context_plugins", lambda maps=None: ["compose"])
    monkeypatch.setattr(input_method, "running_input_methods", lambda proc=None: ["fcitx"])
    monkeypatch.setattr(
        input_method,
        "_startup",
        Startup(
            linux({"XMODIFIERS": "@im=fcitx"}), {"XMODIFIERS": "@im=fcitx", "QT_IM_MODULE": None}
        ),
    )
    install_translators(qapp, "zh_CN")
    try:
        dialog = AboutDialog()
        qtbot.addWidget(dialog)
        tabs = dialog.tabs
        assert tabs.tabText(tabs.indexOf(dialog.input_method_view)) == "输入法"
        shown = dialog.input_method_view.toPlainText()
    finally:
        remove_translators(qapp)
    assert "fcitx 4" in shown and "fcitx5-pinyin" in shown  # what to do, in Chinese
    assert "怎么办" in shown and "无法连接 fcitx 4" in shown
    assert "XMODIFIERS" in shown and "@im=fcitx" in shown  # the environment as found
    assert "fcitx-via-ibus-portal" in shown and "IBUS_USE_PORTAL=1" in shown


# ----- where the candidate window goes ---------------------------------------------------------
def test_the_body_editor_tells_the_input_method_where_the_caret_is(main_window, qtbot):
    mid = make_material(main_window.library)
    point_id = dims_of(main_window.library, mid)[0].points[0].id
    main_window.open_material(mid, point_id)
    body = main_window.findChild(QPlainTextEdit, "pointBodyEdit")
    type_text(body, "学习不够深入")
    before = body.inputMethodQuery(Qt.InputMethodQuery.ImCursorRectangle).toRect()
    type_text(body, "，需要进一步加强")
    after = body.inputMethodQuery(Qt.InputMethodQuery.ImCursorRectangle).toRect()

    caret = body.cursorRect().translated(body.viewport().pos())  # viewport → editor coordinates
    assert abs(after.x() - caret.x()) <= 2 and abs(after.y() - caret.y()) <= 2  # (frame pixel)
    assert after.height() >= caret.height() > 0
    assert after.x() > before.x() or after.y() > before.y()  # it moved along with the text
    assert QRect(0, 0, body.width(), body.height()).contains(after.center())
    # what Qt hands to the input-context plugin: the same rectangle, in window coordinates
    ime = QGuiApplication.inputMethod().cursorRectangle().toRect()
    assert ime.topLeft() == body.mapTo(body.window(), after.topLeft())
