"""``duizhao-cli similar ID [--json] [--against PATH]… [--min-chars N] [--all] [-o OUT]``: 查重 of a
stored material against the same unit's/author's earlier materials, the same year's materials
(``--all``: every material in the library) and the files given.

Exit 0 with or without matches (they are the output). ``--json`` prints the shape documented in
README (``SimilarityReport.to_json``). Files are read before anything else, so a bad path fails
fast with exit 2. ``-o report.pdf|report.html`` writes the report for a reviewer
(``app.compare.report_files``) and prints the path written instead.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, TextIO

from app.compare.report import format_report
from app.compare.similar import SCOPES, check_min_chars, find_similar
from app.compare.texts import read_texts

if TYPE_CHECKING:
    from app.library import Library


def read_against(paths: list[str]) -> tuple[list, list[tuple[str, str]]]:
    texts, skipped = [], []
    for path in paths:
        found, left_out = read_texts(path)
        texts += found
        skipped += left_out
    return texts, skipped


def run_similar_command(
    library: Library,
    material_id: int,
    *,
    texts: list,
    skipped: list[tuple[str, str]],
    min_chars: int,
    everything: bool,
    as_json: bool,
    out: TextIO,
    output: str | None = None,
    force: bool = False,
) -> int:
    report = find_similar(
        library, material_id, min_chars=min_chars, texts=texts, scope=SCOPES[1 if everything else 0]
    )
    report.skipped_files = skipped
    if output is not None:
        from pathlib import Path

        from app.compare.report_context import build_context
        from app.compare.report_files import export_report

        material = library.get_material(material_id)
        context = build_context(report, material, library, texts)
        written = export_report(report, context, output, force=force)
        out.write(f"{Path(written).absolute()}\n")
    elif as_json:
        json.dump(report.to_json(), out, ensure_ascii=False, indent=2)
        out.write("\n")
    else:
        out.write(format_report(report))
    return 0


__all__ = ["check_min_chars", "read_against", "run_similar_command"]
