"""Opening a library whose last restore was cut off: the window finishes it and tells the user
what happened, in Chinese (issue 13, finding 5)."""

from __future__ import annotations

import pytest

import ui.crash as crash
from app.library import Library
from app.library import restore as store_restore
from app.model import Material


class _CutOff(Exception):
    """Stands in for the SIGKILL: the restore stops dead at the step, leaving its files."""


def test_the_window_finishes_a_cut_off_restore_and_says_so(qapp, tmp_path, monkeypatch):
    path = tmp_path / "lib.db"
    with Library.open(path) as library:
        mid = library.create_material(Material(title="备份时的标题"))
        backup = library.backup()
        library.update_material(mid, title="备份后的标题")

    def cut_off(step: str) -> None:
        if step == "wal-removed":  # just before the rename that swaps the backup in
            raise _CutOff

    monkeypatch.setattr(store_restore, "step_hook", cut_off)
    with pytest.raises(_CutOff):
        Library.restore_backup(backup, path)
    monkeypatch.setattr(store_restore, "step_hook", None)

    told = []
    monkeypatch.setattr(
        crash, "show_open_notice", lambda parent, title, notice: told.append((title, notice))
    )
    library = crash.open_library_or_explain(path)
    try:
        ((title, (zh, en)),) = told
        assert "restore" in title.lower()
        assert "现已完成恢复" in zh and backup.name in zh and "before-restore" in zh
        assert library.list_materials()[0].title == "备份时的标题"
    finally:
        library.close()
    (safety,) = (tmp_path / "backups").glob("lib-before-restore-*.db")
    with Library.open(safety, readonly=True) as before:
        assert before.list_materials()[0].title == "备份后的标题"
