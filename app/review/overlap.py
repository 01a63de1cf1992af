"""查重 across a batch: for every pair of materials, the characters of each found in the other.

The same 查重 as ``app.compare.similar`` — the same normalised streams (punctuation, spaces and
numbering ignored), winnowed fingerprints, exact alignment and ``min_chars`` — but every
material against every other at once, in memory: one fingerprint table for the batch, each
pair aligned once (a passage gives both sides' spans). ``find_similar`` per material would read
and map back every other material's stream for each material (200 × 199 streams, ≈2.5 s per
material when all share the common formulas), to report spans the batch report does not list.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from app.compare.align import covered, fingerprint_positions, passages
from app.compare.streams import material_stream
from app.model import Material

EXAMPLE_CHARS = 60  # the longest shared passage is shown, cut to this length


@dataclass
class Overlap:
    """One material's side: its normalised length, per other material the characters it
    shares with it and the longest shared passage (normalised text), and the union."""

    chars: int
    with_other: dict[int, int] = field(default_factory=dict)
    example: dict[int, str] = field(default_factory=dict)
    shared_chars: int = 0


def batch_overlaps(materials: dict[int, Material], min_chars: int, tick=None) -> dict[int, Overlap]:
    """``materials``: id → material. Returns id → Overlap; ``tick(done, total)`` after each
    material's pairs."""
    texts = {mid: material_stream(m).text for mid, m in materials.items()}
    fingerprints = {mid: fingerprint_positions(text) for mid, text in texts.items()}
    table: dict[int, list[tuple[int, list[int]]]] = defaultdict(list)
    for mid, found in fingerprints.items():
        for value, positions in found.items():
            table[value].append((mid, positions))
    result = {mid: Overlap(len(text)) for mid, text in texts.items()}
    spans: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for done, mine in enumerate(texts, start=1):
        seeds: dict[int, list[tuple[int, int]]] = defaultdict(list)
        for value, my_positions in fingerprints[mine].items():
            for theirs, their_positions in table[value]:
                if theirs > mine:  # each pair once: a passage gives both sides
                    seeds[theirs] += [(i, j) for i in my_positions for j in their_positions]
        for theirs, pair_seeds in seeds.items():
            found = passages(texts[mine], texts[theirs], pair_seeds, min_chars)
            if not found:
                continue
            my_side = covered((p.start, p.end) for p in found)
            their_side = covered((p.other, p.other + p.length) for p in found)
            _note(result[mine], theirs, my_side, texts[mine], found, mine_side=True)
            _note(result[theirs], mine, their_side, texts[theirs], found, mine_side=False)
            spans[mine] += my_side
            spans[theirs] += their_side
        if tick is not None:
            tick(done, len(texts))
    for mid, overlap in result.items():
        overlap.shared_chars = sum(e - s for s, e in covered(spans[mid]))
    return result


def _note(overlap: Overlap, other: int, side, text: str, found, *, mine_side: bool) -> None:
    overlap.with_other[other] = sum(e - s for s, e in side)
    longest = max(found, key=lambda p: p.length)
    start = longest.start if mine_side else longest.other
    overlap.example[other] = text[start : start + min(longest.length, EXAMPLE_CHARS)]
