"""The words and cells the three report formats share, so HTML, XLSX and PDF say the same."""

from __future__ import annotations

from app.checks import SEVERITIES, Finding
from app.review.batch import BatchReview, MaterialReview

REPORT_TITLE = "对照检查材料批量审阅报告"
SEVERITY_NAMES = {"error": "错误", "warning": "警告", "hint": "提示"}
SUMMARY_HEADERS = (
    "排序",
    "文件",
    "标题",
    "年度框架",
    "错误",
    "重复占比",
    "缺少方面",
    "警告",
    "主要重复来源",
)
FINDING_HEADERS = ("排序", "文件", "严重程度", "规则", "位置", "原文", "说明")
SHARED_HEADERS = (
    "排序",
    "文件",
    "相同来源材料",
    "来源标题",
    "相同字数",
    "占本材料",
    "最长相同段落",
)
FAILURE_HEADERS = ("文件", "原因")
# Per material, the HTML and PDF list the other materials sharing most; the XLSX lists all.
# (Common formulas make nearly every pair share a clause or two: 200 × 199 rows help nobody.)
SHARED_LISTED = 10
RANKING_NOTE = "排序：先看错误条数，再看与其他材料重复的占比，再看缺少的方面，最后看警告条数。"


def percent(share: float) -> str:
    return f"{share * 100:.0f}%"


def intro_line(review: BatchReview) -> str:
    return (
        f"文件夹：{review.folder}；审阅材料 {len(review.materials)} 份，"
        f"未能导入 {len(review.failures)} 个文件；连续相同 ≥ {review.min_chars} 字计入重复。"
        + RANKING_NOTE
    )


def summary_row(material: MaterialReview) -> list[str]:
    top = material.shared[0] if material.shared else None
    source = f"{top.other}（{percent(top.share)}）" if top is not None else ""
    return [
        str(material.rank),
        material.file,
        material.title or "（无标题）",
        material.template_name or "未识别",
        str(material.count("error")),
        percent(material.share),
        "、".join(material.missing_dimensions),
        str(material.count("warning")),
        source,
    ]


def findings_by_severity(material: MaterialReview) -> list[tuple[str, list[Finding]]]:
    out = []
    for severity in SEVERITIES:
        found = [f for f in material.findings if f.severity == severity]
        if found:
            out.append((severity, found))
    return out


def listed_shared(material: MaterialReview) -> tuple[list, str]:
    """The other materials listed for ``material``, and a line for the rest ("" when none)."""
    listed, rest = material.shared[:SHARED_LISTED], material.shared[SHARED_LISTED:]
    if not rest:
        return listed, ""
    most = max(s.chars for s in rest)
    return (
        listed,
        f"另有 {len(rest)} 份材料与本材料有相同文字，每份不超过 {most} 字（全部见 XLSX 报告）。",
    )
