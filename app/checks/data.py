"""The wording lists the rules use, read from ``resources/checks/*.toml`` (data, not code).

A user may extend a list without touching the installed files: a file of the same name in
``<user config dir>/duizhao/checks/`` (e.g. ``typos.toml``) is merged in — its arrays are
appended to the bundled ones, its tables update them. Edits to it are picked up on the next
check run (its modification time is part of the cache key)."""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path
from typing import Any

from platformdirs import user_config_dir

from app.errors import InputError
from app.resources import resource_path


def user_data_path(name: str) -> Path:
    return Path(user_config_dir("duizhao")) / "checks" / f"{name}.toml"


def version(name: str) -> str:
    """Changes when the user's file for ``name`` appears, changes or goes away ("" = none)."""
    path = user_data_path(name)
    try:
        return f"{path}@{path.stat().st_mtime_ns}"
    except OSError:
        return ""


def load(name: str) -> dict[str, Any]:
    """``load("typos")`` → the bundled ``resources/checks/typos.toml`` with the user's merged in."""
    return _load(name, version(name))


@cache
def _load(name: str, user_version: str) -> dict[str, Any]:
    data = _read(resource_path("checks", f"{name}.toml"))
    if user_version:
        _merge(data, _read(user_data_path(name)))
    return data


def _read(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise InputError(
            f"检查规则数据无法读取：{path}（{exc}）", f"cannot read check data {path}: {exc}"
        ) from exc


def _merge(base: dict[str, Any], extra: dict[str, Any]) -> None:
    for key, value in extra.items():
        if isinstance(value, list) and isinstance(base.get(key), list):
            base[key] = base[key] + value
        elif isinstance(value, dict) and isinstance(base.get(key), dict):
            _merge(base[key], value)
        else:
            base[key] = value
