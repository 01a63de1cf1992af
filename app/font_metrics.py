"""Cached ReportLab font metrics, so an export does not parse every CJK TrueType file again.

ReportLab's ``TTFont`` parses the cmap, hmtx and loca tables of the whole file in pure Python
(15–35 ms per bundled font, far more for an installed 15 MB ``simsun.ttc``); DESIGN §8 counts that
as the largest cost of a small export. What the parse yields is plain data, so it is stored once:

- beside each bundled font, ``<file>.<face>.rlmetrics``, written by
  ``packaging/fonts/build_metrics.py`` (nothing is written into the installation at run time);
- for every other font, and for a bundled one whose file is stale, in the per-user cache folder
  (``platformdirs.user_cache_dir("duizhao")/fonts``), written after the first parse.

A cache entry is used only when its key matches: the format, the ReportLab and Python versions,
the font file's size and CRC-32, and the face index. The payload carries its own CRC-32 and is
checked before it is unmarshalled, so a damaged or foreign cache file is ignored (and replaced),
never trusted. The file bytes themselves are always read fresh: subsetting needs them.

Unmarshalling the tables is most of the load (≈ 20 M instructions a CJK face). ``glyphToChar``
(glyph → its characters, a list per glyph: the dearest table) is only read while ReportLab parses
a file and by its HarfBuzz shaping, which we do not use; it is stored as marshal bytes of its own
and decoded on first access (``_GlyphToCharOnFirstUse``), so an export never pays for it.
"""

from __future__ import annotations

import marshal
import os
import struct
import sys
import zlib
from pathlib import Path

FORMAT = 2  # 2: glyphToChar stored apart, decoded on first use
SUFFIX = ".rlmetrics"
_MAGIC = b"DZRLM1\n"
# Face attributes that are rebuilt rather than stored: the file bytes (read fresh), the path (may
# move), and the scale function (a closure; derived from unitsPerEm).
_NOT_STORED = frozenset({"_ttf_data", "_pdfScale", "filename"})
# Stored as marshal bytes inside the entry and decoded when first read (see the module doc).
_LAZY = "glyphToChar"
_PENDING = "_dz_pending_glyphToChar"
# ReportLab keeps these as TTFNameBytes (bytes carrying the decoded text in ``.ustr``).
_NAME_FIELDS = ("name", "familyName", "styleName", "fullName", "uniqueFontID")
_REQUIRED = frozenset(
    {
        "name",
        "unitsPerEm",
        "charToGlyph",
        "charWidths",
        "hmetrics",
        "glyphPos",
        "numGlyphs",
        "table",
        "ascent",
        "descent",
        "bbox",
        "defaultWidth",
    }
)


def prebuilt_path(font_path: Path, subfont_index: int) -> Path:
    """Where the committed metrics of a bundled font live (beside the font file)."""
    return font_path.with_name(f"{font_path.name}.{subfont_index}{SUFFIX}")


def user_cache_path(font_name: str) -> Path:
    import platformdirs

    return Path(platformdirs.user_cache_dir("duizhao")) / "fonts" / f"{font_name}{SUFFIX}"


def cache_key(data, subfont_index: int) -> tuple:
    """What the metrics depend on. The glyph outlines (``glyf``, most of a CJK file) are left
    out of the checksum: the metrics never read them, and subsetting reads them fresh."""
    from reportlab import Version

    return (
        FORMAT,
        Version,
        sys.version_info[:2],
        len(data),
        _tables_crc(data, subfont_index),
        subfont_index,
    )


def _tables_crc(data, subfont_index: int) -> int:
    """CRC-32 of the face's table directory and of every table but ``glyf``.

    Raises struct.error / ValueError on a file too damaged to have a directory."""
    start = 0
    if data[:4] == b"ttcf":
        count = struct.unpack(">L", data[8:12])[0]
        if not 0 <= subfont_index < count:
            raise ValueError(f"face {subfont_index} not in collection")
        start = struct.unpack(">L", data[12 + 4 * subfont_index : 16 + 4 * subfont_index])[0]
    num_tables = struct.unpack(">H", data[start + 4 : start + 6])[0]
    directory = data[start : start + 12 + 16 * num_tables]
    crc = zlib.crc32(directory)
    for n in range(num_tables):
        tag, _sum, offset, length = struct.unpack(">4sLLL", directory[12 + 16 * n : 28 + 16 * n])
        if tag != b"glyf":
            crc = zlib.crc32(data[offset : offset + length], crc)
    return crc


def _map_file(path: Path):
    """The font file's bytes, memory-mapped: an export touches only the tables it reads and
    the outlines of the glyphs it embeds, not the whole 3–6 MB file."""
    import mmap

    with open(path, "rb") as handle:
        if os.fstat(handle.fileno()).st_size == 0:
            return b""
        return mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)


def load_font(font_name: str, path: Path, subfont_index: int, *, prebuilt: bool):
    """A ReportLab ``TTFont`` for the file, from cached metrics when a valid entry exists.

    ``prebuilt``: also look beside the font file (bundled fonts). Parse errors propagate as
    ReportLab raises them (``TTFError``, ``OSError``…), exactly as ``TTFont()`` would.
    """
    from reportlab.pdfbase.ttfonts import TTFont

    data = _map_file(path)
    try:
        key = cache_key(data, subfont_index)
    except (struct.error, ValueError):
        key = None  # not a font ReportLab can read either: let it say why, below
    if key is not None:
        if prebuilt:
            attrs = read_metrics(prebuilt_path(path, subfont_index), key)
            if attrs is not None:
                return font_from_metrics(font_name, path, data, attrs)
        user_path = user_cache_path(font_name)
        attrs = read_metrics(user_path, key)
        if attrs is not None:
            return font_from_metrics(font_name, path, data, attrs)
    font = TTFont(font_name, str(path), subfontIndex=subfont_index)
    if key is not None:
        try:
            write_metrics(user_path, key, font.face)
        except OSError:
            pass  # a read-only or full cache folder only costs the next export the parse again
    return font


# ----- reading and writing entries -------------------------------------------------------------


def face_metrics(face) -> dict:
    """The parsed state of a ReportLab ``TTFontFace`` as plain data (marshal-able), with
    ``glyphToChar`` as its own marshal bytes."""
    lazy = getattr(face, _LAZY)  # decoded first when the face itself came from an entry
    attrs = {k: v for k, v in vars(face).items() if k not in _NOT_STORED and k != _PENDING}
    attrs[_LAZY] = marshal.dumps(lazy)
    _share_equal_values(attrs)
    for field in _NAME_FIELDS:
        value = attrs.get(field)
        if isinstance(value, bytes):
            attrs[field] = (bytes(value), getattr(value, "ustr", None))
    return attrs


def _share_equal_values(attrs: dict) -> None:
    """Equal numbers in the big tables, and equal ``hmetrics`` pairs, become one object each:
    marshal stores the repeats as references, which load without allocating (a CJK face has
    thousands of glyphs 1000 units wide), ≈ 40 % less unmarshalling. Values are unchanged."""
    pool: dict = {}

    def one(value):
        return pool.setdefault((type(value), value), value)

    for name in ("charToGlyph", "charWidths"):
        table = attrs.get(name)
        if isinstance(table, dict):
            attrs[name] = {key: one(value) for key, value in table.items()}
    glyph_pos = attrs.get("glyphPos")
    if isinstance(glyph_pos, list):
        attrs["glyphPos"] = [one(value) for value in glyph_pos]
    hmetrics = attrs.get("hmetrics")
    if isinstance(hmetrics, list) and all(type(p) is tuple and len(p) == 2 for p in hmetrics):
        pairs: dict = {}
        attrs["hmetrics"] = [
            pairs.setdefault((type(a), a, type(b), b), (one(a), one(b))) for a, b in hmetrics
        ]


def encode_metrics(key: tuple, face) -> bytes:
    payload = marshal.dumps((key, face_metrics(face)))
    return _MAGIC + struct.pack(">I", zlib.crc32(payload)) + payload


def write_metrics(target: Path, key: tuple, face) -> None:
    """Write one entry atomically (temp file in the same folder, then ``os.replace``)."""
    blob = encode_metrics(key, face)
    target.parent.mkdir(parents=True, exist_ok=True)
    temp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        temp.write_bytes(blob)
        os.replace(temp, target)
    finally:
        if temp.exists():
            temp.unlink()


def read_metrics(source: Path, key: tuple) -> dict | None:
    """The stored attributes when ``source`` holds a sound entry for ``key``, else None."""
    try:
        blob = source.read_bytes()
    except OSError:
        return None
    head = len(_MAGIC) + 4
    if len(blob) <= head or not blob.startswith(_MAGIC):
        return None
    payload = memoryview(blob)[head:]  # checked and unmarshalled in place, not copied
    if struct.unpack(">I", blob[len(_MAGIC) : head])[0] != zlib.crc32(payload):
        return None
    try:
        stored_key, attrs = marshal.loads(payload)
    except (EOFError, ValueError, TypeError):
        return None
    if stored_key != key or not isinstance(attrs, dict) or not _REQUIRED <= attrs.keys():
        return None
    if not isinstance(attrs.get(_LAZY), bytes):
        return None
    return attrs


def font_from_metrics(font_name: str, path: Path, data: bytes, attrs: dict):
    """Build the ``TTFont`` that ``TTFont(font_name, path, subfontIndex=…)`` would, without the
    parse. Mirrors ReportLab 5.1's ``TTFont.__init__``/``TTFontFace.__init__``; a test compares
    every attribute with a parsed font so a ReportLab change that breaks this is caught."""
    from fnmatch import fnmatch
    from weakref import WeakKeyDictionary

    from reportlab import rl_config
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import (
        TTEncoding,
        TTFNameBytes,
        TTFont,
        TTFontFace,
        unShapedFontGlob,
    )

    face = TTFontFace.__new__(TTFontFace)
    pdfmetrics.TypeFace.__init__(face, None)
    face.__dict__.update(attrs)
    pending = face.__dict__.pop(_LAZY)
    if _GlyphToCharOnFirstUse.installed(TTFontFace):
        face.__dict__[_PENDING] = pending
    else:  # a ReportLab whose class already defines the name: decoded now, as before
        face.__dict__[_LAZY] = marshal.loads(pending)
    for field in _NAME_FIELDS:
        value = attrs.get(field)
        if isinstance(value, tuple):
            raw, text = value
            name = bytes.__new__(TTFNameBytes, raw)
            name.ustr = text
            setattr(face, field, name)
    face.filename = str(path)
    face._ttf_data = data  # bytes or a read-only mmap: ReportLab only slices and indexes it
    face.get_table = _GlyfWindow.patch(face)
    units = face.unitsPerEm
    face._pdfScale = (lambda x: x) if units == 1000 else (lambda x, m=1000 / units: x * m)

    font = TTFont.__new__(TTFont)
    font.fontName = font_name
    font.face = face
    font.encoding = TTEncoding()
    font.state = WeakKeyDictionary()
    font._asciiReadable = rl_config.ttfAsciiReadable
    font.shapable = not any(fnmatch(font_name, glob) for glob in unShapedFontGlob)
    return font


class _GlyphToCharOnFirstUse:
    """``TTFontFace.glyphToChar`` for a face built from an entry: decodes the stored bytes on
    first access and keeps the dict in the instance, where later reads find it directly.

    A non-data descriptor on ReportLab's class: a parsed face's own ``glyphToChar`` attribute
    shadows it, so parsed faces behave exactly as before. Installed only when the class has
    nothing of that name (checked, not assumed, for a future ReportLab)."""

    def __get__(self, face, owner=None):
        if face is None:
            return self
        pending = face.__dict__.get(_PENDING)
        if pending is None:
            raise AttributeError(_LAZY)
        # Set before the bytes are dropped: a second thread reading meanwhile gets the same dict.
        value = face.__dict__.setdefault(_LAZY, marshal.loads(pending))
        face.__dict__.pop(_PENDING, None)
        return value

    @classmethod
    def installed(cls, face_class) -> bool:
        owner = next((k for k in face_class.__mro__ if _LAZY in vars(k)), None)
        if owner is None:
            setattr(face_class, _LAZY, cls())
            return True
        return isinstance(vars(owner)[_LAZY], cls)


class _GlyfWindow:
    """``face.get_table('glyf')`` without copying the table: ReportLab's subsetter only slices
    single glyphs out of it, so the slice is taken from the file directly (``bytes`` as before)."""

    def __init__(self, data, offset: int, length: int):
        self.data, self.offset, self.length = data, offset, length

    def __len__(self) -> int:
        return self.length

    def __getitem__(self, key):
        if type(key) is slice and key.step is None:  # one glyph: data[pos : pos + len]
            start, stop = key.start, key.stop
            if type(start) is int and type(stop) is int and 0 <= start <= stop <= self.length:
                return self.data[self.offset + start : self.offset + stop]
        if not isinstance(key, slice) or key.step not in (None, 1):
            return bytes(self.data[self.offset : self.offset + self.length])[key]
        start, stop, _ = key.indices(self.length)
        return self.data[self.offset + start : self.offset + max(start, stop)]

    @staticmethod
    def patch(face):
        plain = face.get_table

        def get_table(tag):
            if tag == "glyf":
                offset, length = face.get_table_pos(tag)
                return _GlyfWindow(face._ttf_data, offset, length)
            return plain(tag)

        return get_table
