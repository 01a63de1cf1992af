"""查找和替换 (Ctrl+F / Ctrl+H): every hit of the open material listed with its context;
replace one or replace all as ONE undoable command; optionally a read-only search of the
whole library.

The search itself is ``app.find_replace`` (literal or regex; a pattern that could backtrack
catastrophically is refused with a Chinese message before it runs). A library search reads one
material after another on short timer ticks, so the window stays responsive on a big library.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.errors import InputError
from app.exporters.title_breaks import one_line
from app.find_replace import Hit, compile_query, find_all, replace_all
from ui.check_commands import edits_command, field_target, location_label
from ui.commands import WRITE_ERRORS
from ui.dialogs.common import error_text

SEARCH_DELAY_MS = 250  # typing in the find box: search after this pause
MAX_LISTED = 2000  # hits shown in the list; the count is always complete
LIBRARY_TICK_S = 0.015  # library search: work per timer tick, well under a frame of typing
HitRole = Qt.ItemDataRole.UserRole + 1  # (material id, Hit)
ERROR_STYLE = "color: #c00000;"


def _tr(text: str) -> str:
    return QCoreApplication.translate("FindReplace", text)


class FindReplaceDialog(QDialog):
    """Non-modal; ``jump(path, start, end, excerpt)`` shows a hit of the open material."""

    def __init__(self, window, jump):
        super().__init__(window)
        self.window_ = window  # not ``window``: that would shadow QWidget.window()
        self.jump = jump
        self.setObjectName("findReplaceDialog")
        self.setWindowTitle(_tr("Find and replace"))
        self.setModal(False)
        self.find_edit = self._line("findEdit", _tr("Text or regular expression to find"))
        self.replace_edit = self._line(
            "replaceEdit", _tr("Replacement (\\1 refers to a group in regex mode)")
        )
        self.regex_check = self._check("findRegexCheck", _tr("Regular expression"))
        self.case_check = self._check("findCaseCheck", _tr("Match case"))
        self.case_check.setChecked(True)
        self.library_check = self._check("findLibraryScopeCheck", _tr("Whole library (read-only)"))
        self.hits = QTreeWidget(self)
        self.hits.setObjectName("findHitsList")
        self.hits.setColumnCount(2)
        self.hits.setHeaderLabels([_tr("Where"), _tr("Context")])
        self.hits.setRootIsDecorated(False)
        self.hits.setUniformRowHeights(True)
        self.hits.header().resizeSection(0, 220)
        self.hits.currentItemChanged.connect(self._hit_chosen)
        self.status = QLabel(self)
        self.status.setObjectName("findStatusLabel")
        self.status.setWordWrap(True)
        self.replace_one_button = self._push(
            "replaceOneButton", _tr("Replace"), self.replace_current
        )
        self.replace_all_button = self._push(
            "replaceAllButton", _tr("Replace all"), self.replace_everything
        )
        close = self._push("findCloseButton", _tr("Close"), self.close)
        self._build_layout(close)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(SEARCH_DELAY_MS)
        self.timer.timeout.connect(self.refresh)
        self.find_edit.textChanged.connect(self.schedule)
        self.find_edit.returnPressed.connect(self.find_next)
        for box in (self.regex_check, self.case_check, self.library_check):
            box.toggled.connect(self.schedule)
        self.library_check.toggled.connect(self._update_buttons)
        self._library_queue: list[int] = []
        self._shown_once = False  # Enter has shown a hit since the last search
        self._library_count = [0, 0]  # hits, materials with hits
        self._library_timer = QTimer(self)
        self._library_timer.setInterval(0)
        self._library_timer.timeout.connect(self._library_step)
        self.set_replace_mode(False)
        self.resize(640, 420)

    def _line(self, name: str, placeholder: str) -> QLineEdit:
        edit = QLineEdit(self)
        edit.setObjectName(name)
        edit.setPlaceholderText(placeholder)
        edit.setClearButtonEnabled(True)
        return edit

    def _check(self, name: str, text: str) -> QCheckBox:
        box = QCheckBox(text, self)
        box.setObjectName(name)
        return box

    def _push(self, name: str, text: str, slot) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.setAutoDefault(False)
        button.clicked.connect(slot)
        return button

    def _build_layout(self, close: QPushButton) -> None:
        grid = QGridLayout()
        self.find_label = QLabel(_tr("Find:"), self)
        self.replace_label = QLabel(_tr("Replace with:"), self)
        grid.addWidget(self.find_label, 0, 0)
        grid.addWidget(self.find_edit, 0, 1)
        grid.addWidget(self.replace_label, 1, 0)
        grid.addWidget(self.replace_edit, 1, 1)
        options = QHBoxLayout()
        for box in (self.regex_check, self.case_check, self.library_check):
            options.addWidget(box)
        options.addStretch(1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        for button in (self.replace_one_button, self.replace_all_button, close):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(grid)
        layout.addLayout(options)
        layout.addWidget(self.hits, 1)
        layout.addLayout(buttons)

    # ----- opening ---------------------------------------------------------------------------
    def set_replace_mode(self, replace: bool) -> None:
        for widget in (
            self.replace_label,
            self.replace_edit,
            self.replace_one_button,
            self.replace_all_button,
        ):
            widget.setVisible(replace)
        self.setWindowTitle(_tr("Find and replace") if replace else _tr("Find"))
        self._update_buttons()

    def open_for(self, replace: bool, selected: str = "") -> None:
        """Show the dialog (find or replace mode), seeded with the editor's selected text."""
        self.set_replace_mode(replace)
        if selected and "\n" not in selected and "\u2029" not in selected:
            self.find_edit.setText(selected)
        self.show()
        self.raise_()
        self.activateWindow()
        self.find_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.find_edit.selectAll()
        self.refresh()

    # ----- searching -------------------------------------------------------------------------
    def schedule(self, *_args) -> None:
        self.timer.start()

    def _options(self) -> dict:
        return {
            "regex": self.regex_check.isChecked(),
            "case_sensitive": self.case_check.isChecked(),
        }

    def refresh(self) -> None:
        """Search again now and list every hit."""
        self.timer.stop()
        self._library_timer.stop()
        self._library_queue = []
        self.hits.clear()
        self._shown_once = False
        self._set_status("")
        pattern = self.find_edit.text()
        if not pattern:
            self._update_buttons()
            return
        try:
            compile_query(pattern, **self._options())
        except InputError as exc:
            self._set_status(exc.zh, error=True, tip=exc.en)
            self._update_buttons()
            return
        if self.library_check.isChecked():
            self._start_library_search()
            return
        w = self.window_
        if w.material is None:
            self._set_status(_tr("Open a material to search in it, or tick “Whole library”."))
            self._update_buttons()
            return
        try:
            hits = find_all(w.material, pattern, **self._options())
        except InputError as exc:
            self._set_status(exc.zh, error=True, tip=exc.en)
            return
        self._add_hits(w.material_id, w.material, hits, prefix="")
        fields = len({h.path for h in hits})
        self._set_status(
            _tr("%1 matches in %2 paragraphs")
            .replace("%1", str(len(hits)))
            .replace("%2", str(fields))
            + self._truncated_note(len(hits))
        )
        if self.hits.topLevelItemCount():
            self.hits.blockSignals(True)  # list the first hit without jumping away from the user
            self.hits.setCurrentItem(self.hits.topLevelItem(0))
            self.hits.blockSignals(False)
        self._update_buttons()

    def find_next(self) -> None:
        """Enter in the find box: show the next hit in the editor (from the top after the last)."""
        if self.timer.isActive() or not self.hits.topLevelItemCount():
            self.refresh()
        count = self.hits.topLevelItemCount()
        if not count:
            return
        current = self.hits.currentItem()
        row = self.hits.indexOfTopLevelItem(current) + 1 if current is not None else 0
        if current is not None and not self._shown_once:
            row -= 1  # the first Enter shows the hit already marked in the list
        self._shown_once = True
        self.hits.setCurrentItem(None)
        self.hits.setCurrentItem(self.hits.topLevelItem(row % count))

    def _truncated_note(self, total: int) -> str:
        if total <= MAX_LISTED:
            return ""
        return _tr(" (the first %1 are listed)").replace("%1", str(MAX_LISTED))

    def _add_hits(self, material_id: int, material, hits: list[Hit], prefix: str) -> None:
        room = MAX_LISTED - self.hits.topLevelItemCount()
        items = []
        labels: dict[str, str] = {}
        for hit in hits[: max(room, 0)]:
            if hit.path not in labels:
                labels[hit.path] = prefix + location_label(material, hit.path)
            item = QTreeWidgetItem(
                [labels[hit.path], f"…{hit.before}【{hit.excerpt}】{hit.after}…"]
            )
            item.setData(0, HitRole, (material_id, hit))
            item.setToolTip(1, f"{hit.before}{hit.excerpt}{hit.after}")
            items.append(item)
        self.hits.addTopLevelItems(items)

    def _start_library_search(self) -> None:
        w = self.window_
        try:
            self._library_queue = [m.id for m in w.library.list_materials()]
        except WRITE_ERRORS as exc:
            self._set_status(error_text(exc)[0], error=True)
            return
        self._library_count = [0, 0]
        self._set_status(_tr("Searching the library…"))
        self._library_timer.start()
        self._update_buttons()

    def _library_step(self) -> None:
        w = self.window_
        deadline = time.perf_counter() + LIBRARY_TICK_S
        pattern = self.find_edit.text()
        while self._library_queue and time.perf_counter() < deadline:
            material_id = self._library_queue.pop(0)
            try:  # the open material as typed (not yet saved), the others as stored
                material = (
                    w.material
                    if material_id == w.material_id
                    else w.library.get_material(material_id)
                )
                hits = find_all(material, pattern, **self._options())
            except InputError as exc:
                self._library_timer.stop()
                self._library_queue = []
                self._set_status(exc.zh, error=True, tip=exc.en)
                return
            except WRITE_ERRORS:
                continue  # a material removed meanwhile: skip it
            if hits:
                self._library_count[0] += len(hits)
                self._library_count[1] += 1
                self._add_hits(
                    material_id, material, hits, prefix=f"{one_line(material.title)[:16]} › "
                )
        if not self._library_queue:
            self._library_timer.stop()
            total, materials = self._library_count
            self._set_status(
                _tr("%1 matches in %2 materials (read-only: open a material to replace)")
                .replace("%1", str(total))
                .replace("%2", str(materials))
                + self._truncated_note(total)
            )

    def _set_status(self, text: str, *, error: bool = False, tip: str = "") -> None:
        self.status.setText(text)
        self.status.setStyleSheet(ERROR_STYLE if error else "")
        self.status.setToolTip(tip)

    def _hit_chosen(self, item: QTreeWidgetItem | None, _previous=None) -> None:
        if item is None:
            return
        material_id, hit = item.data(0, HitRole)
        w = self.window_
        if material_id != w.material_id:
            try:
                w.open_material(material_id)
            except WRITE_ERRORS as exc:
                self._set_status(error_text(exc)[0], error=True)
                return
        self.jump(hit.path, hit.start, hit.end, hit.excerpt)
        self._update_buttons()

    def current_hit(self) -> Hit | None:
        item = self.hits.currentItem()
        if item is None:
            return None
        material_id, hit = item.data(0, HitRole)
        return hit if material_id == self.window_.material_id else None

    # ----- replacing -------------------------------------------------------------------------
    def _update_buttons(self, *_args) -> None:
        editable = not self.library_check.isChecked() and self.window_.material is not None
        self.replace_all_button.setEnabled(editable and bool(self.find_edit.text()))
        self.replace_one_button.setEnabled(editable and self.current_hit() is not None)

    def replace_current(self) -> None:
        hit = self.current_hit()
        if hit is None or self.library_check.isChecked():
            return
        row = self.hits.indexOfTopLevelItem(self.hits.currentItem())
        if self._replace([hit], _tr("Replace “%1”").replace("%1", hit.excerpt)):
            self.refresh()
            if self.hits.topLevelItemCount():  # move on to the next hit, as Word does
                self.hits.setCurrentItem(
                    self.hits.topLevelItem(min(row, self.hits.topLevelItemCount() - 1))
                )

    def replace_everything(self) -> None:
        if self.library_check.isChecked() or not self.find_edit.text():
            return
        self.window_.flush_pending()
        try:
            total = len(find_all(self.window_.material, self.find_edit.text(), **self._options()))
        except InputError as exc:
            self._set_status(exc.zh, error=True, tip=exc.en)
            return
        text = (
            _tr("Replace all “%1” (%2)")
            .replace("%1", self.find_edit.text())
            .replace("%2", str(total))
        )
        if self._replace(None, text):
            self.refresh()
            self._set_status(
                _tr("Replaced %1 occurrences (one undo step: Ctrl+Z)").replace("%1", str(total))
            )

    def _replace(self, only: list[Hit] | None, text: str) -> bool:
        w = self.window_
        if w.material is None or not w.flush_pending():
            return False
        try:
            edits = replace_all(
                w.material,
                self.find_edit.text(),
                self.replace_edit.text(),
                only=only,
                **self._options(),
            )
            if not edits:
                self._set_status(_tr("Nothing to replace"))
                return False
            command = edits_command(w, edits, text)
        except InputError as exc:
            self._set_status(exc.zh, error=True, tip=exc.en)
            self.schedule()
            return False
        first = field_target(w.material, only[0].path) if only else None
        return w.run_command(command, select=first.key if first else None)


def selected_text(widget: QWidget | None) -> str:
    """The selection of a line or text editor (to seed the find box), else ""."""
    if isinstance(widget, QLineEdit):
        return widget.selectedText()
    if isinstance(widget, QPlainTextEdit):
        return widget.textCursor().selectedText()
    return ""
