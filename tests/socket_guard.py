"""Pytest plugin: no test may open a network connection (the program never does; DESIGN §3).

Loaded for the whole suite from ``tests/conftest.py`` (``pytest_plugins = ["socket_guard"]``).
From the moment pytest loads it, ``connect``/``connect_ex``/``bind``/``sendto`` on any Python
socket — TCP, UDP, and AF_UNIX paths (D-Bus, X11, …) too — raise ``NetworkForbidden``.

The one thing allowed is what an event loop needs for waking itself: ``socket.socketpair()``.
On POSIX that is a kernel AF_UNIX pair made without connect/bind, so nothing needs allowing; on
Windows CPython builds the pair from a loopback listener, so calls made *inside*
``socketpair()`` are let through. Qt's offscreen platform opens no socket from Python (measured:
the whole ui suite runs with this guard); Qt's own C++ sockets are not Python objects and are
out of reach of any Python-level guard — the program has no networking code to call them.
"""

from __future__ import annotations

import socket
import threading

_inside_socketpair = threading.local()


class NetworkForbidden(RuntimeError):
    """A test (or the code under test) tried to use the network."""


def _guarded(name: str, original):
    def method(self, *args, **kwargs):
        if getattr(_inside_socketpair, "active", False):
            return original(self, *args, **kwargs)
        target = args[-1] if args else kwargs
        raise NetworkForbidden(
            f"socket.{name}({target!r}) in a test: Duizhao never uses the network"
        )

    method.__name__ = name
    method.__wrapped__ = original
    return method


def _guarded_socketpair(original):
    def socketpair(*args, **kwargs):
        _inside_socketpair.active = True
        try:
            return original(*args, **kwargs)
        finally:
            _inside_socketpair.active = False

    socketpair.__wrapped__ = original
    return socketpair


_GUARDED_METHODS = ("connect", "connect_ex", "bind", "sendto")
_saved: dict[str, object] = {}


def install() -> None:
    if _saved:
        return
    for name in _GUARDED_METHODS:
        _saved[name] = getattr(socket.socket, name)
        setattr(socket.socket, name, _guarded(name, _saved[name]))
    _saved["socketpair"] = socket.socketpair
    socket.socketpair = _guarded_socketpair(socket.socketpair)


def uninstall() -> None:
    for name in _GUARDED_METHODS:
        if name in _saved:
            setattr(socket.socket, name, _saved.pop(name))
    if "socketpair" in _saved:
        socket.socketpair = _saved.pop("socketpair")


def is_installed() -> bool:
    return bool(_saved)


def pytest_configure(config) -> None:
    install()


def pytest_unconfigure(config) -> None:
    uninstall()
