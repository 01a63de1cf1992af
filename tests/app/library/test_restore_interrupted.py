"""A restore killed part way loses no committed edit, and the next open finishes it (or finds it
never changed anything) and says so (issue 13, finding 5).

The commits under test live only in the library's WAL, as after the window was killed: the
old restore deleted that WAL before its rename, so a kill at the rename rolled the library back
silently. Each kill is a real SIGKILL of a child process, injected at the named moment.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from app.library import Library
from app.model import Material, Point, Section

REPO = Path(__file__).resolve().parents[3]
pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")

# Edits the library and is killed before closing it: its commit stays in the WAL.
_EDIT_AND_DIE = """
import os, signal, sys
from app.library import Library
library = Library.open(sys.argv[1], auto_backup=False)
mid = library.list_materials()[0].id
library.update_material(mid, title="已保存的新标题")
os.kill(os.getpid(), signal.SIGKILL)
"""

# Restores a backup and is SIGKILLed at the chosen moment: at the rename that swaps the copy in
# ("rename"), or while the backup is being copied beside the library ("copy").
_RESTORE_AND_DIE = """
import os, signal, sys
from app.library import backup_files as store_backup
from app.library import Library
library, backup, moment = sys.argv[1:4]
real_replace, real_copy = os.replace, store_backup.copy_database

def replace(src, dst, *args, **kwargs):
    if moment == "rename" and str(src).endswith(".restoring"):
        os.kill(os.getpid(), signal.SIGKILL)
    return real_replace(src, dst, *args, **kwargs)

def copy_database(source, dest):
    if moment == "copy" and str(dest).endswith(".restoring"):
        os.kill(os.getpid(), signal.SIGKILL)
    return real_copy(source, dest)

os.replace = replace
store_backup.copy_database = copy_database
Library.restore_backup(backup, library)
"""


def _child(code: str, *args: str) -> int:
    done = subprocess.run(
        [sys.executable, "-c", code, *args],
        cwd=REPO,
        capture_output=True,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        timeout=60,
    )
    return done.returncode


@pytest.fixture
def library_with_wal_commit(tmp_path) -> tuple[Path, Path]:
    """(library, backup): the backup holds "原来的标题"; the library's newer title is committed
    but only in its WAL."""
    path = tmp_path / "lib.db"
    with Library.open(path) as library:
        library.create_material(
            Material(
                title="原来的标题",
                sections=[
                    Section(kind="problems", heading="存在的问题", points=[Point(title="问题一")])
                ],
            )
        )
        backup = library.backup()
    assert _child(_EDIT_AND_DIE, str(path)) == -signal.SIGKILL
    assert Path(f"{path}-wal").stat().st_size > 0, "the edit is in the WAL only"
    return path, backup


def _title(path: Path) -> str:
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return conn.execute("SELECT title FROM materials").fetchone()[0]
    finally:
        conn.close()


def test_a_restore_killed_at_its_rename_is_finished_on_the_next_open_and_keeps_the_edit(
    library_with_wal_commit,
):
    path, backup = library_with_wal_commit
    assert _child(_RESTORE_AND_DIE, str(path), str(backup), "rename") == -signal.SIGKILL

    with Library.open(path) as library:
        zh, en = library.notice
        assert "现已完成恢复" in zh and backup.name in zh and "completed" in en
        assert library.list_materials()[0].title == "原来的标题"  # the restore the user asked for
    (safety,) = (path.parent / "backups").glob("lib-before-restore-*.db")
    assert safety.name in zh, "the user is told where the library as it was is kept"
    assert _title(safety) == "已保存的新标题", "the edit committed before the restore is kept"
    assert sorted(p.name for p in path.parent.iterdir() if p.name.startswith("lib.db")) == [
        "lib.db",
        "lib.db.lock",
    ], "no half-done restore left behind"
    with Library.open(path) as again:
        assert again.notice is None, "said once"


def test_a_restore_killed_before_it_changed_anything_keeps_every_commit_and_says_so(
    library_with_wal_commit,
):
    path, backup = library_with_wal_commit
    assert _child(_RESTORE_AND_DIE, str(path), str(backup), "copy") == -signal.SIGKILL

    with Library.open(path, readonly=True) as reader:  # a read-only look writes nothing yet
        assert "中断" in reader.notice[0]
        assert reader.list_materials()[0].title == "已保存的新标题"
    with Library.open(path) as library:
        zh, en = library.notice
        assert "恢复没有进行" in zh and "before it changed anything" in en
        assert library.list_materials()[0].title == "已保存的新标题"
    assert not Path(f"{path}.restoring").exists() and not Path(f"{path}.restore").exists()


def test_a_completed_restore_leaves_no_journal_and_no_notice(library_with_wal_commit):
    path, backup = library_with_wal_commit
    safety = Library.restore_backup(backup, path)
    assert _title(safety) == "已保存的新标题"
    with Library.open(path) as library:
        assert library.notice is None
        assert library.list_materials()[0].title == "原来的标题"
    assert not Path(f"{path}.restore").exists()


def test_the_cli_tells_the_user_about_a_restore_killed_part_way(library_with_wal_commit, capsys):
    from app.cli import main

    path, backup = library_with_wal_commit
    assert _child(_RESTORE_AND_DIE, str(path), str(backup), "rename") == -signal.SIGKILL
    assert main(["--library", str(path), "list"]) == 0  # read-only: says so, changes nothing
    err = capsys.readouterr().err
    assert err.startswith("注意：上次从备份恢复材料库时程序被中断") and err.count("\n") == 1
    assert (
        main(
            [
                "--library",
                str(path),
                "new",
                "--template",
                "2025-niandu-wugedaitou",
                "--title",
                "新材料",
            ]
        )
        == 0
    )
    err = capsys.readouterr().err
    assert "现已完成恢复" in err and "completed" in err
    assert main(["--library", str(path), "list"]) == 0
    out, err = capsys.readouterr()
    assert err == "" and "原来的标题" in out and "新材料" in out


def test_a_restore_that_fails_changes_nothing_and_leaves_nothing_to_finish(
    library_with_wal_commit, monkeypatch
):
    from app.errors import LibraryError
    from app.library import backup_files as store_backup

    path, backup = library_with_wal_commit
    real_copy = store_backup.copy_database

    def disk_full(source, dest):
        if str(dest).endswith(".restoring"):
            raise LibraryError("备份失败：磁盘已满", "backup failed: the disk is full")
        return real_copy(source, dest)

    monkeypatch.setattr(store_backup, "copy_database", disk_full)
    with pytest.raises(LibraryError, match="磁盘已满"):
        Library.restore_backup(backup, path)
    assert not Path(f"{path}.restore").exists() and not Path(f"{path}.restoring").exists()
    with Library.open(path) as library:
        assert library.notice is None
        assert library.list_materials()[0].title == "已保存的新标题"
