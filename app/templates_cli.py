"""The template commands of duizhao-cli: a year's framework from its notice, and the user's own
templates imported, exported and removed (``app.cli`` registers them; errors are InputError,
one bilingual line and exit 2, nothing written).

``template-from-notice FILE`` reads a notice (.txt/.md/.docx, or ``-`` for standard input),
recognises its dimension items, meeting and year, and writes the template: as TOML to standard
output, to ``-o FILE.toml``, or into the user's templates folder with ``--install``. What was
recognised is summarised on standard error so the user can check it.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable

from app.errors import InputError

Print = Callable[[str], None]


def add_template_commands(command) -> None:
    """Register the commands with ``command(name, handler, help) -> subparser``."""
    sub = command(
        "template-from-notice",
        template_from_notice_command,
        "a year's framework from its notice (.txt/.md/.docx, - for stdin) → template TOML",
    )
    sub.add_argument("file", metavar="FILE")
    sub.add_argument("-o", "--output", metavar="OUT.toml", help="write the TOML to this file")
    sub.add_argument(
        "--install", action="store_true", help="save it in your templates folder; prints its id"
    )
    sub.add_argument("--name", metavar="NAME", help="template name (default: the meeting)")
    sub.add_argument("--year", type=int, metavar="YEAR", help="year (default: from the notice)")
    sub.add_argument("--meeting", metavar="M", help="meeting (default: from the notice)")
    sub.add_argument("--id", metavar="ID", help="template id (default: user-YEAR)")
    sub.add_argument("--replace", action="store_true", help="--install over your template's id")
    sub = command(
        "template-import", template_import_command, "install a template .toml; prints its id"
    )
    sub.add_argument("file", metavar="FILE.toml")
    sub.add_argument("--replace", action="store_true", help="replace your template of that id")
    sub = command("template-export", template_export_command, "write a template as .toml")
    sub.add_argument("id", metavar="ID")
    sub.add_argument("-o", "--output", required=True, metavar="OUT.toml")
    sub.add_argument("--force", action="store_true", help="replace a read-only OUT")
    sub = command("template-remove", template_remove_command, "delete one of your templates")
    sub.add_argument("id", metavar="ID")


def report_skipped_templates(err: Print) -> None:
    """A user template file that was skipped is logged (``app.templates``); on the command line
    that warning is one ``注意：`` line on stderr, whichever command loaded the templates.

    The handler is attached when ``app.templates`` is first imported (nothing can be skipped
    before), so a command that never reads templates — a PDF export — does not import
    ``logging`` (≈ 20 M instructions with traceback, tokenize, textwrap) for it."""
    if "app.templates" in sys.modules:
        _attach_note_handler(err)
    elif not any(isinstance(f, _NoteOnTemplatesImport) for f in sys.meta_path):
        sys.meta_path.insert(0, _NoteOnTemplatesImport(err))


class _NoteOnTemplatesImport:
    """A ``sys.meta_path`` entry that finds nothing: asked for ``app.templates`` (which imports
    ``logging`` itself), it attaches the note handler first, then lets the usual finders find
    the module. It stays in place, inert, rather than change the list being iterated."""

    def __init__(self, err: Print):
        self.err: Print | None = err

    def find_spec(self, name, path=None, target=None):
        if name == "app.templates" and self.err is not None:
            err, self.err = self.err, None
            _attach_note_handler(err)
        return None


_NOTE_HANDLER = "duizhao-cli-template-notes"


def _attach_note_handler(err: Print) -> None:
    import logging

    logger = logging.getLogger("duizhao.templates")
    if any(h.name == _NOTE_HANDLER for h in logger.handlers):
        return
    handler = logging.Handler(logging.WARNING)
    handler.name = _NOTE_HANDLER
    handler.emit = lambda record: err(f"注意：{record.getMessage()}")  # type: ignore[method-assign]
    logger.addHandler(handler)


def list_templates(out: Print, cell: Callable[[str], str]) -> int:
    """``templates``: id, year, meeting, dimension count, and ``user`` for the user's own."""
    from app.templates import load_templates

    for t in load_templates():
        row = f"{t.id}\t{t.year or ''}\t{cell(t.meeting)}\t{len(t.dimensions)}"
        out(row + ("\tuser" if t.user else ""))
    return 0


def template_from_notice_command(args: argparse.Namespace, out: Print, err: Print) -> int:
    from app.notice import framework_from_notice, framework_from_paragraphs
    from app.notice_wording import same_bundled_template
    from app.user_templates import (
        DimensionDraft,
        export_template,
        install_template,
        template_from_notice,
        template_to_toml,
    )

    if args.output and args.install:
        raise InputError("-o 与 --install 只能选一个", "use either -o or --install, not both")
    if args.file == "-":
        framework = framework_from_notice(sys.stdin.read())
    else:
        from app.importers.read import read_paragraphs

        framework = framework_from_paragraphs(read_paragraphs(args.file))
    year = args.year if args.year is not None else framework.year
    meeting = args.meeting if args.meeting is not None else framework.meeting
    template = template_from_notice(
        framework,
        name=args.name or meeting or "由通知生成的模板",
        dimensions=[DimensionDraft(i.heading, i.short_name) for i in framework.items],
        meeting=meeting,
        year=year,
        template_id=args.id,
    )
    err(
        f"识别到 {len(template.dimensions)} 个查摆方面 / {len(template.dimensions)} dimensions: "
        + "；".join(f"{d.short_name}（{d.heading}）" for d in template.dimensions)
    )
    err(f"会议 / meeting: {meeting or '（未识别）'}；年度 / year: {year or '（未识别）'}")
    shipped = same_bundled_template([d.heading for d in template.dimensions])
    if shipped is not None:
        err(f"注意：与内置模板相同 / note: the same as the bundled template {shipped.id}")
    if args.install:
        install_template(template, replace=args.replace)
        out(template.id)
    elif args.output:
        out(str(export_template(template, args.output)))
    else:
        out(template_to_toml(template).rstrip("\n"))
    return 0


def template_import_command(args: argparse.Namespace, out: Print, err: Print) -> int:
    from app.user_templates import import_template_file

    out(import_template_file(args.file, replace=args.replace).id)
    return 0


def template_export_command(args: argparse.Namespace, out: Print, err: Print) -> int:
    from app.templates import get_template
    from app.user_templates import export_template

    out(str(export_template(get_template(args.id), args.output, force=args.force)))
    return 0


def template_remove_command(args: argparse.Namespace, out: Print, err: Print) -> int:
    from app.user_templates import remove_user_template

    remove_user_template(args.id)
    return 0
