"""Official formulations: dimension headings against the template's official wording, common
提法 with their misspellings, and 全会/大会 that are later than (or outdated for) the year."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from functools import cache, lru_cache

from app.checks.data import load
from app.checks.findings import Finding, finding_at
from app.checks.paths import TextField
from app.checks.placeholders import pinyin_words
from app.checks.wordlists import WordList, entries_from
from app.model import Material
from app.templates import Template

_SESSION = re.compile(
    r"(?:十[六七八九]|二十[一二]?)"
    r"(?:届(?:[一二三四五六七八九]中|历次)全会|大(?![项类批型会学使])(?!以来))"
)
_QUOTES = str.maketrans({c: "“" for c in "\"'“”‘’"})
# A heading this close to an official one is a near-miss of it; below, it is the unit's own wording.
NEAR_MISS = 0.85
MAX_DIFF_CHARS = 12


@cache
def _terms() -> WordList:
    return WordList(entries_from(load("formulations").get("term", []), many_wrong=True))


@cache
def _sessions() -> dict[str, tuple[int, int]]:
    return {s["name"]: tuple(s["held"]) for s in load("formulations").get("session", [])}


def check(material: Material, fields: list[TextField], template: Template | None) -> list[Finding]:
    out = _term_findings(fields)
    if material.year:
        out += _session_findings(fields, material.year)
    if template is not None and template.dimensions:
        out += _heading_findings(fields, template)
    return out


def _term_findings(fields: Iterable[TextField]) -> list[Finding]:
    out = []
    terms = _terms()
    for f in fields:
        for start, end, entry in terms.matches(f.text):
            out.append(
                finding_at(
                    "formulation.term",
                    "error",
                    f.path,
                    f.text,
                    start,
                    end,
                    f"提法有误：“{f.text[start:end]}”应为“{entry.right}”。",
                    entry.right,
                )
            )
    return out


def _session_findings(fields: Iterable[TextField], year: int) -> list[Finding]:
    """A 年度 Y material is discussed by March of Y+1: later sessions cannot be cited; a
    congress older than the newest one by then is outdated (except in 十八大以来), and so is a
    全会 of a 届 that ended before the year (十九届六中全会 or 十九届历次全会 from 2023 on)."""
    cutoff = (year + 1, 3)
    sessions = _sessions()
    congresses = sorted((held, name) for name, held in sessions.items() if name.endswith("大"))
    newest = max((c for c in congresses if c[0] <= cutoff), default=None)
    out = []
    for f in fields:
        for m in _SESSION.finditer(f.text):
            name = m.group()
            held = sessions.get(name)
            if held is not None and held > cutoff:
                out.append(
                    finding_at(
                        "formulation.session",
                        "error",
                        f.path,
                        f.text,
                        m.start(),
                        m.end(),
                        f"“{name}”召开于{held[0]}年{held[1]}月，晚于{year}年度材料的会议时间。",
                    )
                )
            elif name.endswith("大") and held and newest and held < newest[0]:
                out.append(
                    finding_at(
                        "formulation.session",
                        "warning",
                        f.path,
                        f.text,
                        m.start(),
                        m.end(),
                        f"“{name}”已不是最新的党代会，{year}年度应学习贯彻党的{newest[1]}精神。",
                    )
                )
            elif "届" in name and newest and _term_over(name, year, sessions, congresses):
                out.append(
                    finding_at(
                        "formulation.session",
                        "warning",
                        f.path,
                        f.text,
                        m.start(),
                        m.end(),
                        f"“{name}”是上一届中央委员会的全会，{year}年度应学习贯彻党的"
                        f"{newest[1]}精神。",
                    )
                )
    return out


def _term_over(
    plenum: str, year: int, sessions: dict, congresses: list[tuple[tuple[int, int], str]]
) -> bool:
    """Whether the 届 of ``plenum`` (十九届六中全会 → 十九大) ended before the material's year
    began: its plenums are the year's own study in the year of the next congress (十九届 in a
    2022 material), outdated after it."""
    elected = sessions.get(plenum.split("届")[0] + "大")
    if elected is None:
        return False
    successor = min((held for held, _ in congresses if held > elected), default=None)
    return successor is not None and successor < (year, 1)


# ----- dimension headings ---------------------------------------------------------------------


_LATIN_RE = re.compile(r"[A-Za-z]+")


@lru_cache(maxsize=4096)  # official headings are normalised again for every dimension
def _normalized(text: str) -> tuple[str, tuple[int, ...]]:
    """Heading text compared with the official one: quotes unified, pinyin stand-ins spelled
    out, final 。 dropped. Returns the text and, per character, its offset in the original."""
    chars: list[str] = []
    where: list[int] = []
    words = pinyin_words()
    i = 0
    while i < len(text):
        m = _LATIN_RE.match(text, i)
        if m and m.group().lower() in words:
            for ch in words[m.group().lower()]:
                chars.append(ch)
                where.append(i)
            i += len(m.group())
            continue
        chars.append(text[i].translate(_QUOTES))
        where.append(i)
        i += 1
    while chars and chars[-1] in "。.；; ":
        chars.pop()
        where.pop()
    # Units write the frame's words inside the heading or leave out 带头: not a deviation.
    text_now = "".join(chars)
    for lead in ("在", "带头"):
        if text_now.startswith(lead):
            text_now, where = text_now[len(lead) :], where[len(lead) :]
    for tail in ("方面", "情况"):
        if text_now.endswith(tail):
            text_now, where = text_now[: -len(tail)], where[: -len(tail)]
    return text_now, tuple(where)


def _heading_findings(fields: Iterable[TextField], template: Template) -> list[Finding]:
    official = [(td, _normalized(td.heading)[0]) for td in template.dimensions]
    out = []
    for f in fields:
        if f.role != "dim_heading" or f.section_kind != "problems" or not f.text.strip():
            continue
        norm, where = _normalized(f.text)
        best = max(official, key=lambda o: _ratio(norm, o[1]))
        if norm == best[1] or _ratio(norm, best[1]) < NEAR_MISS:
            continue
        ops = [op for op in _matcher(norm, best[1]).get_opcodes() if op[0] != "equal"]
        if sum(max(i2 - i1, j2 - j1) for _, i1, i2, j1, j2 in ops) > MAX_DIFF_CHARS:
            continue
        for tag, i1, i2, j1, j2 in ops:
            out.append(
                _heading_diff(f, norm, where, best[1], tag, (i1, i2, j1, j2), best[0].short_name)
            )
    return out


def _heading_diff(
    f: TextField,
    norm: str,
    where: tuple[int, ...],
    official: str,
    tag: str,
    span: tuple[int, int, int, int],
    short_name: str,
) -> Finding:
    i1, i2, j1, j2 = span
    text = f.text
    if tag == "insert":  # dropped characters: flag the character before the gap
        anchor = where[i1 - 1] if i1 else where[0]
        start, end = anchor, anchor + 1
        missing = official[j1:j2]
        fix = text[start:end] + missing if i1 else missing + text[start:end]
        message = f"维度标题比官方表述（{short_name}）少了“{missing}”。"
    else:
        start = where[i1]
        end = where[i2 - 1] + 1
        fix = official[j1:j2]
        message = (
            f"维度标题与官方表述（{short_name}）不一致：“{text[start:end]}”应为“{fix}”。"
            if tag == "replace"
            else f"维度标题比官方表述（{short_name}）多了“{text[start:end]}”。"
        )
    return finding_at(
        "formulation.dimension_heading", "warning", f.path, text, start, end, message, fix
    )


def _matcher(a: str, b: str) -> difflib.SequenceMatcher:
    return difflib.SequenceMatcher(None, a, b, autojunk=False)


@lru_cache(maxsize=4096)  # headings repeat: the same pair is compared for each dimension
def _ratio(a: str, b: str) -> float:
    return _matcher(a, b).ratio()
