"""``duizhao-cli review`` of a folder of 200 materials (issue 18 item 5): target ≤ 60 s.

Writes the folder once into a temp directory: materials of the 2021 template (and a few with a
dimension left out), one in four as .docx (the Word export), the rest as .txt; every sentence
made of clauses that are, one in four, a clause of the seed (the formulas every writer shares:
each material shares text with most others, the hard case) and otherwise random runs of words
cut from the seed; and in every tenth material a whole point copied from another (a planted
shared passage). Then times the whole command (import, checks, 查重, report) for each report
format, median of RUNS (CPU time too: the machine is shared).
``--materials N``, ``--runs N``, ``--keep DIR``.
Run: `.venv/bin/python benchmarks/bench_review.py`
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from _bench import seed_path  # noqa: F401  (puts the repo on sys.path)
from bench_similar import make_material, seed_pieces

from app.cli import main as cli_main  # noqa: E402
from app.exporters.docx import export_docx  # noqa: E402
from app.exporters.text import export_txt  # noqa: E402

RUNS = 3
TARGET_SECONDS = 60.0


def write_folder(folder: Path, count: int) -> None:
    rng = random.Random(2026)
    clauses, words = seed_pieces()
    materials = [make_material(rng, clauses, words, n) for n in range(count)]
    for n, material in enumerate(materials):
        material.year = 2021  # one year's materials, as a 督导组 receives them
        if n % 10 == 3:  # a planted copy: a whole point of an earlier material
            source = materials[rng.randrange(n)].sections[0].dimensions[1].points[0]
            point = material.sections[0].dimensions[0].points[0]
            point.body, point.example = source.body, source.example
        if n % 17 == 5:  # a dimension left out
            del material.sections[0].dimensions[-1]
    for n, material in enumerate(materials):
        unit = folder / f"单位{n // 20:02d}"
        unit.mkdir(parents=True, exist_ok=True)
        if n % 4 == 0:
            export_docx(material, unit / f"材料{n:03d}.docx")
        else:
            (unit / f"材料{n:03d}.txt").write_text(export_txt(material), encoding="utf-8")


def time_review(folder: Path, out: Path, runs: int) -> tuple[list[float], list[float]]:
    walls, cpus = [], []
    for _ in range(runs):
        wall, cpu = time.perf_counter(), time.process_time()
        code = cli_main(["review", str(folder), "-o", str(out), "--quiet"])
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
        if code != 0:
            raise SystemExit(f"review failed with exit {code}")
    return walls, cpus


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--materials", type=int, default=200)
    parser.add_argument("--runs", type=int, default=RUNS)
    parser.add_argument("--formats", default="html,xlsx,pdf")
    parser.add_argument("--keep", metavar="DIR")
    args = parser.parse_args()
    base = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="bench-review-"))
    folder = base / "materials"
    try:
        if not folder.exists():
            start = time.perf_counter()
            write_folder(folder, args.materials)
            print(f"wrote {args.materials} materials in {time.perf_counter() - start:.1f} s")
        for fmt in args.formats.split(","):
            walls, cpus = time_review(folder, base / f"report.{fmt}", args.runs)
            wall, cpu = statistics.median(walls), statistics.median(cpus)
            verdict = "ok" if wall <= TARGET_SECONDS else "SLOW"
            print(
                f"review {args.materials} materials → {fmt:<4} {wall:7.1f} s wall "
                f"({cpu:.1f} s CPU), median of {args.runs}; "
                f"target ≤ {TARGET_SECONDS:.0f} s: {verdict}",
                flush=True,
            )
    finally:
        if not args.keep:
            shutil.rmtree(base, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
