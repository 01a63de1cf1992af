"""Where the library lives: ``--library PATH``, else env ``DUIZHAO_LIBRARY``, else the per-user
default ``platformdirs.user_data_dir("duizhao")/library.db`` (DESIGN §3)."""

from __future__ import annotations

import os
from pathlib import Path

from app.errors import InputError

LIBRARY_ENV = "DUIZHAO_LIBRARY"
LIBRARY_FILENAME = "library.db"


def default_library_path() -> Path:
    # platformdirs is imported here so that commands needing no library never pay for it.
    import platformdirs

    return Path(platformdirs.user_data_dir("duizhao")) / LIBRARY_FILENAME


def library_path(explicit: str | os.PathLike[str] | None = None) -> Path:
    """The library file to use: ``explicit`` (the ``--library`` option), the environment, or the
    default. Nothing is created here."""
    if explicit:
        return Path(explicit).expanduser()
    from_env = os.environ.get(LIBRARY_ENV, "").strip()
    if from_env:
        return Path(from_env).expanduser()
    return default_library_path()


def prepare_library_path(path: Path) -> Path:
    """Make sure the library's folder exists before the library file is created.

    The per-user default folder is created on first use; a folder the user named (option or
    environment) must already exist, so a typo is reported instead of silently creating a tree.
    """
    folder = path.parent
    if folder.is_dir():
        return path
    if path == default_library_path():
        # The materials are sensitive: the per-user folder is private (0700) on POSIX.
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        return path
    raise InputError(
        f"材料库所在文件夹不存在：{folder}", f"library folder does not exist: {folder}"
    )
