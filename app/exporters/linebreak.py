"""CJK line breaking on the character grid with 禁则 (line-start / line-end rules).

Pure Python and font-free: the caller passes one width per character (in any unit: em for the
tests, points for the PDF) and the capacity of the first and following lines. The breaker
returns spans that cover the text exactly, never exceed the capacity, keep ``——``/``……`` and
Latin/digit runs whole, and satisfy 禁则 whenever the text allows it: a closing mark never
starts a line and an opening mark never ends one. A bad break is repaired by pulling
characters down to the next line (the GB/T 9704 habit), which leaves the short line to be
justified by the renderer.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

# DESIGN §7 plus the brief's list, and their half-width twins (text is stored as typed).
NO_LINE_START = frozenset("，。、；：？！）》〉」』】〕”’…—%‰℃,.;:?!)]}")
NO_LINE_END = frozenset("（《〈「『【〔“‘([{")
ASCII_QUOTES = "\"'"

# Runs that are never split: a run of half-width letters, digits and marks without a space
# (a Latin word, a number such as 2.5% or 1,000, COVID-19, a URL, text like <b>), and doubled
# dashes / ellipses.
_ATOM_RE = re.compile(r"[!-~]+|—{2,}|…{2,}|⋯{2,}")

_EPS = 1e-6


def is_full_width(ch: str) -> bool:
    """Full-width on the grid: CJK, full-width forms and ambiguous marks (“”—…·) in Chinese text."""
    return unicodedata.east_asian_width(ch) in ("W", "F", "A")


def em_widths(text: str) -> list[float]:
    """Nominal widths in em: 1 for full-width characters, 0.5 for Latin, digits and spaces."""
    return [1.0 if is_full_width(ch) else 0.5 for ch in text]


def kinsoku_flags(text: str) -> tuple[list[bool], list[bool]]:
    """Per character: (may not start a line, may not end a line).

    ASCII quotes are ambiguous; inside one paragraph they alternate opening/closing, which is
    how the seed (and most pasted text) uses them.
    """
    no_start = [ch in NO_LINE_START for ch in text]
    no_end = [ch in NO_LINE_END for ch in text]
    seen = dict.fromkeys(ASCII_QUOTES, 0)
    for i, ch in enumerate(text):
        if ch in seen:
            opening = seen[ch] % 2 == 0
            seen[ch] += 1
            no_end[i] = opening
            no_start[i] = not opening
    return no_start, no_end


def atom_spans(text: str, max_width: float, widths: Sequence[float]) -> list[tuple[int, int]]:
    """Unbreakable units covering the text: protected runs, else single characters.

    A protected run wider than ``max_width`` cannot fit any line and is split into characters.
    """
    spans: list[tuple[int, int]] = []
    pos = 0
    for m in _ATOM_RE.finditer(text):
        spans.extend((i, i + 1) for i in range(pos, m.start()))
        start, end = m.span()
        if sum(widths[start:end]) <= max_width + _EPS:
            spans.append((start, end))
        else:
            spans.extend((i, i + 1) for i in range(start, end))
        pos = end
    spans.extend((i, i + 1) for i in range(pos, len(text)))
    return spans


def break_lines(
    text: str,
    widths: Sequence[float],
    width: float,
    first_width: float | None = None,
) -> list[tuple[int, int]]:
    """Split ``text`` into line spans ``(start, end)``.

    ``widths[i]`` is the advance of ``text[i]``; ``first_width`` (default ``width``) is the
    capacity of the first line, e.g. the line width minus a 2-character indent.
    """
    if len(widths) != len(text):
        raise ValueError("one width per character is required")
    if not text:
        return []
    first = width if first_width is None else first_width
    if min(width, first) <= 0:
        raise ValueError("line capacity must be positive")
    if max(widths) > min(width, first) + _EPS:
        raise ValueError("a single character is wider than the line")
    atoms = atom_spans(text, min(width, first), widths)
    atom_w = [sum(widths[s:e]) for s, e in atoms]
    no_start, no_end = kinsoku_flags(text)

    def can_break_before(k: int) -> bool:
        """Whether a line may end after atom k-1 and the next begin with atom k."""
        return not no_end[atoms[k - 1][1] - 1] and not no_start[atoms[k][0]]

    lines: list[tuple[int, int]] = []
    i, n = 0, len(atoms)
    while i < n:
        cap = first if not lines else width
        j, used = i, 0.0
        while j < n and used + atom_w[j] <= cap + _EPS:
            used += atom_w[j]
            j += 1
        if j < n:
            k = j
            while k > i + 1 and not can_break_before(k):
                k -= 1  # pull one more unit down to the next line
            if can_break_before(k):
                j = k
            # else: no legal break inside this line (e.g. 30 commas in a row); keep it full.
        lines.append((atoms[i][0], atoms[j - 1][1]))
        i = j
    return lines
