"""The edges of an imported document: page furniture, generated TOC, title, 职务姓名/date, closing.

These work on a list of paragraph strings (one line of a text file after hard-wrap joining,
or one Word paragraph), so the DOCX reader shares them. Everything here only *finds* indices;
``structure`` decides where the text goes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from app.importers.markers import DIMENSION_RE, POINT_START_RE, SECTION_RE

HEAD_WINDOW = 15  # the title sits within the first paragraphs, after at most some furniture

FURNITURE_RE = re.compile(
    r"以下是|收集|整理|小编|浏览|阅读|来源[:：]|发布|时间[:：]|http|www\.|\.com|\.cn|首页|>|›|»|"
    r"点击|下载|复制|范文|栏目|热度|评论|分享|收藏|作者[:：]|编辑[:：]|责任编辑|字号|打印本页|关闭窗口"
)
TITLE_END_RE = re.compile(
    r"(对照检查材料|检视剖析材料|对照检查发言材料|对照检查发言提纲|剖析材料|发言提纲|发言材料|组织生活报告|"
    r"对照检查报告|检查材料|检视材料|对照检查)\s*([（(][^）)]{0,20}[）)])?\s*$"
)
_TITLE_WORDS = re.compile(r"材料|提纲|报告|发言")
# Lines of a web page around an article, wherever they stand: post data, share and print
# links, neighbouring articles, banners. Specific enough to never be a material's own line.
_WEB_FURNITURE_RE = re.compile(
    r"^[【\[]?\s*(?:发布时间|发布日期|发表时间|更新时间|日期|时间|来源|文章来源|信息来源|浏览量|浏览次数|阅读量|阅读次数|"
    r"点击量|点击数|点击次数|访问量|作者|编辑|责任编辑|审核|字号|字体|分享到|分享|阅读|浏览|点击|人气|热度)\s*[:：]|"
    r"^(?:上一篇|下一篇|上一页|下一页)\s*[:：]|"
    r"^[【\[]?\s*(?:打印本页|打印|关闭窗口|关闭|收藏本页|加入收藏|收藏|返回顶部|复制链接|我要纠错|下载文档|下载)\s*[】\]]?"
    r"(?:\s*[【\[].{0,6}[】\]])*\s*$|"
    r"欢迎(?:您|你|访问)|^(?:首页|当前位置|您的位置|您现在的位置|所在位置)\s*[:：>›»]|"
    r"^(?:相关阅读|相关文章|相关推荐|推荐阅读|热门文章|猜你喜欢|扫一扫|扫码)"
)
_TITLE_PART_RE = re.compile(
    r"党组|党委|班子|领导|民主生活会|组织生活会|专题|年度|支部|委员会|政府|个人|同志|学习教育|主题教育|mzshh|dangshi"
)
DATE_RE = re.compile(
    r"^[（(]?\s*(\d{4}|[〇零一二三四五六七八九]{4})\s*年\s*[\d一二三四五六七八九十]{1,3}\s*月"
    r"(\s*[\d一二三四五六七八九十]{1,3}\s*日)?\s*[）)]?$"
)
_AUTHOR_WORDS = re.compile(
    r"书记|主任|部长|局长|县长|市长|镇长|乡长|区长|主席|委员|常委|经理|校长|院长|组长|科长|处长|厅长|"
    r"秘书长|党员|干部|姓名|同志"
)
_BARE_NAME_RE = re.compile(r"^[\u4e00-\u9fff*＊X×]{2,4}$")
_UNIT_AND_NAME_RE = re.compile(r"\S[ \t\u3000]{2,}[\u4e00-\u9fff][\u4e00-\u9fff*＊X×]{1,3}$")
PAGE_NUMBER_RE = re.compile(
    r"^\s*(?:[-—–－]+\s*\d{1,4}\s*[-—–－]+|\d{1,3}|第\s*\d{1,4}\s*页(?:\s*[，,]?\s*共\s*\d{1,4}\s*页)?|"
    r"\d{1,4}\s*/\s*\d{1,4})\s*$"
)
CLOSING_RE = re.compile(r"^以上|批评指正|请予审议|不妥之处|敬请.{0,10}(指正|审阅)")
_TOC_LEADERS_RE = re.compile(r"[\s.…·．。\-—_]*\d{0,4}\s*$")
_SENTENCE_MARKS = "。，；：;:,"


@dataclass
class Head:
    """Where the title and its metadata are, as indices into the paragraph list."""

    title: str = ""
    author: str = ""
    date: str = ""
    furniture: list[int] = field(default_factory=list)
    # A title-like line with real text before it is not used: the model has no place before the
    # title, and moving that text after it would reorder the document.
    rejected_title: str = ""
    body_start: int = 0


def starts_with_marker(text: str) -> bool:
    return bool(SECTION_RE.match(text) or DIMENSION_RE.match(text) or POINT_START_RE.match(text))


def is_page_number(text: str) -> bool:
    return bool(PAGE_NUMBER_RE.match(text))


def is_web_furniture(text: str) -> bool:
    """A web page's own line (post data, share/print links, banner) — never the material's."""
    text = text.strip()
    if len(text) > 80 or starts_with_marker(text) or "。" in text:
        return False
    return bool(_WEB_FURNITURE_RE.search(text))


def is_furniture(text: str) -> bool:
    """A line before the title that belongs to the web page or the PDF, not to the material."""
    text = text.strip()
    if is_page_number(text) or FURNITURE_RE.search(text):
        return True
    return len(text) < 20 and not _TITLE_WORDS.search(text)


def _looks_like_title(text: str, heading_level: int | None) -> bool:
    if len(text) > 100 or FURNITURE_RE.search(text) or starts_with_marker(text):
        return False
    if TITLE_END_RE.search(text):
        return True
    return heading_level == 1 and bool(_TITLE_WORDS.search(text))


_ORG_LINE_RE = re.compile(
    r"^中共|(局|厅|委|办|院|校|所|站|中心|公司|集团|镇|乡|街道|村|社区|支部|党组|党委)$"
)


def _is_title_part(text: str) -> bool:
    """An earlier line of a title broken over lines (unit + meeting, then 对照检查材料)."""
    return (
        len(text) <= 40
        and not FURNITURE_RE.search(text)
        and not any(c in text for c in _SENTENCE_MARKS)
        and not DATE_RE.match(text)
        and not starts_with_marker(text)
        and bool(_TITLE_PART_RE.search(text) or (len(text) <= 25 and _ORG_LINE_RE.search(text)))
    )


def _is_author(text: str) -> bool:
    if len(text) > 30 or any(c in text for c in "。；：:") or starts_with_marker(text):
        return False
    if text.startswith(("按照", "根据")) or TITLE_END_RE.search(text):
        return False
    if _BARE_NAME_RE.match(text.replace(" ", "")):
        return True
    # 职务/单位 then the name after spaces: "XX局机关第二党支部  李**"
    return bool(_AUTHOR_WORDS.search(text) or _UNIT_AND_NAME_RE.search(text))


def find_head(paragraphs: list[str], heading_levels: list[int | None]) -> Head:
    """Find the title (maybe two lines), what precedes it, and the 职务姓名/date lines after it."""
    texts = [p.strip() for p in paragraphs]
    title_at = None
    split_at = None  # a title cut inside its closing words: …对照检 | 查材料
    for i, text in enumerate(texts[:HEAD_WINDOW]):
        if text.startswith(("按照", "根据")) or starts_with_marker(text) or len(text) > 120:
            break
        if _looks_like_title(text, heading_levels[i]):
            title_at = i
            break
        tail = texts[i + 1] if i + 1 < len(texts) else ""
        if (
            tail
            and len(tail) <= 20
            and not any(c in text + tail for c in _SENTENCE_MARKS)
            and not starts_with_marker(tail)
            and _looks_like_title(text + tail, heading_levels[i])
        ):
            title_at, split_at = i + 1, i
            break
    if title_at is None:
        return Head()
    # A web page shows its own headline, then dates and a blurb, then the article's title.
    k = title_at + 1
    while k < min(len(texts), HEAD_WINDOW) and is_furniture(texts[k]):
        k += 1
    headline = None
    if (
        split_at is None
        and k > title_at + 1
        and k < len(texts)
        and _looks_like_title(texts[k], heading_levels[k])
    ):
        headline, title_at = title_at, k
    # A title broken over two or three lines (unit / meeting / 对照检查材料).
    start = title_at if split_at is None else split_at
    while start > 0 and title_at - start < 2 and _is_title_part(texts[start - 1]):
        start -= 1
    head = Head(title="".join(texts[start : title_at + 1]))
    head.furniture = [i for i in range(start) if i == headline or is_furniture(texts[i])]
    if len(head.furniture) < start:
        return Head(rejected_title=head.title)
    j = title_at + 1
    while j < len(texts) and texts[j] in (head.title, texts[title_at]):
        head.furniture.append(j)  # the title repeated (page header, or pasted twice)
        j += 1
    for _ in range(2):
        if j >= len(texts):
            break
        if not head.date and DATE_RE.match(texts[j]):
            head.date = texts[j]
        elif not head.author and not head.date and _is_author(texts[j]):
            head.author = texts[j]
        else:
            break
        j += 1
    head.body_start = j
    return head


def _toc_key(text: str) -> str:
    for pattern in (SECTION_RE, DIMENSION_RE, POINT_START_RE):
        m = pattern.match(text)
        if m:
            text = text[m.end() :]
            break
    return re.sub(r"\s+", "", _TOC_LEADERS_RE.sub("", text))


def _is_toc_entry(text: str) -> bool:
    text = text.strip()
    if not starts_with_marker(text) or len(text) > 90:
        return False
    key = _toc_key(text)
    return 2 <= len(key) <= 70 and "。" not in key


def find_toc(paragraphs: list[str]) -> list[int]:
    """Indices of a generated table of contents: a run of ≥ 4 numbered heading lines with no
    body between them, whose headings appear again later in the document (≥ 2 when the run
    stands before the title and every heading comes again)."""
    found: list[int] = []
    # Before the title, two heading lines that come again later are already a contents list.
    title_at = next(
        (
            k
            for k, p in enumerate(paragraphs[: HEAD_WINDOW * 2])
            if _looks_like_title(p.strip(), None)
        ),
        -1,
    )
    i = 0
    while i < len(paragraphs):
        if not _is_toc_entry(paragraphs[i]):
            i += 1
            continue
        j = i
        while j < len(paragraphs) and _is_toc_entry(paragraphs[j]):
            j += 1
        before_title = j <= title_at
        if j - i >= (2 if before_title else 4):
            later = [_toc_key(p.strip()) for p in paragraphs[j:]]
            keys = [_toc_key(p.strip()) for p in paragraphs[i:j]]
            again = sum(1 for k in keys if any(lk.startswith(k) for lk in later))
            if again >= (1.0 if before_title else 0.75) * len(keys):
                found.extend(range(i, j))
                if i > 0 and re.fullmatch(r"目\s*录", paragraphs[i - 1].strip()):
                    found.append(i - 1)
        i = j
    return sorted(found)


def _is_signature(text: str) -> bool:
    text = text.strip()
    return (
        len(text) <= 30
        and not any(c in text for c in "。，；")
        and not starts_with_marker(text)
        and bool(DATE_RE.match(text) or _TITLE_PART_RE.search(text) or _AUTHOR_WORDS.search(text))
    )


def find_closing(paragraphs: list[str], start: int) -> int:
    """Index where the closing begins (以上…/恳请…批评指正 and the signature lines), or len."""
    k = len(paragraphs) - 1
    while k >= start and _is_signature(paragraphs[k]):
        k -= 1
    c = k
    while (
        c >= start
        and CLOSING_RE.search(paragraphs[c].strip())
        and not starts_with_marker(paragraphs[c])
    ):
        c -= 1
    if c < k:
        return c + 1
    return k + 1


_PIECE_RE = re.compile(r"^【?\s*篇\s*[\d一二三四五六七八九十]+\s*】")


def find_more_materials(paragraphs: list[str], start: int) -> list[int]:
    """Indices after ``start`` where another material seems to begin (【篇2】, a second title)."""
    return [
        i
        for i in range(start, len(paragraphs))
        if _PIECE_RE.match(paragraphs[i].strip())
        or (_looks_like_title(paragraphs[i].strip(), None) and len(paragraphs[i].strip()) <= 60)
    ]
