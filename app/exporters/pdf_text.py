"""The text operators of a PDF page: each line drawn as text-show operations with explicit
glyph offsets (``TJ``), one per font subset run, built from ReportLab's own code assignment
(``pdf.draw_pages`` puts them on the page).
"""

from __future__ import annotations

from collections import deque
from itertools import compress, repeat
from operator import add, itemgetter, ne, setitem, sub

from app.exporters.line_shapes import Computed, one_getter
from app.exporters.pdf_layout import Line

_BOLD_STROKE = 0.35  # pt of outline stroke for 加粗 (fonts here have no bold face)


class _Numbers(dict):
    """Point value → its text in a content stream (three decimals, no trailing zeros), made
    once: grid positions repeat on every line and page."""

    def __missing__(self, v: float) -> str:
        if len(self) > 65536:  # bounded: a long GUI session renders many documents
            self.clear()
        text = f"{v:.3f}".rstrip("0").rstrip(".")
        text = self[v] = "0" if text in ("-0", "") else text
        return text


_NUMBERS = _Numbers()
_num = _NUMBERS.__getitem__


class GlyphCodes:
    """One font's codes in one document, per character: the subset and the byte's hex, read
    from ReportLab's own assignment (``splitString`` assigns a character on first use, so it is
    called for a segment only when the segment holds a character not seen before)."""

    def __init__(self, font, doc):
        self.font = font
        self.doc = doc
        self.subset: dict[str, int] = {}
        self.hex: dict[str, str] = {}
        self.names: dict[int, str] = {}
        self._selectors: dict[float, Computed] = {}
        self._openers: dict[float, Computed] = {}
        # Size → (separator lookup, subset → its Tf, subset → what opens its run): what
        # ``line_ops`` needs per segment, found with one lookup.
        self.at_size: dict[float, tuple] = {}

    def learn(self, text: str) -> None:
        if self.hex.keys() >= set(text):
            return
        self.font.splitString(text, self.doc)  # assigns codes exactly as drawing it would
        assignments = self.font.state[self.doc].assignments
        for ch in set(text) - self.hex.keys():
            code = 32 if ord(ch) == 0xA0 else ord(ch)
            n = assignments.get(code, 0)  # 0: .notdef, as splitString draws it
            self.subset[ch] = n >> 8
            self.hex[ch] = f"{n & 0xFF:02x}"

    def selectors(self, size: float) -> Computed:
        """Subset → its ``Tf`` operator at ``size``. ReportLab names a font's subsets when
        first asked: look them up in drawing order."""
        table = self._selectors.get(size)
        if table is None:
            table = self._selectors[size] = Computed(
                lambda subset: f"{self._name(subset)} {_num(size)} Tf"
            )
        return table

    def openers(self, size: float) -> Computed:
        """Subset → what starts a run of it after another run: the ``TJ`` closing, the font
        selected, the text matrix up to its x (looked up in drawing order, as ``selectors``)."""
        table = self._openers.get(size)
        if table is None:
            fonts = self.selectors(size)
            table = self._openers[size] = Computed(
                lambda subset: f"{_RUN_END}{fonts[subset]}\n1 0 0 1 "
            )
        return table

    def tables(self, size: float) -> tuple:
        """``at_size[size]``, made on first use."""
        seps = _SEPARATORS.get(size)
        if seps is None:
            seps = _SEPARATORS[size] = _Separators(size)
        tables = self.at_size[size] = (
            seps.__getitem__,
            self.selectors(size),
            self.openers(size).__getitem__,
        )
        return tables

    def _name(self, subset: int) -> str:
        name = self.names.get(subset)
        if name is None:
            name = self.names[subset] = self.font.getSubsetInternalName(subset, self.doc)
        return name


class _Separators(dict):
    """Gap after a glyph (points) → what follows its hex in a ``TJ`` array: nothing when it sits
    at its natural advance, else the adjustment in 1/1000 em. One table per font size."""

    def __init__(self, size: float):
        super().__init__()
        self.size = size

    def __missing__(self, gap: float) -> str:
        if len(self) > 65536:  # bounded: a long GUI session renders many documents
            self.clear()
        sep = "" if abs(gap) <= 0.0005 else f"> {_num(-gap * 1000.0 / self.size)} <"
        self[gap] = sep
        return sep


_SEPARATORS: dict[float, _Separators] = {}
_RUN_END = ">] TJ\n"


def line_ops(ops: list[str], state: dict, codes_of, line: Line, baseline: float) -> None:
    """Append the text operators drawing one line: per font subset, one ``TJ`` whose numbers
    move each glyph from its natural advance to its grid position. Built a segment at a time
    by lookups over its characters and runs (map, slices, join): no Python step per glyph or
    per run."""
    y = _num(baseline)
    position_end = f" {y} Tm\n[<"
    for seg in line.segments:
        codes = codes_of(seg.font)
        text = seg.text
        if seg.bold:
            ops.append(f"2 Tr {_num(_BOLD_STROKE)} w")
        if not text:  # nothing to show (ReportLab's split gives no run either)
            if seg.bold:
                ops.append("0 Tr")
            continue
        chars = seg.chars or text
        # One getter for every character, applied to both tables: a lookup each in C, without a
        # call per character (itemgetter of one key gives the value, not a tuple).
        pick = itemgetter(*chars) if len(chars) > 1 else one_getter(chars[0])
        try:
            hexes = pick(codes.hex)
        except KeyError:  # a character this document has not drawn yet in this font
            codes.learn(text)
            hexes = pick(codes.hex)
        subsets = pick(codes.subset)
        tables = codes.at_size.get(seg.size)
        if tables is None:
            tables = codes.tables(seg.size)
        separator, selectors, opener = tables
        place = seg.placement
        if place is not None:
            # The line's shape was drawn before (or is now, once): its separators and
            # positions as text, sliced to this segment.
            drawn = place.drawn
            if drawn is None:
                drawn = place.drawn = _drawn(place.xs, place.advances, separator)
            seps, nums, tails_at = drawn
            o = seg.offset
            follows = seps[o : o + len(chars) - 1]
            x0 = nums[o]
        else:
            xs = seg.xs
            # What follows each glyph but the last: the separator to the next glyph.
            follows = list(map(separator, map(sub, map(sub, xs[1:], xs), seg.advances)))
            x0 = _num(xs[0])
        first = selectors[subsets[0]]
        head = f"1 0 0 1 {x0} {y} Tm\n[<"
        if first != state["font"]:
            head = f"{first}\n{head}"
        if subsets.count(subsets[0]) == len(subsets):
            state["font"] = first
        else:
            # Where the subset changes a run starts: the previous TJ closes, the run's subset
            # is selected and the text matrix moves to its first glyph.
            later = subsets[1:]
            changes = list(map(ne, later, subsets))
            ends = compress(range(len(later)), changes)
            openers = map(opener, compress(later, changes))
            if place is not None:
                # Each glyph's position up to its text matrix's end, once per shape and line
                # height: a run costs one concatenation.
                tails = tails_at.get(y)
                if tails is None:
                    tails = tails_at[y] = list(map(add, nums, repeat(position_end)))
                runs = map(add, openers, compress(tails[o + 1 : o + len(chars)], changes))
            else:
                positions = map(_num, compress(seg.xs[1:], changes))
                runs = map(add, map(add, openers, positions), repeat(position_end))
            # operator.setitem, a C function: a list's bound __setitem__ is a slot wrapper,
            # several times dearer per call.
            deque(map(setitem, repeat(follows), ends, runs), maxlen=0)
            state["font"] = selectors[subsets[-1]]
        tokens = [*hexes, *follows]
        tokens[::2] = hexes
        tokens[1::2] = follows
        ops.append(f"{head}{''.join(tokens)}>] TJ")
        if seg.bold:
            ops.append("0 Tr")


def _drawn(xs: list[float], advances: list[float], separator) -> tuple[list, list, dict]:
    """A line shape's ``TJ`` separators (after each glyph but the last), its glyph positions as
    content-stream numbers, and (filled as lines are drawn) per baseline the positions followed
    by the rest of a text matrix."""
    seps = list(map(separator, map(sub, map(sub, xs[1:], xs), advances)))
    return seps, list(map(_num, xs)), {}
