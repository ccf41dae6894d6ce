"""The trigger table: its phrase language, and phrases a user adds from a file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tracker.draft.phrases import BadPhrase, compile_phrase
from tracker.draft.triggers import build, load
from tracker.errors import BadInput


def test_a_gap_matches_up_to_four_words() -> None:
    pattern = compile_phrase("recall* ... ambassador")
    assert pattern.search("Putin recalled Russia's top ambassador")
    assert not pattern.search("Putin recalled that in one of his talks an ambassador")


def test_alternatives_options_and_numbers() -> None:
    m = compile_phrase("(cut|reduce*) [its] staff to {n}").search("Russia will cut staff to 455")
    assert m is not None and m["n"] == "455"


def test_a_phrase_must_start_and_end_with_a_word() -> None:
    with pytest.raises(BadPhrase):
        compile_phrase("... ambassador")


def test_every_built_in_phrase_compiles() -> None:
    assert len(build().triggers) > 40


def test_phrases_from_a_json_file_are_added(tmp_path: Path) -> None:
    extra = tmp_path / "t.json"
    extra.write_text(json.dumps({"diplomats_expelled": ["kick* out ... diplomats"]}))
    table = load(str(extra))
    found = [t for t in table.triggers if t.pattern.search("Poland kicked out five diplomats")]
    assert [t.type for t in found] == ["diplomats_expelled"]


def test_phrases_from_a_toml_file_are_added(tmp_path: Path) -> None:
    extra = tmp_path / "t.toml"
    extra.write_text('[terms]\nfurther_talks = ["(meet|talk) again"]\n')
    assert any(p.search("they will talk again") for p in load(str(extra)).terms["further_talks"])


def test_the_environment_variable_names_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    extra = tmp_path / "t.json"
    extra.write_text(json.dumps({"talks_held": ["video call"]}))
    monkeypatch.setenv("TRACKER_DRAFT_TRIGGERS", str(extra))
    assert any(t.phrase == "video call" for t in load(None).triggers)


def test_an_unknown_type_in_the_file_is_bad_input(tmp_path: Path) -> None:
    extra = tmp_path / "t.json"
    extra.write_text(json.dumps({"embassy_bombed": ["boom"]}))
    with pytest.raises(BadInput, match="--triggers: unknown event type 'embassy_bombed'"):
        load(str(extra))
