"""events/ and projections/ stand alone: they import nothing from tracker/."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text())
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
    return found


@pytest.mark.parametrize("package", ["events", "projections"])
def test_the_domain_core_imports_nothing_from_the_tracker(package: str) -> None:
    files = sorted((ROOT / package).rglob("*.py"))
    assert files
    for path in files:
        bad = {m for m in imported_modules(path) if m == "tracker" or m.startswith("tracker.")}
        assert not bad, f"{path.relative_to(ROOT)} imports {sorted(bad)}"


def test_projections_use_no_clock_or_store() -> None:
    for path in sorted((ROOT / "projections").rglob("*.py")):
        mods = imported_modules(path)
        assert not {m for m in mods if m.startswith(("eventsourcing", "sqlite3", "psycopg"))}
        assert "datetime.now" not in path.read_text() and "date.today" not in path.read_text()
