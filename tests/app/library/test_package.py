"""The library package's face: what users' automation and the rest of the program rely on."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from store_samples import sample_material

from app.library import Library

REPO = Path(__file__).resolve().parents[3]


def test_the_window_contract_app_store_library_open_still_works_for_automation(tmp_path):
    """DESIGN §6 names ``app.store.Library.open(path)``: a user's script written against it
    keeps working now that the library is the ``app.library`` package."""
    path = tmp_path / "library.db"
    with Library.open(path) as library:
        library.create_material(sample_material())
    script = (
        "import json, sys\n"
        "from app.store import Library\n"
        "library = Library.open(sys.argv[1])\n"
        "print(json.dumps([m.title for m in library.list_materials()], ensure_ascii=False))\n"
        "library.close()\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(path)],
        capture_output=True,
        text=True,
        cwd=REPO,
        encoding="utf-8",
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == [sample_material().title]
    with Library.open(path) as library:  # the script released the library
        assert len(library.list_materials()) == 1
