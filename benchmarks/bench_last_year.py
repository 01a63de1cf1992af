"""对照上年材料: what selecting a node or opening the side view costs (all on the GUI thread).

- align a 2025 draft with its 2021 source (sections, dimensions by the template mapping);
- a rewritten point's counterpart (no same title: every last-year point is compared);
- laying out last year's whole material in the side view;
- finding last year's material in a library of 1,000 materials (10 units × 10 years × 10).

Seed and 100 pages (the seed's sections repeated, as bench_checks). Target: each well under a
frame budget of the selection (≤ 50 ms) except the one-off layout of 100 pages (≤ 0.5 s).
Run: ``QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bench_last_year.py``
"""

from __future__ import annotations

import copy
import sys
import tempfile
from functools import partial
from pathlib import Path

from _bench import median_seconds, report, seed_path
from bench_checks import enlarged

from app.importers.text import import_text_file  # noqa: E402
from app.last_year import align, last_year_of  # noqa: E402
from app.library import Library  # noqa: E402
from app.model import material_word_count  # noqa: E402

TEMPLATE_2025 = "2025-niandu-wugedaitou"


def pair(library: Library, material) -> tuple:
    last_id = library.create_material(material)
    draft_id = library.duplicate_material(last_id, template_id=TEMPLATE_2025, year=2025)
    return library.get_material(last_id), library.get_material(draft_id)


def rewritten_point_cost(last, current) -> float:
    point = current.section("problems").dimensions[0].points[0]
    point.title, point.body = "一个与上年任何要点都不相同的全新表述", ""

    def once():
        align(last, current).counterpart(point.id)

    return median_seconds(once) - median_seconds(lambda: align(last, current))


def big_library(folder: Path, seed) -> tuple[Library, object]:
    library = Library.open(folder / "thousand.db")
    batch = []
    for unit in range(10):
        for year in range(2016, 2026):
            for copy_no in range(10):
                m = copy.deepcopy(seed)
                m.organization, m.year = f"单位{unit}", year
                m.title = f"单位{unit}{year}年度材料{copy_no}"
                batch.append((m, None))
    library.create_materials(batch)
    current = next(
        library.get_material(s.id)
        for s in library.list_materials()
        if s.organization == "单位3" and s.year == 2025
    )
    return library, current


def main() -> int:
    from PySide6.QtWidgets import QApplication

    from ui.last_year_view import LastYearView

    app = QApplication.instance() or QApplication(sys.argv)
    seed, _ = import_text_file(seed_path())
    with tempfile.TemporaryDirectory() as tmp:
        library = Library.open(Path(tmp) / "lib.db")
        view = LastYearView()
        view.resize(480, 600)
        view.show()
        for label, material in (("seed", seed), ("100 pages", enlarged(seed, 100))):
            last, current = pair(library, material)
            chars = material_word_count(last)

            # bound now: the lambdas run before the next loop
            def show(last=last):
                view.show_material(last)

            report(
                f"align, {label} ({chars:,} chars)", median_seconds(partial(align, last, current))
            )
            report(f"rewritten point's counterpart, {label}", rewritten_point_cost(last, current))
            report(f"side view layout, {label}", median_seconds(show))
            app.processEvents()
        library.close()
        big, current = big_library(Path(tmp), seed)
        report(
            "last year among 1,000 materials", median_seconds(lambda: last_year_of(big, current))
        )
        big.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
