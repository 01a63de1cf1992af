"""The PySide6 None-leak: pyproject keeps 6.12.x off CPython < 3.12, and the guard that would
rescue such an install anyway acts only there, logging once (ui/refcount_guard.py)."""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement

from ui import refcount_guard

REPO = Path(__file__).resolve().parents[2]


def pyside_requirements(python_version: str) -> list[Requirement]:
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    env = {"python_version": python_version, "python_full_version": f"{python_version}.0"}
    wanted = [Requirement(line) for line in project["dependencies"]]
    return [
        r
        for r in wanted
        if r.name.lower() == "pyside6" and (r.marker is None or r.marker.evaluate(env))
    ]


@pytest.mark.parametrize(
    "python, allowed, refused",
    [
        ("3.11", ["6.11.3", "6.6.0"], ["6.12.0", "6.12.1", "6.13.0"]),
        ("3.12", ["6.11.3", "6.12.0"], []),
        ("3.13", ["6.12.0"], []),
    ],
)
def test_pip_gets_a_pyside6_without_the_none_leak_on_python_before_3_12(python, allowed, refused):
    requirements = pyside_requirements(python)
    assert len(requirements) == 1, requirements  # exactly one PySide6 line applies
    specifier = requirements[0].specifier
    assert all(specifier.contains(v) for v in allowed), (python, str(specifier))
    assert not any(specifier.contains(v) for v in refused), (python, str(specifier))


def test_the_guard_acts_only_for_pyside6_6_12_on_python_before_3_12():
    assert refcount_guard.affected((6, 12, 0), (3, 11, 9))
    assert refcount_guard.affected((6, 12, 3), (3, 10, 0))
    assert not refcount_guard.affected((6, 11, 3), (3, 11, 9))
    assert not refcount_guard.affected((6, 12, 0), (3, 12, 0))
    assert not refcount_guard.affected((6, 13, 0), (3, 11, 9))


def test_on_the_pinned_pyside6_the_guard_does_nothing(caplog):
    if refcount_guard.affected(refcount_guard._pyside_version(), sys.version_info):
        pytest.fail("this environment has PySide6 6.12 on Python < 3.12, which pyproject refuses")
    before = sys.getrefcount(None)
    assert refcount_guard.guard_none_refcount() is False
    assert sys.getrefcount(None) < before + 1000  # not lifted
    assert not caplog.records


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="None is immortal from CPython 3.12")
def test_when_the_leak_is_there_none_is_lifted_and_it_is_logged_once():
    code = (
        "import logging, sys\n"
        "logging.basicConfig(format='%(levelname)s %(message)s')\n"
        "from ui import refcount_guard as g\n"
        "g._pyside_version = lambda: (6, 12, 0)\n"  # an install the pin did not keep away
        "g._leaks_none = lambda: True\n"
        "print(g.guard_none_refcount(), g.guard_none_refcount(), sys.getrefcount(None) > "
        "g._NONE_FLOOR)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=REPO,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        timeout=60,
    )
    assert done.stdout.split() == ["True", "True", "True"], done.stderr
    warnings = [line for line in done.stderr.splitlines() if line.startswith("WARNING")]
    assert len(warnings) == 1 and "PySide6 6.12.0" in warnings[0] and "<6.12" in warnings[0]
