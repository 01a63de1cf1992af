"""Opening a .docx without trusting it: magic bytes, zip limits checked before any part is
inflated, and XML parsed with entities and DTDs refused.

A .docx is a zip of XML parts. What arrives named .docx may be a legacy .doc/.wps (OLE
compound file), a password-protected .docx (also an OLE file, holding ``EncryptionInfo``),
a PDF, a renamed text file, a truncated download, or a hostile zip/XML bomb. Each gets an
InputError in Chinese and English saying what to do.
"""

from __future__ import annotations

import zipfile
import zlib
from pathlib import Path

from lxml import etree

from app.errors import InputError

MAX_FILE_BYTES = 100 * 1024 * 1024  # a 对照检查材料 with photos stays far below this
MAX_TOTAL_UNCOMPRESSED = 300 * 1024 * 1024  # sum of all declared entry sizes
MAX_PART_BYTES = 64 * 1024 * 1024  # document.xml (of ~30,000 pages; streamed, see docx_stream)
MAX_AUX_PART_BYTES = 8 * 1024 * 1024  # styles, numbering, relationships: parsed whole, ~30× Word's
MAX_RATIO = 200  # uncompressed / compressed, per entry above RATIO_FLOOR
RATIO_FLOOR = 1024 * 1024  # small entries may compress very well (empty styles, settings)
MAX_ENTRIES = 10_000

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06")
_SAVE_AS = "请在 Word/WPS 中打开后“另存为” .docx 格式再导入"
_SAVE_AS_EN = "open it in Word/WPS and save it as .docx, then import that"


def error(zh: str, en: str, path: Path) -> InputError:
    return InputError(f"{zh}：{path.name}", f"{en}: {path.name}")


def check_file(path: Path) -> None:
    """Refuse what is not a .docx zip, judged by size and magic bytes (not by the name)."""
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            head = handle.read(8)
            ole = head.startswith(OLE_MAGIC) and size <= MAX_FILE_BYTES
            data = head + handle.read() if ole else b""
    except FileNotFoundError as exc:
        raise InputError(f"找不到文件：{path}", f"no such file: {path}") from exc
    except IsADirectoryError as exc:
        raise InputError(
            f"这是一个文件夹，不是文件：{path}", f"this is a folder, not a file: {path}"
        ) from exc
    except OSError as exc:
        raise InputError(
            f"无法读取文件：{path}（{exc.strerror or exc}）", f"cannot read {path}: {exc}"
        ) from exc
    if size == 0:
        raise error(
            "文件是空的（0 字节），不是有效的 .docx 文档",
            "the file is empty (0 bytes), not a .docx",
            path,
        )
    if size > MAX_FILE_BYTES:
        raise error(
            f"文件过大（{size / 1024 / 1024:.0f} MB，上限 {MAX_FILE_BYTES // 1024 // 1024} MB）",
            f"file too large ({size / 1024 / 1024:.0f} MB, limit "
            f"{MAX_FILE_BYTES // 1024 // 1024} MB)",
            path,
        )
    if head.startswith(OLE_MAGIC):
        # Office writes a password-protected .docx as an OLE file with these streams.
        if (
            "EncryptionInfo".encode("utf-16-le") in data
            or "EncryptedPackage".encode("utf-16-le") in data
        ):
            raise error(
                "文档设置了打开密码（已加密），无法读取。请在 Word/WPS "
                "中取消密码后另存为 .docx 再导入",
                "the document is password-protected (encrypted); remove the password in Word/WPS, "
                "save it as .docx and import that",
                path,
            )
        raise error(
            f"这是旧版 Word/WPS 文档（.doc/.wps），{_SAVE_AS}",
            f"this is a legacy .doc/.wps file; {_SAVE_AS_EN}",
            path,
        )
    if head.startswith(b"%PDF-"):
        raise error(
            f"这是 PDF 文件，不是 Word 文档。{_SAVE_AS}，或把文字复制到 .txt 文件",
            f"this is a PDF, not a Word document; {_SAVE_AS_EN}, or copy the text into a .txt file",
            path,
        )
    if head.startswith(b"{\\rtf"):
        raise error(f"这是 RTF 文档，{_SAVE_AS}", f"this is an RTF document; {_SAVE_AS_EN}", path)
    if not head.startswith(ZIP_MAGICS):
        raise error(
            "这不是 Word 文档（.docx）：内容像纯文本或其他格式。纯文本请用 .txt 扩展名导入，"
            f"Word 文档{_SAVE_AS}",
            "this is not a .docx (it looks like plain text or another format); import text as "
            f".txt, or {_SAVE_AS_EN}",
            path,
        )


def open_zip(path: Path) -> zipfile.ZipFile:
    """The .docx as a zip whose declared sizes are within limits (checked before inflating)."""
    check_file(path)
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as exc:
        raise corrupt_error(path) from exc
    try:
        check_limits(archive, path)
    except BaseException:
        archive.close()
        raise
    return archive


def corrupt_error(path: Path) -> InputError:
    return error(
        "文件已损坏或不完整（不是有效的 .docx 压缩包）。请在 Word/WPS 中打开并重新另存为 .docx",
        "the file is damaged or incomplete (not a valid .docx zip); open it in Word/WPS "
        "and save it "
        "as .docx again",
        path,
    )


def bomb_error(path: Path, zh: str, en: str) -> InputError:
    return error(
        f"文件内容异常，拒绝导入（{zh}，可能是恶意的“压缩炸弹”）",
        f"refused: {en} (a possible zip bomb)",
        path,
    )


def check_limits(archive: zipfile.ZipFile, path: Path) -> None:
    """Zip-bomb guard from the central directory alone: entry count, total size, ratios."""
    entries = archive.infolist()
    if len(entries) > MAX_ENTRIES:
        raise bomb_error(path, f"{len(entries)} 个条目", f"{len(entries)} entries")
    total = sum(e.file_size for e in entries)
    if total > MAX_TOTAL_UNCOMPRESSED:
        raise bomb_error(
            path,
            f"解压后共 {total / 1024 / 1024:.0f} MB",
            f"{total / 1024 / 1024:.0f} MB uncompressed",
        )
    for e in entries:
        if e.file_size > RATIO_FLOOR and e.file_size > MAX_RATIO * max(e.compress_size, 1):
            raise bomb_error(
                path,
                f"{e.filename} 压缩比 {e.file_size // max(e.compress_size, 1)}:1",
                f"{e.filename} compression ratio {e.file_size // max(e.compress_size, 1)}:1",
            )


def part_info(
    archive: zipfile.ZipFile, name: str, path: Path, limit: int = MAX_AUX_PART_BYTES
) -> zipfile.ZipInfo | None:
    """The zip entry of one part, or None when absent; refused when it inflates past ``limit``
    (zipfile stops at the declared size and checks the CRC, so a lying header fails too)."""
    try:
        info = archive.getinfo(name)
    except KeyError:
        return None
    if info.file_size > limit:
        raise bomb_error(
            path,
            f"{name} 解压后 {info.file_size / 1024 / 1024:.0f} MB",
            f"{name} is {info.file_size} bytes",
        )
    return info


def read_part(archive: zipfile.ZipFile, name: str, path: Path) -> bytes | None:
    """The bytes of one small part (styles, numbering, relationships), or None when absent.
    Never inflates more than MAX_AUX_PART_BYTES; document.xml is streamed instead."""
    info = part_info(archive, name, path)
    if info is None:
        return None
    try:
        with archive.open(info) as handle:
            return handle.read(MAX_AUX_PART_BYTES + 1)
    except (
        zipfile.BadZipFile,
        zlib.error,
        OSError,
        EOFError,
        ValueError,
        NotImplementedError,
    ) as exc:
        raise corrupt_error(path) from exc
    except RuntimeError as exc:  # zipfile: "File is encrypted, password required"
        raise error("文档已加密，无法读取", "the document is encrypted", path) from exc


_PARSER = etree.XMLParser(
    resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False, dtd_validation=False
)
DTD_MARKERS = tuple(
    marker.encode(codec)
    for marker in ("<!DOCTYPE", "<!ENTITY")
    for codec in ("utf-8", "utf-16-le", "utf-16-be")
)


def dtd_error(name: str, path: Path) -> InputError:
    return error(
        f"文档的 {name} 含有 DTD/实体声明，拒绝导入（可能是恶意的“XML 炸弹”）",
        f"refused: {name} declares a DTD/entities (a possible XML bomb)",
        path,
    )


def parse_xml(data: bytes, name: str, path: Path) -> etree._Element:
    """Parse one part. A DTD or entity declaration is refused (no Office part has one)."""
    if any(marker in data for marker in DTD_MARKERS):  # XML keywords are case-sensitive
        raise dtd_error(name, path)
    try:
        root = etree.fromstring(data, _PARSER)
    except (etree.XMLSyntaxError, ValueError) as exc:
        raise error(
            f"文档的 {name} 已损坏（XML 格式错误）", f"{name} is damaged (bad XML)", path
        ) from exc
    if root.getroottree().docinfo.doctype:
        raise error(f"文档的 {name} 含有 DTD，拒绝导入", f"refused: {name} has a DTD", path)
    return root
