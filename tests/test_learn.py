"""`learn` and `learn STYLE`: the ideas, in short, with the safety note."""

from __future__ import annotations

import re

import pytest

from attachjournal.learn import OVERVIEW, SAFETY_NOTE, STYLE_NOTES, TRAPS_INTRO
from attachjournal.styles import STYLE_NAMES
from attachjournal.vocabulary import THINKING_TRAPS

LABEL = re.compile(r"\byou(?: are|'re) (?:an? )?(anxious|avoidant|fearful|secure|disorgani[sz]ed)")


def flat(text: str) -> str:
    return " ".join(text.split())


def test_overview_covers_the_ideas(run) -> None:
    result = run("learn")
    assert result.exit_code == 0
    out = flat(result.stdout)
    for needle in (
        "A lens, not a label",
        "Two dimensions",
        "Anxiety:",
        "Avoidance:",
        "Turning the alarm up",
        "Turning the alarm down",
        "Internal working models",
        "Where patterns can come from",
        "1. Self-awareness",
        "2. Communication and boundaries",
        "3. Corrective relationships",
        "4. Therapy",
        "CBT",
        "Thinking traps",
    ):
        assert needle in out, needle
    for style in STYLE_NAMES:
        assert re.search(rf"\b{style}\b", out)
    for trap in THINKING_TRAPS:
        assert trap in out
    assert flat(SAFETY_NOTE) in out
    assert out.count("crisis line") == 1  # said once, calmly


@pytest.mark.parametrize(
    ("given", "style"),
    [("fearful", "fearful"), ("disorganized", "fearful"), ("anxious-preoccupied", "anxious")],
)
def test_one_style_with_its_templates(run, given: str, style: str) -> None:
    result = run("learn", given)
    assert result.exit_code == 0
    out = flat(result.stdout)
    assert out.startswith(style.capitalize())
    for line in STYLE_NOTES[style].looks_like:
        assert line in out
    assert "Templates to try" in out
    listed = json_ids(run, style)
    assert listed and all(template_id in out for template_id in listed)
    assert flat(SAFETY_NOTE) in out


def json_ids(run, style: str) -> list[str]:
    import json

    templates = json.loads(run("prompts", "list", "--json", "--style", style).stdout)
    return [t["id"] for t in templates if style in t["styles"]]


def test_every_style_has_notes_and_a_page(run) -> None:
    assert set(STYLE_NOTES) == set(STYLE_NAMES)
    for style in STYLE_NAMES:
        assert run("learn", style).exit_code == 0


def test_unknown_style_is_exit_2(run) -> None:
    result = run("learn", "sideways")
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: unknown style 'sideways'")
    assert "anxious, avoidant, fearful, secure" in result.stderr


def test_texts_describe_reactions_not_people() -> None:
    texts = [TRAPS_INTRO, SAFETY_NOTE]
    texts += [p for section in OVERVIEW for p in section.paragraphs]
    for notes in STYLE_NOTES.values():
        texts += [*notes.looks_like, notes.under_threat, notes.origins, *notes.toward_security]
    for text in texts:
        assert not LABEL.search(text), text
        assert "%" not in text, "no prevalence figures"
