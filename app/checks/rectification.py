"""整改清单: once the writer has started the list (``app.rectification.has_list``), every problem
should be answered by a linked measure and every measure should answer a problem. Before that,
a material that never used links (most imported ones) is not flooded with findings; the
dimension-level ``structure.unanswered`` still looks at the wording."""

from __future__ import annotations

from app.checks.findings import Finding
from app.checks.paths import TextField
from app.model import Material
from app.rectification import has_list, measure_points, problem_points


def check(material: Material, fields: list[TextField]) -> list[Finding]:
    if not has_list(material):
        return []
    titles = {id(f.point): f for f in fields if f.role == "point_title" and f.point is not None}
    measures = measure_points(material)
    measure_ids = {p.id for p in measures if p.id is not None}
    problem_ids = {p.id for _d, p in problem_points(material) if p.id is not None}
    out: list[Finding] = []
    for _dim, problem in problem_points(material):
        if not set(problem.links) & measure_ids and id(problem) in titles:
            out.append(
                _whole(
                    "rectification.unlinked_problem",
                    titles[id(problem)],
                    f"问题“{_name(problem.title)}”没有关联整改措施，整改清单中缺少对应的措施。",
                )
            )
    for measure in measures:
        if not set(measure.links) & problem_ids and id(measure) in titles:
            out.append(
                _whole(
                    "rectification.unlinked_measure",
                    titles[id(measure)],
                    f"整改措施“{_name(measure.title)}”没有关联到任何问题。",
                )
            )
    return out


def _name(title: str) -> str:
    title = title.strip() or "（无标题）"
    return title if len(title) <= 20 else title[:19] + "…"


def _whole(rule: str, field: TextField, message: str) -> Finding:
    return Finding(rule, "warning", field.path, 0, len(field.text), field.text, message, None)
