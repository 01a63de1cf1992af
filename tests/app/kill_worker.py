"""The kill test's editor process, and the checks made after it is killed.

Run as ``python kill_worker.py LIBRARY ACKS FIRST_N SEED [MODE]``: it opens the library through
``Library.open`` — the same call the window makes — and edits forever with the calls the
window's commands make (``update_node``/``update_material`` from autosave, ``insert_point`` from
+要点, ``create_snapshot``, ``maybe_backup`` from the backup timer). Every edit writes a value
numbered ``n`` (counting up from FIRST_N); after the call returns — the transaction committed —
it appends ``ack KEY n`` to ACKS with one ``write()``, which survives the process being killed.
MODE "backup" makes a manual backup after every other edit, so kills often land inside one.
``python kill_worker.py LIBRARY ACKS restore BACKUP STEP`` restores BACKUP over the library as
the 备份与恢复 dialog does, killing itself at the restore step STEP ("-": the parent kills it at
a random moment).

``check_library`` then demands: ``integrity_check`` is ok and, for every acknowledged edit, the
library holds that value or a later one (an edit in flight when the kill came may have
committed without its ack). ``run_trial`` is one round: start, wait for editing to be under
way, SIGKILL at a random moment, check. ``run_restore_trial`` kills a restore (the library's
WAL still holding the last killed editor's commits) and demands that, after the next open
finished or undid it, every acknowledged edit is in the library — or, when the restore took
effect, in the before-restore copy it kept — and that an unfinished restore was reported.
The test and ``benchmarks/bench_kill.py`` both use them.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
POINTS_AT_START = 4


def _ack(fd: int, key: str, n: int) -> None:
    os.write(fd, f"ack {key} {n}\n".encode())


def _material(library) -> tuple[int, list[int]]:
    """The material being edited (created on the first run) and its editable point ids."""
    from app.model import Material, Point, Section

    summaries = library.list_materials()
    if summaries:
        mid = summaries[-1].id
    else:
        section = Section(
            kind="measures",
            heading="努力方向和整改措施",
            points=[Point(title=f"措施{i}", body="初稿") for i in range(POINTS_AT_START)],
        )
        mid = library.create_material(Material(title="试验材料", sections=[section]))
    material = library.get_material(mid)
    return mid, [p.id for p in material.all_points()]


def work(library_path: str, acks_path: str, n: int, seed: int, mode: str = "edit") -> None:
    from app.library import Library
    from app.model import Point

    rng = random.Random(seed)
    fd = os.open(acks_path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    library = Library.open(library_path)
    library.load_write_layer()  # as the window does once it has painted, before any typing
    mid, points = _material(library)
    section_id = library.get_material(mid).sections[0].id
    clock = datetime(2030, 1, 1)
    os.write(fd, b"ready\n")
    while True:
        n += 1
        if mode == "backup" and n % 2:
            library.backup()
            _ack(fd, "backup", n)
            continue
        roll = rng.random()
        if roll < 0.55:
            node = rng.choice(points)
            library.update_node(node, body=f"第{n}稿：" + "内容" * rng.randint(1, 400))
            _ack(fd, f"body:{node}", n)
        elif roll < 0.75:
            library.update_material(mid, title=f"第{n}稿标题")
            _ack(fd, f"title:{mid}", n)
        elif roll < 0.92:
            node = library.insert_point(
                section_id, rng.randint(0, len(points)), Point(title=f"新增{n}")
            )
            points.append(node)
            _ack(fd, f"insert:{node}", n)
        elif roll < 0.97:
            library.create_snapshot(mid, f"快照{n}")
            _ack(fd, f"snapshot:{mid}", n)
        else:
            clock += timedelta(hours=2)
            if library.maybe_backup(clock) is not None:
                _ack(fd, "backup", n)


def _number(text: str, prefix: str) -> int:
    digits = text[len(prefix) :].split("稿", 1)[0] if text.startswith(prefix) else ""
    return int(digits) if digits.isdigit() else -1


def read_acks(path: Path, last: dict[str, int] | None = None) -> tuple[bool, int]:
    """(worker got ready, number of acks); ``last`` is updated to the newest n per key."""
    ready, count = False, 0
    if not path.exists():
        return ready, count
    for line in path.read_text(encoding="utf-8").splitlines():
        if line == "ready":
            ready = True
        elif line.startswith("ack "):
            parts = line.split()
            if len(parts) == 3 and parts[2].isdigit():  # each ack is one write(): never torn
                count += 1
                if last is not None:
                    last[parts[1]] = int(parts[2])
    return ready, count


def check_library(path: Path, acks: dict[str, int]) -> list[str]:
    """Problems found (empty when the library is whole and holds every acknowledged edit)."""
    problems = []
    conn = sqlite3.connect(path)  # a plain writable connection: it replays the WAL as SQLite does
    try:
        result = [r[0] for r in conn.execute("PRAGMA integrity_check")]
        if result != ["ok"]:
            return [f"integrity_check: {result[:3]}"]
        for key, n in acks.items():
            kind, _, ident = key.partition(":")
            if kind == "body":
                row = conn.execute("SELECT body FROM nodes WHERE id = ?", [int(ident)]).fetchone()
                if row is None or _number(row[0], "第") < n:
                    problems.append(
                        f"{key}: acknowledged {n}, stored {row[0][:12] if row else None!r}"
                    )
            elif kind == "title":
                row = conn.execute(
                    "SELECT title FROM materials WHERE id = ?", [int(ident)]
                ).fetchone()
                if row is None or _number(row[0], "第") < n:
                    problems.append(f"{key}: acknowledged {n}, stored {row[0] if row else None!r}")
            elif kind == "insert":
                row = conn.execute("SELECT title FROM nodes WHERE id = ?", [int(ident)]).fetchone()
                if row is None or row[0] != f"新增{n}":
                    problems.append(f"{key}: acknowledged point {n} missing, stored {row!r}")
            elif kind == "snapshot":
                found = conn.execute(
                    "SELECT 1 FROM revisions WHERE name = ?", [f"快照{n}"]
                ).fetchone()
                if found is None:
                    problems.append(f"{key}: acknowledged snapshot {n} missing")
    finally:
        conn.close()
    return problems


def check_backups(library_path: Path) -> list[str]:
    """Every finished backup (``.db``, not a ``.part`` cut short by the kill) is whole."""
    problems = []
    for backup in sorted((library_path.parent / "backups").glob("*.db")):
        conn = sqlite3.connect(f"{backup.resolve().as_uri()}?mode=ro", uri=True)
        try:
            result = [r[0] for r in conn.execute("PRAGMA integrity_check")]
        finally:
            conn.close()
        if result != ["ok"]:
            problems.append(f"backup {backup.name}: {result[:3]}")
    return problems


def run_trial(
    library_path: Path,
    trial: int,
    rng: random.Random,
    acks: dict[str, int],
    max_delay: float = 0.25,
    mode: str = "edit",
    stats: dict[str, int] | None = None,
) -> tuple[int, list[str]]:
    """Start a worker, SIGKILL it at a random moment once it edits, check the library against
    every edit acknowledged so far (``acks``, updated here, kept across trials). Returns
    (edits acknowledged in this trial, problems). ``mode`` "backup": it backs up all the time;
    ``stats["killed mid-backup"]`` then counts kills that cut a backup copy short."""
    acks_path = library_path.parent / f"acks-{trial}.txt"
    args = [str(library_path), str(acks_path), str(trial * 1_000_000), str(rng.random()), mode]
    parts = set((library_path.parent / "backups").glob("*.part"))
    problems = _kill_when_ready(_start(args), acks_path, rng.uniform(0, max_delay))
    if problems:
        return 0, problems
    if stats is not None and set((library_path.parent / "backups").glob("*.part")) - parts:
        stats["killed mid-backup"] = stats.get("killed mid-backup", 0) + 1
    _, count = read_acks(acks_path, acks)
    return count, check_library(library_path, acks) + check_backups(library_path)


def _start(args: list[str]) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, __file__, *args],
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def _kill_when_ready(
    worker: subprocess.Popen, acks_path: Path, delay: float | None, may_finish: bool = False
) -> list[str]:
    """Wait for the worker's "ready", SIGKILL it ``delay`` seconds later (None: let it end by
    itself); problems, or [] when it died by a SIGKILL (or, ``may_finish``, exited with 0)."""
    try:
        deadline = time.monotonic() + 20
        while not read_acks(acks_path)[0]:
            if worker.poll() is not None:
                if may_finish and worker.returncode in (0, -signal.SIGKILL):
                    break
                return [
                    f"worker exited {worker.returncode}: {worker.stderr.read().decode()[-600:]}"
                ]
            if time.monotonic() > deadline:
                return ["worker never got ready"]
            time.sleep(0.005)
        if delay is None:
            worker.wait(timeout=30)
        else:
            time.sleep(delay)
        if worker.poll() is None:
            worker.send_signal(signal.SIGKILL)
    finally:
        if worker.poll() is None:
            worker.kill()
        worker.wait()
    ended_well = worker.returncode == -signal.SIGKILL or (may_finish and worker.returncode == 0)
    errors = worker.stderr.read().decode()[-600:]
    worker.stderr.close()
    return [] if ended_well else [f"worker ended by itself ({worker.returncode}): {errors}"]


# ----- restores killed part way ---------------------------------------------------------------

RESTORE_STEPS = (
    "journal",
    "safety-copy",
    "checkpoint",
    "incoming",
    "swapping",
    "wal-removed",
    "swapped",
    "done",
)


def restore(library_path: str, acks_path: str, backup: str, step: str) -> None:
    from app.library import Library
    from app.library import restore as store_restore

    def kill_at(name: str) -> None:
        if name == step:
            os.kill(os.getpid(), signal.SIGKILL)

    store_restore.step_hook = kill_at
    fd = os.open(acks_path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    os.write(fd, b"ready\n")
    Library.restore_backup(backup, library_path)
    os.write(fd, b"restored\n")


def content(path: Path) -> list:
    """What the user sees of a library (materials and nodes), for telling which one is there."""
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return (
            conn.execute("SELECT id, title FROM materials ORDER BY id").fetchall()
            + conn.execute("SELECT id, title, body FROM nodes ORDER BY id").fetchall()
        )
    finally:
        conn.close()


def run_restore_trial(
    library_path: Path,
    trial: int,
    rng: random.Random,
    acks: dict[str, int],
    max_delay: float = 0.25,
) -> tuple[str, list[str]]:
    """Restore a random backup over the library and SIGKILL the restore at a random step (or a
    random moment); then open the library as the window would and check. Returns (outcome,
    problems); outcome is "undone on open", "finished on open", "completed" or "not begun". After a
    restore that took effect ``acks`` is emptied: the library is the backup now."""
    from app.library import Library
    from app.library.backup_files import library_backups

    backups = [path for path, _ in library_backups(library_path)]
    if not backups:
        return "no backup yet", []
    backup = rng.choice(backups)
    expected = content(backup)
    step = rng.choice(RESTORE_STEPS + ("-",) * 4)
    acks_path = library_path.parent / f"acks-{trial}.txt"
    before = set((library_path.parent / "backups").glob("*before-restore*.db"))
    worker = _start([str(library_path), str(acks_path), "restore", str(backup), step])
    delay = rng.uniform(0, max_delay / 4) if step == "-" else None  # else it kills itself
    problems = _kill_when_ready(worker, acks_path, delay, may_finish=True)
    if problems:
        return "worker failed", problems
    completed = "restored" in acks_path.read_text(encoding="utf-8").split()
    try:
        with Library.open(library_path, auto_backup=False) as library:
            notice = library.notice
    except Exception as exc:  # noqa: BLE001 — any refusal here is the failure being measured
        return "unopenable", [f"library cannot be opened after the kill: {exc}"]
    problems = check_library(library_path, acks)
    took_effect = content(library_path) == expected
    if problems and took_effect:
        kept = sorted(set((library_path.parent / "backups").glob("*before-restore*.db")) - before)
        if not kept:
            return "restored", ["the restore took effect and kept no copy of the library before it"]
        problems = check_library(kept[-1], acks)
    problems += check_backups(library_path)
    if problems:
        return "lost", problems
    if notice is not None:
        outcome = "finished on open" if "完成" in notice[0] else "undone on open"
    else:
        outcome = "completed" if completed or took_effect else "not begun"
    if step in RESTORE_STEPS[:-1] and notice is None:  # killed between journal and its removal
        return outcome, [f"killed at {step!r}: the next open said nothing"]
    if took_effect:
        acks.clear()  # the library is the backup now: later checks start from it
    return outcome, []


if __name__ == "__main__":
    if sys.argv[3] == "restore":
        restore(sys.argv[1], sys.argv[2], sys.argv[4], sys.argv[5])
    else:
        work(
            sys.argv[1],
            sys.argv[2],
            int(sys.argv[3]),
            int(float(sys.argv[4]) * 2**32),
            *sys.argv[5:6],
        )
