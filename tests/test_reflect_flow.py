"""Guided reflections through a scripted asker: answers in, entry out."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from attachjournal.asking import AskContext, ScriptedAsker, read_day, read_scale
from attachjournal.errors import CancelledError, NotFoundError, UsageError
from attachjournal.guide import choosable, find_template
from attachjournal.prompts import QUESTION_TYPES, Library, Question, Template
from attachjournal.reflect import Progress, ask_template, build_entry
from flowkit import NOW, guide, library, stored_entries

FULL = {
    "person": "Sam",
    "trigger": "unanswered message",
    "situation": "Sent a message at noon; seen, no reply by nine.",
    "body": "tight chest",
    "emotions": {"worried": 7, "hurt": 5},
    "anxiety": 8,
    "avoidance": 2,
    "urges": {"check my phone again and again": True, "go quiet": False},
    "expectation": "that the silence meant they were annoyed",
    "belief": "I am too much",
    "balanced_thought": "They are at their sister's; evenings are busy.",
    "secure_action": "one calm message, then the phone away for an hour",
    "followup_day": "2026-11-27",
}


def test_full_reflection_lands_in_columns_tables_and_answers() -> None:
    asker = ScriptedAsker(FULL)
    entry_id = guide(asker).reflect("anxious-unanswered-message", None, None)
    [entry] = stored_entries()
    assert entry.id == entry_id
    assert (entry.kind, entry.style, entry.template) == (
        "reflection",
        "anxious",
        "anxious-unanswered-message",
    )
    assert (entry.person, entry.trigger, entry.anxiety, entry.avoidance) == (
        "Sam",
        "unanswered message",
        8,
        2,
    )
    assert {(u.name, u.acted) for u in entry.urges} == {
        ("check my phone again and again", True),
        ("go quiet", False),
    }
    [followup] = entry.followups
    assert followup.action == "one calm message, then the phone away for an hour"
    assert (followup.due_on, followup.status) == (date(2026, 11, 27), "open")
    assert entry.answers == {
        "situation": FULL["situation"],
        "body": "tight chest",
        "emotions": {"worried": 7, "hurt": 5},
        "expectation": FULL["expectation"],
        "belief": "I am too much",
        "balanced_thought": FULL["balanced_thought"],
    }
    assert entry.text == ""
    assert asker.said[0].strip().startswith("A message left unanswered")
    assert any("Saved entry 1." in line for line in asker.said)
    assert any("Fri 27 Nov" in line for line in asker.said)


def test_skipped_optional_questions_leave_nothing_behind() -> None:
    asker = ScriptedAsker({"person": "Ana", "anxiety": 4})
    guide(asker).reflect("anxious-unanswered-message", None, None)
    [entry] = stored_entries()
    assert (entry.person, entry.anxiety, entry.avoidance, entry.trigger) == ("Ana", 4, None, None)
    assert entry.answers == {} and entry.urges == () and entry.followups == ()
    # The follow-up day depends on a secure action, so it was never asked.
    assert "followup_day" not in asker.asked
    assert asker.asked[-1] == "secure_action"


def test_follow_up_day_is_asked_only_after_a_secure_action() -> None:
    asker = ScriptedAsker({"secure_action": "ask for ten minutes tonight"})
    guide(asker).reflect("anxious-unanswered-message", None, None)
    assert asker.asked[-2:] == ["secure_action", "followup_day"]
    [entry] = stored_entries()
    assert entry.followups[0].due_on is None  # the day itself was skipped


def test_conditions_by_choice_list_and_threshold() -> None:
    lib = library(with_fixtures=True)
    asker = ScriptedAsker(
        {
            "urges": {"go quiet": None},
            "quiet_detail": "a fight",
            "anxiety": 7,
            "grounding": False,
            "place": "home",
            "need": "a slower evening",
        }
    )
    guide(asker, lib).reflect("test-conditions", None, None)
    assert "quiet_detail" in asker.asked and "grounding" in asker.asked
    assert "where_at_work" not in asker.asked
    [entry] = stored_entries()
    assert entry.answers["grounding"] is False
    assert entry.answers["quiet_detail"] == "a fight"
    assert entry.urges[0].acted is None


def test_conditions_that_do_not_hold_are_skipped() -> None:
    lib = library(with_fixtures=True)
    asker = ScriptedAsker(
        {"urges": {"ask for reassurance": True}, "anxiety": 6, "place": "work", "need": "rest"}
    )
    guide(asker, lib).reflect("test-conditions", None, None)
    assert "quiet_detail" not in asker.asked
    assert "grounding" not in asker.asked
    assert "where_at_work" in asker.asked


def test_checkin_is_a_checkin_with_the_note_as_text_and_person_from_the_flag() -> None:
    asker = ScriptedAsker({"anxiety": 3, "avoidance": 6, "note": "  Long day; kept to myself.  "})
    guide(asker).checkin(person="Mum")
    [entry] = stored_entries()
    assert (entry.kind, entry.style, entry.template) == ("checkin", None, "checkin")
    assert (entry.anxiety, entry.avoidance, entry.person) == (3, 6, "Mum")
    assert entry.text == "Long day; kept to myself."
    assert "person" not in asker.asked


def test_style_flag_sets_the_lens_on_an_any_style_template() -> None:
    asker = ScriptedAsker({"anxiety": 2, "avoidance": 7})
    guide(asker).reflect("checkin", "avoidant", None)
    [entry] = stored_entries()
    assert entry.style == "avoidant"


def test_nothing_answered_saves_nothing() -> None:
    with pytest.raises(CancelledError, match="nothing was saved"):
        guide(ScriptedAsker()).reflect("anxious-unanswered-message", None, None)
    assert stored_entries() == []


def test_unknown_template_names_close_matches() -> None:
    with pytest.raises(UsageError, match="anxious-unanswered-message"):
        find_template(library(), "anxious-unanswerd-message")
    with pytest.raises(UsageError, match=r"no template 'zzz'$"):
        find_template(library(), "zzz")


def test_reflect_with_a_style_offers_that_styles_templates() -> None:
    lib = library(with_fixtures=True)
    pool = choosable(lib, "anxious")
    styles = [t.styles for t in pool]
    own = [s for s in styles if "any" not in s]
    assert own and all(s == ("anxious",) for s in own)
    assert styles[: len(own)] == own  # the lens's own templates first, then general ones
    assert "checkin" not in [t.id for t in pool]
    assert "avoidant" not in {style for s in styles for style in s}
    asker = ScriptedAsker({"need": "to be asked"}, choices=["test-conditions"])
    guide(asker, lib).reflect(None, "anxious", None)
    assert asker.offered[0][1] == [t.id for t in pool]
    assert stored_entries()[0].style == "anxious"


def test_reflect_with_a_style_that_has_no_templates_fails() -> None:
    only = library().get("anxious-unanswered-message")
    assert only is not None
    lib = Library(templates={only.id: only})
    with pytest.raises(NotFoundError, match="secure"):
        guide(ScriptedAsker(), lib).reflect(None, "secure", None)


def test_build_entry_keeps_the_well_known_keys_out_of_answers() -> None:
    template = library().get("anxious-unanswered-message")
    assert template is not None
    entry = build_entry(
        template,
        {"note": "x", "secure_action": "call", "urges": {"keep score": None}, "body": "b"},
        now=NOW,
    )
    assert entry is not None
    assert entry.answers == {"body": "b"}
    assert entry.text == "x"
    assert entry.followups[0].due_on is None
    assert build_entry(template, {}, now=NOW) is None


def test_progress_round_trips_through_a_draft() -> None:
    progress = Progress({"body": "b"}, ["person"])
    assert Progress.from_draft(progress.to_draft()) == progress
    assert Progress.from_draft({"body": "b"}) == Progress({"body": "b"}, [])


def test_blank_answers_count_as_skipped() -> None:
    template = library().get("checkin")
    assert template is not None
    progress = Progress()
    asker = ScriptedAsker({"anxiety": 1, "avoidance": 0, "person": "  ", "note": ""})
    ask_template(template, asker, AskContext(now=NOW), progress)
    assert progress.answers == {"anxiety": 1, "avoidance": 0}
    assert progress.skipped == ["person", "note"]


def test_reading_a_scale() -> None:
    assert read_scale(" 7 ") == 7 and read_scale("") is None and read_scale("0") == 0
    for bad in ("11", "-1", "seven", "7.5"):
        with pytest.raises(ValueError, match="0 to 10"):
            read_scale(bad)


def test_reading_a_follow_up_day() -> None:
    # NOW is Tuesday 24 November 2026.
    assert read_day("friday", NOW) == "2026-11-27"
    assert read_day("tuesday", NOW) == "2026-11-24"
    assert read_day("next tuesday", NOW) == "2026-12-01"
    assert read_day("in 3 days", NOW) == "2026-11-27"
    assert read_day("tomorrow", NOW) == "2026-11-25"
    assert read_day("2026-12-05", NOW) == "2026-12-05"
    assert read_day("", NOW) is None
    with pytest.raises(ValueError, match="later day"):
        read_day("yesterday", NOW)
    with pytest.raises(ValueError, match="try a date"):
        read_day("someday", NOW)


# -- every built-in template, answered fully and skipped through -------------------------


def _answer(question: Question) -> object:
    """A valid answer for any question type."""
    by_type: dict[str, object] = {
        "text": f"a few words for {question.key}",
        "long-text": f"some lines\nfor {question.key}",
        "choice": question.choices[0] if question.choices else None,
        "multi-choice": list(question.choices[:2]),
        "scale": 6,
        "yes-no": True,
        "person": "Robin",
        "trigger": "a conflict",
        "emotions": {"hurt": 6},
        "urges": {"go quiet": False, "ask for reassurance": True},
        "day": (NOW.date() + timedelta(days=2)).isoformat(),
    }
    assert set(by_type) == set(QUESTION_TYPES), "a new question type needs an answer here"
    return by_type[question.type]


class AnswerEverything(ScriptedAsker):
    def ask(self, question: Question, context: AskContext) -> object:
        self.asked.append(question.key)
        return _answer(question)


class SkipEverything(ScriptedAsker):
    def ask(self, question: Question, context: AskContext) -> object:
        self.asked.append(question.key)
        return None if question.optional else _answer(question)


def _builtins() -> list[Template]:
    return sorted(library().templates.values(), key=lambda t: t.id)


@pytest.mark.parametrize("template", _builtins(), ids=lambda t: t.id)
def test_every_builtin_template_can_be_answered_in_full(template: Template) -> None:
    asker = AnswerEverything()
    entry_id = guide(asker).reflect(template.id, None, None)
    [entry] = stored_entries()
    assert entry.id == entry_id and entry.template == template.id
    unconditional = [q.key for q in template.questions if q.when is None]
    assert set(unconditional) <= set(asker.asked)
    if "secure_action" in asker.asked:
        assert entry.followups and entry.followups[0].action.startswith("a few words")


@pytest.mark.parametrize("template", _builtins(), ids=lambda t: t.id)
def test_every_builtin_template_can_be_skipped_through(template: Template) -> None:
    asker = SkipEverything()
    required = [q for q in template.questions if not q.optional]
    if not required:
        with pytest.raises(CancelledError):
            guide(asker).reflect(template.id, None, None)
        assert stored_entries() == []
    else:
        guide(asker).reflect(template.id, None, None)
        [entry] = stored_entries()
        assert entry.template == template.id
    assert asker.asked, "the template asked nothing"


def test_today_shows_the_suggestion_and_why_then_runs_it() -> None:
    asker = ScriptedAsker({"person": "Sam", "anxiety": 6}, choices=["take"])
    guide(asker).today()
    said = "\n".join(asker.said)
    [entry] = stored_entries()
    template = library().get(entry.template or "")
    assert template is not None
    assert f"Today's suggestion: {template.title}" in said
    assert "Why: Nothing written in the last week" in said
    assert (entry.person, entry.anxiety) == ("Sam", 6)


def test_today_can_write_freely_instead() -> None:
    asker = ScriptedAsker(choices=["free"], writes=["Just needed to get this down."])
    guide(asker).today()
    [entry] = stored_entries()
    assert (entry.kind, entry.template, entry.text) == (
        "note",
        None,
        "Just needed to get this down.",
    )


def test_today_free_writing_left_empty_saves_nothing() -> None:
    with pytest.raises(CancelledError):
        guide(ScriptedAsker(choices=["free"])).today()
    assert stored_entries() == []


def test_today_can_pick_another_prompt() -> None:
    asker = ScriptedAsker({"need": "rest"}, choices=["other", "test-conditions"])
    guide(asker, library(with_fixtures=True)).today()
    assert asker.offered[1][0] == "Which prompt would you like?"
    assert "checkin" not in asker.offered[1][1]
    [entry] = stored_entries()
    assert entry.template == "test-conditions" and entry.style is None
