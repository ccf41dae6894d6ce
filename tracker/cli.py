"""The `tracker` command line: parse, make one call, render."""

from __future__ import annotations

import functools
import importlib
import os
import sys
from collections.abc import Callable, Iterable
from typing import Annotated, Any

import typer

from tracker import collect_less
from tracker.coercion import pass_plain_values
from tracker.commands import MODULES
from tracker.context import Settings, fail
from tracker.errors import TrackerError, one_line


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
    """A command whose TrackerError becomes one line on stderr and an exit status, and
    whose reader stopping early (`| head`) ends it quietly with status 0."""

    @functools.wraps(command)
    def run(*args: Any, **kwargs: Any) -> None:
        try:
            command(*args, **kwargs)
        except TrackerError as err:
            fail(err)
        except BrokenPipeError:  # click would exit 1, and rich does
            stop_writing()
            raise typer.Exit(0) from None

    return run


def stop_writing() -> None:
    """Send what is left of stdout to /dev/null: its reader is gone, and the flush at
    exit must not fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # a stdout with no descriptor: nothing to flush at exit
        pass


GLOBAL_OPTIONS = ("--db", "--database-url")


def name_of(command: Callable[..., None]) -> str:
    """A command's name on the command line (`import_` is `import`)."""
    return command.__name__.rstrip("_").replace("_", "-")


def command(name: str) -> Callable[..., None]:
    """The function of a command, from its own module."""
    module = importlib.import_module(f"tracker.commands.{MODULES[name]}")
    held: list[Callable[..., None]] = module.COMMANDS
    return next(c for c in held if name_of(c) == name)


def build(names: Iterable[str], *, completion: bool = True) -> typer.Typer:
    """The command line with these commands (all of them for help and completion)."""
    pass_plain_values()
    cli = typer.Typer(
        name="tracker",
        help="Track the diplomatic posture between states, event by event, with sources.",
        no_args_is_help=True,
        pretty_exceptions_enable=False,
        add_completion=completion,
        context_settings={"help_option_names": ["-h", "--help"]},
    )
    cli.callback()(root)
    for name in names:
        cli.command(name)(guarded(command(name)))
    return cli


@functools.cache
def full() -> typer.Typer:
    """The command line with every command."""
    return build(MODULES)


def __getattr__(name: str) -> typer.Typer:
    # `tracker.cli.app`, built on first use: running one command needs only its own.
    if name == "app":
        return full()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return [*globals(), "app"]


def invoked(argv: list[str]) -> str | None:
    """The command named on the command line, past the global options."""
    args = iter(argv)
    for arg in args:
        if arg in GLOBAL_OPTIONS:
            next(args, None)
        elif not arg.startswith("-"):
            return arg
        elif not arg.startswith(tuple(f"{o}=" for o in GLOBAL_OPTIONS)):
            return None
    return None


def main() -> None:
    """Console entry point: no traceback ever reaches the user."""
    collect_less()
    name = invoked(sys.argv[1:])
    # Typer builds every command it knows, and coerces every option it has,
    # before running one: knowing only the command asked for keeps start-up
    # lean. Help and completion (the root's own options) get them all.
    lean = name in MODULES and not os.environ.get("_TRACKER_COMPLETE")
    try:
        (build([name], completion=False) if lean and name else full())()
    except TrackerError as err:
        try:
            fail(err)
        except typer.Exit as done:
            sys.exit(done.exit_code)
    except KeyboardInterrupt:
        print("tracker: interrupted; nothing was written", file=sys.stderr)
        sys.exit(130)
    except BrokenPipeError:
        stop_writing()
        sys.exit(0)
    except Exception as err:
        first = one_line(str(err).splitlines()[0]) if str(err).strip() else ""
        print(f"tracker: unexpected error ({type(err).__name__}): {first}", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
