"""The SQLModel tables.

What summaries filter or count on is a column or a child table (time, style, person,
trigger, ratings, tags, urges, follow-ups); everything else a guided reflection records
lives in the `answers` JSON. The schema is created and changed only by `migrations.py`;
a test proves these models and the migrated schema agree.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import JSON, CheckConstraint, Column, ForeignKey, Index, Integer, String
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator
from sqlmodel import Field, SQLModel

UTC_FORMAT = "%Y-%m-%dT%H:%M:%SZ"


class UTCDateTime(TypeDecorator[datetime]):
    """Aware datetimes stored as fixed-width UTC text, so text order is time order."""

    impl = String(20)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> str | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetimes are not stored; attach a time zone")
        return value.astimezone(UTC).strftime(UTC_FORMAT)

    def process_result_value(self, value: str | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return datetime.strptime(value, UTC_FORMAT).replace(tzinfo=UTC)


def _nocase_name() -> Any:
    return Field(sa_column=Column(String(collation="NOCASE"), nullable=False, unique=True))


class Person(SQLModel, table=True):
    __tablename__ = "people"

    id: int | None = Field(default=None, primary_key=True)
    name: str = _nocase_name()


class Tag(SQLModel, table=True):
    __tablename__ = "tags"

    id: int | None = Field(default=None, primary_key=True)
    name: str = _nocase_name()


class Entry(SQLModel, table=True):
    __tablename__ = "entries"
    __table_args__ = (
        CheckConstraint("kind IN ('reflection', 'checkin', 'note')", name="entry_kind"),
        CheckConstraint("anxiety BETWEEN 0 AND 10", name="entry_anxiety"),
        CheckConstraint("avoidance BETWEEN 0 AND 10", name="entry_avoidance"),
        Index("ix_entries_style_created_at", "style", "created_at"),
        Index("ix_entries_person_created_at", "person_id", "created_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    uuid: str = Field(sa_column=Column(String(36), nullable=False, unique=True))
    created_at: datetime = Field(sa_column=Column(UTCDateTime, nullable=False, index=True))
    updated_at: datetime = Field(sa_column=Column(UTCDateTime, nullable=False))
    kind: str
    style: str | None = None
    template: str | None = None
    person_id: int | None = Field(
        default=None,
        sa_column=Column(Integer, ForeignKey("people.id", ondelete="SET NULL")),
    )
    trigger: str | None = Field(default=None, index=True)
    anxiety: int | None = None
    avoidance: int | None = None
    starred: bool = False
    text: str
    answers: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))


class EntryTag(SQLModel, table=True):
    __tablename__ = "entry_tags"

    entry_id: int = Field(
        sa_column=Column(Integer, ForeignKey("entries.id", ondelete="CASCADE"), primary_key=True)
    )
    tag_id: int = Field(
        sa_column=Column(
            Integer, ForeignKey("tags.id", ondelete="CASCADE"), primary_key=True, index=True
        )
    )


class EntryUrge(SQLModel, table=True):
    __tablename__ = "urges"

    id: int | None = Field(default=None, primary_key=True)
    entry_id: int = Field(
        sa_column=Column(
            Integer, ForeignKey("entries.id", ondelete="CASCADE"), nullable=False, index=True
        )
    )
    name: str
    acted: bool | None = None


class FollowUpRow(SQLModel, table=True):
    __tablename__ = "followups"
    __table_args__ = (
        CheckConstraint("status IN ('open', 'done', 'not_done')", name="followup_status"),
    )

    id: int | None = Field(default=None, primary_key=True)
    entry_id: int = Field(
        sa_column=Column(
            Integer, ForeignKey("entries.id", ondelete="CASCADE"), nullable=False, index=True
        )
    )
    action: str
    due_on: date | None = Field(default=None, index=True)
    status: str = "open"
    note: str | None = None
    resolved_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime, nullable=True))


class Draft(SQLModel, table=True):
    """An unfinished guided reflection, kept so that Ctrl-C loses nothing."""

    __tablename__ = "drafts"

    id: int | None = Field(default=None, primary_key=True)
    template: str | None = None
    style: str | None = None
    person: str | None = None
    started_at: datetime = Field(sa_column=Column(UTCDateTime, nullable=False))
    updated_at: datetime = Field(sa_column=Column(UTCDateTime, nullable=False))
    answers: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))


class Brief(SQLModel, table=True):
    """A therapy brief that was made: the next one starts where this one's period ended."""

    __tablename__ = "briefs"

    id: int | None = Field(default=None, primary_key=True)
    made_at: datetime = Field(sa_column=Column(UTCDateTime, nullable=False))
    period_start: datetime = Field(sa_column=Column(UTCDateTime, nullable=False))
    period_end: datetime = Field(sa_column=Column(UTCDateTime, nullable=False))


class SchemaMigration(SQLModel, table=True):
    __tablename__ = "schema_migrations"

    name: str = Field(primary_key=True)
    applied_at: datetime = Field(sa_column=Column(UTCDateTime, nullable=False))
