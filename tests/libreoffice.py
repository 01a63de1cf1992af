"""LibreOffice (soffice) as the tests and benchmarks run it: headless, in a private profile, and
with a private fontconfig that offers only the bundled fonts, under the office font names our
DOCX export writes (仿宋_GB2312 → DZ FandolFang, …).

Why: LibreOffice replaces a font name the machine lacks with whatever CJK font fontconfig ranks
first. On a machine with only fonts-noto-cjk it embedded Noto as Type 1 subsets whose text
pdfplumber reads as "县县县…"; with no CJK font at all each glyph took two cells. With the
bundled fonts under the names the DOCX asks for, LibreOffice lays the document out as on a user
machine that has the office fonts, whatever fonts this machine has installed.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path
from xml.sax.saxutils import escape

from fontTools.ttLib import TTFont

from app.exporters import docx_styles
from app.fonts import choose_fonts, fallback_fonts

# The role of every font name the DOCX export writes (roles as in app.fonts).
DOCX_FONT_ROLES = {
    **{name: role for role, name in docx_styles.ROLE_FONTS.items()},
    docx_styles.FONT_PAGE_NUMBER: "page_number",
}


def soffice_path() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def _family(path: Path) -> str:
    """The font's family name (name ID 1), as fontconfig lists it."""
    with TTFont(path, lazy=True) as font:
        return font["name"].getDebugName(1)


def write_fonts_conf(folder: Path) -> Path:
    """A fonts.conf in ``folder``: only the bundled fonts, their own cache, and each DOCX font
    name bound to its role's bundled font, then to the per-character fallbacks."""
    roles = choose_fonts(bundled_only=True)
    fallbacks = [_family(choice.path) for choice in fallback_fonts(bundled_only=True)]
    font_dirs = sorted({str(choice.path.parent) for choice in roles.values()})
    rules = []
    for name, role in DOCX_FONT_ROLES.items():
        families = [_family(roles[role].path), *fallbacks]
        prefer = "".join(f"<string>{escape(f)}</string>" for f in families)
        rules.append(
            f'<match target="pattern"><test name="family"><string>{escape(name)}</string>'
            f'</test><edit name="family" mode="assign" binding="strong">{prefer}</edit></match>'
        )
    # Any other name (LibreOffice's UI and default fonts) ends on the body font, not on chance.
    last = "".join(
        f"<string>{escape(f)}</string>" for f in [_family(roles["body"].path), *fallbacks]
    )
    rules.append(
        f'<match target="pattern"><edit name="family" mode="append_last">{last}</edit></match>'
    )
    conf = folder / "fonts.conf"
    folder.mkdir(parents=True, exist_ok=True)
    conf.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">\n'
        "<fontconfig>\n"
        + "".join(f"<dir>{escape(d)}</dir>\n" for d in font_dirs)
        + f"<cachedir>{escape(str(folder / 'cache'))}</cachedir>\n"
        + "\n".join(rules)
        + "\n</fontconfig>\n",
        encoding="utf-8",
    )
    return conf


def soffice_env(work: Path) -> dict[str, str]:
    """The environment for soffice: the private fontconfig, HOME inside ``work`` (LibreOffice
    and GTK look there for settings), nothing from the machine's font setup."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("FONTCONFIG_")}
    env["FONTCONFIG_FILE"] = str(write_fonts_conf(work / "fontconfig"))
    env["HOME"] = str(work / "home")
    return env


def soffice_command(
    source: Path, to: str, outdir: Path, work: Path, *, infilter: str | None = None
) -> tuple[list[str], dict[str, str]]:
    """The command line and environment of ``soffice --convert-to <to>``; ``work`` holds the
    profile, the fontconfig and HOME."""
    soffice = soffice_path()
    assert soffice is not None, "LibreOffice (soffice) is not installed"
    command = [soffice, f"-env:UserInstallation={(work / 'profile').as_uri()}", "--headless"]
    if infilter:
        command.append(f"--infilter={infilter}")
    command += ["--convert-to", to, "--outdir", str(outdir), str(source)]
    return command, soffice_env(work)


def convert(
    source: Path,
    to: str,
    outdir: Path,
    *,
    infilter: str | None = None,
    work: Path | None = None,
    timeout: float = 120,
) -> Path:
    """``source`` converted by LibreOffice into ``outdir`` (format ``to`` as soffice takes it,
    e.g. "pdf" or "docx:MS Word 2007 XML"); the converted file's path. ``work`` defaults to
    ``outdir``/.soffice."""
    command, env = soffice_command(
        source, to, outdir, work or outdir / ".soffice", infilter=infilter
    )
    subprocess.run(
        command, check=True, capture_output=True, timeout=timeout, stdin=subprocess.DEVNULL, env=env
    )
    converted = outdir / f"{source.stem}.{to.split(':', 1)[0]}"
    assert converted.exists(), f"soffice wrote no {converted.name}"
    return converted
