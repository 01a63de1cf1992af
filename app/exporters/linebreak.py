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
from bisect import bisect_right
from collections.abc import Sequence
from itertools import accumulate, repeat

# DESIGN §7 plus the brief's list, and their half-width twins (text is stored as typed).
NO_LINE_START = frozenset("，。、；：？！）》〉」』】〕”’…—%‰℃,.;:?!)]}")
NO_LINE_END = frozenset("（《〈「『【〔“‘([{")
ASCII_QUOTES = "\"'"

# Runs that are never split: a run of half-width letters, digits and marks without a space
# (a Latin word, a number such as 2.5% or 1,000, COVID-19, a URL, text like <b>), and doubled
# dashes / ellipses.
_ATOM_RE = re.compile(r"[!-~]+|—{2,}|…{2,}|⋯{2,}")
_ATOM_START = re.compile(r"[!-~—…⋯]")  # the characters an _ATOM_RE match can start with

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


def protected_runs(text: str, widths: Sequence[float]) -> list[tuple[int, int, float]]:
    """(start, end, width) of each run ``atom_spans`` keeps whole if it fits a line: the
    matches of ``_ATOM_RE.finditer``, found by trying it only where a run can start (a search
    for one character of a set skips Chinese text many times faster than the alternation)."""
    runs = []
    at = _ATOM_START.search(text)
    while at is not None:
        run = _ATOM_RE.match(text, at.start())
        if run is None:
            at = _ATOM_START.search(text, at.start() + 1)
            continue
        start, end = run.span()
        runs.append((start, end, sum(widths[start:end])))
        at = _ATOM_START.search(text, end)
    return runs


def protected_atoms(
    text: str,
    max_width: float,
    widths: Sequence[float],
    runs: list[tuple[int, int, float]] | None = None,
) -> list[tuple[int, int]]:
    """The protected runs of ``atom_spans`` only (the characters between them are atoms of their
    own): most paragraphs have none or a few, so callers can go by runs of characters.
    ``runs``: ``protected_runs(text, widths)`` when the caller has them already."""
    if runs is None:
        runs = protected_runs(text, widths)
    return [(s, e) for s, e, w in runs if w <= max_width + _EPS]


def break_lines(
    text: str,
    widths: Sequence[float],
    width: float,
    first_width: float | None = None,
    *,
    runs: list[tuple[int, int, float]] | None = None,
    widest: float | None = None,
) -> list[tuple[int, int]]:
    """Split ``text`` into line spans ``(start, end)``.

    ``widths[i]`` is the advance of ``text[i]``; ``first_width`` (default ``width``) is the
    capacity of the first line, e.g. the line width minus a 2-character indent; ``runs`` are
    ``protected_runs(text, widths)`` when the caller has them already; ``widest`` the largest
    of ``widths`` when the caller knows it.
    """
    if len(widths) != len(text):
        raise ValueError("one width per character is required")
    if not text:
        return []
    first = width if first_width is None else first_width
    if min(width, first) <= 0:
        raise ValueError("line capacity must be positive")
    if (max(widths) if widest is None else widest) > min(width, first) + _EPS:
        raise ValueError("a single character is wider than the line")
    protected = protected_atoms(text, min(width, first), widths, runs)
    if protected:
        # Atom starts and widths: single characters between the protected runs.
        starts: list[int] = []
        atom_w: list[float] = []
        pos = 0
        for start, end in protected:
            starts += range(pos, start)
            atom_w += widths[pos:start]
            starts.append(start)
            atom_w.append(sum(widths[start:end]))
            pos = end
        starts += range(pos, len(text))
        atom_w += widths[pos:]
    else:
        starts = range(len(text))  # type: ignore[assignment]
        atom_w = widths  # type: ignore[assignment]
    n = len(starts)
    opening = _quote_openings(text)
    # Atom width → how many atoms of that width fit, for the first line's capacity and the
    # others': a line whose atoms all have the width of its first (a line of Chinese text on
    # the grid) needs no running sums of its own. The loop runs once a line: kept short.
    fits_by_limit = ({}, {})
    limits = (first + _EPS, width + _EPS)
    lines: list[tuple[int, int]] = []
    i = 0
    while i < n:
        later = 1 if lines else 0
        limit = limits[later]
        fits = fits_by_limit[later]
        w = atom_w[i]
        fit = fits.get(w)
        if fit is None:
            fit = fits[w] = _uniform_fit(w, limit) if w > 0 else 0
        chunk = atom_w[i : i + fit + 1]
        if fit and chunk.count(w) == len(chunk):
            j = i + fit if i + fit < n else n
        else:
            # The atoms that fit: running sums from 0.0 as one would add them, searched at C
            # speed (a chunk holds a line of full-width characters; narrower ones take another).
            j, used = i, 0.0
            while True:
                sums = list(accumulate(atom_w[j : j + 32], initial=used))
                fit = bisect_right(sums, limit) - 1  # sums are non-decreasing: widths are ≥ 0
                j += fit
                if fit < len(sums) - 1 or j >= n:
                    break
                used = sums[-1]
        if j < n:
            k = j
            while True:
                # May a line end after atom k-1 and the next begin with atom k? An ASCII quote
                # by whether it opens; any other character by the marks (no call per test).
                at = starts[k]
                if not opening:
                    if text[at - 1] not in NO_LINE_END and text[at] not in NO_LINE_START:
                        j = k
                        break
                else:
                    end_quote = opening.get(at - 1)
                    start_quote = opening.get(at)
                    if (
                        text[at - 1] not in NO_LINE_END if end_quote is None else not end_quote
                    ) and (text[at] not in NO_LINE_START if start_quote is None else start_quote):
                        j = k
                        break
                if k <= i + 1:
                    break  # no legal break inside this line (e.g. 30 commas); keep it full
                k -= 1  # pull one more unit down to the next line
        lines.append((starts[i], starts[j] if j < n else len(text)))
        i = j
    return lines


def _uniform_fit(w: float, limit: float) -> int:
    """How many characters of width ``w`` fit under ``limit``: the running sums from 0.0 as
    ``break_lines`` adds them, one chunk of 32 after another."""
    fit, used = 0, 0.0
    while True:
        sums = list(accumulate(repeat(w, 32), initial=used))
        step = bisect_right(sums, limit) - 1
        fit += step
        if step < 32:
            return fit
        used = sums[-1]


def _quote_openings(text: str) -> dict[int, bool]:
    """Position of each ASCII quote → whether it opens (they alternate within a paragraph, as
    ``kinsoku_flags`` reads them): an opening quote may not end a line, a closing one may not
    start one."""
    opening: dict[int, bool] = {}
    for quote in ASCII_QUOTES:
        at = text.find(quote)
        count = 0
        while at >= 0:
            opening[at] = count % 2 == 0
            count += 1
            at = text.find(quote, at + 1)
    return opening
