"""Read-only rescue of a damaged library: every material that can still be read is written as a
JSON file (the §4 format, importable again) into a folder the user picks.

The damaged file is never written, not even a ``-shm`` side file: its bytes (and its ``-wal``,
whose committed pages may hold the newest edits) are copied into a private temporary folder and
only the copy is opened. A material whose rows cannot be read falls back to its newest named
snapshot (``revisions`` holds whole materials as JSON); what cannot be saved either way is
listed in the report with the reason.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from app.errors import InputError, LibraryError, os_reason
from app.exporters.files import write_text_atomic
from app.library import tree
from app.library.schema import SQLITE_MAGIC
from app.serialize import material_from_json, material_to_json

if TYPE_CHECKING:  # imported when a rescue runs: importing app.library stays light
    from sqlite_utils import Database


@dataclass
class RescueReport:
    written: list[Path] = field(default_factory=list)
    from_snapshot: list[int] = field(default_factory=list)  # material ids saved from a snapshot
    failed: list[tuple[int | None, str]] = field(default_factory=list)  # (material id, reason)


def rescue_library(library_path: str | Path, out_dir: str | Path) -> RescueReport:
    """Write ``material-<id>.json`` (0600) for each readable material of ``library_path`` into
    ``out_dir`` (created 0700 if missing). Raises LibraryError when nothing at all can be read,
    InputError for an output onto the library's own files or a folder that cannot be made."""
    source = Path(library_path).expanduser().absolute()
    out = Path(out_dir).expanduser().absolute()
    if not source.is_file():
        raise LibraryError(f"材料库不存在：{source}", f"library not found: {source}")
    _check_header(source)
    try:
        out.mkdir(mode=0o700, parents=True, exist_ok=True)  # the materials are private
    except FileExistsError as exc:  # a file (perhaps the library itself) is in the way
        raise InputError(
            f"输出位置不是文件夹：{out}", f"the output is not a folder: {out}"
        ) from exc
    except OSError as exc:
        zh, en = os_reason(exc)
        raise InputError(
            f"无法创建文件夹 {out}（{zh}）", f"cannot create folder {out} ({en})"
        ) from exc
    with tempfile.TemporaryDirectory(prefix="duizhao-rescue-") as scratch:
        copy = Path(scratch) / "copy.db"
        shutil.copyfile(source, copy)
        wal = Path(f"{source}-wal")
        if wal.is_file():
            shutil.copyfile(wal, Path(f"{copy}-wal"))
        from sqlite_utils import Database

        conn = sqlite3.connect(copy)
        try:
            return _rescue(Database(conn, execute_plugins=False), out, source)
        finally:
            conn.close()


def _check_header(path: Path) -> None:
    with open(path, "rb") as fh:
        if fh.read(len(SQLITE_MAGIC)) != SQLITE_MAGIC:
            raise LibraryError(
                f"无法抢救：{path} 不是 SQLite 数据库文件",
                f"nothing to rescue: {path} is not an SQLite file",
            )


def _material_ids(db: Database) -> list[int]:
    """Every material id any table still names: a broken ``materials`` page must not hide the
    nodes or snapshots of a material."""
    ids: set[int] = set()
    readable = False
    for sql in (
        "SELECT id FROM materials",
        "SELECT DISTINCT material_id FROM nodes",
        "SELECT DISTINCT material_id FROM revisions",
    ):
        try:
            ids.update(row[0] for row in db.execute(sql).fetchall() if isinstance(row[0], int))
            readable = True
        except sqlite3.DatabaseError:
            continue
    if not readable:
        raise LibraryError(
            "无法抢救：材料库的数据表都已无法读取",
            "nothing to rescue: no table of the library can be read",
        )
    return sorted(ids)


def _rescue(db: Database, out: Path, source: Path) -> RescueReport:
    report = RescueReport()
    for material_id in _material_ids(db):
        text, reason = _read_material(db, material_id)
        if text is None:
            text, snapshot_reason = _read_snapshot(db, material_id)
            if text is None:
                report.failed.append((material_id, f"{reason}; {snapshot_reason}"))
                continue
            report.from_snapshot.append(material_id)
        # 0600 like the library, even in a folder that already existed; never onto the library.
        report.written.append(
            write_text_atomic(
                out / f"material-{material_id}.json", text, private=True, libraries=(source,)
            )
        )
    return report


def _read_material(db: Database, material_id: int) -> tuple[str | None, str]:
    try:
        material = tree.load_material(db, material_id)
    except (sqlite3.DatabaseError, ValueError, TypeError, KeyError) as exc:
        return None, f"rows unreadable ({type(exc).__name__}: {exc})"
    if material is None:
        return None, "material row missing"
    return material_to_json(material), ""


def _read_snapshot(db: Database, material_id: int) -> tuple[str | None, str]:
    try:
        rows = db.execute(
            "SELECT content FROM revisions WHERE material_id = ? ORDER BY created DESC, id DESC",
            [material_id],
        ).fetchall()
    except sqlite3.DatabaseError as exc:
        return None, f"snapshots unreadable ({exc})"
    for (content,) in rows:
        try:
            material, links = material_from_json(content)
        except (InputError, TypeError):
            continue
        data = json.loads(material_to_json(material))
        data["links"] = links
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n", ""
    return None, "no readable snapshot"
