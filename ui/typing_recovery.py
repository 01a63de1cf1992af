"""On opening the window: put back what a killed or crashed window had typed but not yet saved
(``app.typing_journal``), show where, and tell the user — in the status bar and in a message
that does not block (text that could not be written back is listed there to copy)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QMessageBox

from app.typing_journal import Recovery


def _tr(text: str) -> str:
    return QCoreApplication.translate("TypingRecovery", text)


def _as_text(value) -> str:
    return "\n".join(value) if isinstance(value, list) else str(value)


def recover_typing(window) -> Recovery:
    """Replay the journal into ``window.library``; open the first recovered place."""
    recovery = window.autosave.recover_typing()
    if not recovery:
        return recovery
    message = _tr(
        "Recovered %1 unsaved edit(s) typed before Duizhao last closed unexpectedly."
    ).replace("%1", str(len(recovery.applied)))
    if recovery.unapplied:
        message += " " + _tr(
            "%1 could not be written back because the text there has changed "
            "since; it is listed below to copy."
        ).replace("%1", str(len(recovery.unapplied)))
    first = (recovery.applied or recovery.unapplied)[0]
    material_id, (kind, ident) = first[0], first[1]
    if material_id is not None:
        window.open_material(material_id, ident if kind == "node" else None)
    window.status_saved.setText(message)  # after the opening, which says when it was saved
    box = QMessageBox(
        QMessageBox.Icon.Information,
        _tr("Typing recovered"),
        message,
        QMessageBox.StandardButton.Ok,
        window,
    )
    box.setObjectName("typingRecoveredBox")
    if recovery.unapplied:
        box.setDetailedText("\n\n".join(_as_text(item[3]) for item in recovery.unapplied))
    window.typing_recovered_box = box
    # Once the window is up (never for one closed before that); open() never blocks.
    QTimer.singleShot(0, box, lambda: box.open() if window.isVisible() else None)
    return recovery
