"""Files that are not a readable .docx: each is refused with a clear InputError (zh + en)."""

from __future__ import annotations

import functools
import io
import zipfile

import pytest
from docx_builders import (
    lying_size_docx,
    ole_file,
    para,
    ratio_bomb,
    styles,
    write_docx,
    xml_bomb_body,
)
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.errors import InputError
from app.importers.docx import import_docx_file


def refused(path) -> InputError:
    with pytest.raises(InputError) as caught:
        import_docx_file(path)
    error = caught.value
    assert error.zh and error.en, "both languages"
    assert path.name in error.zh and path.name in error.en, "the message names the file"
    return error


def test_legacy_doc_named_docx_asks_to_save_as_docx(tmp_path):
    error = refused(ole_file(tmp_path / "旧文档.docx", ["WordDocument", "1Table"]))
    assert "另存为" in error.zh and ".docx" in error.zh and ".doc" in error.zh
    assert "save it as .docx" in error.en


def test_wps_file_is_detected_by_magic_not_name(tmp_path):
    error = refused(ole_file(tmp_path / "材料.wps", ["WordDocument"]))
    assert "另存为" in error.zh and "legacy .doc/.wps" in error.en


def test_password_protected_docx_says_remove_the_password(tmp_path):
    path = ole_file(tmp_path / "加密.docx", ["EncryptionInfo", "EncryptedPackage"])
    error = refused(path)
    assert "密码" in error.zh and "另存为 .docx" in error.zh
    assert "password" in error.en


def test_pdf_named_docx_asks_to_save_as_docx(tmp_path):
    path = tmp_path / "材料.docx"
    path.write_bytes(b"%PDF-1.7\n1 0 obj<<>>endobj\n%%EOF\n")
    error = refused(path)
    assert "PDF" in error.zh and "另存为" in error.zh and ".docx" in error.zh


def test_zero_byte_file(tmp_path):
    path = tmp_path / "空.docx"
    path.write_bytes(b"")
    error = refused(path)
    assert "空" in error.zh and "0" in error.zh and "empty" in error.en


def test_renamed_text_file(tmp_path, seed_text):
    path = tmp_path / "seed.docx"
    path.write_text(seed_text, encoding="utf-8")
    error = refused(path)
    assert ".txt" in error.zh and "不是 Word 文档" in error.zh and "plain text" in error.en


def test_truncated_docx_is_reported_as_damaged(tmp_path):
    whole = write_docx(
        tmp_path / "whole.docx", para("按照要求，现对照检查如下：") * 200, styles_xml=styles()
    )
    path = tmp_path / "半个.docx"
    path.write_bytes(whole.read_bytes()[: whole.stat().st_size // 2])
    error = refused(path)
    assert "损坏" in error.zh and "damaged" in error.en


def test_zip_without_a_word_document(tmp_path):
    path = tmp_path / "压缩包.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("readme.txt", "hello")
    error = refused(path)
    assert "没有 Word 正文" in error.zh


def _forbid_inflating(monkeypatch):
    def inflate(*_args, **_kwargs):
        raise AssertionError("a part was inflated before the limits were checked")

    monkeypatch.setattr(zipfile.ZipFile, "open", inflate)


def test_zip_bomb_by_ratio_is_refused_before_inflating(tmp_path, monkeypatch):
    path = ratio_bomb(tmp_path / "炸弹.docx", megabytes=50)
    assert path.stat().st_size < 200_000
    _forbid_inflating(monkeypatch)
    error = refused(path)
    assert "压缩炸弹" in error.zh and "zip bomb" in error.en and "压缩比" in error.zh


def test_zip_bomb_by_declared_total_size_is_refused(tmp_path, monkeypatch):
    small = write_docx(tmp_path / "small.docx", para("正文"), styles_xml=styles())
    path = lying_size_docx(tmp_path / "谎报.docx", small, declared=1_000_000_000)
    _forbid_inflating(monkeypatch)
    error = refused(path)
    assert "压缩炸弹" in error.zh and "MB" in error.zh


def test_entry_whose_header_understates_its_size_is_damaged_not_inflated(tmp_path):
    big = write_docx(tmp_path / "big.docx", para("正文" * 50_000), styles_xml=styles())
    path = lying_size_docx(tmp_path / "少报.docx", big, declared=100)
    error = refused(path)  # zipfile stops at the declared size; the CRC then fails
    assert "损坏" in error.zh


@pytest.mark.parametrize("part", ["word/document.xml", "word/styles.xml"])
def test_xml_bomb_is_refused(tmp_path, part):
    bomb = xml_bomb_body().encode()
    path = write_docx(
        tmp_path / "实体.docx", para("正文"), styles_xml=styles(), extra_parts={part: bomb}
    )
    error = refused(path)
    assert "XML 炸弹" in error.zh and "entities" in error.en and part in error.zh


def test_utf16_xml_bomb_is_refused(tmp_path):
    bomb = xml_bomb_body().replace(
        '<?xml version="1.0"?>', '<?xml version="1.0" encoding="UTF-16"?>'
    )
    path = write_docx(
        tmp_path / "u16.docx", "", extra_parts={"word/document.xml": bomb.encode("utf-16")}
    )
    assert "XML 炸弹" in refused(path).zh


def test_malformed_xml_is_reported_as_damaged(tmp_path):
    path = write_docx(
        tmp_path / "坏.docx", "", extra_parts={"word/document.xml": b"<w:document><w:body>"}
    )
    error = refused(path)
    assert "损坏" in error.zh and "word/document.xml" in error.zh


def test_document_without_text(tmp_path):
    path = write_docx(tmp_path / "空白.docx", para("") + para("   "), styles_xml=styles())
    assert "没有文字" in refused(path).zh


def test_missing_file_and_folder(tmp_path):
    with pytest.raises(InputError, match="找不到文件"):
        import_docx_file(tmp_path / "nope.docx")
    folder = tmp_path / "folder.docx"
    folder.mkdir()
    with pytest.raises(InputError, match="文件夹"):
        import_docx_file(folder)


@functools.cache
def _valid_docx() -> bytes:
    from app.exporters.docx import render_docx
    from app.model import Dimension, Material, Point, Section

    points = [Point(title="学习不够", body="正文。", example="某次会议。")]
    material = Material(
        title="县委班子对照检查材料",
        preamble=["按照要求，现对照检查如下："],
        sections=[
            Section(
                kind="problems",
                heading="存在的问题",
                dimensions=[Dimension(heading="学思想", points=points)],
            ),
            Section(kind="measures", heading="整改措施", points=points),
        ],
    )
    return render_docx(material)


def _damage(data, raw: bytes) -> bytes:
    damaged = bytearray(raw)
    for _ in range(data.draw(st.integers(1, 8))):
        damaged[data.draw(st.integers(0, len(damaged) - 1))] = data.draw(st.integers(0, 255))
    if data.draw(st.booleans()):
        damaged = damaged[: data.draw(st.integers(0, len(damaged)))]
    return bytes(damaged)


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_damaged_bytes_never_crash(tmp_path, data):
    """Byte damage to a real .docx — to the zip itself or inside one XML part — gives a result or
    an InputError, never another exception."""
    original = _valid_docx()
    if data.draw(st.booleans()):
        damaged = _damage(data, original)
    else:
        with zipfile.ZipFile(io.BytesIO(original)) as source:
            parts = {name: source.read(name) for name in source.namelist()}
        name = data.draw(
            st.sampled_from(
                [
                    "word/document.xml",
                    "word/styles.xml",
                    "word/numbering.xml",
                    "_rels/.rels",
                    "word/_rels/document.xml.rels",
                ]
            )
        )
        parts[name] = _damage(data, parts[name])
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as target:
            for part, content in parts.items():
                target.writestr(part, content)
        damaged = buffer.getvalue()
    path = tmp_path / "damaged.docx"
    path.write_bytes(damaged)
    try:
        import_docx_file(path)
    except InputError as error:
        assert error.zh and error.en
