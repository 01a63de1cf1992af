"""Library of 5,000 materials: time ``Library.open`` + ``list_materials`` and full-text search.

Targets (DESIGN §8): open ≤ 0.5 s, search ≤ 50 ms. Builds the library once into a temp folder
(materials from the 2021 template, 14 points of 150–300 CJK characters each, text cut from the
seed), then prints medians of RUNS timings. ``--materials N`` and ``--keep DIR`` for other sizes.
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))  # run as a plain script from anywhere

from app.library import Library  # noqa: E402
from app.model import Dimension, Material, Point, Section  # noqa: E402
from app.templates import get_template, material_from_template  # noqa: E402

RUNS = 7
BATCH = 250
SEED = REPO.parent / "shared" / "fixtures" / "seed-county-2021-wugedaitou.md"
SEED_COPY = REPO / "tests" / "data" / "seed-county-2021-wugedaitou.md"
ORGANIZATIONS = [
    "县政府党组",
    "县委常委会",
    "市场监管局党组",
    "教育局党委",
    "卫健委党组",
    "交通运输局党组",
]


def corpus() -> str:
    text = (SEED if SEED.exists() else SEED_COPY).read_text(encoding="utf-8")
    return re.sub(r"[#*\s]", "", text)


def cut(rng: random.Random, text: str, low: int, high: int) -> str:
    size = rng.randint(low, high)
    start = rng.randrange(0, len(text) - size)
    return text[start : start + size]


def make_material(rng: random.Random, text: str, n: int) -> tuple[Material, list]:
    org = rng.choice(ORGANIZATIONS)
    material = material_from_template(
        get_template("2021-dangshi-wugedaitou"), organization=f"第{n}{org}"
    )
    material.preamble = [cut(rng, text, 150, 300)]

    def point() -> Point:
        return Point(
            title=cut(rng, text, 8, 20),
            body=cut(rng, text, 120, 240),
            example=cut(rng, text, 20, 40),
        )

    problems: Section = material.sections[0]
    dims: list[Dimension] = problems.dimensions
    for d in dims:
        d.points = [point() for _ in range(2)]
    material.sections[1].points = [point() for _ in range(2)]
    material.sections[2].points = [point() for _ in range(2)]
    links = [[[0, i, 0], [2, -1, i % 2]] for i in range(len(dims))]
    return material, links


def build(path: Path, count: int) -> float:
    rng = random.Random(2021)
    text = corpus()
    start = time.perf_counter()
    with Library.open(path) as library:
        for first in range(0, count, BATCH):
            batch = [make_material(rng, text, n) for n in range(first, min(first + BATCH, count))]
            library.create_materials(batch)
    return time.perf_counter() - start


def median_of(fn, runs: int = RUNS) -> tuple[float, object]:
    times, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--materials", type=int, default=5000)
    parser.add_argument("--keep", type=Path, help="build into this folder and keep the library")
    args = parser.parse_args(argv)
    folder = args.keep or Path(tempfile.mkdtemp(prefix="duizhao-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "library.db"
    if not path.exists():
        seconds = build(path, args.materials)
        print(
            f"built {args.materials} materials in {seconds:.1f} s "
            f"({path.stat().st_size / 1e6:.0f} MB)"
        )

    def open_and_list():
        with Library.open(path) as library:
            return len(library.list_materials())

    t_open, listed = median_of(open_and_list)
    print(
        f"open + list_materials ({listed} materials): median {t_open * 1000:.0f} ms  "
        f"(target ≤ 500 ms)"
    )
    with Library.open(path) as library:
        for query, label in [
            ("理论学习", "4 chars, FTS"),
            ("宗旨意识", "4 chars, FTS"),
            ("不存在的说法", "6 chars, no hit, FTS"),
            ("学习", "2 chars, trigram vocabulary + FTS"),
            ("疫情", "2 chars, trigram vocabulary + FTS"),
            ("的", "1 char in every text, newest-first scan"),
            ("鑫", "1 char, no hit"),
        ]:
            t, hits = median_of(lambda q=query: library.search(q))
            print(
                f"search {query!r} ({label}, {len(hits)} hits): median {t * 1000:.1f} ms  "
                f"(target ≤ 50 ms)"
            )
        t, _ = median_of(lambda: library.get_material(listed // 2))
        print(f"get_material: median {t * 1000:.1f} ms")
        point = library.get_material(listed // 2).sections[1].points[0].id
        t, _ = median_of(lambda: library.update_node(point, body="改写后的正文" * 20))
        print(f"update_node (one edit committed): median {t * 1000:.1f} ms  (target ≤ 5 ms)")
    if not args.keep:
        shutil.rmtree(folder)  # the library, its WAL/lock files and the backups/ folder
    return 0


if __name__ == "__main__":
    sys.exit(main())
