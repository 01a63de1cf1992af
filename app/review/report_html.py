"""The batch review as one self-contained HTML page (no script, no outside file): the ranked
summary table, then per material its shared passages, missing dimensions and findings by
severity, then the files that could not be imported. Every user text is escaped."""

from __future__ import annotations

from html import escape

from app.review.batch import BatchReview, MaterialReview
from app.review.wording import (
    REPORT_TITLE,
    SEVERITY_NAMES,
    SUMMARY_HEADERS,
    findings_by_severity,
    intro_line,
    listed_shared,
    percent,
    summary_row,
)

_STYLE = """
body { font-family: "FangSong", "仿宋", "SimSun", serif; margin: 2em; line-height: 1.6; }
h1 { font-family: "SimHei", "黑体", sans-serif; text-align: center; }
h2 { font-family: "SimHei", "黑体", sans-serif; border-bottom: 1px solid #999; margin-top: 2em; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #666; padding: 4px 6px; vertical-align: top; }
th { background: #e6e6e6; }
td.n { text-align: right; white-space: nowrap; }
.error { color: #b00000; } .warning { color: #8a5a00; } .hint { color: #555; }
"""


def render_review_html(review: BatchReview) -> str:
    parts = [
        "<!DOCTYPE html>",
        '<html lang="zh-CN"><head><meta charset="utf-8">',
        f"<title>{escape(REPORT_TITLE)}</title><style>{_STYLE}</style></head><body>",
        f"<h1>{escape(REPORT_TITLE)}</h1>",
        f"<p>{escape(intro_line(review))}</p>",
        '<table id="summary"><thead><tr>',
        *(f"<th>{escape(h)}</th>" for h in SUMMARY_HEADERS),
        "</tr></thead><tbody>",
    ]
    for material in review.materials:
        cells = summary_row(material)
        row = "".join(
            f'<td class="n">{escape(c)}</td>' if i in (0, 4, 5, 6, 7) else f"<td>{escape(c)}</td>"
            for i, c in enumerate(cells)
        )
        parts.append(f"<tr>{row}</tr>")
    parts.append("</tbody></table>")
    for material in review.materials:
        parts += _material_section(material)
    if review.failures:
        parts.append('<h2 id="failures">未能导入的文件</h2><table><thead><tr>')
        parts.append("<th>文件</th><th>原因</th></tr></thead><tbody>")
        for failure in review.failures:
            parts.append(
                f"<tr><td>{escape(failure.file)}</td><td>{escape(failure.reason)}</td></tr>"
            )
        parts.append("</tbody></table>")
    parts.append("</body></html>\n")
    return "\n".join(parts)


def _material_section(material: MaterialReview) -> list[str]:
    title = material.title or "（无标题）"
    framework = material.template_name or "未识别"
    out = [
        f'<h2 id="m{material.rank}">{material.rank}. {escape(title)}</h2>',
        f"<p>文件：{escape(material.file)}；年度框架：{escape(framework)}；"
        f"重复 {material.shared_chars} / {material.chars} 字（{percent(material.share)}）</p>",
    ]
    if material.shared:
        out.append("<h3>与其他材料相同的文字</h3><table><thead><tr>")
        out.append("<th>材料</th><th>标题</th><th>相同字数</th><th>占本材料</th>")
        out.append("<th>最长相同段落（不计标点）</th></tr></thead><tbody>")
        listed, rest = listed_shared(material)
        for s in listed:
            out.append(
                f"<tr><td>{escape(s.other)}</td><td>{escape(s.other_title)}</td>"
                f'<td class="n">{s.chars}</td><td class="n">{percent(s.share)}</td>'
                f"<td>{escape(s.example)}</td></tr>"
            )
        out.append("</tbody></table>")
        if rest:
            out.append(f"<p>{escape(rest)}</p>")
    if material.missing_dimensions:
        missing = "、".join(material.missing_dimensions)
        out.append(f'<p class="missing">缺少的方面：{escape(missing)}</p>')
    for severity, findings in findings_by_severity(material):
        out.append(f'<h3 class="{severity}">{SEVERITY_NAMES[severity]}（{len(findings)}）</h3><ul>')
        for f in findings:
            excerpt = f"「{f.excerpt}」" if f.excerpt else ""
            out.append(f'<li class="{severity}">{escape(f.message)}{escape(excerpt)}</li>')
        out.append("</ul>")
    return out
