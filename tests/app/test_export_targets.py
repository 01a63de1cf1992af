"""Export, rescue and backup never write onto the library, its side files or its backups — under
any name (hard link, symbolic link) and even while a window holds the library open — nor onto a
device, a FIFO, or a read-only file the user did not confirm (issue 13, findings 1 and 4)."""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

import pytest
from test_cli import assert_one_line_error, library_hash

from app.cli import main
from app.library import Library

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="POSIX links, FIFOs and modes")


@pytest.fixture
def seeded(tmp_path, seed_path, capsys) -> Path:
    """A library holding the seed material (id 1), closed."""
    path = tmp_path / "lib.db"
    assert main(["--library", str(path), "import", str(seed_path)]) == 0
    capsys.readouterr()
    return path


@pytest.fixture
def run(capsys):
    def run(library: Path, *args: str) -> tuple[int, str, str]:
        code = main(["--library", str(library), *map(str, args)])
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    return run


def assert_refused_unchanged(run, library: Path, target: Path, *args: str, says: str = "") -> str:
    before = library_hash(library)
    code, out, err = run(library, *args, "-o", target)
    assert code == 2 and out == "", err
    assert_one_line_error(err, says)
    assert library_hash(library) == before
    assert run(library, "show", "1")[0] == 0  # still a readable library
    return err


@pytest.mark.parametrize("fmt", ["txt", "pdf", "docx", "json"])
def test_export_onto_the_library_itself_is_refused(run, seeded, fmt, monkeypatch):
    monkeypatch.setenv("DUIZHAO_FONTS", "bundled")
    err = assert_refused_unchanged(
        run, seeded, seeded, "export", "1", "--format", fmt, says="材料库本身"
    )
    assert "library itself" in err


@pytest.mark.parametrize("side", ["-wal", "-shm", ".lock"])
def test_export_onto_a_side_file_is_refused_even_while_a_window_has_it_open(run, seeded, side):
    window = Library.open(seeded)  # a writable open, as the window holds it: WAL and lock exist
    try:
        window.create_material(window.get_material(1))
        target = Path(f"{seeded}{side}")
        before = target.stat().st_ino  # a replaced file would be a new inode
        code, _out, err = run(seeded, "export", "1", "--format", "txt", "-o", target)
        assert code == 2 and f"lib.db{side}" in err and "附属文件" in err
        assert target.stat().st_ino == before
        assert [m.id for m in window.list_materials()] == [2, 1]  # the window keeps writing
        window.create_material(window.get_material(1))
    finally:
        window.close()
    with Library.open(seeded) as library:
        assert len(library.list_materials()) == 3


@posix_only
@pytest.mark.parametrize("link", [os.link, os.symlink], ids=["hard link", "symbolic link"])
def test_export_onto_another_name_of_the_library_is_refused(run, seeded, tmp_path, link):
    other = tmp_path / "elsewhere" / "导出.txt"
    other.parent.mkdir()
    link(seeded, other)
    assert_refused_unchanged(
        run, seeded, other, "export", "1", "--format", "txt", says="材料库本身"
    )
    assert os.path.samefile(other, seeded)


def test_export_into_the_backups_folder_is_refused(run, seeded):
    code, out, _err = run(seeded, "backup")
    backup = Path(out.strip())
    before = backup.read_bytes()
    assert_refused_unchanged(run, seeded, backup, "export", "1", "--format", "json", says="备份")
    assert_refused_unchanged(
        run, seeded, backup.parent / "new.txt", "export", "1", "--format", "txt", says="备份文件夹"
    )
    assert backup.read_bytes() == before and not (backup.parent / "new.txt").exists()


def test_export_onto_another_library_file_is_refused(run, seeded, tmp_path):
    other = tmp_path / "other.db"  # a library this process never opened (a copy, as a backup is)
    other.write_bytes(seeded.read_bytes())
    before = other.read_bytes()
    code, _out, err = run(seeded, "export", "1", "--format", "txt", "-o", other)
    assert code == 2 and "对照材料库文件" in err
    assert other.read_bytes() == before


@posix_only
def test_rescue_never_writes_onto_the_library(run, seeded, tmp_path):
    out = tmp_path / "rescued"
    out.mkdir()
    os.link(seeded, out / "material-1.json")  # a file there is the library under another name
    assert_refused_unchanged(run, seeded, out, "rescue", says="材料库本身")
    assert_refused_unchanged(run, seeded, seeded, "rescue", says="不是文件夹")


def test_backup_onto_the_library_wal_name_is_refused(run, seeded):
    assert not Path(f"{seeded}-wal").exists()  # closed cleanly: no WAL, only its name is taken
    assert_refused_unchanged(run, seeded, Path(f"{seeded}-wal"), "backup", says="lib.db-wal")
    assert not Path(f"{seeded}-wal").exists()


# ----- not a regular file, or write-protected ------------------------------------------------
@posix_only
def test_export_onto_a_fifo_is_refused_and_the_fifo_stays(run, seeded, tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    assert_refused_unchanged(run, seeded, fifo, "export", "1", "--format", "txt", says="命名管道")
    assert stat.S_ISFIFO(fifo.stat().st_mode)


@posix_only
def test_export_onto_a_device_is_refused(run, seeded, tmp_path):
    # Through a link in our own folder, so today's code (which swaps the link) harms nothing.
    device = tmp_path / "null.txt"
    device.symlink_to(os.devnull)
    assert_refused_unchanged(run, seeded, device, "export", "1", "--format", "txt", says="设备文件")
    assert device.is_symlink() and stat.S_ISCHR(device.stat().st_mode)


@posix_only
def test_a_read_only_target_needs_force(run, seeded, tmp_path):
    target = tmp_path / "只读.txt"
    target.write_text("旧内容", encoding="utf-8")
    target.chmod(0o444)
    err = assert_refused_unchanged(
        run, seeded, target, "export", "1", "--format", "txt", says="只读"
    )
    assert "--force" in err
    assert target.read_text(encoding="utf-8") == "旧内容"

    code, out, err = run(seeded, "export", "1", "--format", "txt", "--force", "-o", target)
    assert code == 0, err
    assert out.strip() == str(target)
    assert "五个带头" in target.read_text(encoding="utf-8")
    assert stat.S_IMODE(target.stat().st_mode) == 0o444  # still protected, as the user had it
