"""duizhao-cli — the headless command line (DESIGN §5): templates, new, import, list, show, export,
compile, draft (next year's), check, similar, review, diff, backup, restore; template-from-notice
and the user's own templates (``templates_cli``). ``main(argv)`` returns the exit code: 0 ok, 2
bad input, 1 internal failure.

Errors are one line on stderr, Chinese then English. Input files are read and validated before
the library is opened, so a failing command leaves the library as it was. Heavy modules (the
store, exporters) are imported inside the commands that need them, to keep startup fast.
"""

from __future__ import annotations

import argparse
import errno
import gc
import os
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from app import __version__
from app.errors import DuizhaoError, InputError
from app.export_cli import add_layout_arguments
from app.templates_cli import add_template_commands, report_skipped_templates

if TYPE_CHECKING:
    from app.importers import ImportReport
    from app.library import Library
    from app.model import Material

EXPORT_FORMATS = (
    "pdf",
    "docx",
    "txt",
    "md",
    "json",
    # the 整改清单 (issue 17): problems, measures, 责任人, 时限, 状态 as a table
    "rectification-pdf",
    "rectification-docx",
    "rectification-xlsx",
)
# OS errors that mean "this path the user typed cannot be used", not a bug: exit 2.
_USER_PATH_ERRNOS = {
    errno.ENAMETOOLONG,
    errno.ELOOP,
    errno.ENOTDIR,
    errno.ENOENT,
    errno.EACCES,
    errno.EPERM,
    errno.EISDIR,
    errno.EROFS,
    errno.ENOSPC,
}


_LONG_VALUE_RE = re.compile(r"[^\s'\"]{81,}")


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage mistake is an InputError (one bilingual line, exit 2)."""

    def error(self, message: str) -> NoReturn:
        # argparse echoes a bad value (twice for an int): a pasted page must not become the line.
        zh = _LONG_VALUE_RE.sub(lambda m: f"{m[0][:40]}…（共 {len(m[0])} 个字符）", message)
        en = _LONG_VALUE_RE.sub(lambda m: f"{m[0][:40]}… ({len(m[0])} characters)", message)
        raise InputError(f"命令行参数有误：{zh}", f"bad arguments: {en}")


def _material_id(text: str) -> int:
    if not text.isdigit() or int(text) <= 0:
        raise argparse.ArgumentTypeError(f"material id must be a positive integer, got {text!r}")
    return int(text)


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
        _err(f"注意：{library.notice[0]} / note: {library.notice[1]}")
    try:
        yield library
    finally:
        library.close()


# ----- commands ----------------------------------------------------------------------------


def _cmd_templates(args: argparse.Namespace) -> int:
    from app.templates_cli import list_templates

    return list_templates(_out, _cell)


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
    _out(str(new_id))
    _err(_import_summary(material, report))
    for (
        line
    ) in report.dropped_furniture:  # never silently dropped: the user sees each line left out
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
        raise InputError(
            f"{exc.zh}（确认覆盖请加 --force）", f"{exc.en} (add --force to replace it)"
        ) from exc


def _export(args: argparse.Namespace) -> int:
    from app.export_cli import write_export
    from app.target_guard import check_target

    # Open (read-only, no lock) until written: an open library is never an export's target.
    with _library(args, readonly=True) as library:
        material = library.get_material(args.id)
        check_target(args.output, force=args.force)  # refused before any rendering work
        return write_export(material, args, _out, _err)


def _cmd_compile(args: argparse.Namespace) -> int:
    from app import compile_cli

    # Read-only, like export: an open library is never the target.
    with _library(args, readonly=True) as library:
        return compile_cli.run(args, library, _out, _err)


def _cmd_diff(args: argparse.Namespace) -> int:
    from app import diff_cli

    with _library(args, readonly=True) as library:
        return diff_cli.run(args, library, _out)


def _cmd_draft(args: argparse.Namespace) -> int:
    from app import draft_cli
    from app.templates import get_template

    get_template(args.template)  # an unknown id is bad input, reported before the library opens
    with _library(args, readonly=False) as library:
        return draft_cli.run(args, library, _out, _err)


def _cmd_fonts(args: argparse.Namespace) -> int:
    from app.fonts import choose_fonts, font_report

    for line in font_report(choose_fonts()):
        _out(line)
    return 0


def _cmd_check(args: argparse.Namespace) -> int:
    from app.checks_cli import run_check_command

    with _library(args, readonly=True) as library:
        return run_check_command(library, args.id, args.json, args.strict, sys.stdout)


def _cmd_similar(args: argparse.Namespace) -> int:
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


def _cmd_review(args: argparse.Namespace) -> int:
    from app import review_cli

    return review_cli.run(args, _out, _err)  # a scratch library: the user's is never opened


def _cmd_backup(args: argparse.Namespace) -> int:
    dest = Path(args.output).expanduser() if args.output else None
    if dest is not None and not dest.parent.is_dir():
        raise InputError(f"文件夹不存在：{dest.parent}", f"folder does not exist: {dest.parent}")
    with _library(args, readonly=True) as library:
        _out(str(library.backup(dest)))
    return 0


def _cmd_rescue(args: argparse.Namespace) -> int:
    """Read what can be read from a damaged library into JSON files; the library is never
    written."""
    from app.library import rescue_library
    from app.paths import library_path

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
    from app.library import Library
    from app.paths import library_path, prepare_library_path

    target = prepare_library_path(library_path(args.library))
    backup = Path(args.backup).expanduser()
    _require_regular_file(backup)
    safety = Library.restore_backup(backup, target)
    _out(str(target))
    if Path(safety) != target:
        _err(f"原材料库已另存为 {safety} / the previous library was kept as {safety}")
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


class _NotBuilt:
    """A subcommand's parser this run does not need: whatever is declared on it is ignored."""

    def __getattr__(self, name: str):
        return self._ignore

    def _ignore(self, *args, **kwargs):
        return self


def _command_named(argv: list[str]) -> str | None:
    """The subcommand ``argv`` names, as argparse will read it (the first word that is neither
    an option nor ``--library``'s value), or None (``--help``, ``--version``, none given)."""
    words = iter(argv)
    for word in words:
        if word == "--":
            return None  # argparse 3.11 takes "--" itself for the command: the whole parser
        if word.startswith("--") and len(word) > 2 and "--library".startswith(word):
            next(words, None)  # --library PATH, or an abbreviation argparse accepts
        elif not word.startswith("-"):
            return word
    return None


def build_parser(argv: list[str] | None = None) -> argparse.ArgumentParser:
    """The whole parser; given ``argv``, only the subcommand it names is built (with all of
    it, argparse's building is ≈ 20 ms, the seed's PDF export ≈ 300 ms), the rest being
    ``_NotBuilt``. A name that is no command gets the whole parser, for argparse's message."""
    wanted = _command_named(argv) if argv is not None else None
    built: list[str] = []
    parser = _Parser(prog="duizhao-cli", description="对照 — 对照检查材料 command line")
    parser.add_argument("--version", action="version", version=f"duizhao-cli {__version__}")
    # Also accepted after the command (`duizhao-cli list --library x.db`).
    library_opt = _Parser(add_help=False)
    library_opt.add_argument(
        "--library",
        metavar="PATH",
        default=argparse.SUPPRESS,
        help="library file (default: $DUIZHAO_LIBRARY or the per-user library)",
    )
    parser.add_argument(
        "--library",
        metavar="PATH",
        default=None,
        help="library file (default: $DUIZHAO_LIBRARY or the per-user library)",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    def needed(name: str) -> bool:
        return wanted is None or name == wanted

    def command(name: str, handler, help_text: str) -> argparse.ArgumentParser:
        if not needed(name):
            return _NotBuilt()  # type: ignore[return-value]
        built.append(name)
        sub = commands.add_parser(name, help=help_text, parents=[library_opt])
        sub.set_defaults(handler=handler)
        return sub

    command(
        "templates",
        _cmd_templates,
        "list templates: id, year, meeting, dimension count, 'user' for your own",
    )
    # template-from-notice, template-import/-export/-remove (app/templates_cli.py)
    add_template_commands(
        lambda name, handler, text: command(name, partial(handler, out=_out, err=_err), text)
    )
    sub = command("new", _cmd_new, "new material from a template; prints its id")
    sub.add_argument("--template", required=True, metavar="ID")
    sub.add_argument("--title", metavar="T")
    sub.add_argument("--organization", metavar="O")
    sub = command("import", _cmd_import, ".txt/.md/.docx/.json → new material; prints its id")
    sub.add_argument("file", metavar="FILE")
    sub.add_argument("--template", metavar="ID")
    sub.add_argument(
        "--convert",
        action="store_true",
        help="convert an old .doc/.wps to .docx with LibreOffice, then import it",
    )
    command("list", _cmd_list, "materials: id, title, year, updated")
    sub = command("show", _cmd_show, "a material's outline, or its JSON")
    sub.add_argument("id", type=_material_id, metavar="ID")
    sub.add_argument("--json", action="store_true")
    sub = command("export", _cmd_export, "write one file atomically; prints its path")
    sub.add_argument("id", type=_material_id, metavar="ID")
    sub.add_argument("--format", required=True, choices=EXPORT_FORMATS)
    sub.add_argument("-o", "--output", required=True, metavar="OUT")
    add_layout_arguments(sub, note="pdf/docx: ")
    sub.add_argument(
        "--signature", action="store_true", help="pdf/docx: author and date lines at the end"
    )
    sub.add_argument(
        "--force",
        action="store_true",
        help="replace OUT even when it is a read-only (write-protected) file",
    )
    sub = command("compile", _cmd_compile, "several materials as one PDF or Word 汇编")
    if needed("compile"):
        from app.compile_cli import add_arguments as add_compile_arguments

        add_compile_arguments(sub, _material_id)
    sub = command("diff", _cmd_diff, "what changed between two versions (snapshots) of a material")
    if needed("diff"):
        from app.diff_cli import add_arguments as add_diff_arguments

        add_diff_arguments(sub, _material_id)
    sub = command("draft", _cmd_draft, "next year's draft of a material; prints its id")
    if needed("draft"):
        from app.draft_cli import add_arguments as add_draft_arguments

        add_draft_arguments(sub, _material_id)
    command("fonts", _cmd_fonts, "the font chosen for each PDF role, and why")
    sub = command("check", _cmd_check, "run the checks; exit 0 even with findings")
    sub.add_argument("id", type=_material_id, metavar="ID")
    sub.add_argument(
        "--json",
        action="store_true",
        help="a list of {rule, severity, path, start, end, excerpt, message, fix}",
    )
    sub.add_argument("--strict", action="store_true", help="exit 3 when errors are found")
    sub = command("similar", _cmd_similar, "查重: passages shared with other materials and files")
    sub.add_argument("id", type=_material_id, metavar="ID")
    sub.add_argument("--json", action="store_true", help="machine output (shape in README)")
    sub.add_argument(
        "--against",
        action="append",
        metavar="PATH",
        help="also compare with this .txt/.md/.docx file or folder of them (repeatable)",
    )
    sub.add_argument(
        "--min-chars",
        type=int,
        default=13,
        metavar="N",
        help="shortest shared passage counted, in characters without punctuation (default 13)",
    )
    sub.add_argument(
        "--all",
        action="store_true",
        help="compare with every material in the library, not only the same unit's earlier "
        "ones and the same year's",
    )
    sub.add_argument(
        "-o",
        "--output",
        metavar="OUT",
        help="write the report a reviewer can read to OUT (.pdf or .html) and print its path",
    )
    sub.add_argument(
        "--force", action="store_true", help="replace OUT even when it is write-protected"
    )
    sub = command("review", _cmd_review, "batch review of a folder → one .html/.xlsx/.pdf report")
    if needed("review"):
        from app.review_cli import add_arguments as add_review_arguments

        add_review_arguments(sub)
    sub = command("backup", _cmd_backup, "back up the library (verified copy); prints its path")
    sub.add_argument(
        "-o",
        "--output",
        metavar="DEST",
        help="backup file (default: a dated file in backups/ beside the library)",
    )
    sub = command("rescue", _cmd_rescue, "export what a damaged library still holds as JSON files")
    sub.add_argument("-o", "--output", required=True, metavar="DIR")
    sub = command("restore", _cmd_restore, "restore the library from a backup")
    sub.add_argument("backup", metavar="BACKUP")
    if wanted is not None and not built:  # a typo: argparse lists every command
        return build_parser()
    return parser


def main(argv: list[str] | None = None) -> int:
    code = _run(argv)
    if argv is None:  # the console script: the process ends next, with nothing left to free
        # Spares the interpreter's full collection at exit a scan of everything the command
        # loaded (33–66 ms after a 500-page PDF). Tests pass argv and keep collecting.
        gc.freeze()
    return code


def _run(argv: list[str] | None) -> int:
    _utf8_streams()
    report_skipped_templates(_err)
    try:
        if argv is None:
            argv = sys.argv[1:]
        args = build_parser(argv).parse_args(argv)
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
        _err(
            _one_line(
                f"错误：{zh}{where} / error: {en}" + (f": {exc.filename}" if exc.filename else "")
            )
        )
        return 2
    except Exception as exc:
        return _internal_failure(exc)


def _internal_failure(exc: Exception) -> int:
    if os.environ.get("DUIZHAO_DEBUG"):
        import traceback

        traceback.print_exc()
    kind = type(exc).__name__
    detail = f"：{exc}" if str(exc) else ""
    _err(
        _one_line(
            f"错误：内部错误（{kind}）{detail} / error: internal failure ({kind})"
            + (f": {exc}" if str(exc) else "")
        )
    )
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
