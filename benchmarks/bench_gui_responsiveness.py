"""Does the window stay responsive while work runs beside it? (DESIGN §8) Printed, not asserted
(the tests check the behaviour; timings on a shared machine belong here):

- full checks of a 100-page material, three runs: the longest gap between the ticks of a 10 ms
  timer on the GUI thread (target < 50 ms);
- typing during such a run: the time one key takes, median (target < 50 ms);
- the live PDF preview re-rendering the seed while the user types: the longest gap between
  ticks (target < 50 ms).

Run: ``QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bench_gui_responsiveness.py``
"""

from __future__ import annotations

import gc
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("DUIZHAO_FONTS", "bundled")

from _bench import seed_path  # noqa: E402  (puts the repo on sys.path)
from bench_checks import enlarged  # noqa: E402
from PySide6.QtCore import QTimer  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication, QPlainTextEdit  # noqa: E402

from app.importers.text import import_text_file  # noqa: E402
from app.library import Library  # noqa: E402
from tests.ui.helpers_editor import type_text  # noqa: E402
from ui.tasks import GUI_SWITCH_INTERVAL  # noqa: E402

TARGET_MS = 50


class GapRecorder:
    """A 10 ms timer on the GUI thread; ``gaps`` are the seconds between its ticks."""

    def __init__(self):
        self.gaps: list[float] = []
        self.timer = QTimer()
        self.timer.setInterval(10)
        self.timer.timeout.connect(self._tick)

    def _tick(self) -> None:
        now = time.perf_counter()
        self.gaps.append(now - self._last)
        self._last = now

    def start(self) -> None:
        self._last = time.perf_counter()
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()


def wait_until(condition, timeout_s: float = 60) -> None:
    deadline = time.monotonic() + timeout_s
    while not condition():
        if time.monotonic() > deadline:
            raise SystemExit("timed out waiting for the window")
        QTest.qWait(5)


def make_window(library: Library, material_id: int):
    from ui.checks_features import install_checks_features
    from ui.main_window import MainWindow
    from ui.pdf_features import install_pdf_features

    window = MainWindow(library)
    install_checks_features(window)
    install_pdf_features(window)
    window.resize(1280, 800)
    window.show()
    window.open_material(material_id)
    return window


def checks_settled(window) -> bool:
    runner = window.checks_features.runner
    return not runner.running and not runner.timer.isActive()


def checks_gaps(window) -> list[float]:
    """Longest tick gap of each of three 100-page check runs (each result a full model swap)."""
    features = window.checks_features
    delivered = []
    features.runner.finished.connect(delivered.append)
    longest = []
    for runs in (1, 2, 3):
        recorder = GapRecorder()
        features.panel.set_groups([])
        recorder.start()
        features.runner.run_now()
        wait_until(lambda runs=runs: len(delivered) == runs)
        QTest.qWait(30)  # the repaint of the new rows counts too
        recorder.stop()
        longest.append(max(recorder.gaps))
    return longest


def key_times_during_checks(window) -> list[float]:
    runner = window.checks_features.runner
    point = window.material.sections[0].dimensions[0].points[0]
    window.select_node(point.id)
    body = window.findChild(QPlainTextEdit, "pointBodyEdit")
    times = []
    for _ in range(3):  # three runs, as many keys as each run lasts
        wait_until(lambda: checks_settled(window))
        runner.run_now()
        wait_until(lambda: runner.running)
        for ch in "学习不够深入,":  # one key per turn of the event loop, as a typist's keys arrive
            if not runner.running:
                break
            start = time.perf_counter()
            type_text(body, ch)
            times.append(time.perf_counter() - start)
            QTest.qWait(20)
    return times


def preview_gaps(window) -> list[float]:
    preview = window.pdf_features.preview
    window.preview_dock.show()
    window.preview_dock.raise_()
    wait_until(lambda: preview.render_count >= 1)
    point = window.material.sections[0].dimensions[0].points[0]
    window.select_node(point.id)
    body = window.findChild(QPlainTextEdit, "pointBodyEdit")
    recorder = GapRecorder()
    recorder.start()
    for text in ("预览跟随输入而更新", "再补一句", "又改一处"):
        shown = preview.render_count
        for ch in text:
            type_text(body, ch)
            QTest.qWait(30)
        wait_until(lambda shown=shown: preview.render_count > shown)
    recorder.stop()
    return recorder.gaps[1:]


def main() -> int:
    app = QApplication.instance() or QApplication([])
    sys.setswitchinterval(GUI_SWITCH_INTERVAL)  # as ui.main.main() sets it for the app
    load = os.getloadavg()[0]
    print(f"machine: {os.cpu_count()} CPUs, load {load:.2f}, Python {sys.version.split()[0]}")
    with tempfile.TemporaryDirectory(prefix="duizhao-bench-") as tmp:
        library = Library.open(Path(tmp) / "bench.db")
        seed, _ = import_text_file(seed_path())
        seed_id = library.create_material(seed)
        big_id = library.create_material(enlarged(seed, 100))

        window = make_window(library, big_id)
        wait_until(lambda: checks_settled(window) and window.checks_features.panel.count() > 1000)
        gc.collect()
        gc.freeze()  # a collection of the set-up's garbage is not the checks' doing
        longest = checks_gaps(window)
        keys = key_times_during_checks(window)
        gc.unfreeze()
        window.close()

        window = make_window(library, seed_id)
        gaps = preview_gaps(window)
        window.close()
        library.close()
    app.processEvents()

    rows = [
        (
            "checks, 100 pages: longest GUI gap",
            max(longest),
            f"per run {', '.join(f'{g * 1000:.0f}' for g in longest)} ms",
        ),
        (
            "typing during checks: key, median",
            statistics.median(keys),
            f"{len(keys)} keys, max {max(keys) * 1000:.1f} ms",
        ),
        ("preview while typing: longest GUI gap", max(gaps), f"{len(gaps)} ticks"),
    ]
    missed = []
    for label, seconds, detail in rows:
        over = seconds * 1000 >= TARGET_MS
        missed += [label] if over else []
        print(
            f"{label:<40} {seconds * 1000:8.1f} ms  ({detail})  target < {TARGET_MS} ms"
            + ("  MISSED" if over else ""),
            flush=True,
        )
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
