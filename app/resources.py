"""Where the bundled resources (templates, fonts, translations, icons) live.

One helper for every way the program runs: from a source checkout or editable install, and
from a PyInstaller bundle (``sys._MEIPASS``). ``DUIZHAO_RESOURCES`` overrides both.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path


def resource_dir() -> Path:
    override = os.environ.get("DUIZHAO_RESOURCES")
    if override:
        return Path(override)
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def resource_path(*parts: str) -> Path:
    return resource_dir().joinpath(*parts)
