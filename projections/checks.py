"""Checks of a history: each `check_x(belief, today) -> list[Problem]`."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from projections.facts import Belief, by_pair
from projections.folds import fold

Problem = dict[str, Any]
CLAIM_DAYS = 90


def _problem(
    code: str, pair: tuple[str, ...], on: str | None, ids: list[str], message: str
) -> Problem:
    return {"code": code, "pair": list(pair), "on": on, "event_ids": ids, "message": message}


def check_fold(belief: Belief, today: date) -> list[Problem]:
    """What the fold could not make sense of: a return with no recall, two heads."""
    out = []
    for pair, facts in sorted(by_pair(belief.facts).items()):
        for w in fold(facts, pair).warnings:
            out.append(_problem("inconsistent", pair, w["on"], [w["event_id"]], w["message"]))
    return out


def check_claims(belief: Belief, today: date) -> list[Problem]:
    """Claims neither confirmed (a correction of confidence) nor borne out (an
    agreement whose terms later events fulfilled) after 90 days."""
    kept = {
        ag["event_id"]
        for pair, facts in by_pair(belief.facts).items()
        for ag in fold(facts, pair, today).json()["agreements"]
        if ag["fulfilled"]
    }
    out = []
    for f in belief.facts:
        if f.claimed and f.ids[0] not in kept and f.start + timedelta(days=CLAIM_DAYS) < today:
            out.append(
                _problem(
                    "unconfirmed_claim",
                    f.event.pair,
                    f.start.isoformat(),
                    list(f.ids),
                    f"{f.event.type} is still a claim after {CLAIM_DAYS} days: {f.event.summary}",
                )
            )
    return out


def check_agreements(belief: Belief, today: date) -> list[Problem]:
    """Agreements whose due date has passed with terms unfulfilled."""
    out = []
    for pair, facts in sorted(by_pair(belief.facts).items()):
        for ag in fold(facts, pair, today).json()["agreements"]:
            if ag["due"] and ag["due"] < today.isoformat() and not ag["fulfilled"]:
                open_terms = [t for t, s in ag["term_status"].items() if not s["fulfilled"]]
                out.append(
                    _problem(
                        "agreement_overdue",
                        pair,
                        ag["due"],
                        [ag["event_id"]],
                        f"agreement due {ag['due']} has unfulfilled terms: {', '.join(open_terms)}",
                    )
                )
    return out


def check_references(belief: Belief, today: date) -> list[Problem]:
    """Corrections and retractions that name no known event or do not apply."""
    return [
        _problem("dangling", (), None, [str(r.event.id)], message) for r, message in belief.problems
    ]


CHECKS: tuple[Callable[[Belief, date], list[Problem]], ...] = (
    check_fold,
    check_claims,
    check_agreements,
    check_references,
)


def run_checks(belief: Belief, today: date) -> list[Problem]:
    return [p for check in CHECKS for p in check(belief, today)]
