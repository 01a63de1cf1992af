"""The kill test's editor process, and the checks made after it is killed.

Run as ``python kill_worker.py LIBRARY ACKS FIRST_N SEED``: it opens the library through
``Library.open`` — the same call the window makes — and edits forever with the calls the
window's commands make (``update_node``/``update_material`` from autosave, ``insert_point`` from
+要点, ``create_snapshot``, ``maybe_backup`` from the backup timer). Every edit writes a value
numbered ``n`` (counting up from FIRST_N); after the call returns — the transaction committed —
it appends ``ack KEY n`` to ACKS with one ``write()``, which survives the process being killed.

``check_library`` then demands: ``integrity_check`` is ok and, for every acknowledged edit, the
library holds that value or a later one (an edit in flight when the kill came may have
committed without its ack). ``run_trial`` is one round: start, wait for editing to be under
way, SIGKILL at a random moment, check. The test and ``benchmarks/bench_kill.py`` both use it.
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
        section = Section(kind="measures", heading="努力方向和整改措施",
                          points=[Point(title=f"措施{i}", body="初稿") for i in range(POINTS_AT_START)])
        mid = library.create_material(Material(title="试验材料", sections=[section]))
    material = library.get_material(mid)
    return mid, [p.id for p in material.all_points()]


def work(library_path: str, acks_path: str, n: int, seed: int) -> None:
    from app.model import Point
    from app.store import Library

    rng = random.Random(seed)
    fd = os.open(acks_path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    library = Library.open(library_path)
    mid, points = _material(library)
    section_id = library.get_material(mid).sections[0].id
    clock = datetime(2030, 1, 1)
    os.write(fd, b"ready\n")
    while True:
        n += 1
        roll = rng.random()
        if roll < 0.55:
            node = rng.choice(points)
            library.update_node(node, body=f"第{n}稿：" + "内容" * rng.randint(1, 400))
            _ack(fd, f"body:{node}", n)
        elif roll < 0.75:
            library.update_material(mid, title=f"第{n}稿标题")
            _ack(fd, f"title:{mid}", n)
        elif roll < 0.92:
            node = library.insert_point(section_id, rng.randint(0, len(points)), Point(title=f"新增{n}"))
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
    digits = text[len(prefix):].split("稿", 1)[0] if text.startswith(prefix) else ""
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
                    problems.append(f"{key}: acknowledged {n}, stored {row[0][:12] if row else None!r}")
            elif kind == "title":
                row = conn.execute("SELECT title FROM materials WHERE id = ?", [int(ident)]).fetchone()
                if row is None or _number(row[0], "第") < n:
                    problems.append(f"{key}: acknowledged {n}, stored {row[0] if row else None!r}")
            elif kind == "insert":
                row = conn.execute("SELECT title FROM nodes WHERE id = ?", [int(ident)]).fetchone()
                if row is None or row[0] != f"新增{n}":
                    problems.append(f"{key}: acknowledged point {n} missing, stored {row!r}")
            elif kind == "snapshot":
                found = conn.execute("SELECT 1 FROM revisions WHERE name = ?", [f"快照{n}"]).fetchone()
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
    library_path: Path, trial: int, rng: random.Random, acks: dict[str, int], max_delay: float = 0.25
) -> tuple[int, list[str]]:
    """Start a worker, SIGKILL it at a random moment once it edits, check the library against
    every edit acknowledged so far (``acks``, updated here, kept across trials). Returns
    (edits acknowledged in this trial, problems)."""
    acks_path = library_path.parent / f"acks-{trial}.txt"
    worker = subprocess.Popen(
        [sys.executable, __file__, str(library_path), str(acks_path), str(trial * 1_000_000), str(rng.random())],
        cwd=REPO, env={**os.environ, "PYTHONPATH": str(REPO)}, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 20
        while not read_acks(acks_path)[0]:
            if worker.poll() is not None:
                return 0, [f"worker exited {worker.returncode}: {worker.stderr.read().decode()[-600:]}"]
            if time.monotonic() > deadline:
                return 0, ["worker never got ready"]
            time.sleep(0.005)
        time.sleep(rng.uniform(0, max_delay))
        worker.send_signal(signal.SIGKILL)
    finally:
        if worker.poll() is None:
            worker.kill()
        worker.wait()
    if worker.returncode != -signal.SIGKILL:
        return 0, [f"worker ended by itself ({worker.returncode}): {worker.stderr.read().decode()[-600:]}"]
    worker.stderr.close()
    _, count = read_acks(acks_path, acks)
    return count, check_library(library_path, acks) + check_backups(library_path)


if __name__ == "__main__":
    work(sys.argv[1], sys.argv[2], int(sys.argv[3]), int(float(sys.argv[4]) * 2**32))
