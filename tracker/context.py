"""What every command shares: the chosen store, JSON output, the one error path."""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, NoReturn

import typer

from tracker.errors import TrackerError, one_line

if TYPE_CHECKING:
    from tracker.application import DiplomaticTracker
    from tracker.store import Location


@dataclass
class Settings:
    db: str | None = None
    database_url: str | None = None

    def location(self) -> Location:
        from tracker.store import locate

        return locate(self.db, self.database_url)


def settings(ctx: typer.Context) -> Settings:
    obj = ctx.find_root().obj
    return obj if isinstance(obj, Settings) else Settings()


def open_store(ctx: typer.Context, *, write: bool = False) -> DiplomaticTracker:
    """The store; a read refuses one that does not exist, a write creates it."""
    from tracker.application import DiplomaticTracker

    location = settings(ctx).location()
    if write and location.path is not None:
        location.path.parent.mkdir(parents=True, exist_ok=True)
    return DiplomaticTracker(location, create=write)


def emit_json(value: Any) -> None:
    """JSON on stdout: indented for a person at a terminal, compact (and fast) for a pipe."""
    indent = 2 if sys.stdout.isatty() else None
    typer.echo(json.dumps(value, ensure_ascii=False, indent=indent))


def fail(err: TrackerError) -> NoReturn:
    typer.echo(f"tracker: {one_line(str(err))}", err=True)
    raise typer.Exit(err.exit_code)


def say(message: str) -> None:
    """Progress and notes: stderr, so stdout stays clean for results."""
    print(message, file=sys.stderr)
