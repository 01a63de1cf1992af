"""Known successions between official frameworks (resources/successions.toml): for a pair of
templates, which old dimension (by short name) carries on as which new one.

Hand-kept data, read once; the dimension mapping of next year's draft asks it first and falls
back to wording similarity for anything it does not name.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from app.errors import InputError
from app.resources import resource_path


@dataclass(frozen=True)
class Succession:
    from_id: str
    to_id: str
    dimensions: tuple[tuple[str, str], ...]  # (old short name, new short name), file order


def _parse(path: Path) -> tuple[Succession, ...]:
    if not path.is_file():  # a resources folder of one's own (DUIZHAO_RESOURCES) may lack it
        return ()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        return tuple(
            Succession(
                from_id=str(entry["from"]),
                to_id=str(entry["to"]),
                dimensions=tuple((str(k), str(v)) for k, v in entry["dimensions"].items()),
            )
            for entry in data.get("succession", [])
        )
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise InputError(
            f"框架对应表无法读取：{path.name}（{exc}）", f"cannot read {path.name}: {exc}"
        ) from exc
    except (KeyError, TypeError, AttributeError) as exc:
        raise InputError(
            f"框架对应表格式错误：{path.name}（{exc}）", f"malformed {path.name}: {exc}"
        ) from exc


@cache
def load_successions(path: Path | None = None) -> tuple[Succession, ...]:
    return _parse(path or resource_path("successions.toml"))


def successor_names(from_id: str, to_id: str) -> dict[str, str]:
    """Old short name → new short name for that pair of templates; empty when none is known."""
    for entry in load_successions():
        if entry.from_id == from_id and entry.to_id == to_id:
            return dict(entry.dimensions)
    return {}
