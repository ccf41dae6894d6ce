"""A report's plain text to candidate events: the drafter's one entry point."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from events import InvalidEvent, parse, to_record
from tracker.draft.assemble import group, record
from tracker.draft.extract import Context, Raw, actions
from tracker.draft.known import Known, correction
from tracker.draft.names import People, learn_titled, mentions
from tracker.draft.sentences import Report, read
from tracker.draft.triggers import Table, build


@dataclass
class Candidate:
    """A drafted record, valid in the exchange format, and what it duplicates."""

    record: dict[str, Any]
    duplicate_of: str | None = None


@dataclass
class Draft:
    """Everything the drafter made of a report."""

    headline: str
    candidates: list[Candidate] = field(default_factory=list)
    debris: list[tuple[str, str]] = field(default_factory=list)
    rejected: list[str] = field(default_factory=list)

    @property
    def fresh(self) -> list[Candidate]:
        return [c for c in self.candidates if c.duplicate_of is None]


def main_pair(report: Report, people: People) -> tuple[str, str] | None:
    """The two states the report names most (first named first on a tie)."""
    counts: Counter[str] = Counter()
    order: dict[str, int] = {}
    for text in [report.headline] + [s.text for s in report.sentences]:
        for m in mentions(text, people):
            counts[m.code] += 1
            order.setdefault(m.code, len(order))
    top = sorted(counts, key=lambda c: (-counts[c], order[c]))[:2]
    return (top[0], top[1]) if len(top) == 2 else None


def _source(
    headline: str,
    published: date,
    url: str | None,
    publisher: str | None,
) -> dict[str, Any]:
    source: dict[str, Any] = {
        "url": url,
        "publisher": publisher,
        "title": headline or None,
        "published_on": published.isoformat(),
    }
    return {k: v for k, v in source.items() if v}


def _valid(data: dict[str, Any], rejected: list[str]) -> dict[str, Any] | None:
    try:
        out = to_record(parse(data))
    except InvalidEvent as err:
        rejected.append(f"{data.get('type')}: {'; '.join(err.problems)}")
        return None
    out.pop("id", None)
    return out


def draft(
    text: str,
    published: date,
    *,
    url: str | None = None,
    publisher: str | None = None,
    table: Table | None = None,
    known: Known | None = None,
) -> Draft:
    """Candidate events for a report published on `published`."""
    report = read(text)
    known = known or Known()
    people = known.people()
    for s in report.sentences:
        learn_titled(s.text, people)
    ctx = Context(published, table or build(), people, main_pair(report, people))
    raws: list[Raw] = []
    for i, s in enumerate(report.sentences):
        nxt = report.sentences[i + 1] if i + 1 < len(report.sentences) else None
        following = nxt.text if nxt and nxt.paragraph == s.paragraph else None
        raws += actions(s, following, ctx)
    result = Draft(report.headline, debris=report.dropped)
    source = _source(report.headline, published, url, publisher)
    for g in group([r for r in raws if not r.denied], published):
        data = _valid(record(g, source, published), result.rejected)
        if data is None:
            continue
        same = known.duplicate(data)
        result.candidates.append(Candidate(data, str(same.id) if same else None))
    seen: set[str] = set()
    for r in (r for r in raws if r.denied):
        claim = known.claim_denied(r, published)
        if claim is None or str(claim.id) in seen:
            continue
        seen.add(str(claim.id))
        data = _valid(correction(claim, r, source, report.headline, published), result.rejected)
        if data is not None:
            dup = str(claim.id) if claim.confidence == "disputed" else None
            result.candidates.append(Candidate(data, dup))
    return result
