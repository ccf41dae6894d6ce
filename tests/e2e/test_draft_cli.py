"""`tracker draft`: a report's text in, candidate events out as JSON Lines; nothing recorded."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from events import parse
from tests.e2e.conftest import Run

ROOT = Path(__file__).resolve().parents[2]
REPORTS = ROOT / "tests" / "fixtures" / "reports"
SEED_2021 = ROOT.parent / "shared" / "seeds" / "000_4d6ef7dbb10a8880.txt"


def lines(text: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def report(name: str) -> str:
    return str(REPORTS / name)


def test_draft_writes_valid_candidates_and_one_summary_line(run: Run, db: Path) -> None:
    result = run(
        "draft",
        report("expulsions.txt"),
        "--published",
        "2023-03-17",
        "--source",
        "https://example.org/expulsions",
        "--publisher",
        "Reuters",
    )
    assert result.exit_code == 0, result.stderr
    drafted = lines(result.stdout)
    assert [d["type"] for d in drafted] == ["diplomats_expelled", "diplomats_expelled"]
    for record in drafted:
        parse(record)
        assert "id" not in record  # import derives it from the content
        assert record["sources"][0]["url"] == "https://example.org/expulsions"
        assert record["sources"][0]["publisher"] == "Reuters"
        assert record["sources"][0]["published_on"] == "2023-03-17"
    assert result.stderr == "drafted 2 events (0 duplicates skipped)\n"
    assert not db.exists()  # drafting records nothing, and needs no store


def test_draft_reads_stdin_and_writes_the_output_file(run: Run, tmp_path: Path) -> None:
    out = tmp_path / "drafts.jsonl"
    text = (REPORTS / "consulates.txt").read_text(encoding="utf-8")
    result = run("draft", "-", "--published", "2022-10-19", "--output", str(out), stdin=text)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    assert {d["city"] for d in lines(out.read_text(encoding="utf-8"))} == {"Poznan", "Smolensk"}


def test_imported_drafts_are_duplicates_the_next_time(run: Run, tmp_path: Path) -> None:
    out = tmp_path / "drafts.jsonl"
    run("draft", report("staff_cap.txt"), "--published", "2024-05-14", "--output", str(out))
    imported = run("import", str(out))
    assert imported.exit_code == 0 and imported.stdout == "added 2, skipped 0\n"
    again = run("draft", report("staff_cap.txt"), "--published", "2024-05-14")
    assert again.stdout == ""
    assert again.stderr == "drafted 0 events (2 duplicates skipped)\n"


def test_candidates_the_store_holds_are_marked_and_included_only_when_asked(seeded: Run) -> None:
    if not SEED_2021.is_file():
        pytest.skip("the seed reports live in ../shared/seeds")
    skipped = seeded("draft", str(SEED_2021), "--published", "2021-06-16")
    assert skipped.stdout == "" and skipped.stderr == "drafted 0 events (4 duplicates skipped)\n"
    included = seeded("draft", str(SEED_2021), "--published", "2021-06-16", "--include-duplicates")
    drafted = lines(included.stdout)
    assert len(drafted) == 4
    assert all(d["note"].startswith("DUPLICATE of stored event ") for d in drafted)


def test_a_person_the_store_knows_is_mapped_to_their_state(
    seeded: Run, run: Run, tmp_path: Path
) -> None:
    result = seeded("draft", report("known_envoy.txt"), "--published", "2022-03-14")
    [recall] = lines(result.stdout)
    assert (recall["type"], recall["actor"], recall["target"], recall["occurred_on"]) == (
        "ambassador_recalled",
        "RU",
        "US",
        "2022-03-12",
    )
    assert recall["person"] == "Anatoly Antonov"
    unknown = run(
        "--db",
        str(tmp_path / "empty.db"),
        "draft",
        report("known_envoy.txt"),
        "--published",
        "2022-03-14",
        store=[],
    )
    assert unknown.stdout == ""


def test_a_denial_of_a_stored_claim_drafts_a_correction_to_disputed(
    run: Run, tmp_path: Path
) -> None:
    claims = tmp_path / "claims.jsonl"
    run("draft", report("claim.txt"), "--published", "2025-03-07", "--output", str(claims))
    assert run("import", str(claims)).exit_code == 0
    [claim] = [d for d in lines(claims.read_text()) if d["type"] == "agreement_reached"]
    assert claim["confidence"] == "claimed"
    result = run("draft", report("denial.txt"), "--published", "2025-03-11")
    [correction] = lines(result.stdout)
    assert correction["type"] == "corrected"
    assert correction["changes"] == {"confidence": "disputed"}
    assert str(parse(claim).id) == correction["event_id"]
    imported = run("import", "-", stdin=result.stdout)
    assert imported.exit_code == 0 and imported.stdout == "added 1, skipped 0\n"
    again = run("draft", report("denial.txt"), "--published", "2025-03-11")
    assert again.stderr == "drafted 0 events (1 duplicates skipped)\n"


def test_a_denial_of_nothing_known_drafts_nothing(seeded: Run) -> None:
    result = seeded("draft", report("denial.txt"), "--published", "2025-03-11")
    assert result.exit_code == 0
    assert result.stdout == "" and result.stderr == "drafted 0 events (0 duplicates skipped)\n"


def test_extra_trigger_phrases_come_from_the_file_given(run: Run, tmp_path: Path) -> None:
    text = tmp_path / "r.txt"
    text.write_text(
        "Poland sends diplomats home\n\nPoland on Monday kicked out five Russian "
        "diplomats, the ministry said.\n"
    )
    triggers = tmp_path / "triggers.json"
    triggers.write_text(json.dumps({"diplomats_expelled": ["kick* out ... diplomats"]}))
    plain = run("draft", str(text), "--published", "2023-05-10")
    assert plain.stdout == ""
    extended = run("draft", str(text), "--published", "2023-05-10", "--triggers", str(triggers))
    [expelled] = lines(extended.stdout)
    assert (expelled["actor"], expelled["target"], expelled["count"]) == ("PL", "RU", 5)
    assert expelled["occurred_on"] == "2023-05-08"


@pytest.mark.parametrize(
    "args, message",
    [
        (["--published", "2021-13-01"], "tracker: --published: "),
        (["--published", "2021-06"], "tracker: --published: "),
        (["--published", "2021-06-16", "--source", "not a url"], "tracker: --source: "),
        (["--published", "2021-06-16", "--review"], "tracker: --review: needs a terminal"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(run: Run, args: list[str], message: str) -> None:
    result = run("draft", report("expulsions.txt"), *args)
    assert result.exit_code == 2
    assert result.stderr.startswith(message) and result.stderr.count("\n") == 1
    assert result.stdout == ""


def test_a_missing_report_is_one_line_and_exit_2(run: Run) -> None:
    result = run("draft", "/nonexistent/report.txt", "--published", "2021-06-16")
    assert result.exit_code == 2
    assert (
        result.stderr == "tracker: FILE: cannot read /nonexistent/report.txt: "
        "No such file or directory\n"
    )
