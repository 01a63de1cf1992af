"""The words around a notice's items: a short name and key words for each item, and the
meeting's name and year from the notice's title (see ``app.notice``)."""

from __future__ import annotations

import re

_MEETING_KIND_RE = re.compile(r"(民主生活会|组织生活会)")
_YEAR_NIANDU_RE = re.compile(r"(20\d{2})\s*年度")
_YEAR_RE = re.compile(r"(20\d{2})\s*年")
_MEETING_LEAD_RE = re.compile(r"^.*?(?:关于|召开|开好|做好|认真|切实|组织)+")
_TITLE_END_RE = re.compile(r"(?:的)?(?:通知|方案|安排|意见)\s*$")

# Short names: what is left of an item once its frame and its leading verbs are cut.
_FRAME_START_RE = re.compile(r"^(?:带头|在|对照|关于)+")
_FRAME_END_RE = re.compile(r"(?:方面|情况|方面情况|等方面)$")
_LEADING_VERBS = (
    "坚决扛起",
    "深刻感悟",
    "深刻领悟",
    "深刻汲取",
    "学习运用",
    "学习贯彻",
    "坚持和加强",
    "学懂弄通做实",
    "坚决",
    "深刻",
    "深入",
    "强化",
    "增强",
    "提高",
    "提升",
    "坚持",
    "加强",
    "严守",
    "履行",
    "践行",
    "扛起",
    "落实",
    "贯彻",
    "牢记",
    "树立",
    "维护",
    "坚定",
    "深化",
    "推动",
    "密切",
    "用",
)
_TRAILING_WORDS = ("政治责任", "责任", "精神", "的决定性意义", "意义")


def short_name_for(heading: str) -> str:
    """A short name (2–6 characters) for an item: an official one when a bundled template has
    this wording, otherwise the item's first clause stripped of frame and leading verbs."""
    official = _official_short_name(heading)
    if official:
        return official
    text = _FRAME_START_RE.sub("", heading)
    text = _FRAME_END_RE.sub("", text)
    clause = re.split(r"[，,、；;]", text)[0] or text
    changed = True
    while changed:
        changed = False
        for verb in _LEADING_VERBS:
            if clause.startswith(verb) and len(clause) - len(verb) >= 2:
                clause = clause[len(verb) :]
                changed = True
    for word in _TRAILING_WORDS:
        if clause.endswith(word) and len(clause) - len(word) >= 2:
            clause = clause[: -len(word)]
            break
    clause = re.sub(r"[“”\"‘’「」]", "", clause)
    return clause if len(clause) <= 6 else clause[:4]


def _official_short_name(heading: str) -> str:
    from app.importers.suggest import normalise
    from app.templates import bundled_templates

    key = normalise(heading)
    for template in bundled_templates():
        for dimension in template.dimensions:
            if normalise(dimension.heading) == key:
                return dimension.short_name
    return ""


def keywords_for(heading: str, short_name: str) -> list[str]:
    """Key words the importer matches a material's headings by: the short name and the core of
    each clause of the wording."""
    words = [short_name] if short_name else []
    text = _FRAME_END_RE.sub("", _FRAME_START_RE.sub("", heading))
    for clause in re.split(r"[，,、；;]", text):
        for verb in _LEADING_VERBS:
            if clause.startswith(verb) and len(clause) - len(verb) >= 2:
                clause = clause[len(verb) :]
                break
        clause = re.sub(r"[“”\"‘’「」]", "", clause)
        if 2 <= len(clause) <= 8 and clause not in words:
            words.append(clause)
    return words[:4]


# ----- meeting and year ------------------------------------------------------------------------


def title_line(body: list[str]) -> str:
    for paragraph in body[:8]:
        if _MEETING_KIND_RE.search(paragraph) and len(paragraph) <= 80:
            return paragraph
    return ""


def meeting_and_year(body: list[str], title: str = "") -> tuple[str, int | None]:
    """(meeting name, year) from the title, else the first paragraph naming the meeting:
    ``关于召开2025年度县以上…领导干部民主生活会的通知`` → (2025年度民主生活会, 2025)."""
    source = title or next((p for p in body if _MEETING_KIND_RE.search(p)), "")
    m = _MEETING_KIND_RE.search(source)
    year: int | None = None
    meeting = ""
    if m:
        before = source[: m.start()]
        # The clause naming the meeting: after the last sentence mark outside quotes.
        cut = max(before.rfind(c) for c in "，。；：,;:")
        before = before[cut + 1 :]
        before = (
            _MEETING_LEAD_RE.sub("", before) if re.search(r"关于|召开|开好", before) else before
        )
        niandu = _YEAR_NIANDU_RE.search(before)
        year_part = ""
        if niandu:
            year = int(niandu.group(1))
            year_part = f"{year}年度"
            before = before[niandu.end() :]
        theme = ""
        if "专题" in before:
            theme = before[: before.rindex("专题")]
            theme = re.sub(r"^(?:20\d{2}\s*年)?", "", theme) + "专题"
        meeting = year_part + theme + m.group(1)
    if year is None:
        found = _YEAR_RE.search(source) or next(
            (y for p in body if (y := _YEAR_NIANDU_RE.search(p) or _YEAR_RE.search(p))), None
        )
        if found:
            year = int(found.group(1))
    meeting = _TITLE_END_RE.sub("", meeting)
    return meeting, year


def same_bundled_template(headings: list[str]):
    """The bundled template whose dimensions are these wordings, in this order (the notice is
    of a year the program already ships), else None."""
    from app.importers.suggest import normalise
    from app.templates import bundled_templates

    keys = [normalise(h) for h in headings]
    for template in bundled_templates():
        if [normalise(d.heading) for d in template.dimensions] == keys:
            return template
    return None
