"""The write layer (sqlite_utils) is loaded by the first write, not by opening (issue 19: it is
a fifth of the window's start-up): a writable library reads without it, its first write is
stored all the same, an old library is still migrated at open, and a CLI export of a stored
material loads neither the write layer nor the modules only writes or drafts use."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from store_samples import sample_material

from app.library import Library
from app.library.schema import applied_migration_names, known_migration_names
from tests.fresh_python import fresh_json

REPO = Path(__file__).resolve().parents[3]
LIBRARIES = REPO / "tests" / "data" / "libraries"


def stored_titles(path: Path) -> list[str]:
    with Library.open(path, readonly=True) as library:
        return [s.title for s in library.list_materials()]


def test_a_writable_library_reads_without_the_write_layer_and_stores_its_first_write(
    library_path,
):
    code = (
        "import json, sys\n"
        "from app.library import Library\n"
        f"library = Library.open({str(library_path)!r})\n"
        "(summary,) = library.list_materials()\n"
        "title = library.get_material(summary.id).title\n"
        "before = 'sqlite_utils' in sys.modules\n"
        "library.update_material(summary.id, title='改过的标题')\n"
        "after = 'sqlite_utils' in sys.modules\n"
        "library.close()\n"
        "print(json.dumps({'title': title, 'before': before, 'after': after}))\n"
    )
    seen = fresh_json(code)
    assert seen["title"] == sample_material().title
    assert seen["before"] is False and seen["after"] is True
    assert stored_titles(library_path) == ["改过的标题"]


def test_a_write_run_before_the_write_layer_is_loaded_is_committed_at_once(library_path):
    library = Library.open(library_path)
    try:
        assert not library.db.write_layer_loaded
        library.db.execute("INSERT INTO settings (key, value) VALUES ('probe', '1')")
        assert not library.db.conn.in_transaction  # as sqlite_utils' execute: committed
        with Library.open(library_path, readonly=True) as reader:
            assert reader.db.execute("SELECT value FROM settings WHERE key = 'probe'").fetchone()
        library.db["settings"].upsert({"key": "probe", "value": "2"}, pk="key")  # the layer's API
        assert library.db.write_layer_loaded
    finally:
        library.close()
    with Library.open(library_path, readonly=True) as reader:
        assert reader.db.execute("SELECT value FROM settings WHERE key = 'probe'").fetchone() == (
            "2",
        )


def test_a_failed_write_before_the_write_layer_leaves_no_transaction_open(library_path):
    library = Library.open(library_path)
    try:
        with pytest.raises(sqlite3.IntegrityError):
            library.db.execute("INSERT INTO nodes (material_id, position, kind) VALUES (1, 0, 'x')")
        assert not library.db.conn.in_transaction
        library.update_material(library.list_materials()[0].id, title="之后的修改")
    finally:
        library.close()
    assert stored_titles(library_path) == ["之后的修改"]


def test_an_old_library_is_still_backed_up_and_migrated_when_opened(tmp_path):
    old = tmp_path / "v1.db"
    shutil.copyfile(LIBRARIES / "v1.db", old)
    with Library.open(old) as library:
        assert library.list_materials(include_trashed=True)
    with closing(sqlite3.connect(old)) as conn:
        assert applied_migration_names(conn) == known_migration_names()
    assert list((tmp_path / "backups").glob("v1-before-migration-*.db"))


def test_a_cli_pdf_export_loads_neither_the_write_layer_nor_what_only_writes_use(
    library_path, tmp_path
):
    out = tmp_path / "out.pdf"
    code = (
        "import json, sys\n"
        "from app.cli import main\n"
        f"code = main(['--library', {str(library_path)!r}, 'export', '1', '--format', 'pdf',"
        f" '-o', {str(out)!r}])\n"
        "print(json.dumps({'code': code, 'modules': sorted(sys.modules)}))\n"
    )
    before = hashlib.sha256(library_path.read_bytes()).hexdigest()
    seen = fresh_json(code)
    assert seen["code"] == 0 and out.read_bytes().startswith(b"%PDF")
    write_only = (
        "sqlite_utils",
        "app.dimension_mapping",  # next year's draft
        "app.successions",
        "app.compare.normalise",  # re-indexing 查重 after a write
        "app.rectification",  # checking a 整改 field before a write
        "app.library.rescue",
        "socket",  # the lock's host name
    )
    assert [m for m in write_only if m in seen["modules"]] == []
    assert hashlib.sha256(library_path.read_bytes()).hexdigest() == before
