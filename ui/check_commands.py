"""Undoable edits from checks and find/replace, and the link from a field path to the library.

``IgnoreFindingCommand`` hides one finding of a material (undo shows it again);
``RestoreIgnoredCommand`` shows them all again (undo hides the same ones).
``ApplyEditsCommand`` applies several field edits (a fix, a replace-all across dimensions) through
ONE ``Library.apply_edits`` call, so one undo restores them all. The helpers turn the core's
edits ``(node_path, field, value)`` (``app.checks.paths``) into the library's
``(node_id | None, {field: value})``, name a field path the way the outline does
(``一、（二）三是 · Body``), and select a field's characters in the node panel's editor.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QScrollArea, QWidget

from app.checks.paths import Edit, node_at, split_path
from app.errors import InputError
from app.model import Material, node_path_label
from ui.commands import LibraryCommand, field_label
from ui.outline_model import MATERIAL_KEY

NodeEdits = list[tuple[int | None, dict]]


class ApplyEditsCommand(LibraryCommand):
    """Several field edits of one material as one undo step; undo writes the old values back
    the same way (one transaction each direction)."""

    def __init__(
        self, library, material_id: int, new: NodeEdits, old: NodeEdits, text: str, on_error=None
    ):
        super().__init__(library, text, on_error)
        self.material_id, self.new, self.old = material_id, new, old

    def do(self) -> None:
        self.library.apply_edits(self.material_id, self.new)

    def revert(self) -> None:
        self.library.apply_edits(self.material_id, self.old)


class IgnoreFindingCommand(LibraryCommand):
    """Ignore one finding in a material (the checks panel's Ignore): an undoable step like any
    other change the user makes; undo shows the finding again."""

    def __init__(self, library, material_id: int, key: str, text: str, on_error=None):
        super().__init__(library, text, on_error)
        self.material_id, self.key = material_id, key

    def do(self) -> None:
        self.library.set_finding_ignored(self.material_id, self.key, True)

    def revert(self) -> None:
        self.library.set_finding_ignored(self.material_id, self.key, False)


class RestoreIgnoredCommand(LibraryCommand):
    """Show every ignored finding of a material again (the checks panel's 恢复已忽略); undo
    ignores the same findings again."""

    def __init__(self, library, material_id: int, text: str, on_error=None):
        super().__init__(library, text, on_error)
        self.material_id = material_id
        self.keys: set[str] | None = None  # what was ignored: read by the first write

    def do(self) -> None:
        if self.keys is None:
            self.keys = self.library.ignored_findings(self.material_id)
        self.library.set_ignored_findings(self.material_id, set())

    def revert(self) -> None:
        self.library.set_ignored_findings(self.material_id, self.keys or set())


def library_edits(material: Material, edits: Iterable[Edit]) -> tuple[NodeEdits, NodeEdits]:
    """(new, old): the edits grouped per node for ``Library.apply_edits``, and the values the
    material holds now (what undo writes back). InputError when a node has no library id."""
    new: dict[int | None, dict] = {}
    old: dict[int | None, dict] = {}
    for node_path, field, value in edits:
        node = node_at(material, node_path)
        node_id = None if isinstance(node, Material) else node.id
        if node_id is None and not isinstance(node, Material):
            raise InputError("该内容尚未保存到材料库", f"{node_path} has no library id")
        new.setdefault(node_id, {})[field] = copy.copy(value)
        old.setdefault(node_id, {})[field] = copy.copy(getattr(node, field))
    return list(new.items()), list(old.items())


def edits_command(window, edits: list[Edit], text: str) -> ApplyEditsCommand:
    """The command applying ``edits`` (computed on ``window.material``) to the open material."""
    new, old = library_edits(window.material, edits)
    return ApplyEditsCommand(window.library, window.material_id, new, old, text)


# ----- where a field path points ----------------------------------------------------------
@dataclass(frozen=True)
class FieldTarget:
    """The outline key to select, the field name, the paragraph index of a list field, and the
    field's current text (None when the path no longer names anything)."""

    key: int
    field: str
    index: int | None
    text: str | None


def field_target(material: Material, path: str) -> FieldTarget | None:
    """Resolve a field path on the material as it is now; None for a path that names nothing."""
    try:
        node_path, field, index = split_path(path)
        node = node_at(material, node_path)
    except InputError:
        return None
    key = MATERIAL_KEY if isinstance(node, Material) else node.id
    if key is None:
        return None
    value = getattr(node, field, None)
    if index is not None:
        value = value[index] if isinstance(value, list) and index < len(value) else None
    return FieldTarget(key, field, index, value if isinstance(value, str) else None)


def location_label(material: Material, path: str) -> str:
    """A reader's name for a field path: ``一、（二）三是 · Body``, ``Preamble ¶2``."""
    try:
        node_path, field, index = split_path(path)
        node = node_at(material, node_path)
    except InputError:
        return path
    where = node_path_label(material, node)  # the numbers as printed
    name = field_label(field)
    if index is not None:
        name += f" ¶{index + 1}"
    return f"{where} · {name}" if where else name


# ----- showing a field path in the node panel's editors ---------------------------------------
# Which editor shows which field, per node kind (objectNames of the panels' widgets).
EDITORS = {
    "title": ("titleEdit", "pointTitleEdit"),
    "preamble": ("preambleEdit",),
    "heading": ("sectionHeadingEdit", "dimensionHeadingEdit"),
    "intro": ("sectionIntroEdit", "dimensionIntroEdit"),
    "heading_prefix": ("dimensionPrefixEdit",),
    "heading_suffix": ("dimensionSuffixEdit",),
    "body": ("pointBodyEdit",),
    "example": ("pointExampleEdit",),
}


def editor_for(panel: QWidget | None, field_name: str) -> QLineEdit | QPlainTextEdit | None:
    if panel is None:
        return None
    for name in EDITORS.get(field_name, ()):
        editor = panel.findChild(QWidget, name)
        if isinstance(editor, QLineEdit | QPlainTextEdit):
            return editor
    return None


def paragraph_offset(text: str, index: int | None) -> int:
    """Where paragraph ``index`` of a list field starts in its editor (blank lines are not
    paragraphs, as ``ui.panels.common.paragraphs_of`` stores them)."""
    if index is None:
        return 0
    offset, seen = 0, 0
    for line in text.split("\n"):
        if line.strip():
            if seen == index:
                return offset
            seen += 1
        offset += len(line) + 1
    return 0


def utf16_offset(text: str, position: int) -> int:
    """Qt counts UTF-16 units: a character outside the BMP (𠀀, some names) takes two."""
    head = text[: max(0, position)]
    return len(head) + sum(1 for ch in head if ord(ch) > 0xFFFF)


def select_in_editor(editor: QLineEdit | QPlainTextEdit, start: int, end: int, focus: bool) -> None:
    if isinstance(editor, QLineEdit):
        editor.setSelection(start, end - start)
    else:
        cursor = editor.textCursor()
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        editor.setTextCursor(cursor)
        editor.ensureCursorVisible()
    scroll = editor.parentWidget()
    while scroll is not None and not isinstance(scroll, QScrollArea):
        scroll = scroll.parentWidget()
    if scroll is not None:
        scroll.ensureWidgetVisible(editor)
    if focus:
        editor.setFocus(Qt.FocusReason.OtherFocusReason)


def show_range(window, path: str, start: int, end: int, excerpt: str, focus: bool = True) -> bool:
    """Select the node that holds field path ``path`` in the window's outline and the characters
    [start, end) of that paragraph in its editor — the checks dock's and the 查重 dock's jump.
    When the text moved since the run, the nearest copy of ``excerpt`` is selected. False when
    the path names nothing in the material any more."""
    target = field_target(window.material, path) if window.material is not None else None
    if target is None:
        return False
    editor = window.show_field(target.key, target.field)
    if editor is None:  # e.g. the closing paragraphs: no editor of their own
        return True
    text = editor.text() if isinstance(editor, QLineEdit) else editor.toPlainText()
    offset = paragraph_offset(text, target.index)
    if text[offset + start : offset + end] != excerpt and excerpt:
        found = text.find(excerpt, max(0, offset + start - len(excerpt) - 40))
        found = found if found >= 0 else text.find(excerpt)
        if found >= 0:
            start, end, offset = found, found + len(excerpt), 0
    select_in_editor(
        editor, utf16_offset(text, offset + start), utf16_offset(text, offset + end), focus
    )
    return True
