"""The pure week and pattern figures, checked against numbers worked out by hand.

The fixtures and their arithmetic live in `summary_fixtures.py`; these tests pass plain
rows and a time zone, with no database and no clock.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from attachjournal.patterns import patterns_to_dict, quadrant, recurring, summarize_patterns
from attachjournal.records import EntryRecord, FollowUp, Urge
from attachjournal.summary import (
    Moment,
    average,
    moment_from_record,
    summarize_week,
    tally,
    trend,
    triggers_of,
    week_observations,
    week_to_dict,
)
from summary_fixtures import (
    OUTSIDE,
    PATTERNS,
    PATTERNS_OUTSIDE,
    WEEK_47,
    WEEK_48,
    as_moments,
    at,
    entry,
)

BERLIN = ZoneInfo("Europe/Berlin")
LOS_ANGELES = ZoneInfo("America/Los_Angeles")
TOKYO = ZoneInfo("Asia/Tokyo")


@pytest.fixture
def week() -> object:
    return summarize_week(as_moments(WEEK_48 + WEEK_47 + OUTSIDE), date(2026, 11, 26), UTC)


# ---------------------------------------------------------------------------- helpers


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ([7, 8, 6, 5, 2], 5.6),
        ([4, 5, 4, 4], 4.3),  # 4.25 rounds half up, not to even
        ([1, 2], 1.5),
        ([2, 2, 1], 1.7),  # 1.666…
        ([3, None, 4], 3.5),
        ([], None),
        ([None], None),
    ],
)
def test_average_rounds_half_up_to_one_decimal(values: list[int | None], expected: object) -> None:
    assert average(values) == expected


@pytest.mark.parametrize(
    ("current", "previous", "expected"),
    [
        (5.6, 8.0, "down"),
        (5.0, 4.5, "up"),
        (5.0, 4.6, "steady"),
        (None, 3.0, None),
        (3.0, None, None),
    ],
)
def test_trend(current: float | None, previous: float | None, expected: str | None) -> None:
    assert trend(current, previous) == expected


def test_tally_ignores_case_keeps_first_spelling_and_ranks() -> None:
    assert tally(["b", "Sam", "sam", "a", " SAM ", "b", ""]) == (("Sam", 3), ("b", 2), ("a", 1))


def test_triggers_are_the_trigger_and_tags_each_once() -> None:
    moment = Moment(1, at("2026-11-23 09:00"), trigger="A conflict", tags=("a conflict", "work"))
    assert triggers_of(moment) == ("A conflict", "work")


@pytest.mark.parametrize(
    ("anxiety", "avoidance", "region"),
    [
        (0, 0, "secure"),
        (4.9, 4.9, "secure"),
        (5, 0, "anxious"),
        (0, 5, "avoidant"),
        (7, 8, "fearful"),
    ],
)
def test_quadrants_put_secure_in_the_low_low_corner(
    anxiety: float, avoidance: float, region: str
) -> None:
    assert quadrant(anxiety, avoidance) == region


def test_moment_from_record_keeps_only_the_quoted_answers() -> None:
    record = EntryRecord(
        id=4,
        uuid="u",
        created_at=at("2026-11-23 09:00"),
        updated_at=at("2026-11-23 09:00"),
        kind="reflection",
        text="private text",
        style="anxious",
        tags=("x",),
        answers={"need": "a call", "situation": "long story", "belief": "too much"},
        urges=(Urge("go quiet", False),),
        followups=(FollowUp(1, "ask"),),
    )
    moment = moment_from_record(record)
    assert moment.answers == {"need": "a call", "belief": "too much"}
    assert (moment.id, moment.style, moment.tags, moment.urges) == (
        4,
        "anxious",
        ("x",),
        record.urges,
    )


# ---------------------------------------------------------------------------- week


def test_week_counts(week: object) -> None:
    assert week.label == "2026-W48"
    assert (week.start, week.end) == (date(2026, 11, 23), date(2026, 11, 29))
    assert week.entries == 6
    assert week.current.days_journaled == 4
    assert week.per_day == (2, 0, 1, 1, 0, 2, 0)
    assert week.by_kind == {"reflection": 3, "checkin": 1, "note": 2}
    assert week.current.by_style == {"anxious": 4, "avoidant": 0, "fearful": 0, "secure": 1}
    assert week.unstyled == 1


def test_week_averages_by_week_and_day(week: object) -> None:
    assert (week.current.anxiety_avg, week.current.avoidance_avg) == (5.6, 2.4)
    assert week.anxiety_by_day == (7.5, None, 6.0, 5.0, None, 2.0, None)
    assert week.avoidance_by_day == (1.5, None, 4.0, 3.0, None, 2.0, None)


def test_week_compares_with_the_week_before(week: object) -> None:
    previous = week.previous
    assert week.previous_label == "2026-W47"
    assert (previous.entries, previous.days_journaled) == (3, 3)
    assert (previous.anxiety_avg, previous.avoidance_avg) == (8.0, 4.5)
    assert previous.by_style == {"anxious": 2, "avoidant": 0, "fearful": 1, "secure": 0}
    assert (week.anxiety_trend, week.avoidance_trend) == ("down", "down")


def test_week_people_triggers_urges_and_actions(week: object) -> None:
    assert week.top_triggers == (
        ("unanswered message", 3),
        ("a conflict", 1),
        ("texting", 1),
        ("work", 1),
    )
    assert week.top_people == (("Sam", 3), ("Alex", 1))
    assert (week.urges.noticed, week.urges.acted, week.urges.not_acted) == (4, 1, 2)
    assert week.urges.unanswered == 1
    actions = week.actions
    assert (actions.planned, actions.done, actions.not_done, actions.still_due) == (3, 1, 1, 1)


def test_week_highlight_is_the_latest_line_in_their_words(week: object) -> None:
    assert week.highlight is not None
    assert week.highlight.key == "balanced_thought"
    assert week.highlight.text.startswith("They were at work")
    assert week.highlight.day == date(2026, 11, 26)


def test_week_highlight_falls_back_to_a_need() -> None:
    summary = summarize_week(as_moments(WEEK_48[:1]), date(2026, 11, 23), UTC)
    assert summary.highlight is not None
    assert (summary.highlight.key, summary.highlight.text) == (
        "need",
        "I need a reply when plans change.",
    )


def test_week_observations_have_counts_and_need_enough_data(week: object) -> None:
    assert week.observations == (
        "3 of 4 anxious moments this week came after “unanswered message”.",
        "3 of 3 moments with Sam were seen through the anxious lens.",
    )
    this_week = as_moments(WEEK_48)
    before = as_moments(WEEK_47)
    everything = week_observations(this_week, before, limit=9)
    assert everything[2:] == (
        "You noticed 4 urges and let 2 of them pass without acting on them.",
        "Worry averaged 5.6 this week, lower than 8.0 the week before (5 and 3 ratings).",
    )
    assert week_observations(this_week[:2], before) == ()


def test_week_lens_observation_needs_three_moments_in_that_lens() -> None:
    moments = [
        Moment(i, at(f"2026-11-2{3 + i} 09:00"), style="anxious", trigger="criticism")
        for i in range(2)
    ] + [Moment(9, at("2026-11-27 09:00"), style="secure")]
    assert not any("anxious moments" in line for line in week_observations(moments, []))


def test_an_empty_week_is_all_zeros_and_no_averages() -> None:
    summary = summarize_week([], date(2026, 11, 23), UTC)
    assert summary.entries == 0
    assert summary.current.anxiety_avg is None
    assert summary.previous.avoidance_avg is None
    assert summary.highlight is None
    assert summary.observations == ()
    assert summary.anxiety_trend is None
    assert not summary.enough


def test_week_json_has_the_contract_keys(week: object) -> None:
    data = week_to_dict(week)
    for key in (
        "week",
        "start",
        "end",
        "entries",
        "days_journaled",
        "by_style",
        "anxiety_avg",
        "avoidance_avg",
        "previous",
        "top_triggers",
        "top_people",
        "secure_actions",
    ):
        assert key in data
    assert data["week"] == "2026-W48"
    assert (data["start"], data["end"]) == ("2026-11-23", "2026-11-29")
    assert data["top_people"] == [["Sam", 3], ["Alex", 1]]
    assert data["secure_actions"] == {"planned": 3, "done": 1, "not_done": 1, "still_due": 1}
    assert data["previous"]["anxiety_avg"] == 8.0
    assert data["previous"]["week"] == "2026-W47"
    assert data["per_day"]["2026-11-23"] == 2


# ---------------------------------------------------------------------------- zones


# 23:30 UTC on Sunday 22 Nov is already Monday in Berlin and Tokyo, still Sunday in LA;
# 03:00 UTC on Monday 30 Nov is still Sunday evening in Los Angeles.
ZONE_MOMENTS = [
    Moment(1, at("2026-11-22 23:30"), anxiety=2),
    Moment(2, at("2026-11-25 12:00"), anxiety=4),
    Moment(3, at("2026-11-30 03:00"), anxiety=9),
]


@pytest.mark.parametrize(
    ("zone", "entries", "per_day", "anxiety_avg"),
    [
        (UTC, 1, (0, 0, 1, 0, 0, 0, 0), 4.0),
        (BERLIN, 2, (1, 0, 1, 0, 0, 0, 0), 3.0),
        (TOKYO, 2, (1, 0, 1, 0, 0, 0, 0), 3.0),
        (LOS_ANGELES, 2, (0, 0, 1, 0, 0, 0, 1), 6.5),
    ],
)
def test_week_boundaries_are_local_east_and_west_of_utc(
    zone: object, entries: int, per_day: tuple[int, ...], anxiety_avg: float
) -> None:
    summary = summarize_week(ZONE_MOMENTS, date(2026, 11, 25), zone)  # type: ignore[arg-type]
    assert summary.entries == entries
    assert summary.per_day == per_day
    assert summary.current.anxiety_avg == anxiety_avg


def test_week_across_the_dst_change_in_los_angeles() -> None:
    # 2026-W44 runs Mon 26 Oct – Sun 1 Nov; clocks go back at 02:00 on Sunday 1 Nov.
    moments = [
        Moment(1, at("2026-10-26 07:00")),  # Mon 00:00 PDT (UTC-7): first moment of W44
        Moment(2, at("2026-10-26 06:59")),  # Sun 25 Oct 23:59 PDT: the week before
        Moment(3, at("2026-11-02 07:30")),  # Sun 1 Nov 23:30 PST (UTC-8): still W44
        Moment(4, at("2026-11-02 08:00")),  # Mon 2 Nov 00:00 PST: the next week
    ]
    summary = summarize_week(moments, date(2026, 10, 28), LOS_ANGELES)
    assert summary.entries == 2
    assert summary.per_day == (1, 0, 0, 0, 0, 0, 1)
    assert summary.previous.entries == 1


# ---------------------------------------------------------------------------- patterns


@pytest.fixture
def patterns() -> object:
    return summarize_patterns(
        as_moments(PATTERNS + PATTERNS_OUTSIDE),
        date(2026, 11, 2),
        date(2026, 11, 29),
        UTC,
        today=date(2026, 11, 25),
    )


def test_patterns_counts_and_calendar(patterns: object) -> None:
    assert patterns.entries == 7
    assert patterns.current.days_journaled == 7
    assert (patterns.current.anxiety_avg, patterns.current.avoidance_avg) == (4.3, 3.8)
    assert list(patterns.calendar) == [date(2026, 11, day) for day in (2, 4, 10, 12, 16, 28, 29)]
    assert set(patterns.calendar.values()) == {1}


def test_trigger_reactions_only_with_enough_occurrences(patterns: object) -> None:
    talk, unanswered = patterns.trigger_reactions
    assert (talk.trigger, talk.count) == ("they asked to talk", 3)
    assert talk.by_style == (("avoidant", 1), ("secure", 2))
    assert [(u.name, u.noticed, u.acted, u.not_acted) for u in talk.urges] == [
        ("go quiet", 1, 1, 0)
    ]
    assert (talk.anxiety_avg, talk.avoidance_avg) == (1.7, 4.0)
    assert (unanswered.trigger, unanswered.count) == ("unanswered message", 3)
    assert unanswered.by_style == (("anxious", 2), ("fearful", 1))
    assert [(u.name, u.noticed, u.acted, u.not_acted) for u in unanswered.urges] == [
        ("send another message", 3, 1, 2),
        ("go quiet", 1, 0, 1),
    ]
    assert (unanswered.anxiety_avg, unanswered.avoidance_avg) == (7.0, 3.7)
    assert patterns.thin_triggers == (("criticism", 1),)


def test_plane_path_is_weekly_averages_oldest_first(patterns: object) -> None:
    path = [(p.week, p.anxiety, p.avoidance, p.entries, p.region) for p in patterns.plane]
    assert path == [
        ("2026-W45", 7.0, 2.0, 2, "anxious"),
        ("2026-W46", 4.5, 7.5, 2, "avoidant"),
        ("2026-W47", 2.0, 3.0, 1, "secure"),
        ("2026-W48", 1.0, 1.0, 1, "secure"),
    ]


def test_when_reactions_happen(patterns: object) -> None:
    assert patterns.when.reactions == 4
    assert patterns.when.by_weekday == (1, 1, 1, 1, 0, 0, 0)
    assert patterns.when.by_part == (0, 2, 0, 2)
    assert patterns.when.enough


def test_follow_through(patterns: object) -> None:
    flow = patterns.follow_through
    assert (flow.planned, flow.done, flow.not_done, flow.open_due, flow.open_later) == (
        3,
        1,
        0,
        1,
        1,
    )
    assert flow.notes == (("Ask to talk later", "done", "We talked; it was OK."),)


def test_beliefs_and_needs_that_come_back_in_their_words(patterns: object) -> None:
    (belief,) = patterns.beliefs
    assert (belief.text, belief.count, belief.last_seen) == ("I'm too much!", 3, date(2026, 11, 29))
    (need,) = patterns.needs
    assert (need.text, need.count) == ("I need a heads-up.", 1)


def test_recurring_ranks_by_count_then_recency() -> None:
    moments = [
        Moment(1, at("2026-11-01 09:00"), answers={"need": "Space"}),
        Moment(2, at("2026-11-02 09:00"), answers={"need": "a call"}),
        Moment(3, at("2026-11-03 09:00"), answers={"need": "space."}),
        Moment(4, at("2026-11-04 09:00"), answers={"need": "A hug"}),
        Moment(5, at("2026-11-05 09:00"), answers={"need": "  "}),
    ]
    assert [(r.text, r.count) for r in recurring(moments, "need", UTC)] == [
        ("space.", 2),
        ("A hug", 1),
        ("a call", 1),
    ]


def test_patterns_person_and_json(patterns: object) -> None:
    data = patterns_to_dict(patterns)
    assert data["entries"] == 7
    assert data["not_enough_yet"] == [["criticism", 1]]
    assert data["plane"][1]["region"] == "avoidant"
    assert data["when"]["by_part_of_day"] == {
        "night": 0,
        "morning": 2,
        "afternoon": 0,
        "evening": 2,
    }
    assert data["follow_through"]["open_due"] == 1
    assert data["beliefs"][0] == {"text": "I'm too much!", "count": 3, "last_seen": "2026-11-29"}


def test_patterns_calendar_runs_on_across_the_new_year() -> None:
    moments = [
        Moment(1, at("2026-12-31 20:00")),
        Moment(2, at("2027-01-01 09:00")),
        Moment(3, at("2027-01-01 10:00")),
    ]
    summary = summarize_patterns(
        moments, date(2026, 12, 21), date(2027, 1, 10), UTC, today=date(2027, 1, 10)
    )
    assert summary.calendar == {date(2026, 12, 31): 1, date(2027, 1, 1): 2}
    assert summary.current.days_journaled == 2


def test_patterns_days_are_local_days() -> None:
    # 23:30 UTC on 29 Nov is Monday 30 Nov in Berlin: outside a range ending on the 29th.
    moments = [Moment(1, at("2026-11-29 23:30")), Moment(2, at("2026-11-02 00:30"))]
    in_berlin = summarize_patterns(
        moments, date(2026, 11, 2), date(2026, 11, 29), BERLIN, date.today()
    )
    assert list(in_berlin.calendar) == [date(2026, 11, 2)]
    in_la = summarize_patterns(
        moments, date(2026, 11, 2), date(2026, 11, 29), LOS_ANGELES, date.today()
    )
    assert list(in_la.calendar) == [date(2026, 11, 29)]


def test_fixture_helper_times_are_aware() -> None:
    assert entry("2026-11-23 09:00").created_at == datetime(2026, 11, 23, 9, tzinfo=UTC)


def test_patterns_make_no_observation_the_data_cannot_carry(patterns: object) -> None:
    # unanswered message: anxious only twice; urges: none answered in the later half;
    # reactions: 4, split 2 morning / 2 evening
    assert patterns.observations == ()


def test_patterns_observations_with_counts() -> None:
    def moment(n: int, when: str, **fields: object) -> Moment:
        return Moment(n, at(when), **fields)  # type: ignore[arg-type]

    distant = {"trigger": "they seemed distant"}
    moments = [
        # earlier half (2–15 Nov): 4 urges answered, 1 let pass
        moment(1, "2026-11-02 20:00", style="anxious", urges=(Urge("ask", True),), **distant),
        moment(2, "2026-11-03 20:00", style="anxious", urges=(Urge("ask", True),), **distant),
        moment(
            3,
            "2026-11-04 20:00",
            style="anxious",
            urges=(Urge("ask", True), Urge("check", False)),
            **distant,
        ),
        # later half (16–29 Nov): 4 urges answered, 3 let pass
        moment(4, "2026-11-20 20:00", style="anxious", urges=(Urge("ask", False),), **distant),
        moment(5, "2026-11-21 10:00", style="secure", urges=(Urge("ask", False),), **distant),
        moment(6, "2026-11-22 10:00", urges=(Urge("ask", False), Urge("check", True))),
    ]
    summary = summarize_patterns(
        moments, date(2026, 11, 2), date(2026, 11, 29), UTC, today=date(2026, 11, 29)
    )
    assert summary.observations == (
        "When “they seemed distant” came up (5 times), 4 of those moments were seen "
        "through the anxious lens.",
        "From 2 Nov to 15 Nov you let 1 of 4 urges pass without acting on them; "
        "from 16 Nov to 29 Nov, 3 of 4.",
        "4 of 4 reactions came in the evening (18–24).",
    )
    assert patterns_to_dict(summary)["observations"] == list(summary.observations)
