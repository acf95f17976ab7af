"""Briefs made: when the last therapy brief ended, and recording a new one."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session, col, select

from attachjournal.models import Brief
from attachjournal.store.entries import utc_seconds


def last_brief_end(session: Session, made_before: datetime) -> datetime | None:
    """Where the latest brief made before `made_before` ended, if there was one.

    The brief calls it with today's local midnight, so making a brief twice in one day
    (to read it, then to save it) covers the same period both times.
    """
    statement = (
        select(Brief.period_end)
        .where(col(Brief.made_at) < utc_seconds(made_before))
        .order_by(col(Brief.made_at).desc(), col(Brief.id).desc())
        .limit(1)
    )
    return session.exec(statement).first()


def record_brief(session: Session, made_at: datetime, start: datetime, end: datetime) -> None:
    session.add(
        Brief(
            made_at=utc_seconds(made_at),
            period_start=utc_seconds(start),
            period_end=utc_seconds(end),
        )
    )
