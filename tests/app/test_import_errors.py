"""Bad input never crashes the importer: each case is an InputError in Chinese and English."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.errors import InputError
from app.importers.encoding import MAX_TEXT_BYTES, decode_bytes
from app.importers.text import import_bytes, import_text, import_text_file


def _error_of(path) -> InputError:
    with pytest.raises(InputError) as info:
        import_text_file(path)
    error = info.value
    assert error.zh and error.en, "every user-facing error has both languages"
    assert error.exit_code == 2
    return error


def test_binary_file_is_refused(tmp_path):
    path = tmp_path / "photo.txt"
    path.write_bytes(bytes(range(256)) * 40)
    error = _error_of(path)
    assert "二进制" in error.zh and "binary" in error.en


def test_undecodable_bytes_without_nul_are_refused(tmp_path):
    path = tmp_path / "noise.txt"
    path.write_bytes(bytes([0x81, 0x30, 0xFF, 0xFE, 0x07, 0x08]) * 500)
    _error_of(path)


@pytest.mark.parametrize(
    "content", [b"", b"   \n\n\t  \r\n", "\u3000\u3000\n".encode(), b"\xef\xbb\xbf\n"]
)
def test_empty_or_whitespace_only_file_is_refused(tmp_path, content):
    path = tmp_path / "empty.txt"
    path.write_bytes(content)
    error = _error_of(path)
    assert "空" in error.zh and "empty" in error.en


def test_a_50_mb_file_fails_fast_before_it_is_read(tmp_path, monkeypatch):
    path = tmp_path / "huge.txt"
    with path.open("wb") as f:
        f.truncate(50 * 1024 * 1024)  # sparse: costs no disk, and reading it would be slow

    def no_reading(self, *args, **kwargs):
        raise AssertionError("the file was opened although its size alone is too large")

    monkeypatch.setattr(type(path), "open", no_reading)
    error = _error_of(path)  # the size alone refuses it (no_reading above fails otherwise)
    assert "20 MB" in error.zh and "too large" in error.en


def test_oversized_bytes_are_refused_too():
    with pytest.raises(InputError):
        decode_bytes(b"a" * (MAX_TEXT_BYTES + 1))


@pytest.mark.parametrize(
    "magic",
    [
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 500,  # .doc / .wps (OLE compound file)
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n" + b"1 0 obj" * 50,
        b"PK\x03\x04\x14\x00\x06\x00" + b"\x00" * 100,  # .docx is a zip
        b"{\\rtf1\\ansi\\ansicpg936 " + b"x" * 50,
    ],
    ids=["doc-wps", "pdf", "docx-zip", "rtf"],
)
def test_office_and_pdf_files_named_txt_ask_for_docx(tmp_path, magic):
    path = tmp_path / "材料.txt"
    path.write_bytes(magic)
    error = _error_of(path)
    assert ".docx" in error.zh and ".docx" in error.en


def test_missing_file_and_directory_are_input_errors(tmp_path):
    _error_of(tmp_path / "no-such.txt")
    _error_of(tmp_path)


def test_unreadable_file_is_an_input_error(tmp_path, monkeypatch):
    # chmod does not stop root (CI runs as root), so the refusal comes from the OS layer instead.
    path = tmp_path / "locked.txt"
    path.write_text("一、存在的问题", encoding="utf-8")
    real_open = Path.open

    def refuse(self, *args, **kwargs):
        if self == path:
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", refuse)
    error = _error_of(path)
    assert error.zh and error.en


def test_unknown_template_id_is_an_input_error():
    with pytest.raises(InputError):
        import_text("一、存在的问题\n一是学习不够。", template_id="no-such-template")


def test_text_with_nul_characters_is_refused():
    with pytest.raises(InputError):
        import_text("标题\x00\x00正文")


def test_plain_english_or_one_line_imports_without_crashing():
    material, report = import_bytes(b"hello world")
    assert material.preamble == ["hello world"]
    assert material.sections == [] and report.template_id == "custom"
    assert any("前言" in w for w in report.warnings)


@pytest.mark.parametrize("reader", ["import", "notice", "compare"])
def test_every_reader_of_a_users_file_refuses_alike_and_says_the_sizes(tmp_path, reader):
    """read_file, read_paragraphs (notices) and 查重's texts share one refusal block."""
    from app.compare.texts import read_paragraphs as compare_paragraphs
    from app.importers.read import read_file, read_paragraphs

    read = {"import": read_file, "notice": read_paragraphs, "compare": compare_paragraphs}[reader]
    huge = tmp_path / "大文件.txt"
    with huge.open("wb") as f:
        f.truncate(65 * 1024 * 1024)  # sparse
    with pytest.raises(InputError) as info:
        read(huge)
    assert "文件过大（65.0 MB，上限 64 MB）" in info.value.zh
    assert "file too large (65.0 MB, limit 64 MB)" in info.value.en
    with pytest.raises(InputError) as info:
        read(tmp_path / "图片.png")
    assert "不存在" in info.value.zh  # not a file: said before the type
    (tmp_path / "图片.png").write_bytes(b"\x89PNG")
    with pytest.raises(InputError) as info:
        read(tmp_path / "图片.png")
    assert "不支持的文件类型“.png”" in info.value.zh and "unsupported file type" in info.value.en
