"""Today's suggestion: pure rules over hand-built recent entries."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from itertools import count

import pytest

from attachjournal.prompts import Library, Question, Template
from attachjournal.records import EntryRecord, Urge
from attachjournal.today import suggest

NOW = datetime(2026, 11, 24, 20, 0, tzinfo=UTC)
_ids = count(1)


def template(
    tid: str, styles: tuple[str, ...], kind: str = "reflection", situations: tuple[str, ...] = ()
) -> Template:
    question = Question("note", "long-text", "Anything else?")
    return Template(tid, tid.replace("-", " "), styles, kind, "intro", (question,), "", situations)


def make_library(*templates: Template) -> Library:
    return Library(templates={t.id: t for t in templates})


LIBRARY = make_library(
    template("anxious-distance", ("anxious",)),
    template("anxious-unanswered", ("anxious",), situations=("unanswered message",)),
    template("avoidant-crowded", ("avoidant",), situations=("feeling crowded",)),
    template("avoidant-talk", ("avoidant",), situations=("they asked to talk",)),
    template("fearful-push-pull", ("fearful",)),
    template("secure-need", ("secure",), kind="needs"),
    template("secure-moment", ("secure", "any"), kind="secure-moment"),
    template("checkin", ("any",), kind="checkin"),
    template("thought-record", ("any",), kind="thought-record"),
)


def entry(
    days_ago: float,
    *,
    urges: tuple[str, ...] = (),
    anxiety: int | None = None,
    trigger: str | None = None,
    template_id: str | None = None,
    style: str | None = None,
) -> EntryRecord:
    moment = NOW - timedelta(days=days_ago)
    return EntryRecord(
        id=next(_ids),
        uuid=f"u{days_ago}",
        created_at=moment,
        updated_at=moment,
        kind="reflection",
        text="",
        trigger=trigger,
        anxiety=anxiety,
        template=template_id,
        style=style,
        urges=tuple(Urge(name, False) for name in urges),
    )


def test_nothing_recent_gives_a_gentle_start_without_a_lens() -> None:
    suggestion = suggest(LIBRARY, [], NOW)
    assert suggestion is not None
    assert suggestion.template.id == "secure-moment"
    assert suggestion.style is None
    assert "Nothing written" in suggestion.reason


def test_entries_older_than_two_weeks_do_not_count() -> None:
    old = [entry(20, urges=("go quiet", "change the subject", "hide what I feel"))]
    suggestion = suggest(LIBRARY, old, NOW)
    assert suggestion is not None and suggestion.style is None
    assert "Nothing written" in suggestion.reason


def test_a_quiet_week_after_an_active_one_is_a_gentle_way_back() -> None:
    suggestion = suggest(LIBRARY, [entry(10, anxiety=5)], NOW)
    assert suggestion is not None and "quiet days" in suggestion.reason


def test_several_distancing_urges_suggest_an_avoidant_template() -> None:
    recent = [
        entry(1, urges=("go quiet", "hide what I feel")),
        entry(3, urges=("go quiet",)),
    ]
    suggestion = suggest(LIBRARY, recent, NOW)
    assert suggestion is not None
    assert suggestion.style == "avoidant"
    assert suggestion.template.styles == ("avoidant",)
    assert "3 pulls to step back" in suggestion.reason and "“go quiet”" in suggestion.reason


def test_several_alarm_urges_suggest_an_anxious_template() -> None:
    recent = [entry(2, urges=("ask for reassurance", "send another message", "keep score"))]
    suggestion = suggest(LIBRARY, recent, NOW)
    assert suggestion is not None and suggestion.style == "anxious"
    assert suggestion.template.id.startswith("anxious-")


def test_urges_both_ways_suggest_a_push_pull_lens() -> None:
    both = ("ask for reassurance", "send another message", "go quiet", "keep my options open")
    recent = [entry(1, urges=both)]
    suggestion = suggest(LIBRARY, recent, NOW)
    assert suggestion is not None
    assert (suggestion.style, suggestion.template.id) == ("fearful", "fearful-push-pull")


def test_two_distancing_urges_are_not_yet_a_pattern() -> None:
    suggestion = suggest(LIBRARY, [entry(1, urges=("go quiet", "hide what I feel"))], NOW)
    assert suggestion is not None and suggestion.style == "secure"


def test_rising_worry_suggests_an_anxious_template_with_the_numbers() -> None:
    recent = [entry(1, anxiety=7), entry(2, anxiety=8), entry(9, anxiety=4), entry(10, anxiety=5)]
    suggestion = suggest(LIBRARY, recent, NOW)
    assert suggestion is not None and suggestion.style == "anxious"
    assert "7.5" in suggestion.reason and "4.5" in suggestion.reason


def test_steady_worry_is_not_a_rise() -> None:
    recent = [entry(1, anxiety=6), entry(9, anxiety=6)]
    suggestion = suggest(LIBRARY, recent, NOW)
    assert suggestion is not None and suggestion.style == "secure"
    assert "No strong pattern" in suggestion.reason


def test_a_trigger_seen_often_picks_a_template_about_that_situation() -> None:
    recent = [entry(d, trigger="feeling crowded") for d in (1, 2, 4)]
    suggestion = suggest(LIBRARY, recent, NOW)
    assert suggestion is not None
    assert suggestion.template.id == "avoidant-crowded"
    assert "“feeling crowded” came up 3 times" in suggestion.reason


def test_a_trigger_sharpens_a_style_signal() -> None:
    recent = [
        entry(1, urges=("check my phone again and again",), trigger="unanswered message"),
        entry(2, urges=("send another message",), trigger="unanswered message"),
        entry(3, urges=("ask for reassurance",), trigger="unanswered message"),
    ]
    suggestion = suggest(LIBRARY, recent, NOW)
    assert suggestion is not None
    assert suggestion.template.id == "anxious-unanswered" and suggestion.style == "anxious"


def test_the_template_used_last_is_not_suggested_again() -> None:
    recent = [
        entry(1, urges=("go quiet", "hide what I feel", "go quiet"), template_id="avoidant-crowded")
    ]
    first = suggest(LIBRARY, recent, NOW)
    assert first is not None and first.template.id == "avoidant-talk"


def test_the_choice_rotates_from_day_to_day() -> None:
    picked = set()
    for day in range(4):
        later = NOW + timedelta(days=day)
        recent = [replace(entry(1, urges=("go quiet",) * 3), created_at=later - timedelta(days=1))]
        suggestion = suggest(LIBRARY, recent, later)
        assert suggestion is not None
        picked.add(suggestion.template.id)
    assert picked == {"avoidant-crowded", "avoidant-talk"}


def test_check_ins_and_session_prep_are_never_the_default_suggestion() -> None:
    lib = make_library(template("checkin", ("any",), kind="checkin"), template("x", ("any",)))
    for recent in ([], [entry(1, urges=("go quiet",) * 3)]):
        suggestion = suggest(lib, recent, NOW)
        assert suggestion is not None and suggestion.template.id == "x"


def test_falls_back_when_no_template_has_the_lens() -> None:
    lib = make_library(template("anxious-only", ("anxious",)))
    suggestion = suggest(lib, [entry(1, urges=("go quiet",) * 3)], NOW)
    assert suggestion is not None
    assert suggestion.template.id == "anxious-only" and suggestion.style is None


def test_an_empty_library_suggests_nothing() -> None:
    assert suggest(Library(), [], NOW) is None


@pytest.mark.parametrize(
    "recent",
    [
        [],
        [entry(1, urges=("go quiet",) * 3)],
        [entry(1, urges=("keep score",) * 3)],
        [entry(1, anxiety=9), entry(9, anxiety=2)],
    ],
)
def test_reasons_are_one_line_and_never_a_label(recent: list[EntryRecord]) -> None:
    suggestion = suggest(LIBRARY, recent, NOW)
    assert suggestion is not None
    assert "\n" not in suggestion.reason
    lowered = suggestion.reason.lower()
    assert "you are" not in lowered and "you're" not in lowered and "diagnos" not in lowered


def test_nothing_recent_prefers_a_general_reflection() -> None:
    lib = make_library(
        template("secure-moment", ("any",), kind="secure-moment"),
        template("one-moment", ("any",)),
        template("anxious-x", ("anxious",)),
    )
    suggestion = suggest(lib, [], NOW)
    assert suggestion is not None and suggestion.template.id == "one-moment"


def test_a_sunday_after_a_full_week_suggests_the_look_back() -> None:
    sunday = NOW + timedelta(days=5)
    assert sunday.weekday() == 6
    lib = make_library(*LIBRARY.templates.values(), template("weekly", ("any",), "weekly-lookback"))
    recent = [replace(entry(0), created_at=sunday - timedelta(days=d)) for d in (1, 2, 3)]
    suggestion = suggest(lib, recent, sunday)
    assert suggestion is not None and suggestion.template.id == "weekly"
    assert "Sunday" in suggestion.reason and "3 times" in suggestion.reason
    # Not on other days, and not twice in one week.
    assert suggest(lib, recent, sunday - timedelta(days=1)).template.id != "weekly"  # type: ignore[union-attr]
    done = [*recent, replace(entry(0), created_at=sunday - timedelta(hours=2), template="weekly")]
    again = suggest(lib, done, sunday)
    assert again is not None and again.template.id != "weekly"


def test_a_lens_chosen_often_is_offered_again() -> None:
    recent = [entry(d, style="fearful") for d in (1, 2, 3)]
    suggestion = suggest(LIBRARY, recent, NOW)
    assert suggestion is not None
    assert (suggestion.style, suggestion.template.id) == ("fearful", "fearful-push-pull")
    assert "You chose the fearful lens for 3 entries" in suggestion.reason
    twice = suggest(LIBRARY, recent[:2], NOW)
    assert twice is not None and twice.style == "secure"
