"""The 汇编 PDF (issue 17) read back as a reader checks it: the 目录's numbers are the printed
numbers of the pages where each material starts, the bookmarks lead there, numbers run on
without a gap, each material starts on a new (optionally odd) page, and a cancel or a failure
writes nothing."""

from __future__ import annotations

import copy
import re

import pypdf
import pytest

from app.errors import InputError
from app.exporters.compile_options import CompileOptions, default_options
from app.exporters.compile_pdf import export_compiled_pdf, render_compiled_pdf
from tests.app.pdf_measure import plain, read_pdf

TOC_ENTRY = re.compile(r"^(?P<label>.*?)[·\s]*(?P<number>\d+)$")


@pytest.fixture(autouse=True)
def bundled_fonts(monkeypatch):
    monkeypatch.setenv("DUIZHAO_FONTS", "bundled")


def printed_number(doc, page_index: int) -> int | None:
    """The `— N —` printed on a page (0-based index), None when the page shows none."""
    found = [n for n in doc.page_numbers if n.page == page_index + 1]
    return int(plain(found[0].text).strip("—")) if found else None


def toc_entries(doc, toc_page_indexes) -> list[tuple[str, int]]:
    """(label, number) of each 目录 entry; a label that wraps is joined to its number line."""
    entries, pending = [], ""
    for line in doc.lines:
        if line.page - 1 not in toc_page_indexes or plain(line.text) in ("目录", ""):
            continue
        match = TOC_ENTRY.match(plain(line.text))
        if match and match["number"] and line.text.rstrip()[-1].isdigit():
            entries.append((pending + match["label"].rstrip("·"), int(match["number"])))
            pending = ""
        else:
            pending += plain(line.text)
    return entries


def page_of_first_line(doc, text: str) -> int:
    """0-based index of the first page whose first body line starts the given text."""
    for line in doc.lines:
        if plain(text).startswith(plain(line.text)[:10]) and line.size > 20:
            return line.page - 1
    raise AssertionError(f"no page starts with {text!r}")


def outline_entries(reader: pypdf.PdfReader, items=None, depth=0):
    out = []
    for item in reader.outline if items is None else items:
        if isinstance(item, list):
            out[-1][2].extend(outline_entries(reader, item, depth + 1))
        else:
            out.append((item.title, reader.get_destination_page_number(item), []))
    return out


def test_contents_numbers_bookmarks_and_page_numbers_of_three_materials(tmp_path, three):
    options = default_options(three)
    path = tmp_path / "汇编.pdf"
    report = export_compiled_pdf(three, path, options)
    data = path.read_bytes()
    doc = read_pdf(data)
    reader = pypdf.PdfReader(path)
    assert len(reader.pages) == report.pages

    # The cover and the 目录 print no number; the body counts 1, 2, 3 … without a gap.
    assert [printed_number(doc, i) for i in range(report.front_pages)] == [None] * 2
    body = [printed_number(doc, i) for i in range(report.front_pages, report.pages)]
    assert body == list(range(1, len(body) + 1))

    # The 目录 lists each material with the printed number of the page it starts on.
    entries = toc_entries(doc, {1})
    assert [label for label, _ in entries] == [
        "县政府党组2021年度民主生活会对照检查材料",
        "张三同志个人对照检查材料",  # the title names its author already
        "（无标题）（副县长李四）",
    ]
    starts = [number for _, number in entries]
    assert starts == report.starts
    assert starts[0] == 1 and starts[1] > starts[0] + 5  # the seed takes several pages
    assert printed_number(doc, page_of_first_line(doc, three[0].title)) == starts[0]
    assert printed_number(doc, page_of_first_line(doc, three[1].title)) == starts[1]
    # Each material starts on a new page: the page before a start belongs to the one before.
    empty_page = report.front_pages + starts[2] - 1
    assert not [line for line in doc.lines if line.page == empty_page + 1]

    # Bookmarks: the 目录, then one per material at its first page, its sections under it.
    outline = outline_entries(reader)
    assert [(plain(title), page) for title, page, _ in outline] == [
        ("目录", 1),
        (entries[0][0], report.front_pages + starts[0] - 1),
        (entries[1][0], report.front_pages + starts[1] - 1),
        (entries[2][0], report.front_pages + starts[2] - 1),
    ]
    seed_sections = [title for title, _page, _children in outline[1][2]]
    assert seed_sections[0].startswith("一、") and len(seed_sections) == len(three[0].sections)
    assert all(page >= outline[1][1] for _t, page, _c in outline[1][2])
    assert outline[1][2][0][2], "the seed's dimensions are bookmarked under its problems section"
    # A viewer's page labels match the printed numbers.
    assert reader.page_labels[report.front_pages] == "1"
    assert reader.page_labels[-1] == str(body[-1])


def test_odd_pages_start_every_material_on_a_right_hand_page(three):
    options = CompileOptions(title="汇编", odd_pages=True)
    data, report = render_compiled_pdf(three, options)
    doc = read_pdf(data)
    assert report.front_pages % 2 == 0  # so printed odd pages are right-hand pages
    assert all(start % 2 == 1 for start in report.starts)
    assert toc_entries(doc, set(range(1, report.front_pages)))[-1][1] == report.starts[-1]
    # An inserted blank page is counted but prints no number.
    blanks = [
        i
        for i in range(report.front_pages, report.pages)
        if printed_number(doc, i) is None and not [ln for ln in doc.lines if ln.page == i + 1]
    ]
    assert blanks, "the seed's odd page count needs a blank page before the next material"
    for i in blanks:
        assert printed_number(doc, i + 1) == i + 2 - report.front_pages


def test_two_hundred_materials_compile_with_progress_and_a_contents_over_several_pages(three):
    materials = []
    for n in range(200):
        member = copy.deepcopy(three[1])
        member.title = f"第{n + 1}位同志个人对照检查材料"
        member.author = ""
        materials.append(member)
    seen = []
    data, report = render_compiled_pdf(
        materials, CompileOptions(), lambda done, total: seen.append((done, total))
    )
    assert seen[0][0] == 0 and seen[-1][0] == seen[-1][1]
    assert [done for done, _ in seen] == sorted(done for done, _ in seen)
    doc = read_pdf(data)
    toc = toc_entries(doc, set(range(1, report.front_pages)))
    assert report.front_pages >= 1 + 200 // 22  # the 目录 runs over several pages
    assert [number for _, number in toc] == report.starts
    assert toc[199][0] == "第200位同志个人对照检查材料"
    last_start = report.front_pages + report.starts[-1] - 1
    assert printed_number(doc, last_start) == report.starts[-1]
    assert plain(next(ln.text for ln in doc.lines if ln.page == last_start + 1)).startswith(
        "第200位"
    )


class Stop(Exception):
    pass


def test_a_cancel_half_way_writes_nothing_and_keeps_the_old_file(tmp_path, three):
    folder = tmp_path / "out"
    folder.mkdir()
    path = folder / "汇编.pdf"
    path.write_bytes(b"old file")

    def cancel_half_way(done: int, total: int) -> None:
        if done > total // 2:
            raise Stop

    with pytest.raises(Stop):
        export_compiled_pdf(three * 4, path, CompileOptions(), progress=cancel_half_way)
    assert path.read_bytes() == b"old file"
    assert sorted(p.name for p in folder.iterdir()) == ["汇编.pdf"]  # no temp file left


def test_no_materials_or_a_cover_too_long_for_one_page_is_refused(tmp_path, three):
    with pytest.raises(InputError):
        render_compiled_pdf([], CompileOptions())
    with pytest.raises(InputError) as caught:
        render_compiled_pdf(three, CompileOptions(title="很长的标题" * 150))
    assert "封面" in caught.value.zh


def test_the_same_input_gives_the_same_bytes(three):
    options = CompileOptions(title="汇编", unit="县政府党组", date="2026年12月6日")
    assert render_compiled_pdf(three, options)[0] == render_compiled_pdf(three, options)[0]


def test_a_character_no_font_has_is_refused_naming_the_material_it_is_in(three):
    three[1].sections[0].points[0].body = "𗀀"  # Tangut: no bundled font draws it
    with pytest.raises(InputError) as caught:
        render_compiled_pdf(three, CompileOptions())
    assert "U+17000" in caught.value.zh
    assert "第2份《张三同志个人对照检查材料》" in caught.value.zh
