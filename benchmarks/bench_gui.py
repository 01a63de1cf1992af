"""GUI speed and memory (DESIGN §8), printed as numbers:

- cold start: ``python -m ui.main --library L --open ID --screenshot out.png`` with the seed,
  whole process, median of N runs (target ≤ 0.5 s); ReportLab must not be imported; and as a
  ratio to a bare PySide6 window that shows and grabs itself, started in turn with it (issue 19:
  ≤ 2.6×, reported, not a pass/fail: the ratio moves with the machine's load), in wall-clock
  time and in CPU time (user + system of the child: what the process itself spent, which the
  load of other processes on a shared machine disturbs less);
- edit → committed: one typed field flushed by Autosave into SQLite (target ≤ 5 ms median);
- RSS with the seed open in the window (target ≤ 200 MB).

Run: ``QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bench_gui.py [--runs 7]``. The children
run with .pyc files written (PYTHONDONTWRITEBYTECODE dropped, one untimed warm-up start).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SEED = REPO.parent / "shared" / "fixtures" / "seed-county-2021-wugedaitou.md"
if not SEED.exists():
    SEED = REPO / "tests" / "data" / "seed-county-2021-wugedaitou.md"
TARGETS = {"cold_start_s": 0.5, "edit_commit_ms": 5.0, "rss_mb": 200.0}


def make_library(folder: Path) -> tuple[Path, int]:
    sys.path.insert(0, str(REPO))
    from app.importers.text import import_text_file
    from app.library import Library

    path = folder / "bench.db"
    library = Library.open(path)
    material, _report = import_text_file(SEED)
    material_id = library.create_material(material)
    library.close()
    return path, material_id


def child_env() -> dict[str, str]:
    """The children's environment. PYTHONDONTWRITEBYTECODE is dropped: installed users have
    .pyc files, and without them every start would compile each module again (+0.1 s or more),
    which measures the compiler, not the editor."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(REPO))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.setdefault("XDG_CONFIG_HOME", tempfile.mkdtemp(prefix="duizhao-bench-cfg-"))
    return env


# The yardstick of the cold start (issue 19): a bare PySide6 window that shows and grabs
# itself at the same size, started as a whole process in turn with ours.
BARE_WINDOW = """
import sys
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv)
window = QMainWindow()
window.resize(1280, 800)
window.show()
window.grab().save(sys.argv[1])
"""
COLD_START_RATIO_TARGET = 2.6


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def bare_window(out: Path) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of one bare window process."""
    cpu, start = _children_cpu(), time.perf_counter()
    subprocess.run(
        [sys.executable, "-c", BARE_WINDOW, str(out)],
        env=child_env(),
        check=True,
        capture_output=True,
    )
    return time.perf_counter() - start, _children_cpu() - cpu


def cold_start(
    library: Path,
    material_id: int,
    runs: int,
    folder: Path,
    bare: list[tuple[float, float]] | None = None,
    cpu: list[float] | None = None,
) -> list[float]:
    """Whole-process starts with the seed open (wall seconds; their CPU seconds into ``cpu``);
    with ``bare`` given, a bare window is started after each (pairs alternated, so the
    machine's load touches both alike)."""
    times = []
    for i in range(-1, runs):  # run -1 is not timed: it writes any missing .pyc files
        out = folder / f"shot{i}.png"
        cpu_before, start = _children_cpu(), time.perf_counter()
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "ui.main",
                "--library",
                str(library),
                "--open",
                str(material_id),
                "--screenshot",
                str(out),
            ],
            cwd=REPO,
            env=child_env(),
            capture_output=True,
            text=True,
        )
        if i >= 0:
            times.append(time.perf_counter() - start)
            if cpu is not None:
                cpu.append(_children_cpu() - cpu_before)
        if done.returncode != 0 or not out.exists():
            raise SystemExit(f"ui.main failed ({done.returncode}): {done.stderr.strip()}")
        if bare is not None:
            measured = bare_window(folder / f"bare{i}.png")
            if i >= 0:
                bare.append(measured)
    return times


def in_window(library_path: Path, material_id: int, edits: int) -> dict:
    """Runs in a child process: the window with the seed open; RSS, edit→commit, modules."""
    from PySide6.QtWidgets import QApplication

    app = QApplication([])
    from app.library import Library
    from ui.main_window import MainWindow

    library = Library.open(library_path)
    window = MainWindow(library)
    window.resize(1280, 800)
    window.show()
    window.open_material(material_id)
    app.processEvents()
    rss_mb = _rss_mb()
    point = window.material.all_points()[0]
    window.select_node(point.id)
    app.processEvents()
    target = ("node", point.id)
    body = point.body
    commit_ms = []
    for _ in range(edits):
        body += "字"
        window._field_edited(target, "body", body)  # what one keystroke in the body does
        start = time.perf_counter()
        assert window.autosave.flush()
        commit_ms.append((time.perf_counter() - start) * 1000)
    stored = library.get_material(material_id).all_points()[0].body
    assert stored == body, "the last edit is not in the library"
    result = {
        "rss_mb": rss_mb,
        "rss_after_edits_mb": _rss_mb(),
        "edit_commit_ms": commit_ms,
        "reportlab_imported": "reportlab" in sys.modules,
    }
    window.close()
    library.close()
    return result


def _rss_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--edits", type=int, default=200)
    parser.add_argument("--child", nargs=2, metavar=("LIBRARY", "ID"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        sys.path.insert(0, str(REPO))
        print(json.dumps(in_window(Path(args.child[0]), int(args.child[1]), args.edits)))
        return 0
    with tempfile.TemporaryDirectory(prefix="duizhao-bench-") as tmp:
        folder = Path(tmp)
        library, material_id = make_library(folder)
        bare: list[tuple[float, float]] = []
        cpu: list[float] = []
        starts = cold_start(library, material_id, args.runs, folder, bare, cpu)
        child = subprocess.run(
            [
                sys.executable,
                __file__,
                "--edits",
                str(args.edits),
                "--child",
                str(library),
                str(material_id),
            ],
            env=child_env(),
            capture_output=True,
            text=True,
            check=True,
        )
        data = json.loads(child.stdout.strip().splitlines()[-1])
    results = {
        "cold_start_s": statistics.median(starts),
        "edit_commit_ms": statistics.median(data["edit_commit_ms"]),
        "rss_mb": data["rss_mb"],
    }
    print(
        f"cold start (median of {len(starts)}): {results['cold_start_s']:.3f} s  "
        f"[min {min(starts):.3f}, max {max(starts):.3f}]  target ≤ {TARGETS['cold_start_s']} s"
    )
    ratio = statistics.median(o / b for o, (b, _) in zip(starts, bare, strict=True))
    cpu_ratio = statistics.median(o / b for o, (_, b) in zip(cpu, bare, strict=True))
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(
        f"bare PySide6 window shown and grabbed, same run (median of {len(bare)}): "
        f"{statistics.median(b for b, _ in bare):.3f} s → cold start = {ratio:.2f}× the bare "
        f"window (median of pair ratios; target ≤ {COLD_START_RATIO_TARGET}×; load {load:.1f})"
    )
    print(
        f"CPU time (user + system), same pairs: cold start {statistics.median(cpu):.3f} s, "
        f"bare window {statistics.median(c for _, c in bare):.3f} s → {cpu_ratio:.2f}×"
    )
    commit = sorted(data["edit_commit_ms"])
    print(
        f"edit → committed (median of {len(commit)}): {results['edit_commit_ms']:.2f} ms  "
        f"[p95 {commit[int(len(commit) * 0.95) - 1]:.2f} ms]  "
        f"target ≤ {TARGETS['edit_commit_ms']} ms"
    )
    print(
        f"RSS with the seed open: {results['rss_mb']:.0f} MB "
        f"(after {args.edits} edits {data['rss_after_edits_mb']:.0f} MB)  "
        f"target ≤ {TARGETS['rss_mb']:.0f} MB"
    )
    print(f"ReportLab imported by the window: {data['reportlab_imported']}")
    failed = [k for k, v in results.items() if v > TARGETS[k]] + (
        ["reportlab_imported"] if data["reportlab_imported"] else []
    )
    print("all targets met" if not failed else f"MISSED: {', '.join(failed)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
