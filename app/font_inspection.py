"""Opening one font file with fontTools to judge it: which face of a collection is the family
we want, whether ReportLab can embed it (TrueType outlines, fsType), and which characters it
covers (its cmap, and its share of the GB2312 hanzi).

Separate from ``app.fonts`` (which file serves which role) because only a font that has not
been judged before needs this: a PDF export with the bundled fonts, or with installed fonts
whose probes ``app.font_probes`` remembers, never imports it. fontTools itself is imported
only when a file is opened.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import NamedTuple

from app.errors import InputError

MIN_GB2312_COVERAGE = 0.999


@functools.cache
def gb2312_hanzi() -> frozenset[int]:
    """The 6,763 hanzi of GB2312 (rows 16–87)."""
    found = set()
    for hi in range(0xB0, 0xF8):
        for lo in range(0xA1, 0xFF):
            try:
                found.add(ord(bytes((hi, lo)).decode("gb2312")))
            except UnicodeDecodeError:
                continue
    return frozenset(found)


class Probe(NamedTuple):  # a named tuple, as app.fonts' table entries
    path: Path
    face_index: int  # inside a .ttc, else 0 (not ``index``: a tuple's method)
    family: str
    problem: str | None  # Chinese, why the font cannot be used; None when it can
    gb2312_coverage: float = 0.0


def _open_faces(path: Path) -> list:
    from fontTools.ttLib import TTCollection, TTFont

    if path.suffix.lower() in (".ttc", ".otc"):
        return list(TTCollection(path, lazy=True).fonts)
    return [TTFont(path, lazy=True)]


def _names(face) -> set[str]:
    """Family, full and typographic family names of a face, in every language, case-folded."""
    names = set()
    for record in face["name"].names:
        if record.nameID in (1, 4, 16):
            names.add(record.toUnicode(errors="ignore").strip().casefold())
    return names


def _is_regular(face) -> bool:
    style = face["name"].getDebugName(17) or face["name"].getDebugName(2) or ""
    return style.strip().lower() in ("regular", "normal", "book", "roman", "medium")


def probe_font(path: Path, families: tuple[str, ...], require_coverage: bool) -> Probe:
    """Open only the tables needed (fontTools lazy): name, OS/2, cmap, the outline tag."""
    try:
        faces = _open_faces(path)
        wanted = {f.casefold() for f in families}
        found = [(i, wanted & _names(f), f) for i, f in enumerate(faces) if wanted & _names(f)]
        if not found:
            return Probe(path, 0, "", "字体名称不符")
        # A collection may hold several weights of one family (macOS Songti.ttc): take the
        # regular one; stable sort keeps file order otherwise.
        found.sort(key=lambda item: not _is_regular(item[2]))
        index, matched, face = found[0]
        family = next(f for f in families if f.casefold() in matched)
        if "glyf" not in face:
            return Probe(path, index, family, "CFF（PostScript）轮廓，ReportLab 无法嵌入")
        fs_type = face["OS/2"].fsType if "OS/2" in face else 0
        if fs_type & 0x000F == 0x0002 or fs_type & 0x0300:
            return Probe(path, index, family, f"字体授权（fsType {fs_type:#06x}）禁止嵌入")
        coverage = 1.0
        if require_coverage:
            hanzi = gb2312_hanzi()
            coverage = len(hanzi & file_codepoints(path, index)) / len(hanzi)
            if coverage < MIN_GB2312_COVERAGE:
                return Probe(path, index, family, f"GB2312 汉字仅覆盖 {coverage:.1%}", coverage)
        return Probe(path, index, family, None, coverage)
    except Exception as exc:  # a damaged font file must not stop the export: it is skipped
        return Probe(path, 0, "", f"无法读取（{type(exc).__name__}）")


@functools.lru_cache(maxsize=64)
def file_codepoints(path: Path, index: int) -> frozenset[int]:
    from fontTools.ttLib import TTFont

    try:
        is_collection = path.suffix.lower() in (".ttc", ".otc")
        font = TTFont(path, lazy=True, fontNumber=index if is_collection else -1)
        return frozenset(font.getBestCmap() or ())
    except Exception as exc:  # fontTools raises many kinds on a damaged file
        raise InputError(
            f"无法读取字体文件 {path}：{exc}", f"cannot read font file {path}: {exc}"
        ) from exc
