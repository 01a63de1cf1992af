"""``duizhao-cli draft ID --template TEMPLATE_ID`` — next year's draft from last year's material,
as the window's 复制为下一年度草稿 makes it (issue 17.3).

Last year's dimensions go where the suggested mapping says (``app.dimension_mapping``); the year
is ``--year``, else the template's, else last year's plus one; the title ``--title``, else the
one the window suggests. ``--review`` opens the draft with 上年度整改落实情况 (last year's
measures with their status, as prose starters); by default it does when last year's 整改清单 was
kept. Bad input (unknown material or template, a year out of range, ``--review`` without
measures) is refused before anything is written: exit 2, the library unchanged.
"""

from __future__ import annotations

import argparse

from app.errors import InputError

YEARS = range(2000, 2101)  # as the window's year field allows


def add_arguments(sub: argparse.ArgumentParser, material_id) -> None:
    sub.add_argument("id", type=material_id, metavar="ID", help="last year's material")
    sub.add_argument("--template", required=True, metavar="TEMPLATE_ID")
    sub.add_argument(
        "--year", type=int, metavar="N", help="default: the template's year, else ID's year + 1"
    )
    sub.add_argument("--title", metavar="T", help="default: as the window suggests")
    sub.add_argument(
        "--review",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="open with 上年度整改落实情况 (default: when last year's 整改清单 was kept)",
    )


def run(args: argparse.Namespace, library, out, err) -> int:
    from app.library import suggested_title
    from app.previous_rectification import has_measures
    from app.rectification import has_list
    from app.templates import get_template

    template = get_template(args.template)  # unknown → InputError, before any write
    source = library.get_material(args.id)
    year = args.year
    if year is None:
        year = template.year or (source.year + 1 if source.year else None)
    if year is not None and year not in YEARS:
        raise InputError(
            f"年度应在 {YEARS.start}–{YEARS.stop - 1} 之间：{year}",
            f"the year must be between {YEARS.start} and {YEARS.stop - 1}: {year}",
        )
    title = (args.title or "").strip() or suggested_title(source, template, year or 0)
    review = args.review if args.review is not None else has_list(source)
    if review and not has_measures(source):
        raise InputError(
            "上年度材料没有整改措施，无法列出整改落实情况（去掉 --review）",
            "last year's material has no measures to report on (drop --review)",
        )
    new_id = library.duplicate_material(
        args.id, template_id=template.id, year=year, title=title, review=review
    )
    out(str(new_id))
    if review:
        draft = library.get_material(new_id)
        count = len(draft.section("previous_rectification").points)
        err(f"上年度整改落实情况：{count} 项措施 / last year's rectification: {count} measures")
    return 0
