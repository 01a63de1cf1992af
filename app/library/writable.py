"""Imported for its effect: loads sqlite_utils, which only a writable open needs (read-only CLI
commands never import it). The window imports this before PySide6, whose import hook reads the
source of every module imported after it: sqlite_utils' ~40 modules would cost ≈20 ms more."""

import sqlite_utils  # noqa: F401
