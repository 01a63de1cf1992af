"""Library files: creation (0600), pragmas, refusing files we cannot use without touching them,
read-only opening, older schema versions, backups and restoring them."""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from store_samples import SAMPLE_LINKS, sample_material

from app.errors import LibraryError
from app.library import Library
from app.library.schema import APPLICATION_ID
from app.serialize import material_to_dict

V1 = Path(__file__).resolve().parents[2] / "data" / "libraries" / "v1.db"


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def make_library(path: Path) -> int:
    with Library.open(path) as library:
        return library.create_material(sample_material(), SAMPLE_LINKS)


def assert_refused_untouched(path: Path, match: str) -> LibraryError:
    before = digest(path)
    siblings = sorted(os.listdir(path.parent))
    with pytest.raises(LibraryError, match=match) as err:
        Library.open(path)
    assert digest(path) == before
    assert sorted(os.listdir(path.parent)) == siblings  # no -wal/-shm left behind either
    assert err.value.zh and err.value.en
    return err.value


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_new_library_file_is_private(tmp_path):
    path = tmp_path / "sub" / "library.db"
    Library.open(path).close()
    assert path.stat().st_mode & 0o777 == 0o600


def test_new_library_is_ours_in_wal_mode_with_foreign_keys(tmp_path):
    with Library.open(tmp_path / "library.db") as library:
        pragma = lambda name: library.db.execute(f"PRAGMA {name}").fetchone()[0]  # noqa: E731
        assert pragma("application_id") == APPLICATION_ID
        assert pragma("journal_mode") == "wal"
        assert pragma("foreign_keys") == 1
        assert pragma("synchronous") == 1  # NORMAL


def test_reopening_keeps_the_content(tmp_path):
    path = tmp_path / "library.db"
    mid = make_library(path)
    with Library.open(path) as library:
        assert material_to_dict(library.get_material(mid)) == material_to_dict(
            sample_material()
        ) | {"links": SAMPLE_LINKS}


def test_a_text_file_is_refused_untouched(tmp_path):
    path = tmp_path / "notes.db"
    path.write_text("这不是数据库", encoding="utf-8")
    error = assert_refused_untouched(path, "SQLite")
    assert "不是" in error.zh


def test_another_programs_database_is_refused_untouched(tmp_path):
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE contacts (name TEXT)")
    conn.execute("INSERT INTO contacts VALUES ('张三')")
    conn.commit()
    conn.close()
    assert_refused_untouched(path, "another program")


def test_a_corrupt_library_is_refused_untouched(tmp_path):
    path = tmp_path / "library.db"
    make_library(path)
    data = bytearray(path.read_bytes())
    page = 4096
    for start in range(2 * page, len(data), page):  # scribble over every page's b-tree header
        data[start : start + 12] = b"\xff" * 12
    path.write_bytes(bytes(data))
    assert_refused_untouched(path, "corrupt")


def test_a_truncated_library_is_refused_untouched(tmp_path):
    path = tmp_path / "library.db"
    make_library(path)
    path.write_bytes(path.read_bytes()[: 4096 * 3])
    assert_refused_untouched(path, "corrupt")


def test_a_library_from_a_newer_version_is_refused_untouched(tmp_path):
    path = tmp_path / "library.db"
    make_library(path)
    conn = sqlite3.connect(path)
    conn.execute(
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) VALUES ('duizhao', "
        "'m099_future', 'x')"
    )
    conn.commit()
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.close()
    assert_refused_untouched(path, "newer")


def test_a_folder_is_refused(tmp_path):
    with pytest.raises(LibraryError):
        Library.open(tmp_path)


def test_an_empty_file_becomes_a_library(tmp_path):
    path = tmp_path / "library.db"
    path.touch()
    with Library.open(path) as library:
        assert library.list_materials() == []
        library.create_material(sample_material())


def test_readonly_open_writes_nothing(tmp_path):
    path = tmp_path / "library.db"
    mid = make_library(path)
    before = digest(path)
    files = sorted(os.listdir(tmp_path))
    with Library.open(path, readonly=True) as library:
        assert library.list_materials()[0].id == mid
        assert library.search("学习态度")[0].material_id == mid
        with pytest.raises(LibraryError):
            library.create_material(sample_material())
    assert digest(path) == before
    assert sorted(os.listdir(tmp_path)) == files


def test_readonly_open_of_a_missing_file_creates_nothing(tmp_path):
    with pytest.raises(LibraryError):
        Library.open(tmp_path / "missing.db", readonly=True)
    assert os.listdir(tmp_path) == ["home"]


def test_readonly_sees_a_library_open_for_writing(tmp_path):
    path = tmp_path / "library.db"
    with Library.open(path) as writer:
        mid = writer.create_material(sample_material())
        with Library.open(path, readonly=True) as reader:
            assert reader.get_material(mid).title == sample_material().title


def test_a_schema_v1_library_opens_and_keeps_its_content(tmp_path):
    path = tmp_path / "v1.db"
    shutil.copyfile(V1, path)
    with Library.open(path) as library:
        (summary,) = library.list_materials()
        assert summary.title == "县政府党组党史学习教育专题民主生活会“五个带头”对照检查材料"
        assert (summary.year, summary.point_count, summary.dimension_count) == (2021, 2, 1)
        m = library.get_material(summary.id)
        assert m.preamble == ["现将有关情况对照检查如下："]
        problem = m.sections[0].dimensions[0].points[0]
        assert (problem.title, problem.example, m.sections[0].dimensions[0].heading_suffix) == (
            "学习态度不够积极",
            "个别同志以干代学",
            "”方面：",
        )
        assert problem.links == [m.sections[1].points[0].id]
        assert library.search("以干代学")[0].node_id == problem.id
        assert library.get_snapshot(library.list_snapshots(summary.id)[0].id).title == "初稿标题"
        library.update_node(problem.id, body="改过")  # writable after the upgrade
    with Library.open(path) as library:
        assert library.get_material(summary.id).sections[0].dimensions[0].points[0].body == "改过"


def test_backup_is_a_verified_private_copy(tmp_path):
    path = tmp_path / "library.db"
    with Library.open(path) as library:
        mid = library.create_material(sample_material(), SAMPLE_LINKS)
        copy = library.backup()
        explicit = library.backup(tmp_path / "elsewhere" / "copy.db")
    assert copy.parent == tmp_path / "backups"
    assert explicit == tmp_path / "elsewhere" / "copy.db"
    if sys.platform != "win32":
        assert copy.stat().st_mode & 0o777 == 0o600
    with Library.open(copy, readonly=True) as restored:
        assert material_to_dict(restored.get_material(mid))["links"] == SAMPLE_LINKS


def test_backup_refuses_to_overwrite(tmp_path):
    with Library.open(tmp_path / "library.db") as library:
        target = library.backup(tmp_path / "b.db")
        before = digest(target)
        with pytest.raises(LibraryError):
            library.backup(target)
    assert digest(target) == before


def test_restore_backup_keeps_a_safety_copy_of_the_current_file(tmp_path):
    path = tmp_path / "library.db"
    with Library.open(path) as library:
        mid = library.create_material(sample_material())
        good = library.backup(tmp_path / "good.db")
        library.update_material(mid, title="备份之后的修改")
    safety = Library.restore_backup(good, path)
    with Library.open(path) as library:
        assert library.get_material(mid).title == sample_material().title
    with Library.open(safety, readonly=True) as previous:
        assert previous.get_material(mid).title == "备份之后的修改"


def test_restore_refuses_a_bad_backup_and_leaves_the_library(tmp_path):
    path = tmp_path / "library.db"
    make_library(path)
    before = digest(path)
    bad = tmp_path / "bad.db"
    bad.write_text("garbage", encoding="utf-8")
    with pytest.raises(LibraryError):
        Library.restore_backup(bad, path)
    with pytest.raises(LibraryError):
        Library.restore_backup(tmp_path / "missing.db", path)
    assert digest(path) == before


def test_a_second_process_is_told_the_library_is_already_open(tmp_path):
    path = tmp_path / "library.db"
    code = (
        "import sys; from app.library import Library\n"
        "try:\n    Library.open(sys.argv[1])\n"
        "except Exception as exc:\n    print(type(exc).__name__, exc); sys.exit(3)\n"
    )
    repo = Path(__file__).resolve().parents[3]
    with Library.open(path):
        other = subprocess.run(
            [sys.executable, "-c", code, str(path)], cwd=repo, capture_output=True, text=True
        )
        assert other.returncode == 3
        assert "LibraryLockedError" in other.stdout and "already open" in other.stdout
        assert f"pid {os.getpid()}" in other.stdout
    after = subprocess.run(
        [sys.executable, "-c", code, str(path)], cwd=repo, capture_output=True, text=True
    )
    assert after.returncode == 0, after.stdout + after.stderr


def test_one_process_may_open_a_library_twice(tmp_path):
    path = tmp_path / "library.db"
    with Library.open(path) as first, Library.open(path) as second:
        mid = first.create_material(sample_material())
        assert second.get_material(mid).title == sample_material().title


def test_restore_refuses_while_the_library_is_open(tmp_path):
    path = tmp_path / "library.db"
    with Library.open(path) as library:
        good = library.backup(tmp_path / "good.db")
        with pytest.raises(LibraryError, match="close the library"):
            Library.restore_backup(good, path)


def test_a_corrupt_library_error_names_the_newest_good_backup(tmp_path):
    path = tmp_path / "library.db"
    with Library.open(path) as library:
        library.create_material(sample_material())
        backup = library.backup()
    data = bytearray(path.read_bytes())
    data[2 * 4096 : 2 * 4096 + 12] = b"\xff" * 12
    path.write_bytes(bytes(data))
    error = assert_refused_untouched(path, "corrupt")
    assert str(backup) in error.en and str(backup) in error.zh


def test_backup_from_a_readonly_library(tmp_path):
    path = tmp_path / "library.db"
    mid = make_library(path)
    before = digest(path)
    with Library.open(path, readonly=True) as library:
        copy = library.backup()
    assert digest(path) == before
    with Library.open(copy, readonly=True) as restored:
        assert restored.get_material(mid).title == sample_material().title
