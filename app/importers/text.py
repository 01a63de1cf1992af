"""Plain text / Markdown importer: bytes → decoded, normalised paragraphs → Material.

The reader's job is the layer below structure: encodings, line endings, Markdown markers
(``# `` headings and ``**…**`` around a whole line; ``**`` inside a sentence is text such as a
masked ``**镇``) and hard line breaks of text copied out of a PDF. It hands paragraphs plus
hints to ``structure.build_material``, which the DOCX reader shares.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from app.errors import InputError
from app.importers.encoding import MAX_TEXT_BYTES, check_magic, check_size, decode_bytes
from app.importers.head import TITLE_END_RE, is_page_number, is_web_furniture, starts_with_marker
from app.importers.headings import ends_like_heading, is_complete_heading, is_exact_official_heading
from app.importers.markers import DIMENSION_RE, SECTION_RE
from app.importers.structure import ImportReport, ParagraphHint, build_material
from app.model import Material

__all__ = [
    "ImportReport",
    "import_bytes",
    "import_text",
    "import_text_file",
    "normalise_newlines",
    "text_to_paragraphs",
]

_MD_HEADING_RE = re.compile(r"^[ \t]{0,3}(#{1,6})[ \t]+(.*?)[ \t]*$")
# Bold around the whole line only; the inner text must not start or end with * or a space, so
# masked words (**镇, ***) and a bare "*****" stay text.
_MD_BOLD_LINE_RE = re.compile(r"^[ \t]*\*\*(?=[^*\s])(.*?[^*\s])\*\*[ \t]*$")
_SENTENCE_END = "。！？；：:!?;"
_CLOSING_QUOTES = "”’\"'」』）)"
_HEADING_BREAKERS = "。；;！？!?"  # a paragraph holding one of these is past any heading
# After a full line ending in 。, these openings start a new paragraph rather than continue one.
_NEW_PARAGRAPH_RE = re.compile(r"^(以上|按照|根据)")
HEAD_LINES = 20  # the title block is within the first lines; no soft-wrap joining there


@dataclass(frozen=True)
class _Line:
    text: str
    hint: ParagraphHint
    width: int  # display width: a CJK character counts 2, a Latin one 1

    @property
    def hinted(self) -> bool:
        return self.hint.heading_level is not None or self.hint.bold


def normalise_newlines(text: str) -> str:
    """CRLF and lone CR (old Mac) become LF; a decoded BOM at the start is dropped."""
    return text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")


def display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _parse_line(raw: str) -> _Line:
    m = _MD_HEADING_RE.match(raw)
    level = len(m.group(1)) if m else None
    text = m.group(2) if m else raw
    b = _MD_BOLD_LINE_RE.match(text)  # also "# **标题**", as converters write headings
    if b:
        text = b.group(1)
    text = text.strip()
    # The width counts a kept indent (\u3000\u3000), so an indented first line is still full.
    indent = raw[: len(raw) - len(raw.lstrip())] if not (m or b) else ""
    return _Line(
        text, ParagraphHint(heading_level=level, bold=bool(b)), display_width(indent + text)
    )


def detect_wrap_width(widths: list[int]) -> int | None:
    """The full-line width of hard-wrapped text (PDF copy), or None when lines are paragraphs.

    Wrapped text has most long lines at one width (within about one character) and none clearly
    longer.
    """
    long = Counter(w for w in widths if w >= 30)
    total = sum(long.values())
    if total < 5:
        return None
    best, count = max(
        ((w, sum(long[x] for x in range(w - 3, w + 1))) for w in long), key=lambda t: (t[1], t[0])
    )
    longer = sum(n for x, n in long.items() if x > best + 2)
    if count >= max(4, total // 2) and longer <= total // 20:
        return best
    return None


def _ends_sentence(text: str) -> bool:
    stripped = text.rstrip(_CLOSING_QUOTES)
    return bool(stripped) and stripped[-1] in _SENTENCE_END


def _is_heading_line(text: str) -> bool:
    """A numbered line that is complete by itself: （一）在××方面 / 1.学习不够系统 — or a long
    official heading with commas and quotes (decided by its wording, not its length)."""
    if is_complete_heading(text):
        return True
    return (
        starts_with_marker(text)
        and len(text) <= 40
        and not any(c in text for c in "。；;：:！？!?")
    )


def _head_end(lines: list[_Line]) -> int:
    """Index of the first line past the title block (where body text begins). A contents
    list or a breadcrumb may stand before the title: when a title line comes within the first
    lines, the body begins after it."""
    texts = [(i, line.text) for i, line in enumerate(lines) if line.text][:HEAD_LINES]
    title_at = None
    for k, (i, text) in enumerate(texts):
        if text.startswith(("按照", "根据")):
            break
        joined = "".join(t for _i, t in texts[k : k + 2])
        if TITLE_END_RE.search(text) or (
            TITLE_END_RE.search(joined) and not starts_with_marker(text)
        ):
            title_at = i
            break
    seen = 0
    for i, line in enumerate(lines):
        if not line.text:
            continue
        seen += 1
        if title_at is not None and i <= title_at:
            continue
        if (
            seen > HEAD_LINES
            or line.text.startswith(("按照", "根据"))
            or starts_with_marker(line.text)
        ):
            return i
    return len(lines)


_TOC_LINE_RE = re.compile(r"[.…·．\-_]{4,}\s*\d{1,4}\s*$")


def _stands_alone(text: str) -> bool:
    """A line that never joins a neighbour: a contents entry with leaders and a page number,
    or a web page's own line (share links, post data)."""
    return bool(_TOC_LINE_RE.search(text)) or is_web_furniture(text)


def _is_full(prev: _Line, wrap: int, first_line: bool) -> bool:
    """A line as long as the file's full lines (a wrap). A paragraph's first line may be two
    characters shorter: its indent was lost in the copy."""
    if prev.width >= wrap - 3:
        return True
    return (
        first_line
        and prev.width >= wrap - 7
        and not _ends_sentence(prev.text)
        and not _is_heading_line(prev.text)
    )


def _joins(
    prev: _Line,
    cur: _Line,
    wrap: int | None,
    in_head: bool,
    first_line: bool,
    para: str | None = None,
) -> bool:
    """Whether ``cur`` continues the paragraph whose last line is ``prev`` (a hard wrap);
    ``para`` is the paragraph so far (a heading may already span lines)."""
    para = prev.text if para is None else para
    if prev.hinted or cur.hinted or _stands_alone(prev.text) or _stands_alone(cur.text):
        return False
    if _title_ends_at(prev.text, cur.text) and not any(c in prev.text for c in "，,。；;：:"):
        return False  # a complete title line does not run into what follows
    if in_head and _ends_sentence(prev.text):
        return False  # title-block lines (blurbs, dates) end where a sentence ends
    if is_complete_heading(para) and not _continues_heading(para, cur.text):
        # （一）…方面 ends its paragraph even when its last line happens to be full; a full line
        # that only resembles an official wording may be the first line of a wrapped heading.
        full = wrap is not None and _is_full(prev, wrap, first_line)
        if not full:
            return False
        # A full line ending in ：is a run-in heading whose text goes on (…方面：| 一是…).
        if not para.rstrip().endswith(("：", ":")) and (
            ends_like_heading(para) or is_exact_official_heading(para)
        ):
            return False
    if wrap is not None and _is_full(prev, wrap, first_line):
        # A full line is wrapped even when it ends with 。 — unless a new section/dimension follows.
        new_block = (
            SECTION_RE.match(cur.text)
            or DIMENSION_RE.match(cur.text)
            or _NEW_PARAGRAPH_RE.match(cur.text)
        )
        return not (new_block and _ends_sentence(prev.text))
    if wrap is not None or in_head:
        return False  # a short line ends a wrapped paragraph; title-block lines stay apart
    if starts_with_marker(cur.text) or _ends_sentence(prev.text):
        return False
    if _is_heading_line(para) and not _continues_heading(para, cur.text):
        return False
    return prev.width >= 20


def _continues_heading(prev: str, cur: str) -> bool:
    """``cur`` is the tail of a heading broken over lines (…团结统一 | 方面 / …统一方 | 面。)."""
    return len(cur) <= 30 and not starts_with_marker(cur) and is_complete_heading(prev + cur)


def _title_ends_at(prev: str, cur: str) -> bool:
    """``prev`` ends a title and ``cur`` does not continue it (…对照检查|材料 continues it)."""
    return bool(TITLE_END_RE.search(prev)) and not TITLE_END_RE.search(prev + cur)


def _join_texts(lines: list[_Line]) -> str:
    # No glue: a CJK grid breaks anywhere, even inside pinyin such as dang|shi.
    return "".join(line.text for line in lines)


def _running_titles(lines: list[_Line], head_end: int) -> set[str]:
    """The title as a PDF repeats it at the top of each page: the title block's title-like text,
    from one to three of its lines joined (a title broken over lines is repeated whole)."""
    head = [line.text for line in lines[:head_end] if line.text]
    out = set()
    for i in range(len(head)):
        for n in (1, 2, 3):
            joined = "".join(head[i : i + n])
            found = TITLE_END_RE.search(joined) if i + n <= len(head) else None
            if found:
                out.add(re.sub(r"\s+", "", joined))
                if found.group(2):  # the page header may leave out a note such as （含案例）
                    out.add(re.sub(r"\s+", "", joined[: found.start(2)]))
    return out


_PLAIN_LINE_RE = re.compile(r"^[\w\u4e00-\u9fff（）()“”\"·\- ]{2,30}$")


def _page_headers(lines: list[_Line], head_end: int) -> set[str]:
    """A short plain line (a unit name, a document label) that comes back three times or more
    in the body: the header or footer of every PDF page, not the writer's text."""
    counts = Counter(
        re.sub(r"\s+", "", line.text)
        for line in lines[head_end:]
        if not line.hinted and _PLAIN_LINE_RE.match(line.text) and not starts_with_marker(line.text)
    )
    return {text for text, n in counts.items() if n >= 3}


def text_to_paragraphs(
    text: str, keep: Counter[str] | None = None
) -> tuple[list[str], list[ParagraphHint], list[tuple[float, str]]]:
    """(paragraphs, hints, set-aside lines) of a decoded text or Markdown file.

    Page numbers and running titles between lines are set aside, each with its place: a key
    ``n + 0.25`` (inside paragraph n, 1-based) or ``n + 0.5`` (after it), so the report can list
    them in document order. A line in ``keep`` (the user brought it back) stays text.
    """
    lines = [_parse_line(raw) for raw in normalise_newlines(text).split("\n")]
    return _join_lines(lines, keep)


def rejoin_hard_wraps(
    paragraphs: list[str], hints: list[ParagraphHint], keep: Counter[str] | None = None
) -> tuple[list[str], list[ParagraphHint], list[tuple[float, str]]] | None:
    """A PDF copy pasted into Word: one paragraph per PDF line. When the paragraphs show a
    hard-wrap width, rejoin them as a text file's lines; None when they are real paragraphs."""
    lines = [
        _Line(p.strip(), h, display_width(p.strip()))
        for p, h in zip(paragraphs, hints, strict=True)
    ]
    if detect_wrap_width([line.width for line in lines if not line.hinted]) is None:
        return None
    return _join_lines(lines, keep)


def _join_lines(
    lines: list[_Line], keep: Counter[str] | None
) -> tuple[list[str], list[ParagraphHint], list[tuple[float, str]]]:
    keep = Counter(keep or {})
    wrap = detect_wrap_width([line.width for line in lines if not line.hinted])
    head_end = _head_end(lines)
    running = _running_titles(lines, head_end) | _page_headers(lines, head_end)
    paragraphs: list[str] = []
    hints: list[ParagraphHint] = []
    dropped: list[tuple[float, str]] = []
    current: list[_Line] = []
    blank_before = False

    def flush() -> None:
        if current:
            paragraphs.append(_join_texts(current))
            hints.append(current[0].hint)
            current.clear()

    def set_aside(line: _Line) -> bool:
        if keep[line.text] > 0:
            keep[line.text] -= 1
            return False
        dropped.append((len(paragraphs) + (1.25 if current else 0.5), line.text))
        return True

    for index, line in enumerate(lines):
        if not line.text:
            blank_before = True
            continue
        if not line.hinted and is_page_number(line.text) and set_aside(line):
            continue  # a page break may fall inside a paragraph: keep it open
        if index >= head_end and re.sub(r"\s+", "", line.text) in running and set_aside(line):
            continue  # the running title (or unit name) at the top of a PDF page
        in_head = index < head_end
        # The paragraph so far matters only while it may still be a heading (numbered, no
        # sentence yet); joining every long paragraph again for each line would be quadratic.
        heading_so_far = (
            bool(current)
            and starts_with_marker(current[0].text)
            and not any(c in cur.text for cur in current for c in _HEADING_BREAKERS)
        )
        joins = bool(current) and _joins(
            current[-1],
            line,
            wrap,
            in_head,
            len(current) == 1,
            _join_texts(current)
            if heading_so_far
            else current[-1].text
            if len(current) == 1
            else "",
        )
        if joins and (
            index == head_end or (in_head and _title_ends_at(current[-1].text, line.text))
        ):
            joins = False  # a title line that happens to be full does not run into what follows
        if joins and blank_before:
            # Across a blank line only a wrapped full line (page break in a PDF copy) continues.
            joins = wrap is not None and not _ends_sentence(current[-1].text)
        if not joins:
            flush()
        current.append(line)
        blank_before = False
    flush()
    return paragraphs, hints, dropped


def import_text(
    text: str, *, template_id: str | None = None, keep: list[str] | None = None
) -> tuple[Material, ImportReport]:
    """Import a decoded text or Markdown document. ``keep``: lines a previous import set aside
    as furniture that the user brought back (each kept once per time it is listed)."""
    if "\x00" in text:
        raise InputError(
            "文本中含有二进制内容（NUL 字符），无法导入", "the text contains binary data (NUL)"
        )
    if not text.strip():
        raise InputError("文件是空的（没有文字）", "the file is empty (no text)")
    check_size(len(text))  # characters ≤ bytes: the same limit as for files
    kept = Counter(keep or [])
    paragraphs, hints, dropped = text_to_paragraphs(text, kept)
    return build_material(paragraphs, hints, template_id=template_id, dropped=dropped, keep=kept)


def import_bytes(
    data: bytes, *, template_id: str | None = None, keep: list[str] | None = None
) -> tuple[Material, ImportReport]:
    """Import the bytes of a text file: encoding detected, bad input refused with InputError."""
    decoded = decode_bytes(data)
    material, report = import_text(decoded.text, template_id=template_id, keep=keep)
    report.encoding = decoded.encoding
    return material, report


def import_text_file(
    path: str | Path, *, template_id: str | None = None, keep: list[str] | None = None
) -> tuple[Material, ImportReport]:
    """Import a .txt/.md file. The size is checked before reading, so a huge file fails fast."""
    path = Path(path)
    try:
        if not path.is_file():
            raise InputError(f"找不到文件：{path}", f"no such file: {path}")
        check_size(path.stat().st_size, path.name)
        with path.open("rb") as handle:
            head = handle.read(16)
            check_magic(head)
            data = head + handle.read(MAX_TEXT_BYTES)  # bounded even if the file grew meanwhile
    except OSError as exc:
        raise InputError(
            f"无法读取文件：{path}（{exc.strerror or exc}）", f"cannot read {path}: {exc}"
        ) from exc
    return import_bytes(data, template_id=template_id, keep=keep)
