"""Which font file serves each typesetting role (GB/T 9704), and what it covers.

Installed office fonts (仿宋_GB2312, 黑体, 楷体_GB2312, 宋体, 方正小标宋简体) win when they pass the
probe — TrueType ``glyf`` outlines (ReportLab cannot embed CFF), an fsType that allows embedding,
and ≥ 99.9 % of the GB2312 hanzi; otherwise the bundled fonts under ``resources/fonts/`` (built by
``packaging/fonts/build_fonts.py``) are used. ``DUIZHAO_FONTS=bundled`` forces the bundled set
(tests use it so results do not depend on the machine).

Importing this module does not import ReportLab: only :func:`register` does, lazily, because
registering a CJK font parses the whole file (10–160 ms each) — unless ``app.font_metrics``
has that parse cached, which it has for the bundled fonts. Opening a font file to judge it is
``app.font_inspection``'s work, describing the choice ``app.font_report``'s.
"""

from __future__ import annotations

import hashlib
import os
import struct
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from app.errors import DuizhaoError, InputError
from app.font_probes import ProbeCache
from app.resources import resource_path

if TYPE_CHECKING:
    from app.font_inspection import Probe

ROLES = ("title", "body", "heading1", "heading2", "page_number")

# What users call each role's bundled face (the reports' labels are in app.font_report).
_PLAIN_NAMES = {
    "title": "粗宋体",
    "body": "仿宋",
    "heading1": "黑体",
    "heading2": "楷体",
    "page_number": "宋体",
}


class FontChoice(NamedTuple):
    """The font file serving a role. A named tuple, as the table entries below: immutable and
    equal (and hashed: a resolver keys its caches by it) by value as a frozen dataclass."""

    role: str  # one of ROLES or "fallback"
    name: str  # unique ReportLab font name, stable per file + face index
    family: str  # human name, e.g. "仿宋_GB2312" or "FandolFang（内置）"
    path: Path
    subfont_index: int  # face index inside a .ttc, else 0
    source: str  # "installed" | "bundled"
    reason: str  # Chinese: why this font was chosen (shown by `duizhao-cli fonts`)
    label: str = ""  # the name users know: 仿宋_GB2312 as installed, or 仿宋 for our stand-in


# The entries of the static tables below are named tuples, not frozen dataclasses: immutable and
# equal by value alike, but built without compiling generated methods (≈ 3 M instructions each
# when this module loads, which every PDF export pays).
class _Bundled(NamedTuple):
    file: str
    family: str
    why: str  # what the font stands in for


_BUNDLED = {
    "title": _Bundled(
        "DZSerifSC-Bold.ttf",
        "思源宋体 Noto Serif CJK SC Bold（内置，更名 DZ Serif SC）",
        "以粗宋体代替方正小标宋简体",
    ),
    "body": _Bundled("DZFang-Regular.ttf", "FandolFang 仿宋（内置）", "代替仿宋_GB2312"),
    "heading1": _Bundled(
        "DZHei-Regular.ttf", "文泉驿微米黑 WenQuanYi Micro Hei（内置）", "代替黑体"
    ),
    "heading2": _Bundled(
        "DZKai-Regular.ttf", "文鼎 AR PL KaitiM GB 楷体（内置）", "代替楷体_GB2312"
    ),
    "page_number": _Bundled(
        "DZSong-Regular.ttf", "FandolSong 宋体（内置，仅数字与标点）", "代替宋体"
    ),
}
# Per-character fallback, in order: a Ming (宋) design for name hanzi first, as it sits better
# in 仿宋 text than a Hei; then a Hei covering all of GBK and CJK Unified Ideographs.
_BUNDLED_FALLBACKS = (
    _Bundled(
        "DZFallbackMing-Regular.ttf",
        "文鼎 AR PL UMing CN（内置，GB2312 外人名用字）",
        "补 GB2312 以外的人名用字（宋体风格）",
    ),
    _Bundled(
        "DZFallbackHei-Regular.ttf",
        "文泉驿微米黑 WenQuanYi Micro Hei（内置，GBK 全集）",
        "补 GBK 及中日韩统一表意文字",
    ),
)


class _Wanted(NamedTuple):
    """An installed font we prefer for a role: file names to look for, family names to accept."""

    files: tuple[str, ...]  # lower-case file names without extension
    families: tuple[str, ...]  # any of these family / full names (any language) matches
    label: str  # how we call it in the report


_PREFERRED: dict[str, tuple[_Wanted, ...]] = {
    "title": (
        _Wanted(
            ("fzxbsjw", "方正小标宋简体", "fzxiaobiaosong-b05s"),
            ("方正小标宋简体", "FZXiaoBiaoSong-B05S"),
            "方正小标宋简体",
        ),
        _Wanted(
            ("fzxbsk", "方正小标宋_gbk", "fzxiaobiaosong-b05"),
            ("方正小标宋_GBK", "FZXiaoBiaoSong-B05"),
            "方正小标宋_GBK",
        ),
    ),
    "body": (
        _Wanted(
            ("fs_gb2312", "仿宋_gb2312", "fangsong_gb2312"),
            ("仿宋_GB2312", "FangSong_GB2312"),
            "仿宋_GB2312",
        ),
        _Wanted(("simfang", "仿宋"), ("仿宋", "FangSong"), "仿宋"),
        _Wanted(
            ("stfangso", "华文仿宋", "stfangsong", "songti"), ("华文仿宋", "STFangsong"), "华文仿宋"
        ),
    ),
    "heading1": (
        _Wanted(("simhei", "黑体"), ("黑体", "SimHei"), "黑体"),
        _Wanted(
            ("stheiti", "stheiti light", "stheiti medium", "华文黑体", "stxihei", "华文细黑"),
            ("华文黑体", "STHeiti", "华文细黑", "STXihei", "Heiti SC"),
            "华文黑体",
        ),
    ),
    "heading2": (
        _Wanted(
            ("kai_gb2312", "楷体_gb2312", "kaiti_gb2312"),
            ("楷体_GB2312", "KaiTi_GB2312"),
            "楷体_GB2312",
        ),
        _Wanted(("simkai", "楷体"), ("楷体", "KaiTi"), "楷体"),
        _Wanted(("stkaiti", "华文楷体", "kaiti"), ("华文楷体", "STKaiti", "Kaiti SC"), "华文楷体"),
    ),
    "page_number": (
        _Wanted(("simsun", "宋体"), ("宋体", "SimSun"), "宋体"),
        _Wanted(("songti", "stsong", "华文宋体"), ("Songti SC", "华文宋体", "STSong"), "华文宋体"),
    ),
}
# For characters the role fonts lack, tried in this order: installed 宋体 (full GBK, closest to
# 仿宋), our Ming name hanzi, installed SimSun-ExtB (CJK Ext. B), our full-GBK Hei.
_FALLBACK_ORDER: tuple[_Wanted | _Bundled, ...] = (
    _Wanted(("simsun", "宋体"), ("宋体", "SimSun"), "宋体"),
    _BUNDLED_FALLBACKS[0],
    _Wanted(("simsunb", "simsun-extb"), ("SimSun-ExtB",), "宋体-方正超大字符集"),
    _BUNDLED_FALLBACKS[1],
)

# ---------------------------------------------------------------- probing installed font files

_FONT_SUFFIXES = {".ttf", ".ttc", ".otf", ".otc"}


def font_files(dirs: Iterable[Path]) -> list[Path]:
    """Font files under the folders, recursively (listing only; unreadable folders skipped)."""
    found = []
    for top in dirs:
        for root, _dirs, names in os.walk(top, onerror=lambda _err: None):
            found += [Path(root, n) for n in names if Path(n).suffix.lower() in _FONT_SUFFIXES]
    return found


def _bundled_only(flag: bool | None) -> bool:
    if flag is not None:
        return flag
    value = os.environ.get("DUIZHAO_FONTS", "").strip().lower()
    if value in ("", "auto", "installed"):
        return False
    if value == "bundled":
        return True
    raise InputError(
        f"环境变量 DUIZHAO_FONTS 的值“{value}”无效，应为 bundled 或 auto",
        f"DUIZHAO_FONTS={value!r} is not valid; use 'bundled' or 'auto'",
    )


def default_font_dirs() -> list[Path]:
    """Where the operating system keeps installed fonts (system-wide and per user)."""
    home = Path.home()
    if sys.platform == "win32":
        windir = Path(os.environ.get("WINDIR", r"C:\Windows"))
        dirs = [windir / "Fonts"]
        local = os.environ.get("LOCALAPPDATA")
        if local:
            dirs.append(Path(local) / "Microsoft" / "Windows" / "Fonts")
        return dirs
    if sys.platform == "darwin":
        return [Path("/Library/Fonts"), Path("/System/Library/Fonts"), home / "Library" / "Fonts"]
    data_home = Path(os.environ.get("XDG_DATA_HOME") or home / ".local" / "share")
    return [
        Path("/usr/share/fonts"),
        Path("/usr/local/share/fonts"),
        data_home / "fonts",
        home / ".local" / "share" / "fonts",
        home / ".fonts",
    ]


def _font_name(path: Path, index: int) -> str:
    """ReportLab name: the same file and face always get the same name, others never do."""
    digest = hashlib.sha1(f"{path.resolve()}#{index}".encode()).hexdigest()[:8]
    return f"DZ-{path.stem}-{index}-{digest}"


def _bundled_choice(role: str, spec: _Bundled, reason: str) -> FontChoice:
    path = resource_path("fonts", spec.file)
    if not path.is_file():
        raise DuizhaoError(
            f"内置字体文件缺失：{path}（安装不完整，请重新安装对照）",
            f"bundled font missing: {path} (broken installation, reinstall Duizhao)",
        )
    label = _PLAIN_NAMES.get(role, "")
    return FontChoice(role, _font_name(path, 0), spec.family, path, 0, "bundled", reason, label)


def _find_installed(
    wanted: _Wanted, files: dict[str, list[Path]], require_coverage: bool, probes: ProbeCache
) -> tuple[Probe | None, list[str]]:
    """First acceptable installed font for one preference, and why others were refused."""
    refused = []
    for stem in wanted.files:
        for path in files.get(stem, []):
            from app import font_inspection  # opens font files: only for an installed candidate

            probe = probes.probe(
                path,
                wanted.families,
                require_coverage,
                font_inspection.probe_font,
                font_inspection.Probe,
            )
            if probe.problem is None:
                return probe, refused
            refused.append(f"{path.name}：{probe.problem}")
    return None, refused


def _wanted_stems() -> frozenset[str]:
    entries = [w for prefs in _PREFERRED.values() for w in prefs] + list(_FALLBACK_ORDER)
    return frozenset(stem for w in entries if isinstance(w, _Wanted) for stem in w.files)


def _index_files(search_dirs: Iterable[Path]) -> dict[str, list[Path]]:
    """Installed font files we may want, by lower-case stem (only the directory listing; no file
    is opened). Names are matched as strings: a Linux font folder holds hundreds of files and
    making a Path of each was most of the cost of choosing fonts."""
    wanted = _wanted_stems()
    index: dict[str, list[Path]] = {}
    for top in search_dirs:
        for root, _dirs, names in os.walk(top, onerror=lambda _err: None):
            for name in names:
                stem, suffix = os.path.splitext(name)
                if suffix.lower() in _FONT_SUFFIXES and stem.lower() in wanted:
                    index.setdefault(stem.lower(), []).append(Path(root, name))
    return index


def choose_fonts(
    *, bundled_only: bool | None = None, search_dirs: list[Path] | None = None
) -> dict[str, FontChoice]:
    """The font for every role in ROLES, installed office fonts first (see module docstring)."""
    if _bundled_only(bundled_only):
        return {
            role: _bundled_choice(role, spec, f"按设置只用内置字体；{spec.why}")
            for role, spec in _BUNDLED.items()
        }
    files = _index_files(default_font_dirs() if search_dirs is None else search_dirs)
    probes = ProbeCache()  # opened only if an installed candidate exists
    choices = {}
    for role in ROLES:
        refused_all: list[str] = []
        for wanted in _PREFERRED[role]:
            probe, refused = _find_installed(wanted, files, True, probes)
            refused_all += refused
            if probe is not None:
                choices[role] = FontChoice(
                    role,
                    _font_name(probe.path, probe.face_index),
                    probe.family or wanted.label,
                    probe.path,
                    probe.face_index,
                    "installed",
                    f"已安装{wanted.label}，TrueType 轮廓、允许嵌入、GB2312 汉字覆盖 "
                    f"{probe.gb2312_coverage:.1%}",
                    wanted.label,
                )
                break
        else:
            spec = _BUNDLED[role]
            labels = "、".join(w.label for w in _PREFERRED[role])
            why = f"未找到可用的已安装字体（{labels}）"
            if refused_all:
                why += "；未采用：" + "；".join(refused_all)
            choices[role] = _bundled_choice(role, spec, f"{why}；{spec.why}")
    probes.save()
    return choices


def fallback_fonts(
    *, bundled_only: bool | None = None, search_dirs: list[Path] | None = None
) -> list[FontChoice]:
    """Fonts to try, in order, for a character the role's font lacks."""
    if _bundled_only(bundled_only):
        return [_bundled_choice("fallback", spec, spec.why) for spec in _BUNDLED_FALLBACKS]
    files = _index_files(default_font_dirs() if search_dirs is None else search_dirs)
    probes = ProbeCache()
    result = []
    for entry in _FALLBACK_ORDER:
        if isinstance(entry, _Bundled):
            result.append(_bundled_choice("fallback", entry, entry.why))
            continue
        probe, _refused = _find_installed(entry, files, False, probes)
        if probe is not None:
            result.append(
                FontChoice(
                    "fallback",
                    _font_name(probe.path, probe.face_index),
                    probe.family or entry.label,
                    probe.path,
                    probe.face_index,
                    "installed",
                    f"已安装{entry.label}，用于补字",
                    entry.label,
                )
            )
    probes.save()
    return result


def codepoints(choice: FontChoice) -> frozenset[int]:
    """Characters the font has a glyph for (its cmap only; cached per file and face)."""
    from app.font_inspection import file_codepoints

    return file_codepoints(choice.path, choice.subfont_index)


_registered: set[str] = set()


def register(choice: FontChoice) -> str:
    """Register the font with ReportLab once; returns the name to use with setFont."""
    if choice.name in _registered:
        return choice.name
    from app.lazy_pillow import defer_pillow_image

    defer_pillow_image()  # before ReportLab first loads: it imports Pillow for images
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFError

    from app.font_metrics import load_font

    try:
        # Parsed metrics come from a cache when valid (app.font_metrics): the parse of a CJK
        # file is most of a small export's time.
        font = load_font(
            choice.name, choice.path, choice.subfont_index, prebuilt=choice.source == "bundled"
        )
    except (TTFError, OSError, ValueError, struct.error) as exc:  # struct: a truncated file
        raise InputError(
            f"无法使用字体 {choice.family}（{choice.path}）：{exc}",
            f"cannot use font {choice.path}: {exc}",
        ) from exc
    pdfmetrics.registerFont(font)
    _registered.add(choice.name)
    return choice.name
