"""Pure tests of the date phrase layer with a pinned `now` in several time zones."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from attachjournal.dates import (
    day_span,
    iso_week_label,
    parse_day,
    parse_moment,
    parse_since,
    parse_span,
    parse_until,
    parse_week,
)
from attachjournal.errors import UsageError

BERLIN = ZoneInfo("Europe/Berlin")
LA = ZoneInfo("America/Los_Angeles")
AUCKLAND = ZoneInfo("Pacific/Auckland")
# Tuesday 24 November 2026, 14:05 in Berlin.
NOW = datetime(2026, 11, 24, 14, 5, tzinfo=BERLIN)


def day_of(text: str, now: datetime = NOW) -> date:
    span = parse_span(text, now)
    assert span.end - span.start <= timedelta(hours=25)
    return span.start.date()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("today", date(2026, 11, 24)),
        ("yesterday", date(2026, 11, 23)),
        ("Yesterday", date(2026, 11, 23)),
        ("3 days ago", date(2026, 11, 21)),
        ("1 day ago", date(2026, 11, 23)),
        ("2 weeks ago", date(2026, 11, 10)),
        ("a week ago", date(2026, 11, 17)),
        ("2 months ago", date(2026, 9, 24)),
        ("tuesday", date(2026, 11, 24)),  # today counts as the most recent Tuesday
        ("monday", date(2026, 11, 23)),
        ("wednesday", date(2026, 11, 18)),
        ("last monday", date(2026, 11, 16)),
        ("last tuesday", date(2026, 11, 17)),
        ("2026-11-03", date(2026, 11, 3)),
        ("in 3 days", date(2026, 11, 27)),
    ],
)
def test_day_phrases(text: str, expected: date) -> None:
    assert day_of(text) == expected


def test_day_span_is_local_midnight_to_midnight() -> None:
    span = parse_span("2026-11-03", NOW)
    assert span.start == datetime(2026, 11, 3, 0, 0, tzinfo=BERLIN)
    assert span.end == datetime(2026, 11, 4, 0, 0, tzinfo=BERLIN)
    # 00:00 in Berlin is still the previous day in UTC: boundaries are local.
    assert span.start.astimezone(ZoneInfo("UTC")).date() == date(2026, 11, 2)


def test_weeks_run_monday_to_sunday() -> None:
    this = parse_span("this week", NOW)
    assert this.start == datetime(2026, 11, 23, tzinfo=BERLIN)
    assert this.end == datetime(2026, 11, 30, tzinfo=BERLIN)
    last = parse_span("last week", NOW)
    assert last.start == datetime(2026, 11, 16, tzinfo=BERLIN)
    assert last.end == this.start
    iso = parse_span("2026-W45", NOW)
    assert iso.start == datetime(2026, 11, 2, tzinfo=BERLIN)
    assert iso_week_label(iso.start.date()) == "2026-W45"


def test_week_of_any_day_and_default() -> None:
    assert parse_week(None, NOW).start.date() == date(2026, 11, 23)
    assert parse_week("2026-11-01", NOW).start.date() == date(2026, 10, 26)
    # ISO week 1 of 2027 starts in December 2026.
    assert parse_week("2027-W01", NOW).start.date() == date(2027, 1, 4)
    assert parse_week("2026-12-31", NOW).start.date() == date(2026, 12, 28)


def test_times_and_instants() -> None:
    assert parse_moment("2026-11-03 21:30", NOW) == datetime(2026, 11, 3, 21, 30, tzinfo=BERLIN)
    assert parse_moment("2026-11-03T21:30", NOW) == datetime(2026, 11, 3, 21, 30, tzinfo=BERLIN)
    assert parse_moment("yesterday 21:30", NOW) == datetime(2026, 11, 23, 21, 30, tzinfo=BERLIN)
    assert parse_moment("monday at 9:15", NOW) == datetime(2026, 11, 23, 9, 15, tzinfo=BERLIN)
    assert parse_moment("now", NOW) == NOW
    assert parse_moment("today", NOW) == NOW
    # A bare past day keeps the current time of day.
    assert parse_moment("2 days ago", NOW) == datetime(2026, 11, 22, 14, 5, tzinfo=BERLIN)


def test_explicit_offsets_are_converted_to_local_time() -> None:
    moment = parse_moment("2026-11-03T20:30:00+00:00", NOW)
    assert moment == datetime(2026, 11, 3, 21, 30, tzinfo=BERLIN)


def test_since_is_inclusive_and_until_runs_to_the_end_of_the_day() -> None:
    assert parse_since("yesterday", NOW) == datetime(2026, 11, 23, tzinfo=BERLIN)
    assert parse_until("yesterday", NOW) == datetime(2026, 11, 24, tzinfo=BERLIN)
    assert parse_until("2026-11-03 21:30", NOW) == datetime(2026, 11, 3, 21, 31, tzinfo=BERLIN)
    assert parse_day("2026-11-03 21:30", NOW).start == datetime(2026, 11, 3, tzinfo=BERLIN)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "blah",
        "2026-02-30",
        "2026-13-01",
        "next blursday",
        "25:00",
        "yesterday 25:00",
        "2026-W60",
        "3 fortnights ago",
        "last week 10:00",
        "march",
    ],
)
def test_unreadable_dates_are_usage_errors_quoting_the_input(text: str) -> None:
    with pytest.raises(UsageError) as caught:
        parse_moment(text, NOW)
    if text:
        assert repr(text) in caught.value.message or text in caught.value.message


def test_dst_day_is_23_hours_in_spring_and_25_in_autumn() -> None:
    spring = day_span(date(2026, 3, 29), BERLIN)
    autumn = day_span(date(2026, 10, 25), BERLIN)
    assert spring.end.timestamp() - spring.start.timestamp() == 23 * 3600
    assert autumn.end.timestamp() - autumn.start.timestamp() == 25 * 3600


def test_dst_change_in_the_west_and_the_south() -> None:
    # Los Angeles falls back on 1 November 2026; Auckland springs forward on 27 September.
    la_now = datetime(2026, 11, 2, 8, 0, tzinfo=LA)
    yesterday = parse_span("yesterday", la_now)
    assert yesterday.end.timestamp() - yesterday.start.timestamp() == 25 * 3600
    nz_now = datetime(2026, 9, 28, 7, 0, tzinfo=AUCKLAND)
    yesterday = parse_span("yesterday", nz_now)
    assert yesterday.end.timestamp() - yesterday.start.timestamp() == 23 * 3600


def test_local_and_utc_dates_differ_east_of_utc() -> None:
    # 00:30 on the 24th in Auckland is still the 23rd in UTC: "today" must be the 24th locally.
    now = datetime(2026, 11, 24, 0, 30, tzinfo=AUCKLAND)
    today = parse_span("today", now)
    assert today.start == datetime(2026, 11, 24, tzinfo=AUCKLAND)
    assert now.astimezone(ZoneInfo("UTC")).date() == date(2026, 11, 23)


def test_month_and_year_phrases() -> None:
    assert parse_since("this month", NOW) == datetime(2026, 11, 1, tzinfo=BERLIN)
    assert parse_since("last month", NOW) == datetime(2026, 10, 1, tzinfo=BERLIN)
    assert parse_until("last month", NOW) == datetime(2026, 11, 1, tzinfo=BERLIN)
    assert parse_since("this year", NOW) == datetime(2026, 1, 1, tzinfo=BERLIN)
