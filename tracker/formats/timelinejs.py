"""The TimelineJS JSON format: a publishable timeline of the events.

Each event that counts (corrections applied; retracted and disputed events
left out, as in the posture) becomes a slide: `start_date` with only the year
(and month) for month- and year-precise dates, a headline, the summary and the
sources as links, `group` the pair ("RU–US") and `unique_id` the event id.
Stored text is HTML-escaped; URLs are http(s) only, as the events require.
"""

from __future__ import annotations

import json
from html import escape
from typing import Any
from urllib.parse import urlsplit

from events import Recorded, Source
from events.countries import name
from projections.facts import Fact, believe


def _start_date(fact: Fact) -> dict[str, str]:
    start, precision = fact.start, fact.event.date_precision
    out = {"year": str(start.year)}
    if precision in ("month", "day"):
        out["month"] = str(start.month)
    if precision == "day":
        out["day"] = str(start.day)
    return out


def _headline(fact: Fact) -> str:
    e = fact.event
    what = e.type.replace("_", " ").capitalize()
    detail = next(
        (
            str(v)
            for k in ("person", "city", "count", "place")
            if (v := getattr(e, k, None)) is not None
        ),
        None,
    )
    text = f"{what}: {detail}" if detail else what
    text += f" ({e.actor} → {e.target})"
    return text + (" [claimed]" if fact.claimed else "")


def _link(source: Source) -> str:
    host = urlsplit(source.url).netloc if source.url else ""
    label = " – ".join(x for x in (source.publisher, source.title) if x) or host
    dated = f" ({source.published_on})" if source.published_on else ""
    if source.url:
        return f'<a href="{escape(source.url)}">{escape(label)}</a>{dated}'
    return f"{escape(label)}{dated}"


def _slide(fact: Fact) -> dict[str, Any]:
    e = fact.event
    body = f"<p>{escape(e.summary)}</p>"
    if e.sources:
        body += "<p>Sources: " + " · ".join(_link(s) for s in e.sources) + "</p>"
    return {
        "start_date": _start_date(fact),
        "text": {"headline": escape(_headline(fact)), "text": body},
        "group": "–".join(e.pair),
        "unique_id": fact.ids[0],
    }


def _title(facts: list[Fact]) -> dict[str, Any]:
    pairs = sorted({f.event.pair for f in facts})
    names = "; ".join(f"{name(a)} – {name(b)}" for a, b in pairs) or "no events"
    years = f"{facts[0].start.year}–{facts[-1].start.year}" if facts else ""
    return {
        "text": {
            "headline": escape(f"Diplomatic events: {names}"),
            "text": escape(f"{len(facts)} events {years}, from the diplomatic tracker").strip(),
        }
    }


def timeline_json(records: list[Recorded]) -> str:
    """The events that count, as a TimelineJS document (by date, then recording)."""
    facts = believe(records).facts
    doc = {"title": _title(facts), "events": [_slide(f) for f in facts]}
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
