"""From the actions of every sentence to one candidate per action the report states.

- An action restated in several sentences is one candidate: same type, same
  states (either order for talks and agreements), same city, and dates that
  agree (the finer one kept). A sentence that dates nothing joins the nearest
  statement of the same action; "at the talks" takes the date of the talks
  named before it. An action nothing dates is dated to the year of
  publication, and the note says so; one dated only vaguely ("in recent years")
  is left out.
- Confidence: `claimed` when every sentence stating the action reports the
  words of one side, and that side claims what the other did or agreed
  (talks, agreements, or an act of the other side); `reported` otherwise.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from events.dates import parse_partial
from tracker.draft import wording
from tracker.draft.dates import DateMention
from tracker.draft.extract import BILATERAL, Raw
from tracker.draft.names import short_name


@dataclass
class Group:
    """One action and every sentence that states it."""

    raws: list[Raw]
    value: str
    precision: str
    dated_by: str
    span: tuple[date, date]
    fields: dict[str, Any] = field(default_factory=dict)

    def admits(self, d: DateMention) -> bool:
        """Whether a date can name the same day as this group's (as the report means it)."""
        assert d.first is not None and d.last is not None
        return d.first <= self.span[1] and self.span[0] <= d.last

    def narrow(self, d: DateMention) -> None:
        assert d.first is not None and d.last is not None and d.value is not None
        self.span = (max(self.span[0], d.first), min(self.span[1], d.last))
        if len(d.value) > len(self.value):
            self.value, self.precision, self.dated_by = d.value, d.precision or "day", d.text

    @property
    def first(self) -> Raw:
        """The statement the candidate cites: the earliest dated one, its trigger
        nearest its date."""
        dated = [r for r in self.raws if r.date is not None]
        if not dated:
            return self.raws[0]
        return min(dated, key=lambda r: (r.sentence.index, _gap(r)))


def _gap(r: Raw) -> int:
    assert r.date is not None
    return r.start - r.date.end if r.date.end <= r.start else max(0, r.date.start - r.end)


def same_action(a: Raw, b: Raw) -> bool:
    if a.type != b.type or a.fields.get("city") != b.fields.get("city"):
        return False
    if a.type in BILATERAL:
        return {a.actor, a.target} == {b.actor, b.target}
    return (a.actor, a.target) == (b.actor, b.target)


def _interval(value: str) -> tuple[date, date]:
    start, precision = parse_partial(value)
    if precision == "day":
        return start, start
    if precision == "month":
        nxt = date(start.year + start.month // 12, start.month % 12 + 1, 1)
        return start, date.fromordinal(nxt.toordinal() - 1)
    return start, date(start.year, 12, 31)


def overlap(a: str, b: str, slack: int = 0) -> bool:
    """Whether two partial dates can name the same day (give or take `slack` days)."""
    (a0, a1), (b0, b1) = _interval(a), _interval(b)
    return a0.toordinal() - slack <= b1.toordinal() and b0.toordinal() - slack <= a1.toordinal()


def _dated(raws: list[Raw]) -> list[Raw]:
    """Dates for anaphors ("at the talks"); vaguely dated actions left out."""
    talks: DateMention | None = None
    out = []
    for r in raws:
        if r.date is None and r.anaphor and talks is not None:
            r.date = talks
            r.why.append(f"dated like the talks before it ({talks.text!r})")
        if r.type == "talks_held" and r.date is not None and r.date.value:
            talks = r.date
        if r.date is not None and r.date.kind == "vague":
            continue
        out.append(r)
    return out


def group(raws: list[Raw], published: date) -> list[Group]:
    """One group per action, in the order the report first states each."""
    groups: list[Group] = []
    for r in _dated(raws):
        if r.date is None or r.date.value is None:
            continue
        match = next((g for g in groups if same_action(g.raws[0], r) and g.admits(r.date)), None)
        if match is None:
            span = (r.date.first or published, r.date.last or published)
            groups.append(Group([r], r.date.value, r.date.precision or "day", r.date.text, span))
            continue
        match.raws.append(r)
        match.narrow(r.date)
    for r in raws:
        if r.date is not None:
            continue
        before = [
            g
            for g in groups
            if same_action(g.raws[0], r) and g.raws[0].sentence.index <= r.sentence.index
        ]
        after = [g for g in groups if same_action(g.raws[0], r)]
        home = before[-1] if before else (after[0] if after else None)
        if home is None:
            year = f"{published.year:04d}"
            home = Group([], year, "year", "", (date(published.year, 1, 1), published))
            groups.append(home)
            r.why.append("no date in the report: dated to the year of publication")
        home.raws.append(r)
    for g in groups:
        g.raws.sort(key=lambda r: (r.sentence.index, r.start))
        for r in g.raws:
            for key, value in r.fields.items():
                g.fields.setdefault(key, value)
    return sorted(groups, key=lambda g: (g.raws[0].sentence.index, g.raws[0].start))


def confidence(g: Group) -> tuple[str, str]:
    speakers = {r.speaker for r in g.raws}
    first = g.first
    if len(speakers) == 1 and None not in speakers:
        side = next(iter(speakers))
        if side in (first.actor, first.target) and (
            first.type in BILATERAL or side == first.target
        ):
            return "claimed", f"only {short_name(str(side))} says so"
    if None in speakers:
        return "reported", "stated in the report's own words"
    return "reported", "reported by more than one side, or by the side acting"


def record(g: Group, source: dict[str, Any], published: date) -> dict[str, Any]:
    """The exchange-format record of a group (without id: import derives it)."""
    first = g.first
    level, why = confidence(g)
    data: dict[str, Any] = {
        "type": first.type,
        "actor": first.actor,
        "target": first.target,
        "occurred_on": g.value,
    }
    data |= g.fields
    if g.precision == "day":
        said = (
            first.statement.value
            if first.statement and first.statement.precision == "day"
            else published.isoformat()
        )
        if said and g.value > said:
            data["announced_on"] = said
    data["confidence"] = level
    data["summary"] = wording.summary(data)
    data["sources"] = [
        source | {"quote": wording.quote(first.sentence.text, first.start, first.end)}
    ]
    reasons = [*first.why, f"actor {first.actor}, target {first.target}"]
    reasons.append(
        f"date {g.value} ({g.precision})" + (f" from {g.dated_by!r}" if g.dated_by else "")
    )
    reasons.append(f"{level}: {why}")
    also = [r.sentence.text for r in g.raws if r.sentence.index != first.sentence.index]
    data["note"] = wording.note(first.sentence.text, reasons, list(dict.fromkeys(also)))
    return data
