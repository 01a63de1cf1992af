"""Start-up (DESIGN §8, cold start ≤ 0.5 s): what the window loads before it shows, and what it
leaves for later — the checks rules, the PDF page view, printing, the About dialog — still
arriving when the user needs them."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtGui import QImage
from PySide6.QtWidgets import QWidget

from app.library import Library
from tests.fresh_python import fresh_json

REPO = Path(__file__).resolve().parents[2]
# Loaded on first use only: each costs start-up 5–45 ms and none is on screen at first.
DEFERRED_MODULES = (
    "app.checks",
    "ui.find_replace",
    "ui.about",
    "ui.printing",
    "PySide6.QtPdfWidgets",
    "PySide6.QtPrintSupport",
    "reportlab",
    "sqlite_utils",  # the write layer: the first write, or once the window has painted
    "app.dimension_mapping",  # next year's draft, the last-year dock
    "ui.last_year_view",  # the last-year dock, hidden at start
    "app.compare.report",  # the 查重 dock's results
)


def _library_with_seed(path: Path, seed_path: Path) -> int:
    from app.importers.text import import_text_file

    library = Library.open(path)
    try:
        material, _report = import_text_file(seed_path)
        return library.create_material(material)
    finally:
        library.close()


def _child_env(tmp_path: Path) -> dict[str, str]:
    return dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        PYTHONPATH=str(REPO),
        XDG_CONFIG_HOME=str(tmp_path / "config"),
    )


def _run_window(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    """``python -m ui.main ARGS`` as a user starts it, in its own process."""
    return subprocess.run(
        [sys.executable, "-m", "ui.main", *args],
        cwd=REPO,
        env=_child_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_the_screenshot_run_as_a_program_writes_the_window_and_exits_0(tmp_path, seed_path):
    lib = tmp_path / "lib.db"
    seed_id = _library_with_seed(lib, seed_path)
    out = tmp_path / "window.png"
    done = _run_window(
        tmp_path, "--library", str(lib), "--open", str(seed_id), "--screenshot", str(out)
    )
    assert done.returncode == 0, done.stderr
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1280, 800)
    assert len({image.pixel(x, y) for x in range(0, 1280, 16) for y in range(0, 800, 16)}) > 5
    assert not out.with_name(out.name + ".tmp").exists()
    # the library was closed properly before the quick exit: its lock is released
    Library.open(lib).close()


def test_a_failed_screenshot_run_still_reports_and_exits_2(tmp_path, seed_path):
    lib = tmp_path / "lib.db"
    _library_with_seed(lib, seed_path)
    done = _run_window(
        tmp_path, "--library", str(lib), "--open", "9999", "--screenshot", str(tmp_path / "x.png")
    )
    assert done.returncode == 2
    assert "duizhao:" in done.stderr
    assert not (tmp_path / "x.png").exists()


def test_the_shown_window_has_not_loaded_what_it_does_not_show(tmp_path, seed_path):
    lib = tmp_path / "lib.db"
    seed_id = _library_with_seed(lib, seed_path)
    code = (
        "import json, sys\n"
        "from ui.main import main\n"
        f"code = main(['--library', {str(lib)!r}, '--open', '{seed_id}', "
        f"'--screenshot', {str(tmp_path / 'w.png')!r}])\n"
        "print(json.dumps([code, sorted(sys.modules)]))\n"
    )
    code, modules = fresh_json(code, env=_child_env(tmp_path), timeout=60)
    assert code == 0
    assert [m for m in DEFERRED_MODULES if m in modules] == []
    assert "ui.main_window" in modules and "ui.checks_panel" in modules  # the real window


def test_the_preview_page_view_is_built_when_its_tab_is_first_shown(qtbot, seeded_library):
    from ui.main_window import MainWindow

    window = MainWindow(seeded_library)
    qtbot.addWidget(window)
    window.checks_dock.raise_()  # a layout saved by an earlier window may have raised 预览
    window.show()
    qtbot.waitExposed(window)
    window.open_material(seeded_library.seed_id)
    assert window.findChild(QWidget, "pdfPreviewView") is None  # behind the 检查 tab
    window.preview_dock.raise_()
    preview = window.pdf_features.preview
    qtbot.waitUntil(lambda: window.findChild(QWidget, "pdfPreviewView") is not None, timeout=2000)
    qtbot.waitUntil(lambda: preview.page_count() >= 9, timeout=15000)
    window.close()


def test_the_checks_run_by_themselves_once_the_window_shows(qtbot, seeded_library):
    from ui.main_window import MainWindow

    window = MainWindow(seeded_library)
    qtbot.addWidget(window)
    window.open_material(seeded_library.seed_id)
    runner = window.checks_features.runner
    qtbot.waitUntil(lambda: not runner.timer.isActive(), timeout=2000)  # its turn came
    assert not runner.running  # hidden: no check was started (not: none finished yet)
    assert window.checks_features.panel.count() == 0
    window.show()
    # the seed has pinyin stand-ins (dangshi, mzshh) in its title
    qtbot.waitUntil(lambda: window.checks_features.panel.count() > 0, timeout=5000)
    assert window.checks_dock.windowTitle() != "Checks"
    window.close()


def test_an_edit_typed_as_soon_as_the_window_shows_is_stored(qtbot, tmp_path, seed_path):
    from tests.ui.helpers_editor import type_text
    from ui.main_window import MainWindow

    path = tmp_path / "lib.db"
    seed_id = _library_with_seed(path, seed_path)
    library = Library.open(path)  # as ui.main opens it: its write layer comes with the first write
    assert not library.db.write_layer_loaded
    window = MainWindow(library)
    qtbot.addWidget(window)
    window.show()
    window.open_material(seed_id)
    point = window.material.all_points()[0]
    body = point.body
    window.select_node(point.id)
    type_text(window.findChild(QWidget, "pointBodyEdit"), "补")

    def stored_body() -> str:
        with Library.open(path, readonly=True) as reader:
            return reader.get_material(seed_id).all_points()[0].body

    qtbot.waitUntil(lambda: stored_body() == body + "补", timeout=5000)
    window.close()
    library.close()


def test_the_window_started_on_an_old_library_backs_it_up_and_migrates_it(tmp_path):
    import shutil
    import sqlite3
    from contextlib import closing

    from app.library.schema import applied_migration_names, known_migration_names

    old = tmp_path / "v1.db"
    shutil.copyfile(REPO / "tests" / "data" / "libraries" / "v1.db", old)
    done = _run_window(tmp_path, "--library", str(old), "--screenshot", str(tmp_path / "w.png"))
    assert done.returncode == 0, done.stderr
    with closing(sqlite3.connect(old)) as conn:
        assert applied_migration_names(conn) == known_migration_names()
    assert list((tmp_path / "backups").glob("v1-before-migration-*.db"))
    with Library.open(old, readonly=True) as library:
        assert library.list_materials(include_trashed=True)
