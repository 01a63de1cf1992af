"""Frozen entry of the windowed editor (PyInstaller needs a script; the logic is ui.main)."""

import sys

from ui.main import main

if __name__ == "__main__":
    sys.exit(main())
