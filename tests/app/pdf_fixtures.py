"""Shared rendering for the PDF tests: each material is rendered once per test module."""

from __future__ import annotations

from pathlib import Path

import pytest
from fontTools.ttLib import TTFont

from app.exporters.pdf import render_pdf
from app.exporters.pdf_options import PdfOptions
from app.model import Material
from app.serialize import material_from_json

DATA = Path(__file__).resolve().parent.parent / "data"
SHARED_SEED = (
    Path(__file__).resolve().parents[3] / "shared" / "fixtures" / "seed-county-2021-wugedaitou.md"
)
LOCAL_SEED = DATA / "seed-county-2021-wugedaitou.md"


def seed_markdown() -> Path:
    return SHARED_SEED if SHARED_SEED.exists() else LOCAL_SEED


def load_seed() -> Material:
    """The seed as the text importer reads it (what `duizhao-cli import` stores)."""
    from app.importers.text import import_text_file

    material, _report = import_text_file(seed_markdown())
    return material


def load_json(name: str) -> Material:
    return material_from_json((DATA / name).read_text(encoding="utf-8"))[0]


def render_bundled(material: Material, options: PdfOptions | None = None):
    """Render with the bundled fonts only (deterministic across machines)."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("DUIZHAO_FONTS", "bundled")
        return render_pdf(material, options)


def postscript_name(path: str) -> str:
    return TTFont(path, lazy=True)["name"].getDebugName(6)
