"""What a reader of a 查重 report needs beyond the spans: where each span is, in words
(``一、（二）三是 · 正文``), and the whole paragraph of the source around its shared span — the
dock's source pane and the HTML/PDF reports show both.

Read once after a run (the sources reported are few: ``MAX_REPORTED_SOURCES``), so showing a
match needs no further library read.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from app.compare.report import Match, SimilarityReport, Span
from app.errors import NotFoundError
from app.model import Material, Node, node_path_label

if TYPE_CHECKING:
    from app.compare.similar import TextSource
    from app.library import Library

FIELD_NAMES = {
    "title": "标题",
    "body": "正文",
    "example": "例子",
    "intro": "引言",
    "preamble": "开头",
    "closing": "结尾",
    "text": "正文",
}
LIST_FIELDS = ("intro", "preamble", "closing", "text")


@dataclass(frozen=True)
class SourcePassage:
    """The paragraph of the source holding a shared span, and where it is, in words."""

    where: str  # e.g. "一、（二）三是 · 正文" or "第 3 段"
    paragraph: str  # the whole paragraph ("" when it could not be read)


@dataclass
class ReportContext:
    """Location labels of this material's spans and the source paragraphs, per match."""

    mine: dict[tuple, SourcePassage] = field(default_factory=dict)  # span key → its paragraph
    sources: dict[tuple, SourcePassage] = field(default_factory=dict)

    def where(self, span: Span) -> str:
        found = self.mine.get(span_key(span))
        return found.where if found is not None else span.path

    def paragraph(self, span: Span) -> str:
        found = self.mine.get(span_key(span))
        return found.paragraph if found is not None else ""

    def source(self, match: Match) -> SourcePassage:
        key = source_key(match)
        return self.sources.get(key) or SourcePassage(_field_words(match.source_span), "")


def span_key(span: Span) -> tuple:
    return (span.node_id, span.field, span.paragraph)


def source_key(match: Match) -> tuple:
    s = match.source
    return (s.kind, s.material_id, s.file, *span_key(match.source_span))


def build_context(
    report: SimilarityReport,
    material: Material,
    library: Library | None = None,
    texts: list[TextSource] = (),
) -> ReportContext:
    """Labels and paragraphs for every match of ``report`` (``material``: the compared one)."""
    context = ReportContext()
    mine = _nodes(material)
    for m in report.matches:
        key = span_key(m.span)
        if key not in context.mine:
            context.mine[key] = SourcePassage(
                _label(material, mine, m.span), _paragraph(material, mine, m.span)
            )
    files = {t.path: t.paragraphs for t in texts}
    loaded: dict[int, tuple[Material, dict[int, Node]] | None] = {}
    for m in report.matches:
        key = source_key(m)
        if key in context.sources:
            continue
        span = m.source_span
        if m.source.kind == "file":
            paragraphs = files.get(m.source.file or "", [])
            text = paragraphs[span.paragraph] if span.paragraph < len(paragraphs) else ""
            context.sources[key] = SourcePassage(_field_words(span), text)
            continue
        mid = m.source.material_id
        if mid not in loaded:
            loaded[mid] = _load(library, mid)
        if loaded[mid] is None:
            context.sources[key] = SourcePassage(_field_words(span), "")
            continue
        other, nodes = loaded[mid]
        context.sources[key] = SourcePassage(
            _label(other, nodes, span), _paragraph(other, nodes, span)
        )
    return context


def _load(library: Library | None, material_id: int | None):
    if library is None or material_id is None:
        return None
    try:
        material = library.get_material(material_id)
    except NotFoundError:  # deleted since the run
        return None
    return material, _nodes(material)


def _nodes(material: Material) -> dict[int, Node]:
    out: dict[int, Node] = {}
    for section in material.sections:
        out[section.id] = section
        for point in section.points:
            out[point.id] = point
        for dim in section.dimensions:
            out[dim.id] = dim
            for point in dim.points:
                out[point.id] = point
    return out


def _field_words(span: Span) -> str:
    name = FIELD_NAMES.get(span.field, span.field)
    if span.field in LIST_FIELDS:
        return f"{name}第 {span.paragraph + 1} 段"
    return name


def _label(material: Material, nodes: dict[int, Node], span: Span) -> str:
    node = nodes.get(span.node_id) if span.node_id is not None else None
    where = node_path_label(material, node) if node is not None else ""
    return f"{where} · {_field_words(span)}" if where else _field_words(span)


def _paragraph(material: Material, nodes: dict[int, Node], span: Span) -> str:
    owner = nodes.get(span.node_id) if span.node_id is not None else material
    value = getattr(owner, span.field, None) if owner is not None else None
    if isinstance(value, list):
        return value[span.paragraph] if span.paragraph < len(value) else ""
    return value if isinstance(value, str) else ""


def grouped(report: SimilarityReport) -> list[tuple[Span, list[Match]]]:
    """This material's shared spans in reading order, each with the matches (sources) holding
    it — the order of ``format_report``."""
    by_span: dict[tuple, list[Match]] = {}
    for m in report.matches:
        by_span.setdefault((m.span.path, m.span.start, m.span.end), []).append(m)
    return [(group[0].span, group) for group in by_span.values()]


def split_at(paragraph: str, span: Span) -> tuple[str, str, str]:
    """(before, shared, after) of the paragraph holding ``span``; just the span's text when the
    paragraph changed since the run (or could not be read)."""
    if paragraph[span.start : span.end] == span.text and span.text:
        return paragraph[: span.start], span.text, paragraph[span.end :]
    return "", span.text, ""
