"""Where the program reads its resources in each way it runs (app/resources.py); the installed
wheel itself is tested in test_wheel.py, the frozen folder in test_dist.py."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import app.resources as resources

REPO = Path(__file__).resolve().parents[2]


def test_a_checkout_reads_the_repository_resources_and_checks_its_translation_is_fresh():
    assert resources.resource_dir() == REPO / "resources"
    assert not resources.installed()  # the .ts may be newer than the built .qm here
    assert resources.license_path() == REPO / "LICENSE"


def test_the_frozen_program_reads_the_resources_in_its_folder(monkeypatch, tmp_path):
    monkeypatch.delenv("DUIZHAO_RESOURCES", raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert resources.resource_path("fonts", "DZFang-Regular.ttf") == (
        tmp_path / "resources" / "fonts" / "DZFang-Regular.ttf"
    )
    assert resources.license_path() == tmp_path / "LICENSE"


def test_duizhao_resources_replaces_the_bundled_templates_even_when_frozen(tmp_path):
    folder = tmp_path / "my-resources"
    (folder / "templates").mkdir(parents=True)
    shutil.copy(REPO / "resources" / "templates" / "custom.toml", folder / "templates")
    # the CLI as the frozen program runs it (sys._MEIPASS set), pointed at another folder
    code = (
        "import sys; sys._MEIPASS = '/nonexistent'; from app.cli import main; "
        "sys.exit(main(['templates']))"
    )
    env = dict(os.environ, DUIZHAO_RESOURCES=str(folder))
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert [row.split("\t")[0] for row in done.stdout.strip().splitlines()] == ["custom"]
