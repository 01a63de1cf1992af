"""Word automatic numbering (``w:numPr``) turned back into the text a reader sees: ``一、``,
``（一）``, ``1.``, ``(1)``, ``①`` …

Word stores no number in the text: a paragraph names a list (``w:numId``) and a level
(``w:ilvl``); numbering.xml maps the list to an abstract definition whose level has a format
(``w:numFmt``: decimal, chineseCounting, …), a pattern (``w:lvlText`` such as ``%1、`` or
``（%1）``) and a start value. Counting follows Word: lists that share an abstract definition
share counters unless a list overrides its start (``w:lvlOverride/w:startOverride``); a
paragraph at a level restarts the counters of the deeper levels.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from app.model import chinese_number

_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_HEAVENLY_STEMS = "甲乙丙丁戊己庚辛壬癸"
_EARTHLY_BRANCHES = "子丑寅卯辰巳午未申酉戌亥"
_LEGAL = "零壹贰叁肆伍陆柒捌玖"
_ROMAN = (
    (1000, "m"),
    (900, "cm"),
    (500, "d"),
    (400, "cd"),
    (100, "c"),
    (90, "xc"),
    (50, "l"),
    (40, "xl"),
    (10, "x"),
    (9, "ix"),
    (5, "v"),
    (4, "iv"),
    (1, "i"),
)
_PLACEHOLDER_RE = re.compile(r"%([1-9])")


@dataclass
class Level:
    fmt: str = "decimal"
    text: str = "%1."
    start: int = 1
    restart: int | None = None  # w:lvlRestart: restart after this (1-based) level; 0 = never
    legal: bool = False  # w:isLgl: show every level's number as decimal


@dataclass
class NumberingDefinitions:
    """numbering.xml: abstract definitions and the lists (w:num) that use them."""

    abstract: dict[str, dict[int, Level]] = field(default_factory=dict)
    lists: dict[str, str] = field(default_factory=dict)  # numId → abstractNumId
    overrides: dict[str, dict[int, int]] = field(default_factory=dict)  # numId → {ilvl: start}
    list_levels: dict[str, dict[int, Level]] = field(default_factory=dict)  # w:lvlOverride/w:lvl


def _int(value: str | None, default: int = 0) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


def parse_numbering(root, w: str) -> NumberingDefinitions:
    """Read numbering.xml's root element (``w`` = the WordprocessingML namespace in braces)."""
    defs = NumberingDefinitions()
    for abstract in root.iter(f"{w}abstractNum"):
        defs.abstract[abstract.get(f"{w}abstractNumId", "")] = _levels(abstract, w)
    for num in root.iter(f"{w}num"):
        num_id = num.get(f"{w}numId", "")
        ref = num.find(f"{w}abstractNumId")
        defs.lists[num_id] = ref.get(f"{w}val", "") if ref is not None else ""
        for override in num.iter(f"{w}lvlOverride"):
            ilvl = _int(override.get(f"{w}ilvl"))
            start = override.find(f"{w}startOverride")
            if start is not None:
                defs.overrides.setdefault(num_id, {})[ilvl] = _int(start.get(f"{w}val"), 1)
            lvl = override.find(f"{w}lvl")
            if lvl is not None:
                defs.list_levels.setdefault(num_id, {})[ilvl] = _level(lvl, w)
    return defs


def _levels(abstract, w: str) -> dict[int, Level]:
    return {_int(lvl.get(f"{w}ilvl")): _level(lvl, w) for lvl in abstract.findall(f"{w}lvl")}


def _level(lvl, w: str) -> Level:
    def val(tag: str) -> str | None:
        node = lvl.find(f"{w}{tag}")
        return None if node is None else node.get(f"{w}val")

    restart = val("lvlRestart")
    legal = lvl.find(f"{w}isLgl")
    return Level(
        fmt=val("numFmt") or "decimal",
        text=val("lvlText") if val("lvlText") is not None else "",
        start=_int(val("start"), 1),
        restart=None if restart is None else _int(restart),
        legal=legal is not None and legal.get(f"{w}val", "1") not in ("0", "false", "off"),
    )


def format_number(n: int, fmt: str) -> str:
    """One counter value in a numFmt; formats we do not know fall back to decimal."""
    if fmt in (
        "chineseCounting",
        "chineseCountingThousand",
        "japaneseCounting",
        "taiwaneseCounting",
        "taiwaneseCountingThousand",
    ):
        return chinese_number(n) if 0 < n < 1000 else str(n)
    if fmt == "ideographTraditional":
        return _HEAVENLY_STEMS[(n - 1) % 10] if n > 0 else str(n)
    if fmt == "ideographZodiac":
        return _EARTHLY_BRANCHES[(n - 1) % 12] if n > 0 else str(n)
    if fmt in ("chineseLegalSimplified", "ideographLegalTraditional"):
        return "".join(_LEGAL[int(d)] for d in str(n)) if n < 10 else _legal_tens(n)
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese", "ideographEnclosedCircle"):
        return _CIRCLED[n - 1] if 0 < n <= len(_CIRCLED) else str(n)
    if fmt == "decimalFullWidth":
        return "".join(chr(ord(d) + 0xFEE0) for d in str(n))
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt in ("upperLetter", "lowerLetter"):
        letters = _letters(n)
        return letters.upper() if fmt == "upperLetter" else letters
    if fmt in ("upperRoman", "lowerRoman"):
        roman = _roman(n)
        return roman.upper() if fmt == "upperRoman" else roman
    if fmt in ("none", "bullet"):
        return ""
    return str(n)


def _legal_tens(n: int) -> str:
    # 大写 as in 壹拾贰; enough for list numbers (below 1000).
    plain = chinese_number(n) if 0 < n < 1000 else str(n)
    return plain.translate(str.maketrans("一二三四五六七八九十百", "壹贰叁肆伍陆柒捌玖拾佰"))


def _letters(n: int) -> str:
    # Word repeats the letter: 27 → aa, 28 → bb.
    if n <= 0:
        return str(n)
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def _roman(n: int) -> str:
    if n <= 0:
        return str(n)
    out = ""
    for value, letters in _ROMAN:
        while n >= value:
            out += letters
            n -= value
    return out


class NumberingCounter:
    """Counts numbered paragraphs in document order and renders each one's label."""

    def __init__(self, defs: NumberingDefinitions):
        self.defs = defs
        self.counters: dict[str, dict[int, int]] = {}  # abstractNumId → {ilvl: last value}
        self.started_lists: set[str] = set()

    def _level(self, num_id: str, ilvl: int) -> Level | None:
        own = self.defs.list_levels.get(num_id, {}).get(ilvl)
        if own is not None:
            return own
        return self.defs.abstract.get(self.defs.lists.get(num_id, ""), {}).get(ilvl)

    def label(self, num_id: str, ilvl: int) -> str:
        """The number text of the next paragraph in list ``num_id`` at level ``ilvl``."""
        if num_id in ("", "0") or num_id not in self.defs.lists:
            return ""  # numId 0 switches numbering off; an unknown list shows nothing in Word
        ilvl = min(max(ilvl, 0), 8)
        level = self._level(num_id, ilvl)
        if level is None:
            return ""
        key = self.defs.lists[num_id] or f"num:{num_id}"
        counters = self.counters.setdefault(key, {})
        if num_id not in self.started_lists:
            self.started_lists.add(num_id)
            for lvl, start in self.defs.overrides.get(num_id, {}).items():
                counters[lvl] = start - 1  # a restarted list (startOverride)
        if ilvl in counters:
            counters[ilvl] += 1
        else:
            counters[ilvl] = level.start
        for deeper in [k for k in counters if k > ilvl]:
            deeper_level = self._level(num_id, deeper)
            restart = deeper_level.restart if deeper_level else None
            if restart is None or (restart != 0 and ilvl < restart):
                del counters[deeper]
        if level.fmt == "bullet":
            return ""  # bullets carry no number the structure rules could use

        def value(match: re.Match[str]) -> str:
            k = int(match.group(1)) - 1
            k_level = self._level(num_id, k) or Level()
            n = counters.get(k, k_level.start)
            return format_number(
                n, "decimal" if level.legal and k_level.fmt != "none" else k_level.fmt
            )

        return _PLACEHOLDER_RE.sub(value, level.text)
