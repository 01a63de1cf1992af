"""duizhao-cli template-from-notice / template-import / -export / -remove, and ``templates``
marking the user's own: run in-process through ``main(argv)``."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from app.cli import main
from app.templates import get_template, user_templates_dir
from tests.app.test_cli import assert_one_line_error

NOTICES = Path(__file__).resolve().parents[1] / "data" / "notices"


@pytest.fixture
def cli(capsys):
    def run(*args) -> tuple[int, str, str]:
        code = main([str(a) for a in args])
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    return run


def test_from_notice_installs_a_template_that_templates_lists_as_the_users(cli):
    code, out, err = cli("template-from-notice", NOTICES / "fictional-2026-notice.txt", "--install")
    assert code == 0 and out == "user-2026\n"
    assert "识别到 3 个查摆方面" in err and "2026年度民主生活会" in err
    assert "内置模板" not in err
    code, out, err = cli("templates")
    rows = [line.split("\t") for line in out.splitlines()]
    assert ["user-2026", "2026", "2026年度民主生活会", "3", "user"] in rows
    assert ["2025-niandu-wugedaitou", "2025", "2025年度民主生活会", "5"] in rows
    assert rows[-1][0] == "custom" and err == ""


def test_from_notice_prints_toml_or_writes_it_with_name_and_year(cli, tmp_path):
    notice = NOTICES / "2023-zhutijiaoyu-web-page.txt"
    code, out, err = cli("template-from-notice", notice)
    assert code == 0 and 'short_name = "廉洁自律"' in out and "year" not in out.split("[")[0]
    assert "the same as the bundled template 2023-zhutijiaoyu-liugefangmian" in err
    target = tmp_path / "t.toml"
    code, out, _err = cli(
        "template-from-notice", notice, "-o", target, "--name", "主题教育六个方面", "--year", "2023"
    )
    assert code == 0 and out.strip() == str(target)
    text = target.read_text(encoding="utf-8")
    assert 'name = "主题教育六个方面"' in text and "year = 2023" in text
    assert not user_templates_dir().exists()  # -o writes the file only


def test_from_notice_reads_standard_input(cli, monkeypatch):
    text = (NOTICES / "2024-niandu-one-paragraph.txt").read_text(encoding="utf-8")
    monkeypatch.setattr("sys.stdin", io.StringIO(text))
    code, out, _err = cli("template-from-notice", "-", "--install", "--id", "my-2024")
    assert code == 0 and out == "my-2024\n"
    assert get_template("my-2024").dimensions[2].heading.startswith("带头在遵规守纪")


def test_a_notice_without_items_exits_2_and_writes_nothing(cli, tmp_path):
    target = tmp_path / "t.toml"
    code, out, err = cli("template-from-notice", NOTICES / "no-items.txt", "-o", target)
    assert code == 2 and out == ""
    assert_one_line_error(err, "未生成模板", "no framework items")
    code, _out, err = cli("template-from-notice", NOTICES / "no-items.txt", "--install")
    assert code == 2 and not target.exists() and not user_templates_dir().exists()


def test_export_import_round_trip_and_conflicts(cli, tmp_path):
    cli("template-from-notice", NOTICES / "fictional-2026-notice.txt", "--install")
    before = get_template("user-2026")
    target = tmp_path / "mine.toml"
    assert cli("template-export", "user-2026", "-o", target)[0] == 0
    code, _out, err = cli("template-import", target)
    assert code == 2
    assert_one_line_error(err, "已有编号")
    assert cli("template-remove", "user-2026")[0] == 0
    assert cli("template-import", target)[:2] == (0, "user-2026\n")
    assert get_template("user-2026") == before
    bundled = tmp_path / "bundled.toml"
    assert cli("template-export", "2025-niandu-wugedaitou", "-o", bundled)[0] == 0
    code, _out, err = cli("template-import", bundled)
    assert code == 2
    assert_one_line_error(err, "内置模板")


def test_a_broken_user_file_is_a_note_not_a_failure(cli):
    folder = user_templates_dir()
    folder.mkdir(parents=True)
    (folder / "broken.toml").write_text('id = "broken', encoding="utf-8")
    code, out, err = cli("templates")
    assert code == 0 and "2025-niandu-wugedaitou" in out and "broken" not in out
    assert err.startswith("注意：") and "broken.toml" in err and err.count("\n") == 1
