"""Pagination on the grid: slots, keep-with-next chains, run-in heading lines, empty lines."""

from __future__ import annotations

from app.exporters.pdf_layout import Block, Line, paginate


def body(n: int, label: str = "body") -> Block:
    return Block([Line([], 16, label) for _ in range(n)], "body")


def heading(n: int = 1) -> Block:
    return Block(
        [Line([], 16, "heading", heading_only=True) for _ in range(n)],
        "heading",
        keep_with_next=True,
        outline=("一、问题", 0),
    )


def kinds(pages) -> list[list[str]]:
    return [[line.kind for _, line in page.lines] for page in pages]


def test_lines_fill_22_slots_per_page():
    pages = paginate([body(50)])
    assert [len(p.lines) for p in pages] == [22, 22, 6]
    assert [slot for slot, _ in pages[0].lines] == list(range(22))


def test_heading_on_the_last_slot_moves_to_the_next_page_with_its_outline_entry():
    pages = paginate([body(21), heading(), body(5)])
    assert kinds(pages)[0] == ["body"] * 21
    assert kinds(pages)[1][:2] == ["heading", "body"]
    assert pages[1].outline == [("一、问题", 0, 0)] and pages[0].outline == []


def test_chain_of_headings_moves_together():
    section = heading()
    sub = Block([Line([], 16, "sub", heading_only=True)], "heading", keep_with_next=True)
    pages = paginate([body(20), section, sub, body(3)])
    assert kinds(pages)[0] == ["body"] * 20
    assert kinds(pages)[1][:3] == ["heading", "sub", "body"]


def test_heading_that_fits_with_a_following_line_stays():
    pages = paginate([body(20), heading(), body(3)])
    assert kinds(pages)[0][-2:] == ["heading", "body"]


def test_run_in_heading_line_at_the_page_foot_moves_on():
    runin = Block([Line([], 16, "h", heading_only=True)] * 3 + [Line([], 16, "text")] * 2, "body")
    pages = paginate([body(19), runin])
    assert kinds(pages)[0] == ["body"] * 19 + ["h", "h"]
    assert kinds(pages)[1] == ["h", "text", "text"]


def test_empty_line_is_dropped_at_the_top_of_a_page_but_kept_elsewhere():
    blank = Block([None], "blank")
    pages = paginate([body(22), blank, body(2), blank, body(1)])
    assert [slot for slot, _ in pages[1].lines] == [0, 1, 3]


def test_heading_as_the_very_last_line_is_allowed():
    pages = paginate([body(21), heading()])
    assert len(pages) == 1 and kinds(pages)[0][-1] == "heading"
