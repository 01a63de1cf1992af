"""Encoding detection for plain text and Markdown files: bytes → str, or a clear InputError.

Chinese office text arrives as UTF-8 (with or without BOM), GB18030/GBK (files saved by older
Windows tools) or UTF-16 (Notepad's "Unicode"). Word/WPS/PDF files renamed to .txt are
recognised by their magic bytes so the user is told to save them as .docx instead of seeing
garbage.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass

from app.errors import InputError

MAX_TEXT_BYTES = 20 * 1024 * 1024

# Magic bytes of formats users save with a .txt name by mistake: (prefix, zh name, en name).
_FOREIGN_FORMATS: tuple[tuple[bytes, str, str], ...] = (
    (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
        "旧版 Word/WPS 文档（.doc/.wps）",
        "a legacy Word/WPS document (.doc/.wps)",
    ),
    (b"%PDF-", "PDF 文件", "a PDF file"),
    (b"PK\x03\x04", "Word 文档（.docx）或压缩包", "a .docx document or a zip archive"),
    (b"{\\rtf", "RTF 文档", "an RTF document"),
)

# Control characters that never occur in real text; a few of them mean the file is binary.
_ALLOWED_CONTROLS = {"\t", "\n", "\r", "\f", "\v"}


# CJK ideographs, general punctuation (“”…—), CJK punctuation (、。《》), full-width forms
# (，：（）).
_USUAL_RANGES = (
    ("\u4e00", "\u9fff"),
    ("\u2000", "\u206f"),
    ("\u3000", "\u303f"),
    ("\uff00", "\uffef"),
)


@dataclass(frozen=True)
class DecodedText:
    text: str
    encoding: str  # the codec name that decoded it, e.g. "utf-8", "gb18030", "utf-16-le"


def check_size(size: int, name: str = "") -> None:
    """Refuse inputs above the limit before anything reads them."""
    if size > MAX_TEXT_BYTES:
        where = f"：{name}" if name else ""
        raise InputError(
            f"文件过大（{size / 1024 / 1024:.1f} MB，上限 20 MB），不像一份对照检查材料{where}",
            f"file too large ({size / 1024 / 1024:.1f} MB, limit 20 "
            f"MB){': ' + name if name else ''}",
        )


def check_magic(head: bytes) -> None:
    """Raise InputError when ``head`` (the first bytes) is a known non-text format."""
    for magic, zh, en in _FOREIGN_FORMATS:
        if head.startswith(magic):
            raise InputError(
                f"这是{zh}，不是纯文本。请在 Word/WPS 中“另存为” .docx 后导入",
                f"this is {en}, not plain text; please save it as .docx and import that",
            )


def decode_bytes(data: bytes) -> DecodedText:
    """Decode a text file's bytes. Raises InputError for binary, foreign or empty input."""
    check_size(len(data))
    check_magic(data[:16])
    decoded = _decode_by_bom(data) or _decode_utf16_without_bom(data)
    if decoded is None:
        if b"\x00" in data:
            raise _binary_error()
        decoded = _decode_utf8(data) or _decode_gb18030(data) or _decode_by_detector(data)
    if decoded is None:
        raise _binary_error()
    if _looks_binary(decoded.text):
        raise _binary_error()
    if not decoded.text.strip():
        raise InputError("文件是空的（没有文字）", "the file is empty (no text)")
    return decoded


def _binary_error() -> InputError:
    return InputError(
        "文件不是可识别的文本（可能是二进制文件或编码无法识别）。请另存为 UTF-8 "
        "文本或 .docx 后导入",
        "the file is not readable text (binary, or an unknown encoding); save it as UTF-8 "
        "text or .docx",
    )


def _decode_by_bom(data: bytes) -> DecodedText | None:
    # UTF-32 LE's BOM starts with UTF-16 LE's, so the longer BOMs are tried first.
    boms = (
        (codecs.BOM_UTF32_LE, "utf-32-le"),
        (codecs.BOM_UTF32_BE, "utf-32-be"),
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    )
    for bom, codec in boms:
        if data.startswith(bom):
            try:
                return DecodedText(data[len(bom) :].decode(codec), codec)
            except UnicodeDecodeError:
                raise _binary_error() from None
    return None


def _decode_utf16_without_bom(data: bytes) -> DecodedText | None:
    """UTF-16 without a BOM: ASCII characters leave NUL bytes on one side of every pair."""
    if len(data) < 4 or len(data) % 2 or b"\x00" not in data:
        return None
    even_nuls = data[0::2].count(0)
    odd_nuls = data[1::2].count(0)
    pairs = len(data) // 2
    # CJK code units have a zero byte now and then (U+4E00), so compare the sides, not zero.
    if odd_nuls >= max(2, pairs // 100) and even_nuls * 2 < odd_nuls:
        codec = "utf-16-le"
    elif even_nuls >= max(2, pairs // 100) and odd_nuls * 2 < even_nuls:
        codec = "utf-16-be"
    else:
        return None
    try:
        text = data.decode(codec)
    except UnicodeDecodeError:
        return None
    return DecodedText(text, codec) if _reads_as_text(text) else None


def _reads_as_text(text: str) -> bool:
    """Mostly Chinese, ASCII and common punctuation (a wrong byte order gives other blocks)."""
    if _looks_binary(text):
        return False
    usual = sum(1 for c in text if c.isascii() or any(lo <= c <= hi for lo, hi in _USUAL_RANGES))
    return usual >= 0.8 * len(text)


def _decode_utf8(data: bytes) -> DecodedText | None:
    try:
        return DecodedText(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        return None


def _decode_gb18030(data: bytes) -> DecodedText | None:
    """GB18030 decodes most byte soups, so accept it only when the result reads as Chinese."""
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        return None
    non_ascii = [c for c in text if ord(c) > 0x7F]
    if not non_ascii:
        return DecodedText(text, "gb18030")
    common = sum(1 for c in non_ascii if _in_gb2312(c))
    return DecodedText(text, "gb18030") if common >= 0.9 * len(non_ascii) else None


def _in_gb2312(char: str) -> bool:
    try:
        char.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True


def _decode_by_detector(data: bytes) -> DecodedText | None:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        return None
    return DecodedText(str(best), best.encoding)


def _looks_binary(text: str) -> bool:
    sample = text[:65536]
    if "\x00" in sample:
        return True
    controls = sum(1 for c in sample if ord(c) < 32 and c not in _ALLOWED_CONTROLS)
    return controls > max(2, len(sample) // 1000)
