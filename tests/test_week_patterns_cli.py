"""`week` and `patterns` end to end: stored entries in, figures and views out.

Entries go in through `store.entries.add_entry` (with urges, follow-ups and answers) so the
queries, the pure summaries and the views are exercised together. Local zones are set
with TZ + tzset, the way a person's machine would have them.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest

from attachjournal.records import NewEntry
from summary_fixtures import (
    OUTSIDE,
    PATTERNS,
    PATTERNS_OUTSIDE,
    WEEK_47,
    WEEK_48,
    entry,
    seed,
)

Run = Callable[..., Any]


@pytest.fixture
def zone(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[str], None]]:
    """Switch the process's local time zone for one test."""

    def use(name: str) -> None:
        monkeypatch.setenv("TZ", name)
        time.tzset()

    yield use
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()


def week_json(run: Run, *args: str) -> dict[str, Any]:
    result = run("week", *args, "--json")
    assert result.exit_code == 0, result.output
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def patterns_json(run: Run, *args: str) -> dict[str, Any]:
    result = run("patterns", *args, "--json")
    assert result.exit_code == 0, result.output
    data: dict[str, Any] = json.loads(result.stdout)
    return data


# ---------------------------------------------------------------------------- week


def test_week_json_has_the_hand_worked_figures(run: Run) -> None:
    seed(WEEK_48 + WEEK_47 + OUTSIDE)
    data = week_json(run, "2026-W48")
    assert data["week"] == "2026-W48"
    assert (data["start"], data["end"]) == ("2026-11-23", "2026-11-29")
    assert (data["entries"], data["days_journaled"]) == (6, 4)
    assert data["by_style"] == {"anxious": 4, "avoidant": 0, "fearful": 0, "secure": 1}
    assert (data["anxiety_avg"], data["avoidance_avg"]) == (5.6, 2.4)
    previous = data["previous"]
    assert (previous["entries"], previous["days_journaled"]) == (3, 3)
    assert (previous["anxiety_avg"], previous["avoidance_avg"]) == (8.0, 4.5)
    assert data["top_triggers"] == [
        ["unanswered message", 3],
        ["a conflict", 1],
        ["texting", 1],
        ["work", 1],
    ]
    assert data["top_people"] == [["Sam", 3], ["Alex", 1]]
    assert data["secure_actions"] == {"planned": 3, "done": 1, "not_done": 1, "still_due": 1}
    assert data["urges"] == {"noticed": 4, "acted": 1, "not_acted": 2, "unanswered": 1}
    assert data["highlight"]["key"] == "balanced_thought"
    assert data["observations"][0] == (
        "3 of 4 anxious moments this week came after “unanswered message”."
    )


def test_week_accepts_any_day_or_phrase_inside_it(run: Run) -> None:
    seed(WEEK_48)
    assert week_json(run, "2026-11-29")["week"] == "2026-W48"
    assert week_json(run, "2026-w48")["entries"] == 6


def test_week_view(run: Run) -> None:
    seed(WEEK_48 + WEEK_47)
    result = run("week", "2026-W48")
    assert result.exit_code == 0
    for expected in (
        "Week 2026-W48",
        "6 entries on 4 of 7 days",
        "Lenses you chose",
        "worry",
        "people: Sam 3 · Alex 1",
        "2 not acted on",
        "In your words",
        "What stands out",
    ):
        assert expected in result.stdout, expected
    assert all(len(line) <= 100 for line in result.stdout.splitlines())


def test_an_empty_week_is_a_friendly_line(run: Run) -> None:
    seed(WEEK_48)
    result = run("week", "2026-W10")
    assert result.exit_code == 0
    assert result.stdout == "No entries in 2026-W10 (Mon 2 – Sun 8 Mar 2026).\n"
    data = week_json(run, "2026-W10")
    assert (data["entries"], data["anxiety_avg"], data["previous"]["avoidance_avg"]) == (
        0,
        None,
        None,
    )


def test_this_week_is_the_default(run: Run, add_entry: Callable[..., int]) -> None:
    fresh = run("week")
    assert fresh.exit_code == 0
    assert fresh.stdout.startswith("Nothing written yet this week")
    add_entry("Felt steady today.", "--style", "secure", "--anxiety", "2", "--avoidance", "3")
    data = week_json(run)
    today = date.today()
    assert data["start"] == (today - timedelta(days=today.weekday())).isoformat()
    assert (data["entries"], data["by_style"]["secure"], data["anxiety_avg"]) == (1, 1, 2.0)


def test_a_week_that_does_not_parse_is_a_usage_error(run: Run) -> None:
    result = run("week", "someday soon")
    assert result.exit_code == 2
    assert result.stderr.startswith("Error:")
    assert "'someday soon'" in result.stderr


# Stored in UTC; which week an entry falls in depends on where the person is.
ZONE_ENTRIES = (
    entry("2026-11-22 23:30", anxiety=2),  # Mon 00:30 in Berlin, Sun 15:30 in LA
    entry("2026-11-25 12:00", anxiety=4),
    entry("2026-11-30 03:00", anxiety=9),  # Sun 19:00 in LA, Mon 04:00 in Berlin
)


@pytest.mark.parametrize(
    ("name", "entries", "anxiety_avg"),
    [
        ("UTC", 1, 4.0),
        ("Europe/Berlin", 2, 3.0),
        ("Asia/Tokyo", 2, 3.0),
        ("America/Los_Angeles", 2, 6.5),
    ],
)
def test_week_boundaries_follow_the_local_zone(
    run: Run, zone: Callable[[str], None], name: str, entries: int, anxiety_avg: float
) -> None:
    seed(ZONE_ENTRIES)
    zone(name)
    data = week_json(run, "2026-W48")
    assert (data["entries"], data["anxiety_avg"]) == (entries, anxiety_avg)


def test_week_across_a_dst_change(run: Run, zone: Callable[[str], None]) -> None:
    # 2026-W44 is Mon 26 Oct – Sun 1 Nov; Los Angeles falls back from PDT to PST on 1 Nov.
    seed(
        (
            entry("2026-10-26 06:59", anxiety=1),  # Sun 25 Oct 23:59 PDT: the week before
            entry("2026-10-26 07:00", anxiety=3),  # Mon 26 Oct 00:00 PDT
            entry("2026-11-02 07:30", anxiety=5),  # Sun 1 Nov 23:30 PST
            entry("2026-11-02 08:00", anxiety=7),  # Mon 2 Nov 00:00 PST: the next week
        )
    )
    zone("America/Los_Angeles")
    data = week_json(run, "2026-W44")
    assert (data["entries"], data["anxiety_avg"]) == (2, 4.0)
    assert data["per_day"]["2026-10-26"] == 1 and data["per_day"]["2026-11-01"] == 1
    assert (data["previous"]["entries"], data["previous"]["anxiety_avg"]) == (1, 1.0)


# ---------------------------------------------------------------------------- patterns

RANGE = ("--since", "2026-11-02", "--until", "2026-11-29")


def test_patterns_json_has_the_hand_worked_figures(run: Run) -> None:
    seed(PATTERNS + PATTERNS_OUTSIDE)
    data = patterns_json(run, *RANGE)
    assert (data["since"], data["until"]) == ("2026-11-02", "2026-11-29")
    assert (data["entries"], data["days_journaled"]) == (7, 7)
    assert (data["anxiety_avg"], data["avoidance_avg"]) == (4.3, 3.8)
    talk, unanswered = data["trigger_reactions"]
    assert (talk["trigger"], talk["count"], talk["by_style"]) == (
        "they asked to talk",
        3,
        {"avoidant": 1, "secure": 2},
    )
    assert unanswered["urges"][0] == {
        "name": "send another message",
        "noticed": 3,
        "acted": 1,
        "not_acted": 2,
    }
    assert data["not_enough_yet"] == [["criticism", 1]]
    assert [(p["week"], p["anxiety"], p["avoidance"]) for p in data["plane"]] == [
        ("2026-W45", 7.0, 2.0),
        ("2026-W46", 4.5, 7.5),
        ("2026-W47", 2.0, 3.0),
        ("2026-W48", 1.0, 1.0),
    ]
    assert sum(data["calendar"].values()) == 7
    assert data["observations"] == []
    assert data["when"]["reactions"] == 4
    flow = data["follow_through"]
    assert (flow["planned"], flow["done"], flow["not_done"]) == (3, 1, 0)
    assert flow["notes"][0]["note"] == "We talked; it was OK."
    assert data["beliefs"][0]["text"] == "I'm too much!" and data["beliefs"][0]["count"] == 3


def test_patterns_for_one_person(run: Run) -> None:
    seed(PATTERNS)
    data = patterns_json(run, *RANGE, "--person", "sam")
    # Sam: 2 Nov, 4 Nov, 12 Nov, 16 Nov; each trigger only twice with Sam
    assert data["entries"] == 4
    assert data["trigger_reactions"] == []
    assert data["not_enough_yet"] == [["they asked to talk", 2], ["unanswered message", 2]]
    assert [p["week"] for p in data["plane"]] == ["2026-W45", "2026-W46", "2026-W47"]
    assert data["person"] == "Sam"
    result = run("patterns", *RANGE, "--person", "SAM")
    assert "Worry × pulling away, week by week (with Sam)" in result.stdout


def test_patterns_view_fits_80_columns(run: Run) -> None:
    seed(PATTERNS)
    result = run("patterns", *RANGE, env={"COLUMNS": "80"})
    assert result.exit_code == 0
    assert all(len(line) <= 80 for line in result.stdout.splitlines())
    for expected in ("Days you wrote", "What set things off", "○ 2026-W45 … ● 2026-W48"):
        assert expected in result.stdout


def test_patterns_default_to_the_last_twelve_weeks(run: Run, add_entry: Callable[..., int]) -> None:
    add_entry("Today.", "--style", "anxious")
    data = patterns_json(run)
    today = date.today()
    monday = today - timedelta(days=today.weekday())
    assert data["since"] == (monday - timedelta(weeks=11)).isoformat()
    assert data["until"] == today.isoformat()
    assert data["entries"] == 1


def test_patterns_with_nothing_in_range_is_a_friendly_line(run: Run) -> None:
    result = run("patterns", *RANGE)
    assert result.exit_code == 0
    assert result.stdout.startswith("No entries between 2 Nov 2026 and 29 Nov 2026.")


def test_patterns_for_someone_never_mentioned_is_a_friendly_line(run: Run) -> None:
    seed(PATTERNS)
    result = run("patterns", *RANGE, "--person", "Nobody")
    assert result.exit_code == 0
    assert result.stdout.startswith("No entries with Nobody between 2 Nov 2026 and 29 Nov 2026.")


def test_patterns_since_after_until_is_a_usage_error(run: Run) -> None:
    result = run("patterns", "--since", "2026-11-29", "--until", "2026-11-02")
    assert result.exit_code == 2
    assert "'2026-11-29' is after --until '2026-11-02'" in result.stderr


# ---------------------------------------------------------------------------- cost


@pytest.mark.parametrize("person", [None, "Sam"])
def test_range_queries_use_indexes_never_a_full_scan(person: str | None) -> None:
    from attachjournal.config import resolve_paths
    from attachjournal.store import open_journal
    from attachjournal.store.summary import query_plans

    journal = open_journal(resolve_paths(None))
    with journal.read() as session:
        plans = query_plans(session, person)
    journal.close()
    assert set(plans) == {"entries", "tags", "urges", "followups"}
    for name, steps in plans.items():
        assert not any(step.startswith("SCAN") for step in steps), (name, steps)
        assert any("ix_entries_created_at" in step for step in steps), (name, steps)


def test_only_the_range_is_read(run: Run) -> None:
    from attachjournal.config import resolve_paths
    from attachjournal.store import open_journal
    from attachjournal.store.summary import moments_between

    seed(WEEK_48 + WEEK_47 + OUTSIDE)
    journal = open_journal(resolve_paths(None))
    start = datetime(2026, 11, 23, tzinfo=UTC)
    with journal.read() as session:
        moments = moments_between(session, start, start + timedelta(days=7))
    journal.close()
    assert len(moments) == 6
    assert all(start <= m.created_at < start + timedelta(days=7) for m in moments)
    first = moments[0]
    assert first.answers == {"need": "I need a reply when plans change."}  # no "situation"
    assert [(u.name, u.acted) for u in first.urges] == [
        ("send another message", False),
        ("check my phone again and again", True),
    ]


def test_registering_the_commands_loads_no_database_code() -> None:
    code = (
        "import sys, attachjournal.commands.summaries; "
        "print(sorted(m for m in ('sqlmodel', 'sqlalchemy', 'rich') if m in sys.modules))"
    )
    output = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert output.strip() == "[]"


def test_new_entries_helper_is_plain_data() -> None:
    assert isinstance(WEEK_48[0], NewEntry)
