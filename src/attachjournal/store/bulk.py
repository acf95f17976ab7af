"""Bulk SQL for export and import: streaming reads and one-transaction imports.

Both go straight to the session's sqlite3 connection instead of through the ORM: building
SQLModel objects costs more than everything else an export of 100k entries does, and an
import of 10k entries row by row through `session.flush()` takes far longer than the few
seconds people will wait. They stay inside the session's transaction, so reads see one
snapshot and an import commits or rolls back as a whole (Ctrl-C included).
"""

from __future__ import annotations

import json
import sqlite3
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, cast

from attachjournal.errors import StorageError
from attachjournal.records import EntryFilter, EntryRecord, FollowUp, IncomingEntry, Urge
from attachjournal.store.entries import clean_tag, utc_seconds

if TYPE_CHECKING:
    from sqlmodel import Session

BATCH_SIZE = 1000
UTC_FORMAT = "%Y-%m-%dT%H:%M:%SZ"
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")

_ENTRY_COLUMNS = (
    "e.id, e.uuid, e.created_at, e.updated_at, e.kind, e.text, e.style, e.template, p.name, "
    'e."trigger", e.anxiety, e.avoidance, e.starred, e.answers'
)


def raw_connection(session: Session) -> sqlite3.Connection:
    """The sqlite3 connection under the session, inside the session's transaction."""
    return cast(sqlite3.Connection, session.connection().connection.driver_connection)


def _utc_text(moment: datetime) -> str:
    return utc_seconds(moment).strftime(UTC_FORMAT)


def _utc(text: str) -> datetime:
    return datetime.fromisoformat(text)


def _nocase(name: str) -> str:
    """SQLite's NOCASE folds ASCII letters only; lookups here must agree with it."""
    return name.translate(_ASCII_LOWER)


def _where(filt: EntryFilter) -> tuple[str, list[Any]]:
    clauses: list[str] = []
    params: list[Any] = []
    if filt.since is not None:
        clauses.append("e.created_at >= ?")
        params.append(_utc_text(filt.since))
    if filt.until is not None:
        clauses.append("e.created_at < ?")
        params.append(_utc_text(filt.until))
    if filt.style is not None:
        clauses.append("e.style = ?")
        params.append(filt.style)
    if filt.kind is not None:
        clauses.append("e.kind = ?")
        params.append(filt.kind)
    if filt.person is not None:
        clauses.append("p.name = ?")
        params.append(filt.person.strip())
    if filt.tag is not None:
        clauses.append(
            "e.id IN (SELECT et.entry_id FROM entry_tags et JOIN tags t ON t.id = et.tag_id "
            "WHERE t.name = ?)"
        )
        params.append(clean_tag(filt.tag))
    if filt.search:
        clauses.append(
            "(instr(lower(e.text), lower(?)) > 0 OR EXISTS (SELECT 1 FROM json_tree(e.answers) "
            "AS j WHERE j.type = 'text' AND instr(lower(j.value), lower(?)) > 0))"
        )
        params.extend([filt.search, filt.search])
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def iter_entries(
    session: Session, filt: EntryFilter, batch_size: int = BATCH_SIZE
) -> Iterator[EntryRecord]:
    """Entries matching `filt`, oldest first, read and hydrated one batch at a time.

    Memory stays flat whatever the journal's size: only one batch of rows, tags, urges
    and follow-ups is held at once.
    """
    conn = raw_connection(session)
    where, params = _where(filt)
    cursor = conn.execute(
        f"SELECT {_ENTRY_COLUMNS} FROM entries e LEFT JOIN people p ON p.id = e.person_id"  # noqa: S608
        f"{where} ORDER BY e.created_at, e.id",
        params,
    )
    try:
        while rows := cursor.fetchmany(batch_size):
            yield from _hydrate(conn, rows)
    except sqlite3.Error as exc:
        raise _storage_error(exc, "read") from None
    finally:
        cursor.close()


def _children(conn: sqlite3.Connection, sql: str, ids: Sequence[int]) -> Iterator[tuple[Any, ...]]:
    marks = ",".join("?" * len(ids))
    yield from conn.execute(sql.format(marks=marks), ids)


def _hydrate(conn: sqlite3.Connection, rows: Sequence[tuple[Any, ...]]) -> Iterator[EntryRecord]:
    ids = [row[0] for row in rows]
    tags: dict[int, list[str]] = defaultdict(list)
    urges: dict[int, list[Urge]] = defaultdict(list)
    followups: dict[int, list[FollowUp]] = defaultdict(list)
    for entry_id, name in _children(
        conn,
        "SELECT et.entry_id, t.name FROM entry_tags et JOIN tags t ON t.id = et.tag_id "
        "WHERE et.entry_id IN ({marks}) ORDER BY t.name",
        ids,
    ):
        tags[entry_id].append(name)
    for entry_id, name, acted in _children(
        conn, "SELECT entry_id, name, acted FROM urges WHERE entry_id IN ({marks}) ORDER BY id", ids
    ):
        urges[entry_id].append(Urge(name, None if acted is None else bool(acted)))
    for fid, entry_id, action, due_on, status, note, resolved_at in _children(
        conn,
        "SELECT id, entry_id, action, due_on, status, note, resolved_at FROM followups "
        "WHERE entry_id IN ({marks}) ORDER BY id",
        ids,
    ):
        followups[entry_id].append(
            FollowUp(
                fid,
                action,
                None if due_on is None else date.fromisoformat(due_on),
                status,
                note,
                None if resolved_at is None else _utc(resolved_at),
            )
        )
    for row in rows:
        entry_id = row[0]
        yield EntryRecord(
            id=entry_id,
            uuid=row[1],
            created_at=_utc(row[2]),
            updated_at=_utc(row[3]),
            kind=row[4],
            text=row[5],
            style=row[6],
            template=row[7],
            person=row[8],
            trigger=row[9],
            anxiety=row[10],
            avoidance=row[11],
            starred=bool(row[12]),
            tags=tuple(tags.get(entry_id, ())),
            answers=json.loads(row[13]) if row[13] else {},
            urges=tuple(urges.get(entry_id, ())),
            followups=tuple(followups.get(entry_id, ())),
        )


@dataclass(frozen=True)
class ImportResult:
    """What an import did: new entries, entries replaced by a newer version, the rest."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0


def _storage_error(exc: sqlite3.Error, doing: str) -> StorageError:
    message = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return StorageError(f"the journal could not be {doing}: {message}")


class _Importer:
    """Caches of what the journal already holds, so each entry costs a few INSERTs."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self.by_uuid: dict[str, tuple[int, str]] = {
            uuid: (entry_id, updated)
            for entry_id, uuid, updated in conn.execute("SELECT id, uuid, updated_at FROM entries")
        }
        self.entry_ids = {entry_id for entry_id, _ in self.by_uuid.values()}
        self.followup_ids = {row[0] for row in conn.execute("SELECT id FROM followups")}
        self.people = {
            _nocase(name): pid for pid, name in conn.execute("SELECT id, name FROM people")
        }
        self.tags = {_nocase(name): tid for tid, name in conn.execute("SELECT id, name FROM tags")}

    def person_id(self, name: str | None) -> int | None:
        if name is None or not name.strip():
            return None
        clean = name.strip()
        key = _nocase(clean)
        if key not in self.people:
            cursor = self.conn.execute("INSERT INTO people (name) VALUES (?)", (clean,))
            self.people[key] = cast(int, cursor.lastrowid)
        person_id: int = self.people[key]
        return person_id

    def tag_ids(self, names: Iterable[str]) -> list[int]:
        seen: set[str] = set()
        ids: list[int] = []
        for raw in names:
            name = clean_tag(raw)
            if not name or name.lower() in seen:
                continue
            seen.add(name.lower())
            key = _nocase(name)
            if key not in self.tags:
                cursor = self.conn.execute("INSERT INTO tags (name) VALUES (?)", (name,))
                self.tags[key] = cast(int, cursor.lastrowid)
            if self.tags[key] not in ids:
                ids.append(self.tags[key])
        return ids

    def columns(self, item: IncomingEntry) -> tuple[Any, ...]:
        new = item.entry
        return (
            _utc_text(new.created_at),
            _utc_text(new.updated_at or new.created_at),
            new.kind,
            new.style,
            new.template,
            self.person_id(new.person),
            new.trigger,
            new.anxiety,
            new.avoidance,
            int(new.starred),
            new.text,
            json.dumps(new.answers, ensure_ascii=False, sort_keys=True),
        )

    def add(self, item: IncomingEntry) -> None:
        wanted = item.source_id if item.source_id not in self.entry_ids else None
        cursor = self.conn.execute(
            "INSERT INTO entries (id, uuid, created_at, updated_at, kind, style, template, "
            'person_id, "trigger", anxiety, avoidance, starred, text, answers) '
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (wanted, item.entry.uuid, *self.columns(item)),
        )
        entry_id = cast(int, cursor.lastrowid)
        self.entry_ids.add(entry_id)
        self.by_uuid[cast(str, item.entry.uuid)] = (entry_id, self.columns_updated(item))
        self.children(entry_id, item)

    def columns_updated(self, item: IncomingEntry) -> str:
        return _utc_text(item.entry.updated_at or item.entry.created_at)

    def replace(self, entry_id: int, item: IncomingEntry) -> None:
        self.conn.execute(
            "UPDATE entries SET created_at = ?, updated_at = ?, kind = ?, style = ?, template = ?, "
            'person_id = ?, "trigger" = ?, anxiety = ?, avoidance = ?, starred = ?, text = ?, '
            "answers = ? WHERE id = ?",
            (*self.columns(item), entry_id),
        )
        for table in ("entry_tags", "urges"):
            self.conn.execute(f"DELETE FROM {table} WHERE entry_id = ?", (entry_id,))  # noqa: S608
        gone = self.conn.execute(
            "DELETE FROM followups WHERE entry_id = ? RETURNING id", (entry_id,)
        )
        self.followup_ids.difference_update(row[0] for row in gone.fetchall())
        self.by_uuid[cast(str, item.entry.uuid)] = (entry_id, self.columns_updated(item))
        self.children(entry_id, item)

    def children(self, entry_id: int, item: IncomingEntry) -> None:
        new = item.entry
        self.conn.executemany(
            "INSERT INTO entry_tags (entry_id, tag_id) VALUES (?, ?)",
            [(entry_id, tag_id) for tag_id in self.tag_ids(new.tags)],
        )
        self.conn.executemany(
            "INSERT INTO urges (entry_id, name, acted) VALUES (?, ?, ?)",
            [
                (entry_id, urge.name, None if urge.acted is None else int(urge.acted))
                for urge in new.urges
            ],
        )
        for followup in new.followups:
            wanted = followup.id if followup.id not in self.followup_ids else None
            cursor = self.conn.execute(
                "INSERT INTO followups (id, entry_id, action, due_on, status, note, resolved_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    wanted,
                    entry_id,
                    followup.action,
                    None if followup.due_on is None else followup.due_on.isoformat(),
                    followup.status,
                    followup.note,
                    None if followup.resolved_at is None else _utc_text(followup.resolved_at),
                ),
            )
            self.followup_ids.add(cast(int, cursor.lastrowid))


def import_entries(session: Session, items: Iterable[IncomingEntry]) -> ImportResult:
    """Add or update entries by UUID inside the session's one transaction.

    Idempotent: an entry whose UUID is known is replaced only when the file's
    `updated_at` is newer, so importing the same file twice changes nothing. Ids (and
    follow-up ids) from the file are kept when they are free, so restoring an export into
    an empty journal gives back the same ids. Any failure propagates and the caller's
    transaction rolls everything back.
    """
    added = updated = unchanged = 0
    try:
        importer = _Importer(raw_connection(session))
        for item in items:
            uuid = item.entry.uuid
            if uuid is None:
                raise ValueError(f"{item.label} has no uuid")
            known = importer.by_uuid.get(uuid)
            if known is None:
                importer.add(item)
                added += 1
            elif importer.columns_updated(item) > known[1]:
                importer.replace(known[0], item)
                updated += 1
            else:
                unchanged += 1
    except sqlite3.Error as exc:
        raise _storage_error(exc, "written") from None
    return ImportResult(added=added, updated=updated, unchanged=unchanged)
