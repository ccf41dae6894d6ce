"""Human output: rich tables and timelines. `--json` output lives in cli.emit."""

from __future__ import annotations

import re
from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.table import Table

LEVEL_SHOWN = {"charge_d_affaires": "chargé d'affaires", "interests_section": "interests section"}
_UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def safe(value: Any) -> str:
    """Stored text as inert terminal output: no escapes, no rich markup."""
    return escape(_UNSAFE.sub("\ufffd", "" if value is None else str(value)))


class _Console(Console):
    def on_broken_pipe(self) -> None:
        raise BrokenPipeError  # for the command to end quietly (rich would exit 1)


def console() -> Console:
    return _Console(highlight=False, soft_wrap=False)


def when(obj: dict[str, Any]) -> str:
    """A `since` with its marks: ~ approximate, * rests on a claim."""
    if not obj.get("since"):
        return "—"
    text = obj.get("since_text") or obj["since"]
    text = f"~{text}" if obj.get("approximate") else text
    return text + (" *" if obj.get("claimed") else "")


def _head(head: dict[str, Any]) -> str:
    if head["status"] == "unknown":
        return "unknown"
    name = safe(head["name"]) if head["name"] else "(vacant)"
    title = "" if head["title"] == "ambassador" else f" [{head['title']}]"
    return f"{name}{title}: {head['status'].replace('_', ' ')} since {when(head)}"


def posture_table(p: dict[str, Any]) -> Table:
    a, b = p["pair"]
    table = Table(title=f"{a} – {b} on {p.get('at')}", title_justify="left")
    table.add_column("")
    keys = list(p["missions"])
    for key in keys:
        table.add_column(f"{key.replace('->', ' mission in ')}")
    missions = [p["missions"][k] for k in keys]
    table.add_row("head", *[_head(m["head"]) for m in missions])
    table.add_row(
        "successor",
        *[
            f"{safe(m['successor']['name'])} since {when(m['successor'])}"
            if m["successor"]
            else "—"
            for m in missions
        ],
    )
    table.add_row(
        "chargé d'affaires",
        *[
            f"{safe(m['charge_d_affaires']['name'])} since {when(m['charge_d_affaires'])}"
            if m["charge_d_affaires"]
            else "—"
            for m in missions
        ],
    )
    table.add_row("level", *[LEVEL_SHOWN.get(m["level"], m["level"]) for m in missions])
    table.add_row(
        "embassy",
        *[
            f"{m['embassy']['status']}"
            + (f" since {when(m['embassy'])}" if m["embassy"]["since"] else "")
            for m in missions
        ],
    )
    table.add_row(
        "consulates",
        *[
            "\n".join(f"{safe(c['city'])}: {c['status']} since {when(c)}" for c in m["consulates"])
            or "—"
            for m in missions
        ],
    )
    table.add_row(
        "staff cap", *[str(m["staff_cap"]) if m["staff_cap"] is not None else "—" for m in missions]
    )
    table.add_row("staff expelled", *[str(m["staff_expelled"]) for m in missions])
    return table


def print_posture(p: dict[str, Any], con: Console) -> None:
    con.print(posture_table(p))
    rel = p["relations"]
    con.print(f"relations: {rel['status']}" + (f" since {when(rel)}" if rel["since"] else ""))
    for ag in p["agreements"]:
        state = "fulfilled" if ag["fulfilled"] else "open"
        terms = ", ".join(
            f"{t} {'✓' if s['fulfilled'] else '…'}" for t, s in ag["term_status"].items()
        )
        con.print(f"agreement {when(ag)} ({state}): {terms} — {safe(ag['summary'])}")
    for en in p["engagements"]:
        where = f" in {safe(en['place'])}" if en.get("place") else ""
        con.print(f"talks {when(en)}{where}: {safe(en['summary'])}")
    for w in p.get("warnings", []):
        con.print(f"[yellow]warning[/] {w['on']}: {safe(w['message'])}")
    con.print(
        "[dim]~ approximate date · * rests on a claim · "
        f"trace any value: tracker explain {' '.join(p['pair'])} --at {p.get('at')}[/]"
    )


def print_timeline(steps: list[dict[str, Any]], con: Console) -> None:
    if not steps:
        con.print("no events in that period")
    for step in steps:
        e = step["event"]
        mark = ("~" if e["approximate"] else "") + e["occurred_on"] + (" *" if e["claimed"] else "")
        con.print(
            f"[bold]{mark}[/] {e['type']} {e['actor']}→{e['target']}: {safe(e['summary'])}"
            f" [dim]{e['event_id'][:8]}[/]"
        )
        for c in step["changes"]:
            con.print(f"    {safe(c['path'])}: {safe(c['before'])} → {safe(c['after'])}")


def events_table(rows: list[dict[str, Any]], title: str) -> Table:
    table = Table(title=title, title_justify="left")
    for col in ("date", "type", "actor→target", "summary", "id"):
        table.add_column(col, overflow="fold")
    for r in rows:
        e = r["event"]
        date = e.get("occurred_on") or "—"
        date = date + (" *" if e.get("confidence") == "claimed" else "")
        status = r.get("status", "")
        summary = safe(e["summary"]) + (f" [dim]({status})[/]" if status else "")
        actor = f"{e.get('actor', '')}→{e.get('target', '')}" if e.get("actor") else "—"
        table.add_row(date, e["type"], actor, summary, e["id"][:8])
    return table
