"""``duizhao-cli check ID [--json] [--strict]``: run the checks on a stored material.

Exit 0 even when findings exist (they are the output); with ``strict`` exit 3 when any finding
is an error, for batch use. ``--json`` prints a list of objects with exactly ``rule``,
``severity``, ``path``, ``start``, ``end``, ``excerpt``, ``message`` and ``fix`` (null when
there is no fix) — a stable format others can script against.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from typing import TYPE_CHECKING, TextIO

from app.checks import SEVERITIES, Finding, run_checks

if TYPE_CHECKING:
    from app.library import Library

EXIT_ERRORS_FOUND = 3
SEVERITY_NAMES = {"error": "错误", "warning": "警告", "hint": "提示"}


def run_check_command(
    library: Library,
    material_id: int,
    as_json: bool,
    strict: bool,
    out: TextIO,
    *,
    ignored: Iterable[str] = (),
) -> int:
    """Check one material and write the findings to ``out``; returns the exit code.
    A missing material raises the library's NotFoundError (exit 2 in the CLI)."""
    material = library.get_material(material_id)
    findings = run_checks(material, ignored=ignored)
    if as_json:
        json.dump([f.to_json() for f in findings], out, ensure_ascii=False, indent=2)
        out.write("\n")
    else:
        out.write(format_findings(findings))
    if strict and any(f.severity == "error" for f in findings):
        return EXIT_ERRORS_FOUND
    return 0


def format_findings(findings: list[Finding]) -> str:
    """One line per finding (severity, rule, path:start-end, message, fix), then a count line."""
    lines = []
    for f in findings:
        fix = f"\t→ {f.fix!r}" if f.fix is not None else ""
        lines.append(
            f"{SEVERITY_NAMES[f.severity]}\t{f.rule}\t{f.path}:{f.start}-{f.end}\t{_one_line(f.message)}{fix}"
        )
    counts = Counter(f.severity for f in findings)
    summary = "，".join(f"{SEVERITY_NAMES[s]} {counts[s]}" for s in SEVERITIES)
    lines.append(
        f"共 {len(findings)} 条（{summary}） / {len(findings)} findings "
        f"({', '.join(f'{counts[s]} {s}' for s in SEVERITIES)})"
    )
    return "\n".join(lines) + "\n"


def _one_line(text: str) -> str:
    return " ".join(text.split())
