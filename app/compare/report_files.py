"""Writing a 查重 report to a file the user names: ``.html``/``.htm`` or ``.pdf`` by its suffix,
the target checked by ``app.target_guard`` before any rendering, then written atomically
(``app.exporters.files``) — a failed write leaves no half file and the old one as it was."""

from __future__ import annotations

from pathlib import Path

from app.compare.report import SimilarityReport
from app.compare.report_context import ReportContext
from app.errors import InputError

REPORT_SUFFIXES = (".pdf", ".html", ".htm")


def report_suffix(path: str | Path) -> str:
    """The suffix of a report path; InputError for one that is neither PDF nor HTML."""
    suffix = Path(path).suffix.lower()
    if suffix not in REPORT_SUFFIXES:
        raise InputError(
            f"查重报告只能保存为 .pdf 或 .html：{path}",
            f"a similarity report is saved as .pdf or .html: {path}",
        )
    return suffix


def export_report(
    report: SimilarityReport, context: ReportContext, path: str | Path, *, force: bool = False
) -> Path:
    """Write the report to ``path`` (PDF or HTML by its suffix); returns the path written."""
    from app.exporters.files import write_bytes_atomic, write_text_atomic
    from app.target_guard import check_target

    suffix = report_suffix(path)
    check_target(path, force=force)  # a refused target costs no rendering
    if suffix == ".pdf":
        from app.compare.report_pdf import render_report_pdf

        return write_bytes_atomic(path, render_report_pdf(report, context), force=force)
    from app.compare.report_html import render_report_html

    return write_text_atomic(path, render_report_html(report, context), force=force)
