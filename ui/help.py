"""帮助 → 使用说明: the five common tasks (the README's 常用操作) inside the program, offline.

The text lives in ``resources/help/usage_<lang>.html`` (Chinese, and English for ``--lang en``):
prose of this length reads and reviews better as a page than as dozens of ``tr()`` fragments.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from app.resources import resource_path


def usage_html() -> str:
    """The page in the interface language (Chinese unless the interface is English)."""
    english = QLocale().language() == QLocale.Language.English
    page = resource_path("help", "usage_en.html" if english else "usage_zh_CN.html")
    try:
        return page.read_text(encoding="utf-8")
    except OSError:  # a broken installation: say so instead of an empty window
        return QCoreApplication.translate(
            "HelpDialog", "The help page is missing; reinstall the program."
        )


class HelpDialog(QDialog):
    """使用说明; objectNames: helpDialog, helpText."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("helpDialog")
        self.setWindowTitle(self.tr("How to use"))
        self.resize(640, 560)
        self.text = QTextBrowser(self)
        self.text.setObjectName("helpText")
        self.text.setOpenLinks(False)  # offline: nothing to follow
        self.text.setHtml(usage_html())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text, 1)
        layout.addWidget(buttons)


def show_help(parent: QWidget | None = None) -> HelpDialog:
    """Open 使用说明 modally; returns it for tests."""
    dialog = HelpDialog(parent)
    dialog.exec()
    return dialog
