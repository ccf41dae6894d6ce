"""A timeline picture of a pair: each mission's head, embassy and consulates as bands.

`bands` is the pure part (what to draw); `draw` renders it with matplotlib's
object API and the Agg canvas, so no GUI backend or global pyplot state is
touched. Every band and segment is labelled in place: no legend to hunt for.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from events import Event, Recorded, sorted_pair
from events.countries import name
from projections.facts import Fact, believe
from projections.folds import steps
from projections.state import PairState

HEAD_COLOURS = {
    "at_post": "#2e7d32",
    "designated": "#64b5f6",
    "recalled": "#f9a825",
    "expelled": "#c62828",
    "vacant": "#8d8d8d",
    "unknown": "#eeeeee",
}
PREMISES_COLOURS = {
    "open": "#2e7d32",
    "suspended": "#f9a825",
    "closed": "#c62828",
    "unknown": "#eeeeee",
}
DARK = frozenset({"at_post", "expelled", "vacant", "open", "closed"})
VERBS = {
    "ambassador_appointed": "names ambassador",
    "credentials_presented": "envoy at post",
    "ambassador_recalled": "recalls ambassador",
    "ambassador_returned": "ambassador returns",
    "ambassador_expelled": "expels ambassador",
    "ambassador_departed": "ambassador leaves",
    "charge_d_affaires_named": "names chargé",
    "diplomats_expelled": "expels diplomats",
    "staff_cap_imposed": "caps staff",
    "staff_cap_lifted": "lifts staff cap",
    "relations_severed": "severs relations",
    "relations_restored": "restores relations",
    "relations_downgraded": "downgrades relations",
    "relations_upgraded": "upgrades relations",
    "talks_held": "talks",
    "agreement_reached": "agreement",
    "agreement_fulfilled": "agreement fulfilled",
}
WIDTH_IN, LEFT, RIGHT, FONT, SMALL = 13.0, 0.2, 0.98, 7.5, 6.5


@dataclass
class Segment:
    start: date
    end: date
    status: str
    label: str


@dataclass
class Band:
    label: str
    colours: dict[str, str]
    segments: list[Segment] = field(default_factory=list)


@dataclass
class Picture:
    title: str
    start: date
    end: date
    bands: list[Band]
    marks: list[tuple[date, str]]


def short_label(e: Event, approximate: bool = False, claimed: bool = False) -> str:
    """A few words for an event marker: who did what."""
    kind = e.type.split("_")[-1]
    city, count = getattr(e, "city", None), getattr(e, "count", None)
    if city:
        text = f"{e.mission} {city} consulate {kind}"
    elif e.type.startswith("embassy_"):
        text = f"{e.mission} embassy {kind}"
    elif e.type == "diplomats_expelled" and count:
        text = f"{e.actor} expels {count} diplomats"
    else:
        text = f"{e.actor} {VERBS.get(e.type, e.type.replace('_', ' '))}"
    return ("~" if approximate else "") + text + (" *" if claimed else "")


def _values(snapshot: dict[str, Any], key: str, cities: list[str]) -> list[tuple[str, str]]:
    m = snapshot["missions"][key]
    head = m["head"]
    surname = head["name"].split()[-1] if head["name"] else ""
    status = head["status"].replace("_", " ")
    out = [(head["status"], f"{surname}: {status}" if surname else status)]
    out.append((m["embassy"]["status"], m["embassy"]["status"]))
    by_city = {c["city"]: c["status"] for c in m["consulates"]}
    return out + [(by_city.get(c, "unknown"), by_city.get(c, "unknown")) for c in cities]


def _snapshots(
    facts: list[Fact], pair: tuple[str, str], first: date, end: date
) -> list[tuple[date, dict[str, Any]]]:
    """The posture from `first` on and after each later day with events, to `end`."""
    out = [(first, PairState(*pair).json())]
    for f, state in steps(facts, pair):
        if f.start > end:
            break
        snapshot = (max(f.start, first), state.json())
        if out[-1][0] == snapshot[0]:
            out[-1] = snapshot
        else:
            out.append(snapshot)
    return out


def bands(
    records: list[Recorded], pair: tuple[str, str], start: date | None, end: date
) -> Picture | None:
    """What the chart shows from `start` (default: the first event) to `end`; None if no event."""
    a, b = sorted_pair(*pair)
    facts: list[Fact] = [f for f in believe(records).facts if f.event.pair == (a, b)]
    if not facts:
        return None
    first = start or facts[0].start
    snapshots = _snapshots(facts, (a, b), first, end)
    picture = Picture(
        f"{name(a)} ({a}) – {name(b)} ({b}): missions from {first} to {end}", first, end, [], []
    )
    for sender, host in ((a, b), (b, a)):
        key = f"{sender}->{host}"
        cities = sorted({c["city"] for _, s in snapshots for c in s["missions"][key]["consulates"]})
        rows = [
            Band(f"{sender} ambassador in {host}", HEAD_COLOURS),
            Band(f"{sender} embassy in {host}", PREMISES_COLOURS),
        ]
        rows += [Band(f"{sender} consulate, {city}", PREMISES_COLOURS) for city in cities]
        for i, (on, snap) in enumerate(snapshots):
            until = snapshots[i + 1][0] if i + 1 < len(snapshots) else end + timedelta(days=1)
            for band, (status, label) in zip(rows, _values(snap, key, cities), strict=True):
                last = band.segments[-1] if band.segments else None
                if last and (last.status, last.label) == (status, label):
                    last.end = until
                else:
                    band.segments.append(Segment(on, until, status, label))
        picture.bands += rows
    for f in facts:
        if first <= f.start <= end:
            picture.marks.append((f.start, short_label(f.event, f.approximate, f.claimed)))
    return picture


def spread(xs: list[float], gap: float, high: float) -> list[float]:
    """Label positions near `xs` (sorted), at least `gap` apart, none past `high`."""
    out: list[float] = []
    for x in xs:
        out.append(max(x, out[-1] + gap) if out else x)
    if out and out[-1] > high:
        out[-1] = high
        for i in range(len(out) - 2, -1, -1):
            out[i] = min(out[i], out[i + 1] - gap)
    return out


def _ticks(start: date, end: date) -> list[tuple[int, str]]:
    """Axis ticks in days from `start`: each year, or each quarter for short periods."""
    months = (1,) if (end - start).days > 730 else (1, 4, 7, 10)
    firsts = [date(y, m, 1) for y in range(start.year, end.year + 1) for m in months]
    return [
        ((d - start).days, f"{d:%Y}" if len(months) == 1 else f"{d:%Y-%m}")
        for d in firsts
        if start <= d <= end
    ]


def draw(picture: Picture, output: Path) -> None:
    """Render the picture to a .png or .svg file (x: days from the start)."""
    from matplotlib import rc_context
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    n, span = len(picture.bands), (picture.end - picture.start).days + 1
    fig = Figure(figsize=(WIDTH_IN, 0.5 * n + 3.8), dpi=100)
    FigureCanvasAgg(fig)
    top, events = fig.subplots(2, 1, sharex=True, height_ratios=[0.5 * n, 2.6])
    fig.subplots_adjust(left=LEFT, right=RIGHT, top=0.93, bottom=0.06, hspace=0.05)
    per_pt = span / (WIDTH_IN * (RIGHT - LEFT) * 72)
    for y, band in enumerate(picture.bands):
        _band(top, y, band, picture.start, per_pt)
    top.set_yticks(range(n), [band.label for band in picture.bands], fontsize=9)
    top.set_ylim(n - 0.5, -0.5)
    top.set_title(picture.title, loc="left", fontsize=12, fontweight="bold", pad=16)
    top.tick_params(axis="y", length=0)
    for on, _ in picture.marks:
        top.axvline((on - picture.start).days, color="black", alpha=0.15, linewidth=0.6)
    _marks(events, [((on - picture.start).days, text) for on, text in picture.marks], per_pt, span)
    events.set_xlim(0, span)
    ticks = _ticks(picture.start, picture.end)
    events.set_xticks([x for x, _ in ticks], [label for _, label in ticks])
    for ax in (top, events):
        for side in ("top", "right", "left"):
            ax.spines[side].set_visible(False)
    fig.text(
        0.01,
        0.01,
        "Bands coloured by status (labelled in place). Markers: events; "
        "~ approximate date, * a claim.",
        fontsize=7.5,
        color="#555",
    )
    if output.suffix.lower() == ".svg":
        with rc_context({"svg.fonttype": "none"}):
            fig.savefig(output, format="svg", metadata={"Date": None})
    else:
        fig.savefig(output, format="png")


def _fits(text: str, width_pt: float) -> bool:
    return width_pt > len(text) * FONT * 0.6 + 4


def _band(ax: Any, y: int, band: Band, start: date, per_pt: float) -> None:
    """One band: its segments, each labelled inside, or just above when too narrow."""
    free_from = float("-inf")
    for s in band.segments:
        x0, x1 = (s.start - start).days, (s.end - start).days
        ax.barh(
            y,
            x1 - x0,
            left=x0,
            height=0.66,
            color=band.colours.get(s.status, "#eee"),
            edgecolor="white",
            linewidth=0.5,
        )
        status = s.status.replace("_", " ")
        inside = next((t for t in (s.label, status) if _fits(t, (x1 - x0) / per_pt)), None)
        if inside:
            ax.text(
                (x0 + x1) / 2,
                y,
                inside,
                ha="center",
                va="center",
                fontsize=FONT,
                color="white" if s.status in DARK else "black",
            )
            continue
        half = len(status) * SMALL * 0.3 * per_pt
        middle = max((x0 + x1) / 2, free_from + half)
        ax.text(middle, y - 0.36, status, ha="center", va="bottom", fontsize=SMALL, color="#333")
        free_from = middle + half + SMALL * per_pt


def _marks(ax: Any, marks: list[tuple[int, str]], per_pt: float, span: int) -> None:
    """Event markers along the top of the strip, their labels spread so none overlap."""
    grouped: dict[int, list[str]] = {}
    for x, label in marks:
        grouped.setdefault(x, []).append(label)
    xs = sorted(grouped)
    spots = spread([float(x) for x in xs], FONT * 1.5 * per_pt, span - FONT * per_pt)
    for x, spot in zip(xs, spots, strict=True):
        ax.plot([x], [1.0], marker="v", color="black", markersize=5, clip_on=False)
        ax.plot([x, spot], [0.97, 0.9], color="#777", linewidth=0.5)
        ax.text(
            spot,
            0.88,
            "; ".join(grouped[x]),
            rotation=90,
            ha="center",
            va="top",
            fontsize=FONT,
            color="#222",
        )
    ax.set_ylim(0, 1.02)
    ax.set_yticks([])
    ax.set_ylabel("events", rotation=0, ha="right", va="center", fontsize=9)
