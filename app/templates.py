"""Templates — 年度框架: a year's sections and official dimensions, loaded from TOML data files.

The dimensions change every year, so they live in ``resources/templates/*.toml`` and never in
code. ``material_from_template`` builds an empty material from one.

A user's own templates (made from a year's notice, or imported) live in
``<user config dir>/duizhao/templates/*.toml``, the same schema, and are listed beside the
bundled ones (``app.user_templates`` writes them). An update never touches that folder. A user
file that cannot be read, or that has a bundled template's id, is skipped with a warning in the
log: it never stops the program and never shadows a bundled template.
"""

from __future__ import annotations

import logging
import os
import re
import tomllib
from dataclasses import dataclass, field, replace
from functools import cache, lru_cache
from pathlib import Path

from app.errors import InputError
from app.model import SECTION_KINDS, Dimension, Material, Section
from app.resources import resource_path

_log = logging.getLogger("duizhao.templates")
USER_FOLDER = "templates"


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
    # From the user's folder: set by the loader, not stored in the file, not part of equality.
    user: bool = field(default=False, compare=False)

    def section_heading(self, kind: str) -> str:
        return next((s.heading for s in self.sections if s.kind == kind), "")


def _parse(path: Path) -> Template:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(
            f"模板文件无法读取：{path.name}（{exc}）", f"cannot read template {path.name}: {exc}"
        ) from exc
    template = parse_template_text(text, path.name)
    if path.stem != template.id:
        raise InputError(
            f"模板文件名与模板编号不一致：{path.name}（编号 {template.id}）",
            f"template file name {path.name} does not match its id {template.id}",
        )
    return template


def parse_template_text(text: str, name: str = "") -> Template:
    """A template from the text of a TOML file (``name``: the file, for messages). InputError
    for anything that is not a template of this schema."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise InputError(
            f"模板文件无法读取：{name}（{exc}）", f"cannot read template {name}: {exc}"
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
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise InputError(
            f"模板文件格式错误：{name}（{exc}）", f"malformed template {name}: {exc}"
        ) from exc
    bad = [s.kind for s in sections if s.kind not in SECTION_KINDS]
    problems = _field_problems(template)
    if bad or problems:
        raise InputError(
            f"模板文件格式错误：{name}（{'；'.join(problems) or '未知的部分类型'}）",
            f"malformed template {name} (kinds {bad}; {'; '.join(problems)})",
        )
    return template


_ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,79}$")


def _field_problems(template: Template) -> list[str]:
    """What makes a parsed template unusable: wrong types a TOML file can still carry."""
    problems = []
    if not isinstance(template.id, str) or not _ID_RE.match(template.id):
        problems.append(f"编号 {template.id!r} 只能用字母、数字、- _ .")
    texts = (template.name, template.meeting, template.title_pattern, template.source)
    if not all(isinstance(t, str) for t in texts) or not str(template.name).strip():
        problems.append("名称等字段须为文字")
    if template.year is not None and (
        not isinstance(template.year, int) or isinstance(template.year, bool)
    ):
        problems.append("年度须为整数")
    for d in template.dimensions:
        words_ok = all(isinstance(k, str) for k in d.keywords)
        if not (isinstance(d.heading, str) and isinstance(d.short_name, str) and words_ok):
            problems.append("查摆方面须为文字")
            break
    try:
        template.title_pattern.format(organization="")
    except (KeyError, IndexError, ValueError, AttributeError):
        problems.append("标题样式只能含 {organization}")
    return problems


def _order(templates) -> tuple[Template, ...]:
    return tuple(sorted(templates, key=lambda t: (t.id == "custom", -(t.year or 0), t.id)))


@cache
def _folder_templates(folder: Path) -> tuple[Template, ...]:
    return _order(_parse(p) for p in sorted(folder.glob("*.toml")))


@cache
def bundled_templates() -> tuple[Template, ...]:
    """The templates shipped in ``resources/templates`` (newest year first, ``custom`` last)."""
    return _folder_templates(resource_path("templates"))


def user_templates_dir() -> Path:
    """``<user config dir>/duizhao/templates``: the user's own templates (may not exist yet)."""
    return Path(_user_folder(_folder_env()))


# The environment platformdirs reads the folder from: asked on every template lookup (the
# status bar asks per keystroke), so the folder is worked out once per environment.
_FOLDER_ENV = ("XDG_CONFIG_HOME", "HOME", "APPDATA", "LOCALAPPDATA", "USERPROFILE")


def _folder_env() -> tuple[str, ...]:
    return tuple(os.environ.get(k, "") for k in _FOLDER_ENV)


@lru_cache(maxsize=8)
def _user_folder(_env: tuple[str, ...]) -> str:
    # platformdirs is imported here so that loading the bundled templates never pays for it.
    import platformdirs

    return os.path.join(platformdirs.user_config_dir("duizhao"), USER_FOLDER)


def templates_signature() -> tuple:
    """Changes when a user template file appears, changes or goes away (a cache key)."""
    folder = _user_folder(_folder_env())
    try:
        with os.scandir(folder) as entries:
            names = sorted(e.name for e in entries if e.name.lower().endswith(".toml"))
    except OSError:
        return (folder,)
    return (folder, *((name, *_stamp(os.path.join(folder, name))) for name in names))


def _stamp(path: str) -> tuple[int, int]:
    try:
        st = os.stat(path)
    except OSError:
        return (0, -1)
    return (st.st_mtime_ns, st.st_size)


@lru_cache(maxsize=8)
def _user_templates(signature: tuple) -> tuple[tuple[Template, ...], tuple[str, ...]]:
    """(the user's templates, one warning per file skipped). A file that cannot be read or
    parsed, or that has a bundled template's id, is skipped: logged, never fatal."""
    bundled_ids = {t.id for t in bundled_templates()}
    found: list[Template] = []
    skipped: list[str] = []
    for name, *_stamp_values in signature[1:]:
        path = Path(signature[0]) / name
        try:
            template = _parse(path)
        except InputError as exc:
            skipped.append(f"{exc.zh} / {exc.en}")
            continue
        if template.id in bundled_ids:
            skipped.append(
                f"自建模板 {name} 与内置模板编号相同（{template.id}），已跳过 / "
                f"user template {name} has the id of a bundled template ({template.id}): skipped"
            )
            continue
        found.append(replace(template, user=True))
    for warning in skipped:
        _log.warning("%s", warning)
    return tuple(found), tuple(skipped)


def user_templates() -> tuple[Template, ...]:
    return _user_templates(templates_signature())[0]


def skipped_user_templates() -> tuple[str, ...]:
    """Why each unusable file in the user's folder was skipped (zh / en, one line each)."""
    return _user_templates(templates_signature())[1]


def load_templates(directory: Path | None = None) -> tuple[Template, ...]:
    """All templates, newest year first, ``custom`` last: the bundled ones and the user's own
    (or only those in ``directory`` when given)."""
    if directory is not None:
        return _folder_templates(directory)
    return _all_templates(templates_signature())


@lru_cache(maxsize=8)
def _all_templates(signature: tuple) -> tuple[Template, ...]:
    return _order((*bundled_templates(), *_user_templates(signature)[0]))


def get_template(template_id: str) -> Template:
    # A bundled id is never the user's (such a file is skipped): found without reading the
    # user's folder, as the window's status bar asks before its first paint.
    for t in bundled_templates():
        if t.id == template_id:
            return t
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
