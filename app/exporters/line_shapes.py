"""Glyph metrics per font and the positions of a line's glyphs, each worked out once per export.

On the 28-character grid most lines share their shape: a full line of Chinese text has the same
cell widths and advances whatever its characters, so its glyph positions (and the numbers that
draw them) are the same floats on every page. A line's shape is the sequence of its glyphs' grid
widths and advances, its left edge, right edge, size, alignment and the gaps justification may
not open; lines of one shape are placed once. The key never holds the text itself: two lines of
different words with the same metrics share it.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from itertools import accumulate, repeat
from operator import add, itemgetter
from struct import Struct

from app.exporters.linebreak import is_full_width
from app.exporters.pdf_options import BLOCK_LEFT

_MAX_SHAPES = 4096  # bounded: memory stays flat however long the material


class Computed(dict):
    """A dict that computes a missing value once: lookups by ``map`` stay at C speed."""

    def __init__(self, compute):
        super().__init__()
        self.compute = compute

    def __missing__(self, key):
        value = self[key] = self.compute(key)
        return value


class GlyphTable:
    """Advance and grid width in points per character of one font at one size and grid: each
    computed once per typesetter, as the per-character code computed it. ``whole_cells``: the
    characters seen so far that the font has (``cover``: its code points) and that advance
    exactly one em, so take ``em`` and ``cell`` (the grid width) — most Chinese text."""

    def __init__(self, advance_of, font: str | None, size: float, grid: float, cover):
        self.font = font
        self.em = size
        self.cell = size * grid
        self.whole_cells: set[str] = set()
        self.advances: dict[str, float] = {}
        self.widths: dict[str, float] = {}

        def learn(ch: str) -> None:
            em = size if font is None else advance_of(font, ord(ch)) * size
            if em == size and cover is not None and ord(ch) in cover:
                self.whole_cells.add(ch)
            self.advances[ch] = em
            self.widths[ch] = size * grid if is_full_width(ch) else em * grid

        self._learn = learn

    def metrics(self, chars: list[str]) -> tuple[tuple[float, ...], tuple[float, ...]]:
        """The advances and grid widths of ``chars`` (at least one), read by one itemgetter
        (a lookup each in C, without a call per character), those not seen yet worked out
        first."""
        pick = itemgetter(*chars) if len(chars) > 1 else one_getter(chars[0])
        try:
            return pick(self.advances), pick(self.widths)
        except KeyError:
            for ch in chars:
                if ch not in self.advances:
                    self._learn(ch)
            return pick(self.advances), pick(self.widths)


def one_getter(key):
    """``itemgetter`` of one key that gives a tuple, as of several."""
    return lambda table: (table[key],)


class Placement:
    """The glyph positions of one line shape (points from the page's left edge), each glyph's
    advance, and what the text operators derive from them (``drawn``, filled when first drawn)."""

    __slots__ = ("xs", "advances", "drawn")

    def __init__(self, xs: list[float], advances: list[float]):
        self.xs = xs
        self.advances = advances
        self.drawn: tuple | None = None


class Shapes:
    """The placements of one export's line shapes."""

    def __init__(self):
        self._placed: dict[tuple, Placement] = {}
        self._packers: dict[int, Struct] = {}

    def place(
        self,
        widths: list[float],
        advances: list[float],
        span: tuple[int, int],
        edges: tuple[float, float, float],
        mode: str,
        inside: list[int],
        uniform: tuple[float, float] | None = None,
    ) -> Placement:
        """The placement of the line ``span`` of a paragraph: ``widths`` and ``advances`` are
        the paragraph's, ``edges`` (left, right, size), ``mode`` one of center, right, last
        (set ragged) and justify; ``inside``: sorted positions within protected runs, where
        justification opens no gap; ``uniform``: (advance, width) when every character of
        the paragraph has them (its lines' metrics are then their length)."""
        start, end = span
        hidden: tuple[int, ...] = ()
        if mode == "justify" and inside:
            lo = bisect_right(inside, start)
            hi = bisect_left(inside, end)
            if lo < hi:
                hidden = tuple(k - start for k in inside[lo:hi])
        if uniform is not None:
            key = (end - start, uniform, edges, mode, hidden)
        else:
            # The metrics packed as doubles: one bytes object hashes and compares in a pass
            # over memory, where a tuple of floats hashes each float (equal bits, equal
            # positions).
            packer = self._packers.get(end - start)
            if packer is None:
                packer = self._packers[end - start] = Struct(f"{2 * (end - start)}d")
            key = (packer.pack(*widths[start:end], *advances[start:end]), edges, mode, hidden)
        placement = self._placed.get(key)
        if placement is None:
            if len(self._placed) >= _MAX_SHAPES:
                self._placed.clear()
            xs = _positions(widths, advances, start, end, edges, mode, hidden)
            placement = self._placed[key] = Placement(xs, advances[start:end])
        return placement


def _positions(widths, advances, start, end, edges, mode, hidden) -> list[float]:
    left, right, _size = edges
    xs = list(accumulate(widths[start : end - 1], initial=left))
    extent = xs[-1] + advances[end - 1] - left
    if mode == "center":
        shift = (right - BLOCK_LEFT - extent) / 2 + BLOCK_LEFT - left
        return [x + shift for x in xs]
    if mode == "right":
        shift = right - (left + extent)
        return [x + shift for x in xs]
    if mode == "justify":
        return justify(xs, hidden, right - (left + extent))
    return xs


def justify(xs: list[float], hidden: tuple[int, ...], extra: float) -> list[float]:
    """Spread ``extra`` points evenly over the gaps before each unbreakable unit of the line
    (``hidden``: the line's glyph indexes within protected runs, where no gap opens)."""
    if hidden:
        shut = set(hidden)
        gaps = [k for k in range(1, len(xs)) if k not in shut]
    else:
        gaps = range(1, len(xs))  # type: ignore[assignment]
    if not gaps:
        return xs
    step = extra / len(gaps)
    if len(gaps) == len(xs) - 1:  # a gap before every glyph: running sums of the step
        return list(map(add, xs, accumulate(repeat(step, len(gaps)), initial=0.0)))
    out, shift, g = [], 0.0, 0
    for k, x in enumerate(xs):
        if g < len(gaps) and gaps[g] == k:
            shift += step
            g += 1
        out.append(x + shift)
    return out
