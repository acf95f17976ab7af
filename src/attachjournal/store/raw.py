"""Plain-sqlite3 reads that a guided flow needs before SQLModel has loaded.

Importing SQLModel costs ~0.3-0.5 s, longer than the whole budget for showing the first
question. The few reads a flow needs up front (people for autocomplete, the latest draft,
due follow-ups, recent entries) are written once as raw SQL over a `Rows` function, which
runs on a stdlib `sqlite3` connection before the store has loaded and on a SQLModel
session afterwards. A journal that is missing or needs an upgrade is never read here: the
caller waits for `open_journal`, which creates or migrates it, and reads again.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from attachjournal import db
from attachjournal.errors import StorageError
from attachjournal.records import EntryRecord, Urge

if TYPE_CHECKING:
    from sqlmodel import Session

Rows = Callable[[str, Sequence[Any]], list[tuple[Any, ...]]]
UTC_FORMAT = "%Y-%m-%dT%H:%M:%SZ"


def parse_utc(text: str | None) -> datetime | None:
    return None if text is None else datetime.strptime(text, UTC_FORMAT).replace(tzinfo=UTC)


def format_utc(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime(UTC_FORMAT)


@contextmanager
def current_journal(path: Path) -> Iterator[Rows | None]:
    """Rows over the journal at `path` if it exists with the current schema, else None.

    Raises like `open_journal` for a file that is not a journal, so a flow fails before
    its first question rather than after the last.
    """
    if not path.exists() or db.looks_encrypted(path) or db.check_file(path):
        # Missing, encrypted (needs the keyed driver) or due an upgrade: read elsewhere.
        yield None
        return
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=rw", uri=True)
    except sqlite3.Error as exc:
        raise StorageError(f"the journal at {path} could not be read: {exc}") from None
    try:
        conn.execute(f"PRAGMA busy_timeout = {db.BUSY_TIMEOUT_MS}")

        def rows(sql: str, params: Sequence[Any]) -> list[tuple[Any, ...]]:
            try:
                return conn.execute(sql, tuple(params)).fetchall()
            except sqlite3.Error as exc:
                raise StorageError(f"the journal at {path} could not be read: {exc}") from None

        yield rows
    finally:
        conn.close()


def session_rows(session: Session) -> Rows:
    """The same reads through an open SQLModel session."""

    def rows(sql: str, params: Sequence[Any]) -> list[tuple[Any, ...]]:
        result = session.connection().exec_driver_sql(sql, tuple(params))
        return [tuple(row) for row in result.fetchall()]

    return rows


def known_people(rows: Rows) -> list[str]:
    """Everyone mentioned so far, most mentioned first (for autocomplete)."""
    found = rows(
        "SELECT people.name FROM people LEFT JOIN entries ON entries.person_id = people.id "
        "GROUP BY people.id ORDER BY count(entries.id) DESC, people.name",
        (),
    )
    return [name for (name,) in found]


def recent_entries(rows: Rows, since: datetime) -> list[EntryRecord]:
    """Entries from `since` on, newest first, with their urges (what `today` looks at)."""
    found = rows(
        "SELECT entries.id, uuid, created_at, updated_at, kind, text, style, template, "
        'people.name, "trigger", anxiety, avoidance, starred FROM entries '
        "LEFT JOIN people ON people.id = entries.person_id WHERE created_at >= ? "
        "ORDER BY created_at DESC, entries.id DESC",
        (format_utc(since),),
    )
    urges: dict[int, list[Urge]] = {}
    if found:
        ids = [row[0] for row in found]
        marks = ",".join("?" * len(ids))
        for entry_id, name, acted in rows(
            f"SELECT entry_id, name, acted FROM urges WHERE entry_id IN ({marks}) ORDER BY id",  # noqa: S608  (only ? marks)
            ids,
        ):
            acted_on = None if acted is None else bool(acted)
            urges.setdefault(entry_id, []).append(Urge(name, acted_on))
    records = []
    for row in found:
        entry_id, uuid, created, updated, kind, text, style, template, person = row[:9]
        trigger, anxiety, avoidance, starred = row[9:]
        created_at, updated_at = parse_utc(created), parse_utc(updated)
        assert created_at is not None and updated_at is not None
        records.append(
            EntryRecord(
                id=entry_id,
                uuid=uuid,
                created_at=created_at,
                updated_at=updated_at,
                kind=kind,
                text=text,
                style=style,
                template=template,
                person=person,
                trigger=trigger,
                anxiety=anxiety,
                avoidance=avoidance,
                starred=bool(starred),
                urges=tuple(urges.get(entry_id, ())),
            )
        )
    return records
