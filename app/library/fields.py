"""Validation of the fields a caller may change, and model → column values.

Every problem is an ``InputError`` naming the field, raised before anything is written.
"""

from __future__ import annotations

import json
import re
from typing import Any

from app.errors import InputError, NotFoundError
from app.model import (
    POINT_STYLES,
    RECTIFICATION_STATUSES,
    SECTION_KINDS,
    Dimension,
    Material,
    Point,
    Section,
    is_point_position,
)
from app.serialize import MAX_RANK, MAX_TEXT

_TEXT = "text"
_LIST = "list"
MATERIAL_FIELDS = {
    "title": _TEXT,
    "organization": _TEXT,
    "scope": "scope",
    "year": "year",
    "meeting": _TEXT,
    "template_id": _TEXT,
    "author": _TEXT,
    "job_title": _TEXT,
    "rank": "rank",
    "date": _TEXT,
    "preamble": _LIST,
    "closing": _LIST,
    "point_style": "point_style",
}
_BOOL = "bool"
NODE_FIELDS = {
    "section": {"heading": _TEXT, "intro": _LIST, "kind": "section_kind", "numbered": _BOOL},
    "dimension": {
        "heading": _TEXT,
        "short_name": _TEXT,
        "heading_prefix": _TEXT,
        "heading_suffix": _TEXT,
        "intro": _LIST,
        "heading_alone": _BOOL,
        "points_apart": _BOOL,
        "numbered": _BOOL,
    },
    "point": {
        "title": _TEXT,
        "body": _TEXT,
        "example": _TEXT,
        "example_lead": _TEXT,
        "example_sep": _TEXT,
        "numbered": _BOOL,
        "title_alone": _BOOL,
        # 整改清单 (issue 17): a measure's 责任人, 完成时限, 整改状态 and its note
        "responsible": "responsible",
        "deadline": "deadline",
        "status": "status",
        "status_note": "status_note",
    },
}


# Half of a UTF-16 pair on its own (from a broken JSON "\ud800" escape or clipboard): no UTF-8
# file, SQLite included, can hold it, so it is refused before anything is written.
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def _bad(field: str, zh: str, en: str) -> InputError:
    return InputError(f"字段 {field} 的值无效：{zh}", f"invalid value for {field}: {en}")


def _check_chars(field: str, text: str) -> None:
    found = _LONE_SURROGATE.search(text)
    if found:
        code = f"U+{ord(found.group()):04X}"
        raise _bad(
            field,
            f"含有无效字符（孤立的代理码位 {code}）",
            f"holds an invalid character (lone surrogate {code})",
        )


def _checked(field: str, rule: str, value: Any) -> Any:
    """The value as stored (lists as JSON); InputError when it does not fit the rule."""
    if rule == _TEXT:
        if not isinstance(value, str):
            raise _bad(field, "应为文本", "must be a string")
        if len(value) > MAX_TEXT:
            raise _bad(field, "文本过长", "text too long")
        _check_chars(field, value)
        return value
    if rule == _LIST:
        if not isinstance(value, list | tuple) or not all(isinstance(x, str) for x in value):
            raise _bad(field, "应为文本列表", "must be a list of strings")
        if sum(len(x) for x in value) > MAX_TEXT:
            raise _bad(field, "文本过长", "text too long")
        for x in value:
            _check_chars(field, x)
        return json.dumps(list(value), ensure_ascii=False)
    if rule == "scope":
        if value not in ("group", "individual"):
            raise _bad(field, "应为 group 或 individual", "must be group or individual")
        return value
    if rule == "year":
        if value is not None and (
            isinstance(value, bool) or not isinstance(value, int) or not 1921 <= value <= 2999
        ):
            raise _bad(field, "年度应为 1921–2999 之间的整数", "year must be an integer 1921-2999")
        return value
    if rule == "rank":
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_RANK:
            raise _bad(
                field,
                f"排序应为 0–{MAX_RANK} 之间的整数（0 表示未设）",
                f"rank must be an integer 0-{MAX_RANK} (0: not set)",
            )
        return value
    if rule == _BOOL:
        if not isinstance(value, bool):
            raise _bad(field, "应为 true 或 false", "must be true or false")
        return int(value)
    if rule == "point_style":
        if value not in POINT_STYLES:
            raise _bad(
                field,
                f"应为 {'、'.join(POINT_STYLES)} 之一",
                f"must be one of {', '.join(POINT_STYLES)}",
            )
        return value
    # The 整改 rules are imported by the writes that check them: reads (a CLI export) never do.
    if rule in ("responsible", "status_note"):
        from app.rectification import MAX_NOTE, MAX_RESPONSIBLE

        limit = MAX_RESPONSIBLE if rule == "responsible" else MAX_NOTE
        _checked(field, _TEXT, value)
        if len(value) > limit:
            raise _bad(field, f"过长（最多 {limit} 字）", f"too long (at most {limit} characters)")
        return value
    if rule == "deadline":
        from app.rectification import is_stored_deadline

        if not is_stored_deadline(value):
            raise _bad(
                field,
                "完成时限应为日期（2026-06-30）、“长期坚持”或空",
                "the deadline must be a date (2026-06-30), 长期坚持 or empty",
            )
        return value
    if rule == "status":
        if value not in RECTIFICATION_STATUSES:
            raise _bad(
                field,
                f"应为 {'、'.join(RECTIFICATION_STATUSES)} 之一",
                f"must be one of {', '.join(RECTIFICATION_STATUSES)}",
            )
        return value
    if rule == "section_kind":
        if value not in SECTION_KINDS:
            raise _bad(field, f"未知的部分类型 {value!r}", f"unknown section kind {value!r}")
        return value
    raise AssertionError(rule)


def _unknown(names: set[str], allowed: dict[str, str], what_zh: str, what_en: str) -> None:
    extra = sorted(names - set(allowed))
    if extra:
        raise InputError(
            f"{what_zh}没有这些字段：{', '.join(extra)}（可用：{', '.join(allowed)}）",
            f"unknown {what_en} field(s): {', '.join(extra)} (allowed: {', '.join(allowed)})",
        )


# Numbering is spoken Chinese (一是 … 九百九十九是); a list longer than this cannot be numbered.
MAX_SIBLINGS = 999


def check_count(kind: str, count: int) -> None:
    if count > MAX_SIBLINGS:
        raise InputError(
            f"{KIND_ZH[kind]}太多：同一层最多 {MAX_SIBLINGS} 个，这里有 {count} 个",
            f"too many {kind}s: at most {MAX_SIBLINGS} on one level, got {count}",
        )


def material_changes(changes: dict[str, Any]) -> dict[str, Any]:
    _unknown(set(changes), MATERIAL_FIELDS, "材料", "material")
    return {k: _checked(k, MATERIAL_FIELDS[k], v) for k, v in changes.items()}


KIND_ZH = {"section": "部分", "dimension": "维度", "point": "要点"}


def not_found(what_zh: str, what_en: str, ident: int) -> NotFoundError:
    return NotFoundError(f"没有编号为 {ident} 的{what_zh}", f"no {what_en} with id {ident}")


def position(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise InputError(f"位置应为整数：{value!r}", f"position must be an integer: {value!r}")
    return value


def node_changes(kind: str, changes: dict[str, Any]) -> dict[str, Any]:
    """Column values for an ``update_node`` call (a section's ``kind`` is column section_kind)."""
    allowed = NODE_FIELDS[kind]
    _unknown(set(changes), allowed, KIND_ZH[kind], kind)
    values = {k: _checked(k, allowed[k], v) for k, v in changes.items()}
    if "kind" in values:
        values["section_kind"] = values.pop("kind")
    return values


def material_values(material: Material) -> dict[str, Any]:
    """Column values of a material's own fields (not ids, times or counts)."""
    return {k: _checked(k, rule, getattr(material, k)) for k, rule in MATERIAL_FIELDS.items()}


def check_point(p: Point) -> None:
    for k, rule in NODE_FIELDS["point"].items():
        _checked(k, rule, getattr(p, k))


def check_dimension(d: Dimension) -> None:
    for k, rule in NODE_FIELDS["dimension"].items():
        _checked(k, rule, getattr(d, k))
    check_count("point", len(d.points))
    for p in d.points:
        check_point(p)


def check_section(s: Section) -> None:
    for k, rule in NODE_FIELDS["section"].items():
        _checked(k, rule, getattr(s, k))
    check_count("dimension", len(s.dimensions))
    check_count("point", len(s.points))
    for d in s.dimensions:
        check_dimension(d)
    for p in s.points:
        check_point(p)


def check_material(material: Material, links: list | None) -> None:
    if not isinstance(material, Material):
        raise InputError("应为一份材料", "expected a Material")
    material_values(material)
    check_count("section", len(material.sections))
    for s in material.sections:
        check_section(s)
    for pair in links or []:
        if not (
            isinstance(pair, list | tuple)
            and len(pair) == 2
            and all(is_point_position(material, p) for p in pair)
        ):
            raise InputError(
                f"关联应为两个要点的位置：{pair!r}", f"a link must be two point positions: {pair!r}"
            )
