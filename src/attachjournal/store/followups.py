"""Follow-ups: planned secure actions, which become due on their day (local time), and
how they went. Reads go through `raw.Rows` (usable before SQLModel has loaded, so `today`
can ask about them first); recording an outcome is a normal session write."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING

from attachjournal.errors import NotFoundError, UsageError
from attachjournal.records import FOLLOWUP_STATES, FollowUp
from attachjournal.store.raw import Rows, parse_utc

if TYPE_CHECKING:
    from sqlmodel import Session

_SELECT = (
    "SELECT followups.id, followups.entry_id, followups.action, followups.due_on, "
    "followups.status, followups.note, followups.resolved_at, entries.created_at "
    "FROM followups JOIN entries ON entries.id = followups.entry_id "
)


@dataclass(frozen=True)
class PlannedAction:
    """A follow-up with the entry it was planned in."""

    followup: FollowUp
    entry_id: int
    planned_at: datetime


def _planned(row: tuple[object, ...]) -> PlannedAction:
    fid, entry_id, action, due_on, status, note, resolved, planned = row
    assert isinstance(fid, int) and isinstance(entry_id, int) and isinstance(action, str)
    due = date.fromisoformat(str(due_on)) if due_on else None
    planned_at = parse_utc(str(planned))
    assert planned_at is not None
    return PlannedAction(
        FollowUp(
            fid,
            action,
            due,
            str(status),
            None if note is None else str(note),
            parse_utc(None if resolved is None else str(resolved)),
        ),
        entry_id,
        planned_at,
    )


def due_followups(rows: Rows, today: date) -> list[PlannedAction]:
    """Open actions whose day is `today` (the person's local date) or earlier, oldest first."""
    found = rows(
        _SELECT + "WHERE followups.status = 'open' AND followups.due_on IS NOT NULL "
        "AND followups.due_on <= ? ORDER BY followups.due_on, followups.id",
        (today.isoformat(),),
    )
    return [_planned(row) for row in found]


def open_followups(rows: Rows) -> list[PlannedAction]:
    """Every open action, dated ones first by day, then the undated ones."""
    found = rows(
        _SELECT + "WHERE followups.status = 'open' "
        "ORDER BY followups.due_on IS NULL, followups.due_on, followups.id",
        (),
    )
    return [_planned(row) for row in found]


def get_followup(rows: Rows, followup_id: int) -> PlannedAction:
    found = rows(
        _SELECT + "WHERE followups.id = ?",
        (followup_id,),
    )
    if not found:
        raise NotFoundError(
            f"no follow-up with id {followup_id}",
            hint="`attachjournal followups` lists them with their ids.",
        )
    return _planned(found[0])


def record_outcome(
    session: Session, followup_id: int, status: str, note: str | None, now: datetime
) -> None:
    """Mark an action done or not done (with an optional note) at `now`."""
    from attachjournal.models import FollowUpRow
    from attachjournal.store.entries import utc_seconds

    if status not in FOLLOWUP_STATES or status == "open":
        raise UsageError(f"unknown outcome {status!r}; use done or not_done")
    row = session.get(FollowUpRow, followup_id)
    if row is None:
        raise NotFoundError(
            f"no follow-up with id {followup_id}",
            hint="`attachjournal followups` lists them with their ids.",
        )
    row.status = status
    row.note = note.strip() if note and note.strip() else row.note
    row.resolved_at = utc_seconds(now)
    session.add(row)
