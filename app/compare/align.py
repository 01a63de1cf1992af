"""From seeds to shared passages: a seed says "the 8 characters at ``i`` in my stream are the 8 at
``j`` in theirs" (an index hit, checked here against both texts); seeds on one diagonal
(``j − i``) that touch are one run, each run grows character by character at both ends while
the texts agree, and what reaches ``min_chars`` is a passage. Then a passage is cut where either
side changes field, so each piece names one field on both sides (what a UI highlights).

Hand-written: the seeds come from our own index, and the alignment they need is exact (copied
text, not edit distance); a library's fuzzy matcher would rescan the whole texts instead.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from app.compare.fingerprints import GRAM, winnow
from app.compare.streams import Segment, Stream


@dataclass(frozen=True)
class Passage:
    start: int  # in my stream
    end: int
    other: int  # start in their stream

    @property
    def length(self) -> int:
        return self.end - self.start


@dataclass(frozen=True)
class Piece:
    """Part of a passage inside one field on each side, in normalised stream offsets."""

    passage: Passage
    start: int
    end: int
    mine: Segment
    theirs: Segment

    @property
    def other_start(self) -> int:
        return self.start + self.passage.other - self.passage.start


def fingerprint_positions(text: str) -> dict[int, list[int]]:
    """The winnowed fingerprints of ``text``: hash → positions. Both sides winnowed still
    share a fingerprint in every passage of ``GUARANTEE`` characters (a window inside it is
    the same on both sides and picks the same gram), and the query is a third of all grams."""
    found: dict[int, list[int]] = defaultdict(list)
    for value, pos in winnow(text):
        found[value].append(pos)
    return found


def passages(mine: str, theirs: str, seeds: Iterable[tuple[int, int]], min_chars: int):
    """Maximal shared passages of at least ``min_chars`` characters; where several of theirs
    give the same text of mine, the longest is kept."""
    diagonals: dict[int, list[int]] = defaultdict(list)
    for i, j in seeds:
        if mine[i : i + GRAM] == theirs[j : j + GRAM]:  # a hash collision is no seed
            diagonals[j - i].append(i)
    found: list[Passage] = []
    for diagonal, starts in diagonals.items():
        starts.sort()
        start = end = -1
        for i in starts:
            if i <= end:  # touches the run so far: the checked 8 characters carry it on
                end = max(end, i + GRAM)
                continue
            if end >= 0:
                found.append(_grown(mine, theirs, start, end, diagonal))
            start, end = i, i + GRAM
        found.append(_grown(mine, theirs, start, end, diagonal))
    return _longest_first([p for p in found if p.length >= min_chars])


def _grown(mine: str, theirs: str, start: int, end: int, diagonal: int) -> Passage:
    """The run ``[start, end)`` grown at both ends while the texts agree (a chunk at a time,
    then by character)."""
    while (
        start >= GRAM
        and start + diagonal >= GRAM
        and (mine[start - GRAM : start] == theirs[start - GRAM + diagonal : start + diagonal])
    ):
        start -= GRAM
    while start > 0 and start + diagonal > 0 and mine[start - 1] == theirs[start - 1 + diagonal]:
        start -= 1
    while mine[end : end + GRAM] == theirs[end + diagonal : end + diagonal + GRAM] and (
        end + GRAM <= len(mine) and end + diagonal + GRAM <= len(theirs)
    ):
        end += GRAM
    while end < len(mine) and end + diagonal < len(theirs) and mine[end] == theirs[end + diagonal]:
        end += 1
    return Passage(start, end, start + diagonal)


def _longest_first(found: list[Passage]) -> list[Passage]:
    kept: list[Passage] = []
    for p in sorted(found, key=lambda p: (-p.length, p.start)):
        if not any(k.start <= p.start and p.end <= k.end for k in kept):
            kept.append(p)
    return sorted(kept, key=lambda p: p.start)


def pieces(passage: Passage, mine: Stream, theirs: Stream) -> list[Piece]:
    out, at = [], passage.start
    shift = passage.other - passage.start
    while at < passage.end:
        my_seg = mine.segment_at(at)
        their_seg = theirs.segment_at(at + shift)
        end = min(
            passage.end, my_seg.start + my_seg.length, their_seg.start + their_seg.length - shift
        )
        out.append(Piece(passage, at, end, my_seg, their_seg))
        at = end
    return out


def covered(intervals: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """The union of ``[start, end)`` intervals, sorted and merged."""
    merged: list[list[int]] = []
    for start, end in sorted(intervals):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [(s, e) for s, e in merged]


def overlap(intervals: list[tuple[int, int]], start: int, end: int) -> int:
    """Characters of merged ``intervals`` inside ``[start, end)``."""
    return sum(max(0, min(e, end) - max(s, start)) for s, e in intervals if s < end and e > start)
