"""Crash safety under SIGKILL, at scale: ≥ 200 trials of the kill test (issue 7 acceptance).

Each trial starts ``tests/app/kill_worker.py`` on one library, lets it edit through the Library
API the window uses (autosave field edits, inserted points, snapshots, hourly backups), kills it
with SIGKILL at a random moment, then checks ``integrity_check`` and that every edit whose
commit returned is in the library (and every finished backup is whole). The next trial's worker
takes the dead one's lock over. Prints the trial count, acknowledged edits and any failure;
exits 1 when a trial failed. ``--trials N``, ``--seed S``, ``--keep DIR``.
"""

from __future__ import annotations

import argparse
import importlib.util
import random
import sys
import tempfile
import time
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
    parser.add_argument("--trials", type=int, default=200)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--max-delay", type=float, default=0.3, help="longest wait before the kill (s)")
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
        start = time.perf_counter()
        for trial in range(1, args.trials + 1):
            count, problems = worker.run_trial(library, trial, rng, acks, max_delay=args.max_delay)
            total += count
            if problems:
                failures.append((trial, problems))
                print(f"trial {trial}: FAILED {problems}", flush=True)
            elif trial % 25 == 0:
                print(f"trial {trial}: ok ({total} acknowledged edits so far)", flush=True)
        elapsed = time.perf_counter() - start
        backups = len(list((folder / "backups").glob("*.db")))
        print(f"SIGKILL trials: {args.trials}, failed: {len(failures)}, acknowledged edits checked: "
              f"{total}, keys tracked: {len(acks)}, backups kept: {backups}, {elapsed:.1f} s")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
