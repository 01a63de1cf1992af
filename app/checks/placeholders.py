"""Placeholders and leftovers: XX/××/某某/202X/【…】, pinyin stand-ins (dangshi, mzshh), and the
name of another organization than the material's (a sample downloaded and not fully adapted)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from app.checks.chars import is_cjk, is_ideograph
from app.checks.data import load
from app.checks.findings import Finding, finding_at
from app.checks.paths import TextField
from app.model import Material

_LATIN = re.compile(r"[A-Za-z]+")
_PARTY_UNIT = re.compile(r"党组|党委|党工委|党支部|党总支")
# Characters an organization's own name ends with before 党组/党委 (局党组, 县委 …).
_UNIT_END = set("府局委办院厅部处科室站所队会司校镇乡村区县市省")
# Where a name stops when reading backwards from 党组/党委 (punctuation, function words).
_NAME_STOP = set("，。、；：？！“”‘’（）《》的和与及对在为是了把被向将由从按照要求督促")
_GENERIC_LEADS = ("各", "全", "基层", "上级", "所属", "下属", "相关", "有关", "本级", "我", "本")
_GENERIC_NAMES = {"乡镇", "村", "社区", "机关", "部门", "单位"}


@cache
def _patterns() -> tuple[tuple[str, re.Pattern, str], ...]:
    return tuple(
        (p["id"], re.compile(p["regex"]), p["message"]) for p in load("placeholders")["pattern"]
    )


@cache
def pinyin_words() -> dict[str, str]:
    """Known pinyin stand-ins (lowercase) → the Chinese word they stand for."""
    return {k.lower(): v for k, v in load("placeholders")["pinyin"].items()}


@cache
def _allowed_latin() -> frozenset[str]:
    return frozenset(load("placeholders")["latin"]["allowed"])


def check(material: Material, fields: Iterable[TextField]) -> list[Finding]:
    out: list[Finding] = []
    own = _own_unit(material.organization)
    organization = material.organization.strip()
    for f in fields:
        if not f.text:
            continue
        out += _masks(f)
        out += _latin_standins(f)
        if own:
            out += _other_organizations(f, own, organization)
    return out


def _masks(f: TextField) -> list[Finding]:
    out = []
    for rule, pattern, message in _patterns():
        for m in pattern.finditer(f.text):
            out.append(
                finding_at(
                    rule,
                    "error",
                    f.path,
                    f.text,
                    m.start(),
                    m.end(),
                    message.format(excerpt=m.group()),
                )
            )
    return out


def _latin_standins(f: TextField) -> list[Finding]:
    """A run of Latin letters touching Chinese text: a known stand-in (fix = the word) or,
    for other lowercase runs of 3+ letters, a probable one (no fix)."""
    out = []
    text = f.text
    for m in _LATIN.finditer(text):
        word = m.group()
        before = text[m.start() - 1] if m.start() else ""
        after = text[m.end()] if m.end() < len(text) else ""
        if not (is_cjk(before) or is_cjk(after)):
            continue
        known = pinyin_words().get(word.lower())
        if known:
            out.append(
                finding_at(
                    "placeholder.pinyin",
                    "error",
                    f.path,
                    text,
                    m.start(),
                    m.end(),
                    f"拼音代替的字词：“{word}”应为“{known}”。",
                    known,
                )
            )
        elif (
            word.islower()
            and len(word) >= 3
            and word not in _allowed_latin()
            and not set(word) <= set("xX")
        ):
            out.append(
                finding_at(
                    "placeholder.latin",
                    "warning",
                    f.path,
                    text,
                    m.start(),
                    m.end(),
                    f"中文里夹着字母“{word}”，可能是拼音缩写或未替换的占位，请改为汉字。",
                )
            )
    return out


def _own_unit(organization: str) -> str:
    """县政府党组 → 县政府, XX学校党委班子 → XX学校 (the name before its party organ)."""
    org = organization.strip()
    m = _PARTY_UNIT.search(org)
    return org[: m.start()] if m and m.start() > 0 else org


def _is_subsequence(short: str, long: str) -> bool:
    chars = iter(long)
    return all(ch in chars for ch in short)


def _other_organizations(f: TextField, own: str, organization: str) -> list[Finding]:
    """市财政局党组 in a material of 县政府党组: a name of the same shape that is not ours."""
    out = []
    text = f.text
    for m in _PARTY_UNIT.finditer(text):
        start = m.start()
        while (
            start > 0
            and start > m.start() - 12
            and is_ideograph(text[start - 1])
            and text[start - 1] not in _NAME_STOP
        ):
            start -= 1
        name = text[start : m.start()]
        if (
            len(name) < 2
            or name[-1] not in _UNIT_END
            or name.startswith(_GENERIC_LEADS)
            or name in _GENERIC_NAMES
        ):
            continue
        if _is_subsequence(name, own) or own in name:
            continue  # ours, possibly abbreviated: 县政府 for XX县人民政府
        out.append(
            finding_at(
                "placeholder.other_org",
                "warning",
                f.path,
                text,
                start,
                m.end(),
                f"出现其他单位名称“{text[start : m.end()]}”，本材料单位是“{organization}”，"
                "请确认不是套用范文留下的。",
            )
        )
    return out
