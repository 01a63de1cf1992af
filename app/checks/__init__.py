"""Checks — what reviewers send back, found while the user types (issue 6).

``run_checks(material)`` returns every ``Finding``: placeholders and leftovers, punctuation and
quote marks, official formulations, common typos, structure, repetition and 见人见事. Wording
lists are data in ``resources/checks/*.toml``. ``apply_fix`` turns a finding into the edit the
UI or CLI applies. Paths and edits are defined in ``app.checks.paths``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from app.checks import (
    concreteness,
    formulations,
    placeholders,
    punctuation,
    quotes,
    rectification,
    repetition,
    structure,
    typos,
)
from app.checks.concreteness import PointScore, concreteness_scores
from app.checks.findings import SEVERITIES, Finding, ignore_key
from app.checks.paths import Edit, apply_edit, edit_for, edits_for_texts, get_text, iter_text_fields
from app.errors import InputError
from app.model import Material
from app.templates import Template, get_template

__all__ = [
    "SEVERITIES",
    "CheckOptions",
    "Edit",
    "Finding",
    "PointScore",
    "apply_edit",
    "apply_fix",
    "apply_fixes",
    "concreteness_scores",
    "ignore_key",
    "run_checks",
]

_SEVERITY_ORDER = {s: i for i, s in enumerate(SEVERITIES)}


@dataclass(frozen=True)
class CheckOptions:
    require_examples: bool | None = None  # None: as resources/checks/structure.toml says


def run_checks(
    material: Material,
    template: Template | None = None,
    *,
    ignored: Iterable[str] = (),
    options: CheckOptions | None = None,
) -> list[Finding]:
    """All findings, sorted by position in reading order then severity; findings whose
    ``key`` is in ``ignored`` are left out. The template defaults to the material's own."""
    if template is None:
        template = _template_of(material)
    options = options or CheckOptions()
    fields = list(iter_text_fields(material))
    found: list[Finding] = []
    found += placeholders.check(material, fields)
    found += punctuation.check(fields)
    found += quotes.check(fields)
    found += formulations.check(material, fields, template)
    found += typos.check(fields)
    found += structure.check(material, template, require_examples=options.require_examples)
    found += repetition.check(fields)
    found += concreteness.check(material)
    found += rectification.check(material, fields)
    skip = set(ignored)
    order = {f.path: i for i, f in enumerate(fields)}
    # The message is part of a finding's identity: several parts missing from one place (each
    # dimension a template asks for) are reported at the same path and range, one finding each.
    unique = {(f.rule, f.path, f.start, f.end, f.message): f for f in found if f.key not in skip}
    return sorted(
        unique.values(),
        key=lambda f: (order.get(f.path, -1), f.start, _SEVERITY_ORDER[f.severity], f.rule),
    )


def _template_of(material: Material) -> Template | None:
    try:
        return get_template(material.template_id)
    except InputError:
        return None


def apply_fix(material: Material, finding: Finding) -> Edit:
    """The edit ``(node_path, field, new_value)`` that applies the finding's fix. The material
    itself is not changed. InputError when the finding has no fix or the text has changed
    since the checks ran (the excerpt is no longer at its place)."""
    return edit_for(material, finding.path, _fixed_text(material, finding.path, [finding]))


def apply_fixes(material: Material, findings: Iterable[Finding]) -> list[Edit]:
    """Edits applying every fixable finding, one edit per field; where fixes overlap in one
    field the first is kept. Apply each with ``apply_edit`` or the library's update methods."""
    by_path: dict[str, list[Finding]] = {}
    for f in findings:
        if f.fix is not None:
            by_path.setdefault(f.path, []).append(f)
    new_texts = {}
    for path, group in by_path.items():
        chosen, last_end = [], -1
        for f in sorted(group, key=lambda f: (f.start, f.end)):
            if f.start >= last_end:
                chosen.append(f)
                last_end = max(f.end, f.start + 1)
        new_texts[path] = _fixed_text(material, path, chosen)
    return edits_for_texts(material, new_texts)


def _fixed_text(material: Material, path: str, findings: list[Finding]) -> str:
    text = get_text(material, path)
    for f in sorted(findings, key=lambda f: f.start, reverse=True):
        if f.fix is None:
            raise InputError(
                f"这条检查结果没有自动修改：{f.message}", f"finding {f.rule} has no fix"
            )
        if text[f.start : f.end] != f.excerpt:
            raise InputError(
                "内容已改动，请重新检查后再修改。", f"text at {path} changed since the check ran"
            )
        text = text[: f.start] + f.fix + text[f.end :]
    return text
