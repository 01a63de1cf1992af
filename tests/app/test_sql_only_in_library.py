"""Only the library package speaks SQL: no module of app/ or ui/ outside app/library/ imports
sqlite3 or sqlite_utils or runs a statement (``.execute*``), so a change of storage touches one
package and the UI sees the project's own errors only. (Tests may read library files with
sqlite3 to check them.) And the rest of the code reaches the library through its public face:
no call of a library's private method (``library._create_many``) from outside the package."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LIBRARY = ROOT / "app" / "library"
SQL_MODULES = ("sqlite3", "sqlite_utils")
STATEMENT_CALLS = ("execute", "executemany", "executescript")


def sql_uses(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [a.name for a in node.names if a.name.split(".")[0] in SQL_MODULES]
        elif (
            isinstance(node, ast.ImportFrom)
            and node.module
            and node.module.split(".")[0] in SQL_MODULES
        ):
            found.append(node.module)
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            if node.func.attr in STATEMENT_CALLS:
                found.append(f".{node.func.attr}() at line {node.lineno}")
    return found


def test_no_module_outside_the_library_package_speaks_sql():
    offenders = {}
    for folder in (ROOT / "app", ROOT / "ui"):
        for path in folder.rglob("*.py"):
            if LIBRARY in path.parents:
                continue
            uses = sql_uses(path)
            if uses:
                offenders[str(path.relative_to(ROOT))] = uses
    assert offenders == {}


def test_the_check_sees_sql_where_there_is_some():
    assert "sqlite3" in sql_uses(LIBRARY / "library.py")
    assert any(use.startswith(".execute()") for use in sql_uses(LIBRARY / "library.py"))


def private_library_calls(path: Path) -> list[str]:
    """Calls like ``library._name(…)`` / ``self.library._name(…)`` (dunders aside)."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
            continue
        attr, owner = node.func.attr, node.func.value
        name = owner.id if isinstance(owner, ast.Name) else getattr(owner, "attr", "")
        if attr.startswith("_") and not attr.startswith("__") and name in ("library", "lib"):
            found.append(f"{name}.{attr}() at line {node.lineno}")
    return found


def test_no_module_outside_the_library_package_calls_its_private_methods():
    offenders = {}
    for folder in (ROOT / "app", ROOT / "ui", ROOT / "benchmarks"):
        for path in folder.rglob("*.py"):
            if LIBRARY in path.parents:
                continue
            calls = private_library_calls(path)
            if calls:
                offenders[str(path.relative_to(ROOT))] = calls
    assert offenders == {}


def test_the_check_sees_a_private_call_where_there_is_one(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text("library._create_many([])\nself.library._touch(1)\nlibrary.__len__()\n")
    assert private_library_calls(sample) == [
        "library._create_many() at line 1",
        "library._touch() at line 2",
    ]
