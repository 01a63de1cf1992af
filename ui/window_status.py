"""The window's status bar texts: 已保存 with the time of the last write, 未保存 in red with
the reason when a write failed, and the 字数 of the open material and node.

Apart from ``ui.main_window`` because it only says what happened; the widgets it writes into
are built by ``ui.window_chrome.build_status``. Mixed into ``MainWindow``; its texts keep the
window's translation context (``_tr``), as the chrome's do.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QCoreApplication

from app.model import Material
from ui.dialogs.common import error_text
from ui.window_chrome import saved_stamp, word_count_text

ERROR_STYLE = "color: #c00000; font-weight: bold;"


def _tr(text: str) -> str:
    return QCoreApplication.translate("MainWindow", text)


class WindowStatusMixin:
    def _on_saved(self) -> None:
        self._mark_saved()

    def _mark_saved(self) -> None:
        self.last_saved = time.time()
        stamp = time.strftime("%H:%M:%S", time.localtime(self.last_saved))
        self.status_saved.setStyleSheet("")
        self.status_saved.setText(_tr("Saved %1").replace("%1", stamp))
        self.status_saved.setToolTip("")

    def _show_stored(self, material: Material | None) -> None:
        """A material just opened is what the library holds: 已保存 with its own last write
        (an import's, say), never the time another material was saved; nothing open, nothing
        said."""
        self.status_saved.setStyleSheet("")
        self.status_saved.setToolTip("")
        if material is None:
            self.status_saved.setText("")
            return
        self.status_saved.setText(_tr("Saved %1").replace("%1", saved_stamp(material.updated)))

    def show_write_error(self, exc: BaseException) -> None:
        """A failed write: red and in words, the text stays in the editor and is retried."""
        message = _tr(
            "Not saved: %1 — the text stays in the editor and is saved again on the next edit."
        ).replace("%1", error_text(exc)[0])
        self.status_saved.setStyleSheet(ERROR_STYLE)
        self.status_saved.setText(message)
        self.status_saved.setToolTip(str(exc))

    def _update_counts(self) -> None:
        self.word_count_label.setText(word_count_text(self, self.material, self.current_item()))
