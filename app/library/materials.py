"""The materials half of the ``Library`` API: list, read, create (from a material, a template or
last year's material), change the material's own fields, replace its whole content, move it to
the trash.

Mixed into ``app.library.Library``, which provides ``db``, ``_write``, ``_touch`` and the row
look-ups; every write here is one transaction like the rest of the library. Separate from
``library`` (opening, closing and the transaction discipline every write shares) as the node
editing is in ``nodes``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from app.errors import InputError
from app.library import fields, trash, tree
from app.model import Material
from app.serialize import links_of

if TYPE_CHECKING:  # next year's draft and the records: imported by the methods that use them
    from app.dimension_mapping import Target
    from app.library.records import MaterialSummary


class MaterialMethods:
    # ----- materials ---------------------------------------------------------------------------
    def list_materials(self, *, include_trashed: bool = False) -> list[MaterialSummary]:
        """Newest ``updated`` first."""
        from app.library.records import MaterialSummary

        where = "" if include_trashed else "WHERE trashed = 0"
        cursor = self.db.execute(
            "SELECT id, title, organization, year, meeting, template_id, created, updated,"
            " word_count, dimension_count, point_count, trashed, author"
            f" FROM materials {where} ORDER BY updated DESC, id DESC"
        )
        return [
            MaterialSummary(*row[:-2], trashed=bool(row[-2]), author=row[-1])
            for row in cursor.fetchall()
        ]

    def get_material(self, material_id: int) -> Material:
        """The whole tree with ids set on every node and ``Point.links`` filled."""
        material = tree.load_material(self.db, material_id)
        if material is None:
            raise fields.not_found("材料", "material", material_id)
        return material

    def create_material(self, material: Material, links: list | None = None) -> int:
        """Store a material (from a template, an importer or JSON). ``links`` are position pairs
        as in ``app.serialize`` (``[[s, d, p], [s, d, p]]``). Returns the new id."""
        with self._write():
            return self._insert_material(material, links)

    def _create_many(self, materials: list[tuple[Material, list | None]]) -> list[int]:
        """Bulk path (benchmarks, batch import): many materials in one transaction."""
        with self._write():
            return [self._insert_material(m, links) for m, links in materials]

    def _insert_material(self, material: Material, links: list | None) -> int:
        fields.check_material(material, links)
        stamp = tree.now()
        values = fields.material_values(material)
        values.update(tree.material_counts(material), created=stamp, updated=stamp)
        columns = ", ".join(values)
        marks = ", ".join(f":{c}" for c in values)
        material_id = self.db.execute(
            f"INSERT INTO materials ({columns}) VALUES ({marks})", values
        ).lastrowid
        self._insert_content(material_id, material, links)
        return material_id

    def _insert_content(
        self, material_id: int, material: Material, links: list | None, keep_ids: bool = False
    ) -> None:
        point_ids = tree.insert_sections(self.db, material_id, material, keep_ids)
        tree.insert_position_links(
            self.db, point_ids, links if links is not None else links_of(material)
        )

    def create_from_template(
        self, template_id: str, *, title: str = "", organization: str = ""
    ) -> int:
        from app.templates import get_template, material_from_template

        template = get_template(template_id)
        return self.create_material(material_from_template(template, title, organization))

    def duplicate_material(
        self,
        material_id: int,
        *,
        template_id: str | None = None,
        year: int | None = None,
        title: str | None = None,
        mapping: Sequence[Target] | None = None,
        review: bool = False,
    ) -> int:
        """Next year's draft: a copy keeping structure and text. With a different template, the
        problems dimensions go where ``mapping`` says (one target per old dimension, see
        ``app.dimension_mapping``), else where the suggestion says; no text is lost.

        The copy's year is ``year`` when given, else the new template's year, else unchanged;
        its title ``title`` when given (one transaction: no copy under the old title). Its
        measures start 未开始 with no note; with ``review`` it opens with 上年度整改落实情况
        (``app.previous_rectification``), placed as the template says."""
        # Imported here: the dimension mapping and its succession table cost every open ~18 ms.
        from app.library.duplicate import draft_for_template, known_template
        from app.previous_rectification import has_measures, prepare_draft
        from app.templates import get_template

        source = self.get_material(material_id)
        copy = source
        if template_id is not None and template_id != source.template_id:
            copy = draft_for_template(source, get_template(template_id), mapping)
            copy_template = get_template(template_id)
        else:
            copy_template = known_template(source.template_id)
        if review and not has_measures(source):
            raise InputError(
                "上年度材料没有整改措施，无法列出整改落实情况",
                "last year's material has no measures to report on",
            )
        prepare_draft(copy, source, copy_template, review=review)
        if year is not None:
            copy.year = year
        if title is not None:
            copy.title = title
        return self.create_material(copy, links_of(copy))

    def update_material(self, material_id: int, **changes) -> None:
        """Fields: title, organization, scope, year, meeting, template_id, author, job_title,
        rank, date, preamble (list[str]), closing (list[str]). Unknown field → InputError."""
        values = fields.material_changes(changes)
        with self._write():
            self._material_row(material_id)
            if values:
                sets = ", ".join(f"{c} = :{c}" for c in values)
                self.db.execute(
                    f"UPDATE materials SET {sets} WHERE id = :id", {**values, "id": material_id}
                )
            self._touch(material_id)

    def replace_material(
        self, material_id: int, material: Material, links: list | None = None
    ) -> None:
        """Replace the whole content (used by snapshot restore and its undo), keeping the id.
        Nodes that carry an id get it back (free: the old nodes are gone), so a node restored
        this way is the same node to the trash and to earlier undo steps."""
        fields.check_material(material, links)
        with self._write():
            self._material_row(material_id)
            self.db.execute(
                "DELETE FROM nodes WHERE material_id = ? AND parent_id IS NULL", [material_id]
            )
            values = fields.material_values(material)
            sets = ", ".join(f"{c} = :{c}" for c in values)
            self.db.execute(
                f"UPDATE materials SET {sets} WHERE id = :id", {**values, "id": material_id}
            )
            self._insert_content(material_id, material, links, keep_ids=True)
            self._touch(material_id)

    def trash_material(self, material_id: int) -> int:
        """Soft delete; returns the trash entry id."""
        with self._write():
            row = self._material_row(material_id)
            existing = self.db.execute(
                "SELECT id FROM trash WHERE material_id = ? AND kind = 'material'", [material_id]
            ).fetchone()
            if existing:
                return existing[0]
            self.db.execute("UPDATE materials SET trashed = 1 WHERE id = ?", [material_id])
            self._touch(material_id)
            return self.db.execute(
                "INSERT INTO trash (material_id, kind, label, deleted) VALUES (?, "
                "'material', ?, ?)",
                [material_id, row["title"][: trash.LABEL_CHARS], tree.now()],
            ).lastrowid
