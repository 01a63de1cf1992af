"""The JSON interchange format (DESIGN §4): Material ⇄ dict, with strict validation on the way in.

Ids and timestamps are library-local and are not part of the format, so that
``import x.json`` then ``export --format json`` gives the same bytes. Problem ↔ measure links
are written as pairs of positions ``[section, dimension or -1, point]``.
"""

from __future__ import annotations

import json
import sys
from typing import Any

from app.errors import InputError
from app.model import (
    DEFAULT_EXAMPLE_LEAD,
    DEFAULT_EXAMPLE_SEP,
    POINT_STYLES,
    SECTION_KINDS,
    Dimension,
    Material,
    Point,
    Section,
    is_point_position,
)

FORMAT = "duizhao-material"
# Still 1: the layout fields (numbered, title_alone, heading_alone, points_apart, point_style) are
# written only
# when they differ from the default, so files without them read as before, and a reader that
# ignores them still gets every word in its place (only the paragraph shape and numbers differ).
VERSION = 1
# Refuse absurd inputs before walking them (hostile or broken files).
MAX_TEXT = 1_000_000
MAX_ITEMS = 20_000
MAX_RANK = 9999  # a 汇编's order among members (0: not set)
# The 整改清单 fields of a point and their defaults (written only when they differ).
RECTIFICATION_DEFAULTS = {
    "responsible": "",
    "deadline": "",
    "status": "not_started",
    "status_note": "",
}


def _layout(out: dict[str, Any], **flags: bool) -> dict[str, Any]:
    """Add layout flags that differ from their defaults (numbered=True, the others False)."""
    for key, value in flags.items():
        if value != (key == "numbered"):
            out[key] = value
    return out


def point_to_dict(p: Point) -> dict[str, Any]:
    out = _layout(
        {
            "title": p.title,
            "body": p.body,
            "example": p.example,
            "example_lead": p.example_lead,
            "example_sep": p.example_sep,
        },
        numbered=p.numbered,
        title_alone=p.title_alone,
    )
    # 整改清单 fields (issue 17), like the layout flags only when set: older files and readers
    # are unaffected.
    for key, default in RECTIFICATION_DEFAULTS.items():
        if getattr(p, key) != default:
            out[key] = getattr(p, key)
    return out


def dimension_to_dict(d: Dimension) -> dict[str, Any]:
    return _layout(
        {
            "heading": d.heading,
            "short_name": d.short_name,
            "heading_prefix": d.heading_prefix,
            "heading_suffix": d.heading_suffix,
            "intro": list(d.intro),
            "points": [point_to_dict(p) for p in d.points],
        },
        heading_alone=d.heading_alone,
        points_apart=d.points_apart,
        numbered=d.numbered,
    )


def section_to_dict(s: Section) -> dict[str, Any]:
    return _layout(
        {
            "kind": s.kind,
            "heading": s.heading,
            "intro": list(s.intro),
            "dimensions": [dimension_to_dict(d) for d in s.dimensions],
            "points": [point_to_dict(p) for p in s.points],
        },
        numbered=s.numbered,
    )


def point_positions(material: Material) -> dict[int, list[int]]:
    """Map a stored point id to its position [section, dimension or -1, point]."""
    out: dict[int, list[int]] = {}
    for si, s in enumerate(material.sections):
        for pi, p in enumerate(s.points):
            if p.id is not None:
                out[p.id] = [si, -1, pi]
        for di, d in enumerate(s.dimensions):
            for pi, p in enumerate(d.points):
                if p.id is not None:
                    out[p.id] = [si, di, pi]
    return out


def links_of(material: Material) -> list[list[list[int]]]:
    """Each link once, as [from position, to position], sorted for stable output."""
    pos = point_positions(material)
    pairs = set()
    for pid, p in ((pid, _find_point(material, pos[pid])) for pid in pos):
        for other in p.links:
            if other in pos:
                a, b = pos[pid], pos[other]
                pairs.add(tuple(map(tuple, sorted([a, b]))))
    return [[list(a), list(b)] for a, b in sorted(pairs)]


def _find_point(material: Material, position: list[int]) -> Point:
    si, di, pi = position
    section = material.sections[si]
    return section.points[pi] if di < 0 else section.dimensions[di].points[pi]


def material_to_dict(m: Material) -> dict[str, Any]:
    out = {
        "format": FORMAT,
        "version": VERSION,
        "title": m.title,
        "organization": m.organization,
        "scope": m.scope,
        "year": m.year,
        "meeting": m.meeting,
        "template_id": m.template_id,
        "author": m.author,
        "date": m.date,
        "preamble": list(m.preamble),
        "sections": [section_to_dict(s) for s in m.sections],
        "closing": list(m.closing),
        "links": links_of(m),
    }
    if m.point_style != "shi":
        out["point_style"] = m.point_style
    # The 汇编 fields (issue 17), likewise only when set: older files and readers are unchanged.
    if m.job_title:
        out["job_title"] = m.job_title
    if m.rank:
        out["rank"] = m.rank
    return out


def material_to_json(m: Material) -> str:
    return json.dumps(material_to_dict(m), ensure_ascii=False, indent=2) + "\n"


# ---------------------------------------------------------------------------------------------
# Reading, with validation: every problem is an InputError naming where it is.


def _bad(where: str, zh: str, en: str) -> InputError:
    return InputError(f"JSON 格式错误（{where}）：{zh}", f"invalid JSON at {where}: {en}")


def _str(d: dict, key: str, where: str, default: str | None = "") -> str:
    value = d.get(key, default)
    if value is None and default is None:
        raise _bad(where, f"缺少字段 {key}", f"missing field {key}")
    if not isinstance(value, str):
        raise _bad(f"{where}.{key}", "应为文本", "must be a string")
    if len(value) > MAX_TEXT:
        raise _bad(f"{where}.{key}", "文本过长", "text too long")
    return value


def _str_list(d: dict, key: str, where: str) -> list[str]:
    value = d.get(key, [])
    if not isinstance(value, list) or not all(isinstance(x, str) for x in value):
        raise _bad(f"{where}.{key}", "应为文本列表", "must be a list of strings")
    if len(value) > MAX_ITEMS or any(len(x) > MAX_TEXT for x in value):
        raise _bad(f"{where}.{key}", "内容过大", "too large")
    return list(value)


def _obj_list(d: dict, key: str, where: str) -> list[dict]:
    value = d.get(key, [])
    if not isinstance(value, list) or not all(isinstance(x, dict) for x in value):
        raise _bad(f"{where}.{key}", "应为对象列表", "must be a list of objects")
    if len(value) > MAX_ITEMS:
        raise _bad(f"{where}.{key}", "条目过多", "too many items")
    return value


def _bool(d: dict, key: str, where: str, default: bool) -> bool:
    value = d.get(key, default)
    if not isinstance(value, bool):
        raise _bad(f"{where}.{key}", "应为 true 或 false", "must be true or false")
    return value


def _rectification(d: dict, where: str) -> dict[str, str]:
    """The optional 整改清单 fields of a point, checked (a deadline as ``parse_deadline`` reads
    it, so a hand-written 2026年6月30日 is accepted; 2026-02-30 is refused)."""
    from app.rectification import parse_deadline, parse_status

    out = {key: _str(d, key, where, default) for key, default in RECTIFICATION_DEFAULTS.items()}
    try:
        out["deadline"] = parse_deadline(out["deadline"])
    except InputError as exc:
        raise _bad(f"{where}.deadline", exc.zh, exc.en) from exc
    try:
        out["status"] = parse_status(out["status"])
    except InputError as exc:
        raise _bad(f"{where}.status", exc.zh, exc.en) from exc
    return out


def point_from_dict(d: dict, where: str) -> Point:
    return Point(
        **_rectification(d, where),
        numbered=_bool(d, "numbered", where, True),
        title_alone=_bool(d, "title_alone", where, False),
        title=_str(d, "title", where),
        body=_str(d, "body", where),
        example=_str(d, "example", where),
        example_lead=_str(d, "example_lead", where, DEFAULT_EXAMPLE_LEAD),
        example_sep=_str(d, "example_sep", where, DEFAULT_EXAMPLE_SEP),
    )


def dimension_from_dict(d: dict, where: str) -> Dimension:
    return Dimension(
        heading_alone=_bool(d, "heading_alone", where, False),
        numbered=_bool(d, "numbered", where, True),
        points_apart=_bool(d, "points_apart", where, False),
        heading=_str(d, "heading", where),
        short_name=_str(d, "short_name", where),
        heading_prefix=_str(d, "heading_prefix", where),
        heading_suffix=_str(d, "heading_suffix", where),
        intro=_str_list(d, "intro", where),
        points=[
            point_from_dict(p, f"{where}.points[{i}]")
            for i, p in enumerate(_obj_list(d, "points", where))
        ],
    )


def section_from_dict(d: dict, where: str) -> Section:
    kind = _str(d, "kind", where, None)
    if kind not in SECTION_KINDS:
        raise _bad(f"{where}.kind", f"未知的部分类型 {kind!r}", f"unknown section kind {kind!r}")
    return Section(
        numbered=_bool(d, "numbered", where, True),
        kind=kind,
        heading=_str(d, "heading", where),
        intro=_str_list(d, "intro", where),
        dimensions=[
            dimension_from_dict(x, f"{where}.dimensions[{i}]")
            for i, x in enumerate(_obj_list(d, "dimensions", where))
        ],
        points=[
            point_from_dict(x, f"{where}.points[{i}]")
            for i, x in enumerate(_obj_list(d, "points", where))
        ],
    )


def material_from_dict(d: Any) -> tuple[Material, list[list[list[int]]]]:
    """Build a Material and its links (as position pairs) from a parsed JSON document."""
    if not isinstance(d, dict):
        raise _bad("$", "顶层应为对象", "top level must be an object")
    if d.get("format") != FORMAT:
        raise _bad("$.format", f"不是对照材料文件（应为 {FORMAT}）", f"not a {FORMAT} file")
    version = d.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version != VERSION:
        raise _bad(
            "$.version",
            f"不支持的版本 {version!r}（本程序支持 {VERSION}）",
            f"unsupported version {version!r} (this program reads {VERSION})",
        )
    year = d.get("year")
    if year is not None and (
        isinstance(year, bool) or not isinstance(year, int) or not 1921 <= year <= 2999
    ):
        raise _bad("$.year", "年度应为 1921–2999 之间的整数", "year must be an integer 1921-2999")
    scope = _str(d, "scope", "$", "group")
    if scope not in ("group", "individual"):
        raise _bad("$.scope", "应为 group 或 individual", "must be group or individual")
    point_style = _str(d, "point_style", "$", "shi")
    if point_style not in POINT_STYLES:
        raise _bad(
            "$.point_style",
            f"应为 {'、'.join(POINT_STYLES)} 之一",
            f"must be one of {', '.join(POINT_STYLES)}",
        )
    rank = d.get("rank", 0)
    if isinstance(rank, bool) or not isinstance(rank, int) or not 0 <= rank <= MAX_RANK:
        raise _bad(
            "$.rank",
            f"排序应为 0–{MAX_RANK} 之间的整数（0 表示未设）",
            f"rank must be an integer 0-{MAX_RANK} (0: not set)",
        )
    material = Material(
        point_style=point_style,
        job_title=_str(d, "job_title", "$"),
        rank=rank,
        title=_str(d, "title", "$"),
        organization=_str(d, "organization", "$"),
        scope=scope,
        year=year,
        meeting=_str(d, "meeting", "$"),
        template_id=_str(d, "template_id", "$", "custom"),
        author=_str(d, "author", "$"),
        date=_str(d, "date", "$"),
        preamble=_str_list(d, "preamble", "$"),
        sections=[
            section_from_dict(s, f"$.sections[{i}]")
            for i, s in enumerate(_obj_list(d, "sections", "$"))
        ],
        closing=_str_list(d, "closing", "$"),
    )
    links = d.get("links", [])
    if not isinstance(links, list) or not all(_is_link(x, material) for x in links):
        raise _bad(
            "$.links", "链接应为要点位置对", "links must be pairs of existing point positions"
        )
    return material, links


def _is_link(x: Any, material: Material) -> bool:
    return isinstance(x, list) and len(x) == 2 and all(is_point_position(material, p) for p in x)


def material_from_json(text: str) -> tuple[Material, list[list[list[int]]]]:
    try:
        data = json.loads(text)
    except RecursionError as exc:
        raise InputError("JSON 嵌套过深", "JSON nested too deeply") from exc
    except json.JSONDecodeError as exc:
        raise InputError(f"不是有效的 JSON：{exc}", f"not valid JSON: {exc}") from exc
    except ValueError as exc:  # the only other one: an integer longer than Python will convert
        limit = sys.get_int_max_str_digits()
        raise InputError(
            f"不是有效的 JSON：其中有一个数字过长（超过 {limit} 位）",
            f"not valid JSON: it holds a number longer than {limit} digits",
        ) from exc
    return material_from_dict(data)
