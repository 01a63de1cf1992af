"""The files that make Duizhao a desktop program: .desktop entry, AppStream metainfo, MIME type,
icons, the .deb script and the Windows installer script. Well-formedness always; the official
validators (desktop-file-validate, appstreamcli) when installed (`make test` installs them).
"""

from __future__ import annotations

import configparser
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
LINUX = REPO / "packaging" / "linux"
APP_ID = "org.duizhao.Duizhao"
DESKTOP = LINUX / f"{APP_ID}.desktop"
METAINFO = LINUX / f"{APP_ID}.metainfo.xml"
MIME = LINUX / f"{APP_ID}.mime.xml"
MIME_NS = "{http://www.freedesktop.org/standards/shared-mime-info}"
OUR_TYPE = "application/vnd.duizhao.material+json"
ISS = REPO / "packaging" / "windows" / "duizhao.iss"
ICONS = REPO / "resources" / "icons"


def desktop_entry() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # keys are case-sensitive: Name[zh_CN]
    parser.read_string(DESKTOP.read_text(encoding="utf-8"))
    return parser["Desktop Entry"]


def test_desktop_entry_launches_duizhao_with_files_and_shows_the_chinese_name():
    entry = desktop_entry()
    assert entry["Type"] == "Application"
    assert entry["Exec"].split()[0] == "duizhao" and "%F" in entry["Exec"]
    assert entry["Name[zh_CN]"] == "对照"
    assert entry["Icon"] == APP_ID
    assert entry["Terminal"] == "false"
    assert "Office" in entry["Categories"].split(";")


def test_desktop_entry_opens_our_type_and_imports_but_claims_no_pdf():
    types = [t for t in desktop_entry()["MimeType"].split(";") if t]
    assert OUR_TYPE in types
    assert "application/vnd.openxmlformats-officedocument.wordprocessingml.document" in types
    assert "text/plain" in types
    assert "application/pdf" not in types  # we write PDFs; opening them is a viewer's job


@pytest.mark.skipif(
    shutil.which("desktop-file-validate") is None, reason="desktop-file-utils not installed"
)
def test_desktop_file_validate_passes():
    done = subprocess.run(["desktop-file-validate", str(DESKTOP)], capture_output=True, text=True)
    assert done.returncode == 0 and done.stdout.strip() == "", done.stdout + done.stderr


def test_mime_type_defines_the_duizhao_json_glob():
    root = ET.parse(MIME).getroot()
    (mime_type,) = root.findall(f"{MIME_NS}mime-type")
    assert mime_type.get("type") == OUR_TYPE
    assert [g.get("pattern") for g in mime_type.findall(f"{MIME_NS}glob")] == ["*.duizhao.json"]
    assert mime_type.find(f"{MIME_NS}sub-class-of").get("type") == "application/json"
    comments = {
        c.get("{http://www.w3.org/XML/1998/namespace}lang"): c.text
        for c in mime_type.findall(f"{MIME_NS}comment")
    }
    assert comments.get("zh_CN") == "对照检查材料"


def test_metainfo_names_the_desktop_entry_binaries_and_type():
    root = ET.parse(METAINFO).getroot()
    assert root.get("type") == "desktop-application"
    assert root.findtext("id") == APP_ID
    assert root.findtext("launchable") == DESKTOP.name
    assert root.findtext("project_license") == "GPL-3.0-or-later"
    provides = root.find("provides")
    assert sorted(b.text for b in provides.findall("binary")) == ["duizhao", "duizhao-cli"]
    assert provides.findtext("mediatype") == OUR_TYPE
    names = {
        n.get("{http://www.w3.org/XML/1998/namespace}lang"): n.text for n in root.findall("name")
    }
    assert names.get("zh-CN") == "对照"


@pytest.mark.skipif(shutil.which("appstreamcli") is None, reason="appstream not installed")
def test_appstreamcli_validate_passes():
    done = subprocess.run(
        ["appstreamcli", "validate", "--no-net", str(METAINFO)], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_icon_set_is_complete_and_each_png_has_its_size():
    from PIL import Image

    svg = ET.parse(ICONS / "duizhao.svg").getroot()
    assert svg.get("viewBox") == "0 0 512 512"
    for size in (16, 24, 32, 48, 64, 128, 256, 512):
        with Image.open(ICONS / f"duizhao-{size}.png") as image:
            assert image.size == (size, size)
            assert image.mode == "RGBA"
    with Image.open(ICONS / "duizhao.ico") as ico:
        assert {(16, 16), (32, 32), (48, 48), (256, 256)} <= set(ico.info["sizes"])


def test_build_deb_script_is_valid_bash():
    script = LINUX / "build_deb.sh"
    assert script.stat().st_mode & 0o111, "build_deb.sh is not executable"
    done = subprocess.run(["bash", "-n", str(script)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_build_deb_refuses_a_missing_build(tmp_path):
    if shutil.which("dpkg-deb") is None:
        pytest.skip("dpkg-deb not available")
    done = subprocess.run(
        [str(LINUX / "build_deb.sh"), str(tmp_path / "nothing"), str(tmp_path)],
        capture_output=True,
        text=True,
    )
    assert done.returncode != 0
    assert "make dist" in done.stderr
    assert list(tmp_path.glob("*.deb")) == []


def _iss_sections() -> dict[str, list[str]]:
    sections: dict[str, list[str]] = {}
    current = None
    # UTF-8 with BOM is how Inno Setup recognises a UTF-8 script (we use Chinese names)
    raw = ISS.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    for line in raw.decode("utf-8-sig").splitlines():
        line = line.strip()
        if not line or line.startswith(";") or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            current = line[1:-1].lower()
            sections[current] = []
        elif current:
            sections[current].append(line)
    return sections


def test_windows_installer_is_per_user_chinese_with_shortcuts_and_association():
    s = _iss_sections()
    setup = dict(line.split("=", 1) for line in s["setup"])
    assert setup["PrivilegesRequired"] == "lowest"
    assert setup["ChangesAssociations"] == "yes"
    assert setup["AppVersion"] == "{#AppVersion}"  # read from duizhao.exe, never typed here
    assert setup["AppName"] == "对照"
    assert "compiler:Languages\\ChineseSimplified.isl" in s["languages"][0]  # first = default
    icons = "\n".join(s["icons"])
    assert "{autoprograms}" in icons and "{autodesktop}" in icons
    registry = "\n".join(s["registry"])
    assert "Software\\Classes\\Duizhao.Material\\shell\\open\\command" in registry
    assert "Software\\Classes\\.json\\OpenWithProgids" in registry
    assert "Software\\Classes\\.docx\\OpenWithProgids" in registry
    assert all(line.startswith("Root: HKA;") for line in s["registry"])  # no admin keys
