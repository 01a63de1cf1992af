"""Shared pieces of the node panels: the paper-like text editor and the edit signal wiring.

Every panel emits ``edited(target, field, value)`` for each user keystroke (never while it is
loading a node), and the window hands that to Autosave. ``target`` is ("material", id) or
("node", id), the same shape the commands use.

A panel's fields are declared once, where they are bound (``bind_line``/``bind_text``, or
``declare`` for a spin box or combo box): ``stored_values`` and ``_emit`` both follow that one
list, so no field can be edited without its stored value being known (undo would write None).
"""

from __future__ import annotations

import copy

from PySide6.QtCore import QCoreApplication, QSize, Qt, Signal
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import (
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ui.fonts import body_font

# Fields whose change is a choice, not typing: stored at once instead of after the pause.
IMMEDIATE_FIELDS = frozenset(
    {
        "template_id",
        "year",
        "scope",
        "rank",
        "example_lead",
        "kind",
        "point_style",
        "numbered",
        "heading_alone",
        "points_apart",
        "title_alone",
    }
)


def tr(text: str) -> str:
    return QCoreApplication.translate("panels", text)


def paragraphs_of(text: str) -> list[str]:
    """Editor text → stored paragraphs (one per line, blank lines dropped)."""
    return [line for line in text.split("\n") if line.strip()]


class PaperTextEdit(QPlainTextEdit):
    """Plain text in the PDF body face; grows to ``lines`` rows before it scrolls."""

    def __init__(self, lines: int = 6, parent: QWidget | None = None):
        super().__init__(parent)
        self.setFont(body_font())
        self.setTabChangesFocus(True)  # Tab moves on, as in a form; Enter starts a paragraph
        self._lines = lines
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def sizeHint(self) -> QSize:
        metrics = QFontMetrics(self.font())
        return QSize(400, metrics.lineSpacing() * self._lines + 12)

    def minimumSizeHint(self) -> QSize:
        metrics = QFontMetrics(self.font())
        return QSize(120, metrics.lineSpacing() * min(self._lines, 2) + 12)


class PaperLineEdit(QLineEdit):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setFont(body_font())


class NodePanel(QWidget):
    """Base of the four panels. Subclasses build their form and implement ``_fill``."""

    edited = Signal(object, str, object)

    def __init__(self, heading: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.target: tuple[str, int] | None = None
        self.fields: list[str] = []  # the model fields this panel edits, in form order
        self._loading = False
        outer = QVBoxLayout(self)
        outer.setContentsMargins(12, 8, 12, 8)
        self.heading_label = QLabel(heading, self)
        font = self.heading_label.font()
        font.setBold(True)
        self.heading_label.setFont(font)
        outer.addWidget(self.heading_label)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        outer.addLayout(self.form, 1)

    def load(self, target, obj, context) -> None:
        """Show ``obj`` (a model dataclass); ``context`` is the window's PanelContext."""
        self._loading = True
        self.target = target
        try:
            self._fill(obj, context)
        finally:
            self._loading = False

    def _fill(self, obj, context) -> None:
        raise NotImplementedError

    def stored_values(self, obj) -> dict[str, object]:
        """field → the value the library holds, for Autosave's no-op detection and undo."""
        return {name: copy.copy(getattr(obj, name)) for name in self.fields}

    def _emit(self, field: str, value) -> None:
        if field not in self.fields:
            raise KeyError(f"{type(self).__name__} edits {field!r} without declaring it")
        if not self._loading and self.target is not None:
            self.edited.emit(self.target, field, value)

    # wiring helpers ------------------------------------------------------------------------
    def declare(self, field: str) -> str:
        """A field this panel edits through its own widget (a spin box, a combo box)."""
        if field not in self.fields:
            self.fields.append(field)
        return field

    def bind_line(self, edit: QLineEdit, field: str) -> QLineEdit:
        self.declare(field)
        # textChanged, not textEdited: the field's own Ctrl+Z must be saved too; loading a
        # node is filtered out by ``_loading``
        edit.textChanged.connect(lambda text, f=field: self._emit(f, text))
        return edit

    def bind_text(self, edit: QPlainTextEdit, field: str, *, paragraphs: bool = False):
        self.declare(field)

        def changed(f=field, e=edit, p=paragraphs):
            text = e.toPlainText()
            self._emit(f, paragraphs_of(text) if p else text)

        edit.textChanged.connect(changed)
        return edit

    @staticmethod
    def set_text(edit, text: str) -> None:
        """Replace the text only when it differs, so the cursor is kept on a refresh."""
        if isinstance(edit, QLineEdit):
            if edit.text() != text:
                edit.setText(text)
        elif edit.toPlainText() != text:
            edit.setPlainText(text)
