"""Quote marks and brackets: ASCII " and ' next to Chinese text (the fix picks “ or ” by pairing),
and unpaired or wrongly directed “” ‘’ （） 《》.

A dimension's run-in frame (``在“`` + heading + ``”方面：``) is one run of text split over three
fields: the prefix opens a quote that the suffix closes, so the three are paired together.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from itertools import accumulate

from app.checks.chars import is_cjk
from app.checks.findings import Finding, finding_at
from app.checks.paths import TextField

ASCII_QUOTES = {'"': ("“", "”"), "'": ("‘", "’")}
_ASCII_QUOTE_RE = re.compile("[\"']")
PAIRS = (("“", "”"), ("‘", "’"), ("（", "）"), ("《", "》"))
_OPEN_BEFORE = set("（(《「『：:，,、；;—")  # a quote after these opens
_CLOSE_AFTER = set("，。、；：？！,.;:?!）)》」』—…")  # a quote before these closes


def check(fields: Iterable[TextField]) -> list[Finding]:
    out: list[Finding] = []
    for run in _runs(fields):
        out += _ascii_quotes(run)
        out += _pairing(run)
    return out


def _runs(fields: Iterable[TextField]) -> list[list[TextField]]:
    """Fields grouped into runs of text: a dimension frame is one run, any other field its own."""
    runs: list[list[TextField]] = []
    for f in fields:
        if f.role in ("dim_heading", "dim_suffix") and runs and runs[-1][0].role == "dim_prefix":
            runs[-1].append(f)
        else:
            runs.append([f])
    return runs


# ----- ASCII quotes ---------------------------------------------------------------------------


def _ascii_quotes(run: list[TextField]) -> list[Finding]:
    """Direction: context first (after ，、： or at the start → opening; before ，。、 or at the
    end → closing), else alternate. The heading of a frame is paired on its own (its nested
    quotes), while the suffix continues the prefix (its quote closes what the prefix opened)."""
    out: list[Finding] = []
    frame = len(run) > 1
    state = {q: False for q in ASCII_QUOTES}  # is a quote of this kind open?
    for f in run:
        inner_start = frame and f.role in ("dim_heading", "dim_suffix")
        inner_end = frame and f.role in ("dim_prefix", "dim_heading")
        local = {q: False for q in ASCII_QUOTES} if f.role == "dim_heading" else state
        out += _quotes_in(f, local, inner_start, inner_end)
    return out


def _quotes_in(
    f: TextField, state: dict[str, bool], inner_start: bool, inner_end: bool
) -> list[Finding]:
    out = []
    text = f.text
    for m in _ASCII_QUOTE_RE.finditer(text):  # only the quotes, not every character
        i, ch = m.start(), m.group()
        before = text[i - 1] if i else ("中" if inner_start else "")
        after = text[i + 1] if i + 1 < len(text) else ("中" if inner_end else "")
        if not (is_cjk(before) or is_cjk(after)):
            continue  # English text, or an apostrophe between Latin letters
        if (
            before
            and (after == "" or after in _CLOSE_AFTER or after.isspace())
            and not before.isspace()
        ):
            opening = False
        elif before == "" or before in _OPEN_BEFORE or before.isspace():
            opening = True
        else:
            opening = not state[ch]
        state[ch] = opening
        open_mark, close_mark = ASCII_QUOTES[ch]
        fix = open_mark if opening else close_mark
        out.append(
            finding_at(
                "punct.ascii_quote",
                "error",
                f.path,
                text,
                i,
                i + 1,
                f"中文中使用了英文引号 {ch} ，应改为中文引号 {fix} 。",
                fix,
            )
        )
    return out


# ----- pairing of full-width marks ------------------------------------------------------------


def _pairing(run: list[TextField]) -> list[Finding]:
    # Positions in the run's joined text, mapped back to (field, offset).
    # Field starts and bisect rather than one entry per character (a 汇编 has ~300k).
    starts = list(accumulate((len(f.text) for f in run[:-1]), initial=0))
    joined = "".join(f.text for f in run)

    def places(pos: int) -> tuple[TextField, int]:
        index = bisect_right(starts, pos) - 1  # the last field starting here: empties are skipped
        return run[index], pos - starts[index]

    out: list[Finding] = []
    for open_mark, close_mark in PAIRS:
        if open_mark not in joined and close_mark not in joined:
            continue
        for pos, wrong, fix in _unbalanced(joined, open_mark, close_mark):
            f, offset = places(pos)
            if fix is None:
                msg = f"{joined[pos]} 没有配对的 {close_mark if wrong == 'open' else open_mark} 。"
                out.append(
                    finding_at("punct.unpaired", "warning", f.path, f.text, offset, offset + 1, msg)
                )
            else:
                out.append(
                    finding_at(
                        "punct.direction",
                        "error",
                        f.path,
                        f.text,
                        offset,
                        offset + 1,
                        f"引号或括号 {joined[pos]} 方向用反了，应为 {fix} 。",
                        fix,
                    )
                )
    return out


def _unbalanced(text: str, open_mark: str, close_mark: str) -> list[tuple[int, str, str | None]]:
    """Marks left over after pairing: (position, 'open'|'close', flipped mark or None).

    Neighbouring leftovers explain each other: ”…“ is a reversed pair, “…“ has its second
    mark reversed, ”…” its first; a leftover with no such neighbour is simply unpaired."""
    stack: list[int] = []
    left: list[tuple[int, str]] = []
    for i, ch in enumerate(text):
        if ch == open_mark:
            stack.append(i)
        elif ch == close_mark:
            if stack:
                stack.pop()
            else:
                left.append((i, "close"))
    left = sorted(left + [(i, "open") for i in stack])
    out: list[tuple[int, str, str | None]] = []
    k = 0
    while k < len(left):
        pos, kind = left[k]
        if k + 1 < len(left):
            nxt, nkind = left[k + 1]
            flips = {
                ("close", "open"): [(pos, open_mark), (nxt, close_mark)],
                ("open", "open"): [(nxt, close_mark)],
                ("close", "close"): [(pos, open_mark)],
            }.get((kind, nkind))
            if flips:
                out += [(p, "open" if m == close_mark else "close", m) for p, m in flips]
                k += 2
                continue
        out.append((pos, kind, None))
        k += 1
    return out
