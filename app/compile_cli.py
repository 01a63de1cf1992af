"""``duizhao-cli compile ID... -o FILE.pdf|.docx`` — several materials as one 汇编 (issue 17).

The output format follows the file's suffix. Materials come in the order given, or with
``--by-rank`` in compile order (班子 first, then members by rank). The cover fields default
as in the window's dialog. Every material is read and the target checked before any work,
and the file is written atomically: a failure leaves no file and an old one as it was.
"""

from __future__ import annotations

import argparse
from dataclasses import replace
from pathlib import Path

from app.errors import InputError
from app.export_cli import add_layout_arguments, layout_options

COMPILE_SUFFIXES = (".pdf", ".docx")


def add_arguments(sub: argparse.ArgumentParser, material_id) -> None:
    sub.add_argument("ids", nargs="+", type=material_id, metavar="ID")
    sub.add_argument(
        "-o", "--output", required=True, metavar="OUT", help="a .pdf or .docx file to write"
    )
    sub.add_argument(
        "--by-rank",
        action="store_true",
        help="order as compiled: the group's material first, then members by rank",
    )
    sub.add_argument(
        "--odd-pages",
        action="store_true",
        help="start each material on an odd (right-hand) page, inserting a blank page",
    )
    sub.add_argument("--title", metavar="T", help="cover title (default: 对照检查材料汇编)")
    sub.add_argument("--unit", metavar="U", help="cover unit (default: the group's organization)")
    sub.add_argument("--meeting", metavar="M", help="cover meeting (default: year and meeting)")
    sub.add_argument("--date", metavar="D", help="cover date (default: today, 2026年1月20日)")
    add_layout_arguments(sub)
    sub.add_argument(
        "--force",
        action="store_true",
        help="replace OUT even when it is a read-only (write-protected) file",
    )


def compile_format(path: str | Path) -> str:
    """ "pdf" or "docx" from the output's suffix; anything else is bad input."""
    suffix = Path(path).suffix.lower()
    if suffix not in COMPILE_SUFFIXES:
        raise InputError(
            f"汇编只能输出 .pdf 或 .docx 文件：{path}",
            f"a compilation is written as .pdf or .docx: {path}",
        )
    return suffix[1:]


def run(args: argparse.Namespace, library, out, err) -> int:
    """Read the materials from the open ``library``, write the file, print its path."""
    from app.exporters.compile_options import default_options
    from app.library import compile_order_key
    from app.target_guard import ReadOnlyTargetError, check_target

    fmt = compile_format(args.output)
    duplicates = sorted({i for i in args.ids if args.ids.count(i) > 1})
    if duplicates:
        listed = ", ".join(map(str, duplicates))
        raise InputError(
            f"同一份材料不能汇编两次：{listed}", f"a material is listed more than once: {listed}"
        )
    materials = [library.get_material(i) for i in args.ids]  # an unknown id: nothing written
    if args.by_rank:
        materials.sort(key=compile_order_key)
    options = default_options(materials)
    options = replace(
        options,
        **{k: getattr(args, k) for k in ("title", "unit", "meeting", "date") if getattr(args, k)},
        odd_pages=args.odd_pages,
        layout=layout_options(args),
    )
    try:
        check_target(args.output, force=args.force)
        report = _write(fmt, materials, args.output, options, args.force)
    except ReadOnlyTargetError as exc:
        raise InputError(
            f"{exc.zh}（确认覆盖请加 --force）", f"{exc.en} (add --force to replace it)"
        ) from exc
    out(str(Path(args.output).expanduser().absolute()))
    for sub in report.substitutions:
        err(
            f"补字：{sub.char}（{sub.where}）← {sub.font} / substituted {sub.char!r} at {sub.where}"
        )
    return 0


def _write(fmt: str, materials, path, options, force: bool):
    if fmt == "docx":
        from app.exporters.compile_docx import export_compiled_docx

        return export_compiled_docx(materials, path, options, force=force)
    from app.exporters.compile_pdf import export_compiled_pdf
    from app.gc_pause import PausedCollector

    with PausedCollector():  # a one-shot process's render
        return export_compiled_pdf(materials, path, options, force=force)
