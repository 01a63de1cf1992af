"""Write the parsed ReportLab metrics of every bundled font beside it (``<file>.0.rlmetrics``).

Run after ``build_fonts.py`` and after upgrading ReportLab or Python (the entries name the
versions they were made with; a stale entry is ignored at run time, which costs the parse).
Run: `.venv/bin/python packaging/fonts/build_metrics.py`
"""

from __future__ import annotations

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from app.font_metrics import cache_key, prebuilt_path, write_metrics  # noqa: E402


def main() -> None:
    from reportlab.pdfbase.ttfonts import TTFont

    fonts = sorted((REPO / "resources" / "fonts").glob("*.ttf"))
    for path in fonts:
        font = TTFont(path.stem, str(path))
        target = prebuilt_path(path, 0)
        write_metrics(target, cache_key(path.read_bytes(), 0), font.face)
        print(f"{target.name}: {target.stat().st_size / 1024:.0f} KB")


if __name__ == "__main__":
    main()
