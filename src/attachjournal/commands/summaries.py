"""Looking back: `week` (one ISO week against the one before) and `patterns` (a longer range).

Thin on purpose: read the dates, fetch one range of rows, hand them to the pure
`summary` functions, print one view. SQLModel and the store load only when a command runs.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Annotated

import typer

from attachjournal.commands.common import (
    JsonOpt,
    PersonOpt,
    console,
    now_local,
    open_from,
    print_json,
)
from attachjournal.errors import UsageError

DEFAULT_WEEKS = 12


def week(
    ctx: typer.Context,
    when: Annotated[
        str | None,
        typer.Argument(
            metavar="WHEN",
            help="Any day in the week, a phrase ('last week') or an ISO week (2026-W45). "
            "Default: this week.",
            show_default=False,
        ),
    ] = None,
    as_json: JsonOpt = False,
) -> None:
    """Summarise one week (Monday to Sunday, local time) and compare it with the week before."""
    from attachjournal.dates import parse_week, week_span
    from attachjournal.summary import summarize_week, week_to_dict

    now = now_local()
    span = parse_week(when, now)
    monday = span.start.date()
    previous = week_span(monday - timedelta(days=7), now.tzinfo)
    journal = open_from(ctx)
    from attachjournal.store.summary import moments_between

    with journal.read() as session:
        moments = moments_between(session, previous.start, span.end)
    summary = summarize_week(moments, monday, now.tzinfo)
    if as_json:
        print_json(week_to_dict(summary))
        return
    from attachjournal.render_summary import empty_week_line, week_view

    if summary.entries == 0:
        typer.echo(empty_week_line(summary, current=span.contains(now)))
        return
    out = console()
    out.print(week_view(summary, out.width))


def patterns(
    ctx: typer.Context,
    since: Annotated[
        str | None,
        typer.Option(
            metavar="WHEN",
            help=f"From this day (inclusive). Default: the last {DEFAULT_WEEKS} weeks, "
            "this one included.",
        ),
    ] = None,
    until: Annotated[
        str | None,
        typer.Option(metavar="WHEN", help="Up to the end of this day (inclusive). Default: today."),
    ] = None,
    person: PersonOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Review a longer stretch: triggers and reactions, the weekly path, what comes back.

    Trigger → reaction (with enough entries), weekly averages across the worry ×
    pulling-away plane, a calendar of the days you wrote, when reactions happen, how
    secure steps went, and the beliefs and needs that keep coming back.
    """
    from attachjournal.dates import day_span, parse_since, parse_until, week_start
    from attachjournal.patterns import patterns_to_dict, summarize_patterns

    now = now_local()
    tz = now.tzinfo
    end = parse_until(until, now) if until else day_span(now.date(), tz).end
    last_day = (end - timedelta(microseconds=1)).date()
    if since:
        start = parse_since(since, now)
    else:
        first = week_start(last_day) - timedelta(weeks=DEFAULT_WEEKS - 1)
        start = day_span(first, tz).start
    if start >= end:
        raise UsageError(f"--since {since!r} is after --until {until!r}")
    journal = open_from(ctx)
    from attachjournal.store.summary import moments_between

    with journal.read() as session:
        moments = moments_between(session, start, end, person)
    if person is not None:  # show the name as first written, whatever case was typed
        person = next((m.person for m in moments if m.person), person.strip())
    summary = summarize_patterns(
        moments, start.date(), last_day, tz, today=now.date(), person=person
    )
    if as_json:
        print_json(patterns_to_dict(summary))
        return
    from attachjournal.render_patterns import patterns_view
    from attachjournal.render_summary import day_label

    if summary.entries == 0:
        who = f" with {person}" if person else ""
        typer.echo(
            f"No entries{who} between {day_label(summary.start)} and {day_label(summary.end)}. "
            "Patterns show up after a few weeks of short entries."
        )
        return
    out = console()
    out.print(patterns_view(summary, out.width))


def register(app: typer.Typer) -> None:
    app.command("week")(week)
    app.command("patterns")(patterns)
