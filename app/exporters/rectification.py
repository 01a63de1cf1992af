"""The 整改清单 exports behind ``export --format rectification-pdf|-docx|-xlsx`` and the window's
menu: render, then write atomically through ``files.write_bytes_atomic`` (the target checked
by ``app.target_guard`` first, before any rendering work)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from app.errors import InputError
from app.model import Material

FORMATS = ("rectification-pdf", "rectification-docx", "rectification-xlsx")
SUFFIXES = {
    "rectification-pdf": ".pdf",
    "rectification-docx": ".docx",
    "rectification-xlsx": ".xlsx",
}


def renderer(fmt: str) -> Callable[[Material], bytes]:
    if fmt == "rectification-pdf":
        from app.exporters.rectification_pdf import render_rectification_pdf

        return render_rectification_pdf
    if fmt == "rectification-docx":
        from app.exporters.rectification_docx import render_rectification_docx

        return render_rectification_docx
    if fmt == "rectification-xlsx":
        from app.exporters.rectification_xlsx import render_rectification_xlsx

        return render_rectification_xlsx
    raise InputError(f"未知的整改清单格式：{fmt}", f"unknown rectification list format: {fmt}")


def export_rectification(
    material: Material, fmt: str, out_path: str | Path, *, force: bool = False
) -> Path:
    """Write the material's 整改清单 as ``fmt`` (one of FORMATS); returns the path written.
    ``force`` replaces a write-protected target (the user confirmed)."""
    from app.exporters.files import write_bytes_atomic
    from app.target_guard import check_target

    render = renderer(fmt)
    check_target(out_path, force=force)  # a refused target costs no rendering
    return write_bytes_atomic(out_path, render(material), force=force)
