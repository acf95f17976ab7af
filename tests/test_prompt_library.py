"""The built-in library: valid, broad enough, and written the way the guide asks.

These tests read the shipped templates as data. They guard the promises a person relies on:
at least four templates per style, the cross-cutting tools, every reflection capturing the
same well-known keys, every template ending with a step forward, and no labels.
"""

from __future__ import annotations

import re
from collections import Counter

import pytest

from attachjournal.prompts import (
    ANY_STYLE,
    FORWARD_KEYS,
    Template,
    builtin_dir,
    check_files,
    load_library,
)
from attachjournal.styles import STYLE_NAMES
from attachjournal.vocabulary import THINKING_TRAPS, TRIGGERS

LIBRARY = load_library()
TEMPLATES = sorted(LIBRARY.templates.values(), key=lambda t: t.id)
REFLECTIONS = [t for t in TEMPLATES if t.kind == "reflection"]
ids = [t.id for t in TEMPLATES]

LABEL = re.compile(
    r"\byou(?: are|'re| seem(?: to be)?)(?: an?| so| very| quite)? "
    r"(anxious|avoidant|fearful|secure|disorgani[sz]ed|preoccupied|dismissive|insecure)\b",
    re.IGNORECASE,
)


def test_every_builtin_file_passes_check() -> None:
    files = sorted(builtin_dir().glob("*.toml"))
    assert len(files) == len(TEMPLATES)
    assert check_files(files) == []
    assert LIBRARY.problems == []


@pytest.mark.parametrize("template", TEMPLATES, ids=ids)
def test_file_is_named_after_its_id(template: Template) -> None:
    assert (builtin_dir() / f"{template.id}.toml").is_file()


def test_size_and_coverage() -> None:
    assert len(TEMPLATES) >= 24
    for style in STYLE_NAMES:
        own = [t for t in TEMPLATES if style in t.styles]
        assert len(own) >= 4, f"only {len(own)} templates for {style}"
        assert len({t.title for t in own}) == len(own)
        situations = {s for t in own for s in t.situations}
        assert len(situations) >= 3, f"{style} templates cover too few situations"
    kinds = Counter(t.kind for t in TEMPLATES)
    for kind in (
        "thought-record",
        "needs",
        "boundary",
        "origins",
        "secure-moment",
        "session-prep",
        "weekly-lookback",
        "checkin",
    ):
        assert kinds[kind] >= 1, f"no {kind} template"
    assert LIBRARY.get("secure-stating-a-need") is not None  # named in the tour


def test_cross_cutting_tools_fit_every_style() -> None:
    for template in TEMPLATES:
        if template.kind != "reflection":
            assert template.styles == (ANY_STYLE,), template.id
    # a gentle general reflection for when nothing recent points anywhere
    assert any(t.kind == "reflection" and ANY_STYLE in t.styles for t in TEMPLATES)


@pytest.mark.parametrize("template", REFLECTIONS, ids=[t.id for t in REFLECTIONS])
def test_reflection_captures_the_well_known_keys(template: Template) -> None:
    keys = [q.key for q in template.questions]
    for key in ("person", "trigger", "situation", "anxiety", "avoidance", "urges"):
        assert key in keys, f"{template.id} does not ask for {key}"
    assert {"expectation", "belief"} & set(keys)
    assert template.question("person").type == "person"  # type: ignore[union-attr]
    assert template.question("urges").type == "urges"  # type: ignore[union-attr]
    assert template.situations, "reflections name situations so `today` can suggest them"


@pytest.mark.parametrize("template", TEMPLATES, ids=ids)
def test_ends_forward(template: Template) -> None:
    if template.kind == "checkin":
        return
    closing = [q for q in template.questions if q.key != "followup_day"][-1]
    assert closing.key in FORWARD_KEYS, f"{template.id} ends with {closing.key}"
    assert closing.when is None, "the forward step is always offered"


@pytest.mark.parametrize("template", TEMPLATES, ids=ids)
def test_followup_day_is_asked_only_after_a_secure_action(template: Template) -> None:
    followup = template.question("followup_day")
    if followup is None:
        return
    keys = [q.key for q in template.questions]
    assert keys.index("secure_action") < keys.index("followup_day")
    assert followup.when is not None and followup.when.key == "secure_action"
    assert not followup.applies({}) and followup.applies({"secure_action": "ask calmly"})


@pytest.mark.parametrize("template", TEMPLATES, ids=ids)
def test_every_question_can_be_skipped(template: Template) -> None:
    required = [q.key for q in template.questions if not q.optional]
    if template.kind == "checkin":
        assert set(required) <= {"anxiety", "avoidance"}
    else:
        assert required == []


@pytest.mark.parametrize("template", TEMPLATES, ids=ids)
def test_speaks_in_lenses_not_labels(template: Template) -> None:
    texts = [template.title, template.intro, template.summary]
    texts += [q.ask for q in template.questions] + [q.help or "" for q in template.questions]
    for text in texts:
        assert not LABEL.search(text), f"{template.id}: {text!r}"
        assert "!" not in text, f"{template.id}: no exclamation marks, no praise inflation"
        assert "streak" not in text.lower()


def test_the_label_check_would_catch_a_label() -> None:
    assert LABEL.search("Remember: you are anxious, so expect this.")
    assert LABEL.search("You're so avoidant")
    assert not LABEL.search("This sounds like an anxious reaction.")


@pytest.mark.parametrize("template", TEMPLATES, ids=ids)
def test_situations_use_the_shared_trigger_labels(template: Template) -> None:
    assert set(template.situations) <= set(TRIGGERS)


def test_every_trigger_has_a_template_to_suggest() -> None:
    covered = {s for t in TEMPLATES for s in t.situations}
    assert set(TRIGGERS) <= covered
    for style in STYLE_NAMES:
        own = [t for t in TEMPLATES if style in t.styles]
        for template in own:
            for trigger in template.situations:
                assert template in LIBRARY.for_situation(trigger, style)
    anxious = LIBRARY.for_situation("unanswered message", "anxious")
    assert "anxious-unanswered-message" in [t.id for t in anxious]
    assert all(t.fits("anxious") for t in anxious)
    assert LIBRARY.for_situation("no such trigger") == []


def test_thought_record_follows_the_cbt_order() -> None:
    record = LIBRARY.get("thought-record")
    assert record is not None and record.kind == "thought-record"
    keys = [q.key for q in record.questions]
    order = [
        "situation",
        "emotions",
        "belief",
        "belief_strength",
        "evidence_for",
        "evidence_against",
        "thinking_traps",
        "balanced_thought",
        "belief_strength_after",
    ]
    assert [keys.index(k) for k in order] == sorted(keys.index(k) for k in order)
    traps = record.question("thinking_traps")
    assert traps is not None and set(traps.choices) == set(THINKING_TRAPS)


def test_need_template_builds_the_sentence() -> None:
    need = LIBRARY.get("need-in-words")
    assert need is not None and need.question("need") is not None
    assert "I feel … when … I need …" in need.question("need").ask  # type: ignore[union-attr]


def test_origins_is_gentle_optional_and_never_first() -> None:
    origins = [t for t in TEMPLATES if t.kind == "origins"]
    assert origins
    for template in origins:
        assert "optional" in template.intro
        assert "stop" in template.intro
        assert template.questions[0].key == "situation"  # starts from a recent moment
        looking_back = template.question("where_learned")
        assert looking_back is not None and looking_back.when is not None
        assert "No details needed" in (looking_back.help or "")


def test_session_prep_asks_an_open_question() -> None:
    prep = [t for t in TEMPLATES if t.kind == "session-prep"]
    assert prep and all(t.question("open_question") for t in prep)


def test_secure_moments_track_how_people_responded() -> None:
    logs = [t for t in TEMPLATES if t.kind == "secure-moment"]
    assert logs and all(t.question("response") and t.question("expectation") for t in logs)
