"""`tracker draft --review`: the user accepts, edits or skips each candidate.

The loop asks through a function (`ask(prompt, default) -> str`), so that the
command passes `typer.prompt` and a test passes a scripted list of answers.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from events import Event, InvalidEvent, parse

Ask = Callable[[str, str], str]
Show = Callable[[str], None]
CHOICES = "[a]ccept, edit [d]ate, edit [t]ype, [s]kip"


def _revised(record: dict[str, Any], key: str, value: str) -> dict[str, Any]:
    data = dict(record) | {key: value}
    if key == "occurred_on":
        data.pop("date_precision", None)
    return data


def review(records: list[dict[str, Any]], ask: Ask, show: Show) -> list[Event]:
    """The events the user accepts, each validated (an edit that breaks one is refused)."""
    accepted: list[Event] = []
    for number, record in enumerate(records, start=1):
        current = dict(record)
        while True:
            shown = {k: v for k, v in current.items() if k != "note"}
            show(f"\n[{number}/{len(records)}] {json.dumps(shown, ensure_ascii=False)}")
            show(str(current.get("note", "")))
            choice = ask(CHOICES, "a").strip().lower()[:1]
            if choice == "s":
                break
            if choice == "a":
                try:
                    accepted.append(parse(current))
                except InvalidEvent as err:
                    show("not valid: " + "; ".join(err.problems))
                    continue
                break
            key = {"d": "occurred_on", "t": "type"}.get(choice)
            if key is None:
                show(f"answer one of: {CHOICES}")
                continue
            value = ask(
                "new date (YYYY-MM-DD, YYYY-MM or YYYY)"
                if key == "occurred_on"
                else "new type (see `tracker types`)",
                str(current.get(key, "")),
            )
            candidate = _revised(current, key, value.strip())
            try:
                parse(candidate)
            except InvalidEvent as err:
                show("not valid: " + "; ".join(err.problems))
                continue
            current = candidate
    return accepted
