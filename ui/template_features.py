"""Templates in the window: 文件 → 从通知生成模板… and 模板管理… (declared in
``ui.window_chrome``; ``MainWindow`` hands this controller the two actions).

Templates are not part of any material, so nothing here goes through the edit path: a saved
template is a file in the user's folder, and every list of templates (新建, 导入, next year's
draft, the material panel) reads the folder when it is shown.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog

STATUS_MS = 8000


def _tr(text: str) -> str:
    return QCoreApplication.translate("Templates", text)


def run_dialog(dialog: QDialog) -> bool:
    """Shows a dialog modally. Tests replace this."""
    return dialog.exec() == QDialog.DialogCode.Accepted


class TemplateFeatures(QObject):
    def __init__(self, window, from_notice_action: QAction, manage_action: QAction):
        super().__init__(window)
        self.window = window
        from_notice_action.triggered.connect(self.new_from_notice)
        manage_action.triggered.connect(self.manage)
        from_notice_action.setEnabled(True)
        manage_action.setEnabled(True)

    def new_from_notice(self) -> None:
        from ui.dialogs.template_from_notice import TemplateFromNoticeDialog

        dialog = TemplateFromNoticeDialog(self.window)
        if run_dialog(dialog) and dialog.saved_template is not None:
            self.window.statusBar().showMessage(
                _tr("Template saved: %1 — choose it under New…").replace(
                    "%1", dialog.saved_template.name
                ),
                STATUS_MS,
            )
        dialog.deleteLater()

    def manage(self) -> None:
        from ui.dialogs.user_templates import UserTemplatesDialog

        dialog = UserTemplatesDialog(self.window)
        run_dialog(dialog)
        dialog.deleteLater()
