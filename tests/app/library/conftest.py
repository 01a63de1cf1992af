"""Fixtures the library package's tests share."""

from __future__ import annotations

from pathlib import Path

import pytest
from store_samples import SAMPLE_LINKS, sample_material

from app.library import Library


@pytest.fixture
def library_path(tmp_path) -> Path:
    """A library file holding the sample material (with its links), closed again."""
    path = tmp_path / "library.db"
    with Library.open(path) as library:
        library.create_material(sample_material(), SAMPLE_LINKS)
    return path
