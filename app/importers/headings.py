"""Is a line a complete heading? Decided by its marker, its closing words and the templates'
official wording — never by its length: the 2022 and 2025 dimension wordings run to 60–90
characters with commas and quotes, and a length limit would swallow the next sentence.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from functools import lru_cache

from app.importers.markers import DIMENSION_RE, SECTION_RE
from app.importers.suggest import normalise
from app.templates import load_templates, templates_signature

# A heading closes with 方面/情况 (the frame the frameworks use), maybe in quotes, maybe with 。
_HEADING_END_RE = re.compile(r"(方面|情况)[”’\"'」』]?\s*[。:：]?\s*$")
# No sentence, and no colon before the end: a colon inside means text runs on after the heading.
_SENTENCE_INSIDE = "。；;！？!?：:"
TEMPLATE_MATCH = 0.85
# A line ending in these is cut inside its heading (…到位”方|面：, …在“|带头…): not complete.
_PARTIAL_ENDS = (
    "方",
    "情",
    "在",
    "关于",
    "“",
    "‘",
    "「",
    "『",
    '"',
    "'",
    "”",
    "’",
)  # similarity to an official wording that makes a line a heading


@lru_cache(maxsize=4)
def _official_wordings(_signature: tuple) -> tuple[str, ...]:
    # Keyed by the user templates' files: a template saved meanwhile counts at the next import.
    keys = {normalise(d.heading) for t in load_templates() for d in t.dimensions}
    return tuple(k for k in keys if len(k) >= 6)


def _quotes_open(text: str) -> bool:
    """A quote is still open: the heading goes on on the next line (在“带头…|”方面：)."""
    return (
        text.count("“") != text.count("”")
        or text.count("‘") != text.count("’")
        or text.count('"') % 2 == 1
        or text.count("'") % 2 == 1
    )


def official_similarity(text: str, length_slack: float = 0.12) -> float:
    """0..1: how close the text is to the nearest template dimension wording (感悟/领悟, with or
    without 在…方面). Close in length too (``length_slack`` of the longer): the first line of a
    wrapped heading is not the heading."""
    return _official_similarity(text, length_slack, templates_signature())


@lru_cache(maxsize=4096)
def _official_similarity(text: str, length_slack: float, signature: tuple) -> float:
    key = normalise(text)
    if len(key) < 6:
        return 0.0
    best = 0.0
    for official in _official_wordings(signature):
        if abs(len(official) - len(key)) > max(1.0, max(len(official), len(key)) * length_slack):
            continue
        matcher = SequenceMatcher(None, key, official, autojunk=False)
        if matcher.quick_ratio() > best:
            best = max(best, matcher.ratio())
    return best


def matches_official_wording(text: str) -> bool:
    return official_similarity(text) >= TEMPLATE_MATCH


def is_exact_official_heading(text: str) -> bool:
    """A numbered line that is an official wording all but word for word (a heading even when
    it happens to fill a PDF line)."""
    m = DIMENSION_RE.match(text.strip())
    if not m or text.rstrip().endswith(_PARTIAL_ENDS) or _quotes_open(text):
        return False
    return official_similarity(text.strip()[m.end() :], 0.0) >= 0.97


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
    rest = text[m.end() :].rstrip("。:： ")
    if not rest or any(c in rest for c in _SENTENCE_INSIDE):
        return False
    if _HEADING_END_RE.search(text):
        return True
    return (
        not rest.endswith(_PARTIAL_ENDS)
        and not _quotes_open(rest)
        and matches_official_wording(rest)
    )


def is_unnumbered_heading(text: str) -> bool:
    """An unnumbered line that reads as a dimension heading (a bold or Word-styled one):
    ``在××方面`` or an official wording, however long."""
    text = text.strip()
    if not text or any(c in text.rstrip("。:：") for c in _SENTENCE_INSIDE):
        return False
    return bool(_HEADING_END_RE.search(text)) or matches_official_wording(text)
