"""Version differences of a 100-page material (issue 18): two versions ~5 % apart.

The later version is the earlier one with about 5 % of its points edited (a word changed, a
clause added, punctuation), a few points moved to another dimension or swapped, some removed
and some added. Measured twice: as two snapshots of one material (nodes keep their ids) and as
two imported files (no ids: points are paired by their text), plus the PDF record of the
changes. Target: the comparison of 100 pages ≤ 1 s (the window's 比较… waits for it).
Run: `.venv/bin/python benchmarks/bench_diff.py`
"""

from __future__ import annotations

import copy
import random
import sys

from _bench import RUNS, median_seconds, seed_path
from bench_checks import enlarged

from app.exporters.diff_pdf import render_diff_pdf  # noqa: E402
from app.importers.text import import_text_file  # noqa: E402
from app.model import Material, Point, material_word_count  # noqa: E402
from app.version_diff import compare_materials  # noqa: E402
from app.version_diff_report import text_report  # noqa: E402

TARGET_SECONDS = 1.0


def _with_ids(material: Material) -> Material:
    next_id = 1
    for section in material.sections:
        for node in (section, *section.points):
            node.id, next_id = next_id, next_id + 1
        for dim in section.dimensions:
            for node in (dim, *dim.points):
                node.id, next_id = next_id, next_id + 1
    return material


def later_version(material: Material, rng: random.Random) -> Material:
    new = copy.deepcopy(material)
    dims = [d for s in new.sections for d in s.dimensions]
    points = [p for d in dims for p in d.points]
    for point in rng.sample(points, len(points) // 20):  # ~5 % edited
        what = rng.randrange(3)
        if what == 0 and len(point.body) > 10:
            at = rng.randrange(len(point.body) - 4)
            point.body = point.body[:at] + "进一步" + point.body[at + 2 :]
        elif what == 1:
            point.title += "，还需加强"
        else:
            point.body = point.body.replace("。", "；", 1)
    for _ in range(6):  # moves to another dimension
        source, target = rng.sample([d for d in dims if d.points], 2)
        target.points.insert(rng.randrange(len(target.points) + 1), source.points.pop(0))
    for dim in rng.sample([d for d in dims if len(d.points) > 2], 3):  # swaps within one
        dim.points[0], dim.points[1] = dim.points[1], dim.points[0]
    for dim in rng.sample([d for d in dims if len(d.points) > 1], 4):  # removed
        dim.points.pop()
    for dim in rng.sample(dims, 4):  # added
        dim.points.append(
            Point(title="调查研究不够深入", body="下基层调研次数偏少，听取意见不够。")
        )
    return new


def main() -> int:
    seed, _ = import_text_file(seed_path())
    old = _with_ids(enlarged(seed, 100))
    new = later_version(old, random.Random(18))
    bare_old, bare_new = copy.deepcopy(old), copy.deepcopy(new)
    for m in (bare_old, bare_new):
        for node in (n for s in m.sections for n in (s, *s.points, *s.dimensions, *s.all_points())):
            node.id = None
    diff = compare_materials(old, new)
    pages = material_word_count(old) / (22 * 28)
    print(
        f"{pages:.0f} pages, {len(old.all_points())} points; changes: "
        + ", ".join(f"{k} {diff.count(k)}" for k in ("added", "removed", "moved", "edited"))
    )
    rows = [
        ("diff, 100 pages, snapshots (ids)", lambda: compare_materials(old, new), TARGET_SECONDS),
        (
            "diff, 100 pages, files (no ids)",
            lambda: compare_materials(bare_old, bare_new),
            TARGET_SECONDS,
        ),
        ("diff text report, 100 pages", lambda: text_report(diff), None),
        ("diff PDF record, 100 pages", lambda: render_diff_pdf(diff, old.title), None),
    ]
    failed = False
    for label, action, target in rows:
        seconds = median_seconds(action)
        verdict = "" if target is None else ("  ok" if seconds <= target else "  OVER target")
        failed |= target is not None and seconds > target
        print(f"{label:<38} {seconds * 1000:9.2f} ms  (median of {RUNS}){verdict}", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
