"""Fixtures shared by the core tests."""

from __future__ import annotations

import pytest

from app.library import Library


@pytest.fixture
def lib(tmp_path):
    """A fresh library file, closed after the test."""
    library = Library.open(tmp_path / "library.db")
    yield library
    library.close()
