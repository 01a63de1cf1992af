"""Text as 查重 compares it: characters only — punctuation, spaces and numbering markers
(一是 /（一）/ 1. / 第一， / ①) dropped, full-width letters and digits made half-width, Latin
lower-cased — so a copy is found whatever marks or numbers were put around it.

Every step keeps one raw character per position until the final drop, so each normalised
character maps back to exactly one character of the text as stored (``Normalised.raw_span``):
a match found on normalised text is highlighted on the original.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

_CN = "[一二三四五六七八九十]{1,3}"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳⑴⑵⑶⑷⑸⑹⑺⑻⑼⑽⒈⒉⒊⒋⒌⒍⒎⒏⒐⒑"


def _width_table() -> dict[int, int]:
    table = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}  # ！…～ → !…~
    table[0x3000] = 0x20  # ideographic space
    for code in range(ord("A"), ord("Z") + 1):
        table[code] = code + 32
    for code in range(0xFF21, 0xFF3B):  # Ａ…Ｚ → a…z
        table[code] = code - 0xFEE0 + 32
    for char in _CIRCLED:
        table[ord(char)] = 0x20
    return table


_WIDTH = _width_table()
# A numbering marker opens a clause: at the start or after anything that is not a character
# (a mark, a space, a marker already blanked). Inside a clause 一是 is just text (统一是…).
_CLAUSE_START = r"(?:^|(?<=[\W_]))"
_OPENER = rf"{_CN}\s*是|{_CN}\s*[、.]|\d{{1,3}}\s*[.、)](?!\d)|第{_CN}(?=\s*[,、:])"
# Markers in a row (二是1.…) are one match: each opens the clause the one before it left, and a
# passage cut after the first normalises as it does inside the text — in one pass, not one a row.
_MARKER = re.compile(
    rf"\(\s*(?:{_CN}|\d{{1,3}})\s*\)"  # (一) (1) anywhere: always numbering
    rf"|{_CLAUSE_START}(?:\s*(?:{_OPENER}))+"
)
_DROP = re.compile(r"[\W_]+")
_KEEP = re.compile(r"[^\W_]+")


def _blank_markers(text: str) -> str:
    text = text.translate(_WIDTH)
    return _MARKER.sub(lambda m: " " * len(m.group()), text)


def normalise(text: str) -> str:
    """The normalised characters of ``text`` (fast path: no offsets)."""
    return _DROP.sub("", _blank_markers(text))


@dataclass(frozen=True)
class Normalised:
    """Normalised text with the raw offset of each kept run, to map spans back."""

    text: str
    _norm_starts: tuple[int, ...]  # where each kept run starts in ``text``
    _raw_starts: tuple[int, ...]  # … and in the raw text

    def raw_index(self, index: int) -> int:
        """The raw offset of normalised character ``index`` (0 ≤ index < len(text))."""
        run = bisect_right(self._norm_starts, index) - 1
        return self._raw_starts[run] + index - self._norm_starts[run]

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """Raw ``[start, end)`` covering normalised ``[start, end)`` (end > start): from the
        first kept character to just after the last; marks between them are inside."""
        return self.raw_index(start), self.raw_index(end - 1) + 1


def normalise_with_offsets(text: str) -> Normalised:
    runs = [(m.start(), m.group()) for m in _KEEP.finditer(_blank_markers(text))]
    norm_starts, raw_starts, parts, at = [], [], [], 0
    for raw_start, chars in runs:
        norm_starts.append(at)
        raw_starts.append(raw_start)
        parts.append(chars)
        at += len(chars)
    return Normalised("".join(parts), tuple(norm_starts), tuple(raw_starts))
