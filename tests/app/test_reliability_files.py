"""Broken files, full disks and read-only places: a clear zh/en error, the file's bytes
unchanged, no text lost, no half-written export."""

from __future__ import annotations

import errno
import hashlib
import os
import random
import sqlite3
from pathlib import Path

import pytest
from store_samples import SAMPLE_LINKS, sample_material

from app.errors import InputError, LibraryError
from app.exporters import files
from app.exporters.files import write_text_atomic
from app.library import Library, file_checks
from app.model import Point


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def make_library(path: Path) -> int:
    with Library.open(path, auto_backup=False) as library:
        mid = library.create_material(sample_material(), SAMPLE_LINKS)
        for i in range(40):  # enough pages that damage in the middle hits table data
            library.create_material(sample_material())
            library.create_snapshot(mid, f"快照{i}")
    return mid


def refused_untouched(path: Path) -> LibraryError:
    before = digest(path)
    siblings = sorted(os.listdir(path.parent))
    with pytest.raises(LibraryError) as err:
        with Library.open(path) as library:  # a damaged page may only show when read
            for summary in library.list_materials():
                library.get_material(summary.id)
    assert digest(path) == before
    assert sorted(os.listdir(path.parent)) == siblings
    assert err.value.zh and err.value.en and err.value.zh != err.value.en
    return err.value


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_random_bytes_in_the_middle_are_refused_untouched(tmp_path, seed):
    path = tmp_path / "library.db"
    make_library(path)
    data = bytearray(path.read_bytes())
    rng = random.Random(seed)
    start = rng.randrange(len(data) // 3, 2 * len(data) // 3)
    data[start : start + 4096] = rng.randbytes(4096)
    path.write_bytes(bytes(data))
    error = refused_untouched(path)
    assert "corrupt" in error.en or "损坏" in error.zh


@pytest.mark.parametrize("keep", [100, 4096 + 17, 0.5])
def test_truncated_libraries_are_refused_untouched(tmp_path, keep):
    path = tmp_path / "library.db"
    make_library(path)
    data = path.read_bytes()
    path.write_bytes(data[: int(len(data) * keep) if isinstance(keep, float) else keep])
    refused_untouched(path)


@pytest.mark.parametrize(
    "content",
    [
        b"%PDF-1.7\n" + bytes(range(256)) * 40,
        "一是学习。".encode() * 500,
        b"SQLite format 3\x00" + b"\x00" * 84,
    ],
)
def test_non_libraries_are_refused_untouched(tmp_path, content):
    path = tmp_path / "library.db"
    path.write_bytes(content)
    refused_untouched(path)


def test_another_programs_database_in_wal_mode_is_refused_untouched(tmp_path):
    path = tmp_path / "places.sqlite"
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("CREATE TABLE moz_places (url TEXT)")
    conn.execute("INSERT INTO moz_places VALUES ('about:blank')")
    conn.commit()
    conn.close()
    error = refused_untouched(path)
    assert "another program" in error.en


# ----- disk full ------------------------------------------------------------------------------


def test_a_full_disk_fails_the_edit_clearly_and_keeps_what_was_saved(tmp_path):
    """A size-limited library file (``max_page_count``): SQLite's real SQLITE_FULL path."""
    path = tmp_path / "library.db"
    with Library.open(path) as library:
        mid = library.create_material(sample_material(), SAMPLE_LINKS)
        saved = library.get_material(mid)
        pages = library.db.execute("PRAGMA page_count").fetchone()[0]
        library.db.execute(f"PRAGMA max_page_count = {pages}")
        section = saved.sections[2].id
        with pytest.raises(LibraryError) as err:
            library.insert_point(section, 0, Point(title="新要点", body="很长的正文。" * 20000))
        assert "磁盘已满" in err.value.zh and "disk is full" in err.value.en
        assert "intact" in err.value.en
        assert library.get_material(mid) == saved  # rolled back, nothing half-written
        library.db.execute("PRAGMA max_page_count = 1073741823")  # space freed: editing goes on
        library.update_node(saved.sections[2].points[0].id, body="空间释放后继续编辑")
    with Library.open(path) as library:
        assert library.get_material(mid).sections[2].points[0].body == "空间释放后继续编辑"
        assert [r[0] for r in library.db.execute("PRAGMA integrity_check")] == ["ok"]


def test_a_full_disk_during_a_snapshot_is_a_clear_error(tmp_path):
    path = tmp_path / "library.db"
    with Library.open(path) as library:
        mid = library.create_material(sample_material())
        library.update_material(mid, preamble=["很长的前言。" * 30000])
        library.db.execute("VACUUM")  # no free pages left inside the file
        library.db.execute(
            f"PRAGMA max_page_count = {library.db.execute('PRAGMA page_count').fetchone()[0]}"
        )
        with pytest.raises(LibraryError, match="disk is full"):
            library.create_snapshot(mid, "满了")
        assert library.list_snapshots(mid) == []
        assert library.get_material(mid).preamble == ["很长的前言。" * 30000]


# ----- read-only library ----------------------------------------------------------------------


def test_a_read_only_library_is_refused_for_writing_but_opens_read_only(tmp_path, monkeypatch):
    path = tmp_path / "library.db"
    mid = make_library(path)
    before = digest(path)
    real_access = os.access
    monkeypatch.setattr(
        file_checks.os,
        "access",
        lambda p, mode: False if Path(p) == path and mode == os.W_OK else real_access(p, mode),
    )
    with pytest.raises(LibraryError) as err:
        Library.open(path)
    assert "只读" in err.value.zh and "read-only" in err.value.en
    with Library.open(path, readonly=True) as library:
        assert library.get_material(mid).title == sample_material().title
    assert digest(path) == before


def test_a_library_that_becomes_read_only_while_open_keeps_its_text(tmp_path, monkeypatch):
    """The medium turns read-only under us (USB stick write-protect, remount): the edit fails
    with a clear error, the saved text stays."""
    path = tmp_path / "library.db"
    mid = make_library(path)
    real_connect = sqlite3.connect
    with Library.open(path, auto_backup=False) as library:
        library.db.conn.close()
        library.db.conn = real_connect(
            f"{path.as_uri()}?mode=ro", uri=True, check_same_thread=False
        )
        with pytest.raises(LibraryError) as err:
            library.update_material(mid, title="改不了")
        assert "只读" in err.value.zh and "read-only" in err.value.en
    with Library.open(path, readonly=True) as library:
        assert library.get_material(mid).title == sample_material().title


# ----- exports --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("error", "zh", "en"),
    [
        (OSError(errno.ENOSPC, "No space left on device"), "磁盘已满", "disk is full"),
        (OSError(errno.EROFS, "Read-only file system"), "只读", "read-only"),
        (PermissionError(errno.EACCES, "Permission denied"), "权限", "permission"),
    ],
)
@pytest.mark.parametrize("failing", ["write", "replace"])
def test_a_failed_export_leaves_no_half_file_and_says_why(
    tmp_path, monkeypatch, error, zh, en, failing
):
    target = tmp_path / "材料.txt"
    target.write_text("上次导出的内容", encoding="utf-8")

    def fail(*args, **kwargs):
        raise error

    monkeypatch.setattr(files.os, failing, fail)
    with pytest.raises(InputError) as err:
        write_text_atomic(target, "新内容" * 1000)
    monkeypatch.undo()
    assert zh in err.value.zh and en in err.value.en
    assert "未改动" in err.value.zh and "nothing was changed" in err.value.en
    assert target.read_text(encoding="utf-8") == "上次导出的内容"
    assert sorted(os.listdir(tmp_path)) == ["home", "材料.txt"]


def test_a_file_open_in_another_program_on_windows_is_named_as_such(tmp_path, monkeypatch):
    target = tmp_path / "材料.pdf"

    def sharing_violation(src, dst):
        exc = PermissionError(errno.EACCES, "The process cannot access the file")
        exc.winerror = 32  # ERROR_SHARING_VIOLATION, what Windows raises when Word holds the file
        raise exc

    monkeypatch.setattr(files.os, "replace", sharing_violation)
    with pytest.raises(InputError) as err:
        write_text_atomic(target, "x")
    assert "另一个程序打开" in err.value.zh and "open in another program" in err.value.en
    assert not target.exists() and sorted(os.listdir(tmp_path)) == ["home"]
