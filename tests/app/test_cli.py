"""duizhao-cli (DESIGN §5), run in-process through ``main(argv)``, plus the real entry point."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from app.cli import main
from app.model import Dimension, Material, Point, Section
from app.paths import default_library_path
from app.serialize import material_to_json

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def lib(tmp_path) -> Path:
    folder = tmp_path / "lib"
    folder.mkdir()
    return folder / "library.db"


@pytest.fixture
def out_dir(tmp_path) -> Path:
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


@pytest.fixture
def cli(lib, capsys):
    """Run one command against the test library; returns (exit code, stdout, stderr)."""

    def run(*args: str, library: Path | None = lib) -> tuple[int, str, str]:
        argv = (["--library", str(library)] if library else []) + [str(a) for a in args]
        code = main(argv)
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    return run


def library_hash(path: Path) -> str:
    digest = hashlib.sha256()
    for suffix in ("", "-wal"):
        part = Path(f"{path}{suffix}")
        if part.exists():
            digest.update(part.read_bytes())
    return digest.hexdigest()


def assert_one_line_error(err: str, *fragments: str) -> None:
    assert err.count("\n") == 1 and err.startswith("错误：") and " / error: " in err, err
    for fragment in fragments:
        assert fragment in err


def linked_material_json() -> str:
    problems = Section(
        kind="problems",
        heading="存在的主要问题",
        dimensions=[
            Dimension(
                heading="带头强化政治忠诚",
                short_name="政治忠诚",
                heading_prefix="在“",
                heading_suffix="”方面：",
                points=[Point(title="学习不够系统", body="平时以干代学。", example="会上讲得多。")],
            ),
        ],
    )
    measures = Section(
        kind="measures",
        heading="努力方向和整改措施",
        points=[Point(title="强化理论学习", body="带头学。")],
    )
    material = Material(
        title="某局党组对照检查材料",
        organization="某局党组",
        year=2025,
        meeting="民主生活会",
        template_id="2025-niandu-wugedaitou",
        preamble=["按照要求，现将情况报告如下："],
        sections=[problems, measures],
    )
    data = json.loads(material_to_json(material))
    data["links"] = [[[0, 0, 0], [1, -1, 0]]]
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


@pytest.fixture
def json_file(tmp_path) -> Path:
    path = tmp_path / "material.json"
    path.write_text(linked_material_json(), encoding="utf-8")
    return path


def imported_id(cli, path: Path) -> int:
    code, out, err = cli("import", path)
    assert code == 0, err
    return int(out.strip())


# ----- commands that need no library ---------------------------------------------------------


def test_templates_lists_id_year_meeting_and_dimension_count(cli, lib):
    code, out, err = cli("templates")
    assert code == 0 and err == ""
    rows = [line.split("\t") for line in out.splitlines()]
    assert ["2021-dangshi-wugedaitou", "2021", "党史学习教育专题民主生活会", "5"] in rows
    assert rows[-1][0] == "custom"
    assert not lib.exists()


def test_usage_mistakes_are_one_bilingual_line_and_exit_2(cli):
    for args in (
        [],
        ["frobnicate"],
        ["show", "abc"],
        ["show", "0"],
        ["export", "1", "--format", "rtf", "-o", "x"],
    ):
        code, out, err = cli(*args)
        assert code == 2 and out == "", args
        assert_one_line_error(err, "命令行参数有误", "bad arguments")


def test_help_exits_0(cli):
    code, out, _ = cli("--help")
    assert code == 0 and "import" in out and "export" in out


def test_list_without_a_library_is_empty_and_creates_nothing(cli, lib):
    assert cli("list") == (0, "", "")
    assert not lib.exists()


def test_missing_library_folder_is_bad_input(cli, tmp_path):
    code, _, err = cli(
        "new", "--template", "custom", library=tmp_path / "no" / "such" / "library.db"
    )
    assert code == 2
    assert_one_line_error(err, "library folder does not exist")


# ----- with the library ---------------------------------------------------------------------


def test_new_from_template_then_list_and_show(cli):
    code, out, err = cli(
        "new", "--template", "2021-dangshi-wugedaitou", "--organization", "县政府党组"
    )
    assert code == 0, err
    new_id = int(out)
    code, out, _ = cli("list")
    assert code == 0
    row = out.splitlines()[0].split("\t")
    assert row[0] == str(new_id) and "县政府党组" in row[1] and row[2] == "2021"
    code, out, _ = cli("show", new_id)
    lines = out.splitlines()
    assert "县政府党组" in lines[0]
    assert "一、存在的主要问题  [problems]" in lines
    assert "  （一）两个确立  0条" in lines and "  （五）正反经验  0条" in lines


def test_new_with_unknown_template_is_bad_input_and_creates_no_library(cli, lib):
    code, out, err = cli("new", "--template", "1999-nothing")
    assert code == 2 and out == ""
    assert_one_line_error(err, "没有这个模板", "no such template")
    assert not lib.exists()


def test_json_import_then_export_is_byte_identical(cli, json_file, out_dir):
    code, out, err = cli("import", json_file)
    assert code == 0
    material_id = int(out.strip())
    assert "1 个维度，2 条要点，1 个例子" in err and "1 dimensions, 2 points, 1 examples" in err
    target = out_dir / "again.json"
    code, out, _ = cli("export", material_id, "--format", "json", "-o", target)
    assert code == 0 and out.strip() == str(target)
    assert target.read_bytes() == json_file.read_bytes()
    code, shown, _ = cli("show", material_id, "--json")
    assert shown == json_file.read_text(encoding="utf-8")


def test_import_with_template_option_sets_the_template(cli, json_file):
    material_id = imported_id(cli, json_file)
    _, default_json, _ = cli("show", material_id, "--json")
    assert json.loads(default_json)["template_id"] == "2025-niandu-wugedaitou"
    code, out, _ = cli("import", json_file, "--template", "changshe-liuxiang")
    _, shown, _ = cli("show", int(out), "--json")
    assert json.loads(shown)["template_id"] == "changshe-liuxiang"


def test_seed_import_and_export_reproduce_the_seed(cli, seed_path, seed_text, out_dir):
    code, out, err = cli("import", seed_path)
    assert code == 0, err
    material_id = int(out)
    assert "5 个维度" in err and "5 dimensions" in err
    md, txt = out_dir / "seed.md", out_dir / "seed.txt"
    assert cli("export", material_id, "--format", "md", "-o", md)[0] == 0
    assert cli("export", material_id, "--format", "txt", "-o", txt)[0] == 0
    assert md.read_bytes() == seed_path.read_bytes()
    assert txt.read_text(encoding="utf-8") == seed_text.replace("# ", "", 1).replace("**", "")
    split = out_dir / "split.txt"
    assert cli("export", material_id, "--format", "txt", "-o", split, "--point-paragraphs")[0] == 0
    paragraphs = split.read_text(encoding="utf-8").split("\n\n")
    first = next(i for i, p in enumerate(paragraphs) if p.startswith("（一）"))
    assert paragraphs[first].endswith('"方面：')
    assert paragraphs[first + 1].startswith("一是学习态度不够积极。政府党组")
    assert paragraphs[first + 2].startswith("二是学深悟透不够深入。党组理论中心组")


def test_text_import_reports_what_it_recognised_and_honours_template(cli, lib, seed_path):
    code, out, err = cli("import", seed_path)
    assert code == 0
    assert err.strip() == (
        "识别：5 个维度，23 条要点，11 个例子，未归类 0 段 / "
        "recognised: 5 dimensions, 23 points, 11 examples, 0 unclassified"
    )
    _, shown, _ = cli("show", int(out))
    assert "2021-dangshi-wugedaitou" in shown.splitlines()[1]
    before = library_hash(lib)
    code, _, err = cli("import", seed_path, "--template", "1999-nothing")
    assert code == 2
    assert_one_line_error(err, "no such template")
    assert library_hash(lib) == before
    code, out, _ = cli("import", seed_path, "--template", "changshe-liuxiang")
    assert "模板 changshe-liuxiang" in cli("show", int(out))[1]


def test_text_import_lists_every_line_set_aside_as_furniture(cli):
    path = Path(__file__).resolve().parents[1] / "data" / "import-shapes" / "web-furniture.txt"
    code, out, err = cli("import", path)
    assert code == 0 and int(out)
    aside = [
        line.split(": ", 1)[1] for line in err.splitlines() if "set aside as page furniture" in line
    ]
    assert aside[0] == "XX范文网，欢迎您！" and aside[-1].startswith("下一篇：")
    assert len(aside) == 8 and any("浏览量" in line for line in aside)


def test_docx_export_then_import_gives_the_same_material(cli, seed_path, out_dir):
    material_id = cli("import", seed_path)[1].strip()
    docx = out_dir / "材料.docx"
    code, out, err = cli("export", material_id, "--format", "docx", "-o", docx)
    assert code == 0, err
    assert out.strip() == str(docx) and docx.read_bytes()[:2] == b"PK"
    code, out, err = cli("import", docx)
    assert code == 0, err
    assert cli("show", material_id, "--json")[1] == cli("show", out.strip(), "--json")[1]


def test_check_reports_the_seed_placeholders_as_json_and_strict_exits_3(cli, seed_path):
    material_id = cli("import", seed_path)[1].strip()
    code, out, _ = cli("check", material_id, "--json")
    assert code == 0
    findings = json.loads(out)
    assert {"dangshi", "mzshh"} <= {f["excerpt"] for f in findings}
    assert all(
        set(f) == {"rule", "severity", "path", "start", "end", "excerpt", "message", "fix"}
        for f in findings
    )
    assert cli("check", material_id, "--strict")[0] == 3


@pytest.mark.parametrize(
    "name, content, fragment",
    [
        ("broken.json", '{"format": "duizhao-material", "version": 9}', "unsupported version"),
        ("broken.json", "[" * 100_000, "nested too deeply"),
        ("latin1.json", None, "not UTF-8"),
        ("report.docx", "PK", ".docx"),
        ("old.doc", "x", "as .docx"),
        ("notes.rtf", "x", "unsupported file type"),
        ("missing.txt", "", "no such file"),
    ],
)
def test_failing_import_leaves_the_library_unchanged(
    cli, lib, json_file, tmp_path, name, content, fragment
):
    imported_id(cli, json_file)
    before = library_hash(lib)
    path = tmp_path / name
    if content is None:
        path.write_bytes('{"title": "材料"}'.encode("gb18030"))
    elif name != "missing.txt":
        path.write_text(content, encoding="utf-8")
    code, out, err = cli("import", path)
    assert code == 2 and out == ""
    assert_one_line_error(err, fragment)
    assert library_hash(lib) == before
    assert len(cli("list")[1].splitlines()) == 1


def test_failing_export_leaves_library_and_target_unchanged(cli, lib, json_file, out_dir):
    material_id = imported_id(cli, json_file)
    before = library_hash(lib)
    code, _, err = cli("export", material_id, "--format", "txt", "-o", out_dir / "nope" / "a.txt")
    assert code == 2
    assert_one_line_error(err, "folder does not exist")
    code, _, err = cli("export", 999, "--format", "txt", "-o", out_dir / "a.txt")
    assert code == 2 and err.startswith("错误：")
    assert library_hash(lib) == before
    assert os.listdir(out_dir) == []


def test_show_unknown_id_and_missing_library_are_bad_input(cli, json_file, tmp_path):
    imported_id(cli, json_file)
    code, _, err = cli("show", 999)
    assert code == 2 and err.startswith("错误：") and err.count("\n") == 1
    code, _, err = cli("show", 1, library=tmp_path / "lib" / "other.db")
    assert code == 2
    assert_one_line_error(err, "no library at")


def test_internal_failure_exits_1_with_one_line(cli, json_file, out_dir, monkeypatch):
    import app.exporters.text

    material_id = imported_id(cli, json_file)

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(app.exporters.text, "export_txt", broken)
    code, out, err = cli("export", material_id, "--format", "txt", "-o", out_dir / "a.txt")
    assert code == 1 and out == ""
    assert_one_line_error(err, "内部错误", "internal failure (RuntimeError): boom")
    assert os.listdir(out_dir) == []


def test_library_option_after_the_command_and_from_the_environment(
    cli, json_file, tmp_path, monkeypatch
):
    other = tmp_path / "lib" / "other.db"
    code, out, _ = cli("import", json_file, "--library", other, library=None)
    assert code == 0 and other.exists()
    monkeypatch.setenv("DUIZHAO_LIBRARY", str(other))
    code, listed, _ = cli("list", library=None)
    assert listed.startswith(f"{out.strip()}\t某局党组对照检查材料\t2025\t")


def test_library_option_beats_environment_beats_default(tmp_path, monkeypatch):
    from app.paths import library_path

    monkeypatch.setenv("DUIZHAO_LIBRARY", str(tmp_path / "env.db"))
    assert library_path(str(tmp_path / "opt.db")) == tmp_path / "opt.db"
    assert library_path(None) == tmp_path / "env.db"
    monkeypatch.setenv("DUIZHAO_LIBRARY", "  ")
    assert library_path(None) == default_library_path()
    assert default_library_path().name == "library.db"


def test_default_library_is_the_per_user_data_folder(cli, json_file, isolated_dirs):
    default = default_library_path()
    assert str(default).startswith(str(isolated_dirs))  # conftest points XDG dirs at tmp_path
    code, _, _ = cli("import", json_file, library=None)
    assert code == 0 and default.exists()


def test_backup_then_restore_brings_the_library_back(cli, lib, json_file, out_dir):
    imported_id(cli, json_file)
    dest = out_dir / "before.db"
    code, out, err = cli("backup", "-o", dest)
    assert code == 0, err
    assert out.strip() == str(dest) and dest.is_file()
    imported_id(cli, json_file)
    assert len(cli("list")[1].splitlines()) == 2
    code, out, err = cli("restore", dest)
    assert code == 0, err
    assert out.strip() == str(lib)
    assert "the previous library was kept as" in err
    assert len(cli("list")[1].splitlines()) == 1
    kept = Path(err.rsplit("kept as ", 1)[1].strip())
    assert kept.is_file() and kept != lib


def test_backup_without_destination_goes_beside_the_library(cli, lib, json_file):
    imported_id(cli, json_file)
    code, out, err = cli("backup")
    assert code == 0, err
    written = Path(out.strip())
    assert written.parent == lib.parent / "backups" and written.is_file()


def test_restore_from_a_bad_file_leaves_the_library_unchanged(cli, lib, json_file, tmp_path):
    imported_id(cli, json_file)
    before = library_hash(lib)
    not_a_library = tmp_path / "notes.db"
    not_a_library.write_text("这不是材料库" * 100, encoding="utf-8")
    for backup in (not_a_library, tmp_path / "missing.db"):
        code, out, err = cli("restore", backup)
        assert code == 2 and out == ""
        assert err.startswith("错误：") and err.count("\n") == 1
    assert library_hash(lib) == before
    assert len(cli("list")[1].splitlines()) == 1


def test_backup_of_a_missing_library_is_bad_input(cli, lib):
    code, _, err = cli("backup")
    assert code == 2
    assert_one_line_error(err, "no library at")
    assert not lib.exists()


# ----- the real process ----------------------------------------------------------------------


def cli_command() -> list[str]:
    script = Path(sys.executable).parent / "duizhao-cli"
    return [str(script)] if script.exists() else [sys.executable, "-m", "app.cli"]


def run_process(args: list[str], home: Path) -> subprocess.CompletedProcess:
    env = {
        k: v for k, v in os.environ.items() if not k.startswith(("LC_", "PYTHONIO", "PYTHONUTF8"))
    }
    env.update(
        LANG="C", LC_ALL="C", HOME=str(home), XDG_DATA_HOME=str(home / "data"), PYTHONPATH=str(REPO)
    )
    return subprocess.run(cli_command() + args, capture_output=True, env=env, cwd=REPO, timeout=60)


def test_entry_point_prints_utf8_under_the_c_locale(tmp_path, isolated_dirs):
    done = run_process(["templates"], isolated_dirs)
    assert done.returncode == 0, done.stderr
    assert "党史学习教育专题民主生活会" in done.stdout.decode("utf-8")
    done = run_process(["new", "--template", "1999-nothing"], isolated_dirs)
    assert done.returncode == 2
    err = done.stderr.decode("utf-8")
    assert err.startswith("错误：没有这个模板") and err.count("\n") == 1


def test_text_commands_do_not_load_reportlab_or_qt(lib, json_file, out_dir):
    code = (
        "import sys\n"
        "from app.cli import main\n"
        f"lib, src, out = {str(lib)!r}, {str(json_file)!r}, {str(out_dir / 'a.txt')!r}\n"
        "assert main(['--library', lib, 'templates']) == 0\n"
        "assert main(['--library', lib, 'import', src]) == 0\n"
        "assert main(['--library', lib, 'export', '1', '--format', 'txt', '-o', out]) == 0\n"
        "heavy = [m for m in sys.modules if m.split('.')[0] in ('reportlab', 'PySide6', 'docx')]\n"
        "print('HEAVY', heavy)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=REPO,
        encoding="utf-8",
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert "HEAVY []" in done.stdout


def test_rescue_writes_each_material_as_json_and_leaves_the_library_bytes_alone(
    cli, lib, seed_path, tmp_path
):
    material_id = cli("import", seed_path)[1].strip()
    before = library_hash(lib)
    code, out, err = cli("rescue", "-o", tmp_path / "rescued")
    assert code == 0, err
    written = [Path(line) for line in out.splitlines()]
    assert [p.name for p in written] == [f"material-{material_id}.json"]
    assert json.loads(written[0].read_text(encoding="utf-8"))["title"].endswith("对照检查材料")
    assert library_hash(lib) == before
