"""Errors the user sees. Each carries a Chinese message first and an English one after it."""


class DuizhaoError(Exception):
    """Base of errors meant for the user (the CLI prints them on one line; the UI shows them)."""

    exit_code = 1

    def __init__(self, zh: str, en: str = ""):
        self.zh = zh
        self.en = en
        super().__init__(f"{zh} / {en}" if en else zh)


class InputError(DuizhaoError):
    """Bad input from the user: a file we cannot read, a wrong id, a malformed JSON. Exit 2."""

    exit_code = 2


class LibraryError(DuizhaoError):
    """The library file cannot be used (not a library, corrupt, newer schema, locked). Exit 2."""

    exit_code = 2


class CorruptLibraryError(LibraryError):
    """The file is a Duizhao library (or SQLite file) whose pages are damaged."""


class LibraryLockedError(LibraryError):
    """The library is open in another window or process (the single-writer lock is held)."""


class NotFoundError(InputError):
    """A material or node id that is not in the library."""


# Why an operating-system call on a user's file failed, in words the user can act on.
_OS_REASONS = {
    "ENOSPC": ("磁盘已满", "the disk is full"),
    "EDQUOT": ("磁盘配额已用完", "the disk quota is used up"),
    "EROFS": (
        "该位置是只读的（如写保护的 U 盘或光盘）",
        "the location is read-only (a write-protected drive?)",
    ),
    "EACCES": ("没有权限", "permission denied"),
    "EPERM": ("没有权限", "permission denied"),
    "ENAMETOOLONG": ("文件名过长", "the file name is too long"),
    "ELOOP": ("符号链接构成循环", "the symbolic links form a loop"),
    "ENOENT": ("文件或文件夹不存在", "no such file or folder"),
    "ENOTDIR": ("路径中有一段不是文件夹", "a part of the path is not a folder"),
    "EISDIR": ("这是一个文件夹", "it is a folder"),
    "EIO": ("读写出错（设备是否已拔出？）", "input/output error (was the drive removed?)"),
}


def os_reason(exc: OSError) -> tuple[str, str]:
    """(中文, English) reason for ``exc``; the system's own text when we have no better words."""
    import errno

    name = errno.errorcode.get(exc.errno or 0, "")
    text = exc.strerror or str(exc)
    return _OS_REASONS.get(name, (text, text))
