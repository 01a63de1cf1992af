"""The application icon, kept apart from the About dialog so start-up need not import it."""

from __future__ import annotations

from PySide6.QtGui import QIcon

from app.resources import resource_path

ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def app_icon() -> QIcon:
    """The seal icon at every size we ship (PNG: needs no SVG plugin in the frozen build).

    QIcon reads each file only when that size is first drawn, so this costs no decoding here."""
    icon = QIcon()
    for size in ICON_SIZES:
        path = resource_path("icons", f"duizhao-{size}.png")
        if path.exists():
            icon.addFile(str(path))
    return icon
