"""Library — 材料库: one SQLite file holding many materials. The only module that speaks SQL.

CONTRACT (other modules code against exactly this; keep signatures stable):
- Every public write is one ``db.atomic()`` transaction: it either fully happens or not at all.
- Every write bumps the material's ``updated`` time and cached counts in the same transaction.
- Node ids are stable for the life of a node; a restored node (trash, undo) gets its old id back
  when that id is free.
- Nothing here imports Qt; the UI refreshes itself from return values.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from app.model import Dimension, Material, Point, Section

NodeKind = str  # "section" | "dimension" | "point"


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


@dataclass(frozen=True)
class TrashEntry:
    id: int
    material_id: int
    kind: str  # "material" | "section" | "dimension" | "point"
    label: str  # a short human label, e.g. the point title or material title
    deleted: str  # ISO time


@dataclass(frozen=True)
class SnapshotInfo:
    id: int
    material_id: int
    name: str
    created: str
    word_count: int


@dataclass(frozen=True)
class SearchHit:
    material_id: int
    material_title: str
    node_id: int | None  # None when the hit is in the material's own fields (title, preamble)
    field: str  # "title" | "body" | "example" | "heading" | "intro" | "preamble" | "closing" ...
    snippet: str  # about 40 characters around the hit, with the hit wrapped in 【】


class Library:
    path: Path

    @classmethod
    def open(cls, path: str | Path, *, readonly: bool = False) -> Library:
        """Open (creating when missing, mode 0600) a library. Raises LibraryError for a file that
        is not a Duizhao library, fails ``PRAGMA quick_check`` or has a newer schema; such a file
        is never written."""
        raise NotImplementedError

    def close(self) -> None:
        raise NotImplementedError

    # ----- materials ---------------------------------------------------------------------------
    def list_materials(self, *, include_trashed: bool = False) -> list[MaterialSummary]:
        """Newest ``updated`` first."""
        raise NotImplementedError

    def get_material(self, material_id: int) -> Material:
        """The whole tree with ids set on every node and ``Point.links`` filled."""
        raise NotImplementedError

    def create_material(self, material: Material, links: list | None = None) -> int:
        """Store a material (from a template, an importer or JSON). ``links`` are position pairs
        as in ``app.serialize`` (``[[s, d, p], [s, d, p]]``). Returns the new id."""
        raise NotImplementedError

    def create_from_template(self, template_id: str, *, title: str = "", organization: str = "") -> int:
        raise NotImplementedError

    def duplicate_material(
        self, material_id: int, *, template_id: str | None = None, year: int | None = None
    ) -> int:
        """Next year's draft: a copy keeping structure and text. With a different template, the
        problems dimensions are mapped to the new template's by short name/keywords; unmatched
        old dimensions are kept (after the new ones) so no text is lost."""
        raise NotImplementedError

    def update_material(self, material_id: int, **fields) -> None:
        """Fields: title, organization, scope, year, meeting, template_id, author, date,
        preamble (list[str]), closing (list[str]). Unknown field → InputError."""
        raise NotImplementedError

    def replace_material(self, material_id: int, material: Material, links: list | None = None) -> None:
        """Replace the whole content (used by snapshot restore and its undo), keeping the id."""
        raise NotImplementedError

    def trash_material(self, material_id: int) -> int:
        """Soft delete; returns the trash entry id."""
        raise NotImplementedError

    # ----- nodes -------------------------------------------------------------------------------
    def node_kind(self, node_id: int) -> NodeKind:
        raise NotImplementedError

    def node_location(self, node_id: int) -> tuple[int, int | None, int]:
        """(material_id, parent_id or None for a section, position among siblings)."""
        raise NotImplementedError

    def update_node(self, node_id: int, **fields) -> None:
        """section: heading, intro, kind; dimension: heading, short_name, heading_prefix,
        heading_suffix, intro; point: title, body, example, example_lead, example_sep."""
        raise NotImplementedError

    def insert_section(self, material_id: int, position: int, section: Section | None = None) -> int:
        raise NotImplementedError

    def insert_dimension(self, section_id: int, position: int, dimension: Dimension | None = None) -> int:
        raise NotImplementedError

    def insert_point(self, parent_id: int, position: int, point: Point | None = None) -> int:
        """parent is a section or a dimension. Position is clamped to 0..len."""
        raise NotImplementedError

    def move_node(self, node_id: int, new_parent_id: int | None, new_position: int) -> None:
        """Reorder within or across parents of the right kind (points into sections/dimensions,
        dimensions into sections, sections within the material: new_parent_id None).
        ``new_position`` is the index in the destination list *after* removal."""
        raise NotImplementedError

    def duplicate_node(self, node_id: int) -> int:
        """A copy of the node's subtree placed right after it; returns the copy's id."""
        raise NotImplementedError

    def delete_node(self, node_id: int) -> int:
        """Move the subtree to the trash; returns the trash entry id."""
        raise NotImplementedError

    def list_trash(self, material_id: int | None = None) -> list[TrashEntry]:
        raise NotImplementedError

    def restore_from_trash(self, trash_id: int) -> int:
        """Put a node back at its old parent/position (end of the parent if the position is
        gone; the material's first fitting parent if the parent is gone) or un-trash a material.
        Returns the restored node or material id."""
        raise NotImplementedError

    def link_points(self, problem_point_id: int, measure_point_id: int) -> None:
        raise NotImplementedError

    def unlink_points(self, problem_point_id: int, measure_point_id: int) -> None:
        raise NotImplementedError

    # ----- snapshots (revisions) ---------------------------------------------------------------
    def create_snapshot(self, material_id: int, name: str) -> int:
        raise NotImplementedError

    def list_snapshots(self, material_id: int) -> list[SnapshotInfo]:
        raise NotImplementedError

    def get_snapshot(self, snapshot_id: int) -> Material:
        raise NotImplementedError

    def restore_snapshot(self, snapshot_id: int) -> int:
        """Snapshot the current state first (named “恢复前自动保存”), then replace the content.
        Returns the id of that automatic snapshot (so undo can restore it)."""
        raise NotImplementedError

    # ----- search ------------------------------------------------------------------------------
    def search(self, query: str, *, material_id: int | None = None, limit: int = 50) -> list[SearchHit]:
        """FTS5 trigram for queries of ≥3 characters, LIKE below; trashed materials excluded."""
        raise NotImplementedError
