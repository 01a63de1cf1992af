"""``duizhao`` as a user starts it: options, the screenshot mode, and a library it cannot use."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QAction, QImage
from PySide6.QtWidgets import QLabel

import ui.dialogs.recovery as recovery
import ui.main
from app.library import Library
from ui.main import main

REPO = Path(__file__).resolve().parents[2]


def _library_with_seed(path, seed_path) -> int:
    from app.importers.text import import_text_file

    library = Library.open(path)
    try:
        material, _report = import_text_file(seed_path)
        return library.create_material(material)
    finally:
        library.close()


def test_screenshot_writes_a_1280x800_png_of_the_opened_material(qtbot, tmp_path, seed_path):
    lib = tmp_path / "lib.db"
    seed_id = _library_with_seed(lib, seed_path)
    out = tmp_path / "shots" / "window.png"

    assert main(["--library", str(lib), "--open", str(seed_id), "--screenshot", str(out)]) == 0

    image = QImage(str(out))
    assert (image.width(), image.height()) == (1280, 800)
    # Not a blank canvas: a window with text has many distinct colours.
    colours = {image.pixel(x, y) for x in range(0, 1280, 16) for y in range(0, 800, 16)}
    assert len(colours) > 5


def test_screenshot_of_a_new_empty_library_creates_it(qtbot, tmp_path):
    lib = tmp_path / "fresh.db"
    out = tmp_path / "empty.png"
    assert main(["--library", str(lib), "--screenshot", str(out)]) == 0
    assert lib.exists() and QImage(str(out)).width() == 1280


def test_the_environment_names_the_library(qtbot, tmp_path, monkeypatch):
    lib = tmp_path / "from-env.db"
    monkeypatch.setenv("DUIZHAO_LIBRARY", str(lib))
    assert main(["--screenshot", str(tmp_path / "x.png")]) == 0
    assert lib.exists()


def test_a_corrupt_library_is_reported_in_chinese_and_left_untouched(qtbot, tmp_path, capsys):
    lib = tmp_path / "lib.db"
    lib.write_bytes(b"SQLite format 3\x00" + b"\x13\x37 this is not a database" * 400)
    before = hashlib.sha256(lib.read_bytes()).hexdigest()
    files_before = sorted(p.name for p in tmp_path.iterdir())

    code = main(["--library", str(lib), "--screenshot", str(tmp_path / "x.png")])

    assert code == 2
    err = capsys.readouterr().err
    assert "duizhao:" in err and any("\u4e00" <= ch <= "\u9fff" for ch in err), err
    assert hashlib.sha256(lib.read_bytes()).hexdigest() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == files_before  # no -wal, no png


def test_a_corrupt_library_without_screenshot_still_does_not_block_offscreen(
    qtbot, tmp_path, capsys
):
    lib = tmp_path / "lib.db"
    lib.write_bytes(b"garbage" * 1000)
    assert main(["--library", str(lib)]) == 2
    assert "duizhao:" in capsys.readouterr().err


def test_a_missing_library_folder_is_an_error_not_a_new_tree(qtbot, tmp_path, capsys):
    lib = tmp_path / "no" / "such" / "folder" / "lib.db"
    assert main(["--library", str(lib), "--screenshot", str(tmp_path / "x.png")]) == 2
    assert not (tmp_path / "no").exists()
    assert "不存在" in capsys.readouterr().err


def test_opening_an_unknown_material_fails_the_screenshot(qtbot, tmp_path, capsys):
    lib = tmp_path / "lib.db"
    Library.open(lib).close()
    out = tmp_path / "x.png"
    assert main(["--library", str(lib), "--open", "999", "--screenshot", str(out)]) == 2
    assert not out.exists()
    assert "999" in capsys.readouterr().err


@pytest.mark.parametrize("target", ["library", "link"])
def test_a_screenshot_never_replaces_the_open_library(qtbot, tmp_path, seed_path, capsys, target):
    lib = tmp_path / "lib.db"
    seed_id = _library_with_seed(lib, seed_path)
    out = lib
    if target == "link":
        out = tmp_path / "shot.png"
        out.symlink_to(lib)
    before = hashlib.sha256(lib.read_bytes()).hexdigest()

    code = main(["--library", str(lib), "--open", str(seed_id), "--screenshot", str(out)])

    assert code == 2
    assert "目标是材料库本身" in capsys.readouterr().err
    assert hashlib.sha256(lib.read_bytes()).hexdigest() == before
    library = Library.open(lib)  # still a library holding the seed
    try:
        assert library.get_material(seed_id).title
    finally:
        library.close()


@pytest.mark.parametrize("argv", [["--lang", "fr"], ["--open", "abc"], ["--bogus"]])
def test_bad_options_exit_2_with_usage(qtbot, argv, capsys):
    assert main(argv) == 2
    assert "usage: duizhao" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("lang", "undo", "library_title"),
    [
        ("zh_CN", "撤销", "材料库"),
        ("en", "Undo", "Library"),
    ],
)
def test_the_window_speaks_the_chosen_language(
    qtbot, tmp_path, monkeypatch, lang, undo, library_title
):
    seen = {}

    def look_at(window, out):
        seen["undo"] = window.findChild(QAction, "actionUndo").text()
        seen["library"] = window.findChild(QLabel, "libraryTitle").text()
        return True

    monkeypatch.setattr(ui.main, "take_screenshot", look_at)
    args = ["--library", str(tmp_path / "lib.db"), "--screenshot", str(tmp_path / "x.png")]
    assert main(args + (["--lang", lang] if lang != "zh_CN" else [])) == 0
    assert seen == {"undo": undo, "library": library_title}


def test_thousands_of_widget_updates_do_not_abort_the_interpreter(tmp_path):
    """The alarm for a PySide6 with the None leak (6.12.x on CPython < 3.12 drops a reference
    to None on every void call): without ui/refcount_guard this loop then aborts with
    "none_dealloc". Run unguarded, it passes only on a PySide6 the pin lets in."""
    code = (
        "from PySide6.QtWidgets import QApplication, QLabel\n"
        "app = QApplication([])\n"
        "label = QLabel()\n"
        "for i in range(60000):\n"
        "    label.setText(str(i % 7))\n"
        "print('ok')\n"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=REPO, timeout=60
    )
    assert (done.returncode, done.stdout.strip()) == (0, "ok"), done.stderr[-500:]


def test_an_unwritable_screenshot_path_fails_cleanly(qtbot, tmp_path, capsys):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    assert (
        main(["--library", str(tmp_path / "lib.db"), "--screenshot", str(blocker / "x.png")]) == 1
    )
    assert "x.png" in capsys.readouterr().err


def test_with_a_screen_a_corrupt_library_goes_to_the_recovery_dialog(qtbot, tmp_path, monkeypatch):
    lib = tmp_path / "lib.db"
    lib.write_bytes(b"garbage, not SQLite at all" * 100)
    before = lib.read_bytes()
    offered = []
    monkeypatch.setattr(ui.main, "_is_headless", lambda screenshot: False)
    monkeypatch.setattr(
        recovery, "recover", lambda path, exc, problem, parent=None: offered.append(problem)
    )

    assert main(["--library", str(lib)]) == 2
    assert offered == [recovery.NOT_A_LIBRARY]
    assert lib.read_bytes() == before


def test_version_prints_the_single_source_version(capsys):
    from app import __version__
    from ui.main import main

    assert main(["--version"]) == 0
    assert capsys.readouterr().out.strip() == f"duizhao {__version__}"


def test_a_file_given_on_the_command_line_is_imported_and_opened(tmp_path, seed_path):
    """What "Open with 对照" does: the file becomes a material, shown in the screenshot."""
    from app.library import Library
    from ui.main import main

    lib = tmp_path / "lib.db"
    out = tmp_path / "shot.png"
    assert main(["--library", str(lib), "--screenshot", str(out), str(seed_path)]) == 0
    assert out.stat().st_size > 10_000
    library = Library.open(lib)
    try:
        titles = [m.title for m in library.list_materials()]
    finally:
        library.close()
    assert titles == ['县政府党组dangshi学习教育专题mzshh"五个带头"对照检查材料']
