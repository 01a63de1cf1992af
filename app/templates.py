"""Templates — 年度框架: a year's sections and official dimensions, loaded from TOML data files.

The dimensions change every year, so they live in ``resources/templates/*.toml`` and never in
code. ``material_from_template`` builds an empty material from one.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from app.errors import InputError
from app.model import SECTION_KINDS, Dimension, Material, Section
from app.resources import resource_path


@dataclass(frozen=True)
class TemplateDimension:
    short_name: str
    heading: str
    keywords: tuple[str, ...] = ()
    points: tuple[int, int] | None = None  # suggested number of points (min, max)


@dataclass(frozen=True)
class TemplateSection:
    kind: str
    heading: str
    optional: bool = False


@dataclass(frozen=True)
class Template:
    id: str
    name: str
    year: int | None
    meeting: str
    scope: str
    status: str
    title_pattern: str
    title_keywords: tuple[str, ...]
    dimension_prefix: str
    dimension_suffix: str
    source: str
    sections: tuple[TemplateSection, ...]
    dimensions: tuple[TemplateDimension, ...] = field(default=())

    def section_heading(self, kind: str) -> str:
        return next((s.heading for s in self.sections if s.kind == kind), "")


def _parse(path: Path) -> Template:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise InputError(
            f"模板文件无法读取：{path.name}（{exc}）", f"cannot read template {path.name}: {exc}"
        ) from exc
    try:
        sections = tuple(
            TemplateSection(
                kind=s["kind"], heading=s["heading"], optional=bool(s.get("optional", False))
            )
            for s in data.get("sections", [])
        )
        dimensions = tuple(
            TemplateDimension(
                short_name=d["short_name"],
                heading=d["heading"],
                keywords=tuple(d.get("keywords", ())),
                points=tuple(d["points"]) if "points" in d else None,
            )
            for d in data.get("dimensions", [])
        )
        template = Template(
            id=data["id"],
            name=data["name"],
            year=data.get("year"),
            meeting=data.get("meeting", ""),
            scope=data.get("scope", "group"),
            status=data.get("status", "confirmed"),
            title_pattern=data.get("title_pattern", "{organization}对照检查材料"),
            title_keywords=tuple(data.get("title_keywords", ())),
            dimension_prefix=data.get("dimension_prefix", ""),
            dimension_suffix=data.get("dimension_suffix", ""),
            source=data.get("source", ""),
            sections=sections,
            dimensions=dimensions,
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise InputError(
            f"模板文件格式错误：{path.name}（{exc}）", f"malformed template {path.name}: {exc}"
        ) from exc
    bad = [s.kind for s in sections if s.kind not in SECTION_KINDS]
    if bad or path.stem != template.id:
        raise InputError(
            f"模板文件格式错误：{path.name}",
            f"malformed template {path.name} (kinds {bad}, id {template.id})",
        )
    return template


@cache
def load_templates(directory: Path | None = None) -> tuple[Template, ...]:
    """All templates, newest year first, ``custom`` last."""
    folder = directory or resource_path("templates")
    found = [_parse(p) for p in sorted(folder.glob("*.toml"))]
    return tuple(sorted(found, key=lambda t: (t.id == "custom", -(t.year or 0), t.id)))


def get_template(template_id: str) -> Template:
    for t in load_templates():
        if t.id == template_id:
            return t
    raise InputError(f"没有这个模板：{template_id}", f"no such template: {template_id}")


def material_from_template(template: Template, title: str = "", organization: str = "") -> Material:
    """An empty material with the template's sections and (empty) dimensions."""
    sections = []
    for ts in template.sections:
        if ts.optional:
            continue
        section = Section(kind=ts.kind, heading=ts.heading)
        if ts.kind == "problems":
            section.dimensions = [
                Dimension(
                    heading=td.heading,
                    short_name=td.short_name,
                    heading_prefix=template.dimension_prefix,
                    heading_suffix=template.dimension_suffix,
                )
                for td in template.dimensions
            ]
        sections.append(section)
    if not title:
        title = template.title_pattern.format(organization=organization)
    return Material(
        title=title,
        organization=organization,
        scope=template.scope,
        year=template.year,
        meeting=template.meeting,
        template_id=template.id,
        sections=sections,
    )
