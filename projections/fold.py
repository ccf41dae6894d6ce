"""One `apply` per event type: how a fact changes the posture of its pair."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from projections.agreements import settle
from projections.facts import Fact
from projections.state import ENGAGEMENTS, Head, Mark, Mission, Named, PairState, Status

Handler = Callable[[PairState, Mission, Fact], None]
HANDLERS: dict[str, Handler] = {}


def handles(*types: str) -> Callable[[Handler], Handler]:
    def register(fn: Handler) -> Handler:
        for t in types:
            HANDLERS[t] = fn
        return fn

    return register


def apply(state: PairState, fact: Fact) -> None:
    """Change `state` by one fact (in fold order), then settle agreements."""
    e = fact.event
    sender = e.mission or e.actor
    HANDLERS[e.type](state, state.mission(sender), fact)
    settle(state, fact)


def _at_work(state: PairState, fact: Fact, mission: Mission) -> None:
    """A head at post or a chargé at work implies an open embassy and relations."""
    if mission.embassy.status == "unknown":
        mission.embassy = Status("open", Mark.of(fact), implied=True)
    if state.relations.status == "unknown":
        state.relations = Status("established", Mark.of(fact), implied=True)


def _person(e: Any) -> str | None:
    return getattr(e, "person", None)


@handles("ambassador_appointed")
def _appointed(state: PairState, m: Mission, fact: Fact) -> None:
    e: Any = fact.event
    title = e.title or "ambassador"
    head = m.head
    if head.name == e.person:
        if head.status in ("unknown", "vacant"):
            m.head = Head(e.person, title, "designated", Mark.of(fact))
    elif head.status in ("unknown", "vacant") or head.name is None:
        m.head = Head(e.person, title, "designated", Mark.of(fact))
    else:
        m.successor = Named(e.person, Mark.of(fact), title)


@handles("credentials_presented")
def _credentials(state: PairState, m: Mission, fact: Fact) -> None:
    e: Any = fact.event
    head = m.head
    if head.name == e.person and head.status == "at_post":
        return
    title = e.title or (head.title if head.name == e.person else None)
    if m.successor is not None and m.successor.name == e.person:
        title = title or m.successor.title
        m.successor = None
    if head.name not in (None, e.person) and head.status not in ("vacant", "unknown"):
        state.warn(
            fact,
            f"{e.person} presents credentials while {head.name} is still head "
            f"({head.status}); no departure recorded: two heads at once",
        )
    m.head = Head(e.person, title or "ambassador", "at_post", Mark.of(fact))
    m.charge = None
    _at_work(state, fact, m)


@handles("ambassador_recalled", "ambassador_expelled")
def _away(state: PairState, m: Mission, fact: Fact) -> None:
    e = fact.event
    status = "recalled" if e.type == "ambassador_recalled" else "expelled"
    head, person = m.head, _person(e)
    if head.status == status:
        state.warn(fact, f"{e.type} while the head is already {status}")
    elif head.status == "vacant":
        state.warn(fact, f"{e.type} while the post is vacant")
    if person and head.name and person != head.name:
        state.warn(fact, f"{e.type} names {person}, but the head is {head.name}")
    m.head = Head(person or head.name, head.title, status, Mark.of(fact))


@handles("ambassador_returned")
def _returned(state: PairState, m: Mission, fact: Fact) -> None:
    head, person = m.head, _person(fact.event)
    if head.status != "recalled":
        state.warn(fact, f"ambassador_returned with no recall (head {head.status})")
    m.head = Head(person or head.name, head.title, "at_post", Mark.of(fact))
    m.charge = None
    _at_work(state, fact, m)


@handles("ambassador_departed")
def _departed(state: PairState, m: Mission, fact: Fact) -> None:
    head, person = m.head, _person(fact.event)
    if person and head.name and person != head.name:
        state.warn(fact, f"ambassador_departed names {person}, but the head is {head.name}")
    if m.successor is not None:
        s = m.successor
        m.head, m.successor = Head(s.name, s.title, "designated", s.mark), None
    else:
        m.head = Head(None, head.title, "vacant", Mark.of(fact))


@handles("charge_d_affaires_named")
def _charge(state: PairState, m: Mission, fact: Fact) -> None:
    m.charge = Named(str(_person(fact.event)), Mark.of(fact))
    _at_work(state, fact, m)


@handles("diplomats_expelled")
def _expelled(state: PairState, m: Mission, fact: Fact) -> None:
    m.staff_expelled += getattr(fact.event, "count", None) or 0
    m.staff_event_ids.extend(fact.ids)


@handles("staff_cap_imposed", "staff_cap_lifted")
def _cap(state: PairState, m: Mission, fact: Fact) -> None:
    m.staff_cap = getattr(fact.event, "cap", None)
    m.staff_event_ids.extend(fact.ids)


_PREMISES = {"closed": "closed", "suspended": "suspended", "reopened": "open"}
_PREMISES["opened"] = "open"


@handles("embassy_closed", "embassy_suspended", "embassy_reopened")
def _embassy(state: PairState, m: Mission, fact: Fact) -> None:
    m.embassy = Status(_PREMISES[fact.event.type.split("_")[1]], Mark.of(fact))


@handles("consulate_opened", "consulate_suspended", "consulate_closed")
def _consulate(state: PairState, m: Mission, fact: Fact) -> None:
    city = " ".join(str(getattr(fact.event, "city", "")).split())
    key = city.casefold()
    shown = m.consulates[key][0] if key in m.consulates else city
    status = _PREMISES[fact.event.type.split("_")[1]]
    m.consulates[key] = (shown, Status(status, Mark.of(fact)))


@handles("relations_severed", "relations_restored")
def _relations(state: PairState, m: Mission, fact: Fact) -> None:
    severed = fact.event.type == "relations_severed"
    state.relations = Status("severed" if severed else "established", Mark.of(fact))
    if not severed and state.ceiling == "none":
        state.ceiling = None


@handles("relations_downgraded", "relations_upgraded")
def _level(state: PairState, m: Mission, fact: Fact) -> None:
    level = getattr(fact.event, "level", None)
    state.ceiling = None if level == "ambassador" else level


@handles("talks_held")
def _talks(state: PairState, m: Mission, fact: Fact) -> None:
    state.engagements = [*state.engagements[-(ENGAGEMENTS - 1) :], fact]


@handles("agreement_reached", "agreement_fulfilled")
def _agreements(state: PairState, m: Mission, fact: Fact) -> None:
    """Agreements are kept by `settle`, which runs after every fact."""
