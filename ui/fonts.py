"""Fonts of the editor: the same 仿宋 body face as the PDF, so the screen looks like the paper.

The body family is an installed office 仿宋 face, else the bundled FandolFang (registered with
QFontDatabase on first use, only that file), else a Song/Ming face, else the system font. The
interface uses a CJK sans so menus and the outline do not fall back to a thin Ming face.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtGui import QFont, QFontDatabase

from app.resources import resource_path

FONT_SUFFIXES = (".ttf", ".otf", ".ttc")
# Preferred body faces, best first: office 仿宋, then the bundled FandolFang, then Song/Ming faces
# that at least read like print.
BODY_FAMILIES = (
    "仿宋_GB2312",
    "FangSong_GB2312",
    "仿宋",
    "FangSong",
    "STFangsong",
    "DZ FandolFang",
    "FandolFang",
    "AR PL UMing CN",
    "Noto Serif CJK SC",
)
UI_FAMILIES = ("Noto Sans CJK SC", "WenQuanYi Micro Hei", "Droid Sans Fallback")
# 3号 is 16 pt on paper; on screen a little smaller keeps a paragraph in view.
BODY_POINT_SIZE = 14


@cache
def register_bundled(pattern: str) -> tuple[str, ...]:
    """Add the bundled font files matching ``pattern`` (e.g. ``*Fang*``) to the application
    font database; returns their families. Only what the editor shows is registered."""
    folder = resource_path("fonts")
    families: list[str] = []
    if not folder.is_dir():
        return ()
    for path in sorted(folder.glob(pattern)):
        if path.suffix.lower() not in FONT_SUFFIXES:
            continue
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id >= 0:
            families.extend(QFontDatabase.applicationFontFamilies(font_id))
    return tuple(families)


def _first_available(candidates: tuple[str, ...]) -> str | None:
    available = set(QFontDatabase.families())
    return next((name for name in candidates if name in available), None)


@cache
def body_family() -> str | None:
    """Installed office 仿宋 first (what the PDF prefers too), then the bundled FandolFang."""
    installed = _first_available(BODY_FAMILIES[:5])
    if installed:
        return installed
    bundled = register_bundled("*Fang*")
    return bundled[0] if bundled else _first_available(BODY_FAMILIES)


def body_font(point_size: int = BODY_POINT_SIZE) -> QFont:
    """The paper body face at a screen size; the system font when no CJK face is found."""
    family = body_family()
    font = QFont(family) if family else QFont()
    font.setPointSize(point_size)
    return font


@cache
def ui_family() -> str | None:
    """A CJK sans for the interface (menus, tree, labels): installed, else the bundled Hei."""
    installed = _first_available(UI_FAMILIES)
    if installed:
        return installed
    bundled = register_bundled("DZHei*")
    return bundled[0] if bundled else None
