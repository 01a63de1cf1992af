"""duizhao-cli — the headless command line (DESIGN §5): templates, new, import, list, show, export,
check, backup, restore. ``main(argv)`` returns the exit code: 0 ok, 2 bad input, 1 internal failure.

Errors are one line on stderr, Chinese then English. Input files are read and validated before
the library is opened, so a failing command leaves the library as it was. Heavy modules (the
store, exporters) are imported inside the commands that need them, to keep startup fast.
"""

from __future__ import annotations

import argparse
import errno
import gc
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from app import __version__
from app.errors import DuizhaoError, InputError

if TYPE_CHECKING:
    from app.model import Material
    from app.store import Library

# Larger inputs are refused before reading: no real material comes near this.
MAX_INPUT_BYTES = 64 * 1024 * 1024
TEXT_SUFFIXES = (".txt", ".md", ".markdown")
WORD_SUFFIXES = (".docx", ".doc", ".wps")
EXPORT_FORMATS = ("pdf", "docx", "txt", "md", "json")
# OS errors that mean "this path the user typed cannot be used", not a bug: exit 2.
_USER_PATH_ERRNOS = {errno.ENAMETOOLONG, errno.ELOOP, errno.ENOTDIR, errno.ENOENT, errno.EACCES,
                     errno.EPERM, errno.EISDIR, errno.EROFS, errno.ENOSPC}


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage mistake is an InputError (one bilingual line, exit 2)."""

    def error(self, message: str) -> NoReturn:
        raise InputError(f"命令行参数有误：{message}", f"bad arguments: {message}")


def _material_id(text: str) -> int:
    if not text.isdigit() or int(text) <= 0:
        raise argparse.ArgumentTypeError(f"material id must be a positive integer, got {text!r}")
    return int(text)


# ----- library access ----------------------------------------------------------------------


@contextmanager
def _library(args: argparse.Namespace, *, readonly: bool) -> Iterator[Library]:
    from app.paths import library_path, prepare_library_path
    from app.store import Library

    path = library_path(args.library)
    if readonly and not path.exists():
        raise InputError(f"材料库不存在：{path}", f"no library at {path}")
    if not readonly:
        prepare_library_path(path)
    library = Library.open(path, readonly=readonly)
    if library.notice is not None:  # e.g. a restore that was killed part way, now finished
        _err(f"注意：{library.notice[0]} / note: {library.notice[1]}")
    try:
        yield library
    finally:
        library.close()


# ----- commands ----------------------------------------------------------------------------


def _cmd_templates(args: argparse.Namespace) -> int:
    from app.templates import load_templates

    for t in load_templates():
        _out(f"{t.id}\t{t.year or ''}\t{_cell(t.meeting)}\t{len(t.dimensions)}")
    return 0


def _cmd_new(args: argparse.Namespace) -> int:
    from app.templates import get_template

    get_template(args.template)  # an unknown id is bad input, reported before the library opens
    with _library(args, readonly=False) as library:
        new_id = library.create_from_template(
            args.template, title=args.title or "", organization=args.organization or ""
        )
    _out(str(new_id))
    return 0


def _cmd_import(args: argparse.Namespace) -> int:
    set_aside: list[str] = []
    material, links, unclassified = _read_material_file(Path(args.file), args.template, set_aside)
    with _library(args, readonly=False) as library:
        new_id = library.create_material(material, links)
    _out(str(new_id))
    _err(_import_summary(material, unclassified))
    for line in set_aside:  # never silently dropped: the user sees each line left out
        _err(f"已作为页面附加内容剔除 / set aside as page furniture: {line}")
    return 0


def _cmd_list(args: argparse.Namespace) -> int:
    from app.paths import library_path

    if not library_path(args.library).exists():
        return 0  # no library yet: nothing in it
    with _library(args, readonly=True) as library:
        for s in library.list_materials():
            _out(f"{s.id}\t{_cell(s.title)}\t{s.year or ''}\t{s.updated}")
    return 0


def _cmd_show(args: argparse.Namespace) -> int:
    with _library(args, readonly=True) as library:
        material = library.get_material(args.id)
    if args.json:
        from app.serialize import material_to_json

        sys.stdout.write(material_to_json(material))
    else:
        sys.stdout.write(outline(material))
    return 0


def _cmd_export(args: argparse.Namespace) -> int:
    from app.target_guard import ReadOnlyTargetError

    try:
        return _export(args)
    except ReadOnlyTargetError as exc:
        raise InputError(f"{exc.zh}（确认覆盖请加 --force）", f"{exc.en} (add --force to replace it)") from exc


def _export(args: argparse.Namespace) -> int:
    from app.target_guard import check_target

    # Open (read-only, no lock) until written: an open library is never an export's target.
    with _library(args, readonly=True) as library:
        material = library.get_material(args.id)
        check_target(args.output, force=args.force)  # refused before any rendering work
        return _write_export(material, args)


def _write_export(material: Material, args: argparse.Namespace) -> int:
    if args.format in ("pdf", "docx"):
        return _export_paged(material, args)
    if args.format == "json":
        from app.serialize import material_to_json

        text = material_to_json(material)
    else:
        from app.exporters.text import export_md, export_txt

        render = export_md if args.format == "md" else export_txt
        text = render(material, point_paragraphs=args.point_paragraphs)
    from app.exporters.files import write_text_atomic

    _out(str(write_text_atomic(args.output, text, force=args.force)))
    return 0


def _export_paged(material: Material, args: argparse.Namespace) -> int:
    """PDF and DOCX share the GB/T 9704 layout options."""
    from app.exporters.pdf_options import PdfOptions

    options = PdfOptions(
        point_paragraphs=args.point_paragraphs,
        bold_point_titles=args.bold_point_titles,
        page_number_position=args.page_numbers,
        include_signature=args.signature,
    )
    if args.format == "docx":
        from app.exporters.docx import export_docx

        _out(str(Path(export_docx(material, args.output, options, force=args.force)).expanduser().absolute()))
        return 0
    from app.exporters.pdf import export_pdf

    # A one-shot process: the first render loads ~10^5 long-lived objects (font tables, glyph
    # runs) with no cycles to free, which the collector would rescan ≈120 times (≈20 ms, seed).
    collecting = gc.isenabled()
    gc.disable()
    try:
        report = export_pdf(material, args.output, options, force=args.force)
    finally:
        if collecting:
            gc.enable()
    _out(str(Path(args.output).expanduser().absolute()))
    for sub in report.substitutions:  # the user should know which characters came from a fallback
        _err(f"补字：{sub.char}（{sub.where}）← {sub.font} / substituted {sub.char!r} at {sub.where}")
    return 0


def _cmd_fonts(args: argparse.Namespace) -> int:
    from app.fonts import choose_fonts, font_report

    for line in font_report(choose_fonts()):
        _out(line)
    return 0


def _cmd_check(args: argparse.Namespace) -> int:
    from app.checks_cli import run_check_command

    with _library(args, readonly=True) as library:
        return run_check_command(library, args.id, args.json, args.strict, sys.stdout)


def _cmd_backup(args: argparse.Namespace) -> int:
    dest = Path(args.output).expanduser() if args.output else None
    if dest is not None and not dest.parent.is_dir():
        raise InputError(f"文件夹不存在：{dest.parent}", f"folder does not exist: {dest.parent}")
    with _library(args, readonly=True) as library:
        _out(str(library.backup(dest)))
    return 0


def _cmd_rescue(args: argparse.Namespace) -> int:
    """Read what can be read from a damaged library into JSON files; the library is never written."""
    from app.paths import library_path
    from app.rescue import rescue_library

    source = library_path(args.library)
    if not source.is_file():
        raise InputError(f"材料库不存在：{source}", f"no library at {source}")
    report = rescue_library(source, Path(args.output).expanduser())
    for path in report.written:
        _out(str(path))
    for material_id, reason in report.failed:
        what = f"材料 {material_id}" if material_id is not None else "材料库"
        _err(f"未能救出{what}：{reason} / not rescued: {material_id}: {reason}")
    return 0


def _cmd_restore(args: argparse.Namespace) -> int:
    from app.paths import library_path, prepare_library_path
    from app.store import Library

    target = prepare_library_path(library_path(args.library))
    backup = Path(args.backup).expanduser()
    _require_regular_file(backup)
    safety = Library.restore_backup(backup, target)
    _out(str(target))
    if Path(safety) != target:
        _err(f"原材料库已另存为 {safety} / the previous library was kept as {safety}")
    return 0


# ----- helpers -----------------------------------------------------------------------------


def _read_material_file(
    path: Path, template_id: str | None, set_aside: list[str] | None = None
) -> tuple[Material, list, int | None]:
    """(material, links, unclassified paragraph count or None when the format has no such idea).
    ``set_aside`` receives the lines the importer set aside as furniture.

    ``template_id`` (``--template``) overrides the template the file names or the importer
    suggests; an unknown id is bad input."""
    _require_regular_file(path)
    size = path.stat().st_size
    if size > MAX_INPUT_BYTES:
        raise InputError(f"文件过大（{size} 字节）：{path}", f"file too large ({size} bytes): {path}")
    suffix = path.suffix.lower()
    if suffix == ".json":
        from app.serialize import material_from_json

        try:
            text = path.read_text(encoding="utf-8-sig")
        except UnicodeDecodeError as exc:
            raise InputError(f"JSON 文件不是 UTF-8 编码：{path}", f"JSON file is not UTF-8: {path}") from exc
        material, links = material_from_json(text)
        if template_id:
            from app.templates import get_template

            material.template_id = get_template(template_id).id
        return material, links, None
    if suffix in TEXT_SUFFIXES:
        from app.importers.text import import_text_file

        material, report = import_text_file(path, template_id=template_id)
        if set_aside is not None:
            set_aside += report.dropped_furniture
        return material, [], _unclassified_count(report)
    if suffix in WORD_SUFFIXES:
        # The DOCX reader checks the real type from the bytes and explains .doc/.wps itself.
        from app.importers.docx import import_docx_file

        material, report = import_docx_file(path, template_id=template_id)
        if set_aside is not None:
            set_aside += report.dropped_furniture
        return material, [], _unclassified_count(report)
    raise InputError(
        f"不支持的文件类型“{suffix or '无扩展名'}”（可导入 .txt .md .docx .json）：{path}",
        f"unsupported file type {suffix or '(none)'!r} (import .txt, .md, .docx or .json): {path}",
    )


def _require_regular_file(path: Path) -> None:
    """Say what an unreadable input is — missing, a link loop, a FIFO, a device, a folder."""
    from app.target_guard import describe_input

    problem = describe_input(path)
    if problem is not None:
        raise problem


def _unclassified_count(report: object) -> int | None:
    """Paragraphs the importer could not place, as its report names them."""
    value = getattr(report, "unclassified", None)
    if value is None:
        return None
    return value if isinstance(value, int) else len(value)


def _import_summary(material: Material, unclassified: int | None) -> str:
    dimensions = sum(len(s.dimensions) for s in material.sections)
    points = material.all_points()
    examples = sum(1 for p in points if p.example)
    zh = f"识别：{dimensions} 个维度，{len(points)} 条要点，{examples} 个例子"
    en = f"recognised: {dimensions} dimensions, {len(points)} points, {examples} examples"
    if unclassified is not None:
        zh += f"，未归类 {unclassified} 段"
        en += f", {unclassified} unclassified"
    return f"{zh} / {en}"


def outline(material: Material) -> str:
    """The material's tree with derived numbering, one node per line (``show`` without --json)."""
    from app.model import Numbering, material_word_count

    facts = [f"{material.year}年度" if material.year else "", material.meeting,
             f"模板 {material.template_id}", f"{material_word_count(material):,} 字"]
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


def _out(line: str) -> None:
    print(line, file=sys.stdout, flush=True)


def _err(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


def _utf8_streams() -> None:
    """Chinese output must not fail under a C/POSIX locale (ASCII stdout)."""
    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", "") or "").lower().replace("-", "")
        if encoding != "utf8":
            try:
                stream.reconfigure(encoding="utf-8")
            except (AttributeError, ValueError, OSError):
                pass


# ----- parser and entry point --------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="duizhao-cli", description="对照 — 对照检查材料 command line")
    parser.add_argument("--version", action="version", version=f"duizhao-cli {__version__}")
    # Also accepted after the command (`duizhao-cli list --library x.db`).
    library_opt = _Parser(add_help=False)
    library_opt.add_argument("--library", metavar="PATH", default=argparse.SUPPRESS,
                             help="library file (default: $DUIZHAO_LIBRARY or the per-user library)")
    parser.add_argument("--library", metavar="PATH", default=None,
                        help="library file (default: $DUIZHAO_LIBRARY or the per-user library)")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    def command(name: str, handler, help_text: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help_text, parents=[library_opt])
        sub.set_defaults(handler=handler)
        return sub

    command("templates", _cmd_templates, "list templates: id, year, meeting, dimension count")
    sub = command("new", _cmd_new, "new material from a template; prints its id")
    sub.add_argument("--template", required=True, metavar="ID")
    sub.add_argument("--title", metavar="T")
    sub.add_argument("--organization", metavar="O")
    sub = command("import", _cmd_import, ".txt/.md/.json → new material; prints its id")
    sub.add_argument("file", metavar="FILE")
    sub.add_argument("--template", metavar="ID")
    command("list", _cmd_list, "materials: id, title, year, updated")
    sub = command("show", _cmd_show, "a material's outline, or its JSON")
    sub.add_argument("id", type=_material_id, metavar="ID")
    sub.add_argument("--json", action="store_true")
    sub = command("export", _cmd_export, "write one file atomically; prints its path")
    sub.add_argument("id", type=_material_id, metavar="ID")
    sub.add_argument("--format", required=True, choices=EXPORT_FORMATS)
    sub.add_argument("-o", "--output", required=True, metavar="OUT")
    sub.add_argument("--point-paragraphs", action="store_true",
                     help="each problem point in its own paragraph (default: one per dimension)")
    sub.add_argument("--bold-point-titles", action="store_true", help="pdf/docx: bold 一是… titles")
    sub.add_argument("--page-numbers", choices=("outside", "center"), default="outside",
                     help="pdf/docx: odd right / even left (GB/T 9704, default) or centred")
    sub.add_argument("--signature", action="store_true",
                     help="pdf/docx: author and date lines at the end")
    sub.add_argument("--force", action="store_true",
                     help="replace OUT even when it is a read-only (write-protected) file")
    command("fonts", _cmd_fonts, "the font chosen for each PDF role, and why")
    sub = command("check", _cmd_check, "run the checks; exit 0 even with findings")
    sub.add_argument("id", type=_material_id, metavar="ID")
    sub.add_argument("--json", action="store_true",
                     help="a list of {rule, severity, path, start, end, excerpt, message, fix}")
    sub.add_argument("--strict", action="store_true", help="exit 3 when errors are found")
    sub = command("backup", _cmd_backup, "back up the library (verified copy); prints its path")
    sub.add_argument("-o", "--output", metavar="DEST",
                     help="backup file (default: a dated file in backups/ beside the library)")
    sub = command("rescue", _cmd_rescue, "export what a damaged library still holds as JSON files")
    sub.add_argument("-o", "--output", required=True, metavar="DIR")
    sub = command("restore", _cmd_restore, "restore the library from a backup")
    sub.add_argument("backup", metavar="BACKUP")
    return parser


def main(argv: list[str] | None = None) -> int:
    _utf8_streams()
    try:
        args = build_parser().parse_args(argv)
        return args.handler(args)
    except DuizhaoError as exc:
        _err(_one_line(f"错误：{exc.zh} / error: {exc.en or exc.zh}"))
        return exc.exit_code
    except SystemExit as exc:  # --help / --version
        return exc.code if isinstance(exc.code, int) else 0
    except KeyboardInterrupt:
        _err("错误：已中断 / error: interrupted")
        return 130
    except BrokenPipeError:  # `duizhao-cli show 1 | head`: the reader left; not an error to report
        _silence_stdout()
        return 1
    except OSError as exc:
        if exc.errno not in _USER_PATH_ERRNOS:
            return _internal_failure(exc)
        # A path the user gave that the system refuses (too long, a link loop…): bad input.
        from app.errors import os_reason

        zh, en = os_reason(exc)
        where = f"：{exc.filename}" if exc.filename else ""
        _err(_one_line(f"错误：{zh}{where} / error: {en}" + (f": {exc.filename}" if exc.filename else "")))
        return 2
    except Exception as exc:
        return _internal_failure(exc)


def _internal_failure(exc: Exception) -> int:
    if os.environ.get("DUIZHAO_DEBUG"):
        import traceback

        traceback.print_exc()
    kind = type(exc).__name__
    detail = f"：{exc}" if str(exc) else ""
    _err(_one_line(f"错误：内部错误（{kind}）{detail} / error: internal failure ({kind})"
                   + (f": {exc}" if str(exc) else "")))
    return 1


def _silence_stdout() -> None:
    """Point stdout at /dev/null so the interpreter's final flush does not fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


def _one_line(text: str) -> str:
    return " ".join(text.split("\n"))


if __name__ == "__main__":
    sys.exit(main())
