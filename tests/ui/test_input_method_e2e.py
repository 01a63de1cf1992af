"""Typing Chinese for real (issue 12): a private X server (Xvfb), a private session bus, fcitx 5
with pinyin, and the real 对照 window started through ``ui.main.main`` on a desktop that says
"fcitx" the way Kylin/UOS/Deepin do. ``xdotool`` presses n-i-h-a-o and space on the keyboard;
the material stored in the library must then hold 你好 — which it does only if Qt reached
fcitx (without the start-up set-up Qt falls back to ``compose`` and "nihao " is stored).

Only the processes started here are stopped, each by its pid.
"""

from __future__ import annotations

import json
import os
import queue
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from app.library import Library
from tests.ui.helpers_editor import dims_of, make_material
from ui.outline_model import MATERIAL_KEY

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="fcitx is Linux"),
]

REPO = Path(__file__).resolve().parents[2]
CHILD = Path(__file__).with_name("input_method_child.py")
TOOLS = ("Xvfb", "dbus-daemon", "dbus-send", "fcitx5", "fcitx5-remote", "xdotool")
WAIT_S = 20  # hang guard for each step; every step normally takes well under a second
SWITCH_WAIT_S = 5
# fcitx 5's first input method is the keyboard, the second pinyin (switched to by the test).
FCITX_PROFILE = """\
[Groups/0]
Name=Default
Default Layout=us
DefaultIM=pinyin

[Groups/0/Items/0]
Name=keyboard-us
Layout=

[Groups/0/Items/1]
Name=pinyin
Layout=

[GroupOrder]
0=Default
"""
# Addons a headless test does not need (they would only slow fcitx 5's start or look for a
# Wayland compositor, a tray, a spell dictionary).
FCITX_DISABLED = (
    "wayland,waylandim,notificationitem,kimpanel,clipboard,emoji,spell,xim,"
    "fcitx4frontend,quickphrase,unicode"
)
# What a fcitx desktop puts in the environment (QT_IM_MODULE varies: see the parameters).
FCITX_DESKTOP = {"XMODIFIERS": "@im=fcitx", "GTK_IM_MODULE": "fcitx", "XDG_SESSION_TYPE": "x11"}


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(5)


def _wait_for(what: str, check, timeout: float = WAIT_S) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.05)


class FcitxDesktop:
    """Xvfb + a session bus + fcitx 5 (pinyin), in a temporary HOME."""

    def __init__(self, home: Path):
        missing = [tool for tool in TOOLS if shutil.which(tool) is None]
        assert not missing, f"missing {missing}: run `packaging/debian-deps.sh test`"
        self.home = home
        self.processes: list[subprocess.Popen] = []
        runtime = home / "runtime"
        runtime.mkdir(mode=0o700, parents=True)
        config = home / ".config"
        (config / "fcitx5").mkdir(parents=True)
        (config / "fcitx5" / "profile").write_text(FCITX_PROFILE, encoding="utf-8")
        drop = (
            "QT_QPA_PLATFORM",
            "WAYLAND_DISPLAY",
            "DISPLAY",
            "DBUS_SESSION_BUS_ADDRESS",
            "QT_IM_MODULE",
            "QT_IM_MODULES",
            "IBUS_USE_PORTAL",
            "XMODIFIERS",
            "GTK_IM_MODULE",
            "INPUT_METHOD",
            "XDG_SESSION_TYPE",
            "SESSION_MANAGER",
        )
        self.env = {k: v for k, v in os.environ.items() if k not in drop}
        self.env.update(
            HOME=str(home),
            XDG_CONFIG_HOME=str(config),
            XDG_RUNTIME_DIR=str(runtime),
            XDG_DATA_HOME=str(home / ".local" / "share"),
            XDG_CACHE_HOME=str(home / ".cache"),
            XDG_STATE_HOME=str(home / ".state"),
            PYTHONPATH=str(REPO),
            LANG="C.UTF-8",
        )

    def start(self) -> None:
        read_end, write_end = os.pipe()
        try:
            self._spawn(
                [
                    "Xvfb",
                    "-displayfd",
                    str(write_end),
                    "-screen",
                    "0",
                    "1280x800x24",
                    "-nolisten",
                    "tcp",
                ],
                pass_fds=(write_end,),
                stderr=subprocess.DEVNULL,
            )
        finally:
            os.close(write_end)
        display = b""
        try:
            # written once the server is up; closing the pipe before the newline kills it
            while not display.endswith(b"\n"):
                chunk = os.read(read_end, 64)
                if not chunk:
                    break
                display += chunk
        finally:
            os.close(read_end)
        display = display.decode().strip()
        assert display, "Xvfb did not start"
        self.env["DISPLAY"] = f":{display}"
        bus = self._spawn(
            ["dbus-daemon", "--session", "--nofork", "--print-address"],
            stdout=subprocess.PIPE,
            text=True,
        )
        self.env["DBUS_SESSION_BUS_ADDRESS"] = bus.stdout.readline().strip()
        assert self.env["DBUS_SESSION_BUS_ADDRESS"], "dbus-daemon gave no address"
        self.fcitx = self._spawn(
            ["fcitx5", f"--disable={FCITX_DISABLED}"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        # fcitx 5's IBus frontend owns the portal name once it is ready for input contexts
        _wait_for("fcitx5's ibus portal", lambda: self.owns("org.freedesktop.portal.IBus"))

    def _spawn(self, args, **kwargs) -> subprocess.Popen:
        process = subprocess.Popen(args, env=self.env, stdin=subprocess.DEVNULL, **kwargs)
        self.processes.append(process)
        return process

    def run(self, *args: str) -> str:
        done = subprocess.run(args, env=self.env, capture_output=True, text=True, timeout=WAIT_S)
        return done.stdout.strip()

    def owns(self, name: str) -> bool:
        out = self.run(
            "dbus-send",
            "--session",
            "--print-reply",
            "--dest=org.freedesktop.DBus",
            "/org/freedesktop/DBus",
            "org.freedesktop.DBus.NameHasOwner",
            f"string:{name}",
        )
        return "boolean true" in out

    def switch_to_pinyin(self) -> bool:
        """``fcitx5-remote -s pinyin`` acts on the input context that has the focus, which
        exists only once Qt reached fcitx: repeat until it took (False if it never did)."""
        deadline = time.monotonic() + SWITCH_WAIT_S
        while time.monotonic() < deadline:
            self.run("fcitx5-remote", "-s", "pinyin")
            if self.run("fcitx5-remote", "-n") == "pinyin":
                return True
            time.sleep(0.1)
        return False

    def type_keys(self, text: str) -> None:
        self.run("xdotool", "type", "--delay", "40", text)

    def press(self, key: str) -> None:
        self.run("xdotool", "key", "--delay", "40", key)

    def stop(self) -> None:
        for process in reversed(self.processes):
            _stop(process)
        for process in self.processes:
            if process.stdout:
                process.stdout.close()


class Window:
    """The real window in a child process, commanded over its stdin (input_method_child.py)."""

    def __init__(self, desktop: FcitxDesktop, library: Path, material_id: int, env: dict):
        self.process = subprocess.Popen(
            [sys.executable, str(CHILD), str(library), str(material_id)],
            cwd=REPO,
            env={**desktop.env, **env},
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            encoding="utf-8",
        )
        self.lines: queue.Queue[str] = queue.Queue()
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()
        self.ready: dict = {}

    def stop(self) -> None:
        _stop(self.process)
        self.reader.join(WAIT_S)  # it ends at the end of the output
        for stream in (self.process.stdin, self.process.stdout, self.process.stderr):
            stream.close()

    def wait_ready(self) -> None:
        self.ready = self.answer()
        assert self.ready.get("ready"), self.ready

    def _read(self) -> None:
        for line in self.process.stdout:
            self.lines.put(line)
        self.lines.put("")

    def answer(self) -> dict:
        try:
            line = self.lines.get(timeout=WAIT_S)
        except queue.Empty:
            raise AssertionError("the window did not answer") from None
        if not line:
            raise AssertionError(f"the window ended: {self.process.stderr.read()[-3000:]}")
        return json.loads(line)

    def ask(self, command: str) -> dict:
        self.process.stdin.write(command + "\n")
        self.process.stdin.flush()
        answer = self.answer()
        assert "error" not in answer, answer
        return answer

    def quit(self) -> int:
        self.process.stdin.write("quit\n")
        self.process.stdin.flush()
        exit_line = self.answer()
        self.process.wait(WAIT_S)
        return exit_line["exit"]


@pytest.fixture(scope="module")
def desktop(tmp_path_factory):
    fcitx_desktop = FcitxDesktop(tmp_path_factory.mktemp("fcitx-home"))
    try:
        fcitx_desktop.start()
        yield fcitx_desktop
    finally:
        fcitx_desktop.stop()


@pytest.fixture
def open_window(desktop):
    """``open_window(library, material_id, env)``: the window; stopped (by pid) after the test."""
    windows: list[Window] = []

    def start(library: Path, material_id: int, env: dict) -> Window:
        windows.append(Window(desktop, library, material_id, env))
        windows[-1].wait_ready()
        return windows[-1]

    yield start
    for window in windows:
        window.stop()


@pytest.fixture
def material(tmp_path):
    path = tmp_path / "lib.db"
    with Library.open(path, auto_backup=False) as library:
        mid = make_material(library)
        point_id = dims_of(library, mid)[0].points[0].id
    return path, mid, point_id


def stored(path: Path, mid: int, read) -> str:
    with Library.open(path, readonly=True) as library:
        return read(library.get_material(mid))


def wait_stored(path: Path, mid: int, read, before: str) -> str:
    """What the library holds once it no longer holds ``before`` (the window stores after a
    short pause in typing; a pending pinyin preedit is not text yet, so it is never stored)."""
    deadline = time.monotonic() + WAIT_S
    value = stored(path, mid, read)
    while value == before and time.monotonic() < deadline:
        time.sleep(0.1)
        value = stored(path, mid, read)
    return value


def first_point_body(material) -> str:
    return material.sections[0].dimensions[0].points[0].body


@pytest.mark.parametrize("qt_im_module", [None, "fcitx"], ids=["unset", "fcitx"])
def test_pinyin_typed_in_the_point_body_is_stored_as_chinese(
    desktop, open_window, material, qt_im_module
):
    path, mid, point_id = material
    env = dict(FCITX_DESKTOP, **({"QT_IM_MODULE": qt_im_module} if qt_im_module else {}))
    window = open_window(path, mid, env)
    focused = window.ask(f"focus pointBodyEdit {point_id}")
    switched = desktop.switch_to_pinyin()

    desktop.type_keys("nihao")
    desktop.press("space")

    body = wait_stored(path, mid, first_point_body, "第1条正文。")
    assert body == "第1条正文。你好", f"fcitx switched to pinyin: {switched}"
    # Qt was given the ibus route, then the user's variables came back for child processes.
    assert window.ready["route"] == "fcitx-via-ibus-portal"
    assert window.ready["active"] == "ibus"
    assert window.ready["environment"] == {
        "QT_IM_MODULES": None,
        "QT_IM_MODULE": qt_im_module,
        "IBUS_USE_PORTAL": None,
    }
    # The candidate window is placed at the caret: Qt tells the input method where it is.
    ime_x, ime_y, _w, ime_h = focused["ime_rect"]
    caret_x, caret_y, _cw, caret_h = focused["caret_rect"]
    assert abs(ime_x - caret_x) <= 2 and abs(ime_y - caret_y) <= 2 and ime_h >= caret_h > 0
    assert window.quit() == 0
    # the route is in the program's log (which never holds text: no 你好 there)
    log = (desktop.home / ".state" / "duizhao" / "log" / "duizhao.log").read_text("utf-8")
    assert "input method route fcitx-via-ibus-portal" in log and "active ibus" in log
    assert "你好" not in log


def test_pinyin_reaches_the_title_and_search_line_edits(desktop, open_window, material):
    path, mid, _point_id = material
    window = open_window(path, mid, FCITX_DESKTOP)
    title_before = stored(path, mid, lambda m: m.title)
    window.ask(f"focus titleEdit {MATERIAL_KEY}")
    switched = desktop.switch_to_pinyin()
    desktop.type_keys("nihao")
    desktop.press("space")
    title = wait_stored(path, mid, lambda m: m.title, title_before)
    assert title == title_before + "你好", f"fcitx switched to pinyin: {switched}"

    window.ask("focus librarySearch")
    desktop.type_keys("nihao")
    desktop.press("space")
    _wait_for("the search box", lambda: window.ask("text librarySearch")["text"] == "你好")

    desktop.press("ctrl+h")  # 查找替换: its own window, the find field focused
    window.ask("focus findEdit")
    desktop.type_keys("nihao")
    desktop.press("space")
    _wait_for("the find field", lambda: window.ask("text findEdit")["text"] == "你好")
    assert window.quit() == 0
