"""SQLite's exceptions never leave the library package: a public ``Library`` method raises the
project's own errors (``app.errors``), so callers catch ``DuizhaoError`` and need not know SQL.

Writes are translated by ``Library._write`` (``write_error``: the edit was rolled back); the rest
— a read of a damaged file or a removed drive — by the methods ``typed_errors`` wraps."""

from __future__ import annotations

import functools
import inspect
import sqlite3
from pathlib import Path

from app.errors import LibraryError

_WRITE_REASONS = (  # (SQLite's message, 中文, English)
    ("disk is full", "磁盘已满", "the disk is full"),
    (
        "readonly database",
        "材料库文件或其所在位置是只读的",
        "the library file or its folder is read-only",
    ),
    (
        "disk i/o error",
        "读写出错（存储设备是否已拔出？）",
        "input/output error (was the drive removed?)",
    ),
    ("database is locked", "材料库正被另一个程序占用", "the library is busy in another program"),
    ("malformed", "材料库文件已损坏", "the library file is corrupt"),
)


def write_error(path: Path, exc: sqlite3.DatabaseError) -> LibraryError:
    """A failed write (already rolled back) as the user should read it: why, and that the text
    stored before is intact."""
    detail = str(exc)
    zh, en = next(
        ((z, e) for key, z, e in _WRITE_REASONS if key in detail.lower()), (detail, detail)
    )
    return LibraryError(
        f"未能保存到材料库 {path}：{zh}；此前保存的内容未受影响，请处理后重试",
        f"could not save to the library {path}: {en}; what was saved before is intact — fix "
        f"this and retry",
    )


def read_error(path: Path, exc: sqlite3.Error) -> LibraryError:
    detail = str(exc)
    zh, en = next(
        ((z, e) for key, z, e in _WRITE_REASONS if key in detail.lower()), (detail, detail)
    )
    return LibraryError(f"无法读取材料库 {path}：{zh}", f"cannot read the library {path}: {en}")


def typed_errors(cls: type) -> type:
    """Wrap every public method of ``cls`` (its mixins' too) so an ``sqlite3.Error`` leaves as a
    ``LibraryError``. Inside a write it is left for ``_write`` to translate (one message)."""
    # Each name as ``inspect.getattr_static(cls, name)`` finds it (the first class of the MRO
    # that defines it), walking the class dicts once rather than looking up every name of dir().
    found: dict[str, object] = {}
    for klass in cls.__mro__:
        for name, value in vars(klass).items():
            found.setdefault(name, value)
    for name, method in found.items():
        if not name.startswith("_") and inspect.isfunction(method):
            setattr(cls, name, _translating(method))
    return cls


def _translating(method):
    @functools.wraps(method)
    def call(self, *args, **kwargs):
        try:
            return method(self, *args, **kwargs)
        except sqlite3.Error as exc:
            if self._writing:
                raise  # the enclosing ``_write`` rolls back and says "could not save"
            raise read_error(self.path, exc) from exc

    return call
