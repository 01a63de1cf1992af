"""Chinese input methods on Linux: make Qt use an input context that reaches the user's fcitx or
ibus, although the PySide6 wheel ships only Qt's ``ibus`` and ``compose`` plugins.

Without help, a typical fcitx desktop (``XMODIFIERS=@im=fcitx``, ``QT_IM_MODULE`` unset or
``fcitx``) gets ``compose`` and typing ``nihao`` gives "nihao". fcitx 5 emulates ibus and owns
``org.freedesktop.portal.IBus`` on the session bus, so the bundled ibus plugin reaches it
through that portal (``IBUS_USE_PORTAL=1``): ``QT_IM_MODULES=fcitx;ibus`` keeps a real fcitx
plugin first should one be installed, then ibus. A plain ibus desktop often leaves
``QT_IM_MODULE`` unset, which also means ``compose``: there ibus is asked for.

Qt reads these variables only while ``QApplication`` is created. ``prepare()`` sets them just
before, ``restore()`` puts the user's values back just after, so child processes (LibreOffice,
programs opened through the desktop) see the environment they would have seen anyway.

``plan()`` is the pure decision (environment in, changes out); ``diagnose()`` and ``advice()``
serve 帮助 → 关于 → 输入法.
"""

from __future__ import annotations

import logging
import os
import shutil
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

_log = logging.getLogger("duizhao.ui.input_method")

FCITX_KEYS = ("fcitx", "fcitx5")
WAYLAND_KEY = "wayland"  # QT_IM_MODULES entry: the compositor's text-input protocol (Qt >= 6.7)
# What Qt reads (the last only in its ibus plugin) — set and restored.
QT_VARIABLES = ("QT_IM_MODULES", "QT_IM_MODULE", "IBUS_USE_PORTAL")
# What the desktop says about its input method, shown in the diagnostics.
HINT_VARIABLES = ("XMODIFIERS", "GTK_IM_MODULE", "INPUT_METHOD")
SESSION_VARIABLES = ("XDG_SESSION_TYPE", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
SHOWN_VARIABLES = QT_VARIABLES + HINT_VARIABLES + SESSION_VARIABLES

# Routes, as logged (ASCII names, no text).
ROUTE_NOT_LINUX = "not-linux"
ROUTE_FCITX = "fcitx-via-ibus-portal"
ROUTE_IBUS = "ibus"
ROUTE_IBUS_PORTAL = "ibus-via-portal"
ROUTE_EXPLICIT = "user-choice"
ROUTE_DEFAULT = "qt-default"
ROUTE_ALREADY_STARTED = "already-started"


@dataclass(frozen=True)
class Plan:
    route: str
    changes: dict[str, str] = field(default_factory=dict)  # variable → value Qt should see
    wayland: bool = False


def requested_modules(env: Mapping[str, str]) -> list[str]:
    """The input contexts the environment asks Qt for, in order: ``QT_IM_MODULES`` (a ``;``
    list, Qt >= 6.8) wins over ``QT_IM_MODULE``, as in Qt."""
    listed = [key.strip() for key in env.get("QT_IM_MODULES", "").split(";") if key.strip()]
    if listed:
        return listed
    single = env.get("QT_IM_MODULE", "").strip()
    return [single] if single else []


def desktop_framework(env: Mapping[str, str]) -> str | None:
    """ "fcitx" or "ibus" when the desktop's own variables name one (else None)."""
    for name in HINT_VARIABLES:
        value = env.get(name, "").strip().lower()
        value = value.removeprefix("@im=")
        if value in FCITX_KEYS:
            return "fcitx"
        if value == "ibus":
            return "ibus"
    return None


def framework_of(env: Mapping[str, str]) -> str | None:
    """ "fcitx" or "ibus": what the requested modules name, else what the desktop's say."""
    lowered = [key.lower() for key in requested_modules(env)]
    if any(key in FCITX_KEYS for key in lowered):
        return "fcitx"
    if "ibus" in lowered:
        return "ibus"
    return desktop_framework(env)


def wayland_session(env: Mapping[str, str]) -> bool:
    """Will Qt run on Wayland? It does when QT_QPA_PLATFORM asks for it, or when unset in a
    Wayland session. (The ``wayland`` list entry is harmless on X11: there is no such plugin.)"""
    platform = env.get("QT_QPA_PLATFORM", "").strip().lower()
    if platform:
        return platform.startswith(WAYLAND_KEY)
    return env.get("XDG_SESSION_TYPE", "").lower() == WAYLAND_KEY or bool(
        env.get("WAYLAND_DISPLAY")
    )


def plan(
    env: Mapping[str, str], *, platform: str | None = None, ibus_daemon_on_path: bool = False
) -> Plan:
    """The environment changes that let Qt reach the user's input method (pure function).

    Never drops what the user asked for: their list keeps its order and only gains ``ibus``
    (and the portal) after an fcitx entry the wheel cannot serve; ``compose``, ``xim``,
    ``none``, ``wayland`` and the like are left alone. On Wayland the compositor's
    text-input protocol stays first whenever Qt would have used it."""
    platform = sys.platform if platform is None else platform
    if not platform.startswith("linux"):
        return Plan(ROUTE_NOT_LINUX)
    wayland = wayland_session(env)
    requested = requested_modules(env)
    lowered = [key.lower() for key in requested]
    portal = {} if "IBUS_USE_PORTAL" in env else {"IBUS_USE_PORTAL": "1"}  # Qt checks "is set"
    if any(key in FCITX_KEYS for key in lowered):
        modules = list(requested)
        if "ibus" not in lowered:
            last_fcitx = max(i for i, key in enumerate(lowered) if key in FCITX_KEYS)
            modules.insert(last_fcitx + 1, "ibus")
        # QT_IM_MODULE=ibus too: a Qt that reads only the single variable takes the same route
        return Plan(
            ROUTE_FCITX,
            {"QT_IM_MODULES": ";".join(modules), "QT_IM_MODULE": "ibus", **portal},
            wayland,
        )
    if "ibus" in lowered:
        if ibus_daemon_on_path or not portal:
            return Plan(ROUTE_IBUS, {}, wayland)
        # Qt's ibus plugin refuses to start without ibus-daemon on PATH unless told to use the
        # portal, which is the only way it can reach an ibus (or fcitx 5) from here.
        return Plan(ROUTE_IBUS_PORTAL, portal, wayland)
    if requested:
        return Plan(ROUTE_EXPLICIT, {}, wayland)
    framework = desktop_framework(env)
    head = [WAYLAND_KEY] if wayland else []  # text-input first, as Qt itself would do
    if framework == "fcitx":
        return Plan(
            ROUTE_FCITX,
            {"QT_IM_MODULES": ";".join(head + ["fcitx", "ibus"]), "QT_IM_MODULE": "ibus", **portal},
            wayland,
        )
    if framework == "ibus":
        extra = {} if ibus_daemon_on_path else portal
        if wayland:
            return Plan(ROUTE_IBUS, {"QT_IM_MODULES": ";".join(head + ["ibus"]), **extra}, wayland)
        return Plan(ROUTE_IBUS, {"QT_IM_MODULE": "ibus", **extra}, wayland)
    return Plan(ROUTE_DEFAULT, {}, wayland)


@dataclass
class Startup:
    """What ``prepare`` did: the plan and the user's own values of the variables it touched."""

    plan: Plan
    user_environment: dict[str, str | None]  # SHOWN_VARIABLES as the program found them


_startup: Startup | None = None


def prepare(environ: os._Environ | dict | None = None) -> Startup:
    """Set Qt's input-method variables for this start-up; call just before QApplication()."""
    global _startup
    environ = os.environ if environ is None else environ
    from PySide6.QtCore import QCoreApplication

    user = {name: environ.get(name) for name in SHOWN_VARIABLES}
    if QCoreApplication.instance() is not None:  # Qt chose its input context already
        chosen = Plan(ROUTE_ALREADY_STARTED, {}, wayland_session(environ))
    else:
        chosen = plan(environ, ibus_daemon_on_path=shutil.which("ibus-daemon") is not None)
    environ.update(chosen.changes)
    _startup = Startup(chosen, user)
    return _startup


def restore(startup: Startup, environ: os._Environ | dict | None = None) -> None:
    """Put the user's values back (once QApplication exists) and log the route, without text."""
    environ = os.environ if environ is None else environ
    for name in startup.plan.changes:
        value = startup.user_environment.get(name)
        if value is None:
            environ.pop(name, None)
        else:
            environ[name] = value
    if startup.plan.route != ROUTE_ALREADY_STARTED:
        _log_when_the_log_is_open(startup)


# The route is logged this long after the event loop starts: ui.crash has attached the log
# file by then, and the window has painted (the log's modules, ~10 ms, need not come first).
LOG_ROUTE_AFTER_MS = 500


def _log_when_the_log_is_open(startup: Startup) -> None:
    from PySide6.QtCore import QTimer

    QTimer.singleShot(LOG_ROUTE_AFTER_MS, lambda: log_route(startup))


def log_route(startup: Startup) -> None:
    from app.logging_setup import Redacted, redact

    changes = ",".join(f"{k}={v}" for k, v in startup.plan.changes.items())
    _log.info(
        "input method route %s (wayland=%s, set %s, active %s)",
        Redacted(startup.plan.route),
        startup.plan.wayland,
        Redacted(redact(changes or "nothing")),
        Redacted(active_input_context()),
    )


def startup_record() -> Startup | None:
    return _startup


# ----- what is active (for the diagnostics) ----------------------------------------------------
CONTEXT_IBUS = "ibus"
CONTEXT_COMPOSE = "compose"
CONTEXT_WAYLAND = "wayland-text-input"
CONTEXT_NONE = "none"
CONTEXT_SYSTEM = "system"  # Windows, macOS: the platform's own input method
HEADLESS_PLATFORMS = ("offscreen", "minimal")


def loaded_input_context_plugins(maps: str | None = None) -> list[str]:
    """Names (``ibus``, ``compose``, ``fcitx5`` …) of the input-context plugins Qt has loaded
    into this process (Linux: from /proc/self/maps). Qt loads a plugin only to try it."""
    if maps is None:
        try:
            maps = Path("/proc/self/maps").read_text(encoding="utf-8", errors="replace")
        except OSError:
            return []
    names = []
    for line in maps.splitlines():
        path = line.rsplit(" ", 1)[-1]
        if "/platforminputcontexts/" not in path:
            continue
        name = Path(path).name.removeprefix("lib").split(".so")[0]
        name = name.removesuffix("platforminputcontextplugin")
        if name and name not in names:
            names.append(name)
    return names


def active_input_context(
    plugins: list[str] | None = None,
    platform_name: str | None = None,
    *,
    platform: str | None = None,
) -> str:
    """The input context Qt uses. On xcb and Wayland Qt loads ``compose`` only as the last
    resort (or when asked for it), so a loaded compose means every plugin before it failed; a
    plugin loaded alone is the one in use; none at all on Wayland is the compositor's
    text-input protocol. Headless platforms have no fallback: nothing there can be trusted."""
    platform = sys.platform if platform is None else platform
    if not platform.startswith("linux"):
        return CONTEXT_SYSTEM
    plugins = loaded_input_context_plugins() if plugins is None else plugins
    if platform_name is None:
        from PySide6.QtGui import QGuiApplication

        platform_name = QGuiApplication.platformName()
    if platform_name in HEADLESS_PLATFORMS:
        return CONTEXT_NONE
    if CONTEXT_COMPOSE in plugins:
        return CONTEXT_COMPOSE
    if plugins:
        return plugins[-1]
    if platform_name.startswith(WAYLAND_KEY):
        return CONTEXT_WAYLAND
    return CONTEXT_NONE


def running_input_methods(proc: Path = Path("/proc")) -> list[str]:
    """Which of fcitx (4), fcitx5 and ibus-daemon run on this machine (process names)."""
    wanted = {"fcitx", "fcitx5", "ibus-daemon"}
    found = set()
    try:
        entries = list(proc.iterdir())
    except OSError:
        return []
    for entry in entries:
        if not entry.name.isdigit():
            continue
        try:
            name = (entry / "comm").read_text(encoding="utf-8", errors="replace").strip()
        except OSError:
            continue
        if name in wanted:
            found.add(name)
    return sorted(found)


@dataclass(frozen=True)
class Diagnosis:
    active: str  # CONTEXT_* or another plugin's name
    platform_name: str  # Qt's platform plugin: xcb, wayland, offscreen …
    route: str
    changes: dict[str, str]
    user_environment: dict[str, str | None]
    running: list[str]


def diagnose() -> Diagnosis:
    """The facts 帮助 → 关于 → 输入法 shows (call with a QGuiApplication)."""
    from PySide6.QtGui import QGuiApplication

    startup = _startup
    env = startup.user_environment if startup else {n: os.environ.get(n) for n in SHOWN_VARIABLES}
    platform_name = QGuiApplication.platformName()
    linux = sys.platform.startswith("linux")
    return Diagnosis(
        active=active_input_context(platform_name=platform_name),
        platform_name=platform_name,
        route=startup.plan.route if startup else "unknown",  # main() did not start this Qt
        changes=dict(startup.plan.changes) if startup else {},
        user_environment=dict(env),
        running=running_input_methods() if linux else [],
    )


def _tr(text: str) -> str:
    from PySide6.QtCore import QCoreApplication

    return QCoreApplication.translate("InputMethod", text)


def active_label(active: str) -> str:
    labels = {
        CONTEXT_IBUS: _tr("IBus (also how fcitx 5 is reached)"),
        CONTEXT_COMPOSE: _tr("compose (no input method: only dead keys, no Chinese)"),
        CONTEXT_WAYLAND: _tr("the Wayland compositor's text input"),
        CONTEXT_NONE: _tr("none"),
        CONTEXT_SYSTEM: _tr("the system's input method"),
    }
    return labels.get(active, active)


def advice(diagnosis: Diagnosis) -> str:
    """What the user should do, in a sentence or three (translated)."""
    active = diagnosis.active
    framework = framework_of({k: v or "" for k, v in diagnosis.user_environment.items()})
    if active not in (CONTEXT_COMPOSE, CONTEXT_NONE, CONTEXT_WAYLAND):  # ibus, fcitx5, system
        return _tr(
            "Chinese input should work. If the candidate window does not appear, switch "
            "to your Chinese input method in the panel (usually Ctrl+Space)."
        )
    if active == CONTEXT_WAYLAND:
        return _tr(
            "Chinese input goes through the compositor (KDE Plasma, GNOME and others). If "
            "you cannot type Chinese, enable your input method in the system settings, or "
            "start Duizhao with QT_IM_MODULE=ibus (fcitx 5 and ibus both answer it)."
        )
    if "fcitx" in diagnosis.running and "fcitx5" not in diagnosis.running:
        return _tr(
            "fcitx 4 is running. Duizhao cannot connect to fcitx 4 (its Qt 6 module does "
            "not exist). Install fcitx 5 with pinyin (packages fcitx5 and fcitx5-pinyin, "
            "or fcitx5-chinese-addons), choose it in the input method settings (im-config), "
            "log out and in again. Or use ibus (ibus and ibus-libpinyin)."
        )
    if framework == "fcitx" or "fcitx5" in diagnosis.running:
        return _tr(
            "Your desktop uses fcitx, but Duizhao could not reach it. With fcitx 5, make "
            "sure it is running and its IBus frontend is enabled (it is by default), then "
            "restart Duizhao. fcitx 4 cannot be reached: install fcitx 5 (fcitx5, "
            "fcitx5-pinyin) or ibus (ibus, ibus-libpinyin) and switch to it."
        )
    if framework == "ibus" or "ibus-daemon" in diagnosis.running:
        return _tr(
            "Your desktop uses ibus, but Duizhao could not reach it. Start it (ibus-daemon "
            "-drx, or log out and in again), then restart Duizhao."
        )
    return _tr(
        "No input method was found. To type Chinese, install fcitx 5 with pinyin "
        "(fcitx5, fcitx5-pinyin) or ibus (ibus, ibus-libpinyin), choose it in the input "
        "method settings (im-config), log out and in again."
    )
