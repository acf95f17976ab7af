"""Plain data that flows between the store, the pure core and the views.

These dataclasses carry no database machinery, so summaries, renderers and exporters can
use them without importing SQLModel (which costs ~0.3 s at start-up).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

KINDS: tuple[str, ...] = ("reflection", "checkin", "note")
FOLLOWUP_STATES: tuple[str, ...] = ("open", "done", "not_done")


@dataclass(frozen=True)
class Urge:
    """An urge noticed in a moment, and whether it was acted on (None: not answered)."""

    name: str
    acted: bool | None = None


@dataclass(frozen=True)
class FollowUp:
    """A planned secure action and, later, how it went."""

    id: int | None
    action: str
    due_on: date | None = None
    status: str = "open"
    note: str | None = None
    resolved_at: datetime | None = None


@dataclass(frozen=True)
class EntryRecord:
    """One journal entry with everything attached to it."""

    id: int
    uuid: str
    created_at: datetime
    updated_at: datetime
    kind: str
    text: str
    style: str | None = None
    template: str | None = None
    person: str | None = None
    trigger: str | None = None
    anxiety: int | None = None
    avoidance: int | None = None
    starred: bool = False
    tags: tuple[str, ...] = ()
    answers: dict[str, Any] = field(default_factory=dict)
    urges: tuple[Urge, ...] = ()
    followups: tuple[FollowUp, ...] = ()


@dataclass(frozen=True)
class NewEntry:
    """What a command or flow hands to the store to create an entry."""

    kind: str
    text: str
    created_at: datetime
    style: str | None = None
    template: str | None = None
    person: str | None = None
    trigger: str | None = None
    anxiety: int | None = None
    avoidance: int | None = None
    starred: bool = False
    tags: tuple[str, ...] = ()
    answers: dict[str, Any] = field(default_factory=dict)
    urges: tuple[Urge, ...] = ()
    followups: tuple[FollowUp, ...] = ()
    uuid: str | None = None
    updated_at: datetime | None = None


@dataclass(frozen=True)
class EntryFilter:
    """The filters `list` (and exports) combine; times are aware, end exclusive."""

    since: datetime | None = None
    until: datetime | None = None
    style: str | None = None
    person: str | None = None
    tag: str | None = None
    search: str | None = None
    kind: str | None = None


@dataclass(frozen=True)
class JournalInfo:
    """What `info` reports about a journal."""

    schema_version: int
    entries: int
    people: int
    tags: int
    drafts: int
    open_followups: int
    first_entry: datetime | None
    last_entry: datetime | None


def _iso(moment: datetime | None) -> str | None:
    return None if moment is None else moment.astimezone().isoformat(timespec="seconds")


def followup_to_dict(item: FollowUp) -> dict[str, Any]:
    return {
        "id": item.id,
        "action": item.action,
        "due_on": None if item.due_on is None else item.due_on.isoformat(),
        "status": item.status,
        "note": item.note,
        "resolved_at": _iso(item.resolved_at),
    }


def entry_to_dict(entry: EntryRecord) -> dict[str, Any]:
    """The `--json` entry shape from cli.md (local time with its UTC offset)."""
    return {
        "id": entry.id,
        "uuid": entry.uuid,
        "created_at": _iso(entry.created_at),
        "updated_at": _iso(entry.updated_at),
        "kind": entry.kind,
        "style": entry.style,
        "template": entry.template,
        "person": entry.person,
        "trigger": entry.trigger,
        "tags": list(entry.tags),
        "anxiety": entry.anxiety,
        "avoidance": entry.avoidance,
        "starred": entry.starred,
        "text": entry.text,
        "answers": entry.answers,
        "urges": [{"name": urge.name, "acted": urge.acted} for urge in entry.urges],
        "followups": [followup_to_dict(item) for item in entry.followups],
    }


@dataclass(frozen=True)
class IncomingEntry:
    """An entry read from an import file: what to store, plus what the store needs to
    keep a restore exact (the id it had, kept when free) and to name it in errors."""

    entry: NewEntry
    label: str
    source_id: int | None = None
