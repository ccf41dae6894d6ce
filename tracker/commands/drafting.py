"""The command that drafts events from a news report: draft."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Annotated, Any

import typer

from tracker.context import open_store, say
from tracker.errors import BadInput, TrackerError

if TYPE_CHECKING:
    from tracker.draft import Known


def _read(name: str) -> str:
    if name == "-":
        data = sys.stdin.buffer.read() if hasattr(sys.stdin, "buffer") else sys.stdin.read()
    else:
        try:
            with open(name, "rb") as handle:
                data = handle.read()
        except OSError as err:
            raise BadInput(f"FILE: cannot read {name}: {err.strerror}") from None
    if isinstance(data, str):
        return data
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise BadInput(f"FILE: {name} is not UTF-8 text (byte {err.start})") from None


def _known(ctx: typer.Context) -> Known | None:
    from tracker.draft import Known

    try:
        return Known.from_records(open_store(ctx).records())
    except TrackerError:
        return None


def _check_source(url: str | None, publisher: str | None) -> None:
    from pydantic import ValidationError

    from events import Source

    for option, value in (("--source", url), ("--publisher", publisher)):
        if value is None:
            continue
        try:
            Source.model_validate({"url" if option == "--source" else "publisher": value})
        except ValidationError as err:
            message = str(err.errors(include_url=False)[0]["msg"]).removeprefix("Value error, ")
            raise BadInput(f"{option}: {message}") from None


def _write(lines: list[str], output: str | None) -> None:
    text = "".join(line + "\n" for line in lines)
    if output is None:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    try:
        with open(output, "w", encoding="utf-8") as handle:
            handle.write(text)
    except OSError as err:
        raise BadInput(f"--output: cannot write {output}: {err.strerror}") from None


def _record(ctx: typer.Context, records: list[dict[str, Any]]) -> None:
    from tracker.draft.review import review
    from tracker.importing import Line

    accepted = review(
        records,
        lambda text, default: str(typer.prompt(text, default=default)),
        lambda text: typer.echo(text, err=True),
    )
    if not accepted:
        say("recorded nothing")
        return
    added, skipped = open_store(ctx, write=True).add([Line("review", e) for e in accepted])
    say(f"recorded {added} events ({skipped} already present)")


def draft(
    ctx: typer.Context,
    file: Annotated[
        str,
        typer.Argument(
            metavar="FILE", help="The report as plain text (first line: the headline), or -."
        ),
    ],
    published: Annotated[
        str,
        typer.Option(
            "--published", metavar="DATE", help="The day the report was published, YYYY-MM-DD."
        ),
    ],
    source: Annotated[
        str | None,
        typer.Option("--source", metavar="URL", help="The report's URL (cited in each candidate)."),
    ] = None,
    publisher: Annotated[
        str | None, typer.Option("--publisher", metavar="NAME", help="Who published the report.")
    ] = None,
    output: Annotated[
        str | None,
        typer.Option(
            "--output", metavar="FILE", help="Write the candidates there (default: stdout)."
        ),
    ] = None,
    include_duplicates: Annotated[
        bool,
        typer.Option("--include-duplicates", help="Also write candidates the store already holds."),
    ] = False,
    triggers: Annotated[
        str | None,
        typer.Option(
            "--triggers",
            metavar="FILE",
            help="Extra trigger phrases, JSON or TOML (default: TRACKER_DRAFT_TRIGGERS).",
        ),
    ] = None,
    review_: Annotated[
        bool,
        typer.Option("--review", help="Accept, edit or skip each candidate; record the accepted."),
    ] = False,
) -> None:
    """Draft candidate events from a news report, as JSON Lines for review or import.

    Example: tracker draft report.txt --published 2021-06-16 --output drafts.jsonl
    """
    from tracker.draft import draft as make_draft
    from tracker.draft.triggers import load
    from tracker.options import day

    if review_ and not sys.stdin.isatty():
        raise BadInput("--review: needs a terminal")
    when: date | None = day(published, "--published")
    assert when is not None
    _check_source(source, publisher)
    table = load(triggers)
    text = _read(file)
    result = make_draft(text, when, url=source, publisher=publisher, table=table, known=_known(ctx))
    kept = result.candidates if include_duplicates else result.fresh
    duplicates = len(result.candidates) - len(result.fresh)
    records = []
    for c in kept:
        data = dict(c.record)
        if c.duplicate_of:
            data["note"] = f"DUPLICATE of stored event {c.duplicate_of}.\n{data.get('note', '')}"
        records.append(data)
    if not review_ or output is not None:
        _write([json.dumps(r, ensure_ascii=False) for r in records], output)
    verb = "included" if include_duplicates else "skipped"
    say(f"drafted {len(result.fresh)} events ({duplicates} duplicates {verb})")
    if review_:
        _record(ctx, records)


COMMANDS: list[Callable[..., None]] = [draft]
