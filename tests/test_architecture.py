"""Imports point one way: scraper and matcher import neither storage nor each other;
storage imports only the value types it stores."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent
FORBIDDEN = {
    "scraper": {"storage", "matcher", "jobmatch"},
    "matcher": {"storage", "scraper", "jobmatch"},
    "storage": {"matcher", "jobmatch"},
}
STORAGE_MAY_IMPORT = {"scraper.listing"}


def imported_modules(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
    return found


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_package_imports_point_one_way(package: str) -> None:
    files = sorted((ROOT / package).rglob("*.py"))
    assert files
    for path in files:
        for module in imported_modules(path):
            top = module.split(".")[0]
            assert top not in FORBIDDEN[package], f"{path.relative_to(ROOT)} imports {module}"
            if package == "storage" and top == "scraper":
                assert module in STORAGE_MAY_IMPORT, f"{path.relative_to(ROOT)} imports {module}"
