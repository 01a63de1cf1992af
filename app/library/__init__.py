"""The library (材料库): one SQLite file holding many materials. Its face is ``Library``."""

from app.library.library import (
    AUTO_SNAPSHOT_NAME,
    Library,
    MaterialSummary,
    SearchHit,
    SnapshotInfo,
    TrashEntry,
)

__all__ = ["AUTO_SNAPSHOT_NAME", "Library", "MaterialSummary", "SearchHit", "SnapshotInfo", "TrashEntry"]
