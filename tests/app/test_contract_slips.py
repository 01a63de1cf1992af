"""Small promises the CLI and the store keep (issue 13, finding 9): bad input is exit 2 with a
reason the user can read — never "internal error", never Python's own text, never several KB on
one line —, rescued files are as private as the library, and copies killed backups left behind
are cleared."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from store_samples import sample_material
from test_cli import assert_one_line_error

from app.cli import main
from app.library import Library
from app.library import backup_files as store_backup

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="POSIX FIFOs, links and modes")
REPO = Path(__file__).resolve().parents[2]
LONG_NAME = "材料" * 50 + ".txt"  # 100 characters, 304 bytes in UTF-8: over the 255-byte limit


@pytest.fixture
def seeded(tmp_path, seed_path, capsys) -> Path:
    path = tmp_path / "lib.db"
    assert main(["--library", str(path), "import", str(seed_path)]) == 0
    capsys.readouterr()
    return path


@pytest.fixture
def run(capsys):
    def run(*args) -> tuple[int, str, str]:
        code = main([str(a) for a in args])
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    return run


def test_a_file_name_over_255_bytes_is_bad_input_not_an_internal_error(run, seeded, tmp_path):
    for args in (
        ["export", "1", "--format", "txt", "-o", tmp_path / LONG_NAME],
        ["export", "1", "--format", "pdf", "-o", tmp_path / LONG_NAME],
        ["import", tmp_path / LONG_NAME],
    ):
        code, _out, err = run("--library", seeded, *args)
        assert code == 2, err
        assert_one_line_error(err, "文件名过长", "too long")
        assert "内部错误" not in err
    code, _out, err = run("--library", tmp_path / LONG_NAME, "list")
    assert code == 2 and "文件名过长" in err


def test_a_json_number_of_100000_digits_is_a_clear_error(run, seeded, tmp_path):
    data = '{"format": "duizhao-material", "version": 1, "year": ' + "9" * 100_000 + "}"
    path = tmp_path / "year.json"
    path.write_text(data, encoding="utf-8")
    code, _out, err = run("--library", seeded, "import", path)
    assert code == 2
    assert_one_line_error(err, "数字过长", "4300 digits")
    assert "set_int_max_str_digits" not in err and len(err) < 300


@pytest.mark.parametrize(
    "option", ["draft 1 --template 2025-zhuti --year", "similar 1 --min-chars"]
)
def test_a_pasted_page_as_an_option_value_is_not_echoed_whole(run, seeded, option):
    *args, flag = option.split()
    code, _out, err = run("--library", seeded, *args, flag, "9" * 5000)
    assert code == 2
    assert_one_line_error(err, "命令行参数有误", "共 5000 个字符", "(5000 characters)")
    assert len(err) < 400


@posix_only
@pytest.mark.parametrize("kind", ["fifo", "device", "link loop"])
def test_an_unreadable_input_says_what_it_is(run, seeded, tmp_path, kind):
    path = tmp_path / "材料.md"
    if kind == "fifo":
        os.mkfifo(path)
        says = ("命名管道", "FIFO")
    elif kind == "device":
        path = Path("/dev/zero")
        says = ("设备文件", "device")
    else:
        path.symlink_to(tmp_path / "other.md")
        (tmp_path / "other.md").symlink_to(path)
        says = ("符号链接构成循环", "loop")
    code, _out, err = run("--library", seeded, "import", path)
    assert code == 2
    assert_one_line_error(err, *says)
    assert "不存在" not in err


@posix_only
def test_a_fifo_as_the_library_is_refused_instead_of_blocking(run, seeded, tmp_path):
    fifo = tmp_path / "fifo.db"
    os.mkfifo(fifo)
    backup = tmp_path / "saved.db"
    assert run("--library", seeded, "backup", "-o", backup)[0] == 0
    for args in (["list"], ["new", "--template", "2021-dangshi-wugedaitou"], ["restore", backup]):
        # A process of its own: reading a FIFO nobody writes would block this one for ever.
        done = subprocess.run(
            [sys.executable, "-m", "app.cli", "--library", str(fifo), *map(str, args)],
            capture_output=True,
            text=True,
            encoding="utf-8",
            cwd=REPO,
            timeout=30,
        )
        assert done.returncode == 2
        assert_one_line_error(done.stderr, "命名管道", "not a regular file")
    assert stat.S_ISFIFO(fifo.stat().st_mode)


def test_a_quick_check_report_is_cut_to_a_readable_line(run, tmp_path):
    path = tmp_path / "lib.db"
    with Library.open(path) as library:
        for _ in range(30):
            library.create_material(sample_material())
    conn = sqlite3.connect(path)
    # The schema's own pages stay readable (else SQLite refuses the file before checking it):
    # after migrations it spans several pages, found through the dbstat table.
    schema_pages = {
        row[0]
        for row in conn.execute(
            "SELECT pageno FROM dbstat WHERE name IN ('sqlite_schema', 'sqlite_master')"
        )
    }
    conn.close()
    data = bytearray(path.read_bytes())
    for page in range(3, len(data) // 4096):  # scribble inside every other b-tree page's cells
        if page + 1 in schema_pages:  # dbstat counts pages from 1
            continue
        data[page * 4096 + 100 : page * 4096 + 140] = bytes((page * 7 + i) % 256 for i in range(40))
    path.write_bytes(bytes(data))
    conn = sqlite3.connect(f"{path.as_uri()}?mode=ro&immutable=1", uri=True)
    raw = conn.execute("PRAGMA quick_check").fetchone()[0]
    conn.close()
    assert len(raw) > 1000  # SQLite reports every broken page in one row

    code, _out, err = run("--library", path, "show", "1")
    assert code == 2
    assert_one_line_error(err, "损坏", "corrupt", "quick_check")
    assert len(err) < 700


@posix_only
def test_rescue_into_an_existing_folder_writes_private_files(run, seeded, tmp_path):
    out = tmp_path / "shared"
    out.mkdir(mode=0o755)
    old = os.umask(0o022)
    try:
        code, written, err = run("--library", seeded, "rescue", "-o", out)
    finally:
        os.umask(old)
    assert code == 0, err
    [path] = [Path(line) for line in written.splitlines()]
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert json.loads(path.read_text(encoding="utf-8"))["format"] == "duizhao-material"


# ----- copies killed backups left behind ---------------------------------------------------------
def killed_backup_leftovers(library: Path) -> list[Path]:
    """What a backup SIGKILLed half-way leaves: a full-size ``.part`` copy and its journal."""
    folder = store_backup.backup_folder(library)
    folder.mkdir(exist_ok=True)
    part = folder / f"{library.stem}-auto-20260101-090000.db.part"
    part.write_bytes(library.read_bytes())
    journal = Path(f"{part}-journal")
    journal.write_bytes(b"\x00" * 512)
    an_hour_ago = time.time() - 3600
    for leftover in (part, journal):
        os.utime(leftover, (an_hour_ago, an_hour_ago))
    return [part, journal]


def test_opening_the_library_clears_what_killed_backups_left(tmp_path):
    path = tmp_path / "lib.db"
    Library.open(path).close()
    leftovers = killed_backup_leftovers(path)
    fresh = path.parent / "backups" / "lib-auto-20260101-090500.db.part"  # younger than us
    fresh.write_bytes(b"")
    kept = path.parent / "backups" / "notes.part"  # not a backup copy: not ours to remove
    kept.write_bytes(b"x")
    os.utime(kept, (time.time() - 3600,) * 2)

    Library.open(path).close()

    assert not any(p.exists() for p in leftovers)
    assert fresh.exists() and kept.exists()


def test_a_backup_clears_them_too(tmp_path):
    path = tmp_path / "lib.db"
    with Library.open(path) as library:
        library.create_material(sample_material())
        leftovers = killed_backup_leftovers(path)
        made = library.backup()
    assert not any(p.exists() for p in leftovers)
    assert made.is_file()


HOLD_OPEN = """
import sqlite3, sys, time
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("BEGIN EXCLUSIVE")
print("locked", flush=True)
time.sleep(60)
"""


@posix_only
def test_a_copy_another_process_is_still_writing_is_left_alone(tmp_path):
    path = tmp_path / "lib.db"
    with Library.open(path) as library:
        library.create_material(sample_material())
    part, _journal = killed_backup_leftovers(path)
    writer = subprocess.Popen(
        [sys.executable, "-c", HOLD_OPEN, str(part)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert writer.stdout.readline().strip() == "locked"
        os.utime(part, (time.time() - 3600,) * 2)
        assert store_backup.remove_stale_parts(part.parent) == []
        assert part.exists()
    finally:
        writer.send_signal(signal.SIGKILL)
        writer.wait()
        writer.stdout.close()
    assert part in store_backup.remove_stale_parts(part.parent)  # its writer is gone: stale now
