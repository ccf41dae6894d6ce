"""Commands that read: status, replay, history, show, explain, tenures, check, types."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from datetime import date, datetime
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer

from tracker.arguments import CountryA, CountryB, Json
from tracker.context import emit_json, open_store
from tracker.errors import BadInput
from tracker.options import day, given, known_at, pair, today

if TYPE_CHECKING:
    from tracker.application import DiplomaticTracker

T = TypeVar("T")
At = Annotated[
    str | None,
    typer.Option("--at", metavar="DATE", help="The date asked, YYYY-MM-DD (default: today, UTC)."),
]
KnownAt = Annotated[
    str | None,
    typer.Option(
        "--as-known-at",
        metavar="WHEN",
        help="Only what had been recorded by then: a date (its end, UTC) or a date-time.",
    ),
]
A = Annotated[str | None, typer.Argument(metavar="A", help="A country: code or name.")]
B = Annotated[str | None, typer.Argument(metavar="B", help="The other country.")]


def status(
    ctx: typer.Context,
    a: A = None,
    b: B = None,
    all_: Annotated[
        bool,
        typer.Option("--all", help="Every pair with events (with A: every pair that includes A)."),
    ] = False,
    at: At = None,
    as_known_at: KnownAt = None,
    json_: Json = False,
) -> None:
    """The diplomatic posture of a pair (or of every pair) at a date.

    Example: tracker status RU US --at 2021-05-01
    """
    when = day(at, "--at") or today()
    known = known_at(as_known_at)
    if all_:
        if b is not None:
            raise BadInput("--all takes at most one country (tracker status RU --all)")
        from tracker.options import country

        one = country(a, "A") if a else None
        store = open_store(ctx)
        texts = None if known else _table_postures(store, when, one)
        if texts is not None:
            if json_ and not sys.stdout.isatty():
                _write_list(texts)  # already JSON: no need to parse
                return
            result = [json.loads(t) for t in texts]
        else:
            result = _folded_postures(store, when, known, one)
        if json_:
            emit_json(result)
            return
        from tracker.render import console, print_posture

        con = console()
        if not result:
            of = f" of {one}" if one else ""
            then = f" as known at {as_known_at}" if known else ""
            con.print(f"no pair{of} has events in effect by {when}{then}")
        for p in result:
            print_posture(p, con)
        return
    given(a, b)  # before the store is opened
    store = open_store(ctx)
    first, second = pair(a, b, held=store.holds_pair)
    if json_ and known is None and not sys.stdout.isatty():
        text = _pair_posture(
            store, first, second, None, lambda: store.posture_text(first, second, when)
        )
        if text is not None:  # already the JSON that emit_json would write
            sys.stdout.write(text + "\n")
            return
    result1 = _pair_posture(
        store, first, second, known, lambda: store.posture(first, second, when, known)
    )
    if json_:
        emit_json(result1)
        return
    from tracker.render import console, print_posture

    print_posture(result1, console())


def _write_list(texts: list[str]) -> None:
    """A JSON list of these JSON texts on stdout, one at a time (at a million
    events it is 70 MB: joining it first would hold it twice)."""
    out = sys.stdout
    out.write("[")
    for n, text in enumerate(texts):
        out.write(", " + text if n else text)
    out.write("]\n")


def _table_postures(store: DiplomaticTracker, when: date, one: str | None) -> list[str] | None:
    """Every pair's posture from the posture table, with a bar while stale pairs are folded."""
    from tracker.progress import ticker, wanted

    total = store.stale_pairs(one) if wanted(False) else 0
    with ticker("folding pairs", total, quiet=not total) as tick:
        return store.posture_texts(when, one, tick)


def _pair_posture(
    store: DiplomaticTracker, a: str, b: str, known: datetime | None, read: Callable[[], T]
) -> T:
    """`read()` of one pair, with a spinner while a stale pair is folded again (an
    answer as known at a time is folded from the events, not the table)."""
    from tracker.progress import busy, wanted
    from tracker.readmodel import pair_key

    stale = wanted(False) and known is None and store.stale_pairs(pair=pair_key(a, b))
    with busy(f"folding {a}–{b} again (its events changed)…", show=bool(stale)):
        return read()


def _folded_postures(
    store: DiplomaticTracker, when: date, known: datetime | None, one: str | None
) -> list[dict[str, Any]]:
    """Every pair's posture folded from the events (as known at `known`)."""
    from projections import postures

    if one is None:
        return postures(store.records(), when, known)
    return [
        p
        for x, y in store.pairs_with(one)
        for p in postures(store.pair_records(x, y), when, known, including=one)
        if p["pair"] == sorted([x, y])
    ]


def replay(
    ctx: typer.Context,
    a: CountryA,
    b: CountryB,
    from_: Annotated[str | None, typer.Option("--from", metavar="DATE", help="First date.")] = None,
    to: Annotated[str | None, typer.Option("--to", metavar="DATE", help="Last date.")] = None,
    as_known_at: KnownAt = None,
    json_: Json = False,
) -> None:
    """The posture of a pair change by change: each event and what it changed.

    Example: tracker replay RU US --from 2021-01-01 --to 2021-12-31
    """
    from projections import timeline

    first, second = pair(a, b)
    start, end = day(from_, "--from"), day(to, "--to")
    if start and end and start > end:
        raise BadInput("--from: must not be after --to")
    steps = timeline(
        open_store(ctx).pair_records(first, second),
        (first, second),
        start,
        end,
        known_at(as_known_at),
    )
    if json_:
        emit_json(steps)
        return
    from tracker.render import console, print_timeline

    print_timeline(steps, console())


def history(ctx: typer.Context, a: CountryA, b: CountryB, json_: Json = False) -> None:
    """Every event of a pair as recorded, with corrections and retractions.

    Example: tracker history RU US
    """
    from tracker.history import pair_history

    first, second = pair(a, b)
    rows = pair_history(open_store(ctx).pair_records(first, second), (first, second))
    if json_:
        emit_json(rows)
        return
    from tracker.render import console, events_table

    console().print(
        events_table(rows, f"{first} – {second}: {len(rows)} event{'' if len(rows) == 1 else 's'}")
    )


def show(
    ctx: typer.Context,
    event_id: Annotated[str, typer.Argument(metavar="ID", help="An event id (or a prefix).")],
    json_: Json = False,
) -> None:
    """One event in full, with when it was recorded.

    Example: tracker show 11c90883
    """
    from events import to_record
    from tracker.render import safe

    r = open_store(ctx).get(event_id)
    data = to_record(r.event) | {"recorded_at": r.recorded_at.isoformat()}
    if json_:
        emit_json(data)
        return
    for key, value in data.items():
        if key != "sources":
            typer.echo(f"{key}: {safe(value)}")
    typer.echo("sources:" if data.get("sources") else "sources: none")
    for source in data.get("sources", []):
        parts = [
            safe(source[k]) for k in ("url", "publisher", "title", "published_on") if source.get(k)
        ]
        quote = f" — “{safe(source['quote'])}”" if source.get("quote") else ""
        typer.echo(f"  - {' · '.join(parts)}{quote}")


def explain(
    ctx: typer.Context,
    a: CountryA,
    b: CountryB,
    at: At = None,
    as_known_at: KnownAt = None,
    json_: Json = False,
) -> None:
    """Which events made each value of the posture, with their sources.

    Example: tracker explain RU US --at 2021-05-01
    """
    from tracker.history import explanation

    first, second = pair(a, b)
    when = day(at, "--at") or today()
    rows = explanation(
        open_store(ctx).pair_records(first, second), (first, second), when, known_at(as_known_at)
    )
    if json_:
        emit_json(rows)
        return
    from tracker.render import console, safe
    from tracker.render import when as shown

    con = console()
    if not rows:
        known = f" as known at {as_known_at}" if as_known_at else ""
        con.print(f"no event of {first}–{second} is in effect by {when}{known}")
    for row in rows:
        con.print(f"[bold]{safe(row['path'])}[/] = {safe(row['value'])} (since {shown(row)})")
        for e in row["events"]:
            src = e["sources"][0] if e["sources"] else {}
            cite = src.get("url") or src.get("title") or src.get("publisher") or "no source"
            con.print(
                f"    {e['occurred_on']} {e['type']}: {safe(e['summary'])} "
                f"[dim]{e['id'][:8]} · {safe(cite)}[/]"
            )


def tenures(ctx: typer.Context, a: CountryA, b: CountryB, json_: Json = False) -> None:
    """The heads of each mission of a pair, from when to when.

    Example: tracker tenures RU US
    """
    from projections import tenures as heads

    first, second = pair(a, b)
    result = heads(open_store(ctx).pair_records(first, second), (first, second))
    if json_:
        emit_json(result)
        return
    from tracker.render import console, safe

    con = console()
    for key, rows in result.items():
        con.print(f"[bold]{key.replace('->', ' mission in ')}[/]")
        if not rows:
            con.print("  no head recorded")
        for row in rows:
            con.print(
                f"  {safe(row['name'])}: {row['from'] or '?'} – {row['to'] or 'now'} "
                f"[dim]({', '.join(s['status'] for s in row['statuses'])})[/]"
            )


def check(
    ctx: typer.Context,
    on: Annotated[
        str | None,
        typer.Option(
            "--today", metavar="DATE", help="Judge deadlines as of this date (default: today)."
        ),
    ] = None,
    json_: Json = False,
) -> None:
    """Warnings about the history (inconsistencies, stale claims, overdue terms); exit 1 if any.

    Example: tracker check --json
    """
    from projections.checks import run_checks
    from projections.facts import believe

    problems = run_checks(believe(open_store(ctx).records()), day(on, "--today") or today())
    if json_:
        emit_json(problems)
    else:
        from tracker.render import safe

        for p in problems:
            pair_text = "–".join(p["pair"]) or "store"
            typer.echo(f"{p['on'] or '':10} {pair_text:7} {p['code']}: {safe(p['message'])}")
        typer.echo(f"{len(problems)} warning{'' if len(problems) == 1 else 's'}", err=True)
    if problems:
        raise typer.Exit(1)


def types(json_: Json = False) -> None:
    """The event vocabulary: each type, its CAMEO and PLOVER codes, whose mission.

    Example: tracker types
    """
    from events import ALL_TYPES

    rows: list[dict[str, Any]] = []
    for cls in ALL_TYPES:
        own = [f for f in cls.model_fields if f not in _COMMON]
        rows.append(
            {
                "type": cls.model_fields["type"].default,
                "cameo": cls.cameo,
                "plover": cls.plover,
                "mission_of": cls.mission_default,
                "fields": own,
                "description": cls.describe(),
            }
        )
    if json_:
        emit_json(rows)
        return
    from rich.table import Table

    from tracker.render import console

    table = Table(title="event types")
    for col in ("type", "CAMEO", "PLOVER", "mission of", "fields", "what it records"):
        table.add_column(col, overflow="fold")
    for r in rows:
        table.add_row(
            r["type"],
            r["cameo"] or "—",
            r["plover"] or "—",
            r["mission_of"] or "—",
            ", ".join(r["fields"]),
            r["description"],
        )
    console().print(table)


_COMMON = {
    "id",
    "type",
    "actor",
    "target",
    "mission_of",
    "occurred_on",
    "date_precision",
    "announced_on",
    "summary",
    "sources",
    "confidence",
    "note",
}

COMMANDS: list[Callable[..., None]] = [
    status,
    replay,
    history,
    show,
    explain,
    tenures,
    check,
    types,
]
