"""PDF export speed (DESIGN §8): the seed as a whole process, in-process renders, and a
≈500-page material.

Targets: whole-process export of the seed ≤ 0.4 s; ≈500 pages ≤ 10 s, linear in pages.
Until `duizhao-cli export … --format pdf` is wired, the whole-process figure times a fresh
Python that imports the seed and calls ``export_pdf`` — the same work minus the library read.
Run: `.venv/bin/python benchmarks/bench_pdf.py`
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _bench import REPO, RUNS, SEED_CANDIDATES

EXPORT_SCRIPT = """
import sys
from app.importers.text import import_text_file
from app.exporters.pdf import export_pdf
material, _ = import_text_file(sys.argv[1])
export_pdf(material, sys.argv[2])
"""

BIG_SCRIPT = """
import sys, time
start = time.perf_counter()
from app.importers.text import import_text_file
from app.exporters.pdf import render_pdf
material, _ = import_text_file(sys.argv[1])
copies = int(sys.argv[2])
material.sections = [s for _ in range(copies) for s in material.sections]
data, report = render_pdf(material)
print(report.pages, time.perf_counter() - start, len(data))
"""


def median(values: list[float]) -> float:
    return statistics.median(values)


def whole_process(seed: Path, fonts: str) -> float:
    env = dict(os.environ, PYTHONPATH=str(REPO), DUIZHAO_FONTS=fonts)
    times = []
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "seed.pdf"
        for _ in range(RUNS):
            start = time.perf_counter()
            subprocess.run([sys.executable, "-c", EXPORT_SCRIPT, str(seed), str(out)], env=env, check=True)
            times.append(time.perf_counter() - start)
    return median(times)


def python_floor() -> float:
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", "pass"], check=True)
        times.append(time.perf_counter() - start)
    return median(times)


def in_process(seed: Path) -> tuple[float, int]:
    os.environ["DUIZHAO_FONTS"] = "bundled"
    from app.exporters.pdf import render_pdf
    from app.importers.text import import_text_file

    material, _ = import_text_file(seed)
    _, report = render_pdf(material)  # warm: fonts registered
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        render_pdf(material)
        times.append(time.perf_counter() - start)
    return median(times), report.pages


def big(seed: Path, copies: int) -> tuple[int, float, int]:
    env = dict(os.environ, PYTHONPATH=str(REPO), DUIZHAO_FONTS="bundled")
    out = subprocess.run([sys.executable, "-c", BIG_SCRIPT, str(seed), str(copies)], env=env,
                         check=True, capture_output=True, text=True).stdout.split()
    return int(out[0]), float(out[1]), int(out[2])


def main() -> None:
    seed = next(p for p in SEED_CANDIDATES if p.exists())
    print(f"machine: {os.cpu_count()} CPUs, Python {sys.version.split()[0]}")
    print(f"{'python -c pass (floor)':<48} {python_floor() * 1000:8.0f} ms")
    print(f"{'seed → PDF, whole process, bundled fonts':<48} {whole_process(seed, 'bundled') * 1000:8.0f} ms"
          "  (target ≤ 400)")
    print(f"{'seed → PDF, whole process, auto font choice':<48} {whole_process(seed, 'auto') * 1000:8.0f} ms")
    seconds, pages = in_process(seed)
    print(f"{f'seed → PDF in-process, warm ({pages} pages)':<48} {seconds * 1000:8.0f} ms")
    for copies in (11, 67):
        pages, seconds, size = big(seed, copies)
        print(f"{f'{pages} pages, whole process':<48} {seconds * 1000:8.0f} ms"
              f"  ({seconds / pages * 1000:.1f} ms/page, {size / 1e6:.1f} MB; target ≤ 10 s for ≈500)")
    print(f"(median of {RUNS} runs where repeated)")


if __name__ == "__main__":
    main()
