"""查重 of one material: which passages it shares with (a) the same unit's or author's materials
of earlier years, (b) other materials of the same year, (c) texts the user points at (范文),
and — with ``scope="library"`` — every other material in the library.

Library sources are found through the fingerprint index (``Library.similarity_hits``): only
materials sharing a fingerprint are read, then aligned exactly (``align``). Files are
fingerprinted here. A passage counts when at least ``min_chars`` normalised characters
(punctuation, spaces and numbering ignored) are the same in a row.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from app.compare.align import (
    Passage,
    covered,
    fingerprint_positions,
    overlap,
    passages,
    pieces,
)
from app.compare.fingerprints import GRAM, GUARANTEE, winnow
from app.compare.report import (
    Match,
    RepeatedProblem,
    SectionScore,
    SimilarityReport,
    Source,
    Span,
)
from app.compare.streams import Segment, Stream, file_stream, indexed_stream, material_stream
from app.errors import InputError
from app.model import Material

if TYPE_CHECKING:
    from app.library import Library

DEFAULT_MIN_CHARS = GUARANTEE  # 13: about one clause
# A problem point counts as last year's again when this share of its characters is shared
# with last year's material(s) of the same unit or author.
REPEAT_SHARE = 0.6
MAX_REPORTED_SOURCES = 20  # matches listed for the sources sharing most; scores use all
SCOPES = ("related", "library")
_RELATION_RANK = {"earlier": 0, "same_year": 1, "file": 2, "other": 3}
_SECTION_NAMES = {
    "problems": "存在的问题",
    "causes": "原因剖析",
    "measures": "整改措施",
    "case_study": "案例剖析",
    "previous_rectification": "上年整改情况",
    "other": "其他部分",
}


@dataclass
class TextSource:
    """A file the user points at, already read into paragraphs."""

    path: str
    paragraphs: list[str]


@dataclass
class _Found:
    """One source's passages. ``text`` is its normalised stream; ``stream`` (the fields
    behind it, to map offsets back) is read only for the sources that are reported."""

    source: Source
    text: str
    found: list[Passage]
    stream: Stream | None = None
    merged: list[tuple[int, int]] = field(default_factory=list)

    @property
    def shared(self) -> int:
        return sum(e - s for s, e in self.merged)


def check_min_chars(min_chars: int) -> int:
    if not isinstance(min_chars, int) or min_chars < GRAM:
        raise InputError(
            f"最少连续字数不能小于 {GRAM}", f"the minimum passage length must be at least {GRAM}"
        )
    return min_chars


def find_similar(
    library: Library,
    material_id: int,
    *,
    min_chars: int = DEFAULT_MIN_CHARS,
    texts: list[TextSource] = (),
    scope: str = "related",
    max_sources: int = MAX_REPORTED_SOURCES,
) -> SimilarityReport:
    """Compare stored material ``material_id`` (NotFoundError when missing)."""
    check_min_chars(min_chars)
    if scope not in SCOPES:
        raise InputError(f"未知的比对范围：{scope}", f"unknown scope: {scope}")
    material = library.get_material(material_id)
    return compare_material(material, library, min_chars, list(texts), scope, max_sources)


def relation(material: Material, org: str, author: str, year: int | None) -> str:
    same_unit = bool(org.strip()) and org.strip() == material.organization.strip()
    same_author = bool(author.strip()) and author.strip() == material.author.strip()
    if year is not None and material.year is not None and year == material.year:
        return "same_year"
    if (same_unit or same_author) and (
        year is None or material.year is None or year < material.year
    ):
        return "earlier"
    return "other"


def compare_material(
    material: Material,
    library: Library | None,
    min_chars: int,
    texts: list[TextSource],
    scope: str = "related",
    max_sources: int = MAX_REPORTED_SOURCES,
) -> SimilarityReport:
    mine = material_stream(material)
    positions = fingerprint_positions(mine.text)
    results: list[_Found] = []
    candidates = _candidates(library, material, scope) if library is not None else {}
    if candidates:
        results += _library_sources(library, candidates, mine, positions, min_chars)
    for text in texts:
        stream = file_stream(text.paragraphs)
        found = passages(mine.text, stream.text, _seeds(positions, stream.text), min_chars)
        results.append(_Found(Source("file", "file", file=text.path), stream.text, found, stream))
    results = [r for r in results if r.found]
    for r in results:
        r.merged = covered((p.start, p.end) for p in r.found)
    everything = covered(iv for r in results for iv in r.merged)
    results.sort(key=lambda r: (_RELATION_RANK[r.source.relation], -r.shared))
    last_year = _last_year(material, results)
    reported = results[:max_sources] + [r for r in last_year if r not in results[:max_sources]]
    if library is not None:
        _attach_streams(library, reported, mine, positions, min_chars)
    matches = [m for r in reported for m in _matches(r, mine)]
    order = {seg.path: index for index, seg in enumerate(mine.segments)}  # reading order
    return SimilarityReport(
        material_id=material.id,
        title=material.title,
        min_chars=min_chars,
        chars=len(mine.text),
        shared_chars=sum(e - s for s, e in everything),
        sections=_section_scores(material, mine, everything),
        matches=sorted(matches, key=lambda m: (order[m.span.path], m.span.start)),
        repeated=_repeated(material, mine, last_year, library),
        sources_compared=len(candidates) + len(texts),
    )


def _candidates(library: Library, material: Material, scope: str) -> dict[int, Source]:
    out = {}
    for mid, title, org, author, year in library.similarity_catalogue():
        if mid == material.id:
            continue
        rel = relation(material, org, author, year)
        if rel == "other" and scope != "library":
            continue
        out[mid] = Source("material", rel, mid, title, year, org)
    return out


def _library_sources(
    library: Library,
    candidates: dict[int, Source],
    mine: Stream,
    positions: dict[int, list[int]],
    min_chars: int,
) -> list[_Found]:
    if not positions:
        return []
    stale = library.similarity_stale_materials() & candidates.keys()
    rows: dict[int, list[tuple[int, int, int]]] = defaultdict(list)
    for value, mid, key, pos in library.similarity_hits(positions, candidates.keys() - stale):
        rows[mid].append((value, key, pos))
    out = []
    for mid, (text, starts) in library.similarity_texts(rows.keys()).items():
        seeds = [
            (i, starts[key] + pos)
            for value, key, pos in rows[mid]
            if key in starts
            for i in positions[value]
        ]
        out.append(_Found(candidates[mid], text, passages(mine.text, text, seeds, min_chars)))
    for indexed in library.similarity_sources(stale):  # not indexed yet (read-only open)
        stream = indexed_stream(indexed.fields)
        found = passages(mine.text, stream.text, _seeds(positions, stream.text), min_chars)
        out.append(_Found(candidates[indexed.id], stream.text, found, stream))
    return out


def _attach_streams(
    library: Library,
    results: list[_Found],
    mine: Stream,
    positions: dict[int, list[int]],
    min_chars: int,
) -> None:
    """Read the fields behind the reported sources' texts, to map passages back to them."""
    wanted = {r.source.material_id: r for r in results if r.stream is None}
    for indexed in library.similarity_sources(wanted):
        result = wanted[indexed.id]
        result.stream = indexed_stream(indexed.fields)
        if result.stream.text != result.text:  # changed between two reads: align afresh
            result.text = result.stream.text
            seeds = _seeds(positions, result.text)
            result.found = passages(mine.text, result.text, seeds, min_chars)


def _seeds(positions: dict[int, list[int]], text: str) -> list[tuple[int, int]]:
    return [(i, j) for value, j in winnow(text) for i in positions.get(value, ())]


def _matches(result: _Found, mine: Stream) -> list[Match]:
    unit_chars: dict[object, int] = defaultdict(int)
    unit_segments: dict[object, list[Segment]] = defaultdict(list)
    for seg in mine.segments:
        unit_chars[seg.unit] += seg.length
        unit_segments[seg.unit].append(seg)
    shares: dict[object, float] = {}
    out = []
    if result.stream is None:
        return []
    for passage in result.found:
        for piece in pieces(passage, mine, result.stream):
            unit = piece.mine.unit
            if unit not in shares:
                shared = sum(
                    overlap(result.merged, s.start, s.start + s.length) for s in unit_segments[unit]
                )
                shares[unit] = shared / unit_chars[unit] if unit_chars[unit] else 0.0
            out.append(
                Match(
                    span=_span(piece.mine, piece.start, piece.end, with_path=True),
                    source=result.source,
                    source_span=_span(
                        piece.theirs,
                        piece.other_start,
                        piece.other_start + piece.end - piece.start,
                    ),
                    passage_chars=passage.length,
                    unit_share=shares[unit],
                )
            )
    return out


def _span(seg: Segment, start: int, end: int, *, with_path: bool = False) -> Span:
    raw_start, raw_end = seg.raw_span(start - seg.start, end - seg.start)
    return Span(
        seg.node_id,
        seg.field,
        seg.paragraph,
        raw_start,
        raw_end,
        seg.raw[raw_start:raw_end],
        seg.path if with_path else "",
    )


def _section_scores(
    material: Material, mine: Stream, everything: list[tuple[int, int]]
) -> list[SectionScore]:
    chars: dict[int, int] = defaultdict(int)
    shared: dict[int, int] = defaultdict(int)
    for seg in mine.segments:
        chars[seg.section] += seg.length
        shared[seg.section] += overlap(everything, seg.start, seg.start + seg.length)
    out = []
    if material.preamble:
        out.append(SectionScore("开头", "preamble", None, chars[-1], shared[-1]))
    for index, section in enumerate(material.sections):
        label = section.heading or _SECTION_NAMES.get(section.kind, section.kind)
        out.append(SectionScore(label, section.kind, section.id, chars[index], shared[index]))
    if material.closing:
        out.append(SectionScore("结尾", "closing", None, chars[-2], shared[-2]))
    return out


def _last_year(material: Material, results: list[_Found]) -> list[_Found]:
    """The same unit's or author's material(s) of the latest earlier year."""
    if material.year is None:
        return []
    earlier = [
        r
        for r in results
        if r.source.relation == "earlier"
        and r.source.year is not None
        and r.source.year < material.year
    ]
    if not earlier:
        return []
    latest = max(r.source.year for r in earlier)
    return [r for r in earlier if r.source.year == latest]


def _repeated(
    material: Material, mine: Stream, last_year: list[_Found], library: Library | None
) -> list[RepeatedProblem]:
    if not last_year:
        return []
    merged = covered(iv for r in last_year for iv in r.merged)
    problem_sections = {i for i, s in enumerate(material.sections) if s.kind == "problems"}
    points: dict[object, list[Segment]] = defaultdict(list)
    for seg in mine.segments:
        if seg.section in problem_sections and seg.field in ("title", "body", "example"):
            points[seg.unit].append(seg)
    out = []
    for segs in points.values():
        chars = sum(s.length for s in segs)
        shared = sum(overlap(merged, s.start, s.start + s.length) for s in segs)
        if not chars or shared / chars < REPEAT_SHARE:
            continue
        source, last_point = _best_last_point(segs, last_year)
        measures = _measures(library, source, last_point)
        out.append(
            RepeatedProblem(
                point_id=segs[0].node_id,
                path=segs[0].path.rsplit("/", 1)[0],
                title=next((s.raw for s in segs if s.field == "title"), ""),
                share=shared / chars,
                source=source.source,
                last_point_id=last_point,
                measure_ids=measures,
                rectification=rectification_status(library, source.source.material_id, measures),
            )
        )
    return out


def _best_last_point(segs: list[Segment], last_year: list[_Found]) -> tuple[_Found, int | None]:
    """Last year's point sharing the most characters with this point."""
    tally: dict[tuple[int, int | None], int] = defaultdict(int)
    for index, result in enumerate(last_year):
        for passage in result.found:
            shift = passage.other - passage.start
            for seg in segs:
                start = max(passage.start, seg.start)
                end = min(passage.end, seg.start + seg.length)
                if end > start:
                    theirs = result.stream.segment_at(start + shift)
                    if theirs.field in ("title", "body", "example"):
                        tally[index, theirs.node_id] += end - start
    if not tally:
        return last_year[0], None
    (index, node_id), _ = max(tally.items(), key=lambda item: item[1])
    return last_year[index], node_id


def _measures(library: Library | None, result: _Found, point_id: int | None) -> list[int]:
    """The measure points linked to last year's problem point (整改措施 ↔ 问题 links)."""
    if library is None or point_id is None or result.source.material_id is None:
        return []
    last = library.get_material(result.source.material_id)
    point = next((p for p in last.all_points() if p.id == point_id), None)
    return sorted(point.links) if point is not None else []


def rectification_status(
    library: Library | None, material_id: int | None, measure_ids: list[int]
) -> str:
    """Whether last year's 整改 for a problem is marked done in its 整改清单 (issue 17):
    "done" when every linked measure is 已完成, "not_done" when one is not, "unknown" when the
    problem has no linked measure (or nothing to read them from)."""
    if library is None or material_id is None or not measure_ids:
        return "unknown"
    wanted = set(measure_ids)
    statuses = [p.status for p in library.get_material(material_id).all_points() if p.id in wanted]
    if not statuses:
        return "unknown"
    return "done" if all(status == "done" for status in statuses) else "not_done"
