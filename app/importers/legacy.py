"""Legacy Word (.doc) and WPS (.wps) files → .docx through LibreOffice headless, when it is
installed.

The conversion runs ``soffice --headless --convert-to docx`` with a private, throw-away user
profile (``-env:UserInstallation``): a LibreOffice the user has open is neither disturbed nor
blocking, and nothing from their profile (macros, recent files) takes part. LibreOffice does no
network access for a plain conversion; the process is killed after ``timeout`` seconds.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from app.errors import InputError

LEGACY_SUFFIXES = (".doc", ".wps")
POLL_SECONDS = 0.2  # how soon a cancelled conversion stops LibreOffice
# Both .doc and .wps are OLE2 compound files: this 8-byte signature starts every real one.
OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_CANDIDATES = (
    "/usr/bin/soffice",
    "/usr/lib/libreoffice/program/soffice",
    "/opt/libreoffice/program/soffice",
    "/Applications/LibreOffice.app/Contents/MacOS/soffice",
    r"C:\Program Files\LibreOffice\program\soffice.exe",
    r"C:\Program Files (x86)\LibreOffice\program\soffice.exe",
)


def soffice_path() -> Path | None:
    """LibreOffice's ``soffice`` on PATH or in a usual install folder; None when absent."""
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return Path(found)
    for candidate in _CANDIDATES:
        if Path(candidate).is_file() and os.access(candidate, os.X_OK):
            return Path(candidate)
    return None


def is_legacy_word_file(path: str | Path) -> bool:
    """True for a real OLE2 .doc/.wps (by content, not only by name)."""
    try:
        with Path(path).open("rb") as handle:
            return handle.read(len(OLE_SIGNATURE)) == OLE_SIGNATURE
    except OSError:
        return False


def convert_with_soffice(
    path: str | Path,
    out_dir: str | Path,
    timeout: float = 60,
    poll: Callable[[], object] | None = None,
) -> Path:
    """Convert ``path`` (.doc/.wps) into ``out_dir``/<stem>.docx; returns the new file.

    Raises InputError (zh + en) when LibreOffice is missing, the file is not a Word/WPS file,
    the conversion fails or takes longer than ``timeout`` seconds. ``poll()`` is called a few
    times a second while LibreOffice works; whatever it raises ends LibreOffice and the call
    (the window's cancel).
    """
    path, out_dir = Path(path), Path(out_dir)
    if not path.is_file():
        raise InputError(f"找不到文件：{path}", f"no such file: {path}")
    if not is_legacy_word_file(path):
        raise InputError(
            f"{path.name} 不是有效的 Word/WPS 文档（文件已损坏或类型不符），无法转换。",
            f"{path.name} is not a valid Word/WPS document (damaged or of another type)",
        )
    soffice = soffice_path()
    if soffice is None:
        raise InputError(
            f"未找到 LibreOffice，无法转换 {path.name}。请在 Word/WPS 中另存为 .docx 后再导入。",
            f"LibreOffice was not found to convert {path.name}; please save it as .docx",
        )
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="duizhao-soffice-") as profile:
        command = [
            str(soffice),
            f"-env:UserInstallation={Path(profile).as_uri()}",
            "--headless",
            "--invisible",
            "--nologo",
            "--norestore",
            "--nolockcheck",
            "--convert-to",
            "docx:MS Word 2007 XML",
            "--outdir",
            str(out_dir),
            str(path),
        ]
        try:
            returncode, output = _run(command, timeout, profile, poll)
        except subprocess.TimeoutExpired as exc:
            raise InputError(
                f"LibreOffice 转换 {path.name} 超时（{timeout:g} 秒）。请在 Word/WPS "
                f"中另存为 .docx 后再导入。",
                f"LibreOffice took longer than {timeout:g} s to convert {path.name}",
            ) from exc
        except OSError as exc:
            raise InputError(
                f"无法启动 LibreOffice 转换 {path.name}：{exc.strerror or exc}",
                f"cannot start LibreOffice to convert {path.name}: {exc}",
            ) from exc
    converted = out_dir / (path.stem + ".docx")
    if returncode != 0 or not converted.is_file() or converted.stat().st_size == 0:
        detail = output.decode("utf-8", "replace").strip()[-300:]
        raise InputError(
            f"LibreOffice 未能转换 {path.name}。请在 Word/WPS 中另存为 .docx 后再导入。",
            f"LibreOffice could not convert {path.name} (exit {returncode}): {detail}",
        )
    return converted


def _run(
    command: list[str], timeout: float, profile: str, poll: Callable[[], object] | None = None
) -> tuple[int, bytes]:
    """Run soffice; on timeout (or when ``poll`` raises) end its whole process group (soffice
    starts soffice.bin as a child, which would otherwise outlive the launcher)."""
    posix = os.name == "posix"
    process = subprocess.Popen(  # noqa: S603 — fixed argument list, no shell
        command,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        env=_quiet_env(profile),
        start_new_session=posix,
        creationflags=getattr(subprocess, "CREATE_NO_WINDOW", 0) if sys.platform == "win32" else 0,
    )
    deadline = time.monotonic() + timeout
    try:
        while True:
            if poll is not None:
                poll()
            left = deadline - time.monotonic()
            try:
                output, _ = process.communicate(timeout=max(0.0, min(left, POLL_SECONDS)))
                break
            except subprocess.TimeoutExpired:
                if left <= POLL_SECONDS:
                    raise
    except BaseException:
        if posix:
            try:
                os.killpg(process.pid, signal.SIGKILL)
            except OSError:
                pass  # already gone
        process.kill()
        process.communicate()
        raise
    return process.returncode, output or b""


def _quiet_env(profile: str) -> dict[str, str]:
    """The environment for soffice: its HOME in the throw-away profile, no proxies."""
    env = {k: v for k, v in os.environ.items() if "proxy" not in k.lower()}
    env["HOME"] = profile  # some builds write caches under HOME despite UserInstallation
    return env
