"""The shared spans of the last 查重 run, on a subdued background in the node panels' text
editors, while the results are current: ``SharedSpanHighlights.show(report, material_id)`` after a
run, ``clear()`` once an edit (or another material) makes them stale.

A ``QSyntaxHighlighter`` per editor, so a span is drawn wherever the panel shows the node that
holds it, whichever node is loaded later; formats are not text, so nothing of this is an edit or
reaches the undo history. One-line titles (``QLineEdit``) cannot show a range: they are left
plain (the dock selects the span there when a match is clicked).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable

from PySide6.QtGui import QColor, QSyntaxHighlighter, QTextCharFormat
from PySide6.QtWidgets import QPlainTextEdit, QWidget

# A light tint, quieter than the selection: the text stays readable while it is edited.
SHARED_BACKGROUND = QColor("#fbe9b7")
LIST_FIELDS = ("intro", "preamble", "closing")

Ranges = list[tuple[int, int, int]]  # (paragraph, start, end) in the field's raw text


class SharedSpanHighlighter(QSyntaxHighlighter):
    def __init__(self, editor: QPlainTextEdit, field: str, ranges: Callable[[], Ranges]):
        super().__init__(editor.document())
        self.editor = editor
        self.field = field
        self.ranges = ranges  # the spans of the node the panel shows now
        self.format = QTextCharFormat()
        self.format.setBackground(SHARED_BACKGROUND)

    def highlightBlock(self, text: str) -> None:  # noqa: N802 (Qt's name)
        ranges = self.ranges()
        if not ranges:
            return
        from ui.check_commands import paragraph_offset, utf16_offset

        whole = self.editor.toPlainText()
        block_start = self.currentBlock().position()
        block_end = block_start + utf16_offset(text, len(text))
        for paragraph, start, end in ranges:
            offset = paragraph_offset(whole, paragraph) if self.field in LIST_FIELDS else 0
            a = max(utf16_offset(whole, offset + start), block_start)
            b = min(utf16_offset(whole, offset + end), block_end)
            if b > a:
                self.setFormat(a - block_start, b - a, self.format)


class SharedSpanHighlights:
    """The highlighters of one window's panels and the spans they draw."""

    def __init__(self, panels: dict[str, QWidget], editors: dict[str, tuple[str, ...]]):
        self.spans: dict[tuple, dict[str, Ranges]] = {}  # panel target → field → ranges
        self.highlighters: list[SharedSpanHighlighter] = []
        for panel in panels.values():
            for field, names in editors.items():
                for name in names:
                    editor = panel.findChild(QPlainTextEdit, name)
                    if editor is not None:
                        self.highlighters.append(
                            SharedSpanHighlighter(
                                editor, field, lambda p=panel, f=field: self._ranges(p, f)
                            )
                        )

    def _ranges(self, panel, field: str) -> Ranges:
        return self.spans.get(panel.target, {}).get(field, [])

    @property
    def shown(self) -> bool:
        return bool(self.spans)

    def show(self, report, material_id: int) -> None:
        spans: dict[tuple, dict[str, Ranges]] = defaultdict(lambda: defaultdict(list))
        for m in report.matches:
            s = m.span
            target = ("material", material_id) if s.node_id is None else ("node", s.node_id)
            spans[target][s.field].append((s.paragraph, s.start, s.end))
        self.spans = {k: dict(v) for k, v in spans.items()}
        self._redraw()

    def clear(self) -> None:
        if self.spans:
            self.spans = {}
            self._redraw()

    def _redraw(self) -> None:
        for highlighter in self.highlighters:
            # A rehighlight marks the document's contents dirty, which the editor reports as
            # textChanged: the panel would take that for typing (and the results for stale).
            editor = highlighter.editor
            blocked = editor.blockSignals(True)
            try:
                highlighter.rehighlight()
            finally:
                editor.blockSignals(blocked)
