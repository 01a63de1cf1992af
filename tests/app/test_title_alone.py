"""A point title that stood on its own line with no closing mark (``1．服务“三农”的办法不多`` and
the body in the next paragraph — common in real materials) comes back as written: its own
paragraph, no 。 the writer never wrote, in txt/md, DOCX and print, and it survives JSON, the
library, the trash and snapshots."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from docx import Document

from app.errors import InputError
from app.exporters.docx import render_docx
from app.exporters.pdf_content import material_paragraphs
from app.exporters.pdf_options import PdfOptions
from app.exporters.text import export_md, export_txt
from app.importers.text import import_text
from app.library import Library
from app.model import Dimension, Material, Point, Section
from app.serialize import material_from_json, material_to_dict, material_to_json

SHAPES = Path(__file__).resolve().parent.parent / "data" / "import-shapes"


def titled_material() -> Material:
    problems = Section(
        kind="problems",
        heading="存在的问题",
        dimensions=[
            Dimension(
                heading="担当作为",
                heading_prefix="在",
                heading_suffix="方面",
                heading_alone=True,
                points_apart=True,
                points=[
                    Point(
                        title="服务群众的办法不多",
                        body="主动研究新问题不够。",
                        example="网点调整慢",
                        title_alone=True,
                    ),
                    Point(title="攻坚克难的劲头不足", body="有时存在畏难情绪。"),
                ],
            ),
        ],
    )
    causes = Section(
        kind="causes",
        heading="问题产生的原因",
        points=[Point(title="理论学习不够深入", body="学用结合不紧。", title_alone=True)],
    )
    return Material(title="XX党组对照检查材料", point_style="arabic", sections=[problems, causes])


EXPECTED_PARAGRAPHS = [
    "XX党组对照检查材料",
    "一、存在的问题",
    "（一）在担当作为方面",
    "1.服务群众的办法不多",
    "主动研究新问题不够。比如，网点调整慢",
    "2.攻坚克难的劲头不足。有时存在畏难情绪。",
    "二、问题产生的原因",
    "1.理论学习不够深入",
    "学用结合不紧。",
]


def _numbered(text: str) -> str:
    """The other helper may print 1. as 1．: compare the words, not the label's dot width."""
    return text.replace("1．", "1.").replace("2．", "2.")


def test_every_export_prints_the_title_as_its_own_paragraph_without_an_added_full_stop():
    material = titled_material()
    assert _numbered(export_txt(material)) == "\n\n".join(EXPECTED_PARAGRAPHS) + "\n"
    assert "\n\n1.服务群众的办法不多\n\n主动研究" in _numbered(export_md(material))
    printed = [
        _numbered(p.text) for p in material_paragraphs(material, PdfOptions()) if p.kind != "blank"
    ]
    assert printed == EXPECTED_PARAGRAPHS
    document = Document(io.BytesIO(render_docx(material)))
    assert [_numbered(p.text) for p in document.paragraphs if p.text] == EXPECTED_PARAGRAPHS


def test_a_bold_title_on_its_own_line_is_bold_and_its_body_is_not():
    paragraphs = material_paragraphs(titled_material(), PdfOptions(bold_point_titles=True))
    title = next(p for p in paragraphs if "服务群众的办法不多" in p.text)
    body = next(p for p in paragraphs if p.text.startswith("主动研究"))
    assert all(r.bold for r in title.runs) and not any(r.bold for r in body.runs)
    # Printed, the title never ends a page with its body on the next one.
    assert title.keep_with_next and not body.keep_with_next
    run_on = next(p for p in paragraphs if p.text.startswith("2."))
    assert not run_on.keep_with_next


def test_running_on_after_a_heading_the_title_still_ends_its_line():
    material = titled_material()
    material.sections[0].dimensions[0].heading_alone = False
    material.sections[0].dimensions[0].points_apart = False
    text = _numbered(export_txt(material))
    assert (
        "（一）在担当作为方面：1.服务群众的办法不多\n\n主动研究新问题不够。比如，网点调整慢2.攻坚"
        in text
    )


def test_the_fixture_with_title_lines_imports_and_exports_as_written():
    source = (SHAPES / "numbering-arabic-title-lines.txt").read_text(encoding="utf-8")
    material, _report = import_text(source)
    points = material.all_points()
    assert points and all(p.title_alone for p in points)
    assert points[0].title == "服务“三农”的办法不多"
    text = _numbered(export_txt(material))
    assert "\n\n1.服务“三农”的办法不多\n\n在推进农资供应" in text
    assert "办法不多。" not in text


def test_a_title_line_followed_by_a_lone_mark_gets_no_full_stop():
    """Found by the generated-documents test: 一是第一部分 / ， printed 一是第一部分。，"""
    material, _report = import_text("一是第一部分\n，\n")
    assert "第一部分。" not in export_txt(material)
    assert "一是第一部分\n\n，\n" in export_txt(material)


def test_a_title_ending_its_own_sentence_keeps_the_old_shape():
    material, _report = import_text("一、存在的问题\n\n一是学习不够。平时学得少。\n")
    point = material.all_points()[0]
    assert point.title == "学习不够" and not point.title_alone
    assert "一是学习不够。平时学得少。" in export_txt(material)


def test_json_writes_the_flag_only_when_set_and_keeps_it():
    material = titled_material()
    again, _ = material_from_json(material_to_json(material))
    assert again == material
    points = material_to_dict(material)["sections"][0]["dimensions"][0]["points"]
    assert points[0]["title_alone"] is True and "title_alone" not in points[1]
    with pytest.raises(InputError):
        material_from_json(
            '{"format": "duizhao-material", "version": 1, "sections": '
            '[{"kind": "causes", "points": [{"title": "甲", "title_alone": "yes"}]}]}'
        )


def test_library_keeps_the_flag_through_edits_trash_and_snapshots(tmp_path):
    with Library.open(tmp_path / "lib.db") as library:
        mid = library.create_material(titled_material())
        stored = library.get_material(mid)
        assert stored.sections[0].dimensions[0].points[0].title_alone
        second = stored.sections[0].dimensions[0].points[1]
        library.update_node(second.id, title_alone=True)
        with pytest.raises(InputError):
            library.update_node(second.id, title_alone="yes")
        assert "\n\n2.攻坚克难的劲头不足\n\n有时存在" in _numbered(
            export_txt(library.get_material(mid))
        )
        snapshot = library.create_snapshot(mid, "初稿")
        entry = library.delete_node(second.id)
        library.restore_from_trash(entry)
        assert library.get_material(mid).sections[0].dimensions[0].points[1].title_alone
        library.update_node(second.id, title_alone=False)
        library.restore_snapshot(snapshot)
        assert library.get_material(mid).sections[0].dimensions[0].points[1].title_alone
        copy = library.duplicate_node(second.id)
        assert library.get_material(mid).sections[0].dimensions[0].points[2].id == copy
        assert library.get_material(mid).sections[0].dimensions[0].points[2].title_alone
