"""Automatic rotating backups: on open, hourly while editing, before a migration and a restore;
kept by age; each a verified private copy; failures reported without stopping editing."""

from __future__ import annotations

import errno
import shutil
import sqlite3
import sys
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from store_samples import sample_material

from app.errors import LibraryError
from app.library import Library
from app.library import backup_files as store_backup
from app.library.backup_files import (
    KEEP_DAYS,
    KEEP_RECENT,
    KEEP_WEEKS,
    backups_to_keep,
    library_backups,
)
from app.library.backups import list_backups

V1 = Path(__file__).resolve().parents[2] / "data" / "libraries" / "v1.db"
NOW = datetime(2026, 11, 26, 20, 0, 0)


def titles_in(backup: Path) -> list[str]:
    with Library.open(backup, readonly=True) as copy:
        return [s.title for s in copy.list_materials()]


def labels(path: Path) -> list[str]:
    return [info.label for info in list_backups(path)]


def test_rotation_keeps_recent_then_one_per_day_then_one_per_week():
    hourly_for_ten_weeks = [NOW - timedelta(hours=h) for h in range(0, 24 * 70)]
    keep = backups_to_keep(hourly_for_ten_weeks, NOW)
    kept = [hourly_for_ten_weeks[i] for i in sorted(keep)]
    assert kept[:KEEP_RECENT] == hourly_for_ten_weeks[:KEEP_RECENT]
    days = {t.date() for t in kept if (NOW.date() - t.date()).days < KEEP_DAYS}
    assert len(days) == KEEP_DAYS  # one for each of the last 7 days
    oldest = min(kept)
    assert (NOW.date() - oldest.date()).days // 7 == KEEP_WEEKS - 1  # nothing older than 8 weeks
    assert len(kept) <= KEEP_RECENT + KEEP_DAYS + KEEP_WEEKS
    assert len({(NOW.date() - t.date()).days // 7 for t in kept}) == KEEP_WEEKS


def test_rotation_keeps_everything_when_there_are_few():
    times = [NOW - timedelta(days=d) for d in (0, 3, 40)]
    assert backups_to_keep(times, NOW) == {0, 1, 2}


def test_open_backs_up_an_existing_library_once_per_gap(tmp_path):
    path = tmp_path / "library.db"
    with Library.open(path) as library:  # a new library: nothing to back up
        library.create_material(sample_material())
    assert library_backups(path) == []
    Library.open(path).close()
    Library.open(path).close()  # a minute later: the first backup is recent enough
    backups = list_backups(path)
    assert [b.label for b in backups] == ["auto"]
    assert backups[0].material_count == 1 and backups[0].size > 0
    assert titles_in(backups[0].path) == [sample_material().title]
    if sys.platform != "win32":
        assert backups[0].path.stat().st_mode & 0o777 == 0o600
    with Library.open(path, auto_backup=False):
        pass
    assert len(library_backups(path)) == 1


def test_maybe_backup_backs_up_edits_hourly(tmp_path):
    path = tmp_path / "library.db"
    with Library.open(path) as library:
        mid = library.create_material(sample_material())
        first = library.maybe_backup(NOW)
        assert first is not None and titles_in(first) == [sample_material().title]
        assert library.maybe_backup(NOW + timedelta(hours=3)) is None  # no edit since
        library.update_material(mid, title="改过的标题")
        assert library.maybe_backup(NOW + timedelta(minutes=30)) is None  # within the hour
        second = library.maybe_backup(NOW + timedelta(minutes=61))
        assert second is not None and titles_in(second) == ["改过的标题"]
    with Library.open(path, readonly=True) as reader:
        assert reader.maybe_backup(NOW + timedelta(days=1)) is None


def test_maybe_backup_rotates_old_backups_away(tmp_path):
    path = tmp_path / "library.db"
    with Library.open(path) as library:
        mid = library.create_material(sample_material())
        start = NOW - timedelta(days=90)
        made = []
        for day in range(0, 91, 3):  # every third day for three months
            library.update_material(mid, title=f"第{day}天")
            made.append(library.maybe_backup(start + timedelta(days=day)))
    assert all(made)
    kept = library_backups(path)
    assert len(kept) < len(made)
    assert kept[0][0] == made[-1]  # the newest is always kept
    assert NOW - kept[-1][1] < timedelta(weeks=KEEP_WEEKS)
    assert set(path.parent.joinpath("backups").iterdir()) == {p for p, _ in kept}


def test_a_failed_automatic_backup_does_not_stop_editing(tmp_path, monkeypatch):
    path = tmp_path / "library.db"
    with Library.open(path) as library:
        mid = library.create_material(sample_material())

        def disk_full(src, dst):
            raise OSError(errno.ENOSPC, "No space left on device")

        monkeypatch.setattr(store_backup.os, "replace", disk_full)
        assert library.maybe_backup(NOW) is None
        assert "No space left" in library.last_backup_error.en
        library.update_material(mid, title="照常保存")
        monkeypatch.undo()
        assert library.maybe_backup(NOW) is not None and library.last_backup_error is None
    assert not list((tmp_path / "backups").glob("*.part"))
    with Library.open(path, readonly=True) as reader:
        assert reader.get_material(mid).title == "照常保存"


def test_explicit_backup_failure_is_a_clear_error_and_leaves_no_file(tmp_path, monkeypatch):
    path = tmp_path / "library.db"
    with Library.open(path) as library:
        library.create_material(sample_material())

        real_connect = sqlite3.connect

        def size_limited(target, *args, **kwargs):  # a backup medium with room for 2 pages
            conn = real_connect(target, *args, **kwargs)
            conn.execute("PRAGMA max_page_count = 2")
            return conn

        monkeypatch.setattr(store_backup.sqlite3, "connect", size_limited)
        with pytest.raises(LibraryError) as err:
            library.backup(tmp_path / "copy.db")
        assert "full" in err.value.en and err.value.zh
    assert not (tmp_path / "copy.db").exists() and not (tmp_path / "copy.db.part").exists()


def table_names(path: Path) -> set[str]:
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
    finally:
        conn.close()


def test_a_migration_is_preceded_by_a_backup_of_the_old_file(tmp_path, pending_migration):
    path = tmp_path / "v1.db"
    shutil.copyfile(V1, path)
    Library.open(path).close()
    (before,) = [b for b in list_backups(path) if b.label == "before-migration"]
    assert "test_only_table" not in table_names(before.path)
    assert "test_only_table" in table_names(path)
    assert before.material_count == 1  # old schema: read with plain SQL, as the dialog does


def test_a_migration_whose_backup_fails_does_not_run(tmp_path, monkeypatch, pending_migration):
    path = tmp_path / "v1.db"
    shutil.copyfile(V1, path)
    before = path.read_bytes()

    def broken_copy(conn, dest):
        raise LibraryError("备份失败：磁盘已满", "backup failed: disk full")

    with monkeypatch.context() as patch:  # the broken copy only; the pending step stays
        patch.setattr(store_backup, "copy_database", broken_copy)
        with pytest.raises(LibraryError, match="nothing was upgraded") as err:
            Library.open(path)
    assert "未升级" in err.value.zh
    assert "test_only_table" not in table_names(path)
    assert path.read_bytes() == before or "test_only_table" not in table_names(path)
    Library.open(path).close()  # the lock was released; now the upgrade runs
    assert "test_only_table" in table_names(path)


def test_restore_keeps_the_current_file_as_a_labelled_backup(tmp_path):
    path = tmp_path / "library.db"
    with Library.open(path) as library:
        mid = library.create_material(sample_material())
        good = library.backup()
        library.update_material(mid, title="恢复前的修改")
    safety = Library.restore_backup(good, path)
    assert "before-restore" in labels(path)
    assert titles_in(safety) == ["恢复前的修改"]
    assert titles_in(path) == [sample_material().title]


def test_the_open_backup_may_run_on_a_worker_thread_while_editing(tmp_path):
    """How the window uses it: open without the backup, make it off the GUI thread."""
    import threading

    path = tmp_path / "library.db"
    with Library.open(path) as library:
        mid = library.create_material(sample_material())
    with Library.open(path, auto_backup=False) as library:
        assert library_backups(path) == []
        made = []
        worker = threading.Thread(target=lambda: made.append(library.backup_if_due()))
        worker.start()
        for i in range(50):  # typing goes on meanwhile, through the library's own connection
            library.update_material(mid, title=f"第{i}次")
        worker.join(timeout=30)
        assert made and made[0] is not None
        assert titles_in(made[0])[0].startswith(("第", sample_material().title[:3]))
        assert library.backup_if_due() is None  # just made: not due again
    with Library.open(path, readonly=True) as reader:
        assert reader.get_material(mid).title == "第49次"


def test_cli_backup_and_restore_round_trip_with_a_safety_copy(tmp_path, capsys):
    from app.cli import main

    path = tmp_path / "library.db"
    with Library.open(path) as library:
        mid = library.create_material(sample_material())
    assert main(["--library", str(path), "backup"]) == 0
    backup = Path(capsys.readouterr().out.strip())
    assert backup.parent == tmp_path / "backups" and titles_in(backup) == [sample_material().title]
    with Library.open(path, auto_backup=False) as library:
        library.update_material(mid, title="备份之后写错了")
    assert main(["--library", str(path), "restore", str(backup)]) == 0
    out, err = capsys.readouterr()
    assert out.strip() == str(path)
    assert "before-restore" in err
    assert titles_in(path) == [sample_material().title]
    (safety,) = [b for b in list_backups(path) if b.label == "before-restore"]
    assert titles_in(safety.path) == ["备份之后写错了"]
    assert main(["--library", str(path), "restore", str(tmp_path / "missing.db")]) == 2
    assert "missing.db" in capsys.readouterr().err
