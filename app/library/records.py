"""The records ``Library`` methods return (list rows, search hits, backups, snapshots, 汇编
entries, 查重 sources): frozen dataclasses, exported by ``app.library``.

Kept apart from the methods that build them and imported by those methods: building a dataclass
compiles its generated methods (≈ 3–6 M instructions each), which a read-only CLI export — it
only opens the library and reads one material — never needs."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path


@dataclass(frozen=True)
class MaterialSummary:
    id: int
    title: str
    organization: str
    year: int | None
    meeting: str
    template_id: str
    created: str  # ISO 8601, local time with offset, seconds precision
    updated: str
    word_count: int
    dimension_count: int
    point_count: int
    trashed: bool
    author: str = ""  # tells apart materials of the same title (the library list)


@dataclass(frozen=True)
class TrashEntry:
    id: int
    material_id: int
    kind: str  # "material" | "section" | "dimension" | "point"
    label: str  # a short human label, e.g. the point title or material title
    deleted: str  # ISO time


@dataclass(frozen=True)
class SearchHit:
    material_id: int
    material_title: str
    node_id: int | None  # None when the hit is in the material's own fields (title, preamble)
    field: str  # "title" | "body" | "example" | "heading" | "intro" | "preamble" | "closing" ...
    snippet: str  # about 40 characters around the hit, with the hit wrapped in 【】


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    created: datetime  # local time, from the file name
    label: str  # "" (manual), "auto", "before-migration", "before-restore"
    size: int  # bytes
    material_count: int | None  # None when the backup cannot be read


@dataclass(frozen=True)
class CompileEntry:
    id: int
    title: str
    organization: str
    scope: str  # "group" (班子) | "individual"
    author: str
    job_title: str
    rank: int  # 0: not set
    year: int | None
    meeting: str
    date: str
    word_count: int


@dataclass(frozen=True)
class SnapshotInfo:
    id: int
    material_id: int
    name: str
    created: str
    word_count: int


@dataclass(frozen=True)
class IndexedMaterial:
    """A material as 查重 sees a source: who wrote it, when, and its indexed texts in stream
    order (``stream_order``) as ``(key, node_id | None, field, paragraphs)``."""

    id: int
    title: str
    organization: str
    author: str
    year: int | None
    fields: list[tuple[int, int | None, str, list[str]]]
