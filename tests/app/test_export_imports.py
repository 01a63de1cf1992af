"""A CLI PDF export (issue 19: the seed in ≤ 0.3 s, whole process) imports only what it uses:
each module listed here cost a one-page export instructions for work it never does. The export
runs in a fresh interpreter, as the console script does."""

from __future__ import annotations

import gc
import os
import subprocess
import sys
from pathlib import Path

import pytest

from app.cli import main
from app.templates import user_templates_dir
from tests.fresh_python import fresh_json

REPO = Path(__file__).resolve().parents[2]

# module → what needs it (so whoever brings it back knows what they are paying for)
NOT_FOR_A_PDF_EXPORT = {
    "logging": "skipped-template notes (commands that read templates), the window's log",
    "secrets": "nothing: the temp file's random name comes from os.urandom",
    "hmac": "nothing (came with secrets)",
    "importlib.resources": "nothing: app.resources finds its folder from the import spec",
    "zipfile": "reading and writing .docx/.xlsx (came with importlib.resources' readers)",
    "app.library.records": "the listing, search, trash, backup, snapshot, 汇编 and 查重 rows",
}


@pytest.fixture
def seed_library(tmp_path, seed_path, capsys) -> Path:
    library = tmp_path / "lib.db"
    assert main(["--library", str(library), "import", str(seed_path)]) == 0
    capsys.readouterr()
    return library


def test_a_cli_pdf_export_of_the_seed_imports_nothing_it_does_not_use(seed_library, tmp_path):
    out = tmp_path / "seed.pdf"
    code = (
        "import json, sys\n"
        "from app.cli import main\n"
        f"code = main(['--library', {str(seed_library)!r}, 'export', '1', '--format', 'pdf',"
        f" '-o', {str(out)!r}])\n"
        "print(json.dumps({'code': code, 'modules': sorted(sys.modules)}))\n"
    )
    seen = fresh_json(code, env=dict(os.environ, DUIZHAO_FONTS="bundled"))
    assert seen["code"] == 0 and out.read_bytes().startswith(b"%PDF")
    assert {m: why for m, why in NOT_FOR_A_PDF_EXPORT.items() if m in seen["modules"]} == {}


def test_a_skipped_user_template_is_still_a_note_in_a_fresh_process():
    """The note handler is attached when the templates are first imported (not at start-up):
    a command that reads them still prints one 注意 line for a broken file."""
    folder = user_templates_dir()
    folder.mkdir(parents=True)
    (folder / "broken.toml").write_text('id = "broken', encoding="utf-8")
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from app.cli import main; sys.exit(main())",
            "templates",
        ],
        capture_output=True,
        cwd=REPO,
        timeout=120,
    )
    err = done.stderr.decode("utf-8")
    assert done.returncode == 0 and "2025-niandu-wugedaitou" in done.stdout.decode("utf-8")
    assert err.startswith("注意：") and "broken.toml" in err and err.count("\n") == 1


def test_a_pdf_export_pauses_the_collector_and_restores_it(seed_library, tmp_path, capsys):
    """Opening, reading, importing the exporter and rendering make long-lived objects, not
    garbage: a PDF export runs no collection, and leaves the collector on, even when it fails."""
    runs: list[str] = []

    def note(phase: str, info: dict) -> None:
        if phase == "start":
            runs.append(phase)

    gc.callbacks.append(note)
    try:
        args = ["--library", str(seed_library), "export", "1", "--format", "pdf"]
        assert main([*args, "-o", str(tmp_path / "a.pdf")]) == 0
        assert runs == [] and gc.isenabled()
        assert main([*args[:3], "99", *args[4:], "-o", str(tmp_path / "b.pdf")]) == 2
        assert gc.isenabled()
        assert main([*args[:5], "txt", "-o", str(tmp_path / "a.txt")]) == 0
        assert gc.isenabled()
    finally:
        gc.callbacks.remove(note)
    capsys.readouterr()
