"""One import path: duizhao-cli and the window read a file through the same ``read_file``, so the
same file gives the same tree and report, bad input the same message; the window reads off the
GUI thread, stays responsive, and a cancelled read adds nothing."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QProgressDialog, QPushButton

import app.importers
import app.importers.text
from app.cli import main as cli_main
from app.importers.legacy import OLE_SIGNATURE
from app.library import Library
from app.model import Point
from app.serialize import material_to_json
from app.templates import get_template, material_from_template
from ui.dialogs import import_source
from ui.library_view import LibraryView

DATA = Path(__file__).resolve().parents[1] / "data"


@pytest.fixture(autouse=True)
def bundled_fonts(monkeypatch):
    monkeypatch.setenv("DUIZHAO_FONTS", "bundled")


@pytest.fixture
def errors(monkeypatch):
    seen = []
    monkeypatch.setattr(LibraryView, "_show_error", lambda view, title, exc: seen.append(exc))
    return seen


def import_in_cli(tmp_path, monkeypatch, capsys, path: Path):
    """``duizhao-cli import PATH`` into its own library: (exit code, stderr, material, report)."""
    reports = []
    real = app.importers.read_file

    def spy(*args, **kwargs):
        result = real(*args, **kwargs)
        reports.append(result[1])
        return result

    monkeypatch.setattr(app.importers, "read_file", spy)
    library_file = tmp_path / "cli" / "library.db"
    library_file.parent.mkdir(exist_ok=True)
    code = cli_main(["--library", str(library_file), "import", str(path)])
    out, err = capsys.readouterr()
    monkeypatch.setattr(app.importers, "read_file", real)
    if code != 0:
        return code, err, None, None
    library = Library.open(library_file)
    try:
        material = library.get_material(int(out))
    finally:
        library.close()
    return code, err, material, reports[-1]


def import_in_window(window, monkeypatch, path: Path):
    """File → Import…, the user picks ``path`` and clicks Import: (material, report shown)."""
    shown = []

    def accept(view, dialog):
        shown.append(dialog.summary())
        return True

    monkeypatch.setattr(LibraryView, "_ask_open_path", lambda view: str(path))
    monkeypatch.setattr(LibraryView, "_exec_dialog", accept)
    before = {m.id for m in window.library.list_materials()}
    window.findChild(QAction, "actionImport").trigger()
    assert not [
        w
        for w in QApplication.topLevelWidgets()
        if isinstance(w, QProgressDialog) and w.isVisible()
    ]
    new = [m.id for m in window.library.list_materials() if m.id not in before]
    if not new:
        return None, None
    return window.library.get_material(new[0]), shown[0]


def comparable(material) -> str:
    """The material's JSON without the store's ids and times (two libraries number apart)."""
    import json

    def strip(value):
        if isinstance(value, dict):
            return {k: strip(v) for k, v in value.items() if k not in ("created", "updated")}
        if isinstance(value, list):
            return [strip(v) for v in value]
        return value

    data = json.loads(material_to_json(material))
    data.pop("id", None)
    return json.dumps(strip(data), ensure_ascii=False, sort_keys=True)


def make_input(kind: str, tmp_path: Path, seed_path: Path) -> Path:
    if kind == "txt":  # a web copy: furniture lines set aside, listed in the report
        return DATA / "import-shapes" / "web-furniture.txt"
    if kind == "md":
        return seed_path
    if kind == "docx":
        from app.exporters.docx import export_docx
        from app.importers.text import import_text_file

        material, _report = import_text_file(seed_path)
        return Path(export_docx(material, tmp_path / "县政府党组对照检查材料.docx"))
    material = material_from_template(
        get_template("2021-dangshi-wugedaitou"), organization="某党组"
    )
    material.section("problems").dimensions[0].points = [Point(title="学习不够", id=1, links=[2])]
    material.section("measures").points = [Point(title="加强学习", id=2, links=[1])]
    path = tmp_path / "material.json"
    path.write_text(material_to_json(material), encoding="utf-8")
    return path


@pytest.mark.parametrize("kind", ["txt", "md", "docx", "json"])
def test_the_cli_and_the_window_import_a_file_identically(
    qtbot, main_window, monkeypatch, capsys, tmp_path, seed_path, errors, kind
):
    path = make_input(kind, tmp_path, seed_path)

    code, err, from_cli, cli_report = import_in_cli(tmp_path, monkeypatch, capsys, path)
    from_window, window_report = import_in_window(main_window, monkeypatch, path)

    assert code == 0, err
    assert errors == [] and from_window is not None
    assert comparable(from_window) == comparable(from_cli)
    assert window_report == cli_report
    assert cli_report.point_count == len(from_cli.all_points()) > 0
    if kind == "txt":
        assert len(window_report.dropped_furniture) == 8  # both list the same lines set aside
    if kind == "json":
        problem = from_window.section("problems").dimensions[0].points[0]
        assert problem.links == [from_window.section("measures").points[0].id]


def _bad_input(kind: str, tmp_path: Path, monkeypatch) -> Path:
    if kind == "unsupported":
        path = tmp_path / "notes.rtf"
        path.write_text("{\\rtf1 x}", encoding="utf-8")
    elif kind == "missing":
        path = tmp_path / "missing.txt"
    elif kind == "folder":
        path = tmp_path / "folder.txt"
        path.mkdir()
    elif kind == "fifo":
        path = tmp_path / "pipe.txt"
        os.mkfifo(path)
    elif kind == "long name":
        path = tmp_path / ("长" * 100 + ".txt")
    elif kind == "empty":
        path = tmp_path / "empty.txt"
        path.write_bytes(b"")
    elif kind == "bad json":
        path = tmp_path / "broken.json"
        path.write_text('{"format": "duizhao-material", "version": 9}', encoding="utf-8")
    elif kind == "too large":
        path = tmp_path / "big.md"
        path.write_text("一、存在的主要问题\n" * 20, encoding="utf-8")
        monkeypatch.setattr("app.importers.read.MAX_INPUT_BYTES", 100)
    else:  # an old Word file, no LibreOffice to convert it
        path = tmp_path / "old.wps"
        path.write_bytes(OLE_SIGNATURE + b"\0" * 504)
        monkeypatch.setattr("app.importers.legacy.soffice_path", lambda: None)
        monkeypatch.setattr(import_source, "soffice_path", lambda: None)
    return path


@pytest.mark.parametrize(
    "kind",
    [
        "unsupported",
        "missing",
        "folder",
        "fifo",
        "long name",
        "empty",
        "bad json",
        "too large",
        "old word",
    ],
)
def test_bad_input_gives_the_same_message_in_the_cli_and_the_window(
    qtbot, main_window, monkeypatch, capsys, tmp_path, errors, kind
):
    path = _bad_input(kind, tmp_path, monkeypatch)

    code, err, _material, _report = import_in_cli(tmp_path, monkeypatch, capsys, path)
    from_window, _ = import_in_window(main_window, monkeypatch, path)

    assert code == 2 and from_window is None
    [exc] = errors
    assert any("\u4e00" <= ch <= "\u9fff" for ch in exc.zh), exc.zh
    assert err == f"错误：{exc.zh} / error: {exc.en}\n"
    assert main_window.library.list_materials() == []


def test_the_window_stays_responsive_while_a_slow_import_runs_and_cancel_adds_nothing(
    qtbot, main_window, monkeypatch, seed_path, errors
):
    real_reader = app.importers.text.import_text_file
    started, release = threading.Event(), threading.Event()

    def slow_reader(path, **kwargs):
        started.set()
        release.wait(10)  # hang guard: the test releases it, or the guard timer below does
        return real_reader(path, **kwargs)

    monkeypatch.setattr(app.importers.text, "import_text_file", slow_reader)
    previews = []
    monkeypatch.setattr(
        LibraryView, "_exec_dialog", lambda view, dialog: previews.append(dialog) or True
    )
    asked = []
    monkeypatch.setattr(
        LibraryView, "_ask_open_path", lambda view: asked.append(True) or str(seed_path)
    )
    ticks_while_blocked = []
    ticker = QTimer(main_window)
    ticker.setInterval(10)
    ticker.timeout.connect(
        lambda: ticks_while_blocked.append(started.is_set() and not release.is_set())
    )
    cancelled = []

    def press_cancel_once_shown():
        progress = main_window.findChild(QProgressDialog, "importProgress")
        if progress is not None and progress.isVisible() and sum(ticks_while_blocked) >= 5:
            main_window.close()  # refused while the read runs: the user cancels first
            QTest.mouseClick(progress.findChild(QPushButton), Qt.MouseButton.LeftButton)
            cancelled.append(True)
        elif not release.is_set():
            QTimer.singleShot(20, press_cancel_once_shown)

    ticker.start()
    QTimer.singleShot(0, press_cancel_once_shown)
    QTimer.singleShot(8000, release.set)  # hang guard: never wait for the reader forever
    main_window.findChild(QAction, "actionImport").trigger()
    ticker.stop()

    assert cancelled == [True] and asked == [True]
    assert main_window.isVisible()
    assert sum(ticks_while_blocked) >= 5  # the event loop ran timers while the reader was blocked
    assert not release.is_set()  # the import returned on Cancel, not because the reader finished
    release.set()
    for thread in threading.enumerate():
        if thread.name == "duizhao-import":
            thread.join(5)
    qtbot.wait(50)  # the worker's late outcome, if it were delivered, would arrive now
    assert previews == [] and errors == []
    assert main_window.library.list_materials() == []


def test_cancelling_a_re_read_for_another_template_keeps_what_the_preview_showed(
    qtbot, monkeypatch, seed_path
):
    from ui.dialogs.import_material import ImportDialog
    from ui.dialogs.import_source import ImportSource

    source = ImportSource(seed_path)
    material, report = source.read()
    dialog = ImportDialog(material, report, source.name, source=source)
    qtbot.addWidget(dialog)
    dialog.show()
    suggested = dialog.chosen_template_id()
    real_reader = app.importers.text.import_text_file
    release = threading.Event()

    def slow_reader(path, **kwargs):
        release.wait(10)  # hang guard
        return real_reader(path, **kwargs)

    monkeypatch.setattr(app.importers.text, "import_text_file", slow_reader)
    cancelled = []

    def press_cancel_once_shown():
        progress = dialog.findChild(QProgressDialog, "importProgress")
        if progress is not None and progress.isVisible():
            QTest.mouseClick(progress.findChild(QPushButton), Qt.MouseButton.LeftButton)
            cancelled.append(True)
        elif not release.is_set():
            QTimer.singleShot(20, press_cancel_once_shown)

    QTimer.singleShot(0, press_cancel_once_shown)
    QTimer.singleShot(8000, release.set)  # hang guard
    combo = dialog.template_combo
    combo.setCurrentIndex(combo.findData("2024-niandu-sigedaitou"))  # the user picks another

    assert cancelled == [True] and not release.is_set()
    release.set()
    assert dialog.chosen_template_id() == suggested  # the combo says what the tree was read with
    assert dialog.summary() is report and dialog.material().template_id == suggested
