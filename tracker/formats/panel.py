"""The panel: one row per directed pair and date, coded like the CoW diplomatic exchange data.

The Correlates of War Diplomatic Exchange dataset (DipEx) codes the
representation of one state in another as

    0  none            (no diplomatic representation)
    1  chargé d'affaires
    2  minister
    3  ambassador
    9  other

and this panel maps the posture's `level` of the sender's mission in the
receiver onto that code (`dr_at_receiver`):

    ambassador         -> 3
    charge_d_affaires  -> 1
    interests_section  -> 9
    none               -> 0
    unknown            -> empty (NA: no event has told)

The tracker records no ministers (legations), so 2 never occurs. DipEx keys a
row by CoW country numbers (`ccode1`, `ccode2`) with `DR_at_1` (the
representation of side 2 in side 1) and `DR_at_2`; this panel gives ISO
alpha-2 codes instead. To merge, map `sender` and `receiver` to CoW numbers
and match `dr_at_receiver` of (sender, receiver) with `DR_at_1` where
ccode1 = receiver and ccode2 = sender.

Columns: sender, sender_name, receiver, receiver_name, year, date, level,
dr_at_receiver, head_status, embassy_status; rows by pair, direction and date.
Without dates, a row for each 31 December from the year of the first event to
that of the last; every pair of the events gets a row at every date (a
balanced panel).
"""

from __future__ import annotations

import csv
import io
from datetime import date

from events import Recorded
from events.countries import name
from projections.facts import believe, by_pair
from projections.folds import fold

DIPEX = {"none": "0", "charge_d_affaires": "1", "ambassador": "3", "interests_section": "9"}
COLUMNS = (
    "sender",
    "sender_name",
    "receiver",
    "receiver_name",
    "year",
    "date",
    "level",
    "dr_at_receiver",
    "head_status",
    "embassy_status",
)


def year_ends(records: list[Recorded]) -> list[date]:
    """31 December of each year from the first event to the last."""
    years = [r.event.start.year for r in records if not r.event.is_meta]
    if not years:
        return []
    return [date(y, 12, 31) for y in range(min(years), max(years) + 1)]


def panel_csv(records: list[Recorded], dates: list[date]) -> str:
    """The panel as CSV: every directed pair at every date (default: each year's end)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    ats = sorted(set(dates)) or year_ends(records)
    for (a, b), facts in sorted(by_pair(believe(records).facts).items()):
        states = [(at, fold(facts, (a, b), at).json()["missions"]) for at in ats]
        for sender, receiver in ((a, b), (b, a)):
            for at, missions in states:
                m = missions[f"{sender}->{receiver}"]
                writer.writerow(
                    (
                        sender,
                        name(sender),
                        receiver,
                        name(receiver),
                        at.year,
                        at.isoformat(),
                        m["level"],
                        DIPEX.get(m["level"], ""),
                        m["head"]["status"],
                        m["embassy"]["status"],
                    )
                )
    return out.getvalue()
