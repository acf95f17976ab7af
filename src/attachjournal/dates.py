"""Turning what a person types into points and spans of local time.

Pure: every function takes `now` (an aware datetime in the person's time zone) instead of
reading the clock, so tests can pin any moment, zone and DST change. Spans are half-open,
[start, end), in local time; day and week boundaries are local midnights, so a day is 23
or 25 hours long across a DST change. Anything that cannot be read is a usage error that
quotes the input: never a silent guess.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo

from dateutil.parser import isoparse
from dateutil.relativedelta import relativedelta

from attachjournal.errors import UsageError

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
ACCEPTED = (
    "2026-11-03, '2026-11-03 21:30', 2026-W45, today, yesterday, now, '3 days ago', "
    "'last week', 'this week', monday, 'last monday'"
)

_NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}
_TIME_SUFFIX = re.compile(r"^(?P<rest>.*?)\s*(?:\bat\s+)?(?P<h>\d{1,2}):(?P<m>\d{2})$")
_AGO = re.compile(
    r"^(?P<n>\d+|a|an|one|two|three|four|five|six)\s+(?P<unit>day|week|month|year)s?\s+ago$"
)
_IN = re.compile(r"^in\s+(?P<n>\d+|a|an|one|two|three|four|five|six)\s+(?P<unit>day|week|month)s?$")
_ISO_WEEK = re.compile(r"^(?P<y>\d{4})-?W(?P<w>\d{1,2})$", re.IGNORECASE)


@dataclass(frozen=True)
class Span:
    """A half-open stretch of local time, [start, end)."""

    start: datetime
    end: datetime
    is_instant: bool = False

    def contains(self, moment: datetime) -> bool:
        return self.start <= moment < self.end


def local_midnight(day: date, tz: tzinfo | None) -> datetime:
    """The first moment of `day` in zone `tz` (DST-aware when tz is a real zone)."""
    return datetime.combine(day, time(0), tzinfo=tz)


def day_span(day: date, tz: tzinfo | None) -> Span:
    return Span(local_midnight(day, tz), local_midnight(day + timedelta(days=1), tz))


def week_start(day: date) -> date:
    """Monday of the ISO week that contains `day`."""
    return day - timedelta(days=day.weekday())


def week_span(day: date, tz: tzinfo | None) -> Span:
    monday = week_start(day)
    return Span(local_midnight(monday, tz), local_midnight(monday + timedelta(days=7), tz))


def iso_week_label(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def _number(text: str) -> int:
    return int(text) if text.isdigit() else _NUMBER_WORDS[text]


def _shift(day: date, n: int, unit: str) -> date:
    if unit == "day":
        return day + timedelta(days=n)
    if unit == "week":
        return day + timedelta(weeks=n)
    if unit == "month":
        return day + relativedelta(months=n)
    return day + relativedelta(years=n)


def _phrase_span(phrase: str, now: datetime) -> Span | None:
    """Spans for the natural phrases; None when the phrase is not one of them."""
    tz = now.tzinfo
    today = now.date()
    if phrase in ("today", "tonight"):
        return day_span(today, tz)
    if phrase == "yesterday":
        return day_span(today - timedelta(days=1), tz)
    if phrase == "tomorrow":
        return day_span(today + timedelta(days=1), tz)
    if phrase == "this week":
        return week_span(today, tz)
    if phrase == "last week":
        return week_span(today - timedelta(days=7), tz)
    if phrase in ("this month", "last month"):
        first = today.replace(day=1)
        if phrase == "last month":
            first = first - relativedelta(months=1)
        return Span(local_midnight(first, tz), local_midnight(first + relativedelta(months=1), tz))
    if phrase in ("this year", "last year"):
        first = date(today.year - (phrase == "last year"), 1, 1)
        return Span(
            local_midnight(first, tz), local_midnight(first.replace(year=first.year + 1), tz)
        )
    words = phrase.split()
    if len(words) in (1, 2) and words[-1] in WEEKDAYS and (len(words) == 1 or words[0] == "last"):
        back = (today.weekday() - WEEKDAYS.index(words[-1])) % 7
        if len(words) == 2:
            back += 7
        return day_span(today - timedelta(days=back), tz)
    if match := _AGO.match(phrase):
        return day_span(_shift(today, -_number(match["n"]), match["unit"]), tz)
    if match := _IN.match(phrase):
        return day_span(_shift(today, _number(match["n"]), match["unit"]), tz)
    return None


def _iso_span(text: str, now: datetime) -> Span | None:
    """Spans for ISO dates, date-times and weeks; None when it is not ISO-shaped."""
    tz = now.tzinfo
    if match := _ISO_WEEK.match(text):
        try:
            monday = date.fromisocalendar(int(match["y"]), int(match["w"]), 1)
        except ValueError:
            return None
        return week_span(monday, tz)
    if not re.match(r"^\d{4}-\d{2}-\d{2}", text):
        return None
    try:
        parsed = isoparse(text.replace(" ", "T", 1) if len(text) > 10 else text)
    except (ValueError, OverflowError):
        return None
    if len(text) == 10:
        return day_span(parsed.date(), tz)
    moment = parsed.replace(tzinfo=tz) if parsed.tzinfo is None else parsed.astimezone(tz)
    return _instant(moment, seconds_given=parsed.second != 0 or text.count(":") >= 2)


def _instant(moment: datetime, *, seconds_given: bool) -> Span:
    """A point in time, widened to the minute (or second) it was written to."""
    width = timedelta(seconds=1) if seconds_given else timedelta(minutes=1)
    return Span(moment, moment + width, is_instant=True)


def parse_span(text: str, now: datetime) -> Span:
    """Read a date, time, ISO week or phrase into a local-time span.

    "2026-11-03" and "yesterday" are whole days; "last week" and "2026-W45" whole weeks;
    "now" and "2026-11-03 21:30" instants; a phrase may end in a time ("yesterday 21:30").
    """
    cleaned = " ".join(text.strip().lower().split())
    if not cleaned:
        raise UsageError("empty date; use for example " + ACCEPTED)
    if cleaned == "now":
        return _instant(now, seconds_given=True)
    span = _iso_span(cleaned, now) or _phrase_span(cleaned, now)
    if span is None and (match := _TIME_SUFFIX.match(cleaned)) and match["rest"]:
        day = _phrase_span(match["rest"], now)
        hour, minute = int(match["h"]), int(match["m"])
        if (
            day is not None
            and day.end - day.start <= timedelta(hours=25)
            and hour < 24
            and minute < 60
        ):
            moment = datetime.combine(day.start.date(), time(hour, minute), tzinfo=now.tzinfo)
            span = _instant(moment, seconds_given=False)
    if span is None:
        raise UsageError(f"can't read {text!r} as a date; try {ACCEPTED}")
    return span


def parse_since(text: str, now: datetime) -> datetime:
    """`--since`: inclusive from the start of the day (or the moment) given."""
    return parse_span(text, now).start


def parse_until(text: str, now: datetime) -> datetime:
    """`--until`: inclusive to the end of the day (or the minute) given; returned exclusive."""
    return parse_span(text, now).end


def parse_day(text: str, now: datetime) -> Span:
    """`--on`: exactly one local day."""
    span = parse_span(text, now)
    return day_span(span.start.date(), now.tzinfo)


def parse_moment(text: str, now: datetime) -> datetime:
    """`--at`: a moment. A bare day keeps the current time of day (today: now)."""
    span = parse_span(text, now)
    if span.is_instant:
        return span.start
    if span.end - span.start > timedelta(hours=25):
        raise UsageError(
            f"{text!r} is longer than a day; give a day or a time, e.g. 'yesterday 21:30'"
        )
    day = span.start.date()
    if day == now.date():
        return now
    return datetime.combine(day, now.timetz().replace(tzinfo=None), tzinfo=now.tzinfo)


def parse_week(text: str | None, now: datetime) -> Span:
    """`week [WHEN]`: the Monday-to-Sunday week containing WHEN (default: this week)."""
    anchor = now.date() if text is None else parse_span(text, now).start.date()
    return week_span(anchor, now.tzinfo)
