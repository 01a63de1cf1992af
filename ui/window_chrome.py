"""The window's actions, menus, toolbar and status texts (kept apart from the editing logic).

Action objectNames are part of the window contract (DESIGN §6): actionNewMaterial, actionImport,
actionExportPdf, actionExportDocx, actionPrint, actionUndo, actionRedo, actionAddPoint,
actionDeleteNode, actionFind.

Every action and menu entry is declared here, including those a controller of the window owns
(export, print, checks, find, backups): such an action has no slot here and stays disabled
until its controller, handed the action by ``MainWindow``, connects and enables it. No
controller adds entries to a menu.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDockWidget, QLabel, QMainWindow, QToolBar, QWidget

from app.model import (
    Material,
    dimension_word_count,
    material_word_count,
    point_word_count,
    section_word_count,
)


def _tr(text: str) -> str:
    return QCoreApplication.translate("MainWindow", text)


def build_actions(window) -> dict[str, QAction]:
    """Create every action with its objectName, shortcut and slot."""
    lv = window.library_view
    specs = [
        # name, text, shortcuts, slot
        (
            "actionNewMaterial",
            _tr("New…"),
            [QKeySequence.StandardKey.New],
            getattr(lv, "new_material", None),
        ),
        (
            "actionImport",
            _tr("Import…"),
            [QKeySequence.StandardKey.Open],
            getattr(lv, "import_file", None),
        ),
        (
            "actionDuplicateMaterial",
            _tr("Duplicate as next year…"),
            [],
            getattr(lv, "duplicate_selected", None),
        ),
        (
            "actionTrashMaterial",
            _tr("Move material to trash"),
            [],
            getattr(lv, "trash_selected", None),
        ),
        ("actionShowTrash", _tr("Trash…"), [], getattr(lv, "show_trash", None)),
        # the templates controller (ui/template_features.py)
        ("actionTemplateFromNotice", _tr("New template from a notice…"), [], None),
        ("actionManageTemplates", _tr("Templates…"), [], None),
        ("actionQuit", _tr("Quit"), [QKeySequence.StandardKey.Quit], window.close),
        ("actionUndo", _tr("Undo"), [QKeySequence("Ctrl+Z")], window.undo),
        (
            "actionRedo",
            _tr("Redo"),
            [QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")],
            window.redo,
        ),
        ("actionFind", _tr("Find…"), [QKeySequence("Ctrl+F")], None),  # checks controller
        ("actionReplace", _tr("Replace…"), [QKeySequence("Ctrl+H")], None),  # checks controller
        (
            "actionSearchLibrary",
            _tr("Search the library"),
            [QKeySequence("Ctrl+Shift+F")],
            getattr(lv, "focus_search", None),
        ),
        ("actionAddPoint", _tr("Add point"), [QKeySequence("Ctrl+Return")], window.add_point),
        ("actionAddPointBefore", _tr("Add point before"), [], window.add_point_before),
        ("actionAddDimension", _tr("Add dimension"), [], window.add_dimension),
        ("actionDuplicateNode", _tr("Duplicate"), [QKeySequence("Ctrl+D")], window.duplicate_node),
        (
            "actionDeleteNode",
            _tr("Delete (to trash)"),
            [QKeySequence(Qt.Key.Key_Delete)],
            window.delete_node,
        ),
        ("actionMoveUp", _tr("Move up"), [QKeySequence("Alt+Up")], window.move_up),
        ("actionMoveDown", _tr("Move down"), [QKeySequence("Alt+Down")], window.move_down),
        ("actionRunChecks", _tr("Run checks"), [], None),  # checks controller
        # the last-year controller (ui/last_year_features.py): a dock beside the editor
        (
            "actionLastYear",
            _tr("Last year side by side"),
            [QKeySequence("Ctrl+Shift+L")],
            None,
        ),
        ("actionSimilarity", _tr("Similarity check…"), [], None),  # 查重 (ui.similar_features)
        ("actionExportTxt", _tr("Export as text (.txt)…"), [], window.export_txt),
        ("actionExportMd", _tr("Export as Markdown (.md)…"), [], window.export_md),
        ("actionExportJson", _tr("Export as JSON (.json)…"), [], window.export_json),
        # the PDF controller (export, print, print preview) and the Word export controller
        ("actionExportPdf", _tr("Export PDF…"), [], None),
        ("actionExportDocx", _tr("Export Word (.docx)…"), [], None),
        ("actionCompile", _tr("Compile materials (PDF/Word)…"), [], None),  # compile controller
        ("actionPrint", _tr("Print…"), [QKeySequence.StandardKey.Print], None),
        ("actionPrintPreview", _tr("Print preview…"), [], None),
        ("actionBackups", _tr("Backup and restore…"), [], None),  # reliability controller
        # the 整改清单 controller (ui.rectification_features)
        ("actionRectificationList", _tr("Rectification list"), [], None),
        ("actionExportRectificationPdf", _tr("Rectification list as PDF…"), [], None),
        ("actionExportRectificationDocx", _tr("Rectification list as Word…"), [], None),
        ("actionExportRectificationXlsx", _tr("Rectification list as Excel…"), [], None),
        ("actionHelp", _tr("How to use"), [QKeySequence("F1")], lambda: show_help(window)),
        ("actionAbout", _tr("About Duizhao"), [], lambda: about(window)),
    ]
    actions: dict[str, QAction] = {}
    for name, text, shortcuts, slot in specs:
        action = QAction(text, window)
        action.setObjectName(name)
        if shortcuts:
            action.setShortcuts(shortcuts)
        if slot is not None:
            action.triggered.connect(slot)
        else:
            action.setEnabled(False)
        actions[name] = action
    # 视图: a dock closed by its × comes back from here (docks no longer float off the window)
    for name, dock in (
        ("actionShowChecks", window.checks_dock),
        ("actionShowPreview", window.preview_dock),
        ("actionShowVersions", window.snapshots_dock),
        ("actionShowUndoHistory", window.undo_dock),
    ):
        action = dock.toggleViewAction()  # its text follows the dock's title
        action.setObjectName(name)
        actions[name] = action
    reset = QAction(_tr("Restore the default layout"), window)
    reset.setObjectName("actionResetLayout")
    reset.setToolTip(_tr("Docks and panes as on the first start on this screen"))
    reset.triggered.connect(lambda: window.lay_out_docks())
    actions["actionResetLayout"] = reset
    # Delete belongs to the outline: in a text field the key deletes characters instead.
    actions["actionDeleteNode"].setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    window.tree.addAction(actions["actionDeleteNode"])
    window.tree.menu_actions = {
        "addPointBefore": actions["actionAddPointBefore"],
        "addPointAfter": actions["actionAddPoint"],
        "addDimension": actions["actionAddDimension"],
        "duplicateNode": actions["actionDuplicateNode"],
        "deleteNode": actions["actionDeleteNode"],
    }
    return actions


# Every menu entry, in order (None: a separator); the titles are in ``_menu_titles``.
MENUS: dict[str, list[str | None]] = {
    "menuFile": [
        "actionNewMaterial",
        "actionImport",
        "actionDuplicateMaterial",
        None,
        "actionTemplateFromNotice",
        "actionManageTemplates",
        None,
        "actionPrint",
        "actionPrintPreview",
        None,
        "actionBackups",
        "actionShowTrash",
        None,
        # apart from 复制为下一年度草稿, so a slip does not land here (and Ctrl+Z undoes it)
        "actionTrashMaterial",
        None,
        "actionQuit",
    ],
    "menuEdit": [
        "actionUndo",
        "actionRedo",
        None,
        "actionFind",
        "actionReplace",
        "actionSearchLibrary",
        None,
        "actionMoveUp",
        "actionMoveDown",
        "actionDuplicateNode",
        "actionDeleteNode",
        None,
        "actionRectificationList",
    ],
    "menuView": [
        "actionShowChecks",
        "actionShowPreview",
        "actionShowVersions",
        "actionShowUndoHistory",
        "actionLastYear",
        None,
        "actionResetLayout",
    ],
    "menuInsert": ["actionAddPoint", "actionAddPointBefore", "actionAddDimension"],
    "menuCheck": ["actionRunChecks", "actionSimilarity"],
    "menuExport": [
        "actionExportPdf",
        "actionExportDocx",
        None,
        "actionExportTxt",
        "actionExportMd",
        "actionExportJson",
        None,
        "actionExportRectificationPdf",
        "actionExportRectificationDocx",
        "actionExportRectificationXlsx",
        "actionCompile",
    ],
    "menuHelp": ["actionHelp", None, "actionAbout"],
}


def _menu_titles() -> dict[str, str]:
    return {
        "menuFile": _tr("&File"),
        "menuEdit": _tr("&Edit"),
        "menuView": _tr("&View"),
        "menuInsert": _tr("&Insert"),
        "menuCheck": _tr("&Check"),
        "menuExport": _tr("E&xport"),
        "menuHelp": _tr("&Help"),
    }


def build_menus_and_toolbar(window: QMainWindow) -> None:
    a = window.actions_by_name
    bar = window.menuBar()
    titles = _menu_titles()
    for menu_name, names in MENUS.items():
        menu = bar.addMenu(titles[menu_name])
        menu.setObjectName(menu_name)
        menu.setToolTipsVisible(True)  # the disabled PDF/Word entries say why
        for name in names:
            if name is None:
                menu.addSeparator()
            else:
                menu.addAction(a[name])
    toolbar = QToolBar(_tr("Main toolbar"), window)
    toolbar.setObjectName("mainToolBar")
    toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
    for name in (
        "actionNewMaterial",
        "actionImport",
        None,
        "actionUndo",
        "actionRedo",
        None,
        "actionAddPoint",
        "actionRunChecks",
        None,
        "actionExportPdf",
        "actionPrint",
    ):
        if name is None:
            toolbar.addSeparator()
        else:
            toolbar.addAction(a[name])
    window.addToolBar(toolbar)
    # shortcuts work while the menus are closed; Delete only in the outline (see build_actions)
    window.addActions([x for n, x in a.items() if n != "actionDeleteNode"])


def add_dock(window: QMainWindow, name: str, title: str, widget: QWidget) -> QDockWidget:
    """A dock at the bottom holding ``widget`` (a placeholder that a controller replaces)."""
    dock = QDockWidget(title, window)
    dock.setObjectName(name)
    widget.setParent(dock)
    dock.setWidget(widget)
    window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, dock)
    return dock


def build_status(window: QMainWindow) -> None:
    """已保存 and the word counts in the status bar (objectNames from the window contract)."""
    window.status_saved = QLabel(window)
    window.status_saved.setObjectName("statusSaved")
    window.status_saved.setContentsMargins(0, 0, 12, 0)  # apart from the word counts
    window.word_count_label = QLabel(window)
    window.word_count_label.setObjectName("wordCountLabel")
    window.statusBar().addWidget(window.status_saved)
    window.statusBar().addWidget(window.word_count_label, 1)
    # "已将「…」移到回收站 [撤销]" after a material went to the trash (ui.library_undo)
    window.statusBar().addWidget(window.library_view.undo_notice)


def show_help(window) -> None:
    from ui.help import show_help as show  # 使用说明: the five common tasks

    show(window)


def saved_stamp(updated: str) -> str:
    """A material's ``updated`` (ISO 8601) as the status bar says it: the time today, the date
    and time before."""
    try:
        when = datetime.fromisoformat(updated).astimezone()
    except (TypeError, ValueError):
        return updated
    if when.date() == datetime.now().astimezone().date():
        return when.strftime("%H:%M:%S")
    return when.strftime("%Y-%m-%d %H:%M")


def about(window) -> None:
    from ui.about import show_about  # version, licence and third-party notices

    show_about(window)


def _fmt(n: int) -> str:
    return f"{n:,}"


def word_count_text(window, material: Material | None, item) -> str:
    """全文 N 字 · 本节 M 字 · 本维度 K 条（建议 2–4 条）· 本要点 J 字 · 第 i 条/共 n 条 ·
    template."""
    if material is None:
        return ""
    parts = [_tr("Total %1 chars").replace("%1", _fmt(material_word_count(material)))]
    node = item
    chain = {}
    while node is not None and node.kind != "material":
        chain[node.kind] = node
        node = node.parent
    if "section" in chain:
        parts.append(
            _tr("Section %1 chars").replace("%1", _fmt(section_word_count(chain["section"].obj)))
        )
    if "dimension" in chain:
        dim = chain["dimension"].obj
        text = (
            _tr("Dimension %1 chars, %2 points")
            .replace("%1", _fmt(dimension_word_count(dim)))
            .replace("%2", str(len(dim.points)))
        )
        suggested = _suggested_points(material, dim.short_name)
        if suggested:
            text += (
                _tr(" (template: %1–%2)")
                .replace("%1", str(suggested[0]))
                .replace("%2", str(suggested[1]))
            )
        parts.append(text)
    if "point" in chain:
        point = chain["point"].obj
        parts.append(_tr("Point %1 chars").replace("%1", _fmt(point_word_count(point))))
        ids = [p.id for p in material.all_points()]
        if point.id in ids:
            parts.append(
                _tr("point %1 of %2")
                .replace("%1", str(ids.index(point.id) + 1))
                .replace("%2", str(len(ids)))
            )
    template = _template(material.template_id)
    if template is not None:
        parts.append(template.name)
    return " · ".join(parts)


def _template(template_id: str):
    from app.errors import InputError
    from app.templates import get_template

    try:
        return get_template(template_id)
    except InputError:
        return None


def _suggested_points(material: Material, short_name: str) -> tuple[int, int] | None:
    template = _template(material.template_id)
    if template is None:
        return None
    for dim in template.dimensions:
        if dim.short_name == short_name and dim.points:
            return dim.points
    return None
