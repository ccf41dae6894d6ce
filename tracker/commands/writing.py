"""Commands that write: record, import, retract, correct."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from typing import Annotated, Any

import typer

from tracker.arguments import Json
from tracker.context import emit_json, open_store, say
from tracker.errors import BadInput, Refused
from tracker.options import assignments

Sets = Annotated[
    list[str] | None,
    typer.Option(
        "--set",
        metavar="FIELD=VALUE",
        help="Any other field (repeatable): --set count=10, --set terms=a,b, --set place=Geneva.",
    ),
]


def _parse(data: dict[str, Any]) -> Any:
    from events import InvalidEvent, parse

    try:
        return parse(data)
    except InvalidEvent as err:
        raise BadInput(err.problems[0], err.problems) from None


def _prompt_missing(data: dict[str, Any]) -> None:
    try:
        for key, label in (
            ("actor", "Actor (the state that acts)"),
            ("target", "Target (the other state)"),
            ("occurred_on", "Date it took effect (YYYY-MM-DD, YYYY-MM or YYYY)"),
            ("summary", "Summary (one line, your own words)"),
        ):
            if not data.get(key):
                data[key] = typer.prompt(label)
        if not data.get("sources") and data.get("confidence") != "claimed":
            url = typer.prompt("Source URL", default="", show_default=False)
            if url:
                data["sources"] = [{"url": url}]
    except typer.Abort:  # Ctrl-C or Ctrl-D at a prompt
        typer.echo(err=True)
        raise Refused("nothing was recorded (no answer at the prompt)") from None


def record(
    ctx: typer.Context,
    type_: Annotated[str, typer.Argument(metavar="TYPE", help="Event type (see `tracker types`).")],
    actor: Annotated[str | None, typer.Option(help="The state that acts (code or name).")] = None,
    target: Annotated[str | None, typer.Option(help="The other state.")] = None,
    on: Annotated[
        str | None, typer.Option("--on", help="When it took effect: YYYY-MM-DD, YYYY-MM or YYYY.")
    ] = None,
    summary: Annotated[str | None, typer.Option(help="One line, in your own words.")] = None,
    source: Annotated[
        list[str] | None, typer.Option("--source", metavar="URL", help="A source URL (repeatable).")
    ] = None,
    confidence: Annotated[
        str, typer.Option(help="confirmed | reported | claimed | disputed.")
    ] = "reported",
    person: Annotated[str | None, typer.Option(help="The envoy the event is about.")] = None,
    mission_of: Annotated[
        str | None,
        typer.Option("--mission-of", help="Whose mission (embassy and consulate events)."),
    ] = None,
    city: Annotated[str | None, typer.Option(help="The consulate's city.")] = None,
    set_: Sets = None,
    json_: Json = False,
) -> None:
    """Record one event.

    Example: tracker record ambassador_recalled --actor RU --target US --on 2021-03-17
    --person "Anatoly Antonov" --summary "Russia recalls its ambassador" --source https://...
    """
    from events import to_record

    data: dict[str, Any] = {"type": type_, "confidence": confidence}
    given = {
        "actor": actor,
        "target": target,
        "occurred_on": on,
        "summary": summary,
        "person": person,
        "mission_of": mission_of,
        "city": city,
    }
    data |= {k: v for k, v in given.items() if v is not None}
    if source:
        data["sources"] = [{"url": u} for u in source]
    data |= assignments(set_ or [])
    if summary is None and sys.stdin.isatty():
        _prompt_missing(data)
    event = _parse(data)
    added, _ = open_store(ctx, write=True).add(_lines([event]))
    if json_:
        emit_json(to_record(event))
    else:
        typer.echo(f"recorded {event.id}" if added else f"already present: {event.id}")


def _lines(evts: list[Any]) -> list[Any]:
    from tracker.importing import Line

    return [Line("", e) for e in evts]


def import_(
    ctx: typer.Context,
    files: Annotated[
        list[str], typer.Argument(metavar="FILE...", help=".jsonl or .csv files, or - for stdin.")
    ],
    check: Annotated[
        bool,
        typer.Option(
            "--check", help="Validate only: list every problem (up to 50), write nothing."
        ),
    ] = False,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="No progress bar, even on a terminal.")
    ] = False,
    json_: Json = False,
) -> None:
    """Import events from JSON Lines (or CSV): all or nothing; known ids are skipped.

    Example: tracker import seeds/*.jsonl
    """
    from tracker.errors import TrackerError, one_line
    from tracker.importing import Importable, Problems, check_readable, read_inputs
    from tracker.progress import counted
    from tracker.readahead import read_ahead, worth_it

    check_readable(files)
    problems = Problems()
    stamp = datetime.now(UTC)  # one recording time for the whole import
    if worth_it(files):
        lines: Iterable[Importable] = read_ahead(files, problems, stamp)
    else:
        lines = read_inputs(files, problems)
    lines = counted(lines, files, "importing", quiet=quiet)
    try:
        if check:
            added, skipped = _checked(ctx, lines, problems, stamp)
        else:
            added, skipped = _imported(ctx, lines, problems, stamp)
    except TrackerError as err:
        if not check:
            raise
        for p in err.problems:
            typer.echo(one_line(p))
        raise typer.Exit(err.exit_code) from None
    if json_:
        emit_json({"added": added, "skipped": skipped, "checked": check})
    elif check:
        typer.echo(f"ok: {added} to add, {skipped} already present")
    else:
        typer.echo(f"added {added}, skipped {skipped}")


def _imported(ctx: typer.Context, lines: Any, problems: Any, stamp: datetime) -> tuple[int, int]:
    """Import into the store; a store this import created is removed if it fails."""
    from tracker.context import settings
    from tracker.errors import TrackerError

    location = settings(ctx).location()
    fresh = location.path is not None and not location.exists()
    store = open_store(ctx, write=True)
    try:
        result: tuple[int, int] = store.add(lines, problems=problems, stamp=stamp)
    except TrackerError:
        if fresh and location.path is not None:
            store.close()
            for suffix in ("", "-wal", "-shm"):
                location.path.with_name(location.path.name + suffix).unlink(missing_ok=True)
        raise
    store.catch_up()
    return result


def _checked(ctx: typer.Context, lines: Any, problems: Any, stamp: datetime) -> tuple[int, int]:
    """Validate against the store if it exists, else against an empty scratch store."""
    import tempfile
    from pathlib import Path

    from tracker.application import DiplomaticTracker
    from tracker.context import settings
    from tracker.store import Location

    location = settings(ctx).location()
    if location.exists():
        result: tuple[int, int] = open_store(ctx).add(
            lines, check=True, problems=problems, stamp=stamp
        )
        return result
    with tempfile.TemporaryDirectory() as tmp:
        scratch = DiplomaticTracker(Location(path=Path(tmp) / "check.db"))
        try:
            return scratch.add(lines, check=True, problems=problems, stamp=stamp)
        finally:
            scratch.close()


def retract(
    ctx: typer.Context,
    event_id: Annotated[str, typer.Argument(metavar="ID", help="The event to withdraw.")],
    reason: Annotated[str, typer.Option(help="Why it is withdrawn.")],
    source: Annotated[
        list[str] | None,
        typer.Option("--source", metavar="URL", help="A later report, if any (repeatable)."),
    ] = None,
    json_: Json = False,
) -> None:
    """Withdraw an event (it stays in the history, and counts no more).

    Example: tracker retract 1199d1d8 --reason "the report was wrong"
    """
    _amend(ctx, event_id, {"type": "retracted", "reason": reason}, source, json_)


def correct(
    ctx: typer.Context,
    event_id: Annotated[str, typer.Argument(metavar="ID", help="The event to correct.")],
    set_: Annotated[
        list[str],
        typer.Option("--set", metavar="FIELD=VALUE", help="A field's new value (repeatable)."),
    ],
    reason: Annotated[str, typer.Option(help="Why (e.g. which later report).")],
    source: Annotated[
        list[str] | None,
        typer.Option("--source", metavar="URL", help="The later report (repeatable)."),
    ] = None,
    json_: Json = False,
) -> None:
    """Correct fields of an event; the original stays in the history.

    Example: tracker correct 1199d1d8 --set occurred_on=2021-04-20 --reason "day announced"
    """
    changes = assignments(set_)
    _amend(
        ctx, event_id, {"type": "corrected", "reason": reason, "changes": changes}, source, json_
    )


def _amend(
    ctx: typer.Context, event_id: str, data: dict[str, Any], source: list[str] | None, json_: bool
) -> None:
    from events import to_record

    store = open_store(ctx, write=True)
    target = store.get(event_id).event
    data["event_id"] = str(target.id)
    for key in ("actor", "target", "occurred_on"):
        if getattr(target, key, None) is not None:
            data[key] = getattr(target, key)
    if source:
        data["sources"] = [{"url": u} for u in source]
    try:
        event = _parse(data)
    except BadInput as err:  # its summary is made from its reason: name the field given
        problems = [_renamed(p, "summary: ", "reason: ") for p in err.problems]
        raise BadInput(problems[0], problems) from None
    store.add(_lines([event]))
    if json_:
        emit_json(to_record(event))
    else:
        typer.echo(f"{data['type']} {target.id} as {event.id}")
        if event.type == "corrected":
            say("earlier answers stay visible with --as-known-at before now")


def _renamed(problem: str, field: str, shown: str) -> str:
    return shown + problem.removeprefix(field) if problem.startswith(field) else problem


COMMANDS: list[Callable[..., None]] = [record, import_, retract, correct]


def rebuild(
    ctx: typer.Context,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="No progress bar, even on a terminal.")
    ] = False,
) -> None:
    """Rebuild the read model from the event store: the pair index, then the
    posture table (every pair's posture in pieces, for `status --all`).

    Example: tracker rebuild
    """
    import time

    from tracker.progress import ticker

    store = open_store(ctx)
    start = time.perf_counter()
    store.readmodel.drop()
    typer.echo(f"dropped the read model in {time.perf_counter() - start:.1f} s")
    start = time.perf_counter()
    with ticker("indexing", store.recorder.max_notification_id() or 0, quiet=quiet) as tick:
        n = store.readmodel.reindex(tick)
    seconds = time.perf_counter() - start
    typer.echo(f"indexed {n} events in {seconds:.1f} s ({n / max(seconds, 1e-9):,.0f}/s)")
    start = time.perf_counter()
    with ticker("folding pairs", store.stale_pairs(), quiet=quiet) as tick:
        pairs = store.refresh_postures(tick)
    seconds = time.perf_counter() - start
    rate = n / max(seconds, 1e-9)
    noun = "pair" if pairs == 1 else "pairs"
    typer.echo(f"folded {pairs} {noun} in {seconds:.1f} s ({rate:,.0f} events/s)")


COMMANDS.append(rebuild)
