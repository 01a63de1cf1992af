"""The shape a writer gave a material survives every path: JSON, the library, txt/md, DOCX and
the printed paragraphs. Running text keeps no invented 一是, a heading that stood alone stays
alone, points written 1. 2. come back as 1. 2., and a run-in heading is never glued on."""

from __future__ import annotations

import io

import pytest
from docx import Document

from app.errors import InputError
from app.exporters.docx import render_docx
from app.exporters.pdf_content import material_paragraphs
from app.exporters.pdf_options import PdfOptions
from app.exporters.text import export_md, export_txt
from app.library import Library
from app.model import Dimension, Material, Point, Section
from app.serialize import material_from_json, material_to_dict, material_to_json


def shaped_material() -> Material:
    problems = Section(
        kind="problems",
        heading="存在的问题",
        dimensions=[
            # Heading on its own line; its text one paragraph with no 一是 marker.
            Dimension(
                heading="政治功能",
                heading_suffix="方面",
                heading_alone=True,
                points=[
                    Point(
                        body="支部存在重事务、轻党务的倾向。",
                        example="支委会研究业务多",
                        example_lead="例如",
                        numbered=False,
                    )
                ],
            ),
            # Heading run in, each point its own paragraph, points written 1. 2.
            Dimension(
                heading="组织功能",
                heading_suffix="方面：",
                points_apart=True,
                points=[
                    Point(title="组织生活不够规范"),
                    Point(title="党员管理不够严格", body="有的党员长期不参加活动。"),
                ],
            ),
            # Heading on its own line, points running on in one paragraph.
            Dimension(
                heading="服务群众",
                heading_prefix="在",
                heading_suffix="方面",
                heading_alone=True,
                points=[Point(title="走访不够经常"), Point(title="诉求办理不及时")],
            ),
        ],
    )
    closing = Section(kind="other", numbered=False, intro=["下一步，我们将逐项整改。"])
    return Material(
        title="XX支部组织生活会对照检查材料", point_style="arabic", sections=[problems, closing]
    )


EXPECTED_TXT = """XX支部组织生活会对照检查材料

一、存在的问题

（一）政治功能方面

支部存在重事务、轻党务的倾向。例如，支委会研究业务多

（二）组织功能方面：1.组织生活不够规范。

2.党员管理不够严格。有的党员长期不参加活动。

（三）在服务群众方面

1.走访不够经常。2.诉求办理不及时。

下一步，我们将逐项整改。
"""


def test_txt_export_keeps_the_writers_shape_and_numbering():
    assert export_txt(shaped_material()) == EXPECTED_TXT


def test_md_export_keeps_the_same_shape_with_markdown_markers():
    md = export_md(shaped_material())
    assert md.startswith(
        "# XX支部组织生活会对照检查材料\n\n**一、存在的问题**\n\n（一）政治功能方面\n\n"
    )
    assert "\n\n1.走访不够经常。2.诉求办理不及时。\n" in md
    assert "二、" not in md and "一是" not in md


@pytest.mark.parametrize(
    "style, first, second", [("shi", "一是", "二是"), ("paren", "（1）", "（2）")]
)
def test_the_numbering_style_is_a_material_property(style, first, second):
    material = shaped_material()
    material.point_style = style
    text = export_txt(material)
    assert f"{first}走访不够经常。{second}诉求办理不及时。" in text
    assert "支部存在重事务" in text and f"{first}支部" not in text  # running text stays unnumbered


def test_a_run_in_heading_without_a_mark_gets_the_writers_colon_never_glued():
    material = shaped_material()
    material.sections[0].dimensions[2].heading_alone = False
    assert "（三）在服务群众方面：1.走访不够经常。2.诉求办理不及时。" in export_txt(material)
    # Standing alone (the per-export option too), it is printed exactly as written.
    assert "（三）在服务群众方面\n" in export_txt(material, point_paragraphs=True)


def test_a_heading_written_without_its_number_gets_none_but_keeps_its_place():
    material = shaped_material()
    material.sections[0].dimensions[1].numbered = False
    text = export_txt(material)
    assert "\n组织功能方面：1.组织生活不够规范。" in text and "（二）" not in text
    assert "（三）在服务群众方面" in text


def test_json_round_trip_keeps_every_layout_field_and_old_files_still_load():
    material = shaped_material()
    material.sections[0].dimensions[1].numbered = False
    text = material_to_json(material)
    again, _ = material_from_json(text)
    assert again == material and material_to_json(again) == text
    data = material_to_dict(material)
    assert data["point_style"] == "arabic" and data["version"] == 1
    # Defaults are not written: a material without the new shape gives the same JSON as before.
    plain = material_to_dict(
        Material(sections=[Section(kind="problems", points=[Point(title="甲")])])
    )
    assert "point_style" not in plain and "numbered" not in plain["sections"][0]["points"][0]
    old, _ = material_from_json(
        '{"format": "duizhao-material", "version": 1, "sections": '
        '[{"kind": "problems", "dimensions": [{"heading": "甲", "points": [{"title": "乙"}]}]}]}'
    )
    assert old.point_style == "shi" and old.sections[0].numbered
    assert (
        not old.sections[0].dimensions[0].heading_alone
        and old.sections[0].dimensions[0].points[0].numbered
    )


@pytest.mark.parametrize(
    "doc",
    [
        '{"format": "duizhao-material", "version": 1, "point_style": "roman"}',
        '{"format": "duizhao-material", "version": 1, "sections": [{"kind": "other", '
        '"numbered": 0}]}',
    ],
)
def test_bad_layout_values_in_json_are_refused(doc):
    with pytest.raises(InputError):
        material_from_json(doc)


def test_library_round_trip_and_edits_of_the_new_fields(tmp_path):
    with Library.open(tmp_path / "lib.db") as library:
        mid = library.create_material(shaped_material())
        stored = library.get_material(mid)
        assert export_txt(stored) == EXPECTED_TXT
        dim = stored.sections[0].dimensions[2]
        library.update_node(dim.id, heading_alone=False, points_apart=True)
        library.update_node(stored.sections[0].dimensions[0].points[0].id, numbered=True)
        library.update_material(mid, point_style="shi")
        with pytest.raises(InputError):
            library.update_material(mid, point_style="roman")
        with pytest.raises(InputError):
            library.update_node(dim.id, heading_alone="yes")
        text = export_txt(library.get_material(mid))
    assert "（一）政治功能方面\n\n一是支部存在重事务" in text
    assert "（三）在服务群众方面：一是走访不够经常。\n\n二是诉求办理不及时。" in text


def test_docx_and_printed_paragraphs_have_the_same_shape_as_txt():
    material = shaped_material()
    paragraphs = [p.text for p in material_paragraphs(material, PdfOptions()) if p.kind != "blank"]
    assert paragraphs == [p for p in EXPECTED_TXT.split("\n") if p]
    document = Document(io.BytesIO(render_docx(material)))
    texts = [p.text for p in document.paragraphs if p.text]
    assert texts == [p for p in EXPECTED_TXT.split("\n") if p]
