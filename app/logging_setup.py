"""The program's log: a rotating file in ``platformdirs.user_log_dir("duizhao")`` (folder 0700,
files 0600 on POSIX) that never holds material text.

Material text is sensitive (a leader's self-criticism), and it is Chinese; log messages are
written by us, in English. So the formatter keeps the message template and numbers, and reduces
every string argument and every run of non-ASCII characters — which is where material text,
Chinese file names and exception messages quoting user input end up — to its length
(``<12 chars>``). Tracebacks keep file/line/function (our code) with the exception message
redacted the same way. Use ids and counts in log calls: ``log.info("saved node %d", node_id)``.

``install_excepthook`` is the core half of crash reporting: the window passes ``flush`` (write
pending edits first) and ``show`` (the dialog); the CLI needs neither.
"""

from __future__ import annotations

import logging
import logging.handlers
import os
import re
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

LOGGER_NAME = "duizhao"
LOG_FILENAME = "duizhao.log"
MAX_BYTES = 1_000_000
BACKUP_COUNT = 5
_NON_ASCII_RE = re.compile(r"[^\x00-\x7f]+")
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def redact(text: str) -> str:
    """``text`` with each run of non-ASCII characters (and control characters) replaced by its
    length: file names and error messages stay useful, Chinese text does not survive."""
    # The placeholder is ASCII so that redacting a line twice leaves it as it is.
    text = _NON_ASCII_RE.sub(lambda m: f"<{len(m.group(0))} chars>", text)
    return _CONTROL_RE.sub("?", text)


class Redacted(str):
    """Text already passed through ``redact``: logged as it is."""


def _safe_arg(value: object) -> object:
    """Numbers, booleans, None and ``Redacted`` pass; everything else (str, exceptions, objects
    whose repr may quote text) is reduced to its type and length."""
    if value is None or isinstance(value, bool | int | float | Redacted):
        return value
    if isinstance(value, Path):
        return redact(str(value))
    text = str(value)
    return f"<{type(value).__name__} {len(text)} chars>"


class PrivacyFormatter(logging.Formatter):
    """Formats a record with its string arguments reduced to lengths, then redacts the line."""

    def format(self, record: logging.LogRecord) -> str:
        args = record.args
        if isinstance(args, dict):
            record.args = {k: _safe_arg(v) for k, v in args.items()}
        elif args:
            record.args = tuple(_safe_arg(a) for a in args)
        try:
            return redact(super().format(record))
        finally:
            record.args = args

    def formatException(self, ei) -> str:  # noqa: N802 (logging's name)
        return format_exception_redacted(*ei)


def format_exception_redacted(
    exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
) -> str:
    """A traceback with frames (file, line, function, our source line) and redacted messages."""
    lines = []
    for frame in traceback.extract_tb(tb):
        lines.append(f'  File "{frame.filename}", line {frame.lineno}, in {frame.name}')
        if frame.line:
            lines.append(f"    {frame.line.strip()}")
    name = exc_type.__name__ if exc_type is not None else "Exception"
    message = str(exc) if exc is not None else ""
    errno = getattr(exc, "errno", None)
    detail = f"errno {errno}, " if isinstance(errno, int) else ""
    lines.append(f"{name}: {detail}{redact(message)}" if message else name)
    return redact("Traceback (most recent call last):\n" + "\n".join(lines))


def log_dir() -> Path:
    import platformdirs

    return Path(platformdirs.user_log_dir("duizhao"))


def setup_logging(folder: Path | None = None, level: int = logging.INFO) -> Path:
    """Attach the rotating, private, redacting file handler to the ``duizhao`` logger (once per
    folder); returns the log file path."""
    folder = folder or log_dir()
    folder.mkdir(parents=True, exist_ok=True)
    if os.name == "posix":
        os.chmod(folder, 0o700)
    path = folder / LOG_FILENAME
    logger = logging.getLogger(LOGGER_NAME)
    for handler in logger.handlers:
        if isinstance(handler, PrivateRotatingFileHandler) and Path(handler.baseFilename) == path:
            return path
    handler = PrivateRotatingFileHandler(
        path, maxBytes=MAX_BYTES, backupCount=BACKUP_COUNT, encoding="utf-8"
    )
    handler.setFormatter(PrivacyFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logger.addHandler(handler)
    logger.setLevel(level)
    logger.propagate = False  # a root handler elsewhere must not see unredacted records
    return path


class PrivateRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """Every log file, including each rotated one, is created 0600."""

    def _open(self):
        fd = os.open(self.baseFilename, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        if os.name == "posix":
            os.fchmod(fd, 0o600)  # a file left by an older version may be wider
        return os.fdopen(fd, "a", encoding=self.encoding, errors=self.errors)

    def rotate(self, source: str, dest: str) -> None:
        super().rotate(source, dest)
        if os.name == "posix" and os.path.exists(dest):
            os.chmod(dest, 0o600)


def close_logging() -> None:
    """Detach and close our handlers (tests; the end of the program)."""
    logger = logging.getLogger(LOGGER_NAME)
    for handler in list(logger.handlers):
        logger.removeHandler(handler)
        handler.close()


def install_excepthook(
    flush: Callable[[], object] | None = None,
    show: Callable[[type[BaseException], BaseException], object] | None = None,
) -> Callable:
    """Route uncaught exceptions to the log (redacted). ``flush`` runs first (pending edits are
    saved before anything else can fail), then ``show`` (the window's dialog). Returns the hook
    that was installed; the previous one is kept in ``hook.previous``."""
    logger = logging.getLogger(LOGGER_NAME)
    previous = sys.excepthook

    def hook(exc_type, exc, tb):
        if issubclass(exc_type, KeyboardInterrupt):
            previous(exc_type, exc, tb)
            return
        for step in (
            flush,
            lambda: logger.critical("uncaught exception", exc_info=(exc_type, exc, tb)),
        ):
            if step is None:
                continue
            try:
                step()
            except Exception:  # the hook itself must never raise: it would hide the first error
                logger.exception("error while handling an uncaught exception")
        if show is not None:
            try:
                show(exc_type, exc)
            except Exception:
                logger.exception("error while showing an uncaught exception")

    hook.previous = previous  # type: ignore[attr-defined]
    sys.excepthook = hook
    return hook


def log_qt_message(level: str, message: str, where: str = "") -> None:
    """For the window's ``qInstallMessageHandler``: Qt warnings go to the log, redacted (Qt may
    quote widget text in a warning)."""
    levels = {
        "debug": logging.DEBUG,
        "info": logging.INFO,
        "warning": logging.WARNING,
        "critical": logging.ERROR,
        "fatal": logging.CRITICAL,
    }
    logging.getLogger(f"{LOGGER_NAME}.qt").log(
        levels.get(level, logging.WARNING),
        "qt %s %s",
        Redacted(redact(message)),
        Redacted(redact(where)),
    )
