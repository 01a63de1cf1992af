"""Remembered results of probing installed font files (app.fonts), per file and its stat.

Probing an installed office font opens it with fontTools and counts its GB2312 hanzi: about
40 ms per font, 180 ms for a Windows machine with 仿宋/黑体/楷体/小标宋 installed, on every
export. The verdict only changes when the file does, so it is kept in the per-user cache
(``platformdirs.user_cache_dir("duizhao")/font-probes.json``), keyed by the file's path, size and
modification time and by what was asked (families, coverage). A damaged or foreign cache file is
ignored and rewritten; a cache that cannot be written only costs the probe again.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

FORMAT = 1


def cache_path() -> Path:
    import platformdirs

    return Path(platformdirs.user_cache_dir("duizhao")) / "font-probes.json"


class ProbeCache:
    """Loaded on first use; ``save()`` writes it back only when something was added."""

    def __init__(self, path: Path | None = None):
        self.path = path
        self._entries: dict[str, list] | None = None
        self._dirty = False

    @staticmethod
    def key(font: Path, families: tuple[str, ...], require_coverage: bool) -> str | None:
        try:
            st = font.stat()
        except OSError:
            return None
        return json.dumps(
            [str(font), st.st_size, st.st_mtime_ns, list(families), require_coverage],
            ensure_ascii=False,
        )

    def _load(self) -> dict[str, list]:
        if self._entries is None:
            self.path = self.path or cache_path()
            try:
                data = json.loads(self.path.read_text(encoding="utf-8"))
                ok = isinstance(data, dict) and data.get("format") == FORMAT
                entries = data.get("probes") if ok else None
                self._entries = entries if isinstance(entries, dict) else {}
            except (OSError, ValueError):
                self._entries = {}
        return self._entries

    def get(self, key: str | None) -> list | None:
        """The stored fields ``[face_index, family, problem, coverage]``, or None."""
        if key is None:
            return None
        found = self._load().get(key)
        valid = (
            isinstance(found, list)
            and len(found) == 4
            and isinstance(found[0], int)
            and isinstance(found[1], str)
            and (found[2] is None or isinstance(found[2], str))
            and isinstance(found[3], (int, float))
        )
        return found if valid else None

    def probe(self, font: Path, families: tuple[str, ...], require_coverage: bool, run, build):
        """``run(font, families, require_coverage)``, or its remembered result rebuilt with
        ``build(font, face_index, family, problem, coverage)``."""
        key = self.key(font, families, require_coverage)
        stored = self.get(key)
        if stored is not None:
            return build(font, *stored)
        result = run(font, families, require_coverage)
        self.put(key, [result.face_index, result.family, result.problem, result.gb2312_coverage])
        return result

    def put(self, key: str | None, fields: list) -> None:
        if key is not None:
            self._load()[key] = fields
            self._dirty = True

    def save(self) -> None:
        if not self._dirty or self.path is None:
            return
        text = json.dumps({"format": FORMAT, "probes": self._entries}, ensure_ascii=False)
        temp = self.path.with_name(f".{self.path.name}.{os.getpid()}.tmp")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            temp.write_text(text, encoding="utf-8")
            os.replace(temp, self.path)
            self._dirty = False
        except OSError:
            pass  # the next export probes again
        finally:
            if temp.exists():
                temp.unlink()
