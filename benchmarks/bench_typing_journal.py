"""The typing journal's cost per keystroke and how soon typing is on disk (issue 13, finding 8).

- per key: ``Autosave.note_edit`` as the window calls it on every text change, with the journal
  (one record appended, no waiting for the disk) and without it, for a short and a long 正文;
- the same with a simulated slow disk (every ``fsync`` takes ``--slow-ms``, default 200 ms): the
  key must not wait for it (the syncer thread does);
- on disk: from the keystroke until the syncer's ``fsync`` returned — what a power cut could lose.

Medians (and the 99th percentile per key) of ``--runs`` runs of ``--keys`` keystrokes, printed,
not asserted. Run:
``QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bench_typing_journal.py``.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from pathlib import Path

import _bench  # noqa: F401  (the repo on sys.path)
from PySide6.QtWidgets import QApplication

from app import typing_journal
from app.library import Library
from app.model import Point
from ui.autosave import Autosave

TYPED = "进一步加强理论武装，坚持不懈用新时代中国特色社会主义思想凝心铸魂，"


def make_point(library: Library, body: str) -> int:
    mid = library.create_from_template("2021-dangshi-wugedaitou")
    dimension = library.get_material(mid).sections[0].dimensions[0]
    return library.insert_point(dimension.id, 0, Point(title="学习不够深入", body=body))


def key_times(library: Library, node_id: int, body: str, keys: int, journal: bool) -> list[float]:
    autosave = Autosave(library, lambda _command: None, delay_ms=60_000)  # no flush while timed
    if not journal:
        autosave.journal = lambda: None
    target = ("node", node_id)
    times, text = [], body
    for i in range(keys):
        text += TYPED[i % len(TYPED)]
        start = time.perf_counter()
        autosave.note_edit(target, "body", text, body)
        times.append(time.perf_counter() - start)
    j = autosave._journal
    if j is not None:
        j.wait_synced(30)
    autosave.close_journal()
    typing_journal.journal_path(library.path).unlink(missing_ok=True)
    return times


def on_disk_lag(library: Library, node_id: int, body: str, keys: int) -> list[float]:
    """Per key: time until the syncer has that record on disk (keys 50 ms apart, as typed)."""
    journal = typing_journal.TypingJournal(library.path)
    lags, text = [], body
    for i in range(keys):
        text += TYPED[i % len(TYPED)]
        start = time.perf_counter()
        journal.record(("node", node_id), "body", body, text)
        wanted = journal._generation
        while journal.synced_generation < wanted:
            time.sleep(0.0002)
        lags.append(time.perf_counter() - start)
        time.sleep(0.05)
    journal.close()
    typing_journal.journal_path(library.path).unlink(missing_ok=True)
    return lags


REAL_FSYNC = os.fsync
SLOW_S = [0.2]


def slow_fsync(fd: int) -> None:
    """A slow disk: every fsync waits (typing_journal calls os.fsync through its module)."""
    time.sleep(SLOW_S[0])
    REAL_FSYNC(fd)


def summary(label: str, runs: list[list[float]]) -> None:
    medians = [statistics.median(r) for r in runs]
    p99 = [sorted(r)[int(len(r) * 0.99) - 1] for r in runs]
    print(
        f"{label:<52} median {statistics.median(medians) * 1000:8.3f} ms   "
        f"p99 {statistics.median(p99) * 1000:8.3f} ms  (median of {len(runs)} runs)",
        flush=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--keys", type=int, default=300)
    parser.add_argument("--slow-ms", type=float, default=200.0)
    args = parser.parse_args()
    _app = QApplication.instance() or QApplication([])
    SLOW_S[0] = args.slow_ms / 1000
    print(f"machine: {os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}")
    with tempfile.TemporaryDirectory(prefix="duizhao-journal-") as folder:
        library = Library.open(Path(folder) / "bench.db", auto_backup=False)
        for chars in (200, 5000):
            body = ("在学习上下功夫不够，" * (chars // 10 + 1))[:chars]
            node_id = make_point(library, body)
            for journal in (False, True):
                runs = [
                    key_times(library, node_id, body, args.keys, journal) for _ in range(args.runs)
                ]
                summary(f"per key, 正文 {chars} chars, journal {'on' if journal else 'off'}", runs)
            typing_journal.os.fsync = slow_fsync
            try:
                runs = [
                    key_times(library, node_id, body, args.keys, True) for _ in range(args.runs)
                ]
            finally:
                typing_journal.os.fsync = REAL_FSYNC
            summary(f"per key, 正文 {chars} chars, fsync +{args.slow_ms:.0f} ms", runs)
            lags = [
                on_disk_lag(library, node_id, body, min(args.keys, 60)) for _ in range(args.runs)
            ]
            summary(f"keystroke → on disk, 正文 {chars} chars", lags)
        library.close()


if __name__ == "__main__":
    main()
