"""Shared helpers for the checks tests: the seed imported, the planted/clean materials."""

from __future__ import annotations

import json
from pathlib import Path

from app.checks import Finding
from app.importers.text import import_text_file
from app.model import Material
from app.serialize import material_from_json

DATA = Path(__file__).resolve().parent.parent / "data" / "checks"


def seed_material(seed_path: Path) -> Material:
    material, _report = import_text_file(seed_path)
    return material


def data_material(name: str) -> Material:
    material, _links = material_from_json((DATA / name).read_text(encoding="utf-8"))
    return material


def planted_faults() -> list[dict]:
    return json.loads((DATA / "planted-2021.expected.json").read_text(encoding="utf-8"))["faults"]


def at(
    findings: list[Finding], rule: str, path: str | None = None, excerpt: str | None = None
) -> list[Finding]:
    return [
        f
        for f in findings
        if f.rule == rule
        and (path is None or f.path == path)
        and (excerpt is None or f.excerpt == excerpt)
    ]


def material_with(
    body: str = "",
    *,
    example: str = "",
    title: str = "学习不够系统",
    year: int | None = 2021,
    organization: str = "县政府党组",
    template_id: str = "custom",
    prefix: str = "在“",
    heading: str = "带头强化政治忠诚",
    suffix: str = "”方面：",
    preamble: list[str] | None = None,
) -> Material:
    """A small material with one problem point whose fields the test chooses."""
    from app.model import Dimension, Point, Section

    problems = Section(
        "problems",
        "存在的主要问题",
        dimensions=[
            Dimension(heading, "政治忠诚", prefix, suffix, points=[Point(title, body, example)])
        ],
    )
    causes = Section("causes", "问题根源剖析", points=[Point("理论学习不够", "学习不够深入。")])
    measures = Section(
        "measures", "努力方向和整改措施", points=[Point("强化政治忠诚", "加强学习。")]
    )
    return Material(
        title="县政府党组对照检查材料",
        organization=organization,
        year=year,
        template_id=template_id,
        preamble=preamble or [],
        sections=[problems, causes, measures],
    )


def findings_in(material: Material, path: str, rule_prefix: str = "") -> list[Finding]:
    from app.checks import run_checks

    return [f for f in run_checks(material) if f.path == path and f.rule.startswith(rule_prefix)]


BODY = "problems/dimensions/0/points/0/body"
EXAMPLE = "problems/dimensions/0/points/0/example"


def enlarged(material: Material, copies: int) -> Material:
    """The material with every section's points and dimensions repeated ``copies`` times
    (the seed × 12 ≈ 100 pages of 22 × 28 characters)."""
    import copy

    big = copy.deepcopy(material)
    for section in big.sections:
        section.points = [copy.deepcopy(p) for _ in range(copies) for p in section.points]
        section.dimensions = [copy.deepcopy(d) for _ in range(copies) for d in section.dimensions]
    return big
