"""SQLite's own exceptions never leave the library: whatever SQLite refuses — a read of a
damaged file, a write to a full disk — reaches the caller as the project's ``LibraryError``
with words for the user, and a refused write changes nothing."""

from __future__ import annotations

import sqlite3

import pytest
from store_samples import sample_material

from app.errors import LibraryError
from app.library import Library

READS = {
    "list": lambda lib, mid: lib.list_materials(),
    "open material": lambda lib, mid: lib.get_material(mid),
    "search": lambda lib, mid: lib.search("党史学习"),
    "trash": lambda lib, mid: lib.list_trash(mid),
    "versions": lambda lib, mid: lib.list_snapshots(mid),
    "ignored findings": lambda lib, mid: lib.ignored_findings(mid),
}


def refuse_everything(library: Library) -> None:
    """SQLite itself fails every statement from now on (as it does on an I/O error)."""
    library.db.conn.set_authorizer(lambda *_args: sqlite3.SQLITE_DENY)


def allow_again(library: Library) -> None:
    library.db.conn.set_authorizer(None)


@pytest.fixture
def stored(tmp_path):
    path = tmp_path / "library.db"
    with Library.open(path) as library:
        mid = library.create_material(sample_material())
    return path, mid


@pytest.mark.parametrize("readonly", [False, True], ids=["writable", "read-only"])
@pytest.mark.parametrize("read", READS.values(), ids=READS.keys())
def test_a_read_sqlite_refuses_is_a_library_error(stored, read, readonly):
    path, mid = stored
    with Library.open(path, readonly=readonly) as library:
        refuse_everything(library)
        with pytest.raises(LibraryError) as err:
            read(library, mid)
        assert "无法读取材料库" in err.value.zh and "cannot read the library" in err.value.en
        allow_again(library)
        assert library.get_material(mid).title == sample_material().title


def test_a_write_sqlite_refuses_is_a_library_error_and_changes_nothing(stored):
    path, mid = stored
    with Library.open(path) as library:
        point = library.get_material(mid).sections[0].dimensions[0].points[0]
        refuse_everything(library)
        with pytest.raises(LibraryError) as err:
            library.update_node(point.id, title="改过的标题")
        assert "未能保存到材料库" in err.value.zh
        allow_again(library)
        assert library.get_material(mid).sections[0].dimensions[0].points[0].title == point.title


def test_several_edits_in_one_transaction_fail_as_one_unsaved_write(stored):
    path, mid = stored
    with Library.open(path) as library:
        material = library.get_material(mid)
        first, second = material.sections[0].dimensions[0].points[:2]
        refuse_everything(library)
        with pytest.raises(LibraryError) as err:
            library.apply_edits(mid, [(first.id, {"title": "甲"}), (second.id, {"title": "乙"})])
        assert "未能保存到材料库" in err.value.zh  # the save failed, not a read of the file
        allow_again(library)
        points = library.get_material(mid).sections[0].dimensions[0].points
        assert [p.title for p in points[:2]] == [first.title, second.title]
