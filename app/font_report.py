"""What the chosen fonts are, in words: one line per role with file and reason for
``duizhao-cli fonts`` (:func:`font_report`), and the export dialog's lines naming each font as
users know it (:func:`font_summary`).

Separate from ``app.fonts`` (choosing and registering the files) because only those two places
show it: a PDF export does not import it.
"""

from __future__ import annotations

from app.fonts import ROLES, FontChoice

ROLE_LABELS = {
    "title": "标题（小标宋 2号）",
    "body": "正文（仿宋 3号）",
    "heading1": "一级标题“一、”（黑体 3号）",
    "heading2": "二级标题“（一）”（楷体 3号）",
    "page_number": "页码（宋体 4号）",
    "fallback": "缺字补充",
}

# The office font each bundled face stands in for.
_OFFICE_NAMES = {
    "title": "方正小标宋简体",
    "body": "仿宋_GB2312",
    "heading1": "黑体",
    "heading2": "楷体_GB2312",
    "page_number": "宋体",
}


def font_report(choices: dict[str, FontChoice]) -> list[str]:
    """Chinese lines, one per role, for `duizhao-cli fonts` and the export dialog."""
    lines = []
    ordered = [r for r in ROLES if r in choices] + [r for r in choices if r not in ROLES]
    for role in ordered:
        choice = choices[role]
        where = "已安装" if choice.source == "installed" else "内置"
        lines.append(
            f"{ROLE_LABELS.get(role, role)}：{choice.family}〔{where}〕 {choice.path}"
            + (f" 第 {choice.subfont_index} 号字面" if choice.subfont_index else "")
            + f" — {choice.reason}"
        )
    return lines


def font_summary(choices: dict[str, FontChoice]) -> list[str]:
    """The export dialog's lines: per role the font's name as users know it (仿宋_GB2312, 黑体 …)
    and whether it is this computer's or the one that comes with 对照 — no file paths (those
    are in `duizhao-cli fonts`)."""
    lines = []
    ordered = [r for r in ROLES if r in choices] + [r for r in choices if r not in ROLES]
    for role in ordered:
        choice = choices[role]
        name = choice.label or choice.family
        if choice.source == "installed":
            where = "本机已安装"
        else:
            office = _OFFICE_NAMES.get(role, "")
            where = "对照自带" + (f"，代替{office}" if office and office != name else "")
        lines.append(f"{ROLE_LABELS.get(role, role)}：{name}（{where}）")
    if any(c.source != "installed" for c in choices.values()):
        lines.append(
            "本机装有方正小标宋简体、仿宋_GB2312、楷体_GB2312 等公文字体时，改用本机字体。"
        )
    return lines
