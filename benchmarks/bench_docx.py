"""DOCX import and export: medians in-process.

Target (DESIGN §8): importing a 50-page DOCX ≤ 1 s. Also timed: exporting the seed and the
50-page material as DOCX, and importing the seed's DOCX.
Run: `.venv/bin/python benchmarks/bench_docx.py`
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from _bench import REPO, SEED_CANDIDATES, median_seconds, report

sys.path.insert(0, str(REPO / "tests" / "app"))  # the test-file builders
IMPORT_TARGET_S = 1.0


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
    ok = long_import <= IMPORT_TARGET_S
    print(f"50-page DOCX import target ≤ {IMPORT_TARGET_S:.1f} s: {'met' if ok else 'MISSED'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
