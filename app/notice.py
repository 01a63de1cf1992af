"""A year's framework from its notice (通知/方案): the dimension items, the meeting and the year.

The official frameworks list their items in the notice's 主要内容/会议主题 paragraph, in one of
a few shapes: numbered lines (``（一）带头……。``, ``1.带头……``), one paragraph with the items
after a colon separated by ；, an inline ``一是……二是……`` or ``①……②……`` series, a run of
``带头……`` clauses, or a short list ``围绕A、B、C等6个方面``. Every shape found in the notice
becomes a candidate list; the one that reads most like the framework wins: its items start with
带头/对照 or end with 方面/情况, it sits under a 主要内容/会议主题 heading or after a lead-in such
as ``重点对照……：``, its length equals a count the notice states (``五个带头``, ``6个方面``).
Other numbered lists of a notice (会前准备, 有关要求) lose on those grounds.

Nothing here writes anything: ``framework_from_notice`` returns what it recognised, or raises
InputError when the notice has no recognisable items.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from app.errors import InputError
from app.importers.head import is_web_furniture
from app.importers.markers import CN_DIGITS, chinese_to_int
from app.importers.text import text_to_paragraphs
from app.notice_wording import meeting_and_year, short_name_for, title_line

MAX_NOTICE_CHARS = 200_000  # a notice is a few pages; a pasted book is refused, not scanned
MIN_ITEMS, MAX_ITEMS = 2, 12
MAX_ITEM_CHARS = 200
MAX_LIST_CHARS = 3000  # one sentence holding a whole list (the 2021 wordings: ~600 characters)
MAX_COLONS = 4  # colons of one sentence that may open a list

_CN_NUM = f"[{CN_DIGITS}]+"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫"
# Markers at a paragraph's start, by family, highest level first: a higher one ends the runs
# of the lower ones (a new 二、 section ends the （一）… list of the section before).
_LINE_MARKERS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("section", re.compile(rf"^({_CN_NUM})\s*[、.．]\s*")),
    ("paren_cn", re.compile(rf"^[（(]\s*({_CN_NUM})\s*[）)]\s*[、.．]?\s*")),
    ("arabic", re.compile(r"^(\d{1,2})\s*[、.．](?!\d)\s*")),
    ("paren_arabic", re.compile(r"^[（(]\s*(\d{1,2})\s*[）)]\s*")),
    ("circled", re.compile(rf"^([{_CIRCLED}])\s*")),
    ("shi", re.compile(rf"^({_CN_NUM})\s*是\s*")),
)
_LEVEL = {name: i for i, (name, _) in enumerate(_LINE_MARKERS)}
# Inline series inside one paragraph: the marker follows a clause end (or the paragraph start).
_INLINE_MARKERS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("shi", re.compile(rf"(?:^|(?<=[。；;：:，,]))\s*({_CN_NUM})\s*是")),
    ("circled", re.compile(rf"([{_CIRCLED}])")),
    ("paren_cn", re.compile(rf"(?:^|(?<=[。；;：:，,]))\s*[（(]({_CN_NUM})[）)]")),
    ("paren_arabic", re.compile(r"(?:^|(?<=[。；;：:，,]))\s*[（(](\d{1,2})[）)]")),
)
# 带头 starting a clause: after a mark, or right after a lead verb (紧扣带头…，带头…).
_DAITOU_START_RE = re.compile(r"(?:^|(?<=[：:；;，,、“\"。])|(?<=紧扣|围绕|对照|聚焦|突出))\s*带头")
_COUNT_RE = re.compile(rf"(\d{{1,2}}|{_CN_NUM})\s*个\s*(带头|方面|对照|聚焦|围绕|重点)")
# 围绕A、B、C等6个方面 / 从A、B两个方面: the list is what stands between the lead word and 方面.
_ASPECT_LEAD_RE = re.compile(r"围绕|聚焦|对照|紧扣|重点从|从|在|就")
_ASPECT_TAIL_RE = re.compile(rf"(?:等)?[“\"]?(?:\d{{1,2}}|{_CN_NUM})?\s*个?[”\"]?$")
MAX_ASPECT_LIST = 400  # characters before 方面 that may hold the list
MAX_ASPECT_ENDS = 64  # 方面 of one paragraph looked back from (a notice has a handful)
_CONTEXT_RE = re.compile(r"主要内容|会议主题|主题|重点|对照|查摆|检视|剖析|围绕|聚焦|紧扣|方面")
_LEAD_IN_RE = re.compile(
    r"(对照|查摆|检视|剖析|围绕|聚焦|紧扣|主要内容|主题|方面|带头)[^。]*[：:]$"
)
# The tail a list's last item carries: 等“五个带头”进行对照检查 / 等6个方面 / ，进行检视剖析.
# 等 only before a count or 方面/带头 (等正在做的工作 is part of an item).
_LIST_TAIL_RE = re.compile(rf"等(?=[“\"]?(?:(?:\d{{1,2}}|{_CN_NUM})\s*个|方面|带头|对照)).*$")
_DO_TAIL_RE = re.compile(r"[，,]?(?:进行|开展|深入开展)(?:对照检查|检视剖析|查摆|剖析|对照).*$")
_SENTENCE_END = "。！？；;：:!?"
_QUOTE_PAIRS = {"“": "”", "‘": "’", "「": "」", "《": "》", "（": "）", "(": ")"}


@dataclass(frozen=True)
class NoticeItem:
    heading: str  # the wording as the notice writes it, frame (在…方面) and end marks cut
    short_name: str  # a suggestion; the user names it in the dialog


@dataclass
class NoticeFramework:
    """What a notice says about its meeting's framework."""

    items: list[NoticeItem]
    meeting: str = ""  # e.g. 2025年度民主生活会 / 党史学习教育专题民主生活会
    year: int | None = None
    frame: str = "daitou"  # daitou (在“带头…”方面) | fangmian (在…方面) | duizhao (对照…)
    title: str = ""  # the notice's own title line, when found
    mentions_case_study: bool = False  # 反面典型案例: the template offers that section
    mentions_previous: bool = False  # 上年度…整改落实情况
    shapes: list[str] = field(default_factory=list)  # how the items were written (for tests)


@dataclass
class _Candidate:
    items: list[str]
    shape: str
    context: bool  # under a 主要内容/会议主题 heading or after a lead-in such as 重点对照…：
    position: int


def framework_from_notice(text: str) -> NoticeFramework:
    """Recognise the framework in a notice's text. InputError (zh + en) when there is no text or
    no list of at least two items that reads like a framework."""
    _check_size(len(text), bool(text.strip()))
    paragraphs, _hints, _dropped = text_to_paragraphs(text, Counter())
    return framework_from_paragraphs(paragraphs)


def _check_size(length: int, has_text: bool) -> None:
    if length > MAX_NOTICE_CHARS:
        raise InputError(
            f"通知文字过长（{length:,} 字，上限 {MAX_NOTICE_CHARS:,} 字）",
            f"the notice is too long ({length:,} characters, limit {MAX_NOTICE_CHARS:,})",
        )
    if not has_text:
        raise InputError("没有通知文字", "no notice text")


def framework_from_paragraphs(paragraphs: list[str]) -> NoticeFramework:
    """The same, from paragraphs already read (a .txt/.docx through ``read_paragraphs``)."""
    _check_size(sum(len(p) for p in paragraphs), any(p.strip() for p in paragraphs))
    body = [p.strip(" \t\u3000") for p in paragraphs]
    body = [p for p in body if p and not is_web_furniture(p)]
    stated = _stated_counts(body)
    best: tuple[float, _Candidate] | None = None
    for candidate in _candidates(body):
        score = _score(candidate, stated)
        if score is not None and (best is None or score > best[0]):
            best = (score, candidate)
    if best is None:
        raise InputError(
            "没有在通知中识别出查摆方面（如“带头……”“在……方面”或“（一）……”编号的条目），未生成模板",
            "no framework items found in the notice (such as 带头…, 在…方面 or numbered items); "
            "no template made",
        )
    candidate = best[1]
    headings = [_clean_heading(item) for item in candidate.items]
    frame = _frame_of(candidate.items)
    title = title_line(body)
    meeting, year = meeting_and_year(body, title)
    whole = "".join(body)
    return NoticeFramework(
        items=[NoticeItem(h, short_name_for(h)) for h in headings],
        meeting=meeting,
        year=year,
        frame=frame,
        title=title,
        mentions_case_study="典型案例" in whole,
        mentions_previous=bool(re.search(r"整改(?:措施)?落实情况", whole)),
        shapes=[candidate.shape],
    )


# ----- candidates ------------------------------------------------------------------------------


def _candidates(body: list[str]):
    yield from _line_runs(body)
    for index, paragraph in enumerate(body):
        yield from _inline_series(paragraph, index)
        yield from _colon_lists(paragraph, index)
        yield from _daitou_runs(paragraph, index)
        yield from _aspect_lists(paragraph, index)


def _line_marker(paragraph: str) -> tuple[str, int, str] | None:
    for family, pattern in _LINE_MARKERS:
        m = pattern.match(paragraph)
        if m:
            number = m.group(1)
            if family == "circled":
                value = _CIRCLED.index(number) + 1
            elif number.isdigit():
                value = int(number)
            else:
                value = chinese_to_int(number)
            return family, value, paragraph[m.end() :]
    return None


def _line_runs(body: list[str]):
    """Numbered paragraphs of one family counting 1, 2, 3…; the heading or lead-in above the
    run decides whether it is the framework."""
    runs: dict[str, tuple[list[str], int, bool]] = {}
    section_context = False
    previous = ""
    for index, paragraph in enumerate(body):
        marker = _line_marker(paragraph)
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


def _finish(run: tuple[list[str], int, bool], family: str) -> _Candidate:
    items, position, context = run
    return _Candidate([_first_sentence(i) for i in items], f"lines:{family}", context, position)


def _inline_series(paragraph: str, index: int):
    for family, pattern in _INLINE_MARKERS:
        found = []
        for m in pattern.finditer(paragraph):
            raw = m.group(1)
            if family == "circled":
                number = _CIRCLED.index(raw) + 1
            elif raw.isdigit():
                number = int(raw)
            else:
                number = chinese_to_int(raw)
            if number == len(found) + 1:
                found.append(m)
            elif number == 1:  # a second series in the same paragraph starts over
                if len(found) >= MIN_ITEMS:
                    yield _series(paragraph, found, family, index)
                found = [m]
        if len(found) >= MIN_ITEMS:
            yield _series(paragraph, found, family, index)


def _series(paragraph: str, found: list[re.Match[str]], family: str, index: int) -> _Candidate:
    items = []
    for i, m in enumerate(found):
        end = found[i + 1].start() if i + 1 < len(found) else len(paragraph)
        items.append(paragraph[m.end() : end])
    items[-1] = _first_sentence(items[-1], stop=",，" if family == "shi" else "")
    lead = paragraph[: found[0].start()]
    context = bool(_CONTEXT_RE.search(lead[-40:]))
    return _Candidate(items, f"inline:{family}", context, index)


def _colon_lists(paragraph: str, index: int):
    """``……对照检查：A；B；C。`` — the items after a colon, separated by ；."""
    for sentence in _split_outside_quotes(paragraph, "。"):
        if len(sentence) > MAX_LIST_CHARS:
            continue  # no framework list runs this long: not worth scanning
        for colon in _positions_outside_quotes(sentence, "：:")[:MAX_COLONS]:
            parts = [p for p in _split_outside_quotes(sentence[colon + 1 :], "；;") if p.strip()]
            if len(parts) >= MIN_ITEMS:
                context = bool(_CONTEXT_RE.search(sentence[:colon][-40:]))
                yield _Candidate(parts, "colon-list", context, index)


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
    yield _Candidate(items, "daitou-run", context, index)


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
                yield _Candidate(parts, "aspect-list", True, index)
                break


def _aspect_parts(inner: str) -> list[str]:
    for separator in ("；;", "，,", "、"):
        parts = [p for p in _split_outside_quotes(inner, separator) if p.strip()]
        if len(parts) >= MIN_ITEMS:
            return parts
    return []


# ----- scoring ---------------------------------------------------------------------------------


def _stated_counts(body: list[str]) -> set[int]:
    counts = set()
    for paragraph in body:
        for m in _COUNT_RE.finditer(paragraph):
            raw = m.group(1)
            counts.add(int(raw) if raw.isdigit() else chinese_to_int(raw))
    return counts


def _item_likeness(item: str) -> float:
    text = _clean_heading(item)
    if not text or len(text) > MAX_ITEM_CHARS:
        return -1.0
    score = 0.0
    raw = item.strip()
    if raw.startswith("带头"):
        score += 1.0
    if raw.startswith("对照"):
        score += 0.8
    if re.search(r"(方面|情况)[。：:；;，,]?$", raw) or raw.startswith("在"):
        score += 0.8
    if len(text) < 2:
        score -= 1.0
    return score


def _score(candidate: _Candidate, stated: set[int]) -> float | None:
    n = len(candidate.items)
    if not MIN_ITEMS <= n <= MAX_ITEMS:
        return None
    likeness = [_item_likeness(i) for i in candidate.items]
    if min(likeness) < 0:
        return None
    mean = sum(likeness) / n
    counted = n in stated
    if mean < 0.5 and not candidate.context and not counted:
        return None  # a numbered list with no sign of a framework (会前准备, 有关要求)
    score = mean + (1.0 if candidate.context else 0.0) + (1.5 if counted else 0.0)
    # Prefer the most explicit shape for the same items, then the earliest.
    score += {"lines": 0.3, "inline": 0.25, "colon-list": 0.2}.get(candidate.shape.split(":")[0], 0)
    return score - candidate.position * 1e-4


# ----- wording ---------------------------------------------------------------------------------


def _first_sentence(text: str, stop: str = "") -> str:
    """Up to the first sentence end outside quotes (the explanation after it is not the item)."""
    end = _find_outside_quotes(text, _SENTENCE_END + stop)
    return text if end < 0 else text[:end]


def _positions_outside_quotes(text: str, marks: str) -> list[int]:
    """Where ``marks`` occur outside quotes and brackets (one pass)."""
    found = []
    depth: list[str] = []
    for i, ch in enumerate(text):
        if depth and ch == depth[-1]:
            depth.pop()
        elif ch in _QUOTE_PAIRS:
            depth.append(_QUOTE_PAIRS[ch])
        elif not depth and ch in marks:
            found.append(i)
    return found


def _find_outside_quotes(text: str, marks: str) -> int:
    depth: list[str] = []
    for i, ch in enumerate(text):
        if depth and ch == depth[-1]:
            depth.pop()
        elif ch in _QUOTE_PAIRS:
            depth.append(_QUOTE_PAIRS[ch])
        elif not depth and ch in marks:
            return i
    return -1


def _split_outside_quotes(text: str, marks: str) -> list[str]:
    cuts = [-1, *_positions_outside_quotes(text, marks), len(text)]
    return [text[a + 1 : b] for a, b in zip(cuts, cuts[1:], strict=False)]


def _clean_heading(item: str) -> str:
    """The item's wording: list tail (等“五个带头”进行对照检查), end marks and the 在…方面 frame
    cut; 带头 and 对照 kept (they are the official wording)."""
    text = item.strip(" \t\u3000")
    marker = _line_marker(text)
    if marker is not None:
        text = marker[2]
    for tail in (_LIST_TAIL_RE, _DO_TAIL_RE):
        m = tail.search(text)
        if m and m.start() >= 2:
            text = text[: m.start()]
    text = text.rstrip("。；;，,：:、 ").strip()
    text = re.sub(r"^等", "", text)
    if text.startswith("在") and text.endswith("方面"):
        text = text[1:-2]
    elif text.endswith("方面") and not text.startswith("带头"):
        text = text[:-2]
    return text.strip("，,、 ")


def _frame_of(items: list[str]) -> str:
    raw = [i.strip() for i in items]
    if all(r.startswith("对照") for r in raw):
        return "duizhao"
    if all(re.search(r"方面[。：:；;，,]?$", r) or r.startswith("在") for r in raw):
        return "fangmian"
    if not any(r.startswith("带头") for r in raw) and all(len(_clean_heading(r)) <= 8 for r in raw):
        return "fangmian"  # 理论学习、政治素质…: short aspects, written 在…方面
    return "daitou"
