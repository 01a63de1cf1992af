"""One writer per library: stale locks of dead processes are taken over, live ones (even held
by a forked child) refuse with a clear message, and read-only CLI commands keep working while
another process edits."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from store_samples import sample_material

from app.errors import LibraryError
from app.library import Library
from app.library import lock as store_lock

REPO = Path(__file__).resolve().parents[3]
posix_only = pytest.mark.skipif(sys.platform == "win32", reason="POSIX processes and signals")

HOLDER = """
import sys, time
from app.library import Library
library = Library.open(sys.argv[1])
mid = library.create_material(__import__("store_samples").sample_material())
print(mid, flush=True)
time.sleep(60)
"""


def start_holder(path: Path) -> tuple[subprocess.Popen, int]:
    env = dict(os.environ, PYTHONPATH=f"{REPO}{os.pathsep}{REPO / 'tests' / 'app'}")
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(path)],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    line = holder.stdout.readline()
    assert line.strip().isdigit(), holder.stderr.read()
    return holder, int(line)


def dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def cli(capsys, *args: str) -> subprocess.CompletedProcess:
    """``duizhao-cli`` run in this process (which holds no lock), as a finished process."""
    from app.cli import main

    code = main(list(args))
    out, err = capsys.readouterr()
    return subprocess.CompletedProcess(args, code, out, err)


def test_a_lock_file_naming_a_dead_process_is_taken_over(tmp_path):
    path = tmp_path / "library.db"
    Library.open(path).close()
    lock = tmp_path / "library.db.lock"
    lock.write_text(f"pid {dead_pid()} @ {socket.gethostname()}\n", encoding="utf-8")
    with Library.open(path) as library:
        library.create_material(sample_material())
        assert lock.read_text(encoding="utf-8") == f"pid {os.getpid()} @ {socket.gethostname()}\n"


@posix_only
def test_a_killed_writer_leaves_no_lock_behind(tmp_path):
    path = tmp_path / "library.db"
    holder, mid = start_holder(path)
    try:
        with pytest.raises(LibraryError, match="already open") as err:
            Library.open(path)
        assert "已被另一个窗口打开" in err.value.zh and f"pid {holder.pid}" in err.value.en
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.wait()
        holder.stdout.close()
        holder.stderr.close()
    assert not store_lock.pid_alive(holder.pid)
    with Library.open(path) as library:  # taken over; the dead writer's committed text is there
        assert library.get_material(mid).title == sample_material().title


@posix_only
def test_a_lock_inherited_by_a_forked_child_is_still_respected(tmp_path):
    """The named pid is dead, yet its child holds the OS lock: taking over would be unsafe."""
    path = tmp_path / "library.db"
    code = (
        "import os, sys, time\n"
        "from app.library import lock as store_lock\n"
        "from pathlib import Path\n"
        "store_lock.acquire(Path(sys.argv[1]))\n"
        "child = os.fork()\n"
        "if child == 0:\n"
        "    time.sleep(60)\n"
        "    os._exit(0)\n"
        "print('forked', child, flush=True)\n"
        "os._exit(0)\n"
    )
    parent = subprocess.Popen(
        [sys.executable, "-c", code, str(path)], cwd=REPO, stdout=subprocess.PIPE, text=True
    )
    word, child = parent.stdout.readline().split()
    assert word == "forked"
    parent.wait()
    parent.stdout.close()
    try:
        with pytest.raises(LibraryError) as err:
            Library.open(path)
        assert "child process" in err.value.en
    finally:
        os.kill(int(child), signal.SIGKILL)  # the orphaned child this test started
    deadline = time.monotonic() + 10
    while True:
        try:
            Library.open(path).close()
            break
        except LibraryError:
            assert time.monotonic() < deadline, "the child's lock was not released when it died"
            time.sleep(0.05)


@posix_only
def test_readonly_cli_commands_work_while_another_process_writes(tmp_path, capsys):
    path = tmp_path / "library.db"
    holder, mid = start_holder(path)
    try:
        listed = cli(capsys, "--library", str(path), "list")
        assert listed.returncode == 0 and sample_material().title in listed.stdout
        shown = cli(capsys, "--library", str(path), "show", str(mid), "--json")
        assert shown.returncode == 0 and "学习态度不够积极" in shown.stdout
        out = tmp_path / "out.md"
        exported = cli(
            capsys, "--library", str(path), "export", str(mid), "--format", "md", "-o", str(out)
        )
        assert exported.returncode == 0 and "学习态度不够积极" in out.read_text(encoding="utf-8")
        backed_up = cli(capsys, "--library", str(path), "backup", "-o", str(tmp_path / "copy.db"))
        assert backed_up.returncode == 0, backed_up.stderr
        written = cli(
            capsys, "--library", str(path), "new", "--template", "2021-dangshi-wugedaitou"
        )
        assert written.returncode == 2
        assert "已被另一个窗口打开" in written.stderr and "already open" in written.stderr
        assert len(written.stderr.strip().splitlines()) == 1
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.wait()
        holder.stdout.close()
        holder.stderr.close()
    with Library.open(tmp_path / "copy.db", readonly=True) as copy:
        assert [s.id for s in copy.list_materials()] == [mid]


def test_holder_text_is_only_called_dead_for_this_host():
    host = socket.gethostname()
    assert store_lock.holder_is_dead(f"pid {dead_pid()} @ {host}")
    assert not store_lock.holder_is_dead(f"pid {os.getpid()} @ {host}")
    assert not store_lock.holder_is_dead(f"pid {dead_pid()} @ another-{host}")
    assert not store_lock.holder_is_dead("?")
