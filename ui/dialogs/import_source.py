"""Where an import comes from: the file the user picked, read off the GUI thread.

Every read goes through ``app.importers.read_file`` (the CLI's entry too), on a ``TaskRunner``
worker while a progress dialog keeps the window painting and offers Cancel. A cancelled read
returns None and changes nothing. ``prepare_import_source`` asks before converting an old
.doc/.wps through LibreOffice (when it is installed); the conversion runs on the worker too.
"""

from __future__ import annotations

import tempfile
from functools import partial
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QEventLoop, QObject, Qt
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from app.importers import ImportReport, read_file
from app.importers.legacy import LEGACY_SUFFIXES, is_legacy_word_file, soffice_path
from app.model import Material
from ui.tasks import TaskRunner

# A read shorter than this shows no progress dialog at all (no flash for the usual file).
PROGRESS_DELAY_MS = 400
_USER_INPUT = frozenset(
    {
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonRelease,
        QEvent.Type.MouseButtonDblClick,
        QEvent.Type.KeyPress,
        QEvent.Type.KeyRelease,
        QEvent.Type.Wheel,
        QEvent.Type.Shortcut,
        QEvent.Type.ShortcutOverride,
        QEvent.Type.Drop,
        QEvent.Type.Close,
    }
)


class _InputGuard(QObject):
    """While a read runs, input reaches only its progress dialog, also before the delayed
    dialog shows (when its modality does not hold yet): a second Import, an edit or closing the
    window waits until the read ended or was cancelled."""

    def __init__(self, dialog: QWidget):
        super().__init__(dialog)
        self._dialog = dialog

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 — Qt's name
        if event.type() not in _USER_INPUT or not isinstance(watched, QWidget):
            return False  # window-system objects pass input on to their widgets, checked there
        if watched is self._dialog or self._dialog.isAncestorOf(watched):
            return False
        event.ignore()  # a refused close must not count as accepted
        return True


class ImportSource:
    """The file the user picked and the file the importers read (a converted .docx for a .doc).

    ``material``/``report`` hold the first read (``prepare_import_source``); ``paragraphs``
    gives the source as the last read saw it, for the preview."""

    def __init__(
        self,
        path: str | Path,
        name: str = "",
        *,
        convert_legacy: bool = False,
        parent: QWidget | None = None,
    ):
        self.path = Path(path)
        self.name = name or self.path.name
        self.convert_legacy = convert_legacy
        self.parent = parent
        self.temp_dir: tempfile.TemporaryDirectory | None = None
        self.material: Material | None = None
        self.report: ImportReport | None = None
        self._paragraphs: list[str] = []

    def read(
        self, template_id: str | None = None, keep: list[str] | None = None
    ) -> tuple[Material, ImportReport] | None:
        """Read (or re-read with another template / brought-back lines) off the GUI thread.
        None when the user cancelled; bad input raises InputError."""
        workdir = None
        if self.convert_legacy and self.temp_dir is None:
            # A cancelled conversion may still be ending while the folder goes.
            self.temp_dir = tempfile.TemporaryDirectory(
                prefix="duizhao-convert-", ignore_cleanup_errors=True
            )
        if self.convert_legacy:
            workdir = self.temp_dir.name
        work = partial(
            _read_with_paragraphs, self.path, template_id, keep, self.convert_legacy, workdir
        )
        outcome = run_with_progress(self.parent, work, self.name)
        if outcome is None:
            return None
        material, report, self._paragraphs = outcome
        if self.convert_legacy and report.read_path is not None:
            self.path, self.convert_legacy = report.read_path, False  # re-reads use the .docx
        return material, report

    def paragraphs(self, material: Material | None = None) -> list[str]:
        """The source as the last read saw it, one paragraph per entry ([] if unreadable)."""
        return list(self._paragraphs)

    def cleanup(self) -> None:
        if self.temp_dir is not None:
            self.temp_dir.cleanup()
            self.temp_dir = None


def _read_with_paragraphs(
    path: Path,
    template_id: str | None,
    keep: list[str] | None,
    convert_legacy: bool,
    workdir: str | None,
    report_stage,
) -> tuple[Material, ImportReport, list[str]]:
    """The worker's part: the read, and the source paragraphs the preview shows beside it."""
    material, report = read_file(
        path,
        template_id,
        keep=keep,
        convert_legacy=convert_legacy,
        workdir=workdir,
        progress=report_stage,
    )
    try:
        paragraphs = source_paragraphs(report.read_path or path, material)
    except Exception:  # noqa: BLE001 — the source pane is a help, never a reason to fail
        paragraphs = []
    return material, report, paragraphs


def run_with_progress(parent: QWidget | None, work, name: str):
    """``work(report_stage)`` on a worker; meanwhile a (delayed) progress dialog with Cancel.

    Returns the work's result, None when the user cancelled (the outcome, whenever it comes,
    is dropped), or raises the work's exception here on the GUI thread."""
    translate = QCoreApplication.translate
    reading = translate("ImportMaterial", "Reading {name}…").format(name=name)
    converting = translate("ImportMaterial", "Converting {name} with LibreOffice…").format(
        name=name
    )
    progress = QProgressDialog(reading, translate("ImportMaterial", "Cancel"), 0, 0, parent)
    progress.setObjectName("importProgress")
    progress.setWindowTitle(translate("ImportMaterial", "Import material"))
    progress.setWindowModality(Qt.WindowModality.ApplicationModal)
    progress.setValue(0)  # at its minimum, so the next line restarts the show timer (else 4 s)
    progress.setMinimumDuration(PROGRESS_DELAY_MS)
    progress.setAutoReset(False)
    progress.setAutoClose(False)
    runner = _import_runner()
    loop = QEventLoop()
    outcome: dict[str, object] = {}

    def finish(kind: str, value: object) -> None:
        outcome[kind] = value
        loop.quit()

    def stage(value: object) -> None:
        progress.setLabelText(converting if value == "converting" else reading)

    def cancel() -> None:
        task.cancel()  # its outcome, whenever it comes, is dropped
        outcome["cancelled"] = True
        loop.quit()

    progress.canceled.connect(cancel)
    guard = _InputGuard(progress)
    application = QCoreApplication.instance()
    application.installEventFilter(guard)
    try:
        task = runner.run(
            work,
            success=partial(finish, "result"),
            failure=partial(finish, "error"),
            progress=stage,
        )
        loop.exec()
    finally:
        application.removeEventFilter(guard)
        progress.canceled.disconnect(cancel)
    progress.reset()  # stops the show timer: a quick read never shows the dialog
    progress.close()
    progress.deleteLater()
    if "cancelled" in outcome:
        return None
    if "error" in outcome:
        raise outcome["error"]
    return outcome["result"]


def _import_runner() -> TaskRunner:
    """The runner for reads, living as long as the application. Not one per read: a runner
    deleted while its worker still runs (after a Cancel) would leave that worker holding the
    last reference to the runner's relay, a QObject then destroyed off the GUI thread (a crash)."""
    application = QCoreApplication.instance()
    runner = application.findChild(TaskRunner, "importRunner")
    if runner is None:
        runner = TaskRunner(application, "import")
        runner.setObjectName("importRunner")
    return runner


def source_paragraphs(path: Path, material: Material) -> list[str]:
    """Paragraphs as read: the text reader's joined lines, or the Word reader's paragraphs.

    A .json file has no source text: its material rendered as text stands in.
    """
    suffix = path.suffix.lower()
    if suffix in (".docx", *LEGACY_SUFFIXES):
        from app.importers.docx import read_docx_paragraphs

        return read_docx_paragraphs(path).paragraphs
    if suffix == ".json":
        from app.exporters.text import export_txt

        return export_txt(material).splitlines()
    from app.importers.encoding import MAX_TEXT_BYTES, decode_bytes
    from app.importers.text import text_to_paragraphs

    with path.open("rb") as handle:
        data = handle.read(MAX_TEXT_BYTES)
    return text_to_paragraphs(decode_bytes(data).text)[0]


def ask_convert_legacy(parent: QWidget | None, name: str) -> bool:
    """用 LibreOffice 转换为 .docx 后导入？ Tests replace this function."""
    answer = QMessageBox.question(
        parent,
        QCoreApplication.translate("ImportMaterial", "Import material"),
        QCoreApplication.translate(
            "ImportMaterial",
            "{name} is an old Word/WPS file. Convert it to .docx with LibreOffice and import it?",
        ).format(name=name),
    )
    return answer == QMessageBox.StandardButton.Yes


def prepare_import_source(path: str | Path, parent: QWidget | None = None) -> ImportSource | None:
    """The source to import, read once (``source.material`` / ``source.report``). A real
    .doc/.wps is converted through LibreOffice when it is installed and the user agrees. None
    when they decline or cancel the read; bad input raises InputError."""
    path = Path(path)
    convert = (
        path.suffix.lower() in LEGACY_SUFFIXES
        and is_legacy_word_file(path)
        and soffice_path() is not None
    )
    if convert and not ask_convert_legacy(parent, path.name):
        return None
    source = ImportSource(path, path.name, convert_legacy=convert, parent=parent)
    try:
        first = source.read()
    except BaseException:
        source.cleanup()
        raise
    if first is None:
        source.cleanup()
        return None
    source.material, source.report = first
    return source
