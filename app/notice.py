"""A year's framework from its notice (通知/方案): the dimension items, the meeting and the year.

The official frameworks list their items in the notice's 主要内容/会议主题 paragraph, in one of
a few shapes: numbered lines (``（一）带头……。``, ``1.带头……``), one paragraph with the items
after a colon separated by ；, an inline ``一是……二是……`` or ``①……②……`` series, a run of
``带头……`` clauses, or a short list ``围绕A、B、C等6个方面``. Every shape found in the notice
becomes a candidate list; the one that reads most like the framework wins: its items start with
带头/对照 or end with 方面/情况, it sits under a 主要内容/会议主题 heading or after a lead-in such
as ``重点对照……：``, its length equals a count the notice states (``五个带头``, ``6个方面``).
Other numbered lists of a notice (会前准备, 有关要求) lose on those grounds. The shapes are found
by ``app.notice_candidates``; here the scoring and the chosen items' wording.

Nothing here writes anything: ``framework_from_notice`` returns what it recognised, or raises
InputError when the notice has no recognisable items.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from app.errors import InputError
from app.importers.head import is_web_furniture
from app.importers.markers import chinese_to_int
from app.importers.text import text_to_paragraphs
from app.notice_candidates import CN_NUMBER, MIN_ITEMS, Candidate, line_marker, list_candidates
from app.notice_wording import meeting_and_year, short_name_for, title_line

MAX_NOTICE_CHARS = 200_000  # a notice is a few pages; a pasted book is refused, not scanned
MAX_ITEMS = 12
MAX_ITEM_CHARS = 200
_COUNT_RE = re.compile(rf"(\d{{1,2}}|{CN_NUMBER})\s*个\s*(带头|方面|对照|聚焦|围绕|重点)")
# The tail a list's last item carries: 等“五个带头”进行对照检查 / 等6个方面 / ，进行检视剖析.
# 等 only before a count or 方面/带头 (等正在做的工作 is part of an item).
_LIST_TAIL_RE = re.compile(rf"等(?=[“\"]?(?:(?:\d{{1,2}}|{CN_NUMBER})\s*个|方面|带头|对照)).*$")
_DO_TAIL_RE = re.compile(r"[，,]?(?:进行|开展|深入开展)(?:对照检查|检视剖析|查摆|剖析|对照).*$")


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
    best: tuple[float, Candidate] | None = None
    for candidate in list_candidates(body):
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


def _score(candidate: Candidate, stated: set[int]) -> float | None:
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


def _clean_heading(item: str) -> str:
    """The item's wording: list tail (等“五个带头”进行对照检查), end marks and the 在…方面 frame
    cut; 带头 and 对照 kept (they are the official wording)."""
    text = item.strip(" \t\u3000")
    marker = line_marker(text)
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
