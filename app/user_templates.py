"""The user's own templates: made from a year's notice, saved, exported and imported as TOML.

They live in ``<user config dir>/duizhao/templates/<id>.toml`` (``app.templates`` lists them
beside the bundled ones) in the bundled templates' schema, so a file exported here can be read
by anyone's copy, and a bundled file could be installed as it is. Ids made here start with
``user-``: no bundled template uses that prefix, so an update never collides with them.

Conflicts are refused, never resolved silently: a template with a bundled template's id is not
installed, and one whose id the user already has replaces it only when asked. Every write is
atomic (temp file + ``os.replace``); a refused or failed install leaves the folder as it was.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from app.errors import InputError
from app.notice import NoticeFramework
from app.notice_wording import keywords_for
from app.templates import (
    Template,
    TemplateDimension,
    TemplateSection,
    bundled_templates,
    parse_template_text,
    user_templates,
    user_templates_dir,
)

MAX_TEMPLATE_BYTES = 256 * 1024  # a template is a page of text; anything larger is not one
USER_ID_PREFIX = "user-"
_FRAMES = {  # frame → (dimension_prefix, dimension_suffix), as the bundled templates print
    "daitou": ("在“", "”方面："),
    "fangmian": ("在", "方面："),
    "duizhao": ("", "方面："),
}


class TemplateExistsError(InputError):
    """The user already has a template with this id (the caller may ask, then replace)."""


@dataclass(frozen=True)
class DimensionDraft:
    """One row of the dialog's list: the wording and the short name the user settled on."""

    heading: str
    short_name: str


def template_from_notice(
    framework: NoticeFramework,
    *,
    name: str,
    dimensions: list[DimensionDraft],
    meeting: str | None = None,
    year: int | None = None,
    template_id: str | None = None,
) -> Template:
    """The template the user confirmed: ``dimensions`` in order (edited, added, removed), the
    meeting and year as checked. InputError when a row lacks its wording or short name."""
    meeting = (framework.meeting if meeting is None else meeting).strip()
    rows = [DimensionDraft(d.heading.strip(), d.short_name.strip()) for d in dimensions]
    rows = [r for r in rows if r.heading or r.short_name]
    if not name.strip():
        raise InputError("请填写模板名称", "the template needs a name")
    if not rows:
        raise InputError("模板至少要有一个查摆方面", "the template needs at least one dimension")
    missing = [i + 1 for i, r in enumerate(rows) if not r.heading or not r.short_name]
    if missing:
        raise InputError(
            f"第 {'、'.join(map(str, missing))} 个查摆方面缺少表述或简称",
            f"dimension {', '.join(map(str, missing))} lacks its wording or short name",
        )
    shorts = [r.short_name for r in rows]
    repeated = sorted({s for s in shorts if shorts.count(s) > 1})
    if repeated:
        raise InputError(
            f"查摆方面的简称重复：{'、'.join(repeated)}",
            f"dimension short names repeat: {', '.join(repeated)}",
        )
    prefix, suffix = _FRAMES.get(framework.frame, _FRAMES["daitou"])
    sections = [TemplateSection("problems", "存在的主要问题")]
    if framework.mentions_previous:
        sections.insert(0, TemplateSection("previous_rectification", "上年度整改落实情况", True))
    if framework.mentions_case_study:
        sections.append(TemplateSection("case_study", "反面典型案例剖析", True))
    sections += [
        TemplateSection("causes", "问题根源剖析"),
        TemplateSection("measures", "努力方向和整改措施"),
    ]
    source = "由通知生成的自建模板"
    if framework.title:
        source += f"：{framework.title}"
    return Template(
        id=template_id or new_template_id(year),
        name=name.strip(),
        year=year,
        meeting=meeting,
        scope="group",
        status="user",
        title_pattern="{organization}" + _braces_kept(meeting) + "对照检查材料",
        title_keywords=tuple(k for k in (_year_key(year), _theme_key(meeting)) if k),
        dimension_prefix=prefix,
        dimension_suffix=suffix,
        source=source,
        sections=tuple(sections),
        dimensions=tuple(
            TemplateDimension(r.short_name, r.heading, tuple(keywords_for(r.heading, r.short_name)))
            for r in rows
        ),
        user=True,
    )


def _braces_kept(text: str) -> str:
    """A meeting name inside the title pattern: its own braces are text, not fields."""
    return text.replace("{", "{{").replace("}", "}}")


def _year_key(year: int | None) -> str:
    return f"{year}年度" if year else ""


def _theme_key(meeting: str) -> str:
    m = re.search(r"([^年度“”]{2,12})专题", meeting)
    return m.group(1)[-6:] if m else ""


def new_template_id(year: int | None) -> str:
    """``user-2026``, ``user-2026-2``…: unused among the bundled and the user's templates."""
    taken = {t.id for t in (*bundled_templates(), *user_templates())}
    taken |= {p.stem for p in _existing_files()}
    base = f"{USER_ID_PREFIX}{year}" if year else f"{USER_ID_PREFIX}template"
    candidate, n = base, 1
    while candidate in taken:
        n += 1
        candidate = f"{base}-{n}"
    return candidate


def _existing_files() -> list[Path]:
    try:
        return sorted(user_templates_dir().glob("*.toml"))
    except OSError:
        return []


# ----- TOML ------------------------------------------------------------------------------------


def template_to_toml(template: Template) -> str:
    """The template in the bundled files' schema (``user`` is where it lives, not stored)."""
    import tomli_w

    data: dict = {"id": template.id, "name": template.name}
    if template.year is not None:
        data["year"] = template.year
    data |= {
        "meeting": template.meeting,
        "scope": template.scope,
        "status": template.status,
        "title_pattern": template.title_pattern,
        "title_keywords": list(template.title_keywords),
        "dimension_prefix": template.dimension_prefix,
        "dimension_suffix": template.dimension_suffix,
        "source": template.source,
        "sections": [
            {"kind": s.kind, "heading": s.heading} | ({"optional": True} if s.optional else {})
            for s in template.sections
        ],
        "dimensions": [
            {"short_name": d.short_name, "heading": d.heading, "keywords": list(d.keywords)}
            | ({"points": list(d.points)} if d.points else {})
            for d in template.dimensions
        ],
    }
    return tomli_w.dumps(data)


def read_template_file(path: str | Path) -> Template:
    """A template from a .toml file the user picked. InputError for anything else."""
    from app.target_guard import describe_input

    path = Path(path)
    problem = describe_input(path)
    if problem is not None:
        raise problem
    if path.suffix.lower() != ".toml":
        raise InputError(
            f"模板文件应为 .toml：{path.name}", f"a template file is a .toml file: {path.name}"
        )
    try:
        size = path.stat().st_size
        if size > MAX_TEMPLATE_BYTES:
            raise InputError(
                f"文件过大，不是模板（{size // 1024} KB）：{path.name}",
                f"file too large to be a template ({size // 1024} KB): {path.name}",
            )
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"模板文件不是 UTF-8 编码：{path.name}", f"template file is not UTF-8: {path.name}"
        ) from exc
    except OSError as exc:
        raise InputError(
            f"无法读取文件：{path}（{exc.strerror or exc}）", f"cannot read {path}: {exc}"
        ) from exc
    return parse_template_text(text, path.name)


# ----- the user's folder -----------------------------------------------------------------------


def install_template(template: Template, *, replace: bool = False) -> Path:
    """Save ``template`` in the user's folder; returns the file. Refused (InputError, nothing
    written) when a bundled template has its id, or the user already has one with that id and
    ``replace`` is False."""
    from app.exporters.files import write_text_atomic

    if any(t.id == template.id for t in bundled_templates()):
        raise InputError(
            f"模板编号“{template.id}”与内置模板相同，未保存（内置模板不能被覆盖；请修改编号）",
            f"template id {template.id!r} is a bundled template's; not saved (bundled templates "
            "cannot be replaced; change the id)",
        )
    folder = user_templates_dir()
    target = folder / f"{template.id}.toml"
    if target.exists() and not replace:
        raise TemplateExistsError(
            f"已有编号为“{template.id}”的自建模板，未覆盖",
            f"you already have a template with id {template.id!r}; not replaced",
        )
    text = template_to_toml(template)
    parse_template_text(text, target.name)  # what is written reads back, or nothing is written
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(
            f"无法创建模板文件夹：{folder}（{exc.strerror or exc}）",
            f"cannot create the templates folder {folder}: {exc}",
        ) from exc
    return write_text_atomic(target, text)


def import_template_file(path: str | Path, *, replace: bool = False) -> Template:
    """Read a .toml template and install it (see ``install_template`` for conflicts)."""
    template = read_template_file(path)
    install_template(template, replace=replace)
    return next(t for t in user_templates() if t.id == template.id)


def export_template(template: Template, path: str | Path, *, force: bool = False) -> Path:
    """Write ``template`` as TOML to ``path`` (atomic; any template, bundled or the user's)."""
    from app.exporters.files import write_text_atomic

    return write_text_atomic(path, template_to_toml(template), force=force)


def remove_user_template(template_id: str) -> None:
    """Delete one of the user's templates. Materials made from it keep their content."""
    if not any(t.id == template_id for t in user_templates()):
        raise InputError(
            f"没有这个自建模板：{template_id}", f"no such user template: {template_id}"
        )
    try:
        (user_templates_dir() / f"{template_id}.toml").unlink()
    except OSError as exc:
        raise InputError(
            f"无法删除模板：{template_id}（{exc.strerror or exc}）",
            f"cannot delete template {template_id}: {exc}",
        ) from exc
