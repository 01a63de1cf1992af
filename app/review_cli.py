"""``duizhao-cli review FOLDER -o report.(html|xlsx|pdf) [--min-chars N] [--quiet] [--force]``:
the batch review for the 督导组 / 组织部 (``app.review``). The folder and the target are checked
before any work (exit 2 with one bilingual line); progress goes to stderr ("导入 12/200 …"),
the report's path to stdout. Files that could not be imported are listed in the report and
counted on stderr; they never fail the command."""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from pathlib import Path

# At most this often a progress line per stage (plus the last): 200 lines help nobody.
PROGRESS_EVERY = 0.5
_STAGES = {
    "import": ("导入", "importing"),
    "check": ("检查", "checking"),
    "similar": ("查重", "comparing"),
}


def add_min_chars_argument(sub: argparse.ArgumentParser) -> None:
    """``--min-chars N`` of ``similar`` and ``review``: one declaration, its default the 查重
    index's guarantee (``app.compare.fingerprints`` is a few lines: cheap to import here)."""
    from app.compare.fingerprints import GUARANTEE

    sub.add_argument(
        "--min-chars",
        type=int,
        default=GUARANTEE,
        metavar="N",
        help="shortest shared passage counted, in characters without punctuation "
        f"(default {GUARANTEE})",
    )


def add_arguments(sub: argparse.ArgumentParser) -> None:
    sub.add_argument("folder", metavar="FOLDER", help="folder of .docx/.txt/.md materials")
    sub.add_argument(
        "-o", "--output", required=True, metavar="OUT", help="report file: .html, .xlsx or .pdf"
    )
    add_min_chars_argument(sub)
    sub.add_argument("--quiet", action="store_true", help="no progress lines on stderr")
    sub.add_argument(
        "--force",
        action="store_true",
        help="replace OUT even when it is a read-only (write-protected) file",
    )


def run(args: argparse.Namespace, out: Callable[[str], None], err: Callable[[str], None]) -> int:
    from app.compare.similar import check_min_chars
    from app.review.batch import collect_files, review_folder
    from app.review.write import check_report_target, write_review

    check_min_chars(args.min_chars)
    check_report_target(args.output, force=args.force)
    root, _, _ = collect_files(args.folder)  # missing or empty folder: exit 2 before any work
    progress = None if args.quiet else _Progress(err)
    review = review_folder(root, min_chars=args.min_chars, progress=progress)
    if progress is not None:
        err(f"写报告 … / writing the report: {Path(args.output).name}")
    out(str(write_review(review, args.output, force=args.force)))
    if review.failures:
        err(
            f"未能导入 {len(review.failures)} 个文件，已列在报告中 / "
            f"{len(review.failures)} files could not be imported; listed in the report"
        )
    return 0


class _Progress:
    def __init__(self, err: Callable[[str], None]):
        self.err = err
        self.last: dict[str, float] = {}

    def __call__(self, stage: str, done: int, total: int) -> None:
        now = time.monotonic()
        if done < total and now - self.last.get(stage, -PROGRESS_EVERY) < PROGRESS_EVERY:
            return
        self.last[stage] = now
        zh, en = _STAGES[stage]
        self.err(f"{zh} {done}/{total} … / {en} {done}/{total}")
