"""The commands of ``duizhao-cli`` (``app.cli`` parses and dispatches): one ``cmd_*`` function a
subcommand, taking the parsed arguments and returning the exit code, and what they share —
opening the library, printing, the outline ``show`` prints. Heavy modules (the library,
exporters) are imported inside the commands that need them, to keep startup fast.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from app.errors import InputError

if TYPE_CHECKING:
    from app.importers import ImportReport
    from app.library import Library
    from app.model import Material


# ----- library access ----------------------------------------------------------------------


@contextmanager
def _library(args: argparse.Namespace, *, readonly: bool) -> Iterator[Library]:
    from app.library import Library
    from app.paths import library_path, prepare_library_path

    path = library_path(args.library)
    if readonly and not path.exists():
        raise InputError(f"材料库不存在：{path}", f"no library at {path}")
    if not readonly:
        prepare_library_path(path)
    library = Library.open(path, readonly=readonly)
    if library.notice is not None:  # e.g. a restore that was killed part way, now finished
        err(f"注意：{library.notice[0]} / note: {library.notice[1]}")
    try:
        yield library
    finally:
        library.close()


# ----- commands ----------------------------------------------------------------------------


def cmd_templates(args: argparse.Namespace) -> int:
    from app.templates_cli import list_templates

    return list_templates(out, _cell)


def cmd_new(args: argparse.Namespace) -> int:
    from app.templates import get_template

    get_template(args.template)  # an unknown id is bad input, reported before the library opens
    with _library(args, readonly=False) as library:
        new_id = library.create_from_template(
            args.template, title=args.title or "", organization=args.organization or ""
        )
    out(str(new_id))
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from app.importers import LegacyWordError, read_file
    from app.importers.legacy import soffice_path

    # Read and validated before the library opens: bad input leaves it as it was.
    try:
        material, report = read_file(args.file, args.template, convert_legacy=args.convert)
    except LegacyWordError as exc:
        if soffice_path() is None:
            raise
        raise InputError(
            f"{exc.zh}（用 LibreOffice 转换请加 --convert）",
            f"{exc.en} (add --convert to convert it with LibreOffice)",
        ) from exc
    with _library(args, readonly=False) as library:
        new_id = library.create_material(material, report.links or None)
    out(str(new_id))
    err(_import_summary(material, report))
    for (
        line
    ) in report.dropped_furniture:  # never silently dropped: the user sees each line left out
        err(f"已作为页面附加内容剔除 / set aside as page furniture: {line}")
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    from app.paths import library_path

    if not library_path(args.library).exists():
        return 0  # no library yet: nothing in it
    with _library(args, readonly=True) as library:
        for s in library.list_materials():
            out(f"{s.id}\t{_cell(s.title)}\t{s.year or ''}\t{s.updated}")
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    with _library(args, readonly=True) as library:
        material = library.get_material(args.id)
    if args.json:
        from app.serialize import material_to_json

        sys.stdout.write(material_to_json(material))
    else:
        sys.stdout.write(outline(material))
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from app.target_guard import ReadOnlyTargetError

    try:
        return _export(args)
    except ReadOnlyTargetError as exc:
        raise InputError(
            f"{exc.zh}（确认覆盖请加 --force）", f"{exc.en} (add --force to replace it)"
        ) from exc


def _export(args: argparse.Namespace) -> int:
    from app.export_cli import write_export
    from app.gc_pause import PausedCollector
    from app.target_guard import check_target

    # Collection is paused from opening the library to the end of a PDF's render (see
    # app.gc_pause); the other formats render with it running, as before.
    with PausedCollector() as collector:
        # Open (read-only, no lock) until written: an open library is never an export's target.
        with _library(args, readonly=True) as library:
            material = library.get_material(args.id)
            check_target(args.output, force=args.force)  # refused before any rendering work
            if args.format != "pdf":
                collector.resume()
            return write_export(material, args, out, err)


def cmd_compile(args: argparse.Namespace) -> int:
    from app import compile_cli

    # Read-only, like export: an open library is never the target.
    with _library(args, readonly=True) as library:
        return compile_cli.run(args, library, out, err)


def cmd_diff(args: argparse.Namespace) -> int:
    from app import diff_cli

    with _library(args, readonly=True) as library:
        return diff_cli.run(args, library, out)


def cmd_draft(args: argparse.Namespace) -> int:
    from app import draft_cli
    from app.templates import get_template

    get_template(args.template)  # an unknown id is bad input, reported before the library opens
    with _library(args, readonly=False) as library:
        return draft_cli.run(args, library, out, err)


def cmd_fonts(args: argparse.Namespace) -> int:
    from app.font_report import font_report
    from app.fonts import choose_fonts

    for line in font_report(choose_fonts()):
        out(line)
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    from app.checks_cli import run_check_command

    with _library(args, readonly=True) as library:
        return run_check_command(library, args.id, args.json, args.strict, sys.stdout)


def cmd_similar(args: argparse.Namespace) -> int:
    from app.similar_cli import check_min_chars, read_against, run_similar_command
    from app.target_guard import ReadOnlyTargetError

    check_min_chars(args.min_chars)
    if args.output is not None:
        from app.compare.report_files import report_suffix

        report_suffix(args.output)  # neither .pdf nor .html: exit 2 before any work
    texts, skipped = read_against(args.against or [])  # bad paths: exit 2 before the library
    try:
        with _library(args, readonly=True) as library:
            return run_similar_command(
                library,
                args.id,
                texts=texts,
                skipped=skipped,
                min_chars=args.min_chars,
                everything=args.all,
                as_json=args.json,
                out=sys.stdout,
                output=args.output,
                force=args.force,
            )
    except ReadOnlyTargetError as exc:
        raise InputError(
            f"{exc.zh}（确认覆盖请加 --force）", f"{exc.en} (add --force to replace it)"
        ) from exc


def cmd_review(args: argparse.Namespace) -> int:
    from app import review_cli

    return review_cli.run(args, out, err)  # a scratch library: the user's is never opened


def cmd_backup(args: argparse.Namespace) -> int:
    dest = Path(args.output).expanduser() if args.output else None
    if dest is not None and not dest.parent.is_dir():
        raise InputError(f"文件夹不存在：{dest.parent}", f"folder does not exist: {dest.parent}")
    with _library(args, readonly=True) as library:
        out(str(library.backup(dest)))
    return 0


def cmd_rescue(args: argparse.Namespace) -> int:
    """Read what can be read from a damaged library into JSON files; the library is never
    written."""
    from app.library import rescue_library
    from app.paths import library_path

    source = library_path(args.library)
    if not source.is_file():
        raise InputError(f"材料库不存在：{source}", f"no library at {source}")
    report = rescue_library(source, Path(args.output).expanduser())
    for path in report.written:
        out(str(path))
    for material_id, reason in report.failed:
        what = f"材料 {material_id}" if material_id is not None else "材料库"
        err(f"未能救出{what}：{reason} / not rescued: {material_id}: {reason}")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    from app.library import Library
    from app.paths import library_path, prepare_library_path

    target = prepare_library_path(library_path(args.library))
    backup = Path(args.backup).expanduser()
    _require_regular_file(backup)
    safety = Library.restore_backup(backup, target)
    out(str(target))
    if Path(safety) != target:
        err(f"原材料库已另存为 {safety} / the previous library was kept as {safety}")
    return 0


# ----- helpers -----------------------------------------------------------------------------


def _require_regular_file(path: Path) -> None:
    """Say what an unreadable input is — missing, a link loop, a FIFO, a device, a folder."""
    from app.target_guard import describe_input

    problem = describe_input(path)
    if problem is not None:
        raise problem


def _import_summary(material: Material, report: ImportReport) -> str:
    dimensions = sum(len(s.dimensions) for s in material.sections)
    points = material.all_points()
    examples = sum(1 for p in points if p.example)
    zh = f"识别：{dimensions} 个维度，{len(points)} 条要点，{examples} 个例子"
    en = f"recognised: {dimensions} dimensions, {len(points)} points, {examples} examples"
    if report.classified:  # a .json file carries its own structure: nothing to classify
        zh += f"，未归类 {len(report.unclassified)} 段"
        en += f", {len(report.unclassified)} unclassified"
    return f"{zh} / {en}"


def outline(material: Material) -> str:
    """The material's tree with derived numbering, one node per line (``show`` without --json)."""
    from app.model import Numbering, material_word_count

    facts = [
        f"{material.year}年度" if material.year else "",
        material.meeting,
        f"模板 {material.template_id}",
        f"{material_word_count(material):,} 字",
    ]
    lines = [material.title or "（无标题）", " · ".join(f for f in facts if f)]
    numbering = Numbering(material)  # numbers as exported: none for what prints without one

    def point_lines(points, labels: list[str], indent: str) -> None:
        for label, point in zip(labels, points, strict=True):
            lines.append(f"{indent}{label or '·'} {_label(point.title or point.body)}")

    for si, section in enumerate(material.sections):
        lines.append(f"{numbering.at(si)}{section.heading}  [{section.kind}]")
        point_lines(section.points, numbering.points(si), "  ")
        for di, dim in enumerate(section.dimensions):
            name = dim.short_name or _label(dim.heading)
            lines.append(f"  {numbering.at(si, di)}{name}  {len(dim.points)}条")
            point_lines(dim.points, numbering.points(si, di), "    ")
    return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    """A field of a tab-separated row: a two-line title must not break the row."""
    return " ".join(text.replace("\t", " ").split("\n"))


def _label(text: str, limit: int = 30) -> str:
    text = text.replace("\n", " ")
    return text if len(text) <= limit else text[: limit - 1] + "…"


def out(line: str) -> None:
    print(line, file=sys.stdout, flush=True)


def err(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


def utf8_streams() -> None:
    """Chinese output must not fail under a C/POSIX locale (ASCII stdout)."""
    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", "") or "").lower().replace("-", "")
        if encoding != "utf8":
            try:
                stream.reconfigure(encoding="utf-8")
            except (AttributeError, ValueError, OSError):
                pass
