"""Small helpers the library dialogs share: template labels and the error message box."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtWidgets import QMessageBox, QWidget

from app.errors import DuizhaoError
from app.templates import Template

# Shown between parts of a one-line summary (year · meeting · …).
SEP = " · "


def template_heading(template: Template) -> str:
    """First line of a template row: its name, marked when it is the user's own or when its
    framework is not confirmed."""
    if template.user:
        return template.name + QCoreApplication.translate("dialogs", " (my template)")
    if template.status not in ("confirmed", "custom"):
        return template.name + QCoreApplication.translate("dialogs", " (draft, to be verified)")
    return template.name


def template_details(template: Template) -> str:
    """Second line: year · meeting (when the name does not already say them) · the dimensions'
    short names, or a hint for ``custom``."""
    parts = []
    if template.year and str(template.year) not in template.name:
        parts.append(
            QCoreApplication.translate("dialogs", "{year} annual").format(year=template.year)
        )
    if template.meeting and template.meeting not in template.name:
        parts.append(template.meeting)
    if template.dimensions:
        parts.append("、".join(d.short_name for d in template.dimensions))
    else:
        parts.append(QCoreApplication.translate("dialogs", "you name the aspects yourself"))
    return SEP.join(parts)


def error_text(exc: BaseException) -> tuple[str, str]:
    """(Chinese, English) for any error: ours carry both, anything else is shown as it is."""
    if isinstance(exc, DuizhaoError):
        return exc.zh, exc.en
    return f"{type(exc).__name__}: {exc}", ""


def english_shown() -> bool:
    """Whether a message may add its English text: not in the Chinese interface, which reads
    Chinese only (the English stays in the log and on the command line's stderr)."""
    return QLocale().language() != QLocale.Language.Chinese


def show_error(parent: QWidget | None, title: str, exc: BaseException) -> None:
    zh, en = error_text(exc)
    box = QMessageBox(QMessageBox.Icon.Warning, title, zh, QMessageBox.StandardButton.Ok, parent)
    if en and english_shown():
        box.setInformativeText(en)
    box.exec()


def short_time(iso: str) -> str:
    """ISO 8601 from the library → ``2026-11-26 20:31`` in local time; bad input shown as is."""
    try:
        moment = dt.datetime.fromisoformat(iso)
    except (TypeError, ValueError):
        return iso or ""
    if moment.tzinfo is not None:
        moment = moment.astimezone()
    return moment.strftime("%Y-%m-%d %H:%M")
