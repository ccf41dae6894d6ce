"""Commitments: each term of an agreement and the rule that sees it kept."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from events.missions import HEAD_TYPES
from projections.facts import Fact
from projections.state import Agreement, Mission, PairState

Rule = Callable[[PairState, Agreement, Fact], list[str] | None]


def _both(state: PairState, ok: Callable[[Mission], list[str] | None]) -> list[str] | None:
    found: list[str] = []
    for m in state.missions.values():
        ids = ok(m)
        if ids is None:
            return None
        found += ids
    return found


def _returned(state: PairState, a: Agreement, fact: Fact) -> list[str] | None:
    return _both(
        state, lambda m: list(m.head.mark.event_ids) if m.head.status == "at_post" else None
    )


def _exchanged(state: PairState, a: Agreement, fact: Fact) -> list[str] | None:
    def ok(m: Mission) -> list[str] | None:
        if m.head.status in ("designated", "at_post"):
            return list(m.head.mark.event_ids)
        if m.successor is not None:
            return list(m.successor.mark.event_ids)
        return None

    return _both(state, ok)


def _embassies(state: PairState, a: Agreement, fact: Fact) -> list[str] | None:
    return _both(
        state, lambda m: list(m.embassy.mark.event_ids) if m.embassy.status == "open" else None
    )


def _consulates(state: PairState, a: Agreement, fact: Fact) -> list[str] | None:
    found: list[str] = []
    for city in a.cities or []:
        key = " ".join(city.split()).casefold()
        opened = [
            m.consulates[key][1]
            for m in state.missions.values()
            if key in m.consulates and m.consulates[key][1].status == "open"
        ]
        if not opened:
            return None
        found += opened[0].mark.event_ids
    return found


def _uncapped(state: PairState, a: Agreement, fact: Fact) -> list[str] | None:
    if any(m.staff_cap is not None for m in state.missions.values()):
        return None
    return [i for m in state.missions.values() for i in m.staff_event_ids[-1:]]


def _talks(state: PairState, a: Agreement, fact: Fact) -> list[str] | None:
    later = (
        fact.event.type == "talks_held" and a.mark.since is not None and fact.start > a.mark.since
    )
    return list(fact.ids) if later else None


def _never(state: PairState, a: Agreement, fact: Fact) -> list[str] | None:
    return None


RULES: dict[str, Rule] = {
    "ambassadors_return": _returned,
    "ambassadors_exchange": _exchanged,
    "embassies_reopen": _embassies,
    "consulates_reopen": _consulates,
    "staff_cap_lifted": _uncapped,
    "staffing_restored": _never,
    "further_talks": _talks,
}


HEADS = frozenset(HEAD_TYPES)
# The fact types after which each rule's answer can change.
TOUCHED_BY: dict[str, frozenset[str]] = {
    "ambassadors_return": HEADS,
    "ambassadors_exchange": HEADS,
    "embassies_reopen": frozenset(
        {
            "embassy_closed",
            "embassy_suspended",
            "embassy_reopened",
            "credentials_presented",
            "ambassador_returned",
            "charge_d_affaires_named",
        }
    ),
    "consulates_reopen": frozenset({"consulate_opened", "consulate_suspended", "consulate_closed"}),
    "staff_cap_lifted": frozenset({"staff_cap_imposed", "staff_cap_lifted"}),
    "staffing_restored": frozenset(),
    "further_talks": frozenset({"talks_held"}),
}


def settle(state: PairState, fact: Fact) -> None:
    """Open an agreement, mark terms kept by a rule or an agreement_fulfilled."""
    e: Any = fact.event
    if e.type == "agreement_reached":
        agreement = Agreement.of(fact)
        state.agreements.append(agreement)
        for term in e.terms:
            agreement.terms[term] = RULES[term](state, agreement, fact)
            if agreement.terms[term] is None:
                state.open_terms.setdefault(term, []).append(agreement)
        return
    if e.type == "agreement_fulfilled":
        _fulfil(state, fact)
        return
    for term, open_ in state.open_terms.items():
        if e.type not in TOUCHED_BY[term]:
            continue
        still = []
        for agreement in open_:
            if agreement.terms[term] is None:
                agreement.terms[term] = RULES[term](state, agreement, fact)
            if agreement.terms[term] is None:
                still.append(agreement)
            elif state.revised is not None:
                state.revised.append(agreement)
        open_[:] = still


def _fulfil(state: PairState, fact: Fact) -> None:
    e: Any = fact.event
    target = str(e.event_id)
    found = [a for a in state.agreements if a.event_id == target]
    if not found:
        state.warn(fact, f"agreement_fulfilled names no known agreement {target}")
    for a in found:
        for term in e.terms or list(a.terms):
            if term not in a.terms:
                state.warn(fact, f"the agreement has no term {term}")
            elif a.terms[term] is None:
                a.terms[term] = list(fact.ids)
                if state.revised is not None:
                    state.revised.append(a)
