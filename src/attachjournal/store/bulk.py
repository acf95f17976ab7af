"""Bulk SQL for export and import: streaming reads and one-transaction imports.

Both use plain sqlite3 instead of the ORM: building SQLModel objects costs more than
everything else an export of 100k entries does, and an import of 10k entries row by row
through `session.flush()` takes far longer than the few seconds people will wait.

- Reads run on a connection from `reading(paths)`: the file is checked and prepared by
  `db.prepare` exactly as `open_journal` does, then read in one snapshot without
  importing SQLAlchemy or SQLModel (~0.4 s of start-up an export need not pay). A read
  can also use a session's connection (`raw_connection`).
- Imports run on the connection under a `Journal.write()` session, inside its one
  transaction, so they commit or roll back as a whole (Ctrl-C included).

If the journal ever needs more than pragmas to open (an encryption key), `reading` must
learn it too.
"""

from __future__ import annotations

import json
import sqlite3
from collections import defaultdict
from collections.abc import Generator, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, fields
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any, cast

from attachjournal import db
from attachjournal.errors import StorageError
from attachjournal.records import EntryFilter, EntryRecord, FollowUp, IncomingEntry, Urge

if TYPE_CHECKING:
    from sqlmodel import Session

    from attachjournal.config import Paths

BATCH_SIZE = 1000
UTC_FORMAT = "%Y-%m-%dT%H:%M:%SZ"
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")

_ENTRY_COLUMNS = (
    "e.id, e.uuid, e.created_at, e.updated_at, e.kind, e.text, e.style, e.template, "
    'e.person_id, e."trigger", e.anxiety, e.avoidance, e.starred, e.answers'
)
_RECORD_FIELDS = tuple(field.name for field in fields(EntryRecord))
# Filling a frozen dataclass's __dict__ directly is ~2× cheaper than its __init__ (which
# sets each of 17 fields through object.__setattr__); that is 0.25 s of a 100k export.
# Only while EntryRecord stays a plain dataclass without __post_init__ or slots.
_FAST_RECORDS = not hasattr(EntryRecord, "__post_init__") and "__slots__" not in vars(EntryRecord)


def raw_connection(session: Session) -> sqlite3.Connection:
    """The sqlite3 connection under the session, inside the session's transaction."""
    return cast(sqlite3.Connection, session.connection().connection.driver_connection)


@contextmanager
def reading(paths: Paths) -> Iterator[sqlite3.Connection]:
    """A connection to the (checked, created or upgraded) journal in one read snapshot."""
    from attachjournal.store import open_raw  # encrypted journals included

    conn = open_raw(paths)
    try:
        conn.execute("BEGIN")
    except Exception as exc:
        conn.close()
        if not db.is_db_error(exc):
            raise
        raise StorageError(f"can't open the journal at {paths.db}: {exc}") from None
    try:
        yield conn
    finally:
        conn.rollback()
        conn.close()


def _clean_tag(name: str) -> str:
    from attachjournal.store.entries import clean_tag

    return clean_tag(name)


def _utc_text(moment: datetime) -> str:
    """Stored time text: UTC, whole seconds (as `entries.utc_seconds` and the models do)."""
    return moment.astimezone(UTC).strftime(UTC_FORMAT)


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
        clauses.append("e.person_id IN (SELECT id FROM people WHERE name = ?)")
        params.append(filt.person.strip())
    if filt.tag is not None:
        clauses.append(
            "e.id IN (SELECT et.entry_id FROM entry_tags et JOIN tags t ON t.id = et.tag_id "
            "WHERE t.name = ?)"
        )
        params.append(_clean_tag(filt.tag))
    if filt.search:
        clauses.append(
            "(instr(lower(e.text), lower(?)) > 0 OR EXISTS (SELECT 1 FROM json_tree(e.answers) "
            "AS j WHERE j.type = 'text' AND instr(lower(j.value), lower(?)) > 0))"
        )
        params.extend([filt.search, filt.search])
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def iter_entries(
    source: sqlite3.Connection | Session, filt: EntryFilter, batch_size: int = BATCH_SIZE
) -> Generator[EntryRecord, None, None]:
    """Entries matching `filt`, oldest first, read and hydrated one batch at a time.

    Memory stays flat whatever the journal's size: only one batch of rows, tags, urges
    and follow-ups is held at once.
    """
    # A Session, or a DB-API connection: sqlite3's, or SQLCipher's for an encrypted journal.
    conn = raw_connection(source) if hasattr(source, "get_bind") else source  # type: ignore[arg-type]
    where, params = _where(filt)
    cursor = conn.execute(
        f"SELECT {_ENTRY_COLUMNS} FROM entries e{where} ORDER BY e.created_at, e.id",  # noqa: S608
        params,
    )
    try:
        tags = _TagNames(conn)
        people = dict(conn.execute("SELECT id, name FROM people").fetchall())
        while rows := cursor.fetchmany(batch_size):
            yield from _hydrate(conn, rows, tags, people)
    except sqlite3.Error as exc:
        raise _storage_error(exc, "read") from None
    finally:
        cursor.close()


class _TagNames:
    """Every tag's name and its place in `ORDER BY tags.name` (NOCASE), read once."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.names: dict[int, str] = dict(conn.execute("SELECT id, name FROM tags").fetchall())
        ordered = sorted(self.names, key=lambda tag_id: _nocase(self.names[tag_id]))
        self.rank = {tag_id: place for place, tag_id in enumerate(ordered)}


def _children(conn: sqlite3.Connection, sql: str, ids: Sequence[int]) -> list[Any]:
    return conn.execute(sql.format(marks=",".join("?" * len(ids))), ids).fetchall()


def _hydrate(
    conn: sqlite3.Connection,
    rows: Sequence[tuple[Any, ...]],
    tag_names: _TagNames,
    people: dict[int, str],
) -> Iterator[EntryRecord]:
    """Records for one batch of entry rows: three queries for all their children."""
    ids = [row[0] for row in rows]
    tags: dict[int, list[str]] = defaultdict(list)
    urges: dict[int, list[Urge]] = defaultdict(list)
    followups: dict[int, list[FollowUp]] = defaultdict(list)
    tag_rows = _children(
        conn, "SELECT entry_id, tag_id FROM entry_tags WHERE entry_id IN ({marks})", ids
    )
    rank, names = tag_names.rank, tag_names.names
    tag_rows.sort(key=lambda pair: rank[pair[1]])
    for entry_id, tag_id in tag_rows:
        tags[entry_id].append(names[tag_id])
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
    parse, loads, empty, new = datetime.fromisoformat, json.loads, (), object.__new__
    tags_of, urges_of, followups_of = tags.get, urges.get, followups.get
    for row in rows:
        entry_id, person_id, answers = row[0], row[8], row[13]
        entry_tags = tags_of(entry_id)
        entry_urges = urges_of(entry_id)
        entry_followups = followups_of(entry_id)
        values = (
            entry_id,
            row[1],  # uuid
            parse(row[2]),
            parse(row[3]),
            row[4],  # kind
            row[5],  # text
            row[6],  # style
            row[7],  # template
            None if person_id is None else people[person_id],
            row[9],  # trigger
            row[10],  # anxiety
            row[11],  # avoidance
            bool(row[12]),
            tuple(entry_tags) if entry_tags else empty,
            loads(answers) if answers and answers != "{}" else {},
            tuple(entry_urges) if entry_urges else empty,
            tuple(entry_followups) if entry_followups else empty,
        )
        if _FAST_RECORDS:
            record = new(EntryRecord)
            record.__dict__.update(zip(_RECORD_FIELDS, values, strict=True))
            yield record
        else:
            yield EntryRecord(*values)


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
            name = _clean_tag(raw)
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
