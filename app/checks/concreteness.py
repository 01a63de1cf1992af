"""见人见事: how concrete each problem point is — dates, numbers with units, named units and
places, named cases — as a score, with a hint on the points that have none of them."""

from __future__ import annotations

import re
from dataclasses import dataclass

from app.checks.findings import Finding
from app.checks.paths import section_keys
from app.model import Material, Point

_FEATURES = {
    "date": re.compile(
        r"\d{4}\s*年|\d{1,2}\s*月(?:\d{1,2}\s*日)?|[一二三四五六七八九十]{1,3}月(?:份|[一二三四五六七八九十]{1,3}日)?|"
        r"今年|去年|上半年|下半年|年初|一季度|二季度|三季度|四季度"
    ),
    "number": re.compile(
        r"\d+(?:\.\d+)?\s*(?:%|％|个|次|项|件|人|名|户|家|万|亿|元|天|小时|篇|场|期|条|批|公里|亩|平方米|吨)|"
        r"[一二三四五六七八九十两百千]{1,4}(?:次|项|件|名|户|家|场|期|篇|批|人次)"
    ),
    "unit": re.compile(
        r"[\u4e00-\u9fff]{2,8}?(?:镇|乡|村|社区|街道|公司|医院|学校|园区|局|委员会|办公室)"
    ),
    "case": re.compile(
        r"《[^》]{2,30}》|“[^”]{2,20}”(?:项目|工程|行动|活动|案|事件)|[赵钱孙李周吴郑王冯陈张刘杨黄赵][某×X]{1,2}"
    ),
}
# A "unit" match ending in one of these is a common noun, not a named unit; nor is one
# followed by a character that makes it a longer common word (乡村, 局面).
_GENERIC_UNITS = (
    "乡镇",
    "城乡",
    "农村",
    "乡村",
    "大局",
    "格局",
    "布局",
    "全局",
    "结局",
    "当局",
    "各乡",
    "各村",
)
_GENERIC_NEXT = set("村镇面势限")
# The score one feature kind adds; a point with none of them gets a hint.
POINTS_PER_FEATURE = 25


@dataclass(frozen=True)
class PointScore:
    path: str  # node path of the point
    score: int  # 0–100
    features: tuple[str, ...]


def score_point(point: Point) -> PointScore:
    text = f"{point.body}{point.example}"
    found = tuple(
        name
        for name, pattern in _FEATURES.items()
        if any(_concrete(name, m, text) for m in pattern.finditer(text))
    )
    return PointScore("", min(100, POINTS_PER_FEATURE * len(found)), found)


def _concrete(name: str, m: re.Match, text: str) -> bool:
    if name != "unit":
        return True
    following = text[m.end() : m.end() + 1]
    return not m.group().endswith(_GENERIC_UNITS) and following not in _GENERIC_NEXT


def concreteness_scores(material: Material) -> list[PointScore]:
    """One score per problem point, in reading order (for a panel that lists the weakest)."""
    out = []
    for key, section in zip(section_keys(material), material.sections, strict=True):
        if section.kind != "problems":
            continue
        for di, dim in enumerate(section.dimensions):
            for pi, point in enumerate(dim.points):
                s = score_point(point)
                out.append(PointScore(f"{key}/dimensions/{di}/points/{pi}", s.score, s.features))
    return out


def check(material: Material) -> list[Finding]:
    """A hint on each problem point with no concrete detail at all. Points with no example are
    left to ``structure.no_example``, which already says the same thing."""
    out = []
    index_of = {key: i for i, key in enumerate(section_keys(material))}
    for score in concreteness_scores(material):
        if score.score:
            continue
        section, _, di, _, pi = score.path.split("/")
        point = material.sections[index_of[section]].dimensions[int(di)].points[int(pi)]
        if not point.example.strip():
            continue
        out.append(
            Finding(
                "concreteness.vague",
                "hint",
                f"{score.path}/example",
                0,
                len(point.example),
                point.example,
                "事例中没有时间、数字、单位或具体事件，不够见人见事，建议写具体。",
                None,
            )
        )
    return out
