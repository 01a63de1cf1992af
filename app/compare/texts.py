"""Texts the user points at for 查重 (范文 they downloaded): a .txt/.md/.docx file or a folder of
them, read into paragraphs by the importers' own readers (encoding detection, size caps, the
Word reader's refusals), so a file reads here exactly as an import would see it."""

from __future__ import annotations

from pathlib import Path

from app.compare.similar import TextSource
from app.errors import InputError
from app.importers.encoding import decode_bytes
from app.importers.legacy import LEGACY_SUFFIXES
from app.importers.read import TEXT_SUFFIXES, refuse_unreadable

SUFFIXES = (*TEXT_SUFFIXES, ".docx")
MAX_FILES = 2000  # a folder beyond this is not a folder of 范文


def read_paragraphs(path: Path) -> list[str]:
    """The paragraphs of one file; InputError when it cannot be read as text."""
    suffix = refuse_unreadable(
        path, SUFFIXES, ("可比对 .txt .md .docx", "compare .txt, .md or .docx")
    )
    if suffix == ".docx":
        from app.importers.docx import read_docx_paragraphs

        return read_docx_paragraphs(path).paragraphs
    try:
        return decode_bytes(path.read_bytes()).text.splitlines()
    except InputError as err:
        raise InputError(f"{err.zh}：{path}", f"{err.en}: {path}") from err


def read_texts(path: str | Path) -> tuple[list[TextSource], list[tuple[str, str]]]:
    """``(texts, skipped)`` for a file or a folder (searched recursively for .txt/.md/.docx).
    A file that cannot be read, or a folder with nothing readable, is InputError; inside a
    folder an unreadable file is skipped with its reason (``(path, 中文 reason)``)."""
    path = Path(path).expanduser()
    if not path.is_dir():
        return [TextSource(str(path), read_paragraphs(path))], []
    files = sorted(p for p in path.rglob("*") if p.suffix.lower() in SUFFIXES and p.is_file())
    if len(files) > MAX_FILES:
        raise InputError(
            f"文件夹里的文件太多（{len(files)} 个，上限 {MAX_FILES}）：{path}",
            f"too many files in the folder ({len(files)}, limit {MAX_FILES}): {path}",
        )
    texts, skipped = [], []
    for file in sorted(p for p in path.rglob("*") if p.suffix.lower() in LEGACY_SUFFIXES):
        skipped.append((str(file), "旧版 Word/WPS 文件，请另存为 .docx 后再比对"))
    for file in files:
        try:
            texts.append(TextSource(str(file), read_paragraphs(file)))
        except InputError as err:
            skipped.append((str(file), err.zh))
    if not texts:
        raise InputError(
            f"文件夹里没有可比对的 .txt/.md/.docx 文件：{path}",
            f"no readable .txt/.md/.docx file in the folder: {path}",
        )
    return texts, skipped
