"""Where an export, a rescue or a backup may write: never onto a library, one of its side files
(``-wal``, ``-shm``, ``-journal``, ``.lock``) or its backups, and never onto something that is
not a plain file (a device, a FIFO, a folder), whatever name the target is given.

Names can lie — a symbolic link, a hard link, ``..`` in the path, another spelling of the same
folder — so files are compared by device and inode, not by path. Read-only commands take no lock,
so this is the only thing keeping ``export -o library.db`` from replacing a library that a window
has open. A read-only (write-protected) target is refused too unless the user confirmed.

Every writer of user-chosen files calls ``check_target`` (``app.exporters.files`` does it for all
exports); the libraries this process has open are always protected (``Library.open`` and
``close`` keep the list), others are passed in by the caller (rescue reads a library it does not
open). Any Duizhao library file — a closed one, a backup — is recognised by its header.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable
from pathlib import Path

from app.errors import InputError, LibraryError, os_reason

SQLITE_MAGIC = b"SQLite format 3\x00"
_APPLICATION_ID_OFFSET = 68
_DUIZHAO_APPLICATION_ID = (0x445A484F).to_bytes(4, "big")  # app.library.schema.APPLICATION_ID
# The files SQLite and the store keep beside a library named ``name``.
_SIDE_SUFFIXES = ("", "-wal", "-shm", "-journal", ".lock", ".restoring", ".restore", ".typing")

_open_libraries: dict[Path, int] = {}  # library open in this process (read-only or not) → count


class ReadOnlyTargetError(InputError):
    """The target exists and is write-protected: overwrite it only when the user confirms
    (``--force`` in the CLI, a confirm dialog in the window)."""


def library_opened(path: Path) -> None:
    """Protect ``path`` (real file, side files, backups) from every write while it is open."""
    _open_libraries[path] = _open_libraries.get(path, 0) + 1


def library_closed(path: Path) -> None:
    count = _open_libraries.pop(path, 0) - 1
    if count > 0:
        _open_libraries[path] = count


def check_target(
    target: str | Path, *, libraries: Iterable[Path] = (), force: bool = False
) -> Path:
    """Raise InputError unless writing a new file at ``target`` (by rename) is safe; returns the
    absolute target. ``force`` allows replacing a write-protected file (the user confirmed)."""
    target = Path(target).expanduser().absolute()
    folder = _stat_or_refuse(target.parent, target)
    if folder is None or not stat.S_ISDIR(folder.st_mode):
        raise InputError(
            f"文件夹不存在：{target.parent}", f"folder does not exist: {target.parent}"
        )
    found = refuse_library_files(target, libraries=libraries)
    if found is None:
        return target
    if not stat.S_ISREG(found.st_mode):
        zh, en = _kind(found.st_mode)
        raise InputError(
            f"目标不是普通文件（{zh}），不能覆盖：{target}",
            f"the target is not a regular file ({en}); it cannot be replaced: {target}",
        )
    if _is_duizhao_library(target):
        raise InputError(
            f"目标是一个对照材料库文件，不能被覆盖：{target}",
            f"the target is a Duizhao library file; it will not be overwritten: {target}",
        )
    if not force and _write_protected(target, found):
        raise ReadOnlyTargetError(
            f"目标文件是只读的（写保护），未覆盖：{target}",
            f"the target file is read-only (write-protected); not replaced: {target}",
        )
    return target


def refuse_library_files(
    target: Path, *, libraries: Iterable[Path] = (), into_backups: bool = False
) -> os.stat_result | None:
    """The library half of ``check_target`` (for writers that never replace a file, as backup):
    refuse ``target`` when it is a library, one of its side files or (unless ``into_backups``)
    in its backups folder; returns the target's ``stat`` (None when nothing is there yet)."""
    folder = _stat_or_refuse(target.parent, target)
    found = _stat_or_refuse(target, target)
    if folder is None:
        return found  # a folder still to be made holds no library
    # A file with one name, reached by no symbolic link, can be a library's file only under
    # that name in that folder; only a link needs the inode compared (a few stats a library).
    linked = found is not None and (found.st_nlink > 1 or target.is_symlink())
    # Given libraries as named and as their real file (a link's side files live beside the
    # real one); open ones are resolved already.
    given = [Path(p) for p in libraries]
    candidates = dict.fromkeys(
        [*given, *(Path(os.path.realpath(p)) for p in given), *_open_libraries]
    )
    for library in candidates:
        _refuse_library_file(target, folder, found if linked else None, library, into_backups)
    return found


def describe_input(path: Path) -> InputError | None:
    """Why ``path`` cannot be read as an input file (missing, a link loop, a device, a FIFO, a
    folder), or None when it is a regular file."""
    try:
        found = path.stat()
    except FileNotFoundError:
        return InputError(f"文件不存在：{path}", f"no such file: {path}")
    except OSError as exc:
        zh, en = os_reason(exc)
        return InputError(f"无法读取文件（{zh}）：{path}", f"cannot read the file ({en}): {path}")
    if stat.S_ISREG(found.st_mode):
        return None
    zh, en = _kind(found.st_mode)
    return InputError(
        f"不是普通文件（{zh}），无法读取：{path}",
        f"not a regular file ({en}); cannot read it: {path}",
    )


def refuse_special_library(path: Path) -> None:
    """A library path that exists must be a regular file: reading a FIFO blocks forever, a
    device never holds a library."""
    found = _quiet_stat(path)
    if found is not None and not stat.S_ISREG(found.st_mode):
        zh, en = _kind(found.st_mode)
        raise LibraryError(
            f"材料库路径不是普通文件（{zh}）：{path}",
            f"the library path is not a regular file ({en}): {path}",
        )


def _stat_or_refuse(path: Path, target: Path) -> os.stat_result | None:
    """``os.stat`` following links; None when nothing is there; an unusable name is bad input."""
    try:
        return path.stat()
    except FileNotFoundError:
        return None
    except OSError as exc:
        zh, en = os_reason(exc)
        raise InputError(
            f"无法写入文件 {target}：{zh}；未写入", f"cannot write {target}: {en}; nothing written"
        ) from exc


def _refuse_library_file(
    target: Path,
    folder: os.stat_result,
    linked: os.stat_result | None,
    library: Path,
    into_backups: bool,
) -> None:
    """``linked``: the target's stat when it is a link, to be compared with each side file."""
    lib_folder = _quiet_stat(library.parent)
    if lib_folder is None:
        return  # its folder is gone: nothing of it left to overwrite
    same_folder = _same(lib_folder, folder)
    for suffix in _SIDE_SUFFIXES if same_folder or linked is not None else ():
        side = library.with_name(library.name + suffix)
        by_name = same_folder and os.path.normcase(target.name) == os.path.normcase(side.name)
        side_stat = _quiet_stat(side) if linked is not None and not by_name else None
        if by_name or (side_stat is not None and _same(side_stat, linked)):
            zh, en = (
                ("材料库本身", "the library itself")
                if not suffix
                else (f"材料库的附属文件 {side.name}", f"the library's own file {side.name}")
            )
            raise InputError(
                f"目标是{zh}（材料库：{library}），写入会毁掉材料，未写入；请另选文件名：{target}",
                f"the target is {en} (library: {library}); writing it would destroy the"
                f" materials, nothing written; choose another name: {target}",
            )
    backups = library.parent / "backups"
    if not into_backups and not same_folder and _same_or_false(backups, folder):
        raise InputError(
            f"不能写到材料库的备份文件夹里（{backups}），请另选位置：{target}",
            f"refusing to write into the library's backups folder ({backups}); choose another"
            f" place: {target}",
        )


def _same_or_false(path: Path, other: os.stat_result) -> bool:
    found = _quiet_stat(path)
    return found is not None and _same(found, other)


def _quiet_stat(path: Path) -> os.stat_result | None:
    try:
        return path.stat()
    except (OSError, ValueError):
        return None


def _same(a: os.stat_result, b: os.stat_result) -> bool:
    return (a.st_dev, a.st_ino) == (b.st_dev, b.st_ino)


def _kind(mode: int) -> tuple[str, str]:
    if stat.S_ISDIR(mode):
        return "文件夹", "a folder"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "设备文件", "a device"
    if stat.S_ISFIFO(mode):
        return "命名管道", "a FIFO"
    if stat.S_ISSOCK(mode):
        return "套接字", "a socket"
    return "特殊文件", "a special file"


def _is_duizhao_library(path: Path) -> bool:
    """Any Duizhao library or backup (by its SQLite header), wherever it lies."""
    try:
        with open(path, "rb") as fh:
            header = fh.read(_APPLICATION_ID_OFFSET + 4)
    except OSError:
        return False
    return (
        header.startswith(SQLITE_MAGIC)
        and header[_APPLICATION_ID_OFFSET:] == _DUIZHAO_APPLICATION_ID
    )


def _write_protected(path: Path, found: os.stat_result) -> bool:
    """No write bit at all (a 0444 file, Windows' read-only attribute) or none for us. The mode
    bits matter because root may write anything: the user still marked the file read-only."""
    return not found.st_mode & 0o222 or not os.access(path, os.W_OK)
