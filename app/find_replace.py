"""Find and replace across a whole material (and, for finding, a whole library).

Literal or regular-expression search over every text field (``app.checks.paths`` defines the
field paths). ``find_all`` lists every hit for the preview; ``replace_all`` returns the edits
``(node_path, field, new_value)`` that the UI applies as one undoable command.

Python's ``re`` cannot be interrupted, so a pattern that could backtrack catastrophically is
refused before it runs: nested variable quantifiers (``(a+)+``), alternation under a
quantifier (``(a|aa)*``), and two unbounded quantifiers in a row (``.*.*``). Without these, a
match costs at most a low power of the field length; fields are capped in size and the whole
search in time, checked between fields.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from app.checks.paths import Edit, edits_for_texts, get_text, iter_text_fields
from app.errors import InputError
from app.model import Material

try:  # Python ≥ 3.11 keeps the regex parser here; older versions expose sre_parse
    from re import _parser as sre_parse  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover
    import sre_parse  # type: ignore[no-redef]

if TYPE_CHECKING:
    from app.library import Library

MAX_PATTERN_CHARS = 1000
MAX_REGEX_FIELD_CHARS = 20_000
TIME_BUDGET_S = 2.0
CONTEXT_CHARS = 12
_MAXREPEAT = sre_parse.MAXREPEAT
_REPEATS = {sre_parse.MAX_REPEAT, sre_parse.MIN_REPEAT} | (
    {sre_parse.POSSESSIVE_REPEAT} if hasattr(sre_parse, "POSSESSIVE_REPEAT") else set()
)


@dataclass(frozen=True)
class Hit:
    """One match: field path, [start, end) in that field, the matched text and some context."""

    path: str
    start: int
    end: int
    excerpt: str
    before: str
    after: str


def compile_query(pattern: str, *, regex: bool = False, case_sensitive: bool = True) -> re.Pattern:
    """The compiled search; InputError for an empty, invalid or dangerously slow pattern."""
    if not pattern:
        raise InputError("查找内容为空", "nothing to find")
    if len(pattern) > MAX_PATTERN_CHARS:
        raise InputError(
            f"查找内容过长（超过 {MAX_PATTERN_CHARS} 字）",
            f"pattern longer than {MAX_PATTERN_CHARS} characters",
        )
    flags = 0 if case_sensitive else re.IGNORECASE
    if not regex:
        return re.compile(re.escape(pattern), flags)
    try:
        parsed = sre_parse.parse(pattern, flags)
        compiled = re.compile(pattern, flags)
    except (re.error, OverflowError, RecursionError) as exc:
        raise InputError(f"正则表达式有误：{exc}", f"invalid regular expression: {exc}") from exc
    problem = _backtracking_risk(list(parsed))
    if problem:
        raise InputError(
            f"正则表达式可能运行极慢（{problem[0]}），请简化",
            f"regular expression may run for a very long time ({problem[1]}); simplify it",
        )
    return compiled


def _backtracking_risk(items: list, inside_repeat: bool = False) -> tuple[str, str] | None:
    previous_unbounded: list | None = None  # body of an unbounded repeat right before this item
    for op, arg in items:
        if op in _REPEATS:
            low, high, sub = arg
            variable = low != high
            if inside_repeat and variable:
                return "量词嵌套", "nested quantifiers"
            if high > 1 and _contains_branch(list(sub)):
                return "量词内含多选分支", "alternation under a quantifier"
            if (
                high == _MAXREPEAT
                and previous_unbounded is not None
                and _overlap(previous_unbounded, list(sub))
            ):
                return "连续的无限量词", "two unbounded quantifiers in a row"
            found = _backtracking_risk(list(sub), inside_repeat or high > 1)
            if found:
                return found
            previous_unbounded = list(sub) if high == _MAXREPEAT else None
            continue
        previous_unbounded = None
        for sub in _children(op, arg):
            found = _backtracking_risk(sub, inside_repeat)
            if found:
                return found
    return None


def _overlap(first: list, second: list) -> bool:
    """May two repeated bodies match the same character (so the split between them is free)?
    Conservative: equal bodies, or either one broad (., [^…], a negated literal)."""
    return first == second or _broad(first) or _broad(second)


def _broad(items: list) -> bool:
    for op, arg in items:
        if op in (sre_parse.ANY, sre_parse.NOT_LITERAL):
            return True
        if op == sre_parse.IN and any(o == sre_parse.NEGATE for o, _ in arg):
            return True
        if op == sre_parse.SUBPATTERN and _broad(list(arg[-1])):
            return True
    return False


def _children(op, arg) -> list[list]:
    if op == sre_parse.SUBPATTERN:
        return [list(arg[-1])]
    if op == sre_parse.BRANCH:
        return [list(b) for b in arg[1]]
    if op in (sre_parse.ASSERT, sre_parse.ASSERT_NOT):
        return [list(arg[1])]
    if hasattr(sre_parse, "ATOMIC_GROUP") and op == sre_parse.ATOMIC_GROUP:
        return [list(arg)]
    if op == sre_parse.GROUPREF_EXISTS:
        return [list(a) for a in arg[1:] if a is not None]
    return []


def _contains_branch(items: list) -> bool:
    for op, arg in items:
        if op == sre_parse.BRANCH:
            return True
        if op in _REPEATS:
            if _contains_branch(list(arg[2])):
                return True
            continue
        if any(_contains_branch(sub) for sub in _children(op, arg)):
            return True
    return False


# ----- finding -------------------------------------------------------------------------------


def _fields(material: Material, compiled: re.Pattern, regex: bool) -> Iterable[tuple[str, str]]:
    deadline = time.perf_counter() + TIME_BUDGET_S
    for field in iter_text_fields(material):
        if not field.text:
            continue
        if regex and len(field.text) > MAX_REGEX_FIELD_CHARS:
            raise InputError(
                f"段落过长，无法用正则表达式查找：{field.path}",
                f"field too long for a regex search: {field.path}",
            )
        if time.perf_counter() > deadline:
            raise InputError(
                "查找超时，请简化查找内容", "search took too long; simplify the pattern"
            )
        yield field.path, field.text


def find_all(
    material: Material, pattern: str, *, regex: bool = False, case_sensitive: bool = True
) -> list[Hit]:
    """Every non-empty match in reading order."""
    compiled = compile_query(pattern, regex=regex, case_sensitive=case_sensitive)
    hits = []
    for path, text in _fields(material, compiled, regex):
        for m in compiled.finditer(text):
            if m.end() > m.start():
                hits.append(
                    Hit(
                        path,
                        m.start(),
                        m.end(),
                        m.group(),
                        text[max(0, m.start() - CONTEXT_CHARS) : m.start()],
                        text[m.end() : m.end() + CONTEXT_CHARS],
                    )
                )
    return hits


def find_in_library(
    library: Library, pattern: str, *, regex: bool = False, case_sensitive: bool = True
) -> list[tuple[int, Hit]]:
    """(material id, hit) over every material of the library (trash excluded)."""
    compile_query(pattern, regex=regex, case_sensitive=case_sensitive)  # bad input fails first
    out = []
    for summary in library.list_materials():
        material = library.get_material(summary.id)
        out += [
            (summary.id, hit)
            for hit in find_all(material, pattern, regex=regex, case_sensitive=case_sensitive)
        ]
    return out


# ----- replacing -----------------------------------------------------------------------------


def replace_all(
    material: Material,
    pattern: str,
    replacement: str,
    *,
    regex: bool = False,
    case_sensitive: bool = True,
    only: Iterable[Hit] | None = None,
) -> list[Edit]:
    """Edits replacing every hit (or only the given hits: replace one = ``only=[hit]``).

    In regex mode the replacement may use ``\\1`` / ``\\g<name>``; literal mode inserts it as
    typed. The material is not changed: apply the edits (``app.checks.paths.apply_edit`` or the
    library) as one command. A hit that no longer matches its text → InputError."""
    compiled = compile_query(pattern, regex=regex, case_sensitive=case_sensitive)
    new_texts: dict[str, str] = {}
    if only is None:
        for path, text in _fields(material, compiled, regex):
            matches = [m for m in compiled.finditer(text) if m.end() > m.start()]
            if matches:
                new_texts[path] = _substituted(text, matches, replacement, regex)
    else:
        by_path: dict[str, list[Hit]] = {}
        for hit in only:
            by_path.setdefault(hit.path, []).append(hit)
        for path, hits in by_path.items():
            text = get_text(material, path)
            matches = []
            for hit in sorted(hits, key=lambda h: h.start):
                m = compiled.match(text, hit.start)
                if m is None or m.end() != hit.end or m.group() != hit.excerpt:
                    raise InputError(
                        "内容已改动，请重新查找后再替换。",
                        f"text at {path} changed since the search",
                    )
                if matches and m.start() < matches[-1].end():
                    continue
                matches.append(m)
            new_texts[path] = _substituted(text, matches, replacement, regex)
    return edits_for_texts(
        material, {p: t for p, t in new_texts.items() if t != get_text(material, p)}
    )


def _substituted(text: str, matches: list[re.Match], replacement: str, regex: bool) -> str:
    parts, last = [], 0
    for m in matches:
        try:
            new = m.expand(replacement) if regex else replacement
        except (re.error, IndexError) as exc:
            raise InputError(f"替换内容有误：{exc}", f"invalid replacement: {exc}") from exc
        parts += [text[last : m.start()], new]
        last = m.end()
    parts.append(text[last:])
    return "".join(parts)
