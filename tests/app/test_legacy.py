"""Old .doc/.wps files converted to .docx through LibreOffice headless (app.importers.legacy)."""

from __future__ import annotations

import os
import stat
import time
from pathlib import Path

import pytest

from app.errors import InputError
from app.importers import legacy
from app.importers.docx import import_docx_file
from app.importers.legacy import OLE_SIGNATURE, convert_with_soffice, soffice_path
from tests import libreoffice

needs_soffice = pytest.mark.skipif(soffice_path() is None, reason="LibreOffice is not installed")


def make_legacy_doc(seed_path: Path, folder: Path) -> Path:
    """The seed as a real Word 97 .doc: text import → DOCX export → ``soffice --convert-to doc``."""
    from app.exporters.docx import export_docx
    from app.importers.text import import_text_file

    material, _report = import_text_file(seed_path)
    source = export_docx(material, folder / "材料.docx")
    doc = libreoffice.convert(source, "doc", folder, work=folder / "lo")
    source.unlink()  # only the .doc is left, as on the user's disk
    return doc


def fake_soffice(tmp_path: Path, script: str) -> Path:
    """An executable standing in for soffice (to make it fail or hang on purpose)."""
    path = tmp_path / "soffice"
    path.write_text("#!/bin/sh\n" + script + "\n", encoding="utf-8")
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return path


def ole_stub(path: Path) -> Path:
    path.write_bytes(OLE_SIGNATURE + b"\0" * 504)
    return path


@needs_soffice
def test_a_real_doc_converts_and_imports_with_every_point(tmp_path, seed_path):
    doc = make_legacy_doc(seed_path, tmp_path)
    assert doc.read_bytes()[:8] == OLE_SIGNATURE

    converted = convert_with_soffice(doc, tmp_path / "out")

    assert converted == tmp_path / "out" / "材料.docx"
    material, report = import_docx_file(converted)
    problems = material.section("problems")
    assert [len(d.points) for d in problems.dimensions] == [3, 2, 3, 3, 3]
    assert report.template_id == "2021-dangshi-wugedaitou"
    assert material.title.startswith("县政府党组")


def test_soffice_path_is_none_without_libreoffice(monkeypatch):
    monkeypatch.setattr(legacy.shutil, "which", lambda name: None)
    monkeypatch.setattr(legacy, "_CANDIDATES", ())
    assert soffice_path() is None


def test_soffice_path_finds_soffice_on_path(tmp_path, monkeypatch):
    fake = fake_soffice(tmp_path, "exit 0")
    monkeypatch.setenv("PATH", str(tmp_path))
    assert soffice_path() == fake


def test_without_libreoffice_the_message_says_save_as_docx(tmp_path, monkeypatch):
    monkeypatch.setattr(legacy, "soffice_path", lambda: None)
    with pytest.raises(InputError) as caught:
        convert_with_soffice(ole_stub(tmp_path / "old.doc"), tmp_path / "out")
    assert "LibreOffice" in caught.value.zh and "另存为 .docx" in caught.value.zh


def test_a_file_that_is_not_an_ole_document_is_not_handed_to_libreoffice(tmp_path, monkeypatch):
    started = []
    monkeypatch.setattr(legacy.subprocess, "Popen", lambda *a, **k: started.append(a))
    text = tmp_path / "notes.doc"
    text.write_text("一、存在的主要问题\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        convert_with_soffice(text, tmp_path / "out")
    assert "不是有效的 Word/WPS 文档" in caught.value.zh
    assert started == []


def test_a_failing_conversion_is_a_clear_error(tmp_path, monkeypatch):
    fake = fake_soffice(tmp_path, "echo 'Error: source file could not be loaded' >&2; exit 1")
    monkeypatch.setattr(legacy, "soffice_path", lambda: fake)
    with pytest.raises(InputError) as caught:
        convert_with_soffice(ole_stub(tmp_path / "old.wps"), tmp_path / "out")
    assert "未能转换 old.wps" in caught.value.zh
    assert "could not be loaded" in caught.value.en


def test_a_hanging_conversion_is_stopped_after_the_timeout_with_its_children(tmp_path, monkeypatch):
    pid_file = tmp_path / "child.pid"
    # Like soffice, the launcher starts a worker process and waits for it.
    fake = fake_soffice(tmp_path, f"sleep 30 & echo $! > {pid_file}; wait")
    monkeypatch.setattr(legacy, "soffice_path", lambda: fake)
    started = time.monotonic()
    with pytest.raises(InputError) as caught:
        convert_with_soffice(ole_stub(tmp_path / "old.doc"), tmp_path / "out", timeout=0.5)
    assert time.monotonic() - started < 5  # the user waits the timeout, not the worker's 30 s
    assert "超时" in caught.value.zh
    child = int(pid_file.read_text().strip())
    deadline = time.monotonic() + 5
    while _running(child) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not _running(child)


def _running(pid: int) -> bool:
    """Alive and not a zombie (an orphan may wait for a reaper that is slow to come)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"


def test_soffice_runs_in_a_private_profile_without_proxies(tmp_path, monkeypatch):
    record = tmp_path / "args.txt"
    fake = fake_soffice(
        tmp_path, f'printf "%s\\n" "$@" > {record}; env > {record}.env; echo x > "${{10}}/old.docx"'
    )
    monkeypatch.setattr(legacy, "soffice_path", lambda: fake)
    monkeypatch.setenv("https_proxy", "http://proxy.invalid:1")
    out = convert_with_soffice(ole_stub(tmp_path / "old.doc"), tmp_path / "out")
    args = record.read_text(encoding="utf-8").splitlines()
    assert out == tmp_path / "out" / "old.docx" and out.is_file()
    profile = next(a for a in args if a.startswith("-env:UserInstallation=file://"))
    assert not os.path.exists(profile.split("file://", 1)[1])  # thrown away afterwards
    assert "--headless" in args and args[-1] == str(tmp_path / "old.doc")
    assert "proxy" not in (tmp_path / "args.txt.env").read_text(encoding="utf-8").lower()


class _Stop(Exception):
    """What the window's cancel raises through ``poll`` (ui.tasks.Cancelled stands in)."""


def test_a_cancelled_conversion_ends_libreoffice_and_its_children_at_once(tmp_path, monkeypatch):
    pid_file = tmp_path / "child.pid"
    fake = fake_soffice(tmp_path, f"sleep 30 & echo $! > {pid_file}; wait")
    monkeypatch.setattr(legacy, "soffice_path", lambda: fake)
    polls = []

    def poll():
        polls.append(True)
        if len(polls) > 2 and pid_file.exists() and pid_file.read_text().strip():
            raise _Stop  # the user pressed Cancel once LibreOffice was working

    started = time.monotonic()
    with pytest.raises(_Stop):
        convert_with_soffice(
            ole_stub(tmp_path / "old.doc"), tmp_path / "out", timeout=30, poll=poll
        )
    assert time.monotonic() - started < 10  # not the 30 s of the hanging worker (hang guard)
    child = int(pid_file.read_text().strip())
    deadline = time.monotonic() + 5
    while _running(child) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not _running(child)


def test_cli_import_of_an_old_doc_converts_only_with_the_convert_flag(
    tmp_path, monkeypatch, capsys, seed_path
):
    """Without --convert the CLI refuses (and says the flag exists, LibreOffice being there); with
    it, the converted .docx imports like the Word file it is."""
    from app.cli import main
    from app.exporters.docx import export_docx
    from app.importers.text import import_text_file

    material, _report = import_text_file(seed_path)
    docx = export_docx(material, tmp_path / "ready.docx")
    # Stands in for LibreOffice: "converts" by copying a real .docx to --outdir/<stem>.docx.
    fake = fake_soffice(tmp_path, f'cp "{docx}" "${{10}}/old.docx"')
    monkeypatch.setattr(legacy, "soffice_path", lambda: fake)
    doc = ole_stub(tmp_path / "old.doc")
    library = str(tmp_path / "lib" / "library.db")
    (tmp_path / "lib").mkdir()

    assert main(["--library", library, "import", str(doc)]) == 2
    err = capsys.readouterr().err
    assert "另存为 .docx" in err and "--convert" in err and not Path(library).exists()

    assert main(["--library", library, "import", str(doc), "--convert"]) == 0
    out, err = capsys.readouterr()
    assert int(out) == 1 and "5 个维度" in err
