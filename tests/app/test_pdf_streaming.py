"""A long material is laid out, drawn and let go a page at a time (issue 19): the PDF is the one
drawn from the whole layout at once, and a refusal still names every character no font has."""

from __future__ import annotations

import pytest
from pdf_fixtures import load_seed, render_bundled

from app.errors import InputError
from app.exporters.glyphs import FontResolver
from app.exporters.pdf import DocInfo, draw_pages, page_number_line
from app.exporters.pdf_content import material_paragraphs
from app.exporters.pdf_layout import Typesetter, paginate
from app.exporters.pdf_options import LINES_PER_PAGE, PdfOptions


@pytest.fixture(autouse=True)
def bundled_fonts(monkeypatch):
    monkeypatch.setenv("DUIZHAO_FONTS", "bundled")


def whole_layout_pdf(material, options: PdfOptions) -> tuple[bytes, list]:
    """Every page laid out first, then drawn: the export before it streamed."""
    resolver = FontResolver()
    typesetter = Typesetter(resolver)
    pages = paginate([typesetter.block(p) for p in material_paragraphs(material, options)])
    numbers = [page_number_line(resolver, typesetter, n, options) for n in range(1, len(pages) + 1)]
    return draw_pages(DocInfo.of(material), zip(pages, numbers, strict=True)), pages


@pytest.mark.parametrize(
    "options", [PdfOptions(), PdfOptions(point_paragraphs=True, include_signature=True)]
)
def test_a_long_material_streamed_is_the_pdf_of_its_whole_layout(options):
    material = load_seed()
    material.sections = [s for _ in range(4) for s in material.sections]
    expected, pages = whole_layout_pdf(material, options)
    # The breaks fall in odd places: a heading kept with its text leaves a page short.
    assert any(page.lines[-1][0] < LINES_PER_PAGE - 1 for page in pages[:-1]), (
        "no page ends early: the material does not test keep-with-next across a break"
    )

    data, report = render_bundled(material, options)

    assert data == expected
    assert report.pages == len(pages) > 30


def test_characters_no_font_has_are_all_named_even_far_apart():
    material = load_seed()
    material.sections = [s for _ in range(3) for s in material.sections]
    material.preamble = ["开头有\U0001f600字。", *material.preamble]
    material.closing = [*material.closing, "结尾有\U0001f64f字。"]

    with pytest.raises(InputError) as err:
        render_bundled(material)

    assert "U+1F600" in err.value.zh and "前言第1段" in err.value.zh
    assert "U+1F64F" in err.value.zh and "结尾" in err.value.zh
