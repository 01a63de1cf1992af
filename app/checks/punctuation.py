"""Punctuation inside Chinese text: half-width , ; : ? ! ( ) next to CJK, doubled marks (。。),
a paragraph with no closing full stop, and spaces inside CJK text. Quote marks are in quotes.py."""

from __future__ import annotations

import re
from collections.abc import Iterable

from app.checks.chars import is_cjk, is_ideograph
from app.checks.findings import Finding, finding_at
from app.checks.paths import TextField

FULL_WIDTH = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）"}
_HALF_WIDTH_RE = re.compile("[" + re.escape("".join(FULL_WIDTH)) + "]")
_DOUBLED = re.compile(r"([，。、；：])\1+|[，、；：][。]|。[，、；：]")
_SPACES = re.compile(r"[ \t\u3000\u00a0]+")
_PARAGRAPH_END = set("。！？…：!?:")  # a half-width ? or : is reported as such
_CLOSERS = set("”’）》」』")
_SOFT_END = set("，、；,;")
# Fields that end a paragraph in the rendered text (a title gets its 。 from rendering).
_PARAGRAPH_ROLES = ("preamble", "closing", "intro", "point_body", "point_example")


def check(fields: Iterable[TextField]) -> list[Finding]:
    out: list[Finding] = []
    for f in fields:
        if not f.text:
            continue
        out += _half_width(f)
        out += _doubled(f)
        out += _spaces(f)
        if f.role in _PARAGRAPH_ROLES:
            out += _missing_stop(f)
    return out


def _half_width(f: TextField) -> list[Finding]:
    out = []
    text = f.text
    for m in _HALF_WIDTH_RE.finditer(text):  # only the marks, not every character
        i, ch = m.start(), m.group()
        full = FULL_WIDTH[ch]
        before = text[i - 1] if i else ""
        after = text[i + 1] if i + 1 < len(text) else ""
        if before.isdigit() and after.isdigit():
            continue  # 1,000 / 9:30
        # The frame's colon sits before the first point: the end of a suffix is Chinese text.
        at_frame_end = f.role == "dim_suffix" and after == ""
        if is_cjk(before) or is_cjk(after) or (at_frame_end and before):
            out.append(
                finding_at(
                    "punct.halfwidth",
                    "error",
                    f.path,
                    text,
                    i,
                    i + 1,
                    f"中文中使用了半角标点“{ch}”，应为全角“{full}”。",
                    full,
                )
            )
    return out


def _doubled(f: TextField) -> list[Finding]:
    out = []
    for m in _DOUBLED.finditer(f.text):
        same = len(set(m.group())) == 1
        fix = m.group()[0] if same else None
        message = f"标点重复：“{m.group()}”。" if same else f"标点连用：“{m.group()}”，请保留一个。"
        out.append(
            finding_at(
                "punct.doubled",
                "error" if same else "warning",
                f.path,
                f.text,
                m.start(),
                m.end(),
                message,
                fix,
            )
        )
    return out


def _spaces(f: TextField) -> list[Finding]:
    """A space between two Chinese characters, or between Chinese and a digit (2025 年度)."""
    out = []
    text = f.text
    for m in _SPACES.finditer(text):
        if m.start() == 0 or m.end() == len(text):
            continue
        before, after = text[m.start() - 1], text[m.end()]
        cjk_around = (is_cjk(before) and (is_cjk(after) or after.isdigit())) or (
            before.isdigit() and is_ideograph(after)
        )
        if cjk_around:
            out.append(
                finding_at(
                    "punct.space",
                    "warning",
                    f.path,
                    text,
                    m.start(),
                    m.end(),
                    "中文文字中有多余的空格。",
                    "",
                )
            )
    return out


def _missing_stop(f: TextField) -> list[Finding]:
    """Each paragraph of the field should end with 。！？ (or ： before a list). A body followed
    by its example continues the paragraph, so its last paragraph is not checked."""
    out = []
    text = f.text
    offset = 0
    paragraphs = text.split("\n")
    for n, para in enumerate(paragraphs):
        start, offset = offset, offset + len(para) + 1
        last_of_body = f.role == "point_body" and n == len(paragraphs) - 1
        if last_of_body and f.point is not None and f.point.example.strip():
            continue
        stripped = para.rstrip()
        if not stripped:
            continue
        core = stripped.rstrip("".join(_CLOSERS))
        if core and (
            core[-1] in _PARAGRAPH_END or core[-1] == "；" and f.section_kind == "problems"
        ):
            continue
        end = start + len(stripped)
        last = stripped[-1]
        fix = "。" if last in _SOFT_END or last == "." else last + "。"
        out.append(
            finding_at(
                "punct.no_full_stop",
                "warning",
                f.path,
                text,
                end - 1,
                end,
                "段落末尾缺少句号。",
                fix,
            )
        )
    return out
