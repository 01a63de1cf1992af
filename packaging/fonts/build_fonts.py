#!/usr/bin/env python3
"""Build the bundled fonts under resources/fonts/ from the Debian font packages.

ReportLab embeds TrueType outlines only, and registering a whole CJK font costs 0.05–0.16 s, so
every bundled font is: taken from a Debian package, subset to what 公文 use (GB2312 + common
name hanzi + punctuation), converted CFF → TrueType where needed (fontTools Cu2QuPen +
TTGlyphPen), renamed (the licences ask derivatives not to pose as the original) and checked.

Usage (from the repository root; the conversions take 12–120 s each, run them in parallel):
    .venv/bin/python packaging/fonts/build_fonts.py               # all fonts, then verify
    .venv/bin/python packaging/fonts/build_fonts.py --only body   # one font
    .venv/bin/python packaging/fonts/build_fonts.py --verify      # only check what is built
    .venv/bin/python packaging/fonts/build_fonts.py --licences    # only copy licence texts

Needs the Debian packages texlive-lang-chinese, fonts-noto-cjk, fonts-wqy-microhei,
fonts-arphic-gkai00mp (see packaging/fonts/README.md). SOURCE_DATE_EPOCH fixes the build date.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from charsets import COVERAGE, gb2312_chars  # same folder: the script's own directory
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.subset import Options, Subsetter
from fontTools.ttLib import TTFont, newTable

REPO = Path(__file__).resolve().parents[2]
OUT_DIR = REPO / "resources" / "fonts"
MAX_TOTAL_BYTES = 25_000_000  # installer budget for all bundled fonts
FANDOL = Path("/usr/share/texlive/texmf-dist/fonts/opentype/public/fandol")


@dataclass(frozen=True)
class FontBuild:
    key: str  # what --only takes
    out: str  # file name under resources/fonts/
    source: Path
    face: int  # face index inside a .ttc
    package: str  # Debian package the source file comes from
    family: str  # new family name written into the font
    style: str
    coverage: str  # a COVERAGE key
    licence_files: tuple[str, ...]  # LICENCES keys


BUILDS = (
    FontBuild(
        "body",
        "DZFang-Regular.ttf",
        FANDOL / "FandolFang-Regular.otf",
        0,
        "texlive-lang-chinese",
        "DZ FandolFang",
        "Regular",
        "gb2312+names",
        ("Fandol",),
    ),
    # Title: Noto Serif CJK SC Bold beat FandolSong-Bold on both counts: cleaner, more even
    # strokes, and smaller once subset and converted (3.05 MB vs 4.19 MB, 13 s each).
    FontBuild(
        "title",
        "DZSerifSC-Bold.ttf",
        Path("/usr/share/fonts/opentype/noto/NotoSerifCJK-Bold.ttc"),
        2,
        "fonts-noto-cjk",
        "DZ Serif SC",
        "Bold",
        "gb2312+names",
        ("NotoCJK",),
    ),
    FontBuild(
        "page_number",
        "DZSong-Regular.ttf",
        FANDOL / "FandolSong-Regular.otf",
        0,
        "texlive-lang-chinese",
        "DZ FandolSong",
        "Regular",
        "page",
        ("Fandol",),
    ),
    FontBuild(
        "heading1",
        "DZHei-Regular.ttf",
        Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"),
        0,
        "fonts-wqy-microhei",
        "DZ WenQuanYi Micro Hei",
        "Regular",
        "gb2312+names",
        ("WenQuanYi",),
    ),
    FontBuild(
        "heading2",
        "DZKai-Regular.ttf",
        Path("/usr/share/fonts/truetype/arphic-gkai00mp/gkai00mp.ttf"),
        0,
        "fonts-arphic-gkai00mp",
        "DZ AR PL KaitiM GB",
        "Regular",
        "gb2312+names",
        ("Arphic",),
    ),
    # Fallback 1: a Ming (宋) design for the name hanzi, closer to 仿宋 body text than a Hei.
    FontBuild(
        "fallback_names",
        "DZFallbackMing-Regular.ttf",
        Path("/usr/share/fonts/truetype/arphic/uming.ttc"),
        0,
        "fonts-arphic-uming",
        "DZ AR PL UMing CN",
        "Regular",
        "names",
        ("ArphicUMing",),
    ),
    # Fallback 2: everything in GBK and CJK Unified Ideographs.
    FontBuild(
        "fallback",
        "DZFallbackHei-Regular.ttf",
        Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"),
        0,
        "fonts-wqy-microhei",
        "DZ WenQuanYi Micro Hei Full",
        "Regular",
        "gbk+cjk",
        ("WenQuanYi",),
    ),
)

# Licence texts shipped beside the fonts: name -> [(output file, source file)].
LICENCES = {
    "Fandol": [
        ("LICENSE-Fandol-GPL-3.0.txt", "/usr/share/doc/texlive-doc/fonts/fandol/COPYING.gz"),
        ("README-Fandol.txt", "/usr/share/doc/texlive-doc/fonts/fandol/README"),
    ],
    "NotoCJK": [
        ("COPYRIGHT-fonts-noto-cjk-OFL-1.1.txt", "/usr/share/doc/fonts-noto-cjk/copyright")
    ],
    "WenQuanYi": [
        ("COPYRIGHT-fonts-wqy-microhei.txt", "/usr/share/doc/fonts-wqy-microhei/copyright"),
        ("LICENSE-Apache-2.0.txt", "/usr/share/common-licenses/Apache-2.0"),
    ],
    "Arphic": [
        ("COPYRIGHT-fonts-arphic-gkai00mp.txt", "/usr/share/doc/fonts-arphic-gkai00mp/copyright"),
        (
            "LICENSE-Arphic-Public-License.txt",
            "/usr/share/doc/fonts-arphic-gkai00mp/license/english/ARPHICPL.TXT.gz",
        ),
        (
            "LICENSE-Arphic-Public-License-zh-GB.txt",
            "/usr/share/doc/fonts-arphic-gkai00mp/license/gb/ARPHICPL.TXT",
        ),
    ],
    "ArphicUMing": [
        ("COPYRIGHT-fonts-arphic-uming.txt", "/usr/share/doc/fonts-arphic-uming/copyright"),
        (
            "LICENSE-Arphic-Public-License.txt",
            "/usr/share/doc/fonts-arphic-uming/license/english/ARPHICPL.TXT.gz",
        ),
        (
            "LICENSE-Arphic-Public-License-zh-GB.txt",
            "/usr/share/doc/fonts-arphic-uming/license/gb/ARPHICPL.TXT",
        ),
    ],
}

# The FSF's font exception, which the Fandol README names ("GPL + GPL font exception").
FONT_EXCEPTION = """\
GPL font exception (as referenced by the Fandol README: "These fonts's licensing is GPL + GPL
font exception"; standard wording from the FSF GPL FAQ):

As a special exception, if you create a document which uses this font, and embed this font or
unaltered portions of this font into the document, this font does not by itself cause the
resulting document to be covered by the GNU General Public License. This exception does not
however invalidate any other reasons why the document might be covered by the GNU General Public
License. If you modify this font, you may extend this exception to your version of the font,
but you are not obligated to do so. If you do not wish to do so, delete this exception statement
from your version.
"""

# Characters whose advance must be one em on the 28-character grid.
FULL_WIDTH_PUNCT = "“”‘’，。、；：？！（）《》…—"
GRID_MUST_BE_EM = "“”，。"


def package_version(package: str) -> str:
    try:
        out = subprocess.run(
            ["dpkg-query", "-W", "-f=${Version}", package],
            capture_output=True,
            text=True,
            check=True,
        )
        return out.stdout.strip() or "unknown"
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def build_date() -> dt.date:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date()
    return dt.datetime.now(dt.UTC).date()


def use_full_width_forms(font: TTFont, chars: str) -> list[str]:
    """Point cmap entries of narrow punctuation at the font's own `fwid` alternates.

    Noto CJK SC maps U+2014 — to a 0.93-em dash; its `fwid` feature has the 1-em one that GB
    fonts use, so a ——— run joins up and sits on the grid. Returns the characters remapped.
    """
    if "GSUB" not in font:
        return []
    gsub = font["GSUB"].table
    alternates: dict[str, str] = {}
    for record in gsub.FeatureList.FeatureRecord if gsub.FeatureList else []:
        if record.FeatureTag != "fwid":
            continue
        for index in record.Feature.LookupListIndex:
            lookup = gsub.LookupList.Lookup[index]
            for sub in lookup.SubTable:
                if lookup.LookupType == 7:
                    sub = sub.ExtSubTable
                mapping = getattr(sub, "mapping", None)
                if mapping:
                    alternates.update(mapping)
    upm = font["head"].unitsPerEm
    hmtx = font["hmtx"]
    changed = []
    for table in font["cmap"].tables:
        if not table.isUnicode():
            continue
        for ch in chars:
            glyph = table.cmap.get(ord(ch))
            alt = alternates.get(glyph) if glyph else None
            if alt and hmtx[glyph][0] < upm and hmtx[alt][0] == upm:
                table.cmap[ord(ch)] = alt
                if ch not in changed:
                    changed.append(ch)
    return changed


def add_gb2312_aliases(font: TTFont) -> list[str]:
    """Map U+2015 ― and U+30FB ・ to the glyphs of — and · when the font lacks them.

    Python's gb2312 codec decodes A1AA and A1A4 to U+2015/U+30FB, Windows (cp936/GBK) to
    U+2014/U+00B7; text from either source must print the same dash and dot.
    """
    added = []
    for alias, target in ((0x2015, 0x2014), (0x30FB, 0x00B7)):
        for table in font["cmap"].tables:
            if table.isUnicode() and alias not in table.cmap and target in table.cmap:
                table.cmap[alias] = table.cmap[target]
                if chr(alias) not in added:
                    added.append(chr(alias))
    return added


def join_em_dash(font: TTFont) -> bool:
    """Stretch the — outline to the whole em so that —— prints as one unbroken line, as in GB
    fonts (Noto's and Arphic's dashes leave side bearings, so —— shows a gap)."""
    glyph_name = font.getBestCmap().get(0x2014)
    glyf = font["glyf"]
    if glyph_name is None:
        return False
    glyph = glyf[glyph_name]
    upm = font["head"].unitsPerEm
    if glyph.isComposite() or glyph.numberOfContours <= 0:
        return False
    glyph.recalcBounds(glyf)
    width = glyph.xMax - glyph.xMin
    if width >= 0.98 * upm or width <= 0:
        return False
    coords = glyph.coordinates
    for i, (x, y) in enumerate(coords):
        coords[i] = (round((x - glyph.xMin) * upm / width), y)
    glyph.recalcBounds(glyf)
    font["hmtx"][glyph_name] = (upm, glyph.xMin)
    return True


def subset(font: TTFont, unicodes: set[int]) -> None:
    options = Options()
    options.layout_features = []  # ReportLab and our grid layout use no OpenType features
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.hinting = False  # PDF viewers ignore TrueType hinting; it is a third of the bytes
    options.glyph_names = False
    options.drop_tables += ["BASE", "VORG", "vhea", "vmtx", "GSUB", "GPOS", "GDEF", "DSIG", "JSTF"]
    subsetter = Subsetter(options)
    subsetter.populate(unicodes=unicodes)
    subsetter.subset(font)


def cff_to_truetype(font: TTFont, max_err: float = 1.0) -> None:
    """Replace CFF cubic outlines by TrueType quadratic ones (max_err in font units)."""
    glyph_order = font.getGlyphOrder()
    glyph_set = font.getGlyphSet()
    glyphs = {}
    for name in glyph_order:
        tt_pen = TTGlyphPen(glyph_set)
        # CFF contours run counter-clockwise, TrueType clockwise: reverse while converting.
        glyph_set[name].draw(Cu2QuPen(tt_pen, max_err, reverse_direction=True))
        glyphs[name] = tt_pen.glyph()
    glyf = newTable("glyf")
    glyf.glyphOrder = glyph_order
    glyf.glyphs = glyphs
    font["glyf"] = glyf
    font["loca"] = newTable("loca")
    for tag in ("CFF ", "VORG"):
        if tag in font:
            del font[tag]
    glyf.compile(font)  # computes each glyph's bounds, needed for the side bearings below
    hmtx = font["hmtx"]
    for name, glyph in glyf.glyphs.items():
        if hasattr(glyph, "xMin"):
            hmtx[name] = (hmtx[name][0], glyph.xMin)
    maxp = newTable("maxp")
    maxp.tableVersion = 0x00010000
    maxp.numGlyphs = len(glyph_order)
    maxp.maxZones = 1
    for field in (
        "maxTwilightPoints",
        "maxStorage",
        "maxFunctionDefs",
        "maxInstructionDefs",
        "maxStackElements",
        "maxSizeOfInstructions",
        "maxComponentElements",
        "maxPoints",
        "maxContours",
        "maxCompositePoints",
        "maxCompositeContours",
        "maxComponentDepth",
    ):
        setattr(maxp, field, 0)
    font["maxp"] = maxp
    font["head"].glyphDataFormat = 0
    post = font["post"]
    post.formatType = 3.0
    post.extraNames = []
    post.mapping = {}
    font.sfntVersion = "\x00\x01\x00\x00"


def rename(font: TTFont, build: FontBuild, notice: str) -> None:
    """New family name (OFL/trademark: a modified Noto may not be called Noto) and the notice
    of what was changed and when (Arphic licence §2a, Apache-2.0 §4b)."""
    name = font["name"]
    full = f"{build.family} {build.style}" if build.style != "Regular" else build.family
    ps_name = (build.family + "-" + build.style).replace(" ", "")
    for name_id in (1, 2, 3, 4, 6, 16, 17, 18, 21, 22, 25):
        name.removeNames(nameID=name_id)
    is_bold = build.style == "Bold"
    # Family + style linking: family "X", subfamily "Bold" (RIBBI), so Qt and Word see one family.
    values = {
        1: build.family,
        2: "Bold" if is_bold else "Regular",
        3: f"{ps_name};duizhao;{build_date().isoformat()}",
        4: full,
        6: ps_name,
    }
    for name_id, value in values.items():
        name.setName(value, name_id, 3, 1, 0x409)
        name.setName(value, name_id, 1, 0, 0)
    old_description = name.getDebugName(10) or ""
    name.removeNames(nameID=10)
    description = notice + (" Original description: " + old_description if old_description else "")
    name.setName(description, 10, 3, 1, 0x409)  # UTF-16 only: Mac Roman cannot hold it
    os2 = font["OS/2"]
    os2.fsType = 0  # installable: each licence allows embedding; the Qt editor also loads them
    os2.fsSelection = (os2.fsSelection & ~0b1100001) | (0b100000 if is_bold else 0b1000000)
    font["head"].macStyle = 1 if is_bold else 0
    os2.usWeightClass = 700 if is_bold else 400


def build_one(build: FontBuild) -> None:
    started = time.perf_counter()
    font = TTFont(build.source, fontNumber=build.face if build.source.suffix == ".ttc" else -1)
    original = font["name"].getDebugName(4)
    remapped = use_full_width_forms(font, "—…·")
    aliases = add_gb2312_aliases(font)
    describe, chars = COVERAGE[build.coverage]
    subset(font, chars())
    was_cff = "CFF " in font
    if was_cff:
        cff_to_truetype(font)
    joined = join_em_dash(font)
    version = package_version(build.package)
    notice = (
        f"Modified {build_date().isoformat()} by Duizhao packaging/fonts/build_fonts.py from "
        f"{original} ({build.source.name} face {build.face}, Debian package {build.package} "
        f"{version}): "
        f"subset to {describe}; "
        + ("outlines converted from CFF to TrueType (cu2qu, max error 1 unit); " if was_cff else "")
        + (
            f"cmap of {''.join(remapped)} pointed at the font's full-width (fwid) forms; "
            if remapped
            else ""
        )
        + (f"{''.join(aliases)} mapped to the glyphs of the GBK dash/dot; " if aliases else "")
        + (
            "em dash outline stretched to the full em so that a double dash joins; "
            if joined
            else ""
        )
        + f"hinting and OpenType layout tables removed; renamed to {build.family}."
    )
    rename(font, build, notice)
    out = OUT_DIR / build.out
    tmp = out.with_suffix(".tmp")
    font.save(tmp)
    os.replace(tmp, out)
    seconds = time.perf_counter() - started
    print(
        f"{build.out}: {out.stat().st_size / 1e6:.2f} MB, {len(font.getGlyphOrder())} glyphs, "
        f"{seconds:.1f} s, from {original}",
        flush=True,
    )


def copy_licences(builds) -> None:
    """Put each font's licence texts beside it (some sources are gzipped in /usr/share/doc)."""
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    keys = sorted({key for build in builds for key in build.licence_files})
    for key in keys:
        for out_name, source in LICENCES[key]:
            data = Path(source).read_bytes()
            if source.endswith(".gz"):
                data = gzip.decompress(data)
            (OUT_DIR / out_name).write_bytes(data)
    if "Fandol" in keys:
        (OUT_DIR / "LICENSE-Fandol-font-exception.txt").write_text(FONT_EXCEPTION, encoding="utf-8")


def verify(build: FontBuild) -> list[str]:
    """Problems with one built font: outlines, fsType, grid widths, ReportLab embedding."""
    path = OUT_DIR / build.out
    if not path.exists():
        return [f"{build.out}: missing"]
    problems = []
    font = TTFont(path, lazy=True)
    if "glyf" not in font or "CFF " in font:
        problems.append(f"{build.out}: no TrueType glyf outlines")
    fs_type = font["OS/2"].fsType
    if fs_type & 0x000F == 0x0002 or fs_type & 0x0300:  # ReportLab's own refusal rule
        problems.append(f"{build.out}: fsType {fs_type:#x} forbids embedding")
    cmap = font.getBestCmap()
    upm = font["head"].unitsPerEm
    for ch in FULL_WIDTH_PUNCT:
        glyph = cmap.get(ord(ch))
        if glyph is None:
            problems.append(f"{build.out}: no glyph for {ch}")
        elif ch in GRID_MUST_BE_EM and font["hmtx"][glyph][0] != upm:
            problems.append(f"{build.out}: {ch} is {font['hmtx'][glyph][0] / upm:.2f} em, not 1 em")
    if build.coverage.startswith(("gb2312", "gbk")):
        missing = gb2312_chars() - set(cmap)
        if missing:
            problems.append(
                f"{build.out}: lacks GB2312 characters " + "".join(sorted(chr(c) for c in missing))
            )
    problems += _verify_reportlab(
        path, "中文“对照”，。0123" if build.coverage != "page" else "— 12 —"
    )
    return problems


def _verify_reportlab(path: Path, sample: str) -> list[str]:
    import io

    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont as RLTTFont
    from reportlab.pdfgen import canvas

    try:
        pdfmetrics.registerFont(RLTTFont("verify-" + path.stem, str(path)))
        buffer = io.BytesIO()
        pdf = canvas.Canvas(buffer)
        pdf.setFont("verify-" + path.stem, 16)
        pdf.drawString(72, 720, sample)
        pdf.save()
    except Exception as exc:  # any ReportLab failure is a finding, not a crash of the build
        return [f"{path.name}: ReportLab cannot embed it: {exc}"]
    if b"/FontFile2" not in buffer.getvalue():
        return [f"{path.name}: ReportLab wrote no embedded TrueType (FontFile2)"]
    return []


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", action="append", choices=[b.key for b in BUILDS])
    parser.add_argument("--verify", action="store_true", help="only check the built fonts")
    parser.add_argument("--licences", action="store_true", help="only copy the licence texts")
    args = parser.parse_args(argv)
    selected = [b for b in BUILDS if not args.only or b.key in args.only]
    if args.licences:
        copy_licences(BUILDS)
        return 0
    if not args.verify:
        missing = [str(b.source) for b in selected if not b.source.exists()]
        if missing:
            print(
                "missing source fonts (install the Debian packages in packaging/fonts/"
                "README.md):\n  " + "\n  ".join(missing),
                file=sys.stderr,
            )
            return 2
        copy_licences(selected)
        for build in selected:
            build_one(build)
        # ReportLab's parse of each new file, committed beside it (app/font_metrics.py).
        subprocess.run(
            [sys.executable, str(Path(__file__).with_name("build_metrics.py"))], check=True
        )
    problems = [p for b in selected for p in verify(b)]
    for problem in problems:
        print("PROBLEM", problem, file=sys.stderr)
    total = sum((OUT_DIR / b.out).stat().st_size for b in BUILDS if (OUT_DIR / b.out).exists())
    print(f"total bundled fonts: {total / 1e6:.2f} MB")
    if total > MAX_TOTAL_BYTES:
        problems.append(
            f"bundled fonts total {total / 1e6:.2f} MB > {MAX_TOTAL_BYTES / 1e6:.0f} MB"
        )
        print("PROBLEM", problems[-1], file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
