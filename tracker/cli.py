"""The `tracker` command line: parse, make one call, render."""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from typing import Annotated, Any

import typer

from tracker.commands import analysis, drafting, exporting, reading, writing
from tracker.context import Settings, fail
from tracker.errors import TrackerError

app = typer.Typer(
    name="tracker",
    help="Track the diplomatic posture between states, event by event, with sources.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)


@app.callback()
def root(
    ctx: typer.Context,
    db: Annotated[
        str | None,
        typer.Option(
            "--db",
            metavar="PATH",
            help="SQLite store file (default: TRACKER_DB, else the user data directory).",
        ),
    ] = None,
    database_url: Annotated[
        str | None,
        typer.Option(
            "--database-url",
            metavar="URL",
            help="PostgreSQL store, postgresql://user@host/db[?schema=s] "
            "(default: TRACKER_DATABASE_URL).",
        ),
    ] = None,
) -> None:
    """Track the diplomatic posture between states, event by event, with sources.

    Example: tracker import seeds/*.jsonl && tracker status RU US --at 2021-05-01
    """
    ctx.obj = Settings(db=db, database_url=database_url)


def guarded(command: Callable[..., None]) -> Callable[..., None]:
    """A command whose TrackerError becomes one line on stderr and an exit status."""

    @functools.wraps(command)
    def run(*args: Any, **kwargs: Any) -> None:
        try:
            command(*args, **kwargs)
        except TrackerError as err:
            fail(err)

    return run


for module in (writing, reading, exporting, analysis, drafting):
    for command in module.COMMANDS:
        app.command(command.__name__.rstrip("_").replace("_", "-"))(guarded(command))


def main() -> None:
    """Console entry point: no traceback ever reaches the user."""
    try:
        app()
    except TrackerError as err:
        try:
            fail(err)
        except typer.Exit as done:
            sys.exit(done.exit_code)
    except KeyboardInterrupt:
        print("tracker: interrupted; nothing was written", file=sys.stderr)
        sys.exit(130)
    except BrokenPipeError:
        sys.stderr.close()
        sys.exit(0)
    except Exception as err:
        first = str(err).splitlines()[0] if str(err) else ""
        print(f"tracker: unexpected error ({type(err).__name__}): {first}", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
