"""Is a line a complete heading? Decided by its marker, its closing words and the templates'
official wording — never by its length: the 2022 and 2025 dimension wordings run to 60–90
characters with commas and quotes, and a length limit would swallow the next sentence.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from functools import cache

from app.importers.markers import DIMENSION_RE, SECTION_RE
from app.importers.suggest import normalise
from app.templates import load_templates

# A heading closes with 方面/情况 (the frame the frameworks use), maybe in quotes, maybe with 。
_HEADING_END_RE = re.compile(r"(方面|情况)[”’\"'」』]?\s*[。:：]?\s*$")
# No sentence, and no colon before the end: a colon inside means text runs on after the heading.
_SENTENCE_INSIDE = "。；;！？!?：:"
TEMPLATE_MATCH = 0.85  # similarity to an official wording that makes a line a heading


@cache
def _official_wordings() -> tuple[str, ...]:
    keys = {normalise(d.heading) for t in load_templates() for d in t.dimensions}
    return tuple(k for k in keys if len(k) >= 6)


def matches_official_wording(text: str) -> bool:
    """The text is (close to) a template's dimension wording: 感悟/领悟, with or without 在…方面."""
    key = normalise(text)
    if len(key) < 6:
        return False
    for official in _official_wordings():
        # Close in length too: the first line of a wrapped heading is not the heading.
        if abs(len(official) - len(key)) > max(len(official), len(key)) * 0.12:
            continue
        matcher = SequenceMatcher(None, key, official, autojunk=False)
        if matcher.quick_ratio() >= TEMPLATE_MATCH and matcher.ratio() >= TEMPLATE_MATCH:
            return True
    return False


def ends_like_heading(text: str) -> bool:
    """The text closes as headings close: …方面 / …情况, maybe quoted, maybe with 。or ：."""
    return bool(_HEADING_END_RE.search(text))


def is_complete_heading(text: str) -> bool:
    """A numbered ``一、``/``（一）`` line that is a whole heading by itself: no sentence inside,
    and it ends as headings end (…方面 / …情况) or is an official wording."""
    text = text.strip()
    m = SECTION_RE.match(text) or DIMENSION_RE.match(text)
    if not m:
        return False
    rest = text[m.end():].rstrip("。:： ")
    if not rest or any(c in rest for c in _SENTENCE_INSIDE):
        return False
    return bool(_HEADING_END_RE.search(text)) or matches_official_wording(rest)


def is_unnumbered_heading(text: str) -> bool:
    """An unnumbered line that reads as a dimension heading (a bold or Word-styled one):
    ``在××方面`` or an official wording, however long."""
    text = text.strip()
    if not text or any(c in text.rstrip("。:：") for c in _SENTENCE_INSIDE):
        return False
    return bool(_HEADING_END_RE.search(text)) or matches_official_wording(text)
