"""ReportLab imports Pillow's ``PIL.Image`` as it loads (``reportlab.lib.utils``), ≈20 ms of
every PDF export, for bitmap images Duizhao never embeds. ``defer_pillow_image`` makes that
import lazy: the module is loaded only when something first uses one of its names.
"""

from __future__ import annotations

import importlib.util
import sys


def defer_pillow_image() -> None:
    """Put a lazily loading ``PIL.Image`` in place unless it is imported already; any failure
    leaves the ordinary import to happen (slower, not wrong)."""
    if "PIL.Image" in sys.modules:
        return
    try:
        spec = importlib.util.find_spec("PIL.Image")
        if spec is None or spec.loader is None:
            return
        loader = importlib.util.LazyLoader(spec.loader)
        spec.loader = loader
        module = importlib.util.module_from_spec(spec)
        sys.modules["PIL.Image"] = module
        loader.exec_module(module)
        # As an import binds a submodule on its package: ``from PIL import Image`` then finds
        # it there without looking into it (which would load it).
        sys.modules["PIL"].Image = module
    except Exception:  # an unusual importer (a frozen build): import it the ordinary way
        sys.modules.pop("PIL.Image", None)
        if "PIL" in sys.modules and "Image" in vars(sys.modules["PIL"]):
            del sys.modules["PIL"].Image
