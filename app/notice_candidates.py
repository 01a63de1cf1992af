"""The lists a notice writes, in every shape it may write them, each as a ``Candidate`` for
``app.notice`` to score.

The shapes: numbered lines counting 1, 2, 3… (``（一）带头……。``, ``1.带头……``), one paragraph
with the items after a colon separated by ；, an inline ``一是……二是……`` or ``①……②……`` series, a
run of ``带头……`` clauses, a short list ``围绕A、B、C等6个方面``. A candidate notes whether it sits
under a 主要内容/会议主题 heading or after a lead-in such as ``重点对照……：``.

Apart from ``app.notice`` because finding lists is pattern work on the text, one function a
shape; choosing the framework among the candidates and cleaning its wording stay there.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import islice

from app.importers.markers import CN_DIGITS, chinese_to_int

MIN_ITEMS = 2  # fewer items make no list
MAX_LIST_CHARS = 3000  # one sentence holding a whole list (the 2021 wordings: ~600 characters)
MAX_COLONS = 4  # colons of one sentence that may open a list

CN_NUMBER = f"[{CN_DIGITS}]+"  # a number in Chinese digits, as a pattern
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫"
# Markers at a paragraph's start, by family, highest level first: a higher one ends the runs
# of the lower ones (a new 二、 section ends the （一）… list of the section before).
_LINE_MARKERS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("section", re.compile(rf"^({CN_NUMBER})\s*[、.．]\s*")),
    ("paren_cn", re.compile(rf"^[（(]\s*({CN_NUMBER})\s*[）)]\s*[、.．]?\s*")),
    ("arabic", re.compile(r"^(\d{1,2})\s*[、.．](?!\d)\s*")),
    ("paren_arabic", re.compile(r"^[（(]\s*(\d{1,2})\s*[）)]\s*")),
    ("circled", re.compile(rf"^([{_CIRCLED}])\s*")),
    ("shi", re.compile(rf"^({CN_NUMBER})\s*是\s*")),
)
_LEVEL = {name: i for i, (name, _) in enumerate(_LINE_MARKERS)}
# Inline series inside one paragraph: the marker follows a clause end (or the paragraph start).
_INLINE_MARKERS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("shi", re.compile(rf"(?:^|(?<=[。；;：:，,]))\s*({CN_NUMBER})\s*是")),
    ("circled", re.compile(rf"([{_CIRCLED}])")),
    ("paren_cn", re.compile(rf"(?:^|(?<=[。；;：:，,]))\s*[（(]({CN_NUMBER})[）)]")),
    ("paren_arabic", re.compile(r"(?:^|(?<=[。；;：:，,]))\s*[（(](\d{1,2})[）)]")),
)
# 带头 starting a clause: after a mark, or right after a lead verb (紧扣带头…，带头…).
_DAITOU_START_RE = re.compile(r"(?:^|(?<=[：:；;，,、“\"。])|(?<=紧扣|围绕|对照|聚焦|突出))\s*带头")
# 围绕A、B、C等6个方面 / 从A、B两个方面: the list is what stands between the lead word and 方面.
_ASPECT_LEAD_RE = re.compile(r"围绕|聚焦|对照|紧扣|重点从|从|在|就")
_ASPECT_TAIL_RE = re.compile(rf"(?:等)?[“\"]?(?:\d{{1,2}}|{CN_NUMBER})?\s*个?[”\"]?$")
MAX_ASPECT_LIST = 400  # characters before 方面 that may hold the list
MAX_ASPECT_ENDS = 64  # 方面 of one paragraph looked back from (a notice has a handful)
_CONTEXT_RE = re.compile(r"主要内容|会议主题|主题|重点|对照|查摆|检视|剖析|围绕|聚焦|紧扣|方面")
_LEAD_IN_RE = re.compile(
    r"(对照|查摆|检视|剖析|围绕|聚焦|紧扣|主要内容|主题|方面|带头)[^。]*[：:]$"
)
_SENTENCE_END = "。！？；;：:!?"
_QUOTE_PAIRS = {"“": "”", "‘": "’", "「": "」", "《": "》", "（": "）", "(": ")"}


@dataclass
class Candidate:
    items: list[str]
    shape: str
    context: bool  # under a 主要内容/会议主题 heading or after a lead-in such as 重点对照…：
    position: int


def list_candidates(body: list[str]):
    """Every list the notice writes, in each shape found."""
    yield from _line_runs(body)
    for index, paragraph in enumerate(body):
        yield from _inline_series(paragraph, index)
        yield from _colon_lists(paragraph, index)
        yield from _daitou_runs(paragraph, index)
        yield from _aspect_lists(paragraph, index)


def line_marker(paragraph: str) -> tuple[str, int, str] | None:
    """(family, number, the text after it) when the paragraph starts with a list marker."""
    for family, pattern in _LINE_MARKERS:
        m = pattern.match(paragraph)
        if m:
            return family, _marker_number(family, m.group(1)), paragraph[m.end() :]
    return None


def _marker_number(family: str, raw: str) -> int:
    """The number a marker writes: ③ → 3, 12 → 12, 十二 → 12."""
    if family == "circled":
        return _CIRCLED.index(raw) + 1
    return int(raw) if raw.isdigit() else chinese_to_int(raw)


def _line_runs(body: list[str]):
    """Numbered paragraphs of one family counting 1, 2, 3…; the heading or lead-in above the
    run decides whether it is the framework."""
    runs: dict[str, tuple[list[str], int, bool]] = {}
    section_context = False
    previous = ""
    for index, paragraph in enumerate(body):
        marker = line_marker(paragraph)
        if marker is None:
            previous = paragraph
            continue
        family, number, rest = marker
        for other in list(runs):  # a higher-level marker ends the lower runs
            if _LEVEL[other] > _LEVEL[family]:
                yield _finish(runs.pop(other), other)
        if family == "section":
            section_context = bool(re.search(r"主要内容|会议主题|主题|内容|重点", rest[:20]))
        current = runs.get(family)
        if current is not None and number == len(current[0]) + 1:
            current[0].append(rest)
        else:
            if current is not None:
                yield _finish(current, family)
            if number == 1:
                lead_in = bool(_LEAD_IN_RE.search(previous)) or (
                    family != "section" and section_context
                )
                runs[family] = ([rest], index, lead_in)
            else:
                runs.pop(family, None)
        previous = paragraph
    for family, run in runs.items():
        yield _finish(run, family)


def _finish(run: tuple[list[str], int, bool], family: str) -> Candidate:
    items, position, context = run
    return Candidate([_first_sentence(i) for i in items], f"lines:{family}", context, position)


def _inline_series(paragraph: str, index: int):
    for family, pattern in _INLINE_MARKERS:
        found = []
        for m in pattern.finditer(paragraph):
            number = _marker_number(family, m.group(1))
            if number == len(found) + 1:
                found.append(m)
            elif number == 1:  # a second series in the same paragraph starts over
                if len(found) >= MIN_ITEMS:
                    yield _series(paragraph, found, family, index)
                found = [m]
        if len(found) >= MIN_ITEMS:
            yield _series(paragraph, found, family, index)


def _series(paragraph: str, found: list[re.Match[str]], family: str, index: int) -> Candidate:
    items = []
    for i, m in enumerate(found):
        end = found[i + 1].start() if i + 1 < len(found) else len(paragraph)
        items.append(paragraph[m.end() : end])
    items[-1] = _first_sentence(items[-1], stop=",，" if family == "shi" else "")
    lead = paragraph[: found[0].start()]
    context = bool(_CONTEXT_RE.search(lead[-40:]))
    return Candidate(items, f"inline:{family}", context, index)


def _colon_lists(paragraph: str, index: int):
    """``……对照检查：A；B；C。`` — the items after a colon, separated by ；."""
    for sentence in _split_outside_quotes(paragraph, "。"):
        if len(sentence) > MAX_LIST_CHARS:
            continue  # no framework list runs this long: not worth scanning
        for colon in islice(_outside_quotes(sentence, "：:"), MAX_COLONS):
            parts = [p for p in _split_outside_quotes(sentence[colon + 1 :], "；;") if p.strip()]
            if len(parts) >= MIN_ITEMS:
                context = bool(_CONTEXT_RE.search(sentence[:colon][-40:]))
                yield Candidate(parts, "colon-list", context, index)


def _daitou_runs(paragraph: str, index: int):
    """``……：带头A，带头B；带头C。`` — clauses starting with 带头, however separated."""
    starts = [m.end() - 2 for m in _DAITOU_START_RE.finditer(paragraph)]
    if len(starts) < MIN_ITEMS:
        return
    items = []
    for i, start in enumerate(starts):
        end = starts[i + 1] if i + 1 < len(starts) else len(paragraph)
        items.append(paragraph[start:end])
    items[-1] = _first_sentence(items[-1])
    context = bool(_CONTEXT_RE.search(paragraph[: starts[0]][-40:]))
    yield Candidate(items, "daitou-run", context, index)


def _aspect_lists(paragraph: str, index: int):
    """``围绕A、B、C等6个方面`` — short items inside one clause, found back from each 方面."""
    for m in list(re.finditer("方面", paragraph))[:MAX_ASPECT_ENDS]:
        window = paragraph[max(0, m.start() - MAX_ASPECT_LIST) : m.start()]
        window = window[max(window.rfind(c) for c in "。：:！？") + 1 :]
        window = _ASPECT_TAIL_RE.sub("", window)
        leads = list(_ASPECT_LEAD_RE.finditer(window))
        for lead in reversed(leads):  # the nearest lead word that opens a list
            inner = window[lead.end() :]
            parts = _aspect_parts(inner)
            if parts:
                yield Candidate(parts, "aspect-list", True, index)
                break


def _aspect_parts(inner: str) -> list[str]:
    for separator in ("；;", "，,", "、"):
        parts = [p for p in _split_outside_quotes(inner, separator) if p.strip()]
        if len(parts) >= MIN_ITEMS:
            return parts
    return []


# ----- quotes and sentences -------------------------------------------------------------------


def _first_sentence(text: str, stop: str = "") -> str:
    """Up to the first sentence end outside quotes (the explanation after it is not the item)."""
    end = _find_outside_quotes(text, _SENTENCE_END + stop)
    return text if end < 0 else text[:end]


def _outside_quotes(text: str, marks: str) -> Iterator[int]:
    """Where ``marks`` occur outside quotes and brackets, in order (one pass, lazily: a search
    for the first stops there)."""
    depth: list[str] = []
    for i, ch in enumerate(text):
        if depth and ch == depth[-1]:
            depth.pop()
        elif ch in _QUOTE_PAIRS:
            depth.append(_QUOTE_PAIRS[ch])
        elif not depth and ch in marks:
            yield i


def _find_outside_quotes(text: str, marks: str) -> int:
    return next(_outside_quotes(text, marks), -1)


def _split_outside_quotes(text: str, marks: str) -> list[str]:
    cuts = [-1, *_outside_quotes(text, marks), len(text)]
    return [text[a + 1 : b] for a, b in zip(cuts, cuts[1:], strict=False)]
