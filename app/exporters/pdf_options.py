"""Options of the PDF export, the GB/T 9704 page geometry, and the report an export returns."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, NamedTuple

MM = 72.0 / 25.4  # points per millimetre

# GB/T 9704-2012 on A4 (DESIGN §7). The paper is fixed: 公文 are A4, and the grid below
# (28 characters × 22 lines) is defined for that text block only.
PAGE_WIDTH = 210 * MM
PAGE_HEIGHT = 297 * MM
BLOCK_LEFT = 28 * MM
BLOCK_TOP = 37 * MM
BLOCK_WIDTH = 156 * MM
BLOCK_HEIGHT = 225 * MM
CHARS_PER_LINE = 28
LINES_PER_PAGE = 22
BODY_SIZE = 16.0  # 3号
TITLE_SIZE = 22.0  # 2号
PAGE_NUMBER_SIZE = 14.0  # 4号
PITCH = BLOCK_WIDTH / CHARS_PER_LINE  # 15.79 pt: the 16 pt glyphs sit on a slightly tighter grid
LINE_PITCH = BLOCK_HEIGHT / LINES_PER_PAGE  # 28.99 pt: 22 lines fill the block exactly
PAGE_NUMBER_GAP = 7 * MM  # baseline of `— N —` below the block


@dataclass(frozen=True)
class PdfOptions:
    """How to typeset one material.

    - ``point_paragraphs``: each 要点 (一是…) in its own paragraph instead of running on after the
      dimension heading as in the seed.
    - ``bold_point_titles``: the 一是… title sentence set bold (stroked 仿宋, as Word's 加粗 does).
    - ``page_number_position``: ``"outside"`` (odd pages right, even pages left, GB/T 9704) or
      ``"center"``.
    - ``include_signature``: append the author (or organization) and date, right-aligned.
    Paper is always A4 portrait (GB/T 9704); there is no option for it.
    """

    point_paragraphs: bool = False
    bold_point_titles: bool = False
    page_number_position: Literal["outside", "center"] = "outside"
    include_signature: bool = False

    def __post_init__(self) -> None:
        if self.page_number_position not in ("outside", "center"):
            from app.errors import InputError

            raise InputError(
                f"页码位置只能是 outside 或 center，而不是 {self.page_number_position!r}",
                f"page_number_position must be 'outside' or 'center', not "
                f"{self.page_number_position!r}",
            )


class Substitution(NamedTuple):
    """A character the role's font lacks, drawn from a fallback font instead. (A named tuple:
    immutable and equal by value as a frozen dataclass, without compiling generated methods
    when the module loads — which every PDF export pays.)"""

    char: str
    where: str
    font: str


@dataclass
class PdfReport:
    """What an export did: page count, the font used per role, per-character substitutions."""

    pages: int = 0
    fonts: dict[str, str] = field(default_factory=dict)  # role → font family shown to the user
    font_files: dict[str, str] = field(default_factory=dict)  # role → path
    substitutions: list[Substitution] = field(default_factory=list)  # font = fallback family
