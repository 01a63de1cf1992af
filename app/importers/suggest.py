"""Template suggestion: which 年度框架 an imported material follows, and which dimension is which.

Official wording varies between units (感悟/领悟, with or without 在…方面, trailing 。, masked
words such as dangshi for 党史), so matching uses key words and difflib similarity on a
normalised copy, never exact text.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from functools import lru_cache

from app.templates import Template, TemplateDimension, load_templates

CUSTOM_ID = "custom"
MIN_TEMPLATE_SCORE = 0.35
MIN_DIMENSION_SCORE = 0.3

# Pinyin and initials public copies use to mask words (see import rules).
_MASKED_WORDS = {"dangshi": "党史", "mzshh": "民主生活会", "zzshh": "组织生活会"}
_NOISE_RE = re.compile(r"[\s“”\"'‘’「」『』《》（）()，,。：:；;、！？!?…—\-]")
_FRAME_RE = re.compile(r"^(在|关于|对照)|方面$")
_YEAR_RE = re.compile(r"(20\d{2})\s*年")


@lru_cache(maxsize=8192)
def normalise(text: str) -> str:
    """A comparison key: masked words unmasked, punctuation, quotes and the 在…方面 frame
    removed."""
    for masked, word in _MASKED_WORDS.items():
        text = re.sub(masked, word, text, flags=re.IGNORECASE)
    text = _NOISE_RE.sub("", text)
    return _FRAME_RE.sub("", _FRAME_RE.sub("", text))


@lru_cache(maxsize=8192)
def dimension_similarity(heading: str, dimension: TemplateDimension) -> float:
    """0..1: how well an imported heading matches a template dimension (cached: every template
    is scored against the same headings, and the matching step asks again for the totals)."""
    key = normalise(heading)
    if not key:
        return 0.0
    official = normalise(dimension.heading)
    words = [normalise(k) for k in dimension.keywords or (dimension.short_name,)]
    hits = sum(1 for w in words if w and w in key)
    keyword_score = 0.55 + 0.45 * hits / len(words) if hits else 0.0
    matcher = SequenceMatcher(None, key, official, autojunk=False)
    if matcher.real_quick_ratio() <= keyword_score or matcher.quick_ratio() <= keyword_score:
        return keyword_score  # the full ratio (the slow part) cannot beat the key words
    return max(matcher.ratio(), keyword_score)


def match_dimensions(template: Template, headings: list[str]) -> list[TemplateDimension | None]:
    """For each heading its template dimension (each used once, best pairs first), or None."""
    pairs = sorted(
        (
            (dimension_similarity(h, d), hi, di)
            for hi, h in enumerate(headings)
            for di, d in enumerate(template.dimensions)
        ),
        key=lambda t: (-t[0], t[1], t[2]),
    )
    matched: list[TemplateDimension | None] = [None] * len(headings)
    used: set[int] = set()
    for score, hi, di in pairs:
        if score < MIN_DIMENSION_SCORE:
            break
        if matched[hi] is None and di not in used:
            matched[hi] = template.dimensions[di]
            used.add(di)
    return matched


def _dimension_score(template: Template, headings: list[str]) -> float:
    """Mostly how well the imported headings match this template's (precision), partly how
    many of its dimensions they cover: a material that wrote up two of five dimensions, or
    lost its title, still points to its template."""
    if not template.dimensions or not headings:
        return 0.0
    matched = match_dimensions(template, headings)
    total = sum(dimension_similarity(h, d) for h, d in zip(headings, matched, strict=True) if d)
    return 0.7 * total / len(headings) + 0.3 * total / max(len(template.dimensions), len(headings))


def _title_score(template: Template, title: str) -> float:
    key = normalise(title)
    if not key:
        return 0.0
    score = 0.0
    if any(normalise(k) in key for k in template.title_keywords if normalise(k)):
        score += 0.5
    year = _YEAR_RE.search(title)
    if year and template.year is not None:
        score += 0.3 if int(year.group(1)) == template.year else -0.3
    meeting_type = (
        "组织生活会" if "组织生活会" in key else "民主生活会" if "民主生活会" in key else ""
    )
    if meeting_type and meeting_type in normalise(template.meeting):
        score += 0.2
    return max(score, 0.0)


def _meeting_type(text: str) -> str:
    key = normalise(text)
    return "组织生活会" if "组织生活会" in key else "民主生活会" if "民主生活会" in key else ""


def score_template(template: Template, title: str, headings: list[str]) -> float:
    """0..1 from the title (year, meeting, title key words) and the dimension headings; with no
    title (lost, or split beyond recognition) the headings decide alone. A title naming the
    other kind of meeting (组织生活会 vs 民主生活会) halves the score."""
    if template.id == CUSTOM_ID:
        return 0.0
    title_part = _title_score(template, title)
    if not headings:
        score = 0.8 * title_part
    elif not normalise(title):
        score = 0.8 * _dimension_score(template, headings)
    else:
        score = 0.4 * title_part + 0.6 * _dimension_score(template, headings)
    named, offered = _meeting_type(title), _meeting_type(template.meeting)
    if named and offered and named != offered:
        score *= 0.5
    return score


def suggest_template(title: str, headings: list[str]) -> tuple[str, float]:
    """(template id, score); ``custom`` when no template scores at least MIN_TEMPLATE_SCORE."""
    best_id, best = CUSTOM_ID, 0.0
    for template in load_templates():
        score = score_template(template, title, headings)
        if score > best:
            best_id, best = template.id, score
    if best < MIN_TEMPLATE_SCORE:
        return CUSTOM_ID, round(best, 3)
    return best_id, round(best, 3)
