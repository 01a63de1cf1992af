"""Write a batch review as the format the output's suffix names, atomically (a temp file then
rename, ``app.exporters.files``), the target checked by ``app.target_guard`` like every export:
refused before the batch starts when it is a folder, a device, a library, or read-only."""

from __future__ import annotations

from pathlib import Path

from app.errors import InputError
from app.review.batch import BatchReview

REPORT_SUFFIXES = (".html", ".xlsx", ".pdf")


def report_format(path: str | Path) -> str:
    """ "html", "xlsx" or "pdf" from the output's suffix (.htm is HTML); else InputError."""
    suffix = Path(path).suffix.lower()
    if suffix == ".htm":
        suffix = ".html"
    if suffix not in REPORT_SUFFIXES:
        raise InputError(
            f"报告文件须以 .html、.xlsx 或 .pdf 结尾：{path}",
            f"the report must end in .html, .xlsx or .pdf: {path}",
        )
    return suffix[1:]


def check_report_target(path: str | Path, *, force: bool = False) -> Path:
    """The format check and the target guard, before any import work."""
    from app.target_guard import check_target

    target = check_target(path, force=force)  # a folder or a device: said as such
    report_format(path)
    return target


def render_review(review: BatchReview, fmt: str) -> bytes:
    if fmt == "html":
        from app.review.report_html import render_review_html

        return render_review_html(review).encode("utf-8")
    if fmt == "xlsx":
        from app.review.report_xlsx import render_review_xlsx

        return render_review_xlsx(review)
    from app.review.report_pdf import render_review_pdf

    return render_review_pdf(review)


def write_review(review: BatchReview, path: str | Path, *, force: bool = False) -> Path:
    """Render and write ``review``; returns the absolute path written."""
    from app.exporters.files import write_bytes_atomic

    fmt = report_format(path)
    return write_bytes_atomic(path, render_review(review, fmt), force=force)
