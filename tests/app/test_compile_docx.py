"""The 汇编 as one Word document (issue 17), read back with python-docx: the materials' titles
are headings Word's navigation pane lists, each starts a new page (or an odd-page section), the
目录 is a TOC field whose entries link to the titles and show the PDF's start pages, and page
numbers restart at 1 on the body only."""

from __future__ import annotations

import io

import docx
import pytest
from docx.oxml.ns import qn

from app.cli import main
from app.exporters.compile_docx import MATERIAL_TITLE_STYLE, render_compiled_docx
from app.exporters.compile_options import CompileOptions, entry_label
from app.exporters.compile_pdf import render_compiled_pdf
from app.library import Library

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(autouse=True)
def bundled_fonts(monkeypatch):
    monkeypatch.setenv("DUIZHAO_FONTS", "bundled")


def titles(document):
    return [p for p in document.paragraphs if p.style.name == MATERIAL_TITLE_STYLE]


def toc_entries(document):
    """(label, number, anchor) of each cached entry of the TOC field."""
    out = []
    for p in document.paragraphs:
        for link in p._p.iter(qn("w:hyperlink")):
            texts = [t.text for t in link.iter(qn("w:t"))]
            out.append(("".join(texts[:-1]), int(texts[-1]), link.get(qn("w:anchor"))))
    return out


def bookmark(paragraph) -> str:
    return paragraph._p.find(qn("w:bookmarkStart")).get(qn("w:name"))


def test_headings_page_breaks_and_a_contents_field_with_the_pdf_start_pages(three):
    options = CompileOptions(title="对照检查材料汇编", unit="县政府党组", date="2026年12月6日")
    data, report = render_compiled_docx(three, options)
    document = docx.Document(io.BytesIO(data))

    heads = titles(document)
    assert [p.text for p in heads] == [m.title for m in three]
    style = document.styles[MATERIAL_TITLE_STYLE].element
    assert style.find(f"{W}pPr/{W}outlineLvl").get(f"{W}val") == "0"
    sections = document.styles["一级标题"].element.find(f"{W}pPr/{W}outlineLvl")
    assert sections.get(f"{W}val") == "1"  # a material's 一、 parts sit under its title
    assert [p.text for p in document.paragraphs if p.style.name == "一级标题"][0].startswith("一、")
    # Each material after the first starts on a new page.
    breaks = [p._p.find(f"{W}pPr/{W}pageBreakBefore") is not None for p in heads]
    assert breaks == [False, True, True]

    instructions = "".join(t.text for t in document.element.body.iter(qn("w:instrText")))
    assert f'TOC \\h \\z \\t "{MATERIAL_TITLE_STYLE},1"' in instructions
    entries = toc_entries(document)
    assert [label for label, _n, _a in entries] == [entry_label(m) for m in three]
    assert [anchor for _l, _n, anchor in entries] == [bookmark(p) for p in heads]
    pdf_starts = render_compiled_pdf(three, options)[1].starts
    assert [number for _l, number, _a in entries] == pdf_starts == report.starts

    # Cover and 目录 have no footer; the body restarts at 1 with `— PAGE —`.
    cover, toc, body = document.sections
    assert cover._sectPr.find(qn("w:footerReference")) is None
    assert toc._sectPr.find(qn("w:footerReference")) is None
    assert body._sectPr.find(qn("w:pgNumType")).get(qn("w:start")) == "1"
    footer = "".join(t.text for t in body.footer._element.iter(qn("w:instrText")))
    assert "PAGE" in footer and "—" in body.footer.paragraphs[0].text


def test_odd_pages_put_each_material_in_an_odd_page_section(three):
    data, _report = render_compiled_docx(three, CompileOptions(odd_pages=True))
    document = docx.Document(io.BytesIO(data))
    kinds = [s._sectPr.find(qn("w:type")) for s in document.sections]
    assert [k.get(qn("w:val")) if k is not None else "nextPage" for k in kinds] == [
        "nextPage",
        "oddPage",
        "oddPage",
        "oddPage",
        "oddPage",
    ]
    restarts = [s._sectPr.find(qn("w:pgNumType")) is not None for s in document.sections]
    assert restarts == [False, False, True, False, False]  # numbers run on across materials


def test_the_cli_writes_the_docx_and_a_cancel_writes_nothing(tmp_path, three, capsys):
    lib = tmp_path / "lib.db"
    with Library.open(lib) as library:
        ids = [str(library.create_material(m)) for m in three]
    out = tmp_path / "out" / "汇编.docx"
    out.parent.mkdir()
    assert main(["--library", str(lib), "compile", *ids, "-o", str(out)]) == 0
    assert [p.text for p in titles(docx.Document(out))] == [m.title for m in three]

    class Stop(Exception):
        pass

    def stop(done, total):
        if done > total // 2:
            raise Stop

    from app.exporters.compile_docx import export_compiled_docx

    before = out.read_bytes()
    with pytest.raises(Stop):
        export_compiled_docx(three, out, CompileOptions(title="另一个"), progress=stop)
    assert out.read_bytes() == before
    assert sorted(p.name for p in out.parent.iterdir()) == ["汇编.docx"]
