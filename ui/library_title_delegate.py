"""The title column of the 材料库 list: a title shared by several materials of one year is
followed by what tells them apart (unit · author · time of the last change), subdued.

The detail is painted only: renaming (F2) edits the title alone, and rows keep one height
(``setUniformRowHeights``: a list of thousands stays quick). What is typed into the rename
editor is reported as it is typed (``TypingDelegate``), for the typing journal.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QStyle, QStyleOptionViewItem

from ui.cell_typing import TypingDelegate

# after the list's own roles (ui.library_tree): "unit · author · time" for a shared title
DETAIL_ROLE = Qt.ItemDataRole.UserRole + 4
DETAIL_SEPARATOR = " · "


class TitleDelegate(TypingDelegate):
    """Paints the title, then — for a title shared in its year — the detail that tells the
    materials apart, in the subdued text colour. Its rename editor reports its typing
    (``ui.cell_typing``: the list writes it ahead to the typing journal)."""

    def paint(self, painter, option, index) -> None:
        detail = index.data(DETAIL_ROLE)
        if not detail:
            super().paint(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        title, opt.text = opt.text, ""
        widget = opt.widget
        style = widget.style() if widget is not None else None
        if style is None:
            super().paint(painter, option, index)
            return
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        rect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, opt, widget)
        margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, widget) + 1
        rect.adjust(margin, 0, -margin, 0)
        metrics = opt.fontMetrics
        suffix = DETAIL_SEPARATOR + detail
        # The rows share the title: what tells them apart gets the room first, the title
        # keeps at least a third (its start, elided).
        title_width = min(
            metrics.horizontalAdvance(title),
            max(rect.width() // 3, rect.width() - metrics.horizontalAdvance(suffix)),
        )
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        group = (
            QPalette.ColorGroup.Normal
            if opt.state & QStyle.StateFlag.State_Active
            else QPalette.ColorGroup.Inactive
        )
        text_role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        align = Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft
        painter.save()
        painter.setFont(opt.font)
        painter.setPen(opt.palette.color(group, text_role))
        elided = metrics.elidedText(title, Qt.TextElideMode.ElideRight, title_width)
        title_width = metrics.horizontalAdvance(elided)  # the detail follows right after it
        painter.drawText(rect.adjusted(0, 0, title_width - rect.width(), 0), align, elided)
        detail_rect = rect.adjusted(title_width, 0, 0, 0)
        if not selected:
            painter.setPen(opt.palette.color(group, QPalette.ColorRole.PlaceholderText))
        painter.drawText(
            detail_rect,
            align,
            metrics.elidedText(suffix, Qt.TextElideMode.ElideRight, detail_rect.width()),
        )
        painter.restore()
