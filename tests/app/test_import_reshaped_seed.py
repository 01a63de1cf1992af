"""The seed reshaped the ways real copies of it are shaped (issue 14): headings on their own
line, points in their own paragraphs, 1./（1）numbering, a PDF copy with page numbers and
running titles, a contents list and web furniture around it, a title over two lines. Each must
come back with the seed's structure and with no text lost, moved or invented."""

from __future__ import annotations

import re

import pytest
from test_import_support import assert_no_text_lost
from test_import_variants import hard_wrap

from app.importers.text import import_text
from app.model import chinese_number

_POINT_RE = re.compile(r"(?:(?<=^)|(?<=[。；：:]))([一二三四五六七八九十]+)是", re.M)
_CN = "一二三四五六七八九十"


def plain_seed(seed_text: str) -> str:
    return seed_text.replace("# ", "", 1).replace("**", "")


def heading_alone(text: str) -> str:
    """（一）在“…”方面：一是… → （一）在“…”方面 ⏎ 一是…"""
    return re.sub(r"^(（[一二三四五]）.*?方面)[：:]", r"\1\n", text, flags=re.M)


def points_apart(text: str) -> str:
    """Each 一是/二是 its own paragraph."""
    return re.sub(r"(?<=[。；])(?=[二三四五六七八九十]是)", "\n", text)


def numbered(text: str, style: str) -> str:
    def repl(m: re.Match[str]) -> str:
        n = (
            _CN.index(m.group(1)[-1])
            + 1
            + (10 if len(m.group(1)) > 1 and m.group(1)[0] == "十" else 0)
        )
        return f"{n}." if style == "arabic" else f"（{n}）"

    return _POINT_RE.sub(repl, text)


def pdf_copy(text: str, width: int, title: str) -> str:
    """Hard-wrapped, a page number and the running title every 20 lines."""
    lines = hard_wrap(text, width).split("\n")
    out = []
    for i, line in enumerate(lines):
        out.append(line)
        if i and i % 20 == 0 and i < len(lines) - 3:
            out += [f"- {i // 20} -", title]
    return "\n".join(out)


def _title(text: str) -> str:
    return text.split("\n", 1)[0]


def with_contents_and_furniture(text: str) -> str:
    contents = [
        "目录",
        "一、存在的主要问题………………1",
        "二、问题根源剖析………………6",
        "三、努力方向和整改措施………8",
    ]
    web = [
        "XX公文网，欢迎您！",
        "首页 > 民主生活会 > 对照检查材料",
        "发布时间：2022-01-12  浏览量：3021",
    ]
    tail = ["分享到：微信 微博", "【打印本页】【关闭窗口】", "上一篇：XX镇党委对照检查材料"]
    return "\n".join(web + contents) + "\n" + text + "\n".join(tail) + "\n"


def title_on_two_lines(text: str) -> str:
    return text.replace("对照检查材料\n", "对照检\n查材料\n", 1)


RESHAPES = {
    "heading-alone": heading_alone,
    "heading-alone-points-apart": lambda t: points_apart(heading_alone(t)),
    "points-apart": points_apart,
    "arabic": lambda t: numbered(t, "arabic"),
    "paren-heading-alone": lambda t: numbered(heading_alone(t), "paren"),
    "contents-and-web-furniture": with_contents_and_furniture,
    "title-on-two-lines": title_on_two_lines,
    **{
        f"pdf-{w // 2}-chars": (lambda t, w=w: pdf_copy(title_on_two_lines(t), w, _title(t)))
        for w in (52, 60, 70, 80)
    },
    "pdf-30-heading-alone-arabic": lambda t: pdf_copy(
        numbered(heading_alone(t), "arabic"), 60, _title(t)
    ),
}


def structure(material) -> list:
    return [
        material.title,
        [(s.kind, s.heading) for s in material.sections],
        [
            (d.heading, d.short_name, [(p.title, p.example[:10], p.numbered) for p in d.points])
            for s in material.sections
            for d in s.dimensions
        ],
        [(p.title, p.numbered) for s in material.sections for p in s.points],
        material.template_id,
    ]


@pytest.mark.parametrize("name", sorted(RESHAPES))
def test_reshaped_seed_keeps_its_structure_and_every_character(seed_text, name):
    clean, _ = import_text(plain_seed(seed_text))
    source = RESHAPES[name](plain_seed(seed_text))
    material, report = import_text(source)
    assert_no_text_lost(source, material, report)
    assert structure(material) == structure(clean)
    style = "arabic" if "arabic" in name else "paren" if "paren" in name else "shi"
    assert material.point_style == style
    dims = material.section("problems").dimensions
    assert all(d.heading_alone for d in dims) == ("heading-alone" in name)


def test_reshapes_really_change_the_text(seed_text):
    plain = plain_seed(seed_text)
    assert len({RESHAPES[name](plain) for name in RESHAPES} | {plain}) == len(RESHAPES) + 1
    assert chinese_number(3) == "三"
