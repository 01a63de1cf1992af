"""Collect the interface text a user reads in a widget tree, and find Latin letters in it.

Used by test_chinese_ui_walk.py: every dialog, menu and action of the window must read in Chinese
when the interface language is zh_CN. The walk is generic (every QWidget of a dialog, every
QAction of the window), so dialogs added later are covered as soon as an action reaches them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QAction, QTextDocument
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QDockWidget,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QTabBar,
    QTextEdit,
    QWidget,
)

# Words a Chinese user reads as they are: file formats, keys, standards, paper sizes.
ALLOWED_WORDS = {
    "PDF",
    "Word",
    "Excel",  # the 整改清单 as an Excel (.xlsx) workbook, a name users know like Word
    "DOCX",
    "WPS",
    "TXT",
    "JSON",
    "TOML",
    "XLSX",
    "Markdown",
    "Ctrl",
    "Shift",
    "Alt",
    "Del",
    "Esc",
    "GB",  # GB/T 9704, and the font names 仿宋_GB2312 / 楷体_GB2312 as office software shows them
    "T",
    "A",  # A4
}
_ALLOWED_PATTERNS = (
    re.compile(r"\b(?:Ctrl|Shift|Alt|Meta)(?:\+[A-Za-z0-9]+)+"),  # key sequences: Ctrl+Shift+F
    re.compile(r"\bF(?:[1-9]|1[0-2])\b"),  # function keys
    re.compile(r"\*?\.[a-z0-9]{2,5}\b"),  # file name patterns and suffixes: *.pdf, .docx
    re.compile(r"\(&?[A-Za-z]\)|&(?=[A-Za-z])"),  # a translated label's mnemonic: 文件(&F)
    re.compile(r"\(\*\)"),
    re.compile(r"(?<![A-Za-z])(?:~|[A-Za-z]:)?[/\\][\w.\-/\\]*"),  # a file path: the user's names
)
_WORD = re.compile(r"[A-Za-z]+")


def latin_leaks(text: str, content: frozenset[str] = frozenset()) -> list[str]:
    """The Latin words of ``text`` a Chinese user would not expect (empty when it reads well).
    ``content``: words the user wrote (the material's own pinyin, file names), not ours."""
    for pattern in _ALLOWED_PATTERNS:
        text = pattern.sub(" ", text)
    return [
        w
        for w in _WORD.findall(text)
        if w not in ALLOWED_WORDS and not any(w in c for c in content)  # excerpts cut words
    ]


def content_words(*texts: str) -> frozenset[str]:
    """The Latin words of the user's own text (material, file and folder names)."""
    return frozenset(w for text in texts for w in _WORD.findall(text))


def _plain(text: str) -> str:
    if "<" in text:  # rich text: the words, not the tags
        doc = QTextDocument()
        doc.setHtml(text)
        return doc.toPlainText()
    return text


def _action_texts(action: QAction) -> Iterator[str]:
    yield action.text()
    yield action.toolTip()
    yield action.statusTip()
    yield action.whatsThis()
    menu = action.menu()
    if menu is not None:
        yield from _menu_texts(menu)


def _menu_texts(menu: QMenu) -> Iterator[str]:
    yield menu.title()
    for action in menu.actions():
        yield from _action_texts(action)


def _columns(model, parent: QModelIndex) -> int:
    try:
        return model.columnCount(parent)
    except TypeError:  # a list model keeps columnCount private: one column
        return 1


def _model_texts(view: QAbstractItemView) -> Iterator[str]:
    model = view.model()
    if model is None:
        return
    for orientation in (Qt.Orientation.Horizontal, Qt.Orientation.Vertical):
        count = _columns(model, QModelIndex()) if orientation == Qt.Orientation.Horizontal else 0
        for section in range(count):
            value = model.headerData(section, orientation, Qt.ItemDataRole.DisplayRole)
            if isinstance(value, str):
                yield value
    # The rows the view shows (two levels deep: enough for lists, tables and trees of dialogs)
    stack = [(model.index(r, 0), 0) for r in range(model.rowCount(QModelIndex()))]
    while stack:
        index, depth = stack.pop()
        for column in range(_columns(model, index.parent())):
            cell = index.siblingAtColumn(column)
            for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                value = model.data(cell, role)
                if isinstance(value, str):
                    yield value
        if depth < 1:
            stack += [(model.index(r, 0, index), depth + 1) for r in range(model.rowCount(index))]


def widget_texts(widget: QWidget, skip: frozenset[str] = frozenset()) -> Iterator[tuple[str, str]]:
    """(where, text) for every text of ``widget`` and its children a user can read.

    ``skip``: objectNames whose own content is not interface text (licence notices, which name
    libraries and licences as they are; the environment the input method diagnosis shows)."""
    for child in [widget, *widget.findChildren(QWidget)]:
        where = f"{type(child).__name__}#{child.objectName()}"
        if child.isWindow():
            yield where, child.windowTitle()
        if isinstance(child, QDockWidget):
            yield where, child.windowTitle()
        yield where, child.toolTip()
        yield where, child.statusTip()
        yield where, child.whatsThis()
        for action in child.actions():
            for text in _action_texts(action):
                yield f"{where} action {action.objectName()}", text
        if child.objectName() in skip:
            continue
        if isinstance(child, QLabel):
            yield where, _plain(child.text())
        elif isinstance(child, QAbstractButton):
            yield where, child.text()
        elif isinstance(child, QLineEdit):
            yield where, child.placeholderText()
        elif isinstance(child, QTextEdit):
            yield where, child.placeholderText()
            if child.isReadOnly():
                yield where, child.toPlainText()
        elif isinstance(child, QPlainTextEdit):
            yield where, child.placeholderText()
            if child.isReadOnly():
                yield where, child.toPlainText()
        elif isinstance(child, QComboBox):
            for i in range(child.count()):
                yield where, child.itemText(i)
        elif isinstance(child, QGroupBox):
            yield where, child.title()
        elif isinstance(child, QTabBar):
            for i in range(child.count()):
                yield where, child.tabText(i)
                yield where, child.tabToolTip(i)
        elif isinstance(child, QAbstractSpinBox):
            yield where, child.specialValueText()
        elif isinstance(child, QMenu):
            yield from ((where, t) for t in _menu_texts(child))
        if isinstance(child, QAbstractItemView):
            yield from ((where, t) for t in _model_texts(child))


def leaks_in(
    widget: QWidget, skip: frozenset[str] = frozenset(), content: frozenset[str] = frozenset()
) -> list[str]:
    """``where: text`` for each text of the widget tree with Latin words outside the allow-list."""
    found = []
    for where, text in widget_texts(widget, skip):
        if text and latin_leaks(text, content):
            found.append(f"{where}: {text!r}")
    return sorted(set(found))
