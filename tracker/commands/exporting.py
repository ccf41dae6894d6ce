"""The export command: the whole history, or a pair and a period, in a format."""

from __future__ import annotations

import sys
from collections.abc import Callable
from enum import StrEnum
from typing import Annotated

import typer

from tracker.context import open_store
from tracker.errors import BadInput
from tracker.options import day, pair


class Format(StrEnum):
    jsonl = "jsonl"
    csv = "csv"
    timeline = "timeline"
    panel = "panel"


def export(
    ctx: typer.Context,
    format_: Annotated[
        Format,
        typer.Option(
            "--format", help="jsonl (the exchange format), csv, timeline (TimelineJS) or panel."
        ),
    ] = Format.jsonl,
    output: Annotated[
        str | None,
        typer.Option("--output", "-o", metavar="FILE", help="Write to FILE instead of stdout."),
    ] = None,
    pair_: Annotated[
        tuple[str, str] | None,
        typer.Option("--pair", metavar="A B", help="Only the events of this pair."),
    ] = None,
    from_: Annotated[
        str | None, typer.Option("--from", metavar="DATE", help="Only events from this date on.")
    ] = None,
    to: Annotated[
        str | None, typer.Option("--to", metavar="DATE", help="Only events up to this date.")
    ] = None,
    with_recorded_at: Annotated[
        bool,
        typer.Option(
            "--with-recorded-at", help="Add each event's recording time (to move a store)."
        ),
    ] = False,
    at: Annotated[
        list[str] | None,
        typer.Option(
            "--at", metavar="DATE", help="panel: rows at these dates (default: 31 Dec each year)."
        ),
    ] = None,
) -> None:
    """Export events: JSON Lines in recording order (re-importable), or an analyst format.

    Example: tracker export --pair RU US --from 2021-01-01 --output us-ru-2021.jsonl
    """
    from tracker.exports import render_export, select

    chosen = pair(*pair_) if pair_ else None
    start, end = day(from_, "--from"), day(to, "--to")
    if start and end and start > end:
        raise BadInput("--from: must not be after --to")
    dates = [d for d in (day(t, "--at") for t in at or []) if d is not None]
    store = open_store(ctx)
    everything = store.pair_records(*chosen) if chosen else store.records()
    records = select(everything, chosen, start, end)
    text = render_export(format_.value, records, with_recorded_at=with_recorded_at, dates=dates)
    if output is None or output == "-":
        sys.stdout.write(text)
        return
    try:
        with open(output, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
    except OSError as err:
        raise BadInput(f"--output: cannot write {output}: {err.strerror}") from None


COMMANDS: list[Callable[..., None]] = [export]
