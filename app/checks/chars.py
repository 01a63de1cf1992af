"""Character classes used by the rules (CJK ideographs, full-width marks, sentence splitting)."""

from __future__ import annotations

import re

CJK_PUNCT = "，。、；：？！“”‘’（）《》【】〔〕…—·「」『』"


def is_ideograph(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf" or "\uf900" <= ch <= "\ufaff"


def is_cjk(ch: str) -> bool:
    """An ideograph or a full-width mark: the text around it is Chinese."""
    return is_ideograph(ch) or ch in CJK_PUNCT or "\uff01" <= ch <= "\uff5e" and not ch.isalnum()


_SENTENCE = re.compile(r"[^。！？；!?\n]+[。！？；!?]?")


def sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence, the end mark included, surrounding spaces excluded."""
    out = []
    for m in _SENTENCE.finditer(text):
        start, end = m.start(), m.end()
        while start < end and text[start].isspace():
            start += 1
        if start < end:
            out.append((start, end))
    return out
