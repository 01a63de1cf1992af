"""导入预览: the recognised tree (一、（一）一是 …) next to the source paragraphs as read.

The importers do not say which paragraph became which node, so the preview finds out by text:
walking the material in document order, each node's heading/title (or the start of its body)
is searched in the source after the previous node's place. A node's span runs to where the next
node at the same or a higher level starts, so a 方面 covers its 一是/二是 and a point inline in a
long paragraph covers just its own sentences. Anything not classified is amber in both panes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTextEdit,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.model import Material, Numbering, point_word_count

HIGHLIGHT = QColor("#fff3c4")  # pale amber: "look at this", not an error red
SELECTED = QColor("#c9ddff")  # the source of the node selected in the tree
_MARKER_BEFORE = re.compile(
    r"(?:[一二三四五六七八九十]+是|[（(][一二三四五六七八九十\d]+[）)]|[一二三四五六七八九十]+、|\d+[.、．])"
    r"\s*(?:在[“\"'‘])?\s*$"
)
_KEY_LENGTHS = (24, 12, 6)


@dataclass
class PreviewNode:
    """One tree row: what it is, its label, and where its text sits in the source (or -1)."""

    kind: str  # title | section | dimension | point
    label: str
    depth: int
    key: str  # the text searched in the source
    unclassified: bool = False
    start: int = -1
    end: int = -1
    words: int = 0


def preview_nodes(material: Material) -> list[PreviewNode]:
    """The material in document order, numbered as it will be shown and printed."""
    numbering = Numbering(material)
    nodes = [PreviewNode("title", material.title or "—", 0, material.title)]
    for s_index, section in enumerate(material.sections):
        other = section.kind == "other"
        key = section.heading or (section.intro[0] if section.intro else "")
        nodes.append(
            PreviewNode(
                "section",
                f"{numbering.at(s_index)}{section.heading or '—'}",
                0,
                key,
                unclassified=other,
            )
        )
        for d_index, dim in enumerate(section.dimensions):
            name = dim.short_name or dim.heading
            nodes.append(
                PreviewNode(
                    "dimension",
                    f"{numbering.at(s_index, d_index)}{name}",
                    1,
                    dim.heading or name,
                    unclassified=other,
                    words=sum(point_word_count(p) for p in dim.points),
                )
            )
            nodes += _point_nodes(dim.points, 2, other, numbering.points(s_index, d_index))
        nodes += _point_nodes(section.points, 1, other, numbering.points(s_index))
    return nodes


def _point_nodes(points, depth: int, other: bool, labels: list[str]) -> list[PreviewNode]:
    # Running text (no 一是 in the source) shows no number: the export adds none either.
    return [
        PreviewNode(
            "point",
            f"{label} {p.title or p.body[:20] or '—'}".strip(),
            depth,
            p.title or p.body or p.example,
            unclassified=other,
            words=point_word_count(p),
        )
        for label, p in zip(labels, points, strict=True)
    ]


def locate(nodes: list[PreviewNode], source: str) -> None:
    """Set each node's [start, end) in ``source``; a node whose text is not found keeps -1."""
    cursor = 0
    for node in nodes:
        found = _find(source, node.key, cursor)
        if found < 0:
            continue
        node.start = _back_over_marker(source, found)
        cursor = found + 1
    for i, node in enumerate(nodes):
        if node.start < 0:
            continue
        node.end = len(source)
        for later in nodes[i + 1 :]:
            if later.start >= 0 and later.depth <= node.depth:
                node.end = later.start
                break
        if node.kind == "title":  # the title is one paragraph, not the whole document
            newline = source.find("\n", node.start)
            node.end = newline if newline >= 0 else len(source)
        node.end = max(node.end, node.start)


def _find(source: str, key: str, cursor: int) -> int:
    key = key.strip()
    if not key:
        return -1
    for length in _KEY_LENGTHS:  # long keys first; a shorter one survives quote normalising
        at = source.find(key[:length], cursor)
        if at >= 0:
            return at
    return -1


def _back_over_marker(source: str, at: int) -> int:
    """Include the 一是 / （一） / 一、 written just before the found text, in the same line."""
    line_start = source.rfind("\n", 0, at) + 1
    match = _MARKER_BEFORE.search(source, line_start, at)
    return match.start() if match else at


def unclassified_spans(texts: list[str], source: str) -> list[tuple[int, int]]:
    """Where each unclassified text (or its first line) stands in the source."""
    spans = []
    for text in texts:
        at = _find(source, text.split("\n", 1)[0], 0)
        if at >= 0:
            line_end = source.find("\n", at)
            spans.append((at, line_end if line_end >= 0 else len(source)))
    return spans


class ImportPreview(QSplitter):
    """Tree on the left, source text on the right; selecting a node highlights its source."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.setObjectName("importPreview")
        self.tree = QTreeWidget(self)
        self.tree.setObjectName("importTree")
        self.tree.setColumnCount(2)
        self.tree.setHeaderLabels([self.tr("Recognised structure"), self.tr("Characters")])
        self.tree.setColumnWidth(0, 300)
        self.source_view = QPlainTextEdit(self)
        self.source_view.setObjectName("importSource")
        self.source_view.setReadOnly(True)
        self.source_view.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.addWidget(self.tree)
        self.addWidget(self.source_view)
        self.setStretchFactor(0, 1)
        self.setStretchFactor(1, 1)
        self.nodes: list[PreviewNode] = []
        self._amber: list[tuple[int, int]] = []
        self.tree.currentItemChanged.connect(self._node_selected)

    def set_content(
        self, material: Material, paragraphs: list[str], unclassified: list[str]
    ) -> None:
        """Show ``material`` against the source ``paragraphs`` (one per line)."""
        source = "\n".join(p.strip() for p in paragraphs if p.strip())
        self.source_view.setPlainText(source)
        self.nodes = preview_nodes(material)
        locate(self.nodes, source)
        self._amber = unclassified_spans(unclassified, source)
        self._amber += [(n.start, n.end) for n in self.nodes if n.unclassified and n.start >= 0]
        self._fill_tree(unclassified)
        self._paint(None)

    def _fill_tree(self, unclassified: list[str]) -> None:
        self.tree.clear()
        parents: list[QTreeWidgetItem] = []
        for index, node in enumerate(self.nodes):
            item = QTreeWidgetItem([node.label, str(node.words) if node.words else ""])
            item.setData(0, Qt.ItemDataRole.UserRole, index)
            item.setToolTip(0, node.key[:200])
            if node.unclassified:
                for column in (0, 1):
                    item.setBackground(column, QBrush(HIGHLIGHT))
            level = 0 if node.kind in ("title", "section") else node.depth
            del parents[level:]
            if parents:
                parents[-1].addChild(item)
            else:
                self.tree.addTopLevelItem(item)
            parents.append(item)
        for text in unclassified:
            item = QTreeWidgetItem([self.tr("Not classified: {text}").format(text=text[:60]), ""])
            item.setData(0, Qt.ItemDataRole.UserRole, -1)
            for column in (0, 1):
                item.setBackground(column, QBrush(HIGHLIGHT))
            self.tree.addTopLevelItem(item)
        self.tree.expandAll()

    def find_item(self, *path: str) -> QTreeWidgetItem | None:
        """A row by its label prefixes from the top, e.g. ("一、", "（三）", "二是")."""
        items = [self.tree.topLevelItem(i) for i in range(self.tree.topLevelItemCount())]
        found = None
        for prefix in path:
            found = next((it for it in items if it.text(0).startswith(prefix)), None)
            if found is None:
                return None
            items = [found.child(i) for i in range(found.childCount())]
        return found

    def highlighted_text(self) -> str:
        """The source text highlighted for the selected node ("" when none)."""
        node = self._current_node()
        if node is None or node.start < 0:
            return ""
        return self.source_view.toPlainText()[node.start : node.end]

    def amber_texts(self) -> list[str]:
        text = self.source_view.toPlainText()
        return [text[a:b] for a, b in self._amber]

    def _current_node(self) -> PreviewNode | None:
        item = self.tree.currentItem()
        if item is None:
            return None
        index = item.data(0, Qt.ItemDataRole.UserRole)
        return (
            self.nodes[index] if isinstance(index, int) and 0 <= index < len(self.nodes) else None
        )

    def _node_selected(self, *_args) -> None:
        self._paint(self._current_node())

    def _paint(self, selected: PreviewNode | None) -> None:
        selections = [self._selection(a, b, HIGHLIGHT) for a, b in self._amber]
        if selected is not None and selected.start >= 0:
            selections.append(self._selection(selected.start, selected.end, SELECTED))
            cursor = QTextCursor(self.source_view.document())
            cursor.setPosition(selected.start)
            self.source_view.setTextCursor(cursor)
            self.source_view.centerCursor()
        self.source_view.setExtraSelections(selections)

    def _selection(self, start: int, end: int, color: QColor) -> QTextEdit.ExtraSelection:
        selection = QTextEdit.ExtraSelection()
        cursor = QTextCursor(self.source_view.document())
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        selection.cursor = cursor
        fmt = QTextCharFormat()
        fmt.setBackground(QBrush(color))
        selection.format = fmt
        return selection


class SetAsideList(QWidget):
    """Every line the import set aside (web furniture, page numbers, running titles, contents
    lists), exactly as the report lists them; ticked lines can be brought back into the text."""

    bring_back = Signal(list)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("setAside")
        self.title = QLabel(self)
        self.list = QListWidget(self)
        self.list.setObjectName("setAsideList")
        self.list.setMaximumHeight(120)
        self.button = QPushButton(self.tr("Bring back ticked lines"), self)
        self.button.setObjectName("bringBackButton")
        self.button.clicked.connect(self._bring_back)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.list)
        layout.addWidget(self.button)

    def set_lines(self, lines: list[str]) -> None:
        self.list.clear()
        for line in lines:
            item = QListWidgetItem(line)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.list.addItem(item)
        self.title.setText(
            self.tr(
                "Set aside as page furniture ({count} lines; tick a line to keep it as text):"
            ).format(count=len(lines))
        )
        self.setVisible(bool(lines))

    def lines(self) -> list[str]:
        return [self.list.item(i).text() for i in range(self.list.count())]

    def ticked(self) -> list[str]:
        return [
            self.list.item(i).text()
            for i in range(self.list.count())
            if self.list.item(i).checkState() == Qt.CheckState.Checked
        ]

    def _bring_back(self) -> None:
        ticked = self.ticked()
        if ticked:
            self.bring_back.emit(ticked)
