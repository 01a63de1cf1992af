"""duizhao-cli — the headless command line (DESIGN §5): templates, new, import, list, show, export,
compile, draft (next year's), check, similar, review, diff, backup, restore; template-from-notice
and the user's own templates (``templates_cli``). ``main(argv)`` returns the exit code: 0 ok, 2
bad input, 1 internal failure.

Errors are one line on stderr, Chinese then English. Input files are read and validated before
the library is opened, so a failing command leaves the library as it was. This module parses and
dispatches; the commands are in ``cli_commands``, which imports heavy modules only inside them.
"""

from __future__ import annotations

import argparse
import errno
import gc
import os
import re
import sys
from functools import partial
from typing import NoReturn

from app import __version__
from app.cli_commands import (
    cmd_backup,
    cmd_check,
    cmd_compile,
    cmd_diff,
    cmd_draft,
    cmd_export,
    cmd_fonts,
    cmd_import,
    cmd_list,
    cmd_new,
    cmd_rescue,
    cmd_restore,
    cmd_review,
    cmd_show,
    cmd_similar,
    cmd_templates,
    err,
    out,
    utf8_streams,
)
from app.errors import DuizhaoError, InputError
from app.export_cli import add_layout_arguments
from app.templates_cli import add_template_commands, report_skipped_templates

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
        cmd_templates,
        "list templates: id, year, meeting, dimension count, 'user' for your own",
    )
    # template-from-notice, template-import/-export/-remove (app/templates_cli.py)
    add_template_commands(
        lambda name, handler, text: command(name, partial(handler, out=out, err=err), text)
    )
    sub = command("new", cmd_new, "new material from a template; prints its id")
    sub.add_argument("--template", required=True, metavar="ID")
    sub.add_argument("--title", metavar="T")
    sub.add_argument("--organization", metavar="O")
    sub = command("import", cmd_import, ".txt/.md/.docx/.json → new material; prints its id")
    sub.add_argument("file", metavar="FILE")
    sub.add_argument("--template", metavar="ID")
    sub.add_argument(
        "--convert",
        action="store_true",
        help="convert an old .doc/.wps to .docx with LibreOffice, then import it",
    )
    command("list", cmd_list, "materials: id, title, year, updated")
    sub = command("show", cmd_show, "a material's outline, or its JSON")
    sub.add_argument("id", type=_material_id, metavar="ID")
    sub.add_argument("--json", action="store_true")
    sub = command("export", cmd_export, "write one file atomically; prints its path")
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
    sub = command("compile", cmd_compile, "several materials as one PDF or Word 汇编")
    if needed("compile"):
        from app.compile_cli import add_arguments as add_compile_arguments

        add_compile_arguments(sub, _material_id)
    sub = command("diff", cmd_diff, "what changed between two versions (snapshots) of a material")
    if needed("diff"):
        from app.diff_cli import add_arguments as add_diff_arguments

        add_diff_arguments(sub, _material_id)
    sub = command("draft", cmd_draft, "next year's draft of a material; prints its id")
    if needed("draft"):
        from app.draft_cli import add_arguments as add_draft_arguments

        add_draft_arguments(sub, _material_id)
    command("fonts", cmd_fonts, "the font chosen for each PDF role, and why")
    sub = command("check", cmd_check, "run the checks; exit 0 even with findings")
    sub.add_argument("id", type=_material_id, metavar="ID")
    sub.add_argument(
        "--json",
        action="store_true",
        help="a list of {rule, severity, path, start, end, excerpt, message, fix}",
    )
    sub.add_argument("--strict", action="store_true", help="exit 3 when errors are found")
    sub = command("similar", cmd_similar, "查重: passages shared with other materials and files")
    sub.add_argument("id", type=_material_id, metavar="ID")
    sub.add_argument("--json", action="store_true", help="machine output (shape in README)")
    sub.add_argument(
        "--against",
        action="append",
        metavar="PATH",
        help="also compare with this .txt/.md/.docx file or folder of them (repeatable)",
    )
    if needed("similar"):
        from app.review_cli import add_min_chars_argument

        add_min_chars_argument(sub)
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
    sub = command("review", cmd_review, "batch review of a folder → one .html/.xlsx/.pdf report")
    if needed("review"):
        from app.review_cli import add_arguments as add_review_arguments

        add_review_arguments(sub)
    sub = command("backup", cmd_backup, "back up the library (verified copy); prints its path")
    sub.add_argument(
        "-o",
        "--output",
        metavar="DEST",
        help="backup file (default: a dated file in backups/ beside the library)",
    )
    sub = command("rescue", cmd_rescue, "export what a damaged library still holds as JSON files")
    sub.add_argument("-o", "--output", required=True, metavar="DIR")
    sub = command("restore", cmd_restore, "restore the library from a backup")
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
    utf8_streams()
    report_skipped_templates(err)
    try:
        if argv is None:
            argv = sys.argv[1:]
        args = build_parser(argv).parse_args(argv)
        return args.handler(args)
    except DuizhaoError as exc:
        err(_one_line(f"错误：{exc.zh} / error: {exc.en or exc.zh}"))
        return exc.exit_code
    except SystemExit as exc:  # --help / --version
        return exc.code if isinstance(exc.code, int) else 0
    except KeyboardInterrupt:
        err("错误：已中断 / error: interrupted")
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
        err(
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
    err(
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
