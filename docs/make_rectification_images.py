"""Rebuild the 整改清单 pictures in docs/: the window's 整改清单 view (Chinese UI, 1366×768) and
page 1 of the PDF, Word and Excel exports (Word/Excel through LibreOffice with the bundled
fonts, tests/libreoffice.py), from the seed material with its problems linked to its measures.

Run from the repository root on a 1366×768 offscreen screen (the window fits its screen):
QT_QPA_PLATFORM=offscreen:configfile=SCREEN.json .venv/bin/python docs/make_rectification_images.py
with SCREEN.json = {"screens": [{"name": "laptop", "width": 1366, "height": 768}]}
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
os.environ.setdefault("DUIZHAO_FONTS", "bundled")
DOCS = REPO / "docs"
SEED_NAME = "seed-county-2021-wugedaitou.md"
SEEDS = [REPO.parent / "shared" / "fixtures" / SEED_NAME, REPO / "tests" / "data" / SEED_NAME]
SEEDS += [Path(p) / "fixtures" / SEED_NAME for p in os.environ.get("DUIZHAO_SHARED", "").split(":") if p]

# problem (dimension, point) → measure index; then each measure's 责任人, 时限, 状态, note
LINKS = [(0, 0, 1), (0, 1, 1), (0, 2, 1), (1, 0, 3), (1, 1, 3), (2, 0, 2), (2, 1, 2),
         (2, 2, 2), (3, 0, 0), (3, 1, 3), (3, 2, 3), (4, 0, 4), (4, 1, 4), (4, 2, 4)]
FILLED = [
    ("县长 王××", "长期坚持", "in_progress", "已开展专题学习 6 次"),
    ("县长 王××；常务副县长 李××", "2022-06-30", "in_progress", "理论学习中心组计划已印发"),
    ("分管民生副县长 张××", "2022-10-31", "not_started", ""),
    ("常务副县长 李××", "2022-12-31", "in_progress", "化解信访积案 12 件"),
    ("党组成员 赵××", "长期坚持", "done", "已修订公务接待办法"),
]


def build_library(folder: Path):
    from app.importers.text import import_text_file
    from app.library import Library

    material, _ = import_text_file(next(p for p in SEEDS if p.exists()))
    library = Library.open(folder / "lib.db", auto_backup=False)
    mid = library.create_material(material)
    stored = library.get_material(mid)
    problems = stored.section("problems")
    measures = stored.section("measures").points
    for d, p, m in LINKS:
        library.link_points(problems.dimensions[d].points[p].id, measures[m].id)
    for point, (who, when, status, note) in zip(measures, FILLED, strict=True):
        library.update_node(
            point.id, responsible=who, deadline=when, status=status, status_note=note
        )
    return library, mid


def shoot_view(library, mid: int) -> None:
    from PySide6.QtWidgets import QApplication

    from ui.i18n import install_translators
    from ui.main_window import MainWindow

    app = QApplication.instance() or QApplication([])
    install_translators(app, "zh_CN")
    window = MainWindow(library)
    window.resize(1366, 768)
    window.show()
    window.open_material(mid)
    window.actions_by_name["actionRectificationList"].trigger()
    # the preview renders on a worker: wait (at most 30 s) for its pages before the picture
    deadline = time.monotonic() + 30
    while window.pdf_features.preview.page_count() == 0 and time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.02)
    settle = time.monotonic() + 2  # … and for the page images it draws from them
    while time.monotonic() < settle:
        app.processEvents()
        time.sleep(0.02)
    window.grab().save(str(DOCS / "rectification-view.png"))
    window.close()


def page_one(pdf: Path, name: str) -> None:
    subprocess.run(
        ["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile", str(pdf),
         str(DOCS / name)],
        check=True,
    )


def main() -> None:
    from app.exporters.rectification import export_rectification
    from tests.libreoffice import convert

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        library, mid = build_library(folder)
        material = library.get_material(mid)
        shoot_view(library, mid)
        pdf = export_rectification(material, "rectification-pdf", folder / "整改清单.pdf")
        page_one(pdf, "rectification-pdf-page1")
        for fmt, suffix in (("rectification-docx", "docx"), ("rectification-xlsx", "xlsx")):
            out = export_rectification(material, fmt, folder / f"list-{suffix}.{suffix}")
            converted = convert(out, "pdf", folder / suffix)
            page_one(converted, f"rectification-{suffix}-page1")
        library.close()


if __name__ == "__main__":
    main()
