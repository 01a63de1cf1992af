"""汇编 dialog: tick the materials, put them in order (drag, Alt+↑/↓, or 班子 first then rank),
fill in the cover, choose PDF or Word and where, then run with progress and cancel.

The dialog only collects and shows; ``ui.compile_features`` reads the library, runs the work
on its ``TaskRunner`` and reports back through ``show_progress``/``finished``/``failed``.
It is window-modal but opened with ``open()``: the window's event loop keeps running, which
is what lets the progress arrive (and tests drive it without a nested loop).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.exporters.compile_options import CompileOptions
from app.exporters.pdf_options import PdfOptions
from app.library import CompileEntry, compile_order_key
from ui import pdf_export_dialog

ID_ROLE = Qt.ItemDataRole.UserRole
FORMATS = (("pdf", ".pdf"), ("docx", ".docx"))


class CompileDialog(QDialog):
    startRequested = Signal()
    cancelRequested = Signal()

    def __init__(
        self,
        entries: list[CompileEntry],
        checked: set[int],
        defaults: CompileOptions,
        layout: PdfOptions,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.setObjectName("compileDialog")
        self.setWindowTitle(self.tr("Compile materials"))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.layout_options = layout
        self.running = False
        self._entries = {e.id: e for e in entries}

        self.materials = QListWidget(self)
        self.materials.setObjectName("compileList")
        self.materials.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.materials.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.materials.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.materials.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.materials.setTextElideMode(Qt.TextElideMode.ElideRight)
        for entry in entries:
            self.materials.addItem(self._item(entry, entry.id in checked))
        self.materials.setCurrentRow(0)
        self.materials.itemChanged.connect(self._update_count)

        buttons = QHBoxLayout()
        for name, text, slot in (
            ("compileMoveUp", self.tr("Move up"), lambda: self.move_current(-1)),
            ("compileMoveDown", self.tr("Move down"), lambda: self.move_current(1)),
            ("compileByRank", self.tr("Group first, then by rank"), self.order_by_rank),
            ("compileAll", self.tr("Tick all"), lambda: self._tick_all(True)),
            ("compileNone", self.tr("Tick none"), lambda: self._tick_all(False)),
        ):
            button = QPushButton(text, self)
            button.setObjectName(name)
            button.clicked.connect(slot)
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.materials.installEventFilter(self)  # Alt+↑/↓ move the current material
        self.count_label = QLabel(self)
        self.count_label.setObjectName("compileCount")

        list_box = QGroupBox(self.tr("Materials, in the order they are compiled"), self)
        list_layout = QVBoxLayout(list_box)
        hint = QLabel(self.tr("Tick the materials; drag them, or press Alt+↑/↓, to reorder."))
        hint.setWordWrap(True)
        list_layout.addWidget(hint)
        list_layout.addWidget(self.materials, 1)
        list_layout.addLayout(buttons)
        list_layout.addWidget(self.count_label)

        self.title_edit = self._line("compileTitle", defaults.title)
        self.unit_edit = self._line("compileUnit", defaults.unit)
        self.meeting_edit = self._line("compileMeeting", defaults.meeting)
        self.date_edit = self._line("compileDate", defaults.date)
        self.odd_pages = QCheckBox(self.tr("Start each material on an odd page"), self)
        self.odd_pages.setObjectName("compileOddPages")
        self.odd_pages.setToolTip(
            self.tr("For double-sided printing: a blank page is inserted where needed")
        )
        self.format_combo = QComboBox(self)
        self.format_combo.setObjectName("compileFormat")
        self.format_combo.addItem(self.tr("PDF"), "pdf")
        self.format_combo.addItem(self.tr("Word (.docx)"), "docx")
        self.format_combo.currentIndexChanged.connect(self._format_changed)
        self.path_edit = QLineEdit(self)
        self.path_edit.setObjectName("compilePath")
        name = pdf_export_dialog.suggested_file_name(defaults.title or "汇编")
        self.path_edit.setText(str(pdf_export_dialog.last_folder() / name))
        browse = QPushButton(self.tr("Browse…"), self)
        browse.setObjectName("compileBrowse")
        browse.clicked.connect(self.browse)
        path_row = QHBoxLayout()
        path_row.addWidget(self.path_edit, 1)
        path_row.addWidget(browse)

        cover_box = QGroupBox(self.tr("Cover"), self)
        form = QFormLayout(cover_box)
        form.addRow(self.tr("Title"), self.title_edit)
        form.addRow(self.tr("Unit"), self.unit_edit)
        form.addRow(self.tr("Meeting"), self.meeting_edit)
        form.addRow(self.tr("Date"), self.date_edit)
        output_box = QGroupBox(self.tr("Output"), self)
        output_form = QFormLayout(output_box)
        output_form.addRow(self.tr("Format"), self.format_combo)
        output_form.addRow(self.tr("File"), path_row)
        output_form.addRow("", self.odd_pages)
        right = QVBoxLayout()
        right.addWidget(cover_box)
        right.addWidget(output_box)
        right.addStretch(1)

        self.progress = QProgressBar(self)
        self.progress.setObjectName("compileProgress")
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.message = QLabel(self)
        self.message.setObjectName("compileMessage")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.run_button = QPushButton(self.tr("Compile"), self)
        self.run_button.setObjectName("compileRun")
        self.run_button.setDefault(True)
        self.run_button.clicked.connect(self._run_clicked)
        self.cancel_button = QPushButton(self.tr("Cancel"), self)
        self.cancel_button.setObjectName("compileCancel")
        self.cancel_button.clicked.connect(self.cancelRequested)
        self.close_button = QPushButton(self.tr("Close"), self)
        self.close_button.setObjectName("compileClose")
        self.close_button.clicked.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addWidget(self.progress, 1)
        bottom.addWidget(self.run_button)
        bottom.addWidget(self.cancel_button)
        bottom.addWidget(self.close_button)

        columns = QHBoxLayout()
        columns.addWidget(list_box, 3)
        columns.addLayout(right, 2)
        outer = QVBoxLayout(self)
        outer.addLayout(columns, 1)
        outer.addWidget(self.message)
        outer.addLayout(bottom)
        self.set_running(False)
        self._update_count()
        self.resize(980, 600)  # fits a 1366×768 screen with the window's frame and panel

    # ----- the list ---------------------------------------------------------------------------
    def _item(self, entry: CompileEntry, checked: bool) -> QListWidgetItem:
        who = " ".join(x for x in (entry.job_title, entry.author) if x)
        scope = self.tr("Group") if entry.scope == "group" else self.tr("Member")
        rank = f" · {entry.rank}" if entry.rank and entry.scope != "group" else ""
        title = entry.title or self.tr("(untitled)")
        # Place and person first: what the order is decided by stays visible when elided.
        item = QListWidgetItem(f"［{scope}{rank}］{who}{'　' if who else ''}{title}")
        item.setData(ID_ROLE, entry.id)
        year = self.tr("%1 annual").replace("%1", str(entry.year)) if entry.year else ""
        item.setToolTip("\n".join(x for x in (entry.title, entry.organization, who, year) if x))
        flags = (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemIsUserCheckable
            | Qt.ItemFlag.ItemIsDragEnabled
        )
        item.setFlags(flags)
        item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        return item

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.materials
            and event.type() == QEvent.Type.KeyPress
            and event.modifiers() == Qt.KeyboardModifier.AltModifier
            and event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down)
        ):
            self.move_current(-1 if event.key() == Qt.Key.Key_Up else 1)
            return True
        return super().eventFilter(watched, event)

    def listed_ids(self) -> list[int]:
        return [self.materials.item(i).data(ID_ROLE) for i in range(self.materials.count())]

    def chosen_ids(self) -> list[int]:
        """The ticked materials, in the list's order."""
        items = (self.materials.item(i) for i in range(self.materials.count()))
        return [it.data(ID_ROLE) for it in items if it.checkState() == Qt.CheckState.Checked]

    def move_current(self, step: int) -> None:
        row = self.materials.currentRow()
        target = row + step
        if row < 0 or not 0 <= target < self.materials.count():
            return
        item = self.materials.takeItem(row)
        self.materials.insertItem(target, item)
        self.materials.setCurrentRow(target)

    def order_by_rank(self) -> None:
        """班子 first, then members by rank (unranked last), ticks kept."""
        ticked = set(self.chosen_ids())
        ordered = sorted(self.listed_ids(), key=lambda i: compile_order_key(self._entries[i]))
        self.materials.clear()
        for material_id in ordered:
            self.materials.addItem(self._item(self._entries[material_id], material_id in ticked))
        self.materials.setCurrentRow(0)
        self._update_count()

    def _tick_all(self, ticked: bool) -> None:
        state = Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked
        for i in range(self.materials.count()):
            self.materials.item(i).setCheckState(state)

    def _update_count(self, *_args) -> None:
        self.count_label.setText(
            self.tr("%1 of %2 materials ticked")
            .replace("%1", str(len(self.chosen_ids())))
            .replace("%2", str(self.materials.count()))
        )

    # ----- cover and output -------------------------------------------------------------------
    def _line(self, name: str, text: str) -> QLineEdit:
        edit = QLineEdit(text, self)
        edit.setObjectName(name)
        return edit

    def options(self) -> CompileOptions:
        return CompileOptions(
            title=self.title_edit.text().strip(),
            unit=self.unit_edit.text().strip(),
            meeting=self.meeting_edit.text().strip(),
            date=self.date_edit.text().strip(),
            odd_pages=self.odd_pages.isChecked(),
            layout=self.layout_options,
        )

    def output_format(self) -> str:
        return self.format_combo.currentData()

    def path(self) -> Path | None:
        """The target with the chosen format's suffix, or None when nothing was entered."""
        text = self.path_edit.text().strip()
        if not text:
            return None
        path = Path(text).expanduser()
        suffix = dict(FORMATS)[self.output_format()]
        return path if path.suffix.lower() == suffix else path.with_name(path.name + suffix)

    def _format_changed(self, _index: int) -> None:
        text = self.path_edit.text().strip()
        if text:
            path = Path(text)
            if path.suffix.lower() in dict(FORMATS).values():
                path = path.with_suffix("")
            self.path_edit.setText(str(path) + dict(FORMATS)[self.output_format()])

    def browse(self) -> None:
        fmt = self.output_format()
        pattern = self.tr("PDF (*.pdf)") if fmt == "pdf" else self.tr("Word (*.docx)")
        chosen, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Save the compilation"), self.path_edit.text(), pattern
        )
        if chosen:
            self.path_edit.setText(chosen)

    # ----- running ----------------------------------------------------------------------------
    def _run_clicked(self) -> None:
        if not self.running:
            self.startRequested.emit()

    def set_running(self, running: bool) -> None:
        self.running = running
        self.run_button.setEnabled(not running)
        self.cancel_button.setEnabled(running)
        self.close_button.setEnabled(not running)
        for widget in (self.materials, self.title_edit, self.unit_edit, self.meeting_edit):
            widget.setEnabled(not running)
        for widget in (self.date_edit, self.odd_pages, self.format_combo, self.path_edit):
            widget.setEnabled(not running)
        if running:
            self.progress.setRange(0, 0)  # busy until the first report says how much there is

    def show_progress(self, value) -> None:
        if isinstance(value, tuple):
            done, total = value
            self.progress.setRange(0, max(total, 1))
            self.progress.setValue(done)
            self.show_message(
                self.tr("Compiling… %1 of %2").replace("%1", str(done)).replace("%2", str(total))
            )
        else:
            self.show_message(self.tr("Writing the file…"))

    def finish(self, text: str, *, error: bool = False, complete: bool = False) -> None:
        """The run ended (written, failed or cancelled): controls back, the bar full or empty."""
        self.set_running(False)
        self.progress.setRange(0, 1)
        self.progress.setValue(1 if complete else 0)
        self.show_message(text, error=error)

    def show_message(self, text: str, *, error: bool = False) -> None:
        self.message.setStyleSheet("color: #b00020;" if error else "")
        self.message.setText(text)

    def reject(self) -> None:
        """Esc or the window's close box while running cancels first (nothing is written)."""
        if self.running:
            self.cancelRequested.emit()
            return
        super().reject()
