"""The queries behind `week` and `patterns`: the entries of one time range, lightly.

Cost follows the range, not the journal: every statement starts from the
`ix_entries_created_at` index (times are fixed-width UTC text, so text order is time
order) and reaches tags, urges and follow-ups through their `entry_id` indexes. Only the
columns summaries use are read, and of the answers JSON only the keys they quote, so
a ten-year review never loads entry text. `tests/test_week_patterns_cli.py` checks the
query plans so a full scan cannot creep back in.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import text
from sqlmodel import Session

from attachjournal.records import FollowUp, Urge
from attachjournal.summary import ANSWER_KEYS, Moment

UTC_FORMAT = "%Y-%m-%dT%H:%M:%SZ"

_IN_RANGE = (
    "SELECT e.id FROM entries AS e "
    "WHERE e.created_at >= :start AND e.created_at < :end {person_where}"
)
# The unary plus keeps SQLite on the time index even when a person is given: the range,
# not everything ever written about that person, should bound the work.
_PERSON = "AND +e.person_id = (SELECT id FROM people WHERE name = :person)"
_ENTRIES = (
    'SELECT e.id, e.created_at, e.kind, e.style, p.name, e."trigger", e.anxiety, '
    "e.avoidance, {answers} "
    "FROM entries AS e LEFT JOIN people AS p ON p.id = e.person_id "
    "WHERE e.created_at >= :start AND e.created_at < :end {person_where} "
    "ORDER BY e.created_at, e.id"
)
_TAGS = (
    "SELECT et.entry_id, t.name FROM entry_tags AS et JOIN tags AS t ON t.id = et.tag_id "
    "WHERE et.entry_id IN ({in_range}) ORDER BY t.name"
)
_URGES = (
    "SELECT u.entry_id, u.name, u.acted FROM urges AS u "
    "WHERE u.entry_id IN ({in_range}) ORDER BY u.id"
)
_FOLLOWUPS = (
    "SELECT f.entry_id, f.id, f.action, f.due_on, f.status, f.note, f.resolved_at "
    "FROM followups AS f WHERE f.entry_id IN ({in_range}) ORDER BY f.id"
)


def _utc_text(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime(UTC_FORMAT)


def _utc(value: str | None) -> datetime | None:
    """Stored UTC text back to an aware datetime (fromisoformat: ~10x faster than strptime)."""
    if value is None:
        return None
    return datetime.fromisoformat(value)


def statements(person: str | None) -> dict[str, str]:
    """The four SQL statements for a range, optionally limited to one person."""
    person_where = _PERSON if person is not None else ""
    in_range = _IN_RANGE.format(person_where=person_where)
    answers = ", ".join(f"json_extract(e.answers, '$.{key}')" for key in ANSWER_KEYS)
    return {
        "entries": _ENTRIES.format(answers=answers, person_where=person_where),
        "tags": _TAGS.format(in_range=in_range),
        "urges": _URGES.format(in_range=in_range),
        "followups": _FOLLOWUPS.format(in_range=in_range),
    }


def moments_between(
    session: Session, start: datetime, end: datetime, person: str | None = None
) -> list[Moment]:
    """Entries created in [start, end) (aware datetimes), oldest first, as `Moment`s."""
    params: dict[str, Any] = {"start": _utc_text(start), "end": _utc_text(end)}
    if person is not None:
        params["person"] = person.strip()
    sql = statements(person)
    tags: dict[int, list[str]] = defaultdict(list)
    for entry_id, name in session.execute(text(sql["tags"]), params):
        tags[entry_id].append(name)
    urges: dict[int, list[Urge]] = defaultdict(list)
    for entry_id, name, acted in session.execute(text(sql["urges"]), params):
        urges[entry_id].append(Urge(name, None if acted is None else bool(acted)))
    followups: dict[int, list[FollowUp]] = defaultdict(list)
    for entry_id, item_id, action, due_on, status, note, resolved in session.execute(
        text(sql["followups"]), params
    ):
        followups[entry_id].append(
            FollowUp(
                id=item_id,
                action=action,
                due_on=None if due_on is None else date.fromisoformat(due_on),
                status=status,
                note=note,
                resolved_at=_utc(resolved),
            )
        )
    moments = []
    for row in session.execute(text(sql["entries"]), params):
        entry_id, created, kind, style, name, trigger, anxiety, avoidance, *answers = row
        created_at = _utc(created)
        assert created_at is not None
        moments.append(
            Moment(
                id=entry_id,
                created_at=created_at,
                kind=kind,
                style=style,
                person=name,
                trigger=trigger,
                anxiety=anxiety,
                avoidance=avoidance,
                tags=tuple(tags.get(entry_id, ())),
                urges=tuple(urges.get(entry_id, ())),
                followups=tuple(followups.get(entry_id, ())),
                answers={
                    key: value
                    for key, value in zip(ANSWER_KEYS, answers, strict=True)
                    if value is not None
                },
            )
        )
    return moments


def query_plans(session: Session, person: str | None = None) -> dict[str, list[str]]:
    """EXPLAIN QUERY PLAN for each statement (tests use it to forbid full-table scans)."""
    params: dict[str, Any] = {"start": "2000-01-01T00:00:00Z", "end": "2000-01-08T00:00:00Z"}
    if person is not None:
        params["person"] = person
    return {
        name: [str(row[-1]) for row in session.execute(text("EXPLAIN QUERY PLAN " + sql), params)]
        for name, sql in statements(person).items()
    }
