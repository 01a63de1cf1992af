"""A 查重 report as one self-contained HTML file (styles inline, no script, no outside link) the
writer can hand to a reviewer: the score, per section, every shared passage with its place in
this material and in each source (the source paragraph shown with the shared words marked), the
problems repeated from last year. Every piece of user text is escaped."""

from __future__ import annotations

from html import escape

from app.compare.report import RECTIFICATION_NAMES, RELATION_NAMES, SimilarityReport
from app.compare.report_context import ReportContext, grouped, split_at

SOURCES_PER_SPAN = 5  # listed per shared passage; the rest are counted

_STYLE = """
body { font-family: "FangSong", "仿宋", "STFangsong", serif; max-width: 60em; margin: 2em auto;
  padding: 0 1em; line-height: 1.7; color: #222; }
h1 { font-family: "SimHei", "黑体", sans-serif; text-align: center; font-size: 1.6em; }
h2 { font-family: "SimHei", "黑体", sans-serif; font-size: 1.2em; margin-top: 1.6em;
  border-bottom: 1px solid #999; }
.subtitle { text-align: center; font-size: 1.1em; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #999; padding: 0.2em 0.5em; text-align: left; vertical-align: top; }
th { background: #eee; }
td.n { text-align: right; white-space: nowrap; }
mark { background: #ffe58f; }
.passage { margin: 0.8em 0; padding: 0.4em 0.8em; border-left: 3px solid #d48806; }
.where { font-weight: bold; }
.source { margin: 0.3em 0 0.3em 1.5em; color: #333; }
.note { color: #666; font-size: 0.9em; }
"""


def _percent(share: float) -> str:
    return f"{share * 100:.0f}%"


def _marked(paragraph: str, span) -> str:
    before, shared, after = split_at(paragraph, span)
    return f"{escape(before)}<mark>{escape(shared)}</mark>{escape(after)}"


def render_report_html(report: SimilarityReport, context: ReportContext) -> str:
    title = report.title or "无标题"
    out = [
        "<!DOCTYPE html>",
        '<html lang="zh-CN"><head><meta charset="utf-8">',
        f"<title>查重报告 — {escape(title)}</title>",
        f"<style>{_STYLE}</style></head><body>",
        "<h1>查重报告</h1>",
        f'<p class="subtitle">《{escape(title)}》</p>',
        f"<p>重复字数 <b>{report.shared_chars}</b> / {report.chars}"
        f"（<b>{_percent(report.share)}</b>）；连续相同不少于 {report.min_chars} 字计入"
        f"（不计标点、空格和编号）；比对来源 {report.sources_compared} 份。</p>",
        "<h2>各部分重复情况</h2>",
        "<table><tr><th>部分</th><th>字数</th><th>重复字数</th><th>比例</th></tr>",
    ]
    for s in report.sections:
        out.append(
            f'<tr><td>{escape(s.label)}</td><td class="n">{s.chars}</td>'
            f'<td class="n">{s.shared_chars}</td><td class="n">{_percent(s.share)}</td></tr>'
        )
    out.append("</table>")
    groups = grouped(report)
    out.append(f"<h2>相同段落（{len(groups)} 处）</h2>")
    if not groups:
        out.append("<p>未发现相同段落。</p>")
    for number, (span, matches) in enumerate(groups, 1):
        out.append('<div class="passage">')
        out.append(
            f'<p><span class="where">{number}. {escape(context.where(span))}</span>：'
            f"{_marked(context.paragraph(span), span)}</p>"
        )
        for m in matches[:SOURCES_PER_SPAN]:
            source = context.source(m)
            out.append(
                f'<p class="source">← {escape(RELATION_NAMES[m.source.relation])} '
                f"{escape(m.source.label())} · {escape(source.where)}"
                f"（该条与此来源重复 {_percent(m.unit_share)}）：<br>"
                f"{_marked(source.paragraph, m.source_span)}</p>"
            )
        if len(matches) > SOURCES_PER_SPAN:
            out.append(f'<p class="source note">另有 {len(matches) - SOURCES_PER_SPAN} 处来源</p>')
        out.append("</div>")
    if report.repeated:
        out += [
            "<h2>与上年重复的问题</h2>",
            "<table><tr><th>问题</th><th>上年材料</th><th>重复比例</th><th>上年整改</th></tr>",
        ]
        for r in report.repeated:
            out.append(
                f"<tr><td>{escape(r.title or r.path)}</td><td>{escape(r.source.label())}</td>"
                f'<td class="n">{_percent(r.share)}</td>'
                f"<td>{escape(RECTIFICATION_NAMES.get(r.rectification, r.rectification))}</td></tr>"
            )
        out.append("</table>")
    if report.skipped_files:
        out.append("<h2>未比对的文件</h2><ul>")
        out += [f"<li>{escape(p)}：{escape(reason)}</li>" for p, reason in report.skipped_files]
        out.append("</ul>")
    out.append("</body></html>")
    return "\n".join(out) + "\n"
