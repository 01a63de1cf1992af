"""Atomic file writing for exports: a temp file in the target's folder, then ``os.replace``.

A reader of the target sees either the old file or the complete new one, never half a file; when
anything fails the temp file is removed and the old file (if any) is left as it was.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterable
from pathlib import Path

from app.errors import InputError, os_reason
from app.target_guard import check_target


def write_text_atomic(path: str | Path, text: str, **options) -> Path:
    """Write ``text`` as UTF-8 (line ends kept as given) to ``path`` atomically; returns the path.
    ``options`` are those of ``write_bytes_atomic``."""
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError as exc:  # a lone surrogate: nothing is written
        code = f"U+{ord(exc.object[exc.start]):04X}"
        raise InputError(
            f"文本含有无法保存的字符（孤立的代理码位 {code}），未写入：{path}",
            f"the text holds a character that cannot be saved (lone surrogate {code}); nothing "
            f"written: {path}",
        ) from exc
    return write_bytes_atomic(path, data, **options)


def write_bytes_atomic(
    path: str | Path,
    data: bytes,
    *,
    force: bool = False,
    private: bool = False,
    libraries: Iterable[Path] = (),
) -> Path:
    """Write ``data`` to ``path`` atomically; returns the absolute path written.

    The new file gets the mode of the file it replaces, or the usual 0666 minus umask when new;
    ``private`` makes it 0600 either way (material text, as the library itself). Problems the
    user can fix (missing folder, no permission, a folder in the way) raise InputError, and so
    does a target ``app.target_guard`` refuses: a library or its files (those this process
    opened, and ``libraries``), a device, a FIFO, a read-only file unless ``force``.
    """
    target = check_target(path, libraries=libraries, force=force)
    mode = 0o600 if private else _mode_for(target)
    # 4 random bytes from the OS as in ``secrets.token_hex(4)``, without importing ``secrets``
    # (hmac, hashlib: ≈ 14 M instructions of a one-page export).
    tmp = target.with_name(f".{target.name}.{os.urandom(4).hex()}.tmp")
    try:
        # O_EXCL: never write through a file (or link) someone else put there.
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
            os.fsync(fd)
        finally:
            os.close(fd)
        if mode is not None:
            os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException as exc:
        _remove_quietly(tmp)
        if isinstance(exc, OSError):
            raise write_error(target, exc) from exc
        raise
    _sync_folder(target.parent)
    return target


# Why a write failed, in words the user can act on (the file itself is left as it was).
# (Permission problems while writing are about the folder: the file itself is renamed over.)
_REASONS = {
    errno.EACCES: ("没有写入该文件夹的权限", "no permission to write in that folder"),
    errno.EPERM: ("没有写入该文件夹的权限", "no permission to write in that folder"),
}
_LOCKED = (
    "文件正被另一个程序打开（如 Word、WPS 或 PDF 阅读器），请关闭后重试",
    "the file is open in another program (Word, WPS, a PDF viewer?); close it and try again",
)


def write_error(target: Path, exc: OSError) -> InputError:
    """An InputError saying why ``target`` could not be written and that nothing was changed."""
    zh, en = _REASONS.get(exc.errno) or os_reason(exc)
    # Windows: replacing a file another program holds open fails with a sharing violation.
    if getattr(exc, "winerror", None) in (32, 33) or (
        os.name == "nt" and isinstance(exc, PermissionError)
    ):
        zh, en = _LOCKED
    if exc.strerror and exc.strerror != en:
        en = f"{en} ({exc.strerror})"
    return InputError(
        f"无法写入文件 {target}：{zh}；原文件未改动",
        f"cannot write {target}: {en}; nothing was changed",
    )


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
