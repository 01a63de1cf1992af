"""Interface language: source strings are English; Simplified Chinese (zh_CN) is the default.

``install_translators(app, "zh_CN")`` loads our ``duizhao_zh_CN.qm`` (built from the .ts by
``make translations``) plus Qt's own ``qtbase_zh_CN.qm`` so standard buttons (OK/Cancel) read
确定/取消, and fills the few words of Qt's file and print dialogs that file lacks
(``QT_GAPS_ZH_CN``). ``"en"`` installs none. Calling it again replaces what an earlier call
installed.

The .ts is regenerated with ``pyside6-lupdate <LUPDATE_ARGS> ui -ts <ts>`` and then translated.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from app.resources import installed, resource_path

LANGUAGES = ("zh_CN", "en")
DOMAIN = "duizhao"

# Keep references: a QTranslator that Python garbage-collects silently stops translating.
_installed: list[QTranslator] = []

# lupdate reads `_tr("…")`/`tr("…")` helper calls outside classes with this alias and files
# them under the empty context; ``_ContextFallbackTranslator`` finds them at run time.
LUPDATE_ARGS = (
    "-extensions",
    "py",
    "-no-obsolete",
    "-locations",
    "none",
    "-tr-function-alias",
    "tr+=_tr",
)


class _ContextFallbackTranslator(QTranslator):
    """Modules translate through small helpers (``_tr(text)`` with a fixed context); lupdate
    cannot see that context and files those strings under "". Look there when the exact
    context has no entry."""

    def translate(self, context, source_text, disambiguation=None, n=-1):
        text = super().translate(context, source_text, disambiguation, n)
        if not text and context:
            text = super().translate("", source_text, disambiguation, n)
        return text or None  # None = "not mine": Qt asks the next translator, then the source


# Words of Qt's own dialogs that Qt's qtbase_zh_CN.qm lacks (its sources changed since it was
# translated: "Look in:" became "&Look in:"), so Qt's file and print dialogs showed English.
# (context, source) → translation; tests/ui/test_chinese_ui_walk.py opens those dialogs.
QT_GAPS_ZH_CN = {
    ("QFileDialog", "&Look in:"): "查找范围(&L)：",
    ("QFileDialog", "Files of &type:"): "文件类型(&T)：",
    ("QAbstractFileIconProvider", "Folder"): "文件夹",
    ("QAbstractFileIconProvider", "Drive"): "驱动器",
    ("QPrintSettingsOutput", "Page &Set:"): "奇偶页(&S)：",
    ("QPageSetupWidget", "Page &order:"): "页序(&O)：",
    ("QPageSetupWidget", "Pages &per sheet:"): "每张页数(&P)：",
    ("QPageSetupWidget", "mm"): "毫米",
    ("QPageSize", "%1 x %2 in"): "%1 × %2 英寸",
    ("QPrintDialog", "1 (1x1)"): "1（1×1）",
    ("QPrintDialog", "2 (2x1)"): "2（2×1）",
    ("QPrintDialog", "4 (2x2)"): "4（2×2）",
    ("QPrintDialog", "6 (2x3)"): "6（2×3）",
    ("QPrintDialog", "9 (3x3)"): "9（3×3）",
    ("QPrintDialog", "16 (4x4)"): "16（4×4）",
}


class _QtGapTranslator(QTranslator):
    """Answers only for ``QT_GAPS_ZH_CN``; anything else goes on to Qt's own translation."""

    def __init__(self, parent, gaps: dict[tuple[str, str], str]):
        super().__init__(parent)
        self._gaps = gaps

    def isEmpty(self) -> bool:  # noqa: N802 — Qt's name; an empty translator is skipped
        return not self._gaps

    def translate(self, context, source_text, disambiguation=None, n=-1):
        return self._gaps.get((context, source_text))


def ts_path(lang: str = "zh_CN") -> Path:
    return resource_path("translations", f"{DOMAIN}_{lang}.ts")


def qm_path(lang: str = "zh_CN") -> Path:
    return resource_path("translations", f"{DOMAIN}_{lang}.qm")


def _lrelease() -> str | None:
    beside_python = Path(sys.executable).with_name("pyside6-lrelease")
    if beside_python.exists():
        return str(beside_python)
    return shutil.which("pyside6-lrelease")


def _fresh_qm(lang: str) -> Path | None:
    """The built .qm; in a source checkout where ``make translations`` was not run (or the .ts
    changed since), build it into the user cache so running from source still shows Chinese.
    An installed .qm is current by construction (installed files are not edited; their times
    are only the order pip wrote them); a wheel built without one compiles its .ts the same way."""
    qm, ts = qm_path(lang), ts_path(lang)
    if qm.exists() and (installed() or not ts.exists() or qm.stat().st_mtime >= ts.stat().st_mtime):
        return qm
    if not ts.exists():
        return qm if qm.exists() else None
    tool = _lrelease()
    if tool is None:
        return qm if qm.exists() else None
    import platformdirs

    cached = Path(platformdirs.user_cache_dir("duizhao")) / qm.name
    if cached.exists() and cached.stat().st_mtime >= ts.stat().st_mtime:
        return cached
    cached.parent.mkdir(parents=True, exist_ok=True)
    # Several windows may start at once: build to a private name, then swap it in whole, so no
    # process ever loads a half-written file.
    tmp = cached.with_name(f"{cached.stem}.{os.getpid()}.tmp.qm")
    import subprocess  # only a source checkout with a stale .qm gets here (~5 ms at start-up)

    done = subprocess.run([tool, "-silent", str(ts), "-qm", str(tmp)], capture_output=True)
    if done.returncode == 0 and tmp.exists():
        os.replace(tmp, cached)
        return cached
    tmp.unlink(missing_ok=True)
    return qm if qm.exists() else None


def remove_translators(app: QCoreApplication) -> None:
    while _installed:
        app.removeTranslator(_installed.pop())


def install_translators(app: QCoreApplication, lang: str = "zh_CN") -> list[str]:
    """Install the translators for ``lang``; returns the names of the files loaded."""
    if lang not in LANGUAGES:
        raise ValueError(f"unknown interface language {lang!r}; choose one of {LANGUAGES}")
    remove_translators(app)
    if lang == "en":
        QLocale.setDefault(QLocale("en_US"))
        return []
    QLocale.setDefault(QLocale(lang))
    loaded = []
    ours = _fresh_qm(lang)
    if ours is None:
        print(
            f"duizhao: translation {qm_path(lang).name} missing; run `make translations`",
            file=sys.stderr,
        )
    else:
        loaded += _load(app, str(ours.parent), ours.stem, _ContextFallbackTranslator(app))
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    qt_loaded = _load(app, qt_dir, f"qtbase_{lang}", QTranslator(app))
    if not qt_loaded:  # a frozen or unusual layout: Qt's files beside the PySide6 package
        for folder in _pyside_translation_dirs():
            qt_loaded = _load(app, str(folder), f"qtbase_{lang}", QTranslator(app))
            if qt_loaded:
                break
    loaded += qt_loaded
    if lang == "zh_CN":  # installed last: asked first, answers only for Qt's missing words
        gaps = _QtGapTranslator(app, QT_GAPS_ZH_CN)
        app.installTranslator(gaps)
        _installed.append(gaps)
    return loaded


def _pyside_translation_dirs() -> list[Path]:
    import PySide6

    package = Path(PySide6.__file__).parent
    return [package / "Qt" / "translations", package / "translations"]


def _load(app: QCoreApplication, folder: str, name: str, translator: QTranslator) -> list[str]:
    if not translator.load(name, folder):
        return []
    app.installTranslator(translator)
    _installed.append(translator)
    return [name]
