"""Point panel — 要点 (一是…): title sentence, body, example with its lead word, links."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.model import Point
from ui.panels.common import NodePanel, PaperLineEdit, PaperTextEdit, tr

EXAMPLE_LEADS = ("比如", "例如", "再比如", "如", "比方说", "具体表现为")


class PointPanel(NodePanel):
    linkActivated = Signal(int)  # jump to a linked point
    unlinkRequested = Signal(int, int)  # (this point, the linked point)
    linkRequested = Signal(int, int)  # (this point, the chosen partner point)
    newMeasureRequested = Signal(int)  # this problem point: make a measure linked to it

    def __init__(self, parent: QWidget | None = None):
        super().__init__(tr("Point"), parent)
        self.title_edit = self.bind_line(PaperLineEdit(self), "title")
        self.title_edit.setObjectName("pointTitleEdit")
        self.title_edit.setPlaceholderText(tr("One sentence, e.g. 学习态度不够积极"))
        self.body_edit = self.bind_text(PaperTextEdit(9, self), "body")
        self.body_edit.setObjectName("pointBodyEdit")
        self.lead_combo = QComboBox(self)
        self.lead_combo.setObjectName("pointExampleLeadCombo")
        self.lead_combo.setEditable(True)
        self.lead_combo.addItems(EXAMPLE_LEADS)
        self.lead_combo.setToolTip(tr("The word that introduces the example"))
        self.lead_combo.currentTextChanged.connect(self._lead_changed)
        self.declare("example_lead")
        self.example_edit = self.bind_text(PaperTextEdit(4, self), "example")
        self.example_edit.setObjectName("pointExampleEdit")
        example_row = QHBoxLayout()
        lead_column = QVBoxLayout()
        lead_column.addWidget(self.lead_combo)
        lead_column.addStretch(1)
        example_row.addLayout(lead_column)
        example_row.addWidget(self.example_edit, 1)
        self.links_list = QListWidget(self)
        self.links_list.setObjectName("pointLinksList")
        self.links_list.setMaximumHeight(72)
        self.links_list.itemActivated.connect(self._link_activated)
        self.unlink_button = QPushButton(tr("Remove link"), self)
        self.unlink_button.setObjectName("unlinkButton")
        self.unlink_button.clicked.connect(self._unlink_clicked)
        # 整改清单: link from here — to one of the measures (or problems, from a measure), or
        # to a new measure made from this problem
        self.link_button = QToolButton(self)
        self.link_button.setObjectName("linkButton")
        self.link_button.setText(tr("Link to…"))
        self.link_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.link_menu = QMenu(self.link_button)
        self.link_menu.setObjectName("linkMenu")
        self.link_button.setMenu(self.link_menu)
        buttons = QVBoxLayout()
        buttons.addWidget(self.link_button)
        buttons.addWidget(self.unlink_button)
        buttons.addStretch(1)
        links_row = QHBoxLayout()
        links_row.addWidget(self.links_list, 1)
        links_row.addLayout(buttons)
        self.form.addRow(tr("Title"), self.title_edit)
        self.form.addRow(tr("Body"), self.body_edit)
        self.form.addRow(tr("Example"), example_row)
        # Running text the writer did not enumerate prints without 一是 and is not counted.
        self.numbered_check = QCheckBox(tr("Numbered (一是 …)"), self)
        self.numbered_check.setObjectName("pointNumberedCheck")
        self.declare("numbered")
        self.numbered_check.toggled.connect(lambda on: self._emit("numbered", on))
        self.form.addRow("", self.numbered_check)
        # A title on its own line (no 。 of its own) prints so, the body in the next paragraph.
        self.title_alone_check = QCheckBox(tr("Title on its own line"), self)
        self.title_alone_check.setObjectName("pointTitleAloneCheck")
        self.declare("title_alone")
        self.title_alone_check.toggled.connect(lambda on: self._emit("title_alone", on))
        self.form.addRow("", self.title_alone_check)
        self.links_label_row = tr("Linked")
        self.form.addRow(self.links_label_row, links_row)

    def _fill(self, point: Point, context) -> None:
        self.heading_label.setText(context.number_label)
        self.set_text(self.title_edit, point.title)
        self.set_text(self.body_edit, point.body)
        if self.lead_combo.currentText() != point.example_lead:
            self.lead_combo.setCurrentText(point.example_lead)
        self.set_text(self.example_edit, point.example)
        self.numbered_check.setChecked(point.numbered)
        self.title_alone_check.setChecked(point.title_alone)
        self.links_list.clear()
        for other in point.links:
            item = QListWidgetItem(context.link_labels.get(other, str(other)), self.links_list)
            item.setData(Qt.ItemDataRole.UserRole, other)
        if not point.links:  # say how to make one instead of showing an empty box
            hint = QListWidgetItem(
                tr("None. Link to… (or right-click the point in the outline)"), self.links_list
            )
            hint.setFlags(Qt.ItemFlag.NoItemFlags)
        self.unlink_button.setEnabled(bool(point.links))
        self._fill_link_menu(context)

    def _fill_link_menu(self, context) -> None:
        self.link_menu.clear()
        for other, label in context.link_choices:
            action = self.link_menu.addAction(label)
            action.triggered.connect(lambda _c=False, o=other: self._link_chosen(o))
        if context.can_make_measure:
            if context.link_choices:
                self.link_menu.addSeparator()
            made = self.link_menu.addAction(tr("New measure from this problem"))
            made.setObjectName("newMeasureAction")
            made.triggered.connect(self._new_measure)
        self.link_button.setEnabled(not self.link_menu.isEmpty())

    def _link_chosen(self, other: int) -> None:
        if self.target is not None:
            self.linkRequested.emit(self.target[1], other)

    def _new_measure(self) -> None:
        if self.target is not None:
            self.newMeasureRequested.emit(self.target[1])

    def _lead_changed(self, text: str) -> None:
        self._emit("example_lead", text)

    def _link_activated(self, item: QListWidgetItem) -> None:
        if item.data(Qt.ItemDataRole.UserRole) is not None:
            self.linkActivated.emit(item.data(Qt.ItemDataRole.UserRole))

    def _unlink_clicked(self) -> None:
        item = self.links_list.currentItem() or self.links_list.item(0)
        if (
            item is not None
            and item.data(Qt.ItemDataRole.UserRole) is not None
            and self.target is not None
        ):
            self.unlinkRequested.emit(self.target[1], item.data(Qt.ItemDataRole.UserRole))
