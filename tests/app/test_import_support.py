"""The "no text lost, none reordered" oracle for importer tests, and tests that it can fail.

``assert_no_text_lost(source, material, report)`` renders the material from the model itself
(not through an exporter) and compares it with the source, character by character, ignoring
only what an import may legitimately remove: whitespace, Markdown markers (``# `` and ``**``
around a whole line), the lines the report lists as furniture/TOC, and numbering markers
(numbering is derived from position, so ``1.`` in the source may render as ``一是``).
A point title stored without its closing 。 renders with it (the source had it: the importer
strips it); a title that stood alone on its line (``title_alone``) renders without one.

It then checks what the user gets back: the txt export must equal the source up to whitespace
and the *style* of numbering markers (``1、`` may print ``1.``), with every marker at the same
level and place — an invented ``一是`` or ``一、``, a dropped marker or a ``：`` glued onto a
heading fails, and so does a 。 added after a title that stood on its own line (``1.学习不够``).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from app.exporters.text import export_txt
from app.importers.structure import ImportReport
from app.model import SENTENCE_END, Dimension, Material, Point, Section

DATA = Path(__file__).resolve().parent.parent / "data" / "import"

_CN = "[一二三四五六七八九十]+"
_MARKER = (
    rf"第\s*{_CN}\s*部分\s*[、.．：:，,]?|[（(]\s*{_CN}\s*[）)][、.．]?|{_CN}\s*[、.．]|{_CN}\s*是|"
    r"[（(]\s*\d{1,2}\s*[）)]|\d{1,2}\s*[.．、](?!\d)|[①-⑳]|(?:首先|其次|再次|最后)\s*[，,]|"
    rf"第\s*{_CN}\s*[，,、]"
)
# Numbering markers are removed where they can be markers: at a line or part start, after a
# sentence mark, a space or 方面, or right after another marker (（一）一是…).
_MARKER_RUN_RE = re.compile(
    rf"(?:^|(?<=[。；;：:！？!?\s])|(?<=方面))(?:(?:{_MARKER})[ \t\u3000]*)+", re.M
)  # (…方面一是… with no mark between is a heading followed by a point)


def fixture_text(name: str) -> str:
    return (DATA / name).read_text(encoding="utf-8")


def _strip_markdown(line: str) -> str:
    line = re.sub(r"^[ \t]{0,3}#{1,6}(?:[ \t]+|$)", "", line)
    bold = re.fullmatch(r"\s*\*\*([^*\s](?:.*[^*\s])?)\*\*\s*", line)  # not "******"
    return bold.group(1) if bold else line


def _significant(text: str) -> str:
    return re.sub(r"\s+", "", _MARKER_RUN_RE.sub("", text))


def _source_lines(source: str, report: ImportReport) -> str:
    """The source without Markdown markers and without the lines set aside as furniture."""
    lines = [
        _strip_markdown(x).strip()
        for x in source.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    ]
    text = "\n".join(lines)
    at = 0  # the report lists furniture in document order: each item is found after the last
    for item in report.dropped_furniture:
        # Whole lines only (a wrapped furniture paragraph may span several).
        chars = r"\s*".join(re.escape(c) for c in re.sub(r"\s+", "", item))
        found = re.compile(rf"^{chars}$", re.M).search(text, at)
        if found is None:
            raise ValueError(
                f"the report names furniture that is not in the source (in order): {item!r}"
            )
        text = text[: found.start()] + text[found.end() :]
        at = found.start()
    return text


def source_characters(source: str, report: ImportReport) -> str:
    """The source as the material must reproduce it: markers, furniture and spaces removed."""
    text = _source_lines(source, report)
    # A hard wrap may fall inside a marker (二|是): the importer rejoins it, so does the oracle.
    text = re.sub(r"(?<=[一二三四五六七八九十])\n(?=是)", "", text)
    return _significant(text)


def _point(point: Point) -> str:
    title = point.title
    if title and point.title_alone:
        title += "\n"  # stood alone: ends its line as written, no 。
    elif title and title[-1] not in SENTENCE_END:
        title += "。"  # the source's own 。, stripped on import
    example = f"{point.example_lead}{point.example_sep}{point.example}" if point.example else ""
    return title + point.body + example


def _dimension(dim: Dimension) -> list[str]:
    return [dim.full_heading(), *dim.intro, *(_point(p) for p in dim.points)]


def _section(section: Section) -> list[str]:
    parts = [section.heading, *section.intro, *(_point(p) for p in section.points)]
    for dim in section.dimensions:
        parts += _dimension(dim)
    return parts


def rendered_characters(material: Material) -> str:
    parts = [material.title, material.author, material.date, *material.preamble]
    for section in material.sections:
        parts += _section(section)
    parts += material.closing
    # Part by part: a marker never runs from one part into the next ("第一部分" ending the
    # preamble must not take the "，" that starts the next heading), while inside a part a
    # marker may still span a line break, as in a PDF copy's hard wrap.
    return "".join(_significant(part) for part in parts)


# Numbering markers by level, wherever the importer could have read them as markers.
_LEVELS = (
    ("\u2460", rf"第\s*{_CN}\s*部分\s*[、.．：:，,]?|{_CN}\s*、|{_CN}\s*[.．](?!\d)"),  # section
    ("\u2461", rf"[（(]\s*{_CN}\s*[）)][、.．]?"),  # dimension
    (
        "\u2462",
        rf"{_CN}\s*是|[（(]\s*\d{{1,2}}\s*[）)]|\d{{1,2}}\s*[.．、](?!\d)|[①-⑳]|(?:首先|其次|再次|最后)\s*[，,]|"
        rf"第\s*{_CN}\s*[，,、]",
    ),
)
_LEVEL_RE = re.compile(
    rf"(?:^|(?<=[。；;：:！？!?\s\u2460\u2461\u2462])|(?<=方面))[ \t\u3000]*"
    rf"(?:{'|'.join(f'(?P<l{i}>{p})' for i, (_t, p) in enumerate(_LEVELS))})[ \t\u3000]*",
    re.M,
)


def _leveled(text: str) -> str:
    """Markers replaced by one token per level (style differences vanish, levels stay); a
    marker right after another (（一）一是…) is one too, so the substitution runs to a fixpoint."""
    while True:
        done = _LEVEL_RE.sub(
            lambda m: next(_LEVELS[i][0] for i in range(3) if m.group(f"l{i}")), text
        )
        if done == text:
            return done
        text = done


def assert_export_faithful(source: str, material: Material, report: ImportReport) -> None:
    """The txt export is the source up to whitespace and numbering style (see module doc)."""
    text = re.sub(r"(?<=[一二三四五六七八九十])\n(?=是)", "", _source_lines(source, report))
    expected = _leveled(text)
    exported = re.sub(r"\s+", "", _leveled(export_txt(material)))
    plain = re.sub(r"\s+", "", expected)
    if plain == exported:
        return
    at = next((i for i, (a, b) in enumerate(zip(plain, exported, strict=False)) if a != b), None)
    at = min(len(plain), len(exported)) if at is None else at
    raise AssertionError(
        f"text lost, moved or invented in the txt export (beyond whitespace/numbering style) "
        f"near {at}:\n"
        f"  source: …{plain[max(0, at - 25) : at + 30]}\n"
        f"  export: …{exported[max(0, at - 25) : at + 30]}"
    )


def assert_no_text_lost(source: str, material: Material, report: ImportReport) -> None:
    assert_export_faithful(source, material, report)
    expected = source_characters(source, report)
    rendered = rendered_characters(material)
    if rendered == expected:
        return
    plain = rendered
    at = next((i for i, (a, b) in enumerate(zip(expected, plain, strict=False)) if a != b), None)
    at = min(len(expected), len(plain)) if at is None else at
    raise AssertionError(
        f"text lost or reordered near source character {at}:\n"
        f"  source:   …{expected[max(0, at - 20) : at + 30]}\n"
        f"  material: …{plain[max(0, at - 20) : at + 30]}"
    )


# ----- the oracle itself must be able to fail -----------------------------------------------

_SOURCE = (
    "# 某局党组对照检查材料\n\n按照要求，对照检查如下：\n\n**一、"
    "存在的问题**\n\n一是学习不够。平时学得少。\n"
)


def _material() -> Material:
    point = Point(title="学习不够", body="平时学得少。")
    return Material(
        title="某局党组对照检查材料",
        preamble=["按照要求，对照检查如下："],
        sections=[Section(kind="problems", heading="存在的问题", points=[point])],
    )


def test_oracle_accepts_a_faithful_material():
    assert_no_text_lost(_SOURCE, _material(), ImportReport())


def test_oracle_catches_a_dropped_character():
    material = _material()
    material.sections[0].points[0].body = "平时学得。"
    with pytest.raises(AssertionError, match="text lost"):
        assert_no_text_lost(_SOURCE, material, ImportReport())


def test_oracle_catches_reordered_paragraphs():
    material = _material()
    material.preamble = ["对照检查如下：按照要求，"]
    with pytest.raises(AssertionError, match="text lost"):
        assert_no_text_lost(_SOURCE, material, ImportReport())


def test_oracle_catches_a_title_that_swallowed_its_full_stop_twice():
    material = _material()
    material.sections[0].points[0].title = "学习不够。。"
    with pytest.raises(AssertionError):
        assert_no_text_lost(_SOURCE, material, ImportReport())


def test_oracle_refuses_furniture_that_is_not_a_source_line():
    with pytest.raises(ValueError):
        assert_no_text_lost(_SOURCE, _material(), ImportReport(dropped_furniture=["不存在的一行"]))


_TITLE_LINE_SOURCE = "# 某局党组对照检查材料\n\n**一、存在的问题**\n\n1．学习不够\n\n平时学得少。\n"


def _title_line_material(*, title_alone: bool) -> Material:
    point = Point(title="学习不够", body="平时学得少。", title_alone=title_alone)
    return Material(
        title="某局党组对照检查材料",
        point_style="arabic",
        sections=[Section(kind="problems", heading="存在的问题", points=[point])],
    )


def test_oracle_catches_a_full_stop_invented_after_a_title_on_its_own_line():
    """The old import: the title's line lost, a 。 the writer never wrote printed after it."""
    with pytest.raises(AssertionError, match="invented"):
        assert_no_text_lost(
            _TITLE_LINE_SOURCE, _title_line_material(title_alone=False), ImportReport()
        )
    assert_no_text_lost(_TITLE_LINE_SOURCE, _title_line_material(title_alone=True), ImportReport())


def test_oracle_catches_a_full_stop_dropped_after_a_title():
    """Where the source had the 。 (stripped on import), the export must give it back."""
    material = _material()
    material.sections[0].points[0].title_alone = True
    with pytest.raises(AssertionError, match="text lost"):
        assert_no_text_lost(_SOURCE, material, ImportReport())
