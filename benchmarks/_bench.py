"""What every benchmark script shares: the repo on sys.path, the seed, and median timing."""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))  # scripts run as plain files from anywhere
RUNS = 7
SEED_CANDIDATES = [
    REPO.parent / "shared" / "fixtures" / "seed-county-2021-wugedaitou.md",
    REPO / "tests" / "data" / "seed-county-2021-wugedaitou.md",
]


def seed_path() -> Path:
    return next(p for p in SEED_CANDIDATES if p.exists())


def median_seconds(action: Callable[[], object], runs: int = RUNS) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def report(label: str, seconds: float, runs: int = RUNS) -> None:
    print(f"{label:<44} {seconds * 1000:9.2f} ms  (median of {runs})", flush=True)
