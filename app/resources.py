"""Where the bundled resources (templates, fonts, translations, icons, checks data) live.

One helper for every way the program runs, in this order:

- ``DUIZHAO_RESOURCES`` (a folder laid out like ``resources/``) overrides everything;
- a PyInstaller bundle: ``<sys._MEIPASS>/resources``;
- an installed wheel or an editable install: the package ``duizhao_resources``, which is the
  repository's ``resources/`` folder shipped as package data (pyproject.toml maps the name),
  found through its import spec;
- a source checkout run without installing (``PYTHONPATH=.``): ``resources/`` beside ``app/``.

Everything found here is read only: the program never writes into an installation (caches and
compiled translations go to the user's cache folder).
"""

from __future__ import annotations

import os
import sys
from functools import cache
from importlib.util import find_spec
from pathlib import Path

PACKAGE = "duizhao_resources"
DISTRIBUTION = "duizhao"
_CHECKOUT = Path(__file__).resolve().parent.parent


def resource_dir() -> Path:
    override = os.environ.get("DUIZHAO_RESOURCES")
    if override:
        return Path(override)
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen) / "resources"
    return _package_dir()


def resource_path(*parts: str) -> Path:
    return resource_dir().joinpath(*parts)


@cache
def _package_dir() -> Path:
    # The package's folder from its import spec: what importlib.resources.files() gives for a
    # regular package on disk (wheels are always unpacked), without importing it nor
    # importlib.resources' readers and zipfile (≈ 10 M instructions of a one-page export).
    # The callers glob, stat and hand paths to Qt and ReportLab, which need a real path.
    spec = find_spec(PACKAGE)
    if spec is None or not spec.submodule_search_locations:  # not installed: a checkout
        return _CHECKOUT / "resources"
    return Path(next(iter(spec.submodule_search_locations))).resolve()


def installed() -> bool:
    """True when the resources are an installed copy (wheel), not the repository's folder.

    An installed copy never changes after installation, so whatever was built into it (the .qm
    translation) is current; in the repository a source file may be newer than what was built
    from it."""
    if os.environ.get("DUIZHAO_RESOURCES") or getattr(sys, "_MEIPASS", None):
        return False
    return _package_dir() != _CHECKOUT / "resources"


def license_path() -> Path:
    """The GPL text: the repository's LICENSE (also placed beside resources/ in the frozen
    build), or for a wheel the copy setuptools puts into the installed metadata."""
    beside = resource_dir().parent / "LICENSE"
    if beside.is_file() or not installed():
        return beside
    from importlib import metadata  # ~10 ms of imports: only the About dialog asks

    try:
        files = metadata.distribution(DISTRIBUTION).files or []
    except metadata.PackageNotFoundError:
        return beside
    for entry in files:
        if entry.name == "LICENSE" and ".dist-info" in str(entry):
            return Path(entry.locate()).resolve()
    return beside
