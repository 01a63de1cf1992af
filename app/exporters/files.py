"""Atomic file writing for exports: a temp file in the target's folder, then ``os.replace``.

A reader of the target sees either the old file or the complete new one, never half a file; when
anything fails the temp file is removed and the old file (if any) is left as it was.
"""

from __future__ import annotations

import os
import secrets
import stat
from pathlib import Path

from app.errors import InputError


def write_text_atomic(path: str | Path, text: str) -> Path:
    """Write ``text`` as UTF-8 (line ends kept as given) to ``path`` atomically; returns the path."""
    return write_bytes_atomic(path, text.encode("utf-8"))


def write_bytes_atomic(path: str | Path, data: bytes) -> Path:
    """Write ``data`` to ``path`` atomically; returns the absolute path written.

    The new file gets the mode of the file it replaces, or the usual 0666 minus umask when new.
    Problems the user can fix (missing folder, no permission, a folder in the way) raise
    InputError.
    """
    target = Path(path).expanduser().absolute()
    _check_target(target)
    mode = _mode_for(target)
    tmp = target.with_name(f".{target.name}.{secrets.token_hex(4)}.tmp")
    try:
        # O_EXCL: never write through a file (or link) someone else put there.
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view):]
            os.fsync(fd)
        finally:
            os.close(fd)
        if mode is not None:
            os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException as exc:
        _remove_quietly(tmp)
        if isinstance(exc, OSError):
            raise InputError(
                f"无法写入文件 {target}：{exc.strerror or exc}",
                f"cannot write {target}: {exc.strerror or exc}",
            ) from exc
        raise
    _sync_folder(target.parent)
    return target


def _check_target(target: Path) -> None:
    folder = target.parent
    if not folder.is_dir():
        raise InputError(f"文件夹不存在：{folder}", f"folder does not exist: {folder}")
    if target.is_dir():
        raise InputError(f"目标是一个文件夹：{target}", f"target is a folder: {target}")


def _mode_for(target: Path) -> int | None:
    """Mode to keep when replacing an existing file; None lets the umask decide for a new one."""
    try:
        return stat.S_IMODE(target.stat().st_mode)
    except FileNotFoundError:
        return None


def _remove_quietly(path: Path) -> None:
    try:
        path.unlink()
    except OSError:
        pass


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX); best effort, Windows cannot open a folder."""
    if os.name != "posix":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
