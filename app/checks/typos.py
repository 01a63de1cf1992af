"""Common typos (拼搏竞劲 → 拼搏竞进, 越来愈多 → 越来越多, …) from ``resources/checks/typos.toml``,
extended by the user's own ``typos.toml`` (see ``app.checks.data``)."""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

from app.checks.data import load, version
from app.checks.findings import Finding, finding_at
from app.checks.paths import TextField
from app.checks.wordlists import WordList, entries_from


@cache
def _typos(user_version: str) -> WordList:
    return WordList(entries_from(load("typos").get("typo", [])))


def check(fields: Iterable[TextField]) -> list[Finding]:
    out = []
    words = _typos(version("typos"))
    for f in fields:
        for start, end, entry in words.matches(f.text):
            wrong = f.text[start:end]
            out.append(
                finding_at(
                    "typo",
                    "error",
                    f.path,
                    f.text,
                    start,
                    end,
                    f"疑似错别字：“{wrong}”应为“{entry.right}”。",
                    entry.right,
                )
            )
    return out
