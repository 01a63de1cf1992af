"""The About dialog (帮助 → 关于对照): version, licence, third-party notices, the input-method
diagnostics (输入法: why Chinese can or cannot be typed, what to do); and the app icon.

The notices list what a built Duizhao actually ships: the libraries it runs on and the fonts in
``resources/fonts/`` (their licence texts sit beside them; ``resources/fonts/README.md`` says what
was changed in each). ``FONT_NOTICES`` must name every bundled font file — a test checks it.
"""

from __future__ import annotations

import html
import platform
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, qVersion
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
)

from app import __version__
from app.resources import license_path, resource_path
from ui.icons import ICON_SIZES, app_icon  # noqa: F401  (re-exported: older callers import it here)

APP_LICENCE = "GPL-3.0-or-later"


@dataclass(frozen=True)
class Notice:
    name: str
    licence: str
    note: str
    distribution: str  # package metadata name (or python / sqlite), for the version shown


LIBRARY_NOTICES = (
    Notice(
        "Qt 6 / PySide6 (Qt for Python)",
        "LGPL-3.0-only",
        "The Qt Company; used as unmodified shared libraries in the program folder, which "
        "may be replaced by your own build. Source: download.qt.io",
        "PySide6",
    ),
    Notice("Python", "PSF-2.0", "Python Software Foundation", "python"),
    Notice("ReportLab", "BSD-3-Clause", "ReportLab Inc.", "reportlab"),
    Notice("rl_accel", "BSD-3-Clause", "ReportLab Inc.; used by ReportLab", "rl_accel"),
    Notice("python-docx", "MIT", "Steve Canny", "python-docx"),
    Notice("lxml", "BSD-3-Clause", "used by python-docx", "lxml"),
    Notice("sqlite-utils", "Apache-2.0", "Simon Willison", "sqlite-utils"),
    Notice("SQLite", "Public domain", "", "sqlite"),
    Notice("platformdirs", "MIT", "", "platformdirs"),
    Notice("charset-normalizer", "MIT", "", "charset-normalizer"),
    Notice("fontTools", "MIT", "", "fonttools"),
    Notice("tomli-w", "MIT", "Taneli Hukkinen", "tomli-w"),
    Notice("openpyxl", "MIT", "Eric Gazoni, Charlie Clark", "openpyxl"),
    Notice("et-xmlfile", "MIT", "used by openpyxl", "et-xmlfile"),
    Notice("Pillow", "MIT-CMU", "used by ReportLab", "pillow"),
    Notice("click", "BSD-3-Clause", "used by sqlite-utils", "click"),
    Notice("click-default-group", "BSD-3-Clause", "used by sqlite-utils", "click-default-group"),
    Notice(
        "python-dateutil", "Apache-2.0 / BSD-3-Clause", "used by sqlite-utils", "python-dateutil"
    ),
    Notice("pluggy", "MIT", "used by sqlite-utils", "pluggy"),
    Notice("sqlite-fts4", "Apache-2.0", "used by sqlite-utils", "sqlite-fts4"),
    Notice("tabulate", "MIT", "used by sqlite-utils", "tabulate"),
    Notice("typing_extensions", "PSF-2.0", "used by python-docx", "typing_extensions"),
)

# file → (family as shown, licence, licence files beside it in resources/fonts/)
FONT_NOTICES = {
    "DZFang-Regular.ttf": (
        "FandolFang 仿宋",
        "GPL-3.0 with font exception",
        ("LICENSE-Fandol-GPL-3.0.txt", "LICENSE-Fandol-font-exception.txt"),
    ),
    "DZSong-Regular.ttf": (
        "FandolSong 宋体",
        "GPL-3.0 with font exception",
        ("LICENSE-Fandol-GPL-3.0.txt", "LICENSE-Fandol-font-exception.txt"),
    ),
    "DZSerifSC-Bold.ttf": (
        "Noto Serif CJK SC Bold 思源宋体",
        "SIL OFL 1.1",
        ("COPYRIGHT-fonts-noto-cjk-OFL-1.1.txt",),
    ),
    "DZHei-Regular.ttf": (
        "WenQuanYi Micro Hei 文泉驿微米黑",
        "Apache-2.0",
        ("LICENSE-Apache-2.0.txt", "COPYRIGHT-fonts-wqy-microhei.txt"),
    ),
    "DZFallbackHei-Regular.ttf": (
        "WenQuanYi Micro Hei 文泉驿微米黑",
        "Apache-2.0",
        ("LICENSE-Apache-2.0.txt", "COPYRIGHT-fonts-wqy-microhei.txt"),
    ),
    "DZKai-Regular.ttf": (
        "AR PL KaitiM GB 文鼎楷体",
        "Arphic Public License",
        ("LICENSE-Arphic-Public-License.txt", "COPYRIGHT-fonts-arphic-gkai00mp.txt"),
    ),
    "DZFallbackMing-Regular.ttf": (
        "AR PL UMing CN 文鼎明体",
        "Arphic Public License",
        ("LICENSE-Arphic-Public-License.txt", "COPYRIGHT-fonts-arphic-uming.txt"),
    ),
}


def _version_of(distribution: str) -> str:
    """The version actually running: Qt's own, CPython's, SQLite's, else the package's."""
    if distribution == "PySide6":
        return qVersion()
    if distribution == "python":
        return platform.python_version()
    if distribution == "sqlite":
        from app.library import SQLITE_VERSION

        return SQLITE_VERSION
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:  # metadata not bundled: show the name only
        return ""


def license_file() -> Path:
    """The GPL text (the repository's LICENSE; app.resources knows where each install keeps it)."""
    return license_path()


def notices_html() -> str:
    """The third-party notices as HTML (plain tables: QTextBrowser renders little CSS)."""
    e = html.escape
    rows = [
        f"<tr><td>{e(n.name)} {e(_version_of(n.distribution))}</td><td>{e(n.licence)}</td>"
        f"<td>{e(n.note)}</td></tr>"
        for n in LIBRARY_NOTICES
    ]
    fonts_dir = resource_path("fonts")
    font_rows = [
        f"<tr><td>{e(family)}</td><td>{e(licence)}</td>"
        f"<td>{e(file)}: {e(', '.join(texts))}</td></tr>"
        for file, (family, licence, texts) in FONT_NOTICES.items()
    ]
    # plain calls, outside the f-strings, so that lupdate finds the strings
    component, licence_head = _tr("Component"), _tr("Licence")
    libraries, fonts = _tr("Third-party software"), _tr("Bundled fonts")
    modified = _tr("Modified (subset, renamed) as described in %1.").replace("%1", "README.md")
    texts_at = _tr("Licence texts: %1").replace("%1", str(fonts_dir))
    head = f"<tr><th>{e(component)}</th><th>{e(licence_head)}</th><th></th></tr>"
    table = "<table cellspacing='0' cellpadding='3'>"
    return (
        f"<h3>{e(libraries)}</h3>{table}{head}{''.join(rows)}</table>"
        f"<h3>{e(fonts)}</h3><p>{e(modified)}</p>{table}{head}{''.join(font_rows)}</table>"
        f"<p>{e(texts_at)}</p>"
    )


def _tr(text: str) -> str:
    # lupdate files these under the empty context; ui.i18n's translator looks there too
    return QCoreApplication.translate("AboutDialog", text)


def input_method_html() -> str:
    """输入法: which input context Qt uses, what to do if Chinese cannot be typed, and the facts
    behind it (the environment as the program found it, what start-up set for Qt)."""
    from ui import input_method

    e = html.escape
    diagnosis = input_method.diagnose()
    not_set = _tr("(not set)")
    running = ", ".join(diagnosis.running) or _tr("none found")
    changes = "; ".join(f"{k}={v}" for k, v in diagnosis.changes.items()) or _tr("nothing")
    facts = [
        (_tr("Input context in use"), input_method.active_label(diagnosis.active)),
        (_tr("Qt platform"), diagnosis.platform_name),
        (_tr("Input method programs running"), running),
        (_tr("Start-up route"), diagnosis.route),
        (_tr("Set for Qt at start-up"), changes),
    ]
    fact_rows = "".join(f"<tr><td>{e(name)}</td><td>{e(value)}</td></tr>" for name, value in facts)
    env_rows = "".join(
        f"<tr><td><code>{e(name)}</code></td><td>{e(value if value is not None else not_set)}</td><"
        f"/tr>"
        for name, value in diagnosis.user_environment.items()
    )
    what_to_do, environment = _tr("What to do"), _tr("Environment")
    table = "<table cellspacing='0' cellpadding='3'>"
    return (
        f"<h3>{e(what_to_do)}</h3><p>{e(input_method.advice(diagnosis))}</p>"
        f"{table}{fact_rows}</table>"
        f"<h3>{e(environment)}</h3>{table}{env_rows}</table>"
    )


class AboutDialog(QDialog):
    """关于对照: name, version, licence, notices, input method. objectNames: aboutVersion,
    aboutNotices, aboutInputMethod (tabs: aboutTabs)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("aboutDialog")
        self.setWindowTitle(self.tr("About Duizhao"))
        self.resize(640, 520)
        icon = QLabel()
        icon.setPixmap(QPixmap(str(resource_path("icons", "duizhao-64.png"))))
        name = self.tr("Duizhao")  # the name in Latin letters only in the English interface
        title = QLabel(f"<b style='font-size:16pt'>{name}</b>")
        title.setTextFormat(Qt.TextFormat.RichText)
        self.version_label = QLabel(self.tr("Version %1").replace("%1", __version__))
        self.version_label.setObjectName("aboutVersion")
        self.version_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        purpose = QLabel(self.tr("An offline editor for 对照检查材料 (self-examination reports)."))
        purpose.setWordWrap(True)
        self.licence_label = QLabel(
            self.tr(
                "Licence: %1. This program is free software: you may redistribute it and/or modify "
                "it under the terms of the GNU General Public License, version 3 or (at your "
                "option) any later version. It comes with ABSOLUTELY NO WARRANTY. Full text: %2"
            )
            .replace("%1", APP_LICENCE)
            .replace("%2", str(license_file()))
        )
        self.licence_label.setObjectName("aboutLicence")
        self.licence_label.setWordWrap(True)
        self.licence_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.notices = QTextBrowser()
        self.notices.setObjectName("aboutNotices")
        self.notices.setOpenLinks(False)  # offline: nothing to follow
        self.notices.setHtml(notices_html())
        self.input_method_view = QTextBrowser()
        self.input_method_view.setObjectName("aboutInputMethod")
        self.input_method_view.setHtml(input_method_html())
        self.tabs = QTabWidget()
        self.tabs.setObjectName("aboutTabs")
        self.tabs.addTab(self.notices, self.tr("Notices"))
        self.tabs.addTab(self.input_method_view, self.tr("Input method"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)

        header = QHBoxLayout()
        header.addWidget(icon)
        names = QVBoxLayout()
        names.addWidget(title)
        names.addWidget(self.version_label)
        header.addLayout(names, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(purpose)
        layout.addWidget(self.licence_label)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(buttons)


def show_about(parent=None) -> AboutDialog:
    """Open the About dialog modally (帮助 → 关于对照); returns it for tests."""
    dialog = AboutDialog(parent)
    dialog.exec()
    return dialog
