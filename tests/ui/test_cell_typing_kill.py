"""SIGKILL while typing in a cell editor (issue 13, finding 8; README "敲过的字一个不丢"): the real
window types into a 整改清单 cell, or a rename in the library list, and is killed with the
editor still open — nothing was stored yet. The next window puts the text back where it was
typed and says so. Modelled on test_gui_kill.py."""

from __future__ import annotations

import json
import random
import signal
import sys
import time
from pathlib import Path

import pytest

from app.library import Library
from tests.app.store_samples import sample_material
from tests.ui.typing_crash import start_child
from ui.i18n import install_translators, remove_translators

CHILD = Path(__file__).with_name("cell_kill_child.py")
TYPED = {"cell": "张三（办公室主任）", "rename": "县政府党组2026年度对照检查材料"}

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")


def run_and_kill(path: Path, mid: int, mode: str, delay: float) -> dict:
    child = start_child(CHILD, str(path), str(mid), mode, TYPED[mode])
    try:
        line = child.stdout.readline()  # the last key was handled
        time.sleep(delay)
        alive = child.poll() is None
    finally:
        child.send_signal(signal.SIGKILL)
        _rest, err = child.communicate(timeout=10)
    out = json.loads(line) if line.strip() else {"error": err[-2000:]}
    out["alive_at_kill"], out["returncode"] = alive, child.returncode
    return out


def stored_value(path: Path, mid: int, mode: str, measure: int | None) -> str:
    with Library.open(path) as library:  # the killed window's lock is taken over
        return stored_value_of(library, mid, mode, measure)


def reopen_in_window(path: Path, mid: int, mode: str, measure: int | None):
    """The next start: (the stored value, what the user was told, where the window shows it)."""
    from ui.main_window import MainWindow
    from ui.rectification_model import MEASURE_ID_ROLE

    window = MainWindow(Library.open(path))
    try:
        box = getattr(window, "typing_recovered_box", None)
        told = box.text() if box is not None else None
        if mode == "rename":
            shown = window.library_view.material_item(mid).text(0)
        else:
            index = window.rectification.view.table.currentIndex()
            shown = index.data() if index.data(MEASURE_ID_ROLE) == measure else None
        return stored_value_of(window.library, mid, mode, measure), told, shown
    finally:
        window.close()
        window.library.close()
        window.deleteLater()


def stored_value_of(library, mid: int, mode: str, measure: int | None) -> str:
    material = library.get_material(mid)
    if mode == "rename":
        return material.title
    return next(m for m in material.section("measures").all_points() if m.id == measure).responsible


@pytest.mark.parametrize("mode", ["cell", "rename"])
def test_text_typed_into_a_cell_editor_survives_sigkill(qapp, tmp_path, mode):
    # The Chinese .qm is built into the (per-test) cache here, not by the children at once.
    install_translators(qapp, "zh_CN")
    remove_translators(qapp)
    rng = random.Random(17)
    for n in range(2):
        path = tmp_path / f"trial{n}" / "lib.db"
        path.parent.mkdir()
        with Library.open(path, auto_backup=False) as library:
            mid = library.create_material(sample_material())
            before = library.get_material(mid).title

        out = run_and_kill(path, mid, mode, rng.uniform(0.05, 0.2))

        assert out.get("typed") == TYPED[mode], out
        assert out["alive_at_kill"] and out["returncode"] == -signal.SIGKILL
        measure = out["measure"]
        never_stored = before if mode == "rename" else ""
        assert stored_value(path, mid, mode, measure) == never_stored  # the editor was open
        recovered, told, shown = reopen_in_window(path, mid, mode, measure)
        assert recovered == TYPED[mode], "the typed text was lost"
        assert told is not None and "Recovered 1 unsaved edit" in told
        assert shown == TYPED[mode]  # back in the cell / the list
