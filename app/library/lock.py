"""One writer per library: an OS lock on ``<library>.lock`` held while a library is open for
writing, so a second process gets a clear "already open" error instead of silent double writes.

The lock belongs to the file, not to the name it was opened by: symbolic links are resolved to
the real file (whose folder holds the lock, so even another path to that folder meets the same
lock inode), and a file with more than one hard link is refused outright.

The lock is advisory and released by the OS when the holder exits, so a crash leaves no stale
lock (the small file itself stays; it only names the last holder). Opening the same library
twice inside one process is allowed (counted), as tests and the CLI do.

Stale locks: a lock file naming a dead pid (a crashed or SIGKILLed window) holds no OS lock, so
the next open simply takes it over and writes its own pid — no guessing from pids needed, and
no race: two processes taking over at once still meet at ``flock``, and one of them loses. The
pid/host text is only for the message. When the OS lock IS held yet the named pid is dead on
this host, a child that inherited the descriptor (``fork``) still holds it, so we refuse.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from app.errors import LibraryError, LibraryLockedError

_held: dict[Path, list[int]] = {}  # lock path → [fd, open count] in this process


def _host_name() -> str:
    """This machine's name, as ``socket.gethostname()`` gives it (on POSIX both read the
    kernel's node name); the socket module is imported only where ``uname`` is missing
    (Windows): it costs every writable open ~4 ms."""
    if hasattr(os, "uname"):
        return os.uname().nodename
    import socket

    return socket.gethostname()


def _lock_path(library: Path) -> Path:
    """The lock beside the real file: every symbolic link to a library meets the same lock."""
    real = Path(os.path.realpath(library))
    return real.with_name(real.name + ".lock")


def _refuse_hard_links(library: Path) -> None:
    """A library with two names (hard links) would get one lock — and one SQLite WAL — per
    name, so two writers could both commit and corrupt it: it is never opened for writing."""
    try:
        links = os.stat(library).st_nlink
    except OSError:
        return  # not there yet (a restore into a new place): nothing to share
    if links > 1:
        raise LibraryError(
            f"材料库文件有 {links} 个硬链接（同一文件的多个名字），从不同名字同时写入会损坏材料库，"
            f"因此不以可写方式打开。请删除多余的名字（ls -li 可看到相同编号的文件），"
            f"或复制出一个独立文件后打开副本：{library}",
            f"the library file has {links} hard links (one file under several names); writers"
            f" using different names would corrupt it, so it is not opened for writing. Remove the"
            f" extra names (ls -li shows files with the same number), or copy it and open the copy:"
            f" {library}",
        )


def _try_lock(fd: int) -> bool:
    try:
        if sys.platform == "win32":
            import msvcrt

            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        else:
            import fcntl

            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


def acquire(library: Path, *, exclusive: bool = False) -> None:
    """Take the library's lock; ``exclusive`` refuses even an open in this same process."""
    _refuse_hard_links(library)
    path = _lock_path(library)
    if path in _held:
        if exclusive:
            raise LibraryError(f"请先关闭材料库：{library}", f"close the library first: {library}")
        _held[path][1] += 1
        return
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    except OSError as exc:
        raise LibraryError(
            f"无法创建锁文件 {path}（{exc.strerror}）",
            f"cannot create lock file {path} ({exc.strerror})",
        ) from exc
    if not _try_lock(fd):
        try:
            holder = os.read(fd, 200).decode("utf-8", "replace").strip() or "?"
        except OSError:  # Windows refuses reading a locked region
            holder = "?"
        os.close(fd)
        if holder_is_dead(holder):
            holder += "，已退出，但其子进程仍持有锁 / exited, a child process still holds the lock"
        raise LibraryLockedError(
            f"材料库已被另一个窗口打开（{holder}），请先关闭它：{library}",
            f"the library is already open in another process ({holder}); close it first: {library}",
        )
    os.ftruncate(fd, 0)
    os.write(fd, f"pid {os.getpid()} @ {_host_name()}\n".encode())
    _held[path] = [fd, 1]


def holder_is_dead(holder: str) -> bool:
    """True when ``holder`` ("pid N @ host") names a process of this host that no longer runs."""
    parts = holder.split()
    if len(parts) != 4 or parts[0] != "pid" or not parts[1].isdigit() or parts[3] != _host_name():
        return False
    return not pid_alive(int(parts[1]))


def pid_alive(pid: int) -> bool:
    if sys.platform == "win32":
        return True  # not needed there: msvcrt locks die with their process; be conservative
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # exists, owned by someone else
    return True


def release(library: Path) -> None:
    path = _lock_path(library)
    entry = _held.get(path)
    if entry is None:
        return
    entry[1] -= 1
    if entry[1] == 0:
        del _held[path]
        os.close(entry[0])  # closing the descriptor releases the lock
