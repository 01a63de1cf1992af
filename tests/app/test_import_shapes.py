"""Real-world shapes of issue 14 (tests/data/import-shapes/*.txt, written for these tests), each
read as plain text, as Markdown and as a Word file, each checked against its recognised tree
(``<name>.tree``) and by the oracle that no text is lost, moved or invented in the txt export.

Shapes: dimension headings on their own line (with or without 。, points as paragraphs or in one
paragraph, running text with no 一是); long official headings; PDF copies (hard breaks, page
numbers and running titles between lines, titles over two or three lines); contents lists
before the title; web furniture; the writer's numbering style (1. and （1）); example lead words;
the 组织生活会 individual shape; the 班子 shape with a case-study section.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from docx_builders import para, write_docx
from test_import_support import assert_no_text_lost
from test_import_variants import hard_wrap

from app.exporters.text import export_txt
from app.importers.docx import import_docx_file
from app.importers.head import TITLE_END_RE
from app.importers.structure import ImportReport
from app.importers.text import import_text, import_text_file
from app.model import Material

SHAPES = Path(__file__).resolve().parent.parent / "data" / "import-shapes"
NAMES = sorted(p.stem for p in SHAPES.glob("*.txt"))


def source(name: str) -> str:
    return (SHAPES / f"{name}.txt").read_text(encoding="utf-8")


def tree(material: Material, report: ImportReport) -> str:
    """The recognised structure, one line per node, as a reviewer would read it."""
    out = [
        f"title: {material.title}",
        f"template: {report.template_id}",
        f"scope: {material.scope}",
        f"point style: {material.point_style}",
    ]
    if material.author or material.date:
        out.append(f"author/date: {material.author} / {material.date}")
    out.append(f"preamble: {len(material.preamble)} paragraph(s)")

    def point(p, indent):
        example = f" [{p.example_lead}{p.example_sep}…]" if p.example else ""
        number = "" if p.numbered else "(running text) "
        out.append(f"{indent}P {number}{p.title}{example}")

    for s in material.sections:
        out.append(f"S {s.kind}: {'' if s.numbered else '(unnumbered) '}{s.heading}")
        out += [f"  I {t[:16]}…" for t in s.intro]
        for p in s.points:
            point(p, "  ")
        for d in s.dimensions:
            shape = " ".join(
                x
                for x, on in (
                    ("alone", d.heading_alone),
                    ("apart", d.points_apart),
                    ("unnumbered", not d.numbered),
                )
                if on
            )
            out.append(
                f"  D {d.heading_prefix}|{d.heading}|{d.heading_suffix} "
                f"({d.short_name or '-'}) {shape}".rstrip()
            )
            out += [f"    I {t[:16]}…" for t in d.intro]
            for p in d.points:
                point(p, "    ")
    out.append(f"closing: {len(material.closing)} paragraph(s)")
    out += [f"set aside: {line}" for line in report.dropped_furniture]
    return "\n".join(out) + "\n"


def expected_tree(name: str) -> str:
    return (SHAPES / f"{name}.tree").read_text(encoding="utf-8")


def as_markdown(text: str) -> str:
    """The same material as a Markdown file: ``# title`` and bold section headings."""
    lines = text.split("\n")
    out = []
    for i, line in enumerate(lines):
        if i == 0 and TITLE_END_RE.search(line):
            out.append(f"# {line}")
        elif line[:2] in ("一、", "二、", "三、", "四、") and len(line) < 30 and "。" not in line:
            out.append(f"**{line}**")
        else:
            out.append(line)
    return "\n".join(out)


def as_docx(text: str, path: Path) -> tuple[Path, str]:
    """The same material as a Word file, one paragraph per source line (a PDF copy pasted into
    Word keeps its line breaks as paragraphs)."""
    lines = [line for line in text.split("\n") if line.strip()]
    write_docx(path, "".join(para(line) for line in lines))
    return path, "\n".join(lines)


def test_every_shape_has_fixtures_in_several_wordings():
    prefixes = {n.split("-")[0] for n in NAMES}
    assert {
        "heading",
        "long",
        "pdf",
        "toc",
        "web",
        "numbering",
        "example",
        "zuzhishenghuo",
        "banzi",
    } <= prefixes
    assert len(NAMES) >= 25


@pytest.mark.parametrize("name", NAMES)
def test_plain_text_tree_and_no_text_lost_moved_or_invented(name):
    material, report = import_text_file(SHAPES / f"{name}.txt")
    assert_no_text_lost(source(name), material, report)
    assert tree(material, report) == expected_tree(name)


@pytest.mark.parametrize("name", NAMES)
def test_markdown_gives_the_same_tree(name):
    text = as_markdown(source(name))
    material, report = import_text(text)
    assert_no_text_lost(text, material, report)
    assert tree(material, report) == expected_tree(name)


@pytest.mark.parametrize("name", NAMES)
def test_word_file_gives_the_same_tree(name, tmp_path):
    path, text = as_docx(source(name), tmp_path / f"{name}.docx")
    material, report = import_docx_file(path)
    assert_no_text_lost(text, material, report)
    assert tree(material, report) == expected_tree(name)


# (Contents lists are left out: a PDF lays out its contents lines to fit, it does not wrap them.)
@pytest.mark.parametrize("width", [52, 60, 72])  # 26, 30 and 36 characters a line
@pytest.mark.parametrize("name", [n for n in NAMES if not n.startswith(("pdf-", "toc-"))])
def test_the_same_material_copied_out_of_a_pdf_keeps_its_points(name, width):
    clean, _ = import_text(source(name))
    wrapped = hard_wrap(source(name), width)
    material, report = import_text(wrapped)
    assert_no_text_lost(wrapped, material, report)
    assert [(p.title, p.numbered) for p in material.all_points()] == [
        (p.title, p.numbered) for p in clean.all_points()
    ]
    assert [d.heading for s in material.sections for d in s.dimensions] == [
        d.heading for s in clean.sections for d in s.dimensions
    ]
    assert material.title == clean.title


MARKDOWN_ONLY = sorted(p.stem for p in SHAPES.glob("*.md"))  # shapes plain text cannot have


@pytest.mark.parametrize("name", MARKDOWN_ONLY)
def test_markdown_only_shapes_tree_and_no_text_lost(name):
    text = (SHAPES / f"{name}.md").read_text(encoding="utf-8")
    material, report = import_text(text)
    assert_no_text_lost(text, material, report)
    assert tree(material, report) == expected_tree(name)


@pytest.mark.parametrize("name", MARKDOWN_ONLY)
def test_markdown_only_shapes_as_word_with_bold_headings(name, tmp_path):
    """The same file as Word: ``**…**`` lines become bold paragraphs, ``# `` the title."""
    lines = [
        line
        for line in (SHAPES / f"{name}.md").read_text(encoding="utf-8").split("\n")
        if line.strip()
    ]
    body = []
    for line in lines:
        bold = line.startswith("**") and line.endswith("**")
        body.append(para(line.strip("*").removeprefix("# "), bold=bold))
    path = write_docx(tmp_path / f"{name}.docx", "".join(body))
    material, report = import_docx_file(path)
    text = "\n".join(line.strip("*").removeprefix("# ") for line in lines)
    assert_no_text_lost(text, material, report)
    assert tree(material, report) == expected_tree(name)


# ----- what each shape must give the user back ------------------------------------------------


def imported(name: str) -> Material:
    return import_text_file(SHAPES / f"{name}.txt")[0]


def test_a_heading_on_its_own_line_comes_back_on_its_own_line_never_glued():
    text = export_txt(imported("heading-alone-points-one-paragraph"))
    assert "（一）在带头敬畏人民、敬畏组织、敬畏法纪方面\n\n一是联系群众不够紧密。" in text
    text = export_txt(imported("heading-alone-points-paragraphs"))
    assert "（一）在带头强化政治忠诚、提高政治能力方面\n\n一是政治判断力还需提高。" in text
    assert "不强。\n\n二是贯彻落实有温差。" in text


def test_an_unnumbered_heading_comes_back_without_an_invented_number():
    material, _ = import_text(
        (SHAPES / "heading-unnumbered-bold-2019.md").read_text(encoding="utf-8")
    )
    text = export_txt(material)
    assert "\n加强理论武装、坚定理想信念情况\n" in text and "（一）加强" not in text
    assert "\n（三）履行责任、担当作为情况：\n" in text  # keeps its place in the numbering


def test_running_text_comes_back_without_an_invented_number():
    text = export_txt(imported("heading-alone-running-text"))
    assert "（一）政治功能方面\n\n支部在发挥政治引领作用上" in text
    assert "一是" not in text
    text = export_txt(imported("zuzhishenghuo-individual"))
    assert "（一）政治功能方面。作为一名党员，" in text and "方面。一是" not in text


def test_points_come_back_in_the_writers_numbering_style():
    assert "\n1.学习贯彻不够深入。" in export_txt(imported("numbering-arabic"))
    assert "方面：（1）调查研究不够深入。" in export_txt(imported("numbering-paren"))
    assert "方面：第一，理论学习不够深入。" in export_txt(imported("numbering-ordinals"))


def test_a_long_official_heading_does_not_swallow_the_next_sentence():
    material = imported("heading-alone-with-full-stop")
    first = material.section("problems").dimensions[0]
    assert first.heading == "带头严守政治纪律和政治规矩，维护党的团结统一"
    assert [p.title for p in first.points] == ["贯彻执行不够坚决", "请示报告不够及时"]


def test_every_set_aside_line_is_listed_and_can_be_brought_back():
    text = source("web-furniture")
    _, report = import_text(text)
    assert "浏览量" in report.dropped_furniture[2] and report.dropped_furniture[-1].startswith(
        "下一篇"
    )
    kept = [report.dropped_furniture[2], report.dropped_furniture[-1]]
    material, again = import_text(text, keep=kept)
    assert sorted(again.dropped_furniture) == sorted(
        x for x in report.dropped_furniture if x not in kept
    )
    assert material.preamble[0] == kept[0]  # before the title: at the start of the preamble
    assert export_txt(material).endswith(f"\n\n{kept[1]}\n")  # at its place at the end
    # Everything else reads exactly as without them.
    without = export_txt(import_text(text)[0])
    assert (
        export_txt(material).replace(f"{kept[0]}\n\n", "").replace(f"\n\n{kept[1]}", "") == without
    )


def _headings_name_a_template(name: str) -> bool:
    """Every problems heading matched a template dimension (组织生活会 政治功能… match none:
    for those only the title can tell the template)."""
    material, _ = import_text(source(name))
    dims = [d for s in material.sections if s.kind == "problems" for d in s.dimensions]
    return bool(dims) and all(d.short_name for d in dims)


@pytest.mark.parametrize(
    "name",
    [
        n
        for n in NAMES
        if not n.startswith(("pdf-", "toc-", "web-")) and _headings_name_a_template(n)
    ],
)
def test_the_template_is_still_suggested_when_the_title_is_lost_or_split(name):
    """Scored on the dimension headings: a copy without its title line, or with the title cut
    inside 对照检|查材料, still points to the template the whole file points to."""
    text = source(name)
    _, whole = import_text(text)
    first, rest = text.split("\n", 1)
    _, untitled = import_text(rest)
    assert untitled.template_id == whole.template_id
    cut = first.find("对照检查") + 3
    _, split = import_text(first[:cut] + "\n" + first[cut:] + "\n" + rest)
    assert split.template_id == whole.template_id


@pytest.mark.parametrize(
    "line, furniture",
    [
        ("发布时间：2026-01-20  来源：XX范文网  浏览量：1286", True),
        ("阅读：1234", True),
        ("【字体：大 中 小】", True),
        ("【我要纠错】【打印】", True),
        ("分享到：微信 微博", True),
        ("上一篇：XX局党组对照检查材料", True),
        ("XX文库，欢迎您！", True),
        ("当前位置：首页 > 党建 > 正文", True),
        ("相关阅读", True),
        ("按照要求，现将对照检查情况报告如下：", False),
        ("时间：2024年1月5日上午，支部召开会议。", False),  # a sentence of the material
        ("一、存在的问题", False),
        ("来源于群众的意见建议共32条", False),
    ],
)
def test_web_furniture_lines_are_told_from_the_materials_own(line, furniture):
    from app.importers.head import is_web_furniture

    assert is_web_furniture(line) is furniture
