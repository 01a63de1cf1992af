"""One version, from app/__init__.py: pyproject reads it, the CLI prints it, the AppStream
release and the packages carry it (About is tested in tests/ui/test_about.py)."""

from __future__ import annotations

import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path

import app
from app.cli import main as cli_main

REPO = Path(__file__).resolve().parents[2]


def test_pyproject_takes_its_version_from_the_app_package():
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    assert "version" not in project["project"]
    assert "version" in project["project"]["dynamic"]
    assert project["tool"]["setuptools"]["dynamic"]["version"] == {"attr": "app.__version__"}


def test_cli_version_prints_the_app_version(capsys):
    assert cli_main(["--version"]) == 0
    assert capsys.readouterr().out.strip() == f"duizhao-cli {app.__version__}"


def test_newest_appstream_release_is_the_app_version():
    root = ET.parse(REPO / "packaging" / "linux" / "org.duizhao.Duizhao.metainfo.xml").getroot()
    releases = root.find("releases").findall("release")
    assert releases[0].get("version") == app.__version__, (
        "add a <release> for the new version to the metainfo"
    )
