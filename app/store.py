# Compatibility alias: DESIGN §6 promises users' automation `app.store.Library.open(path)`.
from app.library import Library, MaterialSummary, SearchHit, TrashEntry  # noqa: F401
