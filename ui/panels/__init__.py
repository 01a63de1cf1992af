"""The right-hand panel: one form per node kind, stacked; the window shows the selected one."""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtWidgets import QScrollArea, QStackedWidget, QWidget

from ui.panels.common import IMMEDIATE_FIELDS, NodePanel
from ui.panels.dimension_panel import DimensionPanel
from ui.panels.material_panel import MaterialPanel
from ui.panels.point_panel import PointPanel
from ui.panels.section_panel import SectionPanel

__all__ = ["IMMEDIATE_FIELDS", "NodePanel", "PanelContext", "PanelStack"]


@dataclass
class PanelContext:
    number_label: str = ""  # e.g. "（一）两个确立" or "一是" shown above the form
    link_labels: dict[int, str] = field(default_factory=dict)  # point id → readable label
    # 整改清单: the points this one may be linked to (id, label), and whether it is a problem
    # (a new measure can be made from it)
    link_choices: list[tuple[int, str]] = field(default_factory=list)
    can_make_measure: bool = False


class PanelStack(QStackedWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("nodePanels")
        self.panels: dict[str, NodePanel] = {
            "material": MaterialPanel(self),
            "section": SectionPanel(self),
            "dimension": DimensionPanel(self),
            "point": PointPanel(self),
        }
        self._scrolls: dict[str, QScrollArea] = {}
        for kind, panel in self.panels.items():
            scroll = QScrollArea(self)
            scroll.setWidgetResizable(True)
            scroll.setFrameShape(QScrollArea.Shape.NoFrame)
            scroll.setWidget(panel)
            self.addWidget(scroll)
            self._scrolls[kind] = scroll

    def show_kind(self, kind: str) -> NodePanel:
        self.setCurrentWidget(self._scrolls[kind])
        return self.panels[kind]

    def current_panel(self) -> NodePanel | None:
        scroll = self.currentWidget()
        return scroll.widget() if isinstance(scroll, QScrollArea) else None
