"""Importers: a file (.txt/.md/.docx/.json, old .doc/.wps with consent) → Material.

``read_file`` is the one entry, for the CLI and the window alike (see ``read``)."""

from app.importers.read import LegacyWordError, read_file
from app.importers.structure import ImportReport

__all__ = ["ImportReport", "LegacyWordError", "read_file"]
