"""帮助 → 关于对照: version, licence, third-party notices that match what is bundled; the icon."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import app
from ui.about import FONT_NOTICES, AboutDialog, app_icon, license_file, notices_html
from ui.i18n import install_translators, remove_translators

REPO = Path(__file__).resolve().parents[2]
FONTS = REPO / "resources" / "fonts"


@pytest.fixture
def about(qtbot):
    dialog = AboutDialog()
    qtbot.addWidget(dialog)
    return dialog


def test_about_shows_the_program_version(about):
    assert about.version_label.text().endswith(app.__version__)
    assert re.search(r"\d+\.\d+\.\d+", about.version_label.text())


def test_about_states_the_licence_and_where_its_full_text_is(about):
    text = about.licence_label.text()
    assert "GPL-3.0-or-later" in text and "NO WARRANTY" in text
    assert str(license_file()) in text
    assert "GNU GENERAL PUBLIC LICENSE" in license_file().read_text(encoding="utf-8")[:200]


@pytest.mark.parametrize(
    "name, licence",
    [
        ("Qt 6 / PySide6", "LGPL-3.0"),
        ("ReportLab", "BSD-3-Clause"),
        ("python-docx", "MIT"),
        ("sqlite-utils", "Apache-2.0"),
        ("platformdirs", "MIT"),
        ("charset-normalizer", "MIT"),
        ("fontTools", "MIT"),
    ],
)
def test_notices_name_each_library_with_its_licence(name, licence):
    # one table row: "<name> <version></td><td><licence>"
    row = re.search(re.escape(name) + r"[^<]*</td><td>([^<]*)</td>", notices_html())
    assert row is not None, f"{name} missing from the notices"
    assert licence in row.group(1)


def test_notices_show_the_running_versions_of_qt_and_reportlab():
    from PySide6.QtCore import qVersion
    from reportlab import Version as reportlab_version

    text = notices_html()
    assert f"(Qt for Python) {qVersion()}" in text
    assert f"ReportLab {reportlab_version}" in text


def test_every_bundled_font_is_in_the_notices_with_licence_files_that_exist():
    bundled = sorted(p.name for p in FONTS.glob("*.ttf"))
    assert bundled, "no bundled fonts found"
    assert sorted(FONT_NOTICES) == bundled
    text = notices_html()
    for file, (family, licence, texts) in FONT_NOTICES.items():
        assert family in text and licence in text and file in text
        for name in texts:
            assert (FONTS / name).is_file(), f"{file}: licence text {name} is missing"


def test_notices_are_shown_in_the_dialog(about):
    shown = about.notices.toPlainText()
    assert "ReportLab" in shown and "SIL OFL 1.1" in shown and "Arphic" in shown


def test_help_menu_about_opens_the_dialog(main_window, monkeypatch):
    opened = []
    monkeypatch.setattr(AboutDialog, "exec", lambda self: opened.append(self) or 0)
    action = main_window.findChild(type(main_window.actions_by_name["actionAbout"]), "actionAbout")
    action.trigger()
    assert len(opened) == 1
    assert opened[0].parent() is main_window
    assert opened[0].version_label.text().endswith(app.__version__)


def test_about_title_is_chinese_in_the_chinese_interface(qapp, qtbot):
    install_translators(qapp, "zh_CN")
    try:
        dialog = AboutDialog()
        qtbot.addWidget(dialog)
        assert dialog.windowTitle() == "关于对照"
    finally:
        remove_translators(qapp)


def test_app_icon_has_every_size_and_is_the_red_seal(qapp):
    icon = app_icon()
    sizes = {s.width() for s in icon.availableSizes()}
    assert sizes == {16, 24, 32, 48, 64, 128, 256, 512}
    for size in (16, 256):
        image = icon.pixmap(size, size).toImage()
        corner = image.pixelColor(0, 0)  # outside the rounded square: transparent
        seal = image.pixelColor(size // 2, int(size * 0.07))  # in the red border, above the frame
        assert corner.alpha() < 64
        assert seal.alpha() == 255 and seal.red() > 150 and seal.green() < 80 and seal.blue() < 80


def test_every_runtime_dependency_has_a_notice():
    """A library added to pyproject.toml without its licence in 关于 would ship unacknowledged."""
    import tomllib

    from ui.about import LIBRARY_NOTICES

    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    required = {re.split(r"[<>=!~;\[ ]", dep, maxsplit=1)[0] for dep in project["dependencies"]}

    def canonical(name: str) -> str:
        return re.sub(r"[-_.]+", "-", name).lower()

    noticed = {canonical(notice.distribution) for notice in LIBRARY_NOTICES}
    assert {canonical(name) for name in required} - noticed == set()
