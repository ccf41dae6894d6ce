"""The trigger phrases that type a sentence's action: read it, extend it.

`TRIGGERS` maps each event type to the phrases that state it (the phrase
language is in `tracker.draft.phrases`: `expel*`, `...`, `(a|b)`, `[opt]`,
`{n}`). An entry is a phrase, or an object whose `phrase` is the phrase and
whose other keys are fields the event gets (`{"phrase": ..., "terms": [...]}`).
When phrases of two types overlap in a sentence, the longer match wins, and
on a tie the type listed first.

`TERMS` gives the phrases that name each term of an agreement; `DENIALS` the
phrases that make a sentence a denial; `UNCONFIRMED` the phrases that say a
side has not confirmed (they outrank a denial word: "did not confirm or deny").

Users add phrases without editing code: `--triggers FILE` or the
`TRACKER_DRAFT_TRIGGERS` variable names a JSON or TOML file (by its `.toml`
extension) of the same shape, whose phrases are added to the built-in ones::

    {"diplomats_expelled": ["kick* out ... diplomats"],
     "agreement_reached": [{"phrase": "pledg* to send back ... ambassadors",
                            "terms": ["ambassadors_return"]}],
     "terms": {"further_talks": ["(meet|talk) again"]},
     "denials": ["(is|was) fabricated"]}

or in TOML::

    diplomats_expelled = ["kick* out ... diplomats"]
    [terms]
    further_talks = ["(meet|talk) again"]
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from typing import Any

from tracker.draft.phrases import BadPhrase, compile_phrase
from tracker.errors import BadInput

ENVOY = "(ambassador*|envoy*)"
STAFF = "(diplomats|diplomat|staff|staffers|personnel|employees|officials|officers|spies)"

TRIGGERS: dict[str, list[str | dict[str, Any]]] = {
    "ambassador_appointed": [
        f"(appoint*|name*|nominat*) ... [as] [the] [new] {ENVOY}",
        "ambassador-designate",
    ],
    "credentials_presented": ["(present*|hand*|submit*) ... credentials"],
    "ambassador_recalled": [
        f"recall* ... {ENVOY}",
        f"{ENVOY} ... [been] recalled",
        "(pulled|called|summoned|brought|ordered) [back] home",
        "(returned|went|flew|travel*|left|came) ... for consultations",
    ],
    "ambassador_returned": [
        "returned to (his|her|their) (post|posts|duties)",
        "(is|was|are|were) back (at|to|in) (his|her|their) (post|posts)",
        "resumed (his|her|their) (duties|work)",
    ],
    "ambassador_expelled": [
        f"expel* ... {ENVOY}",
        f"{ENVOY} ... [been] expelled",
        f"{ENVOY} ... persona non grata",
    ],
    "ambassador_departed": [
        "(left|leaves|departed|departs|leaving) ... (ending|concluding|completing|"
        "after|at the end of) ... (tenure|term|mission|posting|stint)",
        "(end*|conclud*|complet*|finish*) (his|her) (tenure|term|mission|posting)",
        f"stepped down as ... {ENVOY}",
    ],
    "charge_d_affaires_named": [
        "(nam*|appoint*) ... (chargé|charge) d'affaires",
        "(chargé|charge) d'affaires ... (named|appointed)",
        "(lead*|head*|took charge of|takes charge of) ... as [the] (chargé|charge) d'affaires",
    ],
    "diplomats_expelled": [
        f"expel* ... {STAFF}",
        f"expulsion* of ... {STAFF}",
        f"{STAFF} ... [been] (expelled|ordered out)",
        f"order* ... {STAFF} ... (to leave|out)",
        "declar* ... persona non grata",
    ],
    "staff_cap_imposed": [
        f"(cut|cuts|reduce*|trim*|slash*) ... {STAFF} ... to {{n}}",
        f"(cap*|limit*|restrict*) ... {STAFF} ... (to|at) {{n}}",
        "(cap|ceiling|limit) of {n}",
    ],
    "staff_cap_lifted": [
        "(lift*|scrap*|remov*|end*) ... (cap|caps|ceiling|limit|limits) [on]",
        "(cap|ceiling|limit) ... [been] lifted",
    ],
    "embassy_closed": [
        "(clos*|shut*) ... embass*",
        "embass* ... [be] (closed|shut)",
    ],
    "embassy_suspended": [
        "suspend* ... (operations|work|activities) ... embass*",
        "embass* ... suspend*",
    ],
    "embassy_reopened": ["reopen* ... embass*", "embass* ... reopen*"],
    "consulate_opened": ["(open|opens|opened|reopen*) ... consulat*"],
    "consulate_suspended": [
        "suspend* ... (operations|work|activities|services) ... consulat*",
        "consulat* ... suspend*",
    ],
    "consulate_closed": [
        "(clos*|shut*) ... consulat*",
        "consulat* ... [be] (closed|shut)",
        "consulat* ... to close",
    ],
    "relations_severed": [
        "(sever*|cut|cuts|broke|break*) [off] [all] diplomatic (relations|ties)",
        "(sever*|broke off|break* off) (relations|ties)",
    ],
    "relations_restored": [
        "(restor*|re-establish*|reestablish*|resum*|normaliz*) [full] diplomatic (relations|ties)",
    ],
    "relations_downgraded": ["downgrad* ... (relations|ties|representation)"],
    "relations_upgraded": ["upgrad* ... (relations|ties|representation)"],
    "agreement_reached": [
        {
            "phrase": "(will|would|should|to) [be] return* to their ... (posts|positions|duties)",
            "terms": ["ambassadors_return"],
        },
        "agreed",
        "agree to",
        "(reached|struck|signed) ... (deal|agreement|understanding)",
    ],
    "talks_held": [
        "talks",
        "(met|meet|meets|meeting|summit|negotiations)",
        "held ... (consultations|discussions)",
    ],
}

TERMS: dict[str, list[str]] = {
    "ambassadors_return": [f"{ENVOY} ... return*", "return* to their (posts|positions)"],
    "ambassadors_exchange": [f"exchange* ... {ENVOY}", f"(send|name|appoint) new {ENVOY}"],
    "embassies_reopen": ["reopen* ... embass*"],
    "consulates_reopen": ["reopen* ... consulat*"],
    "staff_cap_lifted": ["(lift*|scrap*|remov*) ... (cap|caps|limit|limits|ceiling)"],
    "staffing_restored": ["restor* ... staff*", "(staff|staffing) ... (restored|normal)"],
    "further_talks": [
        "(further|more|another|next|new|follow-up) [round] [of] (talks|consultations|meetings)",
        "continue ... (talks|consultations|dialogue)",
    ],
}

DENIALS: list[str] = [
    "(denied|denies|deny|denying)",
    "(reject*|dismiss*|refut*) ... (claim*|report*|assertion*|account*)",
    "(is|was|were) (false|untrue|fabricated|not true)",
    "no such (agreement|decision|deal|meeting|talks)",
    "never (agreed|happened|took place)",
]

UNCONFIRMED: list[str] = [
    "(did not|didn't|has not|hasn't|have not|haven't|would not|wouldn't|declined to|"
    "refused to) [immediately] [publicly] [yet] (confirm|comment)",
    "(confirm|comment) or deny",
    "no (immediate) (confirmation|comment)",
]

LEVELS = {
    "chargé": "charge_d_affaires",
    "charge d": "charge_d_affaires",
    "interests section": "interests_section",
    "ambassador": "ambassador",
}


@dataclass(frozen=True)
class Trigger:
    """One phrase of the table, compiled, with the fields it gives the event."""

    type: str
    phrase: str
    pattern: re.Pattern[str]
    fields: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Table:
    """The compiled table: triggers in priority order, terms, denials."""

    triggers: list[Trigger]
    terms: dict[str, list[re.Pattern[str]]]
    denials: list[re.Pattern[str]]
    unconfirmed: list[re.Pattern[str]]


def _compile(text: str, where: str) -> re.Pattern[str]:
    if not isinstance(text, str) or not text.strip():
        raise BadInput(f"{where}: a phrase must be non-empty text")
    try:
        return compile_phrase(text)
    except BadPhrase as err:
        raise BadInput(f"{where}: {err}") from None


def _entries(kind: str, items: Any, where: str) -> list[Trigger]:
    if not isinstance(items, list):
        raise BadInput(f"{where}: {kind} must list phrases")
    out = []
    for item in items:
        data = {"phrase": item} if isinstance(item, str) else item
        if not isinstance(data, dict) or "phrase" not in data:
            raise BadInput(f"{where}: each {kind} entry is a phrase or has a 'phrase'")
        fields = {k: v for k, v in data.items() if k != "phrase"}
        out.append(Trigger(kind, data["phrase"], _compile(data["phrase"], where), fields))
    return out


def build(extra: dict[str, Any] | None = None, where: str = "--triggers") -> Table:
    """The built-in table, plus a user's phrases (checked: types, phrases)."""
    from events import REGISTRY

    extra = dict(extra or {})
    terms_extra = extra.pop("terms", {})
    denials_extra = extra.pop("denials", [])
    for kind in extra:
        if kind not in REGISTRY or kind in ("corrected", "retracted"):
            raise BadInput(f"{where}: unknown event type {kind!r} (see `tracker types`)")
    triggers: list[Trigger] = []
    for kind, items in TRIGGERS.items():
        triggers += _entries(kind, items + list(extra.pop(kind, [])), where)
    for kind, items in extra.items():
        triggers += _entries(kind, items, where)
    if not isinstance(terms_extra, dict):
        raise BadInput(f"{where}: terms must map each term to phrases")
    terms = {t: [_compile(p, where) for p in ps] for t, ps in TERMS.items()}
    for term, phrases in terms_extra.items():
        if term not in TERMS or not isinstance(phrases, list):
            raise BadInput(f"{where}: unknown agreement term {term!r}")
        terms[term] += [_compile(p, where) for p in phrases]
    if not isinstance(denials_extra, list):
        raise BadInput(f"{where}: denials must list phrases")
    denials = [_compile(p, where) for p in DENIALS + denials_extra]
    return Table(triggers, terms, denials, [_compile(p, where) for p in UNCONFIRMED])


def load(path: str | None) -> Table:
    """The table with the phrases of `path` (or TRACKER_DRAFT_TRIGGERS) added."""
    where = "--triggers"
    if path is None:
        path = os.environ.get("TRACKER_DRAFT_TRIGGERS") or None
        where = "TRACKER_DRAFT_TRIGGERS"
    if path is None:
        return build()
    try:
        with open(path, "rb") as handle:
            raw = handle.read()
    except OSError as err:
        raise BadInput(f"{where}: cannot read {path}: {err.strerror}") from None
    try:
        if path.lower().endswith(".toml"):
            import tomllib

            data = tomllib.loads(raw.decode("utf-8"))
        else:
            data = json.loads(raw.decode("utf-8-sig"))
    except (ValueError, UnicodeDecodeError) as err:
        raise BadInput(f"{where}: {path} is not valid: {err}") from None
    if not isinstance(data, dict):
        raise BadInput(f"{where}: the file must map event types to phrases")
    return build(data, where)
