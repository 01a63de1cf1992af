"""The command line builds only the subcommand it is given (issue 19: argparse's building of all
twenty was ≈ 7 % of the seed's PDF export). What a user types must read exactly as the whole
parser reads it: the same options and values, the same refusal, the same help."""

from __future__ import annotations

import contextlib
import io

import pytest

from app.cli import build_parser
from app.errors import InputError

EXAMPLES = [
    ["export", "1", "--format", "pdf", "-o", "x.pdf"],
    ["--library", "l.db", "export", "2", "--format", "docx", "-o", "x", "--signature"],
    ["--library", "list", "export", "1", "--format", "txt", "-o", "x"],  # a library named list
    ["--lib", "show", "export", "1", "--format", "txt", "-o", "x"],  # argparse's abbreviation
    ["--library=show", "list"],
    ["list", "--library", "x.db"],
    ["show", "3", "--json"],
    ["import", "a.docx", "--template", "2021-dangshi-wugedaitou", "--convert"],
    ["new", "--template", "2025-zhuti", "--title", "题"],
    ["compile", "1", "2", "-o", "h.pdf"],
    ["diff", "1", "--from", "a", "--to", "b"],
    ["draft", "1", "--template", "2025-zhuti", "--year", "2026"],
    ["check", "1", "--strict"],
    ["similar", "1", "--against", "d", "--min-chars", "20", "--all"],
    ["review", "folder", "-o", "r.html"],
    ["template-from-notice", "n.txt", "-o", "t.toml"],
    ["template-export", "2025-zhuti", "-o", "t.toml", "--force"],
    ["templates"],
    ["fonts"],
    ["backup", "-o", "b.db"],
    ["rescue", "-o", "dir"],
    ["restore", "b.db"],
]
MISTAKES = [
    ["exprt", "1"],  # a typo: the message lists every command
    ["export", "1", "--format", "odt", "-o", "x"],
    ["export", "x", "--format", "pdf", "-o", "x"],
    ["show"],
    ["--library"],
    ["--", "list"],  # argparse 3.11 reads "--" as the command
    [],
]


def _read(parser, argv) -> dict:
    values = vars(parser.parse_args(argv))
    handler = values.pop("handler", None)
    values["handler"] = getattr(handler, "func", handler)  # template commands are partials
    return values


@pytest.mark.parametrize("argv", EXAMPLES, ids=lambda a: " ".join(a))
def test_the_command_given_reads_as_the_whole_parser_reads_it(argv):
    assert _read(build_parser(argv), argv) == _read(build_parser(), argv)


@pytest.mark.parametrize("argv", MISTAKES, ids=lambda a: " ".join(a) or "nothing")
def test_a_mistake_is_refused_with_the_whole_parsers_words(argv):
    with pytest.raises(InputError) as lazy:
        build_parser(argv).parse_args(argv)
    with pytest.raises(InputError) as whole:
        build_parser().parse_args(argv)
    assert (lazy.value.zh, lazy.value.en) == (whole.value.zh, whole.value.en)


@pytest.mark.parametrize("argv", [["--help"], ["export", "--help"], ["similar", "-h"]])
def test_help_is_the_same(argv):
    def shown(parser) -> str:
        out = io.StringIO()
        with contextlib.redirect_stdout(out), pytest.raises(SystemExit):
            parser.parse_args(argv)
        return out.getvalue()

    assert shown(build_parser(argv)) == shown(build_parser())
    assert "usage: duizhao-cli" in shown(build_parser(argv))


def test_only_the_command_given_is_built():
    parser = build_parser(["export", "1", "--format", "pdf", "-o", "x.pdf"])
    (commands,) = [a for a in parser._actions if a.dest == "command"]
    assert list(commands.choices) == ["export"]


@pytest.mark.parametrize("argv", [["similar", "1"], ["review", "folder", "-o", "r.html"]])
def test_min_chars_defaults_to_what_the_comparison_guarantees(argv):
    """查重 from the command line counts the same passages as from the window: ``--min-chars``
    left out is the library's default, not a copy of it."""
    from app.compare.similar import DEFAULT_MIN_CHARS

    assert build_parser(argv).parse_args(argv).min_chars == DEFAULT_MIN_CHARS
