"""汇编 speed (issue 17): `duizhao-cli compile ID... -o out.pdf` as a whole process, reading the
materials from a library, at ≈125, ≈250 and ≈500 pages (the seed is 9 pages; each copy is one
material), and the same ≈500 pages as .docx.

Target: a 500-page compilation ≤ 10 s on this machine, linear in pages (ms/page about equal at
every size). Each size is run once untimed first (bytecode, font-metrics cache), then timed.
Run: `.venv/bin/python benchmarks/bench_compile.py`
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _bench import REPO, seed_path

RUNS = 3
SIZES = (14, 28, 56)  # materials; × 9 pages of the seed, plus the cover and the 目录


def _env(home: Path) -> dict[str, str]:
    env = dict(
        os.environ,
        PYTHONPATH=str(REPO),
        DUIZHAO_FONTS="bundled",
        HOME=str(home),
        XDG_CACHE_HOME=str(home / "cache"),
        XDG_DATA_HOME=str(home / "data"),
    )
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def _cli(library: Path) -> list[str]:
    return [sys.executable, "-m", "app.cli", "--library", str(library)]


def _pages(path: Path) -> int:
    import pypdf

    return len(pypdf.PdfReader(path).pages)


def main() -> None:
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"machine: {os.cpu_count()} CPUs, Python {sys.version.split()[0]}, load {load:.2f}")
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        env = _env(tmp / "home")
        library = tmp / "library.db"
        ids = []
        for _ in range(max(SIZES)):
            out = subprocess.run(
                _cli(library) + ["import", str(seed_path())],
                env=env,
                check=True,
                capture_output=True,
                text=True,
            )
            ids.append(out.stdout.strip())
        for count in SIZES:
            target = tmp / f"compile-{count}.pdf"
            command = _cli(library) + ["compile", *ids[:count], "-o", str(target)]
            subprocess.run(command, env=env, check=True, capture_output=True)  # untimed
            times = []
            for _ in range(RUNS):
                start = time.perf_counter()
                subprocess.run(command, env=env, check=True, capture_output=True)
                times.append(time.perf_counter() - start)
            seconds = statistics.median(times)
            pages = _pages(target)
            print(
                f"{f'compile {count} materials, {pages} pages (pdf)':<46} {seconds * 1000:8.0f} ms"
                f"  ({seconds / pages * 1000:.1f} ms/page; target ≤ 10 s for ≈500 pages)",
                flush=True,
            )
        target = tmp / "compile.docx"
        command = _cli(library) + ["compile", *ids, "-o", str(target)]
        start = time.perf_counter()
        result = subprocess.run(command, env=env, capture_output=True, text=True)
        if result.returncode == 0:
            print(
                f"{f'compile {len(ids)} materials (docx)':<46}"
                f" {(time.perf_counter() - start) * 1000:8.0f} ms  (one run)"
            )
        else:
            print(f"docx compile not available: {result.stderr.strip()}")
    print(f"(median of {RUNS} runs; load {load:.2f} at the start)")


if __name__ == "__main__":
    main()
