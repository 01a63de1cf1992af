"""Numbering markers and the inside of one paragraph: heading frames, points and examples.

Recognition works on the text as written: widths of punctuation vary (``（一）``/``(一)``,
``一、``/``一.``/``一．``), spaces stray into markers, but nothing here rewrites the stored text —
markers are cut off (numbering is derived from position when rendering) and every other
character is returned in some field.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from app.model import SENTENCE_END, Point

CN_DIGITS = "一二三四五六七八九十"
_CN = f"[{CN_DIGITS}]+"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
SENTENCE_MARKS = "。！？；!?;"
# Marks after which an inline point marker (…。二是…) may start a new point.
_INLINE_BEFORE = "。；;：:！？!?"

SECTION_RE = re.compile(rf"^\s*(?:({_CN})\s*[、.．]|第\s*({_CN})\s*部分\s*[、.．：:，,]?)\s*")
DIMENSION_RE = re.compile(rf"^\s*[（(]\s*({_CN})\s*[）)]\s*[、.．]?\s*")
POINT_START_RE = re.compile(
    rf"^\s*(?:(?P<shi>{_CN})\s*是|(?P<arabic>\d{{1,2}})\s*[.．、](?!\d)|"
    rf"[（(]\s*(?P<paren>\d{{1,2}})\s*[）)]|(?P<circled>[{_CIRCLED}])|第(?P<di>{_CN})\s*[，,、]|"
    r"(?P<order>首先|其次|再次|最后)\s*[，,])\s*"
)
# 首先…其次…最后… (rare): only at a paragraph start, and only as a container's own numbering.
_ORDER_WORDS = {"首先": 1, "其次": 2, "再次": 3, "最后": 4}
_INLINE_POINT_RE = re.compile(
    rf"(?:(?P<shi>{_CN})\s*是|(?P<arabic>\d{{1,2}})[.．、](?!\d)|"
    rf"[（(](?P<paren>\d{{1,2}})[）)]|(?P<circled>[{_CIRCLED}])|(?P<order>其次|再次|最后)\s*[，,]|"
    rf"第(?P<di>{_CN})[，,、])"
)

# Example lead words, longest first so 再比如 wins over 比如. ``如在…`` keeps 在 in the example.
_EXAMPLE_RE = re.compile(
    r"(?:^|(?<=[。；;，,：:！？!?\n]))[ "
    r"\t\u3000]*(再比如说?|再如|比如说|比方说|譬如|举例来说|具体表现为|例如|比如|"
    r"如(?=在|[：:])|(?:(?<=[。；;！？!?\n])|^)像(?=在|去年|今年|前年|有的|有时|个别|少数|部分|某))"
    r"(?:[ \t\u3000]*([，,：:]))?"
)


@dataclass(frozen=True)
class Marker:
    family: str  # shi | arabic | paren | circled | di (第一，) | order (首先…)
    number: int


def chinese_to_int(text: str) -> int:
    """一 → 1, 十 → 10, 十二 → 12, 二十三 → 23 (what numbering markers use)."""
    values = [CN_DIGITS.index(c) + 1 for c in text]
    if len(values) == 1:
        return values[0]
    if values[0] == 10:  # 十X
        return 10 + (values[1] if len(values) > 1 else 0)
    if len(values) >= 2 and values[1] == 10:  # X十 / X十Y
        return values[0] * 10 + (values[2] if len(values) > 2 else 0)
    return values[-1]


def _marker_of(match: re.Match[str]) -> Marker:
    if match.group("shi"):
        return Marker("shi", chinese_to_int(match.group("shi")))
    if match.group("arabic"):
        return Marker("arabic", int(match.group("arabic")))
    if match.group("paren"):
        return Marker("paren", int(match.group("paren")))
    if match.groupdict().get("di"):
        return Marker("di", chinese_to_int(match.group("di")))
    if match.groupdict().get("order"):
        return Marker("order", _ORDER_WORDS[match.group("order")])
    return Marker("circled", _CIRCLED.index(match.group("circled")) + 1)


def point_marker_at_start(text: str) -> tuple[Marker, str] | None:
    """(marker, text after it) when the paragraph starts with a point marker (一是/1./（1）/①)."""
    m = POINT_START_RE.match(text)
    if not m:
        return None
    return _marker_of(m), text[m.end() :]


def split_inline_points(
    text: str, last: Marker | None, *, allow_start: bool = True
) -> tuple[str, list[tuple[Marker, str]]]:
    """Split one paragraph at its point markers → (text before the first point, [(marker, text)]).

    A marker at the paragraph start counts whatever its number; inside the paragraph it must
    follow a sentence mark (。；：) and continue the numbering (``last`` + 1, or 1 when nothing
    came before), so words such as 统一是 or a stray "2." are not mistaken for points.
    """
    cuts: list[tuple[int, int, Marker]] = []
    start = point_marker_at_start(text) if allow_start else None
    if start and start[0].family == "order" and last is not None and last.family != "order":
        start = None  # 首先，… inside a point numbered 一是/1. is that point's own text
    if start:
        marker, rest = start
        cuts.append((0, len(text) - len(rest), marker))
        last = marker
    pos = cuts[0][1] if cuts else 0
    for m in _INLINE_POINT_RE.finditer(text, pos):
        before = text[: m.start()].rstrip(" \t\u3000")
        if not before or before[-1] not in _INLINE_BEFORE:
            continue
        marker = _marker_of(m)
        expected = Marker(last.family, last.number + 1) if last else Marker(marker.family, 1)
        # 首先…其次…最后: 最后 closes the list whatever came before it (其次 or 再次).
        closes = (
            marker.family == "order"
            and last is not None
            and last.family == "order"
            and marker.number == 4
        )
        if marker != expected and not closes:
            continue
        end = m.end()
        while end < len(text) and text[end] in " \t\u3000":
            end += 1
        cuts.append((m.start(), end, marker))
        last = marker
    if not cuts:
        return text, []
    lead = text[: cuts[0][0]]
    pieces = []
    for i, (_start, end, marker) in enumerate(cuts):
        stop = cuts[i + 1][0] if i + 1 < len(cuts) else len(text)
        pieces.append((marker, text[end:stop]))
    return lead, pieces


def build_point(paragraphs: list[str], *, with_title: bool = True) -> Point:
    """A Point from its paragraphs (marker already cut): title, body, example.

    The title is the first sentence without its closing 。 (a ！？； ending stays); a first
    paragraph with no sentence mark is a title-only line (``title_alone``: it prints as written,
    without an added 。, the body in the next paragraph). Later paragraphs join the body with
    "\\n". The example starts at the first lead word (比如，/例如：/如在…) after the title.
    """
    first = paragraphs[0].strip() if paragraphs else ""
    rest_paragraphs = [p.strip() for p in paragraphs[1:]]
    title = ""
    remainder = first
    alone = False
    if with_title and first:
        end = next((i for i, c in enumerate(first) if c in SENTENCE_MARKS), -1)
        if end == 0:
            pass  # nothing before the mark: no title, the mark stays in the body
        elif end < 0:
            title, remainder, alone = first, "", True
        else:
            # The model adds 。 back only after a title with no end mark; otherwise keep it here.
            strip = first[end] == "。" and first[end - 1] not in SENTENCE_END
            title = first[:end] if strip else first[: end + 1]
            remainder = first[end + 1 :].strip()
    tail = "\n".join(p for p in [remainder, *rest_paragraphs] if p)
    body, lead, sep, example = split_example(tail)
    point = Point(title=title, body=body, example=example, title_alone=alone)
    if example or lead:
        point.example_lead, point.example_sep = lead, sep
    return point


def split_example(text: str) -> tuple[str, str, str, str]:
    """(body, lead, sep, example): the text cut at its first example lead word.

    The lead must open a sentence or clause (after 。；，： or a paragraph break). A second
    example (再比如) stays inside the example text.
    """
    m = _EXAMPLE_RE.search(text)
    if not m:
        return text, "", "", ""
    lead, sep = m.group(1), m.group(2) or ""
    example = text[m.end() :]
    if not example.strip():
        return text, "", "", ""
    body = text[: m.start(1)]
    return body.rstrip(), lead, sep, example


@dataclass
class HeadingFrame:
    prefix: str
    heading: str
    suffix: str
    rest: str


_QUOTE_OPEN_RE = re.compile(r"^((?:在|关于|对照)?\s*[“\"‘'「『”])")
_QUOTE_CLOSE_RE = re.compile(r"[”\"’'」』“]\s*方面\s*[：:，,。；;]?")
_FANGMIAN_RE = re.compile(r"方面\s*([：:，,。；;]|$|(?=\s*[一二三四五六七八九十]+是))")
_UNQUOTED_PREFIX_RE = re.compile(r"^(在|关于)\s*")


def split_dimension_heading(text: str) -> HeadingFrame:
    """Cut a （一） paragraph (marker removed) into run-in frame, heading and following text.

    Handles the four shapes: own line (``在带头××方面``), own line with 。, heading + text in one
    paragraph (``在“带头××”方面：一是…``), heading + colon summary (``关于××方面，主要是…``).
    """
    text = text.strip()
    opened = _QUOTE_OPEN_RE.match(text)
    if opened:
        close = _QUOTE_CLOSE_RE.search(text, opened.end())
        if close and "。" not in text[opened.end() : close.start()]:
            return HeadingFrame(
                opened.group(1),
                text[opened.end() : close.start()],
                close.group(0),
                text[close.end() :],
            )
    for fm in _FANGMIAN_RE.finditer(text):
        if fm.start() > 200 or "。" in text[: fm.start()]:
            break
        prefix_m = _UNQUOTED_PREFIX_RE.match(text)
        prefix = prefix_m.group(0) if prefix_m and prefix_m.end() < fm.start() else ""
        heading = text[len(prefix) : fm.start()]
        if heading.strip():
            return HeadingFrame(prefix, heading, text[fm.start() : fm.end()], text[fm.end() :])
    end = next((i for i, c in enumerate(text) if c in "。：:！？!?"), -1)
    if end > 0:
        return HeadingFrame("", text[:end], text[end], text[end + 1 :])
    return HeadingFrame("", text, "", "")


def split_section_heading(text: str) -> tuple[str, str] | None:
    """(heading, intro text) of a paragraph after its 一、 marker, or None when it is body text.

    A section heading is short; a long paragraph that starts with 一、 is a heading only when its
    first sentence is short (the rest is the section's intro).
    """
    text = text.strip()
    if not text:
        return None
    if len(text) <= 50 and not any(c in "。；" for c in text[:-1]):
        return text, ""
    end = next((i for i, c in enumerate(text) if c in "。：:"), -1)
    if 0 < end <= 50:
        return text[: end + 1], text[end + 1 :].strip()
    return None
