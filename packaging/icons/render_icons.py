"""Build the application icon set under resources/icons/ (run once; the output is committed).

    .venv/bin/python packaging/icons/render_icons.py            # SVG, PNGs, .ico, .icns
    .venv/bin/python packaging/icons/render_icons.py --keep-svg # re-render from the committed SVG

The icon is a red seal (印章) with 对 in white. The character is drawn from the bundled
``DZSerifSC-Bold.ttf`` (Noto Serif CJK SC Bold, OFL 1.1) and written into the SVG as an outline
path, so the SVG renders the same everywhere with no font installed. PNGs 16–512 are rendered
with Qt's ``QSvgRenderer``; the Windows ``.ico`` and macOS ``.icns`` are written by Pillow from
those PNGs (each size its own bitmap, not one image scaled down).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
ICONS = REPO / "resources" / "icons"
FONT = REPO / "resources" / "fonts" / "DZSerifSC-Bold.ttf"
SVG_NAME = "duizhao.svg"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
ICNS_SIZES = (16, 32, 64, 128, 256, 512)
# Below this size the seal's inner frame is thinner than a pixel and only blurs the character.
FRAME_MIN_SIZE = 48

SEAL_RED = "#B3261E"
PAPER_WHITE = "#FFF8F0"
CANVAS = 512
GLYPH_BOX = 300  # the character's larger side, in canvas units


def glyph_path(char: str = "对") -> tuple[str, tuple[float, float, float, float]]:
    """The character's outline as SVG path data in font units (y up), and its bounds."""
    from fontTools.pens.boundsPen import BoundsPen
    from fontTools.pens.svgPathPen import SVGPathPen
    from fontTools.ttLib import TTFont

    font = TTFont(FONT)
    name = font.getBestCmap()[ord(char)]
    glyphs = font.getGlyphSet()
    pen = SVGPathPen(glyphs)
    glyphs[name].draw(pen)
    bounds = BoundsPen(glyphs)
    glyphs[name].draw(bounds)
    return pen.getCommands(), bounds.bounds


def build_svg(*, frame: bool = True) -> str:
    """The seal; without the inner frame (small sizes) the character grows to fill the space."""
    path, (x0, y0, x1, y1) = glyph_path()
    glyph_scale = GLYPH_BOX / max(x1 - x0, y1 - y0) * (1.0 if frame else 1.18)
    # centre the outline; scale(s, -s) flips the font's y-up units into SVG's y-down canvas
    tx = CANVAS / 2 - (x0 + x1) / 2 * glyph_scale
    ty = CANVAS / 2 + (y0 + y1) / 2 * glyph_scale
    frame_rect = (
        f'  <rect x="52" y="52" width="408" height="408" rx="30" fill="none" '
        f'stroke="{PAPER_WHITE}" stroke-width="14"/>\n'
        if frame
        else ""
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{CANVAS}" height="{CANVAS}" '
        f'viewBox="0 0 {CANVAS} {CANVAS}">\n'
        "  <title>对照 Duizhao</title>\n"
        "  <!-- 对: outline of the glyph in Noto Serif CJK SC Bold (SIL OFL 1.1) -->\n"
        f'  <rect x="16" y="16" width="480" height="480" rx="64" fill="{SEAL_RED}"/>\n'
        f"{frame_rect}"
        f'  <path fill="{PAPER_WHITE}" transform="translate({tx:.2f} {ty:.2f}) '
        f'scale({glyph_scale:.5f} {-glyph_scale:.5f})" d="{path}"/>\n'
        "</svg>\n"
    )


def render_png(svg: bytes, size: int, out: Path) -> None:
    from PySide6.QtCore import QByteArray, QRectF, Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(QByteArray(svg))
    if not renderer.isValid():
        raise SystemExit("render_icons: the SVG does not parse")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    if not image.save(str(out), "PNG"):
        raise SystemExit(f"render_icons: cannot write {out}")


def write_ico_icns(pngs: dict[int, Path]) -> list[Path]:
    from PIL import Image

    images = {size: Image.open(path).convert("RGBA") for size, path in pngs.items()}
    ico = ICONS / "duizhao.ico"
    largest = images[max(ICO_SIZES)]
    largest.save(
        ico,
        format="ICO",
        sizes=[(s, s) for s in ICO_SIZES],
        append_images=[images[s] for s in ICO_SIZES if s != max(ICO_SIZES)],
    )
    icns = ICONS / "duizhao.icns"
    # .icns holds 512@2x too: render it at 1024 rather than let Pillow upscale the 512
    with tempfile.TemporaryDirectory() as tmp:
        big = Path(tmp) / "duizhao-1024.png"
        render_png((ICONS / SVG_NAME).read_bytes(), 1024, big)
        base = Image.open(big).convert("RGBA")
        base.save(icns, format="ICNS", append_images=[images[s] for s in ICNS_SIZES])
    return [ico, icns]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--keep-svg",
        action="store_true",
        help="render from the committed SVG instead of rebuilding it from the font",
    )
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841 — Qt needs it
    ICONS.mkdir(parents=True, exist_ok=True)
    svg_file = ICONS / SVG_NAME
    if args.keep_svg:
        svg = svg_file.read_text(encoding="utf-8")
    else:
        svg = build_svg(frame=True)
        svg_file.write_text(svg, encoding="utf-8")
    small_svg = build_svg(frame=False).encode()
    pngs = {}
    for size in PNG_SIZES:
        out = ICONS / f"duizhao-{size}.png"
        render_png(svg.encode() if size >= FRAME_MIN_SIZE else small_svg, size, out)
        pngs[size] = out
    written = [svg_file, *pngs.values(), *write_ico_icns(pngs)]
    for path in written:
        print(f"{path.relative_to(REPO)}\t{path.stat().st_size} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
