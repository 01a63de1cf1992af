"""MainWindow — 对照's editor: library on the left, outline in the middle, the node's panel on the
right; docks for checks, preview, versions and undo history (DESIGN §6a).

All content changes go through Autosave (typing) or ``run_command`` (structure): each is one
undoable command, pushed with ``push_command`` (``ui.edit_path``); its redo is the write, and
the window refreshes from the command's result. Only geometry and dock layout are kept in
QSettings, never content.

The window composes its parts: it builds its controllers (PDF, Word, checks, backups) with the
docks and actions they own (all declared in ``ui.window_chrome``) and tells them of every change
of the shown material through one signal, ``materialChanged(MaterialChange)``; they never
subscribe to its widgets or models, scan its menus or reach into each other.

Its own behaviour is mixed in from modules beside it, one concern each: the edit path
(``ui.edit_path``), which material and library file it shows (``ui.window_library``), the
status bar texts (``ui.window_status``), structure edits (``ui.editor_actions``), exports
(``ui.export_actions``) and its layout on the screen (``ui.window_layout``).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QUndoGroup, QUndoStack
from PySide6.QtWidgets import (
    QApplication,
    QMainWindow,
    QSplitter,
    QUndoView,
    QWidget,
)

from app.exporters.title_breaks import one_line
from app.library import Library
from app.model import Material
from ui.autosave import Autosave
from ui.checks_features import ChecksActions, ChecksFeatures
from ui.commands import WRITE_ERRORS, History
from ui.compile_features import CompileFeatures
from ui.docx_features import DocxFeatures
from ui.edit_path import LABEL_FIELDS, EditPathMixin
from ui.editor_actions import EditorActionsMixin
from ui.export_actions import ExportMixin
from ui.fonts import ui_family
from ui.last_material import LastMaterial
from ui.last_year_features import LastYearFeatures, last_year_dock
from ui.material_change import MaterialChange, history_change
from ui.outline_model import MATERIAL_KEY, OutlineItem, OutlineModel
from ui.outline_view import OutlineView
from ui.panels import IMMEDIATE_FIELDS, PanelStack
from ui.pdf_features import PdfFeatures
from ui.rectification_features import RectificationActions, RectificationFeatures
from ui.refcount_guard import guard_none_refcount
from ui.reliability_features import ReliabilityFeatures
from ui.similar_features import SimilarFeatures
from ui.snapshots import SnapshotsDock
from ui.template_features import TemplateFeatures
from ui.typing_recovery import recover_typing
from ui.window_chrome import (
    add_dock,
    build_actions,
    build_menus_and_toolbar,
    build_status,
)
from ui.window_layout import WindowLayoutMixin, place_docks, solid_docks
from ui.window_library import WindowLibraryMixin
from ui.window_status import WindowStatusMixin


class MainWindow(
    EditPathMixin,
    WindowLibraryMixin,
    WindowStatusMixin,
    EditorActionsMixin,
    ExportMixin,
    WindowLayoutMixin,
    QMainWindow,
):
    # What changed in the shown material: typing, a command / undo / redo, a switch or close.
    materialChanged = Signal(object)  # MaterialChange
    nodeSelected = Signal(object)  # the outline's current node key (MATERIAL_KEY, None: none)

    def __init__(self, library: Library, parent: QWidget | None = None):
        guard_none_refcount()  # any caller (tests, benchmarks, automation), not just ui.main
        super().__init__(parent)
        self.library = library
        self.material_id: int | None = None
        self.material: Material | None = None
        self._stacks: dict[int, QUndoStack] = {}
        self._select_after: int | None = None  # the node a running structure edit selects
        self.history = History()  # a failed undo/redo puts the stack's index back
        self._history_stack: QUndoStack | None = None  # the stack, and its index, last announced
        self._history_index = 0
        self.last_saved: float | None = None
        self.setWindowTitle("对照")
        family = ui_family()
        if family:  # the platform default may lack Chinese and fall back to a thin Ming face
            font = self.font()
            font.setFamily(family)
            self.setFont(font)
        self.undo_group = QUndoGroup(self)
        self.autosave = Autosave(library, self.push_command, self)
        self.autosave.saved.connect(self._on_saved)
        self._build_central()
        self._build_docks()
        self.actions_by_name = build_actions(self)
        build_menus_and_toolbar(self)
        build_status(self)
        self._connect()
        self._restore_layout()
        self._show_material(None)
        self._build_controllers()
        self.typing_recovery = recover_typing(self)

    # ----- layout --------------------------------------------------------------------------
    def _build_central(self) -> None:
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.setObjectName("mainSplitter")
        self.library_view = self._make_library_view(splitter)
        self.outline_model = OutlineModel(self)
        self.tree = OutlineView(splitter)
        self.tree.setModel(self.outline_model)
        self.panels = PanelStack(splitter)
        splitter.addWidget(self.library_view)
        splitter.addWidget(self.tree)
        splitter.addWidget(self.panels)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setStretchFactor(2, 5)
        splitter.setSizes([260, 300, 720])
        self.splitter = splitter
        self.setCentralWidget(splitter)

    def _build_controllers(self) -> None:
        """The window's parts, each handed the dock and the actions it owns; they hear of
        changes through ``materialChanged`` alone."""
        a = self.actions_by_name
        self.pdf_features = PdfFeatures(
            self, self.preview_dock, a["actionExportPdf"], a["actionPrint"], a["actionPrintPreview"]
        )
        self.docx_features = DocxFeatures(self, a["actionExportDocx"])
        self.checks_features = ChecksFeatures(
            self,
            self.checks_dock,
            ChecksActions(
                run_checks=a["actionRunChecks"],
                find=a["actionFind"],
                replace=a["actionReplace"],
                search_library=a["actionSearchLibrary"],
            ),
        )
        self.reliability = ReliabilityFeatures(self, a["actionBackups"])
        self.compile_features = CompileFeatures(self, a["actionCompile"])
        self.library_view.compile_action = a["actionCompile"]
        self.template_features = TemplateFeatures(
            self, a["actionTemplateFromNotice"], a["actionManageTemplates"]
        )
        self.rectification = RectificationFeatures(
            self,
            self.rectification_dock,
            RectificationActions(
                show_list=a["actionRectificationList"],
                export_pdf=a["actionExportRectificationPdf"],
                export_docx=a["actionExportRectificationDocx"],
                export_xlsx=a["actionExportRectificationXlsx"],
            ),
        )
        self.similarity = SimilarFeatures(self, self.similar_dock, a["actionSimilarity"])
        self.last_material = LastMaterial(self)  # reopened at start-up (ui.main)
        self.last_year = LastYearFeatures(self, self.last_year_dock, a["actionLastYear"])
        for controller in (
            self.pdf_features,
            self.docx_features,
            self.checks_features,
            self.rectification,
            self.similarity,
            self.last_material,
            self.last_year,
        ):
            self.materialChanged.connect(controller.material_changed)

    def _build_docks(self) -> None:
        # The checks panel and the PDF preview are set into these docks by their controllers
        # (_build_controllers).
        self.checks_dock = add_dock(self, "checksDock", self.tr("Checks"), QWidget(self))
        self.preview_dock = add_dock(self, "previewDock", self.tr("Preview"), QWidget(self))
        self.snapshots_dock = SnapshotsDock(self.library, self.flush_pending, self)
        self.snapshots_dock.restoreRequested.connect(self.restore_snapshot)
        self.snapshots_dock.failed.connect(self.show_write_error)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.snapshots_dock)
        self.undo_view = QUndoView(self.undo_group, self)
        self.undo_view.setObjectName("undoView")
        self.undo_view.setEmptyLabel(self.tr("<opened>"))
        # after the view's own handler, which moves the stack
        self.undo_view.selectionModel().currentChanged.connect(self._history_view_moved)
        self.undo_dock = add_dock(self, "undoDock", self.tr("Undo history"), self.undo_view)
        docks = [self.checks_dock, self.preview_dock, self.snapshots_dock, self.undo_dock]
        for dock in docks:
            dock.widget().setMinimumHeight(60)
        # 整改清单: tabbed with the bottom docks, hidden until opened from 编辑 → 整改清单 (its
        # controller raises it and gives it height). Docks opened on demand are listed here so
        # the default layout (window_layout.place_docks) puts them back in their place.
        self.rectification_dock = add_dock(
            self, "rectificationDock", self.tr("Rectification list"), QWidget(self)
        )
        # 查重: likewise on demand, opened from 检查 → 查重… (ui.similar_features)
        self.similar_dock = add_dock(self, "similarDock", self.tr("Similarity"), QWidget(self))
        self.last_year_dock = last_year_dock(self)  # 对照上年材料, tabbed with 预览 on the right
        self.on_demand_docks = [self.rectification_dock, self.similar_dock]
        self.on_demand_right_docks = [self.last_year_dock]
        solid_docks(docks + self.on_demand_docks + self.on_demand_right_docks)
        place_docks(self)

    def _connect(self) -> None:
        self.tree.selectionModel().currentChanged.connect(self._current_changed)
        self.outline_model.moveRequested.connect(self.move_node_to)
        self.undo_group.canUndoChanged.connect(self._update_undo_enabled)
        self.undo_group.canRedoChanged.connect(self._update_undo_enabled)
        self.undo_group.indexChanged.connect(self._history_changed)
        self._update_undo_enabled()
        self.tree.linkRequested.connect(self.link_points)
        for panel in self.panels.panels.values():
            panel.edited.connect(self._field_edited)
        point_panel = self.panels.panels["point"]
        point_panel.linkActivated.connect(self.select_node)
        point_panel.unlinkRequested.connect(self.unlink_points)
        point_panel.linkRequested.connect(self.link_points)
        point_panel.newMeasureRequested.connect(self.add_measure_for)
        QApplication.instance().focusChanged.connect(self._focus_changed)

    # ----- showing a material --------------------------------------------------------------
    def _show_material(self, material: Material | None) -> None:
        self.material = material
        self.outline_model.set_material(material)
        self.tree.expandAll()
        self.setWindowTitle(f"对照 — {one_line(material.title)}" if material else "对照")
        self.panels.setEnabled(material is not None)
        self._update_enabled()
        self._update_counts()
        self.materialChanged.emit(MaterialChange(switched=True, material_id=self.material_id))

    def select_node(self, key: int) -> None:
        index = self.outline_model.index_for_key(key)
        if index.isValid():
            self.tree.setCurrentIndex(index)
            self.tree.scrollTo(index)

    def show_field(self, key: int, field: str) -> QWidget | None:
        """Select node ``key`` and return the editor of its ``field`` (None when it has none)."""
        from ui.check_commands import editor_for

        self.select_node(key)
        return editor_for(self.panels.current_panel(), field)

    def current_item(self) -> OutlineItem | None:
        return self.tree.current_item()

    def stack(self) -> QUndoStack | None:
        """The open material's history (the undo group's active stack may be the library's)."""
        return self._stacks.get(self.material_id) if self.material_id is not None else None

    # ----- panels and typing ---------------------------------------------------------------
    def _current_changed(self, current, _previous) -> None:
        self.flush_pending()  # node change: store what was typed at once
        self._load_panel()
        self._update_enabled()
        self._update_counts()
        item = self.current_item()
        self.nodeSelected.emit(item.key if item is not None else None)

    def _load_panel(self) -> None:
        item = self.current_item()
        if item is None or self.material is None:
            return
        panel = self.panels.show_kind(item.kind)
        target = ("material", self.material_id) if item.kind == "material" else ("node", item.key)
        panel.load(target, item.obj, self.panel_context(item))
        for field, value in panel.stored_values(item.obj).items():
            self.autosave.remember(target, field, value)

    def _field_edited(self, target, field: str, value) -> None:
        item = self.current_item()
        stored = None
        if item is not None and hasattr(item.obj, field):
            # Until the save, the open material shows the typing (live labels and 字数); before
            # this keystroke it held the library's value unless the field was already pending.
            stored = getattr(item.obj, field)
            setattr(item.obj, field, value)
            if field in LABEL_FIELDS:
                self.outline_model.refresh_labels()
                self.refresh_breadcrumb()
            if target[0] == "material" and field == "title":
                self.setWindowTitle(f"对照 — {value}")
        self.autosave.note_edit(target, field, value, stored)
        self._update_undo_enabled()
        self._update_counts()
        if field in IMMEDIATE_FIELDS:
            self.autosave.flush()
        self.materialChanged.emit(MaterialChange(text=True, material_id=self.material_id))

    def _update_undo_enabled(self, *_args) -> None:
        # typing not yet flushed is undoable too: undo() flushes it first
        pending = self.autosave.has_pending()
        self.actions_by_name["actionUndo"].setEnabled(self.undo_group.canUndo() or pending)
        self.actions_by_name["actionRedo"].setEnabled(self.undo_group.canRedo() and not pending)

    def _focus_changed(self, _old, new) -> None:
        if self.autosave.has_pending():
            self.autosave.flush()
        self.route_history(new)

    def flush_pending(self) -> bool:
        """Write any pending edit now; True when everything typed is in the library."""
        return self.autosave.flush() if self.autosave.has_pending() else True

    def _history_changed(self, index: int) -> None:
        """The shown material's undo stack moved (a push, undo, redo or a click in the history
        view). A switch of stacks is no change of its own: ``_show_material`` announces it."""
        stack = self.undo_group.activeStack()
        if stack is not self._history_stack or stack is None or stack is not self.stack():
            self._history_stack, self._history_index = stack, index
            return
        previous, self._history_index = self._history_index, index
        self.materialChanged.emit(history_change(stack, previous, index, self.material_id))

    def reload(self, select: int | None = None) -> None:
        """Re-read the material from the library and bring outline and panel in line."""
        if self.material_id is None:
            return
        current = self.current_item()
        keep = select if select is not None else (current.key if current else MATERIAL_KEY)
        try:
            material = self.library.get_material(self.material_id)
        except WRITE_ERRORS as exc:
            self.show_write_error(exc)
            return
        self.material = material
        self.outline_model.sync(material)
        self.setWindowTitle(f"对照 — {one_line(material.title)}")
        if self.outline_model.item_for(keep) is None:
            keep = MATERIAL_KEY
        if self.current_item() is None or self.current_item().key != keep:
            self.select_node(keep)
        else:
            self._load_panel()
        self._update_enabled()
        self._update_counts()
        self._refresh_library_view()

    # ----- closing -------------------------------------------------------------------------
    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.flush_pending() and not getattr(self, "_close_refused", False):
            self._close_refused = True  # the error is shown; a second close really closes
            event.ignore()
            return
        self.save_layout()
        if not getattr(self, "_closed", False):
            self._closed = True
            QApplication.instance().focusChanged.disconnect(self._focus_changed)
        self.autosave.close_journal()  # everything is saved: the journal goes
        super().closeEvent(event)
