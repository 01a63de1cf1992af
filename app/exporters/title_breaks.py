"""Where a long title breaks: between words, into lines of even length (GB/T 9704 7.3.3.1).

The standard asks a title that runs over lines to keep its words whole (词意完整) and its lines
balanced (排列对称, 梯形或菱形). Words come from a lexicon of 公文 terms and unit/meeting names
(``resources/titles/lexicon.toml``) matched with the fewest words covering the text (a maximum
matching that does not fall for 党组|织 in 党组织生活会); years such as 2025年度, Latin and digit
runs and short quotations (“五个带头”, 《…》) are kept whole by pattern. A general segmenter was
measured and left out: jieba is ~9 MB of dictionary (the frozen folder has ~6 MiB to spare),
takes ~1 s to load on first use, and splits 民主生活会 into 民主|生活|会 anyway.

Among the breaks that keep words whole and 禁则, the fewest lines that fit are taken, then the
most even ones; a break beside an unknown word costs a little, between two unknown characters
(a place name not in the lexicon) more, and a marked joint inside a long word (专题|民主生活会)
is allowed at a price. A line break the user typed ("\\n") is always kept.

Pure and font-free: ``break_title`` works in nominal character widths (what the DOCX and any
cover or contents page use); the PDF passes its own glyph widths to ``title_spans``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from app.exporters.linebreak import break_lines, is_full_width, kinsoku_flags
from app.exporters.pdf_options import BLOCK_WIDTH, TITLE_SIZE
from app.resources import resource_path

__all__ = [
    "TITLE_LINE_EMS",
    "break_title",
    "forced_lines",
    "nominal_widths",
    "one_line",
    "title_spans",
]

# 2号 (22 pt) characters on the 156 mm text block: 20.1 per line.
TITLE_LINE_EMS = BLOCK_WIDTH / TITLE_SIZE
# Digits and Latin letters in the title faces are up to ~0.6 em wide (0.594 in the bundled
# 小标宋 substitute): counting them at 0.6 keeps a line that fits here from wrapping in Word.
HALF_WIDTH_EMS = 0.6

# Kept whole by pattern: years and year ranges with 年/年度, Chinese years, Latin/digit runs,
# short quotations and brackets. A longer quotation is words like the rest of the title.
_ATOM_RE = re.compile(
    r"\d{4}\s*(?:[-—–~至]\s*\d{4}\s*)?年度?"
    r"|[〇○零一二三四五六七八九]{4}年度?"
    r"|[0-9A-Za-z][0-9A-Za-z.\-_/%+&]*"
    r"|“[^“”\n]{1,12}”|‘[^‘’\n]{1,12}’|\"[^\"\n]{1,12}\"|《[^《》\n]{1,16}》"
    r"|（[^（）\n]{1,12}）|\([^()\n]{1,12}\)|\s+"
)

# Cost of a break by what it sits between (known = a lexicon word or a pattern run).
_BETWEEN_KNOWN = 0.0
_BESIDE_UNKNOWN = 2.0
_AT_JOINT = 4.0  # 专题|民主生活会: a marked joint inside a long lexicon word
_BETWEEN_UNKNOWN = 6.0
_FORBIDDEN = 1e6  # inside a word or against 禁则: only when nothing else fits
_MAX_UNITS = 160  # longer (pasted body text as a title): greedy grid breaking, no search
_EPS = 1e-6


@cache
def lexicon() -> dict[str, frozenset[int]]:
    """word → the offsets of its joints ("专题|民主生活会" → 专题民主生活会: {2}).

    A missing or damaged list (a resources folder of an older version) costs the word
    knowledge, never the export: years, quotations and evenness still work."""
    import tomllib  # here: only a title that needs breaking reads the lexicon

    path = resource_path("titles", "lexicon.toml")
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        import logging

        logging.getLogger(__name__).warning("title lexicon unreadable: %s (%s)", path, exc)
        data = {}
    out: dict[str, frozenset[int]] = {}
    for entries in data.values():
        for entry in entries if isinstance(entries, list) else ():
            if not isinstance(entry, str):
                continue
            parts = entry.split("|")
            word = "".join(parts)
            if len(word) > 1:
                offsets = [sum(map(len, parts[:i])) for i in range(1, len(parts))]
                out[word] = frozenset(offsets)
    return out


def forced_lines(title: str) -> list[str]:
    """The title's lines as the user broke them ("\\n" typed in the title), empty ones dropped
    (a line of spaces is kept: it is what was typed)."""
    lines = title.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return [line for line in lines if line]


def one_line(title: str) -> str:
    """The title as lists, window captions and file names show it: the user's lines joined (a
    space only between two Latin letters or digits)."""
    out = ""
    for line in forced_lines(title):
        line = line.strip()
        if not line:
            continue
        if out and out[-1].isascii() and out[-1].isalnum() and line[0].isascii():
            out += " "
        out += line
    return out


def nominal_widths(text: str) -> list[float]:
    """Widths in em: 1 for full-width characters, ``HALF_WIDTH_EMS`` for the rest."""
    return [1.0 if is_full_width(ch) else HALF_WIDTH_EMS for ch in text]


def break_title(text: str, max_chars: float = TITLE_LINE_EMS) -> list[str]:
    """The title's printed lines: the user's line breaks kept, each line broken further between
    words into even lines no wider than ``max_chars`` full-width characters. The lines hold the
    text exactly (a space at a break ends the upper line)."""
    out: list[str] = []
    for line in forced_lines(text):
        spans = title_spans(line, nominal_widths(line), max_chars)
        out += [line[s:e] for s, e in spans]
    return out


def words(text: str) -> list[tuple[int, int, bool]]:
    """``(start, end, known)`` spans covering ``text``: pattern runs, lexicon words, and single
    unknown characters, with the fewest pieces (then the fewest unknown characters)."""
    pieces: list[tuple[int, int, bool]] = []
    pos = 0
    for m in _ATOM_RE.finditer(text):
        pieces += _lexicon_words(text, pos, m.start())
        pieces.append((m.start(), m.end(), True))
        pos = m.end()
    pieces += _lexicon_words(text, pos, len(text))
    return pieces


def _lexicon_words(text: str, start: int, end: int) -> list[tuple[int, int, bool]]:
    vocabulary = lexicon()
    longest = max(map(len, vocabulary), default=1)
    # best[i]: (pieces, unknown characters, previous index, known) for text[start:i]
    best: list[tuple[int, int, int, bool] | None] = [None] * (end - start + 1)
    best[0] = (0, 0, -1, False)
    for i in range(start, end):
        here = best[i - start]
        if here is None:
            continue
        options = [(i + 1, False)]
        options += [
            (j, True) for j in range(i + 2, min(end, i + longest) + 1) if text[i:j] in vocabulary
        ]
        for j, known in options:
            cand = (here[0] + 1, here[1] + (0 if known else 1), i, known)
            old = best[j - start]
            if old is None or cand[:2] < old[:2]:
                best[j - start] = cand
    out: list[tuple[int, int, bool]] = []
    j = end
    while j > start:
        entry = best[j - start]
        assert entry is not None
        out.append((entry[2], j, entry[3]))
        j = entry[2]
    return out[::-1]


def _break_costs(text: str, pieces: list[tuple[int, int, bool]]) -> dict[int, float]:
    """Cost of ending a line before each character offset (``_FORBIDDEN`` inside a word)."""
    no_start, no_end = kinsoku_flags(text)
    starts = {s: known for s, _, known in pieces}
    ends = {e: known for _, e, known in pieces}
    vocabulary = lexicon()
    joints = {s + j for s, e, _ in pieces for j in vocabulary.get(text[s:e], ())}
    costs = {}
    for k in range(1, len(text)):
        if k in joints:
            cost = _AT_JOINT
        elif k not in starts:
            cost = _FORBIDDEN
        else:
            known = int(starts[k]) + int(ends[k])
            cost = (_BETWEEN_UNKNOWN, _BESIDE_UNKNOWN, _BETWEEN_KNOWN)[known]
        if no_end[k - 1] or no_start[k] or text[k].isspace():
            cost = _FORBIDDEN  # a space stays at the end of the upper line, where it is unseen
        costs[k] = cost
    return costs


def title_spans(text: str, widths: Sequence[float], max_width: float) -> list[tuple[int, int]]:
    """Line spans ``(start, end)`` of one title line (no "\\n") in any width unit: the fewest
    lines no wider than ``max_width`` that keep words whole, the most even of them."""
    if len(widths) != len(text):
        raise ValueError("one width per character is required")
    if not text:
        return []
    total = sum(widths)
    if total <= max_width + _EPS:
        return [(0, len(text))]
    pieces = words(text)
    if len(pieces) > _MAX_UNITS or max(widths) > max_width + _EPS:
        return break_lines(text, widths, max(max_width, max(widths)))
    costs = _break_costs(text, pieces)
    cuts = [0, *sorted(costs), len(text)]  # every character offset, words or not
    prefix = [0.0]
    for w in widths:
        prefix.append(prefix[-1] + w)
    first_fit = None
    count = max(2, int(total / max_width))
    while count <= len(cuts) - 1:
        found = _best_lines(cuts, prefix, costs, max_width, count)
        if found is not None:
            cost, spans = found
            if cost < _FORBIDDEN:
                return spans
            first_fit = first_fit or spans
        if first_fit is not None and count >= total / max_width + 3:
            break  # words cannot be kept whole in a few more lines: break inside one
        count += 1
    return first_fit or break_lines(text, widths, max_width)


def _best_lines(
    cuts: list[int],
    prefix: list[float],
    costs: dict[int, float],
    max_width: float,
    count: int,
) -> tuple[float, list[tuple[int, int]]] | None:
    """The cheapest split into exactly ``count`` lines: squared distance of each line from the
    mean width plus the break costs. On a tie the earlier break wins (upper line shorter,
    正梯形)."""
    mean = prefix[-1] / count
    n = len(cuts)
    # best[c][i]: (cost, previous cut index) of c lines ending at cuts[i]
    best: list[dict[int, tuple[float, int]]] = [{0: (0.0, -1)}]
    for lines in range(1, count + 1):
        layer: dict[int, tuple[float, int]] = {}
        for i, (cost_i, _) in best[-1].items():
            for j in range(i + 1, n):
                width = prefix[cuts[j]] - prefix[cuts[i]]
                if width > max_width + _EPS:
                    break
                last = j == n - 1
                if last != (lines == count):
                    continue
                cost = cost_i + (width - mean) ** 2 + (0.0 if last else costs[cuts[j]])
                old = layer.get(j)
                if old is None or cost < old[0] - _EPS:
                    layer[j] = (cost, i)
        if not layer:
            return None
        best.append(layer)
    end = best[count].get(n - 1)
    if end is None:
        return None
    spans: list[tuple[int, int]] = []
    j = n - 1
    for lines in range(count, 0, -1):
        i = best[lines][j][1]
        spans.append((cuts[i], cuts[j]))
        j = i
    return end[0], spans[::-1]
