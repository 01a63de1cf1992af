"""What every benchmark script shares: the repo on sys.path, the seed, and median timing."""

from __future__ import annotations

import os
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


def yardstick() -> None:
    """A fixed pure-Python workload (≈0.1 s on an idle core): timed in alternation with a
    figure, it says how loaded the machine was for that figure (the machine is shared)."""
    total = 0
    for i in range(2_000_000):
        total += i * i
    return None


def alternate(action: Callable[[], object], runs: int = RUNS) -> tuple[float, float]:
    """Medians of ``action`` and of the yardstick, timed in turn (pairs alternated)."""
    ours, yard = [], []
    for _ in range(runs):
        for out, work in ((ours, action), (yard, yardstick)):
            start = time.perf_counter()
            work()
            out.append(time.perf_counter() - start)
    return statistics.median(ours), statistics.median(yard)


def load_average() -> str:
    return f"{os.getloadavg()[0]:.1f}" if hasattr(os, "getloadavg") else "?"


def report_pair(label: str, seconds: float, yard: float, target: float | None = None) -> bool:
    """One figure with the same run's yardstick; True when it meets ``target`` (seconds)."""
    verdict = "" if target is None else ("  ok" if seconds <= target else "  OVER")
    goal = "" if target is None else f", target ≤ {target:.2f} s"
    print(
        f"{label:<44} {seconds * 1000:9.2f} ms  = {seconds / yard:5.2f}× yardstick "
        f"({yard * 1000:.0f} ms{goal}; load {load_average()}){verdict}",
        flush=True,
    )
    return target is None or seconds <= target
