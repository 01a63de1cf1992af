"""A library on read-only media whose ``-wal`` survived a crash but whose ``-shm`` did not is
fine: it is read (WAL commits included) and called read-only, never "damaged" (issue 13,
finding 6).

SQLite cannot create the missing ``-shm`` on such media and says "unable to open database
file"; that used to reach the user as 文件已损坏，请从备份恢复 — a restore that would lose the
WAL's commits. Chmod does not stop root, so the media is made truly read-only: a tmpfs mounted
in a private mount namespace (``unshare``, util-linux) and remounted read-only. Where namespaces
are unavailable a non-root user gets a 0555 folder, which fails the same way for SQLite.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[3]
pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="read-only mounts: Linux")

# A window that committed and then died: the commit is in the WAL only.
_COMMIT_AND_DIE = """
import os, signal, sys
from app.model import Material
from app.library import Library
library = Library.open(sys.argv[1], auto_backup=False)
library.create_material(Material(title="只在WAL里的材料"))
os.kill(os.getpid(), signal.SIGKILL)
"""

# Run on the read-only media: what the window's open, a read-only open and the CLI make of it.
_LOOK = """
import contextlib, io, json, sys
from app.cli import main
from app.errors import LibraryError
from app.library import Library
from app.errors import CorruptLibraryError
path = sys.argv[1]
seen = {}
try:
    Library.open(path).close()
    seen["writable"] = "opened"
except LibraryError as exc:
    seen["writable"] = exc.zh
    seen["corrupt"] = isinstance(exc, CorruptLibraryError)
with Library.open(path, readonly=True) as library:
    seen["titles"] = [m.title for m in library.list_materials()]
out, err = io.StringIO(), io.StringIO()
with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
    seen["cli"] = main(["--library", path, "list"])
seen["cli_out"], seen["cli_err"] = out.getvalue(), err.getvalue()
print(json.dumps(seen, ensure_ascii=False))
"""

_MOUNT_AND_LOOK = """
set -e
mount -t tmpfs -o size=16m tmpfs "$1"
cp "$2" "$2-wal" "$1/"
mount -o remount,ro "$1"
touch "$1/probe" 2>/dev/null && { echo "still writable" >&2; exit 3; }
echo "read-only media ready" >&2
exec "$3" -c "$4" "$1/lib.db"
"""


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(REPO)}


@pytest.fixture
def crashed_library(tmp_path) -> Path:
    path = tmp_path / "src" / "lib.db"
    path.parent.mkdir()
    done = subprocess.run(
        [sys.executable, "-c", _COMMIT_AND_DIE, str(path)], cwd=REPO, env=_env(), timeout=60
    )
    assert done.returncode == -signal.SIGKILL
    assert Path(f"{path}-wal").stat().st_size > 0
    return path


def _look_on_readonly_media(library: Path, tmp_path: Path) -> dict:
    media = tmp_path / "media"
    media.mkdir()
    unshare = shutil.which("unshare")
    if unshare is not None:
        done = subprocess.run(
            [
                unshare,
                "--mount",
                "--map-root-user",
                "sh",
                "-c",
                _MOUNT_AND_LOOK,
                "sh",
                str(media),
                str(library),
                sys.executable,
                _LOOK,
            ],
            cwd=REPO,
            env=_env(),
            capture_output=True,
            timeout=120,
        )
        if b"read-only media ready" in done.stderr or b"still writable" in done.stderr:
            assert done.returncode == 0, done.stderr.decode(errors="replace")
            return json.loads(done.stdout)
    if os.geteuid() == 0:
        pytest.skip("no mount namespace here, and root ignores a read-only folder's mode")
    for suffix in ("", "-wal"):
        shutil.copyfile(f"{library}{suffix}", media / f"lib.db{suffix}")
    media.chmod(0o555)
    try:
        done = subprocess.run(
            [sys.executable, "-c", _LOOK, str(media / "lib.db")],
            cwd=REPO,
            env=_env(),
            capture_output=True,
            timeout=60,
        )
    finally:
        media.chmod(0o755)
    assert done.returncode == 0, done.stderr.decode(errors="replace")
    return json.loads(done.stdout)


def test_a_crashed_library_on_readonly_media_is_read_only_not_damaged(crashed_library, tmp_path):
    seen = _look_on_readonly_media(crashed_library, tmp_path)
    assert seen["corrupt"] is False
    assert "只读" in seen["writable"] and "损坏" not in seen["writable"]
    assert seen["titles"] == ["只在WAL里的材料"], "the WAL's commit is read"
    assert seen["cli"] == 0 and "只在WAL里的材料" in seen["cli_out"] and seen["cli_err"] == ""


def test_the_private_copy_read_from_readonly_media_is_removed_on_close(
    crashed_library, monkeypatch
):
    import sqlite3
    import tempfile

    from app.library import readonly as store_readonly

    real_connect = sqlite3.connect
    refused = []

    def connect(target, *args, **kwargs):
        if kwargs.get("uri") and str(target).startswith(crashed_library.resolve().as_uri()):
            refused.append(target)  # SQLite's answer on read-only media with no -shm
            error = sqlite3.OperationalError("unable to open database file")
            error.sqlite_errorcode = sqlite3.SQLITE_CANTOPEN
            raise error
        return real_connect(target, *args, **kwargs)

    monkeypatch.setattr(store_readonly.sqlite3, "connect", connect)
    before = set(Path(tempfile.gettempdir()).glob("duizhao-readonly-*"))
    conn = store_readonly.connect_readonly(crashed_library)
    try:
        assert conn.execute("SELECT title FROM materials").fetchall() == [("只在WAL里的材料",)]
        with pytest.raises(sqlite3.OperationalError):
            conn.execute("DELETE FROM materials")  # the copy is read-only too
    finally:
        conn.close()
    assert refused, "the direct open was tried first"
    assert set(Path(tempfile.gettempdir()).glob("duizhao-readonly-*")) == before
