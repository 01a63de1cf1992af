"""GB/T 9704 acceptance, measured on the PDF read back: the seed and the punctuation stress
material (DESIGN §7). Each material is rendered once for the whole module."""

from __future__ import annotations

import io
import statistics

import pytest
from pdf_fixtures import load_json, load_seed, postscript_name, render_bundled
from pdf_measure import (
    BLOCK_BOTTOM_MM,
    BLOCK_LEFT_MM,
    BLOCK_RIGHT_MM,
    BLOCK_TOP_MM,
    CELL_PT,
    LINE_PT,
    MM,
    expected_text,
    glyph_pitches,
    is_continuation,
    is_paragraph_start,
    kinsoku_violations,
    pdf_text,
    read_pdf,
)
from pypdf import PdfReader

MATERIALS = {"seed": load_seed, "stress": lambda: load_json("stress-punctuation.json")}


@pytest.fixture(scope="module", params=sorted(MATERIALS))
def rendered(request):
    material = MATERIALS[request.param]()
    data, report = render_bundled(material)
    return material, data, report, read_pdf(data)


def test_every_page_is_a4_and_prints_unscaled(rendered):
    _, data, report, doc = rendered
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) == report.pages == len(doc.pages)
    for page in reader.pages:
        box = page.mediabox
        assert abs(float(box.width) / MM - 210) < 0.1 and abs(float(box.height) / MM - 297) < 0.1
    assert reader.trailer["/Root"]["/ViewerPreferences"]["/PrintScaling"] == "/None"


def test_all_text_lies_inside_the_text_block(rendered):
    _, _, _, doc = rendered
    for line in doc.lines:
        for c in line.chars:
            assert c["x0"] / MM >= BLOCK_LEFT_MM - 0.3, (line.page, line.text)
            assert c["x1"] / MM <= BLOCK_RIGHT_MM + 0.3, (line.page, line.text)
            assert c["top"] / MM >= BLOCK_TOP_MM - 1, (line.page, line.text)
            assert c["bottom"] / MM <= BLOCK_BOTTOM_MM + 1, (line.page, line.text)


def test_full_pages_hold_22_lines_at_a_constant_pitch(rendered):
    _, _, report, doc = rendered
    heading_fonts = {postscript_name(report.font_files[r]) for r in ("heading1", "heading2")}
    full = 0
    for page in range(1, report.pages + 1):
        body = [ln for ln in doc.lines if ln.page == page and ln.size == 16]
        gaps = [b.baseline_mm - a.baseline_mm for a, b in zip(body, body[1:], strict=False)]
        for gap in gaps:  # lines sit on the grid; an empty grid line is a whole multiple
            steps = gap * MM / LINE_PT
            assert abs(steps - round(steps)) < 0.01 and round(steps) >= 1, (page, gap)
        assert len(body) <= 22
        if len(body) == 22:
            full += 1
            assert max(gaps) - min(gaps) < 0.01
            assert abs(body[-1].baseline_mm - body[0].baseline_mm - 21 * LINE_PT / MM) < 0.05
        elif 1 < page < report.pages:  # short only when a heading moved on with its text
            first_next = next(ln for ln in doc.lines if ln.page == page + 1)
            assert len(body) == 21 and first_next.fonts <= heading_fonts, (page, len(body))
    assert full >= 1


def test_lines_hold_at_most_28_characters_on_the_15_79_pt_grid(rendered):
    _, _, _, doc = rendered
    full_lines = 0
    for line in doc.lines:
        if line.size != 16:
            continue
        assert line.full_width_count() <= 28, line.text
        if line.full_width_count() == 28:
            full_lines += 1
            pitch = (line.chars[-1]["matrix"][4] - line.chars[0]["matrix"][4]) / 27
            assert abs(pitch - 15.79) <= 0.02, (line.text, pitch)
    assert full_lines >= 20


def test_paragraph_lines_are_justified_and_first_lines_indented_two_characters(rendered):
    material, _, _, doc = rendered
    body = [ln for ln in doc.lines if ln.size == 16]
    starts = 0
    for line, nxt in zip(body, body[1:] + [None], strict=True):
        assert is_continuation(line) or is_paragraph_start(line), (line.page, line.x0_mm, line.text)
        starts += is_paragraph_start(line)
        if nxt is not None and is_continuation(nxt):  # not the paragraph's last line
            assert abs(line.x1_mm - BLOCK_RIGHT_MM) <= 0.3, (line.page, line.x1_mm, line.text)
    # heading + intro + points; a problems dimension is one run-in paragraph, elsewhere a
    # （一） heading with its points as paragraphs (no multi-paragraph bodies in these materials)
    paragraphs = len(material.preamble) + sum(
        1
        + len(s.intro)
        + len(s.points)
        + len(s.dimensions)
        + (0 if s.kind == "problems" else sum(len(d.points) for d in s.dimensions))
        for s in material.sections
    )
    assert starts == paragraphs


def test_no_line_breaks_a_kinsoku_rule(rendered):
    _, _, _, doc = rendered
    assert kinsoku_violations(doc.lines) == []


def test_role_fonts_and_sizes_and_every_font_embedded(rendered):
    material, data, report, doc = rendered
    ps = {role: postscript_name(path) for role, path in report.font_files.items()}
    by_text = {
        "title": [ln for ln in doc.lines if ln.size == 22],
        "heading1": [ln for ln in doc.lines if ln.text.startswith(("一、", "二、", "三、"))],
    }
    assert by_text["title"] and all(ln.fonts == {ps["title"]} for ln in by_text["title"])
    assert len(by_text["heading1"]) == len(material.sections)
    assert all(ln.fonts == {ps["heading1"]} and ln.size == 16 for ln in by_text["heading1"])
    dim_lines = [ln for ln in doc.lines if ln.text.startswith("（一）")]
    assert dim_lines and all(ln.chars[0]["fontname"].endswith(ps["heading2"]) for ln in dim_lines)
    point_chars = [c for ln in doc.lines for c in ln.chars if ln.size == 16 and "是" == c["text"]]
    assert any(c["fontname"].endswith(ps["body"]) for c in point_chars)
    assert all(ln.fonts == {ps["page_number"]} and ln.size == 14 for ln in doc.page_numbers)
    reader = PdfReader(io.BytesIO(data))
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = font["/FontDescriptor"].get_object()
            assert "/FontFile2" in descriptor, font["/BaseFont"]
    assert b"Helvetica" not in data


def test_page_numbers_are_consecutive_and_placed_outside(rendered):
    _, _, report, doc = rendered
    assert [ln.text for ln in doc.page_numbers] == [f"— {n} —" for n in range(1, report.pages + 1)]
    for n, line in enumerate(doc.page_numbers, start=1):
        assert abs(line.baseline_mm - BLOCK_BOTTOM_MM - 7) <= 1
        if n % 2:
            assert abs(line.x1_mm - 179.06) <= 1, line.x1_mm
        else:
            assert abs(line.x0_mm - 32.94) <= 1, line.x0_mm


def test_extracted_text_is_the_material_text(rendered):
    material, _, _, doc = rendered
    assert pdf_text(doc) == expected_text(material)


def test_title_is_centred_without_a_one_character_line(rendered):
    _, _, _, doc = rendered
    title = [ln for ln in doc.lines if ln.size == 22]
    assert 1 <= len(title) <= 3
    for line in title:
        assert len(line.text) > 1
        assert abs((line.x0_mm + line.x1_mm) / 2 - (BLOCK_LEFT_MM + BLOCK_RIGHT_MM) / 2) <= 0.3
    if len(title) > 1:
        lengths = [len(ln.text) for ln in title]
        assert max(lengths) - min(lengths) <= 3  # balanced, not 20 + 1


def test_headings_never_sit_alone_at_a_page_foot(rendered):
    _, _, report, doc = rendered
    heading_fonts = {postscript_name(report.font_files[r]) for r in ("heading1", "heading2")}
    for page in range(1, report.pages):
        last = [ln for ln in doc.lines if ln.page == page][-1]
        assert not last.fonts <= heading_fonts, (page, last.text)


def test_two_exports_are_byte_identical(rendered):
    material, data, _, _ = rendered
    again, _ = render_bundled(material)
    assert again == data


def test_glyph_advances_inside_full_lines_are_even(rendered):
    _, _, _, doc = rendered
    for line in doc.lines:
        if line.size == 16 and line.full_width_count() == 28:
            pitches = glyph_pitches(line)
            assert statistics.pstdev(pitches) < 0.05, line.text
            assert abs(statistics.mean(pitches) - CELL_PT) < 0.02


def test_seed_pdf_prints_exactly_the_seed_text():
    """Against the source file itself, not the model: nothing dropped, added or reordered."""
    from pdf_fixtures import seed_markdown

    source = seed_markdown().read_text(encoding="utf-8")
    expected = "".join(source.replace("**", "").lstrip("# ").split())
    data, _ = render_bundled(load_seed())
    assert pdf_text(read_pdf(data)) == expected


def test_stress_heading_that_would_fall_on_a_page_foot_opens_the_next_page():
    """The stress material is built so that 一、 lands on the last line of page 3."""
    data, _ = render_bundled(load_json("stress-punctuation.json"))
    doc = read_pdf(data)
    page3 = [ln for ln in doc.lines if ln.page == 3]
    page4 = [ln for ln in doc.lines if ln.page == 4]
    assert len(page3) == 21
    assert page4[0].text == "一、存在的主要问题"
    assert abs(page4[0].baseline_mm - page3[0].baseline_mm) < 0.01  # first grid line
