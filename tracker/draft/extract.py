"""One sentence to the actions it states: each typed, with its states, date and fields.

A trigger phrase (`tracker.draft.triggers`) types the action; a negated or
hypothetical one ("did not expel", "threatened to close") states nothing.
Roles come from `tracker.draft.roles`, fields from `tracker.draft.fields`,
dates from `tracker.draft.dates`: the date nearest the trigger that its tense
allows (a future action takes no "last week"), a statement's date ("said
Wednesday") only when nothing else dates the action.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from events.missions import HEAD_TYPES
from tracker.draft import fields as f
from tracker.draft import roles
from tracker.draft.dates import DateMention, find_dates
from tracker.draft.names import Mention, People, mentions
from tracker.draft.phrases import number
from tracker.draft.sentences import Sentence
from tracker.draft.triggers import Table, Trigger

MISSION_HEAD = (*HEAD_TYPES, "charge_d_affaires_named")
HOST_ACTS = ("diplomats_expelled", "staff_cap_imposed", "staff_cap_lifted")
BILATERAL = ("talks_held", "agreement_reached", "agreement_fulfilled", "relations_restored")
NEEDS_PERSON = ("ambassador_appointed", "credentials_presented", "charge_d_affaires_named")

SPEECH = r"said|says|told|insisted|claimed|stated|added|reiterated|wrote|tweeted"
REPORTING = r"announced|confirmed|denied|denies|noted|warned"
_ATTRIBUTION = re.compile(
    r"(?P<who>[^,;:“”\"—(]{2,80}?)\s+(?:\w+ly\s+)?(?:has\s+|had\s+)?"
    rf"(?P<verb>(?:{SPEECH})\b|(?:{REPORTING})(?=\s*(?:that\b|on\b|\w+day\b|,|\.|$|[“\"])))"
)
_ACCORDING = re.compile(r"\baccording to (?P<who>[^,;.]{2,60})")
_PRONOUN = re.compile(r"^(?:He|She|They|It|The minister|The spokesman|The spokeswoman)$")
_GUARD = re.compile(
    r"(?:\bnot|\bnever|\bno longer|n['’]t|\brefused to|\bdeclined to|\bthreaten\w* to|\bcould"
    r"|\bmight|\bmay|\bif|\bwhether|\bconsider\w*|\bmulling|\bweighing|\bwithout|\bwould"
    r" consider)\s+(?:\w+\s+){0,2}$"
)
_AGREED_TO = re.compile(r"\bagree\w*\s+(?:\S+\s+){0,3}?to\s+(?:\S+\s+){0,3}$")
_FUTURE = re.compile(
    r"\b(?:will|would|'ll|shall|should|is to|are to|to be held|scheduled|"
    r"set to|expected to|plans? to|planned|due to|agreed to)\b",
    re.I,
)
_DEADLINE_BEFORE = re.compile(r"\b(?:by|until|before|no later than)\s+$")
_ANAPHOR = re.compile(
    r"\b(?:at|during|after|in|from) (?:the|those|these|that|this) "
    r"(?:talks|meeting|summit|negotiations)\b",
    re.I,
)
_CONTINUATION = re.compile(
    r"^(?:That|This|These|It|They) (?:includes?|means|involves?|"
    r"would|will|covers?)\b"
)


@dataclass
class Raw:
    """An action as one sentence states it (before merging with the others)."""

    type: str
    actor: str
    target: str
    fields: dict[str, Any]
    sentence: Sentence
    start: int
    end: int
    date: DateMention | None
    statement: DateMention | None
    speaker: str | None
    confirms: bool = False
    denied: bool = False
    anaphor: bool = False
    why: list[str] = field(default_factory=list)


@dataclass
class Context:
    """What the whole report tells each sentence: the day, the table, the main pair."""

    published: date
    table: Table
    people: People
    pair: tuple[str, str] | None = None
    speaker: str | None = None
    last_speaker: str | None = None

    def other(self, code: str | None) -> str | None:
        if self.pair is None or code not in self.pair:
            return None
        return self.pair[1] if code == self.pair[0] else self.pair[0]


def attribution(text: str, ms: list[Mention], ctx: Context) -> tuple[str | None, tuple[int, int]]:
    """Whose words the sentence reports, and where the attribution sits."""
    for pattern in (_ATTRIBUTION, _ACCORDING):
        for m in pattern.finditer(text):
            who = m["who"].strip()
            inside = [x for x in ms if m.start("who") <= x.start < m.end("who")]
            if inside:
                return inside[0].code, (m.start("who"), m.end())
            if _PRONOUN.match(who):
                return ctx.last_speaker, (m.start("who"), m.end())
    return None, (0, 0)


def triggers_in(text: str, table: Table) -> list[tuple[Trigger, re.Match[str]]]:
    """Trigger matches that state an action: longest first, no two overlapping."""
    found = []
    for rank, trig in enumerate(table.triggers):
        for m in trig.pattern.finditer(text):
            before = text[max(0, m.start() - 50) : m.start()]
            if _GUARD.search(before):
                continue
            if trig.type != "agreement_reached" and _AGREED_TO.search(before):
                continue  # what was agreed is a term, not an action yet
            found.append((-(m.end() - m.start()), rank, trig, m))
    kept: list[tuple[Trigger, re.Match[str]]] = []
    for _, _, trig, m in sorted(found, key=lambda x: (x[0], x[1])):
        if all(m.end() <= k.start() or k.end() <= m.start() for _, k in kept):
            kept.append((trig, m))
    return sorted(kept, key=lambda x: x[1].start())


def _distance(d: DateMention, start: int, end: int) -> int:
    return start - d.end if d.end <= start else max(0, d.start - end)


def choose_date(
    dates: list[DateMention],
    start: int,
    end: int,
    future: bool,
    exclude: tuple[DateMention, ...] = (),
) -> DateMention | None:
    """The date nearest the trigger that its tense allows; statements last."""
    allowed = [d for d in dates if d not in exclude and d.kind != ("past" if future else "future")]
    plain = [d for d in allowed if not d.statement]
    pool = plain or ([] if future else [d for d in allowed if d.statement])
    return min(pool, key=lambda d: _distance(d, start, end)) if pool else None


def _pairs(
    kind: str,
    trig: re.Match[str],
    text: str,
    ms: list[Mention],
    ctx: Context,
    envs: list[roles.Envoy],
    skip: set[int],
) -> list[tuple[str | None, str | None, dict[str, Any], str]]:
    """(actor, target, fields, why) for each action the trigger states."""
    start = trig.start()
    subj = roles.subject(text, start, ms, skip)
    subj_code = subj.code if subj else None
    if kind in MISSION_HEAD:
        out: list[tuple[str | None, str | None, dict[str, Any], str]] = []
        for e in envs:
            if e.plural and e.owner is None and ctx.pair:
                a, b = ctx.pair
                out += [(a, b, {}, "both envoys"), (b, a, {}, "both envoys")]
                continue
            person = {"person": e.person} if e.person else {}
            if kind == "ambassador_expelled":
                actor = e.host or (subj_code if subj_code != e.owner else None)
                out.append((actor, e.owner or ctx.other(actor), person, "envoy of the target"))
                continue
            owner = e.owner or subj_code
            host = e.host or (subj_code if subj_code != owner else None) or ctx.other(owner)
            out.append((owner, host, person, f"envoy {text[e.start : e.end]!r}"))
        if not envs:
            person = {"person": subj.person} if subj and subj.person else {}
            out.append((subj_code, ctx.other(subj_code), person, "the acting state"))
        return out
    if kind in BILATERAL:
        codes: list[str] = []
        for m in ms:
            if m.start not in skip and not roles.is_place(text, m) and m.code not in codes:
                codes.append(m.code)
        speaker = ctx.speaker
        if len(codes) == 1:
            codes.append(ctx.other(codes[0]) or "")
        elif not codes and ctx.pair:
            codes = list(ctx.pair)
        if len(codes) < 2 or not codes[1]:
            return []
        a, b = codes[0], codes[1]
        if speaker == b:
            a, b = b, a
        return [(a, b, {}, "the two parties named")]
    owner_m, own, _ = roles.object_owner(text, start, ms)
    passive = roles.agent(text, start, trig.end(), ms)
    actor = passive.code if passive else subj_code
    owner = owner_m.code if owner_m else None
    if own:
        if kind in HOST_ACTS:
            near = [m for m in ms if m.end <= start and m.code != actor]
            owner = near[-1].code if near else ctx.other(actor)
        else:
            owner = actor
    if actor is None or (actor == owner and kind in HOST_ACTS):
        actor = ctx.other(owner)
    target = owner if owner and owner != actor else None
    if target is None:
        rest = [m.code for m in ms if m.code != actor and m.start not in skip]
        target = rest[0] if rest else ctx.other(actor)
    extra: dict[str, Any] = {}
    if kind.startswith(("embassy_", "consulate_")):
        extra["mission_of"] = owner or target
    return [(actor, target, extra, "acting state and object")]


def _fields(
    kind: str, trig: Trigger, m: re.Match[str], text: str, following: str | None, ctx: Context
) -> list[dict[str, Any]] | None:
    """The type's own fields (one set per city for consulates); None drops it."""
    out: dict[str, Any] = {k: v for k, v in trig.fields.items() if k != "terms"}
    if kind == "talks_held":
        extra = {
            "place": f.place(text, m.start()),
            "rank": f.rank(text, m.start()),
            "topic": f.topic(text, m.start()),
        }
        out |= {k: v for k, v in extra.items() if v}
    elif kind == "agreement_reached":
        span = text + (" " + following if following and _CONTINUATION.match(following) else "")
        got = f.terms(span, ctx.table, list(trig.fields.get("terms", [])))
        if "terms" not in got:
            return None
        out |= got
    elif kind == "diplomats_expelled":
        count = f.count(text, m.start(), m.end())
        if count is not None:
            out["count"] = count
    elif kind == "staff_cap_imposed":
        cap = m.groupdict().get("n")
        if cap is None:
            return None
        out["cap"] = number(cap)
    elif kind in ("relations_downgraded", "relations_upgraded"):
        out["level"] = f.level(text, kind)
    elif kind == "credentials_presented" and f.stage(text):
        out["stage"] = f.stage(text)
    if kind.startswith("consulate_"):
        named = f.cities(text)
        return [out | {"city": c} for c in named] or None
    return [out]


def _deadline(
    text: str,
    deadlines: tuple[DateMention, ...],
    when: DateMention | None,
) -> dict[str, Any]:
    if deadlines and deadlines[0].precision == "day":
        return {"deadline": deadlines[0].value}
    if when is not None and when.precision == "day" and when.value:
        by = f.deadline(text, date.fromisoformat(when.value))
        return {"deadline": by} if by else {}
    return {}


def _nearest_name(text: str, at: int, ms: list[Mention]) -> str | None:
    """The person named nearest a trigger (not a state's name)."""
    from tracker.draft.names import NAME

    names = [
        n
        for n in re.finditer(NAME, text)
        if not any(c.start <= n.start() < c.end and not c.person for c in ms)
    ]
    best = min(names, key=lambda n: abs(n.start() - at), default=None)
    return best.group(0) if best else None


def _assign(envs: list[roles.Envoy], spans: list[tuple[int, int]]) -> list[list[roles.Envoy]]:
    """Each envoy to the nearest mission-head trigger."""
    groups: list[list[roles.Envoy]] = [[] for _ in spans]
    for e in envs:
        if spans:
            best = min(
                range(len(spans)),
                key=lambda i: min(abs(e.start - spans[i][1]), abs(spans[i][0] - e.end)),
            )
            groups[best].append(e)
    return groups


def actions(sentence: Sentence, following: str | None, ctx: Context) -> list[Raw]:
    """The actions one sentence states (denials flagged, not yet matched)."""
    text = sentence.text
    ms = mentions(text, ctx.people)
    speaker, (w0, w1) = attribution(text, ms, ctx)
    ctx.speaker, ctx.last_speaker = speaker, speaker or ctx.last_speaker
    skip = {m.start for m in ms if w0 <= m.start < w1}
    dates = find_dates(text, ctx.published)
    deadlines = tuple(d for d in dates if _DEADLINE_BEFORE.search(text[: d.start]))
    denied = any(p.search(text) for p in ctx.table.denials) and not any(
        p.search(text) for p in ctx.table.unconfirmed
    )
    confirms = bool(re.search(r"\bconfirmed\b", text)) and not any(
        p.search(text) for p in ctx.table.unconfirmed
    )
    found = triggers_in(text, ctx.table)
    heads = [(t, m) for t, m in found if t.type in MISSION_HEAD]
    envs = [e for e in roles.envoys(text, ms, ctx.people) if not w0 <= e.start < w1]
    envs = envs or roles.known_envoys([m for m in ms if m.start not in skip], ctx.people)
    groups = dict(
        zip([id(m) for _, m in heads], _assign(envs, [m.span() for _, m in heads]), strict=True)
    )
    out: list[Raw] = []
    for trig, m in found:
        kind = trig.type
        future = bool(_FUTURE.search(text[max(0, m.start() - 40) : m.end()]))
        excluded = deadlines if kind == "diplomats_expelled" else ()
        when = choose_date(dates, m.start(), m.end(), future, excluded)
        statement = next((d for d in dates if d.statement and d.kind != "vague"), None)
        field_sets = _fields(kind, trig, m, text, following, ctx)
        if field_sets is None:
            continue
        for actor, target, extra, why in _pairs(
            kind, m, text, ms, ctx, groups.get(id(m), []), skip
        ):
            if not actor or not target or actor == target:
                continue
            if kind in NEEDS_PERSON and "person" not in extra:
                named = _nearest_name(text, m.start(), ms)
                if named is None:
                    continue
                extra = extra | {"person": named}
            for own in field_sets:
                values = own | extra
                if kind == "diplomats_expelled":
                    values |= _deadline(text, deadlines, when)
                out.append(
                    Raw(
                        kind,
                        actor,
                        target,
                        values,
                        sentence,
                        m.start(),
                        m.end(),
                        when,
                        statement,
                        speaker,
                        confirms,
                        denied,
                        bool(_ANAPHOR.search(text)),
                        [f"trigger {m.group(0)!r}", why],
                    )
                )
    return out
