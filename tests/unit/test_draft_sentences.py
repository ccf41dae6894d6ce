"""A report's headline, its news sentences, and the page debris left out."""

from __future__ import annotations

from tracker.draft.sentences import read, split


def test_the_first_line_is_the_headline_and_no_sentence() -> None:
    report = read("Russia expels diplomats\n\nRussia expelled two diplomats on Monday.\n")
    assert report.headline == "Russia expels diplomats"
    assert [s.text for s in report.sentences] == ["Russia expelled two diplomats on Monday."]


def test_captions_links_boxes_and_test_strings_are_debris() -> None:
    lines = [
        "Biden, Putin meet to lower tensions",
        "US President (R) meets Putin (L) in Geneva. DENIS BALIBOUSE / POOL / AFP/Getty Images",
        "Updated - Test BSP-2636",
        "- Democracy: American democracy has overcome big stress tests.",
        "___",
        "RELATED: Kremlin says ties are at their lowest point",
        "Associated Press writer Jane Roe in Ankara, Turkey, contributed.",
        "This is a developing news story and will be updated.",
    ]
    report = read("Headline\n" + "\n".join(lines) + "\nRussia expelled two diplomats.\n")
    assert [line for line, _ in report.dropped] == lines
    assert len(report.sentences) == 1


def test_an_abbreviation_does_not_end_a_sentence() -> None:
    text = "U.S. Ambassador John Sullivan returned to Washington, D.C. for consultations. He left."
    assert split(text) == [
        "U.S. Ambassador John Sullivan returned to Washington, D.C. for consultations.",
        "He left.",
    ]


def test_a_dateline_is_not_part_of_the_first_sentence() -> None:
    report = read("Headline\nMOSCOW (Reuters) - Russia on Friday expelled ten diplomats.\n")
    assert report.sentences[0].text == "Russia on Friday expelled ten diplomats."
