"""Drafts: the answers of a guided reflection that was interrupted, kept until the person
resumes or discards them. Reads go through `raw.Rows` so a flow can offer to resume before
SQLModel has loaded; writes use a session like every other write."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from attachjournal.store.raw import Rows, parse_utc

if TYPE_CHECKING:
    from sqlmodel import Session


@dataclass(frozen=True)
class DraftRecord:
    """An unfinished reflection."""

    id: int
    template: str | None
    style: str | None
    person: str | None
    started_at: datetime
    updated_at: datetime
    answers: dict[str, Any] = field(default_factory=dict)


def latest_draft(rows: Rows) -> DraftRecord | None:
    """The most recently touched draft, if any."""
    found = rows(
        "SELECT id, template, style, person, started_at, updated_at, answers FROM drafts "
        "ORDER BY updated_at DESC, id DESC LIMIT 1",
        (),
    )
    if not found:
        return None
    draft_id, template, style, person, started, updated, answers = found[0]
    started_at, updated_at = parse_utc(started), parse_utc(updated)
    assert started_at is not None and updated_at is not None
    loaded = json.loads(answers) if answers else {}
    return DraftRecord(
        draft_id,
        template,
        style,
        person,
        started_at,
        updated_at,
        loaded if isinstance(loaded, dict) else {},
    )


def count_drafts(rows: Rows) -> int:
    return int(rows("SELECT count(*) FROM drafts", ())[0][0])


def save_draft(
    session: Session,
    *,
    template: str | None,
    style: str | None,
    person: str | None,
    answers: dict[str, Any],
    now: datetime,
    draft_id: int | None = None,
    started_at: datetime | None = None,
) -> int:
    """Create a draft, or update `draft_id` in place when resuming one; returns its id."""
    from attachjournal.models import Draft
    from attachjournal.store.entries import utc_seconds

    draft = session.get(Draft, draft_id) if draft_id is not None else None
    if draft is None:
        draft = Draft(started_at=utc_seconds(started_at or now), updated_at=utc_seconds(now))
    draft.template = template
    draft.style = style
    draft.person = person
    draft.answers = dict(answers)
    draft.updated_at = utc_seconds(now)
    session.add(draft)
    session.flush()
    assert draft.id is not None
    return draft.id


def discard_draft(session: Session, draft_id: int) -> bool:
    """Delete a draft; False when it was already gone."""
    from attachjournal.models import Draft

    draft = session.get(Draft, draft_id)
    if draft is None:
        return False
    session.delete(draft)
    return True
