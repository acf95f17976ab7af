"""Entry queries: create, read, filter, change and delete entries with their people,
tags, urges and follow-ups, returned as plain `records`."""

from __future__ import annotations

import uuid as uuidlib
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import delete, func, text
from sqlmodel import Session, col, select

from attachjournal.errors import NotFoundError
from attachjournal.models import Draft, Entry, EntryTag, EntryUrge, FollowUpRow, Person, Tag
from attachjournal.records import (
    EntryFilter,
    EntryRecord,
    FollowUp,
    JournalInfo,
    NewEntry,
    Urge,
)


def utc_seconds(moment: datetime) -> datetime:
    """Entries keep whole seconds in UTC: what every export format can carry exactly."""
    return moment.astimezone(UTC).replace(microsecond=0)


def person_id_for(session: Session, name: str | None) -> int | None:
    """The id of the person called `name` (any case), added on first mention."""
    if name is None or not name.strip():
        return None
    clean = name.strip()
    found = session.exec(select(Person.id).where(Person.name == clean)).first()
    if found is not None:
        return found
    person = Person(name=clean)
    session.add(person)
    session.flush()
    assert person.id is not None
    return person.id


def clean_tag(name: str) -> str:
    return name.strip().lstrip("#@").strip()


def set_tags(session: Session, entry_id: int, names: Iterable[str]) -> None:
    """Replace an entry's tags; tags match case-insensitively and keep their first spelling."""
    session.execute(delete(EntryTag).where(col(EntryTag.entry_id) == entry_id))
    seen: set[str] = set()
    for raw in names:
        name = clean_tag(raw)
        if not name or name.lower() in seen:
            continue
        seen.add(name.lower())
        tag_id = session.exec(select(Tag.id).where(Tag.name == name)).first()
        if tag_id is None:
            tag = Tag(name=name)
            session.add(tag)
            session.flush()
            tag_id = tag.id
        assert tag_id is not None
        session.add(EntryTag(entry_id=entry_id, tag_id=tag_id))


def add_entry(session: Session, new: NewEntry, now: datetime) -> int:
    """Insert one entry and everything attached to it; returns its id."""
    created = utc_seconds(new.created_at)
    entry = Entry(
        uuid=new.uuid or str(uuidlib.uuid4()),
        created_at=created,
        updated_at=utc_seconds(new.updated_at or now),
        kind=new.kind,
        style=new.style,
        template=new.template,
        person_id=person_id_for(session, new.person),
        trigger=new.trigger,
        anxiety=new.anxiety,
        avoidance=new.avoidance,
        starred=new.starred,
        text=new.text,
        answers=dict(new.answers),
    )
    session.add(entry)
    session.flush()
    assert entry.id is not None
    set_tags(session, entry.id, new.tags)
    for urge in new.urges:
        session.add(EntryUrge(entry_id=entry.id, name=urge.name, acted=urge.acted))
    for item in new.followups:
        session.add(
            FollowUpRow(
                entry_id=entry.id,
                action=item.action,
                due_on=item.due_on,
                status=item.status,
                note=item.note,
                resolved_at=item.resolved_at,
            )
        )
    return entry.id


def _search_clause(query: str) -> Any:
    """Matches the text or any answer value, case-insensitively, without LIKE wildcards."""
    return text(
        "(instr(lower(entries.text), lower(:q)) > 0 OR EXISTS (SELECT 1 FROM "
        "json_tree(entries.answers) AS t WHERE t.type = 'text' "
        "AND instr(lower(t.value), lower(:q)) > 0))"
    ).bindparams(q=query)


def _where(statement: Any, filt: EntryFilter) -> Any:
    """Every filter as a condition on `entries` alone, so a count needs no join."""
    if filt.since is not None:
        statement = statement.where(col(Entry.created_at) >= filt.since)
    if filt.until is not None:
        statement = statement.where(col(Entry.created_at) < filt.until)
    if filt.style is not None:
        statement = statement.where(Entry.style == filt.style)
    if filt.kind is not None:
        statement = statement.where(Entry.kind == filt.kind)
    if filt.person is not None:
        # One equality (not a join), so an index on (person_id, created_at) can give the order.
        person = select(Person.id).where(Person.name == filt.person.strip()).scalar_subquery()
        statement = statement.where(col(Entry.person_id) == person)
    if filt.tag is not None:
        tagged = (
            select(EntryTag.entry_id)
            .join(Tag, col(Tag.id) == col(EntryTag.tag_id))
            .where(Tag.name == clean_tag(filt.tag))
        )
        statement = statement.where(col(Entry.id).in_(tagged))
    if filt.search:
        statement = statement.where(_search_clause(filt.search))
    return statement


def _filtered(filt: EntryFilter) -> Any:
    """Entries (with their person's name) matching every filter, in no particular order."""
    return _where(select(Entry, Person.name).join(Person, isouter=True), filt)


def _hydrate(session: Session, rows: Sequence[tuple[Entry, str | None]]) -> list[EntryRecord]:
    """Attach tags, urges and follow-ups to a page of entries with one query each."""
    ids = [entry.id for entry, _ in rows]
    tags: dict[int, list[str]] = defaultdict(list)
    urges: dict[int, list[Urge]] = defaultdict(list)
    followups: dict[int, list[FollowUp]] = defaultdict(list)
    if ids:
        tag_rows = session.exec(
            select(EntryTag.entry_id, Tag.name)
            .join(Tag, col(Tag.id) == col(EntryTag.tag_id))
            .where(col(EntryTag.entry_id).in_(ids))
            .order_by(col(Tag.name))
        )
        for entry_id, name in tag_rows:
            tags[entry_id].append(name)
        for urge in session.exec(
            select(EntryUrge).where(col(EntryUrge.entry_id).in_(ids)).order_by(col(EntryUrge.id))
        ):
            urges[urge.entry_id].append(Urge(urge.name, urge.acted))
        for row in session.exec(
            select(FollowUpRow)
            .where(col(FollowUpRow.entry_id).in_(ids))
            .order_by(col(FollowUpRow.id))
        ):
            followups[row.entry_id].append(
                FollowUp(row.id, row.action, row.due_on, row.status, row.note, row.resolved_at)
            )
    records = []
    for entry, person in rows:
        assert entry.id is not None
        records.append(
            EntryRecord(
                id=entry.id,
                uuid=entry.uuid,
                created_at=entry.created_at,
                updated_at=entry.updated_at,
                kind=entry.kind,
                text=entry.text,
                style=entry.style,
                template=entry.template,
                person=person,
                trigger=entry.trigger,
                anxiety=entry.anxiety,
                avoidance=entry.avoidance,
                starred=entry.starred,
                tags=tuple(tags[entry.id]),
                answers=dict(entry.answers or {}),
                urges=tuple(urges[entry.id]),
                followups=tuple(followups[entry.id]),
            )
        )
    return records


def newest_first(filt: EntryFilter, limit: int | None = None) -> Any:
    """The query behind `list`: entries matching every filter, newest first."""
    statement = _filtered(filt).order_by(col(Entry.created_at).desc(), col(Entry.id).desc())
    return statement if limit is None else statement.limit(limit)


def list_entries(
    session: Session, filt: EntryFilter, limit: int | None = None
) -> list[EntryRecord]:
    """Entries matching every filter, newest first."""
    return _hydrate(session, list(session.exec(newest_first(filt, limit))))


def get_entry(session: Session, entry_id: int) -> EntryRecord:
    rows = list(
        session.exec(
            select(Entry, Person.name).join(Person, isouter=True).where(Entry.id == entry_id)
        )
    )
    if not rows:
        raise NotFoundError(f"no entry with id {entry_id}", hint="`attachjournal list` shows ids.")
    return _hydrate(session, rows)[0]


@dataclass(frozen=True)
class EntryChanges:
    """Fields to change on an entry; None leaves a field as it is."""

    text: str | None = None
    style: str | None = None
    person: str | None = None
    tags: tuple[str, ...] | None = None
    anxiety: int | None = None
    avoidance: int | None = None
    created_at: datetime | None = None
    clear_style: bool = False


def update_entry(session: Session, entry_id: int, changes: EntryChanges, now: datetime) -> None:
    entry = session.get(Entry, entry_id)
    if entry is None:
        raise NotFoundError(f"no entry with id {entry_id}", hint="`attachjournal list` shows ids.")
    if changes.text is not None:
        entry.text = changes.text
    if changes.style is not None or changes.clear_style:
        entry.style = changes.style
    if changes.person is not None:
        entry.person_id = person_id_for(session, changes.person)
    if changes.anxiety is not None:
        entry.anxiety = changes.anxiety
    if changes.avoidance is not None:
        entry.avoidance = changes.avoidance
    if changes.created_at is not None:
        entry.created_at = utc_seconds(changes.created_at)
    if changes.tags is not None:
        set_tags(session, entry_id, changes.tags)
    entry.updated_at = utc_seconds(now)
    session.add(entry)


def delete_entry(session: Session, entry_id: int) -> None:
    entry = session.get(Entry, entry_id)
    if entry is None:
        raise NotFoundError(f"no entry with id {entry_id}", hint="`attachjournal list` shows ids.")
    session.delete(entry)


def known_people(session: Session) -> list[str]:
    """Everyone mentioned so far, most mentioned first (for autocomplete)."""
    statement = (
        select(Person.name, func.count(col(Entry.id)))
        .join(Entry, col(Entry.person_id) == col(Person.id), isouter=True)
        .group_by(col(Person.id))
        .order_by(func.count(col(Entry.id)).desc(), col(Person.name))
    )
    return [name for name, _ in session.exec(statement)]


def journal_info(session: Session, schema_version: int) -> JournalInfo:
    first, last, count = session.exec(
        select(func.min(Entry.created_at), func.max(Entry.created_at), func.count(col(Entry.id)))
    ).one()
    return JournalInfo(
        schema_version=schema_version,
        entries=count,
        people=session.exec(select(func.count(col(Person.id)))).one(),
        tags=session.exec(select(func.count(col(Tag.id)))).one(),
        drafts=session.exec(select(func.count(col(Draft.id)))).one(),
        open_followups=session.exec(
            select(func.count(col(FollowUpRow.id))).where(FollowUpRow.status == "open")
        ).one(),
        first_entry=first,
        last_entry=last,
    )


def count_entries(session: Session, filt: EntryFilter) -> int:
    """How many entries match; with no filters SQLite counts the smallest index."""
    statement = _where(select(func.count()).select_from(Entry), filt)
    return int(session.execute(statement).scalar_one())
