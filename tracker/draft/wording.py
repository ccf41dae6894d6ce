"""What the drafter writes: a one-line summary in its own words, a short quote, a note."""

from __future__ import annotations

import re
from typing import Any

from tracker.draft.names import short_name
from tracker.draft.sentences import ABBREVIATIONS

QUOTE_WORDS = 14

SUMMARIES: dict[str, str] = {
    "ambassador_appointed": "{A} names {person} its ambassador to {T}",
    "credentials_presented": "{A}'s envoy {person} presents credentials in {T}",
    "ambassador_recalled": "{A} recalls its ambassador{ person} from {T}",
    "ambassador_returned": "{A}'s ambassador{ person} is back at post in {T}",
    "ambassador_expelled": "{A} expels {T}'s ambassador{ person}",
    "ambassador_departed": "{A}'s ambassador{ person} leaves {T}: the post is vacant",
    "charge_d_affaires_named": "{A} names {person} chargé d'affaires in {T}",
    "diplomats_expelled": "{A} expels{ count} diplomats of {T}",
    "staff_cap_imposed": "{A} caps {T}'s diplomatic staff at {cap}",
    "staff_cap_lifted": "{A} lifts its cap on {T}'s diplomatic staff",
    "embassy_closed": "{M}'s embassy closes ({A} acting, {T} the other side)",
    "embassy_suspended": "{M}'s embassy suspends its work ({A} acting)",
    "embassy_reopened": "{M}'s embassy reopens ({A} acting)",
    "consulate_opened": "{M}'s consulate in {city} opens ({A} acting)",
    "consulate_suspended": "{M}'s consulate in {city} suspends its work ({A} acting)",
    "consulate_closed": "{M}'s consulate in {city} closes ({A} acting)",
    "relations_severed": "{A} breaks off diplomatic relations with {T}",
    "relations_restored": "{A} and {T} restore diplomatic relations",
    "relations_downgraded": "{A} downgrades relations with {T} to {level}",
    "relations_upgraded": "{A} upgrades relations with {T} to {level}",
    "talks_held": "{A} and {T} hold talks{ place}",
    "agreement_reached": "{A} and {T} agree: {terms}",
}
FALLBACK = "{A} and {T}: {type}"


def summary(record: dict[str, Any]) -> str:
    """The drafter's one-line summary of a candidate, from the type's template."""
    template = SUMMARIES.get(record["type"], FALLBACK)
    values = {
        "A": short_name(record["actor"]),
        "T": short_name(record["target"]),
        "M": short_name(record.get("mission_of") or record["target"]),
        "type": record["type"].replace("_", " "),
        "terms": ", ".join(t.replace("_", " ") for t in record.get("terms", [])),
        "level": str(record.get("level", "")).replace("_", " "),
    }
    for key in ("person", "city", "cap", "count", "place"):
        value = record.get(key)
        values[key] = str(value) if value is not None else ""
        values[f" {key}"] = f" {value}" if value is not None else ""
    values[" place"] = f" in {record['place']}" if record.get("place") else ""
    text = re.sub(r"\{( ?\w+)\}", lambda m: values.get(m.group(1), ""), template)
    text = text[:1].upper() + text[1:]
    if record.get("confidence") == "claimed":
        text += " (a claim, not confirmed by the other side)"
    return text


def quote(sentence: str, start: int, end: int) -> str:
    """A short phrase of the sentence around the trigger, at most QUOTE_WORDS words."""
    words = list(re.finditer(r"\S+", sentence))
    inside = [i for i, w in enumerate(words) if w.start() < end and w.end() > start]
    if not inside:
        return sentence[:200]
    first, last = inside[0], inside[-1]
    last = min(last, first + QUOTE_WORDS - 1)
    while (
        last - first + 1 < QUOTE_WORDS
        and last + 1 < len(words)
        and not _stops(words[last].group(0))
    ):
        last += 1
    while last - first + 1 < QUOTE_WORDS and first > 0 and not _stops(words[first - 1].group(0)):
        first -= 1
    text = sentence[words[first].start() : words[last].end()].strip(" ,;:—\"“”‘’'")
    if not text.endswith(tuple(ABBREVIATIONS)):
        text = text.rstrip(".")
    return text or sentence[start:end]


def _stops(word: str) -> bool:
    """Whether a quote stops at this word: it ends a clause (not an abbreviation)."""
    return word not in ABBREVIATIONS and bool(re.search(r"[,;:.“”\"—]$", word))


def note(sentence: str, why: list[str], also: list[str]) -> str:
    """The reviewer's note: where the candidate came from and why it was typed so."""
    lines = [f"From the report: {sentence}", "Why: " + "; ".join(why) + "."]
    if also:
        lines.append("Also stated in: " + " | ".join(also))
    return "\n".join(lines)
