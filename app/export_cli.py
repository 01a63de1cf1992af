"""``duizhao-cli export``: writing one material in a format (PDF, DOCX, TXT, MD, JSON, the
整改清单 as PDF/DOCX/XLSX). The caller has checked the target and holds the library open
read-only; ``out``/``err`` print a line to stdout/stderr."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from app.exporters.pdf_options import PdfOptions
    from app.model import Material

Printer = Callable[[str], None]


def add_layout_arguments(sub: argparse.ArgumentParser, *, note: str = "") -> None:
    """The GB/T 9704 layout flags ``export`` and ``compile`` share; ``note`` says which formats
    they apply to where not all do."""
    sub.add_argument(
        "--point-paragraphs",
        action="store_true",
        help="each problem point in its own paragraph (default: one per dimension)",
    )
    sub.add_argument("--bold-point-titles", action="store_true", help=f"{note}bold 一是… titles")
    sub.add_argument(
        "--page-numbers",
        choices=("outside", "center"),
        default="outside",
        help=f"{note}odd right / even left (GB/T 9704, default) or centred",
    )


def layout_options(args: argparse.Namespace, *, signature: bool = False) -> PdfOptions:
    """The layout the flags of ``add_layout_arguments`` ask for."""
    from app.exporters.pdf_options import PdfOptions

    return PdfOptions(
        point_paragraphs=args.point_paragraphs,
        bold_point_titles=args.bold_point_titles,
        page_number_position=args.page_numbers,
        include_signature=signature,
    )


def write_export(material: Material, args: argparse.Namespace, _out: Printer, _err: Printer) -> int:
    if args.format.startswith("rectification-"):
        from app.exporters.rectification import export_rectification

        written = export_rectification(material, args.format, args.output, force=args.force)
        _out(str(Path(written).expanduser().absolute()))
        return 0
    if args.format in ("pdf", "docx"):
        return _export_paged(material, args, _out, _err)
    if args.format == "json":
        from app.serialize import material_to_json

        text = material_to_json(material)
    else:
        from app.exporters.text import export_md, export_txt

        render = export_md if args.format == "md" else export_txt
        text = render(material, point_paragraphs=args.point_paragraphs)
    from app.exporters.files import write_text_atomic

    _out(str(write_text_atomic(args.output, text, force=args.force)))
    return 0


def _export_paged(
    material: Material, args: argparse.Namespace, _out: Printer, _err: Printer
) -> int:
    """PDF and DOCX share the GB/T 9704 layout options."""
    options = layout_options(args, signature=args.signature)
    if args.format == "docx":
        from app.exporters.docx import export_docx

        _out(
            str(
                Path(export_docx(material, args.output, options, force=args.force))
                .expanduser()
                .absolute()
            )
        )
        return 0
    from app.exporters.pdf import export_pdf

    # the caller keeps the collector paused through the render (app.gc_pause)
    report = export_pdf(material, args.output, options, force=args.force)
    _out(str(Path(args.output).expanduser().absolute()))
    for sub in report.substitutions:  # the user should know which characters came from a fallback
        _err(
            f"补字：{sub.char}（{sub.where}）← {sub.font} / substituted {sub.char!r} at {sub.where}"
        )
    return 0
