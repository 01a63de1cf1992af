"""Property tests (hypothesis) over the importers and exporters: any input gives a material or a
clear InputError; any material exports, and its text reads back identical.

Example counts are small so the suite stays fast; the strategies reach the corners (empty
fields, "\\n" paragraph breaks, markup characters, astral characters, huge numbers)."""

from __future__ import annotations

import json
import string

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pdf_fixtures import render_bundled, seed_markdown
from pdf_measure import expected_text, pdf_text, plain, read_pdf

from app.errors import InputError
from app.exporters.text import export_md, export_txt
from app.importers.text import import_bytes, import_text
from app.model import POINT_STYLES, Dimension, Material, Point, Section
from app.serialize import links_of, material_from_json, material_to_json

FAST = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SLOW = settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Characters every bundled font role prints: the seed's own text, Latin letters and markup.
_SEED_CHARS = sorted(
    {c for c in seed_markdown().read_text(encoding="utf-8") if not c.isspace()} - set("#*")
)
PRINTABLE = st.sampled_from(_SEED_CHARS + list(string.ascii_letters + string.digits + "<>&;/\"'=%"))
ANY_CHAR = st.characters(codec="utf-8", exclude_categories=("Cs",))


def texts(alphabet=PRINTABLE, max_size=40, breaks=True) -> st.SearchStrategy[str]:
    """Field text; with ``breaks``, "\\n" paragraph breaks as a body may hold."""
    chars = st.one_of(alphabet, st.just("\n")) if breaks else alphabet
    return st.text(alphabet=chars, max_size=max_size)


def points(alphabet) -> st.SearchStrategy[Point]:
    return st.builds(
        Point,
        title=texts(alphabet, 20, breaks=False),
        body=texts(alphabet),
        example=texts(alphabet, 20, breaks=False),
        numbered=st.booleans(),
    )


@st.composite
def materials(draw, alphabet=PRINTABLE) -> Material:
    # Empty headings included: every export prints a headingless section as its bare number.
    heading = st.text(alphabet=alphabet, max_size=10)
    paragraphs = st.lists(texts(alphabet).filter(lambda t: t.strip() != ""), max_size=2)
    problems = Section(
        kind="problems",
        heading=draw(heading),
        intro=draw(paragraphs),
        dimensions=draw(
            st.lists(
                st.builds(
                    Dimension,
                    heading=texts(alphabet, 20, breaks=False),
                    short_name=texts(alphabet, 6, breaks=False),
                    heading_prefix=st.sampled_from(["在“", '在"', ""]),
                    heading_suffix=st.sampled_from(["”方面：", '"方面:', "方面", ""]),
                    heading_alone=st.booleans(),
                    points_apart=st.booleans(),
                    numbered=st.booleans(),
                    points=st.lists(points(alphabet), max_size=3),
                ),
                max_size=2,
            )
        ),
    )
    measures = Section(
        kind="measures",
        heading=draw(heading),
        numbered=draw(st.booleans()),
        points=draw(st.lists(points(alphabet), max_size=3)),
    )
    return Material(
        title=draw(texts(alphabet, 30, breaks=False)),
        year=draw(st.one_of(st.none(), st.integers(1921, 2999))),
        point_style=draw(st.sampled_from(POINT_STYLES)),
        preamble=draw(paragraphs),
        sections=draw(st.permutations([problems, measures]).map(list)),
        closing=draw(paragraphs),
    )


# ----- importers --------------------------------------------------------------------------------


@FAST
@given(st.text(alphabet=ANY_CHAR, max_size=400))
def test_any_text_imports_or_is_refused_clearly(text):
    try:
        material, _ = import_text(text)
    except InputError as err:
        assert err.zh and err.en
        return
    assert isinstance(material, Material)
    export_txt(material)  # whatever was read can be written out again


@FAST
@given(st.binary(max_size=400))
def test_any_bytes_import_or_are_refused_clearly(data):
    try:
        material, _ = import_bytes(data)
    except InputError as err:
        assert err.zh and err.en
        return
    assert isinstance(material, Material)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(
            st.sampled_from(
                [
                    "format",
                    "version",
                    "title",
                    "sections",
                    "kind",
                    "points",
                    "dimensions",
                    "links",
                    "year",
                    "scope",
                    "preamble",
                    "heading",
                    "body",
                    "x",
                ]
            ),
            inner,
            max_size=4,
        )
    ),
    max_leaves=20,
)


@FAST
@given(json_values)
def test_any_json_document_imports_or_is_refused_clearly(value):
    for doc in (
        value,
        {"format": "duizhao-material", "version": 1, **value} if isinstance(value, dict) else value,
    ):
        try:
            material, _ = material_from_json(json.dumps(doc))
        except InputError as err:
            assert err.zh and err.en
            continue
        assert isinstance(material, Material)


# ----- exporters ----------------------------------------------------------------------------


@FAST
@given(materials(alphabet=st.one_of(PRINTABLE, ANY_CHAR)))
def test_json_round_trip_is_lossless(material):
    text = material_to_json(material)
    again, links = material_from_json(text)
    assert again == material and links == links_of(material)
    assert material_to_json(again) == text


@FAST
@given(materials(alphabet=st.one_of(PRINTABLE, ANY_CHAR)))
def test_txt_export_holds_exactly_the_material_text(material):
    assert plain(export_txt(material)) == expected_text(material)
    assert plain(export_txt(material, point_paragraphs=True)) == expected_text(
        material, point_paragraphs=True
    )


@FAST
@given(materials())
def test_md_export_holds_exactly_the_material_text(material):
    md = export_md(material)
    unmarked = "\n".join(line.removeprefix("# ").replace("**", "") for line in md.split("\n"))
    assert plain(unmarked) == expected_text(material)


@pytest.mark.slow
@SLOW
@given(materials())
def test_pdf_prints_exactly_the_material_text(material):
    data, report = render_bundled(material)
    assert data.startswith(b"%PDF-") and report.pages >= 1
    assert pdf_text(read_pdf(data)) == expected_text(material)
