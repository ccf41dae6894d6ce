"""The docs agree with the code: help for every command, the CLI reference, CI."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from typer.main import get_command

from tracker.cli import app, name_of
from tracker.commands import MODULES

ROOT = Path(__file__).resolve().parent.parent


def test_every_command_has_help_with_an_example() -> None:
    group = get_command(app)
    for name, command in group.commands.items():  # type: ignore[attr-defined]
        assert command.help, f"{name} has no help"
        assert "Example:" in command.help, f"{name} help has no example"
        for param in command.params:
            if param.name not in ("ctx",) and getattr(param, "help", "") == "":
                raise AssertionError(f"{name} {param.name} has no help")


def test_every_command_is_found_in_the_module_that_holds_it() -> None:
    import importlib

    for module in set(MODULES.values()):
        held = importlib.import_module(f"tracker.commands.{module}").COMMANDS
        assert [name_of(c) for c in held] == [n for n, m in MODULES.items() if m == module]


def test_running_one_command_imports_no_other_command_module() -> None:
    code = (
        "import sys; sys.argv = ['tracker', 'types', '--json']; from tracker.cli import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in sys.modules if m.startswith('tracker.commands.')),"
        " file=sys.stderr)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stderr.strip().splitlines()[-1] == "['tracker.commands.reading']"


def test_the_cli_reference_is_generated_from_the_help(tmp_path: Path) -> None:
    fresh = tmp_path / "cli.md"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "typer",
            "tracker.cli",
            "utils",
            "docs",
            "--name",
            "tracker",
            "--output",
            str(fresh),
        ],
        check=True,
        capture_output=True,
        cwd=ROOT,
    )
    assert (ROOT / "docs" / "cli.md").read_text() == fresh.read_text(), (
        "docs/cli.md is stale: typer tracker.cli utils docs --name tracker --output docs/cli.md"
    )


def test_ci_runs_the_readme_test_command() -> None:
    readme = (ROOT / "README.md").read_text().splitlines()
    marker = readme.index("<!-- test-command -->")
    assert readme[marker + 1] == "```sh"
    command = readme[marker + 2]
    assert "pytest" in command
    assert (ROOT / ".ci" / "run").read_text().rstrip().splitlines()[-1] == command
