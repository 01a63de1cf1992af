"""The single-writer lock belongs to the library file, not to the name it is opened by: a second
writer through a symbolic link meets the lock, a hard-linked library is never opened for writing,
and restore and backup act on the real file behind a link (issue 13, finding 2)."""

from __future__ import annotations

import os
import signal
import sys

import pytest
from store_samples import sample_material
from test_lock import start_holder

from app.cli import main
from app.errors import LibraryError, LibraryLockedError
from app.library import Library

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="POSIX links and processes")


def stop(holder) -> None:
    holder.send_signal(signal.SIGKILL)
    holder.wait()
    holder.stdout.close()
    holder.stderr.close()


@posix_only
def test_a_second_writer_through_a_symbolic_link_is_refused(tmp_path):
    path = tmp_path / "library.db"
    link_folder = tmp_path / "desktop"
    link_folder.mkdir()
    link = link_folder / "我的材料库.db"
    link.symlink_to(path)
    holder, _mid = start_holder(path)
    try:
        with pytest.raises(LibraryLockedError, match="already open"):
            Library.open(link)
    finally:
        stop(holder)
    with Library.open(link) as library:  # once the holder is gone, the link opens the real file
        assert library.path == path
        assert len(library.list_materials()) == 1


@posix_only
def test_a_hard_linked_library_is_not_opened_for_writing(tmp_path):
    path = tmp_path / "library.db"
    with Library.open(path) as library:
        library.create_material(sample_material())
    twin = tmp_path / "copy-of-library.db"
    os.link(path, twin)
    for name in (path, twin):
        with pytest.raises(LibraryError) as err:
            Library.open(name)
        assert "2 个硬链接" in err.value.zh and "删除多余的名字" in err.value.zh
        assert "hard links" in err.value.en and "copy it" in err.value.en
    assert not (tmp_path / "copy-of-library.db.lock").exists()
    with Library.open(twin, readonly=True) as library:  # reading it stays possible
        assert len(library.list_materials()) == 1
    twin.unlink()  # the fix the message names
    with Library.open(path) as library:
        assert len(library.list_materials()) == 1


@posix_only
def test_a_second_writer_through_a_hard_link_is_refused_while_the_first_writes(tmp_path):
    path = tmp_path / "library.db"
    holder, _mid = start_holder(path)
    try:
        os.link(path, tmp_path / "twin.db")
        with pytest.raises(LibraryError, match="hard links"):
            Library.open(tmp_path / "twin.db")
    finally:
        stop(holder)


@posix_only
def test_restore_through_a_symbolic_link_replaces_the_real_library(tmp_path):
    path = tmp_path / "data" / "library.db"
    path.parent.mkdir()
    with Library.open(path) as library:
        first = library.create_material(sample_material())
        backup = library.backup(tmp_path / "saved.db")
        library.trash_material(first)
        library.create_material(sample_material())
    link = tmp_path / "library-link.db"
    link.symlink_to(path)

    Library.restore_backup(backup, link)

    assert link.is_symlink() and os.readlink(link) == str(path)
    with Library.open(path) as library:
        assert [m.id for m in library.list_materials()] == [first]


@posix_only
def test_backup_through_a_symbolic_link_goes_beside_the_real_library(tmp_path, capsys):
    path = tmp_path / "data" / "library.db"
    path.parent.mkdir()
    with Library.open(path) as library:
        library.create_material(sample_material())
    link = tmp_path / "library-link.db"
    link.symlink_to(path)

    assert main(["--library", str(link), "backup"]) == 0
    written = capsys.readouterr().out.strip()
    assert written.startswith(str(path.parent / "backups" / "library-"))
    assert not (tmp_path / "backups").exists()
