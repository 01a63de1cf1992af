"""`pip install .` (not editable) works: the wheel carries the code and resources/ as package
data, and the installed programs find them outside the checkout (issue 11).

The wheel is built from a copy of the sources (the build writes build/ and *.egg-info beside
them) and installed with --no-deps into a fresh venv in tmp. To stay fast and offline, that venv
reaches the dev venv's already-installed dependencies through a plain path line in a .pth: such
a line only appends the folder to sys.path and runs none of the .pth files in it, so the dev
venv's editable-install finder (which maps ``app`` to the checkout) stays out — the probe below
asserts that the code and resources really come from the fresh venv.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path
from types import SimpleNamespace

import pytest

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[2]
# What a build reads: the project file, its readme and licence, the packages, the resources.
SOURCES = ("pyproject.toml", "README.md", "LICENSE", "app", "ui", "resources")
# resources/ files that only feed the desktop packages or the PyInstaller build, never the program
BUILD_ONLY_SUFFIXES = {".svg", ".ico", ".icns"}
BUILD_ONLY_FILES = {"icons/README.md"}
TEMPLATE_COUNT = len(list((REPO / "resources" / "templates").glob("*.toml")))
PIP_QUIET = ("--quiet", "--disable-pip-version-check", "--no-input")


def _python_in(venv: Path) -> Path:
    return venv / ("Scripts" if os.name == "nt" else "bin") / "python"


def _run(cmd, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(c) for c in cmd], capture_output=True, text=True, timeout=300, **kwargs
    )


def _build_wheel(work: Path) -> Path:
    source = work / "src"
    source.mkdir()
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for name in SOURCES:
        item = REPO / name
        if item.is_dir():
            shutil.copytree(item, source / name, ignore=ignore)
        else:
            shutil.copy2(item, source / name)
    # What `make translations` does before a release build (the .qm is never committed).
    lrelease = Path(sys.executable).with_name("pyside6-lrelease")
    translations = source / "resources" / "translations"
    done = _run(
        [
            lrelease,
            "-silent",
            translations / "duizhao_zh_CN.ts",
            "-qm",
            translations / "duizhao_zh_CN.qm",
        ]
    )
    assert done.returncode == 0, done.stderr
    out = work / "wheelhouse"
    done = _run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            *PIP_QUIET,
            "--no-deps",
            "--no-index",
            "--no-build-isolation",
            "--wheel-dir",
            out,
            source,
        ]
    )
    assert done.returncode == 0, done.stderr
    (wheel,) = out.glob("duizhao-*.whl")
    return wheel


def _install(wheel: Path, venv: Path) -> Path:
    done = _run([sys.executable, "-m", "venv", "--without-pip", venv])
    assert done.returncode == 0, done.stderr
    python = _python_in(venv)
    done = _run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            python,
            "install",
            *PIP_QUIET,
            "--no-deps",
            "--no-index",
            wheel,
        ]
    )
    assert done.returncode == 0, done.stderr
    site = Path(
        _run(
            [python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"]
        ).stdout.strip()
    )
    dev = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    (site / "zz-dev-venv-dependencies.pth").write_text("\n".join(sorted(dev)) + "\n")
    # PySide6's own scripts, which installing it would put beside the venv's python (ui/i18n
    # looks there for lrelease)
    lrelease = Path(sys.executable).with_name("pyside6-lrelease")
    (python.parent / lrelease.name).symlink_to(lrelease)
    return site


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    work = tmp_path_factory.mktemp("wheel")
    wheel = _build_wheel(work)
    venv = work / "venv"
    site = _install(wheel, venv)
    bin_dir = _python_in(venv).parent
    return SimpleNamespace(wheel=wheel, venv=venv, site=site, bin=bin_dir, python=_python_in(venv))


@pytest.fixture
def user(tmp_path) -> SimpleNamespace:
    """An empty home and a working folder outside the checkout, as a new user has them."""
    home = tmp_path / "user-home"  # not conftest's: its environment is not passed on
    cwd = tmp_path / "elsewhere"
    runtime = tmp_path / "runtime"
    for folder in (home, cwd, runtime):
        folder.mkdir()
    runtime.chmod(0o700)
    env = {
        "PATH": "/usr/bin:/bin",
        "HOME": str(home),
        "LANG": "C.UTF-8",
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_CACHE_HOME": str(home / "cache"),
        "XDG_STATE_HOME": str(home / "state"),
        "XDG_RUNTIME_DIR": str(runtime),
        "QT_QPA_PLATFORM": "offscreen",
        # the bundled fonts, so the export shows whether their metrics caches were found
        "DUIZHAO_FONTS": "bundled",
    }
    return SimpleNamespace(
        home=home,
        cwd=cwd,
        env=env,
        cache=home / "cache" / "duizhao",
        library=tmp_path / "library.db",
    )


def run_installed(installed, user, program: str, *args) -> subprocess.CompletedProcess:
    return _run([installed.bin / program, *args], cwd=user.cwd, env=user.env)


def _snapshot(site: Path) -> dict[str, tuple[int, int]]:
    """Every file of the installed packages, with size and modification time."""
    return {
        str(p.relative_to(site)): (p.stat().st_size, p.stat().st_mtime_ns)
        for package in ("app", "ui", "duizhao_resources")
        for p in (site / package).rglob("*")
    }


def test_wheel_carries_every_module_and_the_runtime_resources(installed):
    with zipfile.ZipFile(installed.wheel) as wheel:
        names = set(wheel.namelist())
    modules = {
        str(p.relative_to(REPO))
        for package in ("app", "ui")
        for p in (REPO / package).rglob("*.py")
        if "__pycache__" not in p.parts
    }
    assert modules - names == set(), "a package under app/ or ui/ is missing in pyproject.toml"
    resources = REPO / "resources"
    wanted = {
        f"duizhao_resources/{p.relative_to(resources)}"
        for p in resources.rglob("*")
        if p.is_file()
        and "__pycache__" not in p.parts
        and p.suffix != ".pyc"
        and p.suffix not in BUILD_ONLY_SUFFIXES
        and str(p.relative_to(resources)) not in BUILD_ONLY_FILES
    }
    wanted.add("duizhao_resources/translations/duizhao_zh_CN.qm")  # built before the wheel
    shipped = {n for n in names if n.startswith("duizhao_resources/")}
    assert shipped == wanted
    assert any(
        n.endswith(".dist-info/licenses/LICENSE") or n.endswith(".dist-info/LICENSE") for n in names
    )


def test_installed_cli_lists_the_templates(installed, user):
    done = run_installed(installed, user, "duizhao-cli", "templates")
    assert done.returncode == 0, done.stderr
    rows = done.stdout.strip().splitlines()
    assert len(rows) == TEMPLATE_COUNT == 11
    assert any(row.startswith("2021-dangshi-wugedaitou\t2021\t党史学习教育") for row in rows)


def test_installed_cli_imports_and_exports_a_pdf_with_the_bundled_fonts(installed, user, seed_path):
    before = _snapshot(installed.site)
    done = run_installed(
        installed, user, "duizhao-cli", "--library", user.library, "import", seed_path
    )
    assert done.returncode == 0, done.stderr
    material_id = done.stdout.strip()
    assert "5 个维度" in done.stderr  # the seed's dimensions, recognised with the checks data
    done = run_installed(
        installed,
        user,
        "duizhao-cli",
        "--library",
        user.library,
        "export",
        material_id,
        "--format",
        "pdf",
        "-o",
        "seed.pdf",
    )
    assert done.returncode == 0, done.stderr

    from pypdf import PdfReader

    reader = PdfReader(user.cwd / "seed.pdf")
    assert len(reader.pages) >= 5
    assert "存在的主要问题" in "".join(page.extract_text() for page in reader.pages[:3])
    fonts = [
        font.get_object()
        for page in reader.pages[:2]
        for font in page["/Resources"]["/Font"].values()
    ]
    assert fonts and all(str(f["/BaseFont"]).split("+")[-1].startswith("DZ") for f in fonts)
    for font in fonts:  # TrueType subsets: the glyphs travel with the PDF
        assert "/FontFile2" in font["/FontDescriptor"].get_object(), font["/BaseFont"]
    # the metrics caches shipped beside the fonts were used: none had to be parsed and cached
    assert list(user.cache.glob("fonts/*.rlmetrics")) == []
    assert _snapshot(installed.site) == before, "the program wrote into its installation"


PROBE = """
import json, sys
import app, app.resources, ui.i18n, ui.main

seen = {}
real_screenshot = ui.main.take_screenshot

def take_screenshot(window, out):
    seen["title"] = window.windowTitle()
    seen["new_action"] = window.library_view.action_new.text()
    return real_screenshot(window, out)

ui.main.take_screenshot = take_screenshot
code = ui.main.main(sys.argv[1:])
seen.update(code=code, app=app.__file__, ui=ui.__file__,
            resources=str(app.resources.resource_dir()), qm=str(ui.i18n._fresh_qm("zh_CN")),
            licence=str(app.resources.license_path()),
            editable_finders=[m for m in sys.modules if m.startswith("__editable__")])
print(json.dumps(seen))
"""


def probe_window(python: Path, user) -> dict:
    """ui.main.main — what the `duizhao` script runs — watched from inside: what the window
    showed and where the code, resources and translation came from."""
    probe = user.cwd / "probe.py"
    probe.write_text(PROBE, encoding="utf-8")
    done = _run(
        [
            python,
            probe,
            "--library",
            user.library,
            "--open",
            "1",
            "--screenshot",
            user.cwd / "probe.png",
        ],
        cwd=user.cwd,
        env=user.env,
    )
    assert done.returncode == 0, done.stderr
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen["code"] == 0
    assert seen["editable_finders"] == []
    return seen


def test_installed_window_opens_the_material_in_chinese(installed, user, seed_path):
    assert (
        run_installed(
            installed, user, "duizhao-cli", "--library", user.library, "import", seed_path
        ).returncode
        == 0
    )
    before = _snapshot(installed.site)
    shot = user.cwd / "window.png"
    done = run_installed(
        installed, user, "duizhao", "--library", user.library, "--open", "1", "--screenshot", shot
    )
    assert done.returncode == 0, done.stderr
    assert "missing" not in done.stderr  # ui/i18n reports a missing translation on stderr
    from PIL import Image

    with Image.open(shot) as image:
        assert image.size == (1280, 800)
        assert len(image.convert("RGB").getcolors(maxcolors=1 << 20)) > 16, "blank screenshot"

    seen = probe_window(installed.python, user)
    assert seen["title"].startswith("对照 — ") and "对照检查材料" in seen["title"]
    assert seen["new_action"] == "从模板新建…"  # zh_CN
    site = str(installed.site)
    for key in ("app", "ui", "resources", "qm", "licence"):
        assert seen[key].startswith(site), (key, seen[key])
    assert "GNU GENERAL PUBLIC LICENSE" in Path(seen["licence"]).read_text(encoding="utf-8")
    # pip wrote the .ts after the .qm: the installed .qm is still the one used, not rebuilt
    assert not list(user.cache.glob("*.qm")), "the installed .qm was rebuilt into the cache"
    assert _snapshot(installed.site) == before, "the program wrote into its installation"


def test_a_wheel_built_without_the_qm_compiles_the_translation_into_the_user_cache(
    installed, user, seed_path, tmp_path
):
    """`pip install .` in a fresh clone, where `make translations` never ran: the window is
    still Chinese; the .qm is compiled from the shipped .ts into the user's cache, not into
    the installation. (The install is a copy of the other without its .qm: same files.)"""
    venv = tmp_path / "venv-without-qm"
    shutil.copytree(installed.venv, venv, symlinks=True)
    site = venv / installed.site.relative_to(installed.venv)
    (site / "duizhao_resources" / "translations" / "duizhao_zh_CN.qm").unlink()
    assert (
        run_installed(
            installed, user, "duizhao-cli", "--library", user.library, "import", seed_path
        ).returncode
        == 0
    )
    before = _snapshot(site)
    seen = probe_window(_python_in(venv), user)
    assert seen["resources"].startswith(str(site))
    assert seen["new_action"] == "从模板新建…"
    assert seen["qm"] == str(user.cache / "duizhao_zh_CN.qm")
    assert _snapshot(site) == before, "the program wrote into its installation"
