"""Builders of test .docx files: minimal WordprocessingML packages written by hand (for shapes
python-docx cannot make: automatic numbering, tracked changes, TOC fields) and hostile files
(zip/XML bombs, encrypted and legacy OLE files)."""

from __future__ import annotations

import struct
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+'
    'xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/'
    "vnd.openxmlformats-officedocument."
    'wordprocessingml.document.main+xml"/></Types>'
)
_ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'officeDocument" Target="word/document.xml"/></Relationships>'
)
_REL_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"


def run(text: str, *, bold: bool = False) -> str:
    rpr = "<w:rPr><w:b/></w:rPr>" if bold else ""
    return f'<w:r>{rpr}<w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def para(
    content: str = "",
    *,
    style: str | None = None,
    num: tuple[int, int] | None = None,
    bold: bool = False,
    outline: int | None = None,
    raw: bool = False,
) -> str:
    """One w:p. ``content`` is plain text (one run) unless ``raw`` (then it is run XML)."""
    ppr = ""
    if style:
        ppr += f'<w:pStyle w:val="{style}"/>'
    if num:
        ppr += f'<w:numPr><w:ilvl w:val="{num[1]}"/><w:numId w:val="{num[0]}"/></w:numPr>'
    if outline is not None:
        ppr += f'<w:outlineLvl w:val="{outline}"/>'
    body = content if raw else run(content, bold=bold)
    return f"<w:p>{'<w:pPr>' + ppr + '</w:pPr>' if ppr else ''}{body}</w:p>"


def table(rows: list[list[str]]) -> str:
    cells = "".join(
        "<w:tr>" + "".join(f"<w:tc>{para(c)}</w:tc>" for c in row) + "</w:tr>" for row in rows
    )
    return f"<w:tbl><w:tblPr/>{cells}</w:tbl>"


def numbering(
    levels_by_abstract: dict[int, list[tuple[str, str]]],
    nums: dict[int, int],
    start_overrides: dict[int, int] | None = None,
) -> str:
    """numbering.xml: ``{abstractId: [(numFmt, lvlText) per level]}``, ``{numId: abstractId}``."""
    out = [f'<w:numbering xmlns:w="{W}">']
    for aid, levels in levels_by_abstract.items():
        out.append(f'<w:abstractNum w:abstractNumId="{aid}">')
        for ilvl, (fmt, text) in enumerate(levels):
            out.append(
                f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
                f'<w:lvlText w:val="{escape(text)}"/><w:suff w:val="nothing"/></w:lvl>'
            )
        out.append("</w:abstractNum>")
    for num_id, aid in nums.items():
        override = ""
        if start_overrides and num_id in start_overrides:
            override = (
                f'<w:lvlOverride w:ilvl="0">'
                f'<w:startOverride w:val="{start_overrides[num_id]}"/></w:lvlOverride>'
            )
        out.append(f'<w:num w:numId="{num_id}"><w:abstractNumId w:val="{aid}"/>{override}</w:num>')
    out.append("</w:numbering>")
    return "".join(out)


def styles(*extra: str) -> str:
    """styles.xml with Normal, Title, Heading 1–3, TOC 1 and any extra w:style elements."""
    base = [
        '<w:style w:type="paragraph" w:default="1" w:styleId="Normal">'
        '<w:name w:val="Normal"/></w:style>',
        '<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/>'
        '<w:basedOn w:val="Normal"/></w:style>',
        '<w:style w:type="paragraph" w:styleId="TOC1"><w:name w:val="toc 1"/>'
        '<w:basedOn w:val="Normal"/></w:style>',
    ]
    for n in (1, 2, 3):
        base.append(
            f'<w:style w:type="paragraph" w:styleId="Heading{n}"><w:name w:val="heading {n}"/>'
            f'<w:basedOn w:val="Normal"/><w:pPr><w:outlineLvl w:val="{n - 1}"/></w:pPr></w:style>'
        )
    return f'<w:styles xmlns:w="{W}">' + "".join(base + list(extra)) + "</w:styles>"


def write_docx(
    path: Path,
    body: str,
    *,
    styles_xml: str | None = None,
    numbering_xml: str | None = None,
    extra_parts: dict[str, bytes] | None = None,
) -> Path:
    """A minimal .docx: document.xml with ``body`` inside w:body, plus optional parts."""
    rels = []
    parts = {
        "[Content_Types].xml": _CONTENT_TYPES.encode(),
        "_rels/.rels": _ROOT_RELS.encode(),
        "word/document.xml": (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{W}">'
            f"<w:body>{body}<w:sectPr/></w:body></w:document>"
        ).encode(),
    }
    if styles_xml is not None:
        parts["word/styles.xml"] = styles_xml.encode()
        rels.append(f'<Relationship Id="rId1" Type="{_REL_TYPE}styles" Target="styles.xml"/>')
    if numbering_xml is not None:
        parts["word/numbering.xml"] = numbering_xml.encode()
        rels.append(f'<Relationship Id="rId2" Type="{_REL_TYPE}numbering" Target="numbering.xml"/>')
    parts["word/_rels/document.xml.rels"] = (
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        + "".join(rels)
        + "</Relationships>"
    ).encode()
    parts.update(extra_parts or {})
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return path


# ----- hostile and foreign files --------------------------------------------------------------


def ole_file(path: Path, stream_names: list[str]) -> Path:
    """A compound-file (OLE/CFB) skeleton: header with the magic, one directory sector naming
    ``stream_names`` — enough for a reader that sniffs, the shape of .doc and encrypted .docx."""
    header = bytearray(512)
    header[:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    struct.pack_into(
        "<HHHH", header, 24, 0x3E, 3, 0xFFFE, 9
    )  # minor, major, byte order, 512 B sectors
    struct.pack_into("<I", header, 48, 0)  # first directory sector
    directory = bytearray()
    for name in ["Root Entry", *stream_names]:
        entry = bytearray(128)
        encoded = (name + "\0").encode("utf-16-le")
        entry[: len(encoded)] = encoded
        struct.pack_into("<H", entry, 64, len(encoded))
        entry[66] = 5 if name == "Root Entry" else 2
        directory += entry
    directory += bytes(-len(directory) % 512)
    path.write_bytes(bytes(header) + bytes(directory))
    return path


def ratio_bomb(path: Path, megabytes: int = 50) -> Path:
    """A .docx whose document.xml inflates ~1000:1 (zeros)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _ROOT_RELS)
        archive.writestr("word/document.xml", b"\0" * (megabytes * 1024 * 1024))
    return path


def lying_size_docx(path: Path, source: Path, declared: int) -> Path:
    """Copy of ``source`` whose central directory claims ``declared`` bytes for every entry."""
    data = bytearray(source.read_bytes())
    at = data.find(b"PK\x01\x02")
    while at != -1:
        struct.pack_into("<I", data, at + 24, declared)  # uncompressed size field
        at = data.find(b"PK\x01\x02", at + 4)
    path.write_bytes(bytes(data))
    return path


def xml_bomb_body() -> str:
    """A billion-laughs document.xml (DOCTYPE with nested entities)."""
    entities = ['<!ENTITY lol "lol">'] + [
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'
        for i in range(1, 10)
    ]
    return (
        '<?xml version="1.0"?><!DOCTYPE w:document [' + "".join(entities) + "]>"
        f'<w:document xmlns:w="{W}"><w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body>'
        f"</w:document>"
    )


# ----- a long document (import test and benchmark) -------------------------------------------

_SENTENCES = (
    "学习贯彻习近平新时代中国特色社会主义思想还不够系统深入，",
    "有时满足于读了、学了，对蕴含其中的道理学理哲理领悟不够，",
    "运用党的创新理论指导实践、推动工作的能力还有待提高。",
)


def build_long_docx(path: Path, pages: int = 50) -> tuple[Path, int]:
    """A realistic long material: Word numbering for 一、/（一）/一是, every paragraph split into
    several runs (as Word's revision ids split them). Returns (path, number of points).
    One full page holds 22 × 28 = 616 characters; points are ~330 characters."""
    points_needed = pages * 616 // 330 + 1
    dims, per_dim = 10, max(1, (points_needed * 6 // 10) // 10)
    causes = measures = max(1, (points_needed - dims * per_dim) // 2)
    body = [
        para("县委常委班子2023年度主题教育专题民主生活会对照检查材料", style="Title"),
        para("按照县委统一部署，班子成员认真学习，广泛征求意见，现将对照检查情况报告如下："),
    ]

    def point(i: int) -> str:
        title = f"第{i + 1}个方面工作还有差距。"
        runs = (
            run(title)
            + "".join(run(s) for s in _SENTENCES * 3)
            + run("比如，")
            + run(_SENTENCES[0][:-1] + "。")
        )
        return para(runs, num=(2, 2), raw=True)

    body.append(para("存在的主要问题", num=(1, 0)))
    count = 0
    for d in range(dims):
        body.append(para(f"在带头做好第{d + 1}项工作方面", num=(1, 1)))
        for _ in range(per_dim):
            body.append(point(count))
            count += 1
    for heading, n in (("问题根源剖析", causes), ("努力方向和整改措施", measures)):
        body.append(para(heading, num=(1, 0)))
        for _ in range(n):
            body.append(point(count))
            count += 1
    numbering_xml = numbering(
        {
            0: [
                ("chineseCounting", "%1、"),
                ("chineseCounting", "（%2）"),
                ("chineseCounting", "%3是"),
            ]
        },
        {1: 0, 2: 0},
    )
    write_docx(path, "".join(body), styles_xml=styles(), numbering_xml=numbering_xml)
    return path, count


def build_paragraph_flood(path: Path, paragraphs: int) -> Path:
    """A small .docx whose document.xml holds ``paragraphs`` short paragraphs of varied digits
    (a million make ~50 MB of XML that compresses ~20:1, within every zip limit). Streamed
    into the zip so building it costs little memory."""
    head = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{W}"><w:body>'
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _ROOT_RELS)
        with archive.open("word/document.xml", "w", force_zip64=True) as part:
            part.write(head.encode())
            batch = []
            for i in range(paragraphs):
                batch.append(f"<w:p><w:r><w:t>第{i}段{i * 7919 % 1000003}</w:t></w:r></w:p>")
                if len(batch) == 10_000:
                    part.write("".join(batch).encode())
                    batch.clear()
            part.write(("".join(batch) + "<w:sectPr/></w:body></w:document>").encode())
    return path
