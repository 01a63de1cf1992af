"""What a 查重 run found, as plain data: the shared passages with both spans, a score per section
and for the material, and the problems repeated from last year. ``to_json`` is the stable
machine shape (README, ``duizhao-cli similar --json``); ``format_report`` the Chinese text."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

RELATION_NAMES = {
    "earlier": "本单位/本人往年材料",
    "same_year": "同年度其他材料",
    "file": "范文文件",
    "other": "材料库其他材料",
}
RECTIFICATION_NAMES = {"done": "已标记完成", "not_done": "未标记完成", "unknown": "整改情况未知"}


@dataclass(frozen=True)
class Span:
    """Characters ``[start, end)`` of one paragraph of one field, as stored (raw offsets).
    ``node_id`` None: the material's own field (preamble/closing) or a file; ``paragraph``:
    the item of a list field (preamble/closing/intro) or the file's paragraph, else 0;
    ``path``: the field path (``app.checks.paths``) in the open material, "" elsewhere."""

    node_id: int | None
    field: str
    paragraph: int
    start: int
    end: int
    text: str
    path: str = ""


@dataclass(frozen=True)
class Source:
    kind: str  # "material" | "file"
    relation: str  # "earlier" | "same_year" | "file" | "other"
    material_id: int | None = None
    title: str = ""
    year: int | None = None
    organization: str = ""
    file: str | None = None

    def label(self) -> str:
        if self.kind == "file":
            return str(self.file)
        year = f"{self.year}年 " if self.year is not None else ""
        return f"材料 {self.material_id}（{year}{self.title or '无标题'}）"


@dataclass(frozen=True)
class Match:
    """One piece of a shared passage: a field of this material and one of the source.
    ``passage_chars``: normalised length of the whole passage the piece belongs to;
    ``unit_share``: the share of the point (or intro / preamble / closing) holding ``span``
    that is shared with this source."""

    span: Span
    source: Source
    source_span: Span
    passage_chars: int
    unit_share: float


@dataclass(frozen=True)
class SectionScore:
    label: str  # 开头 / the section heading / 结尾
    kind: str  # the section kind, "preamble", "closing"
    node_id: int | None
    chars: int  # normalised characters
    shared_chars: int

    @property
    def share(self) -> float:
        return self.shared_chars / self.chars if self.chars else 0.0


@dataclass(frozen=True)
class RepeatedProblem:
    """A problem point whose text is largely last year's. ``rectification``: whether last
    year's 整改 for the matching point is marked done in its 整改清单: "done" (every linked
    measure 已完成), "not_done", or "unknown" (no linked measure)."""

    point_id: int | None
    path: str
    title: str
    share: float
    source: Source
    last_point_id: int | None
    measure_ids: list[int]
    rectification: str = "unknown"


@dataclass
class SimilarityReport:
    material_id: int | None
    title: str
    min_chars: int
    chars: int
    shared_chars: int
    sections: list[SectionScore]
    matches: list[Match]
    repeated: list[RepeatedProblem]
    sources_compared: int
    skipped_files: list[tuple[str, str]] = field(default_factory=list)  # (path, reason)

    @property
    def share(self) -> float:
        return self.shared_chars / self.chars if self.chars else 0.0

    def to_json(self) -> dict:
        return {
            "material_id": self.material_id,
            "title": self.title,
            "min_chars": self.min_chars,
            "chars": self.chars,
            "shared_chars": self.shared_chars,
            "share": round(self.share, 4),
            "sources_compared": self.sources_compared,
            "sections": [{**asdict(s), "share": round(s.share, 4)} for s in self.sections],
            "matches": [{**asdict(m), "unit_share": round(m.unit_share, 4)} for m in self.matches],
            "repeated_problems": [{**asdict(r), "share": round(r.share, 4)} for r in self.repeated],
            "skipped_files": [{"file": p, "reason": r} for p, r in self.skipped_files],
        }


def _percent(share: float) -> str:
    return f"{share * 100:.0f}%"


def format_report(report: SimilarityReport, *, sources_per_span: int = 3) -> str:
    """Chinese text: the whole score, per section, each shared span of this material with the
    sources that hold it (the first few), the repeated problems, skipped files."""
    lines = [
        f"查重：材料 {report.material_id}《{report.title or '无标题'}》",
        f"重复字数 {report.shared_chars} / {report.chars}（{_percent(report.share)}），"
        f"连续相同 ≥ {report.min_chars} 字计入；比对来源 {report.sources_compared} 份",
        "",
        "分部分：",
    ]
    for s in report.sections:
        lines.append(f"  {s.label}：{s.shared_chars} / {s.chars}（{_percent(s.share)}）")
    by_span: dict[tuple, list[Match]] = {}
    for m in report.matches:
        key = (m.span.path, m.span.start, m.span.end)
        by_span.setdefault(key, []).append(m)
    lines += ["", f"相同段落（{len(by_span)} 处）："]
    for (path, start, end), group in by_span.items():
        lines.append(f"  【{path} {start}-{end}】{group[0].span.text}")
        for m in group[:sources_per_span]:
            where = m.source_span
            node = f"节点 {where.node_id} " if where.node_id is not None else ""
            listed = where.field in ("text", "preamble", "closing", "intro")
            para = f"第{where.paragraph + 1}段 " if listed else ""
            lines.append(
                f"    ← {RELATION_NAMES[m.source.relation]} {m.source.label()} "
                f"{node}{where.field} {para}{where.start}-{where.end}"
                f"（该条与此来源重复 {_percent(m.unit_share)}）"
            )
        if len(group) > sources_per_span:
            lines.append(f"    … 另有 {len(group) - sources_per_span} 处来源")
    if report.repeated:
        lines += ["", "与上年重复的问题："]
        for r in report.repeated:
            last = f"上年要点 节点 {r.last_point_id}，" if r.last_point_id is not None else ""
            measures = "、".join(f"节点 {m}" for m in r.measure_ids) or "未关联"
            lines.append(
                f"  {r.path}「{r.title}」与 {r.source.label()} 重复 {_percent(r.share)}；"
                f"{last}对应整改措施：{measures}；"
                f"{RECTIFICATION_NAMES.get(r.rectification, r.rectification)}"
            )
    for path, reason in report.skipped_files:
        lines.append(f"未比对文件 {path}：{reason}")
    return "\n".join(lines) + "\n"
