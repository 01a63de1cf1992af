"""Loading two versions of a material and telling what changed: the CLI's text and JSON.

A version is a snapshot (历史版本) of the material, or ``None`` for the current text. The
text report marks deleted characters 【删：…】 and inserted ones 【增：…】 inside the changed
sentence, so the reader sees the changed characters only, in place.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.errors import InputError
from app.library import Library
from app.model import Material
from app.version_diff import Change, VersionDiff, compare_materials

CURRENT_NAME = "当前文本"

KIND_LABELS = {
    "added": "新增",
    "removed": "删除",
    "edited": "修改",
    "moved": "移动",
    "unchanged": "未改",
}
UNIT_LABELS = {
    "title": "标题",
    "preamble": "开头",
    "section": "部分",
    "dimension": "维度",
    "point": "要点",
    "closing": "结尾",
}


@dataclass(frozen=True)
class Version:
    material: Material
    name: str  # 征求意见稿 · 2026-12-01 10:00, or 当前文本


def load_version(library: Library, material_id: int, snapshot_id: int | None) -> Version:
    """A snapshot of this material, or its current text. A snapshot of another material (or
    none with that id) is bad input, named in the message."""
    if snapshot_id is None:
        return Version(library.get_material(material_id), CURRENT_NAME)
    info = next((s for s in library.list_snapshots(material_id) if s.id == snapshot_id), None)
    if info is None:
        raise InputError(
            f"材料 {material_id} 没有编号为 {snapshot_id} 的历史版本",
            f"material {material_id} has no snapshot {snapshot_id}",
        )
    created = info.created[:16].replace("T", " ")
    return Version(library.get_snapshot(snapshot_id), f"{info.name}（{created}）")


def resolve_snapshot(library: Library, material_id: int, text: str) -> int:
    """A snapshot named on the command line: its id, or its name (the newest of that name)."""
    snapshots = library.list_snapshots(material_id)  # newest first
    text = text.strip()
    if text.isdigit() and any(s.id == int(text) for s in snapshots):
        return int(text)
    named = [s for s in snapshots if s.name == text]
    if named:
        return named[0].id
    known = "、".join(f"{s.id}（{s.name}）" for s in snapshots) or "无"
    raise InputError(
        f"材料 {material_id} 没有历史版本“{text}”；已有：{known}",
        f"material {material_id} has no snapshot {text!r} (by id or name)",
    )


def diff_versions(
    library: Library, material_id: int, from_id: int | None, to_id: int | None
) -> VersionDiff:
    old = load_version(library, material_id, from_id)
    new = load_version(library, material_id, to_id)
    return compare_materials(old.material, new.material, old.name, new.name)


def summary_line(diff: VersionDiff) -> str:
    """新增 2 · 删除 1 · 移动 1 · 修改 3 (only the kinds that occur), or 两个版本内容相同."""
    parts = [
        f"{KIND_LABELS[k]} {n}"
        for k in ("added", "removed", "moved", "edited")
        if (n := diff.count(k))
    ]
    return " · ".join(parts) if parts else "两个版本内容相同"


def marked_text(change: Change) -> str:
    """The unit's text with 【删：…】【增：…】 around the changed characters."""
    out = []
    for run in change.runs:
        if run.kind == "equal":
            out.append(run.text)
        elif run.kind == "delete":
            out.append(f"【删：{run.text}】")
        else:
            out.append(f"【增：{run.text}】")
    return "".join(out)


def change_heading(change: Change) -> str:
    what = f"【{KIND_LABELS[change.kind]}{UNIT_LABELS[change.unit_kind]}】"
    if change.kind == "moved" and change.old is not None and change.new is not None:
        return f"{what}{change.old.label} → {change.new.label}"
    return f"{what}{change.label}"


def text_report(diff: VersionDiff) -> str:
    lines = [f"比较：{diff.old_name} → {diff.new_name}", summary_line(diff)]
    for change in diff.changes:
        if change.kind == "unchanged":
            continue
        lines.append("")
        lines.append(change_heading(change))
        if change.kind in ("added", "removed"):
            lines.append((change.new or change.old).text)
        elif change.text_changed:
            lines.append(marked_text(change))
    return "\n".join(lines) + "\n"


def _unit_dict(unit) -> dict | None:
    if unit is None:
        return None
    return {"label": unit.label, "id": unit.node_id, "text": unit.text}


def json_report(diff: VersionDiff) -> dict:
    """{from, to, summary, changes: [{kind, unit, old, new, runs}]} (unchanged units left out)."""
    return {
        "from": diff.old_name,
        "to": diff.new_name,
        "summary": {k: diff.count(k) for k in ("added", "removed", "moved", "edited")},
        "changes": [
            {
                "kind": c.kind,
                "unit": c.unit_kind,
                "old": _unit_dict(c.old),
                "new": _unit_dict(c.new),
                "runs": [{"kind": r.kind, "text": r.text} for r in c.runs],
            }
            for c in diff.changes
            if c.kind != "unchanged"
        ],
    }
