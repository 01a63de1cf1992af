"""Crash safety under SIGKILL, at scale: editing, backing up and restoring, each killed ≥ 200
times (issues 7 and 13).

The trials take turns on one library (``tests/app/kill_worker.py``):
- edit: a worker edits through the Library API the window uses (autosave field edits, inserted
  points, snapshots, hourly backups) and is killed at a random moment;
- backup: the same, backing up after every other edit, so many kills cut a backup short;
- restore: a random backup is restored over the library — whose WAL still holds the last killed
  worker's commits — and the restore is killed at one of its steps or at a random moment; the
  library is then opened as the window would, which finishes or undoes the restore.
After each: ``integrity_check``, every acknowledged edit in the library (or, after a restore
that took effect, in the before-restore copy it kept), every finished backup whole, and a
restore cut off between its journal and the end reported on the next open. Prints the
figures; exits 1 when a trial failed. ``--trials N`` (per kind), ``--seed S``, ``--keep DIR``.
"""

from __future__ import annotations

import argparse
import importlib.util
import random
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
WORKER = REPO / "tests" / "app" / "kill_worker.py"


def load_worker():
    spec = importlib.util.spec_from_file_location("kill_worker", WORKER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, default=200, help="trials of each kind")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--max-delay", type=float, default=0.3, help="longest wait before the kill (s)"
    )
    parser.add_argument("--keep", metavar="DIR", help="work in DIR and keep the library")
    args = parser.parse_args(argv)
    if sys.platform == "win32":
        print("SIGKILL trials need POSIX; skipped")
        return 0
    worker = load_worker()
    with tempfile.TemporaryDirectory(prefix="duizhao-kill-") as scratch:
        folder = Path(args.keep) if args.keep else Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        library = folder / "library.db"
        rng = random.Random(args.seed)
        acks: dict[str, int] = {}
        total, failures = 0, []
        stats: dict[str, int] = {}
        outcomes: Counter[str] = Counter()
        start = time.perf_counter()
        for trial in range(1, 3 * args.trials + 1):
            kind = ("edit", "backup", "restore")[(trial - 1) % 3]
            if kind == "restore":
                outcome, problems = worker.run_restore_trial(
                    library, trial, rng, acks, max_delay=args.max_delay
                )
                outcomes[outcome] += 1
            else:
                count, problems = worker.run_trial(
                    library, trial, rng, acks, max_delay=args.max_delay, mode=kind, stats=stats
                )
                total += count
            if problems:
                failures.append((trial, problems))
                print(f"trial {trial} ({kind}): FAILED {problems}", flush=True)
            elif trial % 75 == 0:
                print(f"trial {trial}: ok ({total} acknowledged edits so far)", flush=True)
        elapsed = time.perf_counter() - start
        backups = len(list((folder / "backups").glob("*.db")))
        print(
            f"SIGKILL trials: {3 * args.trials} ({args.trials} each of edit, backup, "
            f"restore), failed: "
            f"{len(failures)}, acknowledged edits checked: {total}, backups kept: {backups}, "
            f"{elapsed:.1f} s"
        )
        print(
            f"backup trials whose kill cut a backup copy short: {stats.get('killed mid-backup', 0)}"
        )
        print(
            "killed restores: " + ", ".join(f"{name} {n}" for name, n in sorted(outcomes.items()))
        )
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
