"""Full checks on the seed and on a 100-page material; find/replace on the 100-page material.

Targets (issue 6): seed ≤ 100 ms, 100 pages ≤ 1 s; (issue 19) the ≈500-page material (the
seed's sections × 67, 489 pages as the PDF sets it) ≤ 0.5 s, printed beside a fixed pure-Python
yardstick timed in alternation (the machine is shared: compare the ratio across runs).
A page is 22 lines × 28 characters (GB/T 9704), so 100 pages ≈ 61,600 characters: the seed's
sections repeated until that size.
Run: `.venv/bin/python benchmarks/bench_checks.py`
"""

from __future__ import annotations

import copy
import sys

from _bench import RUNS, SEED_CANDIDATES, alternate, median_seconds, report_pair

from app.checks import run_checks  # noqa: E402
from app.find_replace import find_all, replace_all  # noqa: E402
from app.importers.text import import_text_file  # noqa: E402
from app.model import Material, material_word_count  # noqa: E402

PAGE_CHARS = 22 * 28
BIG_COPIES = 67
BIG_TARGET_S = 0.5


def enlarged(material: Material, pages: int) -> Material:
    copies = 1
    while material_word_count(_repeat(material, copies)) < pages * PAGE_CHARS:
        copies += 1
    return _repeat(material, copies)


def _repeat(material: Material, copies: int) -> Material:
    big = copy.deepcopy(material)
    for section in big.sections:
        section.points = [copy.deepcopy(p) for _ in range(copies) for p in section.points]
        section.dimensions = [copy.deepcopy(d) for _ in range(copies) for d in section.dimensions]
    return big


def main() -> int:
    seed_path = next(p for p in SEED_CANDIDATES if p.exists())
    seed, _ = import_text_file(seed_path)
    big = enlarged(seed, 100)
    run_checks(seed)  # data files are read once per process; the first run pays for that
    rows = [
        ("checks, seed", material_word_count(seed), lambda: run_checks(seed), 0.100),
        ("checks, 100 pages", material_word_count(big), lambda: run_checks(big), 1.0),
        (
            "find regex, 100 pages",
            material_word_count(big),
            lambda: find_all(big, r"不够[^，。]{0,6}", regex=True),
            None,
        ),
        # The backtracking-prone patterns of tests/app/test_find_replace.py (there: a hang guard).
        (
            "find 2 lazy/greedy regexes, 100 pages",
            material_word_count(big),
            lambda: (
                find_all(big, r'"[^"]{2,12}"|不够[^，。]{0,6}|能力.*?。', regex=True),
                find_all(big, r".*a.*b", regex=True),
            ),
            2.0,
        ),
        (
            "replace all, 100 pages",
            material_word_count(big),
            lambda: replace_all(big, "dangshi", "党史"),
            None,
        ),
    ]
    failed = False
    for label, chars, action, target in rows:
        seconds = median_seconds(action)
        verdict = (
            ""
            if target is None
            else ("  ok" if seconds <= target else f"  OVER target {target * 1000:.0f} ms")
        )
        failed |= target is not None and seconds > target
        print(
            f"{label:<38} {chars:>7} 字 {seconds * 1000:9.2f} ms  (median of {RUNS}){verdict}",
            flush=True,
        )
    print(f"findings: seed {len(run_checks(seed))}, 100 pages {len(run_checks(big))}")
    huge = copy.deepcopy(seed)
    huge.sections = [s for _ in range(BIG_COPIES) for s in huge.sections]
    seconds, yard = alternate(lambda: run_checks(huge))
    failed |= not report_pair(
        f"checks, ≈500 pages (×{BIG_COPIES}, {material_word_count(huge)} 字)",
        seconds,
        yard,
        BIG_TARGET_S,
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
