"""On opening the window: put back what a killed or crashed window had typed but not yet saved
(``app.typing_journal``) — in a panel, a 整改清单 cell or the library list's rename — through
the edit path (one undoable step per field), show where, and tell the user: in the status bar
and in a message that does not block (text that could not be written back is listed there to
copy)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QMessageBox

from app.typing_journal import Recovery, Replay
from ui.commands import EditFieldCommand


def _tr(text: str) -> str:
    return QCoreApplication.translate("TypingRecovery", text)


def _as_text(value) -> str:
    return "\n".join(value) if isinstance(value, list) else str(value)


def write_back(window, replay: Replay) -> None:
    """One recovered field through the window's edit path, so Ctrl+Z takes it back out: a
    rename typed in the library list as a rename (the library's history), any other field as
    an edit of its material (that material's history). Raises the library's error."""
    if replay.place == "library-list" and replay.target[0] == "material":
        from ui.library_commands import RenameMaterialCommand

        command = RenameMaterialCommand(
            window.library, replay.material_id, replay.old, replay.new, window.rename_material
        )
        window.library_view.library_undo.push(command, None)
    else:
        if window.material_id != replay.material_id:  # its history is the open material's
            window.open_material(replay.material_id)
        command = EditFieldCommand(
            window.library, replay.target, replay.field, replay.old, replay.new
        )
        window.push_command(command, report=False)
    if command.error is not None:
        raise command.error


def _show_place(window, recovery: Recovery) -> None:
    """Open the first recovered place: the material at its node, or the 整改清单 cell."""
    material_id, target, field = (recovery.applied or recovery.unapplied)[0][:3]
    if material_id is None:
        return
    kind, ident = target
    window.open_material(material_id, ident if kind == "node" else None)
    if recovery.place(target, field) == "rectification":
        window.rectification.show_cell(ident, field)


def recover_typing(window) -> Recovery:
    """Replay the journal into ``window.library`` through the edit path; show the first
    recovered place."""
    recovery = window.autosave.recover_typing(lambda replay: write_back(window, replay))
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
    _show_place(window, recovery)
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
