"""``duizhao-cli diff``: what changed between two versions (snapshots) of a material, or a
version and the current text — as text with 【删：…】【增：…】 marks, as JSON, or as a PDF."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path

from app.errors import InputError


def add_arguments(sub: argparse.ArgumentParser, material_id: Callable[[str], int]) -> None:
    sub.add_argument("id", type=material_id, metavar="ID")
    sub.add_argument(
        "--from", dest="from_version", required=True, metavar="SNAPSHOT", help="id or name"
    )
    sub.add_argument("--to", metavar="SNAPSHOT", help="id or name (default: the current text)")
    sub.add_argument("--json", action="store_true", help="the changes as JSON")
    sub.add_argument("-o", "--output", metavar="OUT.pdf", help="write the changes marked, as a PDF")
    sub.add_argument("--force", action="store_true", help="replace a read-only OUT.pdf")


def run(args: argparse.Namespace, library, out: Callable[[str], None]) -> int:
    """The library is open read-only: the target guard then refuses it as the PDF's target."""
    from app.version_diff_report import diff_versions, json_report, resolve_snapshot, text_report

    old = resolve_snapshot(library, args.id, args.from_version)
    new = resolve_snapshot(library, args.id, args.to) if args.to is not None else None
    diff = diff_versions(library, args.id, old, new)
    if args.output:
        return _diff_pdf(diff, library.get_material(args.id).title, args, out)
    if args.json:
        sys.stdout.write(json.dumps(json_report(diff), ensure_ascii=False, indent=2) + "\n")
    else:
        sys.stdout.write(text_report(diff))
    return 0


def _diff_pdf(diff, title: str, args: argparse.Namespace, out: Callable[[str], None]) -> int:
    from app.exporters.diff_pdf import export_diff_pdf
    from app.target_guard import ReadOnlyTargetError

    try:
        path = export_diff_pdf(diff, title, args.output, force=args.force)
    except ReadOnlyTargetError as exc:
        raise InputError(
            f"{exc.zh}（确认覆盖请加 --force）", f"{exc.en} (add --force to replace it)"
        ) from exc
    out(str(Path(path).absolute()))
    return 0
