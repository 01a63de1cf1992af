"""Repetition: the same sentence used twice in a material, and 套话 density — the share of a
section's sentences made only of stock phrases (``resources/checks/stock_phrases.toml``)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from app.checks.chars import sentences
from app.checks.data import load
from app.checks.findings import Finding, finding_at
from app.checks.paths import TextField

_NOT_CONTENT = re.compile(r"[\s，。、；：？！“”‘’（）《》,.;:?!\"'()…—]")
_PROSE_ROLES = ("preamble", "closing", "intro", "point_title", "point_body", "point_example")


@cache
def _stock() -> tuple[re.Pattern, re.Pattern, float, int]:
    data = load("stock_phrases")
    phrases = re.compile("|".join(map(re.escape, sorted(data["phrases"], key=len, reverse=True))))
    joiners = re.compile("|".join(map(re.escape, sorted(data["joiners"], key=len, reverse=True))))
    return phrases, joiners, float(data["max_share"]), int(data["min_sentences"])


def check(fields: Iterable[TextField]) -> list[Finding]:
    prose = [f for f in fields if f.role in _PROSE_ROLES and f.text]
    return _duplicates(prose) + _stock_density(prose)


def _duplicates(fields: list[TextField]) -> list[Finding]:
    min_chars = int(load("structure")["duplicates"]["min_chars"])
    first: dict[str, str] = {}
    out = []
    for f in fields:
        for start, end in sentences(f.text):
            key = _NOT_CONTENT.sub("", f.text[start:end])
            if len(key) < min_chars:
                continue
            if key in first:
                out.append(
                    finding_at(
                        "structure.duplicate_sentence",
                        "warning",
                        f.path,
                        f.text,
                        start,
                        end,
                        f"这句话与 {first[key]} 重复。",
                    )
                )
            else:
                first[key] = f.path
    return out


def is_stock_sentence(sentence: str) -> bool:
    """Made only of stock phrases and joining words (at least two phrases, ≤ 2 characters left)."""
    phrases, joiners, _, _ = _stock()
    found = len(phrases.findall(sentence))
    rest = joiners.sub("", _NOT_CONTENT.sub("", phrases.sub("", sentence)))
    return found >= 2 and len(rest) <= 2


def _stock_density(fields: list[TextField]) -> list[Finding]:
    _, _, max_share, min_sentences = _stock()
    groups: dict[str, list[tuple[TextField, int, int]]] = {}
    for f in fields:
        if f.role == "point_title":
            continue  # titles are short slogans by design; density is about the prose
        group = f.path.split("/")[0] if f.section_kind else f.role
        for start, end in sentences(f.text):
            groups.setdefault(group, []).append((f, start, end))
    out = []
    for items in groups.values():
        stock = [(f, s, e) for f, s, e in items if is_stock_sentence(f.text[s:e])]
        share = len(stock) / len(items) if items else 0.0
        if len(items) >= min_sentences and share > max_share:
            for f, s, e in stock:
                out.append(
                    finding_at(
                        "style.stock_phrases",
                        "hint",
                        f.path,
                        f.text,
                        s,
                        e,
                        f"本部分 {share:.0%} 的句子只由套话组成，这句没有实际内容，建议写具体。",
                    )
                )
    return out
