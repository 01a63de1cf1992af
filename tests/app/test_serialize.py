"""The JSON interchange format (DESIGN §4): lossless round trip and strict validation."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.errors import InputError
from app.model import Dimension, Material, Point, Section
from app.serialize import MAX_ITEMS, MAX_TEXT, material_from_json, material_to_json


def with_links(material: Material, links: list) -> Material:
    """What the library does on import: give points ids and fill ``links`` from positions."""
    ids: dict[tuple[int, int, int], Point] = {}
    next_id = 1
    for si, section in enumerate(material.sections):
        groups = [(-1, section.points)] + [
            (di, d.points) for di, d in enumerate(section.dimensions)
        ]
        for di, points in groups:
            for pi, point in enumerate(points):
                point.id = next_id
                next_id += 1
                ids[(si, di, pi)] = point
    for a, b in links:
        pa, pb = ids[tuple(a)], ids[tuple(b)]
        pa.links.append(pb.id)
        pb.links.append(pa.id)
    return material


def sample() -> Material:
    problems = Section(
        kind="problems",
        heading="存在的主要问题",
        intro=["总体看，"],
        dimensions=[
            Dimension(
                heading='带头深刻感悟"两个确立"',
                short_name="两个确立",
                heading_prefix='在"',
                heading_suffix='"方面:',
                intro=["一段引言"],
                points=[
                    Point(
                        title="学习态度不够积极",
                        body="政府党组…\n第二段",
                        example="在疫情…",
                        example_lead="再比如",
                        example_sep="：",
                    )
                ],
            ),
        ],
    )
    measures = Section(
        kind="measures",
        heading="努力方向和整改措施",
        points=[Point(title="坚定政治信仰，做到对党忠诚", body="带头…")],
    )
    m = Material(
        title="县政府党组对照检查材料",
        organization="县政府党组",
        scope="group",
        year=2021,
        meeting="党史学习教育专题民主生活会",
        template_id="2021-dangshi-wugedaitou",
        author="",
        date="2022年1月",
        preamble=["按照…", "现将…如下："],
        sections=[problems, measures],
        closing=["以上，请批评指正。"],
    )
    return with_links(m, [[[0, 0, 0], [1, -1, 0]]])


def test_export_import_export_is_byte_identical():
    first = material_to_json(sample())
    material, links = material_from_json(first)
    assert links == [[[0, 0, 0], [1, -1, 0]]]
    assert material_to_json(with_links(material, links)) == first


def test_document_has_the_design_shape_and_keeps_chinese_readable():
    text = material_to_json(sample())
    data = json.loads(text)
    assert (data["format"], data["version"]) == ("duizhao-material", 1)
    assert [s["kind"] for s in data["sections"]] == ["problems", "measures"]
    assert data["sections"][0]["dimensions"][0]["points"][0]["example_lead"] == "再比如"
    assert "县政府党组" in text  # not \\u escapes
    assert "id" not in data and "created" not in data  # library-local fields stay out


def test_missing_optional_fields_take_defaults():
    material, links = material_from_json(
        '{"format": "duizhao-material", "version": 1, "sections": '
        '[{"kind": "causes", "points": [{"title": "t"}]}]}'
    )
    point = material.sections[0].points[0]
    assert (point.example_lead, point.example_sep, point.body) == ("比如", "，", "")
    assert (material.scope, material.template_id, material.year, links) == (
        "group",
        "custom",
        None,
        [],
    )


texts = st.text(alphabet=st.sampled_from('一是比如，。："“”\n*Xx 2'), max_size=12)
points = st.builds(
    Point, title=texts, body=texts, example=texts, example_lead=texts, example_sep=texts
)
dimensions = st.builds(
    Dimension,
    heading=texts,
    short_name=texts,
    heading_prefix=texts,
    heading_suffix=texts,
    intro=st.lists(texts, max_size=2),
    points=st.lists(points, max_size=3),
)
sections = st.builds(
    Section,
    kind=st.sampled_from(["problems", "causes", "measures", "other"]),
    heading=texts,
    intro=st.lists(texts, max_size=2),
    dimensions=st.lists(dimensions, max_size=2),
    points=st.lists(points, max_size=3),
)
materials = st.builds(
    Material,
    title=texts,
    organization=texts,
    scope=st.sampled_from(["group", "individual"]),
    year=st.none() | st.integers(1921, 2999),
    meeting=texts,
    template_id=texts,
    preamble=st.lists(texts, max_size=2),
    sections=st.lists(sections, max_size=3),
    closing=st.lists(texts, max_size=1),
)


@settings(max_examples=60, deadline=None)
@given(materials)
def test_any_material_round_trips(material):
    first = material_to_json(material)
    again, links = material_from_json(first)
    assert links == []
    assert material_to_json(again) == first


# ----- validation: every bad document is an InputError naming the place --------------------


def doc(**fields) -> str:
    base = {"format": "duizhao-material", "version": 1}
    base.update(fields)
    return json.dumps(base, ensure_ascii=False)


def rejected(text: str) -> InputError:
    with pytest.raises(InputError) as info:
        material_from_json(text)
    assert info.value.zh and info.value.en
    return info.value


def test_wrong_format_is_rejected():
    err = rejected(json.dumps({"format": "something-else", "version": 1}))
    assert "$.format" in err.en
    assert "$.format" in rejected("{}").en
    assert "top level" in rejected("[1, 2]").en
    assert "not valid JSON" in rejected('{"format": ').en


@pytest.mark.parametrize("version", [2, 0, "1", True, 1.0, None])
def test_wrong_version_is_rejected(version):
    err = rejected(json.dumps({"format": "duizhao-material", "version": version}))
    assert "$.version" in err.en and "不支持的版本" in err.zh


@pytest.mark.parametrize(
    "text",
    [
        "[" * 100_000,
        '{"a":' * 50_000,
        doc(title="X")[:-1] + ', "x": ' + "[" * 5000 + "]" * 5000 + "}",
    ],
)
def test_deep_nesting_is_rejected_without_crashing(text):
    err = rejected(text)
    assert "nested too deeply" in err.en


@pytest.mark.parametrize(
    "text, where",
    [
        (doc(year=10**300), "$.year"),
        (doc(year=1e308), "$.year"),
        ('{"format": "duizhao-material", "version": 1, "year": 1e999}', "$.year"),
        (
            '{"format": "duizhao-material", "version": 1, "year": 1' + "0" * 5000 + "}",
            "not valid JSON",
        ),
        (doc(version=10**40), "$.version"),
        (doc(year=1800), "$.year"),
        (doc(year=True), "$.year"),
    ],
)
def test_huge_or_out_of_range_numbers_are_rejected(text, where):
    assert where in rejected(text).en


@pytest.mark.parametrize(
    "fields, where",
    [
        ({"title": 5}, "$.title"),
        ({"title": ["a"]}, "$.title"),
        ({"scope": "everyone"}, "$.scope"),
        ({"preamble": "按照…"}, "$.preamble"),
        ({"preamble": [1]}, "$.preamble"),
        ({"sections": {}}, "$.sections"),
        ({"sections": ["problems"]}, "$.sections"),
        ({"sections": [{"heading": "x"}]}, "$.sections[0]: missing field kind"),
        ({"sections": [{"kind": "summary"}]}, "$.sections[0].kind"),
        ({"sections": [{"kind": "causes", "points": "一是"}]}, "$.sections[0].points"),
        (
            {"sections": [{"kind": "causes", "points": [{"title": None}]}]},
            "$.sections[0].points[0].title",
        ),
        (
            {"sections": [{"kind": "problems", "dimensions": [{"points": [{"body": 1}]}]}]},
            "$.sections[0].dimensions[0].points[0].body",
        ),
        ({"links": [[[0, -1, 0], [0, -1, 1]]]}, "$.links"),
        ({"links": "none"}, "$.links"),
    ],
)
def test_wrong_types_are_rejected_with_their_place(fields, where):
    assert where in rejected(doc(**fields)).en


def test_oversized_documents_are_rejected():
    assert "too long" in rejected(doc(title="字" * (MAX_TEXT + 1))).en
    too_many = [{"title": "t"}] * (MAX_ITEMS + 1)
    assert "too many" in rejected(doc(sections=[{"kind": "causes", "points": too_many}])).en
