"""Matching a list of wrong → right wordings (typos, 提法) against text in one regex pass."""

from __future__ import annotations

import re
from dataclasses import dataclass

from app.errors import InputError


@dataclass(frozen=True)
class WrongWord:
    right: str
    wrong: str = ""  # a literal, or
    pattern: str = ""  # a regular expression
    context: tuple[str, ...] = ()
    window: int = 30


class WordList:
    """All literal entries compiled into one alternation (longest first), regex entries apart."""

    def __init__(self, entries: list[WrongWord]):
        literals = {e.wrong: e for e in entries if e.wrong and e.wrong != e.right}
        self._literal = {w: e for w, e in literals.items()}
        ordered = sorted(literals, key=len, reverse=True)
        self._alternation = re.compile("|".join(map(re.escape, ordered))) if ordered else None
        self._patterns = [(_compiled(e.pattern), e) for e in entries if e.pattern]

    def matches(self, text: str) -> list[tuple[int, int, WrongWord]]:
        out = []
        if self._alternation is not None:
            out += [
                (m.start(), m.end(), self._literal[m.group()])
                for m in self._alternation.finditer(text)
            ]
        for pattern, entry in self._patterns:
            out += [
                (m.start(), m.end(), entry)
                for m in pattern.finditer(text)
                if m.group() != entry.right
            ]
        return [(s, e, w) for s, e, w in out if _in_context(text, s, e, w)]


def _compiled(pattern: str) -> re.Pattern:
    try:
        return re.compile(pattern)
    except re.error as exc:
        raise InputError(
            f"检查规则数据中的正则表达式有误：{pattern}（{exc}）",
            f"invalid regular expression in check data: {pattern} ({exc})",
        ) from exc


def _in_context(text: str, start: int, end: int, entry: WrongWord) -> bool:
    if not entry.context:
        return True
    around = text[max(0, start - entry.window) : end + entry.window]
    return any(word in around for word in entry.context)


def entries_from(rows: list[dict], *, many_wrong: bool = False) -> list[WrongWord]:
    """TOML rows → entries. ``many_wrong`` rows carry a list ``wrong`` for one ``right``."""
    out = []
    for row in rows:
        if "right" not in row:
            raise InputError(
                f"检查规则数据缺少 right：{row}", f"check data entry without 'right': {row}"
            )
        wrongs = row.get("wrong", [])
        for wrong in wrongs if many_wrong else [wrongs] if wrongs else []:
            out.append(
                WrongWord(
                    row["right"],
                    wrong=wrong,
                    context=tuple(row.get("context", ())),
                    window=int(row.get("window", 30)),
                )
            )
        if row.get("pattern"):
            out.append(
                WrongWord(
                    row["right"],
                    pattern=row["pattern"],
                    context=tuple(row.get("context", ())),
                    window=int(row.get("window", 30)),
                )
            )
    return out
