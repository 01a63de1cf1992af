"""The log: private files in the user log folder, rotating, and never a word of material text —
not from arguments, f-strings, exception messages or Qt warnings."""

from __future__ import annotations

import logging
import os
import re
import sys

import pytest

from app import logging_setup
from app.errors import InputError
from app.logging_setup import (
    close_logging,
    install_excepthook,
    log_qt_message,
    redact,
    setup_logging,
)

SECRET = "政府党组学习主动性不够，个别同志以干代学"
CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture
def log_file(tmp_path):
    path = setup_logging(tmp_path / "logs")
    yield path
    close_logging()


def read_log(path) -> str:
    for handler in logging.getLogger("duizhao").handlers:
        handler.flush()
    return path.read_text(encoding="utf-8")


def test_the_log_lives_in_the_user_log_dir_by_default(isolated_dirs):
    try:
        path = setup_logging()
        assert path.parent == logging_setup.log_dir()
        assert str(isolated_dirs) in str(path)  # the per-test home, not the real one
    finally:
        close_logging()


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_log_folder_and_files_are_private_even_after_rotation(log_file, monkeypatch):
    (handler,) = [
        h
        for h in logging.getLogger("duizhao").handlers
        if isinstance(h, logging_setup.PrivateRotatingFileHandler)
    ]
    monkeypatch.setattr(handler, "maxBytes", 20_000)  # rotate soon
    old = os.umask(0o022)
    try:
        log = logging.getLogger("duizhao.test")
        for i in range(3_000):
            log.info("edit %d of node %d committed", i, i * 7)
    finally:
        os.umask(old)
    assert log_file.parent.stat().st_mode & 0o777 == 0o700
    files = sorted(log_file.parent.iterdir())
    assert len(files) >= 2, "expected a rotated file"
    assert all(f.stat().st_mode & 0o777 == 0o600 for f in files)
    assert len(files) <= logging_setup.BACKUP_COUNT + 1


def test_material_text_never_reaches_the_log(log_file):
    log = logging.getLogger("duizhao.store")
    log.info("saved point %d: %s", 42, SECRET)
    log.warning(f"autosave failed for {SECRET}")  # an f-string slipped into a log call
    log.info("fields %(title)s", {"title": SECRET})
    try:
        raise InputError(f"无法导入：{SECRET}", f"cannot import: {SECRET}")
    except InputError:
        log.exception("import failed")
    text = read_log(log_file)
    assert SECRET not in text and not CJK.search(text)
    assert "saved point 42" in text and "import failed" in text and "InputError" in text
    assert "chars>" in text  # the text was replaced by its length


def test_redact_keeps_ascii_and_counts_the_rest():
    assert (
        redact("cannot open /home/u/材料库.db: disk full")
        == "cannot open /home/u/<3 chars>.db: disk full"
    )
    assert redact("bell\x07\x1b[31m") == "bell??[31m"


def test_uncaught_exceptions_flush_first_then_log_then_show(log_file, monkeypatch):
    calls = []
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    hook = install_excepthook(
        flush=lambda: calls.append("flush"),
        show=lambda kind, exc: calls.append(("show", kind.__name__)),
    )
    assert sys.excepthook is hook
    try:
        raise ValueError(SECRET)
    except ValueError:
        sys.excepthook(*sys.exc_info())
    assert calls == ["flush", ("show", "ValueError")]
    text = read_log(log_file)
    assert (
        "uncaught exception" in text
        and "ValueError" in text
        and "test_reliability_logging.py" in text
    )
    assert not CJK.search(text)


def test_a_failing_flush_is_logged_and_the_dialog_still_shows(log_file, monkeypatch):
    shown = []
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)

    def broken_flush():
        raise OSError(28, "No space left on device")

    install_excepthook(flush=broken_flush, show=lambda kind, exc: shown.append(kind))
    sys.excepthook(RuntimeError, RuntimeError("boom"), None)
    assert shown == [RuntimeError]
    text = read_log(log_file)
    assert "error while handling an uncaught exception" in text and "errno 28" in text


def test_qt_warnings_are_logged_redacted(log_file):
    log_qt_message("warning", f"QLineEdit text {SECRET} too long", "ui/panels.py:10")
    text = read_log(log_file)
    assert "QLineEdit text" in text and "ui/panels.py:10" in text and not CJK.search(text)


def test_redacting_twice_keeps_the_placeholder_readable():
    once = redact("无法打开 材料库.db")
    assert redact(once) == once == "<4 chars> <3 chars>.db"
