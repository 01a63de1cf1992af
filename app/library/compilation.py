"""What a 汇编 (compilation, issue 17) needs to list and order materials without loading each
tree: title, scope, author, 职务 and rank. ``CompilationListing`` is mixed into
``app.library.Library`` (which provides ``db``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from app.library.records import CompileEntry


def compile_order_key(entry) -> tuple:
    """班子 first, then members by rank (unranked after the ranked), then as listed.
    Works on a ``CompileEntry`` or a ``Material`` (same field names)."""
    return (entry.scope != "group", entry.rank == 0, entry.rank)


class CompilationListing:
    def list_compile_entries(self, ids: list[int] | None = None) -> list[CompileEntry]:
        """Materials not in the trash (or those of ``ids``, in any state, unknown ids left out),
        in compile order: 班子 first, then members by rank, then newest first."""
        from app.library.records import CompileEntry

        where, params = "WHERE trashed = 0", []
        if ids is not None:
            where = f"WHERE id IN ({', '.join('?' for _ in ids)})" if ids else "WHERE 0"
            params = list(ids)
        cursor = self.db.execute(
            "SELECT id, title, organization, scope, author, job_title, rank, year, meeting, date,"
            f" word_count FROM materials {where} ORDER BY updated DESC, id DESC",
            params,
        )
        entries = [CompileEntry(*row) for row in cursor.fetchall()]
        return sorted(entries, key=compile_order_key)  # stable: newest first within a place
