"""DOCX import and export: medians in-process.

Targets: importing a 50-page DOCX ≤ 1 s (DESIGN §8); exporting the ≈500-page material (the
seed's sections × 67, 489 pages as the PDF sets it) ≤ 1.5 s (issue 19), printed beside a fixed
pure-Python yardstick timed in alternation (the machine is shared: the ratio is the figure to
compare across runs). Also timed: exporting the seed and the 50-page material, importing the
seed's DOCX.
Run: `.venv/bin/python benchmarks/bench_docx.py`
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from _bench import REPO, SEED_CANDIDATES, alternate, median_seconds, report, report_pair

sys.path.insert(0, str(REPO / "tests" / "app"))  # the test-file builders
IMPORT_TARGET_S = 1.0
BIG_EXPORT_TARGET_S = 1.5
BIG_COPIES = 67  # the seed's sections repeated: 489 pages


def main() -> int:
    from docx_builders import build_long_docx

    from app.exporters.docx import export_docx
    from app.importers.docx import import_docx_file
    from app.importers.text import import_text_file

    seed = next(p for p in SEED_CANDIDATES if p.exists())
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        long_path, points = build_long_docx(folder / "long.docx", pages=50)
        import_docx_file(long_path)  # warm imports (lxml, structure) outside the timing
        long_import = median_seconds(lambda: import_docx_file(long_path))
        report(f"import 50-page DOCX ({points} points)", long_import)

        material, _ = import_text_file(seed)
        seed_docx = folder / "seed.docx"
        export_docx(material, seed_docx)
        report("export seed as DOCX", median_seconds(lambda: export_docx(material, seed_docx)))
        report("import seed DOCX", median_seconds(lambda: import_docx_file(seed_docx)))

        long_material, _ = import_docx_file(long_path)
        out = folder / "long-out.docx"
        report(
            "export 50-page material as DOCX",
            median_seconds(lambda: export_docx(long_material, out)),
        )
        big, _ = import_text_file(seed)
        big.sections = [s for _ in range(BIG_COPIES) for s in big.sections]
        big_out = folder / "big.docx"
        seconds, yard = alternate(lambda: export_docx(big, big_out))
        big_ok = report_pair(
            f"export ≈500-page material as DOCX (×{BIG_COPIES})", seconds, yard, BIG_EXPORT_TARGET_S
        )
    ok = long_import <= IMPORT_TARGET_S
    print(f"50-page DOCX import target ≤ {IMPORT_TARGET_S:.1f} s: {'met' if ok else 'MISSED'}")
    return 0 if ok and big_ok else 1


if __name__ == "__main__":
    sys.exit(main())
