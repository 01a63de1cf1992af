"""Privacy: no network socket anywhere in the suite (the socket guard plugin), and the library,
its side files, backups and lock are readable by their owner only (POSIX)."""

from __future__ import annotations

import socket
import stat
import sys
import urllib.request

import pytest
from store_samples import sample_material

from app.library import Library

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")


@pytest.fixture
def guard(request):
    if not request.config.pluginmanager.has_plugin("socket_guard"):
        pytest.fail(
            'the socket guard is not loaded: add `pytest_plugins = ["socket_guard"]` to '
            "tests/conftest.py"
        )
    import socket_guard

    return socket_guard


def test_tcp_udp_and_unix_connections_are_refused_in_tests(guard, tmp_path):
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as tcp:
        with pytest.raises(guard.NetworkForbidden):
            tcp.connect(("127.0.0.1", 9))
        with pytest.raises(guard.NetworkForbidden):
            tcp.bind(("127.0.0.1", 0))
    with (
        socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as udp,
        pytest.raises(guard.NetworkForbidden),
    ):
        udp.sendto(b"x", ("198.51.100.1", 53))
    if hasattr(socket, "AF_UNIX"):
        with socket.socket(socket.AF_UNIX) as unix, pytest.raises(guard.NetworkForbidden):
            unix.connect(str(tmp_path / "bus"))
    with pytest.raises(guard.NetworkForbidden):
        urllib.request.urlopen("http://198.51.100.1/", timeout=1)


def test_a_socketpair_for_event_loops_still_works(guard):
    left, right = socket.socketpair()
    with left, right:
        left.sendall(b"wake")
        assert right.recv(4) == b"wake"


@posix_only
def test_library_side_files_backups_and_lock_are_private(tmp_path):
    path = tmp_path / "library.db"
    with Library.open(path) as library:
        library.create_material(sample_material())
    with Library.open(path) as library:  # reopening makes the automatic backup
        library.create_material(sample_material())
        files = [p for p in tmp_path.rglob("*") if p.is_file() and "home" not in p.parts]
        names = {p.name for p in files}
        assert {"library.db", "library.db-wal", "library.db-shm", "library.db.lock"} <= names
        assert any(p.parent.name == "backups" for p in files)
        for p in files:
            assert stat.S_IMODE(p.stat().st_mode) == 0o600, p
    assert stat.S_IMODE((tmp_path / "backups").stat().st_mode) == 0o700
