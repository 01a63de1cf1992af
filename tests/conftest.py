"""Shared fixtures: every test runs with its own data/config dirs, offscreen Qt, and the seed."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

# The program never opens a network socket: the guard fails any test that tries (issue 7, privacy).
pytest_plugins = ["socket_guard"]

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPO = Path(__file__).resolve().parent.parent
# The seed lives in the shared folder beside the repo; CI lays a copy of shared/ there too.
SEED_CANDIDATES = [
    REPO.parent / "shared" / "fixtures" / "seed-county-2021-wugedaitou.md",
    REPO / "tests" / "data" / "seed-county-2021-wugedaitou.md",
]
# Tests assert no timings (speed is measured in benchmarks/); a hostile input (catastrophic regex,
# huge file) may only be bounded by this hang guard, far above any honest run on a busy machine.
HANG_GUARD_S = 5


@pytest.fixture(autouse=True)
def isolated_dirs(tmp_path, monkeypatch):
    """Point every per-user folder at tmp_path so no test touches the real library or settings."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
    monkeypatch.setenv("XDG_STATE_HOME", str(home / "state"))
    monkeypatch.delenv("DUIZHAO_LIBRARY", raising=False)
    return home


@pytest.fixture
def seed_path() -> Path:
    for p in SEED_CANDIDATES:
        if p.exists():
            return p
    raise FileNotFoundError("seed fixture missing: expected ../shared/fixtures or tests/data")


@pytest.fixture
def seed_text(seed_path) -> str:
    return seed_path.read_text(encoding="utf-8")
