"""Frozen entry of the console command line (PyInstaller needs a script; the logic is app.cli)."""

import sys

from app.cli import main

if __name__ == "__main__":
    sys.exit(main())
