"""Read-only rescue of a damaged library: what can be read comes out as importable JSON, the
damaged file (and its folder) stay exactly as they were."""

from __future__ import annotations

import hashlib
import os
import sqlite3
from pathlib import Path

import pytest
from store_samples import SAMPLE_LINKS, sample_material

from app.errors import LibraryError
from app.library import Library
from app.library.rescue import rescue_library
from app.serialize import material_from_json, material_to_dict


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def folder_state(folder: Path) -> dict[str, str]:
    return {p.name: digest(p) for p in folder.iterdir() if p.is_file()}


def test_a_healthy_library_is_rescued_whole(tmp_path):
    path = tmp_path / "lib" / "library.db"
    with Library.open(path) as library:
        mid = library.create_material(sample_material(), SAMPLE_LINKS)
        other = library.create_material(sample_material())
        library.update_material(other, title="第二份材料")
    before = folder_state(path.parent)
    report = rescue_library(path, tmp_path / "rescued")
    assert folder_state(path.parent) == before
    assert sorted(p.name for p in report.written) == [
        f"material-{mid}.json",
        f"material-{other}.json",
    ]
    material, links = material_from_json(
        (tmp_path / "rescued" / f"material-{mid}.json").read_text(encoding="utf-8")
    )
    assert material_to_dict(material) | {"links": links} == material_to_dict(sample_material()) | {
        "links": SAMPLE_LINKS
    }
    assert report.failed == [] and report.from_snapshot == []


def test_uncheckpointed_edits_in_the_wal_are_rescued_without_touching_it(tmp_path):
    path = tmp_path / "lib" / "library.db"
    library = Library.open(path)
    try:
        mid = library.create_material(sample_material())
        library.update_material(mid, title="只在 WAL 里的标题")
        wal = Path(f"{path}-wal")
        assert wal.stat().st_size > 0
        before = folder_state(path.parent)
        report = rescue_library(path, tmp_path / "rescued")
        assert folder_state(path.parent) == before
    finally:
        library.close()
    (written,) = report.written
    assert material_from_json(written.read_text(encoding="utf-8"))[0].title == "只在 WAL 里的标题"


def test_a_material_whose_rows_are_broken_comes_back_from_its_snapshot(tmp_path):
    path = tmp_path / "lib" / "library.db"
    with Library.open(path) as library:
        mid = library.create_material(sample_material())
        library.create_snapshot(mid, "定稿")
    # Damage the way a bad sector would make it unreadable: the nodes table's root page.
    conn = sqlite3.connect(path)
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'nodes'").fetchone()[0]
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.close()
    data = bytearray(path.read_bytes())
    start = (root - 1) * page_size
    data[start : start + page_size] = b"\xfe" * page_size
    path.write_bytes(bytes(data))
    before = folder_state(path.parent)
    with pytest.raises(LibraryError):
        Library.open(path)
    report = rescue_library(path, tmp_path / "rescued")
    assert folder_state(path.parent) == before
    assert report.from_snapshot == [mid]
    (written,) = report.written
    material, _ = material_from_json(written.read_text(encoding="utf-8"))
    assert material.sections[0].dimensions[0].points[0].title == "学习态度不够积极"


def test_a_file_that_is_not_sqlite_has_nothing_to_rescue(tmp_path):
    path = tmp_path / "library.db"
    path.write_bytes(b"\x00garbage" * 100)
    before = digest(path)
    with pytest.raises(LibraryError, match="not an SQLite file"):
        rescue_library(path, tmp_path / "rescued")
    assert digest(path) == before
    assert not (tmp_path / "rescued").exists()


def test_a_library_with_every_table_unreadable_is_a_clear_error(tmp_path):
    path = tmp_path / "library.db"
    with Library.open(path) as library:
        library.create_material(sample_material())
    data = bytearray(path.read_bytes())
    data[100:4096] = b"\xff" * (4096 - 100)  # the schema page
    path.write_bytes(bytes(data))
    with pytest.raises(LibraryError) as err:
        rescue_library(path, tmp_path / "rescued")
    assert err.value.zh and err.value.en
    assert not (tmp_path / "rescued").exists() or os.listdir(tmp_path / "rescued") == []
