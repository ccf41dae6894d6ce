"""Commands for analysis: a chart of a pair's missions, and what changed between two views."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Annotated, Any

import typer

from tracker.arguments import CountryA, CountryB, Json
from tracker.context import emit_json, open_store, say
from tracker.errors import BadInput, Refused, TrackerError
from tracker.options import day, known_at, pair, today


def chart(
    ctx: typer.Context,
    a: CountryA,
    b: CountryB,
    output: Annotated[
        str,
        typer.Option(
            "--output", "-o", metavar="FILE", help="The picture to write: a .png or .svg file."
        ),
    ],
    from_: Annotated[
        str | None,
        typer.Option(
            "--from", metavar="DATE", help="First date (default: the pair's first event)."
        ),
    ] = None,
    to: Annotated[
        str | None, typer.Option("--to", metavar="DATE", help="Last date (default: today, UTC).")
    ] = None,
) -> None:
    """Draw a pair's missions over time: heads, embassies, consulates, events.

    Example: tracker chart RU US --from 2017-01-01 --output us-ru.png
    """
    first, second = pair(a, b)
    start, end = day(from_, "--from"), day(to, "--to") or today()
    if start and start > end:
        raise BadInput("--from: must not be after --to")
    path = Path(output)
    if path.suffix.lower() not in (".png", ".svg"):
        raise BadInput(f"--output: {output!r} must end in .png or .svg")
    try:
        import matplotlib  # noqa: F401
    except ImportError:
        raise TrackerError(
            "chart needs matplotlib: pip install 'diplomatic-tracker[chart]'"
        ) from None
    from tracker.formats.chart import bands, draw

    picture = bands(open_store(ctx).pair_records(first, second), (first, second), start, end)
    if picture is None:
        raise Refused(f"no events between {first} and {second} to chart")
    try:
        draw(picture, path)
    except OSError as err:
        raise BadInput(f"--output: cannot write {output}: {err.strerror}") from None
    say(f"wrote {output}")


def _views(
    ats: list[date],
    knowns: list[datetime],
) -> tuple[tuple[date, datetime | None], tuple[date, datetime | None]]:
    """The two (date, as-known-at) views to compare."""
    if len(ats) > 2:
        raise BadInput("--at: give exactly two dates to compare")
    if len(knowns) > 2:
        raise BadInput("--as-known-at: give exactly two times to compare")
    if len(ats) == 2 and len(knowns) == 2:
        raise BadInput("--as-known-at: compare two dates or two times, not both")
    if len(ats) == 2:
        known = knowns[0] if knowns else None
        return (ats[0], known), (ats[1], known)
    if len(knowns) == 2:
        when = ats[0] if ats else today()
        return (when, knowns[0]), (when, knowns[1])
    raise BadInput("--at: give two --at dates (or two --as-known-at times) to compare")


def diff(
    ctx: typer.Context,
    a: CountryA,
    b: CountryB,
    at: Annotated[
        list[str] | None,
        typer.Option(
            "--at", metavar="DATE", help="A date to compare (twice), or the one date of two views."
        ),
    ] = None,
    as_known_at: Annotated[
        list[str] | None,
        typer.Option(
            "--as-known-at",
            metavar="WHEN",
            help="What was known then (twice, to see what corrections changed).",
        ),
    ] = None,
    json_: Json = False,
) -> None:
    """What differs in a pair's posture between two dates, or two moments of knowledge.

    Example: tracker diff RU US --at 2021-01-01 --at 2021-12-31
    """
    from projections import posture

    first, second = pair(a, b)
    ats = [d for d in (day(t, "--at") for t in at or []) if d is not None]
    knowns = [k for k in (known_at(t) for t in as_known_at or []) if k is not None]
    (d1, k1), (d2, k2) = _views(ats, knowns)
    records = open_store(ctx).pair_records(first, second)
    rows = differences(
        posture(records, (first, second), d1, k1), posture(records, (first, second), d2, k2)
    )
    if json_:
        emit_json(rows)
        return
    _print_rows(rows, f"{first} – {second}: {_view(d1, k1)} → {_view(d2, k2)}")


def _within(path: str, prefix: str) -> bool:
    return path == prefix or path.startswith((prefix + ".", prefix + "["))


def _provenance(value: Any, path: str = "", root: Any = None) -> dict[str, list[str]]:
    """The event ids behind each object of a posture, by the paths `flatten` gives."""
    from projections.folds import QUIET

    root = value if root is None else root
    out: dict[str, list[str]] = {}
    if isinstance(value, dict):
        ids = list(value.get("event_ids") or []) + list(value.get("fulfilled_by") or [])
        if ids:
            out[path] = ids
        if "staff_event_ids" in value:
            out[f"{path}.staff_cap"] = out[f"{path}.staff_expelled"] = value["staff_event_ids"]
            out[f"{path}.level"] = [
                *value["head"]["event_ids"],
                *value["embassy"]["event_ids"],
                *root["relations"]["event_ids"],
            ]
        for k, v in value.items():
            if k not in QUIET:
                out |= _provenance(v, f"{path}.{k}" if path else k, root)
    elif isinstance(value, list) and value and isinstance(value[0], dict):
        for i, v in enumerate(value):
            label = v.get("city") or v.get("event_id") or str(i)
            out |= _provenance(v, f"{path}[{label}]", root)
    return out


def _responsible(path: str, provenance: dict[str, list[str]]) -> list[str]:
    found = [p for p in provenance if _within(path, p)]
    ids = provenance[max(found, key=len)] if found else []
    return list(dict.fromkeys(ids))


def differences(before: dict[str, Any], after: dict[str, Any]) -> list[dict[str, Any]]:
    """Each value that differs between two postures, with the events behind the later one
    (or the earlier one's, for a value that is gone)."""
    from projections import flatten

    old, new = flatten(before), flatten(after)
    old_ids, new_ids = _provenance(before), _provenance(after)
    paths = [p for p in new if p not in old or old[p] != new[p]]
    paths += [p for p in old if p not in new]
    changed = set(paths)
    return [
        {
            "path": p,
            "before": old.get(p),
            "after": new.get(p),
            "event_ids": _responsible(p, new_ids if p in new else old_ids),
        }
        for p in paths
        if not (p.endswith(".since_text") and p.removesuffix("_text") in changed)
    ]


def _view(on: date, known: datetime | None) -> str:
    return f"{on}" + (f" as known at {known.isoformat()}" if known else "")


def _print_rows(rows: list[dict[str, Any]], title: str) -> None:
    from tracker.render import console, safe

    con = console()
    con.print(f"[bold]{safe(title)}[/]" + ("" if rows else ": no differences"))
    for r in rows:
        before, after = ("—" if v is None else safe(v) for v in (r["before"], r["after"]))
        ids = " ".join(i[:8] for i in r["event_ids"])
        con.print(f"  {safe(r['path'])}: {before} → {after} [dim]{ids}[/]")


COMMANDS: list[Callable[..., None]] = [chart, diff]
