"""Reading import files into entries: this tool's JSON export and jrnl's JSON.

Everything is parsed and checked before the store is touched, so a bad file changes
nothing. Every problem is a `JournalError` (exit 1) that names the file, the entry
(its position counting from 1, and its uuid when it has one) and what is wrong, but
never quotes entry text or field values: they may end up in a terminal log.
"""

from __future__ import annotations

import json
import uuid as uuidlib
from datetime import date, datetime, time, tzinfo
from pathlib import Path
from typing import Any, NoReturn

from attachjournal.errors import JournalError, NotFoundError
from attachjournal.records import FOLLOWUP_STATES, KINDS, FollowUp, IncomingEntry, NewEntry, Urge
from attachjournal.styles import STYLE_NAMES

FORMAT_NAME = "attachjournal"
FORMAT_VERSION = 1
# Fixed namespace for jrnl entries' derived UUIDs: the same jrnl entry always gets the same uuid.
JRNL_NAMESPACE = uuidlib.UUID("6f1b8f5e-3c1a-5b7e-9a53-2f4c1d9e8a70")


class ImportFileError(JournalError):
    """The import file can't be read or one of its entries is invalid (exit 1)."""


def read_json(path: Path) -> Any:
    """The parsed JSON of `path`, or an error saying where it stops being JSON."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise NotFoundError(f"no file at {path}") from None
    except IsADirectoryError:
        raise ImportFileError(f"{path} is a folder; give the export file") from None
    except OSError as exc:
        raise ImportFileError(f"can't read {path}: {exc.strerror}") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportFileError(
            f"{path} is not UTF-8 text (bad byte at position {exc.start}); nothing was imported"
        ) from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise ImportFileError(
            f"{path} is not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg}); "
            "nothing was imported"
        ) from None


class _Entry:
    """One raw entry being checked, with the label every error about it uses."""

    def __init__(self, path: Path, index: int, raw: Any) -> None:
        self.path = path
        self.label = f"entry {index + 1}"
        if not isinstance(raw, dict):
            self.fail("is not a JSON object")
        self.raw: dict[str, Any] = raw
        value = raw.get("uuid")
        if isinstance(value, str) and _parse_uuid(value):
            self.label += f" (uuid {value})"

    def fail(self, problem: str) -> NoReturn:
        raise ImportFileError(f"{self.path}: {self.label} {problem}; nothing was imported")

    def text(self, key: str, *, optional: bool = True) -> str | None:
        value = self.raw.get(key)
        if value is None and optional:
            return None
        if not isinstance(value, str):
            self.fail(f"needs `{key}` to be {'text or null' if optional else 'text'}")
        return value

    def choice(self, key: str, allowed: tuple[str, ...], *, optional: bool = True) -> str | None:
        value = self.text(key, optional=optional)
        if value is not None and value not in allowed:
            self.fail(f"has an unknown `{key}`; use one of: {', '.join(allowed)}")
        return value

    def rating(self, key: str) -> int | None:
        value = self.raw.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 10:
            self.fail(f"needs `{key}` to be a whole number from 0 to 10, or null")
        return value

    def flag(self, key: str) -> bool:
        value = self.raw.get(key, False)
        if not isinstance(value, bool):
            self.fail(f"needs `{key}` to be true or false")
        return value

    def moment(self, key: str) -> datetime:
        parsed = _parse_moment(self.raw.get(key))
        if parsed is None:
            self.fail(f"needs `{key}` to be an ISO date and time with a UTC offset")
        return parsed

    def items(self, key: str) -> list[Any]:
        value = self.raw.get(key, [])
        if not isinstance(value, list):
            self.fail(f"needs `{key}` to be a list")
        return value

    def tags(self) -> tuple[str, ...]:
        tags = self.items("tags")
        if not all(isinstance(tag, str) for tag in tags):
            self.fail("needs every tag to be text")
        return tuple(tags)


def _parse_uuid(value: str) -> str | None:
    try:
        return str(uuidlib.UUID(value))
    except ValueError:
        return None


def _parse_moment(value: Any) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    return parsed if parsed.tzinfo is not None else None


def _urges(entry: _Entry) -> tuple[Urge, ...]:
    urges = []
    for raw in entry.items("urges"):
        if not isinstance(raw, dict) or not isinstance(raw.get("name"), str):
            entry.fail("has an urge without a `name`")
        acted = raw.get("acted")
        if acted is not None and not isinstance(acted, bool):
            entry.fail("needs each urge's `acted` to be true, false or null")
        urges.append(Urge(raw["name"], acted))
    return tuple(urges)


def _followups(entry: _Entry) -> tuple[FollowUp, ...]:
    followups = []
    for position, raw in enumerate(entry.items("followups"), start=1):
        where = f"follow-up {position}"
        if not isinstance(raw, dict) or not isinstance(raw.get("action"), str):
            entry.fail(f"has a {where} without an `action`")
        status = raw.get("status", "open")
        if status not in FOLLOWUP_STATES:
            entry.fail(f"has a {where} with an unknown status; use one of: open, done, not_done")
        due_on = raw.get("due_on")
        try:
            due = None if due_on is None else date.fromisoformat(due_on)
        except (TypeError, ValueError):
            entry.fail(f"has a {where} whose `due_on` is not a date like 2026-11-03")
        note = raw.get("note")
        if note is not None and not isinstance(note, str):
            entry.fail(f"has a {where} whose `note` is not text")
        resolved = raw.get("resolved_at")
        resolved_at = None if resolved is None else _parse_moment(resolved)
        if resolved is not None and resolved_at is None:
            entry.fail(f"has a {where} whose `resolved_at` is not an ISO time with a UTC offset")
        followup_id = raw.get("id")
        if followup_id is not None and (
            isinstance(followup_id, bool) or not isinstance(followup_id, int) or followup_id < 1
        ):
            entry.fail(f"has a {where} whose `id` is not a positive whole number")
        followups.append(FollowUp(followup_id, raw["action"], due, status, note, resolved_at))
    return tuple(followups)


def _own_entry(entry: _Entry) -> IncomingEntry:
    raw = entry.raw
    uuid = _parse_uuid(raw["uuid"]) if isinstance(raw.get("uuid"), str) else None
    if uuid is None:
        entry.fail("needs a `uuid`")
    created = entry.moment("created_at")
    updated = entry.moment("updated_at") if raw.get("updated_at") is not None else created
    answers = raw.get("answers", {})
    if not isinstance(answers, dict):
        entry.fail("needs `answers` to be an object")
    source_id = raw.get("id")
    if source_id is not None and (
        isinstance(source_id, bool) or not isinstance(source_id, int) or source_id < 1
    ):
        entry.fail("needs `id` to be a positive whole number or null")
    new = NewEntry(
        kind=entry.choice("kind", KINDS, optional=False) or "note",
        text=entry.text("text", optional=False) or "",
        created_at=created,
        style=entry.choice("style", STYLE_NAMES),
        template=entry.text("template"),
        person=entry.text("person"),
        trigger=entry.text("trigger"),
        anxiety=entry.rating("anxiety"),
        avoidance=entry.rating("avoidance"),
        starred=entry.flag("starred"),
        tags=entry.tags(),
        answers=answers,
        urges=_urges(entry),
        followups=_followups(entry),
        uuid=uuid,
        updated_at=updated,
    )
    return IncomingEntry(entry=new, label=entry.label, source_id=source_id)


def _entries_list(path: Path, document: Any, what: str) -> list[Any]:
    if not isinstance(document, dict) or not isinstance(document.get("entries"), list):
        raise ImportFileError(
            f"{path} is not {what} (it needs an `entries` list); nothing was imported"
        )
    entries: list[Any] = document["entries"]
    return entries


def _no_duplicates(path: Path, items: list[IncomingEntry]) -> list[IncomingEntry]:
    first_seen: dict[str | None, int] = {}
    for index, item in enumerate(items, start=1):
        earlier = first_seen.setdefault(item.entry.uuid, index)
        if earlier != index:
            raise ImportFileError(
                f"{path}: entry {index} has the same uuid as entry {earlier} "
                f"({item.entry.uuid}); nothing was imported"
            )
    return items


def parse_own(path: Path, document: Any) -> list[IncomingEntry]:
    """Entries from an attachjournal JSON export (format attachjournal, version 1)."""
    if not isinstance(document, dict) or document.get("format") != FORMAT_NAME:
        raise ImportFileError(
            f"{path} is not an attachjournal export (its `format` is not {FORMAT_NAME!r}); "
            "nothing was imported",
            hint="For a file from `jrnl --format json`, add --format jrnl.",
        )
    version = document.get("version")
    if version != FORMAT_VERSION:
        shown = version if isinstance(version, int) and not isinstance(version, bool) else "?"
        raise ImportFileError(
            f"{path} is export version {shown}; this attachjournal reads version "
            f"{FORMAT_VERSION}; nothing was imported",
            hint="A newer attachjournal may read it.",
        )
    raw_entries = _entries_list(path, document, "an attachjournal export")
    return _no_duplicates(
        path, [_own_entry(_Entry(path, i, raw)) for i, raw in enumerate(raw_entries)]
    )


def jrnl_uuid(day: str, clock: str, title: str, body: str) -> str:
    """A stable uuid for a jrnl entry, so importing the same file twice adds nothing."""
    return str(uuidlib.uuid5(JRNL_NAMESPACE, f"{day}\n{clock}\n{title}\n{body}"))


def local_moment(day: date, clock: time, zone: tzinfo) -> datetime:
    """A wall-clock time in `zone`: a time skipped by a DST change moves forward by the
    gap (as clocks did), a repeated hour means its first occurrence."""
    from dateutil import tz

    return tz.resolve_imaginary(datetime.combine(day, clock, tzinfo=zone))


def _jrnl_entry(entry: _Entry, zone: tzinfo) -> IncomingEntry:
    title = entry.text("title", optional=False) or ""
    body = entry.text("body") or ""
    day_text, clock_text = entry.raw.get("date"), entry.raw.get("time", "00:00")
    try:
        if not isinstance(day_text, str) or not isinstance(clock_text, str):
            raise ValueError
        day, clock = date.fromisoformat(day_text), time.fromisoformat(clock_text)
    except ValueError:
        entry.fail("needs `date` like 2026-11-03 and `time` like 21:30")
    created = local_moment(day, clock, zone)
    starred = entry.flag("starred")
    tags = [tag.lstrip("@#") for tag in entry.tags()]
    if starred:
        tags.append("starred")
    given = entry.raw.get("uuid")
    uuid = (_parse_uuid(given) if isinstance(given, str) else None) or jrnl_uuid(
        day_text, clock_text, title, body
    )
    text = title + ("\n" + body if body else "")
    new = NewEntry(
        kind="note",
        text=text,
        created_at=created,
        starred=starred,
        tags=tuple(tags),
        uuid=uuid,
        updated_at=created,
    )
    return IncomingEntry(entry=new, label=entry.label)


def parse_jrnl(path: Path, document: Any, zone: tzinfo) -> list[IncomingEntry]:
    """Entries from `jrnl --format json`; its dates are wall-clock times in `zone`."""
    raw_entries = _entries_list(path, document, "a jrnl JSON export")
    items = [_jrnl_entry(_Entry(path, i, raw), zone) for i, raw in enumerate(raw_entries)]
    # Two jrnl entries with the same time, title and body are the same entry written twice:
    # they get the same uuid, and one copy is kept.
    seen: set[str | None] = set()
    unique = []
    for item in items:
        if item.entry.uuid not in seen:
            seen.add(item.entry.uuid)
            unique.append(item)
    return unique


def read_import(path: Path, fmt: str, zone: tzinfo) -> list[IncomingEntry]:
    """Every entry in the file at `path`, checked, in the file's order."""
    document = read_json(path)
    if fmt == "jrnl":
        return parse_jrnl(path, document, zone)
    return parse_own(path, document)
