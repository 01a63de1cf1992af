"""Hostile input: markup, control characters, lone surrogates, direction marks, huge paragraphs,
thousands of points, deep or huge JSON, wrong format/version — each either kept and exported
verbatim or refused with a clear zh/en error; never a crash, never a hang."""

from __future__ import annotations

import json
import time

import pytest
from pdf_fixtures import render_bundled
from pdf_measure import expected_text, pdf_text, plain, read_pdf

from app.errors import InputError
from app.exporters.files import write_text_atomic
from app.exporters.text import export_md, export_txt
from app.importers.text import import_bytes, import_text
from app.library import Library
from app.model import Material, Point, Section
from app.serialize import material_from_json, material_to_json
from tests.conftest import HANG_GUARD_S

HOSTILE = {
    "reportlab markup": '<b>加粗</b><font name="Courier" size="40">字</font>'
    '<para leading="0"><br/>',
    "html": "<script>alert('材料')</script><img src=x onerror=1>&amp;&lt;&#x41;",
    "control characters": "控制\x00字符\x07响铃\x1b[31m红色\x7f删除\x0c换页",
    "direction marks": "从右\u202e到左\u200f标记\u2066隔离\u2069结束\u061c",
    "format strings": "%s%d{0}{title}${HOME}%(x)s",
}


def material_with(text: str) -> Material:
    return Material(
        title=f"标题{text}",
        preamble=[text],
        sections=[
            Section(
                kind="measures",
                heading=f"措施{text}",
                points=[Point(title=text, body=text, example=text)],
            )
        ],
    )


@pytest.fixture
def library(tmp_path):
    with Library.open(tmp_path / "library.db") as lib:
        yield lib


@pytest.mark.parametrize("text", HOSTILE.values(), ids=HOSTILE.keys())
def test_hostile_text_is_stored_and_exported_verbatim(library, tmp_path, text):
    mid = library.create_material(material_with(text))
    stored = library.get_material(mid)
    assert stored.preamble == [text] and stored.sections[0].points[0].body == text
    assert library.search(text[:6])[0].material_id == mid
    for name, rendered in (
        ("a.txt", export_txt(stored)),
        ("a.md", export_md(stored)),
        ("a.json", material_to_json(stored)),
    ):
        path = write_text_atomic(tmp_path / name, rendered)
        assert path.read_text(encoding="utf-8") == rendered
    assert text in export_txt(stored)
    assert material_from_json(material_to_json(stored))[0].preamble == [text]


@pytest.mark.parametrize("text", HOSTILE.values(), ids=HOSTILE.keys())
def test_hostile_text_prints_literally_in_the_pdf(text):
    material = material_with(text)
    data, _ = render_bundled(material)
    printed = pdf_text(read_pdf(data))
    # Control and invisible format characters have no ink; everything else is printed as typed.
    visible = "".join(c for c in expected_text(material) if c.isprintable())
    assert printed == plain(visible)


def test_a_lone_surrogate_is_refused_clearly_everywhere(library, tmp_path):
    text = "孤立\ud800代理"
    with pytest.raises(InputError, match="U\\+D800") as err:
        library.create_material(material_with(text))
    assert "代理" in err.value.zh
    mid = library.create_material(material_with("正常"))
    point = library.get_material(mid).sections[0].points[0].id
    with pytest.raises(InputError, match="U\\+DC00"):
        library.update_node(point, body="尾\udc00")
    with pytest.raises(InputError, match="U\\+D800"):
        write_text_atomic(tmp_path / "out.txt", text)
    assert not (tmp_path / "out.txt").exists()
    with pytest.raises(InputError, match="U\\+D800"):
        render_bundled(material_with(text))
    assert library.get_material(mid).sections[0].points[0].body == "正常"


def test_a_100000_character_paragraph_is_kept_and_exported_in_bounded_time(library):
    paragraph = ("坚持以人民为中心的发展思想，" * 8000)[:100_000]
    start = time.perf_counter()
    mid = library.create_material(material_with("短"))
    point = library.get_material(mid).sections[0].points[0].id
    library.update_node(point, body=paragraph)
    stored = library.get_material(mid)
    assert stored.sections[0].points[0].body == paragraph
    assert paragraph in export_txt(stored)
    imported, _ = import_text("标题\n\n" + paragraph)
    assert paragraph in "".join(imported.preamble)
    data, report = render_bundled(stored)
    assert report.pages > 100 and pdf_text(read_pdf(data)).count("人民") >= 7000
    # a hang guard, not a speed test: linear work takes ~10 s of CPU here (most of it reading
    # 100+ pages back); a quadratic step on 100,000 characters would take many minutes
    assert time.perf_counter() - start < 120


def test_ten_thousand_points_are_refused_clearly_not_crashed(library):
    """Numbering (一是 … 九百九十九是) ends at 999 on one level: more is refused up front."""
    many = Material(
        title="很多要点",
        sections=[
            Section(
                kind="measures",
                heading="措施",
                points=[Point(title=f"要点{i}") for i in range(10_000)],
            )
        ],
    )
    start = time.perf_counter()
    with pytest.raises(InputError) as err:
        library.create_material(many)
    assert "999" in err.value.zh and "999" in err.value.en
    assert library.list_materials() == []
    text = "标题\n\n一、努力方向和整改措施\n" + "\n".join(
        f"{i}. 要点{i}。正文。" for i in range(1, 10_001)
    )
    try:
        imported, _ = import_text(text)
    except InputError as exc:
        assert exc.zh and exc.en
    else:
        try:
            library.create_material(imported)
        except InputError as exc:
            assert "999" in exc.en
    assert time.perf_counter() - start < 20


def test_999_points_work_and_the_1000th_is_refused(library):
    points = [Point(title=f"要点{i}") for i in range(999)]
    mid = library.create_material(
        Material(title="满", sections=[Section(kind="measures", heading="措施", points=points)])
    )
    section = library.get_material(mid).sections[0].id
    with pytest.raises(InputError, match="at most 999"):
        library.insert_point(section, 0, Point(title="第一千条"))
    assert "九百九十九是" in export_txt(library.get_material(mid))


@pytest.mark.parametrize(
    ("document", "match"),
    [
        ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
        (
            '{"format": "duizhao-material", "version": 1, "preamble": '
            + "[" * 5000
            + "]" * 5000
            + "}",
            "nested",
        ),
        (
            '{"format": "duizhao-material", "version": 1, "year": ' + "9" * 5000 + "}",
            "not valid JSON",
        ),
        ('{"format": "duizhao-material", "version": 1, "year": 1e400}', "year"),
        ('{"format": "duizhao-material", "version": 1e400}', "version"),
        ('{"format": "duizhao-material", "version": NaN}', "version"),
        ('{"format": "duizhao-material", "version": 2}', "unsupported version 2"),
        ('{"format": "duizhao-material", "version": "1"}', "version"),
        ('{"format": "duizhao-material", "version": true}', "version"),
        ('{"format": "duizhao-material"}', "version"),
        ('{"format": "word", "version": 1}', "not a duizhao-material file"),
        ('{"version": 1}', "duizhao-material"),
        ('[{"format": "duizhao-material", "version": 1}]', "top level"),
        ('"duizhao-material"', "top level"),
        (
            '{"format": "duizhao-material", "version": 1, "sections": [{"kind": "problems", '
            '"points": 5}]}',
            "points",
        ),
        (
            '{"format": "duizhao-material", "version": 1, "links": [[[0, 0, 99999999999999999999], '
            "[0, 0, 0]]]}",
            "links",
        ),
        ("", "not valid JSON"),
        ("\x00\x01binary", "not valid JSON"),
    ],
)
def test_bad_json_is_a_clear_error(document, match):
    start = time.perf_counter()
    with pytest.raises(InputError, match=match) as err:
        material_from_json(document)
    assert err.value.zh and err.value.en
    assert time.perf_counter() - start < HANG_GUARD_S  # refused at once, never stuck on it


def test_huge_json_numbers_in_text_fields_are_refused_not_converted():
    doc = {"format": "duizhao-material", "version": 1, "title": 10**100}
    with pytest.raises(InputError, match="title"):
        material_from_json(json.dumps(doc))


@pytest.mark.parametrize(
    "data",
    [
        b"\x00" * 5000,
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n" + bytes(range(256)) * 20,
        b"PK\x03\x04" + b"\x00" * 200,
        "标题\n".encode("utf-16-le") * 300,
        ("一是" * 30000).encode("gb18030"),
        b"\xff\xfe\x00\xd8\x41\x00",  # UTF-16 with a lone surrogate
    ],
    ids=["nul bytes", "pdf", "zip", "utf16 without bom", "long gb18030", "utf16 lone surrogate"],
)
def test_hostile_bytes_import_to_a_material_or_a_clear_error(library, data):
    start = time.perf_counter()
    try:
        material, _ = import_bytes(data)
    except InputError as err:
        assert err.zh and err.en
    else:
        try:
            library.create_material(material)
        except InputError as err:
            assert err.zh and err.en
    assert time.perf_counter() - start < 10
